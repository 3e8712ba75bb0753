//! The code tree: themes > factors > sub-factors, of unlimited depth.
//!
//! Codes are kept in one vector in display order; a code's parent is stored on
//! the code, and siblings appear in the order they have in the vector. The
//! queries here are pure; changes go through `edit::Command`.

use super::ids::{CodeId, IdMap};
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
    /// Whether the code came with the framework the review started from
    /// or emerged while coding ("best fit" framework synthesis); `None`
    /// when nobody said (codes from another tool).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// Where a code came from, for framework synthesis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Origin {
    /// Part of the a-priori framework loaded before coding.
    APriori,
    /// Added while coding.
    Emergent,
}

impl Origin {
    pub fn label(self) -> &'static str {
        match self {
            Self::APriori => "a priori",
            Self::Emergent => "emergent",
        }
    }
}

/// The code tree.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Codebook {
    pub codes: Vec<Code>,
}

impl Codebook {
    /// The code's name, or "" when it is not in the codebook.
    pub fn name(&self, id: CodeId) -> String {
        self.get(id).map(|c| c.name.clone()).unwrap_or_default()
    }

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

    /// Position in `codes` of each code's parent, computed once in linear
    /// time: `None` for a top-level code and for a parent that is not in
    /// the codebook. With duplicate ids the first code of an id is the one
    /// found, as `get` finds it.
    pub fn parent_index(&self) -> Vec<Option<usize>> {
        let pos = self.positions();
        self.codes
            .iter()
            .map(|c| c.parent.and_then(|p| pos.get(&p).copied()))
            .collect()
    }

    /// Position of each id (its first code), in one pass.
    pub fn positions(&self) -> IdMap<CodeId, usize> {
        let mut pos: IdMap<CodeId, usize> = IdMap::default();
        for (i, c) in self.codes.iter().enumerate() {
            pos.entry(c.id).or_insert(i);
        }
        pos
    }

    /// For each code (by position): true when it is its own ancestor, i.e.
    /// it lies on a cycle of parents. Linear in the number of codes: every
    /// code is visited once, however long the chains are.
    pub fn on_cycle(&self) -> Vec<bool> {
        let parent = self.parent_index();
        let n = self.codes.len();
        // 0 = not seen, 1 = on the walk in progress, 2 = finished.
        let mut state = vec![0u8; n];
        let mut on = vec![false; n];
        let mut walk: Vec<usize> = Vec::new();
        for s in 0..n {
            if state[s] != 0 {
                continue;
            }
            walk.clear();
            let mut cur = Some(s);
            while let Some(i) = cur {
                match state[i] {
                    0 => {
                        state[i] = 1;
                        walk.push(i);
                        cur = parent[i];
                    }
                    1 => {
                        // Back on this walk: from `i` on, the walk is a cycle.
                        let k = walk.iter().rposition(|&x| x == i).unwrap_or(0);
                        for &x in &walk[k..] {
                            on[x] = true;
                        }
                        break;
                    }
                    _ => break,
                }
            }
            for &x in &walk {
                state[x] = 2;
            }
        }
        on
    }

    /// The code itself is not included; nearest ancestor first. A parent id
    /// that is not in the codebook ends the list (it is included); a cycle
    /// ends it when a code would repeat. Linear in the codebook's size.
    pub fn ancestors(&self, id: CodeId) -> Vec<CodeId> {
        let pos = self.positions();
        let mut out = Vec::new();
        let mut seen = vec![false; self.codes.len()];
        let mut cur = pos.get(&id).and_then(|&i| self.codes[i].parent);
        while let Some(p) = cur {
            match pos.get(&p) {
                Some(&i) => {
                    if seen[i] {
                        break; // a cycle would be a corrupt file; never loop forever
                    }
                    seen[i] = true;
                    out.push(p);
                    cur = self.codes[i].parent;
                }
                None => {
                    out.push(p);
                    break;
                }
            }
        }
        out
    }

    /// Every descendant of `id` (not `id` itself), parents before children.
    pub fn descendants(&self, id: CodeId) -> Vec<CodeId> {
        let pos = self.positions();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); self.codes.len()];
        for (i, c) in self.codes.iter().enumerate() {
            if let Some(&p) = c.parent.as_ref().and_then(|p| pos.get(p)) {
                children[p].push(i);
            }
        }
        let mut out = Vec::new();
        let mut seen: std::collections::HashSet<CodeId> = std::collections::HashSet::new();
        seen.insert(id);
        let mut stack: Vec<usize> = pos.get(&id).copied().into_iter().collect();
        while let Some(cur) = stack.pop() {
            for &child in &children[cur] {
                let cid = self.codes[child].id;
                if seen.insert(cid) {
                    out.push(cid);
                    stack.push(child);
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
        let pos = self.positions();
        let mut chain: Vec<CodeId> = self.ancestors(id);
        chain.reverse();
        chain.push(id);
        chain
            .into_iter()
            .filter_map(|c| pos.get(&c).map(|&i| self.codes[i].name.clone()))
            .collect()
    }

    /// The full path joined with ` > `, the form used in reports and the CLI.
    /// Paths deeper than `PATH_FULL_DEPTH` are shortened (see `elided_path`).
    /// The code a person means by `name`: its path ("Theme > Factor", any
    /// case) or, when only one code has it, its name; else a sentence.
    pub fn find(&self, name: &str) -> Result<CodeId, String> {
        let name = name.trim();
        let by_path: Vec<CodeId> = self
            .codes
            .iter()
            .filter(|c| self.path(c.id).eq_ignore_ascii_case(name))
            .map(|c| c.id)
            .collect();
        if let [one] = by_path.as_slice() {
            return Ok(*one);
        }
        let by_name: Vec<CodeId> = self
            .codes
            .iter()
            .filter(|c| c.name.eq_ignore_ascii_case(name) || c.id.to_string() == name)
            .map(|c| c.id)
            .collect();
        match by_name.as_slice() {
            [one] => Ok(*one),
            [] => Err(format!("no code is named \u{201c}{name}\u{201d}")),
            _ => Err(format!(
                "{} codes are named \u{201c}{name}\u{201d}; give its path (Theme > Factor)",
                by_name.len()
            )),
        }
    }

    pub fn path(&self, id: CodeId) -> String {
        let names = self.path_names(id);
        if names.len() <= PATH_FULL_DEPTH {
            return names.join(" > ");
        }
        let tail: Vec<&str> = names[names.len() - PATH_TAIL..]
            .iter()
            .map(String::as_str)
            .collect();
        elided_path(&names[0], names.len(), &tail)
    }

    /// Finds a code by its full ` > ` path.
    pub fn find_by_path(&self, path: &str) -> Option<CodeId> {
        let wanted: Vec<&str> = path.split(" > ").map(str::trim).collect();
        self.codes
            .iter()
            .find(|c| {
                c.name == *wanted.last().unwrap_or(&"") && {
                    let names = self.path_names(c.id);
                    names.len() == wanted.len() && names.iter().zip(&wanted).all(|(a, b)| a == b)
                }
            })
            .map(|c| c.id)
    }

    /// All codes in tree order (depth-first, siblings in display order), with level.
    pub fn tree_order(&self) -> Vec<(CodeId, usize)> {
        self.tree()
            .into_iter()
            .map(|(i, level)| (self.codes[i].id, level))
            .collect()
    }

    /// Positions in `codes` in tree order (depth-first, siblings in display
    /// order), with level. Iterative and linear: the children of every code
    /// are gathered once. Every id is listed once: codes that cannot be
    /// reached from the top level (their parent is missing, or their
    /// parents form a cycle) follow the tree as top-level codes, in vector
    /// order, with their own children under them — so nothing disappears
    /// from the tables of a damaged project and nothing loops.
    pub fn tree(&self) -> Vec<(usize, usize)> {
        let n = self.codes.len();
        let parent = self.parent_index();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (i, c) in self.codes.iter().enumerate() {
            match (c.parent, parent[i]) {
                (None, _) => roots.push(i),
                (Some(_), Some(p)) if p != i => children[p].push(i),
                _ => {}
            }
        }
        let mut out = Vec::with_capacity(n);
        let mut listed = vec![false; n];
        let mut ids: std::collections::HashSet<CodeId> = std::collections::HashSet::new();
        let mut stack: Vec<(usize, usize)> = Vec::new();
        let mut visit = |start: usize,
                         out: &mut Vec<(usize, usize)>,
                         listed: &mut Vec<bool>,
                         stack: &mut Vec<(usize, usize)>| {
            stack.push((start, 1));
            while let Some((i, level)) = stack.pop() {
                if listed[i] || !ids.insert(self.codes[i].id) {
                    listed[i] = true;
                    continue;
                }
                listed[i] = true;
                out.push((i, level));
                for &c in children[i].iter().rev() {
                    if !listed[c] {
                        stack.push((c, level + 1));
                    }
                }
            }
        };
        for r in roots {
            visit(r, &mut out, &mut listed, &mut stack);
        }
        for i in 0..n {
            if !listed[i] {
                visit(i, &mut out, &mut listed, &mut stack);
            }
        }
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

/// Deepest path written out in full; a deeper code's path shows its
/// top-level code, how many levels were left out and its nearest
/// `PATH_TAIL` names, so a path never grows with the depth of the tree
/// (a 20,000-deep chain would otherwise write paths of 20,000 names).
pub const PATH_FULL_DEPTH: usize = 24;
/// Names kept at the end of a shortened path (the code and its nearest ancestors).
pub const PATH_TAIL: usize = 8;

/// "Top > … 19,990 levels … > a > b" for a code `depth` levels deep whose
/// last `tail.len()` names (top down) are `tail`.
pub fn elided_path(top: &str, depth: usize, tail: &[&str]) -> String {
    let hidden = depth.saturating_sub(tail.len() + 1);
    format!("{top} > … {hidden} levels … > {}", tail.join(" > "))
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
