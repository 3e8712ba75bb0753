//! Moving and extending the selection from the keyboard (plain functions
//! of the steps are in `selection`).

use super::DocView;
use super::selection::{self, Selection, Step};
use egui::Ui;

impl DocView {
    /// Selection from the keyboard, while no field has the keyboard:
    /// Shift+Left/Right extend by a character, Shift+Ctrl+Left/Right by a
    /// word, Shift+Up/Down to the paragraph's start or end; Ctrl+Up/Down
    /// move to the previous or next paragraph. Without a selection or a
    /// click, the keys start at the top of the view (`top`).
    pub(super) fn keys(&mut self, ui: &Ui, top: usize) {
        use egui::{Key, Modifiers};
        if ui.ctx().egui_wants_keyboard_input() || self.chars.is_empty() {
            return;
        }
        let moves = ui.input_mut(|i| {
            let mut out = Vec::new();
            for (mods, key, step, extend) in [
                (Modifiers::SHIFT, Key::ArrowLeft, Step::CharLeft, true),
                (Modifiers::SHIFT, Key::ArrowRight, Step::CharRight, true),
                (
                    Modifiers::SHIFT | Modifiers::COMMAND,
                    Key::ArrowLeft,
                    Step::WordLeft,
                    true,
                ),
                (
                    Modifiers::SHIFT | Modifiers::COMMAND,
                    Key::ArrowRight,
                    Step::WordRight,
                    true,
                ),
                (Modifiers::SHIFT, Key::ArrowUp, Step::ParagraphUp, true),
                (Modifiers::SHIFT, Key::ArrowDown, Step::ParagraphDown, true),
                (Modifiers::COMMAND, Key::ArrowUp, Step::ParagraphUp, false),
                (
                    Modifiers::COMMAND,
                    Key::ArrowDown,
                    Step::ParagraphDown,
                    false,
                ),
            ] {
                while i.consume_key(mods, key) {
                    out.push((step, extend));
                }
            }
            out
        });
        for (st, extend) in moves {
            let from = self.selection.map(|s| s.head).or(self.caret).unwrap_or(top);
            if extend {
                let anchor = self.selection.map_or(from, |s| s.anchor);
                let head = selection::step(&self.chars, from, st);
                self.selection = Some(Selection { anchor, head });
                self.caret = Some(head);
            } else {
                // Whole paragraphs: to the next one's start, or this one's.
                let to = if st == Step::ParagraphDown {
                    selection::next_paragraph(&self.chars, from)
                } else {
                    selection::previous_paragraph(&self.chars, from)
                };
                self.selection = None;
                self.caret = Some(to);
                self.scroll_to = Some(to);
            }
        }
    }
}
