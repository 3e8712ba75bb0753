//! Text normalisation applied once at import, and the content hash that
//! detects a changed source later.
//!
//! After normalisation a document's text never changes, so char offsets
//! stored in codings stay valid for the life of the project.

use sha2::{Digest, Sha256};

/// Normalises imported text: drops a leading BOM, turns CRLF and lone CR into
/// LF, removes soft hyphens and NUL, expands Latin ligatures (U+FB00–FB06),
/// and turns form feeds into blank lines.
pub fn normalize(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{00AD}' | '\0' | '\u{FEFF}' => {}
            '\u{000C}' => out.push_str("\n\n"),
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// SHA-256 of the text, lower-case hex.
pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Byte offset of char offset `char_pos` in `s` (clamped to the end).
pub fn byte_of_char(s: &str, char_pos: usize) -> usize {
    s.char_indices()
        .nth(char_pos)
        .map(|(b, _)| b)
        .unwrap_or(s.len())
}

/// Finds `needle` in `haystack` treating any run of whitespace as equal to
/// any other run; returns the char range `[start, end)` of the first match.
pub fn find_loose(haystack: &str, needle: &str) -> Option<(usize, usize)> {
    let words: Vec<&str> = needle.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let hay: Vec<char> = haystack.chars().collect();
    let first: Vec<char> = words[0].chars().collect();
    'outer: for start in 0..hay.len() {
        if !hay[start..].starts_with(&first) {
            continue;
        }
        let mut pos = start + first.len();
        for w in &words[1..] {
            let ws_start = pos;
            while pos < hay.len() && hay[pos].is_whitespace() {
                pos += 1;
            }
            if pos == ws_start {
                continue 'outer;
            }
            let wc: Vec<char> = w.chars().collect();
            if !hay[pos..].starts_with(&wc) {
                continue 'outer;
            }
            pos += wc.len();
        }
        return Some((start, pos));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_the_usual_suspects() {
        let raw = "\u{FEFF}inter\u{00AD}professional \u{FB01}nance\r\nnext\0 line\rend";
        assert_eq!(normalize(raw), "interprofessional finance\nnext line\nend");
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(
            text_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn quotes_have_no_line_breaks_inside_paragraphs() {
        assert_eq!(
            as_quote("  the team\nmet  weekly.\n\nFunding\n ended. "),
            "the team met weekly.\n\nFunding ended."
        );
    }

    #[test]
    fn loose_find_ignores_whitespace_differences() {
        let hay = "Staff said the\nvision  was clear.";
        assert_eq!(find_loose(hay, "the vision was"), Some((11, 26)));
        assert_eq!(find_loose(hay, "vision is"), None);
    }
}

/// A passage as a quote is written: line breaks inside a paragraph and
/// runs of spaces become one space (a PDF imported before reflow, or a
/// transcript wrapped by hand, never puts a line break in the middle of a
/// quoted sentence); paragraph breaks (a blank line) are kept.
pub fn as_quote(passage: &str) -> String {
    passage
        .split("\n\n")
        .map(|para| para.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|para| !para.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `normalize`, also returning where each raw char lands: `map[i]` is the
/// normalised char offset of raw char `i` (`map.len()` = raw chars + 1), so
/// ranges from another tool can be carried over exactly.
pub fn normalize_with_map(raw: &str) -> (String, Vec<usize>) {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut map = Vec::with_capacity(chars.len() + 1);
    let mut n = 0usize;
    let mut i = 0;
    while i < chars.len() {
        map.push(n);
        let c = chars[i];
        let emit: &str = match c {
            '\u{FEFF}' if i == 0 => "",
            '\r' => {
                if chars.get(i + 1) == Some(&'\n') {
                    // CR and LF become one LF; the LF maps to the same place.
                    out.push('\n');
                    map.push(n);
                    n += 1;
                    i += 2;
                    continue;
                }
                "\n"
            }
            '\u{00AD}' | '\0' | '\u{FEFF}' => "",
            '\u{000C}' => "\n\n",
            '\u{FB00}' => "ff",
            '\u{FB01}' => "fi",
            '\u{FB02}' => "fl",
            '\u{FB03}' => "ffi",
            '\u{FB04}' => "ffl",
            '\u{FB05}' | '\u{FB06}' => "st",
            c if c.is_control() && c != '\n' && c != '\t' => "",
            _ => {
                out.push(c);
                n += 1;
                i += 1;
                continue;
            }
        };
        out.push_str(emit);
        n += emit.chars().count();
        i += 1;
    }
    map.push(n);
    debug_assert_eq!(out, normalize(raw));
    (out, map)
}

#[cfg(test)]
mod map_tests {
    use super::*;

    #[test]
    fn offsets_follow_normalisation() {
        let raw = "\u{FEFF}a\r\nb\u{00AD}c \u{FB01}x";
        let (text, map) = normalize_with_map(raw);
        assert_eq!(text, normalize(raw));
        assert_eq!(text, "a\nbc fix");
        // raw: [BOM, a, CR, LF, b, SHY, c, ' ', ﬁ, x]
        assert_eq!(map, vec![0, 0, 1, 1, 2, 3, 3, 4, 5, 7, 8]);
    }
}
