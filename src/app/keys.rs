//! Keyboard shortcuts of the main window, read from the command table
//! (`commands.rs`) plus the keys the project defines: category letters
//! (B/F/N/R by default) and the number keys of pinned codes.

use crate::session::Workspace;
use crate::ui::Intent;
use crate::ui::commands::{Action, Scope};
use egui::Key;

/// Reads this frame's shortcuts and returns what they ask for.
pub fn shortcuts(ctx: &egui::Context, ws: Option<&Workspace>) -> Vec<Intent> {
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for action in Action::ALL {
            let info = action.info();
            if info.scope != Scope::Window || (ws.is_none() && action.needs_project()) {
                continue;
            }
            for s in info.shortcuts.iter().filter(|s| !s.modifiers.is_none()) {
                if i.consume_shortcut(s) {
                    out.push(action.intent());
                    break;
                }
            }
        }
        // F1 needs no modifier but works anywhere.
        if i.key_pressed(Key::F1) {
            out.push(Action::KeyboardShortcuts.intent());
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
        // Single keys of the table (Enter, C, 0, Delete, Escape).
        for action in Action::ALL {
            let info = action.info();
            let single = info.shortcuts.iter().filter(|s| s.modifiers.is_none());
            for s in single {
                if s.logical_key == Key::F1 {
                    continue;
                }
                if pressed(s.logical_key) {
                    out.push(action.intent());
                    break;
                }
            }
        }
        for (n, k) in DIGITS.iter().enumerate() {
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
    });
    out
}

/// The number keys of pinned codes, 1 to 9.
pub const DIGITS: [Key; 9] = [
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
