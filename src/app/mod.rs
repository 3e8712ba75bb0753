//! The eframe application: owns the open workspace, settings, dialogs and
//! the background import; lays out the panels, collects their intents and
//! applies them (as `Command`s) after the frame.

mod actions;
mod autosave;
mod export;
mod files;
mod keys;
mod library;
mod memos;
pub mod saving;

use crate::io::import::ImportJob;
use crate::session::{Status, Workspace};
use crate::settings::Settings;
use crate::ui::{self, Intent, dialogs::Dialog};
use std::path::PathBuf;

/// What the worker reading a REFI-QDA project answers.
pub type RefiAnswer = Result<
    (crate::model::Project, crate::io::refi::import::ImportReport),
    crate::io::refi::RefiError,
>;

pub struct ThemaApp {
    pub ws: Option<Workspace>,
    pub settings: Settings,
    /// Side panels being dragged to a new width (remembered as a share).
    panel_drag: PanelDrags,
    pub dialog: Option<Dialog>,
    pub import: Option<ImportJob>,
    /// A REFI-QDA project being read on a worker: its path and the answer.
    pub refi_import: Option<(PathBuf, std::sync::mpsc::Receiver<RefiAnswer>)>,
    /// Saves and autosaves being written in the background.
    pub saves: Vec<saving::SaveJob>,
    pub status: Option<Status>,
    pub picker: Option<ui::code_picker::CodePicker>,
    pub tables_ui: ui::tables::TablesUi,
    /// The documents or passages behind a clicked number.
    pub behind: Option<ui::behind_window::BehindList>,
    /// View › Memos and code sets, while open.
    pub memos_window: Option<ui::memos_window::MemosWindow>,
    /// Edit › Find / Search all documents, while open.
    pub search: Option<ui::search_window::SearchWindow>,
    /// A reference import in progress, and its plan while shown.
    pub library: Option<library::LibraryJob>,
    pub library_dialog: Option<ui::library_dialog::LibraryDialog>,
    pub codebook_ui: ui::codebook_panel::CodebookUi,
    pub docs_ui: ui::documents_panel::DocumentsUi,
    /// The document view's state (layout caches, scroll, selection) for
    /// the open workspace.
    pub doc_view: ui::document_view::DocView,
    pending: Vec<Intent>,
    last_title: String,
    /// Set once the user confirmed quitting with unsaved changes.
    allow_close: bool,
    /// True while an intent runs that the reviewer confirmed with "Don't
    /// save" (`Intent::DiscardChangesThen`): it proceeds without asking.
    discarding: bool,
    /// When unsaved work was last written to the recovery file.
    pub last_autosave: std::time::Instant,
    /// `THEMA_STARTUP_PROBE`: print the time to the first frame, then quit.
    startup_probe: Option<std::time::Instant>,
}

/// The category `me` last chose in any project, if this project has it;
/// else the project's first category is not assumed: `None` (No category).
pub fn last_category(
    settings: &Settings,
    p: &crate::model::Project,
    me: crate::model::ReviewerId,
) -> Option<crate::model::CategoryId> {
    settings
        .last_category
        .get(&me)
        .copied()
        .flatten()
        .filter(|c| p.category(*c).is_some())
}

/// The application icon, 256 × 256 PNG (`assets/linux/thema.png`).
pub const WINDOW_ICON: &[u8] = include_bytes!("../../assets/linux/thema.png");

/// Opens the window, on `project` if given.
pub fn run(project: Option<PathBuf>, references: Option<PathBuf>) -> eframe::Result {
    let started = std::time::Instant::now();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Thema")
        .with_inner_size([1360.0, 860.0])
        .with_min_inner_size([900.0, 560.0])
        .with_app_id("thema");
    // The window's icon (the same picture the desktop entry shows).
    if let Ok(icon) = eframe::icon_data::from_png_bytes(WINDOW_ICON) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Thema",
        options,
        Box::new(move |cc| {
            let mut app = ThemaApp::new(cc, Settings::load(), project);
            if let Some(export) = references {
                app.push(Intent::OpenReferenceExport(export));
            }
            if std::env::var_os("THEMA_STARTUP_PROBE").is_some() {
                app.startup_probe = Some(started);
            }
            Ok(Box::new(app))
        }),
    )
}

impl ThemaApp {
    /// Creates the app; `project` is opened at once if given.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        settings: Settings,
        project: Option<PathBuf>,
    ) -> Self {
        ui::style::apply(&cc.egui_ctx);
        let doc_view = ui::document_view::DocView::with_font_size(settings.font_size);
        let mut app = Self {
            ws: None,
            settings,
            panel_drag: PanelDrags::default(),
            dialog: None,
            import: None,
            refi_import: None,
            saves: Vec::new(),
            status: None,
            picker: None,
            tables_ui: Default::default(),
            behind: None,
            codebook_ui: Default::default(),
            docs_ui: Default::default(),
            doc_view,
            memos_window: None,
            search: None,
            library: None,
            library_dialog: None,
            pending: Vec::new(),
            last_title: String::new(),
            allow_close: false,
            discarding: false,
            startup_probe: None,
            last_autosave: std::time::Instant::now(),
        };
        match project {
            // A REFI-QDA project opens as a new, unsaved Thema project.
            Some(path)
                if path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("qdpx")) =>
            {
                app.import_qdpx(&path);
            }
            Some(path) => app.open_path(path),
            None => app.offer_untitled_recovery(),
        }
        app
    }

    /// Queues an intent, as a panel would.
    pub fn push(&mut self, intent: Intent) {
        self.pending.push(intent);
    }

    pub fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    /// A warning in the status bar (no dialog).
    pub fn set_status_error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    pub fn set_error(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.status = Some(Status {
            text: text.clone(),
            error: true,
        });
        self.dialog = Some(Dialog::Error(text));
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self
            .ws
            .as_ref()
            .map(Workspace::title)
            .unwrap_or_else(|| "Thema".into());
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) {
            // Never leave a half-written file behind: let running saves end.
            self.wait_for_saves();
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && self.ws.as_ref().is_some_and(|w| w.undo.is_dirty())
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::Unsaved {
                then: Box::new(Intent::Quit),
            });
        }
    }
}

impl eframe::App for ThemaApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.handle_close_request(&ctx);
        self.poll_import();
        self.poll_library();
        self.poll_refi_import(false);
        self.poll_saves();
        self.autosave_if_due();
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.push(Intent::Import(dropped));
        }

        let modal_open = self.dialog.is_some() || self.picker.is_some();
        let mut intents = std::mem::take(&mut self.pending);
        intents.extend(ui::top_bar::show(ui, self.ws.as_ref(), &self.settings));
        intents.extend(ui::top_bar::status_bar(
            ui,
            self.ws.as_ref(),
            self.status.as_ref(),
            self.import.as_ref(),
        ));

        if self.ws.is_some() {
            intents.extend(self.workspace_ui(ui));
        } else {
            intents.extend(ui::start_screen::show(ui, &self.settings));
        }
        if let Some(d) = &mut self.dialog {
            let mut open = true;
            intents.extend(d.show(&ctx, self.ws.as_ref(), &mut open));
            if !open {
                self.dialog = None;
            }
        }
        if let (Some(list), Some(ws)) = (&mut self.behind, &self.ws) {
            let mut open = true;
            intents.extend(list.show(&ctx, &ws.project, &mut open));
            if !open {
                self.behind = None;
            }
        }
        if let (Some(w), Some(ws)) = (&mut self.memos_window, &self.ws) {
            let mut open = true;
            intents.extend(w.show(&ctx, &ws.project, ws.selected_code, &mut open));
            if !open {
                self.memos_window = None;
            }
        }
        if let Some(d) = &mut self.library_dialog {
            let mut open = true;
            intents.extend(d.show(&ctx, &mut open));
            if !open
                && !intents
                    .iter()
                    .any(|i| matches!(i, Intent::ImportReferences))
            {
                self.library_dialog = None;
                self.library = None;
            }
        }
        if let (Some(w), Some(ws)) = (&mut self.search, &self.ws) {
            let mut open = true;
            intents.extend(w.show(&ctx, &ws.project, ws.open_doc, &mut open));
            if !open {
                self.search = None;
            }
        }
        self.doc_view.search_hits = match (&self.search, self.ws.as_ref().and_then(|w| w.open_doc))
        {
            (Some(w), Some(doc)) => (
                w.hits_in(doc),
                w.current_hit().filter(|h| h.0 == doc).map(|h| (h.1, h.2)),
            ),
            _ => (Vec::new(), None),
        };
        if let (Some(picker), Some(ws)) = (&mut self.picker, &self.ws) {
            let mut open = true;
            intents.extend(picker.show(&ctx, &ws.project, ws.category, &mut open));
            if !open {
                self.picker = None;
            }
        }
        if !modal_open && self.dialog.is_none() && self.picker.is_none() {
            intents.extend(keys::shortcuts(&ctx, self.ws.as_ref()));
        }
        if !intents.is_empty() {
            // Show the result at once: tables and views read the project
            // at the start of the next frame.
            ctx.request_repaint();
        }
        for intent in intents {
            self.handle(&ctx, intent);
        }
        self.sync_selection();
        self.update_title(&ctx);
        if let Some(started) = self.startup_probe.take() {
            eprintln!(
                "start_to_first_frame {:.1} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
            self.allow_close = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if let Some(line) = self.library_progress() {
            self.set_status(line);
        }
        if self.import.is_some() || self.refi_import.is_some() || self.library.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if self.is_saving() {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
    }
}

impl ThemaApp {
    /// Makes `workspace` the open project, with a fresh document view.
    pub fn set_workspace(&mut self, workspace: Workspace) {
        self.doc_view = ui::document_view::DocView::with_font_size(self.settings.font_size);
        self.ws = Some(workspace);
    }

    /// Copies the document view's selection into the workspace, where
    /// panels and commands read it.
    pub fn sync_selection(&mut self) {
        if let Some(ws) = &mut self.ws {
            ws.selected_range = self.doc_view.selected_range();
        }
    }

    fn workspace_ui(&mut self, ui: &mut egui::Ui) -> Vec<Intent> {
        let mut intents = Vec::new();
        let Some(ws) = self.ws.as_mut() else {
            return intents;
        };
        ws.refresh_tables();
        if self.tables_ui.tab == ui::tables::Tab::Summary {
            ws.refresh_summaries();
        }
        if self.tables_ui.tab == ui::tables::Tab::Matrices {
            ws.refresh_matrices();
        }
        // The text always keeps room to read: side panels may not be
        // dragged (or a small window shrunk) past what leaves it 360 px.
        let width = ui.available_width();
        let (left_max, right_max) = side_panel_limits(width);
        let layout = self.settings.layout.clone();
        // Panels keep their share of the window: a new window width starts
        // them again at that share (the width is part of their id).
        let wkey = width.round() as i64;
        let dragging = ui.input(|i| i.pointer.any_down());
        if layout.left_open() {
            let default = (layout.left_share.unwrap_or(LEFT_SHARE) * width)
                .clamp(250.0_f32.min(left_max), left_max);
            let r = egui::Panel::left(("left_panel", wkey))
                .resizable(true)
                .default_size(default)
                .size_range(180.0..=left_max)
                .show(ui, |ui| {
                    egui::Panel::top("documents_section")
                        .resizable(true)
                        .default_size(250.0)
                        .size_range(120.0..=600.0)
                        .show(ui, |ui| {
                            intents.extend(ui::documents_panel::show(ui, ws, &mut self.docs_ui));
                        });
                    intents.extend(ui::codebook_panel::show(ui, ws, &mut self.codebook_ui));
                });
            if let Some(share) =
                self.panel_drag
                    .left
                    .track(r.response.rect.width(), width, dragging)
            {
                self.settings.layout.left_share = Some(share);
                self.settings.save();
            }
        } else {
            fold_strip(ui, ui::intent::Side::Left, &mut intents);
        }
        if layout.right_open() {
            let default = (layout.right_share.unwrap_or(RIGHT_SHARE) * width)
                .clamp(320.0_f32.min(right_max), right_max);
            let r = egui::Panel::right(("right_panel", wkey))
                .resizable(true)
                .default_size(default)
                .size_range(220.0..=right_max)
                .show(ui, |ui| {
                    intents.extend(ui::tables::show(ui, ws, &mut self.tables_ui));
                });
            if let Some(share) =
                self.panel_drag
                    .right
                    .track(r.response.rect.width(), width, dragging)
            {
                self.settings.layout.right_share = Some(share);
                self.settings.save();
            }
        } else {
            fold_strip(ui, ui::intent::Side::Right, &mut intents);
        }
        egui::CentralPanel::default().show(ui, |ui| {
            intents.extend(ui::inspector::document_header(ui, ws, &mut self.docs_ui));
            intents.extend(ui::inspector::coding_bar(ui, ws));
            ui.separator();
            intents.extend(ui::inspector::document_body(ui, ws, &mut self.doc_view));
        });
        intents
    }
}

/// Notices a side panel dragged to a new width: the width is followed
/// while a pointer button is down in a window of unchanged size, and its
/// share of the window is given once the button is released.
#[derive(Default)]
pub struct PanelDrag {
    last: Option<(f32, f32)>,
    moved: bool,
}

impl PanelDrag {
    fn track(&mut self, w: f32, window: f32, down: bool) -> Option<f32> {
        let changed = self
            .last
            .is_some_and(|(lw, lwin)| (lwin - window).abs() < 0.5 && (lw - w).abs() > 0.5);
        self.last = Some((w, window));
        if down {
            self.moved |= changed;
            return None;
        }
        let done = std::mem::take(&mut self.moved);
        done.then_some(w / window)
    }
}

/// Both side panels' drag trackers.
#[derive(Default)]
pub struct PanelDrags {
    pub left: PanelDrag,
    pub right: PanelDrag,
}

impl ThemaApp {
    /// Folds a side panel to its strip or opens it; opening one from focus
    /// mode ends focus mode with only that panel open.
    fn toggle_panel(&mut self, side: ui::intent::Side) {
        use ui::intent::Side;
        let l = &mut self.settings.layout;
        if l.focus {
            l.focus = false;
            l.left_folded = side != Side::Left;
            l.right_folded = side != Side::Right;
        } else if side == Side::Left {
            l.left_folded = !l.left_folded;
        } else {
            l.right_folded = !l.right_folded;
        }
        self.settings.save();
    }

    /// Focus mode on or off, said in the status line.
    fn toggle_focus(&mut self) {
        self.settings.layout.focus = !self.settings.layout.focus;
        self.set_status(if self.settings.layout.focus {
            "Focus on the text: code with the category and number keys, or Enter for the code picker. F9 brings the panels back."
        } else {
            "The panels are back."
        });
        self.settings.save();
    }
}

/// The side panels' default shares of the window's width.
const LEFT_SHARE: f32 = 0.22;
const RIGHT_SHARE: f32 = 0.31;

/// A folded side panel: a strip of icons that opens it again.
fn fold_strip(ui: &mut egui::Ui, side: ui::intent::Side, out: &mut Vec<Intent>) {
    use ui::intent::Side;
    let panel = match side {
        Side::Left => egui::Panel::left("left_strip"),
        Side::Right => egui::Panel::right("right_strip"),
    };
    panel.resizable(false).exact_size(34.0).show(ui, |ui| {
        ui.add_space(6.0);
        let items: &[(&str, &str)] = match side {
            Side::Left => &[
                ("\u{1F4C4}", "Documents and codebook (F7)"),
                ("\u{2630}", "Codebook (F7)"),
            ],
            Side::Right => &[("\u{1F4CA}", "Tables (F8)"), ("\u{1F4CB}", "Matrices (F8)")],
        };
        for (icon, name) in items {
            let b = ui
                .add(egui::Button::new(egui::RichText::new(*icon).size(17.0)).frame(false))
                .on_hover_text(format!("Show the {}", name.to_lowercase()));
            b.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, *name));
            if b.clicked() {
                out.push(Intent::TogglePanel(side));
            }
            ui.add_space(4.0);
        }
    });
}

/// Widest the left and right panels may be in a window `width` wide, so
/// the document text between them keeps at least 360 points.
fn side_panel_limits(width: f32) -> (f32, f32) {
    const TEXT_MIN: f32 = 360.0;
    let room = (width - TEXT_MIN).max(400.0);
    let left = (room * 0.45).clamp(180.0, 520.0);
    let right = (room - left).clamp(220.0, 640.0);
    (left, right)
}

#[cfg(test)]
mod tests {
    use super::side_panel_limits;

    #[test]
    fn side_panels_always_leave_the_text_room_to_read() {
        for width in [1024.0_f32, 1280.0, 1440.0, 1920.0] {
            let (l, r) = side_panel_limits(width);
            assert!(width - l - r >= 360.0, "{width}: {l} + {r}");
        }
        assert_eq!(side_panel_limits(1024.0), (298.8, 365.2));
        assert_eq!(side_panel_limits(2560.0), (520.0, 640.0));
    }
}
