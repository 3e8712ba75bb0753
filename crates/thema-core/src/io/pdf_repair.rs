//! Rebuilding a damaged PDF's cross-reference table.
//!
//! When the table that says where each object starts is missing or wrong
//! (a truncated download, a bad editor), poppler and pdf.js scan the file
//! for `N G obj` headers instead. This does the same: it finds every
//! object header (the last one of a number wins, as later updates do), the
//! trailer's `/Root` and `/Info` (or, failing that, the catalog object and
//! a cross-reference stream's dictionary), and appends a fresh table so
//! the ordinary reader can load the file.

use std::collections::BTreeMap;

use pdf_extract::{Document, Object};

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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn nothing_to_rebuild_from_noise() {
        assert!(rebuild_xref(b"hello world, no objects here").is_none());
        assert!(rebuild_xref(b"1 0 obj << /Type /Pages >> endobj").is_none());
    }
}
