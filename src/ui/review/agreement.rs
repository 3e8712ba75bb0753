//! Agreement tab: per code (rolled up) and pooled, the 2×2 counts, percent
//! agreement, Cohen's kappa and PABAK, at document, character or category
//! level; per document at character level.

use super::{Level, ReviewUi, pick_pair};
use crate::analysis::agreement::{AgreementRow, Table2, agreement, fmt_stat};
use crate::session::Workspace;
use crate::ui::Intent;
use crate::ui::grid::{self, Column, Row, Value};

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
            // The shared table: names stay in view while the numbers
            // scroll in a narrow panel, and every column sorts.
            let columns: Vec<Column> = [
                ("a", "Both applied the code", 30.0),
                ("b", "Only reviewer A applied it", 30.0),
                ("c", "Only reviewer B applied it", 30.0),
                ("d", "Neither applied it", 30.0),
                ("% agree", "Observed agreement (a + d) / n", 56.0),
                ("kappa", "Cohen's kappa", 56.0),
                (
                    "PABAK",
                    "Prevalence- and bias-adjusted kappa, 2·po − 1",
                    56.0,
                ),
            ]
            .iter()
            .map(|(t, h, w)| Column::new(*t, *h, *w))
            .collect();
            let rows: Vec<Row> = report
                .rows
                .iter()
                .chain(std::iter::once(&report.pooled))
                .map(grid_row)
                .collect();
            let _ = grid::show(
                ui,
                "agreement_grid",
                "Code",
                &columns,
                &rows,
                &mut state.agreement_sort,
            );
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

/// An agreement row for the shared table: the category first (rows of
/// one code stay apart when cut short), the full path on hover.
fn grid_row(row: &AgreementRow) -> Row {
    let short = row.path.rsplit(" > ").next().unwrap_or(&row.path);
    let (label, full_label) = match &row.category {
        Some(c) => (format!("{c} · {short}"), format!("{} · {c}", row.path)),
        None => (short.to_owned(), row.path.clone()),
    };
    let t = &row.table;
    let mut values: Vec<Value> = [t.a, t.b, t.c, t.d]
        .iter()
        .map(|&n| Value::number(usize::try_from(n).unwrap_or(usize::MAX), None))
        .collect();
    let pct = t
        .percent_agreement()
        .map(|x| format!("{:.1}", x * 100.0))
        .unwrap_or_else(|| "—".into());
    values.push(Value::decimal(&pct));
    values.push(Value::decimal(&fmt_stat(t.kappa(), 3)));
    values.push(Value::decimal(&fmt_stat(t.pabak(), 3)));
    Row {
        label,
        full_label,
        // The pooled row (no code) is bold like a theme.
        level: if row.code.is_none() {
            1
        } else {
            row.level.max(1)
        },
        swatch: None,
        values,
        key: false,
    }
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
