//! Appraisal tables: the studies × items grid as published (symbols, a
//! total of the first, best answer, e.g. "Yes") and the per-item agreement
//! of two reviewers.

use super::sheets::{Cell, Sheet};
use crate::analysis::agreement::fmt_stat;
use crate::analysis::appraisal::{AppraisalAgreement, checklist_for};
use crate::model::appraisal::Checklist;
use crate::model::{Project, ReviewerId};

/// Whose answers the grid shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whose {
    Reviewer(ReviewerId),
    /// Where the two agree their answer, else the logged decision; an item
    /// neither agreed nor decided shows "conflict" and is counted in the
    /// note.
    Consensus(ReviewerId, ReviewerId),
}

/// The checklists in use: those some document is appraised with.
pub fn checklists_in_use(p: &Project) -> Vec<&Checklist> {
    let mut out: Vec<&Checklist> = Vec::new();
    for d in &p.documents {
        if let Some(c) = checklist_for(p, d.id)
            && !out.iter().any(|x| x.id == c.id)
        {
            out.push(c);
        }
    }
    for a in &p.appraisal.answers {
        if let Some(c) = p.appraisal.checklist(&a.checklist)
            && !out.iter().any(|x| x.id == c.id)
        {
            out.push(c);
        }
    }
    out
}

/// One row per study appraised with `checklist` (by its own answers or its
/// assignment), in reference order: reference, study, one symbol per item,
/// the number of items answered with the best answer.
pub fn grid(p: &Project, checklist: &Checklist, whose: Whose) -> Sheet {
    let a = &p.appraisal;
    let best = checklist.answers.first();
    let mut cols: Vec<String> = vec!["reference".into(), "study".into()];
    cols.extend(checklist.items.iter().map(|i| i.id.clone()));
    cols.push(format!(
        "total_{}",
        best.map_or("yes".to_owned(), |b| b.key.clone())
    ));
    cols.push("judgement".into());
    let col_refs: Vec<&str> = cols.iter().map(String::as_str).collect();
    let title = format!("Quality appraisal: {}", checklist.title());
    let mut s = Sheet::new("appraisal", &title, &col_refs);
    let mut docs: Vec<&crate::model::Document> = p
        .documents
        .iter()
        .filter(|d| {
            checklist_for(p, d.id).is_some_and(|c| c.id == checklist.id)
                || a.answers
                    .iter()
                    .any(|x| x.doc == d.id && x.checklist == checklist.id)
        })
        .collect();
    docs.sort_by_key(|d| d.reference);
    let mut conflicts = 0;
    for d in docs {
        let answer_of = |r: ReviewerId, item: &str| {
            a.answers
                .iter()
                .find(|x| {
                    x.doc == d.id
                        && x.reviewer == r
                        && x.checklist == checklist.id
                        && x.item == item
                })
                .map(|x| x.answer.clone())
        };
        let mut row: Vec<Cell> = vec![
            Cell::Int(i64::from(d.reference)),
            d.short_ref_or_title().into(),
        ];
        let mut total = 0;
        for item in &checklist.items {
            let answer = match whose {
                Whose::Reviewer(r) => answer_of(r, &item.id),
                Whose::Consensus(x, y) => match (answer_of(x, &item.id), answer_of(y, &item.id)) {
                    (Some(u), Some(v)) if u == v => Some(u),
                    (u, v) => match a.decision(d.id, &checklist.id, &item.id) {
                        Some(dec) => Some(dec.answer.clone()),
                        None if u.is_some() || v.is_some() => {
                            conflicts += 1;
                            row.push("conflict".into());
                            continue;
                        }
                        None => None,
                    },
                },
            };
            if answer.is_some() && answer.as_deref() == best.map(|b| b.key.as_str()) {
                total += 1;
            }
            let symbol = answer
                .and_then(|k| checklist.answer(&k).map(|o| o.symbol.clone()))
                .unwrap_or_default();
            row.push(symbol.into());
        }
        row.push(Cell::Int(total));
        // The reviewers' judgement, else the rule's (marked as such).
        let judgement = match a.judgement(d.id) {
            Some(j) => j.level.clone(),
            None => a
                .by_rule(u32::try_from(total).unwrap_or(0))
                .map(|l| format!("{l} (rule)"))
                .unwrap_or_default(),
        };
        row.push(judgement.into());
        s.rows.push(row);
    }
    let legend: Vec<String> = checklist
        .answers
        .iter()
        .map(|o| format!("{} = {}", o.symbol, o.label))
        .collect();
    let mut note = format!(
        "{}; empty = not answered. Source: {}.",
        legend.join(", "),
        checklist.source
    );
    if let Some(rule) = a.rule_text(best.map_or("Yes", |b| b.label.as_str())) {
        note.push_str(&format!(
            " Judgements marked (rule) are derived from the total by the review's rule: {rule}."
        ));
    }
    if conflicts > 0 {
        note.push_str(&format!(
            " {} where the reviewers disagree and no decision is logged {} \u{201c}conflict\u{201d} and {} not counted in the total.",
            crate::words::count(conflicts, "item answer", "item answers"),
            if conflicts == 1 { "shows" } else { "show" },
            if conflicts == 1 { "is" } else { "are" }
        ));
    }
    s.note = Some(note);
    s
}

/// Per-item agreement, then the pooled row.
pub fn agreement_sheet(r: &AppraisalAgreement, names: (&str, &str)) -> Sheet {
    let mut s = Sheet::new(
        "appraisal-agreement",
        &format!("Agreement on the appraisal ({})", r.checklist),
        &[
            "item",
            "title",
            "n",
            "agreed",
            "percent_agreement",
            "kappa",
            "weighted_kappa",
            "n_weighted",
        ],
    );
    for row in r.items.iter().chain(std::iter::once(&r.pooled)) {
        s.rows.push(vec![
            row.item.clone().into(),
            row.title.clone().into(),
            Cell::Int(i64::try_from(row.n).unwrap_or(i64::MAX)),
            Cell::Int(i64::try_from(row.agreed).unwrap_or(i64::MAX)),
            Cell::Decimal(fmt_stat(row.percent, 4)),
            Cell::Decimal(fmt_stat(row.kappa, 4)),
            Cell::Decimal(if r.ordered {
                fmt_stat(row.weighted, 4)
            } else {
                "—".to_owned()
            }),
            Cell::Int(i64::try_from(row.n_weighted).unwrap_or(i64::MAX)),
        ]);
    }
    s.note = Some(format!(
        "{} and {}: studies both answered, per item and pooled. Kappa is Cohen's over all answers; weighted kappa is linear over the ordered answers, leaving out pairs where either is \u{201c}not applicable\u{201d}{}. \u{201c}—\u{201d}: undefined.",
        names.0,
        names.1,
        if r.ordered {
            ""
        } else {
            " (this checklist's answers have no order, so none is given)"
        }
    ));
    s
}

/// The appraisal sheets of the whole report, per checklist in use: the
/// grid (the consensus when exactly two reviewers answered, else the one
/// reviewer's) and, with two reviewers, their agreement. None without
/// appraisals. Names carry the checklist so each is its own section.
pub fn report_sheets(p: &Project) -> Vec<Sheet> {
    let mut out = Vec::new();
    for c in checklists_in_use(p) {
        let mut who: Vec<ReviewerId> = p
            .appraisal
            .answers
            .iter()
            .filter(|a| a.checklist == c.id)
            .map(|a| a.reviewer)
            .collect();
        who.sort_unstable();
        who.dedup();
        let whose = match who.as_slice() {
            [one] => Whose::Reviewer(*one),
            [a, b] => Whose::Consensus(*a, *b),
            _ => continue,
        };
        let mut g = grid(p, c, whose);
        g.name = format!("appraisal-{}", c.id);
        if let Whose::Consensus(a, b) = whose {
            let name = |r| p.reviewer(r).map_or_else(String::new, |r| r.name.clone());
            g.title = format!("{} (consensus of {} and {})", g.title, name(a), name(b));
            out.push(g);
            let ag = crate::analysis::appraisal::agreement(&p.appraisal, c, a, b);
            let mut s = agreement_sheet(&ag, (&name(a), &name(b)));
            s.name = format!("appraisal-agreement-{}", c.id);
            out.push(s);
        } else {
            out.push(g);
        }
    }
    out.extend(decision_log(p));
    out
}

/// Per theme and factor, how many of the studies citing it are of each
/// quality level (the reviewers' judgement, else the rule's), and how many
/// have none. `None` while no study has a level.
pub fn quality_by_theme(p: &Project, t: &crate::analysis::Tables) -> Option<Sheet> {
    use crate::analysis::appraisal::study_level;
    let by_ref: std::collections::HashMap<u32, Option<String>> = p
        .documents
        .iter()
        .map(|d| (d.reference, study_level(p, d.id).map(|(l, _)| l)))
        .collect();
    if by_ref.values().all(Option::is_none) {
        return None;
    }
    let levels = p.appraisal.levels();
    let mut cols: Vec<String> = vec!["code".into(), "level".into(), "studies".into()];
    cols.extend(levels.iter().cloned());
    cols.push("no judgement".into());
    let col_refs: Vec<&str> = cols.iter().map(String::as_str).collect();
    let mut s = Sheet::new(
        "quality-by-theme",
        "Studies citing each theme and factor, by quality",
        &col_refs,
    );
    for r in &t.citations {
        let mut row: Vec<Cell> = vec![
            r.path.clone().into(),
            r.level.into(),
            r.references.len().into(),
        ];
        let level_of = |n: &u32| by_ref.get(n).cloned().flatten();
        for l in &levels {
            let k = r
                .references
                .iter()
                .filter(|n| level_of(n).as_deref() == Some(l.as_str()))
                .count();
            row.push(k.into());
        }
        let none = r
            .references
            .iter()
            .filter(|n| level_of(n).is_none())
            .count();
        row.push(none.into());
        s.rows.push(row);
    }
    s.note = Some(format!(
        "Levels are the reviewers' judgements, or the review's rule where a study has none; {}.",
        t.describe(p)
    ));
    Some(s)
}

/// The log of consensus decisions on appraisal items, in the order they
/// were made: who decided what, when, and why.
pub fn decision_log(p: &Project) -> Option<Sheet> {
    let a = &p.appraisal;
    if a.decisions.is_empty() {
        return None;
    }
    let mut s = Sheet::new(
        "appraisal-decisions",
        "Appraisal decisions (consensus log)",
        &[
            "reference",
            "study",
            "checklist",
            "item",
            "answer",
            "decided_by",
            "at",
            "note",
        ],
    );
    for d in &a.decisions {
        let doc = p.documents.iter().find(|x| x.id == d.doc);
        let c = a.checklist(&d.checklist);
        s.rows.push(vec![
            Cell::Int(doc.map_or(0, |x| i64::from(x.reference))),
            doc.map_or_else(String::new, crate::model::Document::short_ref_or_title)
                .into(),
            c.map_or_else(|| d.checklist.clone(), |c| c.name.clone())
                .into(),
            d.item.clone().into(),
            c.and_then(|c| c.answer(&d.answer))
                .map_or_else(|| d.answer.clone(), |o| o.label.clone())
                .into(),
            p.reviewer(d.by)
                .map_or_else(String::new, |r| r.name.clone())
                .into(),
            d.at.clone().into(),
            d.note.clone().into(),
        ]);
    }
    s.note = Some(
        "Each decision sets the consensus answer of an item the reviewers answered differently; their own answers are unchanged. A later decision on the same item replaces an earlier one.".to_owned(),
    );
    Some(s)
}
