//! The codebook tree: themes > factors > sub-factors. Click a code to code
//! the selected passage (or to list its passages); right-click to add,
//! edit, pin, move, merge or delete; drag a code onto another to move it.

use super::style::panel_heading;
use super::{Intent, swatch};
use crate::edit::ops;
use crate::model::CodeId;
use crate::session::Workspace;
use std::collections::HashSet;

#[derive(Default)]
pub struct CodebookUi {
    pub collapsed: HashSet<CodeId>,
    pub filter: String,
}

pub fn show(ui: &mut egui::Ui, ws: &Workspace, state: &mut CodebookUi) -> Vec<Intent> {
    let mut out = Vec::new();
    let p = &ws.project;
    ui.horizontal(|ui| {
        panel_heading(ui, "Codebook");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("+ Code")
                .on_hover_text("Add a top-level code (theme)")
                .clicked()
            {
                out.push(Intent::AddCode(None));
            }
        });
    });
    if p.codebook.codes.is_empty() {
        ui.label(
            egui::RichText::new(
                "No codes yet. Add one, or load a framework from the Codebook menu.",
            )
            .weak(),
        );
        return out;
    }
    ui.add(
        egui::TextEdit::singleline(&mut state.filter)
            .hint_text("Find a code")
            .desired_width(f32::INFINITY),
    );
    let coding_possible = ws.selected_range.is_some();
    let hint = if coding_possible {
        "Click a code to apply it to the selected passage"
    } else {
        "Select text in the document, then click a code"
    };
    ui.label(egui::RichText::new(hint).small().weak());
    let table = ws.prevalence();
    let needle = state.filter.to_lowercase();
    let order = p.codebook.tree_order();
    egui::ScrollArea::vertical()
        .id_salt("codebook_tree")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut hidden_below: Option<usize> = None;
            for (id, level) in &order {
                if let Some(l) = hidden_below {
                    if *level > l {
                        continue;
                    }
                    hidden_below = None;
                }
                let Some(code) = p.codebook.get(*id) else {
                    continue;
                };
                let has_children = p.codebook.children(Some(*id)).next().is_some();
                let collapsed = state.collapsed.contains(id) && needle.is_empty();
                if collapsed {
                    hidden_below = Some(*level);
                }
                if !needle.is_empty() && !p.codebook.path(*id).to_lowercase().contains(&needle) {
                    continue;
                }
                let n_docs = table
                    .and_then(|t| t.row(*id))
                    .map(|r| r.n_documents)
                    .unwrap_or(0);
                let pin = p.pinned.iter().position(|c| c == id);
                let row = ui.horizontal(|ui| {
                    ui.add_space((*level as f32 - 1.0) * 16.0);
                    if has_children {
                        if disclosure(ui, collapsed).clicked() {
                            if collapsed {
                                state.collapsed.remove(id);
                            } else {
                                state.collapsed.insert(*id);
                            }
                        }
                    } else {
                        ui.add_space(14.0);
                    }
                    swatch(ui, &code.color);
                    // Clickable to apply/select, draggable onto another code to move it.
                    let room = (ui.available_width() - 48.0).max(40.0);
                    let label = ui
                        .scope(|ui| {
                            ui.set_max_width(room);
                            ui.add(
                                egui::Button::selectable(ws.selected_code == Some(*id), &code.name)
                                    .truncate(),
                            )
                        })
                        .inner
                        .interact(egui::Sense::drag());
                    label.dnd_set_drag_payload(*id);
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.add_space(12.0); // room for the scroll bar
                        ui.label(egui::RichText::new(n_docs.to_string()).small().weak())
                            .on_hover_text(format!(
                                "{} this code or a sub-code",
                                if n_docs == 1 {
                                    "1 document holds".to_owned()
                                } else {
                                    format!("{n_docs} documents hold")
                                }
                            ));
                        if let Some(k) = pin {
                            ui.label(
                                egui::RichText::new(format!("[{}]", k + 1))
                                    .small()
                                    .monospace(),
                            )
                            .on_hover_text(format!(
                                "Press {} to apply this code to a selection",
                                k + 1
                            ));
                        }
                    });
                    label
                });
                let label = row.inner;
                let row_resp = row.response;
                let mut label = label;
                // The whole name (the row may cut it) and the definition.
                let path = ws.project.codebook.path(*id);
                label = label.on_hover_ui(|ui| {
                    ui.label(egui::RichText::new(&path).strong());
                    if !code.description.is_empty() {
                        ui.label(&code.description);
                    }
                });
                if label.clicked() {
                    if coding_possible {
                        out.push(Intent::ApplyCode(*id));
                    } else {
                        out.push(Intent::SelectCode(Some(*id)));
                    }
                }
                // Drop another code here to make it a sub-code of this one.
                if let Some(dragged) = row_resp
                    .dnd_release_payload::<CodeId>()
                    .or_else(|| label.dnd_release_payload::<CodeId>())
                    && *dragged != *id
                {
                    match ops::move_code(p, *dragged, Some(*id), None) {
                        Some(cmd) => out.push(Intent::Apply("Move code".into(), cmd)),
                        None => out.push(Intent::ShowError(
                            "A code cannot be moved inside its own sub-codes.".into(),
                        )),
                    }
                }
                if row_resp.dnd_hover_payload::<CodeId>().is_some()
                    || label.dnd_hover_payload::<CodeId>().is_some()
                {
                    ui.painter().rect_stroke(
                        row_resp.rect,
                        3.0,
                        egui::Stroke::new(1.5, ui.visuals().selection.stroke.color),
                        egui::StrokeKind::Inside,
                    );
                }
                label.context_menu(|ui| code_menu(ui, ws, *id, pin.is_some(), &mut out));
            }
            // Drop zone for moving a code back to the top level.
            let (rect, resp) = ui
                .allocate_exact_size(egui::vec2(ui.available_width(), 28.0), egui::Sense::hover());
            if resp.dnd_hover_payload::<CodeId>().is_some() {
                ui.painter().rect_stroke(
                    rect,
                    3.0,
                    egui::Stroke::new(1.0, ui.visuals().selection.stroke.color),
                    egui::StrokeKind::Inside,
                );
                ui.painter().text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    "Drop here to make it a top-level code",
                    egui::FontId::proportional(12.0),
                    ui.visuals().weak_text_color(),
                );
            }
            if let Some(dragged) = resp.dnd_release_payload::<CodeId>()
                && let Some(cmd) = ops::move_code(p, *dragged, None, None)
            {
                out.push(Intent::Apply("Move code to top level".into(), cmd));
            }
        });
    out
}

fn code_menu(ui: &mut egui::Ui, ws: &Workspace, id: CodeId, pinned: bool, out: &mut Vec<Intent>) {
    let p = &ws.project;
    if ws.selected_range.is_some() && ui.button("Apply to selection").clicked() {
        out.push(Intent::ApplyCode(id));
        ui.close();
    }
    if ui.button("Show passages").clicked() {
        out.push(Intent::SelectCode(Some(id)));
        ui.close();
    }
    ui.separator();
    if ui.button("Add sub-code").clicked() {
        out.push(Intent::AddCode(Some(id)));
        ui.close();
    }
    if ui.button("Edit name, colour, description…").clicked() {
        out.push(Intent::EditCode(id));
        ui.close();
    }
    let has_memo = p
        .memos
        .iter()
        .any(|m| m.about == crate::model::memos::About::Code(id));
    if ui
        .button(if has_memo {
            "Memo…"
        } else {
            "Write a memo…"
        })
        .on_hover_text("Your notes on this code while coding (definitions go in the description)")
        .clicked()
    {
        out.push(Intent::EditMemo(crate::model::memos::About::Code(id)));
        ui.close();
    }
    let origin = p.codebook.get(id).and_then(|c| c.origin);
    ui.menu_button("Framework origin", |ui| {
        use crate::model::codebook::Origin;
        for (value, label, hover) in [
            (
                Some(Origin::APriori),
                "A priori",
                "Part of the framework the review started from",
            ),
            (
                Some(Origin::Emergent),
                "Emergent",
                "Added while coding, beyond the framework",
            ),
            (None, "Not set", "Neither (shown without a mark)"),
        ] {
            if ui
                .radio(origin == value, label)
                .on_hover_text(hover)
                .clicked()
            {
                if origin != value {
                    out.push(Intent::SetCodeOrigin(id, value));
                }
                ui.close();
            }
        }
    });
    let pin_label = if pinned {
        "Unpin from number keys".to_owned()
    } else {
        "Pin to a number key".to_owned()
    };
    let can_pin = pinned || p.pinned.len() < 9;
    if ui
        .add_enabled(can_pin, egui::Button::new(pin_label))
        .clicked()
    {
        let mut pins = p.pinned.clone();
        if pinned {
            pins.retain(|c| *c != id);
        } else {
            pins.push(id);
        }
        out.push(Intent::Apply(
            if pinned { "Unpin code" } else { "Pin code" }.into(),
            crate::edit::Command::SetPinned(pins),
        ));
        ui.close();
    }
    ui.menu_button("Move under", |ui| {
        if p.codebook.get(id).and_then(|c| c.parent).is_some() && ui.button("(top level)").clicked()
        {
            if let Some(cmd) = ops::move_code(p, id, None, None) {
                out.push(Intent::Apply("Move code".into(), cmd));
            }
            ui.close();
        }
        if let Some(target) = pick_code(ui, p, |other| !p.codebook.would_cycle(id, Some(other)))
            && let Some(cmd) = ops::move_code(p, id, Some(target), None)
        {
            out.push(Intent::Apply("Move code".into(), cmd));
        }
    });
    ui.menu_button("Merge into", |ui| {
        if let Some(target) = pick_code(ui, p, |other| {
            other != id && !p.codebook.ancestors(other).contains(&id)
        }) && let Some(cmd) = ops::merge_codes(p, id, target)
        {
            let name = p
                .codebook
                .get(target)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            out.push(Intent::Apply(format!("Merge into \"{name}\""), cmd));
        }
    });
    ui.separator();
    if ui.button("Delete…").clicked() {
        out.push(Intent::AskDeleteCode(id));
        ui.close();
    }
}

/// A small painted triangle: pointing right when collapsed, down when open.
fn disclosure(ui: &mut egui::Ui, collapsed: bool) -> egui::Response {
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::click());
    let c = rect.center();
    let color = if resp.hovered() {
        ui.visuals().strong_text_color()
    } else {
        ui.visuals().weak_text_color()
    };
    let pts = if collapsed {
        vec![
            c + egui::vec2(-3.0, -5.0),
            c + egui::vec2(4.0, 0.0),
            c + egui::vec2(-3.0, 5.0),
        ]
    } else {
        vec![
            c + egui::vec2(-5.0, -3.0),
            c + egui::vec2(5.0, -3.0),
            c + egui::vec2(0.0, 4.0),
        ]
    };
    ui.painter()
        .add(egui::Shape::convex_polygon(pts, color, egui::Stroke::NONE));
    resp.on_hover_text(if collapsed {
        "Show sub-codes"
    } else {
        "Hide sub-codes"
    })
}

/// A scrollable, indented list of the codes `allowed` accepts; returns the
/// one clicked (and closes the menu).
fn pick_code(
    ui: &mut egui::Ui,
    p: &crate::model::Project,
    allowed: impl Fn(CodeId) -> bool,
) -> Option<CodeId> {
    let mut picked = None;
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .show(ui, |ui| {
            for (other, level) in p.codebook.tree_order() {
                if !allowed(other) {
                    continue;
                }
                let name = p
                    .codebook
                    .get(other)
                    .map(|c| c.name.as_str())
                    .unwrap_or_default();
                if ui
                    .button(format!("{}{}", "   ".repeat(level - 1), name))
                    .clicked()
                {
                    picked = Some(other);
                    ui.close();
                }
            }
        });
    picked
}
