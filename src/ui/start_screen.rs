//! The start screen shown when no project is open: New, Open, recent.

use super::Intent;
use crate::settings::Settings;

pub fn show(ui: &mut egui::Ui, settings: &Settings) -> Vec<Intent> {
    let mut out = Vec::new();
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.18);
            ui.label(egui::RichText::new("Thema").size(40.0).strong());
            ui.label(
                egui::RichText::new("Code studies, count factors, write the synthesis.")
                    .size(16.0)
                    .weak(),
            );
            ui.add_space(24.0);
            ui.horizontal(|ui| {
                let w = 360.0;
                ui.add_space((ui.available_width() - w).max(0.0) / 2.0);
                if ui
                    .add_sized([170.0, 36.0], egui::Button::new("New project"))
                    .clicked()
                {
                    out.push(Intent::NewProject);
                }
                if ui
                    .add_sized([170.0, 36.0], egui::Button::new("Open project…"))
                    .clicked()
                {
                    out.push(Intent::OpenDialog);
                }
            });
            ui.add_space(28.0);
            ui.label(egui::RichText::new("Recent projects").strong());
            if settings.recent.is_empty() {
                ui.label(
                    egui::RichText::new("None yet. Projects you open or save appear here.").weak(),
                );
            }
            for p in &settings.recent {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if ui
                    .link(name)
                    .on_hover_text(p.display().to_string())
                    .clicked()
                {
                    out.push(Intent::Open(p.clone()));
                }
            }
            ui.add_space(20.0);
            ui.label(
                egui::RichText::new(
                    "Tip: drop PDF, TXT or MD files on this window to start a project with them.",
                )
                .weak(),
            );
        });
    });
    out
}
