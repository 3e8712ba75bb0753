//! Small helpers of the REFI-QDA importer: archive paths, positions,
//! comparing a passage with a selection's name, reviewers made on demand.

use super::xml::El;
use crate::model::{Project, Reviewer, ReviewerId};

/// "internal://abc.txt" → "sources/abc.txt".
pub fn internal_path(path: &str) -> String {
    match path.strip_prefix("internal://") {
        Some(rest) => format!("sources/{rest}"),
        None => path.trim_start_matches("file://").to_owned(),
    }
}

pub fn num(el: &El, attr: &str) -> Option<usize> {
    el.attr(attr)
        .and_then(|v| v.trim().parse::<i64>().ok())
        .map(|n| n.max(0) as usize)
}

pub fn slice(chars: &[char], s: usize, e: usize) -> Option<String> {
    (s <= e && e <= chars.len()).then(|| chars[s..e].iter().collect())
}

/// Compares a passage with a selection name, ignoring whitespace runs and a
/// trailing ellipsis.
pub fn same(text: &str, name: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = norm(name.trim_end_matches('…'));
    let t = norm(text);
    !n.is_empty() && (t == n || (name.ends_with('…') && t.starts_with(&n)))
}

/// The reviewer for a user GUID, created if the file did not list it.
pub fn ensure_reviewer(p: &mut Project, g: uuid::Uuid) -> ReviewerId {
    let id = ReviewerId(g);
    if p.reviewer(id).is_none() {
        let n = p.reviewers.len() + 1;
        p.reviewers.push(Reviewer {
            id,
            name: format!("Reviewer {n}"),
            initials: format!("R{n}"),
        });
    }
    id
}
