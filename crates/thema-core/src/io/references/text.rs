//! Helpers every reader shares: decoding the bytes, tidying whitespace,
//! DOIs, years, pages, "Family, Given" names and attachment paths.

use std::ops::Range;

use super::{Attachment, Person};

/// The file's text, the byte ranges of it that were not UTF-8 and were
/// read as Windows-1252, and a note for the file as a whole.
pub(super) struct Decoded {
    pub text: String,
    pub fallback: Vec<Range<usize>>,
    pub note: Option<String>,
}

/// UTF-8 with or without BOM, UTF-16 with BOM; bytes that are not UTF-8
/// are read one run at a time as Windows-1252, so a mostly-UTF-8 file
/// keeps its good accents and a Windows-1252 file reads right.
pub(super) fn decode(bytes: &[u8]) -> Decoded {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes)
        && enc != encoding_rs::UTF_8
    {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        let note = had_errors.then(|| {
            format!(
                "The file is {} but some of its characters could not be read; \
                 they are shown as “\u{FFFD}”.",
                enc.name()
            )
        });
        return Decoded {
            text: text.into_owned(),
            fallback: Vec::new(),
            note,
        };
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut text = String::with_capacity(bytes.len());
    let mut fallback: Vec<Range<usize>> = Vec::new();
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            let start = text.len();
            let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(chunk.invalid());
            text.push_str(&s);
            match fallback.last_mut() {
                Some(last) if last.end == start => last.end = text.len(),
                _ => fallback.push(start..text.len()),
            }
        }
    }
    Decoded {
        text,
        fallback,
        note: None,
    }
}

/// Line numbers of byte positions met in increasing order, counted from
/// where the last one was (so numbering every record stays linear).
#[derive(Default)]
pub(super) struct Lines {
    pos: usize,
    line: usize,
}

impl Lines {
    /// The 1-based line of `pos` in `text`.
    pub fn at(&mut self, text: &str, pos: usize) -> usize {
        let pos = pos.min(text.len());
        if pos < self.pos {
            *self = Self::default();
        }
        self.line += text.as_bytes()[self.pos..pos]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.pos = pos;
        self.line + 1
    }
}

/// "64 MiB", "1.5 KiB", "12 bytes".
pub(super) fn size(n: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * 1024;
    let (unit, name) = if n >= MIB {
        (MIB, "MiB")
    } else if n >= KIB {
        (KIB, "KiB")
    } else {
        return format!("{n} bytes");
    };
    let tenths = (n * 10 + unit / 2) / unit;
    if tenths.is_multiple_of(10) {
        format!("{} {name}", tenths / 10)
    } else {
        format!("{}.{} {name}", tenths / 10, tenths % 10)
    }
}

/// Whitespace runs to one space, trimmed.
pub(super) fn line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A block of text (abstract, note): each line's whitespace collapsed,
/// runs of blank lines to one, no blank lines at the ends.
pub(super) fn block(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for l in s.split(['\n', '\r']).map(line) {
        if l.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&l);
    }
    out
}

/// Strips `prefix` from the start of `s`, ignoring ASCII case.
pub(super) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// `%XX` escapes decoded (invalid ones kept as written).
pub(super) fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A DOI without resolver or `doi:` prefixes, lower-case.
pub(super) fn doi(s: &str) -> String {
    const PREFIXES: [&str; 9] = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi.org/",
        "dx.doi.org/",
        "info:doi/",
        "doi:",
        "doi ",
    ];
    let mut t = line(s);
    let mut from_url = false;
    'strip: loop {
        for p in PREFIXES {
            if let Some(rest) = strip_prefix_ci(&t, p) {
                from_url |= p.contains('/');
                t = rest.trim_start().to_owned();
                continue 'strip;
            }
        }
        break;
    }
    if from_url && t.contains('%') {
        t = percent_decode(&t);
    }
    t.to_lowercase()
}

/// The first run of exactly four digits, as a year.
pub(super) fn year_of(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                return s[start..i].parse().ok();
            }
        } else {
            i += 1;
        }
    }
    None
}

/// The date as written when it says more than the year, else "".
pub(super) fn full_date(s: &str) -> String {
    let t = line(s);
    let digits = t.bytes().filter(u8::is_ascii_digit).count();
    if year_of(&t).is_some() && digits > 4 {
        t
    } else {
        String::new()
    }
}

/// The message for a date field whose year cannot be read.
pub(super) fn bad_year(value: &str) -> String {
    format!(
        "the year “{}” could not be read; the record was kept without a year.",
        line(value)
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‐' | '‑')
}

/// Page ranges with an en dash: "12-19", "12--19", "12 – 19" → "12–19".
/// Anything else (several ranges, article numbers) is kept as written.
pub(super) fn pages(s: &str) -> String {
    let t = line(s);
    let runs = t
        .char_indices()
        .filter(|&(i, c)| is_dash(c) && !t[..i].ends_with(is_dash))
        .count();
    if runs == 1
        && let Some(i) = t.find(is_dash)
    {
        let a = t[..i].trim();
        let b = t[i..].trim_start_matches(is_dash).trim();
        if !a.is_empty() && !b.is_empty() {
            return format!("{a}–{b}");
        }
    }
    t
}

/// Pages from a start and an end page (RIS SP/EP).
pub(super) fn join_pages(start: &str, end: &str) -> String {
    let (s, e) = (line(start), line(end));
    if s.is_empty() {
        return pages(&e);
    }
    if e.is_empty() || s.contains(is_dash) || s == e {
        return pages(&s);
    }
    pages(&format!("{s}–{e}"))
}

/// "Smith, John" → Smith / John; "World Health Organization" (no comma)
/// or "Ministry of Health, Ghana," (EndNote's trailing comma) → a
/// corporate author.
pub(super) fn inverted_name(s: &str) -> Option<Person> {
    let t = line(s);
    let t = t.trim_start_matches([',', ' ']);
    if t.is_empty() {
        return None;
    }
    // EndNote's mark of a corporate name, which may hold commas itself:
    // "Ministry of Health, Ghana,".
    if let Some(name) = t.strip_suffix(',') {
        return Some(Person {
            family: name.trim_end_matches([',', ' ']).replace(",,", ","),
            given: String::new(),
        });
    }
    let (family, given) = match t.split_once(',') {
        Some((f, g)) => (f.trim().to_owned(), g.trim().to_owned()),
        None => (t.to_owned(), String::new()),
    };
    Some(Person { family, given })
}

/// Words of a keyword field: split on semicolons if there are any, else on
/// commas (and always on line breaks).
pub(super) fn keywords(s: &str) -> Vec<String> {
    let sep = if s.contains(';') { ';' } else { ',' };
    s.split(['\n', '\r', sep])
        .map(line)
        .filter(|k| !k.is_empty())
        .collect()
}

/// An attachment from a path or URL as a file names it, with the MIME type
/// it gave (`application/pdf`, Mendeley's `pdf`) or else the extension's.
pub(super) fn attachment(raw: &str, mime_hint: &str) -> Option<Attachment> {
    let p = raw.trim();
    if p.is_empty() {
        return None;
    }
    let path = match strip_prefix_ci(p, "file://") {
        Some(rest) => {
            let d = percent_decode(rest);
            let d = d
                .strip_prefix("localhost/")
                .map_or(d.clone(), |r| format!("/{r}"));
            let b = d.as_bytes();
            if b.len() >= 3 && b[0] == b'/' && b[1].is_ascii_alphabetic() && b[2] == b':' {
                d[1..].to_owned()
            } else {
                d
            }
        }
        None => p.to_owned(),
    };
    // No line breaks in a path: a wrapped line is joined with a space.
    let path = path
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if path.is_empty() {
        return None;
    }
    let hint = mime_hint.trim().to_ascii_lowercase();
    let mime = if hint.contains('/') {
        hint
    } else {
        match hint.as_str() {
            "pdf" => "application/pdf".to_owned(),
            "html" | "htm" => "text/html".to_owned(),
            _ => mime_of(&path).to_owned(),
        }
    };
    Some(Attachment { path, mime })
}

/// The MIME type a file's extension suggests, or "".
pub(super) fn mime_of(path: &str) -> &'static str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "html" | "htm" => "text/html",
        "epub" => "application/epub+zip",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "doc" => "application/msword",
        "txt" => "text/plain",
        "rtf" => "application/rtf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        _ => "",
    }
}
