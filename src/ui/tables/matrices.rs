//! Matrices tab: code co-occurrence (a heat map with the passages behind
//! each cell side by side), the framework matrix (studies × themes, each
//! cell's summary written beside its passages) and the codes × studies
//! presence matrix. All three follow the scope bar like every table.

use crate::analysis::cooccurrence::{self, Measure, Proximity};
use crate::analysis::matrices::{self, Computed, MatrixOptions, StudyOrder};
use crate::analysis::{Prepared, Scope};
use crate::io::report::Format;
use crate::model::memos::About;
use crate::model::{CodeId, CodingId, DocId, Project};
use crate::session::Workspace;
use crate::ui::Intent;

/// Which matrix is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Cooccurrence,
    Framework,
    Presence,
}

impl View {
    const ALL: [Self; 3] = [Self::Cooccurrence, Self::Framework, Self::Presence];

    fn title(self) -> &'static str {
        match self {
            Self::Cooccurrence => "Co-occurrence",
            Self::Framework => "Framework matrix",
            Self::Presence => "Codes × studies",
        }
    }

    fn table(self) -> &'static str {
        match self {
            Self::Cooccurrence => "cooccurrence",
            Self::Framework => "framework",
            Self::Presence => "presence",
        }
    }
}

/// What is behind the clicked cell, computed once when it is clicked.
struct Drill {
    key: (u64, Scope, MatrixOptions, View),
    title: String,
    /// Co-occurring pairs behind the number (identical ones included).
    counted: usize,
    /// Passage pairs to read (co-occurrence, identical ones once) or
    /// single passages (a == b).
    pairs: Vec<(CodingId, CodingId)>,
    documents: Vec<DocId>,
}

/// The state of the Matrices tab.
#[derive(Default)]
pub struct MatricesUi {
    pub view: View,
    /// Co-occurrence rows sorted by this column (descending).
    sort_by: Option<usize>,
    drill: Option<Drill>,
    /// The framework cell being charted and the editor's text.
    chart: Option<ChartEdit>,
}

struct ChartEdit {
    doc: DocId,
    code: CodeId,
    text: String,
    /// The summary's text when the editor was opened (or last saved).
    saved: String,
}

pub fn show(ui: &mut egui::Ui, ws: &Workspace, state: &mut MatricesUi, out: &mut Vec<Intent>) {
    ui.horizontal_wrapped(|ui| {
        for v in View::ALL {
            ui.selectable_value(&mut state.view, v, v.title());
        }
        ui.separator();
        ui.menu_button("Export this matrix", |ui| {
            for (label, format) in [
                ("CSV (long table, for R or Python)…", Format::Csv),
                ("Excel…", Format::Xlsx),
                ("Word (as published)…", Format::Docx),
                ("HTML…", Format::Html),
                ("Markdown…", Format::Markdown),
            ] {
                if ui.button(label).clicked() {
                    out.push(Intent::Export {
                        table: state.view.table().to_owned(),
                        format,
                    });
                    ui.close();
                }
            }
        });
    });
    let Some((m, current)) = ws.matrices() else {
        ui.spinner();
        return;
    };
    if !current {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(egui::RichText::new("updating…").small().weak());
        });
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(50));
    }
    if state
        .drill
        .as_ref()
        .is_some_and(|d| d.key != drill_key(ws, state.view))
    {
        state.drill = None;
    }
    match state.view {
        View::Cooccurrence => cooccurrence_view(ui, ws, m, state, out),
        View::Framework => framework_view(ui, ws, m, state, out),
        View::Presence => presence_view(ui, ws, m, state, out),
    }
}

fn drill_key(ws: &Workspace, view: View) -> (u64, Scope, MatrixOptions, View) {
    (
        ws.project.revision,
        ws.effective_scope(),
        ws.matrix_options,
        view,
    )
}

/// Depth of the code tree.
fn depth(p: &Project) -> usize {
    let prep_levels = p.coding_index().codes.iter().map(|(_, l)| *l).max();
    prep_levels.unwrap_or(0)
}

fn level_name(level: Option<usize>) -> String {
    match level {
        None => "every code".to_owned(),
        Some(1) => "themes (level 1)".to_owned(),
        Some(2) => "factors (level 2)".to_owned(),
        Some(l) => format!("level {l}"),
    }
}

fn level_combo(
    ui: &mut egui::Ui,
    id: &str,
    p: &Project,
    current: Option<usize>,
    allow_all: bool,
) -> Option<Option<usize>> {
    let mut chosen = None;
    ui.label("Codes");
    let r = egui::ComboBox::from_id_salt(id)
        .selected_text(level_name(current))
        .show_ui(ui, |ui| {
            if allow_all
                && ui
                    .selectable_label(current.is_none(), "every code")
                    .clicked()
            {
                chosen = Some(None);
            }
            for l in 1..=depth(p).max(1) {
                if ui
                    .selectable_label(current == Some(l), level_name(Some(l)))
                    .on_hover_text(
                        "Codes of this level, with the codes below them rolled up into them",
                    )
                    .clicked()
                {
                    chosen = Some(Some(l));
                }
            }
        });
    crate::ui::name_combo(r, "Level of codes");
    chosen
}

fn order_combo(ui: &mut egui::Ui, p: &Project, o: &MatrixOptions, out: &mut Vec<Intent>) {
    ui.label("Studies by");
    let current = match o.order {
        StudyOrder::Reference => "reference number".to_owned(),
        StudyOrder::Attribute(a) => p
            .attribute_def(a)
            .map_or_else(|| "reference number".to_owned(), |a| a.name.clone()),
    };
    let r = egui::ComboBox::from_id_salt("matrix_order")
        .selected_text(current)
        .show_ui(ui, |ui| {
            let mut set = |order| {
                out.push(Intent::SetMatrixOptions(MatrixOptions { order, ..*o }));
            };
            if ui
                .selectable_label(o.order == StudyOrder::Reference, "reference number")
                .clicked()
            {
                set(StudyOrder::Reference);
            }
            for a in &p.attributes {
                let ord = StudyOrder::Attribute(a.id);
                if ui.selectable_label(o.order == ord, &a.name).clicked() {
                    set(ord);
                }
            }
        });
    crate::ui::name_combo(r, "Order studies by");
}

/// A label of fixed width, left-aligned and cut with "…" when too long
/// (hover it for the whole text).
fn fixed_label(ui: &mut egui::Ui, width: f32, height: f32, text: egui::RichText) -> egui::Response {
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
fn study_label(ui: &mut egui::Ui, doc: &crate::model::Document, width: f32, height: f32) {
    let text = format!("[{}] {}", doc.reference, doc.short_ref_or_title());
    fixed_label(ui, width, height, egui::RichText::new(text).small()).on_hover_text(&doc.title);
}

/// The rows `[first, last)` of a grid of `n` rows of height `h` (under a
/// header row of the same height) that the scroll viewport shows.
fn visible_rows(viewport: egui::Rect, h: f32, n: usize) -> (usize, usize) {
    let first = ((viewport.min.y / h).floor().max(0.0) as usize)
        .saturating_sub(1)
        .min(n);
    let last = ((viewport.max.y / h).ceil().max(0.0) as usize)
        .min(n)
        .max(first);
    (first, last)
}

/// A heat-map fill for `v` of `max`.
fn heat(ui: &egui::Ui, v: f64, max: f64) -> egui::Color32 {
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
fn ink(fill: egui::Color32) -> egui::Color32 {
    let l = 0.299 * f32::from(fill.r()) + 0.587 * f32::from(fill.g()) + 0.114 * f32::from(fill.b());
    if l > 140.0 {
        egui::Color32::from_gray(20)
    } else {
        egui::Color32::from_gray(235)
    }
}

/// A clickable heat-map cell, named `name` for screen readers (and tests).
fn heat_cell(
    ui: &mut egui::Ui,
    text: &str,
    name: &str,
    fill: egui::Color32,
    size: egui::Vec2,
    selected: bool,
) -> egui::Response {
    let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::click());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    let painter = ui.painter();
    painter.rect_filled(rect.shrink(1.0), 2.0, fill);
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

fn cooccurrence_view(
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
    let drill_h = if state.drill.is_some() {
        ui.available_height() * 0.45
    } else {
        0.0
    };
    egui::ScrollArea::both()
        .id_salt("cooc_scroll")
        .max_height((ui.available_height() - drill_h).max(120.0))
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
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

fn cell_title(names: &[String], i: usize, j: usize) -> String {
    if i == j {
        names[i].clone()
    } else {
        format!("{} × {}", names[i], names[j])
    }
}

fn drill_cooccurrence(ws: &Workspace, i: usize, j: usize, title: String) -> Drill {
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

/// A passage's source line: "[3] Okafor 2021, p. 4".
fn source_line(p: &Project, id: CodingId) -> String {
    let Some(c) = p.coding(id) else {
        return String::new();
    };
    let Some(d) = p.document(c.doc) else {
        return String::new();
    };
    let page = d
        .page_of(c.start)
        .map(|n| format!(", p. {n}"))
        .unwrap_or_default();
    format!(
        "[{}] {}{page} · {}",
        d.reference,
        d.short_ref_or_title(),
        p.codebook.name(c.code)
    )
}

fn passage_text(p: &Project, id: CodingId) -> String {
    p.coding(id)
        .and_then(|c| p.document(c.doc).map(|d| d.slice_chars(c.start, c.end)))
        .unwrap_or_default()
}

/// One passage in a drill list: where it is, its text, and a link.
fn passage_card(ui: &mut egui::Ui, p: &Project, id: CodingId, out: &mut Vec<Intent>) {
    ui.vertical(|ui| {
        // Wrapped so a long source line never widens a narrow panel.
        ui.horizontal_wrapped(|ui| {
            ui.add(
                egui::Label::new(egui::RichText::new(source_line(p, id)).small().strong()).wrap(),
            );
            if ui
                .small_button("Show")
                .on_hover_text("Open the passage in the document")
                .clicked()
            {
                out.push(Intent::JumpToCoding(id));
            }
        });
        ui.add(egui::Label::new(passage_text(p, id)).wrap());
    });
}

fn drill_panel(ui: &mut egui::Ui, p: &Project, state: &mut MatricesUi, out: &mut Vec<Intent>) {
    let Some(d) = &state.drill else {
        return;
    };
    ui.separator();
    let mut close = false;
    ui.horizontal_wrapped(|ui| {
        let same = d.pairs.iter().all(|(a, b)| a == b);
        let studies = d
            .pairs
            .iter()
            .filter_map(|(a, _)| p.coding(*a).map(|c| c.doc))
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        let what = if same {
            crate::words::count(d.pairs.len(), "passage", "passages")
        } else {
            crate::words::count(d.counted, "pair of passages", "pairs of passages")
        };
        let mut head = format!(
            "{} — {what} in {}",
            d.title,
            crate::words::count(studies, "study", "studies")
        );
        if !same && d.documents.len() != studies {
            head.push_str(&format!(
                "; {} hold both codes",
                crate::words::count(d.documents.len(), "study", "studies")
            ));
        }
        ui.label(egui::RichText::new(head).strong());
        if !same && d.pairs.len() < d.counted {
            ui.label(
                egui::RichText::new("(pairs coded alike by several reviewers are shown once)")
                    .small()
                    .weak(),
            );
        }
        if ui.small_button("Close").clicked() {
            close = true;
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("matrix_drill")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if d.pairs.is_empty() && !d.documents.is_empty() {
                ui.label("Both codes are in these studies, but no passages of the one are near passages of the other:");
            }
            if d.pairs.is_empty() {
                for doc in &d.documents {
                    if let Some(doc) = p.document(*doc)
                        && ui
                            .link(format!("[{}] {}", doc.reference, doc.short_ref_or_title()))
                            .clicked()
                    {
                        out.push(Intent::OpenDocument(doc.id));
                    }
                }
            }
            for (a, b) in &d.pairs {
                if a == b {
                    passage_card(ui, p, *a, out);
                    ui.separator();
                    continue;
                }
                // Side by side: the row code's passage and the column's.
                ui.columns(2, |cols| {
                    passage_card(&mut cols[0], p, *a, out);
                    passage_card(&mut cols[1], p, *b, out);
                });
                ui.separator();
            }
        });
    if close {
        state.drill = None;
    }
}

fn framework_view(
    ui: &mut egui::Ui,
    ws: &Workspace,
    m: &Computed,
    state: &mut MatricesUi,
    out: &mut Vec<Intent>,
) {
    let p = &ws.project;
    let o = ws.matrix_options;
    let f = &m.framework;
    let fm = &f.matrix;
    ui.horizontal_wrapped(|ui| {
        if let Some(Some(level)) = level_combo(ui, "fw_level", p, Some(o.framework_level), false) {
            out.push(Intent::SetMatrixOptions(MatrixOptions {
                framework_level: level,
                ..o
            }));
        }
        order_combo(ui, p, &o, out);
        let empty: Vec<(DocId, CodeId)> = fm
            .studies
            .iter()
            .enumerate()
            .flat_map(|(r, &d)| {
                fm.code_ids
                    .iter()
                    .enumerate()
                    .filter(move |(c, _)| fm.passages(r, *c) > 0 && f.summary(r, *c).is_none_or(|s| s.draft))
                    .map(move |(_, &code)| (p.documents[d].id, code))
            })
            .collect();
        if ui
            .add_enabled(!empty.is_empty(), egui::Button::new("Auto-fill drafts"))
            .on_hover_text("Draft each cell that has passages and no summary of yours from the first sentence of each passage. A summary a reviewer wrote or edited is never replaced; drafts stay marked as drafts until edited.")
            .clicked()
        {
            out.push(Intent::DraftCharts(empty));
        }
    });
    let (written, drafts) = f.summarised();
    ui.label(
        egui::RichText::new(format!(
            "{} × {} · {written} of {} cells summarised{} · click a cell to chart it",
            crate::words::count(fm.studies.len(), "study", "studies"),
            crate::words::count(fm.codes.len(), "theme", "themes"),
            fm.studies.len() * fm.codes.len(),
            if drafts > 0 {
                format!(" ({drafts} drafts)")
            } else {
                String::new()
            }
        ))
        .small()
        .weak(),
    );
    if fm.codes.is_empty() || fm.studies.is_empty() {
        ui.label(egui::RichText::new("No studies or no codes at this level yet.").weak());
        return;
    }
    let max = fm.passages.iter().copied().max().unwrap_or(0) as f64;
    let label_w = (ui.available_width() * 0.25).clamp(100.0, 170.0);
    let cell = egui::vec2(150.0, 46.0);
    let editor_h = if state.chart.is_some() {
        ui.available_height() * 0.5
    } else {
        0.0
    };
    egui::ScrollArea::both()
        .id_salt("fw_scroll")
        .max_height((ui.available_height() - editor_h).max(120.0))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing = egui::vec2(0.0, 0.0);
            ui.horizontal(|ui| {
                fixed_label(ui, label_w, 34.0, egui::RichText::new("Study").strong());
                for &code in &fm.code_ids {
                    let Some(k) = p.codebook.get(code) else {
                        continue;
                    };
                    let origin = k.origin.map_or("origin not set", |o| o.label());
                    ui.allocate_ui(egui::vec2(cell.x, 34.0), |ui| {
                        ui.set_min_width(cell.x);
                        ui.set_max_width(cell.x);
                        ui.vertical(|ui| {
                            ui.add(
                                egui::Label::new(egui::RichText::new(&k.name).strong().small())
                                    .truncate(),
                            )
                            .on_hover_text(format!(
                                "{}\n{origin} (set it from the code's menu in the codebook)",
                                p.codebook.path(code)
                            ));
                            ui.label(egui::RichText::new(origin).small().italics().weak());
                        });
                    });
                }
            });
            for (r, &d) in fm.studies.iter().enumerate() {
                let doc = &p.documents[d];
                ui.horizontal(|ui| {
                    study_label(ui, doc, label_w, cell.y);
                    for (c, &code) in fm.code_ids.iter().enumerate() {
                        let n = fm.passages(r, c);
                        let s = f.summary(r, c);
                        let selected = state
                            .chart
                            .as_ref()
                            .is_some_and(|e| e.doc == doc.id && e.code == code);
                        let name = format!(
                            "[{}] {} × {}",
                            doc.reference,
                            doc.short_ref_or_title(),
                            p.codebook.name(code)
                        );
                        let resp = chart_cell(
                            ui,
                            &name,
                            n,
                            s,
                            heat(ui, f64::from(n), max * 2.5),
                            cell,
                            selected,
                        );
                        if resp.clicked() {
                            let text = s.map(|s| s.text.clone()).unwrap_or_default();
                            state.chart = Some(ChartEdit {
                                doc: doc.id,
                                code,
                                saved: text.clone(),
                                text,
                            });
                        }
                    }
                });
            }
        });
    chart_editor(ui, ws, m, state, out);
}

/// A framework cell: its passages and the start of its summary.
fn chart_cell(
    ui: &mut egui::Ui,
    name: &str,
    n: u32,
    s: Option<&matrices::CellSummary>,
    fill: egui::Color32,
    size: egui::Vec2,
    selected: bool,
) -> egui::Response {
    let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::click());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    let painter = ui.painter();
    painter.rect_filled(rect.shrink(1.0), 2.0, fill);
    let stroke = if selected {
        egui::Stroke::new(2.0, ui.visuals().selection.stroke.color)
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke
    };
    painter.rect_stroke(rect.shrink(1.0), 2.0, stroke, egui::StrokeKind::Inside);
    let small = egui::TextStyle::Small.resolve(ui.style());
    let color = ink(fill);
    let head = match (n, s) {
        (0, None) => "–".to_owned(),
        (n, _) => crate::words::count(n as usize, "passage", "passages"),
    };
    painter.text(
        rect.left_top() + egui::vec2(5.0, 3.0),
        egui::Align2::LEFT_TOP,
        head,
        small.clone(),
        color,
    );
    if let Some(s) = s {
        let first = s.text.lines().next().unwrap_or("");
        let text = if s.draft {
            format!("Draft: {first}")
        } else {
            first.to_owned()
        };
        // Two lines at most, cut with "…": the whole text is in the tooltip.
        let mut job = egui::text::LayoutJob::simple(text, small, color, rect.width() - 12.0);
        job.wrap.max_rows = 2;
        job.wrap.overflow_character = Some('…');
        let galley = painter.layout_job(job);
        let clip = painter.with_clip_rect(rect.shrink(3.0));
        clip.galley(rect.left_top() + egui::vec2(5.0, 17.0), galley, color);
    }
    if let Some(s) = s {
        return resp.on_hover_text(if s.draft {
            format!(
                "Draft (from the passages; edit it to make it yours):\n{}",
                s.text
            )
        } else {
            s.text.clone()
        });
    }
    resp
}

fn chart_editor(
    ui: &mut egui::Ui,
    ws: &Workspace,
    m: &Computed,
    state: &mut MatricesUi,
    out: &mut Vec<Intent>,
) {
    let p = &ws.project;
    let Some(e) = &mut state.chart else { return };
    let (Some(doc), Some(code)) = (p.document(e.doc), p.codebook.get(e.code)) else {
        state.chart = None;
        return;
    };
    let memo = p.memos.iter().find(|m| {
        m.about
            == About::Chart {
                doc: e.doc,
                code: e.code,
            }
    });
    // Someone else changed the summary (undo, auto-fill): show theirs
    // unless the editor holds unsaved words.
    let stored = memo.map(|m| m.text.clone()).unwrap_or_default();
    if stored != e.saved && e.text == e.saved {
        e.text = stored.clone();
        e.saved = stored;
    }
    ui.separator();
    let mut close = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new(format!(
                "[{}] {} × {}",
                doc.reference,
                doc.short_ref_or_title(),
                code.name
            ))
            .strong(),
        );
        if memo.is_some_and(|m| m.draft) {
            ui.label(
                egui::RichText::new("Draft from the passages — edit it to make it yours")
                    .color(ui.visuals().warn_fg_color),
            );
        }
        if ui.small_button("Close").clicked() {
            close = true;
        }
    });
    let scope = ws.effective_scope();
    let prep = Prepared::new(p, &scope);
    let codings = matrices::cell_codings(&prep, e.doc, e.code);
    let about = About::Chart {
        doc: e.doc,
        code: e.code,
    };
    let fm = &m.framework.matrix;
    let coded = fm
        .studies
        .iter()
        .position(|&d| p.documents[d].id == doc.id)
        .zip(fm.code_ids.iter().position(|&c| c == code.id))
        .map_or(0, |(r, c)| fm.passages(r, c) as usize);
    if ui.available_width() < 560.0 {
        // A narrow panel: the passages below the summary.
        let h = ui.available_height();
        ui.allocate_ui(egui::vec2(ui.available_width(), h * 0.5), |ui| {
            summary_side(ui, e, memo, about, !codings.is_empty(), out);
        });
        passages_side(ui, p, &codings, coded, out);
    } else {
        ui.columns(2, |cols| {
            summary_side(&mut cols[0], e, memo, about, !codings.is_empty(), out);
            passages_side(&mut cols[1], p, &codings, coded, out);
        });
    }
    if close {
        state.chart = None;
    }
}

/// The summary editor of a framework cell and its buttons.
fn summary_side(
    ui: &mut egui::Ui,
    e: &mut ChartEdit,
    memo: Option<&crate::model::Memo>,
    about: About,
    has_passages: bool,
    out: &mut Vec<Intent>,
) {
    let label = ui.label(
        egui::RichText::new("Summary: what this study reports on this theme")
            .small()
            .weak(),
    );
    egui::ScrollArea::vertical()
        .id_salt("chart_text")
        .max_height(ui.available_height() - 30.0)
        .show(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(&mut e.text)
                    .desired_width(f32::INFINITY)
                    .desired_rows(6)
                    .hint_text("Write what this study says about the theme…"),
            )
            .labelled_by(label.id);
        });
    ui.horizontal(|ui| {
        let changed = e.text != e.saved || memo.is_some_and(|m| m.draft);
        if ui
            .add_enabled(changed, egui::Button::new("Save summary"))
            .clicked()
        {
            out.push(Intent::WriteMemo {
                about,
                id: memo.map(|m| m.id),
                title: String::new(),
                text: e.text.clone(),
                typing: false,
            });
            e.saved = e.text.clone();
        }
        if ui
            .add_enabled(
                has_passages && memo.is_none_or(|m| m.draft),
                egui::Button::new("Auto-fill"),
            )
            .on_hover_text(
                "Draft this cell from its passages (only while it has no summary of yours)",
            )
            .clicked()
        {
            out.push(Intent::DraftCharts(vec![(e.doc, e.code)]));
            e.text = e.saved.clone();
        }
        if memo.is_some()
            && ui
                .small_button("Remove")
                .on_hover_text("Remove this cell's summary (Undo brings it back)")
                .clicked()
        {
            out.push(Intent::WriteMemo {
                about,
                id: memo.map(|m| m.id),
                title: String::new(),
                text: String::new(),
                typing: false,
            });
            e.text.clear();
            e.saved.clear();
        }
    });
}

/// The passages of a framework cell, each with *Show*.
fn passages_side(
    ui: &mut egui::Ui,
    p: &Project,
    codings: &[usize],
    coded: usize,
    out: &mut Vec<Intent>,
) {
    let twice = if coded > codings.len() {
        format!(" ({coded} codings: a passage coded alike by several reviewers is shown once)")
    } else {
        String::new()
    };
    ui.label(
        egui::RichText::new(format!(
            "{} of this study on this theme{twice}",
            crate::words::count(codings.len(), "passage", "passages")
        ))
        .small()
        .weak(),
    );
    egui::ScrollArea::vertical()
        .id_salt("chart_passages")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for &i in codings {
                passage_card(ui, p, p.codings[i].id, out);
                ui.separator();
            }
        });
}

fn presence_view(
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
    let drill_h = if state.drill.is_some() {
        ui.available_height() * 0.45
    } else {
        0.0
    };
    egui::ScrollArea::both()
        .id_salt("presence_scroll")
        .max_height((ui.available_height() - drill_h).max(120.0))
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
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
                    .on_hover_text(format!(
                        "{}. {}",
                        k + 1,
                        p.codebook.path(code)
                    ));
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
                        let resp =
                            heat_cell(ui, &text, &name, fill, cell, sel).on_hover_text(format!(
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
