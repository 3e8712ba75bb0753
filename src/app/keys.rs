//! Keyboard shortcuts of the main window.

use super::Workspace;
use crate::ui::Intent;
use egui::{Key, KeyboardShortcut, Modifiers};

/// Reads this frame's shortcuts and returns what they ask for.
pub fn shortcuts(ctx: &egui::Context, ws: Option<&Workspace>) -> Vec<Intent> {
    let mut out = Vec::new();
    let cmd = Modifiers::COMMAND;
    let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
    ctx.input_mut(|i| {
        if i.consume_shortcut(&KeyboardShortcut::new(cmd_shift, Key::S)) {
            out.push(Intent::SaveAs);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::S)) {
            out.push(Intent::Save);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::O)) {
            out.push(Intent::OpenDialog);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::N)) {
            out.push(Intent::NewProject);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(cmd_shift, Key::Z))
            || i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::Y))
        {
            out.push(Intent::Redo);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::Z)) {
            out.push(Intent::Undo);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::I)) {
            out.push(Intent::ImportDialog);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::K)) {
            out.push(Intent::OpenPicker);
        }
    });
    let Some(ws) = ws else { return out };
    if ctx.egui_wants_keyboard_input() {
        return out;
    }
    ctx.input(|i| {
        if i.modifiers.any() && !i.modifiers.shift_only() {
            return;
        }
        let pressed = |k: Key| i.key_pressed(k) && !i.modifiers.shift;
        let digits = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        for (n, k) in digits.iter().enumerate() {
            if pressed(*k)
                && let Some(code) = ws.project.pinned.get(n)
            {
                out.push(Intent::ApplyCode(*code));
            }
        }
        for cat in &ws.project.categories {
            if let Some(key) = cat
                .key
                .and_then(|c| Key::from_name(&c.to_ascii_uppercase().to_string()))
                && pressed(key)
            {
                out.push(Intent::CategoryKey(cat.id));
            }
        }
        if pressed(Key::Num0) && !ws.project.categories.is_empty() {
            out.push(Intent::NoCategoryKey);
        }
        if pressed(Key::Enter) || pressed(Key::C) {
            out.push(Intent::OpenPicker);
        }
        if (pressed(Key::Delete) || pressed(Key::Backspace))
            && let Some(id) = ws.selected_coding
            && ws.view.selected_range().is_none()
        {
            out.push(Intent::DeleteCoding(id));
        }
        if pressed(Key::Escape) {
            out.push(Intent::ClearSelection);
        }
    });
    out
}
