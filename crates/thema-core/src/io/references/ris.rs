//! RIS, as Zotero, EndNote, Mendeley, Rayyan and the databases write it:
//! `TY  - JOUR` … `ER  - `, one tag a line. Tolerated: CRLF or CR line
//! ends, a missing space after the dash, continuation lines (a line
//! without a tag continues the field before it), a missing final `ER`, and
//! a record that starts without `TY`.

use super::collect::{Collector, Draft, MAX_RECORD_PARTS, too_many_parts};
use super::text;
use super::{RefKind, Reference};

/// The first tagged line (within the first 50 non-blank ones) is `TY`.
pub(super) fn looks_like(t: &str) -> bool {
    t.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .take(50)
        .find_map(tag_line)
        .is_some_and(|(tag, _)| tag == "TY")
}

/// `XY  - value`: a capital, a capital or digit, one or two spaces, a dash,
/// then the value (the space after the dash may be missing).
fn tag_line(line: &str) -> Option<(&str, &str)> {
    let b = line.as_bytes();
    if b.len() < 4
        || !b[0].is_ascii_uppercase()
        || !(b[1].is_ascii_uppercase() || b[1].is_ascii_digit())
    {
        return None;
    }
    let spaces = b[2..].iter().take_while(|c| **c == b' ').count();
    if !(1..=2).contains(&spaces) || b.get(2 + spaces) != Some(&b'-') {
        return None;
    }
    Some((&line[..2], line[3 + spaces..].trim()))
}

/// Lines with the byte offset each starts at; `\r\n`, `\n` and `\r` end a
/// line.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= b.len() {
            return None;
        }
        let start = pos;
        let mut end = start;
        while end < b.len() && b[end] != b'\n' && b[end] != b'\r' {
            end += 1;
        }
        pos = end;
        if pos < b.len() && b[pos] == b'\r' {
            pos += 1;
        }
        if pos < b.len() && b[pos] == b'\n' && (pos == end || b[end] == b'\r') {
            pos += 1;
        }
        Some((start, &text[start..end]))
    })
}

/// The tags of one record as read, continuation lines joined in.
struct Raw {
    start: usize,
    end: usize,
    fields: Vec<(String, String)>,
    blank_lines: usize,
    /// Tagged lines beyond `MAX_RECORD_PARTS`, not kept.
    skipped: usize,
}

impl Raw {
    fn new(start: usize) -> Self {
        Self {
            start,
            end: start,
            fields: Vec::new(),
            blank_lines: 0,
            skipped: 0,
        }
    }

    fn continue_field(&mut self, line: &str) {
        if self.skipped > 0 {
            return;
        }
        if let Some((_, v)) = self.fields.last_mut() {
            if !v.is_empty() {
                v.push('\n');
                for _ in 0..self.blank_lines {
                    v.push('\n');
                }
            }
            v.push_str(line);
        }
        self.blank_lines = 0;
    }

    /// Values of the first of `tags` that has a non-empty value.
    fn first(&self, tags: &[&str]) -> Option<&str> {
        tags.iter().find_map(|t| {
            self.fields
                .iter()
                .find(|(tag, v)| tag == t && !v.trim().is_empty())
                .map(|(_, v)| v.as_str())
        })
    }

    fn all<'s>(&'s self, tags: &'s [&str]) -> impl Iterator<Item = &'s str> + 's {
        self.fields
            .iter()
            .filter(|(tag, _)| tags.contains(&tag.as_str()))
            .map(|(_, v)| v.as_str())
    }
}

pub(super) fn read(text: &str, out: &mut Collector) {
    let mut cur: Option<Raw> = None;
    for (start, line) in lines(text) {
        if let Some((tag, value)) = tag_line(line.trim_end()) {
            if tag == "ER" {
                if let Some(mut r) = cur.take() {
                    r.end = start + line.len();
                    out.push(record(&r));
                }
                continue;
            }
            if tag == "TY"
                && let Some(r) = cur.take()
            {
                out.push(record(&r));
            }
            let r = cur.get_or_insert_with(|| Raw::new(start));
            if r.fields.len() < MAX_RECORD_PARTS {
                r.fields.push((tag.to_owned(), value.to_owned()));
            } else {
                r.skipped += 1;
            }
            r.blank_lines = 0;
            r.end = start + line.len();
        } else if let Some(r) = cur.as_mut() {
            let l = line.trim();
            if l.is_empty() {
                r.blank_lines += 1;
            } else {
                r.continue_field(l);
                r.end = start + line.len();
            }
        }
    }
    if let Some(r) = cur.take() {
        out.push(record(&r));
    }
}

pub(super) fn kind(ty: &str) -> RefKind {
    match ty.to_ascii_uppercase().as_str() {
        "JOUR" | "JFULL" | "EJOUR" | "ABST" => RefKind::JournalArticle,
        "BOOK" | "EBOOK" | "EDBOOK" | "CLSWK" | "SER" => RefKind::Book,
        "CHAP" | "ECHAP" => RefKind::Chapter,
        "RPRT" | "GOVDOC" | "STAND" => RefKind::Report,
        "THES" => RefKind::Thesis,
        "CONF" | "CPAPER" => RefKind::Conference,
        "ELEC" | "WEB" | "BLOG" => RefKind::Webpage,
        "DATA" | "DBASE" => RefKind::Dataset,
        "INPR" => RefKind::Preprint,
        _ => RefKind::Other,
    }
}

/// The RIS type for a kind (used when writing).
pub(super) fn ty_for(kind: RefKind) -> &'static str {
    match kind {
        RefKind::JournalArticle => "JOUR",
        RefKind::Book => "BOOK",
        RefKind::Chapter => "CHAP",
        RefKind::Report => "RPRT",
        RefKind::Thesis => "THES",
        RefKind::Conference => "CONF",
        RefKind::Webpage => "ELEC",
        RefKind::Dataset => "DATA",
        RefKind::Preprint => "INPR",
        RefKind::Other => "GEN",
    }
}

fn is_web_link(s: &str) -> bool {
    let t = s.trim();
    ["http://", "https://", "ftp://", "www."]
        .iter()
        .any(|p| text::strip_prefix_ci(t, p).is_some())
}

fn first_line(s: &str) -> &str {
    s.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

fn record(raw: &Raw) -> Draft {
    let mut d = Draft::new(raw.start..raw.end.max(raw.start));
    if raw.skipped > 0 {
        d.issue(too_many_parts("tagged lines", raw.skipped));
    }
    let get = |tags: &[&str]| raw.first(tags).unwrap_or("");
    let kind_label = text::line(get(&["TY"]));
    let kind = kind(&kind_label);
    let mut title = text::line(get(&["TI", "T1", "CT"]));
    if title.is_empty() && kind == RefKind::Book {
        title = text::line(get(&["BT"]));
    }
    d.reference = Reference {
        key: text::line(get(&["ID"])),
        kind,
        kind_label,
        title,
        journal: text::line(get(&["JF", "T2", "JO", "BT", "JA", "J2"])),
        volume: text::line(get(&["VL"])),
        issue: text::line(get(&["IS"])),
        pages: text::join_pages(get(&["SP"]), get(&["EP"])),
        publisher: text::line(get(&["PB"])),
        url: first_line(get(&["UR"])).to_owned(),
        abstract_text: text::block(get(&["AB", "N2"])),
        language: text::line(get(&["LA"])),
        ..Reference::default()
    };
    let mut doi = text::doi(first_line(get(&["DO"])));
    if doi.is_empty() {
        let m3 = text::doi(first_line(get(&["M3"])));
        if m3.starts_with("10.") {
            doi = m3;
        }
    }
    d.reference.doi = doi;
    dates(raw, &mut d);
    let people: Vec<_> = raw
        .all(&["AU", "A1"])
        .flat_map(str::lines)
        .filter_map(text::inverted_name)
        .collect();
    for p in people {
        d.add_author(p);
    }
    // One keyword a tag (or a line, or between semicolons, as Zotero
    // reads them); commas belong to headings like "Diabetes Mellitus, Type 2".
    let words: Vec<String> = raw
        .all(&["KW"])
        .flat_map(|v| v.split(['\n', '\r', ';']))
        .map(text::line)
        .filter(|k| !k.is_empty())
        .collect();
    for k in words {
        d.add_keyword(k);
    }
    // L2 is a full-text link in most exports, but Zotero's "Export with
    // files" puts HTML snapshots there: only a local path is a file.
    let files: Vec<_> = raw
        .fields
        .iter()
        .filter(|(tag, _)| matches!(tag.as_str(), "L1" | "L2" | "L4" | "LK"))
        .flat_map(|(tag, v)| v.lines().map(move |l| (tag, l)))
        .filter(|(tag, l)| *tag != "L2" || !is_web_link(l))
        .filter_map(|(_, p)| text::attachment(p, ""))
        .collect();
    for f in files {
        d.add_file(f);
    }
    let notes: Vec<String> = raw.all(&["N1", "RN"]).map(text::block).collect();
    for n in notes {
        d.add_note(n);
    }
    d
}

fn dates(raw: &Raw, d: &mut Draft) {
    let given: Vec<&str> = ["PY", "Y1", "DA"]
        .iter()
        .filter_map(|t| raw.first(&[*t]))
        .collect();
    match given.iter().find_map(|v| text::year_of(v)) {
        Some(y) => d.reference.year = Some(y),
        None => {
            if let Some(v) = given.first() {
                d.issue(text::bad_year(v));
            }
        }
    }
    d.reference.date = ["DA", "Y1", "PY"]
        .iter()
        .filter_map(|t| raw.first(&[*t]))
        .map(text::full_date)
        .find(|s| !s.is_empty())
        .unwrap_or_default();
}
