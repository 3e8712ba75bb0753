//! Citations tab: for each code the reference numbers of its documents,
//! compressed into ranges, ready to paste after a sentence.

use crate::analysis::drill::Cell;
use crate::session::Workspace;
use crate::ui::Intent;
use crate::ui::grid::{self, Behind, Column, Row, SortState, Value};

pub fn show(ui: &mut egui::Ui, ws: &Workspace, sort: &mut SortState, out: &mut Vec<Intent>) {
    let (Some(tables), p) = (ws.tables(), &ws.project) else {
        return;
    };
    let width = (ui.available_width() * 0.45).max(120.0);
    let columns = vec![
        Column::new("n", "Documents citing the code", 30.0),
        Column::new("Citations", "Reference numbers of those documents", width),
    ];
    let rows: Vec<Row> = tables
        .citations
        .iter()
        .map(|r| {
            let mut cites = Value::text(r.citations.clone());
            cites.sort = r.references.len() as f64;
            let n = Value::number(
                r.references.len(),
                Some(Behind::Documents(Cell {
                    code: Some(r.code),
                    ..Default::default()
                })),
            );
            Row::code(p, r.code, &r.name, &r.path, r.level, vec![n, cites], false)
        })
        .collect();
    ui.label(egui::RichText::new("Reference numbers are set per document (Edit details); renumber from the documents list.").small().weak());
    egui::ScrollArea::vertical()
        .id_salt("citations_table")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            grid::show_into(ui, "citations_grid", &columns, &rows, sort, out);
        });
}
