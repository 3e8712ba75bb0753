//! The headless command line: `thema check`, `thema import`, `thema report`…
//! Built on the core alone. Each subcommand returns `Result<ExitCode,
//! Error>`: `Ok` says whether it was done (0) or found problems (1); every
//! error reaches `run`, which prints it and exits with 2, in one place.

use crate::edit::{self, ops};
use crate::error::{Error, Result};
use crate::io::{import::ImportJob, project_file};
use crate::model::Project;
use clap::Parser;
pub use commands::{CliCommand, ExchangeArg, OffsetsArg};
use std::process::ExitCode;

/// The work was done.
const DONE: ExitCode = ExitCode::SUCCESS;
/// The command ran and found problems (`check`), or nothing could be done
/// with what it was given (`import` of files that all failed).
fn problems_found() -> ExitCode {
    ExitCode::from(1)
}
/// The command could not run: a bad argument, an unreadable or locked file.
fn could_not_run() -> ExitCode {
    ExitCode::from(2)
}

/// Prints a line on standard output. A closed or full output (`| head`,
/// `/dev/full`) is not an error of the work: the line is dropped and the
/// command goes on to its real exit code.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Prints a line on standard error, likewise never failing.
macro_rules! warn {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
use std::path::{Path, PathBuf};

/// Thema — a workbench for qualitative evidence synthesis.
#[derive(Parser, Debug)]
#[command(
    name = "thema",
    version,
    args_conflicts_with_subcommands = true,
    after_help = "Exit codes: 0 done; 1 problems found (check, or nothing could be imported); 2 could not run (a bad argument, an unreadable or locked file)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<CliCommand>,
    /// A project file (*.thema.ron) to open in the window, or a REFI-QDA
    /// project (*.qdpx) to open as a new one.
    pub project: Option<PathBuf>,
    /// With a project: open the window with this reference export's import
    /// plan shown (RIS, BibTeX, CSL-JSON or EndNote XML).
    #[arg(long, requires = "project")]
    pub import_references: Option<PathBuf>,
}

/// Runs a subcommand; prints any error and turns it into exit code 2.
pub fn run(cmd: CliCommand) -> ExitCode {
    match dispatch(cmd) {
        Ok(code) => code,
        Err(e) => {
            warn!("thema: {e}");
            could_not_run()
        }
    }
}

fn dispatch(cmd: CliCommand) -> Result<ExitCode> {
    match cmd {
        CliCommand::Check {
            project,
            repair: false,
            ..
        } => Ok(check(&project)),
        CliCommand::Check {
            project,
            repair: true,
            wait,
        } => repair_cmd(&project, wait),
        CliCommand::Import {
            project,
            files,
            allow_duplicates,
            wait,
        } => import(&project, files, allow_duplicates, wait),
        CliCommand::Merge {
            first,
            second,
            output,
            force,
            wait,
        } => merge_cmd(&first, &second, &output, force, wait),
        CliCommand::ExtractPdf { file } => {
            use crate::io::pdf::PdfError;
            crate::io::pdf::install_quiet_panic_hook();
            let r = std::fs::read(&file)
                .map_err(|e| PdfError::Worker(format!("it could not be read ({e})")))
                .and_then(|b| {
                    // Run on a named thread so pdf-extract's panics stay quiet.
                    std::thread::Builder::new()
                        .name(format!("{}-worker", crate::io::pdf::QUIET_THREAD_PREFIX))
                        .spawn(move || crate::io::pdf::extract(&b))
                        .map_err(|e| PdfError::Worker(e.to_string()))?
                        .join()
                        .unwrap_or(Err(PdfError::Structure))
                });
            // The answer, error or not, goes to the parent on stdout.
            say!("{}", crate::io::pdf::encode_worker_answer(&r));
            Ok(DONE)
        }
        CliCommand::Export {
            project,
            format,
            offsets,
            output,
            force,
        } => export_cmd(&project, format, offsets, &output, force),
        CliCommand::ImportQdc {
            project,
            input,
            wait,
        } => import_qdc_cmd(&project, &input, wait),
        CliCommand::ImportQdpx {
            input,
            output,
            force,
            wait,
        } => import_qdpx_cmd(&input, &output, force, wait),
        CliCommand::Report {
            project,
            args,
            output,
            force,
        } => report_cmd(&project, &args, output.as_deref(), force),
        CliCommand::Appraise {
            project,
            reviewer,
            from,
            wait,
        } => appraise::appraise(&project, &reviewer, &from, wait),
        CliCommand::Findings {
            project,
            from,
            reviewer,
            wait,
        } => appraise::findings(&project, &reviewer, &from, wait),
        CliCommand::ImportReferences {
            project,
            file,
            order,
            dry_run,
            wait,
        } => library::import_references(&project, &file, order, dry_run, wait),
        CliCommand::ExportReferences { project, to, force } => {
            library::export_references(&project, &to, force)
        }
        CliCommand::Search {
            project,
            pattern,
            regex,
            whole_word,
            case_sensitive,
            ignore_accents,
            code,
            category,
            extend,
            reviewer,
            wait,
        } => search::search_cmd(
            &project,
            &search::SearchArgs {
                query: crate::analysis::search::Query {
                    pattern,
                    regex,
                    whole_word,
                    case_sensitive,
                    ignore_accents,
                },
                code,
                category,
                extend,
                reviewer,
                wait,
            },
        ),
        CliCommand::Checklist {
            project,
            import,
            export,
            to,
            wait,
        } => appraise::checklist(&project, import.as_deref(), export.zip(to), wait),
    }
}

/// `thema check`: a file that cannot be read is a problem it found (1).
fn check(path: &Path) -> ExitCode {
    match project_file::load(path) {
        Err(e) => {
            warn!("thema: {e}");
            problems_found()
        }
        Ok(loaded) => {
            let p = &loaded.project;
            say!("{}", p.name);
            say!("documents: {}", p.documents.len());
            say!("codes: {}", p.codebook.codes.len());
            say!("codings: {}", p.codings.len());
            say!("reviewers: {}", p.reviewers.len());
            say!("categories: {}", p.categories.len());
            say!("attributes: {}", p.attributes.len());
            if loaded.problems.is_empty() {
                say!("ok: no problems found");
                DONE
            } else {
                say!(
                    "{}:",
                    crate::words::count(loaded.problems.len(), "problem", "problems")
                );
                for pr in &loaded.problems {
                    say!("  - {pr}");
                }
                problems_found()
            }
        }
    }
}

fn export_cmd(
    path: &Path,
    format: ExchangeArg,
    offsets: OffsetsArg,
    output: &Path,
    force: bool,
) -> Result<ExitCode> {
    use crate::io::refi::{export, positions::Unit};
    project_file::check_output(output, &[path], force)?;
    let p = load_sound(path, force)?;
    let unit = match offsets {
        OffsetsArg::Chars => Unit::Chars,
        OffsetsArg::Utf16 => Unit::Utf16,
    };
    let bytes = match format {
        ExchangeArg::Qdpx => export::qdpx_in(&p, unit)?,
        ExchangeArg::Qdc => export::codebook_xml(&p),
    };
    project_file::write_atomic(output, &bytes, false)?;
    say!("wrote {}", output.display());
    if format == ExchangeArg::Qdpx && unit == Unit::Utf16 {
        say!("positions are in UTF-16 units, as NVivo counts them");
    }
    if format == ExchangeArg::Qdpx {
        for line in crate::io::refi::export_appraisal::not_carried(&p) {
            say!("{line}");
        }
    }
    Ok(DONE)
}

/// `thema import-qdc`: the codebook's codes join the project by path.
fn import_qdc_cmd(path: &Path, input: &Path, wait: bool) -> Result<ExitCode> {
    use crate::io::refi::RefiError;
    let _lock = crate::io::lock::ProjectLock::acquire(path, wait)?;
    let bytes = std::fs::read(input).map_err(|source| RefiError::Unreadable {
        path: input.to_owned(),
        source,
    })?;
    let (book, report) =
        crate::io::refi::import::read_qdc(&bytes).map_err(|e| RefiError::File {
            path: input.to_owned(),
            source: Box::new(e),
        })?;
    let (mut project, hash) = load_or_new(path)?;
    for line in report.lines() {
        say!("  - {line}");
    }
    let (command, merge) = crate::io::refi::codebook::merge_by_path(&project, &book);
    edit::apply(&mut project, command)?;
    for added in &merge.added {
        say!("added: {added}");
    }
    project_file::save_checked(&project, path, hash.as_deref())?;
    say!("{} — saved to {}", merge.summary(), path.display());
    Ok(DONE)
}

fn import_qdpx_cmd(input: &Path, output: &Path, force: bool, wait: bool) -> Result<ExitCode> {
    project_file::check_output(output, &[input], force)?;
    let _lock = crate::io::lock::ProjectLock::acquire(output, wait)?;
    let (mut project, report) = crate::io::refi::import::read_qdpx_file(input)?;
    if project.name.is_empty() {
        project.name = project_name_from_path(output);
    }
    say!("{}", report.summary());
    project_file::save_checked(&project, output, None)?;
    say!("wrote {}", output.display());
    Ok(DONE)
}

fn repair_cmd(path: &Path, wait: bool) -> Result<ExitCode> {
    let _lock = crate::io::lock::ProjectLock::acquire(path, wait)?;
    let loaded = project_file::load(path)?;
    let mut p = loaded.project;
    let notes = crate::model::repair::repair(&mut p);
    if notes.is_empty() {
        say!("nothing to repair");
        return Ok(DONE);
    }
    for n in &notes {
        say!("repaired: {n}");
    }
    let left = crate::model::validate::validate(&p);
    project_file::save_checked(&p, path, Some(&loaded.hash))?;
    say!(
        "{} saved to {} (the previous file is kept as .bak)",
        crate::words::count(notes.len(), "repair", "repairs"),
        path.display()
    );
    if left.is_empty() {
        Ok(DONE)
    } else {
        for pr in &left {
            say!("  still wrong: {pr}");
        }
        Ok(problems_found())
    }
}

fn merge_cmd(
    first: &Path,
    second: &Path,
    output: &Path,
    force: bool,
    wait: bool,
) -> Result<ExitCode> {
    project_file::check_output(output, &[first, second], force)?;
    let _lock = crate::io::lock::ProjectLock::acquire(output, wait)?;
    let a = project_file::load(first)?;
    let b = project_file::load(second)?;
    let (command, report) = crate::io::merge::merge_command(&a.project, &b.project);
    say!("{}", report.summary());
    let mut merged = a.project;
    edit::apply(&mut merged, command)?;
    // Writing over one of the inputs: only if it is still as read.
    let expected = [(first, &a.hash), (second, &b.hash)]
        .into_iter()
        .find(|(p, _)| project_file::same_file(p, output))
        .map(|(_, h)| h.as_str());
    project_file::save_checked(&merged, output, expected)?;
    say!("merged project written to {}", output.display());
    Ok(DONE)
}

/// Loads a project to export or report from. A damaged one (codings of
/// missing codes, a code cycle…) would give an export or a table that
/// silently misses things: it is refused with its problems, unless
/// `force`, which repairs a copy in memory (the file is not changed) and
/// says what it did.
fn load_sound(path: &Path, force: bool) -> Result<Project> {
    let loaded = project_file::load(path)?;
    if loaded.problems.is_empty() {
        return Ok(loaded.project);
    }
    if !force {
        return Err(Error::Damaged {
            path: path.to_owned(),
            problems: loaded.problems,
        });
    }
    let mut p = loaded.project;
    for note in crate::model::repair::repair(&mut p) {
        warn!("repaired in memory (the file is unchanged): {note}");
    }
    Ok(p)
}

/// The project at `path` with its hash, or a new one named after the
/// file when there is none yet.
fn load_or_new(path: &Path) -> Result<(Project, Option<String>)> {
    Ok(if path.exists() {
        let l = project_file::load(path)?;
        (l.project, Some(l.hash))
    } else {
        (Project::new(&project_name_from_path(path)), None)
    })
}

fn import(
    path: &Path,
    files: Vec<PathBuf>,
    allow_duplicates: bool,
    wait: bool,
) -> Result<ExitCode> {
    let _lock = crate::io::lock::ProjectLock::acquire(path, wait)?;
    let (mut project, hash) = load_or_new(path)?;
    let results = ImportJob::start(files).wait();
    let mut docs = Vec::new();
    let mut failed = 0;
    for r in results {
        match r {
            Ok(imp) => {
                for n in &imp.notes {
                    say!("  note ({}): {n}", imp.doc.title);
                }
                docs.push(imp.doc);
            }
            Err(e) => {
                failed += 1;
                warn!("error: {e}");
            }
        }
    }
    let plan = crate::io::import::plan(&project, docs, allow_duplicates);
    for line in &plan.skipped {
        say!("skipped: {line}");
    }
    for d in &plan.new {
        let pages = if d.page_starts.is_empty() {
            String::new()
        } else {
            format!(", {} pages", d.page_starts.len() + 1)
        };
        say!("imported: {} ({} chars{pages})", d.title, d.char_len());
    }
    let n = plan.new.len();
    let n_changed = plan.changed.len();
    if n == 0 && n_changed == 0 {
        if plan.skipped.is_empty() || failed > 0 {
            warn!("thema: no file was imported; the project was not changed.");
            return Ok(problems_found());
        }
        say!("nothing new to import; the project was not changed.");
        return Ok(DONE);
    }
    let mut cmds = Vec::new();
    if n > 0 {
        if let Some(note) = project.reference_note() {
            say!("note: {note}");
        }
        cmds.push(ops::add_documents(&project, plan.new));
    }
    let mut scratch = project.clone();
    for c in &cmds {
        let _ = edit::apply(&mut scratch, c.clone());
    }
    if n_changed > 0 {
        let (cmd, lines) = crate::edit::reanchor::replace_documents(&scratch, plan.changed);
        for line in lines {
            say!("replaced: {line}");
        }
        cmds.push(cmd);
    }
    edit::apply(&mut project, edit::Command::Batch(cmds))?;
    project_file::save_checked(&project, path, hash.as_deref())?;
    let mut done = format!(
        "{} added to {}",
        crate::words::count(n, "document", "documents"),
        path.display()
    );
    if n_changed > 0 {
        done.push_str(&format!(
            ", {} replaced",
            crate::words::count(n_changed, "changed document", "changed documents")
        ));
    }
    say!("{done}");
    Ok(DONE)
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

mod appraise;
mod args;
mod commands;
mod library;
mod matrices;
mod reporting;
mod search;
pub use args::{FormatArg, LevelArg, TableArg};
use reporting::report_cmd;
pub use reporting::{ReportArgs, find_reviewer, render_report, reviewer_pair, scope_from_args};
