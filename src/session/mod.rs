//! The open project: one `Workspace` with its undo history and what the
//! reviewer is doing in it (open document, text selection, current
//! category, table scope, whose codings the text shows), plus the status
//! line. This module knows no ui type: panels read a `&Workspace` and return
//! intents, and the app applies them here as commands.

use crate::analysis::matrices::{Computed, compute_all};
use crate::analysis::summary::FactorSummary;
use crate::analysis::{PrevalenceTable, Scope, TableOptions, Tables};
use crate::edit::UndoStack;
use crate::model::validate::Problem;
use crate::model::{CategoryId, CodeId, CodingId, DocId, Project, ReviewerId};
use std::path::PathBuf;

/// Whose codings the document view shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ViewFilter {
    /// Every reviewer's codings (not the Consensus).
    #[default]
    All,
    /// Only the reviewer who is coding.
    Mine,
    One(ReviewerId),
    /// Two reviewers: the first tinted, the second outlined.
    Overlay(ReviewerId, ReviewerId),
    /// The Consensus of two reviewers, as the tables count it
    /// (`analysis::consensus`).
    Consensus(ReviewerId, ReviewerId),
}

/// How the document view shows a coding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkStyle {
    /// Tinted background (the usual look).
    Fill,
    /// An outline only, so two reviewers' codings can be told apart.
    Outline,
}

/// A message in the status bar.
#[derive(Clone, Debug)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct Workspace {
    /// The open project. Shared with background jobs (save, table
    /// rebuilds) as a snapshot; an edit while one runs copies it first.
    pub project: std::sync::Arc<Project>,
    pub path: Option<PathBuf>,
    pub undo: UndoStack,
    pub coding_as: Option<ReviewerId>,
    pub open_doc: Option<DocId>,
    pub selected_code: Option<CodeId>,
    pub selected_coding: Option<CodingId>,
    /// Category given to the next coding.
    pub category: Option<CategoryId>,
    /// The selected text of the open document as char offsets `[start,
    /// end)`, trimmed of surrounding spaces, as the document view last
    /// reported it (`None`: nothing selected).
    pub selected_range: Option<(usize, usize)>,
    /// Scope of the tables panel.
    pub scope: Scope,
    /// Whose codings the document view shows.
    pub view_filter: ViewFilter,
    /// Attributes that split the references and cross-tab tables.
    pub table_options: TableOptions,
    /// The colours charts are drawn and exported in.
    pub chart_palette: crate::io::report::chart::Palette,
    /// What the matrices tab shows (level, measure, distance, order).
    pub matrix_options: crate::analysis::matrices::MatrixOptions,
    matrices: Option<(MatrixKey, std::sync::Arc<Computed>)>,
    matrices_job: Option<Job<Computed, MatrixKey>>,
    tables: Option<crate::analysis::incremental::LiveTables>,
    /// A rebuild of the live tables running on a worker (large projects).
    tables_job: Option<Job<crate::analysis::incremental::LiveTables>>,
    summaries: Option<(u64, Scope, Vec<FactorSummary>)>,
    summaries_job: Option<Job<Vec<FactorSummary>>>,
    /// The codings of the Consensus the text shows, for (revision, pair).
    consensus_shown: Option<(
        ConsensusKey,
        std::collections::HashSet<crate::model::CodingId>,
    )>,
    /// Rebuild tables on a worker once a project is this large (codings
    /// plus documents); below it a rebuild fits in a frame. Tests set 0
    /// or `usize::MAX` to force one way.
    pub background_threshold: usize,
    /// Problems found when the file was opened.
    pub problems: Vec<Problem>,
    /// The lock that makes this window the project's only writer.
    pub lock: Option<crate::io::lock::ProjectLock>,
    /// During a Save As: the lock of the file the project came from, given
    /// back if the save fails.
    pub previous_lock: Option<crate::io::lock::ProjectLock>,
    /// Hash of the file as last read or written: a save first checks that
    /// no other program changed it since.
    pub disk_hash: Option<String>,
}

impl Workspace {
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let open_doc = project.documents.first().map(|d| d.id);
        Self {
            project: std::sync::Arc::new(project),
            path,
            undo: UndoStack::new(),
            coding_as: None,
            open_doc,
            selected_code: None,
            selected_coding: None,
            category: None,
            selected_range: None,
            scope: Scope::default(),
            view_filter: ViewFilter::default(),
            table_options: TableOptions::default(),
            chart_palette: crate::io::report::chart::Palette::default(),
            matrix_options: Default::default(),
            matrices: None,
            matrices_job: None,
            tables: None,
            tables_job: None,
            summaries: None,
            summaries_job: None,
            consensus_shown: None,
            background_threshold: BACKGROUND_THRESHOLD,
            problems: Vec::new(),
            lock: None,
            previous_lock: None,
            disk_hash: None,
        }
    }

    /// The project to change (through the undo stack): copied first when a
    /// background job still reads the current snapshot.
    pub fn project_mut(&mut self) -> &mut Project {
        std::sync::Arc::make_mut(&mut self.project)
    }

    /// Applies a command through the undo stack.
    pub fn apply(
        &mut self,
        label: &str,
        cmd: crate::edit::Command,
    ) -> Result<(), crate::edit::EditError> {
        let p = std::sync::Arc::make_mut(&mut self.project);
        self.undo.apply(p, label, cmd)
    }

    /// True when blind coding hides other reviewers' work from this reviewer.
    pub fn is_blind(&self) -> bool {
        self.viewer().blind
    }

    /// Who is looking: the one visibility rule (`analysis::visibility`).
    pub fn viewer(&self) -> crate::analysis::Viewer {
        crate::analysis::Viewer::of(&self.project, self.coding_as)
    }

    /// The scope every table, list behind a number, export, chart and
    /// summary uses: the scope bar's, narrowed by the visibility rule.
    pub fn effective_scope(&self) -> Scope {
        self.viewer().scope(&self.scope)
    }

    /// How the document view shows a coding (or hides it).
    pub fn mark_style(&self, c: &crate::model::Coding) -> Option<MarkStyle> {
        use MarkStyle::{Fill, Outline};
        let viewer = self.viewer();
        if !viewer.may_see(c) {
            return None;
        }
        if viewer.blind {
            return Some(Fill);
        }
        let me = self.coding_as;
        let consensus = c.reviewer == ReviewerId::CONSENSUS;
        match self.view_filter {
            ViewFilter::All => (!consensus).then_some(Fill),
            ViewFilter::Mine => (Some(c.reviewer) == me).then_some(Fill),
            ViewFilter::One(r) => (c.reviewer == r).then_some(Fill),
            ViewFilter::Overlay(a, b) => {
                if c.reviewer == a {
                    Some(Fill)
                } else if c.reviewer == b {
                    Some(Outline)
                } else {
                    None
                }
            }
            ViewFilter::Consensus(..) => self
                .consensus_shown
                .as_ref()
                .is_some_and(|(_, set)| set.contains(&c.id))
                .then_some(Fill),
        }
    }

    /// Changes whenever `mark_style` would answer differently.
    pub fn view_key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (self.is_blind(), self.coding_as, self.view_filter).hash(&mut h);
        // The Consensus shown depends on both reviewers' codings too.
        self.consensus_shown.as_ref().map(|(k, _)| *k).hash(&mut h);
        h.finish()
    }

    /// Brings the live tables up to date with the project, the scope and
    /// the table options, so tables change in the same frame as a coding.
    /// Added codings update them in place; any other change rebuilds them,
    /// on a worker when the project is large (the previous tables stay on
    /// screen, marked as updating, until the new ones arrive).
    pub fn refresh_tables(&mut self) {
        self.default_table_options();
        self.refresh_consensus_shown();
        let scope = self.effective_scope();
        let rev = self.project.revision;
        if let Some(job) = &mut self.tables_job {
            if let Some(done) = job.poll() {
                self.tables_job = None;
                self.tables = Some(done);
            } else if job.failed {
                self.tables_job = None;
                self.tables = None;
            }
        }
        let in_place = self.tables_job.is_none() && self.tables.is_none();
        if let Some(live) = &mut self.tables
            && live.matches(&scope, &self.table_options)
        {
            if live.revision == rev {
                return;
            }
            // Only codings were added since: update just for them.
            if live.revision + 1 == rev
                && let Some(from) = self.project.last_change.appended_codings_from
                && live.add(&self.project.codings[from.min(self.project.codings.len())..])
            {
                live.revision = rev;
                return;
            }
        }
        let key = JobKey {
            revision: rev,
            scope: scope.clone(),
            options: self.table_options.clone(),
        };
        if self.tables_job.as_ref().is_some_and(|j| j.key == key) {
            return; // already on its way
        }
        if in_place
            || self.project.codings.len() + self.project.documents.len() < self.background_threshold
        {
            self.tables_job = None;
            self.tables = Some(crate::analysis::incremental::LiveTables::build(
                &self.project,
                &scope,
                &self.table_options,
            ));
            return;
        }
        let project = std::sync::Arc::clone(&self.project);
        let options = self.table_options.clone();
        self.tables_job = Some(Job::start(key, move || {
            crate::analysis::incremental::LiveTables::build(&project, &scope, &options)
        }));
    }

    /// Keeps the set of Consensus codings the text shows up to date.
    fn refresh_consensus_shown(&mut self) {
        let ViewFilter::Consensus(a, b) = self.view_filter else {
            self.consensus_shown = None;
            return;
        };
        let key = (self.project.revision, a, b, self.open_doc);
        if self
            .consensus_shown
            .as_ref()
            .is_some_and(|(k, _)| *k == key)
        {
            return;
        }
        let open = self.open_doc;
        let cons = crate::analysis::consensus::consensus(&self.project, a, b, |d| Some(d) == open);
        let set = cons
            .codings
            .iter()
            .map(|&i| self.project.codings[i].id)
            .collect();
        self.consensus_shown = Some((key, set));
    }

    /// True while tables are being rebuilt in the background.
    pub fn tables_updating(&self) -> bool {
        self.tables_job.is_some() || self.summaries_job.is_some() || self.matrices_job.is_some()
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
        self.tables.as_ref().map(|live| &live.tables)
    }

    /// The prevalence table (call `refresh_tables` first in a frame).
    pub fn prevalence(&self) -> Option<&PrevalenceTable> {
        self.tables().map(|t| &t.prevalence)
    }

    /// Brings the factor summaries up to date with the project and scope:
    /// at once for a small project, on a worker for a large one (the app
    /// calls this before drawing a frame that shows them).
    pub fn refresh_summaries(&mut self) {
        let scope = self.effective_scope();
        let rev = self.project.revision;
        let mut in_place = false;
        if let Some(job) = &mut self.summaries_job {
            if let Some(done) = job.poll() {
                let key = self.summaries_job.take().map(|j| j.key);
                if let Some(k) = key {
                    self.summaries = Some((k.revision, k.scope, done));
                }
            } else if job.failed {
                self.summaries_job = None;
                in_place = true;
            }
        }
        let fresh = matches!(&self.summaries, Some((r, s, _)) if *r == rev && *s == scope);
        if !fresh {
            let key = JobKey {
                revision: rev,
                scope: scope.clone(),
                options: Default::default(),
            };
            let running = self.summaries_job.as_ref().is_some_and(|j| j.key == key);
            if in_place
                || self.project.codings.len() + self.project.documents.len()
                    < self.background_threshold
            {
                let prep = crate::analysis::Prepared::new(&self.project, &scope);
                let s = crate::analysis::summary::summaries(&prep);
                self.summaries = Some((rev, scope, s));
                self.summaries_job = None;
            } else if !running {
                let project = std::sync::Arc::clone(&self.project);
                self.summaries_job = Some(Job::start(key, move || {
                    let prep = crate::analysis::Prepared::new(&project, &scope);
                    crate::analysis::summary::summaries(&prep)
                }));
            }
        }
    }

    /// The factor summaries of the current scope, if `refresh_summaries`
    /// has them ready (`None` while a worker builds them).
    pub fn summaries(&self) -> Option<&[FactorSummary]> {
        let scope = self.effective_scope();
        let rev = self.project.revision;
        match &self.summaries {
            Some((r, s, list)) if *r == rev && *s == scope => Some(list.as_slice()),
            _ => None,
        }
    }

    /// Brings the matrices up to date with the project, the scope and
    /// the matrix options: in place for a small project, on a worker for a
    /// large one (the previous matrices stay on screen, marked as
    /// updating). The app calls this before a frame that shows them.
    pub fn refresh_matrices(&mut self) {
        let key = MatrixKey {
            revision: self.project.revision,
            scope: self.effective_scope(),
            options: self.matrix_options,
        };
        let mut in_place = false;
        if let Some(job) = &mut self.matrices_job {
            if let Some(done) = job.poll() {
                let k = job.key.clone();
                self.matrices_job = None;
                self.matrices = Some((k, std::sync::Arc::new(done)));
            } else if job.failed {
                self.matrices_job = None;
                in_place = true;
            }
        }
        if self.matrices.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        // Only codings were added since: add just those.
        if self.matrices_job.is_none()
            && let Some((k, m)) = &mut self.matrices
            && k.scope == key.scope
            && k.options == key.options
            && k.revision + 1 == key.revision
            && let Some(from) = self.project.last_change.appended_codings_from
            && std::sync::Arc::make_mut(m).add(
                &self.project,
                &self.project.codings[from.min(self.project.codings.len())..],
            )
        {
            k.revision = key.revision;
            return;
        }
        if in_place
            || self.project.codings.len() + self.project.documents.len() < self.background_threshold
        {
            let m = compute_all(&self.project, &key.scope, &key.options);
            self.matrices = Some((key, std::sync::Arc::new(m)));
            self.matrices_job = None;
        } else if !self.matrices_job.as_ref().is_some_and(|j| j.key == key) {
            let project = std::sync::Arc::clone(&self.project);
            let k = key.clone();
            self.matrices_job = Some(Job::start(key, move || {
                compute_all(&project, &k.scope, &k.options)
            }));
        }
    }

    /// The matrices last computed (possibly for an earlier revision while
    /// a worker computes the new ones), and whether they are current.
    pub fn matrices(&self) -> Option<(&Computed, bool)> {
        self.matrices.as_ref().map(|(k, m)| {
            let current = k.revision == self.project.revision
                && k.scope == self.effective_scope()
                && k.options == self.matrix_options;
            (m.as_ref(), current)
        })
    }

    /// Waits for background table work (tests and benchmarks).
    pub fn wait_for_tables(&mut self) {
        if let Some(job) = &mut self.matrices_job {
            job.wait();
        }
        if self.matrices_job.is_some() {
            self.refresh_matrices();
        }
        if let Some(job) = &mut self.tables_job {
            job.wait();
        }
        let summaries_running = self.summaries_job.is_some();
        if let Some(job) = &mut self.summaries_job {
            job.wait();
        }
        self.refresh_tables();
        if summaries_running {
            self.refresh_summaries();
        }
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
}

/// Projects at least this large (codings + documents) rebuild their tables
/// on a worker: about where a full rebuild stops fitting in a frame here.
pub const BACKGROUND_THRESHOLD: usize = 20_000;

/// Revision, pair and open document of the Consensus shown in the text.
type ConsensusKey = (u64, ReviewerId, ReviewerId, Option<DocId>);

/// What the matrices were computed for.
#[derive(Clone, Debug, PartialEq)]
struct MatrixKey {
    revision: u64,
    scope: Scope,
    options: crate::analysis::matrices::MatrixOptions,
}

/// What a background table job was computed for.
#[derive(Clone, Debug, PartialEq)]
struct JobKey {
    revision: u64,
    scope: Scope,
    options: TableOptions,
}

/// A computation on a worker thread, with the key it was started for.
struct Job<T, K = JobKey> {
    key: K,
    rx: std::sync::mpsc::Receiver<T>,
    done: Option<T>,
    /// The worker could not start or died: the caller computes in place.
    failed: bool,
}

impl<T: Send + 'static, K> Job<T, K> {
    fn start(key: K, work: impl FnOnce() -> T + Send + 'static) -> Self {
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("thema-tables".into())
            .spawn(move || {
                let _ = tx.send(work());
            });
        Self {
            key,
            rx,
            done: None,
            failed: spawned.is_err(),
        }
    }

    /// The result once it is ready.
    fn poll(&mut self) -> Option<T> {
        if self.done.is_none() {
            match self.rx.try_recv() {
                Ok(v) => self.done = Some(v),
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.failed = true,
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
            }
        }
        self.done.take()
    }

    /// Blocks until the result is ready (it is then returned by `poll`).
    fn wait(&mut self) {
        if self.done.is_none() {
            self.done = self.rx.recv().ok();
        }
    }
}
