//! Commands on the quality appraisal. Each puts one value (or removes it
//! with `None`) and returns the command that puts the previous value back.

use super::EditError;
use crate::model::appraisal::{
    Answer, AnswerKey, AppraisalDecision, Checklist, ChecklistRule, Judgement, JudgementStep,
};
use crate::model::{DocId, Project, ReviewerId};

#[derive(Clone, Debug, PartialEq)]
pub enum AppraisalCommand {
    /// Adds, replaces (same id) or removes a checklist of the project.
    PutChecklist {
        id: String,
        checklist: Option<Checklist>,
    },
    /// The rules that give documents their checklist, all at once.
    SetRules(Vec<ChecklistRule>),
    /// A document's own checklist, over the rules (`None`: the rules').
    SetChecklistFor {
        doc: DocId,
        checklist: Option<String>,
    },
    /// A reviewer's answer to an item for a study (`None` clears it).
    PutAnswer {
        key: AnswerKey,
        answer: Option<Answer>,
    },
    /// Marks a study finished (or not) by a reviewer.
    SetFinished {
        doc: DocId,
        reviewer: ReviewerId,
        finished: bool,
    },
    /// A study's overall judgement (`None` clears it).
    SetJudgement {
        doc: DocId,
        judgement: Option<Judgement>,
    },
    /// The rule deriving judgements from counts, and the levels offered.
    SetRule {
        levels: Vec<String>,
        rule: Vec<JudgementStep>,
    },
    /// Logs a consensus decision (appended).
    AddDecision(AppraisalDecision),
    /// Removes the last decision (the inverse of `AddDecision`).
    RemoveLastDecision,
}

pub fn apply(p: &mut Project, cmd: AppraisalCommand) -> Result<AppraisalCommand, EditError> {
    use AppraisalCommand::*;
    let a = &mut p.appraisal;
    Ok(match cmd {
        PutChecklist { id, checklist } => {
            if checklist.as_ref().is_some_and(|c| c.id != id) {
                return Err(EditError::NotFound("checklist"));
            }
            let at = a.checklists.iter().position(|c| c.id == id);
            let previous = match (at, checklist) {
                (Some(i), Some(c)) => Some(std::mem::replace(&mut a.checklists[i], c)),
                (Some(i), None) => {
                    if a.answers.iter().any(|x| x.checklist == id) {
                        return Err(EditError::StillInUse("checklist"));
                    }
                    Some(a.checklists.remove(i))
                }
                (None, Some(c)) => {
                    a.checklists.push(c);
                    None
                }
                (None, None) => return Err(EditError::NotFound("checklist")),
            };
            PutChecklist {
                id,
                checklist: previous,
            }
        }
        SetRules(rules) => SetRules(std::mem::replace(&mut a.rules, rules)),
        SetChecklistFor { doc, checklist } => {
            let previous = a
                .assigned
                .iter()
                .position(|(d, _)| *d == doc)
                .map(|i| a.assigned.remove(i).1);
            if let Some(c) = checklist {
                a.assigned.push((doc, c));
            }
            SetChecklistFor {
                doc,
                checklist: previous,
            }
        }
        PutAnswer { key, answer } => {
            if let Some(ans) = &answer {
                if ans.key() != key {
                    return Err(EditError::NotFound("answer"));
                }
                let checklist = a
                    .checklist(&key.checklist)
                    .ok_or(EditError::NotFound("checklist"))?;
                if checklist.item(&key.item).is_none() {
                    return Err(EditError::NotFound("checklist item"));
                }
                if checklist.answer(&ans.answer).is_none() {
                    return Err(EditError::NotFound("answer option"));
                }
                if !p.documents.iter().any(|d| d.id == key.doc) {
                    return Err(EditError::NotFound("document"));
                }
            }
            let a = &mut p.appraisal;
            let at = a.answers.iter().position(|x| x.key() == key);
            let previous = match (at, answer) {
                (Some(i), Some(x)) => Some(std::mem::replace(&mut a.answers[i], x)),
                (Some(i), None) => Some(a.answers.remove(i)),
                (None, Some(x)) => {
                    a.answers.push(x);
                    None
                }
                (None, None) => None,
            };
            PutAnswer {
                key,
                answer: previous,
            }
        }
        SetFinished {
            doc,
            reviewer,
            finished,
        } => {
            let was = a.is_finished(doc, reviewer);
            a.finished.retain(|x| *x != (doc, reviewer));
            if finished {
                a.finished.push((doc, reviewer));
            }
            SetFinished {
                doc,
                reviewer,
                finished: was,
            }
        }
        SetJudgement { doc, judgement } => {
            if judgement.as_ref().is_some_and(|j| j.doc != doc) {
                return Err(EditError::NotFound("judgement"));
            }
            let previous = a
                .judgements
                .iter()
                .position(|j| j.doc == doc)
                .map(|i| a.judgements.remove(i));
            if let Some(j) = judgement {
                a.judgements.push(j);
            }
            SetJudgement {
                doc,
                judgement: previous,
            }
        }
        SetRule { levels, rule } => SetRule {
            levels: std::mem::replace(&mut a.levels, levels),
            rule: std::mem::replace(&mut a.rule, rule),
        },
        AddDecision(d) => {
            a.decisions.push(d);
            RemoveLastDecision
        }
        RemoveLastDecision => {
            AddDecision(a.decisions.pop().ok_or(EditError::NotFound("decision"))?)
        }
    })
}
