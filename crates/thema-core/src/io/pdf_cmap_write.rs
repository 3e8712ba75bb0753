//! `ToUnicode` maps as Thema writes them for pdf-extract, which parses a
//! font's map again on every page the font is on: only what readers use
//! (no PostScript wrapping), runs of codes as ranges.

/// A `ToUnicode` CMap stream body mapping one-byte codes to text.
pub fn write_simple_to_unicode(table: &[Option<String>]) -> Vec<u8> {
    // Only what readers use: pdf-extract parses this map again for every
    // page the font is on, and the PostScript wrapping of a full CMap
    // (resource lookups, dictionaries, CIDSystemInfo) cost more to parse
    // than the mappings.
    let mut s = String::from("1 begincodespacerange\n<00> <FF>\nendcodespacerange\n");
    // Runs of codes whose texts are consecutive single characters become
    // one range (fewer entries for every reader to parse).
    let single = |t: &String| -> Option<u16> {
        let mut units = t.encode_utf16();
        match (units.next(), units.next()) {
            (Some(u), None) => Some(u),
            _ => None,
        }
    };
    let mut ranges: Vec<(usize, usize, u16)> = Vec::new();
    let mut chars: Vec<(usize, &String)> = Vec::new();
    let mut c = 0;
    while c < table.len() {
        let Some(text) = &table[c] else {
            c += 1;
            continue;
        };
        let Some(first) = single(text) else {
            chars.push((c, text));
            c += 1;
            continue;
        };
        let mut end = c;
        while end + 1 < table.len()
            && table[end + 1].as_ref().and_then(single) == first.checked_add(u16::try_from(end + 1 - c).unwrap_or(u16::MAX))
            // A range may only count up the last byte of its text.
            && (first & 0xFF) as usize + (end + 1 - c) <= 0xFF
        {
            end += 1;
        }
        if end > c {
            ranges.push((c, end, first));
        } else {
            chars.push((c, text));
        }
        c = end + 1;
    }
    for chunk in ranges.chunks(100) {
        s.push_str(&format!("{} beginbfrange\n", chunk.len()));
        for (lo, hi, first) in chunk {
            s.push_str(&format!("<{lo:02X}> <{hi:02X}> <{first:04X}>\n"));
        }
        s.push_str("endbfrange\n");
    }
    for chunk in chars.chunks(100) {
        s.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (code, text) in chunk {
            let hex: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
            // An empty text ("suppress") maps to nothing.
            let hex = if hex.is_empty() {
                String::from("0000")
            } else {
                hex
            };
            s.push_str(&format!("<{code:02X}> <{hex}>\n"));
        }
        s.push_str("endbfchar\n");
    }
    s.into_bytes()
}

/// A `ToUnicode` body with exactly `map`'s mappings (the codes of the
/// `original` map, one or two bytes long, and texts in UTF-16BE bytes, as
/// adobe_cmap_parser reads a map), in
/// few bytes: consecutive codes whose texts count up by one in their last
/// byte are one range, the rest single codes, 100 to a section. `None`
/// when the original's codes are of mixed or other lengths.
pub fn compact_to_unicode(
    original: &[u8],
    map: &std::collections::HashMap<u32, Vec<u8>>,
) -> Option<Vec<u8>> {
    use std::fmt::Write as _;
    // Codes keep their length (a composite font may use one-byte codes):
    // the original's code space, when all of one length.
    let space = super::pdf_cmap::CMap::parse(original).codespace;
    let len = space.first()?.0;
    if !matches!(len, 1 | 2) || space.iter().any(|r| r.0 != len) {
        return None;
    }
    let top = if len == 1 { 0xFF } else { 0xFFFF };
    let mut codes: Vec<(&u32, &Vec<u8>)> = map.iter().collect();
    if codes.iter().any(|(c, _)| **c > top) {
        return None;
    }
    let code = |c: u32| {
        if len == 1 {
            format!("{c:02X}")
        } else {
            format!("{c:04X}")
        }
    };
    codes.sort_unstable_by_key(|(c, _)| **c);
    let hex = |bytes: &[u8]| {
        bytes.iter().fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02X}");
            s
        })
    };
    let (mut ranges, mut singles): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < codes.len() {
        let (&lo, text) = codes[i];
        let mut j = i;
        // The next code, its text one more in the last byte (no carry).
        while let Some(&(&c, t)) = codes.get(j + 1) {
            let (Some(&last), Some(&next)) = (text.last(), t.last()) else {
                break;
            };
            let step = u32::try_from(j + 1 - i).unwrap_or(u32::MAX);
            let same_head = t.len() == text.len() && t[..t.len() - 1] == text[..text.len() - 1];
            if c == lo + step
                && same_head
                && u32::from(next) == u32::from(last) + step
                && u32::from(last) + step <= 0xFF
            {
                j += 1;
            } else {
                break;
            }
        }
        if j > i {
            let hi = *codes[j].0;
            ranges.push(format!("<{}> <{}> <{}>", code(lo), code(hi), hex(text)));
        } else {
            singles.push(format!("<{}> <{}>", code(lo), hex(text)));
        }
        i = j + 1;
    }
    let mut s = format!("{} begincodespacerange\n", space.len());
    for (_, lo, hi) in &space {
        let _ = writeln!(s, "<{}> <{}>", code(*lo), code(*hi));
    }
    s.push_str("endcodespacerange\n");
    for chunk in ranges.chunks(100) {
        let _ = writeln!(
            s,
            "{} beginbfrange\n{}\nendbfrange",
            chunk.len(),
            chunk.join("\n")
        );
    }
    for chunk in singles.chunks(100) {
        let _ = writeln!(
            s,
            "{} beginbfchar\n{}\nendbfchar",
            chunk.len(),
            chunk.join("\n")
        );
    }
    Some(s.into_bytes())
}
