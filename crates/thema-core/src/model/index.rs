//! A dense view of a project's codings for the analysis: for each coding,
//! the position of its document, its code (in codebook tree order), its
//! category and its reviewer. It is built once per project revision, on
//! first use, and shared by every table and scope: changing the scope or
//! recomputing the tables then reads 12 bytes a coding instead of walking
//! every coding's full record and hashing its ids again.
//!
//! The cache trusts the revision: a project changes only through
//! `edit::apply`, which bumps it (counts are checked as well).

use super::ids::{CodeId, IdMap, ReviewerId};
use super::project::Project;
use std::sync::{Arc, Mutex};

/// "No such thing" in the u32 columns.
pub const NONE: u32 = u32::MAX;
/// "No category" in the category column.
pub const NO_CATEGORY: u16 = u16::MAX;

/// Dense positions of every coding's document, code, category and reviewer.
#[derive(Debug)]
pub struct CodingIndex {
    pub revision: u64,
    pub n_codings: usize,
    pub n_documents: usize,
    /// Codes in tree order with their level (1 = top).
    pub codes: Vec<(CodeId, usize)>,
    /// Per coding: index into `project.documents`, or `NONE`.
    pub doc: Vec<u32>,
    /// Per coding: index into `codes`, or `NONE`.
    pub code: Vec<u32>,
    /// Per coding: index into `project.categories`, or `NO_CATEGORY`.
    pub cat: Vec<u16>,
    /// Per coding: index into `reviewers`.
    pub reviewer: Vec<u16>,
    /// The distinct reviewers of the codings, in order of first use.
    pub reviewers: Vec<ReviewerId>,
}

impl CodingIndex {
    /// Builds the index of `p` as it is now.
    pub fn build(p: &Project) -> Self {
        let codes = p.codebook.tree_order();
        let code_slot: IdMap<CodeId, u32> = codes
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i as u32))
            .collect();
        let doc_slot: IdMap<_, u32> = p
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id, i as u32))
            .collect();
        let cat_slot: IdMap<_, u16> = p
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i.min(NO_CATEGORY as usize - 1) as u16))
            .collect();
        let n = p.codings.len();
        let mut idx = Self {
            revision: p.revision,
            n_codings: n,
            n_documents: p.documents.len(),
            codes,
            doc: Vec::with_capacity(n),
            code: Vec::with_capacity(n),
            cat: Vec::with_capacity(n),
            reviewer: Vec::with_capacity(n),
            reviewers: Vec::new(),
        };
        for c in &p.codings {
            idx.doc.push(doc_slot.get(&c.doc).copied().unwrap_or(NONE));
            idx.code
                .push(code_slot.get(&c.code).copied().unwrap_or(NONE));
            idx.cat.push(
                c.category
                    .and_then(|k| cat_slot.get(&k).copied())
                    .unwrap_or(NO_CATEGORY),
            );
            let r = match idx.reviewers.iter().position(|r| *r == c.reviewer) {
                Some(i) => i,
                None => {
                    idx.reviewers.push(c.reviewer);
                    idx.reviewers.len() - 1
                }
            };
            idx.reviewer.push(r.min(u16::MAX as usize) as u16);
        }
        idx
    }

    fn fits(&self, p: &Project) -> bool {
        self.revision == p.revision
            && self.n_codings == p.codings.len()
            && self.n_documents == p.documents.len()
    }
}

/// Where a project keeps its index between uses (never saved, never part
/// of equality; a copy of a project starts without one).
#[derive(Debug, Default)]
pub struct IndexCache(Mutex<Option<Arc<CodingIndex>>>);

impl Clone for IndexCache {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl PartialEq for IndexCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Project {
    /// The coding index for the project as it is now (built on first use
    /// after a change).
    pub fn coding_index(&self) -> Arc<CodingIndex> {
        let mut slot = self
            .index_cache
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(idx) = slot.as_ref()
            && idx.fits(self)
        {
            return Arc::clone(idx);
        }
        let idx = Arc::new(CodingIndex::build(self));
        *slot = Some(Arc::clone(&idx));
        idx
    }
}
