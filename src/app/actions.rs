//! Turning intents into project commands, selections and dialogs.

use super::ThemaApp;
use crate::edit::{Command, ops};
use crate::io::template;
use crate::ui::{Intent, code_picker::CodePicker, dialogs::Dialog};

impl ThemaApp {
    /// Applies one intent.
    pub fn handle(&mut self, ctx: &egui::Context, intent: Intent) {
        match intent {
            Intent::Apply(label, cmd) => self.apply(&label, cmd),
            Intent::ApplyTyping(label, cmd) => {
                if let Some(ws) = &mut self.ws
                    && let Err(e) =
                        ws.undo
                            .apply_typing(std::sync::Arc::make_mut(&mut ws.project), &label, cmd)
                {
                    self.set_error(format!("{label} was not done: {e}."));
                }
            }
            Intent::NewProject => {
                self.guard_unsaved(Intent::NewProject, super::ThemaApp::new_project);
            }
            Intent::RestoreUntitled(p) => self.restore_untitled(*p),
            Intent::OpenDialog => {
                self.guard_unsaved(Intent::OpenDialog, super::ThemaApp::open_dialog);
            }
            Intent::Open(path) => {
                let p = path.clone();
                self.guard_unsaved(Intent::Open(path), move |app| app.open_path(p));
            }
            Intent::CloseProject => self.guard_unsaved(Intent::CloseProject, |app| app.ws = None),
            Intent::Quit => {
                self.guard_unsaved(Intent::Quit, |app| {
                    app.allow_close = true;
                });
                if self.allow_close {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Intent::Save => {
                self.save();
            }
            Intent::DiscardChangesThen(then) => {
                self.discarding = true;
                self.handle(ctx, *then);
                self.discarding = false;
            }
            Intent::SaveThen(then) => {
                self.save_then(vec![*then]);
            }
            Intent::SaveAs => {
                self.save_as();
            }
            Intent::ImportDialog => self.import_dialog(),
            Intent::Import(paths) => self.start_import(paths),
            Intent::CancelImport => {
                if let Some(job) = &self.import {
                    job.cancel();
                }
            }
            Intent::LoadTemplate(i) => {
                if let Some((_, text)) = template::BUILT_IN.get(i) {
                    match template::parse(text) {
                        Ok(t) => self.load_template(&t),
                        Err(e) => self.set_error(e.to_string()),
                    }
                }
            }
            Intent::LoadTemplateFile => self.load_template_file(),
            Intent::Undo => {
                if let Some(ws) = &mut self.ws {
                    match ws.undo.undo(std::sync::Arc::make_mut(&mut ws.project)) {
                        Some(label) => self.set_status(format!("Undid: {label}")),
                        None => self.set_status("Nothing to undo"),
                    }
                    self.after_change();
                }
            }
            Intent::Redo => {
                if let Some(ws) = &mut self.ws {
                    match ws.undo.redo(std::sync::Arc::make_mut(&mut ws.project)) {
                        Some(label) => self.set_status(format!("Redid: {label}")),
                        None => self.set_status("Nothing to redo"),
                    }
                    self.after_change();
                }
            }
            Intent::OpenDocument(doc) => {
                if let Some(ws) = &mut self.ws {
                    ws.open_doc = Some(doc);
                    ws.selected_coding = None;
                }
            }
            Intent::JumpToCoding(id) => {
                if let Some(ws) = &mut self.ws
                    && let Some(c) = ws.project.coding(id).cloned()
                {
                    ws.open_doc = Some(c.doc);
                    ws.selected_coding = Some(id);
                    self.doc_view.highlighted = Some(id);
                    self.doc_view.scroll_to_char(c.start);
                }
            }
            Intent::SelectCode(code) => {
                if let Some(ws) = &mut self.ws {
                    ws.selected_code = code;
                }
            }
            Intent::SelectCoding(id) => {
                if let Some(ws) = &mut self.ws {
                    ws.selected_coding = id;
                    self.doc_view.highlighted = id;
                }
            }
            Intent::ClearSelection => {
                if let Some(ws) = &mut self.ws {
                    self.doc_view.selection = None;
                    ws.selected_coding = None;
                    self.doc_view.highlighted = None;
                }
            }
            Intent::ApplyCode(code) => self.apply_code(code),
            Intent::OpenPicker => {
                if self.ws.as_ref().is_some_and(|w| {
                    self.doc_view.selected_range().is_some() || w.selected_coding.is_some()
                }) {
                    self.picker = Some(CodePicker::default());
                } else {
                    self.set_status(
                        "Select a passage in the document first (drag with the mouse).",
                    );
                }
            }
            Intent::SetCategory(cat) => self.choose_category(cat),
            Intent::CategoryKey(cat) => self.category_key(Some(cat)),
            Intent::NoCategoryKey => self.category_key(None),
            Intent::SetRequireCategory(on) => {
                self.settings.require_category = on;
                self.settings.save();
                self.set_status(if on {
                    "Codings now need a category."
                } else {
                    "Codings may be made without a category."
                });
            }
            Intent::ImportReferencesDialog => self.reference_import_dialog(),
            Intent::OpenReferenceExport(path) => self.open_reference_export(path),
            Intent::ReferenceOrder(order) => self.reorder_library(order),
            Intent::ImportReferences => self.run_library(),
            Intent::WriteMemo {
                about,
                id,
                title,
                text,
                typing,
            } => self.write_memo(about, id, &title, &text, typing),
            Intent::EditMemo(about) => self.edit_memo(about),
            Intent::ExportMemos(filter) => self.export_memos(&filter),
            Intent::AttachTextDialog(doc) => {
                if let Some(path) = rfd::FileDialog::new()
                    .set_title("Attach the study's file")
                    .add_filter("Documents", &crate::io::import::EXTENSIONS)
                    .pick_file()
                {
                    self.attach_text(doc, path);
                }
            }
            Intent::AttachText(doc, path) => self.attach_text(doc, path),
            Intent::ExportReferences { csl } => self.export_references(csl),
            Intent::Find { all } => match &mut self.search {
                Some(w) => w.reopen(all),
                None => self.search = Some(crate::ui::search_window::SearchWindow::new(all)),
            },
            Intent::ShowHit(doc, start, end) => {
                if let Some(ws) = &mut self.ws {
                    ws.open_doc = Some(doc);
                    ws.selected_coding = None;
                    self.doc_view.highlighted = None;
                    self.doc_view.select_in(doc, start, end);
                    self.doc_view.scroll_to_char(start);
                }
            }
            Intent::CodeHits {
                hits,
                code,
                category,
                extent,
            } => self.code_hits(&hits, code, category, extent),
            Intent::ShowMemos => self.memos_window = Some(Default::default()),
            Intent::GoToPageDialog => {
                let pages = self.ws.as_ref().and_then(|w| {
                    let d = w.project.document(w.open_doc?)?;
                    (!d.page_starts.is_empty()).then_some(d.page_starts.len() + 1)
                });
                match pages {
                    Some(pages) => {
                        self.dialog = Some(Dialog::GoToPage {
                            text: String::new(),
                            pages,
                        });
                    }
                    None => self.set_status("The open document has no pages (only PDFs do)."),
                }
            }
            Intent::GoToPage(n) => {
                let start = self.ws.as_ref().and_then(|w| {
                    let d = w.project.document(w.open_doc?)?;
                    if n <= 1 {
                        Some(0)
                    } else {
                        d.page_starts.get(n - 2).copied()
                    }
                });
                if let Some(at) = start {
                    self.doc_view.scroll_to_char(at);
                    self.set_status(format!("Page {n}"));
                }
            }
            Intent::ProjectSettings => {
                if let Some(ws) = &self.ws {
                    self.dialog = Some(Dialog::ProjectSettings {
                        name: ws.project.name.clone(),
                    });
                }
            }
            Intent::DeleteCoding(id) => {
                if let Some(ws) = &self.ws
                    && ws.project.coding(id).is_some()
                {
                    self.apply("Delete coding", Command::RemoveCodings(vec![id]));
                    if let Some(ws) = &mut self.ws {
                        ws.selected_coding = None;
                        self.doc_view.highlighted = None;
                    }
                }
            }
            Intent::DeleteSelectedCoding => {
                if let Some(ws) = &self.ws
                    && let Some(id) = ws.selected_coding
                    && self.doc_view.selected_range().is_none()
                {
                    self.handle(ctx, Intent::DeleteCoding(id));
                }
            }
            Intent::ShowShortcuts => self.dialog = Some(Dialog::Shortcuts),
            Intent::TogglePanel(side) => self.toggle_panel(side),
            Intent::ToggleFocus => self.toggle_focus(),
            Intent::CodingMemo(id) => {
                if let Some(c) = self.ws.as_ref().and_then(|w| w.project.coding(id)) {
                    self.dialog = Some(Dialog::Memo {
                        coding: id,
                        text: c.memo.clone(),
                    });
                }
            }
            Intent::AskDeleteCode(code) => {
                if let Some(ws) = &self.ws {
                    let n = ops::codings_under(&ws.project, code).len();
                    let subcodes = ws.project.codebook.descendants(code).len();
                    self.dialog = Some(Dialog::ConfirmDeleteCode {
                        code,
                        codings: n,
                        subcodes,
                    });
                }
            }
            Intent::EditCode(code) => {
                if let Some(c) = self.ws.as_ref().and_then(|w| w.project.codebook.get(code)) {
                    self.dialog = Some(Dialog::EditCode(c.clone()));
                }
            }
            Intent::AddCode(parent) => {
                if let Some(ws) = &self.ws {
                    let (id, cmd) = ops::add_code(&ws.project, parent, "New code", "");
                    self.apply("Add code", cmd);
                    if let Some(c) = self.ws.as_ref().and_then(|w| w.project.codebook.get(id)) {
                        self.dialog = Some(Dialog::EditCode(c.clone()));
                    }
                }
            }
            Intent::ChooseReviewer => {
                self.dialog = Some(Dialog::reviewer_setup_as(self.settings.me.clone()));
            }
            Intent::SetCodingAs(r) => {
                if let Some(ws) = &mut self.ws {
                    ws.coding_as = Some(r);
                    ws.category = crate::app::last_category(&self.settings, &ws.project, r);
                    if let Some(rv) = ws.project.reviewer(r) {
                        self.settings.me = Some((rv.name.clone(), rv.initials.clone()));
                        self.settings.save();
                    }
                    if let Some(path) = &ws.path {
                        self.settings
                            .reviewer_for
                            .insert(crate::settings::Settings::key(path), r);
                        self.settings.save();
                    }
                }
            }
            Intent::EditAttributes => self.dialog = Some(Dialog::Attributes(Default::default())),
            Intent::EditCategories => self.dialog = Some(Dialog::Categories),
            Intent::SetFontSize(s) => {
                self.settings.font_size = s;
                self.doc_view.font_size = s;
                self.settings.save();
            }
            Intent::SetChartPalette(palette) => {
                if let Some(ws) = &mut self.ws {
                    ws.chart_palette = palette;
                }
            }
            Intent::SetScopeReviewers(v) => {
                if let Some(ws) = &mut self.ws {
                    ws.scope.reviewers = v;
                }
            }
            Intent::SetScopeDocs(f) => {
                if let Some(ws) = &mut self.ws {
                    ws.scope.docs = f;
                }
            }
            Intent::SetTableOptions(o) => {
                if let Some(ws) = &mut self.ws {
                    ws.table_options = o;
                }
            }
            Intent::SetMatrixOptions(o) => {
                if let Some(ws) = &mut self.ws {
                    ws.matrix_options = o;
                }
            }
            Intent::DraftCharts(cells) => self.draft_charts(&cells),
            Intent::SetCodeOrigin(code, origin) => {
                let Some(ws) = &self.ws else { return };
                if let Some(c) = ws.project.codebook.get(code) {
                    let changed = crate::model::Code {
                        origin,
                        ..c.clone()
                    };
                    self.apply("Set code origin", Command::UpdateCode(changed));
                }
            }
            Intent::ShowBehind { title, behind } => self.show_behind(title, behind),
            Intent::Export { table, format } => self.export_table(&table, format),
            Intent::ExportChart { chart, png, size } => self.export_chart(chart, png, size),
            Intent::ShowError(e) => self.set_error(e),
            Intent::OpenDisagreement { doc, at, a, b } => {
                if let Some(ws) = &mut self.ws {
                    ws.open_doc = Some(doc);
                    ws.view_filter = crate::session::ViewFilter::Overlay(a, b);
                    self.doc_view.scroll_to_char(at);
                    ws.selected_coding = None;
                }
            }
            Intent::SetViewFilter(f) => {
                if let Some(ws) = &mut self.ws {
                    ws.view_filter = f;
                }
            }
            Intent::MergeDialog => self.merge_dialog(),
            Intent::MergeFromDisk => self.merge_from_disk(),
            Intent::DiskVersionMerged(hash) => {
                if let Some(ws) = &mut self.ws {
                    ws.disk_hash = Some(hash);
                }
                self.set_status(
                    "Their changes are merged in. Save (Ctrl+S) to write the combined project.",
                );
            }
            Intent::ExportRefi(what) => self.export_refi(what),
            Intent::ImportQdpxDialog => {
                self.guard_unsaved(
                    Intent::ImportQdpxDialog,
                    super::ThemaApp::import_qdpx_dialog,
                );
            }
            Intent::ImportQdcDialog => self.import_qdc_dialog(),
            Intent::ImportChecklistDialog => self.import_checklist_dialog(),
            Intent::ExportChecklist(id) => self.export_checklist(&id),
            Intent::ExportForReviewer { include_codings } => {
                self.export_for_reviewer(include_codings);
            }
            Intent::ExportForReviewerDialog => {
                self.dialog = Some(Dialog::ExportForReviewer {
                    include_codings: false,
                });
            }
        }
    }

    /// Applies a command through the undo stack; a refusal is shown, not fatal.
    pub fn apply(&mut self, label: &str, cmd: Command) {
        let Some(ws) = &mut self.ws else { return };
        match ws.apply(label, cmd) {
            Ok(()) => {
                self.set_status(label.to_owned());
                self.after_change();
            }
            Err(e) => self.set_error(format!("{label} was not done: {e}.")),
        }
    }

    /// Drops selections that point at things that no longer exist.
    fn after_change(&mut self) {
        if let Some(ws) = &mut self.ws {
            if ws
                .selected_coding
                .is_some_and(|c| ws.project.coding(c).is_none())
            {
                ws.selected_coding = None;
                self.doc_view.highlighted = None;
            }
            if ws
                .selected_code
                .is_some_and(|c| !ws.project.codebook.contains(c))
            {
                ws.selected_code = None;
            }
            if ws
                .open_doc
                .is_some_and(|d| ws.project.document(d).is_none())
            {
                ws.open_doc = ws.project.documents.first().map(|d| d.id);
            }
            if ws
                .category
                .is_some_and(|c| ws.project.category(c).is_none())
            {
                ws.category = None;
            }
        }
    }

    /// Codes the selected passage, or recodes the selected coding.
    fn apply_code(&mut self, code: crate::model::CodeId) {
        let Some(ws) = &mut self.ws else { return };
        let Some(reviewer) = ws.coding_as else {
            self.dialog = Some(Dialog::reviewer_setup());
            return;
        };
        let name = ws.project.codebook.name(code);
        if let (Some(doc), Some((s, e))) = (ws.open_doc, self.doc_view.selected_range()) {
            let uncategorised = ws.category.is_none() && !ws.project.categories.is_empty();
            if uncategorised && self.settings.require_category {
                self.set_status_error(
                    "Not coded: choose a category first (B, F, N, R or the chips above the text). Edit › Require a category is on.",
                );
                return;
            }
            let coding = ops::new_coding(doc, s, e, code, ws.category, reviewer);
            let id = coding.id;
            self.apply(
                &format!("Code \"{name}\""),
                Command::AddCodings(vec![coding]),
            );
            if uncategorised {
                self.set_status_error(format!(
                    "Coded \"{name}\" with no category. Press B, F, N or R to give it one."
                ));
            }
            if let Some(ws) = &mut self.ws {
                self.doc_view.selection = None;
                ws.selected_coding = Some(id);
                self.doc_view.highlighted = Some(id);
            }
        } else if let Some(id) = ws.selected_coding
            && let Some(c) = ws.project.coding(id)
        {
            let changed = crate::model::Coding { code, ..c.clone() };
            self.apply(
                &format!("Recode as \"{name}\""),
                Command::ReplaceCodings(vec![changed]),
            );
        } else {
            ws.selected_code = Some(code);
        }
    }

    /// Codes search hits as one undo step and says what was done.
    fn code_hits(
        &mut self,
        hits: &[(crate::model::DocId, usize, usize)],
        code: crate::model::CodeId,
        category: Option<crate::model::CategoryId>,
        extent: crate::edit::code_hits::Extent,
    ) {
        let Some(ws) = &self.ws else { return };
        let Some(reviewer) = ws.coding_as else {
            self.dialog = Some(Dialog::reviewer_setup());
            return;
        };
        let name = ws.project.codebook.name(code);
        let done =
            crate::edit::code_hits::code_hits(&ws.project, hits, code, category, reviewer, extent);
        let summary = done.summary(&name);
        if done.added > 0 {
            self.apply(
                &format!(
                    "Code {} as \"{name}\"",
                    crate::words::count(done.added, "search hit", "search hits")
                ),
                done.command,
            );
        }
        self.set_status(summary);
    }

    /// B/F/N/R (or 0 for No category): gives the selected coding that
    /// category, else makes it the category of the next coding. A key
    /// always selects its category; it never switches it off.
    fn category_key(&mut self, cat: Option<crate::model::CategoryId>) {
        let Some(ws) = &mut self.ws else { return };
        if self.doc_view.selected_range().is_none()
            && let Some(id) = ws.selected_coding
            && let Some(c) = ws.project.coding(id)
        {
            if c.category == cat {
                return;
            }
            if cat.is_none() && self.settings.require_category && !ws.project.categories.is_empty()
            {
                self.set_status_error(
                    "A category is required (Edit › Require a category): the coding keeps its category.",
                );
                return;
            }
            let changed = crate::model::Coding {
                category: cat,
                ..c.clone()
            };
            self.apply("Change category", Command::ReplaceCodings(vec![changed]));
        } else {
            self.choose_category(cat);
        }
    }

    /// Makes `cat` the category of the next coding and remembers it for
    /// the reviewer who is coding.
    fn choose_category(&mut self, cat: Option<crate::model::CategoryId>) {
        let Some(ws) = &mut self.ws else { return };
        ws.category = cat;
        if let Some(me) = ws.coding_as {
            self.settings.last_category.insert(me, cat);
            self.settings.save();
        }
    }

    fn load_template(&mut self, t: &template::Template) {
        let Some(ws) = &self.ws else { return };
        let cmd = template::apply_command(&ws.project, t);
        if cmd == Command::Batch(vec![]) {
            self.set_status(format!(
                "Every code of \"{}\" is already in the codebook.",
                t.name
            ));
        } else {
            self.apply(&format!("Load codebook \"{}\"", t.name), cmd);
        }
    }

    /// Runs `then` now, or asks about unsaved changes first.
    fn guard_unsaved(&mut self, intent: Intent, then: impl FnOnce(&mut Self)) {
        let dirty = self.ws.as_ref().is_some_and(|w| w.undo.is_dirty());
        let confirmed = self.discarding;
        if dirty && !confirmed {
            self.dialog = Some(Dialog::Unsaved {
                then: Box::new(intent),
            });
        } else {
            if confirmed && dirty {
                // "Don't save": the autosaved copy goes with the changes.
                let untitled = self.ws.as_ref().is_some_and(|w| w.path.is_none());
                self.remove_current_recovery(untitled);
            }
            then(self);
        }
    }
}
