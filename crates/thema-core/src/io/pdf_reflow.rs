//! Turning a PDF page's lines back into the paragraphs a reader sees.
//!
//! A PDF places every line on its own; read as text, a paragraph comes out
//! as ragged lines, and a quote copied from it carries line breaks in the
//! middle of a sentence. Per page, lines are joined into paragraphs:
//! a paragraph ends at a blank line, before a list item, after a heading
//! (a short line without a sentence end, followed by a capital), and after
//! a short line that ends a sentence when the next begins with a capital.
//! Within a line, runs of spaces collapse and letter-spaced words
//! ("S T U D Y  P R O T O C O L") are closed up; a word broken at a line
//! end with "- " is rejoined like one broken with "-". Paragraphs are
//! separated by a blank line. Pages are reflowed one by one, so page
//! starts stay exact.

use super::pdf_text::{Vocabulary, join_hyphenated_lines};

/// The page's text as paragraphs.
pub fn reflow(page: &str, vocabulary: &Vocabulary) -> String {
    reflow_around(page, vocabulary, &Running::default(), None)
}

/// Running headers and footers of a document, by `running_key`: those
/// found at the pages' ends, and those repeated on nearly every page
/// wherever the page draws them.
#[derive(Debug, Clone, Default)]
pub struct Running {
    pub ends: Vec<String>,
    pub anywhere: Vec<String>,
}

/// The page's text as paragraphs. A running header or footer (a line
/// whose `running_key` is in `running`) is never glued to the text around
/// it: among the page's first and last two lines — or anywhere, when its
/// key is also in `running.anywhere` — it goes to `moved` when given (out
/// of the text), else it stays a paragraph of its own.
pub fn reflow_around(
    page: &str,
    vocabulary: &Vocabulary,
    running: &Running,
    mut moved: Option<&mut Vec<String>>,
) -> String {
    let page = compose_spacing_accents(page);
    // Blank lines inside a sentence (a column's foot, double spacing).
    let page = super::pdf_gaps::close_gaps(&page);
    // "throm- \nboprophylaxis": a hyphen, then spaces, at a line end.
    let page = hyphen_space_at_line_end(&page);
    let page = join_hyphenated_lines(&page, vocabulary);
    let lines: Vec<String> = page.lines().map(tidy_line).collect();
    let typical = super::pdf_gaps::typical_length(&lines);
    let filled: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
    let at_page_end = |i: usize| {
        filled
            .iter()
            .take(2)
            .chain(filled.iter().rev().take(2))
            .any(|&f| f == i)
    };
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            flush(&mut current, &mut paragraphs);
            continue;
        }
        let key = (!running.ends.is_empty() || !running.anywhere.is_empty())
            .then(|| super::pdf_text::running_key(line));
        if let Some(key) = key.filter(|k| running.ends.contains(k) || running.anywhere.contains(k))
        {
            flush(&mut current, &mut paragraphs);
            match moved.as_deref_mut() {
                Some(out) if at_page_end(i) || running.anywhere.contains(&key) => {
                    out.push(line.clone());
                }
                _ => paragraphs.push(line.clone()),
            }
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
        let Some(next) = lines.get(i + 1).filter(|n| !n.is_empty()) else {
            continue;
        };
        if ends_paragraph(line, next, typical) {
            flush(&mut current, &mut paragraphs);
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    let p = current.trim();
    if !p.is_empty() {
        paragraphs.push(p.to_owned());
    }
    current.clear();
}

/// Whether the paragraph ends after `line`, given the line that follows.
fn ends_paragraph(line: &str, next: &str, typical: usize) -> bool {
    let len = line.chars().count();
    let first = next.chars().next().unwrap_or(' ');
    let next_opens = first.is_uppercase() || first.is_ascii_digit() || first == '“' || first == '"';
    if starts_list_item(next) {
        return true;
    }
    // A title in capitals set over two lines stays one paragraph.
    let capitals = |l: &str| {
        let letters: Vec<char> = l.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
    };
    if capitals(line) && capitals(next) && !line.ends_with(['.', ':']) {
        return false;
    }
    let last = line
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .chars()
        .last();
    let sentence_end = matches!(last, Some('.' | '!' | '?' | ':'));
    let short = |share: f32| typical > 0 && (len as f32) < typical as f32 * share;
    // A heading: short, no sentence end, and the text goes on with a capital.
    if !sentence_end && next_opens && short(0.6) && !line.ends_with(',') {
        return true;
    }
    // The last line of a paragraph: it ends a sentence before the margin.
    sentence_end && next_opens && short(0.85)
}

fn starts_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(['•', '▪', '◦', '●', '–', '—']) {
        return true;
    }
    // "1." or "2)" followed by a space.
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && digits <= 2
        && t[digits..].starts_with(['.', ')'])
        && t[digits + 1..].starts_with(' ')
}

/// One line with letter-spaced words closed up and runs of spaces
/// collapsed.
fn tidy_line(line: &str) -> String {
    let line = line.trim();
    // Words are separated by two or more spaces in letter-spaced text.
    let groups: Vec<String> = line
        .split("  ")
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(close_up_letter_spacing)
        .collect();
    groups.join(" ")
}

/// "S T U D Y" → "STUDY": a run of four or more single letters separated
/// by single spaces. Shorter runs ("a b c", "I a") are left alone.
fn close_up_letter_spacing(group: &str) -> String {
    let tokens: Vec<&str> = group.split_whitespace().collect();
    let single = |t: &str| {
        let mut c = t.chars();
        matches!((c.next(), c.next()), (Some(x), None) if x.is_alphabetic())
    };
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let run = tokens[i..].iter().take_while(|t| single(t)).count();
        if run >= 4 {
            out.push(tokens[i..i + run].concat());
            i += run;
        } else {
            out.push(tokens[i].to_owned());
            i += 1;
        }
    }
    out.join(" ")
}

/// "throm- \nbo" → "throm-\nbo", and a word broken across a blank line
/// ("dehypenisa-\n\ntion", as some extractors write the gap between
/// lines) → "dehypenisa-\ntion", so the usual rejoining applies.
fn hyphen_space_at_line_end(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let lines: Vec<&str> = page.split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let prev = out.trim_end_matches([' ', '\t']);
            let broken = prev.ends_with('-')
                && prev[..prev.len() - 1]
                    .chars()
                    .last()
                    .is_some_and(char::is_alphabetic);
            let blank_then_lower = line.trim().is_empty()
                && lines[i + 1..]
                    .iter()
                    .find(|l| !l.trim().is_empty())
                    .and_then(|l| l.trim_start().chars().next())
                    .is_some_and(char::is_lowercase);
            if broken && blank_then_lower {
                continue; // drop the blank line inside the broken word
            }
            out.push('\n');
        }
        let trimmed = line.trim_end();
        if trimmed.ends_with('-')
            && trimmed.len() < line.len()
            && trimmed[..trimmed.len() - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphabetic)
        {
            out.push_str(trimmed);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// TeX sets an accented letter as two glyphs, the accent and the letter
/// (a dotless ı under a circumflex), which extractors give as two
/// characters: "Lemaˆıtre". Each (spacing accent, letter) pair with a
/// precomposed form becomes that letter: "Lemaître".
pub fn compose_spacing_accents(text: &str) -> String {
    // Most pages have no spacing accent at all: nothing to do.
    let is_accent = |c: char| {
        matches!(
            c,
            '\u{00A8}'
                | '\u{00AF}'
                | '\u{00B4}'
                | '\u{00B8}'
                | '\u{02C6}'
                | '\u{02C7}'
                | '\u{02D8}'
                | '\u{02DA}'
                | '\u{02DC}'
        )
    };
    if !text.chars().any(is_accent) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        // "don´t", "Peter´s": an acute typed as an apostrophe, not an accent.
        let apostrophe = chars[i] == '\u{00B4}' && i > 0 && chars[i - 1].is_alphabetic() && {
            let tail: String = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_alphabetic())
                .collect();
            matches!(tail.as_str(), "s" | "t" | "re" | "ll" | "ve" | "d" | "m")
        };
        if let Some(&base) = chars
            .get(i + 1)
            .filter(|_| is_accent(chars[i]) && !apostrophe)
        {
            let base = match base {
                'ı' => 'i',
                'ȷ' => 'j',
                b => b,
            };
            if let Some((_, _, composed)) = ACCENTED
                .iter()
                .find(|(a, b, _)| *a == chars[i] && *b == base)
            {
                out.push(*composed);
                i += 2;
                continue;
            }
            // No precomposed letter ("ˆσ", an estimate in maths): the
            // letter with the combining accent, "σ̂".
            // Only for an accent that starts a word: inside one it may be
            // a stray mark the precomposed table does not know.
            if base.is_alphabetic()
                && (i == 0 || !chars[i - 1].is_alphabetic())
                && let Some(mark) = combining(chars[i])
            {
                out.push(chars[i + 1]);
                out.push(mark);
                i += 2;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The combining form of a spacing accent.
fn combining(accent: char) -> Option<char> {
    Some(match accent {
        '\u{00A8}' => '\u{0308}',
        '\u{00AF}' => '\u{0304}',
        '\u{00B4}' => '\u{0301}',
        '\u{00B8}' => '\u{0327}',
        '\u{02C6}' => '\u{0302}',
        '\u{02C7}' => '\u{030C}',
        '\u{02D8}' => '\u{0306}',
        '\u{02DA}' => '\u{030A}',
        '\u{02DC}' => '\u{0303}',
        _ => return None,
    })
}

/// (spacing accent, letter, the accented letter), from Unicode's
/// canonical compositions of the accent's combining form.
pub const ACCENTED: &[(char, char, char)] = &[
    ('\u{02C6}', 'a', 'â'),
    ('\u{02C6}', 'c', 'ĉ'),
    ('\u{02C6}', 'e', 'ê'),
    ('\u{02C6}', 'g', 'ĝ'),
    ('\u{02C6}', 'h', 'ĥ'),
    ('\u{02C6}', 'i', 'î'),
    ('\u{02C6}', 'j', 'ĵ'),
    ('\u{02C6}', 'o', 'ô'),
    ('\u{02C6}', 's', 'ŝ'),
    ('\u{02C6}', 'u', 'û'),
    ('\u{02C6}', 'w', 'ŵ'),
    ('\u{02C6}', 'y', 'ŷ'),
    ('\u{02C6}', 'z', 'ẑ'),
    ('\u{02C6}', 'A', 'Â'),
    ('\u{02C6}', 'C', 'Ĉ'),
    ('\u{02C6}', 'E', 'Ê'),
    ('\u{02C6}', 'G', 'Ĝ'),
    ('\u{02C6}', 'H', 'Ĥ'),
    ('\u{02C6}', 'I', 'Î'),
    ('\u{02C6}', 'J', 'Ĵ'),
    ('\u{02C6}', 'O', 'Ô'),
    ('\u{02C6}', 'S', 'Ŝ'),
    ('\u{02C6}', 'U', 'Û'),
    ('\u{02C6}', 'W', 'Ŵ'),
    ('\u{02C6}', 'Y', 'Ŷ'),
    ('\u{02C6}', 'Z', 'Ẑ'),
    ('\u{00A8}', 'a', 'ä'),
    ('\u{00A8}', 'e', 'ë'),
    ('\u{00A8}', 'h', 'ḧ'),
    ('\u{00A8}', 'i', 'ï'),
    ('\u{00A8}', 'o', 'ö'),
    ('\u{00A8}', 't', 'ẗ'),
    ('\u{00A8}', 'u', 'ü'),
    ('\u{00A8}', 'w', 'ẅ'),
    ('\u{00A8}', 'y', 'ÿ'),
    ('\u{00A8}', 'A', 'Ä'),
    ('\u{00A8}', 'E', 'Ë'),
    ('\u{00A8}', 'H', 'Ḧ'),
    ('\u{00A8}', 'I', 'Ï'),
    ('\u{00A8}', 'O', 'Ö'),
    ('\u{00A8}', 'U', 'Ü'),
    ('\u{00A8}', 'W', 'Ẅ'),
    ('\u{00A8}', 'Y', 'Ÿ'),
    ('\u{00B4}', 'a', 'á'),
    ('\u{00B4}', 'c', 'ć'),
    ('\u{00B4}', 'e', 'é'),
    ('\u{00B4}', 'g', 'ǵ'),
    ('\u{00B4}', 'i', 'í'),
    ('\u{00B4}', 'k', 'ḱ'),
    ('\u{00B4}', 'l', 'ĺ'),
    ('\u{00B4}', 'n', 'ń'),
    ('\u{00B4}', 'o', 'ó'),
    ('\u{00B4}', 'r', 'ŕ'),
    ('\u{00B4}', 's', 'ś'),
    ('\u{00B4}', 'u', 'ú'),
    ('\u{00B4}', 'w', 'ẃ'),
    ('\u{00B4}', 'y', 'ý'),
    ('\u{00B4}', 'z', 'ź'),
    ('\u{00B4}', 'A', 'Á'),
    ('\u{00B4}', 'C', 'Ć'),
    ('\u{00B4}', 'E', 'É'),
    ('\u{00B4}', 'G', 'Ǵ'),
    ('\u{00B4}', 'I', 'Í'),
    ('\u{00B4}', 'K', 'Ḱ'),
    ('\u{00B4}', 'L', 'Ĺ'),
    ('\u{00B4}', 'N', 'Ń'),
    ('\u{00B4}', 'O', 'Ó'),
    ('\u{00B4}', 'R', 'Ŕ'),
    ('\u{00B4}', 'S', 'Ś'),
    ('\u{00B4}', 'U', 'Ú'),
    ('\u{00B4}', 'W', 'Ẃ'),
    ('\u{00B4}', 'Y', 'Ý'),
    ('\u{00B4}', 'Z', 'Ź'),
    ('\u{02DC}', 'a', 'ã'),
    ('\u{02DC}', 'e', 'ẽ'),
    ('\u{02DC}', 'i', 'ĩ'),
    ('\u{02DC}', 'n', 'ñ'),
    ('\u{02DC}', 'o', 'õ'),
    ('\u{02DC}', 'u', 'ũ'),
    ('\u{02DC}', 'y', 'ỹ'),
    ('\u{02DC}', 'A', 'Ã'),
    ('\u{02DC}', 'E', 'Ẽ'),
    ('\u{02DC}', 'I', 'Ĩ'),
    ('\u{02DC}', 'N', 'Ñ'),
    ('\u{02DC}', 'O', 'Õ'),
    ('\u{02DC}', 'U', 'Ũ'),
    ('\u{02DC}', 'Y', 'Ỹ'),
    ('\u{02C7}', 'a', 'ǎ'),
    ('\u{02C7}', 'c', 'č'),
    ('\u{02C7}', 'd', 'ď'),
    ('\u{02C7}', 'e', 'ě'),
    ('\u{02C7}', 'g', 'ǧ'),
    ('\u{02C7}', 'h', 'ȟ'),
    ('\u{02C7}', 'i', 'ǐ'),
    ('\u{02C7}', 'j', 'ǰ'),
    ('\u{02C7}', 'k', 'ǩ'),
    ('\u{02C7}', 'l', 'ľ'),
    ('\u{02C7}', 'n', 'ň'),
    ('\u{02C7}', 'o', 'ǒ'),
    ('\u{02C7}', 'r', 'ř'),
    ('\u{02C7}', 's', 'š'),
    ('\u{02C7}', 't', 'ť'),
    ('\u{02C7}', 'u', 'ǔ'),
    ('\u{02C7}', 'z', 'ž'),
    ('\u{02C7}', 'A', 'Ǎ'),
    ('\u{02C7}', 'C', 'Č'),
    ('\u{02C7}', 'D', 'Ď'),
    ('\u{02C7}', 'E', 'Ě'),
    ('\u{02C7}', 'G', 'Ǧ'),
    ('\u{02C7}', 'H', 'Ȟ'),
    ('\u{02C7}', 'I', 'Ǐ'),
    ('\u{02C7}', 'K', 'Ǩ'),
    ('\u{02C7}', 'L', 'Ľ'),
    ('\u{02C7}', 'N', 'Ň'),
    ('\u{02C7}', 'O', 'Ǒ'),
    ('\u{02C7}', 'R', 'Ř'),
    ('\u{02C7}', 'S', 'Š'),
    ('\u{02C7}', 'T', 'Ť'),
    ('\u{02C7}', 'U', 'Ǔ'),
    ('\u{02C7}', 'Z', 'Ž'),
    ('\u{00B8}', 'c', 'ç'),
    ('\u{00B8}', 'd', 'ḑ'),
    ('\u{00B8}', 'e', 'ȩ'),
    ('\u{00B8}', 'g', 'ģ'),
    ('\u{00B8}', 'h', 'ḩ'),
    ('\u{00B8}', 'k', 'ķ'),
    ('\u{00B8}', 'l', 'ļ'),
    ('\u{00B8}', 'n', 'ņ'),
    ('\u{00B8}', 'r', 'ŗ'),
    ('\u{00B8}', 's', 'ş'),
    ('\u{00B8}', 't', 'ţ'),
    ('\u{00B8}', 'C', 'Ç'),
    ('\u{00B8}', 'D', 'Ḑ'),
    ('\u{00B8}', 'E', 'Ȩ'),
    ('\u{00B8}', 'G', 'Ģ'),
    ('\u{00B8}', 'H', 'Ḩ'),
    ('\u{00B8}', 'K', 'Ķ'),
    ('\u{00B8}', 'L', 'Ļ'),
    ('\u{00B8}', 'N', 'Ņ'),
    ('\u{00B8}', 'R', 'Ŗ'),
    ('\u{00B8}', 'S', 'Ş'),
    ('\u{00B8}', 'T', 'Ţ'),
    ('\u{02DA}', 'a', 'å'),
    ('\u{02DA}', 'u', 'ů'),
    ('\u{02DA}', 'w', 'ẘ'),
    ('\u{02DA}', 'y', 'ẙ'),
    ('\u{02DA}', 'A', 'Å'),
    ('\u{02DA}', 'U', 'Ů'),
    ('\u{00AF}', 'a', 'ā'),
    ('\u{00AF}', 'e', 'ē'),
    ('\u{00AF}', 'g', 'ḡ'),
    ('\u{00AF}', 'i', 'ī'),
    ('\u{00AF}', 'o', 'ō'),
    ('\u{00AF}', 'u', 'ū'),
    ('\u{00AF}', 'y', 'ȳ'),
    ('\u{00AF}', 'A', 'Ā'),
    ('\u{00AF}', 'E', 'Ē'),
    ('\u{00AF}', 'G', 'Ḡ'),
    ('\u{00AF}', 'I', 'Ī'),
    ('\u{00AF}', 'O', 'Ō'),
    ('\u{00AF}', 'U', 'Ū'),
    ('\u{00AF}', 'Y', 'Ȳ'),
    ('\u{02D8}', 'a', 'ă'),
    ('\u{02D8}', 'e', 'ĕ'),
    ('\u{02D8}', 'g', 'ğ'),
    ('\u{02D8}', 'i', 'ĭ'),
    ('\u{02D8}', 'o', 'ŏ'),
    ('\u{02D8}', 'u', 'ŭ'),
    ('\u{02D8}', 'A', 'Ă'),
    ('\u{02D8}', 'E', 'Ĕ'),
    ('\u{02D8}', 'G', 'Ğ'),
    ('\u{02D8}', 'I', 'Ĭ'),
    ('\u{02D8}', 'O', 'Ŏ'),
    ('\u{02D8}', 'U', 'Ŭ'),
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_spacing_accent_pair_composes() {
        for (accent, letter, composed) in super::ACCENTED {
            assert_eq!(
                super::compose_spacing_accents(&format!("x{accent}{letter}y")),
                format!("x{composed}y")
            );
        }
        assert_eq!(
            super::compose_spacing_accents("Lema\u{02C6}ıtre"),
            "Lemaître"
        );
        assert_eq!(super::compose_spacing_accents("plain text"), "plain text");
        // No precomposed form: the combining accent after the letter.
        assert_eq!(
            super::compose_spacing_accents("a \u{02C6}σ here"),
            "a σ\u{0302} here"
        );
        // An acute typed as an apostrophe stays one.
        assert_eq!(
            super::compose_spacing_accents("don\u{00B4}t, Peter\u{00B4}s"),
            "don\u{00B4}t, Peter\u{00B4}s"
        );
        assert_eq!(super::compose_spacing_accents("caf\u{00B4}e"), "café");
        // An accent before a non-letter stays as it is.
        assert_eq!(
            super::compose_spacing_accents("x \u{02C6} 2"),
            "x \u{02C6} 2"
        );
    }

    use super::*;

    fn reflowed(page: &str) -> String {
        reflow(page, &Vocabulary::of_pages(&[page]))
    }

    #[test]
    fn lines_of_a_paragraph_are_joined_and_paragraphs_kept() {
        let page = "Background\nIntegrated care teams were set up in three neighbourhoods in\n2019. Staff from nursing, social care and mental health shared\noffices and met weekly.\nThe evaluation ran for two years and followed every team from\nits first meeting to the end of its funding.\nMethods\nWe interviewed 22 staff members and observed 14 meetings over\nthe course of the study, taking field notes at each of them.";
        assert_eq!(
            reflowed(page),
            "Background\n\nIntegrated care teams were set up in three neighbourhoods in 2019. Staff from nursing, social care and mental health shared offices and met weekly.\n\nThe evaluation ran for two years and followed every team from its first meeting to the end of its funding.\n\nMethods\n\nWe interviewed 22 staff members and observed 14 meetings over the course of the study, taking field notes at each of them."
        );
    }

    #[test]
    fn hyphens_spaces_and_letter_spacing_are_mended() {
        let page = "S T U D Y  P R O T O C O L\nPatients on throm- \nboprophylaxis were  followed for a year and  the\nresults of the two groups were compared at the end of it.";
        assert_eq!(
            reflowed(page),
            "STUDY PROTOCOL\n\nPatients on thromboprophylaxis were followed for a year and the results of the two groups were compared at the end of it."
        );
        // Short runs of single letters are words, not letter-spacing.
        assert_eq!(close_up_letter_spacing("I a m"), "I a m");
        // TeX's accents set apart.
        assert_eq!(
            reflowed("Lemaˆıtre–Tolman models"),
            "Lemaître–Tolman models"
        );
        assert_eq!(compose_spacing_accents("ˆıt ´e ¸c ¨u"), "ît é ç ü");
        // A running header stays a paragraph of its own.
        let running = Running {
            ends: vec![super::super::pdf_text::running_key("Journal of Care 12")],
            anywhere: Vec::new(),
        };
        assert_eq!(
            reflow_around(
                "Journal of Care 13\nthe teams met weekly and planned care together.",
                &Vocabulary::default(),
                &running,
                None
            ),
            "Journal of Care 13\n\nthe teams met weekly and planned care together."
        );
        // Moved out when asked, only from the page's ends.
        let mut moved = Vec::new();
        assert_eq!(
            reflow_around(
                "Journal of Care 13\nthe teams met weekly.\n\nJournal of Care 12\n\nas planned.\n\nmore.\n\nend.",
                &Vocabulary::default(),
                &running,
                Some(&mut moved)
            ),
            "the teams met weekly.\n\nJournal of Care 12\n\nas planned.\n\nmore.\n\nend."
        );
        assert_eq!(moved, vec!["Journal of Care 13".to_owned()]);
        // A line on nearly every page goes wherever the page draws it.
        let running = Running {
            ends: Vec::new(),
            anywhere: vec![super::super::pdf_text::running_key(
                "(page number not for citation purposes)",
            )],
        };
        let mut moved = Vec::new();
        assert_eq!(
            reflow_around(
                "The teams met weekly.\n\n(page number not for citation purposes)\n\nThey planned care together and\nwrote it down.",
                &Vocabulary::default(),
                &running,
                Some(&mut moved)
            ),
            "The teams met weekly.\n\nThey planned care together and wrote it down."
        );
        assert_eq!(
            moved,
            vec!["(page number not for citation purposes)".to_owned()]
        );
        // A word broken across a blank line.
        assert_eq!(
            reflowed("We test the dehypenisa-\n\ntion of a short text."),
            "We test the dehypenisation of a short text."
        );
    }

    #[test]
    fn a_title_in_capitals_over_two_lines_stays_whole() {
        let page = "INTERFERENCE OF SINGLE PHOTONS FROM DISSIMILAR\nSOURCES\nMatthias Kroner, Alice Smith\nWe report on the interference of photons emitted by two quantum dots.";
        assert_eq!(
            reflowed(page),
            "INTERFERENCE OF SINGLE PHOTONS FROM DISSIMILAR SOURCES\n\nMatthias Kroner, Alice Smith\n\nWe report on the interference of photons emitted by two quantum dots."
        );
    }

    #[test]
    fn list_items_start_paragraphs() {
        let page = "The teams reported three barriers to joint working in the first year:\n• staff turnover in two of the three localities\n• short funding cycles\n2) no shared records";
        assert_eq!(
            reflowed(page),
            "The teams reported three barriers to joint working in the first year:\n\n• staff turnover in two of the three localities\n\n• short funding cycles\n\n2) no shared records"
        );
    }
}
