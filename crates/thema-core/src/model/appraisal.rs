//! Quality appraisal of the included studies: checklists as data, each
//! reviewer's answers per study and item (never changed by consensus), and
//! the logged decisions that make the consensus appraisal.

use super::ids::{DocId, ReviewerId};
use serde::{Deserialize, Serialize};

/// One possible answer of a checklist ("Yes", printed "Y").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerOption {
    /// Stable key stored with answers ("yes", "cant_tell").
    pub key: String,
    pub label: String,
    /// Printed in the studies × items grid ("Y", "?", "N", "NA").
    pub symbol: String,
    /// Left out of weighted kappa and of totals.
    #[serde(default)]
    pub not_applicable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// Stable key ("1", "S1", "1.3").
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub help: String,
    /// A screening question (CASP 1–2, MMAT S1–S2).
    #[serde(default)]
    pub screening: bool,
    /// The study category the item belongs to (MMAT), empty for all.
    #[serde(default)]
    pub group: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    /// Stable key ("casp-qualitative").
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub source: String,
    /// The answers have an order, best first (weighted kappa uses it).
    #[serde(default)]
    pub ordered: bool,
    pub answers: Vec<AnswerOption>,
    pub items: Vec<ChecklistItem>,
}

impl Checklist {
    /// "CASP qualitative 2018": the name and the version, if any.
    pub fn title(&self) -> String {
        format!("{} {}", self.name.trim(), self.version.trim())
            .trim()
            .to_owned()
    }

    pub fn answer(&self, key: &str) -> Option<&AnswerOption> {
        self.answers.iter().find(|a| a.key == key)
    }

    pub fn item(&self, id: &str) -> Option<&ChecklistItem> {
        self.items.iter().find(|i| i.id == id)
    }

    /// An answer given by its key, label or symbol, case-insensitively
    /// ("Y", "yes", "Can't tell"): how a CSV names it.
    pub fn answer_named(&self, name: &str) -> Option<&AnswerOption> {
        let n = name.trim().to_lowercase();
        self.answers.iter().find(|a| {
            a.key.to_lowercase() == n || a.label.to_lowercase() == n || a.symbol.to_lowercase() == n
        })
    }
}

/// One reviewer's answer to one item for one study.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub doc: DocId,
    pub reviewer: ReviewerId,
    pub checklist: String,
    pub item: String,
    /// The answer option's key.
    pub answer: String,
    #[serde(default)]
    pub note: String,
    /// The passage that supports the answer, [start, end) in characters.
    #[serde(default)]
    pub support: Option<(usize, usize)>,
}

impl Answer {
    /// What identifies the answer: study, reviewer, checklist, item.
    pub fn key(&self) -> AnswerKey {
        AnswerKey {
            doc: self.doc,
            reviewer: self.reviewer,
            checklist: self.checklist.clone(),
            item: self.item.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AnswerKey {
    pub doc: DocId,
    pub reviewer: ReviewerId,
    pub checklist: String,
    pub item: String,
}

/// A logged decision on an item two reviewers answered differently; the
/// consensus answer. The reviewers' own answers are never changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppraisalDecision {
    pub doc: DocId,
    pub checklist: String,
    pub item: String,
    pub answer: String,
    pub by: ReviewerId,
    /// RFC 3339 time of the decision.
    pub at: String,
    #[serde(default)]
    pub note: String,
}

/// The reviewers' overall judgement of a study ("High", "Exclude"), with
/// its reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgement {
    pub doc: DocId,
    pub level: String,
    #[serde(default)]
    pub reason: String,
    pub by: ReviewerId,
    /// RFC 3339 time.
    pub at: String,
}

/// A rule deriving a study's judgement from the number of items answered
/// with the checklist's best answer: the first step whose minimum the
/// count reaches ("≥ 8 Yes → High"). Stated in every report that uses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JudgementStep {
    pub at_least: u32,
    pub level: String,
}

/// The judgement levels offered when a project names none.
pub const DEFAULT_LEVELS: [&str; 4] = ["High", "Moderate", "Low", "Exclude"];

/// "Report → AACODS": documents whose attribute has this value get the
/// checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistRule {
    pub attr: super::ids::AttrId,
    pub value: String,
    pub checklist: String,
}

/// Everything appraisal in a project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appraisal {
    #[serde(default)]
    pub checklists: Vec<Checklist>,
    #[serde(default)]
    pub rules: Vec<ChecklistRule>,
    /// Checklists set per document, over the rules.
    #[serde(default)]
    pub assigned: Vec<(DocId, String)>,
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// (study, reviewer) pairs marked finished: in blind mode a study's
    /// answers are shown to others once both reviewers have finished it.
    #[serde(default)]
    pub finished: Vec<(DocId, ReviewerId)>,
    #[serde(default)]
    pub decisions: Vec<AppraisalDecision>,
    /// Judgement levels, best first (empty: [`DEFAULT_LEVELS`]).
    #[serde(default)]
    pub levels: Vec<String>,
    /// At most one per study (the reviewers' agreed judgement).
    #[serde(default)]
    pub judgements: Vec<Judgement>,
    /// Derives a judgement for studies without one (empty: no rule).
    #[serde(default)]
    pub rule: Vec<JudgementStep>,
}

impl Appraisal {
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    pub fn checklist(&self, id: &str) -> Option<&Checklist> {
        self.checklists.iter().find(|c| c.id == id)
    }

    pub fn answer(&self, key: &AnswerKey) -> Option<&Answer> {
        self.answers.iter().find(|a| {
            a.doc == key.doc
                && a.reviewer == key.reviewer
                && a.checklist == key.checklist
                && a.item == key.item
        })
    }

    /// The consensus answer of an item: the last decision on it.
    pub fn decision(&self, doc: DocId, checklist: &str, item: &str) -> Option<&AppraisalDecision> {
        self.decisions
            .iter()
            .rev()
            .find(|d| d.doc == doc && d.checklist == checklist && d.item == item)
    }

    pub fn is_finished(&self, doc: DocId, reviewer: ReviewerId) -> bool {
        self.finished.contains(&(doc, reviewer))
    }

    pub fn levels(&self) -> Vec<String> {
        if self.levels.is_empty() {
            DEFAULT_LEVELS.iter().map(|l| (*l).to_owned()).collect()
        } else {
            self.levels.clone()
        }
    }

    pub fn judgement(&self, doc: DocId) -> Option<&Judgement> {
        self.judgements.iter().find(|j| j.doc == doc)
    }

    /// The level the rule gives a study with `best` items answered with the
    /// best answer (`None` without a rule or below every step).
    pub fn by_rule(&self, best: u32) -> Option<&str> {
        self.rule
            .iter()
            .find(|s| best >= s.at_least)
            .map(|s| s.level.as_str())
    }

    /// The rule in words: "≥ 8 Yes: High; ≥ 5 Yes: Moderate".
    pub fn rule_text(&self, best_label: &str) -> Option<String> {
        (!self.rule.is_empty()).then(|| {
            self.rule
                .iter()
                .map(|s| format!("\u{2265} {} {best_label}: {}", s.at_least, s.level))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }
}

/// The checklists bundled with Thema (`assets/appraisal/`).
pub fn bundled() -> Vec<Checklist> {
    [
        include_str!("../../../../assets/appraisal/casp_qualitative.ron"),
        include_str!("../../../../assets/appraisal/jbi_qualitative.ron"),
        include_str!("../../../../assets/appraisal/mmat_2018.ron"),
        include_str!("../../../../assets/appraisal/aacods.ron"),
    ]
    .iter()
    .filter_map(|s| ron::from_str(s).ok())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_checklists_load_with_their_items() {
        let all = bundled();
        let count = |id: &str| all.iter().find(|c| c.id == id).map(|c| c.items.len());
        assert_eq!(count("casp-qualitative"), Some(10));
        assert_eq!(count("jbi-qualitative"), Some(10));
        assert_eq!(count("mmat-2018"), Some(2 + 25));
        assert_eq!(count("aacods"), Some(6));
        let casp = &all[0];
        assert_eq!(
            casp.items.iter().filter(|i| i.screening).count(),
            2,
            "CASP 1–2 screen"
        );
        assert_eq!(
            casp.answer_named("Can't tell").map(|a| a.symbol.as_str()),
            Some("?")
        );
        assert_eq!(casp.answer_named("y").map(|a| a.key.as_str()), Some("yes"));
        let jbi = &all[1];
        assert!(jbi.answer("na").is_some_and(|a| a.not_applicable));
        for c in &all {
            assert!(c.items.iter().all(|i| !i.help.is_empty()), "{} help", c.id);
            let mut ids: Vec<&str> = c.items.iter().map(|i| i.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), c.items.len(), "{}: item ids unique", c.id);
        }
    }
}
