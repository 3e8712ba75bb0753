//! Memos in the window: writing one through the core's rule, opening the
//! Memos window on one, and the audit file.

use super::ThemaApp;

impl ThemaApp {
    /// Writes a memo through the core's one rule for where memos live.
    pub(super) fn write_memo(
        &mut self,
        about: crate::model::memos::About,
        id: Option<crate::model::MemoId>,
        title: &str,
        text: &str,
        typing: bool,
    ) {
        let Some(ws) = &mut self.ws else { return };
        let now = crate::model::time::now_iso();
        let Some(cmd) =
            crate::edit::memos::write(&ws.project, about, id, title, text, ws.coding_as, &now)
        else {
            return;
        };
        let label = match about.kind() {
            crate::model::memos::MemoKind::Project => "Edit project memo",
            crate::model::memos::MemoKind::Document => "Edit document memo",
            crate::model::memos::MemoKind::Code => "Edit code memo",
            crate::model::memos::MemoKind::Passage => "Edit memo",
            crate::model::memos::MemoKind::Chart => "Edit chart summary",
        };
        if typing {
            if let Err(e) =
                ws.undo
                    .apply_typing(std::sync::Arc::make_mut(&mut ws.project), label, cmd)
            {
                self.set_error(format!("{label} was not done: {e}."));
            }
        } else {
            self.apply(label, cmd);
        }
    }

    /// Drafts the summaries of framework-matrix cells from their passages
    /// in the tables' scope, as one undo step; says how many were drafted
    /// and how many were kept because a reviewer wrote them.
    pub(super) fn draft_charts(&mut self, cells: &[(crate::model::DocId, crate::model::CodeId)]) {
        let Some(ws) = &self.ws else { return };
        let p = &ws.project;
        let scope = ws.effective_scope();
        let prep = crate::analysis::Prepared::new(p, &scope);
        let drafts: Vec<_> = cells
            .iter()
            .map(|&(doc, code)| {
                let codings = crate::analysis::matrices::cell_codings(&prep, doc, code);
                (doc, code, crate::analysis::matrices::draft(p, &codings))
            })
            .collect();
        let now = crate::model::time::now_iso();
        let d = crate::edit::memos::draft_charts(p, &drafts, ws.coding_as, &now);
        let kept = if d.kept > 0 {
            format!(
                "; {} kept as the reviewers wrote them",
                crate::words::count(d.kept, "summary", "summaries")
            )
        } else {
            String::new()
        };
        let Some(cmd) = d.command else {
            return self.set_status(format!("Nothing to draft{kept}."));
        };
        self.apply("Auto-fill chart", cmd);
        self.set_status(format!(
            "Drafted {} from the passages (marked as drafts until edited){kept}.",
            crate::words::count(d.drafted, "cell", "cells")
        ));
    }

    /// Opens the Memos window on the memo about `about`.
    pub(super) fn edit_memo(&mut self, about: crate::model::memos::About) {
        let Some(ws) = &self.ws else { return };
        let w = self.memos_window.get_or_insert_with(Default::default);
        w.edit(&ws.project, about, None);
    }

    /// Writes the memos `filter` shows as Markdown, HTML or Word.
    pub(super) fn export_memos(&mut self, filter: &crate::model::memos::Filter) {
        use crate::io::report::Format;
        let Some(ws) = &self.ws else { return };
        let Some(to) = rfd::FileDialog::new()
            .set_title("Export the memos (audit file)")
            .set_file_name(format!("{} memos.docx", ws.project.name))
            .add_filter("Word", &["docx"])
            .add_filter("HTML", &["html"])
            .add_filter("Markdown", &["md"])
            .save_file()
        else {
            return;
        };
        let format = match to
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .as_deref()
        {
            Some("html" | "htm") => Format::Html,
            Some("md" | "markdown") => Format::Markdown,
            _ => Format::Docx,
        };
        let result = crate::io::report::memos::audit(&ws.project, filter, format)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                crate::io::project_file::write_atomic(&to, &bytes, false).map_err(|e| e.to_string())
            });
        match result {
            Ok(()) => self.set_status(format!("Wrote the memos to {}.", to.display())),
            Err(e) => self.set_error(format!("The memos were not exported: {e}")),
        }
    }
}
