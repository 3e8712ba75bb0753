//! Coding search hits (`analysis::search`) as one command, each hit
//! widened to its sentence or paragraph if asked.

use super::{Command, ops};
use crate::model::{CategoryId, CodeId, DocId, Project, ReviewerId, units};
use std::collections::HashSet;

/// How far a hit is widened before it is coded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Extent {
    /// Just the matched words.
    #[default]
    Match,
    Sentence,
    Paragraph,
}

impl Extent {
    pub const ALL: [Self; 3] = [Self::Match, Self::Sentence, Self::Paragraph];

    pub fn label(self) -> &'static str {
        match self {
            Self::Match => "the matched text",
            Self::Sentence => "its sentence",
            Self::Paragraph => "its paragraph",
        }
    }

    /// From the command line's `--extend` (`match`, `sentence`, `paragraph`).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "match" | "hit" => Some(Self::Match),
            "sentence" => Some(Self::Sentence),
            "paragraph" => Some(Self::Paragraph),
            _ => None,
        }
    }
}

/// The command that codes `hits` and what it did.
#[derive(Debug)]
pub struct CodeHits {
    pub command: Command,
    /// Codings the command adds.
    pub added: usize,
    /// Ranges the reviewer had already coded with the code.
    pub already: usize,
    /// Hits that fell in the same sentence or paragraph as an earlier hit.
    pub merged: usize,
}

impl CodeHits {
    /// "Coded 12 passages with "Trust" (3 were already coded with it; 2
    /// hits shared a sentence)."
    pub fn summary(&self, code_name: &str) -> String {
        let mut s = format!(
            "Coded {} with \"{code_name}\"",
            crate::words::count(self.added, "passage", "passages")
        );
        let mut notes = Vec::new();
        if self.already > 0 {
            notes.push(format!(
                "{} already coded with it by the same reviewer",
                crate::words::count(self.already, "hit was", "hits were")
            ));
        }
        if self.merged > 0 {
            notes.push(format!(
                "{} in the same passage as another hit, so coded once",
                crate::words::count(self.merged, "hit was", "hits were")
            ));
        }
        if !notes.is_empty() {
            s.push_str(&format!(" ({})", notes.join("; ")));
        }
        s.push('.');
        s
    }
}

/// Codes `hits` with `code` and `category` as `reviewer`, each hit widened
/// to `extent`; one `AddCodings` command (one undo step). A range the
/// reviewer already coded with `code`, or a second hit in a range already
/// taken, is not coded twice and is counted.
pub fn code_hits(
    p: &Project,
    hits: &[(DocId, usize, usize)],
    code: CodeId,
    category: Option<CategoryId>,
    reviewer: ReviewerId,
    extent: Extent,
) -> CodeHits {
    let mut existing: HashSet<(DocId, usize, usize)> = p
        .codings
        .iter()
        .filter(|c| c.code == code && c.reviewer == reviewer)
        .map(|c| (c.doc, c.start, c.end))
        .collect();
    let mut chars_of: Option<(DocId, Vec<char>)> = None;
    let mut out = CodeHits {
        command: Command::AddCodings(Vec::new()),
        added: 0,
        already: 0,
        merged: 0,
    };
    let mut new = Vec::new();
    let mut taken: HashSet<(DocId, usize, usize)> = HashSet::new();
    for &(doc, start, end) in hits {
        let Some(d) = p.document(doc) else { continue };
        let (s, e) = if extent == Extent::Match {
            (start, end)
        } else {
            if chars_of.as_ref().is_none_or(|(id, _)| *id != doc) {
                chars_of = Some((doc, d.text.chars().collect()));
            }
            let chars = chars_of.as_ref().map_or(&[][..], |(_, c)| c.as_slice());
            if extent == Extent::Sentence {
                units::widen_to_sentences(chars, start, end)
            } else {
                units::widen_to_paragraphs(chars, start, end)
            }
        };
        let key = (doc, s, e);
        if taken.contains(&key) {
            out.merged += 1;
        } else if existing.contains(&key) {
            out.already += 1;
        } else {
            taken.insert(key);
            existing.insert(key);
            new.push(ops::new_coding(doc, s, e, code, category, reviewer));
        }
    }
    out.added = new.len();
    out.command = Command::AddCodings(new);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::search::tests::project;

    #[test]
    fn coding_hits_widens_merges_and_skips_what_is_coded() {
        let mut p = project();
        let code_id = CodeId::new();
        p.codebook.codes.push(crate::model::Code {
            id: code_id,
            name: "Leadership".into(),
            parent: None,
            color: "#336699".into(),
            description: String::new(),
            origin: None,
        });
        let reviewer = p.reviewers[0].id;
        let doc = p.documents[0].id;
        p.codings
            .push(ops::new_coding(doc, 0, 20, code_id, None, reviewer));
        let hits = [(doc, 0, 10), (doc, 25, 31), (doc, 35, 40), (doc, 52, 62)];
        let done = code_hits(&p, &hits, code_id, None, reviewer, Extent::Sentence);
        assert_eq!((done.added, done.already, done.merged), (2, 1, 1));
        assert_eq!(
            done.summary("Leadership"),
            "Coded 2 passages with \"Leadership\" (1 hit was already coded with it by the same reviewer; 1 hit was in the same passage as another hit, so coded once)."
        );
        let Command::AddCodings(new) = &done.command else {
            panic!("one AddCodings command")
        };
        let text = |c: &crate::model::Coding| p.documents[0].slice_chars(c.start, c.end);
        assert_eq!(text(&new[0]), "The leader's role was unclear.");
        assert_eq!(
            text(&new[1]),
            "LEADERSHIP was weak in Malmö; the Café staff agreed."
        );
        let para = code_hits(&p, &hits[1..2], code_id, None, reviewer, Extent::Paragraph);
        let Command::AddCodings(new) = &para.command else {
            panic!()
        };
        assert_eq!(
            text(&new[0]),
            "Leadership mattered. The leader's role was unclear."
        );
    }
}
