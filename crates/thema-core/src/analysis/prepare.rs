//! One pass over a project for a scope: which documents are in scope (N),
//! the code tree in order with each code's ancestor chain, and every coding
//! in scope as dense indices. Every table is computed from this.

use super::scope::Scope;
use crate::model::index::NONE;
use crate::model::{CodeId, IdMap, Project};

/// A coding in scope, as dense indices.
#[derive(Clone, Copy, Debug)]
pub struct ScopedCoding {
    /// Index into `Prepared::docs`.
    pub doc: u32,
    /// Index into `Prepared::codes`.
    pub code: u32,
    /// Index into `project.categories`, or `NO_CATEGORY`.
    pub cat: u16,
    /// Index into `project.codings`.
    pub index: u32,
}

pub const NO_CATEGORY: u16 = crate::model::index::NO_CATEGORY;

/// The project seen through a scope.
pub struct Prepared<'a> {
    pub project: &'a Project,
    pub scope: Scope,
    /// Indices into `project.documents` of the documents in scope, in order.
    pub docs: Vec<usize>,
    /// Codes in tree order with their level (1 = top).
    pub codes: Vec<(CodeId, usize)>,
    /// For each code: the index into `codes` of its parent in tree order,
    /// or `NONE` for a top-level code. A code's chain (itself and its
    /// ancestors) is walked with `chain`; storing parents keeps this linear
    /// in the number of codes however deep the tree is.
    pub parents: Vec<u32>,
    /// For each code: the index of its top-level ancestor (itself at level 1).
    pub roots: Vec<u32>,
    /// For each code: its position in `project.codebook.codes`.
    pub code_pos: Vec<usize>,
    /// Codings in scope.
    pub codings: Vec<ScopedCoding>,
    /// For a Consensus scope: how many disagreements are still open.
    pub consensus: Option<super::consensus::ConsensusStatus>,
    /// Documents holding each code (rolled up), built once on first use.
    docs_per_code: std::sync::OnceLock<Vec<BitSet>>,
    /// Reference number of each document in scope, built once on first use.
    refs: std::sync::OnceLock<Vec<u32>>,
}

impl<'a> Prepared<'a> {
    pub fn new(project: &'a Project, scope: &Scope) -> Self {
        let idx = project.coding_index();
        let docs: Vec<usize> = project
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| scope.includes_doc(project, d))
            .map(|(i, _)| i)
            .collect();
        // Project document index → slot in scope.
        let mut doc_slot = vec![NONE; project.documents.len()];
        for (slot, &i) in docs.iter().enumerate() {
            doc_slot[i] = slot as u32;
        }
        let codes = idx.codes.clone();
        let code_pos = code_positions(project, &codes);
        let (parents, roots) = parents_in_tree_order(&codes);
        // Whose codings count: per reviewer of the index, or per coding
        // for a Consensus (decided cell by cell).
        let (by_reviewer, mask, consensus) = match scope.reviewers {
            super::scope::ReviewerView::Consensus(..) => {
                let in_scope = scope.codings(project);
                (Vec::new(), Some(in_scope.mask), in_scope.consensus)
            }
            _ => {
                let counted = idx
                    .reviewers
                    .iter()
                    .map(|r| scope.includes_reviewer(*r).unwrap_or(false))
                    .collect::<Vec<bool>>();
                (counted, None, None)
            }
        };
        let mut codings = Vec::with_capacity(idx.n_codings);
        for i in 0..idx.n_codings {
            let counted = match &mask {
                Some(m) => m[i],
                None => by_reviewer[idx.reviewer[i] as usize],
            };
            if !counted {
                continue;
            }
            let (d, code) = (idx.doc[i], idx.code[i]);
            if d == NONE || code == NONE {
                continue;
            }
            let slot = doc_slot[d as usize];
            if slot == NONE {
                continue;
            }
            codings.push(ScopedCoding {
                doc: slot,
                code,
                cat: idx.cat[i],
                index: i as u32,
            });
        }
        Self {
            project,
            scope: scope.clone(),
            docs,
            codes,
            parents,
            roots,
            code_pos,
            codings,
            consensus,
            docs_per_code: Default::default(),
            refs: Default::default(),
        }
    }

    /// For each code (rolled up), the documents that hold it.
    pub fn docs_per_code(&self) -> &[BitSet] {
        self.docs_per_code.get_or_init(|| docs_per_code(self))
    }

    /// The reference number of each document in scope, by slot.
    pub fn refs(&self) -> &[u32] {
        self.refs.get_or_init(|| {
            self.docs
                .iter()
                .map(|&i| self.project.documents[i].reference)
                .collect()
        })
    }

    /// N: documents in scope.
    pub fn n_docs(&self) -> usize {
        self.docs.len()
    }

    pub fn n_categories(&self) -> usize {
        self.project.categories.len()
    }

    /// The document behind a dense doc index.
    pub fn doc(&self, slot: u32) -> &'a crate::model::Document {
        &self.project.documents[self.docs[slot as usize]]
    }

    /// The code behind a dense code index.
    pub fn code(&self, code: usize) -> &'a crate::model::Code {
        &self.project.codebook.codes[self.code_pos[code]]
    }

    /// Name of a code by dense index.
    pub fn name(&self, code: usize) -> String {
        self.code(code).name.clone()
    }

    /// The code and its ancestors, nearest first, as dense indices.
    pub fn chain(&self, code: u32) -> impl Iterator<Item = u32> + '_ {
        chain(&self.parents, code)
    }

    /// The scope in words, with the Consensus note when there is one:
    /// "all documents · codings of the Consensus of … — 4 of 40
    /// disagreements unresolved, not counted".
    pub fn describe(&self) -> String {
        describe(self.project, &self.scope, self.consensus.as_ref())
    }

    /// Full ` > ` path of a code by dense index; deeper than
    /// `PATH_FULL_DEPTH` it is shortened as `Codebook::path` does, so every
    /// path costs at most that many steps.
    pub fn path(&self, code: usize) -> String {
        use crate::model::codebook::{PATH_FULL_DEPTH, PATH_TAIL, elided_path};
        let depth = self.codes[code].1;
        let keep = if depth <= PATH_FULL_DEPTH {
            depth
        } else {
            PATH_TAIL
        };
        let mut names: Vec<&str> = self
            .chain(code as u32)
            .take(keep)
            .map(|i| self.code(i as usize).name.as_str())
            .collect();
        names.reverse();
        if depth <= PATH_FULL_DEPTH {
            names.join(" > ")
        } else {
            let top = &self.code(self.roots[code] as usize).name;
            elided_path(top, depth, &names)
        }
    }
}

/// A scope in words, with the Consensus note when there is one.
pub fn describe(
    p: &Project,
    scope: &Scope,
    consensus: Option<&super::consensus::ConsensusStatus>,
) -> String {
    match consensus {
        Some(c) => {
            let note = c.note(p);
            let open = note.split_once(" — ").map(|(_, r)| r).unwrap_or("");
            format!("{} — {open}", scope.describe(p))
        }
        None => scope.describe(p),
    }
}

/// A code and its ancestors, nearest first, following `parents` (as in
/// `Prepared::parents`) until a top-level code.
pub fn chain(parents: &[u32], code: u32) -> impl Iterator<Item = u32> + '_ {
    let mut cur = code;
    std::iter::from_fn(move || {
        if cur == NONE {
            return None;
        }
        let here = cur;
        cur = parents[here as usize];
        Some(here)
    })
}

/// Each code's position in the codebook (its first code of that id).
fn code_positions(project: &Project, codes: &[(CodeId, usize)]) -> Vec<usize> {
    let mut pos: IdMap<CodeId, usize> = IdMap::default();
    for (i, c) in project.codebook.codes.iter().enumerate() {
        pos.entry(c.id).or_insert(i);
    }
    codes.iter().map(|(id, _)| pos[id]).collect()
}

/// Parents and top-level ancestors of codes listed depth-first with their
/// levels: a code's parent is the nearest code before it one level up. One
/// pass, one stack of open codes.
pub fn parents_in_tree_order(codes: &[(CodeId, usize)]) -> (Vec<u32>, Vec<u32>) {
    let mut parents = Vec::with_capacity(codes.len());
    let mut roots = Vec::with_capacity(codes.len());
    let mut open: Vec<u32> = Vec::new();
    for (i, (_, level)) in codes.iter().enumerate() {
        open.truncate(level.saturating_sub(1));
        let parent = open.last().copied().unwrap_or(NONE);
        parents.push(parent);
        roots.push(if parent == NONE {
            i as u32
        } else {
            roots[parent as usize]
        });
        open.push(i as u32);
    }
    (parents, roots)
}

/// A fixed-size set of small indices.
#[derive(Clone, Debug)]
pub struct BitSet(Vec<u64>);

impl BitSet {
    pub fn new(n: usize) -> Self {
        Self(vec![0; n.div_ceil(64)])
    }

    pub fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    pub fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    /// Members in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &bits)| {
            let mut rest = bits;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let b = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                Some(w * 64 + b)
            })
        })
    }

    /// Adds every member of `other`.
    pub fn union_with(&mut self, other: &BitSet) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }

    /// Size of the intersection with `other`.
    pub fn and_len(&self, other: &BitSet) -> usize {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum()
    }
}

/// For each code (rolled up), the set of documents that hold it: each
/// coding marks its own code, then sets are merged up the tree.
pub fn docs_per_code(prep: &Prepared<'_>) -> Vec<BitSet> {
    let mut sets = vec![BitSet::new(prep.n_docs()); prep.codes.len()];
    for c in &prep.codings {
        sets[c.code as usize].insert(c.doc as usize);
    }
    roll_up(prep, &mut sets);
    sets
}

/// Merges every code's set into its ancestors' sets (children first).
pub fn roll_up(prep: &Prepared<'_>, sets: &mut [BitSet]) {
    // Deepest codes first, so a set is complete before it is merged upward.
    let mut order: Vec<usize> = (0..prep.codes.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(prep.codes[i].1));
    for i in order {
        let parent = prep.parents[i];
        if parent != NONE {
            let child = sets[i].clone();
            sets[parent as usize].union_with(&child);
        }
    }
}
