//! `thema appraise`: one reviewer's appraisal answers from a CSV file.

use super::{DONE, find_reviewer, problems_found};
use crate::edit;
use crate::error::{Error, Result};
use crate::io::project_file;
use std::path::Path;
use std::process::ExitCode;

pub(super) fn appraise(path: &Path, reviewer: &str, from: &Path, wait: bool) -> Result<ExitCode> {
    let text = std::fs::read_to_string(from)
        .map_err(|e| Error::Request(format!("cannot read {}: {e}", from.display())))?;
    let _lock = crate::io::lock::ProjectLock::acquire(path, wait)?;
    let loaded = project_file::load(path)?;
    let mut project = loaded.project;
    let who = find_reviewer(&project, reviewer)?;
    let planned = match crate::io::appraisal_csv::plan(&project, who, &text) {
        Ok(p) => p,
        Err(problems) => {
            for line in &problems {
                eprintln!("{}: {line}", from.display());
            }
            eprintln!(
                "thema: {} problem(s) in {}; the project was not changed.",
                problems.len(),
                from.display()
            );
            return Ok(problems_found());
        }
    };
    let Some(cmd) = planned.command else {
        println!(
            "{} holds no answers; the project was not changed.",
            from.display()
        );
        return Ok(DONE);
    };
    for name in &planned.added_checklists {
        println!("added the checklist {name} to the project");
    }
    edit::apply(&mut project, cmd)?;
    project_file::save_checked(&project, path, Some(&loaded.hash))?;
    let name = project
        .reviewer(who)
        .map_or_else(|| reviewer.to_owned(), |r| r.name.clone());
    println!(
        "{} answer(s) of {name} entered ({} replacing earlier ones) in {}",
        planned.answers,
        planned.replaced,
        path.display()
    );
    Ok(DONE)
}
