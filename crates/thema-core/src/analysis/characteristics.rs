//! Study characteristics: for each attribute, each value with n and % of
//! the documents in scope. Number attributes with bins are grouped into the
//! ranges the reviewer set (1997–2004, 2005–2009, ...).

use super::prepare::Prepared;
use super::rounding::percent;
use crate::model::{AttrId, AttrKind, AttributeDef, Document};

/// Label for a document without a value.
pub const NOT_REPORTED: &str = "Not reported";
/// Label for a number that falls in no bin.
pub const OTHER: &str = "Other";

/// The label a document's value takes in tables (bin label, or the value).
pub fn value_label(def: &AttributeDef, doc: &Document) -> String {
    let raw = doc.attribute(def.id).trim();
    if raw.is_empty() {
        return NOT_REPORTED.to_owned();
    }
    if matches!(def.kind, AttrKind::Number) && !def.bins.is_empty() {
        return match raw.parse::<f64>() {
            Ok(v) => def
                .bins
                .iter()
                .find(|b| b.contains(v))
                .map(super::super::model::project::Bin::label)
                .unwrap_or_else(|| OTHER.to_owned()),
            Err(_) => OTHER.to_owned(),
        };
    }
    raw.to_owned()
}

/// The labels of an attribute in table order: bins or choices first (all of
/// them, even when no document has them), then other values seen, then
/// "Other" and "Not reported" when present.
pub fn value_order(def: &AttributeDef, seen: &[String]) -> Vec<String> {
    let mut out: Vec<String> = match &def.kind {
        AttrKind::Number if !def.bins.is_empty() => def
            .bins
            .iter()
            .map(super::super::model::project::Bin::label)
            .collect(),
        AttrKind::Choice(choices) => choices.clone(),
        _ => Vec::new(),
    };
    let mut rest: Vec<&String> = seen
        .iter()
        .filter(|v| !out.contains(v) && v.as_str() != OTHER && v.as_str() != NOT_REPORTED)
        .collect();
    rest.sort_by(|a, b| match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.total_cmp(&y),
        _ => a.to_lowercase().cmp(&b.to_lowercase()),
    });
    rest.dedup();
    out.extend(rest.into_iter().cloned());
    for tail in [OTHER, NOT_REPORTED] {
        if seen.iter().any(|v| v == tail) {
            out.push(tail.to_owned());
        }
    }
    out
}

/// One value of an attribute.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueRow {
    pub value: String,
    pub n: usize,
    /// n / N, one decimal.
    pub percent: String,
    /// Dense indices of the documents with this value (for drill-down).
    pub docs: Vec<u32>,
}

/// One attribute's block of the characteristics table.
#[derive(Clone, Debug, PartialEq)]
pub struct AttributeBlock {
    pub attr: AttrId,
    pub name: String,
    pub rows: Vec<ValueRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CharacteristicsTable {
    pub n_total: usize,
    pub attributes: Vec<AttributeBlock>,
}

impl CharacteristicsTable {
    pub fn block(&self, name: &str) -> Option<&AttributeBlock> {
        self.attributes.iter().find(|a| a.name == name)
    }
}

/// Labels of every document in scope for one attribute, by dense index.
pub fn labels(prep: &Prepared<'_>, def: &AttributeDef) -> Vec<String> {
    // Bin labels are formatted once, not once per document.
    let bin_labels: Vec<String> = def
        .bins
        .iter()
        .map(super::super::model::project::Bin::label)
        .collect();
    let binned = matches!(def.kind, AttrKind::Number) && !def.bins.is_empty();
    (0..prep.n_docs())
        .map(|i| {
            let doc = prep.doc(i as u32);
            if !binned {
                return value_label(def, doc);
            }
            let raw = doc.attribute(def.id).trim();
            if raw.is_empty() {
                return NOT_REPORTED.to_owned();
            }
            raw.parse::<f64>()
                .ok()
                .and_then(|v| def.bins.iter().position(|b| b.contains(v)))
                .map(|k| bin_labels[k].clone())
                .unwrap_or_else(|| OTHER.to_owned())
        })
        .collect()
}

pub fn characteristics(prep: &Prepared<'_>) -> CharacteristicsTable {
    let n_total = prep.n_docs();
    let attributes = prep
        .project
        .attributes
        .iter()
        .map(|def| {
            let labels = labels(prep, def);
            let rows = value_order(def, &labels)
                .into_iter()
                .map(|value| {
                    let docs: Vec<u32> = labels
                        .iter()
                        .enumerate()
                        .filter(|(_, l)| **l == value)
                        .map(|(i, _)| i as u32)
                        .collect();
                    ValueRow {
                        n: docs.len(),
                        percent: percent(docs.len(), n_total, 1),
                        value,
                        docs,
                    }
                })
                .collect();
            AttributeBlock {
                attr: def.id,
                name: def.name.clone(),
                rows,
            }
        })
        .collect();
    CharacteristicsTable {
        n_total,
        attributes,
    }
}
