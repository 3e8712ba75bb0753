//! The text of a font program's glyphs, for composite TrueType fonts a PDF
//! gives no text map for (no `ToUnicode`, or an empty one): without it
//! every reader, pdf-extract included, reads nothing or glyph numbers.
//!
//! A glyph's text comes from the program itself: its `cmap` table read
//! backwards (a letter's basic form before its presentation forms, so that
//! Arabic is searchable), then the glyphs its substitutions make from
//! glyphs already known (the initial, medial and final forms of Arabic
//! letters, small capitals, ligatures: `GSUB` single, alternate and
//! ligature lookups), then its `post` glyph names through Adobe's glyph
//! list ("uni0628.init", "f_f_i"). The work is bounded whatever the
//! program claims.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};
use ttf_parser::gsub::SubstitutionSubtable;
use ttf_parser::opentype_layout::Coverage;
use ttf_parser::{Face, GlyphId};

use super::pdf_cid_unicode::Collection;
use super::pdf_cmap::{CMap, Code};
use super::pdf_core_fonts::{core_font, standard_order_texts};
use super::pdf_fonts::{deref, stream_bytes};
use super::pdf_glyphs::glyph_unicode;

/// Steps of work (code points, covered glyphs, ligatures) per program.
const MAX_STEPS: usize = 400_000;
/// Passes over the substitutions (a substitution of a substitution).
const PASSES: usize = 3;

/// Glyph id → text for the glyphs the program lets Thema name; empty when
/// the program cannot be parsed.
pub fn glyph_texts(program: &[u8]) -> HashMap<u16, String> {
    let repaired = repaired(program);
    catch_unwind(AssertUnwindSafe(|| {
        let Ok(face) = Face::parse(repaired.as_deref().unwrap_or(program), 0) else {
            return HashMap::new();
        };
        let mut steps = 0;
        let mut texts = from_cmap(&face, &mut steps);
        for _ in 0..PASSES {
            if !from_substitutions(&face, &mut texts, &mut steps) {
                break;
            }
        }
        from_names(&face, &mut texts);
        texts
    }))
    .unwrap_or_default()
}

/// A copy of the program the parser can read, when it could not: its
/// table directory sorted by tag (the format asks for that order and the
/// parser finds tables by binary search) and a `head` table whose
/// location format is neither 0 nor 1 (seen as 256) set by the length of
/// `loca`. Either made some subsetters' programs seem to lack `head`.
fn repaired(program: &[u8]) -> Option<Vec<u8>> {
    let count = usize::from(u16::from_be_bytes([*program.get(4)?, *program.get(5)?]));
    let records = program.get(12..12 + 16 * count)?;
    let mut list: Vec<&[u8]> = records.chunks_exact(16).collect();
    let sorted = list.is_sorted_by_key(|r| &r[..4]);
    list.sort_by_key(|r| &r[..4]);
    let table = |tag: &[u8]| -> Option<(usize, usize)> {
        let r = list.iter().find(|r| &r[..4] == tag)?;
        let at = |i: usize| u32::from_be_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]) as usize;
        Some((at(8), at(12)))
    };
    let format_at = table(b"head").map(|(at, _)| at + 50);
    let format = format_at.and_then(|at| program.get(at..at + 2));
    let bad_format = format.is_some_and(|f| f != [0, 0] && f != [0, 1]);
    if sorted && !bad_format {
        return None;
    }
    let mut copy = program.to_vec();
    copy[12..12 + 16 * count].copy_from_slice(&list.concat());
    if let (true, Some(at)) = (bad_format, format_at) {
        let glyphs = table(b"maxp")
            .and_then(|(m, _)| program.get(m + 4..m + 6))
            .map_or(0, |n| usize::from(u16::from_be_bytes([n[0], n[1]])));
        let long = table(b"loca").is_some_and(|(_, len)| len >= 4 * (glyphs + 1));
        copy[at..at + 2].copy_from_slice(&[0, u8::from(long)]);
    }
    Some(copy)
}

/// Arabic and Latin presentation forms: a glyph mapped from both its
/// basic letter and a presentation form is named by the letter.
fn presentation_form(c: u32) -> bool {
    (0xFB00..=0xFDFF).contains(&c) || (0xFE70..=0xFEFF).contains(&c)
}

/// Private-use code points say nothing to a reader (symbol fonts map
/// their glyphs there).
fn private_use(c: u32) -> bool {
    (0xE000..=0xF8FF).contains(&c) || c >= 0xF_0000
}

fn from_cmap(face: &Face, steps: &mut usize) -> HashMap<u16, String> {
    let mut best: HashMap<u16, u32> = HashMap::new();
    let Some(cmap) = face.tables().cmap else {
        return HashMap::new();
    };
    for table in cmap.subtables {
        if !table.is_unicode() {
            continue;
        }
        table.codepoints(|c| {
            *steps += 1;
            let unseen = char::from_u32(c).is_none_or(char::is_control) || private_use(c);
            if *steps > MAX_STEPS || unseen {
                return;
            }
            let Some(g) = table.glyph_index(c) else {
                return;
            };
            let better = best
                .get(&g.0)
                .is_none_or(|&old| (presentation_form(old), old) > (presentation_form(c), c));
            if g.0 != 0 && better {
                best.insert(g.0, c);
            }
        });
    }
    best.into_iter()
        .filter_map(|(g, c)| Some((g, char::from_u32(c)?.to_string())))
        .collect()
}

/// Glyphs a coverage table lists, with their coverage index.
fn covered(coverage: &Coverage, steps: &mut usize) -> Vec<(u16, u16)> {
    let mut out = Vec::new();
    match coverage {
        Coverage::Format1 { glyphs } => {
            for (i, g) in glyphs.into_iter().enumerate() {
                *steps += 1;
                if *steps > MAX_STEPS {
                    break;
                }
                out.push((g.0, u16::try_from(i).unwrap_or(u16::MAX)));
            }
        }
        Coverage::Format2 { records } => {
            for r in *records {
                for g in r.start.0..=r.end.0 {
                    *steps += 1;
                    if *steps > MAX_STEPS {
                        return out;
                    }
                    out.push((g, r.value.saturating_add(g - r.start.0)));
                }
            }
        }
    }
    out
}

/// Names glyphs the substitutions make from named ones; whether any was
/// named.
fn from_substitutions(face: &Face, texts: &mut HashMap<u16, String>, steps: &mut usize) -> bool {
    let Some(gsub) = face.tables().gsub else {
        return false;
    };
    let before = texts.len();
    for lookup in gsub.lookups {
        for sub in lookup.subtables.into_iter::<SubstitutionSubtable>() {
            if *steps > MAX_STEPS {
                return texts.len() > before;
            }
            substitute(&sub, texts, steps);
        }
    }
    texts.len() > before
}

fn name(texts: &mut HashMap<u16, String>, glyph: GlyphId, text: &str) {
    if glyph.0 != 0 {
        texts.entry(glyph.0).or_insert_with(|| text.to_owned());
    }
}

fn substitute(sub: &SubstitutionSubtable, texts: &mut HashMap<u16, String>, steps: &mut usize) {
    match sub {
        SubstitutionSubtable::Single(single) => {
            use ttf_parser::gsub::SingleSubstitution as S;
            let coverage = match single {
                S::Format1 { coverage, .. } | S::Format2 { coverage, .. } => coverage,
            };
            for (g, i) in covered(coverage, steps) {
                let Some(text) = texts.get(&g).cloned() else {
                    continue;
                };
                let out = match single {
                    S::Format1 { delta, .. } => Some(GlyphId(g.wrapping_add_signed(*delta))),
                    S::Format2 { substitutes, .. } => substitutes.get(i),
                };
                if let Some(out) = out {
                    name(texts, out, &text);
                }
            }
        }
        SubstitutionSubtable::Alternate(alt) => {
            for (g, i) in covered(&alt.coverage, steps) {
                let (Some(text), Some(set)) = (texts.get(&g).cloned(), alt.alternate_sets.get(i))
                else {
                    continue;
                };
                for out in set.alternates {
                    *steps += 1;
                    name(texts, out, &text);
                }
            }
        }
        SubstitutionSubtable::Ligature(lig) => {
            for (g, i) in covered(&lig.coverage, steps) {
                let (Some(first), Some(set)) = (texts.get(&g).cloned(), lig.ligature_sets.get(i))
                else {
                    continue;
                };
                for l in set {
                    *steps += 1 + usize::from(l.components.len());
                    let rest: Option<String> = l
                        .components
                        .into_iter()
                        .map(|c| texts.get(&c.0).cloned())
                        .collect();
                    if let Some(rest) = rest {
                        name(texts, l.glyph, &format!("{first}{rest}"));
                    }
                }
            }
        }
        _ => {}
    }
}

fn from_names(face: &Face, texts: &mut HashMap<u16, String>) {
    for g in 1..face.number_of_glyphs() {
        if texts.contains_key(&g) {
            continue;
        }
        if let Some(text) = face.glyph_name(GlyphId(g)).and_then(glyph_unicode) {
            texts.insert(g, text);
        }
    }
}

/// Gives every composite font without a text map one where it can
/// ([`add_text_map`]); run after [`super::pdf_fonts::normalize`], which
/// makes every font an object of its own. Returns how many it gave.
pub fn add_text_maps(doc: &mut Document) -> usize {
    let composite: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let d = o.as_dict().ok()?;
            let is =
                |key: &[u8], v: &[u8]| d.get(key).ok().and_then(|o| o.as_name().ok()) == Some(v);
            (is(b"Type", b"Font") && is(b"Subtype", b"Type0")).then_some(*id)
        })
        .collect();
    composite
        .into_iter()
        .filter(|id| add_text_map(doc, *id))
        .count()
}

/// Gives a composite font the PDF leaves without a text map one made from
/// its embedded program ([`glyph_texts`]): a TrueType program, or an
/// OpenType one of a CFF font; its codes read as CIDs (`Identity-H`/`-V`)
/// or through its own embedded encoding CMap. Returns whether it did.
pub fn add_text_map(doc: &mut Document, id: ObjectId) -> bool {
    let map = catch_unwind(AssertUnwindSafe(|| text_map(doc, id)))
        .ok()
        .flatten();
    let Some(map) = map else {
        return false;
    };
    let cmap = doc.add_object(Stream::new(Dictionary::new(), map));
    if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
        font.set("ToUnicode", Object::Reference(cmap));
    }
    true
}

/// A code space range: byte length, low and high code.
type CodeRange = (u8, u32, u32);

/// Largest font program read (bytes).
const MAX_PROGRAM: usize = 32 << 20;
/// Most codes of an embedded encoding CMap given a text.
const MAX_CODES: usize = 0x1_0000;

fn text_map(doc: &Document, id: ObjectId) -> Option<Vec<u8>> {
    let font = doc.objects.get(&id)?.as_dict().ok()?;
    let has_map = font
        .get(b"ToUnicode")
        .ok()
        .and_then(|o| deref(doc, o).as_stream().ok())
        .and_then(stream_bytes)
        .is_some_and(|b| !CMap::parse(&b).is_empty());
    if has_map {
        return None;
    }
    let (codespace, codes): (Vec<CodeRange>, Vec<(Code, u32)>) =
        match deref(doc, font.get(b"Encoding").ok()?) {
            Object::Name(n) if matches!(n.as_slice(), b"Identity-H" | b"Identity-V") => {
                (vec![(2, 0, 0xFFFF)], Vec::new())
            }
            // An Adobe Unicode CMap: its codes are their own text (the
            // second reader reads them so).
            Object::Stream(s) if unicode_cmap(s) => return None,
            Object::Stream(s) => {
                let cmap = CMap::parse(&stream_bytes(s)?);
                let codes = cmap.cid_codes(MAX_CODES);
                (cmap.codespace, codes)
            }
            _ => return None,
        };
    let descendant = deref(doc, font.get(b"DescendantFonts").ok()?)
        .as_array()
        .ok()?
        .first()
        .map(|o| deref(doc, o))?
        .as_dict()
        .ok()?;
    let by_cid = texts_by_cid(doc, descendant)?;
    let mut entries: Vec<(Code, &str)> = if codes.is_empty() {
        by_cid
            .iter()
            .filter_map(|(cid, t)| Some(((2, u32::from(u16::try_from(*cid).ok()?)), t.as_str())))
            .collect()
    } else {
        codes
            .iter()
            .filter_map(|(code, cid)| Some((*code, by_cid.get(cid)?.as_str())))
            .collect()
    };
    entries.sort_unstable();
    entries.dedup_by_key(|(code, _)| *code);
    (!entries.is_empty()).then(|| write_map(&codespace, &entries))
}

fn unicode_cmap(s: &Stream) -> bool {
    let name = s.dict.get(b"CMapName").ok().and_then(|n| n.as_name().ok());
    let name = String::from_utf8_lossy(name.unwrap_or_default());
    name.starts_with("Uni")
        && ["UTF8", "UTF16", "UCS2", "UTF32"]
            .iter()
            .any(|u| name.contains(u))
}

/// CID → text of a CID font without a text map. A TrueType program's own
/// `cmap` comes first (it says what its glyphs are); a CFF program has no
/// such table, so the CIDs of Adobe's CJK collections are read by Adobe's
/// table ([`super::pdf_cid_unicode`]) first.
fn texts_by_cid(doc: &Document, descendant: &Dictionary) -> Option<HashMap<u32, String>> {
    let info = descendant
        .get(b"CIDSystemInfo")
        .ok()
        .and_then(|o| deref(doc, o).as_dict().ok());
    let field = |key: &[u8]| {
        info.and_then(|d| d.get(key).ok())
            .and_then(|o| deref(doc, o).as_str().ok())
            .unwrap_or_default()
    };
    let collection = Collection::of(field(b"Registry"), field(b"Ordering"));
    let by_collection = || {
        let c = collection?;
        let table = c.table().iter().map(|(cid, t)| (*cid, t.clone()));
        // Only the CIDs the font holds, when it says: the map is parsed
        // again on every page the font is on.
        Some(match cids_held(doc, descendant) {
            Some(held) => table.filter(|(cid, _)| held.contains(cid)).collect(),
            None => table.collect::<HashMap<u32, String>>(),
        })
    };
    let truetype = descendant
        .get(b"Subtype")
        .ok()
        .and_then(|s| s.as_name().ok())
        == Some(b"CIDFontType2".as_slice());
    // A core font named but not embedded, shown by glyph number.
    let core = || {
        let name = descendant.get(b"BaseFont").ok()?.as_name().ok()?;
        let identity = descendant
            .get(b"CIDToGIDMap")
            .ok()
            .is_none_or(|m| m.as_name().ok() == Some(b"Identity".as_slice()));
        (identity && core_font(name)).then(standard_order_texts)
    };
    if truetype {
        cid_texts(doc, descendant)
            .or_else(by_collection)
            .or_else(core)
    } else {
        by_collection().or_else(|| cid_texts(doc, descendant))
    }
}

/// CID → text of a CID font's embedded program: a TrueType program
/// (`FontFile2`, its CIDs mapped to glyphs by `CIDToGIDMap`) or an
/// OpenType one (`FontFile3`, a CID-keyed CFF's own CIDs).
fn cid_texts(doc: &Document, descendant: &Dictionary) -> Option<HashMap<u32, String>> {
    let descriptor = deref(doc, descendant.get(b"FontDescriptor").ok()?)
        .as_dict()
        .ok()?;
    let subtype = descendant.get(b"Subtype").ok()?.as_name().ok()?;
    let file: &[u8] = if subtype == b"CIDFontType2" {
        b"FontFile2"
    } else {
        b"FontFile3"
    };
    let stream = deref(doc, descriptor.get(file).ok()?).as_stream().ok()?;
    if subtype == b"CIDFontType0"
        && stream
            .dict
            .get(b"Subtype")
            .ok()
            .and_then(|s| s.as_name().ok())
            != Some(b"OpenType")
    {
        return None;
    }
    let program = stream_bytes(stream).filter(|p| p.len() <= MAX_PROGRAM)?;
    let texts = glyph_texts(&program);
    if texts.is_empty() {
        return None;
    }
    let cid_to_gid = descendant
        .get(b"CIDToGIDMap")
        .ok()
        .and_then(|o| deref(doc, o).as_stream().ok())
        .and_then(stream_bytes);
    let out = match (&cid_to_gid, subtype == b"CIDFontType2") {
        (Some(map), true) => map
            .chunks_exact(2)
            .take(0x1_0000)
            .enumerate()
            .filter_map(|(cid, g)| {
                let text = texts.get(&u16::from_be_bytes([g[0], g[1]]))?;
                Some((u32::try_from(cid).ok()?, text.clone()))
            })
            .collect(),
        (_, true) => texts.into_iter().map(|(g, t)| (u32::from(g), t)).collect(),
        (_, false) => {
            let cids = glyph_cids(&program);
            texts
                .into_iter()
                .map(|(g, t)| (u32::from(cids.get(&g).copied().unwrap_or(g)), t))
                .collect()
        }
    };
    Some(out)
}

/// The CIDs a CID font's embedded program holds: a CFF program's charset
/// (bare or inside an OpenType program), else the descriptor's `/CIDSet`
/// bitmap; `None` when neither says.
fn cids_held(doc: &Document, descendant: &Dictionary) -> Option<HashSet<u32>> {
    let descriptor = deref(doc, descendant.get(b"FontDescriptor").ok()?)
        .as_dict()
        .ok()?;
    let program = descriptor
        .get(b"FontFile3")
        .ok()
        .and_then(|o| deref(doc, o).as_stream().ok())
        .and_then(stream_bytes)
        .filter(|p| p.len() <= MAX_PROGRAM);
    let from_cff = program.and_then(|p| {
        catch_unwind(AssertUnwindSafe(|| {
            let face = Face::parse(&p, 0).ok();
            let cff = match face.as_ref().and_then(|f| f.tables().cff) {
                Some(cff) => cff,
                None => ttf_parser::cff::Table::parse(&p)?,
            };
            let cids: HashSet<u32> = (0..cff.number_of_glyphs())
                .filter_map(|g| cff.glyph_cid(GlyphId(g)).map(u32::from))
                .collect();
            (!cids.is_empty()).then_some(cids)
        }))
        .ok()
        .flatten()
    });
    from_cff.or_else(|| {
        let set = deref(doc, descriptor.get(b"CIDSet").ok()?)
            .as_stream()
            .ok()
            .and_then(stream_bytes)?;
        let cids: HashSet<u32> = set
            .iter()
            .take(0x2000)
            .enumerate()
            .flat_map(|(i, byte)| {
                (0..8u32)
                    .filter(move |bit| byte & (0x80 >> bit) != 0)
                    .map(move |bit| u32::try_from(i).unwrap_or(0) * 8 + bit)
            })
            .collect();
        (!cids.is_empty()).then_some(cids)
    })
}

/// Glyph → CID of a CID-keyed CFF program inside an OpenType one (empty
/// when it is not CID-keyed: its glyph numbers are the CIDs).
fn glyph_cids(program: &[u8]) -> HashMap<u16, u16> {
    catch_unwind(AssertUnwindSafe(|| {
        let Ok(face) = Face::parse(program, 0) else {
            return HashMap::new();
        };
        let Some(cff) = face.tables().cff else {
            return HashMap::new();
        };
        (0..cff.number_of_glyphs())
            .filter_map(|g| Some((g, cff.glyph_cid(GlyphId(g))?)))
            .collect()
    }))
    .unwrap_or_default()
}

/// A `ToUnicode` CMap over this code space: runs of codes whose texts are
/// consecutive letters as ranges, the rest one by one.
fn write_map(codespace: &[CodeRange], entries: &[(Code, &str)]) -> Vec<u8> {
    let single = |t: &str| {
        let mut units = t.encode_utf16();
        match (units.next(), units.next()) {
            (Some(u), None) => Some(u32::from(u)),
            _ => None,
        }
    };
    let hex = |(len, v): Code| format!("{v:0width$X}", width = usize::from(len) * 2);
    let utf16 = |t: &str| -> String { t.encode_utf16().map(|u| format!("{u:04X}")).collect() };
    let (mut ranges, mut chars) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < entries.len() {
        let (lo, text) = entries[i];
        let mut j = i;
        if let Some(first) = single(text) {
            while let Some(&(code, t)) = entries.get(j + 1) {
                let follows = code.0 == lo.0 && entries[j].0.1.checked_add(1) == Some(code.1);
                let next = first.saturating_add(code.1.saturating_sub(lo.1));
                if follows
                    && code.1 >> 8 == lo.1 >> 8
                    && next >> 8 == first >> 8
                    && single(t) == Some(next)
                {
                    j += 1;
                } else {
                    break;
                }
            }
        }
        if j > i {
            ranges.push(format!(
                "<{}> <{}> <{}>",
                hex(lo),
                hex(entries[j].0),
                utf16(text)
            ));
        } else {
            chars.push(format!("<{}> <{}>", hex(lo), utf16(text)));
        }
        i = j + 1;
    }
    let mut s = format!("{} begincodespacerange\n", codespace.len());
    for (len, a, b) in codespace {
        s.push_str(&format!("<{}> <{}>\n", hex((*len, *a)), hex((*len, *b))));
    }
    s.push_str("endcodespacerange\n");
    for (kind, list) in [("bfrange", &ranges), ("bfchar", &chars)] {
        for chunk in list.chunks(100) {
            s.push_str(&format!(
                "{} begin{kind}\n{}\nend{kind}\n",
                chunk.len(),
                chunk.join("\n")
            ));
        }
    }
    s.into_bytes()
}

#[cfg(test)]
#[path = "pdf_font_program_tests.rs"]
pub mod tests;
