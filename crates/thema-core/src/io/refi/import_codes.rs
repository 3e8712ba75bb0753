//! Reading codes from REFI-QDA XML: the codebook of a project and `.qdc`
//! codebook files (codes, Thema's categories, code groups).

use super::import_report::ImportReport;
use super::import_util::{code_set, uuid_of};
use super::xml::{El, parse};
use super::{CATEGORY_GROUP, RefiError};
use crate::model::{Category, CategoryId, Code, CodeId, IdMap, Project};
use std::collections::HashMap;

/// An XML file whose root element is `<CodeBook>` (a `.qdc`).
pub(super) fn looks_like_codebook(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    head.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
        && (head.contains("<CodeBook") || head.contains(":CodeBook"))
}

/// Reads a `.qdc` codebook into the codes (and categories) of a project.
pub fn read_qdc(bytes: &[u8]) -> Result<(Project, ImportReport), RefiError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(RefiError::IsProject);
    }
    let xml_error = |reason| RefiError::Xml {
        file: String::new(),
        reason,
    };
    let xml = decode_utf8(bytes).map_err(xml_error)?;
    let root = parse(xml).map_err(xml_error)?;
    if !root.name.eq_ignore_ascii_case("CodeBook") {
        return Err(RefiError::WrongRoot {
            file: String::new(),
            expected: "codebook",
            root: root.name.clone(),
        });
    }
    let mut p = Project::new("codebook");
    let mut report = ImportReport::default();
    let mut cat_ids = IdMap::default();
    if let Some(codes) = root.child("Codes") {
        read_codes(&mut p, codes, None, &mut cat_ids, &mut report);
    }
    // Code groups.
    for set in root
        .child("Sets")
        .into_iter()
        .flat_map(|s| s.children("Set"))
    {
        let name = set.attr("name").unwrap_or("").trim().to_owned();
        let written: Vec<CodeId> = set
            .children("MemberCode")
            .filter_map(|m| uuid_of(m, "targetGUID").or_else(|| uuid_of(m, "guid")))
            .map(CodeId)
            .collect();
        let codes: Vec<CodeId> = written
            .iter()
            .copied()
            .filter(|c| p.codebook.contains(*c))
            .collect();
        if codes.len() < written.len() {
            report.skipped.push(format!(
                "set \"{name}\": {} not codes of the codebook; the set keeps the rest",
                crate::words::count(written.len() - codes.len(), "member is", "members are")
            ));
        }
        let description = set
            .child_text("Description")
            .unwrap_or_default()
            .trim()
            .to_owned();
        let number = p.code_sets.len() + 1;
        p.code_sets
            .push(code_set(set, number, description, codes, Vec::new()));
        report.code_sets += 1;
    }
    Ok((p, report))
}

/// The XML as text, borrowed (no copy of a large file), without a BOM.
pub(super) fn decode_utf8(bytes: &[u8]) -> Result<&str, String> {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| "the XML is not UTF-8".to_owned())
}

/// Reads `<Code>` elements into the codebook; the category group (and its
/// children) becomes the project's categories instead. Iterative: a work
/// list of (element, parent) keeps document order (parents before their
/// children, siblings in order) without recursion, however deep the file
/// nests (the XML reader already refuses nesting deeper than 256).
pub(super) fn read_codes(
    p: &mut Project,
    top: &El,
    parent: Option<CodeId>,
    cat_ids: &mut IdMap<uuid::Uuid, CategoryId>,
    report: &mut ImportReport,
) {
    let mut work: Vec<(&El, Option<CodeId>)> = top.children("Code").map(|c| (c, parent)).collect();
    work.reverse();
    // Colours by id, so neither the duplicate check nor a child's inherited
    // colour searches the codebook (a file may hold millions of codes).
    let mut colors: HashMap<CodeId, String> = p
        .codebook
        .codes
        .iter()
        .map(|c| (c.id, c.color.clone()))
        .collect();
    while let Some((el, parent)) = work.pop() {
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
        if colors.contains_key(&id) {
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
                .and_then(|pa| colors.get(&pa))
                .cloned()
                .unwrap_or_else(|| {
                    crate::model::codebook::PALETTE[p.codebook.codes.len() % 12].to_owned()
                })
        });
        colors.insert(id, color.clone());
        let (description, origin) =
            super::split_origin(&el.child_text("Description").unwrap_or_default());
        p.codebook.codes.push(Code {
            id,
            name,
            parent,
            color,
            description,
            origin,
        });
        report.codes += 1;
        let first = work.len();
        work.extend(el.children("Code").map(|c| (c, Some(id))));
        work[first..].reverse();
    }
}
