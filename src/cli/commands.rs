//! The subcommands of `thema` and their options.

use super::ReportArgs;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum CliCommand {
    /// Validate a project and print what it holds; exit 1 if it has problems.
    Check {
        project: PathBuf,
        /// Fix what can be fixed without losing anything (orphans go to "Lost and found"), and save.
        #[arg(long)]
        repair: bool,
        /// With --repair: if the project is open elsewhere, wait until it is free.
        #[arg(long)]
        wait: bool,
    },
    /// Add documents (PDF, TXT, MD) to a project, creating it if missing.
    /// A file already in the project unchanged is skipped; a changed one
    /// replaces its old version, its codings moved to where their passages are now.
    Import {
        project: PathBuf,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Import every file as a new document, even one already in the project.
        #[arg(long)]
        allow_duplicates: bool,
        /// If the project is open elsewhere, wait until it is free.
        #[arg(long)]
        wait: bool,
    },
    /// Worker: prints the text of a PDF as JSON (run by the importer in its own process).
    #[command(name = "__extract-pdf", hide = true)]
    ExtractPdf { file: PathBuf },
    /// Export to REFI-QDA: a .qdpx project or a .qdc codebook.
    Export {
        project: PathBuf,
        #[arg(long, value_enum)]
        format: ExchangeArg,
        /// How selection positions are counted: chars (Unicode characters,
        /// the REFI-QDA standard) or utf16 (UTF-16 units, for files meant
        /// for NVivo).
        #[arg(long, value_enum, default_value = "chars")]
        offsets: OffsetsArg,
        #[arg(short, long)]
        output: PathBuf,
        /// Write even where the output is a project file (or its .bak).
        #[arg(long)]
        force: bool,
    },
    /// Add the codes of a REFI-QDA .qdc codebook (from ATLAS.ti, MAXQDA,
    /// NVivo, Taguette…) to a project, creating it if missing. A code with
    /// the same name in the same place in the tree is the same code.
    #[command(name = "import-qdc")]
    ImportQdc {
        project: PathBuf,
        input: PathBuf,
        /// If the project is open elsewhere, wait until it is free.
        #[arg(long)]
        wait: bool,
    },
    /// Import a REFI-QDA .qdpx project (from NVivo, ATLAS.ti, MAXQDA, QualCoder…).
    #[command(name = "import-qdpx")]
    ImportQdpx {
        input: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        /// Replace an existing project file at the output path.
        #[arg(long)]
        force: bool,
        /// If the output project is open elsewhere, wait until it is free.
        #[arg(long)]
        wait: bool,
    },
    /// Merge a second reviewer's project file into a first (lossless, by id).
    Merge {
        first: PathBuf,
        second: PathBuf,
        /// Where to write the merged project.
        #[arg(short, long)]
        output: PathBuf,
        /// Replace an existing project file at the output path (e.g. FIRST itself).
        #[arg(long)]
        force: bool,
        /// If the output project is open elsewhere, wait until it is free.
        #[arg(long)]
        wait: bool,
    },
    /// Enter one reviewer's appraisal answers from a CSV file with the
    /// columns reference, checklist, item, answer, note (answers by key,
    /// label or symbol: yes, Y, "Can't tell"). A file with any bad row
    /// changes nothing and every problem is listed.
    Appraise {
        project: PathBuf,
        /// The reviewer whose answers these are (name, initials or id).
        #[arg(long)]
        reviewer: String,
        #[arg(long)]
        from: PathBuf,
        /// If the project is open elsewhere, wait until it is free.
        #[arg(long)]
        wait: bool,
    },
    /// Add or update review findings and one reviewer's GRADE-CERQual
    /// assessments from a CSV (columns in the README); a file with any bad
    /// row changes nothing and every problem is listed.
    Findings {
        project: PathBuf,
        #[arg(long)]
        from: PathBuf,
        /// Whose assessments these are (name, initials, id or "consensus").
        #[arg(long, default_value = "consensus")]
        reviewer: String,
        /// If the project is open elsewhere, wait until it is free.
        #[arg(long)]
        wait: bool,
    },
    /// List the project's appraisal checklists, add one from a checklist
    /// file (the format of assets/appraisal/*.ron), or write one to a file.
    Checklist {
        project: PathBuf,
        /// Add the checklist in this file to the project.
        #[arg(long, conflicts_with = "export")]
        import: Option<PathBuf>,
        /// Write the checklist with this id (project's or bundled) to --to.
        #[arg(long, requires = "to")]
        export: Option<String>,
        #[arg(long)]
        to: Option<PathBuf>,
        /// If the project is open elsewhere, wait until it is free.
        #[arg(long)]
        wait: bool,
    },
    /// Search every document's text and print the hits ("[7] p. 4 … text
    /// …"); with --code, code them (one undoable step in the window's
    /// history terms: one change saved to the project).
    Search {
        project: PathBuf,
        pattern: String,
        /// The pattern is a regular expression (Rust regex syntax).
        #[arg(long)]
        regex: bool,
        /// Only whole words.
        #[arg(long)]
        whole_word: bool,
        /// Upper and lower case differ.
        #[arg(long)]
        case_sensitive: bool,
        /// "e" also finds "é", "è", "ë".
        #[arg(long)]
        ignore_accents: bool,
        /// Code every hit with this code (name, path "Theme/Factor" or id).
        #[arg(long)]
        code: Option<String>,
        /// The category of the new codings (name or key letter).
        #[arg(long, requires = "code")]
        category: Option<String>,
        /// Widen each hit before coding it: match, sentence or paragraph.
        #[arg(long, requires = "code", default_value = "match")]
        extend: String,
        /// Who codes (name, initials or id); needed when the project has
        /// more than one reviewer.
        #[arg(long = "as", requires = "code")]
        reviewer: Option<String>,
        /// If the project is open elsewhere, wait until it is free.
        #[arg(long)]
        wait: bool,
    },
    /// Add the included studies from a reference manager's export (RIS,
    /// BibTeX, CSL-JSON or EndNote XML), reading each record's attached
    /// PDF; a record already in the project (same DOI, or title and year)
    /// updates it instead. Every record left out is named.
    ImportReferences {
        project: PathBuf,
        file: PathBuf,
        /// Number new studies in the file's order or by author and year.
        #[arg(long, value_enum, default_value = "file")]
        order: OrderArg,
        /// Show what would change; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// If the project is open elsewhere, wait until it is free.
        #[arg(long)]
        wait: bool,
    },
    /// Write the included studies as RIS (.ris) or CSL-JSON (.json).
    ExportReferences {
        project: PathBuf,
        #[arg(long)]
        to: PathBuf,
        /// Write even where the output is a project file (or its .bak).
        #[arg(long)]
        force: bool,
    },
    /// Print or write a table, or the whole report.
    Report {
        project: PathBuf,
        #[command(flatten)]
        args: ReportArgs,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Write even where the output is a project file (or its .bak).
        #[arg(long)]
        force: bool,
    },
}

/// What `thema export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExchangeArg {
    /// A whole project (.qdpx).
    Qdpx,
    /// The codebook only (.qdc).
    Qdc,
}

/// How `thema export` counts positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OffsetsArg {
    Chars,
    Utf16,
}

/// How `thema import-references` numbers new studies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OrderArg {
    File,
    AuthorYear,
}
