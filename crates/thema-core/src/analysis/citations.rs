//! Citation lists: for each code, the reference numbers of the documents
//! that hold it (rolled up), sorted and compressed: `(2,3,6,7,11,13–17)`.

use super::prepare::Prepared;
use crate::model::CodeId;

pub use crate::model::project::CitationStyle;

/// Cites lists of reference numbers in the project's style.
#[derive(Clone, Debug, Default)]
pub struct Citer {
    style: CitationStyle,
    /// Short reference (or title) by reference number.
    names: std::collections::HashMap<u32, String>,
}

impl Citer {
    pub fn of(p: &crate::model::Project) -> Self {
        Self {
            style: p.citation_style,
            names: match p.citation_style {
                CitationStyle::Numeric => Default::default(),
                CitationStyle::AuthorYear => p
                    .documents
                    .iter()
                    .map(|d| (d.reference, d.short_ref_or_title()))
                    .collect(),
            },
        }
    }

    /// "(2,3,6)" or "(Jones 2020; Smith 2019)" (alphabetical, each study
    /// once); "" for none.
    pub fn cite(&self, refs: &[u32]) -> String {
        match self.style {
            CitationStyle::Numeric => compress(refs),
            CitationStyle::AuthorYear => {
                let mut names: Vec<&str> = refs
                    .iter()
                    .map(|r| self.names.get(r).map_or("?", String::as_str))
                    .collect();
                names.sort_unstable_by_key(|n| n.to_lowercase());
                names.dedup();
                if names.is_empty() {
                    String::new()
                } else {
                    format!("({})", names.join("; "))
                }
            }
        }
    }
}

/// Sorts, removes duplicates and compresses runs of three or more
/// consecutive numbers into `a–b` (pairs stay as `a,b`), in parentheses.
/// An empty list gives an empty string.
pub fn compress(refs: &[u32]) -> String {
    let mut v = refs.to_vec();
    if !v.windows(2).all(|w| w[0] < w[1]) {
        v.sort_unstable();
        v.dedup();
    }
    if v.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(v.len() * 4 + 2);
    out.push('(');
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1] == v[j] + 1 {
            j += 1;
        }
        if i > 0 {
            out.push(',');
        }
        if j - i >= 2 {
            push_number(&mut out, v[i]);
            out.push('–');
            push_number(&mut out, v[j]);
        } else {
            for (k, n) in v[i..=j].iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                push_number(&mut out, *n);
            }
        }
        i = j + 1;
    }
    out.push(')');
    out
}

/// Appends a number's digits without going through `format!`.
fn push_number(out: &mut String, mut n: u32) {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&b| b as char));
}

#[derive(Clone, Debug, PartialEq)]
pub struct CitationRow {
    pub code: CodeId,
    pub path: String,
    pub name: String,
    pub level: usize,
    /// Sorted reference numbers.
    pub references: Vec<u32>,
    pub citations: String,
}

pub fn citations(prep: &Prepared<'_>) -> Vec<CitationRow> {
    let per_code = prep.docs_per_code();
    let refs = prep.refs();
    let citer = Citer::of(prep.project);
    prep.codes
        .iter()
        .enumerate()
        .map(|(i, (id, level))| {
            let mut references: Vec<u32> = per_code[i].iter().map(|d| refs[d]).collect();
            // Usually already in order (documents are numbered in list order).
            if !references.windows(2).all(|w| w[0] < w[1]) {
                references.sort_unstable();
                references.dedup();
            }
            CitationRow {
                code: *id,
                path: prep.path(i),
                name: prep.name(i),
                level: *level,
                citations: citer.cite(&references),
                references,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::compress;

    #[test]
    fn compression_edge_cases() {
        assert_eq!(
            compress(&[2, 3, 6, 7, 11, 13, 14, 15, 16, 17]),
            "(2,3,6,7,11,13–17)"
        );
        assert_eq!(compress(&[5]), "(5)");
        assert_eq!(compress(&[4, 5]), "(4,5)");
        assert_eq!(compress(&[9, 1, 3, 2]), "(1–3,9)");
        assert_eq!(compress(&[7, 7, 8, 8, 9]), "(7–9)");
        assert_eq!(compress(&[]), "");
        assert_eq!(compress(&[1, 3, 5]), "(1,3,5)");
    }
}
