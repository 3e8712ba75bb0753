//! The scope of a table: which documents (filter) and whose codings
//! (reviewer view) it counts. N is the number of documents in scope.

use super::consensus::{self, ConsensusStatus};
use crate::model::{AttrId, Coding, Document, Project, ReviewerId};

/// Which documents are in scope.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum DocFilter {
    #[default]
    All,
    /// Documents whose attribute has exactly this value (or, for a number
    /// attribute with bins, whose value falls in the bin with this label).
    Attribute { attr: AttrId, value: String },
    /// Studies whose overall quality judgement (the reviewers', else the
    /// review's rule's) is one of these levels: a sensitivity analysis.
    Quality { levels: Vec<String> },
}

/// Whose codings are counted.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ReviewerView {
    /// Every reviewer's codings (not the Consensus reviewer's).
    #[default]
    All,
    One(ReviewerId),
    /// The Consensus of two reviewers (see `analysis::consensus`): what
    /// both coded alike plus every resolved decision; open disagreements
    /// count nowhere.
    Consensus(ReviewerId, ReviewerId),
}

/// Documents and codings a table counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scope {
    pub docs: DocFilter,
    pub reviewers: ReviewerView,
}

/// The codings a scope counts, resolved against one project state.
pub struct CodingsInScope {
    /// Per index of `project.codings`: counted or not.
    pub mask: Vec<bool>,
    /// For a Consensus view: how many disagreements are still open.
    pub consensus: Option<ConsensusStatus>,
}

impl Scope {
    pub fn includes_doc(&self, p: &Project, d: &Document) -> bool {
        match &self.docs {
            DocFilter::All => true,
            DocFilter::Attribute { attr, value } => d.attribute(*attr) == value,
            DocFilter::Quality { levels } => super::appraisal::study_level(p, d.id)
                .is_some_and(|(level, _)| levels.contains(&level)),
        }
    }

    /// Whether a coding counts, judged by its reviewer alone. `None` for a
    /// Consensus view, where it depends on the other reviewer's codings
    /// (use `codings`).
    pub fn includes_coding(&self, c: &Coding) -> Option<bool> {
        self.includes_reviewer(c.reviewer)
    }

    /// Whether a reviewer's codings count (`None` for a Consensus view).
    pub fn includes_reviewer(&self, who: ReviewerId) -> Option<bool> {
        match self.reviewers {
            ReviewerView::All => Some(who != ReviewerId::CONSENSUS),
            ReviewerView::One(r) => Some(who == r),
            ReviewerView::Consensus(..) => None,
        }
    }

    /// Which of the project's codings this scope counts (documents outside
    /// the filter are left to the caller).
    pub fn codings(&self, p: &Project) -> CodingsInScope {
        match self.reviewers {
            ReviewerView::Consensus(a, b) => {
                let included: std::collections::HashSet<_> = p
                    .documents
                    .iter()
                    .filter(|d| self.includes_doc(p, d))
                    .map(|d| d.id)
                    .collect();
                let cons = consensus::consensus(p, a, b, |d| included.contains(&d));
                let mut mask = vec![false; p.codings.len()];
                for i in cons.codings {
                    mask[i] = true;
                }
                CodingsInScope {
                    mask,
                    consensus: Some(cons.status),
                }
            }
            _ => CodingsInScope {
                mask: p
                    .codings
                    .iter()
                    .map(|c| self.includes_coding(c).unwrap_or(false))
                    .collect(),
                consensus: None,
            },
        }
    }

    /// Documents in scope, in project order.
    pub fn documents<'a>(&'a self, p: &'a Project) -> impl Iterator<Item = &'a Document> + 'a {
        p.documents.iter().filter(|d| self.includes_doc(p, d))
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
            DocFilter::Quality { levels } => {
                format!("studies judged {}", levels.join(" or "))
            }
        };
        let name = |r: ReviewerId| p.reviewer(r).map(|r| r.name.clone()).unwrap_or_default();
        let who = match self.reviewers {
            ReviewerView::All => "all reviewers".to_owned(),
            ReviewerView::One(r) => name(r),
            ReviewerView::Consensus(a, b) => {
                format!("the Consensus of {} and {}", name(a), name(b))
            }
        };
        format!("{docs} · codings of {who}")
    }
}
