//! Cleaning the text of PDF pages: words broken across lines with a hyphen
//! are rejoined, and running headers or footers repeated on most pages are
//! found so the importer can point them out (they are kept in the text).

/// Rejoins "integra-\ntion" into "integration" when the next line starts
/// with a lower-case letter (a word broken at the line end). Hyphenated
/// compounds broken at a line end lose their hyphen too; that is the usual
/// trade-off and is noted in the README.
pub fn join_hyphenated_lines(page: &str) -> String {
    let chars: Vec<char> = page.chars().collect();
    let mut out = String::with_capacity(page.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '-'
            && i > 0
            && chars[i - 1].is_alphabetic()
            && chars.get(i + 1) == Some(&'\n')
            && chars.get(i + 2).is_some_and(|n| n.is_lowercase())
        {
            i += 2; // drop "-\n"
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Lines that open or close at least 60% of the pages (page numbers
/// ignored): running headers and footers. Needs three or more pages.
pub fn running_lines(pages: &[String]) -> Vec<String> {
    if pages.len() < 3 {
        return Vec::new();
    }
    let key = |l: &str| -> String {
        l.chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut counts: std::collections::HashMap<String, (usize, String)> =
        std::collections::HashMap::new();
    for p in pages {
        let lines: Vec<&str> = p.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let mut ends: Vec<&str> = lines
            .iter()
            .take(1)
            .chain(lines.iter().rev().take(1))
            .copied()
            .collect();
        ends.dedup();
        for l in ends {
            let k = key(l);
            if k.chars().count() < 3 {
                continue;
            }
            let e = counts.entry(k).or_insert((0, l.to_owned()));
            e.0 += 1;
        }
    }
    let need = (pages.len() * 3).div_ceil(5);
    let mut out: Vec<String> = counts
        .into_values()
        .filter(|(n, _)| *n >= need)
        .map(|(_, l)| l)
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejoins_words_broken_at_line_ends() {
        assert_eq!(
            join_hyphenated_lines("integra-\ntion works\nwell-\nKnown"),
            "integration works\nwell-\nKnown"
        );
        assert_eq!(join_hyphenated_lines("a - \nb"), "a - \nb");
    }

    #[test]
    fn finds_running_headers() {
        let pages: Vec<String> = (1..=5)
            .map(|i| format!("Journal of Care 12\nBody text {i} here.\nPage {i}"))
            .collect();
        assert_eq!(
            running_lines(&pages),
            vec!["Journal of Care 12".to_owned(), "Page 1".to_owned()]
        );
        assert!(running_lines(&pages[..2]).is_empty());
    }
}
