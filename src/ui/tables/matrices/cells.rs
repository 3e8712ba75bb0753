//! Drawing helpers of the matrices: fixed-width labels, heat-map cells and
//! the rows a scrolled grid shows.

/// A label of fixed width, left-aligned and cut with "…" when too long
/// (hover it for the whole text).
pub(super) fn fixed_label(
    ui: &mut egui::Ui,
    width: f32,
    height: f32,
    text: egui::RichText,
) -> egui::Response {
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        width - 6.0,
        egui::TextStyle::Body,
    );
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, galley.text()));
    let pos = egui::pos2(rect.left() + 2.0, rect.center().y - galley.size().y / 2.0);
    ui.painter().galley(pos, galley, ui.visuals().text_color());
    resp
}

/// A study's row label, "[3] Okafor 2021", its title on hover.
pub(super) fn study_label(
    ui: &mut egui::Ui,
    doc: &crate::model::Document,
    width: f32,
    height: f32,
) {
    let text = format!("[{}] {}", doc.reference, doc.short_ref_or_title());
    fixed_label(ui, width, height, egui::RichText::new(text).small()).on_hover_text(&doc.title);
}

/// The rows `[first, last)` of a grid of `n` rows of height `h` (under a
/// header row of the same height) that the scroll viewport shows.
pub(super) fn visible_rows(viewport: egui::Rect, h: f32, n: usize) -> (usize, usize) {
    let first = ((viewport.min.y / h).floor().max(0.0) as usize)
        .saturating_sub(1)
        .min(n);
    let last = ((viewport.max.y / h).ceil().max(0.0) as usize)
        .min(n)
        .max(first);
    (first, last)
}

/// A heat-map fill for `v` of `max`.
pub(super) fn heat(ui: &egui::Ui, v: f64, max: f64) -> egui::Color32 {
    let base = ui.visuals().extreme_bg_color;
    if v <= 0.0 || max <= 0.0 {
        return base;
    }
    let t = (v / max).clamp(0.0, 1.0) as f32;
    let hot = if ui.visuals().dark_mode {
        egui::Color32::from_rgb(214, 96, 77)
    } else {
        egui::Color32::from_rgb(239, 138, 98)
    };
    base.lerp_to_gamma(hot, 0.15 + 0.85 * t)
}

/// Text colour that reads on `fill`.
pub(super) fn ink(fill: egui::Color32) -> egui::Color32 {
    let l = 0.299 * f32::from(fill.r()) + 0.587 * f32::from(fill.g()) + 0.114 * f32::from(fill.b());
    if l > 140.0 {
        egui::Color32::from_gray(20)
    } else {
        egui::Color32::from_gray(235)
    }
}

/// A clickable matrix cell's place, named `name` for screen readers (and
/// tests), filled with `fill`.
pub(super) fn cell_frame(
    ui: &mut egui::Ui,
    name: &str,
    fill: egui::Color32,
    size: egui::Vec2,
) -> (egui::Rect, egui::Response) {
    let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::click());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    ui.painter().rect_filled(rect.shrink(1.0), 2.0, fill);
    (rect, resp)
}

/// The scrolling area of a matrix, leaving room below it for the passages
/// of a clicked cell when one is open.
pub(super) fn matrix_area(ui: &egui::Ui, drilled: bool, id: &str) -> egui::ScrollArea {
    let drill_h = if drilled {
        ui.available_height() * 0.45
    } else {
        0.0
    };
    egui::ScrollArea::both()
        .id_salt(id)
        .max_height((ui.available_height() - drill_h).max(120.0))
        .auto_shrink([false, false])
}

/// A clickable heat-map cell, named `name` for screen readers (and tests).
pub(super) fn heat_cell(
    ui: &mut egui::Ui,
    text: &str,
    name: &str,
    fill: egui::Color32,
    size: egui::Vec2,
    selected: bool,
) -> egui::Response {
    let (rect, resp) = cell_frame(ui, name, fill, size);
    let painter = ui.painter();
    if selected {
        painter.rect_stroke(
            rect.shrink(1.0),
            2.0,
            egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
            egui::StrokeKind::Inside,
        );
    } else if resp.hovered() {
        painter.rect_stroke(
            rect.shrink(1.0),
            2.0,
            ui.visuals().widgets.hovered.fg_stroke,
            egui::StrokeKind::Inside,
        );
    }
    // Empty cells ("0", "–", "0.000") recede so the counts stand out.
    let empty = fill == ui.visuals().extreme_bg_color;
    let color = if empty {
        ui.visuals().weak_text_color()
    } else {
        ink(fill)
    };
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::TextStyle::Small.resolve(ui.style()),
        color,
    );
    resp
}
