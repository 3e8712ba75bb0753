//! Percentages as reviewers publish them: exact integer arithmetic, rounded
//! half up (27/33 → 81.8; 1/16 → 6.3), never binary-float ties.

/// `n / total` as a percent with `decimals` decimals, rounded half up.
/// A zero total gives `0.0…`.
pub fn percent(n: usize, total: usize, decimals: u32) -> String {
    if total == 0 {
        return format!("{:.*}", decimals as usize, 0.0);
    }
    let scale = 10u128.pow(decimals);
    // units of 10^-decimals percent, rounded half up
    let units = (n as u128 * 100 * scale * 2 + total as u128) / (2 * total as u128);
    let whole = units / scale;
    if decimals == 0 {
        whole.to_string()
    } else {
        format!(
            "{whole}.{:0width$}",
            units % scale,
            width = decimals as usize
        )
    }
}

/// `n / total * 100` as a float, for sorting and charts.
pub fn percent_value(n: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        n as f64 * 100.0 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn rounds_half_up_exactly() {
        assert_eq!(percent(27, 33, 1), "81.8");
        assert_eq!(percent(25, 33, 1), "75.8");
        assert_eq!(percent(1, 16, 1), "6.3");
        assert_eq!(percent(1, 8, 1), "12.5");
        assert_eq!(percent(0, 0, 1), "0.0");
        assert_eq!(percent(33, 33, 1), "100.0");
        assert_eq!(percent(577, 1000, 2), "57.70");
        assert_eq!(percent(1, 3, 2), "33.33");
        assert_eq!(percent(2, 3, 0), "67");
    }
}

/// The third quartile (upper quartile) of `values` by linear interpolation
/// between closest ranks (the method of R's type 7 and Excel's
/// QUARTILE.INC). `None` for no values.
pub fn upper_quartile(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let h = (v.len() - 1) as f64 * 0.75;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(v[lo] + (h - lo as f64) * (v[hi] - v[lo]))
}

#[cfg(test)]
mod quartile_tests {
    use super::upper_quartile;

    #[test]
    fn matches_excel_quartile_inc() {
        assert_eq!(upper_quartile(&[1.0, 2.0, 3.0, 4.0]), Some(3.25));
        assert_eq!(upper_quartile(&[7.0]), Some(7.0));
        assert_eq!(upper_quartile(&[5.0, 1.0, 9.0, 3.0, 7.0]), Some(7.0));
        assert_eq!(upper_quartile(&[]), None);
    }
}
