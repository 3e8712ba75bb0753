//! The menu bar (File, Edit, Codebook, View), the "Coding as" switch and the
//! status bar with the import progress.

use super::Intent;
use super::commands::Action;
use crate::io::{import::ImportJob, template};
use crate::session::{Status, Workspace};
use crate::settings::Settings;

/// Menu bar and reviewer switch.
pub fn show(ui: &mut egui::Ui, ws: Option<&Workspace>, settings: &Settings) -> Vec<Intent> {
    let mut out = Vec::new();
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                let has = ws.is_some();
                item(ui, Action::NewProject, has, &mut out);
                item(ui, Action::Open, has, &mut out);
                item(ui, Action::ImportQdpx, has, &mut out);
                ui.menu_button("Open recent", |ui| {
                    if settings.recent.is_empty() {
                        ui.label("No recent projects");
                    }
                    for p in &settings.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            out.push(Intent::Open(p.clone()));
                        }
                    }
                });
                ui.separator();
                item(ui, Action::Save, has, &mut out);
                item(ui, Action::SaveAs, has, &mut out);
                item(ui, Action::ProjectSettings, has, &mut out);
                ui.separator();
                item(ui, Action::ImportDocuments, has, &mut out);
                item(ui, Action::ImportReferences, has, &mut out);
                ui.separator();
                item(ui, Action::ExportForReviewer, has, &mut out);
                item(ui, Action::MergeReviewerFile, has, &mut out);
                ui.separator();
                ui.add_enabled_ui(has, |ui| {
                    ui.menu_button("Exchange (REFI-QDA)", |ui| {
                        use crate::ui::intent::RefiExport;
                        if ui.button("Export project (.qdpx)…").on_hover_text("For ATLAS.ti, MAXQDA, QualCoder and other tools that follow the standard (positions in characters)").clicked() {
                            out.push(Intent::ExportRefi(RefiExport::Project));
                        }
                        if ui.button("Export project for NVivo (.qdpx)…").on_hover_text("Positions in UTF-16 units, as NVivo counts them; Thema reads either back").clicked() {
                            out.push(Intent::ExportRefi(RefiExport::ProjectForNvivo));
                        }
                        if ui.button("Export codebook (.qdc)…").clicked() {
                            out.push(Intent::ExportRefi(RefiExport::Codebook));
                        }
                        ui.separator();
                        if ui.button("Import codebook (.qdc)…").clicked() {
                            out.push(Intent::ImportQdcDialog);
                        }
                    });
                });
                ui.add_enabled_ui(has, |ui| {
                    ui.menu_button("Export studies", |ui| {
                        if ui.button("As RIS (.ris)…").on_hover_text("For Zotero, EndNote, Mendeley and other reference managers").clicked() {
                            out.push(Intent::ExportReferences { csl: false });
                        }
                        if ui.button("As CSL-JSON (.json)…").on_hover_text("For citation processors and Zotero").clicked() {
                            out.push(Intent::ExportReferences { csl: true });
                        }
                    });
                });
                ui.separator();
                item(ui, Action::CloseProject, has, &mut out);
                ui.separator();
                item(ui, Action::Quit, has, &mut out);
            });
            ui.add_enabled_ui(ws.is_some(), |ui| {
                ui.menu_button("Edit", |ui| {
                    let undo = ws.and_then(|w| w.undo.undo_label());
                    let redo = ws.and_then(|w| w.undo.redo_label());
                    for (action, what) in [(Action::Undo, undo), (Action::Redo, redo)] {
                        let info = action.info();
                        let label = match what {
                            Some(l) => format!("{} {l}", info.label),
                            None => info.label.to_owned(),
                        };
                        let mut b = egui::Button::new(label);
                        if let Some(k) = action.shortcut_text(ui.ctx()) {
                            b = b.shortcut_text(k);
                        }
                        if ui.add_enabled(what.is_some(), b).on_hover_text(info.tooltip).clicked() {
                            out.push(action.intent());
                        }
                    }
                    ui.separator();
                    for a in [Action::Find, Action::SearchAll] {
                        if let Some(i) = a.menu_button(ui, true) {
                            out.push(i);
                            ui.close();
                        }
                    }
                    ui.separator();
                    for a in [Action::EditAttributes, Action::EditCategories, Action::Reviewers] {
                        if let Some(i) = a.menu_button(ui, true) {
                            out.push(i);
                            ui.close();
                        }
                    }
                    let mut require = settings.require_category;
                    if ui
                        .checkbox(&mut require, "Require a category")
                        .on_hover_text("Refuse a coding made without a category (barrier, facilitator…) while the project has categories")
                        .clicked()
                    {
                        out.push(Intent::SetRequireCategory(require));
                    }
                    if let Some(ws) = ws {
                        let mut blind = ws.project.blind;
                        if ui.checkbox(&mut blind, "Blind coding").on_hover_text("Each reviewer sees only their own codings, in the text and in every table").clicked() {
                            out.push(Intent::Apply(if blind { "Blind coding on" } else { "Blind coding off" }.into(), crate::edit::Command::SetBlind(blind)));
                        }
                    }
                });
                ui.menu_button("Codebook", |ui| {
                    if let Some(i) = Action::AddTopLevelCode.menu_button(ui, true) {
                        out.push(i);
                        ui.close();
                    }
                    ui.separator();
                    ui.label(egui::RichText::new("Load a template").weak());
                    for (i, t) in template::built_in().iter().enumerate() {
                        if ui.button(&t.name).on_hover_text(&t.source).clicked() {
                            out.push(Intent::LoadTemplate(i));
                        }
                    }
                    if ui.button("From file…").clicked() {
                        out.push(Intent::LoadTemplateFile);
                    }
                });
                ui.menu_button("View", |ui| {
                    if let Some(i) = Action::MemosAndSets.menu_button(ui, ws.is_some()) {
                        out.push(i);
                        ui.close();
                    }
                    let has_pages = ws.is_some_and(|w| {
                        w.open_doc
                            .and_then(|d| w.project.document(d))
                            .is_some_and(|d| !d.page_starts.is_empty())
                    });
                    if let Some(i) = Action::GoToPage.menu_button(ui, has_pages) {
                        out.push(i);
                        ui.close();
                    }
                    ui.separator();
                    for action in [
                        Action::ToggleLeftPanel,
                        Action::ToggleRightPanel,
                        Action::FocusMode,
                    ] {
                        if let Some(i) = action.menu_button(ui, ws.is_some()) {
                            out.push(i);
                            ui.close();
                        }
                    }
                    ui.separator();
                    for size in [13.0, 15.0, 17.0, 20.0] {
                        if ui
                            .radio(settings.font_size == size, format!("Text size {size}"))
                            .clicked()
                        {
                            out.push(Intent::SetFontSize(size));
                        }
                    }
                });
            });
            ui.menu_button("Help", |ui| {
                if let Some(i) = Action::KeyboardShortcuts.menu_button(ui, true) {
                    out.push(i);
                    ui.close();
                }
            });
            if let Some(ws) = ws {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let who = ws
                        .coding_as
                        .and_then(|r| ws.project.reviewer(r))
                        .map(|r| format!("{} ({})", r.name, r.initials))
                        .unwrap_or_else(|| "nobody yet".into());
                    crate::ui::name_combo(
                        egui::ComboBox::from_id_salt("coding_as")
                            .selected_text(format!("Coding as {who}"))
                            .show_ui(ui, |ui| {
                                for r in &ws.project.reviewers {
                                    if ui
                                        .selectable_label(
                                            ws.coding_as == Some(r.id),
                                            format!("{} ({})", r.name, r.initials),
                                        )
                                        .clicked()
                                    {
                                        out.push(Intent::SetCodingAs(r.id));
                                    }
                                }
                                ui.separator();
                                if ui.button("Add or edit reviewers…").clicked() {
                                    out.push(Intent::ChooseReviewer);
                                }
                            }),
                        &format!("Coding as {who}"),
                    );
                });
            }
        });
    });
    out
}

/// Status line: last message, counts, import progress with Cancel.
pub fn status_bar(
    ui: &mut egui::Ui,
    ws: Option<&Workspace>,
    status: Option<&Status>,
    import: Option<&ImportJob>,
) -> Vec<Intent> {
    let mut out = Vec::new();
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            if let Some(job) = import {
                let frac = job.done() as f32 / job.total.max(1) as f32;
                ui.add(
                    egui::ProgressBar::new(frac)
                        .desired_width(220.0)
                        .text(format!(
                            "Importing {} of {}: {}",
                            job.done().min(job.total - 1) + 1,
                            job.total,
                            job.current_file()
                        )),
                );
                if ui.button("Cancel").clicked() {
                    out.push(Intent::CancelImport);
                }
                ui.separator();
            }
            if let Some(s) = status {
                let color = if s.error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                ui.label(egui::RichText::new(&s.text).color(color));
            }
            if let Some(ws) = ws {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let saved = if ws.undo.is_dirty() {
                        "unsaved changes"
                    } else {
                        "all changes saved"
                    };
                    ui.label(format!(
                        "{} · {} · {} · {saved}",
                        crate::words::count(ws.project.documents.len(), "document", "documents"),
                        crate::words::count(ws.project.codebook.codes.len(), "code", "codes"),
                        crate::words::count(ws.project.codings.len(), "coding", "codings")
                    ));
                });
            }
        });
    });
    out
}

/// A File-menu entry from the command table (greyed out when it needs a
/// project and none is open).
fn item(ui: &mut egui::Ui, a: Action, has_project: bool, out: &mut Vec<Intent>) {
    if let Some(i) = a.menu_button(ui, has_project || !a.needs_project()) {
        out.push(i);
        ui.close();
    }
}
