//! Review findings and one reviewer's GRADE-CERQual assessments from a CSV
//! file, for scripting and tests. Columns (first line, any order):
//!
//! - `finding` — its number ("F1"); an existing finding with that number
//!   is updated, else a new one is added;
//! - `statement` — the summary of the review finding;
//! - `codes` — code names or ` > ` paths, separated by `;`;
//! - optional, per component: `methodological_limitations`, `coherence`,
//!   `adequacy`, `relevance` (No or very minor / Minor / Moderate /
//!   Serious) each with `<component>_explanation`; `confidence` (High /
//!   Moderate / Low / Very low) and `confidence_explanation`.
//!
//! A file with any bad row changes nothing: every problem is listed with
//! its line.

use crate::edit::Command;
use crate::edit::findings::FindingsCommand as F;
use crate::model::findings::{Assessment, Component, Concern, Confidence, Finding};
use crate::model::{FindingId, Project, ReviewerId};

#[derive(Debug, Default)]
pub struct Planned {
    pub command: Option<Command>,
    pub added: usize,
    pub updated: usize,
    pub assessed: usize,
}

pub fn plan(p: &Project, reviewer: ReviewerId, text: &str) -> Result<Planned, Vec<String>> {
    let (mut reader, headers) = super::appraisal_csv::reader(text)?;
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(c_label), Some(c_statement), Some(c_codes)) =
        (col("finding"), col("statement"), col("codes"))
    else {
        return Err(vec![format!(
            "the first line must name the columns finding, statement, codes (then optionally the components, confidence and their explanations); it has: {}",
            headers.join(", ")
        )]);
    };
    let mut problems = Vec::new();
    let mut cmds = Vec::new();
    let mut planned = Planned::default();
    let mut seen: Vec<String> = Vec::new();
    let mut next = p.findings.next_label();
    for (i, row) in reader.records().enumerate() {
        let line = i + 2;
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("line {line}: {e}"));
                continue;
            }
        };
        let field = |c: Option<usize>| c.and_then(|c| row.get(c)).unwrap_or("").to_owned();
        let mut label = field(Some(c_label));
        let statement = field(Some(c_statement));
        if statement.is_empty() {
            problems.push(format!("line {line}: the statement is empty"));
            continue;
        }
        if label.is_empty() {
            label.clone_from(&next);
            next = format!(
                "F{}",
                next.trim_start_matches('F').parse::<u32>().unwrap_or(0) + 1
            );
        }
        if seen.iter().any(|s| s.eq_ignore_ascii_case(&label)) {
            problems.push(format!("line {line}: the finding {label} is given twice"));
            continue;
        }
        seen.push(label.clone());
        let mut codes = Vec::new();
        for name in field(Some(c_codes))
            .split(';')
            .filter(|s| !s.trim().is_empty())
        {
            match p.codebook.find(name) {
                Ok(c) => codes.push(c),
                Err(e) => problems.push(format!("line {line}: {e}")),
            }
        }
        if codes.is_empty() {
            problems.push(format!("line {line}: the finding {label} names no code"));
        }
        let existing = p.findings.by_label(&label);
        let id = existing.map_or_else(FindingId::new, |f| f.id);
        let finding = Finding {
            id,
            label: label.clone(),
            statement,
            codes,
            contradicting: existing
                .map(|f| f.contradicting.clone())
                .unwrap_or_default(),
            ratings: existing.map(|f| f.ratings.clone()).unwrap_or_default(),
        };
        if existing.is_some() {
            planned.updated += 1;
        } else {
            planned.added += 1;
        }
        cmds.push(Command::Findings(F::PutFinding {
            id,
            finding: Some(finding),
            at: None,
        }));
        let mut a = Assessment::new(id, reviewer);
        for c in Component::ALL {
            let level = field(col(c.key()));
            if !level.is_empty() {
                match Concern::parse(&level) {
                    Some(k) => a.components[c.index()].concern = Some(k),
                    None => problems.push(format!(
                        "line {line}: \u{201c}{level}\u{201d} is not a level of concern (No or very minor, Minor, Moderate, Serious)"
                    )),
                }
            }
            a.components[c.index()].explanation = field(col(&format!("{}_explanation", c.key())));
        }
        let conf = field(col("confidence"));
        if !conf.is_empty() {
            match Confidence::parse(&conf) {
                Some(k) => a.confidence = Some(k),
                None => problems.push(format!(
                    "line {line}: \u{201c}{conf}\u{201d} is not a confidence (High, Moderate, Low, Very low)"
                )),
            }
        }
        a.explanation = field(col("confidence_explanation"));
        if !a.is_blank() {
            planned.assessed += 1;
            cmds.push(Command::Findings(F::PutAssessment {
                finding: id,
                reviewer,
                assessment: Some(a),
                at: None,
            }));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if !cmds.is_empty() {
        planned.command = Some(Command::Batch(cmds));
    }
    Ok(planned)
}
