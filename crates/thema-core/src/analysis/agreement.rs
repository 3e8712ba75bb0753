//! Agreement between two reviewers, as defined in the agreement guide.
//!
//! Units: documents (did the reviewer apply the code, or a sub-code,
//! anywhere in the document) or characters (does the character lie in a
//! coding of the code by the reviewer; overlapping codings of one reviewer
//! count once). Tables are per code (rolled up), per (code, category) and
//! per document; pooled tables add the 2×2 tables before computing.
//! Kappa is undefined (shown as "—") when expected agreement is 1.

use super::prepare::{NO_CATEGORY, Prepared};
use super::scope::{ReviewerView, Scope};
use crate::model::{CodeId, DocId, Project, ReviewerId};

/// A 2×2 table: a = both yes, b = A yes / B no, c = A no / B yes, d = both no.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Table2 {
    pub a: u64,
    pub b: u64,
    pub c: u64,
    pub d: u64,
}

impl Table2 {
    pub fn n(&self) -> u64 {
        self.a + self.b + self.c + self.d
    }

    pub fn add(&mut self, o: &Table2) {
        self.a += o.a;
        self.b += o.b;
        self.c += o.c;
        self.d += o.d;
    }

    /// Observed agreement (a + d) / n; `None` for an empty table.
    pub fn percent_agreement(&self) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| (self.a + self.d) as f64 / n as f64)
    }

    /// Expected agreement ((a+b)(a+c) + (c+d)(b+d)) / n².
    pub fn expected(&self) -> Option<f64> {
        let n = self.n() as f64;
        if n == 0.0 {
            return None;
        }
        let (a, b, c, d) = (self.a as f64, self.b as f64, self.c as f64, self.d as f64);
        Some(((a + b) * (a + c) + (c + d) * (b + d)) / (n * n))
    }

    /// Cohen's kappa (po − pe) / (1 − pe); `None` when undefined (pe = 1).
    pub fn kappa(&self) -> Option<f64> {
        let po = self.percent_agreement()?;
        let pe = self.expected()?;
        if (1.0 - pe).abs() < 1e-12 {
            return None;
        }
        Some((po - pe) / (1.0 - pe))
    }

    /// Prevalence- and bias-adjusted kappa, 2·po − 1.
    pub fn pabak(&self) -> Option<f64> {
        self.percent_agreement().map(|po| 2.0 * po - 1.0)
    }
}

/// Formats a statistic with `decimals`, or "—" when undefined.
pub fn fmt_stat(v: Option<f64>, decimals: usize) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{x:.decimals$}"),
        _ => "—".to_owned(),
    }
}

/// Agreement level of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Document,
    Character,
    /// Document level per (code, category).
    Category,
}

/// One row: a code (or code × category), with its 2×2 table.
#[derive(Clone, Debug, PartialEq)]
pub struct AgreementRow {
    pub code: Option<CodeId>,
    /// Full path; "(pooled)" for the pooled row.
    pub path: String,
    pub level: usize,
    pub category: Option<String>,
    pub table: Table2,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AgreementReport {
    pub level: Level,
    pub rows: Vec<AgreementRow>,
    pub pooled: AgreementRow,
}

/// Per document, pooled over codes (character level).
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentAgreement {
    pub doc: DocId,
    pub title: String,
    pub table: Table2,
}

/// Sorted, merged intervals.
fn merge(v: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    super::consensus::merge_intervals(v)
}

fn covered(v: &[(usize, usize)]) -> u64 {
    v.iter().map(|(s, e)| (e - s) as u64).sum()
}

fn overlap(x: &[(usize, usize)], y: &[(usize, usize)]) -> u64 {
    let (mut i, mut j, mut total) = (0, 0, 0u64);
    while i < x.len() && j < y.len() {
        let lo = x[i].0.max(y[j].0);
        let hi = x[i].1.min(y[j].1);
        if lo < hi {
            total += (hi - lo) as u64;
        }
        if x[i].1 < y[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    total
}

/// The scope for one reviewer's codings.
fn one(scope: &Scope, r: ReviewerId) -> Scope {
    Scope {
        docs: scope.docs.clone(),
        reviewers: ReviewerView::One(r),
    }
}

/// Intervals of each (code rolled up, category or all, doc) for one reviewer.
/// Index: (code * (cats + 1) + cat_slot) * docs + doc; cat_slot = cats means any category.
struct Coverage {
    cells: Vec<Vec<(usize, usize)>>,
    n_codes: usize,
    width: usize,
    n_docs: usize,
}

impl Coverage {
    fn build(prep: &Prepared<'_>) -> Self {
        let n_codes = prep.codes.len();
        let width = prep.n_categories() + 1;
        let n_docs = prep.n_docs();
        let mut cells = vec![Vec::new(); n_codes * width * n_docs];
        for c in &prep.codings {
            let coding = &prep.project.codings[c.index as usize];
            let len = prep.doc(c.doc).char_len_cached();
            let iv = (coding.start.min(len), coding.end.min(len));
            if iv.0 >= iv.1 {
                continue;
            }
            for a in prep.chain(c.code) {
                let a = a as usize;
                cells[(a * width + width - 1) * n_docs + c.doc as usize].push(iv);
                if c.cat != NO_CATEGORY {
                    cells[(a * width + c.cat as usize) * n_docs + c.doc as usize].push(iv);
                }
            }
        }
        let cells = cells.into_iter().map(merge).collect();
        Self {
            cells,
            n_codes,
            width,
            n_docs,
        }
    }

    fn get(&self, code: usize, cat: Option<usize>, doc: usize) -> &[(usize, usize)] {
        let slot = cat.unwrap_or(self.width - 1);
        &self.cells[(code * self.width + slot) * self.n_docs + doc]
    }
}

/// Everything the agreement panel and report need for reviewers A and B.
pub struct Agreement {
    pub document: AgreementReport,
    pub character: AgreementReport,
    pub category: AgreementReport,
    pub per_document: Vec<DocumentAgreement>,
}

/// Computes agreement between `a` and `b` over the documents in `scope`
/// (its reviewer view is ignored).
pub fn agreement(p: &Project, scope: &Scope, a: ReviewerId, b: ReviewerId) -> Agreement {
    let pa = Prepared::new(p, &one(scope, a));
    let pb = Prepared::new(p, &one(scope, b));
    let ca = Coverage::build(&pa);
    let cb = Coverage::build(&pb);
    let n_docs = pa.n_docs();
    let n_cats = pa.n_categories();
    let lens: Vec<u64> = (0..n_docs)
        .map(|d| pa.doc(d as u32).char_len_cached() as u64)
        .collect();
    let row = |i: usize, category: Option<String>, table: Table2| AgreementRow {
        code: Some(pa.codes[i].0),
        path: pa.path(i),
        level: pa.codes[i].1,
        category,
        table,
    };
    let pooled = |rows: &[AgreementRow]| {
        let mut t = Table2::default();
        for r in rows {
            t.add(&r.table);
        }
        AgreementRow {
            code: None,
            path: "(pooled)".into(),
            level: 0,
            category: None,
            table: t,
        }
    };

    let mut doc_rows = Vec::new();
    let mut char_rows = Vec::new();
    let mut cat_rows = Vec::new();
    let mut per_doc = vec![Table2::default(); n_docs];
    for i in 0..ca.n_codes {
        let mut td = Table2::default();
        let mut tc = Table2::default();
        for d in 0..n_docs {
            let (x, y) = (ca.get(i, None, d), cb.get(i, None, d));
            match (!x.is_empty(), !y.is_empty()) {
                (true, true) => td.a += 1,
                (true, false) => td.b += 1,
                (false, true) => td.c += 1,
                (false, false) => td.d += 1,
            }
            let both = overlap(x, y);
            let only_a = covered(x) - both;
            let only_b = covered(y) - both;
            let t = Table2 {
                a: both,
                b: only_a,
                c: only_b,
                d: lens[d] - both - only_a - only_b,
            };
            tc.add(&t);
            per_doc[d].add(&t);
        }
        doc_rows.push(row(i, None, td));
        char_rows.push(row(i, None, tc));
        for k in 0..n_cats {
            let mut t = Table2::default();
            for d in 0..n_docs {
                match (
                    !ca.get(i, Some(k), d).is_empty(),
                    !cb.get(i, Some(k), d).is_empty(),
                ) {
                    (true, true) => t.a += 1,
                    (true, false) => t.b += 1,
                    (false, true) => t.c += 1,
                    (false, false) => t.d += 1,
                }
            }
            cat_rows.push(row(i, Some(p.categories[k].name.clone()), t));
        }
    }
    let per_document = (0..n_docs)
        .map(|d| {
            let doc = pa.doc(d as u32);
            DocumentAgreement {
                doc: doc.id,
                title: doc.title.clone(),
                table: per_doc[d],
            }
        })
        .collect();
    Agreement {
        document: AgreementReport {
            level: Level::Document,
            pooled: pooled(&doc_rows),
            rows: doc_rows,
        },
        character: AgreementReport {
            level: Level::Character,
            pooled: pooled(&char_rows),
            rows: char_rows,
        },
        category: AgreementReport {
            level: Level::Category,
            pooled: pooled(&cat_rows),
            rows: cat_rows,
        },
        per_document,
    }
}
