//! REFI-QDA has no place for quality appraisal. Thema exports it as
//! document variables, the way other tools read study attributes: one
//! variable per checklist item and reviewer ("Appraisal: CASP qualitative
//! 4 (AB)") holding the answer's label, one per item for the consensus
//! (where the reviewers agree, or a decision is logged), and one for the
//! overall judgement. Importing such a file gives them back as attributes.

use super::derived_guid;
use crate::model::{DocId, Project};

/// A variable and its value per document.
pub struct AppraisalVariable {
    pub guid: String,
    pub name: String,
    pub values: Vec<(DocId, String)>,
}

pub fn variables(p: &Project) -> Vec<AppraisalVariable> {
    let a = &p.appraisal;
    let mut vars: Vec<AppraisalVariable> = Vec::new();
    let mut add =
        |name: String, doc: DocId, value: String| match vars.iter_mut().find(|v| v.name == name) {
            Some(v) => v.values.push((doc, value)),
            None => vars.push(AppraisalVariable {
                guid: derived_guid(uuid::Uuid::from_bytes([4; 16]), &name).to_string(),
                name,
                values: vec![(doc, value)],
            }),
        };
    for c in &a.checklists {
        for item in &c.items {
            for d in &p.documents {
                let given: Vec<_> = a
                    .answers
                    .iter()
                    .filter(|x| x.doc == d.id && x.checklist == c.id && x.item == item.id)
                    .collect();
                for x in &given {
                    let who = p
                        .reviewer(x.reviewer)
                        .map_or_else(|| "?".to_owned(), |r| r.initials.clone());
                    let label = c
                        .answer(&x.answer)
                        .map_or(x.answer.clone(), |o| o.label.clone());
                    add(
                        format!("Appraisal: {} {} ({who})", c.name, item.id),
                        d.id,
                        label,
                    );
                }
                let settled = match a.decision(d.id, &c.id, &item.id) {
                    Some(dec) => Some(dec.answer.clone()),
                    None if given.len() > 1
                        && given.iter().all(|x| x.answer == given[0].answer) =>
                    {
                        Some(given[0].answer.clone())
                    }
                    None => None,
                };
                if let Some(k) = settled {
                    let label = c.answer(&k).map_or(k.clone(), |o| o.label.clone());
                    add(
                        format!("Appraisal: {} {} (consensus)", c.name, item.id),
                        d.id,
                        label,
                    );
                }
            }
        }
    }
    for j in &a.judgements {
        add(
            "Appraisal: overall judgement".to_owned(),
            j.doc,
            j.level.clone(),
        );
    }
    vars
}

/// What a REFI-QDA export cannot carry, in one sentence per kind (empty
/// when nothing is lost): of the appraisal, the notes, supporting
/// passages, the judgement's reasons and the decision log; and the
/// framework matrix's summaries. They stay in the Thema project.
pub fn not_carried(p: &Project) -> Vec<String> {
    let mut out = appraisal_not_carried(p);
    let charts = p
        .memos
        .iter()
        .filter(|m| matches!(m.about, crate::model::memos::About::Chart { .. }))
        .count();
    if charts > 0 {
        out.push(format!(
            "REFI-QDA has no place for a framework matrix: {} stay only in the Thema project",
            crate::words::count(charts, "chart summary", "chart summaries")
        ));
    }
    out
}

/// The appraisal's part of [`not_carried`].
fn appraisal_not_carried(p: &Project) -> Vec<String> {
    let a = &p.appraisal;
    let mut parts = Vec::new();
    let count = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let notes = a
        .answers
        .iter()
        .filter(|x| !x.note.trim().is_empty())
        .count();
    if notes > 0 {
        parts.push(count(notes, "appraisal note", "appraisal notes"));
    }
    let support = a.answers.iter().filter(|x| x.support.is_some()).count();
    if support > 0 {
        parts.push(count(support, "supporting passage", "supporting passages"));
    }
    let reasons = a
        .judgements
        .iter()
        .filter(|j| !j.reason.trim().is_empty())
        .count();
    if reasons > 0 {
        parts.push(count(reasons, "judgement reason", "judgement reasons"));
    }
    if !a.decisions.is_empty() {
        parts.push(format!(
            "the log of {} (who, when, note)",
            count(
                a.decisions.len(),
                "consensus decision",
                "consensus decisions"
            )
        ));
    }
    if !a.rule.is_empty() {
        parts.push("the judgement rule".to_owned());
    }
    if parts.is_empty() {
        return Vec::new();
    }
    vec![format!(
        "REFI-QDA has no place for quality appraisal: the answers travel as document variables, but {} stay only in the Thema project",
        join_and(&parts)
    )]
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
