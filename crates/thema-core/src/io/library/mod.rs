//! The included studies from a reference manager: each record of an export
//! (`io::references`) becomes a study — with its attached PDF or text read
//! by the normal import — or updates the study it already is.
//!
//! A record is the same study as a document when their DOIs match, or
//! their normalised titles and years do; re-importing an export therefore
//! adds nothing, and a changed record updates the study's metadata (the
//! changes are listed first). Records without a usable file become studies
//! without text, marked so, their text attachable later. Every record left
//! out or changed is named by its number.

use super::references::{Parsed, Reference};
use crate::edit::Command;
use crate::model::{AttrId, AttrKind, AttributeDef, DocId, Document, Project, SourceKind};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The attributes a reference import fills, created on first use.
pub const ATTRIBUTES: [(&str, bool); 5] = [
    ("Year", true),
    ("Journal", false),
    ("DOI", false),
    ("Publication type", false),
    ("Keywords", false),
];

/// How new studies are numbered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// In the order of the export file.
    #[default]
    File,
    /// By first author's family name, then year, then title.
    AuthorYear,
}

/// A record that becomes a new study.
#[derive(Clone, Debug)]
pub struct NewStudy {
    pub record: Reference,
    /// The file to read its text from, if the record names one that exists.
    pub file: Option<PathBuf>,
    pub short_ref: String,
    pub reference: u32,
}

/// One field an update changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// A record that matches a study already in the project.
#[derive(Clone, Debug)]
pub struct Update {
    pub doc: DocId,
    pub record: usize,
    /// "[3] Smith 2019 (matched by DOI)".
    pub study: String,
    pub changes: Vec<Change>,
    pub bib: Box<Reference>,
}

/// What an export would do to the project.
#[derive(Clone, Debug)]
pub struct Plan {
    pub format: &'static str,
    pub records: usize,
    pub new: Vec<NewStudy>,
    pub updates: Vec<Update>,
    /// Records that match a study and change nothing.
    pub unchanged: usize,
    /// Sentences naming records by number: left out, read with a problem,
    /// files not found.
    pub problems: Vec<String>,
}

impl Plan {
    /// "20 records: 18 new studies (13 with a file), 2 updated, 0 unchanged."
    pub fn summary(&self) -> String {
        use crate::words::count;
        let with_file = self.new.iter().filter(|n| n.file.is_some()).count();
        let left_out = self
            .records
            .saturating_sub(self.new.len() + self.updates.len() + self.unchanged);
        format!(
            "{} ({}): {} ({with_file} with a file), {} updated, {} unchanged{}{}.",
            count(self.records, "record", "records"),
            self.format,
            count(self.new.len(), "new study", "new studies"),
            self.updates.len(),
            self.unchanged,
            if left_out > 0 {
                format!(", {left_out} left out")
            } else {
                String::new()
            },
            if self.problems.is_empty() {
                String::new()
            } else {
                format!("; {}", count(self.problems.len(), "problem", "problems"))
            }
        )
    }
}

/// A title reduced to its letters and digits, lower-case, for matching.
pub fn normalised_title(title: &str) -> String {
    crate::analysis::search::fold(title)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// "Smith 2019", "Smith and Jones 2019", "Smith et al. 2019"; "n.d."
/// without a year; the title's first words without authors.
pub fn short_reference(r: &Reference) -> String {
    let year = r.year.map_or_else(|| "n.d.".to_owned(), |y| y.to_string());
    let fam = |i: usize| r.authors.get(i).map(|a| a.family.trim().to_owned());
    let who = match (fam(0), fam(1), r.authors.len()) {
        (Some(a), _, 1) => a,
        (Some(a), Some(b), 2) => format!("{a} and {b}"),
        (Some(a), _, _) => format!("{a} et al."),
        _ => r
            .title
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
    };
    format!("{who} {year}")
}

/// The attribute ids the import writes, by name, and the definitions to
/// add for the ones the project lacks.
pub fn attribute_ids(p: &Project) -> (BTreeMap<&'static str, AttrId>, Vec<AttributeDef>) {
    let mut ids = BTreeMap::new();
    let mut add = Vec::new();
    for (name, number) in ATTRIBUTES {
        if let Some(a) = p.attribute_by_name(name) {
            ids.insert(name, a.id);
        } else {
            let def = AttributeDef {
                id: AttrId::new(),
                name: name.to_owned(),
                kind: if number {
                    AttrKind::Number
                } else {
                    AttrKind::Text
                },
                bins: Vec::new(),
            };
            ids.insert(name, def.id);
            add.push(def);
        }
    }
    (ids, add)
}

/// The value the record gives each import attribute ("" when none).
fn attribute_values(r: &Reference) -> [(&'static str, String); 5] {
    [
        ("Year", r.year.map(|y| y.to_string()).unwrap_or_default()),
        ("Journal", r.journal.clone()),
        ("DOI", r.doi.clone()),
        (
            "Publication type",
            if r.kind == super::references::RefKind::Other {
                String::new()
            } else {
                r.kind.label().to_owned()
            },
        ),
        ("Keywords", r.keywords.join("; ")),
    ]
}

/// Where a record's attachment is on this machine: relative paths from the
/// export's folder, EndNote's `internal-pdf://` from `<export>.Data/PDF`.
/// The first file Thema can import is taken (PDF first).
fn attachment(r: &Reference, export: &Path) -> (Option<PathBuf>, Option<String>) {
    let dir = export.parent().unwrap_or(Path::new("."));
    let importable = |p: &str| {
        let lower = p.to_ascii_lowercase();
        super::import::EXTENSIONS
            .iter()
            .any(|e| lower.ends_with(&format!(".{e}")))
    };
    let mut files: Vec<&str> = r
        .files
        .iter()
        .map(|a| a.path.as_str())
        .filter(|p| importable(p))
        .collect();
    files.sort_by_key(|p| !p.to_ascii_lowercase().ends_with(".pdf"));
    let mut missing = None;
    for f in files {
        let path = if let Some(rest) = f.strip_prefix("internal-pdf://") {
            let stem = export.file_stem().unwrap_or_default().to_string_lossy();
            dir.join(format!("{stem}.Data")).join("PDF").join(rest)
        } else {
            let p = PathBuf::from(f);
            if p.is_absolute() { p } else { dir.join(p) }
        };
        if path.is_file() {
            return (Some(path.canonicalize().unwrap_or(path)), None);
        }
        missing.get_or_insert_with(|| f.to_owned());
    }
    (None, missing)
}

/// Plans the import of `parsed`, read from the file `export`.
pub fn plan(p: &Project, parsed: Parsed, export: &Path, order: Order) -> Plan {
    // Records left out by the reader still count: numbers run over all.
    let total = parsed
        .records
        .iter()
        .map(|r| r.record)
        .chain(parsed.problems.iter().map(|p| p.record))
        .max()
        .unwrap_or(0)
        .max(parsed.records.len());
    let mut out = Plan {
        format: parsed.format.name(),
        records: total,
        new: Vec::new(),
        updates: Vec::new(),
        unchanged: 0,
        problems: parsed.problems.iter().map(|p| p.message.clone()).collect(),
    };
    let doi_attr = p.attribute_by_name("DOI").map(|a| a.id);
    let year_attr = p.attribute_by_name("Year").map(|a| a.id);
    let mut by_doi: HashMap<String, DocId> = HashMap::new();
    let mut by_title: HashMap<(String, String), DocId> = HashMap::new();
    for d in &p.documents {
        let doi = d
            .bib
            .as_ref()
            .map(|b| b.doi.clone())
            .filter(|s| !s.is_empty())
            .or_else(|| doi_attr.map(|a| d.attribute(a).trim().to_lowercase()))
            .unwrap_or_default();
        if !doi.is_empty() {
            by_doi.insert(doi, d.id);
        }
        let year = year_attr
            .map(|a| d.attribute(a).trim().to_owned())
            .filter(|y| !y.is_empty())
            .or_else(|| d.bib.as_ref().and_then(|b| b.year).map(|y| y.to_string()))
            .unwrap_or_default();
        by_title.insert((normalised_title(&d.title), year), d.id);
    }
    let mut seen: HashSet<DocId> = HashSet::new();
    let mut taken_in_file: HashMap<String, usize> = HashMap::new();
    let mut fresh = Vec::new();
    for r in parsed.records {
        let year = r.year.map(|y| y.to_string()).unwrap_or_default();
        let key = (normalised_title(&r.title), year);
        let (hit, how) = match by_doi.get(&r.doc_key()) {
            Some(id) if !r.doi.is_empty() => (Some(*id), "DOI"),
            _ => (by_title.get(&key).copied(), "title and year"),
        };
        if let Some(doc) = hit {
            if !seen.insert(doc) {
                out.problems.push(format!(
                    "Record {} is the same study as an earlier record (by {how}) and was left out.",
                    r.record
                ));
                continue;
            }
            let Some(d) = p.document(doc) else { continue };
            let changes = changes(p, d, &r);
            if changes.is_empty() {
                out.unchanged += 1;
            } else {
                out.updates.push(Update {
                    doc,
                    record: r.record,
                    study: format!(
                        "[{}] {} (record {}, matched by {how})",
                        d.reference,
                        d.short_ref_or_title(),
                        r.record
                    ),
                    changes,
                    bib: Box::new(r),
                });
            }
            continue;
        }
        let file_key = if r.doi.is_empty() {
            format!("t:{}:{}", key.0, key.1)
        } else {
            format!("d:{}", r.doi)
        };
        if let Some(first) = taken_in_file.get(&file_key) {
            out.problems.push(format!(
                "Record {} repeats record {first} (same {}) and was left out.",
                r.record,
                if r.doi.is_empty() {
                    "title and year"
                } else {
                    "DOI"
                }
            ));
            continue;
        }
        taken_in_file.insert(file_key, r.record);
        let (file, missing) = attachment(&r, export);
        if let Some(m) = missing {
            out.problems.push(format!(
                "Record {} ({}): its attached file {m} was not found; the study was added without text.",
                r.record,
                short_reference(&r)
            ));
        }
        fresh.push((r, file));
    }
    if order == Order::AuthorYear {
        fresh.sort_by(|(a, _), (b, _)| {
            let fam = |r: &Reference| {
                r.authors
                    .first()
                    .map(|a| a.family.to_lowercase())
                    .unwrap_or_default()
            };
            (fam(a), a.year, a.title.to_lowercase()).cmp(&(fam(b), b.year, b.title.to_lowercase()))
        });
    }
    let first = p.documents.iter().map(|d| d.reference).max().unwrap_or(0) + 1;
    let shorts = short_references(p, fresh.iter().map(|(r, _)| r));
    for (reference, ((record, file), short_ref)) in (first..).zip(fresh.into_iter().zip(shorts)) {
        out.new.push(NewStudy {
            record,
            file,
            short_ref,
            reference,
        });
    }
    out
}

impl Reference {
    /// The DOI as documents are matched by it.
    fn doc_key(&self) -> String {
        self.doi.trim().to_lowercase()
    }
}

/// Short references for new records, with a/b/c… where two studies would
/// read the same ("Smith 2019a", "Smith 2019b"); a study already in the
/// project keeps its own, and a new one takes the next free letter.
fn short_references<'a>(p: &Project, records: impl Iterator<Item = &'a Reference>) -> Vec<String> {
    let bases: Vec<String> = records.map(short_reference).collect();
    let existing: HashSet<String> = p.documents.iter().map(|d| d.short_ref.clone()).collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for b in &bases {
        *count.entry(b.as_str()).or_default() += 1;
    }
    let mut used = existing.clone();
    bases
        .iter()
        .map(|b| {
            let clash = count.get(b.as_str()).copied().unwrap_or(0) > 1 || existing.contains(b);
            if !clash {
                used.insert(b.clone());
                return b.clone();
            }
            let name = ('a'..='z')
                .map(|l| format!("{b}{l}"))
                .find(|n| !used.contains(n))
                .unwrap_or_else(|| b.clone());
            used.insert(name.clone());
            name
        })
        .collect()
}

/// What `r` would change on `d`: title, attribute values, and the
/// bibliographic record (authors, pages, abstract…) as one line.
fn changes(p: &Project, d: &Document, r: &Reference) -> Vec<Change> {
    let mut out = Vec::new();
    if !r.title.is_empty() && r.title != d.title {
        out.push(Change {
            field: "Title".into(),
            old: d.title.clone(),
            new: r.title.clone(),
        });
    }
    for (name, value) in attribute_values(r) {
        let old = p
            .attribute_by_name(name)
            .map(|a| d.attribute(a.id).to_owned())
            .unwrap_or_default();
        if !value.is_empty() && value != old {
            out.push(Change {
                field: name.into(),
                old,
                new: value,
            });
        }
    }
    let same_record = d.bib.as_deref().is_some_and(|b| {
        let mut b = b.clone();
        b.record = r.record;
        b == *r
    });
    let says_more = !(r.authors.is_empty()
        && r.journal.is_empty()
        && r.doi.is_empty()
        && r.abstract_text.is_empty()
        && r.pages.is_empty()
        && r.url.is_empty()
        && r.publisher.is_empty());
    if !same_record && (d.bib.is_some() || says_more) {
        let what = if d.bib.is_none() { "added" } else { "replaced" };
        out.push(Change {
            field: "Reference record".into(),
            old: String::new(),
            new: format!(
                "{what} ({}; authors, pages, abstract as the export gives them)",
                crate::words::count(r.authors.len(), "author", "authors")
            ),
        });
    }
    out
}

/// The document a new study becomes: `read` is the imported file, or
/// `None` for a study without text.
pub fn new_document(
    s: &NewStudy,
    read: Option<Document>,
    attrs: &BTreeMap<&'static str, AttrId>,
) -> Document {
    let mut d = read.unwrap_or_else(|| {
        Document::new(
            DocId::new(),
            String::new(),
            String::new(),
            SourceKind::Other,
            String::new(),
        )
    });
    let r = &s.record;
    d.title = r.title.clone();
    d.short_ref = s.short_ref.clone();
    d.reference = s.reference;
    if !r.abstract_text.is_empty() {
        d.memo = if d.memo.is_empty() {
            format!("Abstract: {}", r.abstract_text)
        } else {
            format!("Abstract: {}\n\n{}", r.abstract_text, d.memo)
        };
    }
    for (name, value) in attribute_values(r) {
        if let (Some(id), false) = (attrs.get(name), value.is_empty()) {
            d.attributes.insert(*id, value);
        }
    }
    d.bib = Some(Box::new(r.clone()));
    d
}

/// The commands of an update: title, attribute values, record.
pub fn update_commands(
    p: &Project,
    u: &Update,
    attrs: &BTreeMap<&'static str, AttrId>,
) -> Vec<Command> {
    let mut out = Vec::new();
    let Some(d) = p.document(u.doc) else {
        return out;
    };
    for c in &u.changes {
        if c.field == "Title" {
            out.push(Command::SetDocumentMeta {
                doc: d.id,
                title: c.new.clone(),
                short_ref: d.short_ref.clone(),
                reference: d.reference,
            });
        } else if let Some(id) = attrs.get(c.field.as_str()) {
            out.push(Command::SetAttributeValue {
                doc: d.id,
                attr: *id,
                value: Some(c.new.clone()),
            });
        }
    }
    out.push(Command::SetDocumentBib {
        doc: d.id,
        bib: Some(u.bib.clone()),
    });
    out
}

/// The one command (one undo step) that adds the attributes, the new
/// studies and the updates.
pub fn command(
    p: &Project,
    plan: &Plan,
    docs: Vec<Document>,
    attrs: &BTreeMap<&'static str, AttrId>,
    new_attrs: Vec<AttributeDef>,
) -> Command {
    let mut cmds = Vec::new();
    let uses_attrs = !docs.is_empty() || !plan.updates.is_empty();
    if uses_attrs {
        for (i, def) in new_attrs.into_iter().enumerate() {
            cmds.push(Command::InsertAttributeDef {
                index: p.attributes.len() + i,
                def,
            });
        }
    }
    for (i, doc) in docs.into_iter().enumerate() {
        cmds.push(Command::InsertDocument {
            index: p.documents.len() + i,
            doc: Box::new(doc),
        });
    }
    for u in &plan.updates {
        cmds.extend(update_commands(p, u, attrs));
    }
    Command::Batch(cmds)
}

mod export;
mod finish;
pub use export::{export, reference_of};
pub use finish::{Finished, finish, import_export};
