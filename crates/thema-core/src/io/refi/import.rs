//! Reading REFI-QDA `.qdpx` projects and `.qdc` codebooks as other tools
//! write them: any single `*.qde` at the root, case-insensitive paths,
//! braces and either case in GUIDs, BOM, CRLF, sources whose text is only in
//! a `.docx`, PDF sources with a text representation, variables inside
//! sources or on nameless cases, memos as descriptions or notes, users as
//! reviewers. Everything not brought over is listed in the report.

use super::import_util::{non_guid_ids, uuid_of};
use super::xml::{El, parse};
use super::{
    CATEGORY_GROUP, CHOICES_PREFIX, RANGES_PREFIX, RefiError, VAR_PAGE_STARTS, VAR_REFERENCE,
    VAR_SHORT_REF, parse_ranges,
};
use crate::io::zipsafe::{self, Archive};
use crate::model::{
    AttrId, AttrKind, AttributeDef, CategoryId, CodeId, DocId, IdMap, Project, Reviewer,
    ReviewerId, SourceKind, project::default_categories,
};
use std::collections::HashMap;

pub use super::import_codes::read_qdc;
use super::import_codes::{decode_utf8, looks_like_codebook, read_codes};
pub use super::import_report::ImportReport;

/// Reads a `.qdpx` file from disk.
pub fn read_qdpx_file(path: &std::path::Path) -> Result<(Project, ImportReport), RefiError> {
    let bytes = std::fs::read(path).map_err(|source| RefiError::Unreadable {
        path: path.to_owned(),
        source,
    })?;
    read_qdpx(&bytes).map_err(|e| RefiError::File {
        path: path.to_owned(),
        source: Box::new(e),
    })
}

/// Reads a `.qdpx` archive.
pub fn read_qdpx(bytes: &[u8]) -> Result<(Project, ImportReport), RefiError> {
    if !bytes.starts_with(b"PK") && looks_like_codebook(bytes) {
        return Err(RefiError::IsCodebook);
    }
    let archive = zipsafe::read(bytes)?;
    let qde: Vec<&String> = archive
        .files
        .keys()
        .filter(|k| !k.contains('/') && k.to_lowercase().ends_with(".qde"))
        .collect();
    let qde = match qde.as_slice() {
        [one] => (*one).clone(),
        [] => return Err(RefiError::NoProject),
        many => {
            return Err(RefiError::SeveralProjects(
                many.iter().map(|s| (*s).clone()).collect(),
            ));
        }
    };
    let xml_error = |reason| RefiError::Xml {
        file: qde.clone(),
        reason,
    };
    let xml = decode_utf8(&archive.files[&qde]).map_err(xml_error)?;
    let root = parse(xml).map_err(xml_error)?;
    if !root.name.eq_ignore_ascii_case("Project") {
        return Err(RefiError::WrongRoot {
            file: qde.clone(),
            expected: "project",
            root: root.name.clone(),
        });
    }
    Importer::new(&archive).project(&root)
}

/// A source's name, or — for a tool that wrote none — the name of its
/// file ("board_2017.txt" → "board_2017"), else "Source N".
pub(super) fn source_name(s: &El, index: usize) -> String {
    if let Some(n) = s.attr("name").map(str::trim).filter(|n| !n.is_empty()) {
        return n.to_owned();
    }
    let path = s
        .attr("path")
        .or_else(|| s.attr("plainTextPath"))
        .or_else(|| s.attr("richTextPath"))
        .or_else(|| {
            s.child("Representation")
                .and_then(|r| r.attr("plainTextPath"))
        });
    let stem = path.and_then(|p| {
        let p = p.replace('\\', "/");
        let base = p.rsplit('/').next().unwrap_or(&p).to_owned();
        let stem = base
            .rsplit_once('.')
            .map_or(base.as_str(), |(s, _)| s)
            .trim()
            .to_owned();
        (!stem.is_empty()).then_some(stem)
    });
    stem.unwrap_or_else(|| format!("Source {}", index + 1))
}

pub(super) struct Importer<'a> {
    pub(super) archive: &'a Archive,
    pub(super) report: ImportReport,
    /// Notes (memos) by GUID: (name, text, created).
    pub(super) notes: HashMap<uuid::Uuid, (String, String, String)>,
    /// Notes already kept somewhere (a coding, a document, a code).
    pub(super) used_notes: std::collections::HashSet<uuid::Uuid>,
    pub(super) var_kinds: IdMap<AttrId, String>,
    pub(super) ref_var: Option<AttrId>,
    pub(super) short_var: Option<AttrId>,
    pub(super) page_var: Option<AttrId>,
    /// Ids of the codes read, so a coding's code is found without a search.
    pub(super) code_ids: std::collections::HashSet<CodeId>,
    /// The producing tool (`<Project origin>`), a hint for how it counts
    /// positions.
    pub(super) origin: String,
}

impl<'a> Importer<'a> {
    fn new(archive: &'a Archive) -> Self {
        Self {
            archive,
            report: ImportReport::default(),
            notes: HashMap::new(),
            used_notes: Default::default(),
            var_kinds: IdMap::default(),
            ref_var: None,
            short_var: None,
            page_var: None,
            code_ids: Default::default(),
            origin: String::new(),
        }
    }

    fn project(mut self, root: &El) -> Result<(Project, ImportReport), RefiError> {
        let mut p = Project::new(root.attr("name").unwrap_or(""));
        self.origin = root.attr("origin").unwrap_or("").to_owned();
        let (odd_ids, example) = non_guid_ids(root);
        if odd_ids > 0 {
            self.report.notes.push(format!(
                "{} in the file {} not GUIDs (e.g. \"{}\"); each was given a stable GUID made from it, so the references between them hold",
                crate::words::count(odd_ids, "id", "ids"),
                if odd_ids == 1 { "is" } else { "are" },
                example.unwrap_or_default()
            ));
        }
        p.categories = default_categories();
        // Users → reviewers.
        for u in root
            .child("Users")
            .into_iter()
            .flat_map(|u| u.children("User"))
        {
            let Some(g) = uuid_of(u, "guid") else {
                continue;
            };
            let name = u
                .attr("name")
                .filter(|n| !n.is_empty())
                .unwrap_or("Unnamed reviewer")
                .to_owned();
            let initials = u
                .attr("id")
                .filter(|i| !i.is_empty() && i.len() <= 4)
                .map(str::to_owned)
                .unwrap_or_else(|| {
                    name.split_whitespace()
                        .filter_map(|w| w.chars().next())
                        .flat_map(char::to_uppercase)
                        .take(3)
                        .collect()
                });
            p.reviewers.push(Reviewer {
                id: ReviewerId(g),
                name,
                initials,
            });
            self.report.reviewers += 1;
        }
        // Notes (memos) by GUID, before anything that refers to them.
        for n in root
            .child("Notes")
            .into_iter()
            .flat_map(|n| n.children("Note"))
        {
            if let Some(g) = uuid_of(n, "guid") {
                let text = self.source_text(n).unwrap_or_default();
                let name = n.attr("name").unwrap_or("").trim().to_owned();
                let created = n.attr("creationDateTime").unwrap_or("").to_owned();
                self.notes
                    .insert(g, (name, text.trim().to_owned(), created));
                let coded = n.children("PlainTextSelection").count();
                if coded > 0 {
                    self.report.skipped.push(format!(
                        "note \"{}\": {} selected inside the note not brought over (its text is kept)",
                        n.attr("name").unwrap_or(""),
                        crate::words::count(coded, "passage", "passages")
                    ));
                }
            }
        }
        // Codes and categories.
        let mut cat_ids: IdMap<uuid::Uuid, CategoryId> = IdMap::default();
        let had_group = root
            .child("CodeBook")
            .and_then(|cb| cb.child("Codes"))
            .is_some_and(|c| {
                c.children("Code")
                    .any(|x| x.attr("name") == Some(CATEGORY_GROUP))
            });
        if had_group {
            p.categories.clear();
        }
        if let Some(codes) = root.child("CodeBook").and_then(|cb| cb.child("Codes")) {
            read_codes(&mut p, codes, None, &mut cat_ids, &mut self.report);
            self.code_notes(&mut p, codes);
        }
        self.code_ids = p.codebook.codes.iter().map(|c| c.id).collect();
        // Variables → attribute definitions.
        for v in root
            .child("Variables")
            .into_iter()
            .flat_map(|v| v.children("Variable"))
        {
            let Some(g) = uuid_of(v, "guid") else {
                continue;
            };
            let id = AttrId(g);
            let name = v.attr("name").unwrap_or("").to_owned();
            let kind_name = v.attr("typeOfVariable").unwrap_or("Text").to_owned();
            self.var_kinds.insert(id, kind_name.clone());
            if name == VAR_REFERENCE {
                self.ref_var = Some(id);
                continue;
            }
            if name == VAR_SHORT_REF {
                self.short_var = Some(id);
                continue;
            }
            if name == VAR_PAGE_STARTS {
                self.page_var = Some(id);
                continue;
            }
            // The description may hold a line of choices and a line of
            // Thema's year ranges (see `super::RANGES_PREFIX`).
            let desc = v.child_text("Description").unwrap_or_default();
            let mut choices = None;
            let mut bins = Vec::new();
            for line in desc.lines() {
                if let Some(list) = line.strip_prefix(CHOICES_PREFIX) {
                    choices = Some(
                        list.split("; ")
                            .map(str::to_owned)
                            .filter(|s| !s.is_empty())
                            .collect(),
                    );
                } else if let Some(list) = line.strip_prefix(RANGES_PREFIX) {
                    match parse_ranges(list) {
                        Some(b) => bins = b,
                        None => self.report.skipped.push(format!(
                            "the year ranges of variable \"{name}\" could not be read (\"{list}\"); they were left out"
                        )),
                    }
                }
            }
            let kind = match kind_name.as_str() {
                "Integer" | "Float" => AttrKind::Number,
                "Boolean" => AttrKind::Choice(vec!["true".into(), "false".into()]),
                _ => match choices {
                    Some(list) => AttrKind::Choice(list),
                    None => AttrKind::Text,
                },
            };
            p.attributes.push(AttributeDef {
                id,
                name,
                kind,
                bins,
            });
        }
        // Sources.
        let mut doc_of_source: HashMap<uuid::Uuid, DocId> = HashMap::new();
        for (i, s) in root
            .child("Sources")
            .into_iter()
            .flat_map(|s| s.children.iter())
            .enumerate()
        {
            let kind = s.name.to_ascii_lowercase();
            let (text_el, src_kind) = match kind.as_str() {
                "textsource" => (Some(s), SourceKind::Text),
                "pdfsource" => (s.child("Representation"), SourceKind::Pdf),
                _ => (None, SourceKind::Other),
            };
            let name = source_name(s, i);
            let made = match text_el {
                Some(text_el) => self.document(&mut p, s, text_el, src_kind, i, &cat_ids),
                None if kind == "pdfsource" => self.pdf_without_text(&mut p, s, i, &cat_ids),
                None => {
                    self.report.skipped.push(format!(
                        "{} \"{name}\": Thema codes text only, so it and its codings were not brought over",
                        s.name
                    ));
                    self.leave_out_all(s);
                    continue;
                }
            };
            match made {
                Ok(doc) => {
                    if let Some(g) = uuid_of(s, "guid") {
                        doc_of_source.insert(g, doc);
                    }
                }
                Err(e) => {
                    self.report.skipped.push(format!("source \"{name}\": {e}"));
                    self.leave_out_all(s);
                    continue;
                }
            }
            // Codings of regions of a PDF page, and of the whole PDF.
            let regions: Vec<&El> = s.children("PDFSelection").collect();
            let whole = if kind == "pdfsource" {
                s.children("Coding").count()
            } else {
                0
            };
            let region_codings: usize = regions
                .iter()
                .map(|r| r.children("Coding").count())
                .sum::<usize>()
                + whole;
            if !regions.is_empty() || whole > 0 {
                self.report.selections_left_out += regions.len();
                self.report.codings_left_out += region_codings;
                self.report.skipped.push(format!(
                    "PDF source \"{name}\": {} of PDF regions or of the whole PDF (not of text) not brought over",
                    crate::words::count(region_codings, "coding", "codings")
                ));
            }
        }
        // Variables written on nameless cases with a SourceRef.
        for case in root
            .child("Cases")
            .into_iter()
            .flat_map(|c| c.children("Case"))
        {
            let targets: Vec<DocId> = case
                .children("SourceRef")
                .filter_map(|r| uuid_of(r, "targetGUID"))
                .filter_map(|g| doc_of_source.get(&g).copied())
                .collect();
            for v in case.children("VariableValue") {
                for doc in &targets {
                    self.variable_value(&mut p, *doc, v);
                }
            }
            if targets.is_empty() && case.children("VariableValue").next().is_some() {
                self.report.skipped.push(format!(
                    "case \"{}\" names no source of the project; its values were not brought over",
                    case.attr("name").unwrap_or("")
                ));
            }
        }
        self.read_sets(&mut p, root, &doc_of_source);
        if root.child("Graphs").is_some() {
            self.report
                .skipped
                .push("graphs (network views) are not kept".into());
        }
        if root.child("Links").is_some() {
            self.report
                .skipped
                .push("links between objects are not kept".into());
        }
        self.project_memos(&mut p, root);
        // Reference numbers for documents that had none.
        let wanted = p.documents.iter().filter(|d| d.reference == 0).count();
        let mut free = p.next_references(wanted).into_iter();
        if wanted > 0
            && let Some(note) = p.reference_note()
        {
            self.report.skipped.push(note);
        }
        for d in p.documents.iter_mut().filter(|d| d.reference == 0) {
            d.reference = free.next().unwrap_or(0);
        }
        let problems = crate::model::validate::validate(&p);
        if !problems.is_empty() {
            return Err(RefiError::Inconsistent(problems[0].to_string()));
        }
        Ok((p, self.report))
    }

    /// The text of a TextSource (or Note/Representation): inline content,
    /// a plain text file, or the text of a .docx.
    pub(super) fn source_text(&mut self, el: &El) -> Result<String, String> {
        if let Some(t) = el.child_text("PlainTextContent") {
            return Ok(t);
        }
        if let Some(path) = el.attr("plainTextPath") {
            let (file, bytes) = self
                .archive
                .resolve(path)
                .ok_or_else(|| format!("its text file \"{path}\" is missing from the archive"))?;
            return crate::io::decode::decode_text(bytes)
                .map(|d| d.text)
                .map_err(|e| format!("its text file \"{file}\": {e}"));
        }
        if let Some(path) = el.attr("richTextPath") {
            let (file, bytes) = self
                .archive
                .resolve(path)
                .ok_or_else(|| format!("its document \"{path}\" is missing from the archive"))?;
            if file.to_lowercase().ends_with(".docx") {
                return crate::io::docx::text(bytes)
                    .map_err(|e| format!("its document \"{file}\": {e}"));
            }
            return Err(format!(
                "its text is only in \"{file}\", a format Thema cannot read"
            ));
        }
        Err("it has no text".into())
    }

    pub(super) fn variable_value(&mut self, p: &mut Project, doc: DocId, v: &El) {
        let Some(var) = v
            .child("VariableRef")
            .and_then(|r| uuid_of(r, "targetGUID"))
            .map(AttrId)
        else {
            return;
        };
        let value = [
            "TextValue",
            "IntegerValue",
            "FloatValue",
            "BooleanValue",
            "DateValue",
            "DateTimeValue",
        ]
        .iter()
        .find_map(|k| v.child_text(k))
        .unwrap_or_default();
        let Some(d) = p.documents.iter_mut().find(|d| d.id == doc) else {
            return;
        };
        if Some(var) == self.ref_var {
            if let Ok(n) = value.trim().parse::<u32>() {
                d.reference = n;
            }
            return;
        }
        if Some(var) == self.short_var {
            d.short_ref = value;
            return;
        }
        if Some(var) == self.page_var {
            // Offsets into the text as Thema wrote it; kept only if they
            // are ascending and inside the text.
            let starts: Option<Vec<usize>> =
                value.split_whitespace().map(|n| n.parse().ok()).collect();
            let len = d.char_len();
            match starts {
                Some(s) if s.windows(2).all(|w| w[0] <= w[1]) && s.iter().all(|&x| x <= len) => {
                    d.page_starts = s;
                }
                _ => self.report.skipped.push(format!(
                    "the page starts of \"{}\" do not fit its text; they were left out",
                    d.title
                )),
            }
            return;
        }
        if p.attributes.iter().any(|a| a.id == var) {
            d.attributes.insert(var, value.trim().to_owned());
        }
    }
}
