//! Document-level prevalence, rolled up over the code tree, as defined in
//! the synthesis guide: a document counts once for a code when it holds at
//! least one coding of that code or of any descendant.

use super::prepare::{BitSet, NO_CATEGORY, Prepared, roll_up};
use super::rounding::{percent, percent_value};
use super::scope::Scope;
use crate::model::{CategoryId, CodeId, Project};

/// One code's row of the prevalence table.
#[derive(Clone, Debug, PartialEq)]
pub struct PrevalenceRow {
    pub code: CodeId,
    /// Full path joined with ` > `.
    pub path: String,
    pub name: String,
    /// 1 = top level.
    pub level: usize,
    pub n_documents: usize,
    /// n / N, one decimal, rounded half up.
    pub percent: String,
    /// n documents per category, in `PrevalenceTable::categories` order.
    pub by_category: Vec<usize>,
}

/// Documents with at least one coding in a category.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryRow {
    pub category: CategoryId,
    pub name: String,
    pub n_documents: usize,
    pub percent: String,
}

/// The whole prevalence table for a scope.
#[derive(Clone, Debug, PartialEq)]
pub struct PrevalenceTable {
    /// N: documents in scope.
    pub n_total: usize,
    /// Category ids and names, the column order of `by_category`.
    pub categories: Vec<(CategoryId, String)>,
    /// Codes in tree order.
    pub rows: Vec<PrevalenceRow>,
    pub category_rows: Vec<CategoryRow>,
}

impl PrevalenceTable {
    pub fn row(&self, code: CodeId) -> Option<&PrevalenceRow> {
        self.rows.iter().find(|r| r.code == code)
    }

    pub fn row_by_path(&self, path: &str) -> Option<&PrevalenceRow> {
        self.rows.iter().find(|r| r.path == path)
    }
}

/// Computes the prevalence table for `scope`.
pub fn prevalence(p: &Project, scope: &Scope) -> PrevalenceTable {
    prevalence_of(&Prepared::new(p, scope))
}

/// Prevalence from prepared data.
pub fn prevalence_of(prep: &Prepared<'_>) -> PrevalenceTable {
    let p = prep.project;
    let n_total = prep.n_docs();
    let n_cats = prep.n_categories();
    let per_code = prep.docs_per_code();
    // Per category: documents per code (direct, then rolled up the tree).
    let mut per_code_cat: Vec<Vec<BitSet>> =
        vec![vec![BitSet::new(n_total); prep.codes.len()]; n_cats];
    let mut per_cat = vec![BitSet::new(n_total); n_cats];
    for c in prep.codings.iter().filter(|c| c.cat != NO_CATEGORY) {
        let k = c.cat as usize;
        per_cat[k].insert(c.doc as usize);
        per_code_cat[k][c.code as usize].insert(c.doc as usize);
    }
    for sets in &mut per_code_cat {
        roll_up(prep, sets);
    }
    let rows = prep
        .codes
        .iter()
        .enumerate()
        .map(|(i, (id, level))| {
            let n = per_code[i].len();
            PrevalenceRow {
                code: *id,
                path: prep.path(i),
                name: prep.name(i),
                level: *level,
                n_documents: n,
                percent: percent(n, n_total, 1),
                by_category: (0..n_cats).map(|k| per_code_cat[k][i].len()).collect(),
            }
        })
        .collect();
    let category_rows = p
        .categories
        .iter()
        .enumerate()
        .map(|(k, cat)| {
            let n = per_cat[k].len();
            CategoryRow {
                category: cat.id,
                name: cat.name.clone(),
                n_documents: n,
                percent: percent(n, n_total, 1),
            }
        })
        .collect();
    PrevalenceTable {
        n_total,
        categories: p
            .categories
            .iter()
            .map(|c| (c.id, c.name.clone()))
            .collect(),
        rows,
        category_rows,
    }
}

/// `n / N` as a float percent, for sorting and bars.
pub fn share(row: &PrevalenceRow, table: &PrevalenceTable) -> f64 {
    percent_value(row.n_documents, table.n_total)
}
