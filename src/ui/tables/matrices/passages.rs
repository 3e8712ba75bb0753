//! What is behind a matrix cell: passages (side by side for pairs) with
//! their source and a link to each.

use super::*;

/// A passage's source line: "[3] Okafor 2021, p. 4".
pub(super) fn source_line(p: &Project, id: CodingId) -> String {
    let Some(c) = p.coding(id) else {
        return String::new();
    };
    let Some(d) = p.document(c.doc) else {
        return String::new();
    };
    let page = d
        .page_label(c.start, c.end)
        .map(|l| format!(", {l}"))
        .unwrap_or_default();
    format!(
        "[{}] {}{page} · {}",
        d.reference,
        d.short_ref_or_title(),
        p.codebook.name(c.code)
    )
}

pub(super) fn passage_text(p: &Project, id: CodingId) -> String {
    p.coding(id)
        .and_then(|c| p.document(c.doc).map(|d| d.slice_chars(c.start, c.end)))
        .unwrap_or_default()
}

/// One passage in a drill list: where it is, its text, and a link.
pub(super) fn passage_card(ui: &mut egui::Ui, p: &Project, id: CodingId, out: &mut Vec<Intent>) {
    ui.vertical(|ui| {
        // Wrapped so a long source line never widens a narrow panel.
        ui.horizontal_wrapped(|ui| {
            ui.add(
                egui::Label::new(egui::RichText::new(source_line(p, id)).small().strong()).wrap(),
            );
            if ui
                .small_button("Show")
                .on_hover_text("Open the passage in the document")
                .clicked()
            {
                out.push(Intent::JumpToCoding(id));
            }
        });
        ui.add(egui::Label::new(passage_text(p, id)).wrap());
    });
}

pub(super) fn drill_panel(
    ui: &mut egui::Ui,
    p: &Project,
    state: &mut MatricesUi,
    out: &mut Vec<Intent>,
) {
    let Some(d) = &state.drill else {
        return;
    };
    ui.separator();
    let mut close = false;
    ui.horizontal_wrapped(|ui| {
        let same = d.pairs.iter().all(|(a, b)| a == b);
        let studies = d
            .pairs
            .iter()
            .filter_map(|(a, _)| p.coding(*a).map(|c| c.doc))
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        let what = if same {
            crate::words::count(d.pairs.len(), "passage", "passages")
        } else {
            crate::words::count(d.counted, "pair of passages", "pairs of passages")
        };
        let mut head = format!(
            "{} — {what} in {}",
            d.title,
            crate::words::count(studies, "study", "studies")
        );
        if !same && d.documents.len() != studies {
            head.push_str(&format!(
                "; {} hold both codes",
                crate::words::count(d.documents.len(), "study", "studies")
            ));
        }
        ui.label(egui::RichText::new(head).strong());
        if !same && d.pairs.len() < d.counted {
            ui.label(
                egui::RichText::new("(pairs coded alike by several reviewers are shown once)")
                    .small()
                    .weak(),
            );
        }
        if ui.small_button("Close").clicked() {
            close = true;
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("matrix_drill")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if d.pairs.is_empty() && !d.documents.is_empty() {
                ui.label("Both codes are in these studies, but no passages of the one are near passages of the other:");
            }
            if d.pairs.is_empty() {
                for doc in &d.documents {
                    if let Some(doc) = p.document(*doc)
                        && ui
                            .link(format!("[{}] {}", doc.reference, doc.short_ref_or_title()))
                            .clicked()
                    {
                        out.push(Intent::OpenDocument(doc.id));
                    }
                }
            }
            for (a, b) in &d.pairs {
                if a == b {
                    passage_card(ui, p, *a, out);
                    ui.separator();
                    continue;
                }
                // Side by side: the row code's passage and the column's.
                ui.columns(2, |cols| {
                    passage_card(&mut cols[0], p, *a, out);
                    passage_card(&mut cols[1], p, *b, out);
                });
                ui.separator();
            }
        });
    if close {
        state.drill = None;
    }
}
