//! The framework matrix view: studies × themes, each cell's summary
//! written beside its passages, and auto-fill.

use super::*;

pub(super) fn framework_view(
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
pub(super) fn chart_cell(
    ui: &mut egui::Ui,
    name: &str,
    n: u32,
    s: Option<&matrices::CellSummary>,
    fill: egui::Color32,
    size: egui::Vec2,
    selected: bool,
) -> egui::Response {
    let (rect, resp) = cell_frame(ui, name, fill, size);
    let painter = ui.painter();
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

pub(super) fn chart_editor(
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
pub(super) fn summary_side(
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
pub(super) fn passages_side(
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
