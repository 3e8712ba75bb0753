//! Where the readers hand in their records: numbering, the caps on records,
//! fields and problems, and the checks every format shares (no title, text
//! read as Windows-1252, undecodable characters, a DOI that is not one).

use std::ops::Range;

use super::text::size;
use super::{
    Attachment, Format, Limits, MAX_LIST_ITEMS, MAX_PROBLEMS, Parsed, Person, Problem, Reference,
};

/// Most fields (tagged lines, elements, JSON values) read from one record.
/// Real records have a few hundred at most (a few thousand with long author
/// lists); the cap bounds the memory one hostile record can take.
pub(super) const MAX_RECORD_PARTS: usize = 100_000;

/// The issue for a record whose parts beyond the cap were skipped.
pub(super) fn too_many_parts(what: &str, skipped: usize) -> String {
    format!(
        "it has more than {MAX_RECORD_PARTS} {what}; {} not read.",
        the_last(skipped)
    )
}

/// "the last one was" / "the last 12 were".
fn the_last(n: usize) -> String {
    if n == 1 {
        "the last one was".to_owned()
    } else {
        format!("the last {n} were")
    }
}

/// A record as a reader built it, before the shared checks.
#[derive(Default)]
pub(super) struct Draft {
    pub reference: Reference,
    /// Where the record lies in the decoded text.
    pub span: Range<usize>,
    /// Clauses about fields that could not be read whole, e.g. "the year
    /// “n.d.” could not be read; the record was kept without a year."
    pub issues: Vec<String>,
    /// Set when the record could not be read at all: "could not be read
    /// (…)". The record is left out.
    pub fatal: Option<String>,
    dropped: [usize; 4],
}

impl Draft {
    pub fn new(span: Range<usize>) -> Self {
        Self {
            span,
            ..Self::default()
        }
    }

    pub fn add_author(&mut self, p: Person) {
        if self.reference.authors.len() < MAX_LIST_ITEMS {
            self.reference.authors.push(p);
        } else {
            self.dropped[0] += 1;
        }
    }

    pub fn add_keyword(&mut self, k: String) {
        if self.reference.keywords.len() < MAX_LIST_ITEMS {
            self.reference.keywords.push(k);
        } else {
            self.dropped[1] += 1;
        }
    }

    pub fn add_file(&mut self, a: Attachment) {
        if self.reference.files.len() < MAX_LIST_ITEMS {
            self.reference.files.push(a);
        } else {
            self.dropped[2] += 1;
        }
    }

    pub fn add_note(&mut self, n: String) {
        if n.is_empty() {
            return;
        }
        if self.reference.notes.len() < MAX_LIST_ITEMS {
            self.reference.notes.push(n);
        } else {
            self.dropped[3] += 1;
        }
    }

    pub fn issue(&mut self, clause: impl Into<String>) {
        self.issues.push(clause.into());
    }
}

pub(super) struct Collector<'a> {
    limits: &'a Limits,
    fallback: &'a [Range<usize>],
    fallback_used: bool,
    seen: usize,
    records: Vec<Reference>,
    problems: Vec<Problem>,
    unlisted: usize,
}

impl<'a> Collector<'a> {
    pub fn new(limits: &'a Limits, fallback: &'a [Range<usize>]) -> Self {
        Self {
            limits,
            fallback,
            fallback_used: false,
            seen: 0,
            records: Vec::new(),
            problems: Vec::new(),
            unlisted: 0,
        }
    }

    /// How many records the file has held so far (kept or not).
    pub fn seen(&self) -> usize {
        self.seen
    }

    fn problem(&mut self, record: usize, message: String) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem { record, message });
        } else {
            self.unlisted += 1;
        }
    }

    /// A problem with the file as a whole (record 0).
    pub fn file_problem(&mut self, message: String) {
        self.problem(0, message);
    }

    pub fn push(&mut self, mut d: Draft) {
        self.seen += 1;
        let n = self.seen;
        if n > self.limits.max_records {
            return;
        }
        let label = label(n, &d.reference.key);
        if self.overlaps_fallback(&d.span) {
            self.fallback_used = true;
            self.problem(
                n,
                format!("{label}: the text is not valid UTF-8; read as Windows-1252 — check the accents."),
            );
        }
        if let Some(why) = d.fatal.take() {
            self.problem(n, format!("Record {n}{} {why}", ident(&d.reference)));
            return;
        }
        let mut r = d.reference;
        r.record = n;
        cap_fields(&mut r, self.limits.max_field_bytes, &mut d.issues);
        for (count, what) in d
            .dropped
            .iter()
            .zip(["authors", "keywords", "files", "notes"])
        {
            if *count > 0 {
                d.issues.push(format!(
                    "it names more than {MAX_LIST_ITEMS} {what}; {} left out.",
                    the_last(*count)
                ));
            }
        }
        for issue in d.issues {
            self.problem(n, format!("{label}: {issue}"));
        }
        if r.title.is_empty() {
            self.problem(
                n,
                format!("Record {n}{} has no title and was left out.", ident(&r)),
            );
            return;
        }
        if r.title.contains('\u{FFFD}') {
            self.problem(
                n,
                format!(
                    "{label}: the title has characters that could not be decoded (shown as “\u{FFFD}”); \
                     check it against the source."
                ),
            );
        }
        if !r.doi.is_empty() && !r.doi.starts_with("10.") {
            self.problem(
                n,
                format!(
                    "{label}: the DOI “{}” does not look like a DOI (they begin with “10.”); it was kept as written.",
                    r.doi
                ),
            );
        }
        self.records.push(r);
    }

    fn overlaps_fallback(&self, span: &Range<usize>) -> bool {
        // The ranges are sorted and disjoint: find the first that ends
        // after the span starts.
        let i = self.fallback.partition_point(|r| r.end <= span.start);
        self.fallback.get(i).is_some_and(|r| r.start < span.end)
    }

    pub fn finish(mut self, format: Format) -> Parsed {
        if !self.fallback.is_empty() && !self.fallback_used {
            self.problem(
                0,
                "Parts of the file outside its records are not valid UTF-8; they were read as Windows-1252."
                    .to_owned(),
            );
        }
        let max = self.limits.max_records;
        if self.seen > max {
            let left = the_last(self.seen - max);
            self.problems.push(Problem {
                record: 0,
                message: format!(
                    "The file holds {} records; Thema reads at most {max}, so {left} left out.",
                    self.seen
                ),
            });
        }
        if self.unlisted > 0 {
            let message = match self.unlisted {
                1 => "One more problem was not listed.".to_owned(),
                n => format!("{n} more problems were not listed."),
            };
            self.problems.push(Problem { record: 0, message });
        }
        Parsed {
            format,
            records: self.records,
            problems: self.problems,
        }
    }
}

/// "Record 3" or "Record 3 (smith2019)".
fn label(n: usize, key: &str) -> String {
    if key.is_empty() {
        format!("Record {n}")
    } else {
        format!("Record {n} ({key})")
    }
}

/// " (smith2019, Smith, 2019)" from whatever of key, first author and year
/// the record has, or "".
fn ident(r: &Reference) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !r.key.is_empty() {
        parts.push(r.key.clone());
    }
    if let Some(a) = r.authors.first() {
        parts.push(a.family.clone());
    }
    if let Some(y) = r.year {
        parts.push(y.to_string());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// Cuts `s` to at most `max` bytes at a character boundary; true if cut.
fn cut(s: &mut String, max: usize) -> bool {
    if s.len() <= max {
        return false;
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    s.truncate(i);
    true
}

fn cap_fields(r: &mut Reference, max: usize, issues: &mut Vec<String>) {
    let mut cut_names: Vec<&'static str> = Vec::new();
    let singles: [(&mut String, &'static str); 13] = [
        (&mut r.key, "key"),
        (&mut r.kind_label, "type"),
        (&mut r.title, "title"),
        (&mut r.date, "date"),
        (&mut r.journal, "journal"),
        (&mut r.volume, "volume"),
        (&mut r.issue, "issue"),
        (&mut r.pages, "pages"),
        (&mut r.publisher, "publisher"),
        (&mut r.doi, "DOI"),
        (&mut r.url, "URL"),
        (&mut r.abstract_text, "abstract"),
        (&mut r.language, "language"),
    ];
    for (s, name) in singles {
        if cut(s, max) {
            cut_names.push(name);
        }
    }
    if r.authors.iter_mut().fold(false, |any, p| {
        cut(&mut p.family, max) | cut(&mut p.given, max) | any
    }) {
        cut_names.push("author");
    }
    if r.keywords
        .iter_mut()
        .fold(false, |any, k| cut(k, max) | any)
    {
        cut_names.push("keyword");
    }
    if r.notes.iter_mut().fold(false, |any, k| cut(k, max) | any) {
        cut_names.push("note");
    }
    if r.files.iter_mut().fold(false, |any, f| {
        cut(&mut f.path, max) | cut(&mut f.mime, max) | any
    }) {
        cut_names.push("file");
    }
    for name in cut_names {
        issues.push(format!(
            "the {name} field is longer than {} and was cut short.",
            size(max)
        ));
    }
}
