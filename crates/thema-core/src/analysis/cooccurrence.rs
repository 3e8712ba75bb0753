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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Proximity {
    /// They share at least one character.
    #[default]
    Overlap,
    /// They touch the same sentence.
    Sentence,
    /// They touch the same paragraph.
    Paragraph,
}

/// What the matrix is computed over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Codes of this level (1 = themes), deeper codes rolled up into them;
    /// `None`: every code as itself, nothing rolled up.
    pub level: Option<usize>,
    pub proximity: Proximity,
}

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

/// The co-occurrence matrix of `prep`'s scope.
pub fn compute(prep: &Prepared<'_>, opts: Options) -> Matrix {
    let (codes, row_of_code) = rows_of(prep, opts.level);
    let n = codes.len();
    let mut m = Matrix {
        codes,
        passages: vec![0; n],
        documents: vec![0; n],
        pairs: vec![0; n * n],
        both_docs: vec![0; n * n],
    };
    // Passages by document: (start, end, row), widened to the unit.
    let mut by_doc: Vec<Vec<(usize, usize, u32)>> = vec![Vec::new(); prep.docs.len()];
    for sc in &prep.codings {
        let row = row_of_code[sc.code as usize];
        if row == NONE {
            continue;
        }
        let c = &prep.project.codings[sc.index as usize];
        by_doc[sc.doc as usize].push((c.start, c.end, row));
        m.passages[row as usize] += 1;
    }
    let mut doc_sets: Vec<BitSet> = (0..n).map(|_| BitSet::new(prep.docs.len())).collect();
    for (slot, passages) in by_doc.iter_mut().enumerate() {
        if passages.is_empty() {
            continue;
        }
        for p in passages.iter() {
            doc_sets[p.2 as usize].insert(slot);
        }
        if opts.proximity != Proximity::Overlap {
            let chars: Vec<char> = prep.doc(slot as u32).text.chars().collect();
            let spans = if opts.proximity == Proximity::Sentence {
                units::sentences(&chars)
            } else {
                Vec::new()
            };
            for p in passages.iter_mut() {
                let (s, e) = match opts.proximity {
                    Proximity::Sentence => units::widen_to_spans(&spans, p.0, p.1),
                    _ => units::widen_to_paragraphs(&chars, p.0, p.1),
                };
                // Touching units: widen to the unit's end so that two
                // passages of one sentence overlap.
                *p = (s, e.max(s + 1), p.2);
            }
        }
        passages.sort_unstable();
        // Sweep: each passage against the earlier ones still open.
        let mut open: Vec<(usize, u32)> = Vec::new();
        for &(start, end, row) in passages.iter() {
            open.retain(|&(e, _)| e > start);
            for &(_, other) in &open {
                if other != row {
                    m.pairs[row as usize * n + other as usize] += 1;
                    m.pairs[other as usize * n + row as usize] += 1;
                }
            }
            open.push((end, row));
        }
    }
    for i in 0..n {
        m.documents[i] = doc_sets[i].len() as u32;
        for j in i..n {
            let both = doc_sets[i].and_len(&doc_sets[j]) as u32;
            m.both_docs[i * n + j] = both;
            m.both_docs[j * n + i] = both;
        }
    }
    m
}
