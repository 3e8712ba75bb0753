//! The disagreement queue: every (document, code, category) where two
//! reviewers' coverage differs (one coded it and the other did not, or
//! they marked different passages), with whether a decision resolved it.

use super::scope::Scope;
use crate::model::{CategoryId, CodeId, CodingId, DocId, IdMap, Project, ReviewerId};

#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    pub doc: DocId,
    pub code: CodeId,
    pub category: Option<CategoryId>,
    /// Codings of reviewer A and of reviewer B here, in text order.
    pub a: Vec<CodingId>,
    pub b: Vec<CodingId>,
    /// First char where the two differ (for jumping to it).
    pub first_difference: usize,
    pub resolved: bool,
}

use super::consensus::{coverage as merged_of, decides};

fn merged(v: &[&crate::model::Coding]) -> Vec<(usize, usize)> {
    merged_of(v.iter().copied())
}

/// First position where two interval sets differ.
fn first_diff(x: &[(usize, usize)], y: &[(usize, usize)]) -> usize {
    for (p, q) in x.iter().zip(y) {
        if p != q {
            return p.0.min(q.0);
        }
    }
    match (x.get(y.len()), y.get(x.len())) {
        (Some(p), _) => p.0,
        (_, Some(q)) => q.0,
        _ => 0,
    }
}

/// Disagreements between `a` and `b` over the documents in `scope`, in
/// document order, then by position.
pub fn disagreements(
    p: &Project,
    scope: &Scope,
    a: ReviewerId,
    b: ReviewerId,
) -> Vec<Disagreement> {
    type Key = (DocId, CodeId, Option<CategoryId>);
    let docs: IdMap<DocId, usize> = p
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| scope.includes_doc(p, d))
        .map(|(i, d)| (d.id, i))
        .collect();
    let mut cells: std::collections::HashMap<
        Key,
        (Vec<&crate::model::Coding>, Vec<&crate::model::Coding>),
    > = Default::default();
    for c in p.codings.iter().filter(|c| docs.contains_key(&c.doc)) {
        let slot = cells.entry((c.doc, c.code, c.category)).or_default();
        if c.reviewer == a {
            slot.0.push(c);
        } else if c.reviewer == b {
            slot.1.push(c);
        }
    }
    let mut out: Vec<Disagreement> = cells
        .into_iter()
        .filter_map(|((doc, code, category), (ca, cb))| {
            let ia = merged(&ca);
            let ib = merged(&cb);
            if ia == ib {
                return None;
            }
            let mut ca = ca;
            let mut cb = cb;
            ca.sort_by_key(|c| (c.start, c.end));
            cb.sort_by_key(|c| (c.start, c.end));
            let resolved = p
                .decisions
                .iter()
                .any(|d| decides(d, &(doc, code, category), a, b));
            Some(Disagreement {
                doc,
                code,
                category,
                a: ca.iter().map(|c| c.id).collect(),
                b: cb.iter().map(|c| c.id).collect(),
                first_difference: first_diff(&ia, &ib),
                resolved,
            })
        })
        .collect();
    let order: IdMap<CodeId, usize> = p
        .codebook
        .tree_order()
        .into_iter()
        .enumerate()
        .map(|(i, (id, _))| (id, i))
        .collect();
    out.sort_by_key(|d| {
        (
            docs.get(&d.doc).copied(),
            d.first_difference,
            order.get(&d.code).copied(),
            d.category,
        )
    });
    out
}
