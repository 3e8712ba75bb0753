//! Checking tab: the reviewer who is coding steps through another
//! reviewer's codings (next/previous, keyboard) and marks each Confirmed or
//! Disputed with a note; the author sees disputes and resolves them.

use super::ReviewUi;
use crate::edit::consensus;
use crate::model::{ReviewerId, Verdict};
use crate::session::Workspace;
use crate::ui::Intent;

pub fn show(ui: &mut egui::Ui, ws: &Workspace, state: &mut ReviewUi, out: &mut Vec<Intent>) {
    let p = &ws.project;
    let Some(me) = ws.coding_as else {
        ui.label(egui::RichText::new("Choose who is coding first (top right).").weak());
        return;
    };
    if state
        .check_author
        .is_none_or(|a| a == me || p.reviewer(a).is_none())
    {
        state.check_author = p.reviewers.iter().map(|r| r.id).find(|r| {
            *r != me && *r != ReviewerId::CONSENSUS && p.codings.iter().any(|c| c.reviewer == *r)
        });
    }
    ui.horizontal(|ui| {
        ui.label("Check the codings of");
        let name = state
            .check_author
            .and_then(|r| p.reviewer(r))
            .map(|r| r.name.clone())
            .unwrap_or_else(|| "nobody".into());
        let r = egui::ComboBox::from_id_salt("check_author")
            .selected_text(name)
            .show_ui(ui, |ui| {
                for r in p
                    .reviewers
                    .iter()
                    .filter(|r| r.id != me && r.id != ReviewerId::CONSENSUS)
                {
                    if ui
                        .selectable_value(&mut state.check_author, Some(r.id), &r.name)
                        .clicked()
                    {
                        state.check_index = 0;
                    }
                }
            });
        crate::ui::name_combo(r, "Check the codings of");
        ui.checkbox(&mut state.only_unchecked, "only unchecked");
    });
    if let Some(author) = state.check_author {
        checker(ui, ws, state, author, me, out);
    }
    ui.separator();
    my_disputes(ui, ws, state, me, out);
}

fn checker(
    ui: &mut egui::Ui,
    ws: &Workspace,
    state: &mut ReviewUi,
    author: ReviewerId,
    me: ReviewerId,
    out: &mut Vec<Intent>,
) {
    let p = &ws.project;
    let doc_pos = p.doc_positions();
    let mut list: Vec<&crate::model::Coding> = p
        .codings
        .iter()
        .filter(|c| c.reviewer == author)
        .filter(|c| !state.only_unchecked || c.check.is_none())
        .collect();
    list.sort_by_key(|c| (doc_pos.get(&c.doc).copied(), c.start));
    let confirmed = p
        .codings
        .iter()
        .filter(|c| {
            c.reviewer == author
                && c.check
                    .as_ref()
                    .is_some_and(|k| k.verdict == Verdict::Confirmed)
        })
        .count();
    let disputed = p
        .codings
        .iter()
        .filter(|c| {
            c.reviewer == author
                && c.check
                    .as_ref()
                    .is_some_and(|k| k.verdict == Verdict::Disputed)
        })
        .count();
    let total = p.codings.iter().filter(|c| c.reviewer == author).count();
    ui.label(format!(
        "{confirmed} confirmed, {disputed} disputed, {} unchecked of {total}",
        total - confirmed - disputed
    ));
    if list.is_empty() {
        ui.label(egui::RichText::new("Nothing to check here.").weak());
        return;
    }
    state.check_index = state.check_index.min(list.len() - 1);
    let c = list[state.check_index];
    let keys = !ui.ctx().egui_wants_keyboard_input();
    let (next, prev, yes, no) = ui.input(|i| {
        (
            keys && i.key_pressed(egui::Key::ArrowRight),
            keys && i.key_pressed(egui::Key::ArrowLeft),
            keys && i.key_pressed(egui::Key::Y),
            keys && i.key_pressed(egui::Key::D),
        )
    });
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button("< Previous").clicked() || prev {
                state.check_index = state.check_index.saturating_sub(1);
                state.check_note.clear();
            }
            ui.label(format!("{} of {}", state.check_index + 1, list.len()));
            if ui.button("Next >").clicked() || next {
                state.check_index = (state.check_index + 1).min(list.len() - 1);
                state.check_note.clear();
            }
            if ui.small_button("Show in document").clicked() {
                out.push(Intent::JumpToCoding(c.id));
            }
        });
        let d = p.document(c.doc);
        let src = d
            .map(|d| {
                if d.short_ref.is_empty() {
                    format!("[{}]", d.reference)
                } else {
                    d.short_ref.clone()
                }
            })
            .unwrap_or_default();
        let cat = c
            .category
            .and_then(|k| p.category(k))
            .map(|k| k.name.clone())
            .unwrap_or_else(|| "no category".into());
        ui.label(egui::RichText::new(format!("{} · {cat}", p.codebook.path(c.code))).strong());
        let quote = d
            .map(|d| d.slice_chars(c.start, c.end.min(c.start + 500)))
            .unwrap_or_default();
        ui.label(format!("“{}” ({src})", quote.replace('\n', " ")));
        if let Some(k) = &c.check {
            let who = p
                .reviewer(k.by)
                .map(|r| r.initials.clone())
                .unwrap_or_default();
            let v = match k.verdict {
                Verdict::Confirmed => "Confirmed",
                Verdict::Disputed => "Disputed",
            };
            let note = if k.note.is_empty() {
                String::new()
            } else {
                format!(": {}", k.note)
            };
            ui.label(egui::RichText::new(format!("{v} by {who}{note}")).italics());
        }
        crate::ui::labelled_field(ui, "Note", &mut state.check_note, "why you dispute it");
        ui.horizontal(|ui| {
            if ui.button("Confirm (Y)").clicked() || yes {
                out.push(Intent::Apply(
                    "Confirm coding".into(),
                    consensus::check(c, Verdict::Confirmed, me, &state.check_note),
                ));
                state.check_note.clear();
                state.check_index = (state.check_index + 1).min(list.len() - 1);
            }
            if ui.button("Dispute (D)").clicked() || no {
                out.push(Intent::Apply(
                    "Dispute coding".into(),
                    consensus::check(c, Verdict::Disputed, me, &state.check_note),
                ));
                state.check_note.clear();
                state.check_index = (state.check_index + 1).min(list.len() - 1);
            }
            ui.label(
                egui::RichText::new("Arrow keys: previous / next")
                    .small()
                    .weak(),
            );
        });
    });
    // Counts per code.
    egui::CollapsingHeader::new("Confirmed and disputed per code").show(ui, |ui| {
        egui::Grid::new("check_counts")
            .striped(true)
            .show(ui, |ui| {
                ui.label(egui::RichText::new("Code").strong());
                ui.label(egui::RichText::new("confirmed").strong());
                ui.label(egui::RichText::new("disputed").strong());
                ui.end_row();
                for (id, _) in p.codebook.tree_order() {
                    let of = |v| {
                        p.codings
                            .iter()
                            .filter(|c| {
                                c.reviewer == author
                                    && c.code == id
                                    && c.check.as_ref().is_some_and(|k| k.verdict == v)
                            })
                            .count()
                    };
                    let (cf, ds) = (of(Verdict::Confirmed), of(Verdict::Disputed));
                    if cf + ds == 0 {
                        continue;
                    }
                    ui.label(p.codebook.path(id));
                    ui.label(cf.to_string());
                    ui.label(ds.to_string());
                    ui.end_row();
                }
            });
    });
}

/// Disputes on my own codings, to answer and resolve.
fn my_disputes(
    ui: &mut egui::Ui,
    ws: &Workspace,
    state: &mut ReviewUi,
    me: ReviewerId,
    out: &mut Vec<Intent>,
) {
    let p = &ws.project;
    let open: Vec<&crate::model::Coding> = p
        .codings
        .iter()
        .filter(|c| {
            c.reviewer == me
                && c.check
                    .as_ref()
                    .is_some_and(|k| k.verdict == Verdict::Disputed && !k.resolved)
        })
        .collect();
    ui.label(egui::RichText::new(format!("Disputes on your codings ({})", open.len())).strong());
    if open.is_empty() {
        ui.label(egui::RichText::new("None open.").weak());
        return;
    }
    crate::ui::labelled_field(ui, "Answer", &mut state.reply, "optional");
    egui::ScrollArea::vertical()
        .id_salt("my_disputes")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (c, k) in open.iter().filter_map(|c| Some((*c, c.check.as_ref()?))) {
                let who = p
                    .reviewer(k.by)
                    .map(|r| r.initials.clone())
                    .unwrap_or_default();
                ui.horizontal_wrapped(|ui| {
                    if ui.link(p.codebook.path(c.code)).clicked() {
                        out.push(Intent::JumpToCoding(c.id));
                    }
                    ui.label(egui::RichText::new(format!("{who}: {}", k.note)).italics());
                    if ui.small_button("Resolve").clicked()
                        && let Some(cmd) = consensus::resolve_dispute(c, &state.reply)
                    {
                        out.push(Intent::Apply("Resolve dispute".into(), cmd));
                        state.reply.clear();
                    }
                    if ui.small_button("Delete coding").clicked() {
                        out.push(Intent::DeleteCoding(c.id));
                    }
                });
            }
        });
}
