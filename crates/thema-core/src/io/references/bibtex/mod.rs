//! BibTeX and BibLaTeX as Zotero, Better BibTeX, Mendeley and JabRef write
//! them: `@type{key, field = {value} # macro, …}` with braces or quotes,
//! `@string` macros, `@comment` and `@preamble` skipped.
//!
//! The scanner is a loop over bytes: brace nesting is a counter (capped at
//! [`MAX_DEPTH`]), never recursion. An entry that cannot be read — braces
//! that do not close, a missing `=` — becomes a problem, and reading goes
//! on at the next `@` at the start of a line.

mod fields;
mod latex;
mod names;

use std::collections::HashMap;

use super::Reference;
use super::collect::{Collector, Draft, MAX_RECORD_PARTS, too_many_parts};

/// Deepest brace nesting read in a value. Real titles use two or three.
pub(super) const MAX_DEPTH: usize = 64;

/// `@word{` or `@word(` somewhere in the text.
pub(super) fn looks_like(t: &str) -> bool {
    let b = t.as_bytes();
    let mut from = 0;
    while let Some(i) = t[from..].find('@').map(|i| i + from) {
        let mut j = i + 1;
        while j < b.len() && b[j].is_ascii_alphabetic() {
            j += 1;
        }
        let named = j > i + 1;
        while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
            j += 1;
        }
        if named && j < b.len() && (b[j] == b'{' || b[j] == b'(') {
            return true;
        }
        from = i + 1;
    }
    false
}

/// An entry as written: type, key and raw field values (macros expanded,
/// `#` parts joined, LaTeX not yet decoded).
pub(super) struct RawEntry {
    pub kind: String,
    pub key: String,
    pub fields: Vec<(String, String)>,
    /// Clauses about fields that could not be read whole.
    pub issues: Vec<String>,
}

impl RawEntry {
    /// The first non-empty value of the first of `names` that has one.
    pub fn get(&self, names: &[&str]) -> Option<&str> {
        names.iter().find_map(|n| {
            self.fields
                .iter()
                .find(|(k, v)| k == n && !v.trim().is_empty())
                .map(|(_, v)| v.as_str())
        })
    }
}

/// Why an entry could not be read.
struct Broken(String);

struct Scanner<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    macros: HashMap<String, String>,
}

pub(super) fn read(text: &str, out: &mut Collector) {
    let mut sc = Scanner {
        s: text,
        b: text.as_bytes(),
        pos: 0,
        macros: month_macros(),
    };
    let mut lines = super::text::Lines::default();
    while let Some(at) = sc.s[sc.pos..].find('@').map(|i| i + sc.pos) {
        sc.pos = at + 1;
        sc.skip_ws();
        let kind = sc.ident().to_owned();
        sc.skip_ws();
        let close = match sc.peek() {
            Some(b'{') => b'}',
            Some(b'(') => b')',
            _ => continue, // an @ in free text (an e-mail address, a comment)
        };
        sc.pos += 1;
        match kind.to_ascii_lowercase().as_str() {
            "" => {}
            "comment" | "preamble" => {
                if sc.skip_group(close).is_err() {
                    sc.resync(at);
                }
            }
            "string" => {
                if let Err(Broken(why)) = sc.string_def(close) {
                    out.file_problem(format!(
                        "An @string abbreviation near line {} could not be read ({why}); \
                         entries that use it may lack text.",
                        lines.at(text, at)
                    ));
                    sc.resync(at);
                }
            }
            _ => match sc.entry(kind, close) {
                Ok(e) => {
                    let span = at..sc.pos;
                    let trailing = sc.early_close();
                    out.push(fields::draft(e, span, trailing));
                }
                Err((key, Broken(why))) => {
                    sc.resync(at);
                    let mut d = Draft::new(at..sc.pos);
                    d.reference = Reference {
                        key,
                        ..Reference::default()
                    };
                    d.fatal = Some(format!(
                        "could not be read ({why}, near line {}) and was left out.",
                        lines.at(text, at)
                    ));
                    out.push(d);
                }
            },
        }
    }
}

fn month_macros() -> HashMap<String, String> {
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    .iter()
    .map(|m| (m[..3].to_ascii_lowercase(), (*m).to_owned()))
    .collect()
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    /// Letters, digits and `_-:.+/` (entry types, field names, macros).
    fn ident(&mut self) -> &str {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || b"_-:.+/".contains(&c))
        {
            self.pos += 1;
        }
        &self.s[start..self.pos]
    }

    /// Moves to the next `@` at the start of a line after `from`, or the end.
    fn resync(&mut self, from: usize) {
        let mut i = from + 1;
        while i < self.b.len() {
            if self.b[i] == b'\n' {
                let mut j = i + 1;
                while j < self.b.len() && (self.b[j] == b' ' || self.b[j] == b'\t') {
                    j += 1;
                }
                if self.b.get(j) == Some(&b'@') {
                    self.pos = j;
                    return;
                }
            }
            i += 1;
        }
        self.pos = self.b.len();
    }

    /// A new entry starting on the line after `i` (a newline): `@word{`.
    fn entry_starts_after(&self, i: usize) -> bool {
        let mut j = i + 1;
        while j < self.b.len() && (self.b[j] == b' ' || self.b[j] == b'\t') {
            j += 1;
        }
        if self.b.get(j) != Some(&b'@') {
            return false;
        }
        j += 1;
        let start = j;
        while j < self.b.len() && self.b[j].is_ascii_alphabetic() {
            j += 1;
        }
        j > start && matches!(self.b.get(j), Some(b'{' | b'('))
    }

    /// Skips a balanced group whose opening delimiter was just read.
    fn skip_group(&mut self, close: u8) -> Result<(), Broken> {
        if close == b'}' {
            self.pos -= 1;
            self.braced().map(|_| ())
        } else {
            match self.s[self.pos..].find(')') {
                Some(i) => {
                    self.pos += i + 1;
                    Ok(())
                }
                None => Err(Broken("a parenthesis is not closed".into())),
            }
        }
    }

    /// `{…}` starting at `pos`; returns the text inside the outer braces.
    fn braced(&mut self) -> Result<&str, Broken> {
        let start = self.pos + 1;
        let mut depth = 0usize;
        let mut i = self.pos;
        while i < self.b.len() {
            match self.b[i] {
                b'\\' => i += 1,
                b'{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(Broken(format!(
                            "braces nest more than {MAX_DEPTH} levels deep"
                        )));
                    }
                }
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos = i + 1;
                        return Ok(&self.s[start..i]);
                    }
                }
                b'\n' if self.entry_starts_after(i) => {
                    return Err(Broken("a brace is not closed".into()));
                }
                _ => {}
            }
            i += 1;
        }
        Err(Broken(
            "a brace is not closed before the end of the file".into(),
        ))
    }

    /// `"…"` starting at `pos`; braces inside must balance.
    fn quoted(&mut self) -> Result<&str, Broken> {
        let start = self.pos + 1;
        let mut depth = 0usize;
        let mut i = start;
        while i < self.b.len() {
            match self.b[i] {
                b'\\' => i += 1,
                b'{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(Broken(format!(
                            "braces nest more than {MAX_DEPTH} levels deep"
                        )));
                    }
                }
                b'}' => depth = depth.saturating_sub(1),
                b'"' if depth == 0 => {
                    self.pos = i + 1;
                    return Ok(&self.s[start..i]);
                }
                b'\n' if self.entry_starts_after(i) => {
                    return Err(Broken("a quotation mark is not closed".into()));
                }
                _ => {}
            }
            i += 1;
        }
        Err(Broken(
            "a quotation mark is not closed before the end of the file".into(),
        ))
    }

    /// A value: parts joined by `#`. Undefined macros are noted in
    /// `issues` and read as empty.
    fn value(&mut self, field: &str, issues: &mut Vec<String>) -> Result<String, Broken> {
        let mut out = String::new();
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'{') => out.push_str(self.braced()?),
                Some(b'"') => out.push_str(self.quoted()?),
                Some(c) if c.is_ascii_alphanumeric() => {
                    let word = self.ident().to_owned();
                    if word.bytes().all(|c| c.is_ascii_digit()) {
                        out.push_str(&word);
                    } else if let Some(v) = self.macros.get(&word.to_ascii_lowercase()) {
                        out.push_str(v);
                    } else {
                        issues.push(format!(
                            "the abbreviation “{word}” in the {field} field is not defined (no @string); \
                             it was left out of the field."
                        ));
                    }
                }
                _ => return Err(Broken(format!("the {field} field has no value"))),
            }
            self.skip_ws();
            if self.peek() == Some(b'#') {
                self.pos += 1;
            } else {
                return Ok(out);
            }
        }
    }

    /// `@string{name = value}` after the opening delimiter.
    fn string_def(&mut self, close: u8) -> Result<(), Broken> {
        self.skip_ws();
        let name = self.ident().to_ascii_lowercase();
        self.skip_ws();
        if name.is_empty() || self.peek() != Some(b'=') {
            return Err(Broken("“=” is missing".into()));
        }
        self.pos += 1;
        let mut ignored = Vec::new();
        let v = self.value(&name, &mut ignored)?;
        self.skip_ws();
        if self.peek() != Some(close) {
            return Err(Broken("it is not closed".into()));
        }
        self.pos += 1;
        self.macros.insert(name, v);
        Ok(())
    }

    /// An entry after its opening delimiter. On failure, the key (if read)
    /// and why.
    fn entry(&mut self, kind: String, close: u8) -> Result<RawEntry, (String, Broken)> {
        self.skip_ws();
        let key = self.key(close);
        let mut e = RawEntry {
            kind,
            key,
            fields: Vec::new(),
            issues: Vec::new(),
        };
        let mut skipped = 0usize;
        loop {
            self.skip_ws();
            while self.peek() == Some(b',') {
                self.pos += 1;
                self.skip_ws();
            }
            match self.peek() {
                None => return Err((e.key, Broken("the entry is not closed".into()))),
                Some(c) if c == close => {
                    self.pos += 1;
                    if skipped > 0 {
                        e.issues.push(too_many_parts("fields", skipped));
                    }
                    return Ok(e);
                }
                // The next entry begins: a brace of a value closed this one.
                Some(b'@') => return Err((e.key, Broken("a brace is not closed".into()))),
                Some(_) => {}
            }
            let name = self.ident().to_ascii_lowercase();
            if name.is_empty() {
                let c = self.s[self.pos..].chars().next().unwrap_or(' ');
                return Err((
                    e.key,
                    Broken(format!("“{c}” stands where a field name should be")),
                ));
            }
            self.skip_ws();
            if self.peek() != Some(b'=') {
                return Err((e.key, Broken(format!("the {name} field has no “=”"))));
            }
            self.pos += 1;
            match self.value(&name, &mut e.issues) {
                Ok(v) if e.fields.len() < MAX_RECORD_PARTS => e.fields.push((name, v)),
                Ok(_) => skipped += 1,
                Err(b) => return Err((e.key, b)),
            }
        }
    }

    /// The citation key up to the first comma; "" when the entry starts
    /// with a field (no key) or the key runs into the closing delimiter.
    fn key(&mut self, close: u8) -> String {
        let rest = &self.b[self.pos..];
        let stop = rest
            .iter()
            .position(|c| matches!(*c, b',' | b'=' | b'\n' | b'\r') || *c == close);
        match stop.map(|i| (i, rest[i])) {
            Some((i, b',')) => {
                let k = super::text::line(&self.s[self.pos..self.pos + i]);
                self.pos += i + 1;
                k
            }
            Some((i, c)) if c == close => {
                let k = super::text::line(&self.s[self.pos..self.pos + i]);
                self.pos += i;
                k
            }
            Some((i, b'\n' | b'\r')) if !self.s[self.pos..self.pos + i].trim().is_empty() => {
                // `@article{key` with the comma on a later line, or none.
                let k = super::text::line(&self.s[self.pos..self.pos + i]);
                self.pos += i;
                self.skip_ws();
                if self.peek() == Some(b',') {
                    self.pos += 1;
                }
                k
            }
            _ => String::new(),
        }
    }

    /// After an entry closed: a comma right after it means a stray `}`
    /// ended the entry early and fields after it were lost.
    fn early_close(&mut self) -> bool {
        let mut j = self.pos;
        while j < self.b.len() && self.b[j].is_ascii_whitespace() {
            j += 1;
        }
        self.b.get(j) == Some(&b',')
    }
}
