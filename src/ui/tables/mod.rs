//! The tables panel (right side): tabs for prevalence, references,
//! characteristics, cross-tab, citations, factor summaries and charts, plus
//! the passages of the selected code. One scope bar (which documents, whose
//! codings) governs every tab; the Export menu writes what is shown.

mod appraisal;
mod appraisal_grid;
mod appraisal_setup;
mod characteristics;
mod charts;
mod checklist_editor;
mod citations;
mod crosstab;
mod findings;
mod findings_jbi;

pub mod matrices;
mod passages;
mod prevalence;
mod references;
mod summary;

use super::Intent;
use crate::analysis::{DocFilter, ReviewerView};
use crate::io::report::Format;
use crate::session::Workspace;
use std::collections::HashMap;

/// The tabs of the tables panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Tab {
    #[default]
    Prevalence,
    References,
    Characteristics,
    Crosstab,
    Citations,
    Summary,
    Charts,
    Matrices,
    Passages,
    Appraisal,
    Findings,
    Agreement,
    Disagreements,
    Checking,
}

impl Tab {
    pub const ALL: [Tab; 14] = [
        Tab::Prevalence,
        Tab::References,
        Tab::Characteristics,
        Tab::Crosstab,
        Tab::Citations,
        Tab::Summary,
        Tab::Charts,
        Tab::Matrices,
        Tab::Passages,
        Tab::Appraisal,
        Tab::Findings,
        Tab::Agreement,
        Tab::Disagreements,
        Tab::Checking,
    ];

    /// Tabs about two reviewers' work (shown on their own row).
    pub fn is_review(&self) -> bool {
        matches!(self, Tab::Agreement | Tab::Disagreements | Tab::Checking)
    }

    pub fn title(&self) -> &'static str {
        match self {
            Tab::Prevalence => "Prevalence",
            Tab::References => "References",
            Tab::Characteristics => "Characteristics",
            Tab::Crosstab => "Cross-tab",
            Tab::Citations => "Citations",
            Tab::Summary => "Summary",
            Tab::Charts => "Charts",
            Tab::Matrices => "Matrices",
            Tab::Passages => "Passages",
            Tab::Appraisal => "Appraisal",
            Tab::Findings => "Findings",
            Tab::Agreement => "Agreement",
            Tab::Disagreements => "Disagreements",
            Tab::Checking => "Checking",
        }
    }

    /// The `thema report --table` name of the tab's table, if it has one.
    pub fn table_name(&self) -> Option<&'static str> {
        match self {
            Tab::Prevalence => Some("prevalence"),
            Tab::References => Some("references"),
            Tab::Characteristics => Some("characteristics"),
            Tab::Crosstab => Some("crosstab"),
            Tab::Citations => Some("citations"),
            Tab::Summary => Some("summary"),
            Tab::Findings => Some("evidence-profile"),
            _ => None,
        }
    }
}

/// UI state of the tables panel.
#[derive(Default)]
pub struct TablesUi {
    pub tab: Tab,
    pub sort: HashMap<Tab, crate::ui::grid::SortState>,
    /// The current tab is shown in its own large window.
    pub popped_out: bool,
    pub review: crate::ui::review::ReviewUi,
    pub appraisal: appraisal::AppraisalUi,
    pub findings: findings::FindingsUi,
    pub matrices: matrices::MatricesUi,
}

pub fn show(ui: &mut egui::Ui, ws: &Workspace, state: &mut TablesUi) -> Vec<Intent> {
    let mut out = Vec::new();
    ui.horizontal_wrapped(|ui| {
        for tab in Tab::ALL.iter().filter(|t| !t.is_review()) {
            ui.selectable_value(&mut state.tab, *tab, tab.title());
        }
    });
    let may_compare = ws.viewer().may_compare();
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Second reviewer:").small().weak());
        if may_compare {
            for tab in Tab::ALL.iter().filter(|t| t.is_review()) {
                ui.selectable_value(&mut state.tab, *tab, tab.title());
            }
        } else {
            ui.label(
                egui::RichText::new("hidden while coding blind")
                    .small()
                    .weak(),
            )
            .on_hover_text(crate::analysis::Viewer::HIDDEN_WHY);
        }
    });
    if !may_compare && state.tab.is_review() {
        state.tab = Tab::Prevalence;
    }
    ui.separator();
    if state.popped_out {
        let mut open = true;
        let title = format!("{} — {}", state.tab.title(), ws.project.name);
        egui::Window::new(title)
            .id(egui::Id::unique("tables_window"))
            .open(&mut open)
            .default_size([920.0, 620.0])
            .resizable(true)
            .show(ui.ctx(), |ui| out.extend(tab_contents(ui, ws, state)));
        if !open {
            state.popped_out = false;
        }
        ui.label(egui::RichText::new("This table is open in its own window.").weak());
        if ui.button("Show it here again").clicked() {
            state.popped_out = false;
        }
        return out;
    }
    out.extend(tab_contents(ui, ws, state));
    out
}

fn tab_contents(ui: &mut egui::Ui, ws: &Workspace, state: &mut TablesUi) -> Vec<Intent> {
    let mut out = Vec::new();
    if !matches!(state.tab, Tab::Passages | Tab::Appraisal) && !state.tab.is_review() {
        if !state.popped_out
            && ui
                .small_button("Open in a larger window")
                .on_hover_text("Wide tables (references, cross-tab) read better there")
                .clicked()
        {
            state.popped_out = true;
        }
        scope_bar(ui, ws, state.tab, &mut out);
    } else if matches!(state.tab, Tab::Agreement | Tab::Disagreements) {
        scope_bar(ui, ws, state.tab, &mut out);
    }
    if state.tab.is_review() && !ws.viewer().may_compare() {
        ui.label(crate::analysis::Viewer::HIDDEN_WHY);
        return out;
    }
    let sort = state.sort.entry(state.tab).or_default();
    match state.tab {
        Tab::Prevalence => prevalence::show(ui, ws, sort, &mut out),
        Tab::References => references::show(ui, ws, sort, &mut out),
        Tab::Characteristics => characteristics::show(ui, ws, &mut out),
        Tab::Crosstab => crosstab::show(ui, ws, sort, &mut out),
        Tab::Citations => citations::show(ui, ws, sort, &mut out),
        Tab::Summary => summary::show(ui, ws, &mut out),
        Tab::Charts => charts::show(ui, ws, &mut out),
        Tab::Matrices => matrices::show(ui, ws, &mut state.matrices, &mut out),
        Tab::Appraisal => appraisal::show(ui, ws, &mut state.appraisal, &mut out),
        Tab::Findings => findings::show(ui, ws, &mut state.findings, &mut out),
        Tab::Passages => passages::show(ui, ws, &mut out),
        Tab::Agreement => crate::ui::review::agreement_tab(ui, ws, &mut state.review, &mut out),
        Tab::Disagreements => {
            crate::ui::review::disagreements_tab(ui, ws, &mut state.review, &mut out);
        }
        Tab::Checking => crate::ui::review::checking_tab(ui, ws, &mut state.review, &mut out),
    }
    out
}

/// Sensitivity filters by the studies' quality judgement: the best level,
/// the best two, … (shown once some study has a level).
fn quality_filters(ui: &mut egui::Ui, ws: &Workspace, out: &mut Vec<Intent>) {
    let p = &ws.project;
    let judged: Vec<String> = p
        .documents
        .iter()
        .filter_map(|d| crate::analysis::appraisal::study_level(p, d.id).map(|(l, _)| l))
        .collect();
    if judged.is_empty() {
        return;
    }
    ui.separator();
    ui.label(egui::RichText::new("Quality (sensitivity analysis)").weak());
    let levels = p.appraisal.levels();
    for upto in 1..levels.len() {
        let chosen: Vec<String> = levels[..upto].to_vec();
        let n = judged.iter().filter(|l| chosen.contains(l)).count();
        let f = DocFilter::Quality {
            levels: chosen.clone(),
        };
        if ui
            .selectable_label(
                ws.scope.docs == f,
                format!("judged {} ({n})", chosen.join(" or ")),
            )
            .clicked()
        {
            out.push(Intent::SetScopeDocs(f));
        }
    }
}

/// Which documents and whose codings, and the Export menu.
fn scope_bar(ui: &mut egui::Ui, ws: &Workspace, tab: Tab, out: &mut Vec<Intent>) {
    let p = &ws.project;
    ui.horizontal_wrapped(|ui| {
        ui.label("Documents");
        let current = match &ws.scope.docs {
            DocFilter::All => "all".to_owned(),
            DocFilter::Attribute { attr, value } => format!(
                "{} = {value}",
                p.attribute_def(*attr)
                    .map(|a| a.name.as_str())
                    .unwrap_or("?")
            ),
            DocFilter::Quality { levels } => format!("judged {}", levels.join(" or ")),
        };
        let r = egui::ComboBox::from_id_salt("scope_docs")
            .selected_text(current)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(ws.scope.docs == DocFilter::All, "all documents")
                    .clicked()
                {
                    out.push(Intent::SetScopeDocs(DocFilter::All));
                }
                quality_filters(ui, ws, out);
                if let Some(t) = ws.tables() {
                    for block in &t.characteristics.attributes {
                        ui.separator();
                        ui.label(egui::RichText::new(&block.name).weak());
                        for row in block.rows.iter().filter(|r| r.n > 0) {
                            let f = DocFilter::Attribute {
                                attr: block.attr,
                                value: row.value.clone(),
                            };
                            if ui
                                .selectable_label(
                                    ws.scope.docs == f,
                                    format!("{} ({})", row.value, row.n),
                                )
                                .clicked()
                            {
                                out.push(Intent::SetScopeDocs(f));
                            }
                        }
                    }
                }
            });
        crate::ui::name_combo(r, "Documents in scope");
        if tab.is_review() {
            // Agreement compares two chosen reviewers; only the documents filter applies.
            return;
        }
        if ws.is_blind() {
            ui.label(
                egui::RichText::new("codings: only yours (blind)")
                    .color(ui.visuals().warn_fg_color),
            );
        } else {
            reviewers_combo(ui, ws, out);
        }
        if tab == Tab::Matrices {
            // The matrices have their own "Export this matrix" menu.
            return;
        }
        ui.menu_button("Export", |ui| {
            if let Some(name) = tab.table_name() {
                for (label, format) in [
                    ("This table as CSV…", Format::Csv),
                    ("This table as Markdown…", Format::Markdown),
                    ("This table as Excel…", Format::Xlsx),
                    ("This table in Word (as published)…", Format::Docx),
                ] {
                    if ui.button(label).clicked() {
                        out.push(Intent::Export {
                            table: name.to_owned(),
                            format,
                        });
                        ui.close();
                    }
                }
                ui.separator();
            }
            if ui.button("All tables as Excel (one sheet each)…").clicked() {
                out.push(Intent::Export {
                    table: "all".into(),
                    format: Format::Xlsx,
                });
                ui.close();
            }
            if ui.button("All tables in Word (as published)…").clicked() {
                out.push(Intent::Export {
                    table: "all".into(),
                    format: Format::Docx,
                });
                ui.close();
            }
            if ui.button("Full report as HTML…").clicked() {
                out.push(Intent::Export {
                    table: "all".into(),
                    format: Format::Html,
                });
                ui.close();
            }
            ui.separator();
            for (i, name) in ["Theme prevalence chart", "Categories chart"]
                .iter()
                .enumerate()
            {
                use crate::io::report::chart::ChartSize;
                ui.menu_button(*name, |ui| {
                    for (label, png, size) in [
                        ("SVG for the screen…", false, ChartSize::Screen),
                        ("PNG for the screen…", true, ChartSize::Screen),
                        (
                            "SVG, one journal column (85 mm)…",
                            false,
                            ChartSize::OneColumn,
                        ),
                        (
                            "PNG, one journal column (85 mm, 300 dpi)…",
                            true,
                            ChartSize::OneColumn,
                        ),
                        ("SVG, two columns (175 mm)…", false, ChartSize::TwoColumns),
                        (
                            "PNG, two columns (175 mm, 300 dpi)…",
                            true,
                            ChartSize::TwoColumns,
                        ),
                    ] {
                        if ui.button(label).clicked() {
                            out.push(Intent::ExportChart {
                                chart: i,
                                png,
                                size,
                            });
                            ui.close();
                        }
                    }
                });
            }
        });
    });
    if let Some(t) = ws.tables() {
        if let Some(c) = &t.consensus {
            let color = if c.unresolved > 0 {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().weak_text_color()
            };
            ui.label(egui::RichText::new(c.note(p)).color(color));
        }
        ui.horizontal(|ui| {
            if ws.tables_updating() {
                ui.spinner();
                ui.label(egui::RichText::new("updating…").small().weak())
                    .on_hover_text("The tables are being recomputed for the last change; the numbers shown are from just before it.");
                ui.ctx().request_repaint_after(std::time::Duration::from_millis(50));
            }
            ui.label(
                egui::RichText::new(format!(
                    "N = {} documents · click a column to sort, a number to see what is behind it",
                    t.prevalence.n_total
                ))
                .small()
                .weak(),
            );
        });
    }
    ui.add_space(2.0);
}

/// "Consensus of AB and CD".
fn consensus_label(
    p: &crate::model::Project,
    a: crate::model::ReviewerId,
    b: crate::model::ReviewerId,
) -> String {
    crate::analysis::consensus::label(p, a, b)
}

/// Whose codings the tables count.
fn reviewers_combo(ui: &mut egui::Ui, ws: &Workspace, out: &mut Vec<Intent>) {
    let p = &ws.project;
    ui.label("codings of");
    let who = match ws.scope.reviewers {
        ReviewerView::All => "all reviewers".to_owned(),
        ReviewerView::One(r) => p.reviewer(r).map(|r| r.name.clone()).unwrap_or_default(),
        ReviewerView::Consensus(a, b) => consensus_label(p, a, b),
    };
    let r = egui::ComboBox::from_id_salt("scope_reviewers")
        .selected_text(who)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(ws.scope.reviewers == ReviewerView::All, "all reviewers")
                .clicked()
            {
                out.push(Intent::SetScopeReviewers(ReviewerView::All));
            }
            for r in p
                .reviewers
                .iter()
                .filter(|r| r.id != crate::model::ReviewerId::CONSENSUS)
            {
                let v = ReviewerView::One(r.id);
                if ui
                    .selectable_label(ws.scope.reviewers == v, &r.name)
                    .clicked()
                {
                    out.push(Intent::SetScopeReviewers(v));
                }
            }
            for (a, b) in crate::analysis::consensus::pairs(p) {
                let v = ReviewerView::Consensus(a, b);
                if ui
                    .selectable_label(ws.scope.reviewers == v, consensus_label(p, a, b))
                    .on_hover_text("What both reviewers coded alike, plus every resolved disagreement; open disagreements are not counted")
                    .clicked()
                {
                    out.push(Intent::SetScopeReviewers(v));
                }
            }
        });
    crate::ui::name_combo(r, "Codings of");
}
