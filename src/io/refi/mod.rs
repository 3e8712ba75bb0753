//! REFI-QDA exchange: `.qdpx` projects and `.qdc` codebooks, the open
//! standard NVivo, ATLAS.ti, MAXQDA and QualCoder read and write.
//!
//! Thema's categories have no REFI element: they are exported as codes in a
//! separate non-codable group ("Thema categories"), each categorised passage
//! carrying a second coding of its category code, and read back losslessly.

pub mod export;
pub mod import;
mod import_source;
mod import_util;
mod xml;
pub mod zipsafe;

/// Name of the code group holding Thema's categories.
pub const CATEGORY_GROUP: &str = "Thema categories";
/// Variables that carry Thema's document fields.
pub const VAR_REFERENCE: &str = "Thema: reference number";
pub const VAR_SHORT_REF: &str = "Thema: short reference";

/// A GUID as REFI files write it, normalised: no braces, lower case.
pub fn parse_guid(s: &str) -> Option<uuid::Uuid> {
    let t = s.trim().trim_start_matches('{').trim_end_matches('}');
    uuid::Uuid::parse_str(t).ok()
}

/// A stable GUID derived from another plus a purpose, so exporting twice
/// writes the same file.
pub fn derived_guid(id: uuid::Uuid, purpose: &str) -> uuid::Uuid {
    let h = crate::model::text::text_hash(&format!("{id}:{purpose}"));
    let mut b = [0u8; 16];
    for (i, x) in b.iter_mut().enumerate() {
        *x = u8::from_str_radix(&h[i * 2..i * 2 + 2], 16).unwrap_or(0);
    }
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(b)
}

#[cfg(test)]
mod tests {
    use super::parse_guid;

    #[test]
    fn guids_in_every_spelling() {
        let a = parse_guid("{4F3A2B1C-0D9E-4F8A-B7C6-D5E4F3A2B1C0}").unwrap();
        let b = parse_guid("4f3a2b1c-0d9e-4f8a-b7c6-d5e4f3a2b1c0").unwrap();
        assert_eq!(a, b);
        assert!(parse_guid("not-a-guid").is_none());
    }
}
