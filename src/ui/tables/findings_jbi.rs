//! The Findings tab's JBI view and the review question's context: JBI
//! categories (findings grouped by meaning) and synthesised findings
//! (categories aggregated), each synthesised finding's ConQual score with
//! the arithmetic behind it; the population, phenomenon, context and the
//! attribute values relevance is judged against.

use crate::analysis::Prepared;
use crate::analysis::conqual::conqual;
use crate::edit::Command;
use crate::edit::findings::FindingsCommand as F;
use crate::model::findings::{JbiCategory, ResearchType, ReviewContext, Synthesised};
use crate::model::{FindingId, GroupId};
use crate::session::Workspace;
use crate::ui::Intent;

/// Names being typed for new groups.
#[derive(Default)]
pub struct JbiUi {
    pub category_name: String,
    pub picked: Vec<FindingId>,
    pub synthesis: String,
    pub picked_categories: Vec<GroupId>,
    pub text_and_opinion: bool,
}

pub fn show(ui: &mut egui::Ui, ws: &Workspace, state: &mut JbiUi, out: &mut Vec<Intent>) {
    let p = &ws.project;
    let f = &p.findings;
    egui::ScrollArea::vertical()
        .id_salt("jbi_view")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            context(ui, ws, out);
            ui.separator();
            ui.label(egui::RichText::new("Synthesised findings and their ConQual score").strong());
            let prep = Prepared::new(p, &ws.scope);
            if f.synthesised.is_empty() {
                ui.label(
                    egui::RichText::new(
                        "None yet: group findings into categories, then categories into a synthesised finding below.",
                    )
                    .weak(),
                );
            }
            for s in &f.synthesised {
                let c = conqual(&prep, s);
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(egui::RichText::new(&s.statement).strong());
                    let cats: Vec<&str> = s
                        .categories
                        .iter()
                        .filter_map(|id| f.category(*id).map(|c| c.name.as_str()))
                        .collect();
                    ui.label(
                        egui::RichText::new(format!(
                            "{} \u{b7} categories: {} \u{b7} studies {}",
                            s.research.label(),
                            cats.join("; "),
                            crate::analysis::citations::Citer::of(p).cite(&c.refs)
                        ))
                        .weak(),
                    );
                    for step in &c.steps {
                        ui.label(step);
                    }
                    if ui.small_button("Remove this synthesised finding").clicked() {
                        out.push(Intent::Apply(
                            "Remove a synthesised finding".into(),
                            Command::Findings(F::PutSynthesised {
                                id: s.id,
                                synthesised: None,
                                at: None,
                            }),
                        ));
                    }
                });
            }
            ui.separator();
            categories(ui, ws, state, out);
            ui.separator();
            synthesis(ui, ws, state, out);
        });
}

fn categories(ui: &mut egui::Ui, ws: &Workspace, state: &mut JbiUi, out: &mut Vec<Intent>) {
    let f = &ws.project.findings;
    ui.label(egui::RichText::new("JBI categories").strong());
    for c in &f.categories {
        ui.horizontal_wrapped(|ui| {
            let labels: Vec<&str> = c
                .findings
                .iter()
                .filter_map(|id| f.finding(*id).map(|x| x.label.as_str()))
                .collect();
            ui.label(format!("{}: {}", c.name, labels.join(", ")));
            if c.findings.len() < 2 {
                ui.label(
                    egui::RichText::new("(JBI asks for at least two findings)")
                        .color(ui.visuals().warn_fg_color),
                );
            }
            let used = f.synthesised.iter().any(|s| s.categories.contains(&c.id));
            if !used && ui.small_button("Remove").clicked() {
                out.push(Intent::Apply(
                    "Remove a category".into(),
                    Command::Findings(F::PutCategory {
                        id: c.id,
                        category: None,
                        at: None,
                    }),
                ));
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("New category");
        ui.add(egui::TextEdit::singleline(&mut state.category_name).desired_width(180.0))
            .labelled_by(l.id);
    });
    ui.horizontal_wrapped(|ui| {
        for x in &f.findings {
            let mut on = state.picked.contains(&x.id);
            if ui
                .checkbox(&mut on, &x.label)
                .on_hover_text(&x.statement)
                .changed()
            {
                state.picked.retain(|id| *id != x.id);
                if on {
                    state.picked.push(x.id);
                }
            }
        }
    });
    let ok = !state.category_name.trim().is_empty() && !state.picked.is_empty();
    if ui
        .add_enabled(ok, egui::Button::new("Add the category"))
        .clicked()
    {
        let id = GroupId::new();
        out.push(Intent::Apply(
            "Add a category".into(),
            Command::Findings(F::PutCategory {
                id,
                category: Some(JbiCategory {
                    id,
                    name: state.category_name.trim().to_owned(),
                    findings: std::mem::take(&mut state.picked),
                }),
                at: None,
            }),
        ));
        state.category_name.clear();
    }
}

fn synthesis(ui: &mut egui::Ui, ws: &Workspace, state: &mut JbiUi, out: &mut Vec<Intent>) {
    let f = &ws.project.findings;
    ui.label(egui::RichText::new("New synthesised finding").strong());
    let l = ui.label("Statement");
    ui.add(
        egui::TextEdit::multiline(&mut state.synthesis)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id);
    ui.horizontal_wrapped(|ui| {
        for c in &f.categories {
            let mut on = state.picked_categories.contains(&c.id);
            if ui.checkbox(&mut on, &c.name).changed() {
                state.picked_categories.retain(|id| *id != c.id);
                if on {
                    state.picked_categories.push(c.id);
                }
            }
        }
    });
    ui.checkbox(
        &mut state.text_and_opinion,
        "Text and opinion (the score starts Low instead of High)",
    );
    let ok = !state.synthesis.trim().is_empty() && !state.picked_categories.is_empty();
    if ui
        .add_enabled(ok, egui::Button::new("Add the synthesised finding"))
        .clicked()
    {
        let id = GroupId::new();
        out.push(Intent::Apply(
            "Add a synthesised finding".into(),
            Command::Findings(F::PutSynthesised {
                id,
                synthesised: Some(Synthesised {
                    id,
                    statement: state.synthesis.trim().to_owned(),
                    categories: std::mem::take(&mut state.picked_categories),
                    research: if state.text_and_opinion {
                        ResearchType::TextAndOpinion
                    } else {
                        ResearchType::Qualitative
                    },
                }),
                at: None,
            }),
        ));
        state.synthesis.clear();
    }
}

/// The review question's context: the ConQual header, and the attribute
/// values relevance compares the studies with (ticked from the values the
/// studies have).
fn context(ui: &mut egui::Ui, ws: &Workspace, out: &mut Vec<Intent>) {
    let p = &ws.project;
    let ctx = &p.findings.context;
    egui::CollapsingHeader::new("Review question and context")
        .id_salt("review_context")
        .show(ui, |ui| {
            let mut edited = ctx.clone();
            let mut changed = false;
            for (label, value) in [
                ("Review title", &mut edited.title),
                ("Population", &mut edited.population),
                ("Phenomenon of interest", &mut edited.phenomenon),
                ("Context", &mut edited.context),
            ] {
                ui.horizontal(|ui| {
                    let l = ui.label(label);
                    let r = ui
                        .add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
                        .labelled_by(l.id);
                    changed |= r.changed();
                });
            }
            ui.label(
                egui::RichText::new(
                    "Relevance compares each contributing study with these values:",
                )
                .weak(),
            );
            for a in &p.attributes {
                let mut values: Vec<String> = p
                    .documents
                    .iter()
                    .map(|d| d.attribute(a.id).trim().to_owned())
                    .filter(|v| !v.is_empty())
                    .collect();
                values.sort();
                values.dedup();
                if values.is_empty() || values.len() > 30 {
                    continue;
                }
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("{}:", a.name));
                    for v in values {
                        let wanted = edited
                            .values
                            .iter()
                            .any(|(x, vs)| *x == a.id && vs.contains(&v));
                        let mut on = wanted;
                        if ui.checkbox(&mut on, &v).changed() {
                            set_value(&mut edited, a.id, &v, on);
                            changed = true;
                        }
                    }
                });
            }
            if changed {
                out.push(Intent::ApplyTyping(
                    "Edit the review context".into(),
                    Command::Findings(F::SetContext(edited)),
                ));
            }
        });
}

fn set_value(ctx: &mut ReviewContext, attr: crate::model::AttrId, v: &str, on: bool) {
    if let Some((_, vs)) = ctx.values.iter_mut().find(|(x, _)| *x == attr) {
        vs.retain(|x| x != v);
        if on {
            vs.push(v.to_owned());
        }
    } else if on {
        ctx.values.push((attr, vec![v.to_owned()]));
    }
    ctx.values.retain(|(_, vs)| !vs.is_empty());
}
