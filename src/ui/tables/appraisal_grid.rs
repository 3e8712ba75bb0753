//! The Appraisal tab's studies × items grid: the same sheet the report
//! writes, shown as a table.

use crate::model::ReviewerId;
use crate::session::Workspace;

/// The grid of the current reviewer (or of every checklist's first one).
pub fn show(ui: &mut egui::Ui, ws: &Workspace) {
    use crate::io::report::appraisal::{Whose, checklists_in_use, grid};
    let p = &ws.project;
    let lists = checklists_in_use(p);
    if lists.is_empty() {
        ui.label(egui::RichText::new("No study is appraised yet.").weak());
        return;
    }
    let Some(me) = ws.coding_as.filter(|r| *r != ReviewerId::CONSENSUS) else {
        ui.label(egui::RichText::new("Choose who you are to see your grid.").weak());
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("appraisal_grid")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for c in lists {
                let sheet = grid(p, c, Whose::Reviewer(me));
                ui.label(egui::RichText::new(&sheet.title).strong());
                // Wide grids scroll sideways; the legend below wraps.
                egui::ScrollArea::horizontal()
                    .id_salt(("appraisal_grid_x", c.id.as_str()))
                    .show(ui, |ui| {
                        egui::Grid::new(("appraisal_grid", c.id.as_str()))
                            .striped(true)
                            .spacing([10.0, 3.0])
                            .show(ui, |ui| {
                                for col in &sheet.columns {
                                    ui.label(egui::RichText::new(col.replace('_', " ")).strong());
                                }
                                ui.end_row();
                                for row in &sheet.rows {
                                    for cell in row {
                                        ui.label(cell.as_text());
                                    }
                                    ui.end_row();
                                }
                            });
                    });
                if let Some(note) = &sheet.note {
                    ui.add(egui::Label::new(egui::RichText::new(note).small().weak()).wrap());
                }
                ui.add_space(8.0);
            }
        });
}
