//! Writing a memo: the one place that knows where each kind of memo lives
//! (project and code memos in `Project::memos`, document and passage memos
//! on the document or coding with a stamp beside them) and stamps who
//! wrote it and when.

use super::{Command, EditError};
use crate::model::memos::{About, Stamp};
use crate::model::{Memo, MemoId, Project, ReviewerId};

/// The command that makes the memo about `about` (for a project memo, the
/// one with `id`, or a new one) read `title` and `text`, written by
/// `author` at `now`; `None` when nothing changes. An empty text removes
/// a project or code memo and empties a document's or passage's memo.
pub fn write(
    p: &Project,
    about: About,
    id: Option<MemoId>,
    title: &str,
    text: &str,
    author: Option<ReviewerId>,
    now: &str,
) -> Option<Command> {
    let empty = text.trim().is_empty();
    match about {
        About::Project | About::Code(_) | About::Chart { .. } => {
            let existing = match (about, id) {
                (About::Project, Some(id)) => p.memos.iter().find(|m| m.id == id),
                (About::Project, None) => None,
                _ => p.memos.iter().find(|m| m.about == about),
            };
            match existing {
                Some(m) if empty => Some(Command::Memo(MemoCommand::Remove(m.id))),
                Some(m) if m.text == text && m.title == title && !m.draft => None,
                // A reviewer's edit (even one that keeps a draft's words)
                // makes the memo theirs: it is no longer a draft.
                Some(m) => Some(Command::Memo(MemoCommand::Update(Memo {
                    title: title.to_owned(),
                    text: text.to_owned(),
                    author: m.author.or(author),
                    modified: now.to_owned(),
                    draft: false,
                    ..m.clone()
                }))),
                None if empty => None,
                None => Some(Command::Memo(MemoCommand::Insert {
                    index: p.memos.len(),
                    memo: Memo {
                        id: id.unwrap_or_default(),
                        about,
                        title: title.to_owned(),
                        text: text.to_owned(),
                        author,
                        created: now.to_owned(),
                        modified: String::new(),
                        draft: false,
                    },
                })),
            }
        }
        About::Document(doc) => {
            let d = p.document(doc)?;
            if d.memo == text {
                return None;
            }
            Some(Command::Batch(vec![
                Command::SetDocumentMemo {
                    doc,
                    memo: text.to_owned(),
                },
                stamp(p, about, empty, author, now),
            ]))
        }
        About::Coding(id) => {
            let c = p.coding(id)?;
            if c.memo == text {
                return None;
            }
            let mut changed = c.clone();
            changed.memo = text.to_owned();
            Some(Command::Batch(vec![
                Command::ReplaceCodings(vec![changed]),
                stamp(p, about, empty, author, now),
            ]))
        }
    }
}

/// What auto-filling framework-matrix cells does.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drafted {
    /// One undo step for every cell drafted; `None` when nothing changes.
    pub command: Option<Command>,
    /// Cells given a new draft (or a fresher one).
    pub drafted: usize,
    /// Cells left alone because a reviewer wrote their summary.
    pub kept: usize,
}

/// Drafts the summary of each framework-matrix cell in `cells` (study,
/// theme, draft text): a cell without a summary gets the draft, a cell
/// whose summary is still a draft gets the new one, and a summary a
/// reviewer wrote or edited is never overwritten.
pub fn draft_charts(
    p: &Project,
    cells: &[(crate::model::DocId, crate::model::CodeId, String)],
    author: Option<ReviewerId>,
    now: &str,
) -> Drafted {
    let mut cmds = Vec::new();
    let mut out = Drafted::default();
    let mut index = p.memos.len();
    for (doc, code, text) in cells {
        if text.trim().is_empty() {
            continue;
        }
        let about = About::Chart {
            doc: *doc,
            code: *code,
        };
        match p.memos.iter().find(|m| m.about == about) {
            Some(m) if !m.draft => out.kept += 1,
            Some(m) if m.text == *text => {}
            Some(m) => {
                cmds.push(Command::Memo(MemoCommand::Update(Memo {
                    text: text.clone(),
                    modified: now.to_owned(),
                    ..m.clone()
                })));
                out.drafted += 1;
            }
            None => {
                cmds.push(Command::Memo(MemoCommand::Insert {
                    index,
                    memo: Memo {
                        id: MemoId::new(),
                        about,
                        title: String::new(),
                        text: text.clone(),
                        author,
                        created: now.to_owned(),
                        modified: String::new(),
                        draft: true,
                    },
                }));
                index += 1;
                out.drafted += 1;
            }
        }
    }
    if !cmds.is_empty() {
        out.command = Some(Command::Batch(cmds));
    }
    out
}

/// The stamp of a document or passage memo after an edit by `author`.
fn stamp(p: &Project, about: About, empty: bool, author: Option<ReviewerId>, now: &str) -> Command {
    let old = p.memo_stamps.iter().find(|s| s.about == about);
    Command::Memo(MemoCommand::SetStamp {
        about,
        stamp: (!empty).then(|| Stamp {
            about,
            author: old.and_then(|s| s.author).or(author),
            created: old
                .map(|s| s.created.clone())
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| now.to_owned()),
            modified: now.to_owned(),
        }),
    })
}

/// A change to the memos.
#[derive(Clone, Debug, PartialEq)]
pub enum MemoCommand {
    /// A project or code memo, at `index` of `Project::memos`.
    Insert {
        index: usize,
        memo: Memo,
    },
    Remove(MemoId),
    /// A memo's new title, text and dates (same id).
    Update(Memo),
    /// Who wrote a document's or passage's memo and when; `None` forgets it.
    SetStamp {
        about: About,
        stamp: Option<Stamp>,
    },
}

/// Applies `c`; returns its inverse.
pub(super) fn apply(p: &mut Project, c: MemoCommand) -> Result<MemoCommand, EditError> {
    Ok(match c {
        MemoCommand::Insert { index, memo } => {
            if p.memos.iter().any(|m| m.id == memo.id) {
                return Err(EditError::Duplicate("memo"));
            }
            let id = memo.id;
            p.memos.insert(index.min(p.memos.len()), memo);
            MemoCommand::Remove(id)
        }
        MemoCommand::Remove(id) => {
            let index = p
                .memos
                .iter()
                .position(|m| m.id == id)
                .ok_or(EditError::NotFound("memo"))?;
            MemoCommand::Insert {
                index,
                memo: p.memos.remove(index),
            }
        }
        MemoCommand::Update(memo) => {
            let slot = p
                .memos
                .iter_mut()
                .find(|m| m.id == memo.id)
                .ok_or(EditError::NotFound("memo"))?;
            MemoCommand::Update(std::mem::replace(slot, memo))
        }
        MemoCommand::SetStamp { about, stamp } => {
            // Kept sorted by what they are about, so undo restores the
            // exact list.
            let at = p.memo_stamps.binary_search_by(|s| s.about.cmp(&about));
            let old = match (at, stamp) {
                (Ok(i), Some(s)) => Some(std::mem::replace(&mut p.memo_stamps[i], s)),
                (Ok(i), None) => Some(p.memo_stamps.remove(i)),
                (Err(i), Some(s)) => {
                    p.memo_stamps.insert(i, Stamp { about, ..s });
                    None
                }
                (Err(_), None) => None,
            };
            MemoCommand::SetStamp { about, stamp: old }
        }
    })
}
