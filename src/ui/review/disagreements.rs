//! Disagreements tab: the queue of (document, code, category) where A and B
//! differ; opening one shows both reviewers overlaid at the first
//! difference; decisions make Consensus codings and are logged.

use super::{ReviewUi, pick_pair};
use crate::analysis::disagreements::disagreements;
use crate::edit::consensus;
use crate::model::Choice;
use crate::session::Workspace;
use crate::ui::Intent;

pub fn show(ui: &mut egui::Ui, ws: &Workspace, state: &mut ReviewUi, out: &mut Vec<Intent>) {
    state.defaults(ws);
    pick_pair(ui, ws, state);
    let (Some(a), Some(b)) = (state.a, state.b) else {
        return;
    };
    if a == b {
        return;
    }
    let p = &ws.project;
    let queue = disagreements(p, &ws.scope, a, b);
    let resolved = queue.iter().filter(|d| d.resolved).count();
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(format!("{resolved} of {} resolved", queue.len())).strong());
        ui.add(
            egui::ProgressBar::new(if queue.is_empty() {
                1.0
            } else {
                resolved as f32 / queue.len() as f32
            })
            .desired_width(120.0),
        );
        ui.checkbox(&mut state.show_resolved, "show resolved");
    });
    let name = |r| {
        p.reviewer(r)
            .map(|r| r.initials.clone())
            .unwrap_or_default()
    };
    let (na, nb) = (name(a), name(b));
    if let Some(i) = state.selected
        && let Some(d) = queue.get(i)
    {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let doc = p
                .document(d.doc)
                .map(|x| x.title.clone())
                .unwrap_or_default();
            let cat = d
                .category
                .and_then(|k| p.category(k))
                .map(|k| k.name.clone())
                .unwrap_or_else(|| "no category".into());
            ui.label(egui::RichText::new(format!("{} · {cat}", p.codebook.path(d.code))).strong());
            ui.add(egui::Label::new(egui::RichText::new(doc).weak()).truncate());
            ui.label(format!(
                "{na}: {}, tinted · {nb}: {}, outlined",
                crate::words::count(d.a.len(), "passage", "passages"),
                crate::words::count(d.b.len(), "passage", "passages")
            ));
            crate::ui::labelled_field(
                ui,
                "Note",
                &mut state.note,
                "for the decision log (optional)",
            );
            ui.horizontal_wrapped(|ui| {
                let by = ws.coding_as.unwrap_or(a);
                let mut decide = |choice: Choice, edited: Option<(usize, usize)>| {
                    let cmd = consensus::decide(p, d, (a, b), choice, by, &state.note, edited);
                    out.push(Intent::Apply(
                        format!("Consensus: {}", choice.describe(&na, &nb)),
                        cmd,
                    ));
                };
                if ui.button(format!("Accept {na}")).clicked() {
                    decide(Choice::AcceptA, None);
                }
                if ui.button(format!("Accept {nb}")).clicked() {
                    decide(Choice::AcceptB, None);
                }
                if ui.button("Accept both").clicked() {
                    decide(Choice::AcceptBoth, None);
                }
                if ui.button("Neither").clicked() {
                    decide(Choice::Neither, None);
                }
                let sel = ws.selected_range.filter(|_| ws.open_doc == Some(d.doc));
                if ui
                    .add_enabled(sel.is_some(), egui::Button::new("Use my selection"))
                    .on_disabled_hover_text("Select the agreed passage in the document first")
                    .clicked()
                {
                    decide(Choice::Edited, sel);
                }
            });
        });
    }
    egui::ScrollArea::vertical()
        .id_salt("disagreement_queue")
        .auto_shrink([false, false])
        .max_height(ui.available_height() * 0.6)
        .show(ui, |ui| {
            for (i, d) in queue.iter().enumerate() {
                if d.resolved && !state.show_resolved && state.selected != Some(i) {
                    continue;
                }
                let doc = p.document(d.doc);
                let r = doc.map(|x| x.reference).unwrap_or(0);
                let cat = d
                    .category
                    .and_then(|k| p.category(k))
                    .map(|k| format!(" · {}", k.name))
                    .unwrap_or_default();
                let mark = if d.resolved { "(resolved) " } else { "" };
                let text = format!(
                    "{mark}[{r}] {}{cat} — {na} {} / {nb} {}",
                    p.codebook
                        .get(d.code)
                        .map(|c| c.name.as_str())
                        .unwrap_or("?"),
                    d.a.len(),
                    d.b.len()
                );
                let resp =
                    ui.add(egui::Button::selectable(state.selected == Some(i), text).truncate());
                if resp.clicked() {
                    state.selected = Some(i);
                    state.note.clear();
                    out.push(Intent::OpenDisagreement {
                        doc: d.doc,
                        at: d.first_difference,
                        a,
                        b,
                    });
                }
            }
            if queue.is_empty() {
                ui.label(
                    egui::RichText::new(
                        "No disagreements: the two reviewers coded the same passages.",
                    )
                    .weak(),
                );
            }
        });
    if !p.decisions.is_empty() {
        ui.separator();
        ui.label(egui::RichText::new(format!("Decision log ({})", p.decisions.len())).strong());
        egui::ScrollArea::vertical()
            .id_salt("decision_log")
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for dcs in p.decisions.iter().rev() {
                    let who = p
                        .reviewer(dcs.by)
                        .map(|r| r.initials.clone())
                        .unwrap_or_default();
                    let note = if dcs.note.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", dcs.note)
                    };
                    ui.label(
                        egui::RichText::new(format!(
                            "{} {who}: {} on {}{note}",
                            dcs.when,
                            dcs.describe(p),
                            p.codebook.path(dcs.code)
                        ))
                        .small(),
                    );
                }
            });
    }
}
