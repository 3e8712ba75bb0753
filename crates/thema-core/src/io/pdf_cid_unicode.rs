//! The text of the CIDs of Adobe's four CJK character collections
//! (Adobe-Japan1, -GB1, -CNS1, -Korea1), for CJK fonts a PDF gives no text
//! map: a bare CFF program names its glyphs by these CIDs only, so without
//! Adobe's table every reader reads nothing (pdftotext uses the same
//! table). The tables are Adobe's `Adobe-*-UCS2` CMaps, written compactly
//! in `data/` (see `data/NOTICE-adobe-cmaps.txt`), unpacked once when
//! first needed.

use std::io::Read;
use std::sync::OnceLock;

/// One of Adobe's CJK character collections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    Japan1,
    Gb1,
    Cns1,
    Korea1,
}

impl Collection {
    /// The collection of a CID font's `/CIDSystemInfo` (registry, ordering).
    pub fn of(registry: &[u8], ordering: &[u8]) -> Option<Self> {
        if registry != b"Adobe" {
            return None;
        }
        match ordering {
            b"Japan1" => Some(Self::Japan1),
            b"GB1" => Some(Self::Gb1),
            b"CNS1" => Some(Self::Cns1),
            b"Korea1" => Some(Self::Korea1),
            _ => None,
        }
    }

    fn packed(self) -> &'static [u8] {
        match self {
            Self::Japan1 => include_bytes!("../../data/Adobe-Japan1.gz"),
            Self::Gb1 => include_bytes!("../../data/Adobe-GB1.gz"),
            Self::Cns1 => include_bytes!("../../data/Adobe-CNS1.gz"),
            Self::Korea1 => include_bytes!("../../data/Adobe-Korea1.gz"),
        }
    }

    /// (CID, text) of every CID the collection gives a text, by CID.
    pub fn table(self) -> &'static [(u32, String)] {
        static TABLES: [OnceLock<Vec<(u32, String)>>; 4] = [
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
        ];
        TABLES[self as usize].get_or_init(|| unpack(self.packed()))
    }
}

/// Reads the compact form: per line "GAP UTF16HEX", or an empty line for
/// the next CID and the next letter.
fn unpack(packed: &[u8]) -> Vec<(u32, String)> {
    let mut text = String::new();
    if flate2::read::GzDecoder::new(packed)
        .read_to_string(&mut text)
        .is_err()
    {
        return Vec::new();
    }
    let mut out: Vec<(u32, String)> = Vec::new();
    let mut next = 0u32;
    for line in text.lines() {
        let entry = if line.is_empty() {
            out.last().and_then(|(_, t)| {
                let mut units = t.encode_utf16();
                let unit = units.next()?.checked_add(1)?;
                Some((next, String::from_utf16_lossy(&[unit])))
            })
        } else {
            line.split_once(' ').and_then(|(gap, hex)| {
                let cid = next.checked_add(u32::from_str_radix(gap, 16).ok()?)?;
                let units: Option<Vec<u16>> = hex
                    .as_bytes()
                    .chunks(4)
                    .map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
                    .collect();
                Some((cid, String::from_utf16_lossy(&units?)))
            })
        };
        let Some((cid, text)) = entry else { continue };
        next = cid.saturating_add(1);
        out.push((cid, text));
    }
    out
}

/// The text of a CID of the collection.
pub fn cid_text(collection: Collection, cid: u32) -> Option<&'static str> {
    let table = collection.table();
    let at = table.binary_search_by_key(&cid, |(c, _)| *c).ok()?;
    Some(table[at].1.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_collections_name_their_cids() {
        // Adobe-Japan1 CID 1 is the space, 843 "あ"; GB1 CID 4559 "中";
        // CNS1 CID 595 "一"; Korea1 CID 1086 "가".
        assert_eq!(cid_text(Collection::Japan1, 1), Some(" "));
        assert_eq!(cid_text(Collection::Japan1, 843), Some("あ"));
        assert_eq!(cid_text(Collection::Gb1, 4559), Some("中"));
        assert_eq!(cid_text(Collection::Cns1, 595), Some("一"));
        assert_eq!(cid_text(Collection::Korea1, 1086), Some("가"));
        assert!(Collection::Japan1.table().len() > 20_000);
    }
}
