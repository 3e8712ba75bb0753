//! What a REFI-QDA import keeps of what people wrote beside the coding:
//! notes (as project memos, or in the memo of the document, code or coding
//! that refers to them), descriptions, and sets (as code sets).

use super::import::Importer;
use super::import_util::{code_set, uuid_of};
use super::xml::El;
use crate::model::{CodeId, DocId, Project};
use std::collections::HashMap;

impl Importer<'_> {
    /// A memo: the selection's Description, then any notes it refers to.
    pub(super) fn memo(&mut self, el: &El) -> String {
        let description = el
            .child_text("Description")
            .map(|d| d.trim().to_owned())
            .filter(|d| !d.is_empty());
        let mut parts: Vec<String> = description.into_iter().collect();
        parts.extend(self.referred_notes(el));
        parts.join("\n\n")
    }

    /// The texts of the notes `el` refers to (`<NoteRef>`), each note
    /// counted as kept the first time; a reference to a missing note is
    /// reported.
    pub(super) fn referred_notes(&mut self, el: &El) -> Vec<String> {
        let mut parts = Vec::new();
        for r in el.children("NoteRef") {
            let Some(g) = uuid_of(r, "targetGUID") else {
                continue;
            };
            match self.notes.get(&g) {
                Some((_, text, _)) => {
                    if !text.is_empty() {
                        parts.push(text.clone());
                    }
                    if self.used_notes.insert(g) {
                        self.report.memos += 1;
                    }
                }
                None => self.report.skipped.push(format!(
                    "{} \"{}\" refers to a note ({g}) that is not in the file",
                    el.name,
                    el.attr("name").unwrap_or("")
                )),
            }
        }
        parts
    }

    /// Notes attached to codes become the codes' memos (with their
    /// names and dates).
    pub(super) fn code_notes(&mut self, p: &mut Project, codes: &El) {
        let mut work: Vec<&El> = codes.children("Code").collect();
        while let Some(el) = work.pop() {
            work.extend(el.children("Code"));
            let Some(id) = uuid_of(el, "guid").map(CodeId) else {
                continue;
            };
            if !p.codebook.contains(id) {
                continue;
            }
            for r in el.children("NoteRef") {
                let Some(g) = uuid_of(r, "targetGUID") else {
                    continue;
                };
                let Some((name, text, created)) = self.notes.get(&g).cloned() else {
                    self.report.skipped.push(format!(
                        "Code \"{}\" refers to a note ({g}) that is not in the file",
                        el.attr("name").unwrap_or("")
                    ));
                    continue;
                };
                if !self.used_notes.insert(g) || p.memos.iter().any(|m| m.id.0 == g) {
                    continue;
                }
                self.report.memos += 1;
                p.memos.push(crate::model::Memo {
                    draft: false,
                    id: crate::model::MemoId(g),
                    about: crate::model::memos::About::Code(id),
                    title: name,
                    text,
                    author: None,
                    created,
                    modified: String::new(),
                });
            }
        }
    }

    /// The project's description, its own notes and every note nothing
    /// else refers to become project memos, in the file's order.
    pub(super) fn project_memos(&mut self, p: &mut Project, root: &El) {
        if let Some(d) = root.child_text("Description").map(|d| d.trim().to_owned())
            && !d.is_empty()
        {
            p.memos.push(crate::model::Memo {
                draft: false,
                id: crate::model::MemoId::new(),
                about: Default::default(),
                title: "Project description".into(),
                text: d,
                author: None,
                created: String::new(),
                modified: String::new(),
            });
        }
        let order: Vec<uuid::Uuid> = root
            .child("Notes")
            .into_iter()
            .flat_map(|n| n.children("Note"))
            .filter_map(|n| uuid_of(n, "guid"))
            .collect();
        for (i, g) in order.into_iter().enumerate() {
            if self.used_notes.contains(&g) {
                continue;
            }
            let Some((name, text, created)) = self.notes.get(&g).cloned() else {
                continue;
            };
            self.used_notes.insert(g);
            self.report.memos += 1;
            p.memos.push(crate::model::Memo {
                draft: false,
                id: crate::model::MemoId(g),
                title: if name.is_empty() {
                    format!("Note {}", i + 1)
                } else {
                    name
                },
                about: Default::default(),
                text,
                author: None,
                created,
                modified: String::new(),
            });
        }
    }

    /// Sets: those Thema wrote to mirror its categories carry nothing
    /// new; every other set is kept as a code set.
    pub(super) fn read_sets(
        &mut self,
        p: &mut Project,
        root: &El,
        doc_of_source: &HashMap<uuid::Uuid, DocId>,
    ) {
        // Sets at the project level, and code groups some tools write
        // inside the codebook.
        let in_codebook = root.child("CodeBook").and_then(|c| c.child("Sets"));
        for set in root
            .child("Sets")
            .into_iter()
            .chain(in_codebook)
            .flat_map(|s| s.children("Set"))
        {
            let name = set.attr("name").unwrap_or("").trim().to_owned();
            let member_codes: Vec<uuid::Uuid> = set
                .children("MemberCode")
                .filter_map(|m| uuid_of(m, "targetGUID").or_else(|| uuid_of(m, "guid")))
                .collect();
            let mirrors_category = p
                .categories
                .iter()
                .any(|k| k.name == name && member_codes.contains(&k.id.0));
            if mirrors_category {
                self.report.category_sets += 1;
                continue;
            }
            let codes: Vec<CodeId> = member_codes
                .iter()
                .map(|g| CodeId(*g))
                .filter(|c| self.code_ids.contains(c))
                .collect();
            let documents: Vec<DocId> = set
                .children("MemberSource")
                .filter_map(|m| uuid_of(m, "targetGUID"))
                .filter_map(|g| doc_of_source.get(&g).copied())
                .collect();
            let missing = member_codes.len() - codes.len() + set.children("MemberSource").count()
                - documents.len();
            if missing > 0 {
                self.report.skipped.push(format!(
                    "set \"{name}\": {} not in the imported project (a code or source that was not brought over); the set keeps the rest",
                    crate::words::count(missing, "member is", "members are")
                ));
            }
            let mut description = set
                .child_text("Description")
                .unwrap_or_default()
                .trim()
                .to_owned();
            let member_notes: Vec<String> = set
                .children("MemberNote")
                .filter_map(|m| uuid_of(m, "targetGUID"))
                .filter_map(|g| self.notes.get(&g).map(|(n, _, _)| n.clone()))
                .collect();
            if !member_notes.is_empty() {
                // The notes themselves become project memos (below).
                let line = format!("Memos in this set: {}", member_notes.join(", "));
                description = if description.is_empty() {
                    line
                } else {
                    format!("{description}\n{line}")
                };
            }
            let number = p.code_sets.len() + 1;
            p.code_sets
                .push(code_set(set, number, description, codes, documents));
            self.report.code_sets += 1;
        }
    }
}
