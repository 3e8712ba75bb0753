//! Cross-tab tab: codes × values of a chosen attribute — n documents and
//! column % (of the documents with that value).

use crate::analysis::drill::Cell;
use crate::session::Workspace;
use crate::ui::Intent;
use crate::ui::grid::{self, Behind, Column, Row, SortState, Value};

pub fn show(ui: &mut egui::Ui, ws: &Workspace, sort: &mut SortState, out: &mut Vec<Intent>) {
    let (Some(tables), p) = (ws.tables(), &ws.project) else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label("Columns");
        let current = ws
            .table_options
            .crosstab_by
            .and_then(|a| p.attribute_def(a))
            .map(|a| a.name.clone())
            .unwrap_or_else(|| "choose an attribute".into());
        let r = egui::ComboBox::from_id_salt("crosstab_by")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for a in &p.attributes {
                    if ui
                        .selectable_label(ws.table_options.crosstab_by == Some(a.id), &a.name)
                        .clicked()
                    {
                        let mut o = ws.table_options.clone();
                        o.crosstab_by = Some(a.id);
                        out.push(Intent::SetTableOptions(o));
                    }
                }
            });
        crate::ui::name_combo(r, "Cross-tab columns");
    });
    let Some(t) = &tables.crosstab else {
        ui.label(egui::RichText::new("Define a document attribute (Edit > Document attributes…) to cross-tabulate codes by it.").weak());
        return;
    };
    let attr = ws.table_options.crosstab_by;
    let columns: Vec<Column> = t
        .values
        .iter()
        .zip(&t.column_n)
        .map(|(v, n)| {
            Column::new(
                format!("{v} ({n})"),
                format!("{v}: n documents and % of the {n} documents with this value"),
                96.0,
            )
        })
        .collect();
    let rows: Vec<Row> = t
        .rows
        .iter()
        .map(|r| {
            let values = t
                .values
                .iter()
                .enumerate()
                .map(|(k, v)| {
                    let behind = attr.map(|a| {
                        Behind::Documents(Cell {
                            code: Some(r.code),
                            category: None,
                            value: Some((a, v.clone())),
                        })
                    });
                    let mut val = Value::number(r.n[k], behind);
                    val.text = format!("{} ({}%)", r.n[k], r.column_percent[k]);
                    val
                })
                .collect();
            Row::code(p, r.code, &r.name, &r.path, r.level, values, false)
        })
        .collect();
    egui::ScrollArea::both()
        .id_salt("crosstab_table")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            grid::show_into(ui, "crosstab_grid", &columns, &rows, sort, out);
        });
}
