//! Blank lines that are not paragraph breaks. pdf-extract writes a blank
//! line wherever the pen moves down more than a line, so a paragraph came
//! out split at a column's foot ("…order of trillions in" / "this paper,
//! we introduce…"), around a page number standing between the columns,
//! and at every line of a double-spaced report or transcript ("provee un"
//! / "medio efectivo para…"). A quote taken from such text carries a
//! paragraph break in the middle of a sentence.
//!
//! Per page, before lines are joined into paragraphs: a blank gap goes
//! when the text before it stops in the middle of a sentence (a lower-case
//! letter, a comma or a word broken with a hyphen) and the text after it
//! goes on in lower case; and on a double-spaced page (most lines one
//! blank line apart) a single blank line after a full line (one that runs
//! to the margin) that does not end a sentence is only a line break
//! ("…Deputy Attorney General, Los" / "Angeles, Cal."). A blank line after
//! a sentence's end or a short line stays a paragraph break.
//! Scripts without capitals are left as they are: nothing tells there
//! whether a sentence goes on.

/// Fewest lines on a page before it can count as double-spaced.
const MIN_LINES_DOUBLE: usize = 6;

/// The page with blank lines inside sentences taken out (see the module).
pub fn close_gaps(page: &str) -> String {
    let lines: Vec<&str> = page.split('\n').collect();
    let filled: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    if filled.len() < 2 {
        return page.to_owned();
    }
    let gaps: Vec<usize> = filled.windows(2).map(|w| w[1] - w[0] - 1).collect();
    let one_blank = gaps.iter().filter(|&&g| g == 1).count();
    let double_spaced = filled.len() >= MIN_LINES_DOUBLE && one_blank * 5 >= gaps.len() * 3;
    let owned: Vec<String> = filled.iter().map(|&i| lines[i].trim().to_owned()).collect();
    let typical = typical_length(&owned);
    let full = |l: &str| typical > 0 && l.trim().chars().count() * 5 >= typical * 4;
    let ends_sentence = |l: &str| {
        l.trim_end()
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with(['.', '!', '?', ':'])
    };
    let mut drop = vec![false; lines.len()];
    for (w, &gap) in filled.windows(2).zip(&gaps) {
        if gap == 0 {
            continue;
        }
        let (before, after) = (lines[w[0]], lines[w[1]]);
        // A heading in capitals keeps its space below.
        let heading = !before.chars().any(char::is_lowercase);
        let line_break =
            double_spaced && gap == 1 && full(before) && !ends_sentence(before) && !heading;
        if line_break || goes_on(before, after) {
            for d in &mut drop[w[0] + 1..w[1]] {
                *d = true;
            }
        }
    }
    if !drop.contains(&true) {
        return page.to_owned();
    }
    lines
        .iter()
        .zip(&drop)
        .filter(|(_, d)| !**d)
        .map(|(l, _)| *l)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The usual length of a full line on the page: the 75th percentile of
/// the lengths of lines of at least 20 characters; with fewer than three
/// such lines, the longest if it is 40 or more (else 0: too few to tell).
pub fn typical_length(lines: &[String]) -> usize {
    let mut lens: Vec<usize> = lines
        .iter()
        .map(|l| l.chars().count())
        .filter(|&n| n >= 20)
        .collect();
    if lens.len() < 3 {
        return lens.into_iter().max().filter(|&n| n >= 40).unwrap_or(0);
    }
    lens.sort_unstable();
    lens[(lens.len() * 3) / 4]
}

/// Whether a sentence runs on from `before` into `after` with only a
/// space between: as [`goes_on`], but not after a word broken with a
/// hyphen (whose halves are joined only within a page).
pub fn runs_on(before: &str, after: &str) -> bool {
    !before.trim_end().ends_with('-') && goes_on(before, after)
}

/// Whether the sentence of `before` goes on in `after`: `before` ends in
/// a lower-case letter, a comma or a hyphen after a lower-case letter, and
/// `after` starts with a lower-case letter.
fn goes_on(before: &str, after: &str) -> bool {
    let mut end = before.trim_end().chars().rev();
    let stops_mid = match (end.next(), end.next()) {
        (Some(c), _) if c.is_lowercase() || c == ',' => true,
        (Some('-'), Some(c)) => c.is_lowercase(),
        _ => false,
    };
    stops_mid
        && after
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
        && !formula(before)
        && !formula(after)
}

/// A line of mathematics ("˙Ψ − i q ε Ψ = − (k · n̂)"): two or more
/// operators or Greek letters, at least one in twenty of its characters.
/// Its variables are single letters in lower case, so a formula set apart
/// from the text would otherwise be run into the sentence around it.
fn formula(line: &str) -> bool {
    let signs = line
        .chars()
        .filter(|&c| {
            matches!(
                c,
                '=' | '−'
                    | '+'
                    | '±'
                    | '×'
                    | '·'
                    | '∂'
                    | '∑'
                    | '∫'
                    | '≤'
                    | '≥'
                    | '≈'
                    | '˙'
                    | '∈'
                    | '→'
            ) || ('\u{0391}'..='\u{03C9}').contains(&c)
        })
        .count();
    let visible = line.chars().filter(|c| !c.is_whitespace()).count();
    signs >= 2 && signs * 20 >= visible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_a_sentence_split_by_a_column_break_and_keeps_real_breaks() {
        assert_eq!(
            close_gaps("order of trillions in\n\n\n\nthis paper, we"),
            "order of trillions in\nthis paper, we"
        );
        assert_eq!(
            close_gaps("scoring tree typ-\n\nically the"),
            "scoring tree typ-\nically the"
        );
        assert_eq!(close_gaps("values a,\n\nb and c"), "values a,\nb and c");
        // A formula set apart from the sentence stays apart.
        let kept = "in Fourier space reads\n\ni q ε Ψ = − (k · n)φ";
        assert_eq!(close_gaps(kept), kept);
        let kept = "where ψ = αx + β,\n\nand the rest";
        assert_eq!(close_gaps(kept), kept);
        // One sign in prose does not make a formula.
        assert_eq!(
            close_gaps("recruited participants (n = 12) and\n\nthen asked"),
            "recruited participants (n = 12) and\nthen asked"
        );
        // A sentence end, a capital, a digit or a bracket after: kept.
        for kept in [
            "the end.\n\nthe next",
            "ends here\n\nThe next",
            "ends here\n\n2 Related work",
            "a list\n\n(a) item",
            "Item A-\n\nbeta",
        ] {
            assert_eq!(close_gaps(kept), kept);
        }
    }

    #[test]
    fn a_double_spaced_page_keeps_only_its_line_breaks() {
        let page = "La revisión sistemática provee un\n\nmedio efectivo. Esta actividad es la\n\nActividad primera de todo el trabajo.\n\nSegundo párrafo del texto, que\n\nsigue aquí con Washington, Los\n\nAngeles y otras ciudades del país.\n\nCorto\n\nOtra cosa más que se dice aquí.";
        assert_eq!(
            close_gaps(page),
            "La revisión sistemática provee un\nmedio efectivo. Esta actividad es la\nActividad primera de todo el trabajo.\n\nSegundo párrafo del texto, que\nsigue aquí con Washington, Los\nAngeles y otras ciudades del país.\n\nCorto\n\nOtra cosa más que se dice aquí."
        );
        // Two blank lines on a double-spaced page: a break the writer made.
        let page = "one line of a\n\ntwo line of b\n\nthree line c.\n\n\nFour line of d\n\nfive line of e\n\nsix line of f";
        assert_eq!(
            close_gaps(page),
            "one line of a\ntwo line of b\nthree line c.\n\n\nFour line of d\nfive line of e\nsix line of f"
        );
        // A heading in capitals on a double-spaced page keeps its break.
        let page = "IN THE SUPREME COURT OF THE UNITED STATES\n\nMICHAEL A. KNOWLES, WARDEN, PETITIONER\n\nThe above-entitled matter came on for oral\n\nargument before the Supreme Court of the\n\nUnited States at 1:01 p.m.\n\nAPPEARANCES:";
        assert_eq!(
            close_gaps(page),
            "IN THE SUPREME COURT OF THE UNITED STATES\n\nMICHAEL A. KNOWLES, WARDEN, PETITIONER\n\nThe above-entitled matter came on for oral\nargument before the Supreme Court of the\nUnited States at 1:01 p.m.\n\nAPPEARANCES:"
        );
        // Mostly single-spaced: its blank lines are paragraph breaks.
        let page = "A line.\nB line.\nC line.\n\nD line.\nE line.\nF line.";
        assert_eq!(close_gaps(page), page);
    }

    #[test]
    fn a_sentence_runs_on_over_a_page_break_but_a_broken_word_does_not() {
        assert!(runs_on("the order of trillions. In", "this paper, we"));
        assert!(!runs_on("scoring tree typ-", "ically the"));
        assert!(!runs_on("the end.", "the next"));
    }

    proptest::proptest! {
        /// Only blank lines go: every line with text stays, in order.
        #[test]
        fn only_blank_lines_are_taken_out(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(String::new()),
                    "[a-zA-Z ,.=βΨ-]{1,40}",
                ],
                0..40,
            )
        ) {
            let page = lines.join("\n");
            let out = close_gaps(&page);
            let filled = |t: &str| {
                t.split('\n').filter(|l| !l.trim().is_empty()).map(str::to_owned).collect::<Vec<_>>()
            };
            proptest::prop_assert_eq!(filled(&out), filled(&page));
            proptest::prop_assert!(out.split('\n').count() <= page.split('\n').count());
        }
    }

    #[test]
    fn scripts_without_capitals_are_left_alone() {
        let page = "研究は\n\n続く";
        assert_eq!(close_gaps(page), page);
    }
}
