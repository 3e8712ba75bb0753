//! What stands behind a number in a table: the documents counted for a
//! code (optionally one category or one attribute value), or the passages
//! counted as its references. Same scope and rollup as the tables.

use super::characteristics::value_label;
use super::prepare::{NO_CATEGORY, Prepared};
use crate::model::{AttrId, CodeId, CodingId, DocId};

/// A filter on the codings and documents behind a cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    /// A code (rolled up over its sub-codes); `None` = any code.
    pub code: Option<CodeId>,
    /// A category by index in `project.categories`; `None` = any.
    pub category: Option<usize>,
    /// Only documents whose attribute takes this table label.
    pub value: Option<(AttrId, String)>,
}

impl Cell {
    fn code_index(&self, prep: &Prepared<'_>) -> Option<Option<u32>> {
        match self.code {
            None => Some(None),
            Some(id) => prep
                .codes
                .iter()
                .position(|(c, _)| *c == id)
                .map(|i| Some(i as u32)),
        }
    }

    /// The scoped codings this cell counts (`code` from `code_index`).
    fn codings<'p>(
        &'p self,
        prep: &'p Prepared<'_>,
        code: Option<u32>,
    ) -> impl Iterator<Item = &'p super::prepare::ScopedCoding> + 'p {
        prep.codings
            .iter()
            .filter(move |c| code.is_none_or(|k| prep.chain(c.code).any(|a| a == k)))
            .filter(move |c| {
                self.category
                    .is_none_or(|k| c.cat != NO_CATEGORY && c.cat as usize == k)
            })
            .filter(move |c| self.doc_ok(prep, c.doc))
    }

    fn doc_ok(&self, prep: &Prepared<'_>, slot: u32) -> bool {
        match &self.value {
            None => true,
            Some((attr, label)) => prep
                .project
                .attribute_def(*attr)
                .is_some_and(|def| value_label(def, prep.doc(slot)) == *label),
        }
    }
}

/// Codings in scope that the cell counts, in document and text order.
pub fn passages(prep: &Prepared<'_>, cell: &Cell) -> Vec<CodingId> {
    let Some(code) = cell.code_index(prep) else {
        return Vec::new();
    };
    let mut out: Vec<(u32, usize, CodingId)> = cell
        .codings(prep, code)
        .map(|c| {
            let coding = &prep.project.codings[c.index as usize];
            (c.doc, coding.start, coding.id)
        })
        .collect();
    out.sort();
    out.into_iter().map(|(_, _, id)| id).collect()
}

/// Documents in scope that the cell counts, in project order. With no code
/// and no category, every document with the attribute value.
pub fn documents(prep: &Prepared<'_>, cell: &Cell) -> Vec<DocId> {
    let slots: Vec<u32> = if cell.code.is_none() && cell.category.is_none() {
        (0..prep.n_docs() as u32)
            .filter(|&s| cell.doc_ok(prep, s))
            .collect()
    } else {
        let Some(code) = cell.code_index(prep) else {
            return Vec::new();
        };
        let mut v: Vec<u32> = cell.codings(prep, code).map(|c| c.doc).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    slots.into_iter().map(|s| prep.doc(s).id).collect()
}
