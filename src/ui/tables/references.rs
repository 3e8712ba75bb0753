//! References tab: coded passages per code and category with relative
//! frequency (of all passages in scope), per group and combined; key codes
//! (upper quartile of their level) are marked.

use crate::analysis::drill::Cell;
use crate::session::Workspace;
use crate::ui::Intent;
use crate::ui::grid::{self, Behind, Column, Row, SortState, Value};

pub fn show(ui: &mut egui::Ui, ws: &Workspace, sort: &mut SortState, out: &mut Vec<Intent>) {
    let (Some(tables), p) = (ws.tables(), &ws.project) else {
        return;
    };
    let t = &tables.references;
    ui.horizontal(|ui| {
        ui.label("Groups by");
        let current = ws
            .table_options
            .group_by
            .and_then(|a| p.attribute_def(a))
            .map(|a| a.name.clone())
            .unwrap_or_else(|| "— (combined only)".into());
        let r = egui::ComboBox::from_id_salt("references_group")
            .selected_text(current)
            .show_ui(ui, |ui| {
                let mut set = |g| {
                    let mut o = ws.table_options.clone();
                    o.group_by = g;
                    out.push(Intent::SetTableOptions(o));
                };
                if ui
                    .selectable_label(ws.table_options.group_by.is_none(), "— (combined only)")
                    .clicked()
                {
                    set(None);
                }
                for a in &p.attributes {
                    if ui
                        .selectable_label(ws.table_options.group_by == Some(a.id), &a.name)
                        .clicked()
                    {
                        set(Some(a.id));
                    }
                }
            });
        crate::ui::name_combo(r, "Group references by");
    });
    let combined = t.combined();
    let total = &t.totals[combined];
    let shares: Vec<String> = t
        .categories
        .iter()
        .enumerate()
        .map(|(k, c)| format!("{c} {}%", t.relative(total.by_category[k], combined)))
        .collect();
    ui.label(
        egui::RichText::new(format!(
            "{} coded passages: {}",
            total.all,
            shares.join(", ")
        ))
        .small(),
    );
    egui::ScrollArea::both()
        .id_salt("references_table")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (g, group) in t.groups.iter().enumerate() {
                if t.groups.len() > 1 {
                    ui.add_space(6.0);
                    ui.label(
                        egui::RichText::new(format!(
                            "{group} ({})",
                            crate::words::count(t.totals[g].all, "passage", "passages")
                        ))
                        .strong(),
                    );
                }
                let mut columns = vec![
                    Column::new("refs", "Coded passages of the code and its sub-codes", 38.0),
                    Column::new(
                        "%",
                        "Relative frequency: refs / all passages in the group, two decimals",
                        48.0,
                    ),
                ];
                for c in &t.categories {
                    let mut col = Column::new(
                        c.chars().take(1).collect::<String>(),
                        format!("{c} passages (% of all passages)"),
                        70.0,
                    );
                    col.color = p
                        .categories
                        .iter()
                        .find(|k| &k.name == c)
                        .map(|k| crate::ui::color(&k.color));
                    columns.push(col);
                }
                let value = match ws.table_options.group_by {
                    Some(attr) if g != combined => Some((attr, group.clone())),
                    _ => None,
                };
                let rows: Vec<Row> = t
                    .rows
                    .iter()
                    .map(|r| {
                        let c = &r.groups[g];
                        let behind = |category| {
                            Some(Behind::Passages(Cell {
                                code: Some(r.code),
                                category,
                                value: value.clone(),
                            }))
                        };
                        let mut values = vec![
                            Value::number(c.all, behind(None)),
                            Value::decimal(&t.relative(c.all, g)),
                        ];
                        for (k, n) in c.by_category.iter().enumerate() {
                            let mut v = Value::number(*n, behind(Some(k)));
                            v.text = format!("{n} ({})", t.relative(*n, g));
                            columns[2 + k].width = columns[2 + k].width.max(70.0);
                            values.push(v);
                        }
                        Row::code(p, r.code, &r.name, &r.path, r.level, values, r.key)
                    })
                    .collect();
                grid::show_into(
                    ui,
                    &format!("references_grid_{g}"),
                    &columns,
                    &rows,
                    sort,
                    out,
                );
            }
        });
}
