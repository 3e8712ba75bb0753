//! The headless command line: `thema check`, `thema import`, `thema report`.
//! Each subcommand returns its exit code; messages go to stdout/stderr.

use crate::analysis::{self, DocFilter, ReviewerView, Scope};
use crate::edit::{self, ops};
use crate::io::{import::ImportJob, project_file, report};
use crate::model::Project;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

/// Thema — a workbench for qualitative evidence synthesis.
#[derive(Parser, Debug)]
#[command(name = "thema", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<CliCommand>,
    /// A project file (*.thema.ron) to open in the window.
    pub project: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum CliCommand {
    /// Validate a project and print what it holds; exit 1 if it has problems.
    Check { project: PathBuf },
    /// Add documents (PDF, TXT, MD) to a project, creating it if missing.
    Import {
        project: PathBuf,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print or write a table.
    Report {
        project: PathBuf,
        /// Which table: prevalence.
        #[arg(long, default_value = "prevalence")]
        table: String,
        /// csv, md or json.
        #[arg(long, default_value = "csv")]
        format: report::Format,
        /// Only documents whose attribute has this value, e.g. "Group=Review article".
        #[arg(long)]
        filter: Option<String>,
        /// Only this reviewer's codings (name, initials or id), or "all".
        #[arg(long, default_value = "all")]
        reviewer: String,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// Runs a subcommand and returns the process exit code.
pub fn run(cmd: CliCommand) -> i32 {
    match cmd {
        CliCommand::Check { project } => check(&project),
        CliCommand::Import { project, files } => import(&project, files),
        CliCommand::Report {
            project,
            table,
            format,
            filter,
            reviewer,
            output,
        } => {
            match report_cmd(
                &project,
                &table,
                format,
                filter.as_deref(),
                &reviewer,
                output.as_deref(),
            ) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("thema: {e}");
                    2
                }
            }
        }
    }
}

fn check(path: &Path) -> i32 {
    match project_file::load(path) {
        Err(e) => {
            eprintln!("thema: {e}");
            1
        }
        Ok(loaded) => {
            let p = &loaded.project;
            println!("{}", p.name);
            println!("documents: {}", p.documents.len());
            println!("codes: {}", p.codebook.codes.len());
            println!("codings: {}", p.codings.len());
            println!("reviewers: {}", p.reviewers.len());
            println!("categories: {}", p.categories.len());
            println!("attributes: {}", p.attributes.len());
            if loaded.problems.is_empty() {
                println!("ok: no problems found");
                0
            } else {
                println!("{} problem(s):", loaded.problems.len());
                for pr in &loaded.problems {
                    println!("  - {pr}");
                }
                1
            }
        }
    }
}

fn import(path: &Path, files: Vec<PathBuf>) -> i32 {
    let mut project = if path.exists() {
        match project_file::load(path) {
            Ok(l) => l.project,
            Err(e) => {
                eprintln!("thema: {e}");
                return 2;
            }
        }
    } else {
        Project::new(&project_name_from_path(path))
    };
    let results = ImportJob::start(files).wait();
    let mut docs = Vec::new();
    for r in results {
        match r {
            Ok(imp) => {
                let pages = if imp.doc.page_starts.is_empty() {
                    String::new()
                } else {
                    format!(", {} pages", imp.doc.page_starts.len() + 1)
                };
                println!(
                    "imported: {} ({} chars{pages})",
                    imp.doc.title,
                    imp.doc.char_len()
                );
                for n in &imp.notes {
                    println!("  note: {n}");
                }
                docs.push(imp.doc);
            }
            Err(e) => eprintln!("error: {e}"),
        }
    }
    if docs.is_empty() {
        eprintln!("thema: no file was imported; the project was not changed.");
        return 1;
    }
    let n = docs.len();
    let cmd = ops::add_documents(&project, docs);
    if let Err(e) = edit::apply(&mut project, cmd) {
        eprintln!("thema: {e}");
        return 2;
    }
    match project_file::save(&project, path) {
        Ok(()) => {
            println!("{n} document(s) added to {}", path.display());
            0
        }
        Err(e) => {
            eprintln!("thema: {e}");
            2
        }
    }
}

/// "my_review.thema.ron" → "my review".
pub fn project_name_from_path(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".thema.ron")
        .or_else(|| name.strip_suffix(".ron"))
        .unwrap_or(&name);
    stem.replace(['_', '-'], " ")
}

/// Builds a scope from command-line words.
pub fn scope_from_args(p: &Project, filter: Option<&str>, reviewer: &str) -> Result<Scope, String> {
    let docs = match filter {
        None => DocFilter::All,
        Some(f) => {
            let (name, value) = f
                .split_once('=')
                .ok_or_else(|| format!("--filter needs ATTRIBUTE=VALUE, got '{f}'"))?;
            let def = p
                .attribute_by_name(name.trim())
                .ok_or_else(|| format!("the project has no attribute named '{}'", name.trim()))?;
            DocFilter::Attribute {
                attr: def.id,
                value: value.trim().to_owned(),
            }
        }
    };
    let reviewers = if reviewer.eq_ignore_ascii_case("all") {
        ReviewerView::All
    } else {
        let r = p
            .reviewers
            .iter()
            .find(|r| {
                r.name.eq_ignore_ascii_case(reviewer)
                    || r.initials.eq_ignore_ascii_case(reviewer)
                    || r.id.to_string() == reviewer
            })
            .ok_or_else(|| format!("the project has no reviewer '{reviewer}'"))?;
        ReviewerView::One(r.id)
    };
    Ok(Scope { docs, reviewers })
}

fn report_cmd(
    path: &Path,
    table: &str,
    format: report::Format,
    filter: Option<&str>,
    reviewer: &str,
    output: Option<&Path>,
) -> Result<(), String> {
    let p = project_file::load(path).map_err(|e| e.to_string())?.project;
    let scope = scope_from_args(&p, filter, reviewer)?;
    let text = match table {
        "prevalence" => report::prevalence(&analysis::prevalence(&p, &scope), format),
        other => return Err(format!("unknown table '{other}' (available: prevalence)")),
    };
    match output {
        None => {
            print!("{text}");
            Ok(())
        }
        Some(out) => {
            project_file::write_atomic(out, text.as_bytes(), false).map_err(|e| e.to_string())
        }
    }
}
