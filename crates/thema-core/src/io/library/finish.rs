//! Reading a plan's files and building the one command of the import.

use super::{Plan, Update, attribute_ids, changes, command, new_document, short_reference};
use crate::edit::Command;
use crate::model::{DocId, Project};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What importing a plan's files gave: the command and the report lines.
#[derive(Debug)]
pub struct Finished {
    pub command: Command,
    /// Report lines (problems, notes from reading files), record numbers first.
    pub lines: Vec<String>,
    pub added: usize,
    pub with_text: usize,
    pub updated: usize,
}

impl Finished {
    /// "Added 18 studies (13 with text), updated 2."
    pub fn summary(&self) -> String {
        use crate::words::count;
        format!(
            "Added {} ({} with text), updated {}.",
            count(self.added, "study", "studies"),
            self.with_text,
            count(self.updated, "study", "studies")
        )
    }
}

/// Builds the import from `plan` and the results of reading its files
/// (`crate::io::import::ImportJob` over the plan's `file`s, in any order; a
/// file without a result — a cancelled import — is a study without text,
/// said so). A file whose text is already a study of the project matches
/// that study instead of adding a second one.
pub fn finish(p: &Project, mut plan: Plan, read: Vec<crate::io::import::ImportResult>) -> Finished {
    let mut by_path: HashMap<PathBuf, crate::io::import::ImportResult> = HashMap::new();
    for r in read {
        let path = match &r {
            Ok(imp) => PathBuf::from(&imp.doc.source.path),
            Err(e) => e.path.clone(),
        };
        by_path.insert(path, r);
    }
    let (attrs, new_attrs) = attribute_ids(p);
    let mut lines = std::mem::take(&mut plan.problems);
    let mut docs = Vec::new();
    let mut with_text = 0;
    let mut hashes: HashMap<&str, DocId> = p
        .documents
        .iter()
        .filter(|d| !d.text.is_empty())
        .map(|d| (d.source.text_hash.as_str(), d.id))
        .collect();
    let mut new_hashes: HashSet<String> = HashSet::new();
    let new = std::mem::take(&mut plan.new);
    for s in &new {
        let name = short_reference(&s.record);
        let read = match &s.file {
            None => None,
            Some(path) => match by_path.remove(path) {
                Some(Ok(imp)) => {
                    for n in &imp.notes {
                        lines.push(format!("Record {} ({name}): {n}", s.record.record));
                    }
                    Some(imp.doc)
                }
                Some(Err(e)) => {
                    lines.push(format!(
                        "Record {} ({name}): {e} The study was added without text.",
                        s.record.record
                    ));
                    None
                }
                None => {
                    lines.push(format!(
                        "Record {} ({name}): its file was not read (the import was cancelled); the study was added without text.",
                        s.record.record
                    ));
                    None
                }
            },
        };
        if let Some(doc) = &read {
            if let Some(existing) = hashes.get(doc.source.text_hash.as_str()).copied()
                && let Some(d) = p.document(existing)
            {
                lines.push(format!(
                    "Record {} ({name}): its file holds the text of [{}] {}; the record updates that study instead of adding it again.",
                    s.record.record,
                    d.reference,
                    d.short_ref_or_title()
                ));
                let changes = changes(p, d, &s.record);
                if !changes.is_empty() {
                    plan.updates.push(Update {
                        doc: existing,
                        record: s.record.record,
                        study: format!("[{}] {}", d.reference, d.short_ref_or_title()),
                        changes,
                        bib: Box::new(s.record.clone()),
                    });
                }
                continue;
            }
            if !new_hashes.insert(doc.source.text_hash.clone()) {
                lines.push(format!(
                    "Record {} ({name}): its file has the same text as another record's; the study was added without text.",
                    s.record.record
                ));
                docs.push(new_document(s, None, &attrs));
                continue;
            }
            with_text += 1;
        }
        docs.push(new_document(s, read, &attrs));
    }
    // Numbers stay dense when a record turned out to be an update.
    let mut next = p.documents.iter().map(|d| d.reference).max().unwrap_or(0);
    for d in &mut docs {
        next += 1;
        d.reference = next;
    }
    hashes.clear();
    let added = docs.len();
    let updated = plan.updates.len();
    let command = command(p, &plan, docs, &attrs, new_attrs);
    Finished {
        command,
        lines,
        added,
        with_text,
        updated,
    }
}

/// The whole import for the command line and tests: reads the export,
/// plans it, reads the attached files (blocking) and builds the command.
pub fn import_export(
    p: &Project,
    export: &Path,
    order: super::Order,
) -> Result<(Plan, Finished), String> {
    let bytes = std::fs::read(export)
        .map_err(|e| format!("{} could not be read: {e}.", export.display()))?;
    let name = export
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parsed = crate::io::references::parse(&bytes, &name)?;
    let planned = super::plan(p, parsed, export, order);
    let files: Vec<PathBuf> = planned.new.iter().filter_map(|n| n.file.clone()).collect();
    let read = if files.is_empty() {
        Vec::new()
    } else {
        crate::io::import::ImportJob::start(files).wait()
    };
    let finished = finish(p, planned.clone(), read);
    Ok((planned, finished))
}
