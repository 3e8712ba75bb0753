//! Tests of the reference readers and writers, one file per format, with
//! small fixtures written in the style of real exports.

mod bibtex;
mod csl;
mod endnote;
mod fuzz;
mod limits;
mod ris;
mod roundtrip;

use super::{Attachment, Parsed, Person, Problem};

pub(super) fn parse_ok(text: &str, name: &str) -> Parsed {
    match super::parse(text.as_bytes(), name) {
        Ok(p) => p,
        Err(e) => panic!("{name} was refused: {e}"),
    }
}

pub(super) fn person(family: &str, given: &str) -> Person {
    Person {
        family: family.to_owned(),
        given: given.to_owned(),
    }
}

pub(super) fn file(path: &str, mime: &str) -> Attachment {
    Attachment {
        path: path.to_owned(),
        mime: mime.to_owned(),
    }
}

pub(super) fn problem(record: usize, message: &str) -> Problem {
    Problem {
        record,
        message: message.to_owned(),
    }
}

pub(super) fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

/// The 1-based line of the first occurrence of `needle`.
pub(super) fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in fixture"));
    text[..at].matches('\n').count() + 1
}
