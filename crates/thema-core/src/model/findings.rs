//! Review findings and the confidence they deserve.
//!
//! A finding is a statement attached to codes; which studies and passages
//! support it is never stored — it is derived from the codings of those
//! codes (`analysis::findings`). Stored are the reviewers' judgements:
//! GRADE-CERQual assessments (per reviewer, and the agreed one under
//! `ReviewerId::CONSENSUS`), JBI credibility ratings of the passages that
//! illustrate a finding, the JBI categories and synthesised findings, and
//! the review question's context for judging relevance.

use super::ids::{AttrId, CodeId, CodingId, FindingId, GroupId, ReviewerId};
use serde::{Deserialize, Serialize};

/// A GRADE-CERQual level of concern about one component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Concern {
    NoOrVeryMinor,
    Minor,
    Moderate,
    Serious,
}

impl Concern {
    pub const ALL: [Concern; 4] = [
        Concern::NoOrVeryMinor,
        Concern::Minor,
        Concern::Moderate,
        Concern::Serious,
    ];

    /// "Minor concerns", as the Evidence Profile prints it.
    pub fn label(self) -> &'static str {
        match self {
            Concern::NoOrVeryMinor => "No or very minor concerns",
            Concern::Minor => "Minor concerns",
            Concern::Moderate => "Moderate concerns",
            Concern::Serious => "Serious concerns",
        }
    }

    /// Reads "minor", "Minor concerns", "no or very minor", "serious".
    pub fn parse(s: &str) -> Option<Self> {
        let t = s.trim().to_lowercase();
        let t = t.trim_end_matches(" concerns").trim_end_matches(" concern");
        Some(match t {
            "no or very minor" | "no" | "none" | "very minor" | "no or very minor concerns" => {
                Concern::NoOrVeryMinor
            }
            "minor" => Concern::Minor,
            "moderate" => Concern::Moderate,
            "serious" => Concern::Serious,
            _ => return None,
        })
    }
}

/// GRADE-CERQual's overall confidence, and JBI ConQual's score levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Confidence {
    High,
    Moderate,
    Low,
    VeryLow,
}

impl Confidence {
    pub const ALL: [Confidence; 4] = [
        Confidence::High,
        Confidence::Moderate,
        Confidence::Low,
        Confidence::VeryLow,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Confidence::High => "High",
            Confidence::Moderate => "Moderate",
            Confidence::Low => "Low",
            Confidence::VeryLow => "Very low",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let t = s.trim().to_lowercase();
        let t = t.trim_end_matches(" confidence");
        Some(match t {
            "high" => Confidence::High,
            "moderate" => Confidence::Moderate,
            "low" => Confidence::Low,
            "very low" | "very-low" | "verylow" => Confidence::VeryLow,
            _ => return None,
        })
    }

    /// `steps` levels lower, never below Very low.
    #[must_use]
    pub fn down(self, steps: usize) -> Self {
        let i = Self::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Self::ALL[(i + steps).min(Self::ALL.len() - 1)]
    }
}

/// The four GRADE-CERQual components, in the Evidence Profile's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Component {
    MethodologicalLimitations,
    Coherence,
    Adequacy,
    Relevance,
}

impl Component {
    pub const ALL: [Component; 4] = [
        Component::MethodologicalLimitations,
        Component::Coherence,
        Component::Adequacy,
        Component::Relevance,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Component::MethodologicalLimitations => "Methodological limitations",
            Component::Coherence => "Coherence",
            Component::Adequacy => "Adequacy",
            Component::Relevance => "Relevance",
        }
    }

    /// Machine name (CSV columns): "methodological_limitations".
    pub fn key(self) -> &'static str {
        match self {
            Component::MethodologicalLimitations => "methodological_limitations",
            Component::Coherence => "coherence",
            Component::Adequacy => "adequacy",
            Component::Relevance => "relevance",
        }
    }

    pub fn index(self) -> usize {
        match self {
            Component::MethodologicalLimitations => 0,
            Component::Coherence => 1,
            Component::Adequacy => 2,
            Component::Relevance => 3,
        }
    }
}

/// One component's judgement: the level of concern and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComponentJudgement {
    #[serde(default)]
    pub concern: Option<Concern>,
    #[serde(default)]
    pub explanation: String,
}

/// One reviewer's GRADE-CERQual assessment of a finding (the agreed one
/// is the Consensus reviewer's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub finding: FindingId,
    pub reviewer: ReviewerId,
    /// In [`Component::ALL`]'s order.
    pub components: [ComponentJudgement; 4],
    #[serde(default)]
    pub confidence: Option<Confidence>,
    #[serde(default)]
    pub explanation: String,
}

impl Assessment {
    pub fn new(finding: FindingId, reviewer: ReviewerId) -> Self {
        Self {
            finding,
            reviewer,
            components: Default::default(),
            confidence: None,
            explanation: String::new(),
        }
    }

    pub fn component(&self, c: Component) -> &ComponentJudgement {
        &self.components[c.index()]
    }

    /// Nothing judged or written yet.
    pub fn is_blank(&self) -> bool {
        self.confidence.is_none()
            && self.explanation.trim().is_empty()
            && self
                .components
                .iter()
                .all(|c| c.concern.is_none() && c.explanation.trim().is_empty())
    }
}

/// JBI's rating of a passage that illustrates a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Credibility {
    Unequivocal,
    Credible,
    Unsupported,
}

impl Credibility {
    pub const ALL: [Credibility; 3] = [
        Credibility::Unequivocal,
        Credibility::Credible,
        Credibility::Unsupported,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Credibility::Unequivocal => "Unequivocal",
            Credibility::Credible => "Credible",
            Credibility::Unsupported => "Unsupported",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.trim().to_lowercase().as_str() {
            "unequivocal" | "u" => Credibility::Unequivocal,
            "credible" | "c" => Credibility::Credible,
            "unsupported" | "n" | "not supported" => Credibility::Unsupported,
            _ => return None,
        })
    }
}

/// A review finding: a statement supported by the codings of its codes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub id: FindingId,
    /// A short number the review uses ("F1"), unique in the project.
    pub label: String,
    /// The summary of the review finding.
    pub statement: String,
    /// The codes whose codings (with their sub-codes') support it.
    pub codes: Vec<CodeId>,
    /// Supporting passages a reviewer marked as contradicting the finding
    /// (coherence).
    #[serde(default)]
    pub contradicting: Vec<CodingId>,
    /// JBI credibility of the passages that illustrate it.
    #[serde(default)]
    pub ratings: Vec<(CodingId, Credibility)>,
}

impl Finding {
    pub fn rating(&self, coding: CodingId) -> Option<Credibility> {
        self.ratings
            .iter()
            .find(|(c, _)| *c == coding)
            .map(|(_, r)| *r)
    }
}

/// What JBI calls the type of research behind a synthesised finding: its
/// ConQual score starts High for qualitative research, Low for text and
/// opinion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResearchType {
    #[default]
    Qualitative,
    TextAndOpinion,
}

impl ResearchType {
    pub fn label(self) -> &'static str {
        match self {
            ResearchType::Qualitative => "Qualitative",
            ResearchType::TextAndOpinion => "Text and opinion",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let t = s.trim().to_lowercase();
        if t.is_empty() || t.starts_with("qual") {
            Some(ResearchType::Qualitative)
        } else if t.starts_with("text") || t.contains("opinion") {
            Some(ResearchType::TextAndOpinion)
        } else {
            None
        }
    }

    pub fn start(self) -> Confidence {
        match self {
            ResearchType::Qualitative => Confidence::High,
            ResearchType::TextAndOpinion => Confidence::Low,
        }
    }
}

/// A JBI category: findings grouped for their similar meaning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JbiCategory {
    pub id: GroupId,
    pub name: String,
    pub findings: Vec<FindingId>,
}

/// A JBI synthesised finding: categories aggregated into one statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synthesised {
    pub id: GroupId,
    pub statement: String,
    pub categories: Vec<GroupId>,
    #[serde(default)]
    pub research: ResearchType,
}

/// The review question's context, set once: relevance compares each
/// contributing study's attributes with these values; the ConQual table's
/// header names the population, phenomenon of interest and context.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewContext {
    /// Attribute values the review question is about ("Country" → UK).
    #[serde(default)]
    pub values: Vec<(AttrId, Vec<String>)>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub population: String,
    #[serde(default)]
    pub phenomenon: String,
    #[serde(default)]
    pub context: String,
}

/// A logged reconciliation: whose assessment became the agreed one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentDecision {
    pub finding: FindingId,
    /// The reviewer whose assessment was taken (`CONSENSUS`: written
    /// together).
    pub from: ReviewerId,
    pub by: ReviewerId,
    /// RFC 3339 time.
    pub at: String,
    #[serde(default)]
    pub note: String,
}

/// Everything about review findings in a project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Findings {
    #[serde(default)]
    pub findings: Vec<Finding>,
    #[serde(default)]
    pub assessments: Vec<Assessment>,
    #[serde(default)]
    pub categories: Vec<JbiCategory>,
    #[serde(default)]
    pub synthesised: Vec<Synthesised>,
    #[serde(default)]
    pub context: ReviewContext,
    #[serde(default)]
    pub decisions: Vec<AssessmentDecision>,
}

impl Findings {
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    pub fn finding(&self, id: FindingId) -> Option<&Finding> {
        self.findings.iter().find(|f| f.id == id)
    }

    pub fn by_label(&self, label: &str) -> Option<&Finding> {
        let l = label.trim();
        self.findings
            .iter()
            .find(|f| f.label.eq_ignore_ascii_case(l))
    }

    pub fn assessment(&self, finding: FindingId, reviewer: ReviewerId) -> Option<&Assessment> {
        self.assessments
            .iter()
            .find(|a| a.finding == finding && a.reviewer == reviewer)
    }

    pub fn category(&self, id: GroupId) -> Option<&JbiCategory> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The next free label "F<n>".
    pub fn next_label(&self) -> String {
        let n = self
            .findings
            .iter()
            .filter_map(|f| f.label.strip_prefix('F')?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        format!("F{}", n + 1)
    }
}
