//! Cross-tab: codes × values of one attribute — n documents holding the
//! code (rolled up) among the documents with that value, and the column %.

use super::characteristics::{labels, value_order};
use super::prepare::Prepared;
use super::rounding::percent;
use crate::model::{AttrId, CodeId};

#[derive(Clone, Debug, PartialEq)]
pub struct CrosstabRow {
    pub code: CodeId,
    pub path: String,
    pub name: String,
    pub level: usize,
    /// Per value: n documents.
    pub n: Vec<usize>,
    /// Per value: n / documents with that value, one decimal.
    pub column_percent: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CrosstabTable {
    pub attribute: String,
    pub values: Vec<String>,
    /// Documents in scope with each value (the column denominators).
    pub column_n: Vec<usize>,
    pub rows: Vec<CrosstabRow>,
}

impl CrosstabTable {
    pub fn row_by_path(&self, path: &str) -> Option<&CrosstabRow> {
        self.rows.iter().find(|r| r.path == path)
    }
}

/// `None` when the attribute does not exist.
pub fn crosstab(prep: &Prepared<'_>, attr: AttrId) -> Option<CrosstabTable> {
    let p = prep.project;
    let def = p.attribute_def(attr)?;
    let l = labels(prep, def);
    let values: Vec<String> = value_order(def, &l)
        .into_iter()
        .filter(|v| l.contains(v))
        .collect();
    let doc_value: Vec<usize> = l
        .iter()
        .map(|v| values.iter().position(|x| x == v).unwrap_or(0))
        .collect();
    let column_n: Vec<usize> = (0..values.len())
        .map(|k| doc_value.iter().filter(|&&v| v == k).count())
        .collect();
    let per_code = prep.docs_per_code();
    let rows = prep
        .codes
        .iter()
        .enumerate()
        .map(|(i, (id, level))| {
            let mut n = vec![0usize; values.len()];
            for d in per_code[i].iter() {
                n[doc_value[d]] += 1;
            }
            CrosstabRow {
                code: *id,
                path: prep.path(i),
                name: prep.name(i),
                level: *level,
                column_percent: n
                    .iter()
                    .zip(&column_n)
                    .map(|(a, b)| percent(*a, *b, 1))
                    .collect(),
                n,
            }
        })
        .collect();
    Some(CrosstabTable {
        attribute: def.name.clone(),
        values,
        column_n,
        rows,
    })
}
