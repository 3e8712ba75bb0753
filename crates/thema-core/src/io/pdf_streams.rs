//! Content the PDF library reads wrongly: filters it lacks (ASCIIHex,
//! RunLength), comments in content streams, at which it stops, and images,
//! which it reads as if they were text.

use pdf_extract::{Document, Object, ObjectId};

/// Empties the streams of images (their pixels are never text). The PDF
/// reader takes whatever a page draws with `Do` for a content stream, so
/// a 3300 × 2550 photo was inflated (25 MB, with its mask) and scanned for
/// text operators each time it was drawn: a three-page LaTeX article took
/// ten times as long as poppler. Returns how many images were emptied.
pub fn empty_images(doc: &mut Document) -> usize {
    let mut emptied = 0;
    for obj in doc.objects.values_mut() {
        let Object::Stream(s) = obj else { continue };
        let image = matches!(s.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Image");
        if image && !s.content.is_empty() {
            s.content = Vec::new();
            s.dict.remove(b"Filter");
            s.dict.remove(b"DecodeParms");
            s.dict.set("Length", 0);
            emptied += 1;
        }
    }
    emptied
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
        let Some(plain) = inflate_plain(s).or_else(|| s.get_plain_content().ok()) else {
            continue;
        };
        // The library stops reading at a comment followed by an indented
        // line, silently.
        if plain.contains(&b'%') {
            let stripped = without_comments(&plain);
            if stripped.len() != plain.len() {
                s.set_plain_content(stripped);
                changed += 1;
                continue;
            }
        }
        // Kept decompressed: the page reader would inflate it again.
        if s.dict.has(b"Filter") {
            s.set_plain_content(plain);
        }
    }
    changed
}

/// The largest content stream Thema inflates itself (a bigger one is left
/// to the PDF library, which reads it as before).
const INFLATE_LIMIT: usize = 256 << 20;

/// A stream compressed with FlateDecode alone (no predictor), inflated
/// without zero-filling the output first (the PDF library's way cost a
/// tenth of the import on large pages). `None` for any other stream, or
/// one larger than [`INFLATE_LIMIT`]; a stream cut short gives what it has,
/// as the library does.
fn inflate_plain(s: &pdf_extract::Stream) -> Option<Vec<u8>> {
    use flate2::{Decompress, FlushDecompress, Status};
    let flate_only = match s.dict.get(b"Filter").ok()? {
        Object::Name(n) => n == b"FlateDecode",
        Object::Array(a) => a.len() == 1 && a[0].as_name().ok() == Some(b"FlateDecode"),
        _ => false,
    };
    if !flate_only || s.dict.has(b"DecodeParms") {
        return None;
    }
    let input = &s.content;
    let mut d = Decompress::new(true);
    let mut out: Vec<u8> =
        Vec::with_capacity(input.len().saturating_mul(4).clamp(1024, INFLATE_LIMIT));
    loop {
        if out.len() == out.capacity() {
            if out.len() >= INFLATE_LIMIT {
                return None;
            }
            out.reserve(out.capacity().min(INFLATE_LIMIT - out.len()));
        }
        let consumed = usize::try_from(d.total_in()).ok()?;
        let before = (consumed, out.len());
        match d.decompress_vec(input.get(consumed..)?, &mut out, FlushDecompress::Finish) {
            Ok(Status::StreamEnd) => return Some(out),
            Ok(_) => {
                let now = (usize::try_from(d.total_in()).ok()?, out.len());
                // No progress with room left: the stream ends early.
                if now == before && out.len() < out.capacity() {
                    return Some(out);
                }
            }
            // Corrupt data: the library's reader decides what to keep.
            Err(_) => return None,
        }
    }
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

    #[test]
    fn flate_streams_inflate_whole_cut_short_or_not_at_all() {
        use std::io::Write;
        let plain: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("BT ({i}) Tj ET\n").into_bytes())
            .collect();
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&plain).unwrap();
        let packed = z.finish().unwrap();
        let stream = |content: Vec<u8>, dict| Stream::new(dict, content);
        let whole = stream(packed.clone(), dictionary! { "Filter" => "FlateDecode" });
        assert_eq!(inflate_plain(&whole).as_deref(), Some(&plain[..]));
        // The same as the library reads it.
        assert_eq!(whole.decompressed_content().unwrap(), plain);
        // Cut short: what is there.
        let cut = stream(
            packed[..packed.len() / 2].to_vec(),
            dictionary! { "Filter" => "FlateDecode" },
        );
        let part = inflate_plain(&cut).unwrap();
        assert!(
            !part.is_empty() && plain.starts_with(&part),
            "{}",
            part.len()
        );
        // A predictor, or another filter: left to the library.
        let predicted = stream(
            packed.clone(),
            dictionary! { "Filter" => "FlateDecode", "DecodeParms" => dictionary! { "Predictor" => 12 } },
        );
        assert!(inflate_plain(&predicted).is_none());
        let other = stream(packed, dictionary! { "Filter" => "LZWDecode" });
        assert!(inflate_plain(&other).is_none());
        // Corrupt data: left to the library.
        let junk = stream(
            vec![0x78, 0x9c, 0xff, 0xff, 0xff, 0x00],
            dictionary! { "Filter" => "FlateDecode" },
        );
        assert!(inflate_plain(&junk).is_none());
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
}
