//! Writing references back out as RIS and CSL-JSON, with everything a
//! [`Reference`] holds, so that reading the output gives the same records.

use serde_json::{Map, Value, json};

use super::{Reference, csl, ris};

/// A RIS type as a file may have named it: 2–8 capitals or digits.
fn ris_like(label: &str) -> bool {
    (2..=8).contains(&label.len())
        && label
            .bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// The simple "a–b" page range, split.
fn page_range(pages: &str) -> Option<(&str, &str)> {
    let (a, b) = pages.split_once('–')?;
    let simple =
        |s: &str| !s.is_empty() && !s.contains(|c: char| c.is_whitespace() || c == ',' || c == '–');
    (simple(a) && simple(b) && a != b).then_some((a, b))
}

fn tag(out: &mut String, tag: &str, value: &str) {
    if value.is_empty() {
        return;
    }
    let mut lines = value.split('\n');
    out.push_str(tag);
    out.push_str("  - ");
    out.push_str(lines.next().unwrap_or(""));
    out.push('\n');
    for l in lines {
        // A line that would read as a tag is indented; reading trims it.
        if ris_line_like(l) {
            out.push(' ');
        }
        out.push_str(l);
        out.push('\n');
    }
}

fn ris_line_like(l: &str) -> bool {
    let b = l.as_bytes();
    b.len() >= 4
        && b[0].is_ascii_uppercase()
        && (b[1].is_ascii_uppercase() || b[1].is_ascii_digit())
        && b[2] == b' '
}

/// RIS, one record per `TY` … `ER` block, CRLF-free, UTF-8.
pub fn to_ris(refs: &[Reference]) -> String {
    let mut out = String::new();
    for r in refs {
        let ty = if ris_like(&r.kind_label) && ris::kind(&r.kind_label) == r.kind {
            r.kind_label.as_str()
        } else {
            ris::ty_for(r.kind)
        };
        tag(&mut out, "TY", ty);
        tag(&mut out, "ID", &r.key);
        tag(&mut out, "TI", &r.title);
        for a in &r.authors {
            if a.given.is_empty() && a.family.contains(',') {
                // EndNote's way to keep a corporate name with a comma whole.
                tag(&mut out, "AU", &format!("{},", a.family));
            } else if a.given.is_empty() {
                tag(&mut out, "AU", &a.family);
            } else {
                tag(&mut out, "AU", &format!("{}, {}", a.family, a.given));
            }
        }
        if let Some(y) = r.year {
            tag(&mut out, "PY", &format!("{y:04}"));
        }
        tag(&mut out, "DA", &r.date);
        tag(&mut out, "T2", &r.journal);
        tag(&mut out, "VL", &r.volume);
        tag(&mut out, "IS", &r.issue);
        match page_range(&r.pages) {
            Some((a, b)) => {
                tag(&mut out, "SP", a);
                tag(&mut out, "EP", b);
            }
            None => tag(&mut out, "SP", &r.pages),
        }
        tag(&mut out, "PB", &r.publisher);
        tag(&mut out, "DO", &r.doi);
        tag(&mut out, "UR", &r.url);
        tag(&mut out, "AB", &r.abstract_text);
        for k in &r.keywords {
            tag(&mut out, "KW", k);
        }
        tag(&mut out, "LA", &r.language);
        for f in &r.files {
            tag(&mut out, "L1", &f.path);
        }
        for n in &r.notes {
            tag(&mut out, "N1", n);
        }
        out.push_str("ER  - \n\n");
    }
    out
}

const CSL_TYPES: [&str; 45] = [
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
];

/// A date as CSL date parts: "2019-03-05", "2019/03/05/", "2019 Mar 5".
fn date_parts(date: &str) -> Option<Vec<i64>> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let tokens: Vec<&str> = date
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let (y, rest) = tokens.split_first()?;
    if y.len() != 4 || rest.len() > 2 {
        return None;
    }
    let mut parts = vec![y.parse::<i64>().ok()?];
    if let Some(m) = rest.first() {
        let m = match m.parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                let head = m.get(..3)?.to_ascii_lowercase();
                i64::try_from(MONTHS.iter().position(|x| *x == head)? + 1).ok()?
            }
        };
        if !(1..=12).contains(&m) {
            return None;
        }
        parts.push(m);
    }
    if let Some(d) = rest.get(1) {
        let d = d.parse::<i64>().ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
        parts.push(d);
    }
    Some(parts)
}

fn item(i: usize, r: &Reference) -> Value {
    let mut m = Map::new();
    let mut put = |k: &str, v: &str| {
        if !v.is_empty() {
            m.insert(k.to_owned(), Value::String(v.to_owned()));
        }
    };
    let id = if r.key.is_empty() {
        format!("ref-{}", i + 1)
    } else {
        r.key.clone()
    };
    put("id", &id);
    let ty = if CSL_TYPES.contains(&r.kind_label.as_str()) && csl::kind(&r.kind_label) == r.kind {
        r.kind_label.as_str()
    } else {
        csl::type_for(r.kind)
    };
    put("type", ty);
    put("title", &r.title);
    put("container-title", &r.journal);
    put("volume", &r.volume);
    put("issue", &r.issue);
    put("page", &r.pages);
    put("publisher", &r.publisher);
    put("DOI", &r.doi);
    put("URL", &r.url);
    put("abstract", &r.abstract_text);
    put("language", &r.language);
    // Keywords are read back split on semicolons if there are any, else on
    // commas: a keyword with a comma needs a semicolon in the list.
    let keywords = if r.keywords.iter().any(|k| k.contains(',')) {
        let mut k = r.keywords.join("; ");
        if r.keywords.len() == 1 {
            k.push(';');
        }
        k
    } else {
        r.keywords.join(", ")
    };
    put("keyword", &keywords);
    put("note", &r.notes.join("\n\n"));
    if !r.authors.is_empty() {
        let authors = r
            .authors
            .iter()
            .map(|a| {
                if a.given.is_empty() {
                    json!({ "literal": a.family })
                } else {
                    json!({ "family": a.family, "given": a.given })
                }
            })
            .collect();
        m.insert("author".into(), Value::Array(authors));
    }
    let issued = match (r.year, r.date.as_str()) {
        (_, "") => r.year.map(|y| json!({ "date-parts": [[y]] })),
        (_, d) => Some(match date_parts(d) {
            Some(p) => json!({ "date-parts": [p] }),
            None => json!({ "raw": d }),
        }),
    };
    if let Some(v) = issued {
        m.insert("issued".into(), v);
    }
    let mut custom = Map::new();
    if !r.files.is_empty() {
        let files = r
            .files
            .iter()
            .map(|f| json!({ "path": f.path, "mime": f.mime }))
            .collect();
        custom.insert("files".into(), Value::Array(files));
    }
    if r.notes.len() > 1 {
        custom.insert("notes".into(), json!(r.notes));
    }
    if !custom.is_empty() {
        m.insert("custom".into(), Value::Object(custom));
    }
    Value::Object(m)
}

/// CSL-JSON: a pretty-printed array. Files go in `custom.files` (CSL has
/// no field for them), several notes also in `custom.notes`; a record
/// without a key gets the id `ref-N`.
pub fn to_csl_json(refs: &[Reference]) -> String {
    let items: Vec<Value> = refs.iter().enumerate().map(|(i, r)| item(i, r)).collect();
    serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_else(|_| "[]".to_owned())
}
