//! *View › Memos and code sets*: the project's memos and code sets — what
//! the reviewers wrote about the review as a whole and the named groups of
//! codes and documents, many of them brought in from another tool. Read
//! here; a document's memo is edited in its details.

use super::Intent;
use crate::model::Project;

/// The window's state (which memo is open is egui's).
#[derive(Default)]
pub struct MemosWindow;

impl MemosWindow {
    /// Shows the window; clears `open` when it is closed. Clicking a
    /// document opens it.
    pub fn show(&mut self, ctx: &egui::Context, p: &Project, open: &mut bool) -> Vec<Intent> {
        let mut out = Vec::new();
        egui::Window::new("Memos and code sets")
            .id(egui::Id::unique("memos_window"))
            .open(open)
            .default_width(480.0)
            .default_height(420.0)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .collapsible(false)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        memos(ui, p);
                        ui.add_space(8.0);
                        sets(ui, p, &mut out);
                        ui.add_space(8.0);
                        document_memos(ui, p, &mut out);
                    });
            });
        out
    }
}

fn memos(ui: &mut egui::Ui, p: &Project) {
    ui.label(egui::RichText::new(format!("Project memos ({})", p.memos.len())).strong());
    if p.memos.is_empty() {
        ui.label(
            egui::RichText::new("None yet. Notes imported from other tools appear here.").weak(),
        );
    }
    for m in &p.memos {
        let head = if m.created.is_empty() {
            m.title.clone()
        } else {
            format!(
                "{} — {}",
                m.title,
                m.created.get(..10).unwrap_or(&m.created)
            )
        };
        egui::CollapsingHeader::new(head)
            .id_salt(("memo", m.id))
            .show(ui, |ui| {
                ui.label(&m.text);
            });
    }
}

fn sets(ui: &mut egui::Ui, p: &Project, out: &mut Vec<Intent>) {
    ui.label(egui::RichText::new(format!("Code sets ({})", p.code_sets.len())).strong());
    if p.code_sets.is_empty() {
        ui.label(
            egui::RichText::new(
                "None yet. Sets and code groups imported from other tools appear here.",
            )
            .weak(),
        );
    }
    for s in &p.code_sets {
        let codes: Vec<String> = s
            .codes
            .iter()
            .filter(|c| p.codebook.contains(**c))
            .map(|c| p.codebook.path(*c))
            .collect();
        let docs: Vec<_> = s.documents.iter().filter_map(|d| p.document(*d)).collect();
        egui::CollapsingHeader::new(format!(
            "{} — {} code(s), {} document(s)",
            s.name,
            codes.len(),
            docs.len()
        ))
        .id_salt(("set", s.id))
        .show(ui, |ui| {
            if !s.description.is_empty() {
                ui.label(egui::RichText::new(&s.description).italics());
            }
            for c in &codes {
                ui.label(format!("• {c}"));
            }
            for d in docs {
                if ui
                    .link(format!("[{}] {}", d.reference, d.title))
                    .on_hover_text("Open this document")
                    .clicked()
                {
                    out.push(Intent::OpenDocument(d.id));
                }
            }
        });
    }
}

fn document_memos(ui: &mut egui::Ui, p: &Project, out: &mut Vec<Intent>) {
    let with: Vec<_> = p
        .documents
        .iter()
        .filter(|d| !d.memo.trim().is_empty())
        .collect();
    ui.label(egui::RichText::new(format!("Document memos ({})", with.len())).strong());
    for d in with {
        ui.horizontal(|ui| {
            if ui
                .link(format!("[{}] {}", d.reference, d.title))
                .on_hover_text("Open this document")
                .clicked()
            {
                out.push(Intent::OpenDocument(d.id));
            }
        });
        ui.label(egui::RichText::new(d.memo.trim()).weak());
    }
}
