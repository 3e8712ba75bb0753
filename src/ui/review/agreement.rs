//! Agreement tab: per code (rolled up) and pooled, the 2×2 counts, percent
//! agreement, Cohen's kappa and PABAK, at document, character or category
//! level; per document at character level.

use super::{Level, ReviewUi, pick_pair};
use crate::analysis::agreement::{AgreementRow, Table2, agreement, fmt_stat};
use crate::session::Workspace;
use crate::ui::Intent;

pub fn show(ui: &mut egui::Ui, ws: &Workspace, state: &mut ReviewUi, _out: &mut Vec<Intent>) {
    state.defaults(ws);
    pick_pair(ui, ws, state);
    let (Some(a), Some(b)) = (state.a, state.b) else {
        ui.label(egui::RichText::new("Agreement needs two reviewers who have both coded. Add a reviewer in Edit > Reviewers…, or merge a second reviewer's file (File > Merge reviewer file…).").weak());
        return;
    };
    if a == b {
        ui.label(egui::RichText::new("Choose two different reviewers.").weak());
        return;
    }
    ui.horizontal(|ui| {
        ui.selectable_value(&mut state.level, Level::Document, "Documents");
        ui.selectable_value(&mut state.level, Level::Character, "Characters");
        ui.selectable_value(&mut state.level, Level::Category, "Per category");
    });
    let help = match state.level {
        Level::Document => {
            "Unit: a document. Yes = the reviewer applied the code (or a sub-code) somewhere in it."
        }
        Level::Character => {
            "Unit: a character of the text. Yes = it lies in a coding of the code by the reviewer (overlaps count once)."
        }
        Level::Category => "Unit: a document, per code and category.",
    };
    ui.label(egui::RichText::new(format!("{help} Kappa is Cohen's kappa; PABAK = 2·po − 1; pooled = tables added first. “—”: kappa undefined (expected agreement is 1).")).small().weak());
    let ag = agreement(&ws.project, &ws.scope, a, b);
    let report = match state.level {
        Level::Document => &ag.document,
        Level::Character => &ag.character,
        Level::Category => &ag.category,
    };
    egui::ScrollArea::both()
        .id_salt("agreement_table")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("agreement_grid")
                .striped(true)
                .min_col_width(8.0)
                .spacing([10.0, 4.0])
                .show(ui, |ui| {
                    for h in ["Code", "a", "b", "c", "d", "% agree", "kappa", "PABAK"] {
                        ui.label(egui::RichText::new(h).strong());
                    }
                    ui.end_row();
                    for row in report.rows.iter().chain(std::iter::once(&report.pooled)) {
                        table_row(ui, row);
                    }
                });
            if state.level == Level::Character {
                ui.add_space(10.0);
                ui.label(
                    egui::RichText::new("Per document (characters, all codes pooled)").strong(),
                );
                egui::Grid::new("agreement_docs")
                    .striped(true)
                    .min_col_width(8.0)
                    .spacing([10.0, 4.0])
                    .show(ui, |ui| {
                        for h in ["Document", "% agree", "kappa", "PABAK"] {
                            ui.label(egui::RichText::new(h).strong());
                        }
                        ui.end_row();
                        for d in &ag.per_document {
                            ui.add(egui::Label::new(&d.title).truncate());
                            stats(ui, &d.table);
                            ui.end_row();
                        }
                    });
            }
        });
}

fn table_row(ui: &mut egui::Ui, row: &AgreementRow) {
    let short = row.path.rsplit(" > ").next().unwrap_or(&row.path);
    let mut name = egui::RichText::new(match &row.category {
        // The category first: rows of one code stay apart when cut short.
        Some(c) => format!("{c} · {short}"),
        None => short.to_owned(),
    });
    if row.code.is_none() {
        name = name.strong();
    }
    ui.horizontal(|ui| {
        ui.set_max_width((ui.available_width() - 215.0).clamp(110.0, 260.0));
        ui.add_space((row.level.max(1) as f32 - 1.0) * 10.0);
        let full = match &row.category {
            Some(c) => format!("{} · {c}", row.path),
            None => row.path.clone(),
        };
        ui.add(
            egui::Label::new(name)
                .truncate()
                .show_tooltip_when_elided(false),
        )
        .on_hover_text(full);
    });
    let t = &row.table;
    for n in [t.a, t.b, t.c, t.d] {
        ui.label(n.to_string());
    }
    stats(ui, t);
    ui.end_row();
}

fn stats(ui: &mut egui::Ui, t: &Table2) {
    ui.label(
        t.percent_agreement()
            .map(|x| format!("{:.1}", x * 100.0))
            .unwrap_or_else(|| "—".into()),
    );
    ui.label(fmt_stat(t.kappa(), 3));
    ui.label(fmt_stat(t.pabak(), 3));
}
