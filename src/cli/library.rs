//! `thema import-references` and `thema export-references`: the included
//! studies from and to a reference manager.

use super::DONE;
use super::commands::OrderArg;
use crate::edit;
use crate::error::{Error, Result};
use crate::io::{library, project_file};
use std::path::Path;
use std::process::ExitCode;

pub(super) fn import_references(
    path: &Path,
    file: &Path,
    order: OrderArg,
    dry_run: bool,
    wait: bool,
) -> Result<ExitCode> {
    let _lock = crate::io::lock::ProjectLock::acquire(path, wait)?;
    let (mut project, hash) = super::load_or_new(path)?;
    let order = match order {
        OrderArg::File => library::Order::File,
        OrderArg::AuthorYear => library::Order::AuthorYear,
    };
    let (plan, done) = library::import_export(&project, file, order).map_err(Error::Request)?;
    say!("{}", plan.summary());
    for u in &plan.updates {
        say!("update {}:", u.study);
        for c in &u.changes {
            if c.old.is_empty() {
                say!("  {}: {}", c.field, c.new);
            } else {
                say!("  {}: {} → {}", c.field, c.old, c.new);
            }
        }
    }
    for line in &done.lines {
        say!("  - {line}");
    }
    if dry_run {
        say!("Nothing was changed (--dry-run).");
        return Ok(DONE);
    }
    if done.added == 0 && done.updated == 0 {
        say!("Nothing to add or update; the project was not changed.");
        return Ok(DONE);
    }
    let summary = done.summary();
    edit::apply(&mut project, done.command)?;
    project_file::save_checked(&project, path, hash.as_deref())?;
    say!("{summary} Saved to {}", path.display());
    Ok(DONE)
}

pub(super) fn export_references(path: &Path, to: &Path, force: bool) -> Result<ExitCode> {
    project_file::check_output(to, &[path], force)?;
    let project = project_file::load(path)?.project;
    let ext = to
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let csl = match ext.as_str() {
        "ris" => false,
        "json" => true,
        _ => {
            return Err(Error::Request(format!(
                "write references to a .ris or .json (CSL-JSON) file, not {}",
                to.display()
            )));
        }
    };
    let text = library::export(&project, csl);
    crate::io::project_file::write_atomic(to, text.as_bytes(), false)?;
    say!(
        "Wrote {} to {}",
        crate::words::count(project.documents.len(), "study", "studies"),
        to.display()
    );
    Ok(DONE)
}
