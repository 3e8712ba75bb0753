//! The documents list: reference number, title, coding progress; click to
//! open, right-click to remove or renumber.

use super::Intent;
use super::style::panel_heading;
use crate::edit::ops;
use crate::session::Workspace;

/// UI-only state of the documents list and the document details.
#[derive(Default)]
pub struct DocumentsUi {
    pub filter: String,
    pub show_details: bool,
    /// Codings per document (all visible, mine), for one project revision
    /// and viewer: counted once, not every frame.
    counts: Option<(u64, crate::analysis::Viewer, Counts)>,
}

type Counts = crate::model::IdMap<crate::model::DocId, (usize, usize)>;

pub fn show(ui: &mut egui::Ui, ws: &Workspace, state: &mut DocumentsUi) -> Vec<Intent> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        panel_heading(ui, &format!("Documents ({})", ws.project.documents.len()));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("+ Import")
                .on_hover_text("Import PDF, TXT or MD files (or drop them on the window)")
                .clicked()
            {
                out.push(Intent::ImportDialog);
            }
        });
    });
    if ws.project.documents.len() > 8 {
        ui.add(
            egui::TextEdit::singleline(&mut state.filter)
                .hint_text("Filter documents")
                .desired_width(f32::INFINITY),
        );
    }
    if ws.project.documents.is_empty() {
        ui.label(egui::RichText::new("No documents yet. Use Import or drop files here.").weak());
    }
    let needle = state.filter.to_lowercase();
    let viewer = ws.viewer();
    let rev = ws.project.revision;
    if !matches!(&state.counts, Some((r, v, _)) if *r == rev && *v == viewer) {
        let mut counts = Counts::default();
        for c in ws.project.codings.iter().filter(|c| viewer.may_see(c)) {
            let e = counts.entry(c.doc).or_insert((0, 0));
            e.0 += 1;
            if Some(c.reviewer) == ws.coding_as {
                e.1 += 1;
            }
        }
        state.counts = Some((rev, viewer, counts));
    }
    let counts = state.counts.as_ref().map(|(_, _, c)| c);
    let shown: Vec<&crate::model::Document> = ws
        .project
        .documents
        .iter()
        .filter(|d| {
            needle.is_empty()
                || d.title.to_lowercase().contains(&needle)
                || d.short_ref.to_lowercase().contains(&needle)
        })
        .collect();
    // A header names the columns: reference, title, codings "yours/all".
    if !shown.is_empty() {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(" #").small().weak());
            ui.label(egui::RichText::new("Study").small().weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let who = if ws.coding_as.is_some() {
                    "yours"
                } else {
                    "no reviewer"
                };
                ui.label(
                    egui::RichText::new(format!("codings: {who} / all"))
                        .small()
                        .weak(),
                )
                .on_hover_text(
                    "How many codings of each document are yours, out of all you may see",
                );
            });
        });
    }
    // Only the rows in view are laid out: a review of 2,000 studies
    // scrolls as lightly as one of 20.
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("documents_list")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, shown.len(), |ui, rows| {
            for d in &shown[rows] {
                let (n, m) = counts
                    .and_then(|c| c.get(&d.id).copied())
                    .unwrap_or((0, 0));
                let selected = ws.open_doc == Some(d.id);
                let kind = match d.source.kind {
                    crate::model::SourceKind::Pdf => "PDF",
                    crate::model::SourceKind::Markdown => "MD",
                    crate::model::SourceKind::Docx => "DOCX",
                    _ => "TXT",
                };
                let resp = ui
                    .horizontal(|ui| {
                        ui.label(
                            egui::RichText::new(format!("{:>2}", d.reference))
                                .monospace()
                                .weak(),
                        );
                        let room = (ui.available_width() - 44.0).max(40.0);
                        let r = ui
                            .scope(|ui| {
                                ui.set_max_width(room);
                                ui.add(egui::Button::selectable(selected, &d.title).truncate())
                            })
                            .inner;
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            let txt = if d.text.is_empty() {
                                "no text".to_owned()
                            } else if n == 0 {
                                "not coded".to_owned()
                            } else {
                                format!("{m}/{n}")
                            };
                            ui.label(egui::RichText::new(txt).small().weak())
                                .on_hover_text(format!(
                                    "{} in this document, {m} of them yours",
                                    crate::words::count(n, "coding", "codings")
                                ));
                        });
                        r
                    })
                    .inner;
                let resp = resp.on_hover_ui(|ui| {
                    ui.label(format!(
                        "{}\n{}{kind} · {} chars{}",
                        d.title,
                        if d.short_ref.is_empty() {
                            String::new()
                        } else {
                            format!("{} · ", d.short_ref)
                        },
                        d.char_len(),
                        if d.page_starts.is_empty() {
                            String::new()
                        } else {
                            format!(" · {} pages", d.page_starts.len() + 1)
                        }
                    ));
                });
                if resp.clicked() {
                    out.push(Intent::OpenDocument(d.id));
                }
                resp.context_menu(|ui| {
                    if ui.button("Open").clicked() {
                        out.push(Intent::OpenDocument(d.id));
                        ui.close();
                    }
                    let source = std::path::PathBuf::from(&d.source.path);
                    if ui
                        .add_enabled(source.is_file(), egui::Button::new("Re-import from its source file"))
                        .on_hover_text("If the file changed, its codings are moved to where their passages are now")
                        .on_disabled_hover_text("The file it was imported from is not there any more")
                        .clicked()
                    {
                        out.push(Intent::Import(vec![source]));
                        ui.close();
                    }
                    if ui.button("Renumber all documents in list order").clicked() {
                        out.push(Intent::Apply(
                            "Renumber documents".into(),
                            ops::renumber_documents(&ws.project),
                        ));
                        ui.close();
                    }
                    ui.separator();
                    let label = if n == 0 {
                        "Remove document".to_owned()
                    } else {
                        format!("Remove document and its {}", crate::words::count(n, "coding", "codings"))
                    };
                    if ui.button(label).clicked() {
                        out.push(Intent::Apply(
                            format!("Remove \"{}\"", d.title),
                            ops::remove_document(&ws.project, d.id),
                        ));
                        ui.close();
                    }
                });
            }
        });
    out
}

/// Shortens `s` to at most `n` chars with an ellipsis.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
