//! A coding: one passage of one document tagged with one code, a category
//! and the reviewer who applied it.

use super::ids::{CategoryId, CodeId, CodingId, DocId, ReviewerId};
use serde::{Deserialize, Serialize};

/// One coded passage. The range is in chars, half-open: `[start, end)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Coding {
    pub id: CodingId,
    pub doc: DocId,
    pub start: usize,
    pub end: usize,
    pub code: CodeId,
    #[serde(default)]
    pub category: Option<CategoryId>,
    pub reviewer: ReviewerId,
    #[serde(default)]
    pub memo: String,
    #[serde(default)]
    pub created: String,
    /// A second reviewer's check, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<super::consensus::Check>,
}

impl Coding {
    /// True when the coding covers char `pos`.
    pub fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }

    /// True when `[start, end)` and the coding share at least one char.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
