//! Code co-occurrence: for each pair of codes (at a chosen level of the
//! tree, sub-codes rolled up into it), how many coded passages of the one
//! overlap a passage of the other — or lie in the same sentence or
//! paragraph — and how many documents hold both.
//!
//! The c-coefficient is `n12 / (n1 + n2 − n12)` with `n1`, `n2` the codes'
//! passage counts and `n12` the co-occurring pairs; it is unreliable when
//! one code is used more than five times as often as the other, which
//! `flagged` says. Jaccard on documents is `d12 / (d1 + d2 − d12)`.

use super::prepare::{BitSet, Prepared};
use crate::model::index::NONE;
use crate::model::units;

/// When two passages count as occurring together.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Proximity {
    /// They share at least one character.
    #[default]
    Overlap,
    /// They touch the same sentence.
    Sentence,
    /// They touch the same paragraph.
    Paragraph,
}

impl Proximity {
    pub const ALL: [Self; 3] = [Self::Overlap, Self::Sentence, Self::Paragraph];

    pub fn label(self) -> &'static str {
        match self {
            Self::Overlap => "overlapping",
            Self::Sentence => "in the same sentence",
            Self::Paragraph => "in the same paragraph",
        }
    }

    /// The `--distance` name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Overlap => "overlap",
            Self::Sentence => "sentence",
            Self::Paragraph => "paragraph",
        }
    }
}

/// What the matrix is computed over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Options {
    /// Codes of this level (1 = themes), deeper codes rolled up into them;
    /// `None`: every code as itself, nothing rolled up.
    pub level: Option<usize>,
    pub proximity: Proximity,
    /// Only passages of this category count (barriers with barriers…);
    /// `None`: every passage.
    pub category: Option<crate::model::CategoryId>,
}

/// What a cell shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Measure {
    /// Co-occurring passage pairs (n12).
    #[default]
    Passages,
    /// Documents holding both codes.
    Documents,
    /// n12 / (n1 + n2 − n12) on passages.
    CCoefficient,
    /// d12 / (d1 + d2 − d12) on documents.
    Jaccard,
}

impl Measure {
    pub const ALL: [Self; 4] = [
        Self::Passages,
        Self::Documents,
        Self::CCoefficient,
        Self::Jaccard,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Passages => "passages",
            Self::Documents => "documents",
            Self::CCoefficient => "c-coefficient",
            Self::Jaccard => "Jaccard (documents)",
        }
    }

    /// The `--measure` name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Passages => "passages",
            Self::Documents => "documents",
            Self::CCoefficient => "c",
            Self::Jaccard => "jaccard",
        }
    }

    pub fn is_ratio(self) -> bool {
        matches!(self, Self::CCoefficient | Self::Jaccard)
    }
}

/// The tooltip of a flagged c-coefficient.
pub const FLAG_WHY: &str = "One of the two codes is used more than five times as often as the other: the c-coefficient is then unreliable (it stays small however often they co-occur).";

/// Codes × codes counts; `i`, `j` index `codes`.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    /// The rows (and columns): indices into `Prepared::codes`.
    pub codes: Vec<usize>,
    /// Passages of each code.
    pub passages: Vec<u32>,
    /// Documents holding each code.
    pub documents: Vec<u32>,
    /// Co-occurring passage pairs, `n × n`, symmetric, 0 on the diagonal.
    pairs: Vec<u32>,
    /// Documents holding both, `n × n`, symmetric.
    both_docs: Vec<u32>,
}

/// The more-than-five-times rule for an unreliable c-coefficient.
const IMBALANCE: u32 = 5;

impl Matrix {
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Co-occurring passage pairs of codes `i` and `j`.
    pub fn pairs(&self, i: usize, j: usize) -> u32 {
        self.pairs[i * self.len() + j]
    }

    /// Documents holding both (for `i == j`, those holding the code).
    pub fn both_documents(&self, i: usize, j: usize) -> u32 {
        self.both_docs[i * self.len() + j]
    }

    /// `n12 / (n1 + n2 − n12)`, `None` when neither code has passages.
    pub fn c_coefficient(&self, i: usize, j: usize) -> Option<f64> {
        let n12 = f64::from(self.pairs(i, j));
        let denom = f64::from(self.passages[i]) + f64::from(self.passages[j]) - n12;
        (denom > 0.0).then(|| (n12 / denom).clamp(0.0, 1.0))
    }

    /// Jaccard on documents, `None` when neither code is in a document.
    pub fn jaccard(&self, i: usize, j: usize) -> Option<f64> {
        let d12 = f64::from(self.both_documents(i, j));
        let denom = f64::from(self.documents[i]) + f64::from(self.documents[j]) - d12;
        (denom > 0.0).then(|| d12 / denom)
    }

    /// The cell's value in `measure` (0 for an undefined ratio).
    pub fn value(&self, measure: Measure, i: usize, j: usize) -> f64 {
        match measure {
            Measure::Passages => f64::from(self.pairs(i, j)),
            Measure::Documents => f64::from(self.both_documents(i, j)),
            Measure::CCoefficient => self.c_coefficient(i, j).unwrap_or(0.0),
            Measure::Jaccard => self.jaccard(i, j).unwrap_or(0.0),
        }
    }

    /// The cell as printed: a count, or a ratio with three decimals; the
    /// diagonal of a ratio is "–" (a code with itself).
    pub fn text(&self, measure: Measure, i: usize, j: usize) -> String {
        if measure.is_ratio() {
            if i == j {
                return "–".to_owned();
            }
            return format!("{:.3}", self.value(measure, i, j));
        }
        if i == j && measure == Measure::Passages {
            return "–".to_owned();
        }
        format!("{}", self.value(measure, i, j))
    }

    /// True when one code has more than five times the other's passages.
    pub fn flagged(&self, i: usize, j: usize) -> bool {
        let (a, b) = (self.passages[i], self.passages[j]);
        let (lo, hi) = (a.min(b), a.max(b));
        hi > lo.saturating_mul(IMBALANCE)
    }
}

/// The row a code of `prep.codes` falls in at `level`, if any.
fn rows_of(prep: &Prepared<'_>, level: Option<usize>) -> (Vec<usize>, Vec<u32>) {
    let n = prep.codes.len();
    let Some(level) = level else {
        return ((0..n).collect(), (0..n as u32).collect());
    };
    let rows: Vec<usize> = (0..n).filter(|&i| prep.codes[i].1 == level).collect();
    let mut row_of_code = vec![NONE; n];
    for (r, &c) in rows.iter().enumerate() {
        row_of_code[c] = r as u32;
    }
    // A deeper code falls in the row of its ancestor at `level`.
    for i in 0..n {
        if prep.codes[i].1 > level {
            row_of_code[i] = prep
                .chain(i as u32)
                .find(|&a| prep.codes[a as usize].1 == level)
                .map_or(NONE, |a| row_of_code[a as usize]);
        }
    }
    (rows, row_of_code)
}

/// A passage in the sweep: its (widened) range, its row and the index
/// of its coding in `project.codings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Passage {
    start: usize,
    end: usize,
    row: u32,
    coding: u32,
}

/// The index of the category the options count (one no coding has when
/// the category is gone), if they name one.
fn category_index(prep: &Prepared<'_>, opts: Options) -> Option<u16> {
    opts.category.map(|k| {
        prep.project
            .categories
            .iter()
            .position(|c| c.id == k)
            .map_or(u16::MAX - 1, |i| i as u16)
    })
}

/// The passages in scope by document slot, of the rows `wanted` says,
/// widened to the options' unit (sentences and paragraphs are the
/// document's cached ones) and sorted.
fn passages_by_doc(
    prep: &Prepared<'_>,
    opts: Options,
    row_of_code: &[u32],
    wanted: impl Fn(u32) -> bool,
) -> Vec<Vec<Passage>> {
    let cat = category_index(prep, opts);
    let mut by_doc: Vec<Vec<Passage>> = vec![Vec::new(); prep.docs.len()];
    for sc in &prep.codings {
        let row = row_of_code[sc.code as usize];
        if row == NONE || !wanted(row) || cat.is_some_and(|k| k != sc.cat) {
            continue;
        }
        let c = &prep.project.codings[sc.index as usize];
        by_doc[sc.doc as usize].push(Passage {
            start: c.start,
            end: c.end,
            row,
            coding: sc.index,
        });
    }
    for (slot, passages) in by_doc.iter_mut().enumerate() {
        if passages.is_empty() {
            continue;
        }
        if opts.proximity != Proximity::Overlap {
            let units = prep.doc(slot as u32).units();
            let spans = match opts.proximity {
                Proximity::Sentence => &units.sentences,
                _ => &units.paragraphs,
            };
            for p in passages.iter_mut() {
                let (s, e) = units::widen_to_spans(spans, p.start, p.end);
                // Touching units: widen to the unit's end so that two
                // passages of one sentence overlap.
                p.start = s;
                p.end = e.max(s + 1);
            }
        }
        passages.sort_unstable();
    }
    by_doc
}

/// Calls `pair(a, b)` for every two passages of one document that occur
/// together (in the options' sense) and belong to different rows.
fn sweep(passages: &[Passage], mut pair: impl FnMut(&Passage, &Passage)) {
    // Each passage against the earlier ones still open.
    let mut open: Vec<&Passage> = Vec::new();
    for p in passages {
        open.retain(|o| o.end > p.start);
        for o in &open {
            if o.row != p.row {
                pair(o, p);
            }
        }
        open.push(p);
    }
}

/// The co-occurrence matrix of `prep`'s scope.
pub fn compute(prep: &Prepared<'_>, opts: Options) -> Matrix {
    compute_with_passages(prep, opts).0
}

/// The matrix and the passages it was counted from, by document.
fn compute_with_passages(prep: &Prepared<'_>, opts: Options) -> (Matrix, Vec<Vec<Passage>>) {
    let (codes, row_of_code) = rows_of(prep, opts.level);
    let n = codes.len();
    let mut m = Matrix {
        codes,
        passages: vec![0; n],
        documents: vec![0; n],
        pairs: vec![0; n * n],
        both_docs: vec![0; n * n],
    };
    let by_doc = passages_by_doc(prep, opts, &row_of_code, |_| true);
    let mut doc_sets: Vec<BitSet> = (0..n).map(|_| BitSet::new(prep.docs.len())).collect();
    for (slot, passages) in by_doc.iter().enumerate() {
        for p in passages {
            doc_sets[p.row as usize].insert(slot);
            m.passages[p.row as usize] += 1;
        }
        sweep(passages, |a, b| {
            m.pairs[a.row as usize * n + b.row as usize] += 1;
            m.pairs[b.row as usize * n + a.row as usize] += 1;
        });
    }
    for i in 0..n {
        m.documents[i] = doc_sets[i].len() as u32;
        for j in i..n {
            let both = doc_sets[i].and_len(&doc_sets[j]) as u32;
            m.both_docs[i * n + j] = both;
            m.both_docs[j * n + i] = both;
        }
    }
    (m, by_doc)
}

/// What is behind a cell of the matrix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Behind {
    /// Pairs of co-occurring passages, as indices into `project.codings`:
    /// the first of row `i`'s code, the second of row `j`'s, in document
    /// and text order.
    pub pairs: Vec<(usize, usize)>,
    /// Documents holding both codes (indices into `project.documents`).
    pub documents: Vec<usize>,
}

impl Behind {
    /// The pairs with identical passages listed once (two reviewers who
    /// coded the same two passages alike give one pair to read), in order.
    pub fn distinct_pairs(&self, p: &crate::model::Project) -> Vec<(usize, usize)> {
        let mut seen = std::collections::HashSet::new();
        self.pairs
            .iter()
            .copied()
            .filter(|&(a, b)| {
                let (x, y) = (&p.codings[a], &p.codings[b]);
                seen.insert((x.doc, x.start, x.end, y.start, y.end))
            })
            .collect()
    }
}

/// The passages and documents behind cell (`i`, `j`) of `compute(prep,
/// opts)`: for `i == j`, the code's own passages (paired with themselves)
/// and documents.
pub fn behind(prep: &Prepared<'_>, opts: Options, i: usize, j: usize) -> Behind {
    let (_, row_of_code) = rows_of(prep, opts.level);
    let (ri, rj) = (i as u32, j as u32);
    let by_doc = passages_by_doc(prep, opts, &row_of_code, |r| r == ri || r == rj);
    let mut out = Behind::default();
    for (slot, passages) in by_doc.iter().enumerate() {
        let has = |r: u32| passages.iter().any(|p| p.row == r);
        if has(ri) && has(rj) {
            out.documents.push(prep.docs[slot]);
        }
        if i == j {
            out.pairs.extend(
                passages
                    .iter()
                    .map(|p| (p.coding as usize, p.coding as usize)),
            );
            continue;
        }
        sweep(passages, |a, b| {
            let (x, y) = if a.row == ri { (a, b) } else { (b, a) };
            out.pairs.push((x.coding as usize, y.coding as usize));
        });
    }
    out
}

/// A co-occurrence matrix kept up to date coding by coding: the passages
/// of each document (widened and sorted) are kept, so an added coding is
/// compared with its own document's passages only.
#[derive(Clone, Debug, PartialEq)]
pub struct Live {
    pub matrix: Matrix,
    opts: Options,
    /// Row of each code of `Prepared::codes` (`NONE`: not in the matrix).
    row_of_code: Vec<u32>,
    /// The category counted (its index), when the options name one.
    category: Option<u16>,
    by_doc: Vec<Vec<Passage>>,
    /// The rows present in each document, sorted.
    rows_in_doc: Vec<Vec<u32>>,
}

impl Live {
    pub fn build(prep: &Prepared<'_>, opts: Options) -> Self {
        let (matrix, by_doc) = compute_with_passages(prep, opts);
        let (_, row_of_code) = rows_of(prep, opts.level);
        let rows_in_doc = by_doc
            .iter()
            .map(|ps| {
                let mut rows: Vec<u32> = ps.iter().map(|p| p.row).collect();
                rows.sort_unstable();
                rows.dedup();
                rows
            })
            .collect();
        let category = category_index(prep, opts);
        Self {
            matrix,
            opts,
            row_of_code,
            category,
            by_doc,
            rows_in_doc,
        }
    }

    /// Adds one coding in scope: document `slot` (its `doc`), dense code
    /// index `code`, category index `cat`, range, index in
    /// `project.codings`.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        doc: &crate::model::Document,
        slot: usize,
        code: usize,
        cat: u16,
        (start, end): (usize, usize),
        coding: u32,
    ) {
        let row = self.row_of_code.get(code).copied().unwrap_or(NONE);
        if row == NONE || self.category.is_some_and(|k| k != cat) || slot >= self.by_doc.len() {
            return;
        }
        let (mut s, mut e) = (start, end);
        if self.opts.proximity != Proximity::Overlap {
            let units = doc.units();
            let spans = match self.opts.proximity {
                Proximity::Sentence => &units.sentences,
                _ => &units.paragraphs,
            };
            let (ws, we) = units::widen_to_spans(spans, s, e);
            s = ws;
            e = we.max(ws + 1);
        }
        let new = Passage {
            start: s,
            end: e,
            row,
            coding,
        };
        let m = &mut self.matrix;
        let n = m.len();
        for p in &self.by_doc[slot] {
            if p.row != row && p.start < new.end && new.start < p.end {
                m.pairs[row as usize * n + p.row as usize] += 1;
                m.pairs[p.row as usize * n + row as usize] += 1;
            }
        }
        m.passages[row as usize] += 1;
        let at = self.by_doc[slot].partition_point(|p| *p < new);
        self.by_doc[slot].insert(at, new);
        let rows = &mut self.rows_in_doc[slot];
        if let Err(at) = rows.binary_search(&row) {
            m.documents[row as usize] += 1;
            m.both_docs[row as usize * n + row as usize] += 1;
            for &other in rows.iter() {
                m.both_docs[row as usize * n + other as usize] += 1;
                m.both_docs[other as usize * n + row as usize] += 1;
            }
            rows.insert(at, row);
        }
    }
}
