//! *View › Memos*: every memo of the project — about the project, a
//! document, a code or a coded passage — filtered by kind, author, date and
//! words, each with its author and dates; written and read here (with a
//! Markdown preview), exported as one audit file. The project's code sets
//! are listed below.

use super::Intent;
use crate::model::memos::{self, About, Entry, Filter, MemoKind};
use crate::model::{MemoId, Project};

/// The window's state: the filter and the memo being edited.
#[derive(Default)]
pub struct MemosWindow {
    pub filter: Filter,
    /// The memo open in the editor (`id` for project memos).
    pub open: Option<(About, Option<MemoId>)>,
    pub title: String,
    pub text: String,
    pub preview: bool,
}

impl MemosWindow {
    /// Opens the editor on the memo about `about` (a new one if none).
    pub fn edit(&mut self, p: &Project, about: About, id: Option<MemoId>) {
        let found = memos::all(p)
            .into_iter()
            .find(|e| e.about == about && (id.is_none() || e.id == id));
        self.title = found.as_ref().map(|e| e.title.clone()).unwrap_or_default();
        self.text = found.as_ref().map(|e| e.text.clone()).unwrap_or_default();
        self.open = Some((about, found.and_then(|e| e.id).or(id)));
        self.preview = false;
    }

    /// Shows the window; clears `open` when it is closed.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        p: &Project,
        selected_code: Option<crate::model::CodeId>,
        open: &mut bool,
    ) -> Vec<Intent> {
        let mut out = Vec::new();
        egui::Window::new("Memos")
            .id(egui::Id::unique("memos_window"))
            .open(open)
            .default_width(620.0)
            .max_width(760.0)
            .default_height(560.0)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .collapsible(false)
            .show(ctx, |ui| {
                self.toolbar(ui, p, selected_code, &mut out);
                ui.separator();
                let entries: Vec<Entry> = memos::all(p)
                    .into_iter()
                    .filter(|e| self.filter.accepts(e))
                    .collect();
                let total = memos::all(p).len();
                ui.label(
                    egui::RichText::new(format!(
                        "{} of {}",
                        crate::words::count(entries.len(), "memo", "memos"),
                        total
                    ))
                    .weak(),
                );
                egui::ScrollArea::vertical()
                    .id_salt("memo_list")
                    .max_height(if self.open.is_some() { 180.0 } else { 360.0 })
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        for e in &entries {
                            self.row(ui, p, e);
                        }
                        if entries.is_empty() {
                            ui.label(egui::RichText::new("No memo matches.").weak());
                        }
                    });
                if self.open.is_some() {
                    ui.separator();
                    self.editor(ui, p, &mut out);
                }
                ui.add_space(6.0);
                egui::CollapsingHeader::new(format!("Code sets ({})", p.code_sets.len()))
                    .id_salt("code_sets")
                    .show(ui, |ui| sets(ui, p, &mut out));
            });
        out
    }

    fn toolbar(
        &mut self,
        ui: &mut egui::Ui,
        p: &Project,
        selected_code: Option<crate::model::CodeId>,
        out: &mut Vec<Intent>,
    ) {
        ui.horizontal_wrapped(|ui| {
            if ui.button("New project memo").clicked() {
                self.open = Some((About::Project, Some(MemoId::new())));
                self.title = String::new();
                self.text = String::new();
                self.preview = false;
            }
            let code = selected_code.filter(|c| p.codebook.contains(*c));
            if ui
                .add_enabled(code.is_some(), egui::Button::new("Memo on the selected code"))
                .on_disabled_hover_text("Select a code in the codebook first")
                .clicked()
                && let Some(c) = code
            {
                self.edit(p, About::Code(c), None);
            }
            if ui
                .button("Export audit file…")
                .on_hover_text("The memos shown, with what each is about, its author and dates (Markdown, HTML or Word)")
                .clicked()
            {
                out.push(Intent::ExportMemos(self.filter.clone()));
            }
        });
        ui.horizontal_wrapped(|ui| {
            let kind = self.filter.kind.map_or("All kinds", MemoKind::label);
            let r = egui::ComboBox::from_id_salt("memo_kind")
                .selected_text(kind)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.kind, None, "All kinds");
                    for k in MemoKind::ALL {
                        ui.selectable_value(&mut self.filter.kind, Some(k), k.label());
                    }
                });
            super::name_combo(r, "Kind of memo");
            let who = self
                .filter
                .author
                .and_then(|a| p.reviewer(a))
                .map_or("Anyone".to_owned(), |r| r.name.clone());
            let r = egui::ComboBox::from_id_salt("memo_author")
                .selected_text(who)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.author, None, "Anyone");
                    for r in &p.reviewers {
                        ui.selectable_value(&mut self.filter.author, Some(r.id), &r.name);
                    }
                });
            super::name_combo(r, "Author");
            let l = ui.label("Since");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter.since)
                    .hint_text("2026-11-01")
                    .desired_width(86.0),
            )
            .labelled_by(l.id);
            let l = ui.label("Words");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter.text)
                    .hint_text("in title or text")
                    .desired_width(130.0),
            )
            .labelled_by(l.id);
        });
    }

    fn row(&mut self, ui: &mut egui::Ui, p: &Project, e: &Entry) {
        let who = e
            .author
            .and_then(|a| p.reviewer(a))
            .map_or(String::new(), |r| format!(" · {}", r.initials));
        let when = e.when().get(..10).unwrap_or(e.when());
        let when = if when.is_empty() {
            String::new()
        } else {
            format!(" · {when}")
        };
        let about = match e.about {
            About::Project if !e.title.is_empty() => e.title.clone(),
            About::Project => "the project".to_owned(),
            About::Coding(id) => p
                .coding(id)
                .and_then(|c| {
                    let d = p.document(c.doc)?;
                    let page = d
                        .page_label(c.start, c.end)
                        .map(|l| format!(", {l}"))
                        .unwrap_or_default();
                    let code = p
                        .codebook
                        .get(c.code)
                        .map(|k| format!(" · {}", k.name))
                        .unwrap_or_default();
                    Some(format!("{}{page}{code}", d.short_ref_or_title()))
                })
                .unwrap_or_else(|| memos::link(p, e.about)),
            other => memos::link(p, other),
        };
        let first = e.text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let selected = self.open == Some((e.about, e.id))
            || (e.id.is_none() && self.open.is_some_and(|o| o.0 == e.about));
        let text = format!("{}{who}{when} — {about}: {first}", e.about.kind().label());
        let r = ui.add(
            egui::Button::selectable(selected, text)
                .truncate()
                .frame_when_inactive(false),
        );
        if r.on_hover_text(e.text.trim()).clicked() {
            self.edit(p, e.about, e.id);
        }
    }

    fn editor(&mut self, ui: &mut egui::Ui, p: &Project, out: &mut Vec<Intent>) {
        let Some((about, id)) = self.open else { return };
        ui.horizontal_wrapped(|ui| {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(format!("Memo about {}", memos::link(p, about))).strong(),
                )
                .wrap(),
            );
            match about {
                About::Document(d) => {
                    if ui.link("Open").clicked() {
                        out.push(Intent::OpenDocument(d));
                    }
                }
                About::Coding(c) => {
                    if ui.link("Show the passage").clicked() {
                        out.push(Intent::JumpToCoding(c));
                    }
                }
                About::Code(c) => {
                    if ui.link("Select the code").clicked() {
                        out.push(Intent::SelectCode(Some(c)));
                    }
                }
                About::Chart { doc, .. } => {
                    if ui.link("Open the study").clicked() {
                        out.push(Intent::OpenDocument(doc));
                    }
                    if p.memos.iter().any(|m| m.about == about && m.draft) {
                        ui.label(
                            egui::RichText::new("draft from the passages")
                                .color(ui.visuals().warn_fg_color),
                        );
                    }
                }
                About::Project => {}
            }
        });
        if matches!(about, About::Project | About::Code(_)) {
            super::labelled_field(ui, "Title", &mut self.title, "A short title");
        }
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.preview, false, "Write");
            ui.selectable_value(&mut self.preview, true, "Preview");
            ui.label(egui::RichText::new("Markdown: # heading, **bold**, *italic*, - list").weak());
        });
        if self.preview {
            egui::ScrollArea::vertical()
                .id_salt("memo_preview")
                .max_height(200.0)
                .show(ui, |ui| markdown(ui, &self.text));
        } else {
            let l = ui.label("Memo text");
            ui.add(
                egui::TextEdit::multiline(&mut self.text)
                    .desired_rows(8)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        }
        ui.horizontal(|ui| {
            if ui.button("Save memo").clicked() {
                out.push(Intent::WriteMemo {
                    about,
                    id,
                    title: self.title.trim().to_owned(),
                    text: self.text.trim().to_owned(),
                    typing: false,
                });
            }
            if ui
                .button("Delete memo")
                .on_hover_text("Edit › Undo brings it back")
                .clicked()
            {
                out.push(Intent::WriteMemo {
                    about,
                    id,
                    title: String::new(),
                    text: String::new(),
                    typing: false,
                });
                self.open = None;
            }
            if ui.button("Close").clicked() {
                self.open = None;
            }
        });
    }
}

/// A small Markdown view: headings, list items, **bold** and *italic*.
fn markdown(ui: &mut egui::Ui, text: &str) {
    for line in text.lines() {
        let t = line.trim_end();
        if let Some(h) = t.strip_prefix("# ").or_else(|| t.strip_prefix("## ")) {
            ui.label(egui::RichText::new(h).heading());
            continue;
        }
        let (bullet, body) = match t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
            Some(b) => ("• ", b),
            None => ("", t),
        };
        let mut job = egui::text::LayoutJob::default();
        let base = egui::TextFormat {
            font_id: egui::TextStyle::Body.resolve(ui.style()),
            color: ui.visuals().text_color(),
            ..Default::default()
        };
        job.append(bullet, 0.0, base.clone());
        let mut bold = false;
        let mut italic = false;
        let mut rest = body;
        while !rest.is_empty() {
            let (marker, len) = if rest.starts_with("**") {
                (Some(true), 2)
            } else if rest.starts_with('*') {
                (Some(false), 1)
            } else {
                (None, 0)
            };
            match marker {
                Some(true) => bold = !bold,
                Some(false) => italic = !italic,
                None => {}
            }
            if len > 0 {
                rest = &rest[len..];
                continue;
            }
            let next = rest.find('*').unwrap_or(rest.len());
            let mut f = base.clone();
            f.italics = italic;
            if bold {
                f.color = ui.visuals().strong_text_color();
                f.font_id.size += 0.5;
            }
            job.append(&rest[..next], 0.0, f);
            rest = &rest[next..];
        }
        job.wrap.max_width = ui.available_width();
        ui.label(job);
    }
}

fn sets(ui: &mut egui::Ui, p: &Project, out: &mut Vec<Intent>) {
    if p.code_sets.is_empty() {
        ui.label(
            egui::RichText::new(
                "None yet. Sets and code groups imported from other tools appear here.",
            )
            .weak(),
        );
    }
    for s in &p.code_sets {
        let codes: Vec<String> = s
            .codes
            .iter()
            .filter(|c| p.codebook.contains(**c))
            .map(|c| p.codebook.path(*c))
            .collect();
        let docs: Vec<_> = s.documents.iter().filter_map(|d| p.document(*d)).collect();
        egui::CollapsingHeader::new(format!(
            "{} — {}, {}",
            s.name,
            crate::words::count(codes.len(), "code", "codes"),
            crate::words::count(docs.len(), "document", "documents")
        ))
        .id_salt(("set", s.id))
        .show(ui, |ui| {
            if !s.description.is_empty() {
                ui.label(egui::RichText::new(&s.description).italics());
            }
            for c in &codes {
                ui.label(format!("• {c}"));
            }
            for d in docs {
                if ui
                    .link(format!("[{}] {}", d.reference, d.title))
                    .on_hover_text("Open this document")
                    .clicked()
                {
                    out.push(Intent::OpenDocument(d.id));
                }
            }
        });
    }
}
