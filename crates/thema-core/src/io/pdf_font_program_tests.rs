//! Tests of [`super`] (text maps from embedded font programs), with a
//! TrueType program built in memory; compiled only under #[cfg(test)].

use super::*;

/// A small TrueType program for tests: glyph 1 "H", 2 "i", 3 "ب" (also
/// its isolated presentation form), 4 the initial form of "ب" (only made
/// by a substitution from 3); with its table directory out of order and a
/// `head` whose location format reads 256, as some subsetters write.
pub fn test_program() -> Vec<u8> {
    fn be16(v: &mut Vec<u8>, x: u16) {
        v.extend(x.to_be_bytes());
    }
    fn be32(v: &mut Vec<u8>, x: u32) {
        v.extend(x.to_be_bytes());
    }
    let mut head = Vec::new();
    be32(&mut head, 0x0001_0000);
    be32(&mut head, 0x0001_0000);
    be32(&mut head, 0);
    be32(&mut head, 0x5F0F_3CF5);
    be16(&mut head, 0);
    be16(&mut head, 1000);
    head.extend([0; 16]);
    head.extend([0; 8]);
    be16(&mut head, 0);
    be16(&mut head, 9);
    be16(&mut head, 2);
    be16(&mut head, 256);
    be16(&mut head, 0);
    let mut hhea = Vec::new();
    be32(&mut hhea, 0x0001_0000);
    hhea.extend([0; 30]);
    be16(&mut hhea, 0);
    let mut maxp = Vec::new();
    be32(&mut maxp, 0x0000_5000);
    be16(&mut maxp, 5);
    let mut cmap = Vec::new();
    for x in [0, 1, 3, 10] {
        be16(&mut cmap, x);
    }
    be32(&mut cmap, 12);
    let groups = [
        (0x48, 0x48, 1),
        (0x69, 0x69, 2),
        (0x628, 0x628, 3),
        (0xFE8F, 0xFE8F, 3),
    ];
    be16(&mut cmap, 12);
    be16(&mut cmap, 0);
    be32(&mut cmap, 16 + 12 * groups.len() as u32);
    be32(&mut cmap, 0);
    be32(&mut cmap, groups.len() as u32);
    for (lo, hi, g) in groups {
        for x in [lo, hi, g] {
            be32(&mut cmap, x);
        }
    }
    // GSUB: no scripts or features, one lookup: single substitution 3 → 4.
    let mut gsub = Vec::new();
    for x in [
        1, 0, 10, 12, 14, 0, 0, 1, 4, 1, 0, 1, 8, 2, 8, 1, 4, 1, 1, 3,
    ] {
        be16(&mut gsub, x);
    }
    let tables: [(&[u8; 4], &Vec<u8>); 5] = [
        (b"maxp", &maxp),
        (b"head", &head),
        (b"hhea", &hhea),
        (b"cmap", &cmap),
        (b"GSUB", &gsub),
    ];
    let mut out = Vec::new();
    be32(&mut out, 0x0001_0000);
    be16(&mut out, tables.len() as u16);
    out.extend([0; 6]);
    let mut at = 12 + 16 * tables.len();
    for (tag, t) in &tables {
        out.extend(*tag);
        be32(&mut out, 0);
        be32(&mut out, at as u32);
        be32(&mut out, t.len() as u32);
        at += t.len().next_multiple_of(4);
    }
    for (_, t) in &tables {
        out.extend(*t);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    out
}

#[test]
fn glyphs_are_named_by_the_cmap_read_backwards_and_the_substitutions() {
    assert!(
        Face::parse(&test_program(), 0).is_err(),
        "read only once repaired"
    );
    let texts = glyph_texts(&test_program());
    let mut list: Vec<(u16, &str)> = texts.iter().map(|(g, t)| (*g, t.as_str())).collect();
    list.sort_unstable();
    assert_eq!(list, [(1, "H"), (2, "i"), (3, "ب"), (4, "ب")]);
}

#[test]
fn runs_of_letters_become_ranges() {
    let entries = [
        ((2, 1), "a"),
        ((2, 2), "b"),
        ((2, 3), "c"),
        ((2, 7), "ب"),
        ((2, 9), "ffi"),
    ];
    let map = write_map(&[(2, 0, 0xFFFF)], &entries);
    let map = CMap::parse(&map);
    assert_eq!(map.unicode((2, 3)).as_deref(), Some("c"));
    assert_eq!(map.unicode((2, 7)).as_deref(), Some("ب"));
    assert_eq!(map.unicode((2, 9)).as_deref(), Some("ffi"));
    assert_eq!(map.unicode((2, 4)), None);
}
