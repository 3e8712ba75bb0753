//! Prevalence tab: n documents, % of N and n per category for every code
//! (rolled up), then category prevalence.

use crate::analysis::drill::Cell;
use crate::session::Workspace;
use crate::ui::Intent;
use crate::ui::grid::{self, Behind, Column, Row, SortState, Value};

pub fn show(ui: &mut egui::Ui, ws: &Workspace, sort: &mut SortState, out: &mut Vec<Intent>) {
    let (Some(t), p) = (ws.prevalence(), &ws.project) else {
        return;
    };
    let mut columns = vec![
        Column::new("n", "Documents holding the code or a sub-code", 34.0),
        Column::new("%", "n / N, one decimal", 44.0),
    ];
    for (id, name) in &t.categories {
        let key = p
            .category(*id)
            .and_then(|c| c.key)
            .map(String::from)
            .unwrap_or_else(|| name.chars().take(1).collect());
        let mut c = Column::new(
            key,
            format!("Documents with a {name} coding of the code"),
            24.0,
        );
        c.color = p.category(*id).map(|c| crate::ui::color(&c.color));
        columns.push(c);
    }
    let rows: Vec<Row> = t
        .rows
        .iter()
        .map(|r| {
            let docs = |category| {
                Some(Behind::Documents(Cell {
                    code: Some(r.code),
                    category,
                    value: None,
                }))
            };
            let mut values = vec![
                Value::number(r.n_documents, docs(None)),
                Value::decimal(&r.percent),
            ];
            values.extend(
                r.by_category
                    .iter()
                    .enumerate()
                    .map(|(k, n)| Value::number(*n, docs(Some(k)))),
            );
            Row::code(p, r.code, &r.name, &r.path, r.level, values, false)
        })
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("prevalence_table")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            grid::show_into(ui, "prevalence_grid", &columns, &rows, sort, out);
            ui.add_space(10.0);
            ui.label(egui::RichText::new("Category prevalence").strong());
            egui::Grid::new("category_grid")
                .striped(true)
                .num_columns(3)
                .spacing([10.0, 4.0])
                .show(ui, |ui| {
                    for (k, c) in t.category_rows.iter().enumerate() {
                        ui.label(&c.name);
                        let cell = Cell {
                            category: Some(k),
                            ..Default::default()
                        };
                        if ui
                            .link(format!("{} / {}", c.n_documents, t.n_total))
                            .on_hover_text("Show these documents")
                            .clicked()
                        {
                            out.push(Intent::ShowBehind {
                                title: format!(
                                    "{}: {}",
                                    c.name,
                                    crate::words::count(c.n_documents, "document", "documents")
                                ),
                                behind: Behind::Documents(cell),
                            });
                        }
                        ui.label(format!("{}%", c.percent));
                        ui.end_row();
                    }
                });
        });
}
