//! The small window listing what stands behind a number in a table: the
//! documents that count, or the passages. Clicking one opens it.

use super::Intent;
use crate::model::{CodingId, DocId, Project};

/// What stands behind a number, listed in a small window.
pub struct BehindList {
    pub title: String,
    pub docs: Vec<DocId>,
    pub passages: Vec<CodingId>,
}

impl BehindList {
    /// Shows the list as a window; clears `open` when it is closed.
    /// Returns what was clicked.
    pub fn show(&mut self, ctx: &egui::Context, p: &Project, open: &mut bool) -> Vec<Intent> {
        let mut out = Vec::new();
        egui::Window::new("Behind this number")
            .id(egui::Id::unique("behind_window"))
            .open(open)
            .default_width(420.0)
            .max_height(460.0)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(egui::RichText::new(&self.title).strong());
                ui.separator();
                egui::ScrollArea::vertical()
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        for d in self.docs.iter().filter_map(|id| p.document(*id)) {
                            let label = format!("[{}] {}", d.reference, d.title);
                            if ui.link(label).on_hover_text("Open this document").clicked() {
                                out.push(Intent::OpenDocument(d.id));
                            }
                        }
                        for c in self.passages.iter().filter_map(|id| p.coding(*id)) {
                            let Some(d) = p.document(c.doc) else { continue };
                            let src = if d.short_ref.is_empty() {
                                format!("[{}]", d.reference)
                            } else {
                                d.short_ref.clone()
                            };
                            let page = d
                                .page_label(c.start, c.end)
                                .map(|l| format!(", {l}"))
                                .unwrap_or_default();
                            let quote: String = d.slice_chars(c.start, c.end.min(c.start + 160));
                            if ui
                                .link(format!("{src}{page}: “{}”", quote.replace('\n', " ")))
                                .on_hover_text("Open this passage")
                                .clicked()
                            {
                                out.push(Intent::JumpToCoding(c.id));
                            }
                        }
                    });
            });
        out
    }
}
