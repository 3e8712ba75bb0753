//! A BibTeX entry's fields to a [`Reference`]: types, dates, the `file`
//! field in Zotero's, JabRef's, Mendeley's and Better BibTeX's forms.

use std::ops::Range;

use super::{RawEntry, latex, names};
use crate::io::references::collect::Draft;
use crate::io::references::text;
use crate::io::references::{Attachment, RefKind, Reference};

fn kind(entry_type: &str) -> RefKind {
    match entry_type.to_ascii_lowercase().as_str() {
        "article" => RefKind::JournalArticle,
        "book" | "mvbook" | "booklet" | "collection" | "mvcollection" => RefKind::Book,
        "inbook" | "incollection" | "bookinbook" | "suppbook" | "suppcollection" => {
            RefKind::Chapter
        }
        "techreport" | "report" => RefKind::Report,
        "phdthesis" | "mastersthesis" | "thesis" => RefKind::Thesis,
        "inproceedings" | "conference" | "proceedings" | "mvproceedings" => RefKind::Conference,
        "online" | "electronic" | "www" | "webpage" => RefKind::Webpage,
        "dataset" | "data" => RefKind::Dataset,
        _ => RefKind::Other,
    }
}

/// Servers whose papers are preprints (`eprinttype`, `archiveprefix` or,
/// in Zotero's export, the publisher of a `@misc`).
fn preprint_server(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    [
        "arxiv",
        "biorxiv",
        "medrxiv",
        "psyarxiv",
        "socarxiv",
        "ssrn",
        "osf preprints",
        "research square",
        "preprints.org",
    ]
    .iter()
    .any(|p| s == *p)
}

pub(super) fn draft(e: RawEntry, span: Range<usize>, closed_early: bool) -> Draft {
    let mut d = Draft::new(span);
    let line = |names: &[&str]| e.get(names).map(latex::line).unwrap_or_default();
    let mut kind = kind(&e.kind);
    if matches!(kind, RefKind::Other | RefKind::Webpage)
        && ["eprinttype", "archiveprefix", "publisher"]
            .iter()
            .filter_map(|f| e.get(&[f]))
            .any(|v| preprint_server(&latex::line(v)))
    {
        kind = RefKind::Preprint;
    }
    d.reference = Reference {
        key: e.key.clone(),
        kind,
        kind_label: e.kind.clone(),
        title: line(&["title"]),
        journal: line(&["journaltitle", "journal", "booktitle"]),
        volume: line(&["volume"]),
        issue: line(&["issue", "number"]),
        pages: text::pages(&line(&["pages"])),
        publisher: line(&["publisher", "institution", "school", "organization"]),
        doi: e
            .get(&["doi"])
            .map(|v| text::doi(&latex::verbatim(v)))
            .unwrap_or_default(),
        url: e
            .get(&["url"])
            .map(|v| {
                latex::verbatim(v)
                    .split(' ')
                    .next()
                    .unwrap_or("")
                    .to_owned()
            })
            .unwrap_or_default(),
        abstract_text: e.get(&["abstract"]).map(latex::block).unwrap_or_default(),
        language: line(&["language", "langid"]),
        ..Reference::default()
    };
    for p in e.get(&["author"]).map(names::people).unwrap_or_default() {
        d.add_author(p);
    }
    for k in e
        .get(&["keywords"])
        .map(|v| text::keywords(&latex::to_text(v)))
        .unwrap_or_default()
    {
        d.add_keyword(k);
    }
    for f in e.get(&["file"]).map(files).unwrap_or_default() {
        d.add_file(f);
    }
    for (name, v) in &e.fields {
        if matches!(name.as_str(), "note" | "annote" | "annotation") {
            d.add_note(latex::block(v));
        }
    }
    date(&e, &mut d);
    d.issues.extend(e.issues);
    if closed_early {
        d.issue("a closing brace ends the entry early; fields after it were not read.");
    }
    d
}

/// Month from "3", "03", "mar", "March" (BibTeX macros already expanded).
fn month(s: &str) -> Option<u32> {
    let t = s.trim().to_ascii_lowercase();
    if let Ok(n) = t.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let head = t.get(..3)?;
    NAMES
        .iter()
        .position(|m| *m == head)
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn date(e: &RawEntry, d: &mut Draft) {
    let year_field = e.get(&["year"]).map(latex::line);
    let date_field = e.get(&["date"]).map(latex::line);
    let r = &mut d.reference;
    if let Some(y) = &year_field {
        r.year = text::year_of(y);
    }
    if r.year.is_none()
        && let Some(dt) = &date_field
    {
        r.year = text::year_of(dt);
    }
    if r.year.is_none() {
        if let Some(v) = year_field.as_ref().or(date_field.as_ref()) {
            d.issue(text::bad_year(v));
        }
        return;
    }
    if let Some(dt) = &date_field {
        let full = text::full_date(dt);
        if !full.is_empty() {
            r.date = full;
            return;
        }
    }
    let Some(m) = e.get(&["month"]).map(latex::line) else {
        return;
    };
    let Some(mn) = month(&m) else {
        d.issue(format!(
            "the month “{m}” could not be read; only the year was kept."
        ));
        return;
    };
    let y = r.year.unwrap_or_default();
    r.date = match e
        .get(&["day"])
        .map(latex::line)
        .and_then(|s| s.parse::<u32>().ok())
    {
        Some(day) if (1..=31).contains(&day) => format!("{y:04}-{mn:02}-{day:02}"),
        _ => format!("{y:04}-{mn:02}"),
    };
}

/// Splits at unescaped `sep`, decoding `\x` escapes of non-alphanumerics
/// (Zotero escapes `\ : ; $`; `\U` in a Windows path stays as written).
fn split_escaped(s: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let cur = parts.last_mut();
        let Some(cur) = cur else { break };
        match c {
            '\\' => match chars.peek() {
                Some(n) if !(n.is_ascii_alphanumeric() || *n == '.') => {
                    cur.push('\\');
                    if let Some(n) = chars.next() {
                        cur.push(n);
                    }
                }
                _ => cur.push('\\'),
            },
            c if c == sep => parts.push(String::new()),
            _ => cur.push(c),
        }
    }
    parts
}

/// Removes the backslash of `\x` escapes that `split_escaped` kept.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(n) = chars.peek().copied()
            && !(n.is_ascii_alphanumeric() || n == '.')
        {
            out.push(n);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// The `file` field: `Description:path:type` entries separated by `;`
/// (Zotero, JabRef, Mendeley's `:C$\backslash$:/…:pdf`), or plain paths
/// (Better BibTeX).
pub(super) fn files(raw: &str) -> Vec<Attachment> {
    let s = raw
        .replace("$\\backslash$", "\\")
        .replace("{\\_}", "_")
        .replace("\\_", "_");
    let s: String = s.chars().filter(|c| *c != '{' && *c != '}').collect();
    // A line break in a value is a space to BibTeX (a wrapped long path).
    let s = s
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    split_escaped(&s, ';')
        .iter()
        .filter_map(|entry| {
            let parts = split_escaped(entry, ':');
            let (path, mime) = match parts.as_slice() {
                [_, middle @ .., mime] if parts.len() >= 3 => (middle.join(":"), mime.clone()),
                _ => (entry.clone(), String::new()),
            };
            text::attachment(&unescape(path.trim()), &unescape(&mime))
        })
        .collect()
}
