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

pub use super::pdf_accents::compose_spacing_accents;

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

#[cfg(test)]
mod tests {
    #[test]
    fn every_spacing_accent_pair_composes() {
        for (accent, letter, composed) in super::super::pdf_accents::ACCENTED {
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
