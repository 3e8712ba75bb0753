//! *File › Import from a reference manager*: what an export would do —
//! new studies (with or without a file), updates with each changed field,
//! every record left out — before anything changes.

use super::Intent;
use super::style::dialog_title as title;
use crate::io::library::{Order, Plan};

/// The plan of an export waiting for the reviewer's go.
pub struct LibraryDialog {
    pub plan: Plan,
    pub order: Order,
}

impl LibraryDialog {
    /// Shows the plan as a modal window; clears `open` when it closes.
    pub fn show(&mut self, ctx: &egui::Context, open: &mut bool) -> Vec<Intent> {
        let mut out = Vec::new();
        egui::Modal::new(egui::Id::unique("library_dialog")).show(ctx, |ui| {
            ui.set_max_width(620.0);
            title(ui, "Import studies from a reference manager");
            ui.label(egui::RichText::new(self.plan.summary()).strong());
            let with_file = self.plan.new.iter().filter(|n| n.file.is_some()).count();
            let without = self.plan.new.len() - with_file;
            if without > 0 {
                ui.label(format!(
                    "{} no file Thema can read: {} added without text, marked so; attach the text later from the study's details.",
                    crate::words::count(without, "record has", "records have"),
                    crate::words::plural(without, "it is", "they are"),
                ));
            }
            let mut order = self.order;
            ui.horizontal(|ui| {
                ui.label("Number the new studies");
                ui.radio_value(&mut order, Order::File, "in the file's order");
                ui.radio_value(&mut order, Order::AuthorYear, "by author and year");
            });
            if order != self.order {
                out.push(Intent::ReferenceOrder(order));
            }
            egui::ScrollArea::vertical()
                .max_height((ctx.content_rect().height() - 300.0).clamp(120.0, 420.0))
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    if !self.plan.new.is_empty() {
                        ui.label(egui::RichText::new("New studies").strong());
                        for n in &self.plan.new {
                            let file = if n.file.is_some() { "" } else { " — no text" };
                            ui.label(format!(
                                "[{}] {}: {}{file}",
                                n.reference, n.short_ref, n.record.title
                            ));
                        }
                    }
                    if !self.plan.updates.is_empty() {
                        ui.add_space(6.0);
                        ui.label(egui::RichText::new("Studies already in the project, updated").strong());
                        for u in &self.plan.updates {
                            ui.label(u.study.as_str());
                            for c in &u.changes {
                                let line = if c.old.is_empty() {
                                    format!("    {}: {}", c.field, c.new)
                                } else {
                                    format!("    {}: {} → {}", c.field, c.old, c.new)
                                };
                                ui.label(egui::RichText::new(line).weak());
                            }
                        }
                    }
                    if !self.plan.problems.is_empty() {
                        ui.add_space(6.0);
                        ui.label(egui::RichText::new("Left out or changed").strong());
                        for p in &self.plan.problems {
                            ui.label(format!("• {p}"));
                        }
                    }
                });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let n = self.plan.new.len() + self.plan.updates.len();
                let go = ui.add_enabled(n > 0, egui::Button::new("Import"));
                if go.clicked() {
                    out.push(Intent::ImportReferences);
                    *open = false;
                }
                if ui.button("Cancel").clicked() {
                    *open = false;
                }
                if n == 0 {
                    ui.label("Every record is already in the project as it is.");
                }
            });
        });
        out
    }
}
