//! Document-level prevalence, rolled up over the code tree, as defined in
//! the synthesis guide: a document counts once for a code when it holds at
//! least one coding of that code or of any descendant.

use super::rounding::{percent, percent_value};
use super::scope::Scope;
use crate::model::{CategoryId, CodeId, DocId, Project};
use std::collections::HashMap;

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

/// A fixed-size set of document indices.
#[derive(Clone)]
struct DocSet(Vec<u64>);

impl DocSet {
    fn new(n: usize) -> Self {
        Self(vec![0; n.div_ceil(64)])
    }
    fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// Computes the prevalence table for `scope`.
pub fn prevalence(p: &Project, scope: &Scope) -> PrevalenceTable {
    let doc_index: HashMap<DocId, usize> = scope
        .documents(p)
        .enumerate()
        .map(|(i, d)| (d.id, i))
        .collect();
    let n_total = doc_index.len();
    let order = p.codebook.tree_order();
    let code_index: HashMap<CodeId, usize> = order
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    // For each code, itself and its ancestors as indices into `order`.
    let chains: Vec<Vec<usize>> = order
        .iter()
        .map(|(id, _)| {
            std::iter::once(*id)
                .chain(p.codebook.ancestors(*id))
                .filter_map(|c| code_index.get(&c).copied())
                .collect()
        })
        .collect();
    let cat_index: HashMap<CategoryId, usize> = p
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    let n_cats = p.categories.len();

    let mut per_code = vec![DocSet::new(n_total); order.len()];
    let mut per_code_cat = vec![DocSet::new(n_total); order.len() * n_cats];
    let mut per_cat = vec![DocSet::new(n_total); n_cats];

    for c in p.codings.iter().filter(|c| scope.includes_coding(c)) {
        let (Some(&di), Some(&ci)) = (doc_index.get(&c.doc), code_index.get(&c.code)) else {
            continue;
        };
        let cat = c.category.and_then(|k| cat_index.get(&k).copied());
        if let Some(k) = cat {
            per_cat[k].insert(di);
        }
        for &a in &chains[ci] {
            per_code[a].insert(di);
            if let Some(k) = cat {
                per_code_cat[a * n_cats + k].insert(di);
            }
        }
    }

    let rows = order
        .iter()
        .enumerate()
        .map(|(i, (id, level))| {
            let n = per_code[i].len();
            let code = p.codebook.get(*id).expect("code from tree order");
            PrevalenceRow {
                code: *id,
                path: p.codebook.path(*id),
                name: code.name.clone(),
                level: *level,
                n_documents: n,
                percent: percent(n, n_total, 1),
                by_category: (0..n_cats)
                    .map(|k| per_code_cat[i * n_cats + k].len())
                    .collect(),
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
