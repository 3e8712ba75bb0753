//! Turning the bytes of a text file into a `String`: UTF-8 (with or without
//! BOM), UTF-16 with BOM, and otherwise Windows-1252, the usual encoding of
//! older transcripts. The caller is told when a fallback was used.

/// Decoded text plus a note for the import report when the file was not UTF-8.
pub struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// The bytes are clearly not text (many NUL bytes, no byte-order mark).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("it looks like a binary file, not text")]
pub struct NotText;

/// Decodes a text file's bytes. Fails only for data that is clearly binary.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, NotText> {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, had_errors) = enc.decode(bytes);
        let note = had_errors.then(|| {
            format!(
                "some bytes were not valid {}; they were replaced",
                enc.name()
            )
        });
        return Ok(Decoded {
            text: text.into_owned(),
            note,
        });
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_owned(),
            note: None,
        });
    }
    let nul = bytes.iter().filter(|b| **b == 0).count();
    if nul * 20 > bytes.len().max(1) {
        return Err(NotText);
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        note: Some("not UTF-8; read as Windows-1252 (Western European)".to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_fallback() {
        let d = decode_text(b"caf\xe9 \x93q\x94").unwrap();
        assert_eq!(d.text, "café “q”");
        assert!(d.note.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn utf16_with_bom() {
        let d = decode_text(&[0xFF, 0xFE, b'h', 0, b'i', 0]).unwrap();
        assert_eq!(d.text, "hi");
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode_text(&[0, 1, 0, 2, 0, 3, 0, 0xff, 0xfe]).is_err());
    }
}
