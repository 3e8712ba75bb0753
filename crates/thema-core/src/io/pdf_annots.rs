//! Comments and form fields on a PDF's pages. They are not the author's
//! text (a sticky note a colleague added in Acrobat, a filled-in form
//! field), so they stay out of the document's text; but they are kept: the
//! import puts them in the document's memo, page by page, and says so.

use pdf_extract::{Dictionary, Document, Object, ObjectId};

/// Most annotations read per page, and longest text kept from one (a
/// hostile file may hold millions).
const MAX_PER_PAGE: usize = 500;
const MAX_CHARS: usize = 10_000;
/// How far up a form field's parents its name and value are looked for.
const MAX_PARENTS: usize = 8;

/// A PDF text string: UTF-16BE or UTF-8 with their byte-order marks, else
/// PDFDocEncoding read as Latin-1.
pub fn text_string(raw: &[u8]) -> String {
    if let Some(be) = raw.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = be
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(utf8) = raw.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(utf8).into_owned()
    } else if let Ok(s) = std::str::from_utf8(raw) {
        s.to_owned()
    } else {
        raw.iter().map(|&b| char::from(b)).collect()
    }
}

fn tidy(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(MAX_CHARS) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let o = d.get(key).ok()?;
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

fn string_of(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<String> {
    match get(doc, d, key)? {
        Object::String(s, _) => Some(tidy(&text_string(s))).filter(|t| !t.is_empty()),
        _ => None,
    }
}

/// A field's value in words: a string, a choice ("Yes"), several choices.
fn value_of(doc: &Document, o: &Object) -> Option<String> {
    let text = match o {
        Object::String(s, _) => tidy(&text_string(s)),
        Object::Name(n) if n.as_slice() != b"Off" => String::from_utf8_lossy(n).into_owned(),
        Object::Array(items) => items
            .iter()
            .take(MAX_PER_PAGE)
            .filter_map(|i| value_of(doc, i))
            .collect::<Vec<_>>()
            .join("; "),
        Object::Reference(id) => return value_of(doc, doc.get_object(*id).ok()?),
        _ => String::new(),
    };
    Some(text).filter(|t| !t.is_empty())
}

/// A form field's name and value, looked for on the widget and up its
/// parents (a field's widgets often carry neither).
fn field(doc: &Document, widget: &Dictionary) -> Option<String> {
    let (mut name, mut value, mut options) = (None, None, None);
    let mut node = Some(widget);
    for _ in 0..MAX_PARENTS {
        let Some(d) = node else { break };
        name = name.or_else(|| string_of(doc, d, b"TU").or_else(|| string_of(doc, d, b"T")));
        value = value.or_else(|| get(doc, d, b"V").and_then(|v| value_of(doc, v)));
        options = options.or_else(|| get(doc, d, b"Opt").and_then(|v| value_of(doc, v)));
        node = get(doc, d, b"Parent").and_then(|p| p.as_dict().ok());
    }
    let name = name.unwrap_or_else(|| "unnamed".to_owned());
    match (value, options) {
        (Some(v), _) => Some(format!("Form field \u{201c}{name}\u{201d}: {v}")),
        (None, Some(o)) => Some(format!(
            "Form field \u{201c}{name}\u{201d} (nothing chosen; choices: {o})"
        )),
        (None, None) => None,
    }
}

/// The comments and filled-in form fields on a page, in the page's order.
pub fn page_annotations(doc: &Document, page: ObjectId) -> Vec<String> {
    let Ok(page) = doc.get_dictionary(page) else {
        return Vec::new();
    };
    let Some(Object::Array(annots)) = get(doc, page, b"Annots") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for a in annots.iter().take(MAX_PER_PAGE) {
        let annot = match a {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        };
        let Some(annot) = annot else { continue };
        let subtype = get(doc, annot, b"Subtype")
            .and_then(|s| s.as_name().ok())
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .unwrap_or_default();
        match subtype.as_str() {
            // Links and the pop-up windows of other comments carry nothing
            // of their own.
            "Link" | "Popup" => {}
            "Widget" => out.extend(field(doc, annot)),
            kind => {
                if let Some(text) = string_of(doc, annot, b"Contents") {
                    let by = string_of(doc, annot, b"T")
                        .map(|t| format!(" by {t}"))
                        .unwrap_or_default();
                    let kind = if kind.is_empty() { "Note" } else { kind };
                    out.push(format!("Comment ({kind}){by}: {text}"));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_extract::{StringFormat, dictionary};

    fn lit(s: &str) -> Object {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    }

    #[test]
    fn comments_and_fields_are_read_links_and_empty_fields_skipped() {
        let mut doc = Document::with_version("1.5");
        let parent =
            doc.add_object(dictionary! { "T" => lit("Participant ID"), "V" => lit("P-07") });
        let annots = vec![
            Object::Dictionary(dictionary! { "Subtype" => "Link", "Contents" => lit("ignored") }),
            Object::Dictionary(dictionary! {
                "Subtype" => "FreeText", "T" => lit("AB"),
                "Contents" => lit("Check this\n  against table 2"),
            }),
            Object::Dictionary(dictionary! { "Subtype" => "Widget", "Parent" => parent }),
            Object::Dictionary(
                dictionary! { "Subtype" => "Widget", "T" => lit("Consent"), "V" => "Off" },
            ),
            Object::Dictionary(
                dictionary! { "Subtype" => "Widget", "T" => lit("Agreed"), "V" => "Yes" },
            ),
            Object::Dictionary(dictionary! {
                "Subtype" => "Widget", "T" => lit("Site"),
                "Opt" => vec![lit("North"), lit("South")],
            }),
        ];
        let page = doc.add_object(dictionary! { "Type" => "Page", "Annots" => annots });
        assert_eq!(
            page_annotations(&doc, page),
            vec![
                "Comment (FreeText) by AB: Check this against table 2",
                "Form field \u{201c}Participant ID\u{201d}: P-07",
                "Form field \u{201c}Agreed\u{201d}: Yes",
                "Form field \u{201c}Site\u{201d} (nothing chosen; choices: North; South)",
            ]
        );
    }

    #[test]
    fn text_strings_in_utf16_and_latin1() {
        assert_eq!(text_string(&[0xFE, 0xFF, 0x00, 0x41, 0x00, 0xE9]), "Aé");
        assert_eq!(text_string(&[0x43, 0x61, 0x66, 0xE9]), "Café");
    }
}
