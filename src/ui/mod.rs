//! The egui views. Each panel is a function `show(ui, &Workspace, &mut
//! its own state) -> Vec<Intent>`; each window is a type with
//! `show(ctx, …, open: &mut bool) -> Vec<Intent>`. Nothing here changes a
//! project: only `app` turns intents into commands and file operations.
//! The ui may read `session` (the open project) but `session` never names
//! a ui type.

pub mod behind_window;
pub mod code_picker;
pub mod codebook_panel;
pub mod commands;
pub mod definitions_dialog;
pub mod dialogs;
pub mod document_view;
pub mod documents_panel;
pub mod grid;
pub mod inspector;
pub mod intent;
pub mod library_dialog;
pub mod memos_window;
pub mod review;
pub mod search_window;
pub mod start_screen;
pub mod style;
pub mod tables;
pub mod top_bar;

pub use intent::Intent;

/// `#RRGGBB` → egui colour.
pub fn color(hex: &str) -> egui::Color32 {
    document_view::marks::color_of(hex)
}

/// A small filled square in a code's colour.
pub fn swatch(ui: &mut egui::Ui, hex: &str) {
    let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    ui.painter().rect_filled(r, 2.0, color(hex));
}

/// Gives a combo box an accessible name (screen readers, kittest).
pub fn name_combo<R>(r: egui::InnerResponse<R>, name: &str) -> egui::InnerResponse<R> {
    r.response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name));
    r
}

/// A one-line text field with a visible label that also names it for
/// screen readers (and tests).
pub fn labelled_field(
    ui: &mut egui::Ui,
    label: &str,
    text: &mut String,
    hint: &str,
) -> egui::Response {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id)
    })
    .inner
}
