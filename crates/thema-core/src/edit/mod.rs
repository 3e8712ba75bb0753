//! Every change to a project is a `Command`. Applying a command returns its
//! inverse, which is what the undo stack keeps. Nothing else mutates a
//! `Project`.

pub mod appraisal;
pub mod code_hits;
pub mod consensus;
pub mod findings;
pub mod memos;
pub mod ops;
pub mod reanchor;
pub mod undo;

pub use undo::UndoStack;

use crate::model::{
    AttrId, AttributeDef, Category, CategoryId, Code, CodeId, Coding, CodingId, DocId, Document,
    Project, Reviewer, ReviewerId,
};

/// A reversible change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Several commands applied in order; the inverse undoes them in reverse.
    Batch(Vec<Command>),
    RenameProject(String),

    InsertDocument {
        index: usize,
        doc: Box<Document>,
    },
    RemoveDocument(DocId),
    /// Title, short reference and reference number (the text never changes).
    SetDocumentMeta {
        doc: DocId,
        title: String,
        short_ref: String,
        reference: u32,
    },
    /// The document's memo.
    SetDocumentMemo {
        doc: DocId,
        memo: String,
    },
    /// The text of a study that had none (added from a reference record
    /// without a file), with where it came from; refused while the
    /// document has codings, whose offsets the text must never move under.
    SetDocumentText {
        doc: DocId,
        text: String,
        source: crate::model::Source,
        page_starts: Vec<usize>,
        garbled_pages: Vec<usize>,
    },
    /// The bibliographic record of a study (reference import).
    SetDocumentBib {
        doc: DocId,
        bib: Option<Box<crate::model::bib::Reference>>,
    },
    /// `None` clears the value.
    SetAttributeValue {
        doc: DocId,
        attr: AttrId,
        value: Option<String>,
    },

    InsertAttributeDef {
        index: usize,
        def: AttributeDef,
    },
    RemoveAttributeDef(AttrId),
    UpdateAttributeDef(AttributeDef),

    InsertCode {
        index: usize,
        code: Code,
    },
    /// Removes a code that has no children and no codings.
    RemoveCode(CodeId),
    /// Name, colour, description (not the parent: see `MoveCode`).
    UpdateCode(Code),
    /// Re-parents a code and places it at `index` in the code vector.
    MoveCode {
        code: CodeId,
        parent: Option<CodeId>,
        index: usize,
    },
    SetPinned(Vec<CodeId>),

    AddCodings(Vec<Coding>),
    RemoveCodings(Vec<CodingId>),
    /// Puts removed codings back at their old positions (index, coding),
    /// in ascending index order: the exact inverse of `RemoveCodings`.
    RestoreCodings(Vec<(usize, Coding)>),
    /// Replaces codings with the same ids (code, category, memo, range).
    ReplaceCodings(Vec<Coding>),

    InsertCategory {
        index: usize,
        category: Category,
    },
    RemoveCategory(CategoryId),
    UpdateCategory(Category),

    /// Logs a decision on a disagreement.
    AddDecision(crate::model::Decision),
    RemoveDecision(uuid::Uuid),
    /// Puts a removed decision back at its old place in the log.
    InsertDecision {
        index: usize,
        decision: crate::model::Decision,
    },
    SetBlind(bool),
    /// How tables and reports cite studies.
    SetCitationStyle(crate::analysis::citations::CitationStyle),
    /// Adds a code set at `index` (clamped to the end).
    InsertCodeSet {
        index: usize,
        set: crate::model::CodeSet,
    },
    RemoveCodeSet(crate::model::SetId),
    /// Replaces the whole project (a merge); the inverse restores it.
    ReplaceProject(Box<Project>),

    InsertReviewer {
        index: usize,
        reviewer: Reviewer,
    },
    RemoveReviewer(ReviewerId),
    UpdateReviewer(Reviewer),

    /// Quality appraisal ([`appraisal`]): each sets one thing and its
    /// inverse sets it back.
    Appraisal(appraisal::AppraisalCommand),
    /// Review findings and their assessment ([`findings`]).
    Findings(findings::FindingsCommand),
    /// Memos on the project and codes, and who wrote document and passage
    /// memos ([`memos`]).
    Memo(memos::MemoCommand),
}

mod target;
pub use target::Target;

/// Why a command could not be applied. The project is unchanged when this
/// is returned.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("the {0} no longer exists")]
    NotFound(&'static str),
    /// Something with the same id is already in the project.
    #[error("that {0} is already in the project")]
    Duplicate(&'static str),
    #[error("the {0} is still in use")]
    StillInUse(&'static str),
    #[error("a code cannot be moved inside itself")]
    WouldCycle,
    #[error("the passage {start}..{end} does not fit a text of {len} chars")]
    BadRange {
        start: usize,
        end: usize,
        len: usize,
    },
}

/// Applies `cmd` to `p` and returns the command that undoes it.
/// On error `p` is left exactly as it was (a failed batch is rolled back).
pub fn apply(p: &mut Project, cmd: Command) -> Result<Command, EditError> {
    let appended_from = matches!(cmd, Command::AddCodings(_)).then_some(p.codings.len());
    let inverse = apply_inner(p, cmd)?;
    p.revision += 1;
    p.last_change.appended_codings_from = appended_from;
    Ok(inverse)
}

fn apply_inner(p: &mut Project, cmd: Command) -> Result<Command, EditError> {
    use Command::*;
    Ok(match cmd {
        Batch(cmds) => {
            let mut inverses = Vec::with_capacity(cmds.len());
            for c in cmds {
                match apply_inner(p, c) {
                    Ok(inv) => inverses.push(inv),
                    Err(e) => {
                        for inv in inverses.into_iter().rev() {
                            let _ = apply_inner(p, inv);
                        }
                        return Err(e);
                    }
                }
            }
            inverses.reverse();
            Batch(inverses)
        }
        RenameProject(name) => RenameProject(std::mem::replace(&mut p.name, name)),

        InsertDocument { index, doc } => {
            let id = doc.id;
            if p.document(id).is_some() {
                return Err(EditError::Duplicate("document"));
            }
            let index = index.min(p.documents.len());
            p.documents.insert(index, *doc);
            RemoveDocument(id)
        }
        RemoveDocument(id) => {
            let index = p.doc_index(id).ok_or(EditError::NotFound("document"))?;
            if p.codings.iter().any(|c| c.doc == id) {
                return Err(EditError::StillInUse("document"));
            }
            let doc = p.documents.remove(index);
            InsertDocument {
                index,
                doc: Box::new(doc),
            }
        }
        SetDocumentMeta {
            doc,
            title,
            short_ref,
            reference,
        } => {
            let d = doc_mut(p, doc)?;
            SetDocumentMeta {
                doc,
                title: std::mem::replace(&mut d.title, title),
                short_ref: std::mem::replace(&mut d.short_ref, short_ref),
                reference: std::mem::replace(&mut d.reference, reference),
            }
        }
        SetDocumentMemo { doc, memo } => {
            let d = doc_mut(p, doc)?;
            SetDocumentMemo {
                doc,
                memo: std::mem::replace(&mut d.memo, memo),
            }
        }
        SetDocumentText {
            doc,
            text,
            source,
            page_starts,
            garbled_pages,
        } => {
            if p.codings.iter().any(|c| c.doc == doc) {
                return Err(EditError::StillInUse("document's text"));
            }
            let d = doc_mut(p, doc)?;
            let old = SetDocumentText {
                doc,
                text: std::mem::replace(&mut d.text, text),
                source: std::mem::replace(&mut d.source, source),
                page_starts: std::mem::replace(&mut d.page_starts, page_starts),
                garbled_pages: std::mem::replace(&mut d.garbled_pages, garbled_pages),
            };
            d.char_count = Default::default();
            d.units = Default::default();
            old
        }
        SetDocumentBib { doc, bib } => {
            let d = doc_mut(p, doc)?;
            SetDocumentBib {
                doc,
                bib: std::mem::replace(&mut d.bib, bib),
            }
        }
        SetAttributeValue { doc, attr, value } => {
            let d = doc_mut(p, doc)?;
            let old = match value {
                Some(v) => d.attributes.insert(attr, v),
                None => d.attributes.remove(&attr),
            };
            SetAttributeValue {
                doc,
                attr,
                value: old,
            }
        }

        InsertAttributeDef { index, def } => {
            let id = def.id;
            if p.attribute_def(id).is_some() {
                return Err(EditError::Duplicate("attribute"));
            }
            let index = index.min(p.attributes.len());
            p.attributes.insert(index, def);
            RemoveAttributeDef(id)
        }
        RemoveAttributeDef(id) => {
            let index = p
                .attributes
                .iter()
                .position(|a| a.id == id)
                .ok_or(EditError::NotFound("attribute"))?;
            if p.documents.iter().any(|d| d.attributes.contains_key(&id)) {
                return Err(EditError::StillInUse("attribute"));
            }
            InsertAttributeDef {
                index,
                def: p.attributes.remove(index),
            }
        }
        UpdateAttributeDef(def) => {
            let slot = p
                .attributes
                .iter_mut()
                .find(|a| a.id == def.id)
                .ok_or(EditError::NotFound("attribute"))?;
            UpdateAttributeDef(std::mem::replace(slot, def))
        }

        InsertCode { index, code } => {
            if p.codebook.contains(code.id) {
                return Err(EditError::Duplicate("code"));
            }
            if let Some(parent) = code.parent
                && !p.codebook.contains(parent)
            {
                return Err(EditError::NotFound("parent code"));
            }
            let id = code.id;
            let index = index.min(p.codebook.codes.len());
            p.codebook.codes.insert(index, code);
            RemoveCode(id)
        }
        RemoveCode(id) => {
            let index = p.codebook.index_of(id).ok_or(EditError::NotFound("code"))?;
            if p.codebook.children(Some(id)).next().is_some()
                || p.codings.iter().any(|c| c.code == id)
            {
                return Err(EditError::StillInUse("code"));
            }
            if p.pinned.contains(&id) {
                return Err(EditError::StillInUse("code"));
            }
            // A review finding rests on it: removing it would change what
            // supports the finding (and make the finding's undo invalid).
            if p.findings.findings.iter().any(|f| f.codes.contains(&id)) {
                return Err(EditError::StillInUse(
                    "code (a review finding is attached to it)",
                ));
            }
            InsertCode {
                index,
                code: p.codebook.codes.remove(index),
            }
        }
        UpdateCode(code) => {
            let slot = p
                .codebook
                .codes
                .iter_mut()
                .find(|c| c.id == code.id)
                .ok_or(EditError::NotFound("code"))?;
            let parent = slot.parent;
            let mut old = std::mem::replace(slot, code);
            slot.parent = parent;
            old.parent = parent;
            UpdateCode(old)
        }
        MoveCode {
            code,
            parent,
            index,
        } => {
            let old_index = p
                .codebook
                .index_of(code)
                .ok_or(EditError::NotFound("code"))?;
            if let Some(par) = parent
                && !p.codebook.contains(par)
            {
                return Err(EditError::NotFound("parent code"));
            }
            if p.codebook.would_cycle(code, parent) {
                return Err(EditError::WouldCycle);
            }
            let mut c = p.codebook.codes.remove(old_index);
            let old_parent = std::mem::replace(&mut c.parent, parent);
            let index = index.min(p.codebook.codes.len());
            p.codebook.codes.insert(index, c);
            MoveCode {
                code,
                parent: old_parent,
                index: old_index,
            }
        }
        SetPinned(pins) => SetPinned(std::mem::replace(&mut p.pinned, pins)),

        AddCodings(codings) => {
            check_codings(p, codings.iter(), true)?;
            let ids = codings.iter().map(|c| c.id).collect();
            p.codings.extend(codings);
            RemoveCodings(ids)
        }
        RemoveCodings(ids) => {
            if ids.iter().any(|id| p.coding(*id).is_none()) {
                return Err(EditError::NotFound("coding"));
            }
            let set: std::collections::HashSet<CodingId> = ids.iter().copied().collect();
            let mut removed = Vec::with_capacity(set.len());
            let mut index = 0;
            p.codings.retain(|c| {
                let keep = !set.contains(&c.id);
                if !keep {
                    removed.push((index, c.clone()));
                }
                index += 1;
                keep
            });
            RestoreCodings(removed)
        }
        RestoreCodings(mut placed) => {
            check_codings(p, placed.iter().map(|(_, c)| c), true)?;
            placed.sort_by_key(|(i, _)| *i);
            let ids = placed.iter().map(|(_, c)| c.id).collect();
            for (i, c) in placed {
                let i = i.min(p.codings.len());
                p.codings.insert(i, c);
            }
            RemoveCodings(ids)
        }
        ReplaceCodings(new) => {
            if new.iter().any(|n| p.coding(n.id).is_none()) {
                return Err(EditError::NotFound("coding"));
            }
            check_codings(p, new.iter(), false)?;
            let mut old = Vec::with_capacity(new.len());
            for n in new {
                if let Some(slot) = p.codings.iter_mut().find(|c| c.id == n.id) {
                    old.push(std::mem::replace(slot, n));
                }
            }
            ReplaceCodings(old)
        }

        InsertCategory { index, category } => {
            let id = category.id;
            if p.category(id).is_some() {
                return Err(EditError::Duplicate("category"));
            }
            let index = index.min(p.categories.len());
            p.categories.insert(index, category);
            RemoveCategory(id)
        }
        RemoveCategory(id) => {
            let index = p
                .categories
                .iter()
                .position(|c| c.id == id)
                .ok_or(EditError::NotFound("category"))?;
            if p.codings.iter().any(|c| c.category == Some(id)) {
                return Err(EditError::StillInUse("category"));
            }
            InsertCategory {
                index,
                category: p.categories.remove(index),
            }
        }
        UpdateCategory(cat) => {
            let slot = p
                .categories
                .iter_mut()
                .find(|c| c.id == cat.id)
                .ok_or(EditError::NotFound("category"))?;
            UpdateCategory(std::mem::replace(slot, cat))
        }

        AddDecision(d) => {
            let id = d.id;
            if p.decisions.iter().any(|x| x.id == id) {
                return Err(EditError::Duplicate("decision"));
            }
            p.decisions.push(d);
            RemoveDecision(id)
        }
        InsertDecision { index, decision } => {
            let id = decision.id;
            if p.decisions.iter().any(|x| x.id == id) {
                return Err(EditError::Duplicate("decision"));
            }
            let index = index.min(p.decisions.len());
            p.decisions.insert(index, decision);
            RemoveDecision(id)
        }
        RemoveDecision(id) => {
            let index = p
                .decisions
                .iter()
                .position(|d| d.id == id)
                .ok_or(EditError::NotFound("decision"))?;
            InsertDecision {
                index,
                decision: p.decisions.remove(index),
            }
        }
        SetBlind(on) => SetBlind(std::mem::replace(&mut p.blind, on)),
        Memo(c) => Memo(memos::apply(p, c)?),
        SetCitationStyle(style) => {
            SetCitationStyle(std::mem::replace(&mut p.citation_style, style))
        }
        InsertCodeSet { index, set } => {
            if p.code_sets.iter().any(|x| x.id == set.id) {
                return Err(EditError::Duplicate("code set"));
            }
            let id = set.id;
            p.code_sets.insert(index.min(p.code_sets.len()), set);
            RemoveCodeSet(id)
        }
        RemoveCodeSet(id) => {
            let index = p
                .code_sets
                .iter()
                .position(|x| x.id == id)
                .ok_or(EditError::NotFound("code set"))?;
            let set = p.code_sets.remove(index);
            InsertCodeSet { index, set }
        }
        ReplaceProject(new) => {
            let revision = p.revision;
            let old = std::mem::replace(p, *new);
            p.revision = revision;
            ReplaceProject(Box::new(old))
        }
        InsertReviewer { index, reviewer } => {
            let id = reviewer.id;
            if p.reviewer(id).is_some() {
                return Err(EditError::Duplicate("reviewer"));
            }
            let index = index.min(p.reviewers.len());
            p.reviewers.insert(index, reviewer);
            RemoveReviewer(id)
        }
        RemoveReviewer(id) => {
            let index = p
                .reviewers
                .iter()
                .position(|r| r.id == id)
                .ok_or(EditError::NotFound("reviewer"))?;
            if p.codings.iter().any(|c| c.reviewer == id) {
                return Err(EditError::StillInUse("reviewer"));
            }
            InsertReviewer {
                index,
                reviewer: p.reviewers.remove(index),
            }
        }
        UpdateReviewer(r) => {
            let slot = p
                .reviewers
                .iter_mut()
                .find(|x| x.id == r.id)
                .ok_or(EditError::NotFound("reviewer"))?;
            UpdateReviewer(std::mem::replace(slot, r))
        }
        Appraisal(c) => Appraisal(appraisal::apply(p, c)?),
        Findings(c) => Findings(findings::apply(p, c)?),
    })
}

/// Checks codings before they enter the project: their document and code
/// exist, their range fits the text, and (when `new`) their ids are unused
/// and not repeated, so the inverse removes exactly these.
fn check_codings<'a>(
    p: &Project,
    codings: impl Iterator<Item = &'a Coding>,
    new: bool,
) -> Result<(), EditError> {
    let mut seen = std::collections::HashSet::new();
    for c in codings {
        let d = p.document(c.doc).ok_or(EditError::NotFound("document"))?;
        let len = d.char_len();
        if c.start >= c.end || c.end > len {
            return Err(EditError::BadRange {
                start: c.start,
                end: c.end,
                len,
            });
        }
        if !p.codebook.contains(c.code) {
            return Err(EditError::NotFound("code"));
        }
        if !seen.insert(c.id) || (new && p.coding(c.id).is_some()) {
            return Err(EditError::Duplicate("coding"));
        }
    }
    Ok(())
}

fn doc_mut(p: &mut Project, id: DocId) -> Result<&mut Document, EditError> {
    p.documents
        .iter_mut()
        .find(|d| d.id == id)
        .ok_or(EditError::NotFound("document"))
}
