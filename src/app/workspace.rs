//! One open project with its undo history and what the reviewer is doing
//! in it (open document, selections, current category, table scope).

use crate::analysis::{self, PrevalenceTable, ReviewerView, Scope};
use crate::edit::UndoStack;
use crate::model::validate::Problem;
use crate::model::{CategoryId, CodeId, CodingId, DocId, Project, ReviewerId};
use crate::ui::document_view::DocView;
use std::path::PathBuf;

pub struct Workspace {
    pub project: Project,
    pub path: Option<PathBuf>,
    pub undo: UndoStack,
    pub coding_as: Option<ReviewerId>,
    pub open_doc: Option<DocId>,
    pub selected_code: Option<CodeId>,
    pub selected_coding: Option<CodingId>,
    /// Category given to the next coding.
    pub category: Option<CategoryId>,
    pub view: DocView,
    /// Scope of the tables panel.
    pub scope: Scope,
    prevalence: Option<(u64, Scope, PrevalenceTable)>,
    /// Problems found when the file was opened.
    pub problems: Vec<Problem>,
}

impl Workspace {
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let open_doc = project.documents.first().map(|d| d.id);
        Self {
            project,
            path,
            undo: UndoStack::new(),
            coding_as: None,
            open_doc,
            selected_code: None,
            selected_coding: None,
            category: None,
            view: DocView::default(),
            scope: Scope::default(),
            prevalence: None,
            problems: Vec::new(),
        }
    }

    /// Recomputes the prevalence table if the project or the scope changed,
    /// so tables are live in the same frame as the change.
    pub fn refresh_tables(&mut self) {
        let fresh = matches!(&self.prevalence, Some((rev, scope, _)) if *rev == self.project.revision && *scope == self.scope);
        if !fresh {
            let t = analysis::prevalence(&self.project, &self.scope);
            self.prevalence = Some((self.project.revision, self.scope.clone(), t));
        }
    }

    /// The prevalence table (call `refresh_tables` first in a frame).
    pub fn prevalence(&self) -> Option<&PrevalenceTable> {
        self.prevalence.as_ref().map(|(_, _, t)| t)
    }

    /// Title shown in the window bar: name, file, unsaved marker.
    pub fn title(&self) -> String {
        let dirty = if self.undo.is_dirty() { "● " } else { "" };
        let file = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| format!(" ({})", n.to_string_lossy()))
            .unwrap_or_else(|| " (not saved yet)".into());
        format!("{dirty}{}{file} — Thema", self.project.name)
    }

    pub fn reviewer_view_key(&self) -> u64 {
        match self.scope.reviewers {
            ReviewerView::All => 0,
            ReviewerView::Consensus => 1,
            ReviewerView::One(r) => r.0.as_u64_pair().0 ^ r.0.as_u64_pair().1,
        }
    }
}
