//! Sentences and paragraphs of a document's text, as char ranges: what a
//! search hit is extended to before it is coded, and what a reader means by
//! "this sentence".
//!
//! A paragraph is a line of the normalised text (import joins the lines of
//! a paragraph). A sentence ends at `.`, `!`, `?` or `…` followed by a space
//! (closing quotes and brackets stay with it), or at the end of its
//! paragraph. A full stop does not end a sentence after a common
//! abbreviation ("e.g.", "et al.", "Dr."), a single capital letter (an
//! initial), or between digits ("3.5").

/// Abbreviations after which a full stop does not end a sentence
/// (compared lower-case, without the stop).
const ABBREVIATIONS: [&str; 26] = [
    "e.g", "i.e", "al", "etc", "cf", "vs", "dr", "mr", "mrs", "ms", "prof", "fig", "figs", "no",
    "vol", "pp", "p", "approx", "ca", "eg", "ie", "st", "jr", "sr", "resp", "incl",
];

/// The paragraph holding char `pos` as `[start, end)` (without its line
/// break). `pos` past the end is the last paragraph.
pub fn paragraph_at(chars: &[char], pos: usize) -> (usize, usize) {
    let pos = pos.min(chars.len());
    let start = chars[..pos]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |i| i + 1);
    let end = chars[pos..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(chars.len(), |i| pos + i);
    (start, end)
}

/// Closing quotes and brackets, which stay with the sentence they end.
fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '’' | '”' | ')' | ']' | '»')
}

/// True when a sentence ends with the char at `i` (a stop mark followed,
/// after closing quotes or brackets, by white space or the end).
fn ends_sentence(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if !matches!(c, '.' | '!' | '?' | '…') {
        return false;
    }
    let mut j = i + 1;
    while j < chars.len() && is_closing(chars[j]) {
        j += 1;
    }
    if j < chars.len() && !chars[j].is_whitespace() {
        return false;
    }
    if c != '.' {
        return true;
    }
    // The word before the stop.
    let word_start = chars[..i]
        .iter()
        .rposition(|c| c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“'))
        .map_or(0, |k| k + 1);
    let word: String = chars[word_start..i].iter().collect();
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    // An initial ("J. Smith").
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next())
        && first.is_uppercase()
    {
        return false;
    }
    true
}

/// The sentence holding char `pos` as `[start, end)`: from after the
/// previous sentence end (white space skipped) to its own stop mark and any
/// closing quotes, never beyond its paragraph.
pub fn sentence_at(chars: &[char], pos: usize) -> (usize, usize) {
    let (para_start, para_end) = paragraph_at(chars, pos);
    let mut pos = pos.clamp(para_start, para_end);
    // A closing quote or bracket belongs to the sentence it closes.
    while pos > para_start
        && pos < para_end
        && is_closing(chars[pos])
        && !chars[pos - 1].is_whitespace()
    {
        pos -= 1;
    }
    let mut start = para_start;
    for i in (para_start..pos).rev() {
        if ends_sentence(chars, i) {
            start = i + 1;
            break;
        }
    }
    while start < para_end
        && (chars[start].is_whitespace()
            || start > para_start && is_closing(chars[start]) && !chars[start - 1].is_whitespace())
    {
        start += 1;
    }
    let mut end = para_end;
    for i in pos..para_end {
        if ends_sentence(chars, i) {
            end = i + 1;
            while end < para_end && is_closing(chars[end]) {
                end += 1;
            }
            break;
        }
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    (start.min(end), end)
}

/// Every sentence of the text as `[start, end)`, in order, found in one
/// pass (the same sentences `sentence_at` finds one at a time).
pub fn sentences(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut para_start = 0;
    while para_start <= chars.len() {
        let para_end = chars[para_start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |i| para_start + i);
        let mut start = para_start;
        let mut i = para_start;
        while i < para_end {
            if ends_sentence(chars, i) {
                let mut end = i + 1;
                while end < para_end && is_closing(chars[end]) {
                    end += 1;
                }
                push_trimmed(chars, &mut out, start, end);
                start = end;
                i = end;
            } else {
                i += 1;
            }
        }
        push_trimmed(chars, &mut out, start, para_end);
        para_start = para_end + 1;
    }
    out
}

/// Every paragraph (line) of the text as `[start, end)` without its line
/// break, empty lines left out.
pub fn paragraphs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    if chars.len() > start {
        out.push((start, chars.len()));
    }
    out
}

/// Adds `[start, end)` without surrounding white space, if anything is left.
fn push_trimmed(chars: &[char], out: &mut Vec<(usize, usize)>, mut start: usize, mut end: usize) {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start < end {
        out.push((start, end));
    }
}

/// `[start, end)` widened to the sentences of `spans` (from `sentences`)
/// that it touches.
pub fn widen_to_spans(spans: &[(usize, usize)], start: usize, end: usize) -> (usize, usize) {
    let first = spans.partition_point(|s| s.1 <= start);
    let last = spans.partition_point(|s| s.0 < end.max(start + 1));
    match (
        spans.get(first),
        last.checked_sub(1).and_then(|l| spans.get(l)),
    ) {
        (Some(a), Some(b)) if first < last => (a.0.min(start), b.1.max(end)),
        _ => (start, end),
    }
}

/// `[start, end)` widened to whole sentences (from the sentence holding
/// `start` to the one holding the last char).
pub fn widen_to_sentences(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let (s, _) = sentence_at(chars, start);
    let (_, e) = sentence_at(chars, end.saturating_sub(1).max(start));
    (s.min(start), e.max(end))
}

/// `[start, end)` widened to whole paragraphs.
pub fn widen_to_paragraphs(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let (s, _) = paragraph_at(chars, start);
    let (_, e) = paragraph_at(chars, end.saturating_sub(1).max(start));
    (s.min(start), e.max(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn text_of(c: &[char], (s, e): (usize, usize)) -> String {
        c[s..e].iter().collect()
    }

    #[test]
    fn sentences_end_at_stops_but_not_after_abbreviations_initials_or_decimals() {
        let t = chars(
            "Staff felt unheard. Managers, e.g. Dr. Smith and J. Jones, cited 3.5 hours (Lee et al. 2019). \"Is that fair?\" one asked.\nNext paragraph",
        );
        let at = |needle: &str| {
            let s: String = t.iter().collect();
            let b = s.find(needle).unwrap();
            s[..b].chars().count()
        };
        assert_eq!(text_of(&t, sentence_at(&t, 3)), "Staff felt unheard.");
        assert_eq!(
            text_of(&t, sentence_at(&t, at("hours"))),
            "Managers, e.g. Dr. Smith and J. Jones, cited 3.5 hours (Lee et al. 2019)."
        );
        assert_eq!(
            text_of(&t, sentence_at(&t, at("fair"))),
            "\"Is that fair?\""
        );
        assert_eq!(text_of(&t, sentence_at(&t, at("asked"))), "one asked.");
        assert_eq!(text_of(&t, sentence_at(&t, at("Next"))), "Next paragraph");
    }

    #[test]
    fn one_pass_finds_the_sentences_sentence_at_finds() {
        let t = chars(
            "Staff felt unheard. Managers, e.g. Dr. Smith, cited 3.5 hours. \"Fair?\" one asked.\n\nNext paragraph\nLast. One",
        );
        let spans = sentences(&t);
        for (i, c) in t.iter().enumerate() {
            if c.is_whitespace() {
                continue;
            }
            let span = spans.iter().find(|s| s.0 <= i && i < s.1).copied();
            assert_eq!(span, Some(sentence_at(&t, i)), "at {i}");
        }
        assert_eq!(spans.len(), 7);
        assert_eq!(widen_to_spans(&spans, 3, 25), widen_to_sentences(&t, 3, 25));
    }

    #[test]
    fn paragraphs_are_lines_and_widening_covers_both_ends() {
        let t = chars("One. Two.\nThree. Four.\n");
        assert_eq!(paragraph_at(&t, 2), (0, 9));
        assert_eq!(paragraph_at(&t, 12), (10, 22));
        assert_eq!(paragraph_at(&t, 99), (23, 23));
        // "wo.\nThr" widened: from "Two." to "Three."
        assert_eq!(text_of(&t, widen_to_sentences(&t, 6, 13)), "Two.\nThree.");
        assert_eq!(
            text_of(&t, widen_to_paragraphs(&t, 6, 13)),
            "One. Two.\nThree. Four."
        );
        assert_eq!(sentence_at(&[], 0), (0, 0));
    }
}
