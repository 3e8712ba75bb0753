//! Thema's errors. Each area of the core has its own error type — a
//! project file that could not be opened or saved, a lock held by someone
//! else, an edit that does not fit, an exchange file, a PDF, a report —
//! and `Error` gathers them for callers that handle every failure in one
//! place (the command line maps it to its exit code). Every message is a
//! sentence a reviewer can act on.

use crate::edit::EditError;
use crate::io::docx::DocxError;
use crate::io::import::ImportError;
use crate::io::lock::LockError;
use crate::io::pdf::PdfError;
use crate::io::project_file::{OutputError, ProjectFileError};
use crate::io::refi::RefiError;
use crate::io::report::ReportError;
use crate::io::template::TemplateError;
use crate::model::validate::Problem;
use std::path::PathBuf;

/// Any failure of the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    ProjectFile(#[from] ProjectFileError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error(transparent)]
    Exchange(#[from] RefiError),
    #[error(transparent)]
    Docx(#[from] DocxError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// A project whose contents do not fit together (codings of missing
    /// codes, a code cycle…): its output would silently miss things.
    #[error("{}", damaged(path, problems))]
    Damaged {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    #[error("the project has no reviewer '{0}'")]
    UnknownReviewer(String),
    #[error("the project has no attribute named '{0}'")]
    UnknownAttribute(String),
    /// A request that does not fit the project; the sentence says how to
    /// ask instead.
    #[error("{0}")]
    Request(String),
}

/// A `Result` whose error is any failure of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn damaged(path: &std::path::Path, problems: &[Problem]) -> String {
    use std::fmt::Write as _;
    let mut msg = format!(
        "{} has {}, so its output would be incomplete:",
        path.display(),
        crate::words::count(problems.len(), "problem", "problems")
    );
    for pr in problems.iter().take(20) {
        let _ = write!(msg, "\n  - {pr}");
    }
    if problems.len() > 20 {
        let _ = write!(msg, "\n  … and {} more", problems.len() - 20);
    }
    let _ = write!(
        msg,
        "\nRepair it first with `thema check --repair {}`, or add --force to repair a copy in memory for this output only.",
        path.display()
    );
    msg
}
