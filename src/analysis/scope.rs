//! The scope of a table: which documents (filter) and whose codings
//! (reviewer view) it counts. N is the number of documents in scope.

use crate::model::{AttrId, Coding, Document, Project, ReviewerId};

/// Which documents are in scope.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum DocFilter {
    #[default]
    All,
    /// Documents whose attribute has exactly this value (or, for a number
    /// attribute with bins, whose value falls in the bin with this label).
    Attribute { attr: AttrId, value: String },
}

/// Whose codings are counted.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ReviewerView {
    /// Every reviewer's codings.
    #[default]
    All,
    One(ReviewerId),
    /// The codings agreed between reviewers (the Consensus reviewer).
    Consensus,
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
            ReviewerView::All => c.reviewer != ReviewerId::CONSENSUS,
            ReviewerView::One(r) => c.reviewer == r,
            ReviewerView::Consensus => c.reviewer == ReviewerId::CONSENSUS,
        }
    }

    /// Documents in scope, in project order.
    pub fn documents<'a>(&'a self, p: &'a Project) -> impl Iterator<Item = &'a Document> + 'a {
        p.documents.iter().filter(|d| self.includes_doc(d))
    }

    /// A short description, e.g. "Group = Review article · codings of all reviewers".
    pub fn describe(&self, p: &Project) -> String {
        let docs = match &self.docs {
            DocFilter::All => "all documents".to_owned(),
            DocFilter::Attribute { attr, value } => {
                let name = p
                    .attribute_def(*attr)
                    .map(|a| a.name.as_str())
                    .unwrap_or("?");
                format!("{name} = {value}")
            }
        };
        let who = match self.reviewers {
            ReviewerView::All => "all reviewers".to_owned(),
            ReviewerView::One(r) => p.reviewer(r).map(|r| r.name.clone()).unwrap_or_default(),
            ReviewerView::Consensus => "Consensus".to_owned(),
        };
        format!("{docs} · codings of {who}")
    }
}
