//! One open project with its undo history and what the reviewer is doing
//! in it (open document, selections, current category, table scope).

use crate::analysis::summary::FactorSummary;
use crate::analysis::{PrevalenceTable, ReviewerView, Scope, TableOptions, Tables};
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
    /// Attributes that split the references and cross-tab tables.
    pub table_options: TableOptions,
    tables: Option<(u64, Scope, TableOptions, Tables)>,
    summaries: Option<(u64, Scope, Vec<FactorSummary>)>,
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
            table_options: TableOptions::default(),
            tables: None,
            summaries: None,
            problems: Vec::new(),
        }
    }

    /// Recomputes the live tables if the project, the scope or the table
    /// options changed, so tables change in the same frame as the coding.
    pub fn refresh_tables(&mut self) {
        self.default_table_options();
        let fresh = matches!(&self.tables, Some((rev, scope, opts, _)) if *rev == self.project.revision && *scope == self.scope && *opts == self.table_options);
        if !fresh {
            let t = Tables::compute_live(&self.project, &self.scope, &self.table_options);
            self.tables = Some((
                self.project.revision,
                self.scope.clone(),
                self.table_options.clone(),
                t,
            ));
        }
    }

    /// Picks a Group-like attribute for grouping and a choice attribute
    /// for the cross-tab when none is chosen (or the chosen one is gone).
    fn default_table_options(&mut self) {
        let p = &self.project;
        let exists =
            |a: Option<crate::model::AttrId>| a.is_some_and(|a| p.attribute_def(a).is_some());
        if !exists(self.table_options.crosstab_by) {
            self.table_options.crosstab_by = p
                .attributes
                .iter()
                .find(|a| matches!(a.kind, crate::model::AttrKind::Choice(_)))
                .or(p.attributes.first())
                .map(|a| a.id);
        }
        if self.table_options.group_by.is_some() && !exists(self.table_options.group_by) {
            self.table_options.group_by = None;
        }
    }

    /// The live tables (call `refresh_tables` first in a frame).
    pub fn tables(&self) -> Option<&Tables> {
        self.tables.as_ref().map(|(_, _, _, t)| t)
    }

    /// The prevalence table (call `refresh_tables` first in a frame).
    pub fn prevalence(&self) -> Option<&PrevalenceTable> {
        self.tables().map(|t| &t.prevalence)
    }

    /// Factor summaries, built on first look after a change.
    pub fn summaries(&mut self) -> &[FactorSummary] {
        let fresh = matches!(&self.summaries, Some((rev, scope, _)) if *rev == self.project.revision && *scope == self.scope);
        if !fresh {
            let prep = crate::analysis::Prepared::new(&self.project, &self.scope);
            let s = crate::analysis::summary::summaries(&prep);
            self.summaries = Some((self.project.revision, self.scope.clone(), s));
        }
        &self.summaries.as_ref().expect("just built").2
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
            ReviewerView::One(r) => r.0.as_u64_pair().0 ^ r.0.as_u64_pair().1 | 2,
        }
    }
}
