//! Printed page numbers ("624" at the foot of a journal page, "– 7 –" in a
//! report) are not the author's words. pdf-extract writes them where the
//! content stream draws them, which is often between two columns or in the
//! middle of a sentence ("…order of trillions in / 624 / this paper…"),
//! so a quote would carry them and a word broken over the column came out
//! as "typ 68 ically". A running header with a page number in it ("Page 3
//! of 11") is found by `pdf_text::running_lines`; a bare number has no
//! words to repeat, so it is found here by its count instead: a line that
//! is only a number, on most pages, whose value rises with the page (the
//! printed number minus the PDF page number is the same on them all).
//! The numbers found are moved out of the text and recorded (never
//! silently): the import note and the document's memo list them.

/// Fewest pages that must carry a number of the same count.
const MIN_PAGES: usize = 3;

/// "624", "– 7 –", "- 12 -", "[3]": the number of a line that is only a
/// page number.
fn page_number(line: &str) -> Option<u32> {
    let t = line
        .trim()
        .trim_matches(|c: char| matches!(c, '-' | '–' | '—' | '[' | ']' | '|'))
        .trim();
    if t.is_empty() || t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// Per page, the index of the line (in `page.split('\n')`) that is its
/// printed page number, with the number; `None` on pages without one.
/// Empty unless [`MIN_PAGES`] or more pages, and at least three in five of
/// the pages, carry a number that keeps the same distance from the page's
/// place in the file.
pub fn find(pages: &[String]) -> Vec<Option<(usize, u32)>> {
    let none = || vec![None; pages.len()];
    if pages.len() < MIN_PAGES {
        return none();
    }
    // Candidates per page: (line index, value, distance from the nearer
    // end of the page in lines).
    let candidates: Vec<Vec<(usize, u32, usize)>> = pages
        .iter()
        .map(|p| {
            let lines: Vec<&str> = p.split('\n').collect();
            let filled: Vec<usize> = (0..lines.len())
                .filter(|&i| !lines[i].trim().is_empty())
                .collect();
            filled
                .iter()
                .enumerate()
                .filter_map(|(rank, &i)| {
                    page_number(lines[i]).map(|n| (i, n, rank.min(filled.len() - 1 - rank)))
                })
                .collect()
        })
        .collect();
    // The offset (printed number − page index) most pages agree on.
    let mut offsets: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        let mut seen: Vec<i64> = c.iter().map(|&(_, n, _)| i64::from(n) - i as i64).collect();
        seen.sort_unstable();
        seen.dedup();
        for o in seen {
            *offsets.entry(o).or_default() += 1;
        }
    }
    let Some((offset, count)) = offsets
        .into_iter()
        .max_by_key(|&(o, n)| (n, std::cmp::Reverse(o)))
    else {
        return none();
    };
    if count < MIN_PAGES || count * 5 < pages.len() * 3 {
        return none();
    }
    candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.iter()
                .filter(|&&(_, n, _)| i64::from(n) - i as i64 == offset)
                .min_by_key(|&&(_, _, from_end)| from_end)
                .map(|&(line, n, _)| (line, n))
        })
        .collect()
}

/// Takes the line `line` out of `page`, leaving it empty (the blank lines
/// around it are left for the reflow to judge).
pub fn remove_line(page: &str, line: usize) -> String {
    page.split('\n')
        .enumerate()
        .map(|(i, l)| if i == line { "" } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

/// "624–633 on pages 1–10": the printed numbers moved, as runs where both
/// the printed number and the page rise by one. `found`: (page, printed).
pub fn said(found: &[(usize, u32)]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < found.len() {
        let mut j = i;
        while j + 1 < found.len()
            && found[j + 1].0 == found[j].0 + 1
            && found[j + 1].1 == found[j].1 + 1
        {
            j += 1;
        }
        parts.push(if i == j {
            format!("{} on page {}", found[i].1, found[i].0)
        } else {
            format!(
                "{}\u{2013}{} on pages {}\u{2013}{}",
                found[i].1, found[j].1, found[i].0, found[j].0
            )
        });
        i = j + 1;
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(bodies: &[&str]) -> Vec<String> {
        bodies.iter().map(|b| (*b).to_owned()).collect()
    }

    #[test]
    fn finds_numbers_that_rise_with_the_page_wherever_they_stand() {
        let p = pages(&[
            "Title of the paper\n\nAbstract text goes on",
            "order of trillions in\n\n625\n\nthis paper we",
            "more text here\n626",
            "– 627 –\nand the last page, with 12 in a table:\n12",
            "end\n\n628\n",
        ]);
        let found = find(&p);
        assert_eq!(
            found,
            vec![
                None,
                Some((2, 625)),
                Some((1, 626)),
                Some((0, 627)),
                Some((2, 628))
            ]
        );
        assert_eq!(
            remove_line(&p[1], 2),
            "order of trillions in\n\n\n\nthis paper we"
        );
        let moved: Vec<(usize, u32)> = found
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.map(|(_, n)| (i + 1, n)))
            .collect();
        assert_eq!(said(&moved), "625\u{2013}628 on pages 2\u{2013}5");
        assert_eq!(
            said(&[(1, 3), (2, 4), (4, 9)]),
            "3\u{2013}4 on pages 1\u{2013}2; 9 on page 4"
        );
    }

    proptest::proptest! {
        /// What is found is one bare number per page at most, on the line
        /// named, all the same distance from their pages' places.
        #[test]
        fn found_numbers_are_bare_lines_that_count_the_pages(
            pages in proptest::collection::vec(
                proptest::collection::vec("([0-9]{1,3}|[a-z ]{0,12}|- [0-9] -)", 0..8),
                0..12,
            )
        ) {
            let pages: Vec<String> = pages.iter().map(|p| p.join("\n")).collect();
            let found = find(&pages);
            proptest::prop_assert_eq!(found.len(), pages.len());
            let mut offset = None;
            for (i, f) in found.iter().enumerate() {
                if let Some((line, n)) = *f {
                    let l = pages[i].split('\n').nth(line).unwrap_or("");
                    proptest::prop_assert_eq!(page_number(l), Some(n));
                    let o = i64::from(n) - i as i64;
                    proptest::prop_assert_eq!(*offset.get_or_insert(o), o);
                }
            }
        }
    }

    #[test]
    fn leaves_numbers_that_do_not_count_the_pages() {
        // A table's values, the same number on every page, too few pages.
        let p = pages(&["12\ntext", "12\ntext", "12\ntext", "12\ntext"]);
        // 12 on pages 1–4 is offset 12, 11, 10, 9: no two agree.
        assert_eq!(find(&p), vec![None; 4]);
        let p = pages(&["a\n1", "b\n2"]);
        assert_eq!(find(&p), vec![None; 2]);
        // Numbers on only two of five pages.
        let p = pages(&["a\n1", "b\n2", "c", "d", "e"]);
        assert_eq!(find(&p), vec![None; 5]);
        // A year or a sum is not a page number even on every page.
        assert_eq!(page_number("2014"), Some(2014));
        assert_eq!(page_number("12345"), None);
        assert_eq!(page_number("p. 3"), None);
        assert_eq!(page_number("- 12 -"), Some(12));
    }
}
