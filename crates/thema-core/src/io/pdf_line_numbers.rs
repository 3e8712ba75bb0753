//! Line numbers in the margin (court and interview transcripts, journal
//! manuscripts under review) are not the author's words: read as text they
//! come out as a column of "1 2 3 … 25" before the page, or glued to the
//! start of each line ("12 The above-entitled matter"), and a quote would
//! carry them. They are recognised per page and moved out of the text; the
//! import records which numbers left which page (never silently).
//!
//! A run counts as line numbers only when it is long and regular: at least
//! [`MIN_RUN`] numbers rising by exactly 1 (or by 5, for margins that number
//! every fifth line) that start the count (at 1, or 5) — or any run that
//! carries on the count of the page before; for numbers at line starts the
//! run must also cover most of the lines it spans. So a numbered reference
//! list (entries over several lines, numbers with a full stop or bracket),
//! a table's row numbers from 6 to 25 and a chart's axis ticks stay text.

/// Shortest run of line numbers recognised (numbers rising by 1).
pub const MIN_RUN: usize = 10;
/// Shortest run when the margin numbers every fifth line.
const MIN_RUN_BY_FIVE: usize = 4;
/// Shortest run that carries on the previous page's count.
const MIN_CONTINUED: usize = 3;

/// The line numbers taken off one page, as the ranges they formed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Removed {
    /// (first, last) of each run.
    pub runs: Vec<(u32, u32)>,
}

impl Removed {
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}

fn bare_number(line: &str) -> Option<u32> {
    let t = line.trim();
    if t.is_empty() || t.len() > 5 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// "12 The above-entitled": the number and where the text after it starts.
fn leading_number(line: &str) -> Option<(u32, usize)> {
    let t = line.trim_start();
    let indent = line.len() - t.len();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 5 {
        return None;
    }
    let rest = &t[digits..];
    // A space must follow (not "1." or "1)" of a list), then text.
    let after = rest.strip_prefix(' ')?;
    let text = after.trim_start();
    if text.is_empty() {
        return None;
    }
    let n = t[..digits].parse().ok()?;
    Some((n, indent + digits + (rest.len() - text.len())))
}

/// Runs of numbers (by their line index) that rise by a constant step of
/// 1 or 5 and are long enough; each run's line indices.
fn regular_runs(numbers: &[(usize, u32)], after: Option<u32>) -> Vec<Vec<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let mut best: Vec<usize> = vec![i];
        for step in [1u32, 5] {
            let mut run = vec![i];
            let mut last = numbers[i].1;
            for (j, &(_, n)) in numbers.iter().enumerate().skip(i + 1) {
                if n == last + step {
                    run.push(j);
                    last = n;
                } else if n != last {
                    break;
                }
            }
            let first = numbers[i].1;
            let continues = after.is_some_and(|a| first > a && first <= a + step);
            // An axis counts from 0: "0 5 10 …" is not a margin.
            let from_zero = i > 0 && numbers[i - 1].1 + step == first;
            let needed = match (continues, step) {
                _ if from_zero => usize::MAX,
                (true, _) => MIN_CONTINUED,
                (false, 1) if first == 1 => MIN_RUN,
                (false, 5) if first == 5 => MIN_RUN_BY_FIVE,
                _ => usize::MAX,
            };
            if run.len() >= needed && run.len() > best.len() {
                best = run;
            }
        }
        if best.len() > 1 {
            i = best[best.len() - 1] + 1;
            runs.push(best);
        } else {
            i += 1;
        }
    }
    runs
}

/// The page without its margin line numbers, and what was taken off.
/// `after`: the last line number taken off the page before, if any (a
/// manuscript numbers its lines on across pages).
pub fn strip(page: &str, after: Option<u32>) -> (String, Removed) {
    let lines: Vec<&str> = page.split('\n').collect();
    let mut drop_line = vec![false; lines.len()];
    // Where the text starts on a line whose number is cut off.
    let mut cut: Vec<Option<usize>> = vec![None; lines.len()];
    let mut removed = Removed::default();
    // A column of bare numbers.
    let bare: Vec<(usize, u32)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| bare_number(l).map(|n| (i, n)))
        .collect();
    for run in regular_runs(&bare, after) {
        for &k in &run {
            drop_line[bare[k].0] = true;
        }
        removed
            .runs
            .push((bare[run[0]].1, bare[run[run.len() - 1]].1));
    }
    // Numbers at line starts, nearly every line of their span numbered.
    let leading: Vec<(usize, u32, usize)> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| !drop_line[*i])
        .filter_map(|(i, l)| leading_number(l).map(|(n, at)| (i, n, at)))
        .collect();
    let numbers: Vec<(usize, u32)> = leading.iter().map(|&(i, n, _)| (i, n)).collect();
    for run in regular_runs(&numbers, after) {
        let (first, last) = (leading[run[0]].0, leading[run[run.len() - 1]].0);
        let span = (first..=last)
            .filter(|&i| !lines[i].trim().is_empty() && !drop_line[i])
            .count();
        if run.len() * 10 < span * 8 {
            continue;
        }
        for &k in &run {
            let (i, _, at) = leading[k];
            cut[i] = Some(at);
        }
        removed
            .runs
            .push((leading[run[0]].1, leading[run[run.len() - 1]].1));
    }
    if removed.is_empty() {
        return (page.to_owned(), removed);
    }
    let out: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| !drop_line[*i])
        .map(|(i, l)| cut[i].and_then(|at| l.get(at..)).unwrap_or(l))
        .collect();
    removed.runs.sort_unstable();
    (out.join("\n"), removed)
}

#[cfg(test)]
mod tests {
    use super::strip;

    #[test]
    fn a_transcript_margin_column_leaves_the_text() {
        let mut page: String = (1..=25).map(|n| format!("{n}\n\n")).collect();
        page.push_str("IN THE SUPREME COURT\n\nv. : No. 07-1315\n\n1\n\nAlderson Reporting");
        let (text, removed) = strip(&page, None);
        assert_eq!(removed.runs, vec![(1, 25)]);
        assert!(text.starts_with("\n\n"), "{text:?}");
        assert!(text.contains("IN THE SUPREME COURT"));
        // The page number at the foot is not part of the run.
        assert!(text.contains("\n1\n"), "{text:?}");
    }

    #[test]
    fn numbers_at_line_starts_are_cut_off_the_text() {
        let page: String = (1..=24)
            .map(|n| format!("{n} line of the manuscript number {n}\n"))
            .collect();
        let (text, removed) = strip(&page, None);
        assert_eq!(removed.runs, vec![(1, 24)]);
        assert!(
            text.starts_with("line of the manuscript number 1\n"),
            "{text}"
        );
        assert!(!text.lines().any(|l| l.starts_with(char::is_numeric)));
        // The next page carries on the count, down to a short last page.
        let last = "25 the last\n26 lines of\n27 the manuscript\n";
        let (text, removed) = strip(last, Some(24));
        assert_eq!(removed.runs, vec![(25, 27)]);
        assert_eq!(text, "the last\nlines of\nthe manuscript\n");
        // Without the page before, three numbered lines are text.
        assert!(strip(last, None).1.is_empty());
    }

    #[test]
    fn numbered_lists_and_references_stay() {
        // A reference list whose entries run over two lines.
        let refs: String = (1..=12)
            .map(|n| {
                format!("{n} Smith J, Jones K. A study of things\nnumber {n}. BMJ 2020;1:1.\n")
            })
            .collect();
        let (text, removed) = strip(&refs, None);
        assert!(removed.is_empty());
        assert_eq!(text, refs);
        // Numbered points "1." and a short column of seven numbers.
        let list: String = (1..=9).map(|n| format!("{n}. point\n")).collect();
        assert!(strip(&list, None).1.is_empty());
        let short: String = (1..=9).map(|n| format!("{n}\n")).collect();
        assert!(strip(&short, None).1.is_empty());
        // A table's row numbers 6 to 25, a chart's axis 0 to 45.
        let rows: String = (6..=25).map(|n| format!("{n}\n")).collect();
        assert!(strip(&rows, None).1.is_empty());
        let axis: String = (0..=9).map(|n| format!("{}\n", n * 5)).collect();
        assert!(strip(&axis, None).1.is_empty());
    }

    #[test]
    fn margins_numbering_every_fifth_line() {
        let page = "5\nten\n10\neleven\n15\ntwelve\n20\nthirteen\n25\n";
        let (text, removed) = strip(page, None);
        assert_eq!(removed.runs, vec![(5, 25)]);
        assert_eq!(text, "ten\neleven\ntwelve\nthirteen\n");
    }
}
