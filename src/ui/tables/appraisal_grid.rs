//! The Appraisal tab's studies × items grid: the same sheet the report
//! writes, shown as a table.

use crate::edit::Command;
use crate::edit::appraisal::AppraisalCommand as A;
use crate::model::ReviewerId;
use crate::model::appraisal::JudgementStep;
use crate::session::Workspace;
use crate::ui::Intent;

/// The grid of the current reviewer (or of every checklist's first one).
/// `shown` receives the cells the window drew, row by row (tests compare
/// them with the report's CSV).
pub fn show(
    ui: &mut egui::Ui,
    ws: &Workspace,
    shown: &mut Vec<Vec<String>>,
    out: &mut Vec<Intent>,
) {
    shown.clear();
    use crate::io::report::appraisal::{Whose, checklists_in_use, grid};
    let p = &ws.project;
    let lists = checklists_in_use(p);
    if lists.is_empty() {
        ui.label(egui::RichText::new("No study is appraised yet.").weak());
        return;
    }
    let Some(me) = ws.coding_as.filter(|r| *r != ReviewerId::CONSENSUS) else {
        ui.label(egui::RichText::new("Choose who you are to see your grid.").weak());
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("appraisal_grid")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for c in lists {
                let sheet = grid(p, c, Whose::Reviewer(me));
                ui.label(egui::RichText::new(&sheet.title).strong());
                // Wide grids scroll sideways; the legend below wraps.
                egui::ScrollArea::horizontal()
                    .id_salt(("appraisal_grid_x", c.id.as_str()))
                    .show(ui, |ui| {
                        egui::Grid::new(("appraisal_grid", c.id.as_str()))
                            .striped(true)
                            .spacing([10.0, 3.0])
                            .show(ui, |ui| {
                                for col in &sheet.columns {
                                    ui.label(egui::RichText::new(col.replace('_', " ")).strong());
                                }
                                ui.end_row();
                                for row in &sheet.rows {
                                    let mut drawn = Vec::with_capacity(row.len());
                                    for cell in row {
                                        let text = cell.as_text();
                                        ui.label(&text);
                                        drawn.push(text);
                                    }
                                    shown.push(drawn);
                                    ui.end_row();
                                }
                            });
                    });
                if let Some(note) = &sheet.note {
                    ui.add(egui::Label::new(egui::RichText::new(note).small().weak()).wrap());
                }
                ui.add_space(8.0);
            }
            rule_editor(ui, ws, out);
        });
}

/// The rule deriving a study's judgement from its count of best answers:
/// one minimum per level (the last level takes the rest), applied as one
/// undoable change and stated in every grid.
fn rule_editor(ui: &mut egui::Ui, ws: &Workspace, out: &mut Vec<Intent>) {
    let a = &ws.project.appraisal;
    let levels = a.levels();
    let id = egui::Id::unique("appraisal_judgement_rule");
    let mut mins: Vec<u32> = ui.data_mut(|d| d.get_temp(id)).unwrap_or_else(|| {
        levels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                a.rule
                    .iter()
                    .find(|s| &s.level == l)
                    .map_or([8, 5, 0].get(i).copied().unwrap_or(0), |s| s.at_least)
            })
            .collect()
    });
    egui::CollapsingHeader::new("Derive judgements from the count of best answers")
        .id_salt("judgement_rule_header")
        .show(ui, |ui| {
            ui.label(
                egui::RichText::new(
                    "A study without a judgement of its own gets the first level whose minimum its count reaches; the rule is stated under every grid.",
                )
                .small()
                .weak(),
            );
            egui::Grid::new("judgement_rule_grid").show(ui, |ui| {
                // The last level (e.g. Exclude) is set by hand only.
                for (i, l) in levels.iter().enumerate().take(levels.len().saturating_sub(1)) {
                    ui.label(l);
                    if let Some(m) = mins.get_mut(i) {
                        ui.add(egui::DragValue::new(m).range(0..=100).prefix("at least "));
                    }
                    ui.end_row();
                }
            });
            ui.horizontal(|ui| {
                if ui.button("Use this rule").clicked() {
                    let rule: Vec<JudgementStep> = levels
                        .iter()
                        .zip(&mins)
                        .take(levels.len().saturating_sub(1))
                        .map(|(l, m)| JudgementStep {
                            at_least: *m,
                            level: l.clone(),
                        })
                        .collect();
                    out.push(Intent::Apply(
                        "Set the judgement rule".into(),
                        Command::Appraisal(A::SetRule {
                            levels: a.levels.clone(),
                            rule,
                        }),
                    ));
                }
                if !a.rule.is_empty() && ui.button("No rule").clicked() {
                    out.push(Intent::Apply(
                        "Remove the judgement rule".into(),
                        Command::Appraisal(A::SetRule {
                            levels: a.levels.clone(),
                            rule: Vec::new(),
                        }),
                    ));
                }
            });
        });
    ui.data_mut(|d| d.insert_temp(id, mins));
}
