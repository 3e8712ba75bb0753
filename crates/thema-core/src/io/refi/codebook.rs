//! Adding a codebook (`.qdc`, or the codes of any project) to a project,
//! matching codes by their path in the tree: "Organisational factors ›
//! Resources" in the codebook is the project's code of that name under the
//! code of that name, whatever its GUID. Codes with no match are added
//! under their matched parent, in the codebook's order, keeping the
//! codebook's GUID where the project does not use it. Names are kept as
//! written (a flat codebook whose names hold `\` or `/` stays flat).
//! Thema's categories in the codebook are added when the project has none
//! of that name.

use crate::edit::Command;
use crate::model::{Code, CodeId, Project};
use std::collections::{HashMap, HashSet};

/// What adding a codebook did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodebookMerge {
    /// Codes added, by path ("Parent › Child").
    pub added: Vec<String>,
    /// Codes of the codebook the project already had (same path).
    pub matched: usize,
    /// Categories added.
    pub categories_added: Vec<String>,
    /// Code sets added (their codes matched like the codes).
    pub sets_added: Vec<String>,
    /// Code sets the project already had by name, left as they were.
    pub sets_already: Vec<String>,
    /// Codes matched by path whose description in the codebook differs
    /// from the project's (the project's is kept), by path.
    pub descriptions_kept: Vec<String>,
}

impl CodebookMerge {
    /// One line for a status bar or the command line.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{} added, {} already in the project (same name in the same place)",
            crate::words::count(self.added.len(), "code", "codes"),
            self.matched
        );
        if !self.sets_added.is_empty() {
            s.push_str(&format!(
                "; code sets added: {}",
                self.sets_added.join(", ")
            ));
        }
        if !self.descriptions_kept.is_empty() {
            s.push_str(&format!(
                "; {} described differently in the codebook (the project's description was kept): {}",
                crate::words::count(self.descriptions_kept.len(), "matched code is", "matched codes are"),
                self.descriptions_kept.join(", ")
            ));
        }
        if !self.sets_already.is_empty() {
            s.push_str(&format!(
                "; code sets the project already has, left as they are: {}",
                self.sets_already.join(", ")
            ));
        }
        if !self.categories_added.is_empty() {
            s.push_str(&format!(
                "; categories added: {}",
                self.categories_added.join(", ")
            ));
        }
        s
    }
}

/// The command that adds `book`'s codes (and categories) to `p`, matched
/// by path, and what it will do. Applying it to `p` is one undoable step.
pub fn merge_by_path(p: &Project, book: &Project) -> (Command, CodebookMerge) {
    let mut by_place: HashMap<(Option<CodeId>, String), CodeId> = p
        .codebook
        .codes
        .iter()
        .map(|c| ((c.parent, c.name.trim().to_owned()), c.id))
        .collect();
    let mut used: HashSet<CodeId> = p.codebook.codes.iter().map(|c| c.id).collect();
    let mut mapped: HashMap<CodeId, CodeId> = HashMap::new();
    let mut path_of: HashMap<CodeId, String> = HashMap::new();
    let mut cmds = Vec::new();
    let mut report = CodebookMerge::default();
    let mut next_index = p.codebook.codes.len();
    for (id, _) in book.codebook.tree_order() {
        let Some(code) = book.codebook.get(id) else {
            continue;
        };
        let parent = code.parent.and_then(|pa| mapped.get(&pa).copied());
        let name = code.name.trim().to_owned();
        let path = match code.parent.and_then(|pa| path_of.get(&pa)) {
            Some(pp) => format!("{pp} › {name}"),
            None => name.clone(),
        };
        path_of.insert(id, path.clone());
        if let Some(existing) = by_place.get(&(parent, name.clone())) {
            mapped.insert(id, *existing);
            report.matched += 1;
            let theirs = code.description.trim();
            if !theirs.is_empty()
                && p.codebook
                    .get(*existing)
                    .is_some_and(|c| c.description.trim() != theirs)
            {
                report.descriptions_kept.push(path);
            }
            continue;
        }
        let new_id = if used.contains(&id) {
            CodeId::new()
        } else {
            id
        };
        used.insert(new_id);
        mapped.insert(id, new_id);
        by_place.insert((parent, name), new_id);
        cmds.push(Command::InsertCode {
            index: next_index,
            code: Code {
                id: new_id,
                parent,
                ..code.clone()
            },
        });
        next_index += 1;
        report.added.push(path);
    }
    let mut n_categories = p.categories.len();
    for k in &book.categories {
        if p.categories.iter().any(|x| x.name == k.name)
            || report.categories_added.contains(&k.name)
        {
            continue;
        }
        let mut category = k.clone();
        if p.categories.iter().any(|x| x.id == k.id) {
            category.id = crate::model::CategoryId(uuid::Uuid::new_v4());
        }
        cmds.push(Command::InsertCategory {
            index: n_categories,
            category,
        });
        n_categories += 1;
        report.categories_added.push(k.name.clone());
    }
    let mut n_sets = p.code_sets.len();
    for set in &book.code_sets {
        if p.code_sets.iter().any(|x| x.name == set.name) {
            report.sets_already.push(set.name.clone());
            continue;
        }
        let mut copy = set.clone();
        copy.codes = set
            .codes
            .iter()
            .filter_map(|c| mapped.get(c).copied())
            .collect();
        copy.documents.retain(|d| p.document(*d).is_some());
        if p.code_sets.iter().any(|x| x.id == set.id) {
            copy.id = crate::model::SetId::new();
        }
        cmds.push(Command::InsertCodeSet {
            index: n_sets,
            set: copy,
        });
        n_sets += 1;
        report.sets_added.push(set.name.clone());
    }
    (Command::Batch(cmds), report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(name: &str, parent: Option<CodeId>) -> Code {
        Code {
            id: CodeId::new(),
            name: name.into(),
            parent,
            color: "#336699".into(),
            description: String::new(),
            origin: None,
        }
    }

    #[test]
    fn codes_match_by_path_not_by_guid() {
        let mut p = Project::new("p");
        let org = code("Organisational factors", None);
        let res = code("Resources", Some(org.id));
        p.codebook.codes = vec![org.clone(), res];
        let mut book = Project::new("book");
        let org2 = code("Organisational factors", None);
        let res2 = code("Resources", Some(org2.id));
        let time = code("Time", Some(org2.id));
        let flat = code("Barriers\\Staffing", None);
        book.codebook.codes = vec![org2, res2, time, flat];
        let (cmd, r) = merge_by_path(&p, &book);
        assert_eq!(r.matched, 2);
        assert_eq!(
            r.added,
            ["Organisational factors › Time", "Barriers\\Staffing"]
        );
        let mut q = p.clone();
        crate::edit::apply(&mut q, cmd).unwrap();
        assert_eq!(q.codebook.codes.len(), 4);
        let t = q.codebook.codes.iter().find(|c| c.name == "Time").unwrap();
        assert_eq!(t.parent, Some(org.id));
        // Applying the same codebook again adds nothing.
        let (again, r2) = merge_by_path(&q, &book);
        assert_eq!(again, Command::Batch(vec![]));
        assert_eq!(r2.matched, 4);
        // A matched code described otherwise in the codebook is said so.
        let mut described = book.clone();
        described.codebook.codes[1].description = "Money and staff".into();
        let (_, r3) = merge_by_path(&q, &described);
        assert_eq!(r3.descriptions_kept, ["Organisational factors › Resources"]);
        assert!(r3.summary().contains("the project's description was kept"));
    }
}
