//! Characteristics tab: each attribute's values with n and % of N; number
//! attributes can be grouped into ranges the reviewer edits here.

use crate::analysis::drill::Cell;
use crate::edit::Command;
use crate::model::{AttrKind, Bin};
use crate::session::Workspace;
use crate::ui::Intent;
use crate::ui::grid::Behind;

pub fn show(ui: &mut egui::Ui, ws: &Workspace, out: &mut Vec<Intent>) {
    let (Some(tables), p) = (ws.tables(), &ws.project) else {
        return;
    };
    let t = &tables.characteristics;
    if t.attributes.is_empty() {
        ui.label(
            egui::RichText::new("No attributes yet. Define them in Edit > Document attributes…")
                .weak(),
        );
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("characteristics_table")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for block in &t.attributes {
                ui.add_space(4.0);
                ui.label(egui::RichText::new(&block.name).strong());
                egui::Grid::new(("characteristics", block.attr))
                    .striped(true)
                    .num_columns(3)
                    .min_col_width(8.0)
                    .spacing([12.0, 3.0])
                    .show(ui, |ui| {
                        for r in &block.rows {
                            ui.label(&r.value);
                            if r.n > 0 {
                                if ui
                                    .link(r.n.to_string())
                                    .on_hover_text("Show these documents")
                                    .clicked()
                                {
                                    let cell = Cell {
                                        value: Some((block.attr, r.value.clone())),
                                        ..Default::default()
                                    };
                                    out.push(Intent::ShowBehind {
                                        title: format!(
                                            "{} = {}: {}",
                                            block.name,
                                            r.value,
                                            crate::words::count(r.n, "document", "documents")
                                        ),
                                        behind: Behind::Documents(cell),
                                    });
                                }
                            } else {
                                ui.label("0");
                            }
                            ui.label(format!("{}%", r.percent));
                            ui.end_row();
                        }
                    });
                if let Some(def) = p.attribute_def(block.attr)
                    && matches!(def.kind, AttrKind::Number)
                {
                    bins_editor(ui, def, out);
                }
            }
        });
}

/// "Ranges: 1997–2004, 2005–2009 …" with a text field to change them.
fn bins_editor(ui: &mut egui::Ui, def: &crate::model::AttributeDef, out: &mut Vec<Intent>) {
    let id = egui::Id::unique(("bins_text", def.id));
    let current = def
        .bins
        .iter()
        .map(Bin::label)
        .collect::<Vec<_>>()
        .join(", ");
    let mut text = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| current.clone());
    ui.horizontal(|ui| {
        let l = ui.label(egui::RichText::new("Ranges").small());
        let resp = ui
            .add(egui::TextEdit::singleline(&mut text).hint_text("e.g. 1997-2004, 2005-2009, 2010-2014").desired_width(240.0))
            .labelled_by(l.id)
            .on_hover_text("Ranges of values shown as rows, separated by commas; leave empty to list every value");
        if resp.changed() {
            ui.data_mut(|d| d.insert_temp(id, text.clone()));
        }
        let parsed = Bin::parse_list(&text);
        let ok = parsed.is_some();
        if ui.add_enabled(ok && text != current, egui::Button::new("Apply")).clicked()
            && let Some(bins) = parsed
        {
            let mut new = def.clone();
            new.bins = bins;
            out.push(Intent::Apply(format!("Ranges of {}", def.name), Command::UpdateAttributeDef(new)));
            ui.data_mut(|d| d.remove::<String>(id));
        }
        if !ok {
            ui.label(egui::RichText::new("write ranges like 2005-2009").small().color(ui.visuals().error_fg_color));
        }
    });
}
