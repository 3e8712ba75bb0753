//! The included studies out as RIS or CSL-JSON.

use crate::io::references::Reference;
use crate::model::{Document, Project};

/// The record a study is exported as: its imported record (if any) with
/// the title and the import attributes as the project holds them now.
pub fn reference_of(p: &Project, d: &Document) -> Reference {
    let mut r = d.bib.as_deref().cloned().unwrap_or_default();
    r.record = usize::try_from(d.reference).unwrap_or(0);
    r.title = d.title.clone();
    if r.key.is_empty() {
        r.key = format!("thema{}", d.reference);
    }
    let value = |name: &str| {
        p.attribute_by_name(name)
            .map(|a| d.attribute(a.id).trim().to_owned())
            .unwrap_or_default()
    };
    if let Ok(y) = value("Year").parse::<i32>() {
        r.year = Some(y);
    }
    for (name, field) in [("Journal", &mut r.journal), ("DOI", &mut r.doi)] {
        let v = value(name);
        if !v.is_empty() {
            *field = v;
        }
    }
    let kw = value("Keywords");
    if !kw.is_empty() {
        r.keywords = kw
            .split(';')
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty())
            .collect();
    }
    if r.authors.is_empty() {
        r.authors = authors_from_short_ref(&d.short_ref);
    }
    if r.abstract_text.is_empty()
        && let Some(a) = d.memo.strip_prefix("Abstract: ")
    {
        r.abstract_text = a.split("\n\n").next().unwrap_or(a).to_owned();
    }
    r
}

/// The project's studies as RIS (`csl` false) or CSL-JSON, in reference
/// order.
pub fn export(p: &Project, csl: bool) -> String {
    let mut docs: Vec<&Document> = p.documents.iter().collect();
    docs.sort_by_key(|d| d.reference);
    let refs: Vec<Reference> = docs.iter().map(|d| reference_of(p, d)).collect();
    if csl {
        crate::io::references::to_csl_json(&refs)
    } else {
        crate::io::references::to_ris(&refs)
    }
}

/// The authors a short reference names ("Smith and Jones 2019" → Smith,
/// Jones; "Smith et al. 2019" → Smith), for studies that came without a
/// record; none when it does not end in a year.
fn authors_from_short_ref(short: &str) -> Vec<crate::model::bib::Person> {
    let words: Vec<&str> = short.split_whitespace().collect();
    let Some((last, rest)) = words.split_last() else {
        return Vec::new();
    };
    let year = last.trim_end_matches(|c: char| c.is_ascii_lowercase());
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) || rest.is_empty() {
        return Vec::new();
    }
    let names = rest.join(" ");
    let names = names.trim_end_matches("et al.").trim();
    names
        .split(" and ")
        .map(|n| crate::model::bib::Person {
            family: n.trim().to_owned(),
            given: String::new(),
        })
        .filter(|p| !p.family.is_empty())
        .collect()
}
