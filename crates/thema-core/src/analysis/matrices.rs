//! Studies × codes matrices: the framework matrix of framework synthesis
//! (studies × themes, each cell the passages of that study on that theme
//! and the reviewer's written summary of them) and the presence matrix
//! (studies × codes, 1/0 or passage counts, for Excel, R or Python).
//!
//! A column counts the passages of its code and of every code below it
//! (rolled up, as prevalence does). The options that shape these and the
//! co-occurrence matrix are kept together in [`MatrixOptions`], shared by
//! the window, the reports and the command line.

use super::cooccurrence::{Measure, Proximity};
use super::prepare::Prepared;
use crate::model::index::NONE;
use crate::model::memos::About;
use crate::model::{AttrId, CodeId, DocId, Project};

/// How study rows are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum StudyOrder {
    /// By reference number (then title).
    #[default]
    Reference,
    /// By an attribute's value, then reference number.
    Attribute(AttrId),
}

/// Everything that shapes the three matrices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MatrixOptions {
    /// Co-occurrence and presence: codes of this level, deeper ones rolled
    /// up into them; `None`: every code.
    pub level: Option<usize>,
    /// Framework matrix columns: codes of this level (1 = themes).
    pub framework_level: usize,
    pub measure: Measure,
    pub proximity: Proximity,
    /// Co-occurrence among passages of this category only.
    pub category: Option<crate::model::CategoryId>,
    /// Presence: passage counts instead of 1/0.
    pub counts: bool,
    pub order: StudyOrder,
}

impl Default for MatrixOptions {
    fn default() -> Self {
        Self {
            level: None,
            framework_level: 1,
            measure: Measure::default(),
            proximity: Proximity::default(),
            category: None,
            counts: false,
            order: StudyOrder::default(),
        }
    }
}

impl MatrixOptions {
    pub fn cooccurrence(&self) -> super::cooccurrence::Options {
        super::cooccurrence::Options {
            level: self.level,
            proximity: self.proximity,
            category: self.category,
        }
    }
}

/// Study rows × code columns with the passages of each cell.
#[derive(Clone, Debug, PartialEq)]
pub struct StudyMatrix {
    /// Row order: indices into `project.documents`.
    pub studies: Vec<usize>,
    /// Column order: dense code indices (`Prepared::codes`).
    pub codes: Vec<usize>,
    pub code_ids: Vec<CodeId>,
    /// Passages per cell, `studies × codes`, row by row.
    pub passages: Vec<u32>,
}

impl StudyMatrix {
    pub fn passages(&self, row: usize, col: usize) -> u32 {
        self.passages[row * self.codes.len() + col]
    }
}

/// The columns of `level` (`None`: every code) and, for each code, the
/// columns its passages count in: itself and its ancestors at `level`.
fn columns(prep: &Prepared<'_>, level: Option<usize>) -> Vec<usize> {
    (0..prep.codes.len())
        .filter(|&i| level.is_none_or(|l| prep.codes[i].1 == l))
        .collect()
}

/// Documents in scope in the chosen order.
pub fn ordered_studies(prep: &Prepared<'_>, order: StudyOrder) -> Vec<usize> {
    let p = prep.project;
    let mut rows = prep.docs.clone();
    let key = |i: &usize| {
        let d = &p.documents[*i];
        let value = match order {
            StudyOrder::Reference => String::new(),
            StudyOrder::Attribute(a) => d.attribute(a).to_lowercase(),
        };
        // Studies without a value come last.
        (
            value.is_empty() && order != StudyOrder::Reference,
            value,
            d.reference,
            d.title.clone(),
        )
    };
    rows.sort_by_cached_key(key);
    rows
}

/// Passages of each study × code column (rolled up).
pub fn study_matrix(prep: &Prepared<'_>, level: Option<usize>, order: StudyOrder) -> StudyMatrix {
    let codes = columns(prep, level);
    let studies = ordered_studies(prep, order);
    let mut col_of = vec![NONE; prep.codes.len()];
    for (c, &i) in codes.iter().enumerate() {
        col_of[i] = c as u32;
    }
    let mut row_of_slot = vec![NONE; prep.docs.len()];
    let mut slot_of_doc = std::collections::HashMap::new();
    for (slot, &d) in prep.docs.iter().enumerate() {
        slot_of_doc.insert(d, slot);
    }
    for (r, d) in studies.iter().enumerate() {
        if let Some(&slot) = slot_of_doc.get(d) {
            row_of_slot[slot] = r as u32;
        }
    }
    let width = codes.len();
    let mut passages = vec![0; studies.len() * width];
    for sc in &prep.codings {
        let row = row_of_slot[sc.doc as usize] as usize;
        for a in prep.chain(sc.code) {
            let col = col_of[a as usize];
            if col != NONE {
                passages[row * width + col as usize] += 1;
            }
        }
    }
    StudyMatrix {
        studies,
        code_ids: codes.iter().map(|&i| prep.codes[i].0).collect(),
        codes,
        passages,
    }
}

/// The passages of study `doc` under `code` (itself and every code below
/// it) in scope, as indices into `project.codings`, in text order. As in
/// the factor summaries, a passage several reviewers (or codes of the
/// cell) coded alike is listed once.
pub fn cell_codings(prep: &Prepared<'_>, doc: DocId, code: CodeId) -> Vec<usize> {
    let Some(col) = prep.codes.iter().position(|(id, _)| *id == code) else {
        return Vec::new();
    };
    let mut out: Vec<usize> = prep
        .codings
        .iter()
        .filter(|sc| prep.doc(sc.doc).id == doc)
        .filter(|sc| prep.chain(sc.code).any(|a| a as usize == col))
        .map(|sc| sc.index as usize)
        .collect();
    let c = &prep.project.codings;
    out.sort_by_key(|&i| (c[i].start, c[i].end));
    out.dedup_by_key(|&mut i| (c[i].start, c[i].end));
    out
}

/// A framework-matrix cell's written summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellSummary {
    pub text: String,
    /// Drafted by auto-fill and not edited since.
    pub draft: bool,
}

/// The framework matrix: studies × themes with passage counts and the
/// reviewers' summaries.
#[derive(Clone, Debug, PartialEq)]
pub struct Framework {
    pub matrix: StudyMatrix,
    /// Per cell (row by row), its summary if one is written.
    pub summaries: Vec<Option<CellSummary>>,
}

impl Framework {
    pub fn summary(&self, row: usize, col: usize) -> Option<&CellSummary> {
        self.summaries[row * self.matrix.codes.len() + col].as_ref()
    }

    /// Cells with a summary, and how many of them are drafts.
    pub fn summarised(&self) -> (usize, usize) {
        let written = self.summaries.iter().flatten();
        let drafts = written.clone().filter(|s| s.draft).count();
        (written.count(), drafts)
    }
}

/// The framework matrix of `prep`'s scope at `level`.
pub fn framework(prep: &Prepared<'_>, level: usize, order: StudyOrder) -> Framework {
    let matrix = study_matrix(prep, Some(level), order);
    let p = prep.project;
    let mut memo_of = std::collections::HashMap::new();
    for m in &p.memos {
        if let About::Chart { doc, code } = m.about {
            memo_of.insert((doc, code), m);
        }
    }
    let mut summaries = Vec::with_capacity(matrix.passages.len());
    for &d in &matrix.studies {
        let doc = p.documents[d].id;
        for &code in &matrix.code_ids {
            summaries.push(memo_of.get(&(doc, code)).map(|m| CellSummary {
                text: m.text.clone(),
                draft: m.draft,
            }));
        }
    }
    Framework { matrix, summaries }
}

/// Longest first sentence a draft quotes, in chars.
const DRAFT_SENTENCE: usize = 240;
/// Passages a draft quotes at most.
const DRAFT_PASSAGES: usize = 8;

/// A draft summary of a cell from its passages (`codings`, indices into
/// `project.codings`): the first sentence of each, quoted with its page,
/// one a line; "" when there are none.
pub fn draft(p: &Project, codings: &[usize]) -> String {
    let mut lines = Vec::new();
    for &i in codings.iter().take(DRAFT_PASSAGES) {
        let c = &p.codings[i];
        let Some(d) = p.document(c.doc) else {
            continue;
        };
        let chars: Vec<char> = d
            .text
            .chars()
            .skip(c.start)
            .take(c.end.saturating_sub(c.start))
            .collect();
        let first = crate::model::units::sentences(&chars)
            .first()
            .map_or((0, chars.len()), |s| *s);
        let mut sentence: String = chars[first.0..first.1]
            .iter()
            .map(|&ch| if ch == '\n' { ' ' } else { ch })
            .collect();
        if sentence.chars().count() > DRAFT_SENTENCE {
            sentence = sentence.chars().take(DRAFT_SENTENCE).collect::<String>() + "…";
        } else if first.1 < chars.len() {
            sentence.push_str(" …");
        }
        let page = d
            .page_label(c.start, c.end)
            .map(|l| format!(" ({l})"))
            .unwrap_or_default();
        lines.push(format!("\u{201c}{}\u{201d}{page}", sentence.trim()));
    }
    let more = codings.len().saturating_sub(DRAFT_PASSAGES);
    if more > 0 {
        lines.push(format!(
            "… and {}",
            crate::words::count(more, "more passage", "more passages")
        ));
    }
    lines.join("\n")
}

/// The presence matrix: studies × codes (at `level`, rolled up).
pub fn presence(prep: &Prepared<'_>, level: Option<usize>, order: StudyOrder) -> StudyMatrix {
    study_matrix(prep, level, order)
}

/// The three matrices of a scope, owned (for the window's cache and its
/// worker), with what is needed to add codings to them in place.
#[derive(Clone, Debug, PartialEq)]
pub struct Computed {
    live: super::cooccurrence::Live,
    /// The co-occurrence rows' codes.
    pub cooccurrence_codes: Vec<CodeId>,
    pub framework: Framework,
    pub presence: StudyMatrix,
    /// N: studies in scope.
    pub n_docs: usize,
    scope: super::Scope,
    /// Slot in scope of each document, dense index of each code, index of
    /// each category.
    doc_slot: crate::model::IdMap<DocId, usize>,
    code_index: crate::model::IdMap<CodeId, usize>,
    cat_index: crate::model::IdMap<crate::model::CategoryId, u16>,
    parents: Vec<u32>,
    /// Row of each slot in the framework and presence matrices (the same
    /// study order), and column of each dense code in each.
    row_of_slot: Vec<usize>,
    framework_col: Vec<u32>,
    presence_col: Vec<u32>,
}

fn cols_of(prep: &Prepared<'_>, m: &StudyMatrix) -> Vec<u32> {
    let mut col = vec![NONE; prep.codes.len()];
    for (c, &i) in m.codes.iter().enumerate() {
        col[i] = c as u32;
    }
    col
}

impl Computed {
    pub fn cooccurrence(&self) -> &super::cooccurrence::Matrix {
        &self.live.matrix
    }

    /// Adds codings to every matrix in place. False (nothing useful
    /// changed) when a coding is outside what these matrices know or a
    /// Consensus view could change by it: the caller then recomputes.
    pub fn add(&mut self, p: &Project, codings: &[crate::model::Coding]) -> bool {
        if codings
            .iter()
            .any(|c| self.scope.includes_coding(c).is_none())
        {
            return false;
        }
        let counted: Vec<&crate::model::Coding> = codings
            .iter()
            .filter(|c| self.scope.includes_coding(c) == Some(true))
            .filter(|c| self.doc_slot.contains_key(&c.doc))
            .collect();
        if counted
            .iter()
            .any(|c| !self.code_index.contains_key(&c.code))
        {
            return false;
        }
        for c in counted {
            let Some(doc) = p.document(c.doc) else {
                return false;
            };
            let slot = self.doc_slot[&c.doc];
            let code = self.code_index[&c.code];
            let cat = c
                .category
                .and_then(|k| self.cat_index.get(&k).copied())
                .unwrap_or(super::prepare::NO_CATEGORY);
            let index = p.codings.iter().rposition(|x| x.id == c.id).unwrap_or(0) as u32;
            self.live.add(doc, slot, code, cat, (c.start, c.end), index);
            let row = self.row_of_slot[slot];
            let (fw, pr) = (self.framework.matrix.codes.len(), self.presence.codes.len());
            for a in super::prepare::chain(&self.parents, code as u32) {
                let a = a as usize;
                if self.framework_col[a] != NONE {
                    self.framework.matrix.passages[row * fw + self.framework_col[a] as usize] += 1;
                }
                if self.presence_col[a] != NONE {
                    self.presence.passages[row * pr + self.presence_col[a] as usize] += 1;
                }
            }
        }
        true
    }
}

/// Computes every matrix of `scope` with options `o`.
pub fn compute_all(p: &Project, scope: &super::Scope, o: &MatrixOptions) -> Computed {
    let prep = Prepared::new(p, scope);
    let live = super::cooccurrence::Live::build(&prep, o.cooccurrence());
    let framework = framework(&prep, o.framework_level, o.order);
    let presence = presence(&prep, o.level, o.order);
    let mut row_of_slot = vec![0; prep.docs.len()];
    let slot_of: std::collections::HashMap<usize, usize> =
        prep.docs.iter().enumerate().map(|(s, &d)| (d, s)).collect();
    for (r, d) in presence.studies.iter().enumerate() {
        if let Some(&s) = slot_of.get(d) {
            row_of_slot[s] = r;
        }
    }
    Computed {
        cooccurrence_codes: live.matrix.codes.iter().map(|&i| prep.codes[i].0).collect(),
        live,
        framework_col: cols_of(&prep, &framework.matrix),
        presence_col: cols_of(&prep, &presence),
        framework,
        presence,
        n_docs: prep.n_docs(),
        scope: scope.clone(),
        doc_slot: prep
            .docs
            .iter()
            .enumerate()
            .map(|(s, &d)| (p.documents[d].id, s))
            .collect(),
        code_index: prep
            .codes
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect(),
        cat_index: p
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i as u16))
            .collect(),
        parents: prep.parents.clone(),
        row_of_slot,
    }
}
