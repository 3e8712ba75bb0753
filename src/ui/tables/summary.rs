//! Factor summary tab: each code's definition, then its passages grouped by
//! category, each quote cited with its document and page. Click a quote to
//! open it.

use crate::session::Workspace;
use crate::ui::Intent;

pub fn show(ui: &mut egui::Ui, ws: &Workspace, out: &mut Vec<Intent>) {
    let focus = ws.selected_code;
    let colors: std::collections::HashMap<String, egui::Color32> = ws
        .project
        .categories
        .iter()
        .map(|c| (c.name.clone(), crate::ui::color(&c.color)))
        .collect();
    let Some(summaries) = ws.summaries() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Gathering the quotes of every factor…");
        });
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(50));
        return;
    };
    ui.label(
        egui::RichText::new("Select a code in the codebook to show only its summary.")
            .small()
            .weak(),
    );
    egui::ScrollArea::vertical()
        .id_salt("summary_view")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for f in summaries
                .iter()
                .filter(|f| focus.is_none_or(|c| c == f.code))
            {
                if f.groups.is_empty() && f.description.is_empty() {
                    continue;
                }
                ui.add_space(6.0);
                let size = if f.level == 1 { 16.0 } else { 14.5 };
                ui.label(egui::RichText::new(&f.path).strong().size(size));
                if !f.description.is_empty() {
                    ui.label(egui::RichText::new(&f.description).italics());
                }
                for g in &f.groups {
                    let color = colors
                        .get(&g.category)
                        .copied()
                        .unwrap_or(ui.visuals().text_color());
                    ui.label(
                        egui::RichText::new(format!("{} ({})", g.category, g.quotes.len()))
                            .strong()
                            .color(color),
                    );
                    for q in &g.quotes {
                        let via = q
                            .via
                            .as_ref()
                            .map(|v| format!(" · {v}"))
                            .unwrap_or_default();
                        let resp = ui
                            .horizontal_wrapped(|ui| {
                                ui.add_space(10.0);
                                ui.label(format!("“{}”", q.text));
                                ui.label(
                                    egui::RichText::new(format!("({}{via})", q.citation())).weak(),
                                );
                            })
                            .response
                            .interact(egui::Sense::click());
                        if resp.on_hover_text("Open this passage").clicked() {
                            out.push(Intent::JumpToCoding(q.coding));
                        }
                    }
                }
            }
        });
}
