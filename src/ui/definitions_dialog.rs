//! The attribute and category definition dialogs: study attributes
//! (text, number or choice) and coding categories, added, renamed,
//! recoloured or removed. They return intents; none changes the project.

use super::Intent;
use super::style::dialog_title as title;
use crate::edit::Command;
use crate::model::{AttrId, AttrKind, AttributeDef, Category, CategoryId, codebook};
use crate::session::Workspace;

/// Draft of a new attribute definition.
#[derive(Clone, Debug, Default)]
pub struct AttrDraft {
    pub name: String,
    /// 0 text, 1 number, 2 choice
    pub kind: usize,
    pub choices: String,
}

pub(super) fn attributes(
    ui: &mut egui::Ui,
    ws: Option<&Workspace>,
    draft: &mut AttrDraft,
    out: &mut Vec<Intent>,
) -> bool {
    let Some(ws) = ws else { return false };
    let p = &ws.project;
    let mut keep = true;
    title(ui, "Document attributes");
    ui.label("Attributes describe each study (year, study type, database, group) and drive the characteristics tables.");
    egui::Grid::new("attr_defs")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for a in &p.attributes {
                ui.label(&a.name);
                ui.label(match &a.kind {
                    AttrKind::Text => "text".to_owned(),
                    AttrKind::Number => "number".to_owned(),
                    AttrKind::Choice(c) => format!("choice: {}", c.join(", ")),
                });
                let used = p
                    .documents
                    .iter()
                    .filter(|d| d.attributes.contains_key(&a.id))
                    .count();
                if ui
                    .button("Remove")
                    .on_hover_text(format!(
                        "Also clears its value in {}",
                        crate::words::count(used, "document", "documents")
                    ))
                    .clicked()
                {
                    let mut cmds: Vec<Command> = p
                        .documents
                        .iter()
                        .filter(|d| d.attributes.contains_key(&a.id))
                        .map(|d| Command::SetAttributeValue {
                            doc: d.id,
                            attr: a.id,
                            value: None,
                        })
                        .collect();
                    cmds.push(Command::RemoveAttributeDef(a.id));
                    out.push(Intent::Apply(
                        format!("Remove attribute {}", a.name),
                        Command::Batch(cmds),
                    ));
                }
                ui.end_row();
            }
        });
    ui.separator();
    ui.label(egui::RichText::new("New attribute").strong());
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut draft.name)
                .hint_text("Name, e.g. Study type")
                .desired_width(180.0),
        );
        crate::ui::name_combo(
            egui::ComboBox::from_id_salt("attr_kind")
                .selected_text(["Text", "Number", "Choice"][draft.kind])
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut draft.kind, 0, "Text");
                    ui.selectable_value(&mut draft.kind, 1, "Number");
                    ui.selectable_value(&mut draft.kind, 2, "Choice");
                }),
            "Attribute kind",
        );
    });
    if draft.kind == 2 {
        ui.add(
            egui::TextEdit::singleline(&mut draft.choices)
                .hint_text("Choices, separated by commas")
                .desired_width(360.0),
        );
    }
    ui.horizontal(|ui| {
        let ok = !draft.name.trim().is_empty() && p.attribute_by_name(draft.name.trim()).is_none();
        if ui
            .add_enabled(ok, egui::Button::new("Add attribute"))
            .clicked()
        {
            let kind = match draft.kind {
                1 => AttrKind::Number,
                2 => AttrKind::Choice(
                    draft
                        .choices
                        .split(',')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect(),
                ),
                _ => AttrKind::Text,
            };
            let def = AttributeDef {
                id: AttrId::new(),
                name: draft.name.trim().to_owned(),
                kind,
                bins: Vec::new(),
            };
            out.push(Intent::Apply(
                format!("Add attribute {}", def.name),
                Command::InsertAttributeDef {
                    index: p.attributes.len(),
                    def,
                },
            ));
            *draft = AttrDraft::default();
        }
        if ui.button("Close").clicked() {
            keep = false;
        }
    });
    keep
}

pub(super) fn categories(ui: &mut egui::Ui, ws: Option<&Workspace>, out: &mut Vec<Intent>) -> bool {
    let Some(ws) = ws else { return false };
    let p = &ws.project;
    let mut keep = true;
    title(ui, "Categories");
    ui.label(
        "Every coding can carry one category. The letter is its keyboard shortcut while coding.",
    );
    egui::Grid::new("cat_defs")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for c in &p.categories {
                let mut name = c.name.clone();
                if ui
                    .add(egui::TextEdit::singleline(&mut name).desired_width(160.0))
                    .changed()
                {
                    out.push(Intent::ApplyTyping(
                        "Rename category".into(),
                        Command::UpdateCategory(Category { name, ..c.clone() }),
                    ));
                }
                let mut rgb = codebook::parse_hex_color(&c.color).unwrap_or([128, 128, 128]);
                if ui.color_edit_button_srgb(&mut rgb).changed() {
                    out.push(Intent::ApplyTyping(
                        "Recolour category".into(),
                        Command::UpdateCategory(Category {
                            color: codebook::hex_color(rgb),
                            ..c.clone()
                        }),
                    ));
                }
                let mut key = c.key.map(String::from).unwrap_or_default();
                if ui
                    .add(
                        egui::TextEdit::singleline(&mut key)
                            .desired_width(24.0)
                            .char_limit(1),
                    )
                    .changed()
                {
                    let k = key.chars().next().map(|k| k.to_ascii_uppercase());
                    out.push(Intent::Apply(
                        "Change category key".into(),
                        Command::UpdateCategory(Category {
                            key: k,
                            ..c.clone()
                        }),
                    ));
                }
                let used = p
                    .codings
                    .iter()
                    .filter(|x| x.category == Some(c.id))
                    .count();
                if ui
                    .add_enabled(used == 0, egui::Button::new("Remove"))
                    .on_disabled_hover_text(format!(
                        "{} {} it",
                        crate::words::count(used, "coding", "codings"),
                        if used == 1 { "uses" } else { "use" }
                    ))
                    .clicked()
                {
                    out.push(Intent::Apply(
                        format!("Remove category {}", c.name),
                        Command::RemoveCategory(c.id),
                    ));
                }
                ui.end_row();
            }
        });
    ui.horizontal(|ui| {
        if ui.button("Add category").clicked() {
            let n = p.categories.len();
            let cat = Category {
                id: CategoryId::new(),
                name: format!("Category {}", n + 1),
                color: codebook::PALETTE[(n + 6) % 12].to_owned(),
                key: None,
            };
            out.push(Intent::Apply(
                "Add category".into(),
                Command::InsertCategory {
                    index: n,
                    category: cat,
                },
            ));
        }
        if ui.button("Close").clicked() {
            keep = false;
        }
    });
    keep
}
