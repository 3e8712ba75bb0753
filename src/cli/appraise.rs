//! `thema appraise`, `thema findings` and `thema checklist`: appraisal answers and review findings from CSV files, checklists from files.

use super::{DONE, find_reviewer, problems_found};
use crate::edit;
use crate::error::{Error, Result};
use crate::io::project_file;
use std::path::Path;
use std::process::ExitCode;

/// What a CSV file would change: the command (`None`: nothing), lines to
/// print before it is applied, and the summary printed after.
type Plan = (Option<crate::edit::Command>, Vec<String>, String);

/// Reads `from`, plans its change against the locked project with `plan`
/// (`Err` lists the file's problems: nothing changes, exit 1), applies
/// and saves it.
fn enter_from_csv(
    path: &Path,
    reviewer: &str,
    from: &Path,
    wait: bool,
    plan: impl FnOnce(
        &crate::model::Project,
        crate::model::ReviewerId,
        &str,
    ) -> std::result::Result<Plan, Vec<String>>,
) -> Result<ExitCode> {
    let text = std::fs::read_to_string(from)
        .map_err(|e| Error::Request(format!("cannot read {}: {e}", from.display())))?;
    let _lock = crate::io::lock::ProjectLock::acquire(path, wait)?;
    let loaded = project_file::load(path)?;
    let mut project = loaded.project;
    let who = find_reviewer(&project, reviewer)?;
    let (cmd, before, summary) = match plan(&project, who, &text) {
        Ok(p) => p,
        Err(problems) => {
            for line in &problems {
                eprintln!("{}: {line}", from.display());
            }
            eprintln!(
                "thema: {} in {}; the project was not changed.",
                crate::words::count(problems.len(), "problem", "problems"),
                from.display()
            );
            return Ok(problems_found());
        }
    };
    let Some(cmd) = cmd else {
        println!(
            "{} holds nothing to enter; the project was not changed.",
            from.display()
        );
        return Ok(DONE);
    };
    for line in before {
        println!("{line}");
    }
    edit::apply(&mut project, cmd)?;
    project_file::save_checked(&project, path, Some(&loaded.hash))?;
    println!("{summary} in {}", path.display());
    Ok(DONE)
}

pub(super) fn appraise(path: &Path, reviewer: &str, from: &Path, wait: bool) -> Result<ExitCode> {
    enter_from_csv(path, reviewer, from, wait, |p, who, text| {
        let planned = crate::io::appraisal_csv::plan(p, who, text)?;
        let name = p
            .reviewer(who)
            .map_or_else(|| reviewer.to_owned(), |r| r.name.clone());
        Ok((
            planned.command,
            planned
                .added_checklists
                .iter()
                .map(|n| format!("added the checklist {n} to the project"))
                .collect(),
            format!(
                "{} of {name} entered ({} replacing earlier ones)",
                crate::words::count(planned.answers, "answer", "answers"),
                planned.replaced
            ),
        ))
    })
}

/// `thema checklist`: lists the checklists, imports one or exports one.
pub(super) fn checklist(
    path: &Path,
    import: Option<&Path>,
    export: Option<(String, std::path::PathBuf)>,
    wait: bool,
) -> Result<ExitCode> {
    use crate::io::checklist_file;
    use crate::model::appraisal::bundled;
    if let Some(file) = import {
        let text = std::fs::read_to_string(file)
            .map_err(|e| Error::Request(format!("cannot read {}: {e}", file.display())))?;
        let checklist = checklist_file::from_text(&text)
            .map_err(|e| Error::Request(format!("{}: {e}", file.display())))?;
        let _lock = crate::io::lock::ProjectLock::acquire(path, wait)?;
        let loaded = project_file::load(path)?;
        let mut project = loaded.project;
        let done = checklist_file::import(&project, checklist);
        if let Some(cmd) = done.command {
            edit::apply(&mut project, cmd)?;
            project_file::save_checked(&project, path, Some(&loaded.hash))?;
        }
        println!("{} (id {})", done.message, done.checklist.id);
        return Ok(DONE);
    }
    let project = project_file::load(path)?.project;
    let mut all = project.appraisal.checklists.clone();
    let in_project = all.len();
    all.extend(
        bundled()
            .into_iter()
            .filter(|b| project.appraisal.checklist(&b.id).is_none()),
    );
    if let Some((id, to)) = export {
        let Some(c) = all.iter().find(|c| c.id == id) else {
            let ids: Vec<&str> = all.iter().map(|c| c.id.as_str()).collect();
            return Err(Error::Request(format!(
                "no checklist has the id {id}; there are: {}",
                ids.join(", ")
            )));
        };
        project_file::check_output(&to, &[path], false)?;
        project_file::write_atomic(&to, checklist_file::to_text(c).as_bytes(), false)?;
        println!("wrote the checklist {} to {}", c.name, to.display());
        return Ok(DONE);
    }
    for (n, c) in all.iter().enumerate() {
        let whence = if n < in_project {
            "in the project"
        } else {
            "bundled"
        };
        println!(
            "{}\t{}\t{} items\t{}",
            c.id,
            c.title(),
            c.items.len(),
            whence
        );
    }
    Ok(DONE)
}

/// `thema findings`: review findings and assessments from a CSV file.
pub(super) fn findings(path: &Path, reviewer: &str, from: &Path, wait: bool) -> Result<ExitCode> {
    enter_from_csv(path, reviewer, from, wait, |p, who, text| {
        let planned = crate::io::findings_csv::plan(p, who, text)?;
        Ok((
            planned.command,
            Vec::new(),
            format!(
                "{} added, {} updated, {} entered",
                crate::words::count(planned.added, "finding", "findings"),
                planned.updated,
                crate::words::count(planned.assessed, "assessment", "assessments")
            ),
        ))
    })
}
