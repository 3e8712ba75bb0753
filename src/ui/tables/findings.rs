//! Findings tab: review findings attached to codes, each with its
//! GRADE-CERQual worksheet — contributing studies and passages derived
//! live in the table scope, the evidence beside each component, a level
//! of concern and an explanation per component, the overall confidence —
//! and the Evidence Profile as the report prints it.

use crate::analysis::Prepared;
use crate::analysis::findings as ev;
use crate::edit::Command;
use crate::edit::findings::FindingsCommand as F;
use crate::model::findings::{Assessment, Component, Concern, Confidence, Finding};
use crate::model::{FindingId, ReviewerId};
use crate::session::Workspace;
use crate::ui::Intent;

#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Worksheet,
    Jbi,
    Profile,
    Summary,
}

#[derive(Default)]
pub struct FindingsUi {
    pub selected: Option<FindingId>,
    pub view: View,
    pub jbi: super::findings_jbi::JbiUi,
    /// Texts being typed, applied when the field is left.
    pub drafts: std::collections::HashMap<String, String>,
}

fn put_assessment(a: Assessment) -> Intent {
    Intent::Apply(
        "Assess a finding".into(),
        Command::Findings(F::PutAssessment {
            finding: a.finding,
            reviewer: a.reviewer,
            assessment: Some(a),
            at: None,
        }),
    )
}

pub fn show(ui: &mut egui::Ui, ws: &Workspace, state: &mut FindingsUi, out: &mut Vec<Intent>) {
    let p = &ws.project;
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut state.view, View::Worksheet, "Worksheet");
        ui.selectable_value(&mut state.view, View::Jbi, "JBI ConQual");
        ui.selectable_value(&mut state.view, View::Profile, "Evidence Profile");
        ui.selectable_value(&mut state.view, View::Summary, "Summary of findings");
        ui.separator();
        let code = ws.selected_code.and_then(|c| p.codebook.get(c));
        let add = ui
            .add_enabled(
                code.is_some(),
                egui::Button::new("+ Finding from the selected code"),
            )
            .on_disabled_hover_text("Select a theme or factor in the codebook first");
        if add.clicked()
            && let Some(code) = code
        {
            let f = Finding {
                id: FindingId::new(),
                label: p.findings.next_label(),
                statement: code.name.clone(),
                codes: vec![code.id],
                contradicting: Vec::new(),
                ratings: Vec::new(),
            };
            state.selected = Some(f.id);
            state.view = View::Worksheet;
            out.push(Intent::Apply(
                "Add a finding".into(),
                Command::Findings(F::PutFinding {
                    id: f.id,
                    finding: Some(f),
                    at: None,
                }),
            ));
        }
    });
    if p.findings.findings.is_empty() {
        ui.label(
            egui::RichText::new(
                "No review findings yet. Select a theme or factor in the codebook and add a finding from it; its contributing studies and passages follow the codings.",
            )
            .weak(),
        );
        return;
    }
    match state.view {
        View::Profile | View::Summary => {
            profile(ui, ws, state.view == View::Summary);
            return;
        }
        View::Jbi => {
            super::findings_jbi::show(ui, ws, &mut state.jbi, out);
            return;
        }
        View::Worksheet => {}
    }
    if state
        .selected
        .and_then(|id| p.findings.finding(id))
        .is_none()
    {
        state.selected = p.findings.findings.first().map(|f| f.id);
    }
    ui.horizontal_wrapped(|ui| {
        for f in &p.findings.findings {
            let on = state.selected == Some(f.id);
            if ui
                .selectable_label(on, format!("{} {}", f.label, short(&f.statement)))
                .on_hover_text(&f.statement)
                .clicked()
            {
                state.selected = Some(f.id);
            }
        }
    });
    ui.separator();
    let Some(f) = state
        .selected
        .and_then(|id| p.findings.finding(id))
        .or_else(|| p.findings.findings.first())
        .cloned()
    else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("finding_worksheet")
        .auto_shrink([false, false])
        .show(ui, |ui| worksheet(ui, ws, state, &f, out));
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('\u{2026}');
    }
    t
}

/// A text field applied when it is left (`key` names its draft).
fn field(
    ui: &mut egui::Ui,
    drafts: &mut std::collections::HashMap<String, String>,
    key: String,
    current: &str,
    hint: &str,
    rows: usize,
) -> Option<String> {
    let draft = drafts
        .entry(key.clone())
        .or_insert_with(|| current.to_owned());
    let r = ui.add(
        egui::TextEdit::multiline(draft)
            .hint_text(hint)
            .desired_rows(rows)
            .desired_width(f32::INFINITY),
    );
    if r.lost_focus() {
        let text = drafts.remove(&key).unwrap_or_default();
        if text != current {
            return Some(text);
        }
    } else if !r.has_focus() && draft != current {
        // Changed elsewhere (undo): follow the project.
        current.clone_into(draft);
    }
    None
}

fn worksheet(
    ui: &mut egui::Ui,
    ws: &Workspace,
    state: &mut FindingsUi,
    f: &Finding,
    out: &mut Vec<Intent>,
) {
    let p = &ws.project;
    let prep = Prepared::new(p, &ws.scope);
    let e = ev::evidence(&prep, f);
    let me = ws.coding_as.unwrap_or(ReviewerId::CONSENSUS);
    ui.label(
        egui::RichText::new(format!(
            "{} \u{2014} summary of the review finding",
            f.label
        ))
        .strong(),
    );
    if let Some(text) = field(
        ui,
        &mut state.drafts,
        format!("st:{}", f.id),
        &f.statement,
        "The finding in one or two sentences",
        2,
    ) {
        let mut g = f.clone();
        g.statement = text;
        out.push(Intent::Apply(
            "Edit a finding".into(),
            Command::Findings(F::PutFinding {
                id: g.id,
                finding: Some(g),
                at: None,
            }),
        ));
    }
    let codes: Vec<String> = f.codes.iter().map(|c| p.codebook.path(*c)).collect();
    ui.label(
        egui::RichText::new(format!(
            "Supported by the codings of {} (with sub-codes) \u{b7} {} \u{b7} {} \u{b7} {}",
            codes.join("; "),
            e.citation(&crate::analysis::citations::Citer::of(p)),
            crate::words::count(e.passages.len(), "passage", "passages"),
            ws.scope.describe(p)
        ))
        .small()
        .weak(),
    );
    if e.missing_codes > 0 {
        ui.label(
            egui::RichText::new(format!(
                "{} of this finding {} deleted; their codings no longer count.",
                crate::words::count(e.missing_codes, "code", "codes"),
                if e.missing_codes == 1 { "was" } else { "were" }
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    let who = if me == ReviewerId::CONSENSUS {
        "the agreed assessment".to_owned()
    } else {
        format!(
            "{}'s assessment",
            p.reviewer(me).map_or("?", |r| r.name.as_str())
        )
    };
    ui.add_space(6.0);
    others(ui, ws, f, me, out);
    ui.label(egui::RichText::new(format!("GRADE-CERQual \u{2014} {who}")).strong());
    let current = p
        .findings
        .assessment(f.id, me)
        .cloned()
        .unwrap_or_else(|| Assessment::new(f.id, me));
    for c in Component::ALL {
        let evidence = match c {
            Component::MethodologicalLimitations => ev::limitations_text(p, &e),
            Component::Coherence => ev::coherence_text(&e),
            Component::Adequacy => ev::adequacy_text(&e),
            Component::Relevance => ev::relevance_text(p, &e),
        };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(c.label()).strong());
                let j = current.component(c);
                let r = egui::ComboBox::from_id_salt(("concern", c.key()))
                    .selected_text(j.concern.map_or("Not assessed", Concern::label))
                    .show_ui(ui, |ui| {
                        for k in Concern::ALL {
                            if ui
                                .selectable_label(j.concern == Some(k), k.label())
                                .clicked()
                            {
                                let mut a = current.clone();
                                a.components[c.index()].concern = Some(k);
                                out.push(put_assessment(a));
                            }
                        }
                    });
                crate::ui::name_combo(r, &format!("{} concern", c.label()));
            });
            ui.label(egui::RichText::new(format!("Evidence: {evidence}")).weak());
            let j = current.component(c);
            if let Some(text) = field(
                ui,
                &mut state.drafts,
                format!("{}:{}:{}", f.id, me, c.key()),
                &j.explanation,
                "Explanation of the judgement",
                2,
            ) {
                let mut a = current.clone();
                a.components[c.index()].explanation = text;
                out.push(put_assessment(a));
            }
            if j.explanation.trim().is_empty()
                && ui
                    .small_button("Start the explanation from the evidence")
                    .clicked()
            {
                let mut a = current.clone();
                a.components[c.index()].explanation = evidence.clone();
                out.push(put_assessment(a));
            }
        });
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new("Overall confidence").strong());
            let r = egui::ComboBox::from_id_salt("confidence")
                .selected_text(current.confidence.map_or("Not assessed", Confidence::label))
                .show_ui(ui, |ui| {
                    for k in Confidence::ALL {
                        if ui
                            .selectable_label(current.confidence == Some(k), k.label())
                            .clicked()
                        {
                            let mut a = current.clone();
                            a.confidence = Some(k);
                            out.push(put_assessment(a));
                        }
                    }
                });
            crate::ui::name_combo(r, "Overall confidence");
        });
        if let Some(text) = field(
            ui,
            &mut state.drafts,
            format!("{}:{}:overall", f.id, me),
            &current.explanation,
            "Explanation of the GRADE-CERQual assessment",
            2,
        ) {
            let mut a = current.clone();
            a.explanation = text;
            out.push(put_assessment(a));
        }
    });
    ui.add_space(6.0);
    passages(ui, ws, f, &e, out);
}

/// Other reviewers' assessments of the finding, each of which can become
/// the agreed one (logged).
fn others(ui: &mut egui::Ui, ws: &Workspace, f: &Finding, me: ReviewerId, out: &mut Vec<Intent>) {
    let p = &ws.project;
    if p.blind && me != ReviewerId::CONSENSUS {
        return;
    }
    for a in p
        .findings
        .assessments
        .iter()
        .filter(|a| a.finding == f.id && a.reviewer != me)
    {
        if a.reviewer == ReviewerId::CONSENSUS {
            ui.label(
                egui::RichText::new(format!(
                    "Agreed assessment: {} \u{2014} {}",
                    a.confidence.map_or("not assessed", Confidence::label),
                    a.explanation
                ))
                .strong(),
            );
            continue;
        }
        let name = p.reviewer(a.reviewer).map_or("?", |r| r.initials.as_str());
        ui.horizontal_wrapped(|ui| {
            ui.label(
                egui::RichText::new(format!(
                    "{name}: {}",
                    a.confidence.map_or("not assessed", Confidence::label)
                ))
                .small(),
            );
            if ui
                .small_button(format!("Take {name}'s as the agreed assessment"))
                .clicked()
            {
                let mut agreed = a.clone();
                agreed.reviewer = ReviewerId::CONSENSUS;
                out.push(Intent::Apply(
                    "Agree an assessment".into(),
                    Command::Batch(vec![
                        Command::Findings(F::PutAssessment {
                            finding: f.id,
                            reviewer: ReviewerId::CONSENSUS,
                            assessment: Some(agreed),
                            at: None,
                        }),
                        Command::Findings(F::AddDecision(
                            crate::model::findings::AssessmentDecision {
                                finding: f.id,
                                from: a.reviewer,
                                by: ws.coding_as.unwrap_or(ReviewerId::CONSENSUS),
                                at: crate::model::time::now_iso(),
                                note: String::new(),
                            },
                        )),
                    ]),
                ));
            }
        });
    }
}

/// The supporting passages: where they are, their category, whether they
/// contradict the finding, and their JBI credibility.
fn passages(
    ui: &mut egui::Ui,
    ws: &Workspace,
    f: &Finding,
    e: &ev::Evidence,
    out: &mut Vec<Intent>,
) {
    use crate::model::findings::Credibility;
    egui::CollapsingHeader::new(format!("Supporting passages ({})", e.passages.len()))
        .id_salt("finding_passages")
        .show(ui, |ui| {
            let doc_text = |x: &ev::Passage| {
                ws.project
                    .document(x.doc)
                    .map(|d| d.slice_chars(x.start, x.end.min(x.start + 220)))
                    .unwrap_or_default()
            };
            for x in &e.passages {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        egui::RichText::new(format!("{} #{}", x.citation(), x.number)).strong(),
                    );
                    ui.label(
                        egui::RichText::new(x.category.as_deref().unwrap_or("no category"))
                            .small()
                            .weak(),
                    );
                    let mut against = x.contradicting;
                    if ui.checkbox(&mut against, "contradicts").changed() {
                        let mut g = f.clone();
                        g.contradicting.retain(|c| !x.codings.contains(c));
                        if against {
                            g.contradicting.push(x.codings[0]);
                        }
                        out.push(Intent::Apply(
                            "Mark a passage as contradicting".into(),
                            Command::Findings(F::PutFinding {
                                id: g.id,
                                finding: Some(g),
                                at: None,
                            }),
                        ));
                    }
                    let r = egui::ComboBox::from_id_salt(("rating", x.codings[0]))
                        .selected_text(x.rating.map_or("Not rated", Credibility::label))
                        .show_ui(ui, |ui| {
                            for k in Credibility::ALL {
                                if ui
                                    .selectable_label(x.rating == Some(k), k.label())
                                    .clicked()
                                {
                                    let mut g = f.clone();
                                    g.ratings.retain(|(c, _)| !x.codings.contains(c));
                                    g.ratings.push((x.codings[0], k));
                                    out.push(Intent::Apply(
                                        "Rate an illustration".into(),
                                        Command::Findings(F::PutFinding {
                                            id: g.id,
                                            finding: Some(g),
                                            at: None,
                                        }),
                                    ));
                                }
                            }
                        });
                    crate::ui::name_combo(
                        r,
                        &format!("JBI credibility of {} #{}", x.citation(), x.number),
                    );
                });
                ui.label(
                    egui::RichText::new(crate::model::text::as_quote(&doc_text(x)))
                        .italics()
                        .small(),
                );
                ui.add_space(4.0);
            }
        });
}

/// The Evidence Profile (or the Summary of Qualitative Findings) as the
/// report prints it.
fn profile(ui: &mut egui::Ui, ws: &Workspace, summary: bool) {
    use crate::io::report::findings::{evidence_profile, soqf};
    let (_, t) = if summary {
        soqf(&ws.project, &ws.scope, None)
    } else {
        evidence_profile(&ws.project, &ws.scope, None)
    };
    egui::ScrollArea::both()
        .id_salt("evidence_profile")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(egui::RichText::new(&t.caption).strong());
            for row in &t.rows {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    for (h, c) in t.headings.iter().zip(&row.cells) {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(egui::RichText::new(format!("{h}:")).weak());
                            ui.label(c);
                        });
                    }
                });
            }
            for n in &t.footnotes {
                ui.label(egui::RichText::new(n).small().weak());
            }
        });
}
