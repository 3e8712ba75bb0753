//! The co-occurrence view: controls, the heat map and its drill-down.

use super::*;

pub(super) fn cooccurrence_view(
    ui: &mut egui::Ui,
    ws: &Workspace,
    m: &Computed,
    state: &mut MatricesUi,
    out: &mut Vec<Intent>,
) {
    let p = &ws.project;
    let o = ws.matrix_options;
    ui.horizontal_wrapped(|ui| {
        if let Some(level) = level_combo(ui, "cooc_level", p, o.level, true) {
            out.push(Intent::SetMatrixOptions(MatrixOptions { level, ..o }));
            state.sort_by = None;
        }
        ui.label("Cells show");
        let r = egui::ComboBox::from_id_salt("cooc_measure")
            .selected_text(o.measure.label())
            .show_ui(ui, |ui| {
                for me in Measure::ALL {
                    if ui.selectable_label(o.measure == me, me.label()).clicked() {
                        out.push(Intent::SetMatrixOptions(MatrixOptions { measure: me, ..o }));
                    }
                }
            });
        crate::ui::name_combo(r, "Cells show");
    });
    // Two rows of two choices: each label stays with its list in a narrow panel.
    ui.horizontal_wrapped(|ui| {
        ui.label("Together when");
        let r = egui::ComboBox::from_id_salt("cooc_distance")
            .selected_text(o.proximity.label())
            .show_ui(ui, |ui| {
                for d in Proximity::ALL {
                    if ui.selectable_label(o.proximity == d, d.label()).clicked() {
                        out.push(Intent::SetMatrixOptions(MatrixOptions {
                            proximity: d,
                            ..o
                        }));
                    }
                }
            });
        crate::ui::name_combo(r, "Together when");
        if !p.categories.is_empty() {
            let current = o
                .category
                .and_then(|k| p.categories.iter().find(|c| c.id == k))
                .map_or_else(
                    || "passages of all categories".to_owned(),
                    |c| format!("{} passages only", c.name),
                );
            let r = egui::ComboBox::from_id_salt("cooc_category")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(o.category.is_none(), "all categories")
                        .clicked()
                    {
                        out.push(Intent::SetMatrixOptions(MatrixOptions {
                            category: None,
                            ..o
                        }));
                    }
                    for c in &p.categories {
                        if ui
                            .selectable_label(o.category == Some(c.id), &c.name)
                            .clicked()
                        {
                            out.push(Intent::SetMatrixOptions(MatrixOptions {
                                category: Some(c.id),
                                ..o
                            }));
                        }
                    }
                });
            crate::ui::name_combo(r, "Passages of category");
        }
    });
    let c = m.cooccurrence();
    if c.is_empty() {
        ui.label(egui::RichText::new("No codes at this level yet.").weak());
        return;
    }
    ui.label(
        egui::RichText::new(format!(
            "{} × {} codes · N = {} studies · click a column number to sort by it, a cell to see the passages behind it",
            c.len(),
            c.len(),
            m.n_docs
        ))
        .small()
        .weak(),
    );
    let names: Vec<String> = m
        .cooccurrence_codes
        .iter()
        .map(|&id| p.codebook.name(id))
        .collect();
    let paths: Vec<String> = m
        .cooccurrence_codes
        .iter()
        .map(|&id| p.codebook.path(id))
        .collect();
    let mut order: Vec<usize> = (0..c.len()).collect();
    if let Some(col) = state.sort_by.filter(|&s| s < c.len()) {
        order.sort_by(|&a, &b| {
            c.value(o.measure, b, col)
                .total_cmp(&c.value(o.measure, a, col))
        });
    }
    let max = (0..c.len())
        .flat_map(|i| (0..c.len()).filter(move |&j| j != i).map(move |j| (i, j)))
        .map(|(i, j)| c.value(o.measure, i, j))
        .fold(0.0, f64::max);
    let selected = state.drill.as_ref().map(|d| d.title.clone());
    let label_w = (ui.available_width() * 0.3).clamp(110.0, 220.0);
    let cell = egui::vec2(if o.measure.is_ratio() { 52.0 } else { 40.0 }, 22.0);
    matrix_area(ui, state.drill.is_some(), "cooc_scroll").show_viewport(ui, |ui, viewport| {
            ui.spacing_mut().item_spacing = egui::vec2(0.0, 0.0);
            ui.horizontal(|ui| {
                fixed_label(ui, label_w, cell.y, egui::RichText::new(""));
                for (j, path) in paths.iter().enumerate() {
                    let sorted = state.sort_by == Some(j);
                    let t = if sorted { format!("{}▼", j + 1) } else { format!("{}", j + 1) };
                    let r = ui
                        .add_sized(cell, egui::Button::new(egui::RichText::new(t).small()).frame(false))
                        .on_hover_text(format!("{}. {path}\nClick to sort the rows by this column", j + 1));
                    if r.clicked() {
                        state.sort_by = if sorted { None } else { Some(j) };
                    }
                }
            });
            // Only the rows in view are drawn (200 codes are 40,000 cells).
            let (first, last) = visible_rows(viewport, cell.y, order.len());
            ui.add_space(first as f32 * cell.y);
            for &i in &order[first..last] {
                ui.horizontal(|ui| {
                    let label = format!("{}. {}", i + 1, names[i]);
                    fixed_label(ui, label_w, cell.y, egui::RichText::new(label).small())
                        .on_hover_text(&paths[i]);
                    for j in 0..c.len() {
                        let mut text = c.text(o.measure, i, j);
                        let flagged = o.measure == Measure::CCoefficient && i != j && c.flagged(i, j);
                        if flagged {
                            text.push('†');
                        }
                        let v = if i == j { 0.0 } else { c.value(o.measure, i, j) };
                        let title = cell_title(&names, i, j);
                        let is_sel = selected.as_deref() == Some(title.as_str());
                        let name = format!("{title}: {text}");
                        let mut r = heat_cell(ui, &text, &name, heat(ui, v, max), cell, is_sel);
                        let mut hover = format!(
                            "{} × {}\n{} co-occurring passage pairs · {} studies hold both · c = {} · Jaccard = {}",
                            names[i],
                            names[j],
                            c.pairs(i, j),
                            c.both_documents(i, j),
                            c.c_coefficient(i, j).map_or("–".into(), |x| format!("{x:.3}")),
                            c.jaccard(i, j).map_or("–".into(), |x| format!("{x:.3}")),
                        );
                        if flagged {
                            hover = format!("{hover}\n† {}", cooccurrence::FLAG_WHY);
                        }
                        r = r.on_hover_text(hover);
                        if r.clicked() {
                            state.drill = Some(drill_cooccurrence(ws, i, j, title));
                        }
                    }
                });
            }
            ui.add_space((order.len() - last) as f32 * cell.y);
        });
    if (0..c.len()).any(|i| (0..c.len()).any(|j| i != j && c.flagged(i, j)))
        && o.measure == Measure::CCoefficient
    {
        ui.label(
            egui::RichText::new("† one code is used more than five times as often as the other: c is unreliable there.")
                .small()
                .color(ui.visuals().warn_fg_color),
        );
    }
    drill_panel(ui, p, state, out);
}

pub(super) fn cell_title(names: &[String], i: usize, j: usize) -> String {
    if i == j {
        names[i].clone()
    } else {
        format!("{} × {}", names[i], names[j])
    }
}

pub(super) fn drill_cooccurrence(ws: &Workspace, i: usize, j: usize, title: String) -> Drill {
    let p = &ws.project;
    let scope = ws.effective_scope();
    let prep = Prepared::new(p, &scope);
    let b = cooccurrence::behind(&prep, ws.matrix_options.cooccurrence(), i, j);
    Drill {
        key: drill_key(ws, View::Cooccurrence),
        title,
        counted: b.pairs.len(),
        pairs: b
            .distinct_pairs(p)
            .iter()
            .map(|&(a, b)| (p.codings[a].id, p.codings[b].id))
            .collect(),
        documents: b.documents.iter().map(|&d| p.documents[d].id).collect(),
    }
}
