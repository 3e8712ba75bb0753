//! Tables kept up to date coding by coding: when a command only adds
//! codings, the document sets behind every number are updated for those
//! codings alone (and the touched rows rewritten) instead of recomputing
//! everything. Any other change rebuilds from scratch.

use super::prepare::{BitSet, NO_CATEGORY, Prepared};
use super::rounding::{percent, percent_value, upper_quartile};
use super::{Scope, TableOptions, Tables, characteristics};
use crate::model::{CategoryId, CodeId, Coding, DocId, IdMap, Project};

/// Live tables plus the sets needed to update them.
pub struct LiveTables {
    pub tables: Tables,
    pub revision: u64,
    pub options: TableOptions,
    scope: Scope,
    doc_slot: IdMap<DocId, u32>,
    doc_refs: Vec<u32>,
    citer: super::citations::Citer,
    code_slot: IdMap<CodeId, u32>,
    cat_slot: IdMap<CategoryId, u16>,
    parents: Vec<u32>,
    levels: Vec<usize>,
    docs_per_code: Vec<BitSet>,
    per_code_cat: Vec<Vec<BitSet>>,
    per_cat: Vec<BitSet>,
    /// Group index of each document in the references table (if grouped).
    doc_group: Option<Vec<usize>>,
    /// Column of each document in the cross-tab (if any).
    doc_value: Option<Vec<usize>>,
}

impl LiveTables {
    pub fn build(p: &Project, scope: &Scope, options: &TableOptions) -> Self {
        let prep = Prepared::new(p, scope);
        let tables = Tables::from_prepared_live(&prep, options);
        let n = prep.n_docs();
        let n_cats = prep.n_categories();
        let mut per_code_cat = vec![vec![BitSet::new(n); prep.codes.len()]; n_cats];
        let mut per_cat = vec![BitSet::new(n); n_cats];
        for c in prep.codings.iter().filter(|c| c.cat != NO_CATEGORY) {
            per_cat[c.cat as usize].insert(c.doc as usize);
            per_code_cat[c.cat as usize][c.code as usize].insert(c.doc as usize);
        }
        for sets in &mut per_code_cat {
            super::prepare::roll_up(&prep, sets);
        }
        let labels = |attr: Option<crate::model::AttrId>, values: &[String]| {
            attr.and_then(|a| p.attribute_def(a)).map(|def| {
                characteristics::labels(&prep, def)
                    .iter()
                    .map(|l| values.iter().position(|v| v == l).unwrap_or(0))
                    .collect::<Vec<_>>()
            })
        };
        let group_values: Vec<String> =
            tables.references.groups[..tables.references.groups.len() - 1].to_vec();
        let doc_group = if group_values.is_empty() {
            None
        } else {
            labels(options.group_by, &group_values)
        };
        let doc_value = tables
            .crosstab
            .as_ref()
            .and_then(|ct| labels(options.crosstab_by, &ct.values));
        Self {
            revision: p.revision,
            options: options.clone(),
            scope: scope.clone(),
            doc_slot: prep
                .docs
                .iter()
                .enumerate()
                .map(|(s, &i)| (p.documents[i].id, s as u32))
                .collect(),
            citer: super::citations::Citer::of(p),
            doc_refs: prep
                .docs
                .iter()
                .map(|&i| p.documents[i].reference)
                .collect(),
            code_slot: prep
                .codes
                .iter()
                .enumerate()
                .map(|(i, (id, _))| (*id, i as u32))
                .collect(),
            cat_slot: p
                .categories
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id, i as u16))
                .collect(),
            parents: prep.parents.clone(),
            levels: prep.codes.iter().map(|(_, l)| *l).collect(),
            docs_per_code: prep.docs_per_code().to_vec(),
            per_code_cat,
            per_cat,
            doc_group,
            doc_value,
            tables,
        }
    }

    /// True when these tables were built for `scope` and `options`.
    pub fn matches(&self, scope: &Scope, options: &TableOptions) -> bool {
        self.scope == *scope && self.options == *options
    }

    /// Adds codings to the tables. Returns false (and changes nothing
    /// useful) when a coding refers to something the tables do not know;
    /// the caller then rebuilds.
    pub fn add(&mut self, codings: &[Coding]) -> bool {
        // A Consensus view depends on both reviewers' codings together:
        // a new coding can settle or open a disagreement, so rebuild.
        if codings
            .iter()
            .any(|c| self.scope.includes_coding(c).is_none())
        {
            return false;
        }
        let known = codings.iter().all(|c| {
            self.scope.includes_coding(c) != Some(true)
                || !self.doc_slot.contains_key(&c.doc)
                || self.code_slot.contains_key(&c.code)
        });
        if !known {
            return false;
        }
        let n_total = self.tables.prevalence.n_total;
        let t = &mut self.tables;
        let combined = t.references.groups.len() - 1;
        for c in codings
            .iter()
            .filter(|c| self.scope.includes_coding(c) == Some(true))
        {
            let Some(&d) = self.doc_slot.get(&c.doc) else {
                continue;
            };
            let i = self.code_slot[&c.code] as usize;
            let k = c
                .category
                .and_then(|k| self.cat_slot.get(&k).copied())
                .map(|k| k as usize);
            let d = d as usize;
            let groups: Vec<usize> = match &self.doc_group {
                Some(g) => vec![g[d], combined],
                None => vec![combined],
            };
            for &g in &groups {
                t.references.totals[g].all += 1;
                if let Some(k) = k {
                    t.references.totals[g].by_category[k] += 1;
                }
            }
            if let Some(k) = k
                && !self.per_cat[k].contains(d)
            {
                self.per_cat[k].insert(d);
                let row = &mut t.prevalence.category_rows[k];
                row.n_documents += 1;
                row.percent = percent(row.n_documents, n_total, 1);
            }
            for a in super::prepare::chain(&self.parents, i as u32) {
                let a = a as usize;
                for &g in &groups {
                    let x = &mut t.references.rows[a].groups[g];
                    x.all += 1;
                    if let Some(k) = k {
                        x.by_category[k] += 1;
                    }
                }
                if let Some(k) = k
                    && !self.per_code_cat[k][a].contains(d)
                {
                    self.per_code_cat[k][a].insert(d);
                    t.prevalence.rows[a].by_category[k] += 1;
                }
                if self.docs_per_code[a].contains(d) {
                    continue;
                }
                // The document holds this code for the first time.
                self.docs_per_code[a].insert(d);
                let row = &mut t.prevalence.rows[a];
                row.n_documents += 1;
                row.percent = percent(row.n_documents, n_total, 1);
                if let (Some(ct), Some(dv)) = (t.crosstab.as_mut(), &self.doc_value) {
                    let r = &mut ct.rows[a];
                    let v = dv[d];
                    r.n[v] += 1;
                    r.column_percent[v] = percent(r.n[v], ct.column_n[v], 1);
                }
                let cite = &mut t.citations[a];
                let reference = self.doc_refs[d];
                if let Err(pos) = cite.references.binary_search(&reference) {
                    cite.references.insert(pos, reference);
                    cite.citations = self.citer.cite(&cite.references);
                }
            }
        }
        // Key codes depend on every code of a level: recompute the flags.
        let total = t.references.totals[combined].all;
        let rf: Vec<f64> = t
            .references
            .rows
            .iter()
            .map(|r| percent_value(r.groups[combined].all, total))
            .collect();
        // Grouped by level in one pass, so a very deep tree stays linear.
        let max_level = self.levels.iter().copied().max().unwrap_or(0);
        let mut by_level: Vec<Vec<f64>> = vec![Vec::new(); max_level + 1];
        for (i, &level) in self.levels.iter().enumerate() {
            by_level[level].push(rf[i]);
        }
        let q3: Vec<f64> = by_level
            .iter()
            .map(|values| upper_quartile(values).unwrap_or(f64::INFINITY))
            .collect();
        for (i, &level) in self.levels.iter().enumerate() {
            t.references.rows[i].key = total > 0 && rf[i] >= q3[level] - 1e-9;
        }
        true
    }
}
