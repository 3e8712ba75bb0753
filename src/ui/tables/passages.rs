//! Passages tab: every coded passage of the selected code (and its
//! sub-codes), in document order; click one to open it in its document.

use crate::session::Workspace;
use crate::ui::Intent;
use crate::ui::style::panel_heading;

pub fn show(ui: &mut egui::Ui, ws: &Workspace, out: &mut Vec<Intent>) {
    let p = &ws.project;
    let Some(code) = ws.selected_code.and_then(|c| p.codebook.get(c)) else {
        ui.label(egui::RichText::new("Click a code in the codebook to list its passages.").weak());
        return;
    };
    panel_heading(ui, &p.codebook.path(code.id));
    if !code.description.is_empty() {
        ui.label(egui::RichText::new(&code.description).italics());
    }
    let mut family = p.codebook.descendants(code.id);
    family.push(code.id);
    let mut list: Vec<_> = p
        .codings
        .iter()
        .filter(|c| family.contains(&c.code))
        .filter(|c| ws.mark_style(c).is_some())
        .collect();
    let doc_pos = p.doc_positions();
    list.sort_by_key(|c| (doc_pos.get(&c.doc).copied().unwrap_or(usize::MAX), c.start));
    ui.label(
        egui::RichText::new(format!(
            "{} (including sub-codes)",
            crate::words::count(list.len(), "passage", "passages")
        ))
        .small()
        .weak(),
    );
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("passages_list")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for c in list {
                let Some(d) = p.document(c.doc) else { continue };
                let quote = d.slice_chars(c.start, c.end.min(c.start + 400));
                let page = d
                    .page_label(c.start, c.end)
                    .map(|l| format!(", {l}"))
                    .unwrap_or_default();
                let who = p
                    .reviewer(c.reviewer)
                    .map(|r| r.initials.as_str())
                    .unwrap_or("?");
                let cat = c.category.and_then(|k| p.category(k));
                let source = if d.short_ref.is_empty() {
                    format!("[{}]", d.reference)
                } else {
                    d.short_ref.clone()
                };
                let frame = egui::Frame::group(ui.style()).inner_margin(6.0);
                let resp = frame
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal(|ui| {
                            ui.label(egui::RichText::new(format!("{source}{page}")).strong());
                            if let Some(k) = cat {
                                ui.label(
                                    egui::RichText::new(&k.name).color(crate::ui::color(&k.color)),
                                );
                            }
                            ui.label(egui::RichText::new(who).weak());
                        });
                        ui.label(format!("“{}”", quote.replace('\n', " ")));
                    })
                    .response
                    .interact(egui::Sense::click());
                if resp
                    .on_hover_text("Click to open this passage in its document")
                    .clicked()
                {
                    out.push(Intent::JumpToCoding(c.id));
                }
            }
        });
}
