//! Modal dialogs: errors, unsaved changes, who is coding, delete a code,
//! edit a code, coding memo, import report, file problems, restoring
//! autosaved work, changed sources, merges and copies for a second
//! reviewer (attribute and category definitions are drawn by
//! `definitions_dialog`). Each returns intents; none changes the project.

use super::Intent;
pub use super::definitions_dialog::AttrDraft;
use super::definitions_dialog::{attributes, categories};
use super::style::dialog_title as title;
use crate::edit::Command;
use crate::model::{Code, CodeId, CodingId, Reviewer, ReviewerId, codebook};
use crate::session::Workspace;

#[derive(Clone, Debug)]
pub enum Dialog {
    Error(String),
    Unsaved {
        then: Box<Intent>,
    },
    ReviewerSetup {
        name: String,
        initials: String,
    },
    ConfirmDeleteCode {
        code: CodeId,
        codings: usize,
        subcodes: usize,
    },
    EditCode(Code),
    Memo {
        coding: CodingId,
        text: String,
    },
    ImportReport {
        summary: String,
        lines: Vec<String>,
    },
    Problems,
    Attributes(AttrDraft),
    Categories,
    /// File › Project settings: the project's name.
    ProjectSettings {
        name: String,
    },
    /// Save a copy for a second reviewer.
    ExportForReviewer {
        include_codings: bool,
    },
    /// Unsaved work from an autosave, newer than the project file.
    Recover {
        project: Box<crate::model::Project>,
        more_codings: i64,
        when: String,
        file: std::path::PathBuf,
        /// The project never had a file (`more_codings` is then its count).
        untitled: bool,
    },
    /// Changed sources: where their codings go, before replacing the texts.
    Reanchor {
        lines: Vec<String>,
        command: Box<Command>,
    },
    /// Review a merge before applying it.
    ConfirmMerge {
        /// The merge as one undoable edit (`io::merge::merge_command`).
        command: Box<Command>,
        report: Box<crate::io::merge::MergeReport>,
        from: String,
        /// Merging the project's own file, changed on disk by another
        /// program: its hash, so the next save may write over it.
        disk_hash: Option<String>,
    },
    /// Help › Keyboard shortcuts: every shortcut, from the command table.
    Shortcuts,
    /// View › Go to page: the page number being typed, and how many pages.
    GoToPage {
        text: String,
        pages: usize,
    },
    /// A save found the file changed on disk by another program.
    ChangedOnDisk {
        path: std::path::PathBuf,
    },
}

impl Dialog {
    pub fn reviewer_setup() -> Self {
        Dialog::ReviewerSetup {
            name: String::new(),
            initials: String::new(),
        }
    }

    /// *Who is coding?* with the name and initials this user codes under
    /// in other projects filled in (and offered first when the project
    /// has a reviewer with those initials).
    pub fn reviewer_setup_as(me: Option<(String, String)>) -> Self {
        let (name, initials) = me.unwrap_or_default();
        Dialog::ReviewerSetup { name, initials }
    }

    /// Shows the dialog as a modal window; clears `open` when it closes.
    /// Returns what the user asked for (the dialog itself changes nothing).
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        ws: Option<&Workspace>,
        open: &mut bool,
    ) -> Vec<Intent> {
        let mut out = Vec::new();
        egui::Modal::new(egui::Id::unique("thema_dialog")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            match self {
                Dialog::Error(msg) => {
                    title(ui, "Something went wrong");
                    ui.label(msg.as_str());
                    ui.add_space(8.0);
                    if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Escape)) {
                        *open = false;
                    }
                }
                Dialog::Unsaved { then } => {
                    let name = ws.map(|w| w.project.name.clone()).unwrap_or_default();
                    title(ui, "Save changes?");
                    ui.label(format!("\"{name}\" has changes that are not saved yet."));
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            out.push(Intent::SaveThen(then.clone()));
                            *open = false;
                        }
                        if ui.button("Don't save").clicked() {
                            out.push(Intent::DiscardChangesThen(then.clone()));
                            *open = false;
                        }
                        if ui.button("Cancel").clicked() {
                            *open = false;
                        }
                    });
                }
                Dialog::ReviewerSetup { name, initials } => {
                    title(ui, "Who is coding?");
                    ui.label("Every coding records its reviewer, so two reviewers' work can be compared later.");
                    if let Some(ws) = ws
                        && !ws.project.reviewers.is_empty()
                    {
                        ui.label(egui::RichText::new("Continue as").strong());
                        // The reviewer with the initials this user codes under
                        // elsewhere is offered first.
                        let me = |r: &Reviewer| !initials.trim().is_empty() && r.initials.trim().eq_ignore_ascii_case(initials.trim());
                        let mut reviewers: Vec<&Reviewer> = ws.project.reviewers.iter().filter(|r| r.id != ReviewerId::CONSENSUS).collect();
                        reviewers.sort_by_key(|r| !me(r));
                        for r in reviewers {
                            let n = ws.project.codings.iter().filter(|c| c.reviewer == r.id).count();
                            let you = if me(r) { " — you, in your other projects" } else { "" };
                            if ui.button(format!("{} ({}) — {}{you}", r.name, r.initials, crate::words::count(n, "coding", "codings"))).clicked() {
                                out.push(Intent::SetCodingAs(r.id));
                                *open = false;
                            }
                        }
                        egui::CollapsingHeader::new("Rename reviewers").show(ui, |ui| {
                            egui::Grid::new("rename_reviewers").num_columns(2).show(ui, |ui| {
                                let name_h = ui.label(egui::RichText::new("Name").weak()).id;
                                let ini_h = ui.label(egui::RichText::new("Initials").weak()).id;
                                ui.end_row();
                                for r in ws.project.reviewers.iter().filter(|r| r.id != ReviewerId::CONSENSUS) {
                                    let mut n = r.name.clone();
                                    let mut i = r.initials.clone();
                                    let a = ui.add(egui::TextEdit::singleline(&mut n).desired_width(180.0)).labelled_by(name_h);
                                    let b = ui.add(egui::TextEdit::singleline(&mut i).desired_width(50.0)).labelled_by(ini_h);
                                    if (a.changed() || b.changed()) && !n.trim().is_empty() {
                                        let updated = Reviewer { id: r.id, name: n, initials: i };
                                        out.push(Intent::ApplyTyping("Rename reviewer".into(), Command::UpdateReviewer(updated)));
                                    }
                                    ui.end_row();
                                }
                            });
                        });
                        ui.separator();
                        ui.label(egui::RichText::new("or add a reviewer").strong());
                    }
                    egui::Grid::new("reviewer_grid").num_columns(2).show(ui, |ui| {
                        let l = ui.label("Name");
                        ui.add(egui::TextEdit::singleline(name).hint_text("e.g. Alex Byrne")).labelled_by(l.id);
                        ui.end_row();
                        let l = ui.label("Initials");
                        ui.add(egui::TextEdit::singleline(initials).hint_text("AB").desired_width(60.0)).labelled_by(l.id);
                        ui.end_row();
                    });
                    ui.horizontal(|ui| {
                        let ok = !name.trim().is_empty();
                        if ui.add_enabled(ok, egui::Button::new("Add and start coding")).clicked() {
                            let ini = if initials.trim().is_empty() { initials_of(name) } else { initials.trim().to_uppercase() };
                            let r = Reviewer { id: ReviewerId::new(), name: name.trim().to_owned(), initials: ini };
                            let index = ws.map(|w| w.project.reviewers.len()).unwrap_or(0);
                            out.push(Intent::Apply(format!("Add reviewer {}", r.name), Command::InsertReviewer { index, reviewer: r.clone() }));
                            out.push(Intent::SetCodingAs(r.id));
                            *open = false;
                        }
                        if ui.button("Later").clicked() {
                            *open = false;
                        }
                    });
                }
                Dialog::ConfirmDeleteCode { code, codings, subcodes } => {
                    let name = ws.and_then(|w| w.project.codebook.get(*code)).map(|c| c.name.clone()).unwrap_or_default();
                    title(ui, &format!("Delete \"{name}\"?"));
                    let mut what = vec![];
                    if *subcodes > 0 {
                        what.push(crate::words::count(*subcodes, "sub-code", "sub-codes"));
                    }
                    what.push(crate::words::count(*codings, "coding", "codings"));
                    ui.label(format!("This also deletes {}. You can undo it with Ctrl+Z.", what.join(" and ")));
                    ui.horizontal(|ui| {
                        if ui.button(egui::RichText::new("Delete").color(ui.visuals().error_fg_color)).clicked() {
                            if let Some(w) = ws {
                                out.push(Intent::Apply(format!("Delete code \"{name}\""), crate::edit::ops::delete_code(&w.project, *code)));
                            }
                            *open = false;
                        }
                        if ui.button("Cancel").clicked() {
                            *open = false;
                        }
                    });
                }
                Dialog::EditCode(code) => {
                    title(ui, "Edit code");
                    egui::Grid::new("edit_code_grid").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
                        ui.label("Name");
                        ui.add(egui::TextEdit::singleline(&mut code.name).desired_width(320.0));
                        ui.end_row();
                        ui.label("Colour");
                        let mut rgb = codebook::parse_hex_color(&code.color).unwrap_or([128, 128, 128]);
                        if ui.color_edit_button_srgb(&mut rgb).changed() {
                            code.color = codebook::hex_color(rgb);
                        }
                        ui.end_row();
                        ui.label("Definition");
                        ui.add(egui::TextEdit::multiline(&mut code.description).desired_rows(4).desired_width(320.0).hint_text("What belongs under this code (shown on hover)"));
                        ui.end_row();
                    });
                    ui.horizontal(|ui| {
                        let ok = !code.name.trim().is_empty();
                        if ui.add_enabled(ok, egui::Button::new("Save")).clicked() {
                            code.name = code.name.trim().to_owned();
                            out.push(Intent::Apply(format!("Edit code \"{}\"", code.name), Command::UpdateCode(code.clone())));
                            *open = false;
                        }
                        if ui.button("Cancel").clicked() {
                            *open = false;
                        }
                    });
                }
                Dialog::Memo { coding, text } => {
                    title(ui, "Memo");
                    if let Some(c) = ws.and_then(|w| w.project.coding(*coding))
                        && let Some(d) = ws.and_then(|w| w.project.document(c.doc))
                    {
                        let quote: String = d.slice_chars(c.start, c.end.min(c.start + 300));
                        ui.label(egui::RichText::new(format!("“{}”", quote.replace('\n', " "))).italics());
                    }
                    ui.add(egui::TextEdit::multiline(text).desired_rows(5).desired_width(460.0));
                    ui.horizontal(|ui| {
                        if ui.button("Save memo").clicked() {
                            out.push(Intent::WriteMemo {
                                about: crate::model::memos::About::Coding(*coding),
                                id: None,
                                title: String::new(),
                                text: text.trim().to_owned(),
                                typing: false,
                            });
                            *open = false;
                        }
                        if ui.button("Cancel").clicked() {
                            *open = false;
                        }
                    });
                }
                Dialog::ImportReport { summary, lines } => {
                    title(ui, "Import finished");
                    ui.label(summary.as_str());
                    egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                        for l in lines.iter() {
                            ui.label(format!("• {l}"));
                        }
                    });
                    if ui.button("OK").clicked() {
                        *open = false;
                    }
                }
                Dialog::Problems => {
                    title(ui, "This project has problems");
                    ui.label("It opened, but some of its contents do not fit together. Nothing was changed or removed:");
                    egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                        for pr in ws.map(|w| w.problems.as_slice()).unwrap_or_default() {
                            ui.label(format!("• {pr}"));
                        }
                    });
                    if ui.button("OK").clicked() {
                        *open = false;
                        if ws.is_some_and(|w| w.coding_as.is_none()) {
                            out.push(Intent::ChooseReviewer);
                        }
                    }
                }
                Dialog::Attributes(draft) => {
                    *open = attributes(ui, ws, draft, &mut out);
                }
                Dialog::Categories => {
                    *open = categories(ui, ws, &mut out);
                }
                Dialog::Recover { project, more_codings, when, file, untitled } => {
                    title(ui, "Restore unsaved work?");
                    if *untitled {
                        ui.label(format!(
                            "Thema kept an automatic copy of a project that was never saved (\"{}\", {}, {}) from {when}. It was probably left by a crash or a forced quit.",
                            project.name,
                            crate::words::count(project.documents.len(), "document", "documents"),
                            crate::words::count(more_codings.unsigned_abs() as usize, "coding", "codings")
                        ));
                    } else {
                        let what = match *more_codings {
                            n if n > 0 => format!("{} more {} than the saved file", n, crate::words::plural(n.unsigned_abs() as usize, "coding", "codings")),
                            n if n < 0 => format!("{} fewer {} than the saved file", -n, crate::words::plural(n.unsigned_abs() as usize, "coding", "codings")),
                            _ => "changes that are not in the saved file".to_owned(),
                        };
                        ui.label(format!("Thema kept an automatic copy of this project from {when} with {what}. It was probably left by a crash or a forced quit."));
                    }
                    ui.horizontal(|ui| {
                        if ui.button("Restore it").clicked() {
                            out.push(if *untitled {
                                Intent::RestoreUntitled(project.clone())
                            } else {
                                Intent::Apply("Restore unsaved work".into(), Command::ReplaceProject(project.clone()))
                            });
                            *open = false;
                        }
                        let discard = if *untitled { "Discard it" } else { "Keep the saved version" };
                        if ui.button(discard).on_hover_text("The automatic copy is deleted").clicked() {
                            let _ = std::fs::remove_file(&*file);
                            *open = false;
                        }
                    });
                }
                Dialog::Reanchor { lines, command } => {
                    title(ui, "Sources have changed");
                    ui.label("These files were imported before and their text is different now. Thema can replace the text and move each coding to where its passage is now:");
                    for l in lines.iter() {
                        ui.label(format!("• {l}"));
                    }
                    ui.horizontal(|ui| {
                        if ui.button("Update the texts and move the codings").clicked() {
                            out.push(Intent::Apply("Update changed sources".into(), (**command).clone()));
                            *open = false;
                        }
                        if ui.button("Keep the old texts").clicked() {
                            *open = false;
                        }
                    });
                }
                Dialog::ProjectSettings { name } => {
                    title(ui, "Project settings");
                    ui.label("The name appears in the title bar, at the top of reports and in the names Thema suggests for exported files.");
                    ui.horizontal(|ui| {
                        let label = ui.label("Name");
                        let r = ui
                            .add(egui::TextEdit::singleline(name).desired_width(360.0))
                            .labelled_by(label.id);
                        r.request_focus();
                    });
                    if let Some(w) = ws {
                        use crate::analysis::citations::CitationStyle;
                        let current = w.project.citation_style;
                        ui.horizontal(|ui| {
                            ui.label("Cite studies as");
                            for style in CitationStyle::ALL {
                                if ui.radio(current == style, style.label()).clicked() && current != style {
                                    out.push(Intent::Apply("Citation style".into(), Command::SetCitationStyle(style)));
                                }
                            }
                        });
                    }
                    let clean = name.trim().to_owned();
                    let unchanged = ws.is_some_and(|w| w.project.name == clean);
                    ui.horizontal(|ui| {
                        let ok = ui.add_enabled(!clean.is_empty(), egui::Button::new("Rename"));
                        if ok.clicked() || (!clean.is_empty() && ui.input(|i| i.key_pressed(egui::Key::Enter))) {
                            if !unchanged {
                                out.push(Intent::Apply("Rename project".into(), Command::RenameProject(clean.clone())));
                            }
                            *open = false;
                        }
                        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                            *open = false;
                        }
                    });
                    if clean.is_empty() {
                        ui.label(egui::RichText::new("A project needs a name.").weak());
                    }
                }
                Dialog::ExportForReviewer { include_codings } => {
                    title(ui, "Export for a second reviewer");
                    ui.label("Writes a copy of this project with its documents, codebook, categories and attributes, with blind coding on, ready to send. Merge their file back later with File › Merge reviewer file…");
                    ui.checkbox(include_codings, "Include the existing codings (for checking rather than independent coding)");
                    ui.horizontal(|ui| {
                        if ui.button("Save copy…").clicked() {
                            out.push(Intent::ExportForReviewer { include_codings: *include_codings });
                            *open = false;
                        }
                        if ui.button("Cancel").clicked() {
                            *open = false;
                        }
                    });
                }
                Dialog::GoToPage { text, pages } => {
                    title(ui, "Go to page");
                    let field = crate::ui::labelled_field(ui, "Page", text, &format!("1–{pages}"));
                    field.request_focus();
                    let n = text.trim().parse::<usize>().ok().filter(|n| (1..=*pages).contains(n));
                    if !text.trim().is_empty() && n.is_none() {
                        ui.label(
                            egui::RichText::new(format!("A page from 1 to {pages}"))
                                .small()
                                .color(ui.visuals().error_fg_color),
                        );
                    }
                    ui.horizontal(|ui| {
                        let go = ui.add_enabled(n.is_some(), egui::Button::new("Go"));
                        if let Some(n) = n
                            && (go.clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)))
                        {
                            out.push(Intent::GoToPage(n));
                            *open = false;
                        }
                        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                            *open = false;
                        }
                    });
                }
                Dialog::Shortcuts => {
                    title(ui, "Keyboard shortcuts");
                    shortcuts_table(ui, ws);
                    ui.add_space(6.0);
                    if ui.button("Close").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape) || i.key_pressed(egui::Key::F1))
                    {
                        *open = false;
                    }
                }
                Dialog::ChangedOnDisk { path } => {
                    title(ui, "The file changed on disk");
                    ui.label(format!(
                        "Another program changed {} since you opened it (a sync folder, a copy, an editor). Thema did not write anything, so neither your work nor theirs is lost.",
                        path.display()
                    ));
                    ui.add_space(6.0);
                    ui.horizontal(|ui| {
                        if ui
                            .button("Merge their changes")
                            .on_hover_text("Bring the other version's documents, codes and codings into yours (you confirm first), then save")
                            .clicked()
                        {
                            out.push(Intent::MergeFromDisk);
                            *open = false;
                        }
                        if ui.button("Save as…").on_hover_text("Keep both: save your version under another name").clicked() {
                            out.push(Intent::SaveAs);
                            *open = false;
                        }
                        if ui.button("Cancel").clicked() {
                            *open = false;
                        }
                    });
                }
                Dialog::ConfirmMerge { command, report, from, disk_hash } => {
                    title(ui, &format!("Merge {from}?"));
                    ui.label(format!(
                        "{} will be added ({} collapsed), {}, {}.",
                        crate::words::count(report.codings_added, "coding", "codings"),
                        crate::words::count(report.duplicates_collapsed, "exact duplicate", "exact duplicates"),
                        crate::words::count(report.documents_added.len(), "document", "documents"),
                        crate::words::count(report.reviewers_added.len(), "reviewer", "reviewers")
                    ));
                    egui::ScrollArea::vertical().max_height(280.0).show(ui, |ui| {
                        if !report.codes_added.is_empty() {
                            ui.label(egui::RichText::new(format!("New codes from the other file ({}):", report.codes_added.len())).strong());
                            for c in &report.codes_added {
                                ui.label(format!("• {c}"));
                            }
                        }
                        if !report.conflicts.is_empty() {
                            ui.label(egui::RichText::new(format!("Conflicts ({}) — this project's version is kept; the other is kept too where possible:", report.conflicts.len())).strong());
                            for c in &report.conflicts {
                                ui.label(format!("• {}: kept “{}”, other “{}”", c.what, c.kept, c.other));
                            }
                        }
                    });
                    ui.horizontal(|ui| {
                        // Their changed file must be taken in even when it adds
                        // nothing, or the next save would be refused again.
                        let can = !report.is_empty() || disk_hash.is_some();
                        let label = if can { "Merge" } else { "Nothing new to merge" };
                        if ui.add_enabled(can, egui::Button::new(label)).clicked() {
                            out.push(Intent::Apply(format!("Merge {from}"), (**command).clone()));
                            if let Some(h) = disk_hash {
                                out.push(Intent::DiskVersionMerged(h.clone()));
                            }
                            *open = false;
                        }
                        if ui.button("Cancel").clicked() {
                            *open = false;
                        }
                    });
                }
            }
        });
        out
    }
}

/// "Alex Byrne" → "AB".
pub fn initials_of(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .take(3)
        .collect()
}

/// The shortcut overlay: the command table, then the keys the project
/// defines (category letters, pinned codes).
fn shortcuts_table(ui: &mut egui::Ui, ws: Option<&Workspace>) {
    use super::commands::{Action, Scope};
    let ctx = ui.ctx().clone();
    egui::ScrollArea::vertical()
        .max_height(460.0)
        .show(ui, |ui| {
            egui::Grid::new("shortcuts_grid")
                .num_columns(2)
                .spacing([24.0, 4.0])
                .striped(true)
                .show(ui, |ui| {
                    for (heading, scope) in [
                        ("Anywhere", Scope::Window),
                        ("While coding (no text field active)", Scope::Coding),
                    ] {
                        ui.label(egui::RichText::new(heading).strong());
                        ui.end_row();
                        for a in Action::ALL.iter().filter(|a| a.info().scope == scope) {
                            let keys = a.all_shortcuts_text(&ctx);
                            if keys.is_empty() {
                                continue;
                            }
                            ui.label(a.info().label).on_hover_text(a.info().tooltip);
                            ui.label(egui::RichText::new(keys).monospace());
                            ui.end_row();
                        }
                        if scope == Scope::Coding
                            && let Some(ws) = ws
                        {
                            for c in &ws.project.categories {
                                if let Some(k) = c.key {
                                    ui.label(format!("Category: {}", c.name));
                                    ui.label(
                                        egui::RichText::new(k.to_ascii_uppercase().to_string())
                                            .monospace(),
                                    );
                                    ui.end_row();
                                }
                            }
                            for (n, code) in ws.project.pinned.iter().enumerate() {
                                if let Some(c) = ws.project.codebook.get(*code) {
                                    ui.label(format!("Code: {}", c.name));
                                    ui.label(egui::RichText::new((n + 1).to_string()).monospace());
                                    ui.end_row();
                                }
                            }
                        }
                    }
                });
        });
}
