//! A dense view of a project's codings for the analysis: for each coding,
//! the position of its document, its code (in codebook tree order), its
//! category and its reviewer. It is built once per project revision, on
//! first use, and shared by every table and scope: changing the scope or
//! recomputing the tables then reads 12 bytes a coding instead of walking
//! every coding's full record and hashing its ids again.
//!
//! The cache trusts the revision: a project changes only through
//! `edit::apply`, which bumps it (counts are checked as well).

use super::codebook::Codebook;
use super::coding::Coding;
use super::document::Document;
use super::ids::{CategoryId, CodeId, IdMap, ReviewerId};

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
    /// Builds the index of a project's parts as they are at `revision`
    /// (`Project::coding_index` keeps it between uses).
    pub fn build(
        revision: u64,
        codebook: &Codebook,
        documents: &[Document],
        categories: &[CategoryId],
        codings: &[Coding],
    ) -> Self {
        let codes = codebook.tree_order();
        let code_slot: IdMap<CodeId, u32> = codes
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i as u32))
            .collect();
        let doc_slot: IdMap<_, u32> = documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id, i as u32))
            .collect();
        let cat_slot: IdMap<_, u16> = categories
            .iter()
            .enumerate()
            .map(|(i, c)| (*c, i.min(NO_CATEGORY as usize - 1) as u16))
            .collect();
        let n = codings.len();
        let mut idx = Self {
            revision,
            n_codings: n,
            n_documents: documents.len(),
            codes,
            doc: Vec::with_capacity(n),
            code: Vec::with_capacity(n),
            cat: Vec::with_capacity(n),
            reviewer: Vec::with_capacity(n),
            reviewers: Vec::new(),
        };
        for c in codings {
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

    /// Whether the index was built from a project at this revision with
    /// these counts.
    pub fn fits(&self, revision: u64, n_codings: usize, n_documents: usize) -> bool {
        self.revision == revision && self.n_codings == n_codings && self.n_documents == n_documents
    }
}
