//! The project: everything a review holds — reviewers, categories,
//! attribute definitions, the codebook, documents and codings.
//!
//! `Project` is plain data with query helpers. It is changed only through
//! `edit::Command`, which bumps `revision` so views can cache derived data.

use super::codebook::Codebook;
use super::coding::Coding;
use super::document::Document;
use super::ids::{AttrId, CategoryId, CodeId, CodingId, DocId, MemoId, ReviewerId, SetId};
use super::index::CodingIndex;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};

/// The project file format this build writes.
/// Version 2 added consensus decisions, blind coding, checks and year ranges.
/// Version 6 added framework-matrix summaries and codes' origin.
pub const FORMAT_VERSION: u32 = 6;

/// A person who codes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reviewer {
    pub id: ReviewerId,
    pub name: String,
    pub initials: String,
}

/// A cross-cutting tag on a coding: Barrier, Facilitator, Need, Recommendation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub id: CategoryId,
    pub name: String,
    /// `#RRGGBB`.
    pub color: String,
    /// Keyboard letter that applies it while coding (e.g. 'B').
    #[serde(default)]
    pub key: Option<char>,
}

/// The kind of value an attribute holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AttrKind {
    Text,
    Number,
    Choice(Vec<String>),
}

/// A project-defined document attribute (Year, Study type, Group, ...).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttributeDef {
    pub id: AttrId,
    pub name: String,
    pub kind: AttrKind,
    /// Ranges that number values are grouped into in tables (e.g. years
    /// 1997–2004, 2005–2009); empty lists every value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bins: Vec<Bin>,
}

/// A closed range `[from, to]` of number values, shown as "from–to".
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    pub from: f64,
    pub to: f64,
}

impl Bin {
    /// Parses ranges as a reviewer types them — "1997-2004, 2005–2009;
    /// 2020" (hyphen or en dash; comma or semicolon between) — into bins;
    /// `None` if any part is not a number or a rising range.
    pub fn parse_list(text: &str) -> Option<Vec<Bin>> {
        let mut bins = Vec::new();
        for part in text
            .split([',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let part = part.replace('–', "-");
            let (a, b) = match part.split_once('-') {
                Some((a, b)) => (a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?),
                None => {
                    let v = part.trim().parse::<f64>().ok()?;
                    (v, v)
                }
            };
            if !a.is_finite() || !b.is_finite() || a > b {
                return None;
            }
            bins.push(Bin { from: a, to: b });
        }
        Some(bins)
    }

    pub fn contains(&self, v: f64) -> bool {
        self.from <= v && v <= self.to
    }

    /// "1997–2004" (whole numbers without decimals).
    pub fn label(&self) -> String {
        let f = |x: f64| {
            if x.fract() == 0.0 {
                format!("{x:.0}")
            } else {
                format!("{x}")
            }
        };
        if self.from == self.to {
            f(self.from)
        } else {
            format!("{}–{}", f(self.from), f(self.to))
        }
    }
}

/// How studies are cited in tables and reports (a project setting).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CitationStyle {
    /// Reference numbers: "(2,3,6)".
    #[default]
    Numeric,
    /// Short references: "(Jones 2020; Smith 2019)".
    AuthorYear,
}

impl CitationStyle {
    pub const ALL: [Self; 2] = [Self::Numeric, Self::AuthorYear];

    pub fn label(self) -> &'static str {
        match self {
            Self::Numeric => "Numbers (2,3,6)",
            Self::AuthorYear => "Author and year (Smith 2019; Jones 2020)",
        }
    }
}

/// A memo about the review as a whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Memo {
    pub id: MemoId,
    /// The project (the default) or a code.
    #[serde(default, skip_serializing_if = "is_project")]
    pub about: super::memos::About,
    pub title: String,
    /// Markdown.
    pub text: String,
    /// Who wrote it, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<ReviewerId>,
    /// When it was written (ISO 8601), if known.
    #[serde(default)]
    pub created: String,
    /// When it was last changed (ISO 8601), if ever.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub modified: String,
    /// Drafted by Thema (a chart cell's auto-fill) and not edited since.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

fn is_project(a: &super::memos::About) -> bool {
    *a == super::memos::About::Project
}

/// A named group of codes and documents. A member that no longer exists
/// (a deleted code) is simply no longer listed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodeSet {
    pub id: SetId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub codes: Vec<CodeId>,
    #[serde(default)]
    pub documents: Vec<DocId>,
}

/// A whole review project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub format_version: u32,
    pub name: String,
    pub reviewers: Vec<Reviewer>,
    pub categories: Vec<Category>,
    pub attributes: Vec<AttributeDef>,
    pub codebook: Codebook,
    /// Codes bound to the number keys 1–9, in order.
    #[serde(default)]
    pub pinned: Vec<CodeId>,
    pub documents: Vec<Document>,
    pub codings: Vec<Coding>,
    /// Log of decisions that resolved disagreements into Consensus codings.
    #[serde(default)]
    pub decisions: Vec<super::consensus::Decision>,
    /// Blind coding: each reviewer sees only their own codings.
    #[serde(default)]
    pub blind: bool,
    /// Memos about the review as a whole (a research plan, notes from a
    /// team meeting), in the order they were written.
    #[serde(default)]
    pub memos: Vec<Memo>,
    /// Named groups of codes and documents (MAXQDA's and NVivo's sets,
    /// ATLAS.ti's code groups).
    #[serde(default)]
    pub code_sets: Vec<CodeSet>,
    /// Quality appraisal of the studies (format 4 on).
    #[serde(default, skip_serializing_if = "super::appraisal::Appraisal::is_empty")]
    pub appraisal: super::appraisal::Appraisal,
    /// Review findings and their GRADE-CERQual / ConQual assessment
    /// (format 5 on).
    #[serde(default, skip_serializing_if = "super::findings::Findings::is_empty")]
    pub findings: super::findings::Findings,
    /// Who wrote each document and passage memo, and when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub memo_stamps: Vec<super::memos::Stamp>,
    /// How tables and reports cite studies.
    #[serde(default, skip_serializing_if = "is_numeric")]
    pub citation_style: CitationStyle,
    /// Bumped by every applied command; not saved.
    #[serde(skip)]
    pub revision: u64,
    /// What the last command did, so views can update incrementally.
    #[serde(skip)]
    pub last_change: ChangeHint,
    /// Dense positions of the codings for the tables (`model::index`).
    #[serde(skip)]
    pub index_cache: IndexCache,
}

fn is_numeric(s: &CitationStyle) -> bool {
    *s == CitationStyle::Numeric
}

/// A hint about the last applied command. Never part of equality.
#[derive(Clone, Copy, Debug, Default)]
pub struct ChangeHint {
    /// `Some(n)`: the last command only appended codings, from index `n` on.
    pub appended_codings_from: Option<usize>,
}

impl PartialEq for ChangeHint {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Default for Project {
    fn default() -> Self {
        Self::new("Untitled review")
    }
}

impl Project {
    /// An empty project with the default categories.
    pub fn new(name: &str) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            name: name.to_owned(),
            reviewers: Vec::new(),
            categories: default_categories(),
            attributes: Vec::new(),
            codebook: Codebook::default(),
            pinned: Vec::new(),
            documents: Vec::new(),
            codings: Vec::new(),
            decisions: Vec::new(),
            blind: false,
            memos: Vec::new(),
            code_sets: Vec::new(),
            appraisal: super::appraisal::Appraisal::default(),
            findings: super::findings::Findings::default(),
            citation_style: Default::default(),
            memo_stamps: Vec::new(),
            revision: 0,
            last_change: ChangeHint::default(),
            index_cache: Default::default(),
        }
    }

    pub fn document(&self, id: DocId) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    pub fn doc_index(&self, id: DocId) -> Option<usize> {
        self.documents.iter().position(|d| d.id == id)
    }

    pub fn coding(&self, id: CodingId) -> Option<&Coding> {
        self.codings.iter().find(|c| c.id == id)
    }

    /// The reviewer a person means by `word`: a name or initials (any
    /// case), an id, or "consensus".
    pub fn find_reviewer(&self, word: &str) -> Option<ReviewerId> {
        if word.eq_ignore_ascii_case("consensus") {
            return Some(ReviewerId::CONSENSUS);
        }
        self.reviewers
            .iter()
            .find(|r| {
                r.name.eq_ignore_ascii_case(word)
                    || r.initials.eq_ignore_ascii_case(word)
                    || r.id.to_string() == word
            })
            .map(|r| r.id)
    }

    /// A copy for a second reviewer: the same ids (so it merges back),
    /// blind coding on, and — unless `include_codings` — none of the
    /// codings or consensus decisions.
    pub fn copy_for_reviewer(&self, include_codings: bool) -> Project {
        let mut copy = self.clone();
        copy.blind = true;
        if !include_codings {
            copy.codings.clear();
            copy.decisions.clear();
        }
        copy
    }

    pub fn reviewer(&self, id: ReviewerId) -> Option<&Reviewer> {
        self.reviewers.iter().find(|r| r.id == id)
    }

    pub fn category(&self, id: CategoryId) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn category_by_name(&self, name: &str) -> Option<CategoryId> {
        self.categories
            .iter()
            .find(|c| {
                c.name.eq_ignore_ascii_case(name)
                    || c.key.is_some_and(|k| {
                        let mut one = name.chars();
                        one.next().is_some_and(|n| n.eq_ignore_ascii_case(&k))
                            && one.next().is_none()
                    })
            })
            .map(|c| c.id)
    }

    pub fn attribute_def(&self, id: AttrId) -> Option<&AttributeDef> {
        self.attributes.iter().find(|a| a.id == id)
    }

    pub fn attribute_by_name(&self, name: &str) -> Option<&AttributeDef> {
        self.attributes
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }

    /// Codings of one document.
    pub fn codings_of(&self, doc: DocId) -> impl Iterator<Item = &Coding> {
        self.codings.iter().filter(move |c| c.doc == doc)
    }

    /// Position of each document in the list, for sorting by document order.
    pub fn doc_positions(&self) -> std::collections::HashMap<DocId, usize> {
        self.documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id, i))
            .collect()
    }

    /// The project's name made safe as a file name ("review" if empty),
    /// for the names Thema suggests when saving and exporting.
    pub fn file_stem(&self) -> String {
        let clean: String = self
            .name
            .trim()
            .chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                    || c.is_control()
                {
                    '-'
                } else {
                    c
                }
            })
            .collect();
        let clean = clean.trim_matches(['.', ' ']).to_owned();
        if clean.is_empty() {
            "review".into()
        } else {
            clean
        }
    }

    /// The next free reference number: one more than the largest in use,
    /// or — when the largest is `u32::MAX` — the largest free number below
    /// it. Never wraps to 0 (see `next_references`).
    pub fn next_reference(&self) -> u32 {
        self.next_references(1).first().copied().unwrap_or(0)
    }

    /// `n` free reference numbers for new documents, in the order to give
    /// them: upwards from one more than the largest in use, with checked
    /// arithmetic; once `u32::MAX` is reached, the largest free numbers
    /// below the largest in use, downwards. 0 means "no reference" and is
    /// never given. Shorter than `n` only if every number is taken.
    pub fn next_references(&self, n: usize) -> Vec<u32> {
        let used: std::collections::HashSet<u32> =
            self.documents.iter().map(|d| d.reference).collect();
        let max = used.iter().copied().max().unwrap_or(0);
        let mut out = Vec::with_capacity(n);
        let mut up = max.checked_add(1);
        while out.len() < n {
            let Some(r) = up else { break };
            out.push(r);
            up = r.checked_add(1);
        }
        let mut down = max;
        while out.len() < n && down > 1 {
            down -= 1;
            if !used.contains(&down) {
                out.push(down);
            }
        }
        out
    }

    /// A sentence for reports when new documents can no longer be numbered
    /// upwards because the largest reference is `u32::MAX`; `None` otherwise.
    pub fn reference_note(&self) -> Option<String> {
        let max = self.documents.iter().map(|d| d.reference).max()?;
        (max == u32::MAX).then(|| {
            format!(
                "the largest reference number in use is {max}, the highest Thema can store, \
                 so new documents get the largest free numbers below it"
            )
        })
    }
}

/// Barrier, Facilitator, Need, Recommendation with their keys B/F/N/R.
pub fn default_categories() -> Vec<Category> {
    [
        ("Barrier", "#D1495B", 'B'),
        ("Facilitator", "#2E9E6A", 'F'),
        ("Need", "#E8A33D", 'N'),
        ("Recommendation", "#3C7DC4", 'R'),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (name, color, key))| Category {
        id: CategoryId::from_u128(0xCA7E_0000 + i as u128 + 1),
        name: name.to_owned(),
        color: color.to_owned(),
        key: Some(key),
    })
    .collect()
}

/// Where a project keeps its coding index between uses (never saved,
/// never part of equality; a copy of a project starts without one).
#[derive(Debug, Default)]
pub struct IndexCache(Mutex<Option<Arc<CodingIndex>>>);

impl Clone for IndexCache {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl PartialEq for IndexCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Project {
    /// The coding index for the project as it is now (built on first use
    /// after a change).
    pub fn coding_index(&self) -> Arc<CodingIndex> {
        let mut slot = self
            .index_cache
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(idx) = slot.as_ref()
            && idx.fits(self.revision, self.codings.len(), self.documents.len())
        {
            return Arc::clone(idx);
        }
        let categories: Vec<CategoryId> = self.categories.iter().map(|c| c.id).collect();
        let idx = Arc::new(CodingIndex::build(
            self.revision,
            &self.codebook,
            &self.documents,
            &categories,
            &self.codings,
        ));
        *slot = Some(Arc::clone(&idx));
        idx
    }
}

#[cfg(test)]
mod tests {
    use super::Bin;

    #[test]
    fn year_ranges_parse_as_reviewers_type_them() {
        let b = Bin::parse_list("1997-2004, 2005–2009; 2020").unwrap();
        assert_eq!(
            b.iter().map(Bin::label).collect::<Vec<_>>(),
            ["1997–2004", "2005–2009", "2020"]
        );
        assert!(Bin::parse_list("2009-2005").is_none());
        assert!(Bin::parse_list("soon").is_none());
        assert!(Bin::parse_list("NaN-2000").is_none());
        assert_eq!(Bin::parse_list("").unwrap(), vec![]);
    }
}
