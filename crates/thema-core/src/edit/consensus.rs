//! Building the commands of second-reviewer work: decisions that set the
//! Consensus codings of a disagreement (never touching A's or B's), and
//! checks of codings (confirm, dispute, resolve).

use super::Command;
use crate::analysis::disagreements::Disagreement;
use crate::model::{
    Check, Choice, Coding, CodingId, Decision, Project, Reviewer, ReviewerId, Verdict, time,
};

/// The Consensus reviewer, added to a project on its first decision.
pub fn consensus_reviewer() -> Reviewer {
    Reviewer {
        id: ReviewerId::CONSENSUS,
        name: "Consensus".into(),
        initials: "CON".into(),
    }
}

/// Resolves a disagreement: replaces the Consensus codings of its
/// (document, code, category) by A's, B's, both, none, or one edited
/// passage, and logs the decision.
pub fn decide(
    p: &Project,
    d: &Disagreement,
    (a, b): (ReviewerId, ReviewerId),
    choice: Choice,
    by: ReviewerId,
    note: &str,
    edited: Option<(usize, usize)>,
) -> Command {
    let mut cmds = Vec::new();
    if p.reviewer(ReviewerId::CONSENSUS).is_none() {
        cmds.push(Command::InsertReviewer {
            index: p.reviewers.len(),
            reviewer: consensus_reviewer(),
        });
    }
    let existing: Vec<CodingId> = p
        .codings
        .iter()
        .filter(|c| {
            c.reviewer == ReviewerId::CONSENSUS
                && c.doc == d.doc
                && c.code == d.code
                && c.category == d.category
        })
        .map(|c| c.id)
        .collect();
    if !existing.is_empty() {
        cmds.push(Command::RemoveCodings(existing));
    }
    let from = |ids: &[CodingId]| -> Vec<(usize, usize)> {
        ids.iter()
            .filter_map(|id| p.coding(*id))
            .map(|c| (c.start, c.end))
            .collect()
    };
    let mut ranges = match choice {
        Choice::AcceptA => from(&d.a),
        Choice::AcceptB => from(&d.b),
        Choice::AcceptBoth => [from(&d.a), from(&d.b)].concat(),
        Choice::Neither => Vec::new(),
        Choice::Edited => edited.into_iter().collect(),
    };
    ranges.sort_unstable();
    ranges.dedup();
    let new: Vec<Coding> = ranges
        .into_iter()
        .map(|(s, e)| {
            super::ops::new_coding(d.doc, s, e, d.code, d.category, ReviewerId::CONSENSUS)
        })
        .collect();
    if !new.is_empty() {
        cmds.push(Command::AddCodings(new));
    }
    cmds.push(Command::AddDecision(Decision {
        id: uuid::Uuid::new_v4(),
        doc: d.doc,
        code: d.code,
        category: d.category,
        reviewer_a: a,
        reviewer_b: b,
        choice,
        by,
        when: time::now_iso(),
        note: note.trim().to_owned(),
    }));
    Command::Batch(cmds)
}

/// Marks a coding Confirmed or Disputed by `by`.
pub fn check(c: &Coding, verdict: Verdict, by: ReviewerId, note: &str) -> Command {
    let check = Check {
        verdict,
        by,
        when: time::now_iso(),
        note: note.trim().to_owned(),
        resolved: false,
        reply: String::new(),
    };
    Command::ReplaceCodings(vec![Coding {
        check: Some(check),
        ..c.clone()
    }])
}

/// The coding's author answers a dispute and marks it resolved.
pub fn resolve_dispute(c: &Coding, reply: &str) -> Option<Command> {
    let mut check = c.check.clone()?;
    check.resolved = true;
    check.reply = reply.trim().to_owned();
    Some(Command::ReplaceCodings(vec![Coding {
        check: Some(check),
        ..c.clone()
    }]))
}
