//! The command table: every user action the window offers by menu or key
//! is declared here once — its label, its shortcut (Cmd on macOS, Ctrl
//! elsewhere, through egui's `Modifiers::COMMAND`) and its tooltip. The
//! menus, the key handling and the shortcut overlay (*Help › Keyboard
//! shortcuts*, F1) all read this table, so a label or key is changed in
//! one place and the three can never disagree.

use crate::ui::Intent;
use egui::{Key, KeyboardShortcut, Modifiers};

/// A user action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    NewProject,
    Open,
    Save,
    SaveAs,
    ProjectSettings,
    ImportDocuments,
    ImportQdpx,
    ImportReferences,
    ExportForReviewer,
    MergeReviewerFile,
    CloseProject,
    Quit,
    Undo,
    Redo,
    CodeSelection,
    NoCategory,
    DeleteCoding,
    ClearSelection,
    EditAttributes,
    EditCategories,
    Reviewers,
    AddTopLevelCode,
    MemosAndSets,
    GoToPage,
    SearchAll,
    Find,
    KeyboardShortcuts,
    ToggleLeftPanel,
    ToggleRightPanel,
    FocusMode,
}

/// Where a shortcut works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere in the window (it has a modifier).
    Window,
    /// While coding, when no text field has the keyboard (single keys).
    Coding,
}

/// How an action is shown and reached.
pub struct Info {
    pub label: &'static str,
    /// Its keys; the first is the one menus show.
    pub shortcuts: &'static [KeyboardShortcut],
    pub tooltip: &'static str,
    pub scope: Scope,
}

const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            alt: false,
            ctrl: false,
            shift: true,
            mac_cmd: false,
            command: true,
        },
        key,
    )
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

impl Action {
    /// Every action, in the order the shortcut overlay lists them. Actions
    /// whose shortcuts share a key come with the more specific one first
    /// (Ctrl+Shift+S before Ctrl+S), as keys are matched in this order.
    pub const ALL: [Action; 30] = [
        Action::NewProject,
        Action::Open,
        Action::SaveAs,
        Action::Save,
        Action::ProjectSettings,
        Action::ImportDocuments,
        Action::ImportQdpx,
        Action::ImportReferences,
        Action::ExportForReviewer,
        Action::MergeReviewerFile,
        Action::CloseProject,
        Action::Quit,
        Action::Redo,
        Action::Undo,
        Action::CodeSelection,
        Action::NoCategory,
        Action::DeleteCoding,
        Action::ClearSelection,
        Action::EditAttributes,
        Action::EditCategories,
        Action::Reviewers,
        Action::AddTopLevelCode,
        Action::MemosAndSets,
        Action::GoToPage,
        Action::SearchAll,
        Action::Find,
        Action::KeyboardShortcuts,
        Action::ToggleLeftPanel,
        Action::ToggleRightPanel,
        Action::FocusMode,
    ];

    pub fn info(self) -> Info {
        use Action::*;
        let w = Scope::Window;
        let (label, shortcuts, tooltip, scope): (_, &'static [KeyboardShortcut], _, _) = match self
        {
            NewProject => (
                "New project",
                const { &[cmd(Key::N)] },
                "Start an empty review",
                w,
            ),
            Open => (
                "Open project…",
                const { &[cmd(Key::O)] },
                "Open a Thema project file",
                w,
            ),
            Save => (
                "Save",
                const { &[cmd(Key::S)] },
                "Save the project (the previous version is kept as .bak)",
                w,
            ),
            SaveAs => (
                "Save as…",
                const { &[cmd_shift(Key::S)] },
                "Save the project under another name",
                w,
            ),
            ImportReferences => (
                "Import from a reference manager…",
                &[],
                "Add the included studies from a Zotero, EndNote or Mendeley export (RIS, BibTeX, CSL-JSON, EndNote XML) with their PDFs",
                w,
            ),
            GoToPage => (
                "Go to page…",
                const { &[cmd(Key::G)] },
                "Show a page of the open PDF document",
                w,
            ),
            Find => (
                "Find…",
                const { &[cmd(Key::F)] },
                "Find words in the open document; code the hits",
                w,
            ),
            SearchAll => (
                "Search all documents…",
                const { &[cmd_shift(Key::F)] },
                "Find words in every document; code all hits in one step",
                w,
            ),
            MemosAndSets => (
                "Memos…",
                const { &[cmd(Key::M)] },
                "Every memo — on the project, documents, codes and passages — to read, filter, write and export; and the code sets",
                w,
            ),
            ProjectSettings => (
                "Project settings…",
                &[],
                "The project's name, used in the title bar, reports and file names",
                w,
            ),
            ImportDocuments => (
                "Import documents…",
                const { &[cmd(Key::I)] },
                "Import PDF, TXT or MD files (or drop them on the window)",
                w,
            ),
            ImportQdpx => (
                "Import REFI-QDA project (.qdpx)…",
                &[],
                "Open a project from NVivo, ATLAS.ti, MAXQDA, QualCoder…",
                w,
            ),
            ExportForReviewer => (
                "Export for second reviewer…",
                &[],
                "A copy with blind coding on, to send to a second reviewer",
                w,
            ),
            MergeReviewerFile => (
                "Merge reviewer file…",
                &[],
                "Bring a second reviewer's file back into this project",
                w,
            ),
            CloseProject => (
                "Close project",
                &[],
                "Close the project (Thema asks about unsaved changes)",
                w,
            ),
            Quit => (
                "Quit",
                const { &[cmd(Key::Q)] },
                "Close Thema (it asks about unsaved changes)",
                w,
            ),
            Undo => ("Undo", const { &[cmd(Key::Z)] }, "Undo the last change", w),
            Redo => (
                "Redo",
                const { &[cmd_shift(Key::Z), cmd(Key::Y)] },
                "Redo the last undone change",
                w,
            ),
            CodeSelection => (
                "Code selection…",
                const { &[cmd(Key::K), plain(Key::Enter), plain(Key::C)] },
                "Pick a code for the selected text, or a new code for the selected coding",
                w,
            ),
            NoCategory => (
                "No category",
                const { &[plain(Key::Num0)] },
                "The next coding (or the selected one) gets no category",
                Scope::Coding,
            ),
            DeleteCoding => (
                "Delete coding",
                const { &[plain(Key::Delete), plain(Key::Backspace)] },
                "Delete the selected coding",
                Scope::Coding,
            ),
            ClearSelection => (
                "Clear selection",
                const { &[plain(Key::Escape)] },
                "Drop the text selection and the selected coding",
                Scope::Coding,
            ),
            EditAttributes => (
                "Document attributes…",
                &[],
                "Define the attributes that describe each study (year, study type…)",
                w,
            ),
            EditCategories => (
                "Categories…",
                &[],
                "Barrier, facilitator, need, recommendation — names, colours, keys",
                w,
            ),
            Reviewers => (
                "Reviewers…",
                &[],
                "Who is coding; add or rename reviewers",
                w,
            ),
            AddTopLevelCode => ("Add top-level code", &[], "Add a theme to the codebook", w),
            KeyboardShortcuts => (
                "Keyboard shortcuts",
                const { &[plain(Key::F1)] },
                "Every shortcut of the window",
                w,
            ),
            ToggleLeftPanel => (
                "Documents and codebook panel",
                const { &[plain(Key::F7)] },
                "Show the left panel, or fold it to a strip of icons to give the text more room",
                Scope::Coding,
            ),
            ToggleRightPanel => (
                "Tables panel",
                const { &[plain(Key::F8)] },
                "Show the tables panel, or fold it to a strip of icons",
                Scope::Coding,
            ),
            FocusMode => (
                "Focus on the text",
                const { &[plain(Key::F9)] },
                "Only the text (code with the keys and the code picker, Enter); F9 again brings the panels back",
                Scope::Coding,
            ),
        };
        Info {
            label,
            shortcuts,
            tooltip,
            scope,
        }
    }

    /// What the action asks the app to do.
    pub fn intent(self) -> Intent {
        use Action::*;
        match self {
            NewProject => Intent::NewProject,
            Open => Intent::OpenDialog,
            Save => Intent::Save,
            SaveAs => Intent::SaveAs,
            ProjectSettings => Intent::ProjectSettings,
            ImportDocuments => Intent::ImportDialog,
            ImportQdpx => Intent::ImportQdpxDialog,
            ImportReferences => Intent::ImportReferencesDialog,
            ExportForReviewer => Intent::ExportForReviewerDialog,
            MergeReviewerFile => Intent::MergeDialog,
            CloseProject => Intent::CloseProject,
            Quit => Intent::Quit,
            Undo => Intent::Undo,
            Redo => Intent::Redo,
            CodeSelection => Intent::OpenPicker,
            NoCategory => Intent::NoCategoryKey,
            DeleteCoding => Intent::DeleteSelectedCoding,
            ClearSelection => Intent::ClearSelection,
            EditAttributes => Intent::EditAttributes,
            EditCategories => Intent::EditCategories,
            Reviewers => Intent::ChooseReviewer,
            AddTopLevelCode => Intent::AddCode(None),
            MemosAndSets => Intent::ShowMemos,
            GoToPage => Intent::GoToPageDialog,
            Find => Intent::Find { all: false },
            SearchAll => Intent::Find { all: true },
            KeyboardShortcuts => Intent::ShowShortcuts,
            ToggleLeftPanel => Intent::TogglePanel(crate::ui::intent::Side::Left),
            ToggleRightPanel => Intent::TogglePanel(crate::ui::intent::Side::Right),
            FocusMode => Intent::ToggleFocus,
        }
    }

    /// Needs an open project.
    pub fn needs_project(self) -> bool {
        !matches!(
            self,
            Action::NewProject
                | Action::Open
                | Action::ImportQdpx
                | Action::Quit
                | Action::KeyboardShortcuts
        )
    }

    /// The first shortcut as this platform writes it ("Ctrl+S", "⌘S").
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.info()
            .shortcuts
            .first()
            .map(|s| ctx.format_shortcut(s))
    }

    /// Every shortcut, written out: "Ctrl+Shift+Z or Ctrl+Y".
    pub fn all_shortcuts_text(self, ctx: &egui::Context) -> String {
        self.info()
            .shortcuts
            .iter()
            .map(|s| ctx.format_shortcut(s))
            .collect::<Vec<_>>()
            .join(" or ")
    }

    /// A menu entry for this action: label, shortcut on the right, tooltip.
    /// Returns the action's intent when clicked.
    pub fn menu_button(self, ui: &mut egui::Ui, enabled: bool) -> Option<Intent> {
        let info = self.info();
        let mut button = egui::Button::new(info.label);
        if let Some(text) = self.shortcut_text(ui.ctx()) {
            button = button.shortcut_text(text);
        }
        let clicked = ui
            .add_enabled(enabled, button)
            .on_hover_text(info.tooltip)
            .clicked();
        clicked.then(|| self.intent())
    }
}
