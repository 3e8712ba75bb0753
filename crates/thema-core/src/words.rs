//! Wording shared by every message and report: counts with the right
//! plural ("1 passage", "2 passages").

/// `one` or `many` for `n`.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// "1 passage", "2 passages", "0 passages".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_take_the_singular_only_for_one() {
        assert_eq!(super::count(1, "hit", "hits"), "1 hit");
        assert_eq!(super::count(0, "hit", "hits"), "0 hits");
        assert_eq!(super::count(2, "study", "studies"), "2 studies");
    }
}
