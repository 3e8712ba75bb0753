//! Small helpers of the REFI-QDA importer: positions,
//! comparing a passage with a selection's name, reviewers made on demand.

use super::xml::El;
use super::{derived_guid, parse_guid};
use crate::model::{Project, Reviewer, ReviewerId};

/// An id attribute as a GUID. Files from some tools (and hand-made ones)
/// use ids that are not GUIDs ("s1", "code-7"); each becomes a stable
/// GUID derived from its text, so references between them still hold
/// (`non_guid_ids` counts them for the report). `None` when missing.
pub fn uuid_of(el: &El, attr: &str) -> Option<uuid::Uuid> {
    let v = el.attr(attr)?.trim();
    if v.is_empty() {
        return None;
    }
    Some(parse_guid(v).unwrap_or_else(|| derived_guid(uuid::Uuid::nil(), &format!("refi id {v}"))))
}

/// The id attributes under `root` that are not GUIDs, and one example.
pub fn non_guid_ids(root: &El) -> (usize, Option<String>) {
    let mut n = 0;
    let mut example = None;
    let mut work = vec![root];
    while let Some(el) = work.pop() {
        work.extend(el.children.iter());
        for (k, v) in &el.attrs {
            let id_attr = matches!(
                k.as_str(),
                "guid" | "targetGUID" | "creatingUser" | "modifyingUser"
            );
            if id_attr && !v.trim().is_empty() && parse_guid(v).is_none() {
                n += 1;
                example.get_or_insert_with(|| v.clone());
            }
        }
    }
    (n, example)
}

/// A position attribute as written, negative values included (the caller
/// reports what it does with them); `None` when missing or not a number.
pub fn position(el: &El, attr: &str) -> Option<i64> {
    el.attr(attr).and_then(|v| v.trim().parse::<i64>().ok())
}

/// A text as chars, with, for every position, the first position at or
/// after it that is not whitespace: built once per source so comparing a
/// selection with its name costs the length of the name, not of the text.
pub struct View {
    pub chars: Vec<char>,
    next_text: Vec<usize>,
}

impl View {
    pub fn new(chars: Vec<char>) -> Self {
        let mut next_text = vec![chars.len(); chars.len() + 1];
        for i in (0..chars.len()).rev() {
            next_text[i] = if chars[i].is_whitespace() {
                next_text[i + 1]
            } else {
                i
            };
        }
        Self { chars, next_text }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Compares the passage `s..e` with a selection name, ignoring
    /// whitespace runs and, when the name ends with an ellipsis, anything
    /// after the name. Reads at most as many chars as the name has (plus
    /// whitespace runs, skipped in one step).
    pub fn same(&self, s: usize, e: usize, name: &str) -> bool {
        if s > e || e > self.chars.len() {
            return false;
        }
        let ellipsis = name.ends_with('…');
        let want: Vec<char> = name
            .trim_end_matches('…')
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .collect();
        if want.is_empty() {
            return false;
        }
        let mut i = self.next_text[s].min(e);
        for &w in &want {
            if i >= e {
                return false;
            }
            let c = self.chars[i];
            if c.is_whitespace() {
                let j = self.next_text[i];
                if w != ' ' || j >= e {
                    return false;
                }
                i = j;
            } else {
                if w != c {
                    return false;
                }
                i += 1;
            }
        }
        ellipsis || self.next_text[i] >= e
    }
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

/// A `<Set>` as a code set: its GUID (a fresh one if it has none), its
/// name ("Set N" when it has none) and the members given.
pub fn code_set(
    set: &El,
    number: usize,
    description: String,
    codes: Vec<crate::model::CodeId>,
    documents: Vec<crate::model::DocId>,
) -> crate::model::CodeSet {
    let name = set.attr("name").unwrap_or("").trim();
    crate::model::CodeSet {
        id: uuid_of(set, "guid").map_or_else(crate::model::SetId::new, crate::model::SetId),
        name: if name.is_empty() {
            format!("Set {number}")
        } else {
            name.to_owned()
        },
        description,
        codes,
        documents,
    }
}
