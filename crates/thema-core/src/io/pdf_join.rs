//! A PDF's pages joined into the text a reviewer reads: each page
//! normalised and reflowed into paragraphs, page starts recorded, and
//! what is not the author's running text — running headers and footers,
//! margin line numbers — moved out (kept for the document's memo).

use crate::model::text;

/// Normalises each page, reflows its lines into paragraphs
/// (`pdf_reflow`) and joins the pages, recording where pages 2.. start.
/// Running headers and footers stay in the text as paragraphs of their
/// own (for REFI-QDA sources, whose positions count them).
pub fn join_pages(pages: &[String]) -> (String, Vec<usize>) {
    let j = join(pages, false);
    (j.text, j.page_starts)
}

/// Pages joined as a reviewer reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Joined {
    pub text: String,
    /// Where pages 2.. start (characters).
    pub page_starts: Vec<usize>,
    /// Running headers and footers moved out of the text: (page, line).
    pub moved: Vec<(usize, String)>,
    /// Margin line numbers moved out of the text: (page, first, last).
    pub line_numbers: Vec<(usize, u32, u32)>,
    /// Printed page numbers moved out of the text: (page, number).
    pub page_numbers: Vec<(usize, u32)>,
}

/// Like [`join_pages`], but running headers and footers at the pages'
/// ends, margin line numbers and printed page numbers are moved out of
/// the text (returned in `moved`, `line_numbers` and `page_numbers`, to
/// be kept).
pub fn join_pages_moving_running_lines(pages: &[String]) -> Joined {
    join(pages, true)
}

fn join(pages: &[String], move_running: bool) -> Joined {
    let mut moved = Vec::new();
    let mut line_numbers = Vec::new();
    let mut body = String::new();
    let mut chars = 0usize;
    let mut starts = Vec::new();
    let mut normalized: Vec<String> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let p = symbol_bullets(&text::normalize(p));
            if !move_running {
                return p;
            }
            let after = line_numbers
                .last()
                .map(|&(_, _, last): &(usize, u32, u32)| last);
            let (kept, removed) = super::pdf_line_numbers::strip(&p, after);
            line_numbers.extend(removed.runs.iter().map(|&(a, b)| (i + 1, a, b)));
            kept
        })
        .collect();
    let mut page_numbers = Vec::new();
    if move_running {
        let found = super::pdf_page_numbers::find(&normalized);
        for (i, f) in found.into_iter().enumerate() {
            if let Some((line, n)) = f {
                normalized[i] = super::pdf_page_numbers::remove_line(&normalized[i], line);
                page_numbers.push((i + 1, n));
            }
        }
    }
    let vocabulary = super::pdf_text::Vocabulary::of_pages(&normalized);
    let running = super::pdf_reflow::Running {
        ends: super::pdf_text::running_lines(&normalized)
            .iter()
            .map(|l| super::pdf_text::running_key(l))
            .collect(),
        anywhere: if move_running {
            super::pdf_text::running_anywhere(&normalized)
        } else {
            Vec::new()
        },
    };
    for (i, page) in normalized.iter().enumerate() {
        let mut out = Vec::new();
        let norm = super::pdf_reflow::reflow_around(
            page,
            &vocabulary,
            &running,
            move_running.then_some(&mut out),
        );
        moved.extend(out.into_iter().map(|l| (i + 1, l)));
        let norm = norm.trim_matches('\n');
        if i > 0 {
            if !body.is_empty() {
                // A sentence that runs on over the page break stays one
                // paragraph ("…in the order of trillions. In" / "this
                // paper, we…"): the page starts at its first word all the
                // same, and a quote across the break has no break in it.
                let last_line = body.rsplit('\n').next().unwrap_or("");
                let first_line = norm.split('\n').next().unwrap_or("");
                let sep = if super::pdf_gaps::runs_on(last_line, first_line) {
                    " "
                } else {
                    "\n\n"
                };
                body.push_str(sep);
                chars += sep.chars().count();
            }
            starts.push(chars);
        }
        body.push_str(norm);
        chars += norm.chars().count();
    }
    Joined {
        text: body,
        page_starts: starts,
        moved,
        line_numbers,
        page_numbers,
    }
}

/// A list bullet drawn from a symbol font (Word's Symbol "•" and
/// Wingdings "▪ ➢ ✓") comes out as a private-use character (U+F0B7,
/// U+F0A7…: the font's code moved up to U+F000), which the text font
/// shows as a box and which starts no list item. At a line's start and
/// before a space it is read as "•"; anywhere else it is left as it is.
fn symbol_bullets(page: &str) -> String {
    let symbol = |c: char| ('\u{F020}'..='\u{F0FF}').contains(&c);
    if !page.contains(symbol) {
        return page.to_owned();
    }
    page.split('\n')
        .map(|line| {
            let t = line.trim_start();
            let mut chars = t.chars();
            match (chars.next(), chars.next()) {
                (Some(c), Some(' ' | '\t')) if symbol(c) => {
                    format!(
                        "{}\u{2022}{}",
                        &line[..line.len() - t.len()],
                        &t[c.len_utf8()..]
                    )
                }
                _ => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The document memo listing running lines moved out of the text, one
/// entry per line (page numbers in it ignored) with the pages it was on.
pub fn moved_lines_memo(moved: &[(usize, String)]) -> String {
    let mut groups: Vec<(String, String, Vec<usize>)> = Vec::new();
    for (page, line) in moved {
        let key = super::pdf_text::running_key(line);
        match groups.iter_mut().find(|g| g.0 == key) {
            Some(g) => g.2.push(*page),
            None => groups.push((key, line.clone(), vec![*page])),
        }
    }
    let mut memo = String::from(
        "Running headers and footers Thema moved out of the text at import (each line with the pages it was on; page numbers in them vary):",
    );
    for (_, example, pages) in groups {
        let every_other = pages.len() >= 3 && pages.windows(2).all(|w| w[1] == w[0] + 2);
        let where_ = if every_other {
            let parity = if pages[0] % 2 == 0 { "even" } else { "odd" };
            format!(
                "{parity} pages {}\u{2013}{}",
                pages[0],
                pages[pages.len() - 1]
            )
        } else if pages.len() == 1 {
            format!("page {}", pages[0])
        } else {
            format!("pages {}", list(&pages))
        };
        memo.push_str(&format!("\n• \u{201c}{example}\u{201d} — {where_}"));
    }
    memo
}

/// "1–25 on page 1; 1–25 on page 2".
pub(super) fn line_numbers_said(runs: &[(usize, u32, u32)]) -> String {
    runs.iter()
        .map(|(page, a, b)| format!("{a}\u{2013}{b} on page {page}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// "2, 4–7, 9": page numbers with runs of three or more as ranges.
pub(super) fn list(pages: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let mut j = i;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        if j >= i + 2 {
            parts.push(format!("{}\u{2013}{}", pages[i], pages[j]));
        } else {
            parts.extend(pages[i..=j].iter().map(usize::to_string));
        }
        i = j + 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_font_bullets_start_list_items() {
        let page = "Los pasos son:\n\u{F0B7}  Elección de nombre de la investigación.\n\u{F0B7}  Formulación de las cadenas de búsqueda.\n  \u{F0A7} Otro punto\nun símbolo \u{F0B7} en medio";
        assert_eq!(
            symbol_bullets(page),
            "Los pasos son:\n\u{2022}  Elección de nombre de la investigación.\n\u{2022}  Formulación de las cadenas de búsqueda.\n  \u{2022} Otro punto\nun símbolo \u{F0B7} en medio"
        );
        // Each bullet now starts its own paragraph.
        let (text, _) = join_pages(&[page.to_owned()]);
        assert_eq!(
            text,
            "Los pasos son:\n\n\u{2022} Elección de nombre de la investigación.\n\n\u{2022} Formulación de las cadenas de búsqueda.\n\n\u{2022} Otro punto un símbolo \u{F0B7} en medio"
        );
    }
}
