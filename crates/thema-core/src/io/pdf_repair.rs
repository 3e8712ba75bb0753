//! Rebuilding a damaged PDF's cross-reference table.
//!
//! When the table that says where each object starts is missing or wrong
//! (a truncated download, a bad editor), poppler and pdf.js scan the file
//! for `N G obj` headers instead. This does the same: it finds every
//! object header (the last one of a number wins, as later updates do), the
//! trailer's `/Root` and `/Info` (or, failing that, the catalog object and
//! a cross-reference stream's dictionary), and appends a fresh table so
//! the ordinary reader can load the file.

use std::collections::{BTreeMap, HashSet};

use pdf_extract::{Dictionary, Document, Object, ObjectId};

/// A file with its cross-reference table rebuilt.
pub struct Rebuilt {
    /// The file with the new table appended (offsets are unchanged).
    pub bytes: Vec<u8>,
    /// Where each object found starts: number → (offset, generation).
    pub objects: BTreeMap<u32, (usize, u16)>,
}

/// The file with a rebuilt cross-reference table appended, or `None` when
/// no object or no catalog can be found.
pub fn rebuild_xref(bytes: &[u8]) -> Option<Rebuilt> {
    let mut objects: BTreeMap<u32, (usize, u16)> = BTreeMap::new();
    let mut catalog: Option<(u32, u16)> = None;
    let mut i = 0;
    while i < bytes.len() {
        // An object header starts a line (or follows a delimiter).
        let at_start = i == 0 || matches!(bytes[i - 1], b'\n' | b'\r' | b' ' | b'>' | b'\t');
        if at_start
            && bytes[i].is_ascii_digit()
            && let Some((num, gen_, end)) = object_header(bytes, i)
        {
            objects.insert(num, (i, gen_));
            let body_end = find_from(bytes, end, b"endobj")
                .unwrap_or(bytes.len())
                .min(end + 4096);
            if catalog_in(&bytes[end..body_end]) {
                catalog = Some((num, gen_));
            }
            i = end;
            continue;
        }
        i += 1;
    }
    if objects.is_empty() {
        return None;
    }
    let trailer_at = rfind(bytes, b"trailer");
    let trailer = trailer_at.map(|t| &bytes[t..(t + 2048).min(bytes.len())]);
    let xref_stream_root = || {
        // A cross-reference stream's dictionary carries /Root.
        let t = rfind(bytes, b"/XRef")?;
        let from = t.saturating_sub(2048);
        reference_after(&bytes[from..(t + 2048).min(bytes.len())], b"/Root")
    };
    let root = trailer
        .and_then(|t| reference_after(t, b"/Root"))
        .filter(|(n, _)| objects.contains_key(n))
        .or_else(|| xref_stream_root().filter(|(n, _)| objects.contains_key(n)))
        .or(catalog)?;
    let info = trailer
        .and_then(|t| reference_after(t, b"/Info"))
        .filter(|(n, _)| objects.contains_key(n));
    let mut out = bytes.to_vec();
    out.extend_from_slice(b"\n");
    let xref_at = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f\r\n");
    for (num, (offset, gen_)) in &objects {
        out.extend_from_slice(format!("{num} 1\n{offset:010} {gen_:05} n\r\n").as_bytes());
    }
    let size = objects.keys().next_back().copied().unwrap_or(0) + 1;
    let mut trailer = format!("trailer\n<< /Size {size} /Root {} {} R", root.0, root.1);
    if let Some((n, g)) = info {
        trailer.push_str(&format!(" /Info {n} {g} R"));
    }
    trailer.push_str(&format!(" >>\nstartxref\n{xref_at}\n%%EOF\n"));
    out.extend_from_slice(trailer.as_bytes());
    Some(Rebuilt {
        bytes: out,
        objects,
    })
}

/// Streams a normally loaded file lost because their `/Length` was wrong
/// (the reader kept only their dictionary) are read again by their
/// keywords. Returns how many were recovered.
pub fn recover_dropped_streams(doc: &mut Document, bytes: &[u8]) -> usize {
    let offsets: BTreeMap<u32, (usize, u16)> = doc
        .objects
        .iter()
        .filter(|(_, o)| matches!(o, Object::Dictionary(d) if d.get(b"Length").is_ok()))
        .filter_map(|(id, _)| match doc.reference_table.entries.get(&id.0) {
            Some(pdf_extract::xref::XrefEntry::Normal { offset, generation }) => {
                Some((id.0, (usize::try_from(*offset).ok()?, *generation)))
            }
            _ => None,
        })
        .collect();
    if offsets.is_empty() {
        return 0;
    }
    fix_stream_lengths(doc, bytes, &offsets)
}

/// Where the data of the stream object at `offset` lies, by its keywords.
fn raw_stream(bytes: &[u8], offset: usize) -> Option<(usize, usize)> {
    let obj_end = find_from(bytes, offset, b"endobj").unwrap_or(bytes.len());
    let mut start = find_from(&bytes[..obj_end], offset, b"stream")? + b"stream".len();
    if bytes.get(start) == Some(&b'\r') {
        start += 1;
    }
    if bytes.get(start) == Some(&b'\n') {
        start += 1;
    }
    let mut end = find_from(bytes, start, b"endstream")?;
    while end > start && matches!(bytes[end - 1], b'\r' | b'\n') {
        end -= 1;
    }
    Some((start, end))
}

/// Streams whose declared `/Length` was wrong (read empty, or cut so that
/// their filter fails) are read again up to their `endstream`, as poppler
/// does. Returns how many were fixed.
pub fn fix_stream_lengths(
    doc: &mut Document,
    bytes: &[u8],
    objects: &BTreeMap<u32, (usize, u16)>,
) -> usize {
    let mut fixed = 0;
    for (num, (offset, gen_)) in objects {
        // A stream read empty or cut, or one the reader kept only the
        // dictionary of.
        let (dict, broken) = match doc.get_object((*num, *gen_)) {
            Ok(Object::Stream(s)) => (
                s.dict.clone(),
                s.content.is_empty()
                    || (s.dict.get(b"Filter").is_ok() && s.decompressed_content().is_err())
                    || raw_stream(bytes, *offset).is_some_and(|(a, b)| b - a > s.content.len() + 2),
            ),
            Ok(Object::Dictionary(d)) => {
                let end = find_from(bytes, *offset, b"endobj").unwrap_or(bytes.len());
                (
                    d.clone(),
                    find_from(&bytes[..end], *offset, b"stream").is_some(),
                )
            }
            _ => continue,
        };
        // The offset must point at this object's header.
        if !broken || object_header(bytes, *offset).is_none_or(|(n, _, _)| n != *num) {
            continue;
        }
        let Some((start, end)) = raw_stream(bytes, *offset) else {
            continue;
        };
        let content = bytes[start..end].to_vec();
        if content.is_empty() {
            continue;
        }
        let mut dict = dict;
        dict.set(
            "Length",
            Object::Integer(i64::try_from(content.len()).unwrap_or(0)),
        );
        doc.objects.insert(
            (*num, *gen_),
            Object::Stream(pdf_extract::Stream::new(dict, content)),
        );
        fixed += 1;
    }
    fixed
}

/// `N G obj` at `i`: the numbers and where the object's body starts.
fn object_header(bytes: &[u8], i: usize) -> Option<(u32, u16, usize)> {
    let (num, j) = number(bytes, i)?;
    let j = spaces(bytes, j)?;
    let (gen_, k) = number(bytes, j)?;
    let k = skip_spaces(bytes, k);
    if bytes.get(k..k + 3) != Some(b"obj") {
        return None;
    }
    Some((u32::try_from(num).ok()?, u16::try_from(gen_).ok()?, k + 3))
}

fn number(bytes: &[u8], i: usize) -> Option<(u64, usize)> {
    let mut j = i;
    let mut v: u64 = 0;
    while j < bytes.len() && bytes[j].is_ascii_digit() && j - i < 10 {
        v = v * 10 + u64::from(bytes[j] - b'0');
        j += 1;
    }
    (j > i).then_some((v, j))
}

fn spaces(bytes: &[u8], i: usize) -> Option<usize> {
    let j = skip_spaces(bytes, i);
    (j > i).then_some(j)
}

fn skip_spaces(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\n' | b'\r' | b'\t' | 0x0C | 0) {
        i += 1;
    }
    i
}

fn catalog_in(body: &[u8]) -> bool {
    let compact: Vec<u8> = body
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    find_from(&compact, 0, b"/Type/Catalog").is_some()
}

/// `/Key N G R` inside `hay`.
fn reference_after(hay: &[u8], key: &[u8]) -> Option<(u32, u16)> {
    let at = find_from(hay, 0, key)? + key.len();
    let i = skip_spaces(hay, at);
    let (num, j) = number(hay, i)?;
    let j = spaces(hay, j)?;
    let (gen_, k) = number(hay, j)?;
    let k = skip_spaces(hay, k);
    (hay.get(k) == Some(&b'R')).then_some((u32::try_from(num).ok()?, u16::try_from(gen_).ok()?))
}

fn find_from(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Forms (drawings a page reuses) nested deeper than this are cut.
const MAX_FORM_NESTING: usize = 32;

struct Cut {
    form: ObjectId,
    name: Vec<u8>,
    /// The name was found in the form's own resources (else inherited).
    own: bool,
    /// The resources the form inherited there, when not its own.
    inherited: Option<Dictionary>,
}

fn dict_of<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok()?.as_dict().ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

/// Name → form object of a resource dictionary's `/XObject`.
fn forms_of(doc: &Document, resources: &Dictionary) -> BTreeMap<Vec<u8>, ObjectId> {
    let Some(xobjects) = resources.get(b"XObject").ok().and_then(|o| dict_of(doc, o)) else {
        return BTreeMap::new();
    };
    xobjects
        .iter()
        .filter_map(|(name, o)| {
            let Object::Reference(id) = o else {
                return None;
            };
            let Ok(Object::Stream(s)) = doc.get_object(*id) else {
                return None;
            };
            (s.dict.get(b"Subtype").ok().and_then(|t| t.as_name().ok()) == Some(b"Form"))
                .then(|| (name.clone(), *id))
        })
        .collect()
}

fn own_resources(doc: &Document, form: ObjectId) -> Option<Dictionary> {
    let Ok(Object::Stream(s)) = doc.get_object(form) else {
        return None;
    };
    s.dict
        .get(b"Resources")
        .ok()
        .and_then(|o| dict_of(doc, o))
        .cloned()
}

/// Depth-first walk over (form, whose resources it reads) — a form without
/// resources of its own reads those of whoever draws it, so the same form
/// is a different node under another owner. Each node is walked once, so
/// the work stays polynomial whatever the file's shape.
fn visit(
    doc: &Document,
    form: ObjectId,
    owner: ObjectId,
    inherited: &Dictionary,
    path: &mut Vec<ObjectId>,
    done: &mut HashSet<(ObjectId, ObjectId)>,
    cuts: &mut Vec<Cut>,
) {
    let own = own_resources(doc, form);
    let resources = own.as_ref().unwrap_or(inherited);
    let child_owner = if own.is_some() { form } else { owner };
    for (name, child) in forms_of(doc, resources) {
        if path.contains(&child) || path.len() >= MAX_FORM_NESTING {
            cuts.push(Cut {
                form,
                name,
                own: own.is_some(),
                inherited: own.is_none().then(|| inherited.clone()),
            });
            continue;
        }
        if done.contains(&(child, child_owner)) {
            continue;
        }
        path.push(child);
        visit(doc, child, child_owner, resources, path, done, cuts);
        path.pop();
    }
    done.insert((form, owner));
}

/// Cuts forms that draw themselves (directly or through others) or nest
/// deeper than [`MAX_FORM_NESTING`]: pdf-extract would follow them until
/// the stack overflows. Returns how many drawing references were cut.
pub fn cut_form_cycles(doc: &mut Document) -> usize {
    let mut cuts = Vec::new();
    let mut done = HashSet::new();
    for page in doc.get_pages().into_values() {
        let Ok(page_dict) = doc.get_dictionary(page) else {
            continue;
        };
        let Some(resources) = page_dict
            .get(b"Resources")
            .ok()
            .and_then(|o| dict_of(doc, o))
            .cloned()
        else {
            continue;
        };
        for (_, form) in forms_of(doc, &resources) {
            if done.contains(&(form, page)) {
                continue;
            }
            let mut path = vec![form];
            visit(doc, form, page, &resources, &mut path, &mut done, &mut cuts);
        }
    }
    for cut in &cuts {
        apply_cut(doc, cut);
    }
    cuts.len()
}

fn apply_cut(doc: &mut Document, cut: &Cut) {
    // The form's resources: its own (maybe an object of their own), or a
    // copy of the inherited ones given to it.
    let Ok(Object::Stream(s)) = doc.get_object(cut.form) else {
        return;
    };
    let resources_ref = match s.dict.get(b"Resources") {
        Ok(Object::Reference(id)) => Some(*id),
        _ => None,
    };
    let xobject_ref = s
        .dict
        .get(b"Resources")
        .ok()
        .and_then(|o| dict_of(doc, o))
        .and_then(|r| match r.get(b"XObject") {
            Ok(Object::Reference(id)) => Some(*id),
            _ => None,
        });
    let has_resources = s.dict.get(b"Resources").is_ok();
    if !cut.own && !has_resources {
        let Some(mut res) = cut.inherited.clone() else {
            return;
        };
        let mut x = res
            .get(b"XObject")
            .ok()
            .and_then(|o| dict_of(doc, o))
            .cloned()
            .unwrap_or_default();
        x.remove(&cut.name);
        res.set("XObject", Object::Dictionary(x));
        if let Ok(Object::Stream(s)) = doc.get_object_mut(cut.form) {
            s.dict.set("Resources", Object::Dictionary(res));
        }
        return;
    }
    let target: Option<&mut Dictionary> = if let Some(id) = xobject_ref {
        doc.get_object_mut(id)
            .ok()
            .and_then(|o| o.as_dict_mut().ok())
    } else if let Some(id) = resources_ref {
        doc.get_object_mut(id)
            .ok()
            .and_then(|o| o.as_dict_mut().ok())
            .and_then(|r| r.get_mut(b"XObject").ok())
            .and_then(|o| o.as_dict_mut().ok())
    } else {
        match doc.get_object_mut(cut.form) {
            Ok(Object::Stream(s)) => s
                .dict
                .get_mut(b"Resources")
                .ok()
                .and_then(|o| o.as_dict_mut().ok())
                .and_then(|r| r.get_mut(b"XObject").ok())
                .and_then(|o| o.as_dict_mut().ok()),
            _ => None,
        }
    };
    if let Some(x) = target {
        x.remove(&cut.name);
    }
}

/// Decodes, in place, the filters a stream starts with that the PDF
/// library cannot (`ASCIIHexDecode`, `RunLengthDecode`), so the content
/// behind them is read instead of lost. Returns how many streams changed.
pub fn decode_unsupported_filters(doc: &mut Document) -> usize {
    let mut changed = 0;
    for obj in doc.objects.values_mut() {
        let Object::Stream(s) = obj else { continue };
        let mut filters: Vec<Vec<u8>> = match s.dict.get(b"Filter") {
            Ok(Object::Name(n)) => vec![n.clone()],
            Ok(Object::Array(a)) => a
                .iter()
                .filter_map(|f| f.as_name().ok().map(<[u8]>::to_vec))
                .collect(),
            _ => continue,
        };
        let mut params: Vec<Object> = match s.dict.get(b"DecodeParms") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(o) => vec![o.clone()],
            Err(_) => Vec::new(),
        };
        let mut done = false;
        while let Some(first) = filters.first() {
            let decoded = match first.as_slice() {
                b"ASCIIHexDecode" | b"AHx" => ascii_hex(&s.content),
                b"RunLengthDecode" | b"RL" => run_length(&s.content),
                _ => break,
            };
            s.content = decoded;
            filters.remove(0);
            if !params.is_empty() {
                params.remove(0);
            }
            done = true;
        }
        if !done {
            continue;
        }
        changed += 1;
        if filters.is_empty() {
            s.dict.remove(b"Filter");
            s.dict.remove(b"DecodeParms");
        } else {
            s.dict.set(
                "Filter",
                Object::Array(filters.into_iter().map(Object::Name).collect()),
            );
            if params.is_empty() {
                s.dict.remove(b"DecodeParms");
            } else {
                s.dict.set("DecodeParms", Object::Array(params));
            }
        }
        let len = i64::try_from(s.content.len()).unwrap_or(0);
        s.dict.set("Length", Object::Integer(len));
    }
    changed
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = data
        .iter()
        .take_while(|&&b| b != b'>')
        .filter_map(|&b| char::from(b).to_digit(16))
        .filter_map(|d| u8::try_from(d).ok())
        .collect();
    digits
        .chunks(2)
        .map(|p| p[0] * 16 + p.get(1).copied().unwrap_or(0))
        .collect()
}

fn run_length(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let n = data[i];
        i += 1;
        match n {
            128 => break,
            0..=127 => {
                let end = (i + usize::from(n) + 1).min(data.len());
                out.extend_from_slice(&data[i..end]);
                i = end;
            }
            _ => {
                if let Some(&b) = data.get(i) {
                    out.extend(std::iter::repeat_n(b, 257 - usize::from(n)));
                }
                i += 1;
            }
        }
    }
    out
}

/// Content streams with comments (`% …` to the line's end, legal in PDF)
/// get them removed: the PDF library stops reading a content stream at
/// its first comment, and the text after it was lost. Returns how many streams changed.
pub fn strip_content_comments(doc: &mut Document) -> usize {
    let mut ids: Vec<ObjectId> = Vec::new();
    for page in doc.get_pages().into_values() {
        ids.extend(doc.get_page_contents(page));
    }
    ids.extend(doc.objects.iter().filter_map(|(id, o)| match o {
        Object::Stream(s)
            if s.dict.get(b"Subtype").ok().and_then(|t| t.as_name().ok()) == Some(b"Form") =>
        {
            Some(*id)
        }
        _ => None,
    }));
    let mut changed = 0;
    for id in ids {
        let Ok(Object::Stream(s)) = doc.get_object_mut(id) else {
            continue;
        };
        let Ok(plain) = s.get_plain_content() else {
            continue;
        };
        // The library stops reading at a comment followed by an indented
        // line, silently.
        if !plain.contains(&b'%') {
            continue;
        }
        let stripped = without_comments(&plain);
        if stripped.len() != plain.len() {
            s.set_plain_content(stripped);
            changed += 1;
        }
    }
    changed
}

/// The bytes without `%` comments, strings (`(…)`, `<…>`) left alone.
fn without_comments(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut depth = 0usize;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        match b {
            b'\\' if depth > 0 => {
                out.push(b);
                if let Some(&n) = data.get(i + 1) {
                    out.push(n);
                }
                i += 2;
                continue;
            }
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b'%' if depth == 0 => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            _ => {}
        }
        out.push(b);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_extract::{Stream, dictionary};

    /// Adds a one-page tree with these resources; returns the page.
    fn add_page(doc: &mut Document, resources: Dictionary) -> ObjectId {
        let pages = doc.new_object_id();
        let page = doc.add_object(
            dictionary! { "Type" => "Page", "Parent" => pages, "Resources" => resources },
        );
        let tree = dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 };
        doc.objects.insert(pages, Object::Dictionary(tree));
        let cat = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", cat);
        page
    }

    #[test]
    fn a_form_that_draws_itself_is_cut_once() {
        let mut doc = Document::with_version("1.5");
        let form = doc.new_object_id();
        let own = Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form",
            "Resources" => dictionary! { "XObject" => dictionary! { "X1" => form } } },
            b"/X1 Do".to_vec(),
        );
        doc.objects.insert(form, Object::Stream(own));
        let page = add_page(
            &mut doc,
            dictionary! { "XObject" => dictionary! { "X1" => form } },
        );
        assert_eq!(cut_form_cycles(&mut doc), 1);
        assert_eq!(cut_form_cycles(&mut doc), 0);
        // The page still draws the form; the form no longer draws itself.
        let page_dict = doc.get_dictionary(page).unwrap();
        assert_eq!(
            forms_of(
                &doc,
                dict_of(&doc, page_dict.get(b"Resources").unwrap()).unwrap()
            )
            .len(),
            1
        );
        assert!(forms_of(&doc, &own_resources(&doc, form).unwrap()).is_empty());
    }

    #[test]
    fn many_forms_drawing_each_other_are_walked_in_polynomial_time() {
        // 40 forms without resources of their own, each listed on the page:
        // each draws every other through the page's resources. A walk over
        // paths would take 40! steps.
        let mut doc = Document::with_version("1.5");
        let forms: Vec<ObjectId> = (0..40)
            .map(|_| {
                doc.add_object(Stream::new(
                    dictionary! { "Type" => "XObject", "Subtype" => "Form" },
                    Vec::new(),
                ))
            })
            .collect();
        let mut x = Dictionary::new();
        for (i, f) in forms.iter().enumerate() {
            x.set(format!("X{i}"), *f);
        }
        add_page(&mut doc, dictionary! { "XObject" => x });
        let cuts = cut_form_cycles(&mut doc);
        assert!(cuts >= 40, "{cuts}");
        // After the cuts, no form draws a form any more than once deep.
        assert_eq!(cut_form_cycles(&mut doc), 0);
    }

    #[test]
    fn a_form_inheriting_the_page_that_draws_it_gets_its_own_resources() {
        let mut doc = Document::with_version("1.5");
        let form = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form" },
            b"/X1 Do".to_vec(),
        ));
        let page = add_page(
            &mut doc,
            dictionary! { "XObject" => dictionary! { "X1" => form } },
        );
        assert_eq!(cut_form_cycles(&mut doc), 1);
        assert!(forms_of(&doc, &own_resources(&doc, form).unwrap()).is_empty());
        let page_dict = doc.get_dictionary(page).unwrap();
        assert_eq!(
            forms_of(
                &doc,
                dict_of(&doc, page_dict.get(b"Resources").unwrap()).unwrap()
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_file_without_its_table_gets_one() {
        let body = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n";
        let fixed = rebuild_xref(body).unwrap().bytes;
        let text = String::from_utf8_lossy(&fixed);
        assert!(text.contains("/Root 1 0 R"), "{text}");
        assert!(text.contains(&format!(
            "{:010} 00000 n",
            body.windows(7).position(|w| w == b"1 0 obj").unwrap()
        )));
        let doc = pdf_extract::Document::load_mem(&fixed).unwrap();
        assert!(doc.catalog().is_ok());
    }

    #[test]
    fn hex_and_run_length_filters_are_undone() {
        assert_eq!(ascii_hex(b"48 65 6c6C 6>"), b"Hell`");
        assert_eq!(
            run_length(&[2, b'a', b'b', b'c', 254, b'x', 128, b'z']),
            b"abcxxx"
        );
        let mut doc = Document::with_version("1.5");
        let id = doc.add_object(Stream::new(
            dictionary! { "Filter" => vec![Object::Name(b"AHx".to_vec())] },
            b"4254 2045 54>".to_vec(),
        ));
        assert_eq!(decode_unsupported_filters(&mut doc), 1);
        let Ok(Object::Stream(s)) = doc.get_object(id) else {
            panic!()
        };
        assert_eq!(s.content, b"BT ET");
        assert!(s.dict.get(b"Filter").is_err());
    }

    #[test]
    fn comments_leave_content_streams_but_not_strings() {
        assert_eq!(
            without_comments(b"BT % start\n(100% sure \\) % kept) Tj %end\nET"),
            b"BT \n(100% sure \\) % kept) Tj \nET"
        );
    }

    #[test]
    fn nothing_to_rebuild_from_noise() {
        assert!(rebuild_xref(b"hello world, no objects here").is_none());
        assert!(rebuild_xref(b"1 0 obj << /Type /Pages >> endobj").is_none());
    }
}
