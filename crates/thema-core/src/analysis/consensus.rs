//! The Consensus of two reviewers, defined once. For a pair (A, B) the
//! Consensus holds, per document × code × category ("cell"):
//!
//! - where a decision of that pair resolved the cell: the Consensus codings
//!   the decision wrote (A's, B's, both, none, or an edited passage);
//! - else, where A and B cover exactly the same characters: their passages,
//!   identical ones once;
//! - else (an open disagreement): nothing, until it is resolved.
//!
//! Tables, reports and the disagreement queue all read this module, so the
//! numbers a reviewer publishes for the Consensus and the queue they work
//! through can never disagree.

use crate::model::{CategoryId, CodeId, Coding, Decision, DocId, Project, ReviewerId};
use std::collections::HashMap;

/// One cell of the comparison: a document, a code and a category.
pub type Cell = (DocId, CodeId, Option<CategoryId>);

/// Where the Consensus of a pair stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConsensusStatus {
    pub a: ReviewerId,
    pub b: ReviewerId,
    /// Disagreements (cells where A and B cover different characters).
    pub disagreements: usize,
    /// Of those, how many have no decision yet (they count nowhere).
    pub unresolved: usize,
}

impl ConsensusStatus {
    /// "Consensus of AB and CD — 4 of 40 disagreements unresolved, not counted".
    pub fn note(&self, p: &Project) -> String {
        let head = label(p, self.a, self.b);
        if self.disagreements == 0 {
            format!("{head} — no disagreements")
        } else if self.unresolved == 0 {
            format!(
                "{head} — all {} {} resolved",
                self.disagreements,
                plural(self.disagreements, "disagreement", "disagreements")
            )
        } else {
            format!(
                "{head} — {} of {} {} unresolved, not counted",
                self.unresolved,
                self.disagreements,
                plural(self.disagreements, "disagreement", "disagreements")
            )
        }
    }
}

/// "Consensus of AB and CD" (initials, or names where there are none).
pub fn label(p: &Project, a: ReviewerId, b: ReviewerId) -> String {
    let who = |r: ReviewerId| {
        p.reviewer(r)
            .map(|r| {
                if r.initials.is_empty() {
                    r.name.clone()
                } else {
                    r.initials.clone()
                }
            })
            .unwrap_or_else(|| "an unknown reviewer".into())
    };
    format!("Consensus of {} and {}", who(a), who(b))
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// True when a decision of the pair (in either order) covers the cell.
pub fn decides(d: &Decision, cell: &Cell, a: ReviewerId, b: ReviewerId) -> bool {
    (d.doc, d.code, d.category) == *cell
        && ((d.reviewer_a == a && d.reviewer_b == b) || (d.reviewer_a == b && d.reviewer_b == a))
}

/// Sorted, merged character intervals of some codings.
pub fn coverage<'a>(codings: impl Iterator<Item = &'a Coding>) -> Vec<(usize, usize)> {
    merge_intervals(codings.map(|c| (c.start, c.end)).collect())
}

/// Sorts intervals and merges those that overlap or touch.
pub fn merge_intervals(mut v: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    v.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(l) if s <= l.1 => l.1 = l.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Per cell, the indices (into `p.codings`) of A's, B's and the Consensus
/// reviewer's codings, for documents accepted by `include_doc`.
pub struct Cells {
    pub cells: HashMap<Cell, [Vec<usize>; 3]>,
}

impl Cells {
    pub fn gather(
        p: &Project,
        a: ReviewerId,
        b: ReviewerId,
        include_doc: impl Fn(DocId) -> bool,
    ) -> Self {
        let mut cells: HashMap<Cell, [Vec<usize>; 3]> = HashMap::new();
        for (i, c) in p.codings.iter().enumerate() {
            let slot = if c.reviewer == a {
                0
            } else if c.reviewer == b {
                1
            } else if c.reviewer == ReviewerId::CONSENSUS {
                2
            } else {
                continue;
            };
            if !include_doc(c.doc) {
                continue;
            }
            cells.entry((c.doc, c.code, c.category)).or_default()[slot].push(i);
        }
        Self { cells }
    }
}

/// The Consensus of a pair: which codings it counts, and its status.
pub struct Consensus {
    /// Indices into `p.codings`, ascending.
    pub codings: Vec<usize>,
    pub status: ConsensusStatus,
}

/// Computes the Consensus of `a` and `b` over the documents `include_doc` accepts.
pub fn consensus(
    p: &Project,
    a: ReviewerId,
    b: ReviewerId,
    include_doc: impl Fn(DocId) -> bool,
) -> Consensus {
    let gathered = Cells::gather(p, a, b, include_doc);
    let decided: std::collections::HashSet<Cell> = p
        .decisions
        .iter()
        .filter(|d| {
            (d.reviewer_a == a && d.reviewer_b == b) || (d.reviewer_a == b && d.reviewer_b == a)
        })
        .map(|d| (d.doc, d.code, d.category))
        .collect();
    let mut codings = Vec::new();
    let mut disagreements = 0;
    let mut unresolved = 0;
    for (cell, [ia, ib, ic]) in &gathered.cells {
        let ca = coverage(ia.iter().map(|&i| &p.codings[i]));
        let cb = coverage(ib.iter().map(|&i| &p.codings[i]));
        let differ = ca != cb;
        let is_decided = decided.contains(cell);
        if differ {
            disagreements += 1;
            if !is_decided {
                unresolved += 1;
            }
        }
        if is_decided {
            codings.extend(ic.iter().copied());
        } else if !differ && !ca.is_empty() {
            // Both coded the same characters: their passages, identical once.
            let mut seen = std::collections::HashSet::new();
            for &i in ia.iter().chain(ib) {
                let c = &p.codings[i];
                if seen.insert((c.start, c.end)) {
                    codings.push(i);
                }
            }
        }
    }
    codings.sort_unstable();
    Consensus {
        codings,
        status: ConsensusStatus {
            a,
            b,
            disagreements,
            unresolved,
        },
    }
}

/// The pairs of reviewers whose Consensus can be shown: every pair of
/// reviewers (not the Consensus reviewer itself), in project order.
pub fn pairs(p: &Project) -> Vec<(ReviewerId, ReviewerId)> {
    let people: Vec<ReviewerId> = p
        .reviewers
        .iter()
        .map(|r| r.id)
        .filter(|r| *r != ReviewerId::CONSENSUS)
        .collect();
    let mut out = Vec::new();
    for (i, &x) in people.iter().enumerate() {
        for &y in &people[i + 1..] {
            out.push((x, y));
        }
    }
    out
}

/// The pair to use when none was named: the only pair of reviewers who
/// have codings, or the pair named in the decision log when there is one.
pub fn default_pair(p: &Project) -> Option<(ReviewerId, ReviewerId)> {
    let coding: Vec<ReviewerId> = p
        .reviewers
        .iter()
        .map(|r| r.id)
        .filter(|r| *r != ReviewerId::CONSENSUS && p.codings.iter().any(|c| c.reviewer == *r))
        .collect();
    if coding.len() == 2 {
        return Some((coding[0], coding[1]));
    }
    let mut logged: Vec<(ReviewerId, ReviewerId)> = p
        .decisions
        .iter()
        .map(|d| (d.reviewer_a, d.reviewer_b))
        .collect();
    logged.sort_unstable();
    logged.dedup();
    if logged.len() == 1 {
        return Some(logged[0]);
    }
    let all = pairs(p);
    (all.len() == 1).then(|| all[0])
}
