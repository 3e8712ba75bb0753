//! *Edit › Find* (Ctrl+F, the open document) and *Search all documents*
//! (Ctrl+Shift+F): a query with its options, the hits with context and
//! page, and coding all (or the checked) hits in one step.
//!
//! The search itself runs on a worker over a snapshot of the project
//! (`analysis::search`); a newer query makes an older answer stale.

use super::Intent;
use crate::analysis::search::{self, Found, Matcher, Query};
use crate::edit::code_hits::Extent;
use crate::model::{CategoryId, CodeId, DocId, Project};
use std::collections::BTreeSet;
use std::sync::{Arc, mpsc};

/// What a search was run for: the query, the documents, the project's
/// document list (a document added or removed runs it again).
#[derive(Clone, Debug, PartialEq)]
struct Asked {
    query: Query,
    docs: Vec<DocId>,
}

/// The search window's state.
pub struct SearchWindow {
    pub query: Query,
    /// All documents, or only the open one.
    pub all: bool,
    pub code: Option<CodeId>,
    pub category: Option<CategoryId>,
    pub extent: Extent,
    asked: Option<Asked>,
    job: Option<mpsc::Receiver<Found>>,
    pub found: Option<Found>,
    pub error: Option<String>,
    /// The hit last shown in the document.
    pub current: Option<usize>,
    /// Hits ticked for coding (none ticked: code all).
    pub checked: BTreeSet<usize>,
    focus_field: bool,
}

impl SearchWindow {
    /// A new window searching the open document (`all` false) or all.
    pub fn new(all: bool) -> Self {
        Self {
            query: Query::default(),
            all,
            code: None,
            category: None,
            extent: Extent::Match,
            asked: None,
            job: None,
            found: None,
            error: None,
            current: None,
            checked: BTreeSet::new(),
            focus_field: true,
        }
    }

    /// Opened again by its key: switches scope and puts the cursor in the
    /// search field.
    pub fn reopen(&mut self, all: bool) {
        self.all = all;
        self.focus_field = true;
    }

    /// True while a search runs.
    pub fn is_searching(&self) -> bool {
        self.job.is_some()
    }

    /// Blocks until a running search has answered (tests).
    pub fn wait(&mut self) {
        if let Some(rx) = self.job.take()
            && let Ok(found) = rx.recv()
        {
            self.take(found);
        }
    }

    fn take(&mut self, found: Found) {
        self.found = Some(found);
        self.current = None;
        self.checked.clear();
    }

    /// Starts a search when the query or the documents changed.
    fn refresh(&mut self, p: &Arc<Project>, open_doc: Option<DocId>) {
        if let Some(rx) = &self.job {
            match rx.try_recv() {
                Ok(found) => {
                    self.job = None;
                    self.take(found);
                }
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.job = None;
                    self.error = Some("The search stopped unexpectedly; try again.".into());
                }
                Err(mpsc::TryRecvError::Empty) => {}
            }
        }
        let docs: Vec<DocId> = if self.all {
            p.documents.iter().map(|d| d.id).collect()
        } else {
            open_doc.into_iter().collect()
        };
        let asked = Asked {
            query: self.query.clone(),
            docs,
        };
        if self.asked.as_ref() == Some(&asked) {
            return;
        }
        self.asked = Some(asked.clone());
        if self.query.pattern.is_empty() {
            self.found = None;
            self.error = None;
            self.job = None;
            return;
        }
        match Matcher::new(&self.query) {
            Err(e) => {
                self.error = Some(e);
                self.found = None;
                self.job = None;
            }
            Ok(m) => {
                self.error = None;
                let (tx, rx) = mpsc::channel();
                let p = Arc::clone(p);
                let spawned = std::thread::Builder::new()
                    .name("thema-search".into())
                    .spawn(move || {
                        let _ = tx.send(search::search(&p, &asked.docs, &m));
                    });
                match spawned {
                    Ok(_) => self.job = Some(rx),
                    Err(e) => self.error = Some(format!("The search could not start: {e}.")),
                }
            }
        }
    }

    /// The hits in `doc` as char ranges, sorted (for painting).
    pub fn hits_in(&self, doc: DocId) -> Vec<(usize, usize)> {
        self.found.as_ref().map_or_else(Vec::new, |f| {
            f.hits
                .iter()
                .filter(|h| h.doc == doc)
                .map(|h| (h.start, h.end))
                .collect()
        })
    }

    /// The current hit, if any.
    pub fn current_hit(&self) -> Option<(DocId, usize, usize)> {
        let h = self.found.as_ref()?.hits.get(self.current?)?;
        Some((h.doc, h.start, h.end))
    }

    /// Moves to the next (`step` 1) or previous (`step` -1) hit and asks
    /// the view to show it.
    fn step(&mut self, step: isize, out: &mut Vec<Intent>) {
        let Some(n) = self.found.as_ref().map(|f| f.hits.len()).filter(|n| *n > 0) else {
            return;
        };
        let next = match self.current {
            None if step < 0 => n - 1,
            None => 0,
            Some(i) => (i as isize + step).rem_euclid(n as isize) as usize,
        };
        self.show_hit(next, out);
    }

    fn show_hit(&mut self, i: usize, out: &mut Vec<Intent>) {
        self.current = Some(i);
        if let Some((doc, s, e)) = self.current_hit() {
            out.push(Intent::ShowHit(doc, s, e));
        }
    }

    /// Shows the window; clears `open` when it is closed.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        p: &Arc<Project>,
        open_doc: Option<DocId>,
        open: &mut bool,
    ) -> Vec<Intent> {
        self.refresh(p, open_doc);
        if self.job.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
        let mut out = Vec::new();
        let title = if self.all {
            "Search all documents"
        } else {
            "Find in this document"
        };
        egui::Window::new(title)
            .id(egui::Id::unique("search_window"))
            .open(open)
            .default_width(520.0)
            .max_width(640.0)
            .default_height(520.0)
            .default_pos(ctx.content_rect().right_top() + egui::vec2(-560.0, 80.0))
            .collapsible(false)
            .show(ctx, |ui| {
                self.query_row(ui, &mut out);
                ui.separator();
                self.results(ui, p, &mut out);
                ui.separator();
                self.code_row(ui, p, &mut out);
            });
        // F3 / Shift+F3 step through the hits from anywhere.
        let (f3, shift) = ctx.input(|i| (i.key_pressed(egui::Key::F3), i.modifiers.shift));
        if f3 {
            self.step(if shift { -1 } else { 1 }, &mut out);
        }
        out
    }

    fn query_row(&mut self, ui: &mut egui::Ui, out: &mut Vec<Intent>) {
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query.pattern)
                        .hint_text(if self.query.regex {
                            "a regular expression, e.g. lead(er|ership)"
                        } else {
                            "a word or phrase"
                        })
                        .desired_width(ui.available_width() - 150.0),
                )
                .labelled_by(label.id);
            if self.focus_field {
                field.request_focus();
                self.focus_field = false;
            }
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                let back = ui.input(|i| i.modifiers.shift);
                self.step(if back { -1 } else { 1 }, out);
                field.request_focus();
            }
            if ui
                .button("Previous")
                .on_hover_text("The previous hit (Shift+Enter, Shift+F3)")
                .clicked()
            {
                self.step(-1, out);
            }
            if ui
                .button("Next")
                .on_hover_text("The next hit (Enter, F3)")
                .clicked()
            {
                self.step(1, out);
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(&mut self.all, false, "This document")
                .on_hover_text("Search the open document (Ctrl+F)");
            ui.selectable_value(&mut self.all, true, "All documents")
                .on_hover_text("Search every document of the project (Ctrl+Shift+F)");
            ui.separator();
            ui.checkbox(&mut self.query.whole_word, "Whole word");
            ui.checkbox(&mut self.query.case_sensitive, "Match case");
            ui.checkbox(&mut self.query.ignore_accents, "Ignore accents")
                .on_hover_text("\"e\" also finds \"é\", \"è\" and \"ë\"");
            ui.checkbox(&mut self.query.regex, "Regular expression")
                .on_hover_text(
                    "Rust regex syntax: . any character, \\b word edge, (a|b) either, \\d digit",
                );
        });
    }

    fn results(&mut self, ui: &mut egui::Ui, p: &Project, out: &mut Vec<Intent>) {
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
            return;
        }
        let Some(found) = &self.found else {
            let text = if self.job.is_some() {
                "Searching…"
            } else if self.all {
                "Type to search every document."
            } else {
                "Type to search the open document."
            };
            ui.label(egui::RichText::new(text).weak());
            return;
        };
        ui.horizontal(|ui| {
            let mut line = found.summary();
            if self.job.is_some() {
                line.push_str(" — searching again…");
            }
            ui.label(egui::RichText::new(line).strong());
        });
        let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        let n = found.hits.len();
        let mut clicked = None;
        let mut toggled = Vec::new();
        // Rows never grow wider than the window (its content would
        // otherwise widen it frame by frame).
        let width = ui
            .available_width()
            .min(ui.ctx().content_rect().width() - 120.0)
            .min(620.0);
        egui::ScrollArea::vertical()
            .id_salt("search_hits")
            .max_height((ui.ctx().content_rect().height() - 330.0).clamp(120.0, 420.0))
            .auto_shrink([false, true])
            .show_rows(ui, row_h, n, |ui, rows| {
                ui.set_max_width(width);
                for i in rows {
                    let h = &found.hits[i];
                    let Some(d) = p.document(h.doc) else { continue };
                    ui.horizontal(|ui| {
                        let mut ticked = self.checked.contains(&i);
                        if ui
                            .checkbox(&mut ticked, "")
                            .on_hover_text("Tick to code only the ticked hits")
                            .changed()
                        {
                            toggled.push(i);
                        }
                        let page = h.page.map(|n| format!(" p. {n}")).unwrap_or_default();
                        let mut job = egui::text::LayoutJob::default();
                        let body = egui::TextFormat {
                            font_id: egui::TextStyle::Body.resolve(ui.style()),
                            color: ui.visuals().text_color(),
                            ..Default::default()
                        };
                        let weak = egui::TextFormat {
                            color: ui.visuals().weak_text_color(),
                            ..body.clone()
                        };
                        let strong = egui::TextFormat {
                            color: ui.visuals().strong_text_color(),
                            background: ui.visuals().selection.bg_fill.gamma_multiply(0.6),
                            ..body.clone()
                        };
                        job.append(&format!("[{}]{page} ", d.reference), 0.0, weak.clone());
                        let before: String = tail(&h.before, 40);
                        job.append(&format!("…{before}"), 0.0, body.clone());
                        job.append(&h.matched, 0.0, strong);
                        job.append(&format!("{}…", h.after), 0.0, body);
                        // The button's padding comes on top of the text.
                        let room = width
                            - ui.spacing().interact_size.y
                            - ui.spacing().item_spacing.x * 2.0
                            - ui.spacing().button_padding.x * 2.0
                            - 20.0;
                        job.wrap = egui::text::TextWrapping::truncate_at_width(room.max(40.0));
                        let current = self.current == Some(i);
                        let r = ui
                            .scope(|ui| {
                                ui.set_max_width(room.max(40.0));
                                ui.add(
                                    egui::Button::selectable(current, job)
                                        .frame_when_inactive(false)
                                        .truncate(),
                                )
                            })
                            .inner
                            .on_hover_text(format!(
                                "{}{page}: …{}{}{}…",
                                d.title, h.before, h.matched, h.after
                            ));
                        if r.clicked() {
                            clicked = Some(i);
                        }
                    });
                }
            });
        for i in toggled {
            if !self.checked.remove(&i) {
                self.checked.insert(i);
            }
        }
        if let Some(i) = clicked {
            self.show_hit(i, out);
        }
    }

    fn code_row(&mut self, ui: &mut egui::Ui, p: &Project, out: &mut Vec<Intent>) {
        let n = self.found.as_ref().map_or(0, |f| f.hits.len());
        if self.code.is_some_and(|c| p.codebook.get(c).is_none()) {
            self.code = None;
        }
        if self.category.is_some_and(|c| p.category(c).is_none()) {
            self.category = None;
        }
        egui::Grid::new("search_code_grid")
            .num_columns(2)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                ui.label("Code with");
                let name = self
                    .code
                    .map_or_else(|| "Choose a code…".to_owned(), |c| p.codebook.path(c));
                let r = egui::ComboBox::from_id_salt("search_code")
                    .selected_text(name)
                    .width(ui.available_width().min(340.0))
                    .height(320.0)
                    .show_ui(ui, |ui| {
                        for c in &p.codebook.codes {
                            let depth = p.codebook.ancestors(c.id).len();
                            let label = format!("{}{}", "   ".repeat(depth), c.name);
                            ui.selectable_value(&mut self.code, Some(c.id), label);
                        }
                    });
                super::name_combo(r, "Code to give the hits");
                ui.end_row();
                ui.label("Category");
                let cat = self
                    .category
                    .and_then(|c| p.category(c))
                    .map_or("No category", |c| c.name.as_str());
                let r = egui::ComboBox::from_id_salt("search_category")
                    .selected_text(cat)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.category, None, "No category");
                        for c in &p.categories {
                            ui.selectable_value(&mut self.category, Some(c.id), &c.name);
                        }
                    });
                super::name_combo(r, "Category of the new codings");
                ui.end_row();
                ui.label("Code");
                let r = egui::ComboBox::from_id_salt("search_extent")
                    .selected_text(self.extent.label())
                    .show_ui(ui, |ui| {
                        for e in Extent::ALL {
                            ui.selectable_value(&mut self.extent, e, e.label());
                        }
                    });
                super::name_combo(r, "How much of each hit to code");
                ui.end_row();
            });
        let ticked = self.checked.len();
        let label = if ticked > 0 {
            format!(
                "Code the {}",
                crate::words::count(ticked, "ticked hit", "ticked hits")
            )
        } else {
            format!("Code all {}", crate::words::count(n, "hit", "hits"))
        };
        let ready = n > 0 && self.code.is_some() && self.job.is_none();
        let button = ui
            .add_enabled(ready, egui::Button::new(label))
            .on_disabled_hover_text(if n == 0 {
                "Search for something first"
            } else {
                "Choose a code first"
            })
            .on_hover_text("One step: Edit › Undo takes it back");
        if button.clicked()
            && let (Some(code), Some(found)) = (self.code, &self.found)
        {
            let hits = found
                .hits
                .iter()
                .enumerate()
                .filter(|(i, _)| ticked == 0 || self.checked.contains(i))
                .map(|(_, h)| (h.doc, h.start, h.end))
                .collect();
            out.push(Intent::CodeHits {
                hits,
                code,
                category: self.category,
                extent: self.extent,
            });
        }
    }
}

/// The last `n` chars of `s`.
fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}
