//! The menu bar (File, Edit, Codebook, View), the "Coding as" switch and the
//! status bar with the import progress.

use super::Intent;
use crate::app::{Status, Workspace};
use crate::io::{import::ImportJob, template};
use crate::settings::Settings;

/// Menu bar and reviewer switch.
pub fn show(ui: &mut egui::Ui, ws: Option<&Workspace>, settings: &Settings) -> Vec<Intent> {
    let mut out = Vec::new();
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("New project").clicked() {
                    out.push(Intent::NewProject);
                }
                if ui.button("Open project…  (Ctrl+O)").clicked() {
                    out.push(Intent::OpenDialog);
                }
                if ui.button("Import REFI-QDA project (.qdpx)…").on_hover_text("Open a project from NVivo, ATLAS.ti, MAXQDA, QualCoder…").clicked() {
                    out.push(Intent::ImportQdpxDialog);
                }
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
                ui.add_enabled_ui(ws.is_some(), |ui| {
                    if ui.button("Save  (Ctrl+S)").clicked() {
                        out.push(Intent::Save);
                    }
                    if ui.button("Save as…  (Ctrl+Shift+S)").clicked() {
                        out.push(Intent::SaveAs);
                    }
                    if ui
                        .button("Project settings…")
                        .on_hover_text("The project's name, used in the title bar, reports and file names")
                        .clicked()
                    {
                        out.push(Intent::ProjectSettings);
                    }
                    ui.separator();
                    if ui.button("Import documents…  (Ctrl+I)").clicked() {
                        out.push(Intent::ImportDialog);
                    }
                    ui.separator();
                    if ui.button("Export for second reviewer…").clicked() {
                        out.push(Intent::ExportForReviewerDialog);
                    }
                    if ui.button("Merge reviewer file…").clicked() {
                        out.push(Intent::MergeDialog);
                    }
                    ui.separator();
                    ui.menu_button("Exchange (REFI-QDA)", |ui| {
                        if ui.button("Export project (.qdpx)…").on_hover_text("For NVivo, ATLAS.ti, MAXQDA, QualCoder…").clicked() {
                            out.push(Intent::ExportRefi { codebook_only: false });
                        }
                        if ui.button("Export codebook (.qdc)…").clicked() {
                            out.push(Intent::ExportRefi { codebook_only: true });
                        }
                        ui.separator();
                        if ui.button("Import codebook (.qdc)…").clicked() {
                            out.push(Intent::ImportQdcDialog);
                        }
                    });
                    ui.separator();
                    if ui.button("Close project").clicked() {
                        out.push(Intent::CloseProject);
                    }
                });
                ui.separator();
                if ui.button("Quit").clicked() {
                    out.push(Intent::Quit);
                }
            });
            ui.add_enabled_ui(ws.is_some(), |ui| {
                ui.menu_button("Edit", |ui| {
                    let undo = ws
                        .and_then(|w| w.undo.undo_label())
                        .map(|l| format!("Undo {l}  (Ctrl+Z)"));
                    if ui
                        .add_enabled(
                            undo.is_some(),
                            egui::Button::new(undo.unwrap_or("Undo".into())),
                        )
                        .clicked()
                    {
                        out.push(Intent::Undo);
                    }
                    let redo = ws
                        .and_then(|w| w.undo.redo_label())
                        .map(|l| format!("Redo {l}  (Ctrl+Shift+Z)"));
                    if ui
                        .add_enabled(
                            redo.is_some(),
                            egui::Button::new(redo.unwrap_or("Redo".into())),
                        )
                        .clicked()
                    {
                        out.push(Intent::Redo);
                    }
                    ui.separator();
                    if ui.button("Document attributes…").clicked() {
                        out.push(Intent::EditAttributes);
                    }
                    if ui.button("Categories…").clicked() {
                        out.push(Intent::EditCategories);
                    }
                    if ui.button("Reviewers…").clicked() {
                        out.push(Intent::ChooseReviewer);
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
                    if ui.button("Add top-level code").clicked() {
                        out.push(Intent::AddCode(None));
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
                        "{} documents · {} codes · {} codings · {saved}",
                        ws.project.documents.len(),
                        ws.project.codebook.codes.len(),
                        ws.project.codings.len()
                    ));
                });
            }
        });
    });
    out
}
