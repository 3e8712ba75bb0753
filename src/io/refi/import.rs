//! Reading REFI-QDA `.qdpx` projects and `.qdc` codebooks as other tools
//! write them: any single `*.qde` at the root, case-insensitive paths,
//! braces and either case in GUIDs, BOM, CRLF, sources whose text is only in
//! a `.docx`, PDF sources with a text representation, variables inside
//! sources or on nameless cases, memos as descriptions or notes, users as
//! reviewers. Everything not brought over is listed in the report.

use super::xml::{El, parse};
use super::zipsafe::{self, Archive};
use super::{CATEGORY_GROUP, VAR_REFERENCE, VAR_SHORT_REF, parse_guid};
use crate::model::{
    AttrId, AttrKind, AttributeDef, Category, CategoryId, Code, CodeId, Coding, CodingId, DocId,
    Document, IdMap, Project, Reviewer, ReviewerId, Source, SourceKind,
    project::default_categories, text, time,
};
use std::collections::HashMap;

/// What an import brought over and what it could not.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    pub documents: usize,
    pub codes: usize,
    pub codings: usize,
    pub reviewers: usize,
    /// Things that could not be brought over, one sentence each.
    pub skipped: Vec<String>,
}

impl ImportReport {
    pub fn summary(&self) -> String {
        let mut s = format!(
            "imported {} document(s), {} code(s), {} coding(s), {} reviewer(s)",
            self.documents, self.codes, self.codings, self.reviewers
        );
        if self.skipped.is_empty() {
            s.push_str("; nothing was left out");
        } else {
            s.push_str(&format!(
                "; {} thing(s) could not be brought over:",
                self.skipped.len()
            ));
            for k in &self.skipped {
                s.push_str(&format!("\n  - {k}"));
            }
        }
        s
    }
}

fn uuid_of(el: &El, attr: &str) -> Option<uuid::Uuid> {
    el.attr(attr).and_then(parse_guid)
}

/// Reads a `.qdpx` file from disk.
pub fn read_qdpx_file(path: &std::path::Path) -> Result<(Project, ImportReport), String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("{} could not be read ({e})", path.display()))?;
    read_qdpx(&bytes).map_err(|e| format!("{} could not be imported: {e}", path.display()))
}

/// Reads a `.qdpx` archive.
pub fn read_qdpx(bytes: &[u8]) -> Result<(Project, ImportReport), String> {
    let archive = zipsafe::read(bytes)?;
    let qde: Vec<&String> = archive
        .files
        .keys()
        .filter(|k| !k.contains('/') && k.to_lowercase().ends_with(".qde"))
        .collect();
    let qde = match qde.as_slice() {
        [one] => (*one).clone(),
        [] => return Err("the archive holds no project (.qde) file at its top level".into()),
        many => {
            return Err(format!(
                "the archive holds {} project files at its top level ({}); expected one",
                many.len(),
                many.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    };
    let xml = decode_utf8(&archive.files[&qde]).map_err(|e| format!("{qde}: {e}"))?;
    let root = parse(&xml).map_err(|e| format!("{qde}: {e}"))?;
    if !root.name.eq_ignore_ascii_case("Project") {
        return Err(format!(
            "{qde} is not a REFI-QDA project (its root element is <{}>)",
            root.name
        ));
    }
    Importer::new(&archive).project(&root)
}

/// Reads a `.qdc` codebook into the codes (and categories) of a project.
pub fn read_qdc(bytes: &[u8]) -> Result<Project, String> {
    let xml = decode_utf8(bytes)?;
    let root = parse(&xml)?;
    if !root.name.eq_ignore_ascii_case("CodeBook") {
        return Err(format!(
            "it is not a REFI-QDA codebook (its root element is <{}>)",
            root.name
        ));
    }
    let mut p = Project::new("codebook");
    let mut report = ImportReport::default();
    let mut cat_ids = IdMap::default();
    if let Some(codes) = root.child("Codes") {
        read_codes(&mut p, codes, None, &mut cat_ids, &mut report);
    }
    Ok(p)
}

fn decode_utf8(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|_| "the XML is not UTF-8".to_owned())
}

/// Reads `<Code>` elements into the codebook; the category group (and its
/// children) becomes the project's categories instead.
fn read_codes(
    p: &mut Project,
    parent_el: &El,
    parent: Option<CodeId>,
    cat_ids: &mut IdMap<uuid::Uuid, CategoryId>,
    report: &mut ImportReport,
) {
    for el in parent_el.children("Code") {
        let Some(guid) = uuid_of(el, "guid") else {
            report.skipped.push(format!(
                "code \"{}\" has no valid GUID",
                el.attr("name").unwrap_or("?")
            ));
            continue;
        };
        let name = el.attr("name").unwrap_or("").to_owned();
        if parent.is_none() && name == CATEGORY_GROUP {
            p.categories.clear();
            for c in el.children("Code") {
                if let Some(g) = uuid_of(c, "guid") {
                    let id = CategoryId(g);
                    let key = c
                        .attr("name")
                        .and_then(|n| n.chars().next())
                        .map(|k| k.to_ascii_uppercase());
                    p.categories.push(Category {
                        id,
                        name: c.attr("name").unwrap_or("").to_owned(),
                        color: c.attr("color").unwrap_or("#808080").to_uppercase(),
                        key,
                    });
                    cat_ids.insert(g, id);
                }
            }
            continue;
        }
        let id = CodeId(guid);
        if p.codebook.contains(id) {
            report.skipped.push(format!(
                "code \"{name}\" appears twice; the second was ignored"
            ));
            continue;
        }
        let color = el
            .attr("color")
            .filter(|c| crate::model::codebook::parse_hex_color(c).is_some())
            .map(str::to_uppercase);
        let color = color.unwrap_or_else(|| {
            parent
                .and_then(|pa| p.codebook.get(pa))
                .map(|c| c.color.clone())
                .unwrap_or_else(|| {
                    crate::model::codebook::PALETTE[p.codebook.codes.len() % 12].to_owned()
                })
        });
        p.codebook.codes.push(Code {
            id,
            name,
            parent,
            color,
            description: el
                .child_text("Description")
                .unwrap_or_default()
                .trim()
                .to_owned(),
        });
        report.codes += 1;
        read_codes(p, el, Some(id), cat_ids, report);
    }
}

struct Importer<'a> {
    archive: &'a Archive,
    report: ImportReport,
    notes: HashMap<uuid::Uuid, String>,
    var_kinds: IdMap<AttrId, String>,
    ref_var: Option<AttrId>,
    short_var: Option<AttrId>,
}

impl<'a> Importer<'a> {
    fn new(archive: &'a Archive) -> Self {
        Self {
            archive,
            report: ImportReport::default(),
            notes: HashMap::new(),
            var_kinds: IdMap::default(),
            ref_var: None,
            short_var: None,
        }
    }

    fn project(mut self, root: &El) -> Result<(Project, ImportReport), String> {
        let mut p = Project::new(root.attr("name").unwrap_or(""));
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
        }
        // Notes (memos) by GUID.
        for n in root
            .child("Notes")
            .into_iter()
            .flat_map(|n| n.children("Note"))
        {
            if let Some(g) = uuid_of(n, "guid") {
                let text = self.source_text(n).unwrap_or_default();
                self.notes.insert(g, text.trim().to_owned());
            }
        }
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
            let desc = v.child_text("Description").unwrap_or_default();
            let kind = match kind_name.as_str() {
                "Integer" | "Float" => AttrKind::Number,
                "Boolean" => AttrKind::Choice(vec!["true".into(), "false".into()]),
                _ => match desc.strip_prefix("Choices: ") {
                    Some(list) => AttrKind::Choice(
                        list.split("; ")
                            .map(str::to_owned)
                            .filter(|s| !s.is_empty())
                            .collect(),
                    ),
                    None => AttrKind::Text,
                },
            };
            p.attributes.push(AttributeDef {
                id,
                name,
                kind,
                bins: Vec::new(),
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
            let name = s.attr("name").unwrap_or("untitled").to_owned();
            let Some(text_el) = text_el else {
                self.report.skipped.push(format!("{} \"{name}\": Thema codes text only, so it and its codings were not brought over", s.name));
                continue;
            };
            match self.document(&mut p, s, text_el, src_kind, i, &cat_ids) {
                Ok(doc) => {
                    if let Some(g) = uuid_of(s, "guid") {
                        doc_of_source.insert(g, doc);
                    }
                }
                Err(e) => self.report.skipped.push(format!("source \"{name}\": {e}")),
            }
            if !s.children("PDFSelection").next().is_none()
                || !s.children("Coding").next().is_none() && kind == "pdfsource"
            {
                self.report.skipped.push(format!(
                    "PDF source \"{name}\": codings of PDF regions (not text) were not brought over"
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
        // Sets that mirror Thema's categories carry nothing new; others are reported.
        let foreign_sets: Vec<String> = root
            .child("Sets")
            .into_iter()
            .flat_map(|s| s.children("Set"))
            .filter(|set| {
                !p.categories
                    .iter()
                    .any(|k| Some(k.name.as_str()) == set.attr("name"))
            })
            .map(|set| set.attr("name").unwrap_or("unnamed").to_owned())
            .collect();
        if !foreign_sets.is_empty() {
            self.report.skipped.push(format!(
                "sets are not kept ({}); their members were imported normally",
                foreign_sets.join(", ")
            ));
        }
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
        // Reference numbers for documents that had none.
        let mut next = p.documents.iter().map(|d| d.reference).max().unwrap_or(0) + 1;
        for d in p.documents.iter_mut().filter(|d| d.reference == 0) {
            d.reference = next;
            next += 1;
        }
        let problems = crate::model::validate::validate(&p);
        if !problems.is_empty() {
            return Err(format!(
                "the imported project is inconsistent: {}",
                problems[0]
            ));
        }
        Ok((p, self.report))
    }

    /// The text of a TextSource (or Note/Representation): inline content,
    /// a plain text file, or the text of a .docx.
    fn source_text(&mut self, el: &El) -> Result<String, String> {
        if let Some(t) = el.child_text("PlainTextContent") {
            return Ok(t);
        }
        if let Some(path) = el.attr("plainTextPath") {
            let file = internal_path(path);
            let bytes = self
                .archive
                .get(&file)
                .ok_or_else(|| format!("its text file \"{file}\" is missing from the archive"))?;
            return crate::io::decode::decode_text(bytes)
                .map(|d| d.text)
                .map_err(|e| format!("its text file \"{file}\": {e}"));
        }
        if let Some(path) = el.attr("richTextPath") {
            let file = internal_path(path);
            let bytes = self
                .archive
                .get(&file)
                .ok_or_else(|| format!("its document \"{file}\" is missing from the archive"))?;
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

    fn document(
        &mut self,
        p: &mut Project,
        source: &El,
        text_el: &El,
        kind: SourceKind,
        index: usize,
        cat_ids: &IdMap<uuid::Uuid, CategoryId>,
    ) -> Result<DocId, String> {
        let raw = self.source_text(text_el)?;
        let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(&raw).to_owned();
        let (body, map) = text::normalize_with_map(&raw);
        let raw_chars: Vec<char> = raw.chars().collect();
        // Offsets may count CRLF as one character: build that view too.
        let lf: String = raw.replace("\r\n", "\n");
        let lf_chars: Vec<char> = lf.chars().collect();
        let lf_to_raw: Vec<usize> = {
            let mut v = Vec::with_capacity(lf_chars.len() + 1);
            let mut r = 0;
            while r < raw_chars.len() {
                v.push(r);
                r += if raw_chars[r] == '\r' && raw_chars.get(r + 1) == Some(&'\n') {
                    2
                } else {
                    1
                };
            }
            v.push(raw_chars.len());
            v
        };
        let guid = uuid_of(source, "guid").unwrap_or_else(uuid::Uuid::new_v4);
        let doc_id = DocId(guid);
        let title = source
            .attr("name")
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .unwrap_or_else(|| format!("Source {}", index + 1));
        let mut doc = Document {
            id: doc_id,
            title: title.clone(),
            short_ref: String::new(),
            reference: 0,
            source: Source {
                path: format!("REFI-QDA: {title}"),
                kind,
                text_hash: text::text_hash(&body),
                imported: time::now_iso(),
            },
            text: body,
            page_starts: Vec::new(),
            attributes: Default::default(),
            char_count: Default::default(),
        };
        let len = doc.char_len();
        p.documents.push(doc.clone());
        for v in source.children("VariableValue") {
            self.variable_value(p, doc_id, v);
        }
        // Selections and their codings.
        let crlf_vote = {
            let (mut raw_ok, mut lf_ok) = (0, 0);
            for sel in text_el.children("PlainTextSelection") {
                let (Some(s), Some(e), Some(name)) = (
                    num(sel, "startPosition"),
                    num(sel, "endPosition"),
                    sel.attr("name"),
                ) else {
                    continue;
                };
                if slice(&raw_chars, s, e).is_some_and(|t| same(&t, name)) {
                    raw_ok += 1;
                }
                if slice(&lf_chars, s, e).is_some_and(|t| same(&t, name)) {
                    lf_ok += 1;
                }
            }
            lf_ok > raw_ok
        };
        let mut added = Vec::new();
        for sel in text_el.children("PlainTextSelection") {
            let (Some(mut s), Some(mut e)) = (num(sel, "startPosition"), num(sel, "endPosition"))
            else {
                self.report
                    .skipped
                    .push(format!("a selection in \"{title}\" has no positions"));
                continue;
            };
            if e < s {
                std::mem::swap(&mut s, &mut e);
            }
            let view: &[char] = if crlf_vote { &lf_chars } else { &raw_chars };
            // Inclusive ends: if the name matches one char more, take it.
            if let Some(name) = sel.attr("name")
                && !slice(view, s, e).is_some_and(|t| same(&t, name))
                && slice(view, s, e + 1).is_some_and(|t| same(&t, name))
            {
                e += 1;
            }
            let limit = view.len();
            if s >= limit {
                self.report.skipped.push(format!("a selection in \"{title}\" starts past the end of its text ({s} > {limit}); it was left out"));
                continue;
            }
            if e > limit {
                self.report.skipped.push(format!(
                    "a selection in \"{title}\" ran past the end of its text and was shortened"
                ));
                e = limit;
            }
            let (rs, re) = if crlf_vote {
                (lf_to_raw[s], lf_to_raw[e])
            } else {
                (s, e)
            };
            let (ns, ne) = (map[rs], map[re]);
            if ns >= ne {
                continue;
            }
            let memo = self.memo(sel);
            let sel_user = uuid_of(sel, "creatingUser");
            let sel_time = sel.attr("creationDateTime").unwrap_or("").to_owned();
            let mut codes = Vec::new();
            let mut category = None;
            let mut first_user = None;
            for coding in sel.children("Coding") {
                let Some(target) = coding
                    .child("CodeRef")
                    .and_then(|r| uuid_of(r, "targetGUID"))
                else {
                    continue;
                };
                if let Some(cat) = cat_ids.get(&target) {
                    category = Some(*cat);
                } else if p.codebook.contains(CodeId(target)) {
                    codes.push((
                        CodeId(target),
                        uuid_of(coding, "guid"),
                        uuid_of(coding, "creatingUser"),
                        coding.attr("creationDateTime").unwrap_or("").to_owned(),
                    ));
                    first_user = first_user.or(uuid_of(coding, "creatingUser"));
                } else {
                    self.report.skipped.push(format!(
                        "a coding in \"{title}\" refers to a code that is not in the codebook"
                    ));
                }
            }
            for (k, (code, cguid, cuser, ctime)) in codes.iter().enumerate() {
                let user = cuser.or(sel_user).or(first_user);
                let reviewer = match user {
                    Some(u) => ensure_reviewer(p, u),
                    None => ensure_reviewer(p, uuid::Uuid::from_u128(0x00E1_0000)),
                };
                // One selection with one code keeps the selection's GUID.
                let id = if k == 0 {
                    uuid_of(sel, "guid").unwrap_or_else(uuid::Uuid::new_v4)
                } else {
                    cguid.unwrap_or_else(uuid::Uuid::new_v4)
                };
                let created = if ctime.is_empty() {
                    sel_time.clone()
                } else {
                    ctime.clone()
                };
                added.push(Coding {
                    id: CodingId(id),
                    doc: doc_id,
                    start: ns,
                    end: ne,
                    code: *code,
                    category,
                    reviewer,
                    memo: memo.clone(),
                    created,
                    check: None,
                });
            }
        }
        let _ = len;
        self.report.codings += added.len();
        p.codings.extend(added);
        self.report.documents += 1;
        doc.reference = 0;
        Ok(doc_id)
    }

    /// A memo: the selection's Description, then any notes it refers to.
    fn memo(&self, el: &El) -> String {
        let mut parts: Vec<String> = el
            .child_text("Description")
            .map(|d| d.trim().to_owned())
            .filter(|d| !d.is_empty())
            .into_iter()
            .collect();
        for r in el.children("NoteRef") {
            if let Some(t) = uuid_of(r, "targetGUID").and_then(|g| self.notes.get(&g)) {
                parts.push(t.clone());
            }
        }
        parts.join("\n\n")
    }

    fn variable_value(&mut self, p: &mut Project, doc: DocId, v: &El) {
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
        if p.attributes.iter().any(|a| a.id == var) {
            d.attributes.insert(var, value.trim().to_owned());
        }
    }
}

/// "internal://abc.txt" → "sources/abc.txt".
fn internal_path(path: &str) -> String {
    match path.strip_prefix("internal://") {
        Some(rest) => format!("sources/{rest}"),
        None => path.trim_start_matches("file://").to_owned(),
    }
}

fn num(el: &El, attr: &str) -> Option<usize> {
    el.attr(attr)
        .and_then(|v| v.trim().parse::<i64>().ok())
        .map(|n| n.max(0) as usize)
}

fn slice(chars: &[char], s: usize, e: usize) -> Option<String> {
    (s <= e && e <= chars.len()).then(|| chars[s..e].iter().collect())
}

/// Compares a passage with a selection name, ignoring whitespace runs and a
/// trailing ellipsis.
fn same(text: &str, name: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = norm(name.trim_end_matches('…'));
    let t = norm(text);
    !n.is_empty() && (t == n || (name.ends_with('…') && t.starts_with(&n)))
}

/// The reviewer for a user GUID, created if the file did not list it.
fn ensure_reviewer(p: &mut Project, g: uuid::Uuid) -> ReviewerId {
    let id = ReviewerId(g);
    if p.reviewer(id).is_none() {
        let n = p.reviewers.len() + 1;
        p.reviewers.push(Reviewer {
            id,
            name: format!("Reviewer {n}"),
            initials: format!("R{n}"),
        });
    }
    id
}
