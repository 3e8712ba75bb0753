//! What a command changes, so typing folds into one undo step.

use super::Command;

/// What a command changes: its kind and the id(s) of its target. Typing
/// into a field folds keystrokes into one undo step only while this stays
/// the same, so editing document A's title and then B's are two steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    pub kind: &'static str,
    pub id: uuid::Uuid,
    pub sub: Option<uuid::Uuid>,
}

impl Command {
    /// The command's target, when it changes exactly one thing.
    pub fn target(&self) -> Option<Target> {
        use Command::*;
        let t = |kind, id: uuid::Uuid| Target {
            kind,
            id,
            sub: None,
        };
        Some(match self {
            // A memo edit is the memo and its stamp: it folds like its first step.
            Batch(v) if v.len() == 2 && matches!(v[1], Memo(_)) => return v[0].target(),
            RenameProject(_) => t("rename project", uuid::Uuid::nil()),
            SetDocumentMeta { doc, .. } => t("document details", doc.0),
            SetDocumentMemo { doc, .. } => t("document memo", doc.0),
            SetAttributeValue { doc, attr, .. } => Target {
                kind: "attribute value",
                id: doc.0,
                sub: Some(attr.0),
            },
            UpdateAttributeDef(def) => t("attribute", def.id.0),
            UpdateCode(code) => t("code", code.id.0),
            UpdateCategory(cat) => t("category", cat.id.0),
            UpdateReviewer(r) => t("reviewer", r.id.0),
            ReplaceCodings(v) if v.len() == 1 => t("coding", v[0].id.0),
            _ => return None,
        })
    }
}
