//! BibTeX name lists: `Last, First and von Last, Jr, First and First von
//! Last and {Corporate Name}`. Splitting looks only at brace depth 0, with
//! a counter.

use super::latex;
use crate::io::references::Person;

/// Splits `s` at depth-0 occurrences of `sep` (a predicate on the text
/// from that point on, returning the separator's length).
fn split_top(s: &str, sep: impl Fn(&str) -> Option<usize>) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut i = 0;
    let b = s.as_bytes();
    while i < b.len() {
        match b[i] {
            b'\\' => {
                i += 2;
                continue;
            }
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ if depth == 0 && s.is_char_boundary(i) => {
                if let Some(n) = sep(&s[i..]) {
                    parts.push(&s[start..i]);
                    i += n;
                    start = i;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&s[start.min(s.len())..]);
    parts
}

/// " and " between names (any whitespace around it).
fn and_sep(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    if !b.first()?.is_ascii_whitespace() {
        return None;
    }
    let ws = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    let after = &b[ws..];
    if after.len() > 3 && after.starts_with(b"and") && after[3].is_ascii_whitespace() {
        let ws2 = after[3..]
            .iter()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
        Some(ws + 3 + ws2)
    } else {
        None
    }
}

/// The authors of a raw `author` value.
pub(super) fn people(raw: &str) -> Vec<Person> {
    split_top(raw.trim(), and_sep)
        .into_iter()
        .filter_map(person)
        .collect()
}

/// True when the whole text is one brace group: `{World Health
/// Organization}`.
fn one_group(s: &str) -> bool {
    if !s.starts_with('{') || !s.ends_with('}') {
        return false;
    }
    let mut depth = 0usize;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 && i + 1 < b.len() {
                    return false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    true
}

/// A `von` word: its first letter is lower-case. A word in braces without
/// a command (`{Van}`) counts as upper-case, as in BibTeX.
fn is_von(word: &str) -> bool {
    if word.starts_with('{') && !word.starts_with("{\\") {
        return false;
    }
    latex::to_text(word)
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase)
}

fn person(raw: &str) -> Option<Person> {
    let name = raw.trim();
    if name.is_empty() || name == "others" {
        return None;
    }
    if one_group(name) {
        let family = latex::line(name).trim_matches([',', ' ']).to_owned();
        return (!family.is_empty()).then(|| Person {
            family,
            given: String::new(),
        });
    }
    let parts: Vec<&str> = split_top(name, |r| r.starts_with(',').then_some(1));
    let (family, given) = match parts.as_slice() {
        [single] => first_von_last(single),
        [last, first] => (latex::line(last), latex::line(first)),
        [last, jr, first, ..] => {
            let (first, jr) = (latex::line(first), latex::line(jr));
            let given = match (first.is_empty(), jr.is_empty()) {
                (_, true) => first,
                (true, false) => jr,
                (false, false) => format!("{first}, {jr}"),
            };
            (latex::line(last), given)
        }
        [] => return None,
    };
    if family.is_empty() {
        return (!given.is_empty()).then(|| Person {
            family: given,
            given: String::new(),
        });
    }
    Some(Person { family, given })
}

/// "First von Last": the family name starts at the first lower-case word
/// before the last word, else it is the last word.
fn first_von_last(s: &str) -> (String, String) {
    let words: Vec<&str> = split_top(s, |r| {
        let n = r.bytes().take_while(u8::is_ascii_whitespace).count();
        (n > 0).then_some(n)
    })
    .into_iter()
    .filter(|w| !w.is_empty())
    .collect();
    let Some(last) = words.len().checked_sub(1) else {
        return (String::new(), String::new());
    };
    let start = words[..last].iter().position(|w| is_von(w)).unwrap_or(last);
    (
        latex::line(&words[start..].join(" ")),
        latex::line(&words[..start].join(" ")),
    )
}
