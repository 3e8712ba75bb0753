//! Factor summary: for each code, its description and its coded passages
//! (including sub-codes) grouped by category, each quote with the
//! document's short reference and page where known.

use super::prepare::{NO_CATEGORY, Prepared};
use crate::model::{CodeId, CodingId};

#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub coding: CodingId,
    pub text: String,
    /// "Smith 2019", or "[7]" when the document has no short reference.
    pub source: String,
    /// The page the passage starts on, and the one it ends on.
    pub page: Option<usize>,
    pub last_page: Option<usize>,
    /// The sub-code's name when the passage was coded below this code.
    pub via: Option<String>,
    /// The document's reference number (for citation lists).
    pub reference: u32,
    /// The coding's memo: the reviewer's note on the passage, often the
    /// point it makes in their words.
    pub memo: String,
}

impl Quote {
    /// "Smith 2019, p. 4", or "Smith 2019, pp. 4–5" for a passage over a
    /// page break.
    pub fn citation(&self) -> String {
        match self.pages() {
            Some(p) => format!("{}, {p}", self.source),
            None => self.source.clone(),
        }
    }

    /// "p. 4" or "pp. 4–5".
    pub fn pages(&self) -> Option<String> {
        let first = self.page?;
        Some(match self.last_page.filter(|&l| l > first) {
            Some(last) => format!("pp. {first}\u{2013}{last}"),
            None => format!("p. {first}"),
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SummaryGroup {
    /// Category name, or "No category".
    pub category: String,
    pub quotes: Vec<Quote>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FactorSummary {
    pub code: CodeId,
    pub path: String,
    pub name: String,
    pub level: usize,
    pub description: String,
    pub groups: Vec<SummaryGroup>,
}

/// Longest quote kept in a summary, in chars.
const MAX_QUOTE: usize = 1200;

pub fn summaries(prep: &Prepared<'_>) -> Vec<FactorSummary> {
    let p = prep.project;
    let n_cats = prep.n_categories();
    // Codings per code (rolled up), in document then text order.
    let mut order: Vec<usize> = (0..prep.codings.len()).collect();
    order.sort_by_key(|&i| {
        let c = &prep.codings[i];
        (c.doc, p.codings[c.index as usize].start)
    });
    let mut per_code: Vec<Vec<usize>> = vec![Vec::new(); prep.codes.len()];
    for i in order {
        for a in prep.chain(prep.codings[i].code) {
            per_code[a as usize].push(i);
        }
    }
    prep.codes
        .iter()
        .enumerate()
        .map(|(ci, (id, level))| {
            let code = Some(prep.code(ci));
            let mut groups: Vec<SummaryGroup> = p
                .categories
                .iter()
                .map(|c| c.name.clone())
                .chain(std::iter::once("No category".to_owned()))
                .map(|category| SummaryGroup {
                    category,
                    quotes: Vec::new(),
                })
                .collect();
            // The same passage coded by several reviewers is quoted once.
            let mut seen = std::collections::HashSet::new();
            for &i in &per_code[ci] {
                let sc = &prep.codings[i];
                let coding = &p.codings[sc.index as usize];
                if !seen.insert((sc.doc, coding.start, coding.end, sc.cat)) {
                    continue;
                }
                let doc = prep.doc(sc.doc);
                let mut text = crate::model::text::as_quote(
                    &doc.slice_chars(coding.start, coding.end.min(coding.start + MAX_QUOTE)),
                );
                if coding.end - coding.start > MAX_QUOTE {
                    text.push('…');
                }
                let source = if doc.short_ref.is_empty() {
                    format!("[{}]", doc.reference)
                } else {
                    doc.short_ref.clone()
                };
                let g = if sc.cat == NO_CATEGORY {
                    n_cats
                } else {
                    sc.cat as usize
                };
                groups[g].quotes.push(Quote {
                    coding: coding.id,
                    text: text.split_whitespace().collect::<Vec<_>>().join(" "),
                    source,
                    page: doc.page_of(coding.start),
                    last_page: doc.page_of(coding.end.saturating_sub(1).max(coding.start)),
                    via: (coding.code != *id).then(|| prep.name(sc.code as usize)),
                    reference: doc.reference,
                    memo: coding.memo.trim().to_owned(),
                });
            }
            groups.retain(|g| !g.quotes.is_empty());
            FactorSummary {
                code: *id,
                path: prep.path(ci),
                name: code.map(|c| c.name.clone()).unwrap_or_default(),
                level: *level,
                description: code.map(|c| c.description.clone()).unwrap_or_default(),
                groups,
            }
        })
        .collect()
}
