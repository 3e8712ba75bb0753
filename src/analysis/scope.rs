//! The scope of a table: which documents (filter) and whose codings
//! (reviewer view) it counts. N is the number of documents in scope.

use crate::model::{AttrId, Coding, Document, Project, ReviewerId};

/// Which documents are in scope.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum DocFilter {
    #[default]
    All,
    /// Documents whose attribute has exactly this value.
    Attribute { attr: AttrId, value: String },
}

/// Whose codings are counted.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ReviewerView {
    /// Every reviewer's codings.
    #[default]
    All,
    One(ReviewerId),
}

/// Documents and codings a table counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scope {
    pub docs: DocFilter,
    pub reviewers: ReviewerView,
}

impl Scope {
    pub fn includes_doc(&self, d: &Document) -> bool {
        match &self.docs {
            DocFilter::All => true,
            DocFilter::Attribute { attr, value } => d.attribute(*attr) == value,
        }
    }

    pub fn includes_coding(&self, c: &Coding) -> bool {
        match self.reviewers {
            ReviewerView::All => true,
            ReviewerView::One(r) => c.reviewer == r,
        }
    }

    /// Documents in scope, in project order.
    pub fn documents<'a>(&'a self, p: &'a Project) -> impl Iterator<Item = &'a Document> + 'a {
        p.documents.iter().filter(|d| self.includes_doc(d))
    }
}
