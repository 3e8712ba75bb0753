//! A sortable table widget shared by every table tab: a label column
//! (indented by code level, or the full path when sorted), fixed-width
//! number columns, headers that sort on click, and numbers that can be
//! clicked to see the documents or passages behind them.

use crate::analysis::drill;

/// A column after the label column.
pub struct Column {
    pub title: String,
    pub hover: String,
    pub width: f32,
    /// Colour of the header text (categories).
    pub color: Option<egui::Color32>,
}

impl Column {
    pub fn new(title: impl Into<String>, hover: impl Into<String>, width: f32) -> Self {
        Self {
            title: title.into(),
            hover: hover.into(),
            width,
            color: None,
        }
    }
}

/// What clicking a number opens.
#[derive(Clone, Debug, PartialEq)]
pub enum Behind {
    Documents(drill::Cell),
    Passages(drill::Cell),
}

/// One cell after the label.
pub struct Value {
    pub text: String,
    pub sort: f64,
    pub behind: Option<Behind>,
    pub strong: bool,
}

impl Value {
    pub fn number(n: usize, behind: Option<Behind>) -> Self {
        Self {
            text: n.to_string(),
            sort: n as f64,
            behind: behind.filter(|_| n > 0),
            strong: false,
        }
    }

    pub fn decimal(text: &str) -> Self {
        Self {
            sort: text.parse().unwrap_or(0.0),
            text: text.to_owned(),
            behind: None,
            strong: false,
        }
    }

    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            sort: 0.0,
            behind: None,
            strong: false,
        }
    }
}

/// One row.
pub struct Row {
    pub label: String,
    /// Shown instead of the label when rows are sorted (e.g. the full path).
    pub full_label: String,
    pub level: usize,
    pub swatch: Option<String>,
    pub values: Vec<Value>,
    /// Shows a "key" marker after the label.
    pub key: bool,
}

impl Row {
    /// A row for a code: its name, full path, level and colour.
    pub fn code(
        p: &crate::model::Project,
        code: crate::model::CodeId,
        name: &str,
        path: &str,
        level: usize,
        values: Vec<Value>,
        key: bool,
    ) -> Self {
        Self {
            label: name.to_owned(),
            full_label: path.to_owned(),
            level,
            swatch: p.codebook.get(code).map(|c| c.color.clone()),
            values,
            key,
        }
    }
}

/// Shows the table and turns a clicked number into an intent.
pub fn show_into(
    ui: &mut egui::Ui,
    id: &str,
    columns: &[Column],
    rows: &[Row],
    sort: &mut SortState,
    out: &mut Vec<crate::ui::Intent>,
) {
    if let Some(c) = show(ui, id, "Code", columns, rows, sort) {
        out.push(crate::ui::Intent::ShowBehind {
            title: c.title,
            behind: c.behind,
        });
    }
}

/// Sorting of one table: `None` keeps the tree order.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SortState {
    /// 0 = label column, 1.. = value columns.
    pub column: Option<usize>,
    pub descending: bool,
}

/// A click on a number: what to show and a title for the list.
pub struct Clicked {
    pub behind: Behind,
    pub title: String,
}

pub fn show(
    ui: &mut egui::Ui,
    id: &str,
    label_title: &str,
    columns: &[Column],
    rows: &[Row],
    sort: &mut SortState,
) -> Option<Clicked> {
    let mut clicked = None;
    let mut order: Vec<usize> = (0..rows.len()).collect();
    if let Some(col) = sort.column {
        order.sort_by(|&a, &b| {
            let o = if col == 0 {
                rows[a]
                    .full_label
                    .to_lowercase()
                    .cmp(&rows[b].full_label.to_lowercase())
            } else {
                rows[a].values[col - 1]
                    .sort
                    .total_cmp(&rows[b].values[col - 1].sort)
            };
            if sort.descending { o.reverse() } else { o }
        });
    }
    let fixed: f32 = columns.iter().map(|c| c.width + 8.0).sum();
    let available = ui.available_width();
    let label_width = (available - fixed - 28.0).max(110.0);
    // One row height for the names and the numbers, so the two halves of
    // a narrow table stay level.
    let row_h = (ui.text_style_height(&egui::TextStyle::Body) + 2.0).max(18.0);
    if label_width + fixed + 28.0 <= available + 0.5 {
        egui::Grid::new(id)
            .striped(true)
            .min_col_width(8.0)
            .min_row_height(row_h)
            .num_columns(columns.len() + 1)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                if header(ui, label_title, "Sort by name", label_width, None, sort, 0) {
                    cycle(sort, 0);
                }
                value_headers(ui, columns, sort);
                ui.end_row();
                for &r in &order {
                    label_cell(ui, &rows[r], sort, label_width, row_h);
                    value_cells(ui, &rows[r], columns, &mut clicked, row_h);
                    ui.end_row();
                }
            });
        return clicked;
    }
    // Too narrow for every column: the names stay where they are (with a
    // fair share of the width) and the numbers scroll sideways beside them.
    let label_width = (available * 0.42).max(110.0);
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        egui::Grid::new((id, "labels"))
            .striped(true)
            .min_col_width(8.0)
            .min_row_height(row_h)
            .num_columns(1)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                if header(ui, label_title, "Sort by name", label_width, None, sort, 0) {
                    cycle(sort, 0);
                }
                ui.end_row();
                for &r in &order {
                    label_cell(ui, &rows[r], sort, label_width, row_h);
                    ui.end_row();
                }
            });
        egui::ScrollArea::horizontal()
            .id_salt((id, "numbers"))
            .show(ui, |ui| {
                egui::Grid::new((id, "numbers_grid"))
                    .striped(true)
                    .min_col_width(8.0)
                    .min_row_height(row_h)
                    .num_columns(columns.len())
                    .spacing([8.0, 4.0])
                    .show(ui, |ui| {
                        value_headers(ui, columns, sort);
                        ui.end_row();
                        for &r in &order {
                            value_cells(ui, &rows[r], columns, &mut clicked, row_h);
                            ui.end_row();
                        }
                    });
            });
    });
    clicked
}

fn value_headers(ui: &mut egui::Ui, columns: &[Column], sort: &mut SortState) {
    for (i, c) in columns.iter().enumerate() {
        if header(ui, &c.title, &c.hover, c.width, c.color, sort, i + 1) {
            cycle(sort, i + 1);
        }
    }
}

/// The name cell of a row: indented by level in tree order, the full path
/// when sorted, cut with "…" only when the column is too narrow (the full
/// path is its tooltip).
fn label_cell(ui: &mut egui::Ui, row: &Row, sort: &SortState, label_width: f32, row_h: f32) {
    // Exactly one row high, so a narrow table's names and numbers stay level.
    let (rect, _) = ui.allocate_exact_size(egui::vec2(label_width, row_h), egui::Sense::hover());
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
    );
    child.set_clip_rect(rect.intersect(ui.clip_rect()));
    child.scope(|ui| {
        let text = if sort.column.is_some() {
            &row.full_label
        } else {
            &row.label
        };
        if sort.column.is_none() {
            ui.add_space((row.level.max(1) as f32 - 1.0) * 12.0);
        }
        if let Some(c) = &row.swatch {
            crate::ui::swatch(ui, c);
        }
        if row.key {
            // A small orange dot marks a key code.
            let (r, resp) = ui.allocate_exact_size(egui::vec2(8.0, 8.0), egui::Sense::hover());
            ui.painter()
                .circle_filled(r.center(), 3.5, egui::Color32::from_rgb(230, 140, 20));
            resp.on_hover_text(
                "Key code: its relative frequency is in the upper quartile of its level",
            );
        }
        let mut rt = egui::RichText::new(text);
        if row.level == 1 {
            rt = rt.strong();
        }
        // One tooltip: the full path (the label's own "…" tooltip is off).
        ui.add(
            egui::Label::new(rt)
                .truncate()
                .show_tooltip_when_elided(false),
        )
        .on_hover_text(&row.full_label);
    });
}

/// The number cells of a row; a click on a number is returned.
fn value_cells(
    ui: &mut egui::Ui,
    row: &Row,
    columns: &[Column],
    clicked: &mut Option<Clicked>,
    row_h: f32,
) {
    for (i, v) in row.values.iter().enumerate() {
        let width = columns[i].width;
        let (rect, _) = ui.allocate_exact_size(egui::vec2(width, row_h), egui::Sense::hover());
        let mut child = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(rect)
                .layout(egui::Layout::right_to_left(egui::Align::Center)),
        );
        let mut rt = egui::RichText::new(&v.text);
        if v.strong {
            rt = rt.strong();
        }
        match &v.behind {
            Some(b) => {
                let what = match b {
                    Behind::Documents(_) => "documents",
                    Behind::Passages(_) => "passages",
                };
                if child
                    .link(rt)
                    .on_hover_text(format!("Show the {what} behind this number"))
                    .clicked()
                {
                    *clicked = Some(Clicked {
                        behind: b.clone(),
                        title: format!("{} · {}: {}", row.full_label, columns[i].title, v.text),
                    });
                }
            }
            None => {
                child.label(rt);
            }
        }
    }
}

fn header(
    ui: &mut egui::Ui,
    text: &str,
    hover: &str,
    width: f32,
    color: Option<egui::Color32>,
    sort: &SortState,
    col: usize,
) -> bool {
    let sorted = sort.column == Some(col);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 18.0), egui::Sense::hover());
    let layout = if col == 0 {
        egui::Layout::left_to_right(egui::Align::Center)
    } else {
        egui::Layout::right_to_left(egui::Align::Center)
    };
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(layout));
    let mut rt = egui::RichText::new(text).strong();
    if let Some(c) = color {
        rt = rt.color(c);
    }
    let resp = child
        .add(egui::Button::new(rt).frame(false))
        .on_hover_text(format!("{hover}\nClick to sort"));
    if sorted {
        // A small painted triangle: down for descending, up for ascending.
        let x = if col == 0 {
            resp.rect.right() + 7.0
        } else {
            resp.rect.left() - 7.0
        };
        let c = egui::pos2(x, resp.rect.center().y);
        let pts = if sort.descending {
            vec![
                c + egui::vec2(-4.0, -2.0),
                c + egui::vec2(4.0, -2.0),
                c + egui::vec2(0.0, 3.0),
            ]
        } else {
            vec![
                c + egui::vec2(-4.0, 2.0),
                c + egui::vec2(4.0, 2.0),
                c + egui::vec2(0.0, -3.0),
            ]
        };
        ui.painter().add(egui::Shape::convex_polygon(
            pts,
            ui.visuals().strong_text_color(),
            egui::Stroke::NONE,
        ));
    }
    resp.clicked()
}

/// Header clicks cycle: descending, ascending, back to tree order.
fn cycle(sort: &mut SortState, col: usize) {
    *sort = match sort.column {
        Some(c) if c == col && sort.descending => SortState {
            column: Some(col),
            descending: false,
        },
        Some(c) if c == col => SortState::default(),
        _ => SortState {
            column: Some(col),
            descending: col != 0,
        },
    };
}
