//! Second-reviewer work in the tables panel: agreement between two
//! reviewers, the disagreement queue with consensus decisions, and checking
//! one reviewer's codings. Every change is an intent carrying a command.

mod agreement;
mod checking;
mod disagreements;

pub use agreement::show as agreement_tab;
pub use checking::show as checking_tab;
pub use disagreements::show as disagreements_tab;

use crate::model::ReviewerId;
use crate::session::Workspace;

/// Which level the agreement table shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Level {
    #[default]
    Document,
    Character,
    Category,
}

/// UI state of the review tabs.
#[derive(Default)]
pub struct ReviewUi {
    pub a: Option<ReviewerId>,
    pub b: Option<ReviewerId>,
    pub level: Level,
    /// Index into the disagreement queue.
    pub selected: Option<usize>,
    pub note: String,
    pub show_resolved: bool,
    /// Checking: whose codings are being checked, and where we are.
    pub check_author: Option<ReviewerId>,
    pub check_index: usize,
    pub check_note: String,
    pub only_unchecked: bool,
    /// How the agreement table is sorted.
    pub agreement_sort: crate::ui::grid::SortState,
    pub reply: String,
}

impl ReviewUi {
    /// Picks sensible reviewers A and B (the first two who have codings).
    pub fn defaults(&mut self, ws: &Workspace) {
        let p = &ws.project;
        let coders: Vec<ReviewerId> = p
            .reviewers
            .iter()
            .filter(|r| {
                r.id != ReviewerId::CONSENSUS && p.codings.iter().any(|c| c.reviewer == r.id)
            })
            .map(|r| r.id)
            .collect();
        if self.a.is_none_or(|a| p.reviewer(a).is_none()) {
            self.a = coders.first().copied();
        }
        if self
            .b
            .is_none_or(|b| p.reviewer(b).is_none() || Some(b) == self.a)
        {
            self.b = coders.iter().copied().find(|r| Some(*r) != self.a);
        }
    }
}

/// Two combo boxes choosing reviewers A and B.
pub fn pick_pair(ui: &mut egui::Ui, ws: &Workspace, state: &mut ReviewUi) {
    let p = &ws.project;
    let name = |r: Option<ReviewerId>| {
        r.and_then(|r| p.reviewer(r))
            .map(|r| r.name.clone())
            .unwrap_or_else(|| "choose".into())
    };
    ui.horizontal(|ui| {
        for (label, slot) in [("Reviewer A", &mut state.a), ("Reviewer B", &mut state.b)] {
            ui.label(label);
            let r = egui::ComboBox::from_id_salt(label)
                .selected_text(name(*slot))
                .show_ui(ui, |ui| {
                    for r in p.reviewers.iter().filter(|r| r.id != ReviewerId::CONSENSUS) {
                        ui.selectable_value(slot, Some(r.id), &r.name);
                    }
                });
            crate::ui::name_combo(r, label);
        }
    });
}
