//! Exports from the window (tables, the HTML report, charts) and the list
//! of documents or passages behind a clicked number.

use super::ThemaApp;
use crate::analysis::{Prepared, Tables, drill};
use crate::io::report::{self, Format, chart};
use crate::model::{CodingId, DocId, Project};
use crate::ui::Intent;
use crate::ui::tables::grid::Behind;

/// What stands behind a number, listed in a small window.
pub struct BehindList {
    pub title: String,
    pub docs: Vec<DocId>,
    pub passages: Vec<CodingId>,
}

impl BehindList {
    /// Shows the list; returns whether it stays open and what was clicked.
    pub fn show(&mut self, ctx: &egui::Context, p: &Project) -> (bool, Vec<Intent>) {
        let mut out = Vec::new();
        let mut open = true;
        egui::Window::new("Behind this number")
            .id(egui::Id::unique("behind_window"))
            .open(&mut open)
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
                                .page_of(c.start)
                                .map(|n| format!(", p. {n}"))
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
        (open, out)
    }
}

impl ThemaApp {
    pub fn show_behind(&mut self, title: String, behind: Behind) {
        let Some(ws) = &self.ws else { return };
        let prep = Prepared::new(&ws.project, &ws.effective_scope());
        let (docs, passages) = match &behind {
            Behind::Documents(cell) => (drill::documents(&prep, cell), Vec::new()),
            Behind::Passages(cell) => (Vec::new(), drill::passages(&prep, cell)),
        };
        self.behind = Some(BehindList {
            title,
            docs,
            passages,
        });
    }

    /// A table (or `all`) as the window exports it: the tables of the
    /// scope the reviewer may see (blind coding applies), in `format`.
    pub fn export_bytes(&self, table: &str, format: Format) -> Result<Vec<u8>, String> {
        let ws = self.ws.as_ref().ok_or("no project is open")?;
        let tables = Tables::compute(&ws.project, &ws.effective_scope(), &ws.table_options);
        report::render(&ws.project, &tables, table, format)
    }

    /// Asks where to save and writes a table or the whole report.
    pub fn export_table(&mut self, table: &str, format: Format) {
        let Some(ws) = &self.ws else { return };
        let stem = ws.project.file_stem();
        let bytes = match self.export_bytes(table, format) {
            Ok(b) => b,
            Err(e) => return self.set_error(format!("The export could not be made: {e}.")),
        };
        let what = if table == "all" { "report" } else { table };
        let name = format!("{stem} - {what}");
        self.save_bytes(
            &format!("{name}.{}", format.extension()),
            format.extension(),
            &bytes,
        );
    }

    pub fn export_chart(&mut self, which: usize, png: bool) {
        let Some(ws) = &self.ws else { return };
        let Some(t) = ws.prevalence() else { return };
        let c = if which == 0 {
            chart::prevalence_chart(&ws.project, t)
        } else {
            chart::category_chart(&ws.project, t, 2)
        };
        let result = chart::svg(&c).and_then(|svg| {
            if png {
                chart::png(&svg)
            } else {
                Ok(svg.into_bytes())
            }
        });
        match result {
            Ok(bytes) => {
                let ext = if png { "png" } else { "svg" };
                let name = if which == 0 {
                    "theme-prevalence"
                } else {
                    "categories"
                };
                let name = format!("{} - {name}.{ext}", ws.project.file_stem());
                self.save_bytes(&name, ext, &bytes);
            }
            Err(e) => self.set_error(format!("The chart could not be drawn: {e}.")),
        }
    }

    fn save_bytes(&mut self, default_name: &str, ext: &str, bytes: &[u8]) {
        let Some(path) = rfd::FileDialog::new()
            .set_title("Export")
            .set_file_name(default_name)
            .add_filter(ext.to_uppercase(), &[ext])
            .save_file()
        else {
            return;
        };
        match crate::io::project_file::write_atomic(&path, bytes, false) {
            Ok(()) => self.set_status(format!("Exported {}", path.display())),
            Err(e) => self.set_error(format!("{e} Choose another folder and try again.")),
        }
    }
}
