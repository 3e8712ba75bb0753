//! `thema search`: every hit of a pattern in the documents, and with
//! `--code` the coding of all of them as one change.

use super::{DONE, find_reviewer, problems_found};
use crate::analysis::search::{self, Matcher, Query};
use crate::edit;
use crate::edit::code_hits::{self, Extent};
use crate::error::{Error, Result};
use crate::io::project_file;
use std::path::Path;
use std::process::ExitCode;

/// What `thema search` was asked.
pub struct SearchArgs {
    pub query: Query,
    pub code: Option<String>,
    pub category: Option<String>,
    pub extend: String,
    pub reviewer: Option<String>,
    pub wait: bool,
}

pub(super) fn search_cmd(path: &Path, args: &SearchArgs) -> Result<ExitCode> {
    let matcher = Matcher::new(&args.query).map_err(Error::Request)?;
    let extent = Extent::parse(&args.extend).ok_or_else(|| {
        Error::Request(format!(
            "--extend takes match, sentence or paragraph, not \u{201c}{}\u{201d}",
            args.extend
        ))
    })?;
    // Coding needs the lock before reading, so no one writes in between.
    let _lock = match args.code {
        Some(_) => Some(crate::io::lock::ProjectLock::acquire(path, args.wait)?),
        None => None,
    };
    let loaded = project_file::load(path)?;
    let mut project = loaded.project;
    let ids: Vec<_> = project.documents.iter().map(|d| d.id).collect();
    let found = search::search(&project, &ids, &matcher);
    for h in &found.hits {
        let Some(d) = project.document(h.doc) else {
            continue;
        };
        let page = h.page.map(|p| format!(" p. {p}")).unwrap_or_default();
        say!(
            "[{}] {}{page}: …{}[{}]{}…",
            d.reference,
            d.short_ref_or_title(),
            h.before,
            h.matched,
            h.after
        );
    }
    say!("{}.", found.summary());
    let Some(code_word) = &args.code else {
        return Ok(if found.hits.is_empty() {
            problems_found()
        } else {
            DONE
        });
    };
    let code = project.codebook.find(code_word).map_err(Error::Request)?;
    let category =
        match &args.category {
            Some(c) => Some(project.category_by_name(c).ok_or_else(|| {
                Error::Request(format!("no category is named \u{201c}{c}\u{201d}"))
            })?),
            None => None,
        };
    let reviewer = match (&args.reviewer, project.reviewers.as_slice()) {
        (Some(word), _) => find_reviewer(&project, word)?,
        (None, [one]) => one.id,
        (None, _) => {
            return Err(Error::Request(
                "say who codes with --as NAME (the project has more than one reviewer, or none)"
                    .into(),
            ));
        }
    };
    let hits: Vec<_> = found.hits.iter().map(|h| (h.doc, h.start, h.end)).collect();
    let done = code_hits::code_hits(&project, &hits, code, category, reviewer, extent);
    let name = project.codebook.name(code);
    let summary = done.summary(&name);
    if done.added > 0 {
        edit::apply(&mut project, done.command)?;
        project_file::save_checked(&project, path, Some(&loaded.hash))?;
    }
    if done.added > 0 {
        say!("{summary} Saved to {}", path.display());
    } else {
        say!("{summary} The project was not changed.");
    }
    if found.truncated {
        warn!(
            "thema: only the first {} hits were coded; narrow the search and run it again for the rest.",
            search::MAX_HITS
        );
    }
    Ok(DONE)
}
