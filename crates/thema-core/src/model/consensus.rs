//! Second-reviewer work: decisions that resolve disagreements into
//! Consensus codings (logged with who, when and why), and checks of one
//! reviewer's codings by another (Confirmed / Disputed).

use super::ids::{CategoryId, CodeId, DocId, ReviewerId};
use serde::{Deserialize, Serialize};

/// How a disagreement was resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Choice {
    AcceptA,
    AcceptB,
    AcceptBoth,
    Neither,
    /// The consensus passage was edited by hand.
    Edited,
}

impl Choice {
    pub fn label(&self) -> &'static str {
        match self {
            Choice::AcceptA => "accept A",
            Choice::AcceptB => "accept B",
            Choice::AcceptBoth => "accept both",
            Choice::Neither => "neither",
            Choice::Edited => "edited passage",
        }
    }

    /// The choice in words with the two reviewers' initials ("accept
    /// CD's", "accept both"), as the decision log shows it.
    pub fn describe(&self, a: &str, b: &str) -> String {
        match self {
            Choice::AcceptA => format!("accept {a}'s"),
            Choice::AcceptB => format!("accept {b}'s"),
            other => other.label().to_owned(),
        }
    }
}

impl Decision {
    /// The decision's choice in words with the reviewers' initials.
    pub fn describe(&self, p: &crate::model::Project) -> String {
        let initials = |r| {
            p.reviewer(r)
                .map_or_else(|| "a removed reviewer".to_owned(), |r| r.initials.clone())
        };
        self.choice
            .describe(&initials(self.reviewer_a), &initials(self.reviewer_b))
    }
}

/// One logged decision on a (document, code, category) disagreement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub id: uuid::Uuid,
    pub doc: DocId,
    pub code: CodeId,
    #[serde(default)]
    pub category: Option<CategoryId>,
    pub reviewer_a: ReviewerId,
    pub reviewer_b: ReviewerId,
    pub choice: Choice,
    /// Who decided.
    pub by: ReviewerId,
    pub when: String,
    #[serde(default)]
    pub note: String,
}

/// A second reviewer's verdict on a coding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Confirmed,
    Disputed,
}

/// A check of a coding by another reviewer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub verdict: Verdict,
    pub by: ReviewerId,
    pub when: String,
    #[serde(default)]
    pub note: String,
    /// A dispute the coding's author has dealt with.
    #[serde(default)]
    pub resolved: bool,
    /// How the author answered the dispute.
    #[serde(default)]
    pub reply: String,
}
