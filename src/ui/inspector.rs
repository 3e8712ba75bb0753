//! The centre column: the open document's header (title, reference,
//! attributes), the bar for the selected coding or selection (category
//! chips, Code…, memo, delete) and the document view itself.

use super::{
    Intent,
    document_view::{DocView, DocViewEvent},
};
use crate::edit::Command;
use crate::model::AttrKind;
use crate::session::Workspace;
use crate::ui::documents_panel::DocumentsUi;

/// Title line and the collapsible attribute editor of the open document.
pub fn document_header(ui: &mut egui::Ui, ws: &Workspace, state: &mut DocumentsUi) -> Vec<Intent> {
    let mut out = Vec::new();
    let p = &ws.project;
    let Some(d) = ws.open_doc.and_then(|id| p.document(id)) else {
        ui.add_space(40.0);
        ui.vertical_centered(|ui| {
            ui.label(egui::RichText::new("No document open").size(18.0));
            ui.label(egui::RichText::new("Import studies with File > Import documents…, or drop PDF, TXT or MD files here.").weak());
        });
        return out;
    };
    ui.horizontal(|ui| {
        ui.label(
            egui::RichText::new(format!("[{}]", d.reference))
                .monospace()
                .weak(),
        );
        ui.add(
            egui::Label::new(egui::RichText::new(&d.title).size(17.0).strong())
                .truncate()
                .show_tooltip_when_elided(false),
        )
        .on_hover_text(&d.title);
    });
    ui.horizontal(|ui| {
        if !d.short_ref.is_empty() {
            ui.label(egui::RichText::new(&d.short_ref).italics());
        }
        let summary: Vec<String> = p
            .attributes
            .iter()
            .filter_map(|a| {
                let v = d.attribute(a.id);
                (!v.is_empty()).then(|| v.to_owned())
            })
            .collect();
        let label = if state.show_details {
            "Hide details"
        } else {
            "Edit details"
        };
        if ui.small_button(label).clicked() {
            state.show_details = !state.show_details;
        }
        if !d.memo.trim().is_empty()
            && !state.show_details
            && ui
                .small_button("Memo")
                .on_hover_text(format!("{}\n\n(Click to read and edit it)", d.memo.trim()))
                .clicked()
        {
            state.show_details = true;
        }
        ui.add(egui::Label::new(egui::RichText::new(summary.join(" · ")).weak()).truncate());
    });
    if !d.garbled_pages.is_empty() {
        let pages: Vec<String> = d.garbled_pages.iter().map(ToString::to_string).collect();
        ui.label(
            egui::RichText::new(format!(
                "⚠ The text of {} {} may be garbled — check quotes from {} against the PDF.",
                crate::words::plural(pages.len(), "page", "pages"),
                pages.join(", "),
                if pages.len() == 1 { "it" } else { "them" }
            ))
            .small()
            .color(egui::Color32::from_rgb(0xB0, 0x5A, 0x00)),
        );
    }
    if state.show_details {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::Grid::new(("doc_details", d.id))
                .num_columns(2)
                .spacing([10.0, 4.0])
                .show(ui, |ui| {
                    let meta = |title: String, short_ref: String, reference: u32| {
                        Command::SetDocumentMeta {
                            doc: d.id,
                            title,
                            short_ref,
                            reference,
                        }
                    };
                    let label = ui.label("Title");
                    let mut title = d.title.clone();
                    if ui
                        .add(egui::TextEdit::singleline(&mut title).desired_width(420.0))
                        .labelled_by(label.id)
                        .changed()
                    {
                        out.push(Intent::ApplyTyping(
                            "Edit title".into(),
                            meta(title, d.short_ref.clone(), d.reference),
                        ));
                    }
                    ui.end_row();
                    let label = ui.label("Short reference");
                    let mut sr = d.short_ref.clone();
                    if ui
                        .add(
                            egui::TextEdit::singleline(&mut sr)
                                .hint_text("e.g. Smith 2019")
                                .desired_width(200.0),
                        )
                        .labelled_by(label.id)
                        .changed()
                    {
                        out.push(Intent::ApplyTyping(
                            "Edit short reference".into(),
                            meta(d.title.clone(), sr, d.reference),
                        ));
                    }
                    ui.end_row();
                    let label = ui.label("Reference number");
                    let mut r = d.reference;
                    if ui
                        .add(egui::DragValue::new(&mut r).range(1..=9999))
                        .labelled_by(label.id)
                        .changed()
                    {
                        out.push(Intent::Apply(
                            "Edit reference number".into(),
                            meta(d.title.clone(), d.short_ref.clone(), r),
                        ));
                    }
                    ui.end_row();
                    let label = ui.label("Memo");
                    let mut memo = d.memo.clone();
                    if ui
                        .add(
                            egui::TextEdit::multiline(&mut memo)
                                .hint_text("Notes about this study")
                                .desired_rows(2)
                                .desired_width(420.0),
                        )
                        .labelled_by(label.id)
                        .changed()
                    {
                        out.push(Intent::WriteMemo {
                            about: crate::model::memos::About::Document(d.id),
                            id: None,
                            title: String::new(),
                            text: memo,
                            typing: true,
                        });
                    }
                    ui.end_row();
                    for a in &p.attributes {
                        let label = ui.label(&a.name);
                        let current = d.attribute(a.id).to_owned();
                        let set = |v: String| Command::SetAttributeValue {
                            doc: d.id,
                            attr: a.id,
                            value: (!v.is_empty()).then_some(v),
                        };
                        match &a.kind {
                            AttrKind::Choice(choices) => {
                                let name = a.name.clone();
                                let r = egui::ComboBox::from_id_salt(("attr", a.id, d.id))
                                    .selected_text(if current.is_empty() {
                                        "—"
                                    } else {
                                        &current
                                    })
                                    .show_ui(ui, |ui| {
                                        if ui.selectable_label(current.is_empty(), "—").clicked()
                                        {
                                            out.push(Intent::Apply(
                                                format!("Clear {}", a.name),
                                                set(String::new()),
                                            ));
                                        }
                                        for c in choices {
                                            if ui.selectable_label(&current == c, c).clicked() {
                                                out.push(Intent::Apply(
                                                    format!("Set {}", a.name),
                                                    set(c.clone()),
                                                ));
                                            }
                                        }
                                    });
                                let _ = label;
                                crate::ui::name_combo(r, &name);
                            }
                            AttrKind::Number | AttrKind::Text => {
                                let mut v = current.clone();
                                let resp = ui
                                    .add(egui::TextEdit::singleline(&mut v).desired_width(200.0))
                                    .labelled_by(label.id);
                                if resp.changed() {
                                    if matches!(a.kind, AttrKind::Number)
                                        && !v.is_empty()
                                        && v.trim().parse::<f64>().is_err()
                                    {
                                        resp.on_hover_text("Numbers only");
                                    } else {
                                        out.push(Intent::ApplyTyping(
                                            format!("Set {}", a.name),
                                            set(v),
                                        ));
                                    }
                                }
                            }
                        }
                        ui.end_row();
                    }
                });
            if ui.small_button("Define attributes…").clicked() {
                out.push(Intent::EditAttributes);
            }
        });
    }
    out
}

/// Category chips, "Code…" and the selected coding's actions.
pub fn coding_bar(ui: &mut egui::Ui, ws: &Workspace) -> Vec<Intent> {
    let mut out = Vec::new();
    let p = &ws.project;
    if ws.open_doc.is_none() {
        return out;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Category:");
        for c in &p.categories {
            let key = c.key.map(|k| format!(" (key {k})")).unwrap_or_default();
            let on = ws.category == Some(c.id);
            let text = egui::RichText::new(&c.name).color(if on {
                egui::Color32::WHITE
            } else {
                super::color(&c.color)
            });
            let btn = egui::Button::new(text).selected(on).fill(if on {
                super::color(&c.color)
            } else {
                egui::Color32::TRANSPARENT
            });
            if ui
                .add(btn)
                .on_hover_text(format!("Category given to the next coding{key}"))
                .clicked()
            {
                out.push(Intent::SetCategory(Some(c.id)));
            }
        }
        if !p.categories.is_empty() {
            let none = ws.category.is_none();
            let text = if none {
                egui::RichText::new("No category").color(ui.visuals().warn_fg_color)
            } else {
                egui::RichText::new("No category").weak()
            };
            if ui
                .add(egui::Button::new(text).selected(none))
                .on_hover_text("The next coding gets no category (key 0). Edit › Require a category refuses such codings.")
                .clicked()
            {
                out.push(Intent::SetCategory(None));
            }
        }
        ui.separator();
        view_filter(ui, ws, &mut out);
        ui.separator();
        let has_sel = ws.selected_range.is_some();
        if ui
            .add_enabled(has_sel, egui::Button::new("Code selection…"))
            .on_hover_text("Pick a code for the selected text (Enter, C or Ctrl+K)")
            .on_disabled_hover_text("Drag over text in the document to select a passage")
            .clicked()
        {
            out.push(Intent::OpenPicker);
        }
    });
    // The bar keeps its height whether or not a coding is selected, so the
    // text never jumps under the pointer when a highlight is clicked.
    egui::Frame::new().fill(ui.visuals().faint_bg_color).inner_margin(6.0).corner_radius(4.0).show(ui, |ui| {
        ui.set_min_height(24.0);
        let Some(c) = ws.selected_coding.and_then(|id| p.coding(id)) else {
            let hint = if ws.selected_range.is_some() {
                "Passage selected: click a code, press Enter for the picker, or 1–9 for a pinned code."
            } else {
                "Drag over text to select a passage; click a highlight to select its coding."
            };
            ui.label(egui::RichText::new(hint).weak());
            return;
        };
        // One line: actions on the right, the code's path truncated on the left.
        ui.horizontal(|ui| ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.small_button("Delete").on_hover_text("Delete this coding (Delete key)").clicked() {
                out.push(Intent::DeleteCoding(c.id));
            }
            let memo = if c.memo.is_empty() { "Memo…" } else { "Edit memo…" };
            if ui.small_button(memo).on_hover_text("Write a memo on this passage").clicked() {
                out.push(Intent::CodingMemo(c.id));
            }
            if ui.small_button("Change code…").clicked() {
                out.push(Intent::OpenPicker);
            }
            let r = egui::ComboBox::from_id_salt("coding_category")
                .selected_text(c.category.and_then(|k| p.category(k)).map(|k| k.name.clone()).unwrap_or_else(|| "no category".into()))
                .show_ui(ui, |ui| {
                    let mut set = |cat| {
                        out.push(Intent::Apply("Change category".into(), Command::ReplaceCodings(vec![crate::model::Coding { category: cat, ..c.clone() }])));
                    };
                    if ui.selectable_label(c.category.is_none(), "no category").clicked() {
                        set(None);
                    }
                    for k in &p.categories {
                        if ui.selectable_label(c.category == Some(k.id), &k.name).clicked() {
                            set(Some(k.id));
                        }
                    }
                });
            crate::ui::name_combo(r, "Category of the selected coding");
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                if let Some(code) = p.codebook.get(c.code) {
                    super::swatch(ui, &code.color);
                }
                let who = p.reviewer(c.reviewer).map(|r| r.initials.clone()).unwrap_or_default();
                let memo = if c.memo.is_empty() { String::new() } else { format!(" · memo: {}", c.memo) };
                let path = p.codebook.path(c.code);
                ui.add(egui::Label::new(egui::RichText::new(format!("{path} · {who}{memo}")).strong()).truncate().show_tooltip_when_elided(false))
                    .on_hover_text(format!("{path}\ncoded by {who}{memo}"));
            });
        }));
    });
    out
}

/// The document view of the open document. The view's own state (layout
/// caches, scroll, the selection as it is dragged) lives with the ui; the
/// app copies the selection into the workspace after each frame.
pub fn document_body(ui: &mut egui::Ui, ws: &Workspace, view: &mut DocView) -> Vec<Intent> {
    let Some(doc) = ws.open_doc else {
        return Vec::new();
    };
    if let Some(d) = ws.project.document(doc)
        && d.text.is_empty()
    {
        return no_text(ui, d);
    }
    let key = ws.view_key();
    let events = view.show(ui, &ws.project, doc, key, &|c| ws.mark_style(c));
    events
        .into_iter()
        .map(|e| match e {
            DocViewEvent::SelectCoding(id) => Intent::SelectCoding(Some(id)),
            DocViewEvent::ClearCodingSelection => Intent::SelectCoding(None),
        })
        .collect()
}

/// A study added from a reference record without a file: says so and
/// offers to attach its text.
fn no_text(ui: &mut egui::Ui, d: &crate::model::Document) -> Vec<Intent> {
    let mut out = Vec::new();
    ui.add_space(24.0);
    ui.vertical_centered(|ui| {
        ui.label(egui::RichText::new("No text yet").heading());
        ui.label(
            "This study came from a reference record without a file Thema could read. Attach its PDF (or a text or Markdown file) to read and code it.",
        );
        if let Some(b) = &d.bib
            && !b.files.is_empty()
        {
            let named: Vec<&str> = b.files.iter().map(|f| f.path.as_str()).collect();
            ui.label(
                egui::RichText::new(format!("The record names: {}", named.join(", "))).weak(),
            );
        }
        ui.add_space(8.0);
        if ui.button("Attach the study's file…").clicked() {
            out.push(Intent::AttachTextDialog(d.id));
        }
    });
    out
}

/// "Showing: all reviewers / mine / X / A and B / Consensus" for the text.
fn view_filter(ui: &mut egui::Ui, ws: &Workspace, out: &mut Vec<Intent>) {
    use crate::session::ViewFilter;
    let p = &ws.project;
    if ws.is_blind() {
        ui.label(egui::RichText::new("Blind: only your codings").color(ui.visuals().warn_fg_color))
            .on_hover_text(
                "Blind coding is on (Edit menu): other reviewers' codings are hidden everywhere.",
            );
        return;
    }
    let name = |r: crate::model::ReviewerId| {
        p.reviewer(r)
            .map(|r| r.initials.clone())
            .unwrap_or_default()
    };
    let current = match ws.view_filter {
        ViewFilter::All => "all reviewers".to_owned(),
        ViewFilter::Mine => "mine".to_owned(),
        ViewFilter::One(r) => name(r),
        ViewFilter::Overlay(a, b) => format!("{} + {} (outlined)", name(a), name(b)),
        ViewFilter::Consensus(a, b) => format!("Consensus of {} and {}", name(a), name(b)),
    };
    let r = egui::ComboBox::from_id_salt("view_filter")
        .selected_text(format!("Showing {current}"))
        .show_ui(ui, |ui| {
            let mut pick = |f: ViewFilter, label: String| {
                if ui.selectable_label(ws.view_filter == f, label).clicked() {
                    out.push(Intent::SetViewFilter(f));
                }
            };
            pick(ViewFilter::All, "all reviewers".into());
            pick(ViewFilter::Mine, "my codings".into());
            let coders: Vec<_> = p
                .reviewers
                .iter()
                .filter(|r| r.id != crate::model::ReviewerId::CONSENSUS)
                .collect();
            for r in &coders {
                pick(ViewFilter::One(r.id), format!("{} only", r.name));
            }
            if let Some(me) = ws.coding_as {
                for r in coders.iter().filter(|r| r.id != me) {
                    pick(
                        ViewFilter::Overlay(me, r.id),
                        format!("mine and {} (outlined)", r.name),
                    );
                }
            }
            for (a, b) in crate::analysis::consensus::pairs(p) {
                pick(
                    ViewFilter::Consensus(a, b),
                    format!("Consensus of {} and {}", name(a), name(b)),
                );
            }
        });
    crate::ui::name_combo(r, "Codings shown in the text");
}
