//! The codes × studies view: 1/0 or passage counts, attributes first.

use super::*;

pub(super) fn presence_view(
    ui: &mut egui::Ui,
    ws: &Workspace,
    m: &Computed,
    state: &mut MatricesUi,
    out: &mut Vec<Intent>,
) {
    let p = &ws.project;
    let o = ws.matrix_options;
    let pm = &m.presence;
    ui.horizontal_wrapped(|ui| {
        if let Some(level) = level_combo(ui, "presence_level", p, o.level, true) {
            out.push(Intent::SetMatrixOptions(MatrixOptions { level, ..o }));
        }
        ui.label("Cells");
        for (counts, label) in [(false, "1/0"), (true, "passage counts")] {
            if ui.selectable_label(o.counts == counts, label).clicked() {
                out.push(Intent::SetMatrixOptions(MatrixOptions { counts, ..o }));
            }
        }
        order_combo(ui, p, &o, out);
    });
    if pm.codes.is_empty() || pm.studies.is_empty() {
        ui.label(egui::RichText::new("No studies or no codes at this level yet.").weak());
        return;
    }
    ui.label(
        egui::RichText::new(format!(
            "{} × {} · a code counts its sub-codes' passages · click a cell for its passages",
            crate::words::count(pm.studies.len(), "study", "studies"),
            crate::words::count(pm.codes.len(), "code", "codes"),
        ))
        .small()
        .weak(),
    );
    let max = pm.passages.iter().copied().max().unwrap_or(0) as f64;
    let attr_w = 90.0_f32;
    let label_w = (ui.available_width() * 0.25).clamp(100.0, 170.0);
    let cell = egui::vec2(if o.counts { 44.0 } else { 30.0 }, 22.0);
    matrix_area(ui, state.drill.is_some(), "presence_scroll").show_viewport(ui, |ui, viewport| {
        ui.spacing_mut().item_spacing = egui::vec2(0.0, 0.0);
        ui.horizontal(|ui| {
            fixed_label(
                ui,
                label_w,
                cell.y,
                egui::RichText::new("Study").strong().small(),
            );
            for a in &p.attributes {
                fixed_label(
                    ui,
                    attr_w,
                    cell.y,
                    egui::RichText::new(&a.name).strong().small(),
                );
            }
            for (k, &code) in pm.code_ids.iter().enumerate() {
                ui.add_sized(
                    cell,
                    egui::Label::new(egui::RichText::new(format!("{}", k + 1)).small()),
                )
                .on_hover_text(format!("{}. {}", k + 1, p.codebook.path(code)));
            }
        });
        let (first, last) = visible_rows(viewport, cell.y, pm.studies.len());
        ui.add_space(first as f32 * cell.y);
        for (r, &d) in pm.studies.iter().enumerate().take(last).skip(first) {
            let doc = &p.documents[d];
            ui.horizontal(|ui| {
                study_label(ui, doc, label_w, cell.y);
                for a in &p.attributes {
                    let v = doc.attribute(a.id);
                    fixed_label(ui, attr_w, cell.y, egui::RichText::new(v).small())
                        .on_hover_text(format!("{}: {v}", a.name));
                }
                for (k, &code) in pm.code_ids.iter().enumerate() {
                    let n = pm.passages(r, k);
                    let text = if o.counts {
                        n.to_string()
                    } else {
                        u32::from(n > 0).to_string()
                    };
                    let fill = heat(
                        ui,
                        f64::from(n),
                        if o.counts { max } else { f64::from(n.max(1)) },
                    );
                    let title = format!(
                        "[{}] {} × {}",
                        doc.reference,
                        doc.short_ref_or_title(),
                        p.codebook.name(code)
                    );
                    let sel = state.drill.as_ref().is_some_and(|d| d.title == title);
                    let name = format!("{title}: {text}");
                    let resp = heat_cell(ui, &text, &name, fill, cell, sel).on_hover_text(format!(
                        "{}\n{}",
                        title,
                        crate::words::count(n as usize, "passage", "passages")
                    ));
                    if resp.clicked() && n > 0 {
                        let scope = ws.effective_scope();
                        let prep = Prepared::new(p, &scope);
                        let codings = matrices::cell_codings(&prep, doc.id, code);
                        state.drill = Some(Drill {
                            key: drill_key(ws, View::Presence),
                            title,
                            counted: codings.len(),
                            pairs: codings
                                .iter()
                                .map(|&i| (p.codings[i].id, p.codings[i].id))
                                .collect(),
                            documents: vec![doc.id],
                        });
                    }
                }
            });
        }
        ui.add_space((pm.studies.len() - last) as f32 * cell.y);
    });
    ui.label(
        egui::RichText::new("Column numbers: hover for the code; the exports name every column.")
            .small()
            .weak(),
    );
    drill_panel(ui, p, state, out);
}
