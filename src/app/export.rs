//! Exports from the window (tables, the HTML report, charts) and opening
//! the list of documents or passages behind a clicked number.

use super::ThemaApp;
use crate::analysis::{Prepared, Tables, drill};
use crate::io::report::{self, Format, chart};
use crate::ui::behind_window::BehindList;
use crate::ui::grid::Behind;

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
    pub fn export_bytes(&self, table: &str, format: Format) -> crate::error::Result<Vec<u8>> {
        let ws = self
            .ws
            .as_ref()
            .ok_or_else(|| crate::error::Error::Request("no project is open".into()))?;
        if report::matrices::TABLES.contains(&table) {
            return Ok(report::matrices::render(
                &ws.project,
                &ws.effective_scope(),
                table,
                &ws.matrix_options,
                format,
            )?);
        }
        let tables = Tables::compute(&ws.project, &ws.effective_scope(), &ws.table_options);
        Ok(report::render(&ws.project, &tables, table, format)?)
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

    pub fn export_chart(&mut self, which: usize, png: bool, size: chart::ChartSize) {
        let Some(ws) = &self.ws else { return };
        let Some(t) = ws.prevalence() else { return };
        let c = if which == 0 {
            chart::prevalence_chart(&ws.project, t)
        } else {
            chart::category_chart(&ws.project, t, 2)
        };
        let c = chart::recolour(&c, ws.chart_palette);
        let result = match (png, size) {
            (true, chart::ChartSize::Screen) => chart::svg(&c).and_then(|svg| chart::png(&svg)),
            (true, journal) => chart::png_at_dpi(&c, journal, 300.0),
            (false, size) => chart::svg_sized(&c, size).map(String::into_bytes),
        };
        match result {
            Ok(bytes) => {
                let ext = if png { "png" } else { "svg" };
                let name = if which == 0 {
                    "theme-prevalence"
                } else {
                    "categories"
                };
                let sized = match size {
                    chart::ChartSize::Screen => "",
                    chart::ChartSize::OneColumn => " (85 mm)",
                    chart::ChartSize::TwoColumns => " (175 mm)",
                };
                let name = format!("{} - {name}{sized}.{ext}", ws.project.file_stem());
                self.save_bytes(&name, ext, &bytes);
            }
            Err(e) => self.set_error(format!("The chart could not be drawn: {e}.")),
        }
    }

    /// Adds a checklist file's checklist to the project (one undo step);
    /// what happened (a new id when the old one is taken) is said.
    pub fn import_checklist_dialog(&mut self) {
        use crate::io::checklist_file;
        let Some(path) = rfd::FileDialog::new()
            .set_title("Import an appraisal checklist")
            .add_filter("Thema checklist", &["ron"])
            .pick_file()
        else {
            return;
        };
        let read = std::fs::metadata(&path)
            .map_err(|e| e.to_string())
            .and_then(|m| {
                if m.len() > checklist_file::MAX_FILE_BYTES as u64 {
                    Err(format!(
                        "the file is {} KiB; a checklist file is at most {} KiB",
                        m.len() / 1024,
                        checklist_file::MAX_FILE_BYTES / 1024
                    ))
                } else {
                    std::fs::read_to_string(&path).map_err(|e| e.to_string())
                }
            })
            .and_then(|t| checklist_file::from_text(&t));
        let Some(ws) = &self.ws else { return };
        match read {
            Err(e) => self.set_error(format!(
                "{} could not be imported: {e}. The project was not changed.",
                path.display()
            )),
            Ok(c) => {
                let done = checklist_file::import(&ws.project, c);
                if let Some(cmd) = done.command {
                    self.apply("Import a checklist", cmd);
                }
                self.set_status(done.message);
            }
        }
    }

    /// Saves a checklist as a file others can import.
    pub fn export_checklist(&mut self, id: &str) {
        let Some(ws) = &self.ws else { return };
        let found = ws.project.appraisal.checklist(id).cloned().or_else(|| {
            crate::model::appraisal::bundled()
                .into_iter()
                .find(|c| c.id == id)
        });
        let Some(c) = found else {
            self.set_error(format!("No checklist has the id {id}."));
            return;
        };
        let text = crate::io::checklist_file::to_text(&c);
        self.save_bytes(&format!("{}.checklist.ron", c.id), "ron", text.as_bytes());
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
