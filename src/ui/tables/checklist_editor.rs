//! The Appraisal tab's checklists: the project's and the bundled ones,
//! each exportable as a file; a new or copied checklist, or one of the
//! project's, edited here (answers, items with their help, screening
//! items, groups) and saved to the project as one undo step. An edit that
//! would orphan reviewers' answers is refused with the reason.

use crate::edit::Command;
use crate::edit::appraisal::AppraisalCommand as A;
use crate::io::checklist_file::{self, edit_conflicts, problems};
use crate::model::appraisal::{AnswerOption, Checklist, ChecklistItem, bundled};
use crate::session::Workspace;
use crate::ui::Intent;

/// The checklist being edited, if any.
#[derive(Default)]
pub struct ChecklistEditor {
    pub draft: Option<Checklist>,
    /// The item whose help text is shown for editing.
    pub item: usize,
}

pub fn show(ui: &mut egui::Ui, ws: &Workspace, state: &mut ChecklistEditor, out: &mut Vec<Intent>) {
    if state.draft.is_some() {
        edit(ui, ws, state, out);
        return;
    }
    let p = &ws.project;
    ui.horizontal_wrapped(|ui| {
        if ui.button("New checklist").clicked() {
            state.draft = Some(blank(ws));
            state.item = 0;
        }
        if ui
            .button("Import from file\u{2026}")
            .on_hover_text("Add a checklist someone exported from Thema (.ron)")
            .clicked()
        {
            out.push(Intent::ImportChecklistDialog);
        }
    });
    ui.add_space(4.0);
    let own = p.appraisal.checklists.clone();
    let others: Vec<Checklist> = bundled()
        .into_iter()
        .filter(|b| p.appraisal.checklist(&b.id).is_none())
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("checklists_list")
        .show(ui, |ui| {
            for (c, in_project) in own
                .iter()
                .map(|c| (c, true))
                .chain(others.iter().map(|c| (c, false)))
            {
                entry(ui, ws, state, c, in_project, out);
            }
        });
}

/// One checklist of the list: its name, what it holds, and what can be
/// done with it.
fn entry(
    ui: &mut egui::Ui,
    ws: &Workspace,
    state: &mut ChecklistEditor,
    c: &Checklist,
    in_project: bool,
    out: &mut Vec<Intent>,
) {
    let p = &ws.project;
    let used = p
        .appraisal
        .answers
        .iter()
        .filter(|a| a.checklist == c.id)
        .count();
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(c.title()).strong())
                .on_hover_text(&c.source);
            if in_project && ui.small_button("Edit items").clicked() {
                state.draft = Some(c.clone());
                state.item = 0;
            }
            if ui
                .small_button("Copy to edit")
                .on_hover_text("A new checklist of the project, starting from this one")
                .clicked()
            {
                let mut copy = c.clone();
                copy.name = format!("{} (adapted)", c.name);
                copy.id = checklist_file::fresh_id(p, &copy.name);
                state.draft = Some(copy);
                state.item = 0;
            }
            if ui.small_button("Export\u{2026}").clicked() {
                out.push(Intent::ExportChecklist(c.id.clone()));
            }
        });
        ui.label(
            egui::RichText::new(format!(
                "{} items \u{b7} {} \u{b7} {}",
                c.items.len(),
                if in_project {
                    format!(
                        "in the project, {}",
                        crate::words::count(used, "answer", "answers")
                    )
                } else {
                    "bundled with Thema".to_owned()
                },
                c.answers
                    .iter()
                    .map(|a| a.label.as_str())
                    .collect::<Vec<_>>()
                    .join(" / ")
            ))
            .small()
            .weak(),
        );
    });
}

fn blank(ws: &Workspace) -> Checklist {
    let name = "New checklist".to_owned();
    let option = |key: &str, label: &str, symbol: &str| AnswerOption {
        key: key.to_owned(),
        label: label.to_owned(),
        symbol: symbol.to_owned(),
        not_applicable: false,
    };
    Checklist {
        id: checklist_file::fresh_id(&ws.project, &name),
        name,
        version: String::new(),
        source: String::new(),
        ordered: true,
        answers: vec![
            option("yes", "Yes", "Y"),
            option("unclear", "Unclear", "?"),
            option("no", "No", "N"),
        ],
        items: vec![ChecklistItem {
            id: "1".to_owned(),
            title: String::new(),
            help: String::new(),
            screening: false,
            group: String::new(),
        }],
    }
}

/// A key for a new answer, from its label, not used by another answer.
fn answer_key(label: &str, taken: &[String]) -> String {
    let base: String = label
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    let base = base.trim_matches('_').to_owned();
    let base = if base.is_empty() {
        "answer".to_owned()
    } else {
        base
    };
    let mut key = base.clone();
    let mut n = 2;
    while taken.contains(&key) {
        key = format!("{base}_{n}");
        n += 1;
    }
    key
}

/// The draft as it would be saved: new answers get keys from their labels.
fn finished(draft: &Checklist) -> Checklist {
    let mut c = draft.clone();
    let mut taken: Vec<String> = c
        .answers
        .iter()
        .map(|a| a.key.clone())
        .filter(|k| !k.is_empty())
        .collect();
    for a in &mut c.answers {
        if a.key.is_empty() {
            a.key = answer_key(&a.label, &taken);
            taken.push(a.key.clone());
        }
    }
    c
}

/// Names a field of a table row for screen readers (and tests).
fn name(r: &egui::Response, label: &str) {
    name_as(r, egui::Role::TextInput, label);
}

fn name_as(r: &egui::Response, role: egui::Role, label: &str) {
    r.widget_info(|| egui::WidgetInfo::labeled(role, true, label));
}

/// Moves element `i` of `v` by `by` (−1 up, +1 down) when it can.
fn shift<T>(v: &mut [T], i: usize, by: isize) {
    let j = i.checked_add_signed(by);
    if let Some(j) = j.filter(|j| *j < v.len()) {
        v.swap(i, j);
    }
}

fn edit(ui: &mut egui::Ui, ws: &Workspace, state: &mut ChecklistEditor, out: &mut Vec<Intent>) {
    let Some(draft) = state.draft.as_mut() else {
        return;
    };
    let p = &ws.project;
    let existing = p.appraisal.checklist(&draft.id).is_some();
    let candidate = finished(draft);
    let mut found = problems(&candidate);
    found.extend(edit_conflicts(p, &candidate));
    let mut close = false;
    ui.horizontal_wrapped(|ui| {
        let label = if existing {
            "Save changes"
        } else {
            "Add to the project"
        };
        if ui
            .add_enabled(found.is_empty(), egui::Button::new(label))
            .clicked()
        {
            let undo = if existing {
                "Edit a checklist"
            } else {
                "Add a checklist"
            };
            out.push(Intent::Apply(
                undo.into(),
                Command::Appraisal(A::PutChecklist {
                    id: candidate.id.clone(),
                    checklist: Some(candidate.clone()),
                }),
            ));
            close = true;
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
        ui.label(
            egui::RichText::new(if existing {
                format!("Editing the project's checklist (id {})", candidate.id)
            } else {
                format!("A new checklist (id {})", candidate.id)
            })
            .weak(),
        );
    });
    for line in &found {
        ui.label(egui::RichText::new(line).color(ui.visuals().warn_fg_color));
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("checklist_editor")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            head(ui, draft);
            ui.add_space(6.0);
            ui.label(egui::RichText::new("Answers").strong());
            answers(ui, draft);
            ui.add_space(6.0);
            ui.label(egui::RichText::new("Items").strong());
            items(ui, draft, &mut state.item);
        });
    if close {
        state.draft = None;
    }
}

fn head(ui: &mut egui::Ui, draft: &mut Checklist) {
    let h = ui.spacing().interact_size.y;
    let field = |ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str| {
        ui.horizontal(|ui| {
            let l = ui
                .allocate_ui_with_layout(
                    egui::vec2(100.0, h),
                    egui::Layout::left_to_right(egui::Align::Center),
                    |ui| {
                        ui.set_min_width(100.0);
                        ui.label(label)
                    },
                )
                .inner;
            let w = ui.available_width().min(380.0);
            ui.add_sized([w, h], egui::TextEdit::singleline(text).hint_text(hint))
                .labelled_by(l.id);
        });
    };
    field(ui, "Checklist name", &mut draft.name, "");
    field(ui, "Version", &mut draft.version, "Year or edition");
    field(ui, "Source", &mut draft.source, "Who published it, where");
    ui.checkbox(
        &mut draft.ordered,
        "Ordered answers, best first (for weighted kappa)",
    );
}

fn answers(ui: &mut egui::Ui, draft: &mut Checklist) {
    let mut action: Option<(usize, isize)> = None;
    ui.label(
        egui::RichText::new("Label \u{b7} symbol printed in the grid \u{b7} not applicable (left out of totals and weighted kappa)")
            .small()
            .weak(),
    );
    let n = draft.answers.len();
    let h = ui.spacing().interact_size.y;
    for (i, a) in draft.answers.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            // The label takes what the symbol, N/A and the buttons leave.
            let w = (ui.available_width() - 290.0).clamp(70.0, 160.0);
            let l = ui.add_sized([w, h], egui::TextEdit::singleline(&mut a.label));
            name(&l, &format!("Answer {}", i + 1));
            let s = ui.add_sized([44.0, h], egui::TextEdit::singleline(&mut a.symbol));
            name(&s, &format!("Symbol of answer {}", i + 1));
            let na = ui.checkbox(&mut a.not_applicable, "N/A");
            name_as(
                &na,
                egui::Role::CheckBox,
                &format!("Answer {} is not applicable", i + 1),
            );
            moves(ui, i, n, &mut action);
        });
    }
    match action {
        Some((i, 0)) => {
            draft.answers.remove(i);
        }
        Some((i, by)) => shift(&mut draft.answers, i, by),
        None => {}
    }
    if ui.small_button("+ Answer").clicked() {
        draft.answers.push(AnswerOption {
            key: String::new(),
            label: String::new(),
            symbol: String::new(),
            not_applicable: false,
        });
    }
}

/// Up, Down and Remove for row `i` of `n`: (i, −1), (i, 1) or (i, 0).
fn moves(ui: &mut egui::Ui, i: usize, n: usize, action: &mut Option<(usize, isize)>) {
    if ui
        .add_enabled(i > 0, egui::Button::new("Up").small())
        .clicked()
    {
        *action = Some((i, -1));
    }
    if ui
        .add_enabled(i + 1 < n, egui::Button::new("Down").small())
        .clicked()
    {
        *action = Some((i, 1));
    }
    if ui.small_button("Remove").clicked() {
        *action = Some((i, 0));
    }
}

fn items(ui: &mut egui::Ui, draft: &mut Checklist, current: &mut usize) {
    let mut action: Option<(usize, isize)> = None;
    let n = draft.items.len();
    let h = ui.spacing().interact_size.y;
    for (i, it) in draft.items.iter_mut().enumerate() {
        egui::Frame::group(ui.style())
            .inner_margin(4.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    let num = ui.add_sized([40.0, h], egui::TextEdit::singleline(&mut it.id));
                    name(&num, &format!("Number of item {}", i + 1));
                    let q = ui.add_sized(
                        [ui.available_width(), h],
                        egui::TextEdit::singleline(&mut it.title).hint_text("The question"),
                    );
                    name(&q, &format!("Question {}", it.id));
                    if q.gained_focus() {
                        *current = i;
                    }
                });
                ui.horizontal_wrapped(|ui| {
                    let sc = ui.checkbox(&mut it.screening, "Screening");
                    name_as(
                        &sc,
                        egui::Role::CheckBox,
                        &format!("Item {} screens", it.id),
                    );
                    ui.label(egui::RichText::new("Group").weak()).on_hover_text(
                        "Answered only for studies of this kind (as MMAT's categories)",
                    );
                    let g = ui.add_sized([64.0, h], egui::TextEdit::singleline(&mut it.group));
                    name(&g, &format!("Group of item {}", it.id));
                    if ui.selectable_label(*current == i, "Help").clicked() {
                        *current = i;
                    }
                    moves(ui, i, n, &mut action);
                });
                if *current == i {
                    let l = ui.label(
                        egui::RichText::new(format!(
                            "Help for item {} (shown beside the question while appraising)",
                            it.id
                        ))
                        .small()
                        .weak(),
                    );
                    ui.add(
                        egui::TextEdit::multiline(&mut it.help)
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id);
                }
            });
    }
    match action {
        Some((i, 0)) => {
            draft.items.remove(i);
        }
        Some((i, by)) => {
            shift(&mut draft.items, i, by);
            *current = i.saturating_add_signed(by);
        }
        None => {}
    }
    if ui.small_button("+ Item").clicked() {
        let next = draft
            .items
            .iter()
            .filter_map(|i| i.id.parse::<u32>().ok())
            .max()
            .map_or(1, |m| m + 1);
        draft.items.push(ChecklistItem {
            id: next.to_string(),
            title: String::new(),
            help: String::new(),
            screening: false,
            group: String::new(),
        });
        *current = draft.items.len() - 1;
    }
    *current = (*current).min(draft.items.len().saturating_sub(1));
}
