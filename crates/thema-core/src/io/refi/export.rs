//! Writing REFI-QDA: a `.qdpx` zip (project.qde + sources/<GUID>.txt) and
//! a standalone `.qdc` codebook. Element order, colours, booleans and
//! dates follow Project.xsd and Codebook.xsd; no empty containers.

use super::positions::Unit;
use super::xml::Out;
use super::{
    CATEGORY_GROUP, CHOICES_PREFIX, VAR_PAGE_STARTS, VAR_REFERENCE, VAR_SHORT_REF, derived_guid,
    ranges_line,
};
use crate::model::{AttrKind, CodeId, Coding, Project};
use std::io::Write;

const NS_PROJECT: &str = "urn:QDA-XML:project:1.0";
const NS_CODEBOOK: &str = "urn:QDA-XML:codebook:1.0";

/// GUID of the category group code.
fn category_group_guid(p: &Project) -> uuid::Uuid {
    derived_guid(
        uuid::Uuid::from_bytes([7; 16]),
        &format!("categories:{}", p.name),
    )
}

/// `#RRGGBB` in upper case, or a neutral grey for anything malformed.
fn color(hex: &str) -> String {
    crate::model::codebook::parse_hex_color(hex)
        .map(crate::model::codebook::hex_color)
        .unwrap_or_else(|| "#808080".into())
}

fn codes(out: &mut Out, p: &Project, parent: Option<CodeId>) {
    for c in p.codebook.children(parent) {
        let guid = c.id.to_string();
        let col = color(&c.color);
        let has_children = p.codebook.children(Some(c.id)).next().is_some();
        let notes: Vec<String> = p
            .memos
            .iter()
            .filter(|m| m.about == crate::model::memos::About::Code(c.id))
            .map(|m| m.id.to_string())
            .collect();
        let description = super::description_with_origin(c);
        if description.is_empty() && !has_children && notes.is_empty() {
            out.empty(
                "Code",
                &[
                    ("guid", &guid),
                    ("name", &c.name),
                    ("isCodable", "true"),
                    ("color", &col),
                ],
            );
            continue;
        }
        out.open(
            "Code",
            &[
                ("guid", &guid),
                ("name", &c.name),
                ("isCodable", "true"),
                ("color", &col),
            ],
        );
        if !description.is_empty() {
            out.text_element("Description", &description);
        }
        codes(out, p, Some(c.id));
        // The code's memos: notes the code refers to.
        for n in &notes {
            out.empty("NoteRef", &[("targetGUID", n)]);
        }
        out.close("Code");
    }
}

fn category_codes(out: &mut Out, p: &Project) {
    if p.categories.is_empty() {
        return;
    }
    let group = category_group_guid(p).to_string();
    out.open(
        "Code",
        &[
            ("guid", &group),
            ("name", CATEGORY_GROUP),
            ("isCodable", "false"),
            ("color", "#999999"),
        ],
    );
    out.text_element("Description", "Thema's categories (barrier, facilitator…): each categorised passage is also coded with its category.");
    for c in &p.categories {
        out.empty(
            "Code",
            &[
                ("guid", &c.id.to_string()),
                ("name", &c.name),
                ("isCodable", "true"),
                ("color", &color(&c.color)),
            ],
        );
    }
    out.close("Code");
}

/// What the `origin` of an export says about its positions, so a
/// re-import (by Thema or by a person) knows the unit.
pub const ORIGIN_UTF16: &str = "Thema (positions in UTF-16 units, for NVivo)";

/// The project.qde document, positions counted in `unit` (the standard's
/// Unicode characters, or UTF-16 units for NVivo).
pub fn project_xml(p: &Project, unit: Unit) -> Vec<u8> {
    let mut out = Out::new();
    let now = crate::model::time::now_iso();
    let origin = match unit {
        Unit::Chars => "Thema",
        Unit::Utf16 => ORIGIN_UTF16,
    };
    out.open(
        "Project",
        &[
            ("xmlns", NS_PROJECT),
            ("name", &p.name),
            ("origin", origin),
            ("creationDateTime", &now),
        ],
    );
    if !p.reviewers.is_empty() {
        out.open("Users", &[]);
        for r in &p.reviewers {
            out.empty(
                "User",
                &[
                    ("guid", &r.id.to_string()),
                    ("name", &r.name),
                    ("id", &r.initials),
                ],
            );
        }
        out.close("Users");
    }
    if !p.codebook.codes.is_empty() || !p.categories.is_empty() {
        out.open("CodeBook", &[]);
        out.open("Codes", &[]);
        codes(&mut out, p, None);
        category_codes(&mut out, p);
        out.close("Codes");
        out.close("CodeBook");
    }
    // Attributes plus two variables for Thema's document fields.
    let ref_var = derived_guid(uuid::Uuid::from_bytes([1; 16]), VAR_REFERENCE).to_string();
    let short_var = derived_guid(uuid::Uuid::from_bytes([2; 16]), VAR_SHORT_REF).to_string();
    out.open("Variables", &[]);
    for a in &p.attributes {
        let kind = match a.kind {
            AttrKind::Number => "Float",
            _ => "Text",
        };
        let mut description: Vec<String> = Vec::new();
        if let AttrKind::Choice(choices) = &a.kind {
            description.push(format!("{CHOICES_PREFIX}{}", choices.join("; ")));
        }
        if !a.bins.is_empty() {
            description.push(ranges_line(&a.bins));
        }
        let attrs = [
            ("guid", a.id.to_string()),
            ("name", a.name.clone()),
            ("typeOfVariable", kind.to_owned()),
        ];
        let attrs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if description.is_empty() {
            out.empty("Variable", &attrs);
        } else {
            out.open("Variable", &attrs);
            out.text_element("Description", &description.join("\n"));
            out.close("Variable");
        }
    }
    out.empty(
        "Variable",
        &[
            ("guid", &ref_var),
            ("name", VAR_REFERENCE),
            ("typeOfVariable", "Integer"),
        ],
    );
    out.empty(
        "Variable",
        &[
            ("guid", &short_var),
            ("name", VAR_SHORT_REF),
            ("typeOfVariable", "Text"),
        ],
    );
    let page_var = derived_guid(uuid::Uuid::from_bytes([3; 16]), VAR_PAGE_STARTS).to_string();
    let has_pages = p.documents.iter().any(|d| !d.page_starts.is_empty());
    if has_pages {
        out.empty(
            "Variable",
            &[
                ("guid", &page_var),
                ("name", VAR_PAGE_STARTS),
                ("typeOfVariable", "Text"),
            ],
        );
    }
    let appraisal = super::export_appraisal::variables(p);
    for v in &appraisal {
        out.empty(
            "Variable",
            &[
                ("guid", &v.guid),
                ("name", &v.name),
                ("typeOfVariable", "Text"),
            ],
        );
    }
    out.close("Variables");

    if !p.documents.is_empty() {
        out.open("Sources", &[]);
        for d in &p.documents {
            let guid = d.id.to_string();
            let path = format!("internal://{guid}.txt");
            let imported = if d.source.imported.is_empty() {
                String::new()
            } else {
                d.source.imported.clone()
            };
            out.open(
                "TextSource",
                &[
                    ("guid", &guid),
                    ("name", &d.title),
                    ("plainTextPath", &path),
                    ("creationDateTime", &imported),
                ],
            );
            if !d.memo.trim().is_empty() {
                out.text_element("Description", &d.memo);
            }
            let mut codings: Vec<&Coding> = p.codings_of(d.id).collect();
            codings.sort_by_key(|c| (c.start, c.end, c.id));
            let at = Positions::new(d, unit);
            for c in codings {
                selection(&mut out, p, d, c, &at);
            }
            for a in &p.attributes {
                let v = d.attribute(a.id);
                if v.is_empty() {
                    continue;
                }
                out.open("VariableValue", &[]);
                out.empty("VariableRef", &[("targetGUID", &a.id.to_string())]);
                match (&a.kind, v.parse::<f64>()) {
                    (AttrKind::Number, Ok(_)) => out.text_element("FloatValue", v.trim()),
                    _ => out.text_element("TextValue", v),
                }
                out.close("VariableValue");
            }
            out.open("VariableValue", &[]);
            out.empty("VariableRef", &[("targetGUID", &ref_var)]);
            out.text_element("IntegerValue", &d.reference.to_string());
            out.close("VariableValue");
            if !d.short_ref.is_empty() {
                out.open("VariableValue", &[]);
                out.empty("VariableRef", &[("targetGUID", &short_var)]);
                out.text_element("TextValue", &d.short_ref);
                out.close("VariableValue");
            }
            for v in &appraisal {
                for (_, value) in v.values.iter().filter(|(doc, _)| *doc == d.id) {
                    out.open("VariableValue", &[]);
                    out.empty("VariableRef", &[("targetGUID", &v.guid)]);
                    out.text_element("TextValue", value);
                    out.close("VariableValue");
                }
            }
            if !d.page_starts.is_empty() {
                let list: Vec<String> = d
                    .page_starts
                    .iter()
                    .map(std::string::ToString::to_string)
                    .collect();
                out.open("VariableValue", &[]);
                out.empty("VariableRef", &[("targetGUID", &page_var)]);
                out.text_element("TextValue", &list.join(" "));
                out.close("VariableValue");
            }
            out.close("TextSource");
        }
        out.close("Sources");
    }
    project_notes(&mut out, p);
    sets(&mut out, p);
    for m in p
        .memos
        .iter()
        .filter(|m| m.about == crate::model::memos::About::Project)
    {
        out.empty("NoteRef", &[("targetGUID", &m.id.to_string())]);
    }
    out.close("Project");
    out.finish()
}

/// One coded passage: a selection holding a coding of its code and, when
/// categorised, a second coding of its category code.
fn selection(out: &mut Out, p: &Project, d: &crate::model::Document, c: &Coding, at: &Positions) {
    let user = c.reviewer.to_string();
    let quote: String = d.slice_chars(c.start, c.end.min(c.start + 400));
    out.open(
        "PlainTextSelection",
        &[
            ("guid", &c.id.to_string()),
            ("name", &quote),
            ("startPosition", &at.of(c.start).to_string()),
            ("endPosition", &at.of(c.end).to_string()),
            ("creatingUser", &user),
            ("creationDateTime", &c.created),
        ],
    );
    if !c.memo.is_empty() {
        out.text_element("Description", &c.memo);
    }
    out.open(
        "Coding",
        &[
            ("guid", &derived_guid(c.id.0, "code").to_string()),
            ("creatingUser", &user),
            ("creationDateTime", &c.created),
        ],
    );
    out.empty("CodeRef", &[("targetGUID", &c.code.to_string())]);
    out.close("Coding");
    if let Some(cat) = c.category.filter(|k| p.category(*k).is_some()) {
        out.open(
            "Coding",
            &[
                ("guid", &derived_guid(c.id.0, "category").to_string()),
                ("creatingUser", &user),
                ("creationDateTime", &c.created),
            ],
        );
        out.empty("CodeRef", &[("targetGUID", &cat.to_string())]);
        out.close("Coding");
    }
    out.close("PlainTextSelection");
}

/// The `.qdc` codebook document.
pub fn codebook_xml(p: &Project) -> Vec<u8> {
    let mut out = Out::new();
    out.open("CodeBook", &[("xmlns", NS_CODEBOOK), ("origin", "Thema")]);
    out.open("Codes", &[]);
    codes(&mut out, p, None);
    category_codes(&mut out, p);
    out.close("Codes");
    // Code sets travel with the codebook (their documents do not).
    let with_codes: Vec<_> = p
        .code_sets
        .iter()
        .filter(|s| s.codes.iter().any(|c| p.codebook.contains(*c)))
        .collect();
    if !with_codes.is_empty() {
        out.open("Sets", &[]);
        for set in with_codes {
            out.open("Set", &[("guid", &set.id.to_string()), ("name", &set.name)]);
            if !set.description.is_empty() {
                out.text_element("Description", &set.description);
            }
            // The codebook schema names the member `guid` (the project
            // schema says `targetGUID`).
            for c in set.codes.iter().filter(|c| p.codebook.contains(**c)) {
                out.empty("MemberCode", &[("guid", &c.to_string())]);
            }
            out.close("Set");
        }
        out.close("Sets");
    }
    out.close("CodeBook");
    out.finish()
}

/// Char offsets of one document as written: themselves, or UTF-16 units.
struct Positions {
    /// UTF-16 offset of each char offset (only when some char is wide).
    utf16: Option<Vec<usize>>,
}

impl Positions {
    fn new(d: &crate::model::Document, unit: Unit) -> Self {
        let wide = unit == Unit::Utf16 && d.text.chars().any(|c| c.len_utf16() == 2);
        let utf16 = wide.then(|| {
            let mut v = Vec::with_capacity(d.text.len() + 1);
            let mut n = 0;
            for c in d.text.chars() {
                v.push(n);
                n += c.len_utf16();
            }
            v.push(n);
            v
        });
        Self { utf16 }
    }

    fn of(&self, char_offset: usize) -> usize {
        match &self.utf16 {
            Some(v) => v.get(char_offset).copied().unwrap_or(char_offset),
            None => char_offset,
        }
    }
}

/// The `.qdpx` archive as bytes, positions in Unicode characters (the
/// REFI-QDA standard).
pub fn qdpx(p: &Project) -> Result<Vec<u8>, super::RefiError> {
    qdpx_in(p, Unit::Chars)
}

/// The `.qdpx` archive with positions counted in `unit` (`Utf16` for
/// files meant for NVivo).
pub fn qdpx_in(p: &Project, unit: Unit) -> Result<Vec<u8>, super::RefiError> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let err = |e: &dyn std::fmt::Display| super::RefiError::Write(e.to_string());
    zip.start_file("project.qde", opts).map_err(|e| err(&e))?;
    zip.write_all(&project_xml(p, unit)).map_err(|e| err(&e))?;
    for d in &p.documents {
        zip.start_file(format!("sources/{}.txt", d.id), opts)
            .map_err(|e| err(&e))?;
        zip.write_all(d.text.as_bytes()).map_err(|e| err(&e))?;
    }
    let cursor = zip.finish().map_err(|e| err(&e))?;
    Ok(cursor.into_inner())
}

/// The project memos as `<Notes>` (the project refers to each with a
/// `<NoteRef>`, which says they are about the project as a whole).
fn project_notes(out: &mut Out, p: &Project) {
    if p.memos.is_empty() {
        return;
    }
    out.open("Notes", &[]);
    for m in &p.memos {
        let created = if is_date_time(&m.created) {
            m.created.as_str()
        } else {
            ""
        };
        let modified = if is_date_time(&m.modified) {
            m.modified.as_str()
        } else {
            ""
        };
        let author = m.author.map(|a| a.to_string()).unwrap_or_default();
        out.open(
            "Note",
            &[
                ("guid", &m.id.to_string()),
                ("name", &m.title),
                ("creatingUser", &author),
                ("creationDateTime", created),
                ("modifiedDateTime", modified),
            ],
        );
        out.text_element("PlainTextContent", &m.text);
        out.close("Note");
    }
    out.close("Notes");
}

/// "2024-03-01T10:00:00" with an optional fraction and zone: what
/// `xsd:dateTime` accepts (anything else is left out rather than making
/// the file invalid).
fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    b.len() >= 19
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
}

/// `<Sets>`: the project's code sets (members that still exist), then one
/// set per category, holding the category's code and every document with a
/// passage in that category, so tools without Thema's category group still
/// see which studies report barriers, facilitators, ….
fn sets(out: &mut Out, p: &Project) {
    let used: Vec<_> = p
        .categories
        .iter()
        .filter(|k| p.codings.iter().any(|c| c.category == Some(k.id)))
        .collect();
    if used.is_empty() && p.code_sets.is_empty() {
        return;
    }
    out.open("Sets", &[]);
    for set in &p.code_sets {
        out.open("Set", &[("guid", &set.id.to_string()), ("name", &set.name)]);
        if !set.description.is_empty() {
            out.text_element("Description", &set.description);
        }
        for c in set.codes.iter().filter(|c| p.codebook.contains(**c)) {
            out.empty("MemberCode", &[("targetGUID", &c.to_string())]);
        }
        for d in set.documents.iter().filter(|d| p.document(**d).is_some()) {
            out.empty("MemberSource", &[("targetGUID", &d.to_string())]);
        }
        out.close("Set");
    }
    for k in used {
        let guid = derived_guid(k.id.0, "set").to_string();
        out.open("Set", &[("guid", &guid), ("name", &k.name)]);
        out.text_element(
            "Description",
            &format!(
                "Thema category: the studies with a passage marked {}.",
                k.name
            ),
        );
        out.empty("MemberCode", &[("targetGUID", &k.id.to_string())]);
        let mut docs: Vec<_> = p
            .codings
            .iter()
            .filter(|c| c.category == Some(k.id))
            .map(|c| c.doc)
            .collect();
        docs.sort();
        docs.dedup();
        for d in docs {
            out.empty("MemberSource", &[("targetGUID", &d.to_string())]);
        }
        out.close("Set");
    }
    out.close("Sets");
}
