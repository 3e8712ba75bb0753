//! Commands on review findings. Each puts one value (or removes it with
//! `None`) and returns the command that puts the previous value back at
//! the same place, so undo restores the project exactly.

use super::EditError;
use crate::model::findings::{
    Assessment, AssessmentDecision, Finding, JbiCategory, ReviewContext, Synthesised,
};
use crate::model::{FindingId, GroupId, Project, ReviewerId};

#[derive(Clone, Debug, PartialEq)]
pub enum FindingsCommand {
    /// Adds, replaces (same id) or removes a finding; `at` places an
    /// added one (the inverse of a removal).
    PutFinding {
        id: FindingId,
        finding: Option<Finding>,
        at: Option<usize>,
    },
    /// A reviewer's assessment of a finding (the Consensus reviewer's is
    /// the agreed one).
    PutAssessment {
        finding: FindingId,
        reviewer: ReviewerId,
        assessment: Option<Assessment>,
        at: Option<usize>,
    },
    PutCategory {
        id: GroupId,
        category: Option<JbiCategory>,
        at: Option<usize>,
    },
    PutSynthesised {
        id: GroupId,
        synthesised: Option<Synthesised>,
        at: Option<usize>,
    },
    /// The review question's context, all at once.
    SetContext(ReviewContext),
    /// Logs a reconciliation (appended).
    AddDecision(AssessmentDecision),
    RemoveLastDecision,
}

/// Puts `new` in place of the element `is` finds (or removes it, or adds
/// it at `at`), returning the previous element and where it was when it
/// was removed.
fn put<T>(
    v: &mut Vec<T>,
    is: impl Fn(&T) -> bool,
    new: Option<T>,
    at: Option<usize>,
) -> Result<(Option<T>, Option<usize>), EditError> {
    let found = v.iter().position(is);
    Ok(match (found, new) {
        (Some(i), Some(x)) => (Some(std::mem::replace(&mut v[i], x)), None),
        (Some(i), None) => (Some(v.remove(i)), Some(i)),
        (None, Some(x)) => {
            match at.filter(|i| *i <= v.len()) {
                Some(i) => v.insert(i, x),
                None => v.push(x),
            }
            (None, None)
        }
        (None, None) => return Err(EditError::NotFound("finding")),
    })
}

pub fn apply(p: &mut Project, cmd: FindingsCommand) -> Result<FindingsCommand, EditError> {
    use FindingsCommand::*;
    Ok(match cmd {
        PutFinding { id, finding, at } => {
            if let Some(f) = &finding {
                if f.id != id {
                    return Err(EditError::NotFound("finding"));
                }
                if f.codes.iter().any(|c| !p.codebook.contains(*c)) {
                    return Err(EditError::NotFound("code"));
                }
                if p.findings
                    .findings
                    .iter()
                    .any(|x| x.id != id && x.label.eq_ignore_ascii_case(&f.label))
                {
                    return Err(EditError::Duplicate("finding number"));
                }
            } else if p.findings.assessments.iter().any(|a| a.finding == id)
                || p.findings
                    .categories
                    .iter()
                    .any(|c| c.findings.contains(&id))
            {
                return Err(EditError::StillInUse("finding"));
            }
            let (previous, at) = put(&mut p.findings.findings, |f| f.id == id, finding, at)?;
            PutFinding {
                id,
                finding: previous,
                at,
            }
        }
        PutAssessment {
            finding,
            reviewer,
            assessment,
            at,
        } => {
            if let Some(a) = &assessment
                && (a.finding != finding || a.reviewer != reviewer)
            {
                return Err(EditError::NotFound("assessment"));
            }
            if assessment.is_some() && p.findings.finding(finding).is_none() {
                return Err(EditError::NotFound("finding"));
            }
            let (previous, at) = put(
                &mut p.findings.assessments,
                |a| a.finding == finding && a.reviewer == reviewer,
                assessment,
                at,
            )?;
            PutAssessment {
                finding,
                reviewer,
                assessment: previous,
                at,
            }
        }
        PutCategory { id, category, at } => {
            if let Some(c) = &category
                && (c.id != id || c.findings.iter().any(|f| p.findings.finding(*f).is_none()))
            {
                return Err(EditError::NotFound("finding"));
            }
            if category.is_none()
                && p.findings
                    .synthesised
                    .iter()
                    .any(|s| s.categories.contains(&id))
            {
                return Err(EditError::StillInUse("category"));
            }
            let (previous, at) = put(&mut p.findings.categories, |c| c.id == id, category, at)?;
            PutCategory {
                id,
                category: previous,
                at,
            }
        }
        PutSynthesised {
            id,
            synthesised,
            at,
        } => {
            if let Some(s) = &synthesised
                && (s.id != id
                    || s.categories
                        .iter()
                        .any(|c| p.findings.category(*c).is_none()))
            {
                return Err(EditError::NotFound("category"));
            }
            let (previous, at) = put(&mut p.findings.synthesised, |s| s.id == id, synthesised, at)?;
            PutSynthesised {
                id,
                synthesised: previous,
                at,
            }
        }
        SetContext(c) => SetContext(std::mem::replace(&mut p.findings.context, c)),
        AddDecision(d) => {
            p.findings.decisions.push(d);
            RemoveLastDecision
        }
        RemoveLastDecision => AddDecision(
            p.findings
                .decisions
                .pop()
                .ok_or(EditError::NotFound("decision"))?,
        ),
    })
}
