//! The right-hand panel: the live prevalence table (n documents, % of N,
//! n per category, rolled up over sub-codes) with its scope, and the list of
//! passages of the selected code.

use super::style::panel_heading;
use super::{Intent, swatch};
use crate::analysis::ReviewerView;
use crate::app::Workspace;
use egui_grid_helpers::*;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RightTab {
    #[default]
    Prevalence,
    Passages,
}

pub fn show(ui: &mut egui::Ui, ws: &Workspace, tab: &mut RightTab) -> Vec<Intent> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        ui.selectable_value(tab, RightTab::Prevalence, "Prevalence");
        ui.selectable_value(tab, RightTab::Passages, "Passages");
    });
    ui.separator();
    match tab {
        RightTab::Prevalence => prevalence(ui, ws, &mut out),
        RightTab::Passages => passages(ui, ws, &mut out),
    }
    out
}

fn prevalence(ui: &mut egui::Ui, ws: &Workspace, out: &mut Vec<Intent>) {
    let p = &ws.project;
    let Some(t) = ws.prevalence() else { return };
    ui.horizontal(|ui| {
        ui.label("Codings of");
        let current = match ws.scope.reviewers {
            ReviewerView::All => "all reviewers".to_owned(),
            ReviewerView::Consensus => "Consensus".to_owned(),
            ReviewerView::One(r) => p.reviewer(r).map(|r| r.name.clone()).unwrap_or_default(),
        };
        crate::ui::name_combo(
            egui::ComboBox::from_id_salt("prevalence_reviewers")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(ws.scope.reviewers == ReviewerView::All, "all reviewers")
                        .clicked()
                    {
                        out.push(Intent::SetScopeReviewers(ReviewerView::All));
                    }
                    for r in &p.reviewers {
                        let v = ReviewerView::One(r.id);
                        if ui
                            .selectable_label(ws.scope.reviewers == v, &r.name)
                            .clicked()
                        {
                            out.push(Intent::SetScopeReviewers(v));
                        }
                    }
                }),
            &"Codings of",
        );
    });
    ui.label(egui::RichText::new(format!("N = {} documents. A document counts once for a code if it holds that code or any sub-code.", t.n_total)).small().weak());
    ui.add_space(4.0);
    let name_width = (ui.available_width()
        - 2.0 * NUM_W
        - (CAT_W + 8.0) * t.categories.len() as f32
        - 16.0
        - 12.0)
        .max(100.0);
    egui::ScrollArea::both()
        .id_salt("prevalence_table")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("prevalence_grid")
                .min_col_width(8.0)
                .striped(true)
                .num_columns(3 + t.categories.len())
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    ui.label(egui::RichText::new("Code").strong());
                    header_right(ui, "n", "Documents holding the code");
                    header_right(ui, "%", "n / N, one decimal");
                    for (id, name) in &t.categories {
                        let short: String = p
                            .category(*id)
                            .and_then(|c| c.key)
                            .map(String::from)
                            .unwrap_or_else(|| name.chars().take(1).collect());
                        let color = p
                            .category(*id)
                            .map(|c| super::color(&c.color))
                            .unwrap_or(ui.visuals().text_color());
                        header_cat(
                            ui,
                            egui::RichText::new(short).strong().color(color),
                            &format!("Documents with a {name} coding of this code"),
                        );
                    }
                    ui.end_row();
                    for r in &t.rows {
                        let code = p.codebook.get(r.code);
                        ui.horizontal(|ui| {
                            ui.set_max_width(name_width);
                            ui.add_space((r.level as f32 - 1.0) * 12.0);
                            if let Some(c) = code {
                                swatch(ui, &c.color);
                            }
                            let text = if r.level == 1 {
                                egui::RichText::new(&r.name).strong()
                            } else {
                                egui::RichText::new(&r.name)
                            };
                            if ui
                                .add(
                                    egui::Label::new(text)
                                        .truncate()
                                        .sense(egui::Sense::click()),
                                )
                                .on_hover_text(&r.path)
                                .clicked()
                            {
                                out.push(Intent::SelectCode(Some(r.code)));
                            }
                        });
                        cell_right(
                            ui,
                            &r.n_documents.to_string(),
                            &format!("{} of {} documents", r.n_documents, t.n_total),
                            NUM_W,
                        );
                        cell_right(
                            ui,
                            &r.percent,
                            &format!("{} / {} = {}%", r.n_documents, t.n_total, r.percent),
                            NUM_W,
                        );
                        for (k, n) in r.by_category.iter().enumerate() {
                            let name = &t.categories[k].1;
                            cell_right(
                                ui,
                                &n.to_string(),
                                &format!("{n} documents with a {name} coding"),
                                CAT_W,
                            );
                        }
                        ui.end_row();
                    }
                });
            ui.add_space(10.0);
            ui.label(egui::RichText::new("Category prevalence").strong());
            egui::Grid::new("category_grid")
                .striped(true)
                .num_columns(3)
                .spacing([10.0, 4.0])
                .show(ui, |ui| {
                    for c in &t.category_rows {
                        ui.label(&c.name);
                        ui.label(format!("{} / {}", c.n_documents, t.n_total));
                        ui.label(format!("{}%", c.percent));
                        ui.end_row();
                    }
                });
        });
}

fn passages(ui: &mut egui::Ui, ws: &Workspace, out: &mut Vec<Intent>) {
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
        .collect();
    let doc_pos = p.doc_positions();
    list.sort_by_key(|c| (doc_pos.get(&c.doc).copied().unwrap_or(usize::MAX), c.start));
    ui.label(
        egui::RichText::new(format!("{} passages (including sub-codes)", list.len()))
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
                    .page_of(c.start)
                    .map(|n| format!(", p. {n}"))
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
                                    egui::RichText::new(&k.name).color(super::color(&k.color)),
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

mod egui_grid_helpers {
    /// Width of a number column.
    pub const NUM_W: f32 = 38.0;
    /// Width of a per-category column.
    pub const CAT_W: f32 = 24.0;

    /// A cell of exactly `width`, its content centred.
    fn fixed_right(
        ui: &mut egui::Ui,
        width: f32,
        add: impl FnOnce(&mut egui::Ui) -> egui::Response,
    ) -> egui::Response {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 18.0), egui::Sense::hover());
        let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(
            egui::Layout::centered_and_justified(egui::Direction::LeftToRight),
        ));
        add(&mut child)
    }

    /// A right-aligned bold header cell with a tooltip.
    pub fn header_right(ui: &mut egui::Ui, text: &str, hover: &str) {
        fixed_right(ui, NUM_W, |ui| ui.label(egui::RichText::new(text).strong()))
            .on_hover_text(hover);
    }

    /// A right-aligned number cell of a fixed width.
    pub fn cell_right(ui: &mut egui::Ui, text: &str, hover: &str, width: f32) {
        fixed_right(ui, width, |ui| ui.label(text)).on_hover_text(hover);
    }

    /// A right-aligned coloured header cell.
    pub fn header_cat(ui: &mut egui::Ui, text: egui::RichText, hover: &str) {
        fixed_right(ui, CAT_W, |ui| ui.label(text)).on_hover_text(hover);
    }
}
