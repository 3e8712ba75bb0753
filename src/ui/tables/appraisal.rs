//! Appraisal tab: the open study's checklist, one answer per item with its
//! help, a note and the passage that supports it; keyboard-first (↑/↓
//! between items, Y/N/C/U/A answer); progress; the other reviewer's
//! answers once the blind rule allows; and the studies × items grid.

use crate::analysis::appraisal::checklist_for;
use crate::edit::Command;
use crate::edit::appraisal::AppraisalCommand as A;
use crate::model::appraisal::{Answer, AnswerKey, Checklist};
use crate::model::{DocId, ReviewerId};
use crate::session::Workspace;
use crate::ui::Intent;

#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Study,
    Grid,
    Checklists,
}

/// What the tab remembers between frames.
#[derive(Default)]
pub struct AppraisalUi {
    /// The item the keyboard answers (index in the checklist).
    pub focus: usize,
    /// Notes being typed, by item id (applied when the field is left).
    pub drafts: std::collections::HashMap<String, String>,
    /// The open study, the studies × items grid, or the checklists.
    pub view: View,
    pub editor: super::checklist_editor::ChecklistEditor,
    /// The grid's cells as last drawn, row by row.
    pub shown: Vec<Vec<String>>,
}

fn put(answer: Answer) -> Intent {
    Intent::Apply(
        "Answer an appraisal item".into(),
        Command::Appraisal(A::PutAnswer {
            key: answer.key(),
            answer: Some(answer),
        }),
    )
}

/// Sets the answer `option` of `me` to an item, keeping the note and the
/// supporting passage of the answer it replaces.
fn answer_intent(
    current: Option<Answer>,
    doc: DocId,
    me: ReviewerId,
    checklist: &Checklist,
    item: &str,
    option: &str,
) -> Intent {
    let mut a = current.unwrap_or(Answer {
        doc,
        reviewer: me,
        checklist: checklist.id.clone(),
        item: item.to_owned(),
        answer: String::new(),
        note: String::new(),
        support: None,
    });
    option.clone_into(&mut a.answer);
    put(a)
}

/// "14 of 33 studies appraised by you": studies where every item has an
/// answer of `me`.
fn studies_done(ws: &Workspace, me: ReviewerId) -> (usize, usize) {
    let p = &ws.project;
    let mut done = 0;
    let mut with_list = 0;
    for d in &p.documents {
        let Some(c) = checklist_for(p, d.id) else {
            continue;
        };
        with_list += 1;
        let answered = c
            .items
            .iter()
            .filter(|i| {
                p.appraisal.answers.iter().any(|a| {
                    a.doc == d.id && a.reviewer == me && a.checklist == c.id && a.item == i.id
                })
            })
            .count();
        if answered == c.items.len() {
            done += 1;
        }
    }
    (done, with_list)
}

pub fn show(ui: &mut egui::Ui, ws: &Workspace, state: &mut AppraisalUi, out: &mut Vec<Intent>) {
    ui.horizontal(|ui| {
        ui.selectable_value(&mut state.view, View::Study, "This study");
        ui.selectable_value(&mut state.view, View::Grid, "Studies × items");
        ui.selectable_value(&mut state.view, View::Checklists, "Checklists");
    });
    ui.separator();
    match state.view {
        View::Grid => {
            super::appraisal_grid::show(ui, ws, &mut state.shown, out);
            return;
        }
        View::Checklists => {
            super::checklist_editor::show(ui, ws, &mut state.editor, out);
            return;
        }
        View::Study => {}
    }
    let p = &ws.project;
    let Some(doc) = ws
        .open_doc
        .and_then(|d| p.documents.iter().find(|x| x.id == d))
    else {
        ui.label(egui::RichText::new("Open a study to appraise it.").weak());
        return;
    };
    let Some(me) = ws.coding_as.filter(|r| *r != ReviewerId::CONSENSUS) else {
        ui.label(
            egui::RichText::new(
                "Choose who you are (top right, \u{201c}Coding as\u{201d}) to appraise.",
            )
            .weak(),
        );
        return;
    };
    let Some(checklist) = checklist_for(p, doc.id).cloned() else {
        super::appraisal_setup::choose_checklist(ui, ws, doc.id, out);
        return;
    };
    let (done, with_list) = studies_done(ws, me);
    let mine = |item: &str| {
        p.appraisal.answer(&AnswerKey {
            doc: doc.id,
            reviewer: me,
            checklist: checklist.id.clone(),
            item: item.to_owned(),
        })
    };
    let answered = checklist
        .items
        .iter()
        .filter(|i| mine(&i.id).is_some())
        .count();
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(checklist.title()).strong());
        ui.label(
            egui::RichText::new(format!(
                "· {answered} of {} items answered · {done} of {with_list} studies appraised by you",
                checklist.items.len()
            ))
            .weak(),
        );
        super::appraisal_setup::rule_menu(ui, ws, doc.id, &checklist, out);
    });
    ui.label(
        egui::RichText::new("Up/Down arrows choose an item; keys Y N C U A answer it (Yes, No, Can't tell, Unclear, Not applicable), or 1–9 the answers in order")
            .small()
            .weak(),
    );
    let mut finished = p.appraisal.is_finished(doc.id, me);
    if ui
        .checkbox(&mut finished, "I have finished appraising this study")
        .on_hover_text(
            "In blind mode, the other reviewer's answers show once you have both finished.",
        )
        .changed()
    {
        out.push(Intent::Apply(
            "Mark the appraisal finished".into(),
            Command::Appraisal(A::SetFinished {
                doc: doc.id,
                reviewer: me,
                finished,
            }),
        ));
    }
    super::appraisal_setup::judgement(ui, ws, doc.id, me, &mut state.drafts, out);
    keyboard(ui, ws, &checklist, doc.id, me, state, out);
    let viewer = ws.viewer();
    egui::ScrollArea::vertical()
        .id_salt("appraisal_items")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (k, item) in checklist.items.iter().enumerate() {
                let focused = state.focus == k;
                let frame = egui::Frame::group(ui.style()).stroke(if focused {
                    ui.visuals().selection.stroke
                } else {
                    ui.visuals().widgets.noninteractive.bg_stroke
                });
                frame.show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let mut title = egui::RichText::new(format!("{}. {}", item.id, item.title));
                    if focused {
                        title = title.strong();
                    }
                    let heading = ui.label(title);
                    if heading.clicked() {
                        state.focus = k;
                    }
                    if !item.group.is_empty() || item.screening {
                        let what = if item.screening {
                            "screening question".to_owned()
                        } else {
                            item.group.clone()
                        };
                        ui.label(egui::RichText::new(what).small().italics());
                    }
                    ui.label(egui::RichText::new(&item.help).small().weak());
                    let current = mine(&item.id).cloned();
                    ui.horizontal_wrapped(|ui| {
                        for o in &checklist.answers {
                            let on = current.as_ref().is_some_and(|a| a.answer == o.key);
                            if ui.selectable_label(on, &o.label).clicked() {
                                state.focus = k;
                                out.push(answer_intent(
                                    current.clone(),
                                    doc.id,
                                    me,
                                    &checklist,
                                    &item.id,
                                    &o.key,
                                ));
                            }
                        }
                        // The other reviewers' answers, when the blind rule allows.
                        for a in p.appraisal.answers.iter().filter(|a| {
                            a.doc == doc.id
                                && a.reviewer != me
                                && a.checklist == checklist.id
                                && a.item == item.id
                        }) {
                            let who = p.reviewer(a.reviewer).map_or("?", |r| r.initials.as_str());
                            if viewer.may_see_answer(p, a) {
                                let label = checklist
                                    .answer(&a.answer)
                                    .map_or("?", |o| o.label.as_str());
                                ui.label(egui::RichText::new(format!("{who}: {label}")).weak());
                            } else {
                                ui.label(
                                    egui::RichText::new(format!(
                                        "{who}: hidden until you both finish"
                                    ))
                                    .weak()
                                    .small(),
                                );
                            }
                        }
                    });
                    if let Some(a) = current.clone() {
                        note_and_support(ui, ws, a, state, out);
                    }
                    if let Some(mine) = current {
                        consensus(ui, ws, &checklist, &mine, out);
                    }
                });
            }
        });
}

/// Where the reviewers' answers to an item differ (and the viewer may see
/// them): the decision, or *Accept* one answer, which is logged with who
/// and when and becomes the consensus; the reviewers' answers stay.
fn consensus(
    ui: &mut egui::Ui,
    ws: &Workspace,
    checklist: &Checklist,
    mine: &Answer,
    out: &mut Vec<Intent>,
) {
    let p = &ws.project;
    let viewer = ws.viewer();
    let others: Vec<&Answer> = p
        .appraisal
        .answers
        .iter()
        .filter(|a| {
            a.doc == mine.doc
                && a.reviewer != mine.reviewer
                && a.checklist == mine.checklist
                && a.item == mine.item
                && viewer.may_see_answer(p, a)
        })
        .collect();
    if others.iter().all(|o| o.answer == mine.answer) {
        return;
    }
    if let Some(d) = p.appraisal.decision(mine.doc, &mine.checklist, &mine.item) {
        let label = checklist
            .answer(&d.answer)
            .map_or("?", |o| o.label.as_str());
        let by = p.reviewer(d.by).map_or("?", |r| r.initials.as_str());
        ui.label(
            egui::RichText::new(format!(
                "Consensus: {label} (decided by {by}{})",
                if d.note.is_empty() {
                    String::new()
                } else {
                    format!(": {}", d.note)
                }
            ))
            .small(),
        );
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new("Answers differ — consensus:")
                .small()
                .color(ui.visuals().warn_fg_color),
        );
        for o in &checklist.answers {
            let who: Vec<&str> = std::iter::once(mine)
                .chain(others.iter().copied())
                .filter(|a| a.answer == o.key)
                .filter_map(|a| p.reviewer(a.reviewer).map(|r| r.initials.as_str()))
                .collect();
            let text = if who.is_empty() {
                format!("{} (other)", o.label)
            } else {
                format!("Accept {} ({})", o.label, who.join(", "))
            };
            if ui.small_button(text).clicked() {
                out.push(Intent::Apply(
                    "Decide an appraisal item".into(),
                    Command::Appraisal(A::AddDecision(
                        crate::model::appraisal::AppraisalDecision {
                            doc: mine.doc,
                            checklist: mine.checklist.clone(),
                            item: mine.item.clone(),
                            answer: o.key.clone(),
                            by: mine.reviewer,
                            at: crate::model::time::now_iso(),
                            note: String::new(),
                        },
                    )),
                ));
            }
        }
    });
}

fn note_and_support(
    ui: &mut egui::Ui,
    ws: &Workspace,
    a: Answer,
    state: &mut AppraisalUi,
    out: &mut Vec<Intent>,
) {
    let draft = state
        .drafts
        .entry(a.item.clone())
        .or_insert_with(|| a.note.clone());
    let r = ui.add(
        egui::TextEdit::singleline(draft)
            .hint_text("Why this answer (a note)")
            .desired_width(f32::INFINITY),
    );
    if r.lost_focus() && *draft != a.note {
        let mut changed = a.clone();
        changed.note = draft.clone();
        out.push(put(changed));
    }
    ui.horizontal_wrapped(|ui| {
        if let Some((s, e)) = a.support {
            let quote = ws
                .project
                .documents
                .iter()
                .find(|d| d.id == a.doc)
                .map(|d| d.slice_chars(s, e))
                .unwrap_or_default();
            let short: String = quote.chars().take(80).collect();
            ui.label(
                egui::RichText::new(format!("Supported by \u{201c}{short}\u{201d}"))
                    .small()
                    .italics(),
            );
        }
        if let Some(range) = ws.selected_range
            && ui
                .small_button("Support this answer with the selected text")
                .clicked()
        {
            let mut changed = a.clone();
            changed.support = Some(range);
            out.push(put(changed));
        }
    });
}

fn keyboard(
    ui: &mut egui::Ui,
    ws: &Workspace,
    checklist: &Checklist,
    doc: DocId,
    me: ReviewerId,
    state: &mut AppraisalUi,
    out: &mut Vec<Intent>,
) {
    // Keys only when no text field has the keyboard.
    if ui.ctx().memory(|m| m.focused().is_some()) {
        return;
    }
    let n = checklist.items.len();
    if n == 0 {
        return;
    }
    state.focus = state.focus.min(n - 1);
    let digit = ui.input(|i| {
        [
            egui::Key::Num1,
            egui::Key::Num2,
            egui::Key::Num3,
            egui::Key::Num4,
            egui::Key::Num5,
            egui::Key::Num6,
            egui::Key::Num7,
            egui::Key::Num8,
            egui::Key::Num9,
        ]
        .iter()
        .position(|k| i.key_pressed(*k) && i.modifiers.is_none())
    });
    let (down, up, letter) = ui.input(|i| {
        let letter = [
            (egui::Key::Y, "y"),
            (egui::Key::N, "n"),
            (egui::Key::C, "c"),
            (egui::Key::U, "u"),
            (egui::Key::A, "a"),
        ]
        .into_iter()
        .find(|(k, _)| i.key_pressed(*k) && i.modifiers.is_none())
        .map(|(_, l)| l);
        (
            i.key_pressed(egui::Key::ArrowDown),
            i.key_pressed(egui::Key::ArrowUp),
            letter,
        )
    });
    if down {
        state.focus = (state.focus + 1).min(n - 1);
    }
    if up {
        state.focus = state.focus.saturating_sub(1);
    }
    // Y yes, N no, C can't tell, U unclear, A not applicable; 1–9 the
    // answers in their order (any checklist's own answers).
    let option = match (letter, digit) {
        (_, Some(d)) => checklist.answers.get(d),
        (Some(letter), None) => checklist.answers.iter().find(|o| {
            let label = o.label.to_lowercase();
            match letter {
                "a" => o.not_applicable,
                "c" => label.starts_with("can"),
                l => label.starts_with(l) && !o.not_applicable,
            }
        }),
        (None, None) => return,
    };
    let Some(option) = option else { return };
    let item = &checklist.items[state.focus];
    let key = AnswerKey {
        doc,
        reviewer: me,
        checklist: checklist.id.clone(),
        item: item.id.clone(),
    };
    let current = ws.project.appraisal.answer(&key).cloned();
    out.push(answer_intent(
        current,
        doc,
        me,
        checklist,
        &item.id,
        &option.key,
    ));
    state.focus = (state.focus + 1).min(n - 1);
}
