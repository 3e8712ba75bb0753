//! References: coded passages per code (rolled up over sub-codes), split by
//! category, with their relative frequency among all coded passages in
//! scope (two decimals), per document group and combined. A code is "key"
//! when its relative frequency is in the upper quartile of its level.

use super::characteristics::{labels, value_order};
use super::prepare::{NO_CATEGORY, Prepared};
use super::rounding::{percent, percent_value, upper_quartile};
use crate::model::{AttrId, CodeId};

/// Name of the combined group.
pub const COMBINED: &str = "Combined";

/// Counts of one code in one group.
#[derive(Clone, Debug, PartialEq)]
pub struct Counts {
    /// Per category, in `ReferencesTable::categories` order.
    pub by_category: Vec<usize>,
    /// All passages of the code, with or without a category.
    pub all: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReferenceRow {
    pub code: CodeId,
    pub path: String,
    pub name: String,
    pub level: usize,
    /// One entry per group, in `ReferencesTable::groups` order.
    pub groups: Vec<Counts>,
    /// Relative frequency (combined, all categories) in the upper quartile of its level.
    pub key: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReferencesTable {
    /// Group labels; the last is always "Combined".
    pub groups: Vec<String>,
    /// Category names, the order of `Counts::by_category`.
    pub categories: Vec<String>,
    /// All coded passages in scope per group, and per group and category.
    pub totals: Vec<Counts>,
    pub rows: Vec<ReferenceRow>,
}

impl ReferencesTable {
    /// Relative frequency `count / total passages of group g`, two decimals.
    pub fn relative(&self, count: usize, group: usize) -> String {
        percent(count, self.totals[group].all, 2)
    }

    pub fn row_by_path(&self, path: &str) -> Option<&ReferenceRow> {
        self.rows.iter().find(|r| r.path == path)
    }

    /// Index of the combined group.
    pub fn combined(&self) -> usize {
        self.groups.len() - 1
    }
}

/// The references table; `group_by` splits it by an attribute's values.
pub fn references(prep: &Prepared<'_>, group_by: Option<AttrId>) -> ReferencesTable {
    let p = prep.project;
    let n_cats = prep.n_categories();
    let def = group_by.and_then(|a| p.attribute_def(a));
    // Group of each document in scope (dense), if grouping.
    let (group_names, doc_group): (Vec<String>, Vec<usize>) = match def {
        Some(def) => {
            let l = labels(prep, def);
            let order: Vec<String> = value_order(def, &l)
                .into_iter()
                .filter(|v| l.contains(v))
                .collect();
            let dg = l
                .iter()
                .map(|v| order.iter().position(|o| o == v).unwrap_or(0))
                .collect();
            (order, dg)
        }
        None => (Vec::new(), vec![0; prep.n_docs()]),
    };
    let n_groups = group_names.len() + 1; // + combined
    let combined = n_groups - 1;
    let empty = || Counts {
        by_category: vec![0; n_cats],
        all: 0,
    };
    let mut totals = vec![empty(); n_groups];
    // Direct counts per (code, group, category + "all"), flat; rolled up after.
    let width = n_cats + 1;
    let slot = |code: usize, group: usize| (code * n_groups + group) * width;
    let mut direct = vec![0usize; prep.codes.len() * n_groups * width];
    for c in &prep.codings {
        let g = if def.is_some() {
            Some(doc_group[c.doc as usize])
        } else {
            None
        };
        for group in g.into_iter().chain(std::iter::once(combined)) {
            let t = &mut totals[group];
            t.all += 1;
            let base = slot(c.code as usize, group);
            direct[base + n_cats] += 1;
            if c.cat != NO_CATEGORY {
                t.by_category[c.cat as usize] += 1;
                direct[base + c.cat as usize] += 1;
            }
        }
    }
    // Roll up: children come after their parent in tree order, so walking
    // backwards adds each code's finished total to its parent once (linear).
    let mut rolled = direct;
    for code in (0..prep.codes.len()).rev() {
        let parent = prep.parents[code];
        if parent == crate::model::index::NONE {
            continue;
        }
        for group in 0..n_groups {
            let (from, to) = (slot(code, group), slot(parent as usize, group));
            if rolled[from + n_cats] == 0 {
                continue;
            }
            for k in 0..width {
                rolled[to + k] += rolled[from + k];
            }
        }
    }
    let mut counts = vec![empty(); prep.codes.len() * n_groups];
    for code in 0..prep.codes.len() {
        for group in 0..n_groups {
            let base = slot(code, group);
            let x = &mut counts[code * n_groups + group];
            x.all = rolled[base + n_cats];
            x.by_category.copy_from_slice(&rolled[base..base + n_cats]);
        }
    }
    // Key: upper quartile of relative frequency within each level (combined).
    let total = totals[combined].all;
    let rf = |i: usize| percent_value(counts[i * n_groups + combined].all, total);
    let max_level = prep.codes.iter().map(|(_, l)| *l).max().unwrap_or(0);
    // Values grouped by level in one pass (not one pass per level: a
    // 20,000-deep tree has 20,000 levels).
    let mut by_level: Vec<Vec<f64>> = vec![Vec::new(); max_level + 1];
    for (i, (_, level)) in prep.codes.iter().enumerate() {
        by_level[*level].push(rf(i));
    }
    let q3: Vec<f64> = by_level
        .iter()
        .map(|values| upper_quartile(values).unwrap_or(f64::INFINITY))
        .collect();
    let rows = prep
        .codes
        .iter()
        .enumerate()
        .map(|(i, (id, level))| ReferenceRow {
            code: *id,
            path: prep.path(i),
            name: prep.name(i),
            level: *level,
            groups: counts[i * n_groups..(i + 1) * n_groups].to_vec(),
            key: total > 0 && rf(i) >= q3[*level] - 1e-9,
        })
        .collect();
    let mut groups = group_names;
    groups.push(COMBINED.to_owned());
    ReferencesTable {
        groups,
        categories: p.categories.iter().map(|c| c.name.clone()).collect(),
        totals,
        rows,
    }
}
