//! CSL-JSON as Zotero, Mendeley and citation.js write it: an array of
//! items (or one item). The array is split into its items by a scanner
//! that counts brackets (no recursion), and each item is parsed on its
//! own, so one broken item does not lose the others.

use serde_json::Value;

use super::collect::{Collector, Draft, MAX_RECORD_PARTS};
use super::text;
use super::{Person, RefKind, Reference};

pub(super) fn read(text: &str, out: &mut Collector) {
    let mut lines = text::Lines::default();
    for span in items(text) {
        let slice = &text[span.clone()];
        let span_start = span.start;
        let mut d = Draft::new(span);
        if values_in(slice) > MAX_RECORD_PARTS {
            d.fatal = Some(format!(
                "holds more than {MAX_RECORD_PARTS} JSON values, far more than a reference has, \
                 and was left out."
            ));
            out.push(d);
            continue;
        }
        match serde_json::from_str::<Value>(slice) {
            Ok(Value::Object(item)) => fill(&item, &mut d),
            Ok(_) => {
                d.fatal =
                    Some("is not a CSL-JSON item (an object in braces) and was left out.".into());
            }
            Err(e) => {
                d.fatal = Some(json_error(&e, lines.at(text, span_start)));
            }
        }
        out.push(d);
    }
}

/// "is not valid JSON (trailing comma, line 12) and was left out.", the
/// line counted in the whole file from the item's `first_line`.
fn json_error(e: &serde_json::Error, first_line: usize) -> String {
    let msg = e.to_string();
    let cause = msg.split(" at line ").next().unwrap_or(&msg);
    format!(
        "is not valid JSON ({cause}, line {}) and was left out.",
        first_line + e.line().saturating_sub(1)
    )
}

/// Roughly how many values a JSON text holds: its `,` `:` `[` `{` outside
/// strings. Checked before parsing, because a parsed value takes many
/// times the memory of its text.
fn values_in(json: &str) -> usize {
    let mut n = 0;
    let mut in_str = false;
    let mut escaped = false;
    for &c in json.as_bytes() {
        if in_str {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_str = false;
            }
        } else if c == b'"' {
            in_str = true;
        } else if matches!(c, b',' | b':' | b'[' | b'{') {
            n += 1;
        }
    }
    n
}

/// Byte ranges of the top-level items: the elements of the array, or the
/// whole text when it is one object.
fn items(text: &str) -> Vec<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let Some(first) = b.iter().position(|c| !c.is_ascii_whitespace()) else {
        return Vec::new();
    };
    if b[first] != b'[' {
        let end = text.trim_end().len();
        return std::iter::once(first..end.max(first)).collect();
    }
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    let mut start: Option<usize> = None;
    let mut last_non_ws = first;
    for (i, &c) in b.iter().enumerate().skip(first + 1) {
        if in_str {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_str = false;
            }
            last_non_ws = i;
            continue;
        }
        match c {
            b',' | b']' if depth == 0 => {
                if let Some(s) = start.take() {
                    spans.push(s..last_non_ws + 1);
                }
                if c == b']' {
                    return spans;
                }
                continue;
            }
            b'"' => in_str = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if !c.is_ascii_whitespace() {
            start.get_or_insert(i);
            last_non_ws = i;
        }
    }
    if let Some(s) = start {
        spans.push(s..last_non_ws + 1);
    }
    spans
}

/// A string from a string or a number (CSL allows both for many fields),
/// or the first string of an array (old Mendeley container titles).
fn string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => a.iter().find_map(string),
        _ => None,
    }
}

pub(super) fn kind(t: &str) -> RefKind {
    match t {
        "article-journal" | "review" | "review-book" => RefKind::JournalArticle,
        "book" | "classic" => RefKind::Book,
        "chapter" | "entry-encyclopedia" | "entry-dictionary" | "entry" => RefKind::Chapter,
        "report" | "standard" | "regulation" => RefKind::Report,
        "thesis" => RefKind::Thesis,
        "paper-conference" | "event" => RefKind::Conference,
        "webpage" | "post-weblog" | "post" => RefKind::Webpage,
        "dataset" => RefKind::Dataset,
        "article" => RefKind::Preprint,
        _ => RefKind::Other,
    }
}

/// The CSL type for a kind (used when writing).
pub(super) fn type_for(kind: RefKind) -> &'static str {
    match kind {
        RefKind::JournalArticle => "article-journal",
        RefKind::Book => "book",
        RefKind::Chapter => "chapter",
        RefKind::Report => "report",
        RefKind::Thesis => "thesis",
        RefKind::Conference => "paper-conference",
        RefKind::Webpage => "webpage",
        RefKind::Dataset => "dataset",
        RefKind::Preprint => "article",
        RefKind::Other => "document",
    }
}

fn fill(item: &serde_json::Map<String, Value>, d: &mut Draft) {
    let get = |k: &str| item.get(k).and_then(string).unwrap_or_default();
    let kind_label = text::line(&get("type"));
    d.reference = Reference {
        key: text::line(&get("id")),
        kind: kind(&kind_label),
        kind_label,
        title: text::line(&get("title")),
        journal: text::line(&get("container-title")),
        volume: text::line(&get("volume")),
        issue: text::line(&get("issue")),
        pages: text::pages(&get("page")),
        publisher: text::line(&get("publisher")),
        doi: text::doi(&get("DOI")),
        url: text::line(&get("URL")),
        abstract_text: text::block(&get("abstract")),
        language: text::line(&get("language")),
        ..Reference::default()
    };
    match item.get("author") {
        Some(Value::Array(list)) => {
            for a in list {
                match person(a) {
                    Some(p) => d.add_author(p),
                    None => d.issue(format!("an author entry ({}) could not be read.", short(a))),
                }
            }
        }
        Some(Value::Null) | None => {}
        Some(other) => d.issue(format!("the author list ({}) is not a list.", short(other))),
    }
    for k in text::keywords(&get("keyword")) {
        d.add_keyword(k);
    }
    issued(item.get("issued"), d);
    let custom = item.get("custom").and_then(Value::as_object);
    match custom
        .and_then(|c| c.get("notes"))
        .and_then(Value::as_array)
    {
        Some(notes) => {
            for n in notes.iter().filter_map(string) {
                d.add_note(text::block(&n));
            }
        }
        None => d.add_note(text::block(&get("note"))),
    }
    if let Some(files) = custom
        .and_then(|c| c.get("files"))
        .and_then(Value::as_array)
    {
        for f in files {
            let path = f.get("path").and_then(string).unwrap_or_default();
            let mime = f.get("mime").and_then(string).unwrap_or_default();
            if let Some(a) = text::attachment(&path, &mime) {
                d.add_file(a);
            }
        }
    }
}

/// The start of a JSON value, for messages.
fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

fn person(v: &Value) -> Option<Person> {
    if let Value::String(s) = v {
        return text::inverted_name(s);
    }
    let o = v.as_object()?;
    let part = |k: &str| {
        o.get(k)
            .and_then(string)
            .map(|s| text::line(&s))
            .unwrap_or_default()
    };
    let literal = part("literal");
    if !literal.is_empty() {
        return Some(Person {
            family: literal,
            given: String::new(),
        });
    }
    let family = text::line(&format!(
        "{} {}",
        part("non-dropping-particle"),
        part("family")
    ));
    let mut given = text::line(&format!("{} {}", part("given"), part("dropping-particle")));
    let suffix = part("suffix");
    if !suffix.is_empty() {
        given = format!("{given}, {suffix}");
    }
    match (family.is_empty(), given.is_empty()) {
        (true, true) => None,
        (true, false) => Some(Person {
            family: given,
            given: String::new(),
        }),
        _ => Some(Person { family, given }),
    }
}

fn number(v: &Value) -> Option<i32> {
    match v {
        Value::Number(n) => n.as_i64().and_then(|n| i32::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `issued`: `{"date-parts": [[2019, 3, 5]]}`, `{"raw": "…"}`,
/// `{"literal": "…"}`, or a plain string.
fn issued(v: Option<&Value>, d: &mut Draft) {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return;
    };
    if let Some(parts) = v
        .get("date-parts")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_array)
    {
        let nums: Vec<Option<i32>> = parts.iter().take(3).map(number).collect();
        if let [Some(y), rest @ ..] = nums.as_slice()
            && (0..=9999).contains(y)
            && rest.iter().all(Option::is_some)
        {
            let rest: Vec<i32> = rest.iter().flatten().copied().collect();
            d.reference.year = Some(*y);
            d.reference.date = match rest.as_slice() {
                [m, day] => format!("{y:04}-{m:02}-{day:02}"),
                [m] => format!("{y:04}-{m:02}"),
                _ => String::new(),
            };
            return;
        }
    }
    let raw = match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => ["raw", "literal"]
            .iter()
            .find_map(|k| o.get(*k).and_then(string)),
        _ => None,
    };
    let Some(raw) = raw else {
        d.issue(format!(
            "the date {} could not be read; the record was kept without a year.",
            short(v)
        ));
        return;
    };
    match text::year_of(&raw) {
        Some(y) => {
            d.reference.year = Some(y);
            d.reference.date = text::full_date(&raw);
        }
        None => d.issue(text::bad_year(&raw)),
    }
}
