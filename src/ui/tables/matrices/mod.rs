//! Matrices tab: code co-occurrence (a heat map with the passages behind
//! each cell side by side), the framework matrix (studies × themes, each
//! cell's summary written beside its passages) and the codes × studies
//! presence matrix. All three follow the scope bar like every table.

use crate::analysis::cooccurrence::{self, Measure, Proximity};
use crate::analysis::matrices::{self, Computed, MatrixOptions, StudyOrder};
use crate::analysis::{Prepared, Scope};
use crate::io::report::Format;
use crate::model::memos::About;
use crate::model::{CodeId, CodingId, DocId, Project};
use crate::session::Workspace;
use crate::ui::Intent;

mod cells;
mod framework;
mod heat_map;
mod passages;
mod presence;

use cells::*;
use passages::*;

/// Which matrix is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Cooccurrence,
    Framework,
    Presence,
}

impl View {
    const ALL: [Self; 3] = [Self::Cooccurrence, Self::Framework, Self::Presence];

    fn title(self) -> &'static str {
        match self {
            Self::Cooccurrence => "Co-occurrence",
            Self::Framework => "Framework matrix",
            Self::Presence => "Codes × studies",
        }
    }

    fn table(self) -> &'static str {
        match self {
            Self::Cooccurrence => "cooccurrence",
            Self::Framework => "framework",
            Self::Presence => "presence",
        }
    }
}

/// What is behind the clicked cell, computed once when it is clicked.
struct Drill {
    key: (u64, Scope, MatrixOptions, View),
    title: String,
    /// Co-occurring pairs behind the number (identical ones included).
    counted: usize,
    /// Passage pairs to read (co-occurrence, identical ones once) or
    /// single passages (a == b).
    pairs: Vec<(CodingId, CodingId)>,
    documents: Vec<DocId>,
}

/// The state of the Matrices tab.
#[derive(Default)]
pub struct MatricesUi {
    pub view: View,
    /// Co-occurrence rows sorted by this column (descending).
    sort_by: Option<usize>,
    drill: Option<Drill>,
    /// The framework cell being charted and the editor's text.
    chart: Option<ChartEdit>,
}

struct ChartEdit {
    doc: DocId,
    code: CodeId,
    text: String,
    /// The summary's text when the editor was opened (or last saved).
    saved: String,
}

pub fn show(ui: &mut egui::Ui, ws: &Workspace, state: &mut MatricesUi, out: &mut Vec<Intent>) {
    ui.horizontal_wrapped(|ui| {
        for v in View::ALL {
            ui.selectable_value(&mut state.view, v, v.title());
        }
        ui.separator();
        ui.menu_button("Export this matrix", |ui| {
            for (label, format) in [
                ("CSV (long table, for R or Python)…", Format::Csv),
                ("Excel…", Format::Xlsx),
                ("Word (as published)…", Format::Docx),
                ("HTML…", Format::Html),
                ("Markdown…", Format::Markdown),
            ] {
                if ui.button(label).clicked() {
                    out.push(Intent::Export {
                        table: state.view.table().to_owned(),
                        format,
                    });
                    ui.close();
                }
            }
        });
    });
    let Some((m, current)) = ws.matrices() else {
        ui.spinner();
        return;
    };
    if !current {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(egui::RichText::new("updating…").small().weak());
        });
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(50));
    }
    if state
        .drill
        .as_ref()
        .is_some_and(|d| d.key != drill_key(ws, state.view))
    {
        state.drill = None;
    }
    match state.view {
        View::Cooccurrence => heat_map::cooccurrence_view(ui, ws, m, state, out),
        View::Framework => framework::framework_view(ui, ws, m, state, out),
        View::Presence => presence::presence_view(ui, ws, m, state, out),
    }
}

fn drill_key(ws: &Workspace, view: View) -> (u64, Scope, MatrixOptions, View) {
    (
        ws.project.revision,
        ws.effective_scope(),
        ws.matrix_options,
        view,
    )
}

/// Depth of the code tree.
fn depth(p: &Project) -> usize {
    let prep_levels = p.coding_index().codes.iter().map(|(_, l)| *l).max();
    prep_levels.unwrap_or(0)
}

fn level_name(level: Option<usize>) -> String {
    match level {
        None => "every code".to_owned(),
        Some(1) => "themes (level 1)".to_owned(),
        Some(2) => "factors (level 2)".to_owned(),
        Some(l) => format!("level {l}"),
    }
}

fn level_combo(
    ui: &mut egui::Ui,
    id: &str,
    p: &Project,
    current: Option<usize>,
    allow_all: bool,
) -> Option<Option<usize>> {
    let mut chosen = None;
    ui.label("Codes");
    let r = egui::ComboBox::from_id_salt(id)
        .selected_text(level_name(current))
        .show_ui(ui, |ui| {
            if allow_all
                && ui
                    .selectable_label(current.is_none(), "every code")
                    .clicked()
            {
                chosen = Some(None);
            }
            for l in 1..=depth(p).max(1) {
                if ui
                    .selectable_label(current == Some(l), level_name(Some(l)))
                    .on_hover_text(
                        "Codes of this level, with the codes below them rolled up into them",
                    )
                    .clicked()
                {
                    chosen = Some(Some(l));
                }
            }
        });
    crate::ui::name_combo(r, "Level of codes");
    chosen
}

fn order_combo(ui: &mut egui::Ui, p: &Project, o: &MatrixOptions, out: &mut Vec<Intent>) {
    ui.label("Studies by");
    let current = match o.order {
        StudyOrder::Reference => "reference number".to_owned(),
        StudyOrder::Attribute(a) => p
            .attribute_def(a)
            .map_or_else(|| "reference number".to_owned(), |a| a.name.clone()),
    };
    let r = egui::ComboBox::from_id_salt("matrix_order")
        .selected_text(current)
        .show_ui(ui, |ui| {
            let mut set = |order| {
                out.push(Intent::SetMatrixOptions(MatrixOptions { order, ..*o }));
            };
            if ui
                .selectable_label(o.order == StudyOrder::Reference, "reference number")
                .clicked()
            {
                set(StudyOrder::Reference);
            }
            for a in &p.attributes {
                let ord = StudyOrder::Attribute(a.id);
                if ui.selectable_label(o.order == ord, &a.name).clicked() {
                    set(ord);
                }
            }
        });
    crate::ui::name_combo(r, "Order studies by");
}
