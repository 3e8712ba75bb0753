//! Searching the documents' text: plain text or a regular expression, whole
//! word, case and accents optional; hits as char ranges with their context
//! and page, and the coding of hits (widened to their sentence or paragraph
//! if asked) as one command.
//!
//! Accent-insensitive search folds each char to its base letter one for
//! one ("é" → "e", "Ø" → "O"), so a hit's char offsets in the folded text
//! are its offsets in the document.

use crate::model::{DocId, Document, Project};

/// The longest pattern accepted (a pasted paragraph is fine; a file is not).
pub const MAX_PATTERN_CHARS: usize = 2_000;
/// Hits beyond this many are not listed (the search says so).
pub const MAX_HITS: usize = 100_000;
/// Chars of context shown on each side of a hit.
const CONTEXT_CHARS: usize = 60;

/// What to look for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub pattern: String,
    /// The pattern is a regular expression (the `regex` crate's syntax).
    pub regex: bool,
    pub whole_word: bool,
    pub case_sensitive: bool,
    /// "e" finds "é", "è", "ë"…
    pub ignore_accents: bool,
}

/// A compiled query.
#[derive(Clone, Debug)]
pub struct Matcher {
    re: regex::Regex,
    fold: bool,
}

impl Matcher {
    /// Compiles `q`; a sentence when the pattern is empty, too long or not a
    /// valid regular expression.
    pub fn new(q: &Query) -> Result<Self, String> {
        if q.pattern.trim().is_empty() {
            return Err("Type something to search for.".to_owned());
        }
        if q.pattern.chars().count() > MAX_PATTERN_CHARS {
            return Err(format!(
                "The search text is longer than {MAX_PATTERN_CHARS} characters; search for a shorter phrase."
            ));
        }
        let pattern = if q.ignore_accents {
            fold(&q.pattern)
        } else {
            q.pattern.clone()
        };
        let body = if q.regex {
            pattern
        } else {
            regex::escape(&pattern)
        };
        let body = if q.whole_word {
            format!(r"\b(?:{body})\b")
        } else {
            body
        };
        let re = regex::RegexBuilder::new(&body)
            .case_insensitive(!q.case_sensitive)
            .size_limit(20 << 20)
            .build()
            .map_err(|e| regex_error(&e))?;
        Ok(Self {
            re,
            fold: q.ignore_accents,
        })
    }

    /// The `[start, end)` char ranges of the hits in `text`, in order, at
    /// most `limit` (empty matches are skipped); true when more were left.
    pub fn find_in(&self, text: &str, limit: usize) -> (Vec<(usize, usize)>, bool) {
        let folded;
        let hay = if self.fold && !text.is_ascii() {
            folded = fold(text);
            folded.as_str()
        } else {
            text
        };
        let mut out = Vec::new();
        let (mut byte, mut char_pos) = (0usize, 0usize);
        for m in self.re.find_iter(hay) {
            if m.start() == m.end() {
                continue;
            }
            if out.len() == limit {
                return (out, true);
            }
            char_pos += hay[byte..m.start()].chars().count();
            let start = char_pos;
            char_pos += hay[m.start()..m.end()].chars().count();
            byte = m.end();
            out.push((start, char_pos));
        }
        (out, false)
    }
}

/// The regex crate's error as a sentence (its first line says what is wrong).
fn regex_error(e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(_) => {
            "The regular expression is too large to search with; simplify it.".to_owned()
        }
        _ => {
            let detail = e
                .to_string()
                .lines()
                .rev()
                .find(|l| l.starts_with("error:"))
                .map(|l| l.trim_start_matches("error:").trim().to_owned())
                .unwrap_or_else(|| e.to_string());
            format!("That is not a valid regular expression: {detail}.")
        }
    }
}

/// `c` without its accent: the first char of its canonical decomposition
/// when the rest are combining marks, and a few letters with strokes.
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        'ø' => return 'o',
        'Ø' => return 'O',
        'ł' => return 'l',
        'Ł' => return 'L',
        'đ' => return 'd',
        'Đ' => return 'D',
        'ı' => return 'i',
        _ => {}
    }
    let mut first = None;
    let mut rest_marks = true;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if first.is_none() {
            first = Some(d);
        } else if !unicode_normalization::char::is_combining_mark(d) {
            rest_marks = false;
        }
    });
    match first {
        Some(f) if rest_marks => f,
        _ => c,
    }
}

/// `text` with every char folded (same number of chars).
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// One hit with what the results list shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub doc: DocId,
    pub start: usize,
    pub end: usize,
    /// 1-based page, for documents with pages.
    pub page: Option<usize>,
    /// Up to 60 chars before the hit, line breaks as spaces.
    pub before: String,
    pub matched: String,
    pub after: String,
}

/// What a search found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// Documents that had at least one hit.
    pub documents: usize,
    /// Documents searched.
    pub searched: usize,
    /// True when the list stopped at `MAX_HITS`.
    pub truncated: bool,
}

impl Found {
    /// "12 hits in 3 of 20 documents" (and what was left out).
    pub fn summary(&self) -> String {
        let hits = crate::words::count(self.hits.len(), "hit", "hits");
        let mut s = format!(
            "{hits} in {} of {}",
            self.documents,
            crate::words::count(self.searched, "document", "documents")
        );
        if self.truncated {
            s.push_str(&format!(
                "; the list stops at {MAX_HITS} hits — narrow the search to see the rest"
            ));
        }
        s
    }
}

/// The hits of `m` in `doc` with context, at most `limit`.
pub fn search_document(m: &Matcher, doc: &Document, limit: usize) -> (Vec<Hit>, bool) {
    let (ranges, more) = m.find_in(&doc.text, limit);
    let mut hits = Vec::with_capacity(ranges.len());
    // Walk the text with a cursor (forward, and back for the context of
    // a hit close to the previous one).
    let mut cur = Cursor::default();
    for (start, end) in ranges {
        let b0 = cur.seek(&doc.text, start.saturating_sub(CONTEXT_CHARS));
        let b1 = cur.seek(&doc.text, start);
        let b2 = cur.seek(&doc.text, end);
        let rest = &doc.text[b2..];
        let after_end = rest
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(rest.len(), |(b, _)| b);
        let flat = |s: &str| s.replace('\n', " ");
        hits.push(Hit {
            doc: doc.id,
            start,
            end,
            page: doc.page_of(start),
            before: flat(&doc.text[b0..b1]),
            matched: flat(&doc.text[b1..b2]),
            after: flat(&rest[..after_end]),
        });
    }
    (hits, more)
}

/// A char position in a text with its byte offset.
#[derive(Default)]
struct Cursor {
    byte: usize,
    char: usize,
}

impl Cursor {
    /// Moves to char `target` (clamped to the text) and returns its byte.
    fn seek(&mut self, text: &str, target: usize) -> usize {
        if target < self.char {
            let back = self.char - target;
            let (b, _) = text[..self.byte]
                .char_indices()
                .rev()
                .nth(back - 1)
                .unwrap_or((0, ' '));
            self.byte = b;
            self.char = target;
        } else {
            for (i, (b, _)) in text[self.byte..].char_indices().enumerate() {
                if self.char + i == target {
                    self.byte += b;
                    self.char = target;
                    return self.byte;
                }
            }
            self.char += text[self.byte..].chars().count();
            self.byte = text.len();
        }
        self.byte
    }
}

/// Searches `docs` (in that order) of `p`; unknown ids are skipped.
pub fn search(p: &Project, docs: &[DocId], m: &Matcher) -> Found {
    let mut found = Found::default();
    for &id in docs {
        let Some(doc) = p.document(id) else { continue };
        found.searched += 1;
        let room = MAX_HITS - found.hits.len();
        let (hits, more) = search_document(m, doc, room);
        if !hits.is_empty() {
            found.documents += 1;
        }
        found.hits.extend(hits);
        if more {
            found.truncated = true;
            break;
        }
    }
    found
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::DocId;
    use crate::model::{Document, Reviewer, ReviewerId, SourceKind};

    fn q(pattern: &str) -> Query {
        Query {
            pattern: pattern.to_owned(),
            ..Query::default()
        }
    }

    pub(crate) fn project() -> Project {
        let mut p = Project::new("t");
        let doc = |title: &str, text: &str| {
            Document::new(
                DocId::new(),
                title.to_owned(),
                format!("{title}.txt"),
                SourceKind::Text,
                text.to_owned(),
            )
        };
        let mut a = doc(
            "A",
            "Leadership mattered. The leader's role was unclear.\nLEADERSHIP was weak in Malmö; the Café staff agreed.",
        );
        a.page_starts = vec![52];
        p.documents = vec![a, doc("B", "No mention here.")];
        p.reviewers.push(Reviewer {
            id: ReviewerId::new(),
            name: "Alex Byrne".into(),
            initials: "AB".into(),
        });
        p
    }

    #[test]
    fn plain_search_ignores_case_unless_asked_and_gives_char_ranges_pages_and_context() {
        let p = project();
        let ids: Vec<_> = p.documents.iter().map(|d| d.id).collect();
        let found = search(&p, &ids, &Matcher::new(&q("leadership")).unwrap());
        assert_eq!(found.summary(), "2 hits in 1 of 2 documents");
        let h = &found.hits[1];
        assert_eq!((h.start, h.end, h.page), (52, 62, Some(2)));
        assert_eq!(h.matched, "LEADERSHIP");
        assert_eq!(
            h.before,
            "Leadership mattered. The leader's role was unclear. "
        );
        assert_eq!(h.after, " was weak in Malmö; the Café staff agreed.");
        let case = Query {
            case_sensitive: true,
            ..q("leadership")
        };
        assert_eq!(
            search(&p, &ids, &Matcher::new(&case).unwrap()).hits.len(),
            0
        );
    }

    #[test]
    fn whole_words_regexes_and_accents() {
        let p = project();
        let ids = [p.documents[0].id];
        let count = |query: Query| search(&p, &ids, &Matcher::new(&query).unwrap()).hits.len();
        assert_eq!(count(q("leader")), 3);
        assert_eq!(
            count(Query {
                whole_word: true,
                ..q("leader")
            }),
            1
        );
        assert_eq!(
            count(Query {
                regex: true,
                ..q(r"lead(er|ership)\b")
            }),
            3
        );
        assert_eq!(count(q("malmo")), 0);
        let accents = Query {
            ignore_accents: true,
            ..q("malmo cafe")
        };
        assert_eq!(count(accents.clone()), 0);
        let found = search(
            &p,
            &ids,
            &Matcher::new(&Query {
                pattern: "Malmo".into(),
                ..accents
            })
            .unwrap(),
        );
        // Offsets are the document's: "Malmö" is 5 chars at 75.
        assert_eq!((found.hits[0].start, found.hits[0].end), (75, 80));
        assert_eq!(found.hits[0].matched, "Malmö");
        assert_eq!(
            Matcher::new(&Query {
                regex: true,
                ..q("lead(er")
            })
            .unwrap_err(),
            "That is not a valid regular expression: unclosed group."
        );
        assert_eq!(
            Matcher::new(&q("  ")).unwrap_err(),
            "Type something to search for."
        );
    }
}
