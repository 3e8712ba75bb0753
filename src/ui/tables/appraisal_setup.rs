//! The Appraisal tab's study set-up: which checklist (chosen, or by a rule
//! on an attribute value) and the study's overall judgement.

use crate::edit::Command;
use crate::edit::appraisal::AppraisalCommand as A;
use crate::model::appraisal::{Checklist, bundled};
use crate::model::{DocId, ReviewerId};
use crate::session::Workspace;
use crate::ui::Intent;

pub fn choose_checklist(ui: &mut egui::Ui, ws: &Workspace, doc: DocId, out: &mut Vec<Intent>) {
    ui.label("This study has no checklist yet. Appraise it with:");
    let p = &ws.project;
    let mut lists: Vec<Checklist> = p.appraisal.checklists.clone();
    for b in bundled() {
        if !lists.iter().any(|c| c.id == b.id) {
            lists.push(b);
        }
    }
    for c in lists {
        let label = format!("{} — {} items", c.title(), c.items.len());
        if ui.button(label).on_hover_text(&c.source).clicked() {
            let mut cmds = Vec::new();
            if p.appraisal.checklist(&c.id).is_none() {
                cmds.push(Command::Appraisal(A::PutChecklist {
                    id: c.id.clone(),
                    checklist: Some(c.clone()),
                }));
            }
            cmds.push(Command::Appraisal(A::SetChecklistFor {
                doc,
                checklist: Some(c.id.clone()),
            }));
            out.push(Intent::Apply(
                "Choose a checklist".into(),
                Command::Batch(cmds),
            ));
        }
    }
}

/// Where the study's checklist comes from, and a menu to make it the rule
/// for every study sharing one of its attribute values ("Study type =
/// Report → AACODS"), or to stop a rule.
pub fn rule_menu(
    ui: &mut egui::Ui,
    ws: &Workspace,
    doc: DocId,
    checklist: &Checklist,
    out: &mut Vec<Intent>,
) {
    use crate::model::appraisal::ChecklistRule;
    let p = &ws.project;
    let own = p.appraisal.assigned.iter().any(|(d, _)| *d == doc);
    let Some(d) = p.documents.iter().find(|d| d.id == doc) else {
        return;
    };
    let attr_name = |id| p.attribute_def(id).map_or("?", |a| a.name.as_str());
    let from_rule = (!own)
        .then(|| {
            p.appraisal
                .rules
                .iter()
                .find(|r| d.attributes.get(&r.attr).is_some_and(|v| v == &r.value))
        })
        .flatten();
    let how = match from_rule {
        Some(r) => format!("by the rule {} = {}", attr_name(r.attr), r.value),
        None => "chosen for this study".to_owned(),
    };
    ui.menu_button(egui::RichText::new(how).small(), |ui| {
        ui.label(egui::RichText::new("Use this checklist for every study with").weak());
        for (attr, value) in &d.attributes {
            if value.trim().is_empty() {
                continue;
            }
            let exists = p
                .appraisal
                .rules
                .iter()
                .any(|r| r.attr == *attr && &r.value == value && r.checklist == checklist.id);
            if !exists
                && ui
                    .button(format!("{} = {value}", attr_name(*attr)))
                    .clicked()
            {
                let mut rules: Vec<ChecklistRule> = p
                    .appraisal
                    .rules
                    .iter()
                    .filter(|r| !(r.attr == *attr && &r.value == value))
                    .cloned()
                    .collect();
                rules.push(ChecklistRule {
                    attr: *attr,
                    value: value.clone(),
                    checklist: checklist.id.clone(),
                });
                out.push(Intent::Apply(
                    "Add a checklist rule".into(),
                    Command::Appraisal(A::SetRules(rules)),
                ));
                ui.close();
            }
        }
        if let Some(r) = from_rule
            && ui
                .button(format!("Stop the rule {} = {}", attr_name(r.attr), r.value))
                .clicked()
        {
            let rules = p
                .appraisal
                .rules
                .iter()
                .filter(|x| *x != r)
                .cloned()
                .collect();
            out.push(Intent::Apply(
                "Remove a checklist rule".into(),
                Command::Appraisal(A::SetRules(rules)),
            ));
            ui.close();
        }
        if own && ui.button("Let the rules choose for this study").clicked() {
            out.push(Intent::Apply(
                "Choose a checklist".into(),
                Command::Appraisal(A::SetChecklistFor {
                    doc,
                    checklist: None,
                }),
            ));
            ui.close();
        }
    });
}

/// The study's overall judgement: a level and the reason, or what the
/// review's rule derives.
pub fn judgement(
    ui: &mut egui::Ui,
    ws: &Workspace,
    doc: DocId,
    me: ReviewerId,
    drafts: &mut std::collections::HashMap<String, String>,
    out: &mut Vec<Intent>,
) {
    use crate::model::appraisal::Judgement;
    let p = &ws.project;
    let current = p.appraisal.judgement(doc).cloned();
    let derived = crate::analysis::appraisal::study_level(p, doc).filter(|(_, by_rule)| *by_rule);
    ui.horizontal_wrapped(|ui| {
        ui.label("Overall judgement:");
        let shown = match (&current, &derived) {
            (Some(j), _) => j.level.clone(),
            (None, Some((l, _))) => format!("{l} (by the rule)"),
            (None, None) => "none yet".to_owned(),
        };
        let set = |level: Option<String>, reason: String| {
            Intent::Apply(
                "Set the overall judgement".into(),
                Command::Appraisal(A::SetJudgement {
                    doc,
                    judgement: level.map(|level| Judgement {
                        doc,
                        level,
                        reason,
                        by: me,
                        at: crate::model::time::now_iso(),
                    }),
                }),
            )
        };
        let reason = current
            .as_ref()
            .map(|j| j.reason.clone())
            .unwrap_or_default();
        let r = egui::ComboBox::from_id_salt("appraisal_judgement")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for level in p.appraisal.levels() {
                    let on = current.as_ref().is_some_and(|j| j.level == level);
                    if ui.selectable_label(on, &level).clicked() {
                        out.push(set(Some(level), reason.clone()));
                    }
                }
                if current.is_some() && ui.selectable_label(false, "(clear)").clicked() {
                    out.push(set(None, String::new()));
                }
            });
        crate::ui::name_combo(r, "Overall judgement");
        if let Some(j) = &current {
            let draft = drafts
                .entry(format!("\u{0}judgement:{}", doc.0))
                .or_insert_with(|| j.reason.clone());
            let field = ui.add(
                egui::TextEdit::singleline(draft)
                    .hint_text("Reason for the judgement")
                    .desired_width(200.0),
            );
            if field.lost_focus() && *draft != j.reason {
                out.push(set(Some(j.level.clone()), draft.clone()));
            }
        }
    });
}
