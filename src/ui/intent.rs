//! What a panel asks the app to do. Panels never change the project
//! themselves: they return intents, which `app.rs` applies after the frame.

use crate::edit::Command;
use crate::model::{CategoryId, CodeId, CodingId, DocId, ReviewerId};
use std::path::PathBuf;

/// A side panel of the main window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

#[derive(Clone, Debug)]
pub enum Intent {
    /// Fold a side panel to its strip of icons, or open it again.
    TogglePanel(Side),
    /// Focus mode: the text alone (panels folded) or everything back.
    ToggleFocus,
    /// Apply a project change with an undo label.
    Apply(String, Command),
    /// A change made by typing in a field: folds into the previous step of the same label.
    ApplyTyping(String, Command),
    NewProject,
    /// Open an autosaved project that never had a file.
    RestoreUntitled(Box<crate::model::Project>),
    OpenDialog,
    Open(PathBuf),
    Save,
    /// Save, then (once the file is safely written) do this.
    SaveThen(Box<Intent>),
    /// The reviewer chose "Don't save": drop the unsaved changes (and their
    /// autosaved copy) and do this.
    DiscardChangesThen(Box<Intent>),
    SaveAs,
    CloseProject,
    Quit,
    ImportDialog,
    Import(Vec<PathBuf>),
    CancelImport,
    LoadTemplate(usize),
    LoadTemplateFile,
    Undo,
    Redo,
    OpenDocument(DocId),
    JumpToCoding(CodingId),
    SelectCode(Option<CodeId>),
    SelectCoding(Option<CodingId>),
    /// Drop the text selection and the selected coding (Escape).
    ClearSelection,
    /// Code the current text selection (with the current category).
    ApplyCode(CodeId),
    OpenPicker,
    /// Choose the category of the next coding (`None`: No category).
    SetCategory(Option<CategoryId>),
    /// No category for the selected coding or the next one (key 0).
    NoCategoryKey,
    SetRequireCategory(bool),
    /// File › Project settings…
    ProjectSettings,
    /// View › Memos and code sets.
    ShowMemos,
    /// View › Go to page: ask which.
    GoToPageDialog,
    /// Scroll the open document to where this page (1-based) starts.
    GoToPage(usize),
    /// Change the category of the selected coding, or of the next one.
    CategoryKey(CategoryId),
    DeleteCoding(CodingId),
    /// Delete the selected coding (when no text is selected).
    DeleteSelectedCoding,
    /// Help › Keyboard shortcuts (F1).
    ShowShortcuts,
    CodingMemo(CodingId),
    AskDeleteCode(CodeId),
    EditCode(CodeId),
    AddCode(Option<CodeId>),
    ChooseReviewer,
    SetCodingAs(ReviewerId),
    EditAttributes,
    EditCategories,
    SetFontSize(f32),
    /// Draw and export charts in the project's colours or a colour-blind-safe palette.
    SetChartPalette(crate::io::report::chart::Palette),
    SetScopeReviewers(crate::analysis::ReviewerView),
    SetScopeDocs(crate::analysis::DocFilter),
    SetTableOptions(crate::analysis::TableOptions),
    /// What the Matrices tab shows.
    SetMatrixOptions(crate::analysis::matrices::MatrixOptions),
    /// Draft the summaries of these framework-matrix cells (study, theme)
    /// from their passages, never over a reviewer's summary.
    DraftCharts(Vec<(DocId, CodeId)>),
    /// Mark a code as part of the a-priori framework or emergent.
    SetCodeOrigin(CodeId, Option<crate::model::codebook::Origin>),
    /// List the documents or passages behind a number in a table.
    ShowBehind {
        title: String,
        behind: crate::ui::grid::Behind,
    },
    /// Save a table (`all` = every table) in a format.
    Export {
        table: String,
        format: crate::io::report::Format,
    },
    /// Save chart 0 (themes) or 1 (categories) as SVG or PNG, for the
    /// screen or a journal column width (PNG at 300 dpi then).
    ExportChart {
        chart: usize,
        png: bool,
        size: crate::io::report::chart::ChartSize,
    },
    ShowError(String),
    /// Open a disagreement: its document, both reviewers overlaid, at a position.
    OpenDisagreement {
        doc: DocId,
        at: usize,
        a: ReviewerId,
        b: ReviewerId,
    },
    SetViewFilter(crate::session::ViewFilter),
    MergeDialog,
    /// Merge the version of the project that another program wrote.
    MergeFromDisk,
    /// That version (with this hash) is now merged in: saving may replace it.
    DiskVersionMerged(String),
    /// File > Export as REFI-QDA: a project (.qdpx) or codebook (.qdc).
    ExportRefi(RefiExport),
    ImportQdpxDialog,
    ImportQdcDialog,
    /// Appraisal › Checklists › Import: pick a checklist file and add it.
    ImportChecklistDialog,
    /// Write the checklist with this id (the project's or bundled) to a file.
    ExportChecklist(String),
    /// Edit › Find (false: the open document) or Search all documents.
    Find {
        all: bool,
    },
    /// Show a search hit: open its document and select the hit.
    ShowHit(DocId, usize, usize),
    /// Code search hits as one step, each widened to `extent`.
    CodeHits {
        hits: Vec<(DocId, usize, usize)>,
        code: CodeId,
        category: Option<CategoryId>,
        extent: crate::edit::code_hits::Extent,
    },
    /// File › Import from a reference manager: pick an export.
    ImportReferencesDialog,
    /// Read and plan this export (shows the plan).
    OpenReferenceExport(PathBuf),
    /// Number the planned studies this way.
    ReferenceOrder(crate::io::library::Order),
    /// Go ahead with the shown plan.
    ImportReferences,
    /// Write a memo (stamped with who is coding and now); `typing` folds
    /// keystrokes into one undo step.
    WriteMemo {
        about: crate::model::memos::About,
        id: Option<crate::model::MemoId>,
        title: String,
        text: String,
        typing: bool,
    },
    /// Open the memo about this in the Memos window.
    EditMemo(crate::model::memos::About),
    /// Write the memos this filter shows to an audit file.
    ExportMemos(crate::model::memos::Filter),
    /// Pick a file to become the text of a study that has none.
    AttachTextDialog(DocId),
    /// Read `path` as the text of that study.
    AttachText(DocId, PathBuf),
    /// File › Export studies as RIS (false) or CSL-JSON (true).
    ExportReferences {
        csl: bool,
    },
    ExportForReviewerDialog,
    ExportForReviewer {
        include_codings: bool,
    },
}

/// What File › Exchange (REFI-QDA) exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefiExport {
    /// The project, positions in Unicode characters (the standard).
    Project,
    /// The project, positions in UTF-16 units (as NVivo counts them).
    ProjectForNvivo,
    /// The codebook only (.qdc).
    Codebook,
}
