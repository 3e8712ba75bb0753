//! Comments and form fields on a PDF's pages. They are not the author's
//! text (a sticky note a colleague added in Acrobat, a filled-in form
//! field), so they stay out of the document's text; but they are kept: the
//! import puts them in the document's memo, page by page, and says so.
//! What holds no text of its own (a button's caption, a signature's stamp,
//! the label on a video) is read from the appearance it draws, as a
//! reader's eye (and poppler) sees it.

use pdf_extract::{Dictionary, Document, Object, ObjectId};

use super::pdf_fallback::Appearances;

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

/// What a form field holds, looked for on the widget and up its parents
/// (a field's widgets often carry neither name nor value).
struct Field {
    name: String,
    /// Field type: `Tx`, `Btn`, `Ch`, `Sig`.
    kind: Vec<u8>,
    value: Option<String>,
    options: Option<String>,
}

fn field_of(doc: &Document, widget: &Dictionary) -> Field {
    let (mut name, mut kind, mut value, mut options) = (None, None, None, None);
    let mut node = Some(widget);
    for _ in 0..MAX_PARENTS {
        let Some(d) = node else { break };
        name = name.or_else(|| string_of(doc, d, b"TU").or_else(|| string_of(doc, d, b"T")));
        kind = kind.or_else(|| get(doc, d, b"FT").and_then(|t| t.as_name().ok()));
        value = value.or_else(|| get(doc, d, b"V").and_then(|v| value_of(doc, v)));
        options = options.or_else(|| get(doc, d, b"Opt").and_then(|v| value_of(doc, v)));
        node = get(doc, d, b"Parent").and_then(|p| p.as_dict().ok());
    }
    Field {
        name: name.unwrap_or_else(|| "unnamed".to_owned()),
        kind: kind.map(<[u8]>::to_vec).unwrap_or_default(),
        value,
        options,
    }
}

/// A form field's name and value, or what its widget shows when it holds
/// no value (a button's caption, a signature's stamp); with what it shows
/// besides when that differs from the value (a list box shows its items'
/// names, the value is the chosen item's export name).
fn field(doc: &Document, widget: &Dictionary, drawn: Option<String>) -> Option<String> {
    let Field {
        name,
        kind,
        value,
        options,
    } = field_of(doc, widget);
    let stored = match (value, options) {
        (Some(v), _) => Some(format!("Form field \u{201c}{name}\u{201d}: {v}")),
        (None, Some(o)) => Some(format!(
            "Form field \u{201c}{name}\u{201d} (nothing chosen; choices: {o})"
        )),
        (None, None) => None,
    };
    // A check box or radio button with a value draws only its mark.
    let mark = kind.as_slice() == b"Btn";
    match (stored, drawn) {
        (Some(s), Some(d)) if !mark && !letters(&s).contains(&letters(&d)) => {
            Some(format!("{s} (shown: {d})"))
        }
        (Some(s), _) => Some(s),
        (None, Some(d)) => Some(match kind.as_slice() {
            b"Sig" => format!("Signature \u{201c}{name}\u{201d}: {d}"),
            b"Btn" => format!("Button \u{201c}{name}\u{201d}: {d}"),
            _ => format!("Form field \u{201c}{name}\u{201d} shows: {d}"),
        }),
        (None, None) => None,
    }
}

/// Letters and digits, lower-cased: to tell whether two texts say the
/// same, however spaced.
fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Annotation flags that keep it off the screen: Hidden and NoView.
const NOT_SHOWN: i64 = 2 | 32;

/// The text an annotation's appearance draws (its `/AP /N` form, the one
/// for its state `/AS` when it has several), when it is shown and draws
/// letters or digits.
fn drawn_text(
    doc: &Document,
    annot: &Dictionary,
    resources: Option<&Dictionary>,
    reader: &mut Appearances,
) -> Option<String> {
    let flags = get(doc, annot, b"F").and_then(|f| f.as_i64().ok());
    if flags.is_some_and(|f| f & NOT_SHOWN != 0) {
        return None;
    }
    let normal = get(doc, annot, b"AP")?.as_dict().ok()?;
    let form = match get(doc, normal, b"N")? {
        Object::Stream(s) => s,
        Object::Dictionary(states) => {
            let state = get(doc, annot, b"AS")?.as_name().ok()?;
            get(doc, states, state)?.as_stream().ok()?
        }
        _ => return None,
    };
    let text = reader.text(form, resources)?;
    let text = tidy(&text);
    text.chars().any(char::is_alphanumeric).then_some(text)
}

/// Operators read per page over all its annotations' appearances.
const APPEARANCE_BUDGET: usize = 200_000;

/// The resources form fields' appearances fall back on (`/AcroForm /DR`).
fn form_resources(doc: &Document) -> Option<&Dictionary> {
    let form = get(doc, doc.catalog().ok()?, b"AcroForm")?.as_dict().ok()?;
    get(doc, form, b"DR")?.as_dict().ok()
}

/// The comments, form fields and other annotations on a page that say
/// something, in the page's order: a comment's text, else what its
/// appearance draws (the label drawn on a video, a free-text box).
pub fn page_annotations(doc: &Document, page: ObjectId) -> Vec<String> {
    let Ok(page) = doc.get_dictionary(page) else {
        return Vec::new();
    };
    let Some(Object::Array(annots)) = get(doc, page, b"Annots") else {
        return Vec::new();
    };
    let resources = form_resources(doc);
    let mut reader = Appearances::new(doc, APPEARANCE_BUDGET);
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
            "Widget" => {
                let drawn = drawn_text(doc, annot, resources, &mut reader);
                out.extend(field(doc, annot, drawn));
            }
            kind => {
                let kind = if kind.is_empty() { "Note" } else { kind };
                if let Some(text) = string_of(doc, annot, b"Contents") {
                    let by = string_of(doc, annot, b"T")
                        .map(|t| format!(" by {t}"))
                        .unwrap_or_default();
                    out.push(format!("Comment ({kind}){by}: {text}"));
                } else if let Some(text) = drawn_text(doc, annot, resources, &mut reader) {
                    out.push(format!("Annotation ({kind}) shows: {text}"));
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

    /// A form drawing `text` in Helvetica, as an annotation's appearance.
    fn appearance(doc: &mut Document, text: &str) -> Object {
        let font = dictionary! { "Type" => "Font", "Subtype" => "Type1",
        "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" };
        let content = format!("0 g BT /Helv 12 Tf 2 5 Td ({text}) Tj ET");
        let form = pdf_extract::Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 200.into(), 20.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "Helv" => font } } },
            content.into_bytes(),
        );
        doc.add_object(form).into()
    }

    #[test]
    fn what_buttons_signatures_lists_and_media_show_is_read() {
        let mut doc = Document::with_version("1.5");
        let caption = appearance(&mut doc, "Print the form");
        let stamp = appearance(&mut doc, "Signed by P. Frey, 2011-01-17");
        let items = appearance(&mut doc, "Item1 Item2");
        let video = appearance(&mut doc, "VIDEO");
        let hidden = appearance(&mut doc, "Not shown");
        let same = appearance(&mut doc, "P-07");
        let checked = appearance(&mut doc, "4");
        let annots = vec![
            Object::Dictionary(dictionary! { "Subtype" => "Widget", "FT" => "Btn",
            "T" => lit("Print"), "AP" => dictionary! { "N" => caption } }),
            Object::Dictionary(dictionary! { "Subtype" => "Widget", "FT" => "Sig",
            "T" => lit("Signature1"), "F" => 132,
            "V" => dictionary! { "Type" => "Sig" }, "AP" => dictionary! { "N" => stamp } }),
            Object::Dictionary(dictionary! { "Subtype" => "Widget", "FT" => "Ch",
            "T" => lit("List"), "V" => lit("Export1"),
            "AP" => dictionary! { "N" => items } }),
            Object::Dictionary(dictionary! { "Subtype" => "Screen",
            "AP" => dictionary! { "N" => video } }),
            Object::Dictionary(dictionary! { "Subtype" => "Widget", "FT" => "Btn",
            "T" => lit("Secret"), "F" => 2, "AP" => dictionary! { "N" => hidden } }),
            Object::Dictionary(dictionary! { "Subtype" => "Widget", "FT" => "Tx",
            "T" => lit("ID"), "V" => lit("P-07"), "AP" => dictionary! { "N" => same } }),
            Object::Dictionary(dictionary! { "Subtype" => "Widget", "FT" => "Btn",
            "T" => lit("Box"), "AS" => "Off",
            "AP" => dictionary! { "N" => dictionary! { "Yes" => checked.clone() } } }),
            Object::Dictionary(dictionary! { "Subtype" => "Widget", "FT" => "Btn",
            "T" => lit("Ticked"), "V" => "Yes", "AS" => "Yes",
            "AP" => dictionary! { "N" => dictionary! { "Yes" => checked } } }),
        ];
        let page = doc.add_object(dictionary! { "Type" => "Page", "Annots" => annots });
        assert_eq!(
            page_annotations(&doc, page),
            vec![
                "Button \u{201c}Print\u{201d}: Print the form",
                "Signature \u{201c}Signature1\u{201d}: Signed by P. Frey, 2011-01-17",
                "Form field \u{201c}List\u{201d}: Export1 (shown: Item1 Item2)",
                "Annotation (Screen) shows: VIDEO",
                "Form field \u{201c}ID\u{201d}: P-07",
                "Form field \u{201c}Ticked\u{201d}: Yes",
            ]
        );
    }

    #[test]
    fn text_strings_in_utf16_and_latin1() {
        assert_eq!(text_string(&[0xFE, 0xFF, 0x00, 0x41, 0x00, 0xE9]), "Aé");
        assert_eq!(text_string(&[0x43, 0x61, 0x66, 0xE9]), "Café");
    }
}
