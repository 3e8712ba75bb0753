//! The searchable code picker: type to filter, arrows to move, Enter to
//! apply; category buttons sit beside the list so one step codes both.

use super::{Intent, swatch};
use crate::model::{CategoryId, CodeId, Project};

#[derive(Default)]
pub struct CodePicker {
    pub query: String,
    pub cursor: usize,
    focused: bool,
}

/// Codes whose path contains every word of `query` (case-insensitive),
/// in tree order.
pub fn matches(p: &Project, query: &str) -> Vec<CodeId> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    p.codebook
        .tree_order()
        .into_iter()
        .map(|(id, _)| id)
        .filter(|id| {
            let path = p.codebook.path(*id).to_lowercase();
            words.iter().all(|w| path.contains(w))
        })
        .collect()
}

impl CodePicker {
    /// Shows the picker as a modal window; clears `open` when it closes.
    /// Returns what was chosen.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        p: &Project,
        category: Option<CategoryId>,
        open: &mut bool,
    ) -> Vec<Intent> {
        let mut out = Vec::new();
        let found = matches(p, &self.query);
        self.cursor = self.cursor.min(found.len().saturating_sub(1));
        let modal = egui::Modal::new(egui::Id::unique("code_picker")).show(ctx, |ui| {
            ui.set_width(440.0);
            let title = ui.label(egui::RichText::new("Apply a code").strong().size(16.0));
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text("Type to find a code")
                        .desired_width(f32::INFINITY)
                        .id(egui::Id::unique("code_picker_query")),
                )
                .labelled_by(title.id);
            if !self.focused {
                edit.request_focus();
                self.focused = true;
            }
            if edit.changed() {
                self.cursor = 0;
            }
            let (down, up, enter, esc) = ui.input(|i| {
                (
                    i.key_pressed(egui::Key::ArrowDown),
                    i.key_pressed(egui::Key::ArrowUp),
                    i.key_pressed(egui::Key::Enter),
                    i.key_pressed(egui::Key::Escape),
                )
            });
            if down {
                self.cursor = (self.cursor + 1).min(found.len().saturating_sub(1));
            }
            if up {
                self.cursor = self.cursor.saturating_sub(1);
            }
            ui.horizontal_wrapped(|ui| {
                ui.label("Category:");
                for c in &p.categories {
                    let on = category == Some(c.id);
                    if ui
                        .selectable_label(
                            on,
                            egui::RichText::new(&c.name).color(super::color(&c.color)),
                        )
                        .clicked()
                    {
                        out.push(Intent::SetCategory(if on { None } else { Some(c.id) }));
                    }
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    if found.is_empty() {
                        ui.label(egui::RichText::new("No code matches.").weak());
                    }
                    for (i, id) in found.iter().enumerate() {
                        let Some(code) = p.codebook.get(*id) else {
                            continue;
                        };
                        let level = p.codebook.level(*id);
                        let r = ui
                            .horizontal(|ui| {
                                ui.add_space((level as f32 - 1.0) * 14.0);
                                swatch(ui, &code.color);
                                ui.selectable_label(i == self.cursor, &code.name)
                            })
                            .inner;
                        if i == self.cursor && (down || up) {
                            r.scroll_to_me(None);
                        }
                        let r = if code.description.is_empty() {
                            r
                        } else {
                            r.on_hover_text(&code.description)
                        };
                        if r.clicked() {
                            out.push(Intent::ApplyCode(*id));
                            *open = false;
                        }
                    }
                });
            if enter && let Some(id) = found.get(self.cursor) {
                out.push(Intent::ApplyCode(*id));
                *open = false;
            }
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new("Arrow keys move · Enter applies · Esc closes")
                        .small()
                        .weak(),
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Cancel").clicked() {
                        *open = false;
                    }
                });
            });
            if esc {
                *open = false;
            }
        });
        if modal.should_close() {
            *open = false;
        }
        out
    }
}
