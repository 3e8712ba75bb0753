//! The code tree: themes > factors > sub-factors, of unlimited depth.
//!
//! Codes are kept in one vector in display order; a code's parent is stored on
//! the code, and siblings appear in the order they have in the vector. The
//! queries here are pure; changes go through `edit::Command`.

use super::ids::CodeId;
use serde::{Deserialize, Serialize};

/// One code of the codebook.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Code {
    pub id: CodeId,
    pub name: String,
    /// `None` for a top-level code (a theme).
    #[serde(default)]
    pub parent: Option<CodeId>,
    /// `#RRGGBB`.
    pub color: String,
    /// The definition shown when a coder hovers over the code.
    #[serde(default)]
    pub description: String,
}

/// The code tree.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Codebook {
    pub codes: Vec<Code>,
}

impl Codebook {
    pub fn get(&self, id: CodeId) -> Option<&Code> {
        self.codes.iter().find(|c| c.id == id)
    }

    pub fn index_of(&self, id: CodeId) -> Option<usize> {
        self.codes.iter().position(|c| c.id == id)
    }

    pub fn contains(&self, id: CodeId) -> bool {
        self.index_of(id).is_some()
    }

    /// Direct children of `parent` (`None` = top level), in display order.
    pub fn children(&self, parent: Option<CodeId>) -> impl Iterator<Item = &Code> {
        self.codes.iter().filter(move |c| c.parent == parent)
    }

    /// The code itself is not included; nearest ancestor first.
    pub fn ancestors(&self, id: CodeId) -> Vec<CodeId> {
        let mut out = Vec::new();
        let mut cur = self.get(id).and_then(|c| c.parent);
        while let Some(p) = cur {
            if out.contains(&p) {
                break; // a cycle would be a corrupt file; never loop forever
            }
            out.push(p);
            cur = self.get(p).and_then(|c| c.parent);
        }
        out
    }

    /// Every descendant of `id` (not `id` itself), parents before children.
    pub fn descendants(&self, id: CodeId) -> Vec<CodeId> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        while let Some(cur) = stack.pop() {
            for child in self.children(Some(cur)) {
                if child.id != id && !out.contains(&child.id) {
                    out.push(child.id);
                    stack.push(child.id);
                }
            }
        }
        out
    }

    /// 1 for a top-level code, 2 for its children, ...
    pub fn level(&self, id: CodeId) -> usize {
        self.ancestors(id).len() + 1
    }

    /// Names from the top down, e.g. `["Relational factors", "Leadership"]`.
    pub fn path_names(&self, id: CodeId) -> Vec<String> {
        let mut chain: Vec<CodeId> = self.ancestors(id);
        chain.reverse();
        chain.push(id);
        chain
            .into_iter()
            .filter_map(|c| self.get(c).map(|c| c.name.clone()))
            .collect()
    }

    /// The full path joined with ` > `, the form used in reports and the CLI.
    pub fn path(&self, id: CodeId) -> String {
        self.path_names(id).join(" > ")
    }

    /// Finds a code by its full ` > ` path.
    pub fn find_by_path(&self, path: &str) -> Option<CodeId> {
        let wanted: Vec<&str> = path.split(" > ").map(str::trim).collect();
        self.codes
            .iter()
            .find(|c| {
                let names = self.path_names(c.id);
                names.len() == wanted.len() && names.iter().zip(&wanted).all(|(a, b)| a == b)
            })
            .map(|c| c.id)
    }

    /// All codes in tree order (depth-first, siblings in display order), with level.
    pub fn tree_order(&self) -> Vec<(CodeId, usize)> {
        let mut out = Vec::with_capacity(self.codes.len());
        fn walk(
            cb: &Codebook,
            parent: Option<CodeId>,
            level: usize,
            out: &mut Vec<(CodeId, usize)>,
        ) {
            for c in cb.children(parent) {
                if out.iter().any(|(id, _)| *id == c.id) {
                    continue;
                }
                out.push((c.id, level));
                walk(cb, Some(c.id), level + 1, out);
            }
        }
        walk(self, None, 1, &mut out);
        out
    }

    /// True when making `new_parent` the parent of `id` would create a cycle.
    pub fn would_cycle(&self, id: CodeId, new_parent: Option<CodeId>) -> bool {
        match new_parent {
            None => false,
            Some(p) => p == id || self.ancestors(p).contains(&id),
        }
    }
}

/// A pleasant, distinguishable palette for new codes.
pub const PALETTE: [&str; 12] = [
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
    "#9C755F", "#BAB0AC", "#2F8F9D", "#D37295",
];

/// Parses `#RRGGBB` into bytes; `None` if malformed.
pub fn parse_hex_color(s: &str) -> Option<[u8; 3]> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some([p(0)?, p(2)?, p(4)?])
}

/// Formats bytes as `#RRGGBB`.
pub fn hex_color(rgb: [u8; 3]) -> String {
    format!("#{:02X}{:02X}{:02X}", rgb[0], rgb[1], rgb[2])
}
