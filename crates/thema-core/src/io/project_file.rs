//! The `*.thema.ron` project file: one self-contained, human-readable RON
//! file (document texts inside) with a `format_version`, stable ordering and
//! one coding per line so two reviewers' files diff sensibly.
//!
//! Saving is atomic: a temporary file in the same folder is written and
//! synced, the previous version is kept as `*.bak`, then the temporary file
//! is renamed over the project.

use crate::model::validate::{Problem, validate};
use crate::model::{FORMAT_VERSION, Project};
use ron::ser::PrettyConfig;
use serde::Serialize;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a project file could not be opened or saved. Each message says what
/// happened and what the reviewer can do; the file is never left changed.
#[derive(Debug, thiserror::Error)]
pub enum ProjectFileError {
    #[error(
        "Could not access {}: {source}. Check that the file and its folder exist and that you have permission to use them.",
        path.display()
    )]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} is not a Thema project file (it is not UTF-8 text).", path.display())]
    NotUtf8 { path: PathBuf },
    #[error(
        "{} is damaged or not a Thema project: line {line}, column {col}: {message}. The file was not changed; a previous version may be in the .bak file beside it.",
        path.display()
    )]
    Syntax {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error(
        "{} was saved by a newer Thema (format {version}; this version reads up to {FORMAT_VERSION}). Update Thema to open it.",
        path.display()
    )]
    TooNew { path: PathBuf, version: u32 },
    #[error("Could not write the project: {0}.")]
    Serialize(String),
    /// The file changed on disk since it was opened (another program
    /// wrote it); saving now would throw those changes away.
    #[error(
        "{} was changed by another program since it was opened. Nothing was written: merge their changes or save under another name.",
        path.display()
    )]
    ChangedOnDisk { path: PathBuf },
    /// The file is read-only.
    #[error(
        "{} is read-only, so it was not changed. Save under another name, or make the file writable first.",
        path.display()
    )]
    ReadOnly { path: PathBuf },
    /// The path is a folder, a named pipe, a device…: not a file.
    #[error("{} is {kind}, not a project file.", path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
}

/// A project read from disk, with any consistency problems found in it.
pub struct Loaded {
    pub project: Project,
    pub problems: Vec<Problem>,
    /// SHA-256 of the file's bytes as read: a later save checks that the
    /// file on disk is still this one.
    pub hash: String,
}

/// SHA-256 of some bytes, hex.
pub fn bytes_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What a path is when it is not a regular file ("a folder", "a named
/// pipe"…); `None` for a file, or when nothing is there.
pub fn special_kind(path: &Path) -> Option<&'static str> {
    fs::metadata(path).ok().as_ref().and_then(special_kind_of)
}

/// What a file is, from its metadata, when it is not a regular file.
pub fn special_kind_of(m: &fs::Metadata) -> Option<&'static str> {
    let t = m.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_block_device() || t.is_char_device() {
            return Some("a device");
        }
    }
    Some("a special file")
}

/// Reads and validates a project file. The file is never modified.
pub fn load(path: &Path) -> Result<Loaded, ProjectFileError> {
    if let Some(kind) = special_kind(path) {
        return Err(ProjectFileError::NotAFile {
            path: path.to_owned(),
            kind,
        });
    }
    let bytes = fs::read(path).map_err(|source| ProjectFileError::Io {
        path: path.to_owned(),
        source,
    })?;
    let hash = bytes_hash(&bytes);
    let text = String::from_utf8(bytes).map_err(|_| ProjectFileError::NotUtf8 {
        path: path.to_owned(),
    })?;
    let project = parse(&text).map_err(|e| match e {
        ParseError::Syntax { line, col, message } => ProjectFileError::Syntax {
            path: path.to_owned(),
            line,
            col,
            message,
        },
        ParseError::TooNew(version) => ProjectFileError::TooNew {
            path: path.to_owned(),
            version,
        },
    })?;
    let problems = validate(&project);
    Ok(Loaded {
        project,
        problems,
        hash,
    })
}

/// Why project text could not be parsed.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ParseError {
    #[error("line {line}, column {col}: {message}")]
    Syntax {
        line: usize,
        col: usize,
        message: String,
    },
    #[error("it was saved by a newer Thema (format {0})")]
    TooNew(u32),
}

/// Parses project text (no validation).
pub fn parse(text: &str) -> Result<Project, ParseError> {
    // A byte-order mark (added by some editors) carries no content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Older formats go through their explicit migration steps.
    if let Some(v) = sniff_version(text)
        && v < FORMAT_VERSION
    {
        return super::migrate::upgrade(text, v)
            .map_err(|(line, col, message)| ParseError::Syntax { line, col, message });
    }
    match ron::from_str::<Project>(text) {
        Ok(p) if p.format_version > FORMAT_VERSION => Err(ParseError::TooNew(p.format_version)),
        Ok(p) => Ok(p),
        Err(e) => {
            // A file from the future may fail to parse for other reasons; say so first.
            if let Some(v) = sniff_version(text)
                && v > FORMAT_VERSION
            {
                return Err(ParseError::TooNew(v));
            }
            Err(ParseError::Syntax {
                line: e.span.start.line,
                col: e.span.start.col,
                message: e.code.to_string(),
            })
        }
    }
}

fn sniff_version(text: &str) -> Option<u32> {
    let i = text.find("format_version:")?;
    let rest = text[i + "format_version:".len()..].trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Serialises a project in the canonical layout.
pub fn to_string(p: &Project) -> Result<String, ProjectFileError> {
    super::project_fields::every_field_is_written(p);
    let mut out = String::with_capacity(
        p.documents
            .iter()
            .map(|d| d.text.len() + 512)
            .sum::<usize>()
            + p.codings.len() * 260,
    );
    out.push_str("// Thema project file. Text ranges are char offsets, [start, end). One coding per line.\n(\n");
    out.push_str(&format!("    format_version: {FORMAT_VERSION},\n"));
    out.push_str(&format!("    name: {},\n", line(&p.name)?));
    list(&mut out, "reviewers", p.reviewers.iter())?;
    list(&mut out, "categories", p.categories.iter())?;
    list(&mut out, "attributes", p.attributes.iter())?;
    list(&mut out, "codebook", p.codebook.codes.iter())?;
    list(&mut out, "pinned", p.pinned.iter())?;

    out.push_str("    documents: [\n");
    for d in &p.documents {
        let pretty = PrettyConfig::new()
            .indentor("    ")
            .compact_arrays(true)
            .compact_maps(true);
        let s = ron::ser::to_string_pretty(d, pretty)
            .map_err(|e| ProjectFileError::Serialize(e.to_string()))?;
        for (i, l) in s.lines().enumerate() {
            out.push_str("        ");
            out.push_str(l);
            if i == s.lines().count() - 1 {
                out.push(',');
            }
            out.push('\n');
        }
    }
    out.push_str("    ],\n");

    let mut codings: Vec<_> = p.codings.iter().collect();
    let doc_pos = p.doc_positions();
    codings.sort_by_key(|c| {
        (
            doc_pos.get(&c.doc).copied().unwrap_or(usize::MAX),
            c.start,
            c.end,
            c.id,
        )
    });
    list(&mut out, "codings", codings.into_iter())?;
    list(&mut out, "decisions", p.decisions.iter())?;
    out.push_str(&format!("    blind: {},\n", p.blind));
    if p.citation_style != crate::analysis::citations::CitationStyle::Numeric {
        out.push_str(&format!(
            "    citation_style: {},\n",
            line(&p.citation_style)?
        ));
    }
    list(&mut out, "memos", p.memos.iter())?;
    if !p.memo_stamps.is_empty() {
        list(&mut out, "memo_stamps", p.memo_stamps.iter())?;
    }
    list(&mut out, "code_sets", p.code_sets.iter())?;
    if !p.appraisal.is_empty() {
        // One answer per line, like codings. Destructured so that a field
        // added to `Appraisal` cannot be forgotten here (and lost on save).
        let crate::model::appraisal::Appraisal {
            checklists,
            rules,
            assigned,
            answers,
            finished,
            decisions,
            levels,
            judgements,
            rule,
        } = &p.appraisal;
        let at = "        ";
        out.push_str("    appraisal: (\n");
        list_at(&mut out, at, "checklists", checklists.iter())?;
        list_at(&mut out, at, "rules", rules.iter())?;
        list_at(&mut out, at, "assigned", assigned.iter())?;
        list_at(&mut out, at, "answers", answers.iter())?;
        list_at(&mut out, at, "finished", finished.iter())?;
        list_at(&mut out, at, "decisions", decisions.iter())?;
        list_at(&mut out, at, "levels", levels.iter())?;
        list_at(&mut out, at, "judgements", judgements.iter())?;
        list_at(&mut out, at, "rule", rule.iter())?;
        out.push_str("    ),\n");
    }
    if !p.findings.is_empty() {
        let crate::model::findings::Findings {
            findings,
            assessments,
            categories,
            synthesised,
            context,
            decisions,
        } = &p.findings;
        let at = "        ";
        out.push_str("    findings: (\n");
        list_at(&mut out, at, "findings", findings.iter())?;
        list_at(&mut out, at, "assessments", assessments.iter())?;
        list_at(&mut out, at, "categories", categories.iter())?;
        list_at(&mut out, at, "synthesised", synthesised.iter())?;
        out.push_str(&format!("{at}context: {},\n", line(context)?));
        list_at(&mut out, at, "decisions", decisions.iter())?;
        out.push_str("    ),\n");
    }
    out.push_str(")\n");
    Ok(out)
}

/// One value on one line: `(id: "…", name: "…")`.
fn line<T: Serialize + ?Sized>(v: &T) -> Result<String, ProjectFileError> {
    let cfg = PrettyConfig::new()
        .compact_structs(true)
        .compact_arrays(true)
        .compact_maps(true)
        .new_line(" ")
        .indentor("");
    ron::ser::to_string_pretty(v, cfg)
        .map(|s| {
            s.replace("( ", "(")
                .replace(", )", ")")
                .replace("[ ", "[")
                .replace(", ]", "]")
        })
        .map_err(|e| ProjectFileError::Serialize(e.to_string()))
}

fn list<'a, T: Serialize + 'a>(
    out: &mut String,
    name: &str,
    items: impl Iterator<Item = &'a T>,
) -> Result<(), ProjectFileError> {
    list_at(out, "    ", name, items)
}

/// `list`, indented by `indent` (a list inside a field of the project).
fn list_at<'a, T: Serialize + 'a>(
    out: &mut String,
    indent: &str,
    name: &str,
    items: impl Iterator<Item = &'a T>,
) -> Result<(), ProjectFileError> {
    out.push_str(&format!("{indent}{name}: [\n"));
    for item in items {
        out.push_str(indent);
        out.push_str("    ");
        out.push_str(&line(item)?);
        out.push_str(",\n");
    }
    out.push_str(&format!("{indent}],\n"));
    Ok(())
}

/// Saves atomically; the previous file (if any) is kept as `<file>.bak`.
pub fn save(p: &Project, path: &Path) -> Result<(), ProjectFileError> {
    save_checked(p, path, None).map(|_| ())
}

/// Saves atomically, first checking that the file on disk is still the one
/// read (`expected`: the hash from `Loaded::hash` or the last save); if
/// another program changed it, nothing is written. Returns the new hash.
pub fn save_checked(
    p: &Project,
    path: &Path,
    expected: Option<&str>,
) -> Result<String, ProjectFileError> {
    let text = to_string(p)?;
    if let Some(expected) = expected {
        let real = super::paths::real_path(path);
        match fs::read(&real) {
            Ok(now) if bytes_hash(&now) != expected => {
                return Err(ProjectFileError::ChangedOnDisk {
                    path: path.to_owned(),
                });
            }
            // Gone since: writing it again loses nothing.
            Ok(_) | Err(_) => {}
        }
    }
    write_atomic(path, text.as_bytes(), true)?;
    Ok(bytes_hash(text.as_bytes()))
}

/// Writes `bytes` to `path` through a synced temporary file and a rename,
/// so `path` always holds either the old or the new content. A symbolic
/// link is followed and its target replaced (the link stays); the old
/// file's permissions (and owner, where allowed) are kept; a read-only
/// file, a folder or another special file is refused. With `keep_backup`
/// the previous content becomes `<file>.bak`, itself written atomically.
/// On any failure the temporary files are removed and the previous file
/// and `.bak` are as they were.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), ProjectFileError> {
    let shown = path;
    let path = super::paths::real_path(path);
    let io = |p: &Path| {
        let p = p.to_owned();
        move |source| ProjectFileError::Io { path: p, source }
    };
    let old = match fs::metadata(&path) {
        Ok(m) => {
            if let Some(kind) = special_kind(&path) {
                return Err(ProjectFileError::NotAFile {
                    path: shown.to_owned(),
                    kind,
                });
            }
            if m.permissions().readonly() {
                return Err(ProjectFileError::ReadOnly {
                    path: shown.to_owned(),
                });
            }
            Some(m)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io(&path)(e)),
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_owned();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".into());
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp).map_err(io(&tmp))?;
        f.write_all(bytes).map_err(io(&tmp))?;
        if let Some(m) = &old {
            keep_mode_and_owner(&f, m);
        }
        f.sync_all().map_err(io(&tmp))?;
        drop(f);
        if keep_backup && old.is_some() {
            write_backup(&path, &dir, &file_name)?;
        }
        fs::rename(&tmp, &path).map_err(io(shown))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
        return result;
    }
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Copies the current file to `<file>.bak` through its own temporary file.
fn write_backup(path: &Path, dir: &Path, file_name: &str) -> Result<(), ProjectFileError> {
    let bak = super::paths::backup_path(path);
    let io = |p: &Path| {
        let p = p.to_owned();
        move |source| ProjectFileError::Io { path: p, source }
    };
    if let Some(kind) = special_kind(&bak) {
        return Err(ProjectFileError::NotAFile { path: bak, kind });
    }
    let bak_tmp = dir.join(format!(".{file_name}.bak.{}.tmp", std::process::id()));
    let result = (|| {
        fs::copy(path, &bak_tmp).map_err(io(&bak))?;
        if let Ok(f) = fs::File::open(&bak_tmp) {
            let _ = f.sync_all();
        }
        fs::rename(&bak_tmp, &bak).map_err(io(&bak))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&bak_tmp);
    }
    result
}

/// Gives the new file the old one's permissions, and owner where allowed.
fn keep_mode_and_owner(f: &fs::File, old: &fs::Metadata) {
    let _ = f.set_permissions(old.permissions());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::fchown(f, Some(old.uid()), Some(old.gid()));
    }
}

/// True when two paths name the same existing file (links followed).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Why an output path was refused (`check_output`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputError {
    #[error("{} is {kind}; give a file name for the output.", path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("the output {} is the input {} itself; {REPLACE_HINT}.", path.display(), input.display())]
    IsInput { path: PathBuf, input: PathBuf },
    #[error("the output {} is the {kind} of {}; {REPLACE_HINT}.", path.display(), input.display())]
    SideFile {
        path: PathBuf,
        kind: &'static str,
        input: PathBuf,
    },
    #[error("{} is an existing Thema project; {REPLACE_HINT}.", path.display())]
    ExistingProject { path: PathBuf },
}

const REPLACE_HINT: &str = "choose another output file (or add --force to replace it)";

/// Refuses an output path that would replace an input: one of `inputs`,
/// a project's `.bak`, `.recovery` or `.lock`, or any existing
/// `*.thema.ron` — unless `force`. A folder or other special file is
/// always refused.
pub fn check_output(out: &Path, inputs: &[&Path], force: bool) -> Result<(), OutputError> {
    if let Some(kind) = special_kind(out) {
        return Err(OutputError::NotAFile {
            path: out.to_owned(),
            kind,
        });
    }
    if force {
        return Ok(());
    }
    for input in inputs {
        if same_file(out, input) {
            return Err(OutputError::IsInput {
                path: out.to_owned(),
                input: input.to_path_buf(),
            });
        }
        for (kind, side) in [
            ("backup", super::paths::backup_path(input)),
            ("recovery file", super::paths::recovery_path(input)),
            ("lock file", super::paths::lock_path(input)),
        ] {
            if same_file(out, &side) || out == side {
                return Err(OutputError::SideFile {
                    path: out.to_owned(),
                    kind,
                    input: input.to_path_buf(),
                });
            }
        }
    }
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if out.exists() && (name.ends_with(".thema.ron") || name.ends_with(".thema.ron.bak")) {
        return Err(OutputError::ExistingProject {
            path: out.to_owned(),
        });
    }
    Ok(())
}

/// A recovery file newer than the project, if there is one.
pub fn newer_recovery(path: &Path) -> Option<PathBuf> {
    let rec = super::paths::recovery_path(path);
    let rec_time = std::fs::metadata(&rec).and_then(|m| m.modified()).ok()?;
    let proj_time = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    match proj_time {
        Some(t) if t >= rec_time => None,
        _ => Some(rec),
    }
}
