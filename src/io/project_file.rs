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
use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a project file could not be opened or saved.
#[derive(Debug)]
pub enum ProjectFileError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    NotUtf8 {
        path: PathBuf,
    },
    Syntax {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    TooNew {
        path: PathBuf,
        version: u32,
    },
    Serialize(String),
}

impl fmt::Display for ProjectFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProjectFileError::Io { path, source } => {
                write!(
                    f,
                    "Could not access {}: {source}. Check that the file and its folder exist and that you have permission to use them.",
                    path.display()
                )
            }
            ProjectFileError::NotUtf8 { path } => write!(
                f,
                "{} is not a Thema project file (it is not UTF-8 text).",
                path.display()
            ),
            ProjectFileError::Syntax {
                path,
                line,
                col,
                message,
            } => write!(
                f,
                "{} is damaged or not a Thema project: line {line}, column {col}: {message}. \
                 The file was not changed; a previous version may be in the .bak file beside it.",
                path.display()
            ),
            ProjectFileError::TooNew { path, version } => write!(
                f,
                "{} was saved by a newer Thema (format {version}; this version reads up to {FORMAT_VERSION}). \
                 Update Thema to open it.",
                path.display()
            ),
            ProjectFileError::Serialize(m) => write!(f, "Could not write the project: {m}."),
        }
    }
}

impl std::error::Error for ProjectFileError {}

/// A project read from disk, with any consistency problems found in it.
pub struct Loaded {
    pub project: Project,
    pub problems: Vec<Problem>,
}

/// Reads and validates a project file. The file is never modified.
pub fn load(path: &Path) -> Result<Loaded, ProjectFileError> {
    let bytes = fs::read(path).map_err(|source| ProjectFileError::Io {
        path: path.to_owned(),
        source,
    })?;
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
    Ok(Loaded { project, problems })
}

/// Why project text could not be parsed.
#[derive(Debug, PartialEq)]
pub enum ParseError {
    Syntax {
        line: usize,
        col: usize,
        message: String,
    },
    TooNew(u32),
}

/// Parses project text (no validation).
pub fn parse(text: &str) -> Result<Project, ParseError> {
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
    let mut out = String::with_capacity(
        p.documents
            .iter()
            .map(|d| d.text.len() + 512)
            .sum::<usize>()
            + p.codings.len() * 260,
    );
    out.push_str("// Thema project file. Text ranges are char offsets, [start, end). One coding per line.\n(\n");
    out.push_str(&format!("    format_version: {},\n", FORMAT_VERSION));
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
    out.push_str(&format!("    {name}: [\n"));
    for item in items {
        out.push_str("        ");
        out.push_str(&line(item)?);
        out.push_str(",\n");
    }
    out.push_str("    ],\n");
    Ok(())
}

/// Saves atomically; the previous file (if any) is kept as `<file>.bak`.
pub fn save(p: &Project, path: &Path) -> Result<(), ProjectFileError> {
    let text = to_string(p)?;
    write_atomic(path, text.as_bytes(), true)
}

/// Writes `bytes` to `path` through a synced temporary file and a rename,
/// so `path` always holds either the old or the new content.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), ProjectFileError> {
    let io = |source| ProjectFileError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".into());
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    {
        let mut f = fs::File::create(&tmp).map_err(io)?;
        f.write_all(bytes).map_err(io)?;
        f.sync_all().map_err(io)?;
    }
    if keep_backup && path.exists() {
        let bak = backup_path(path);
        // Copy rather than rename so the project path never disappears.
        if let Err(e) = fs::copy(path, &bak) {
            let _ = fs::remove_file(&tmp);
            return Err(io(e));
        }
    }
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(io(e));
    }
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// `<file>.recovery` beside the project: the autosave of unsaved work.
pub fn recovery_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".recovery");
    PathBuf::from(s)
}

/// A recovery file newer than the project, if there is one.
pub fn newer_recovery(path: &Path) -> Option<PathBuf> {
    let rec = recovery_path(path);
    let rec_time = std::fs::metadata(&rec).and_then(|m| m.modified()).ok()?;
    let proj_time = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    match proj_time {
        Some(t) if t >= rec_time => None,
        _ => Some(rec),
    }
}

/// `<file>.bak` beside the project.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".bak");
    PathBuf::from(s)
}
