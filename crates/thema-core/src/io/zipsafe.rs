//! Reading a zip from someone else without trusting it: entries whose path
//! leaves the archive (`..`, absolute paths, drive letters), symlinks,
//! absurd sizes or compression ratios (zip bombs) are refused with a message
//! naming the entry; nothing is ever written to disk.
//!
//! A project file (`.qde`, the XML every other part hangs on) has its own,
//! lower cap, `MAX_PROJECT_XML`: its size is checked as declared in the
//! archive and again while it is unpacked, so a small archive whose XML
//! expands to hundreds of megabytes is refused before it fills memory.

use std::collections::BTreeMap;
use std::io::Read;

/// Largest total of uncompressed bytes read from one archive.
pub const MAX_TOTAL: u64 = 1 << 30;
/// Largest single entry.
pub const MAX_ENTRY: u64 = 512 << 20;
/// Largest compression ratio accepted for entries over 1 MiB.
pub const MAX_RATIO: u64 = 200;
pub const MAX_ENTRIES: usize = 20_000;
/// Largest project XML (`*.qde`) unpacked: 256 MiB. The project file of a
/// 500-document NVivo project with its codings is a few tens of megabytes.
pub const MAX_PROJECT_XML: u64 = 256 << 20;

/// The cap for one entry: project XML has its own, lower one.
fn cap_for(name: &str) -> u64 {
    if name.to_lowercase().ends_with(".qde") {
        MAX_PROJECT_XML
    } else {
        MAX_ENTRY
    }
}

/// The files of an archive, by path as written (no folders).
#[derive(Debug, Default)]
pub struct Archive {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Archive {
    /// A file by path, ignoring case, a leading "./" and the slash style.
    pub fn get(&self, path: &str) -> Option<&Vec<u8>> {
        self.find(path).map(|(_, v)| v)
    }

    fn find(&self, path: &str) -> Option<(&str, &Vec<u8>)> {
        let key = |p: &str| p.replace('\\', "/").trim_start_matches("./").to_lowercase();
        let want = key(path);
        self.files
            .iter()
            .find(|(k, _)| key(k) == want)
            .map(|(k, v)| (k.as_str(), v))
    }

    /// The file a source's path means, however the tool wrote it:
    /// `internal://x` (the standard: `sources/x`), a bare `x`, `sources/x`,
    /// any case, percent-encoded, with backslashes, or an absolute or
    /// `relative://` path whose file name is in `sources/` (or, failing
    /// that, is the only file of that name in the archive). Returns the
    /// name it has in the archive.
    pub fn resolve(&self, written: &str) -> Option<(&str, &Vec<u8>)> {
        let decoded = percent_decode(written.trim()).unwrap_or_else(|| written.trim().to_owned());
        let path = decoded.replace('\\', "/");
        let lower = path.to_ascii_lowercase();
        let rest = if let Some(r) = lower.strip_prefix("internal://") {
            &path[path.len() - r.len()..]
        } else if let Some(r) = lower.strip_prefix("file://") {
            &path[path.len() - r.len()..]
        } else {
            path.as_str()
        };
        let rest = rest.trim_start_matches('/');
        let base = rest.rsplit('/').next().unwrap_or(rest);
        let absolute = lower.starts_with("relative://")
            || lower.starts_with("file://")
            || path.starts_with('/')
            || path.chars().nth(1) == Some(':');
        let mut tries: Vec<String> = Vec::new();
        if !absolute {
            tries.push(format!("sources/{rest}"));
            tries.push(rest.to_owned());
        }
        tries.push(format!("sources/{base}"));
        for t in &tries {
            if let Some(hit) = self.find(t) {
                return Some(hit);
            }
        }
        // The only file of that name anywhere in the archive.
        let want = base.to_lowercase();
        let mut same_name = self.files.iter().filter(|(k, _)| {
            k.replace('\\', "/")
                .rsplit('/')
                .next()
                .is_some_and(|b| b.to_lowercase() == want)
        });
        match (same_name.next(), same_name.next()) {
            (Some((k, v)), None) if !want.is_empty() => Some((k.as_str(), v)),
            _ => None,
        }
    }
}

/// "%C3%A9t%C3%A9 1.txt" → "été 1.txt"; `None` if there is nothing to
/// decode or the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return None;
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(v) = u8::from_str_radix(hex, 16)
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn unsafe_path(name: &str) -> bool {
    let n = name.replace('\\', "/");
    n.starts_with('/') || n.split('/').any(|part| part == "..") || n.chars().nth(1) == Some(':')
}

/// Reads every file of the archive with the checks above.
pub fn read(bytes: &[u8]) -> Result<Archive, ArchiveError> {
    read_checked(bytes).map_err(ArchiveError)
}

/// A zip that could not be read or was refused; the sentence names the
/// entry and the limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ArchiveError(pub String);

fn read_checked(bytes: &[u8]) -> Result<Archive, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("it is not a readable zip archive ({e})"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!(
            "it holds {} entries, more than the {MAX_ENTRIES} Thema accepts",
            zip.len()
        ));
    }
    let mut files = BTreeMap::new();
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| format!("entry {i} could not be read ({e})"))?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        if unsafe_path(&name) {
            return Err(format!(
                "the entry \"{name}\" points outside the archive; the file was refused"
            ));
        }
        if entry.is_symlink() {
            return Err(format!(
                "the entry \"{name}\" is a symbolic link; the file was refused"
            ));
        }
        if entry.is_dir() {
            continue;
        }
        let size = entry.size();
        let packed = entry.compressed_size().max(1);
        let cap = cap_for(&name);
        if size > cap {
            return Err(too_large(&name, cap));
        }
        if total + size > MAX_TOTAL {
            return Err(format!(
                "the entry \"{name}\" is too large ({size} bytes unpacked; the whole archive may unpack to at most {} MiB)",
                MAX_TOTAL >> 20
            ));
        }
        if size > (1 << 20) && size / packed > MAX_RATIO {
            return Err(format!(
                "the entry \"{name}\" unpacks {}× its size, like a zip bomb; the file was refused",
                size / packed
            ));
        }
        let mut data = Vec::with_capacity(size.min(1 << 24) as usize);
        // Never trust the declared size: read at most one byte more than it.
        (&mut entry)
            .take(size + 1)
            .read_to_end(&mut data)
            .map_err(|e| format!("the entry \"{name}\" is damaged ({e})"))?;
        if data.len() as u64 > size {
            return Err(format!(
                "the entry \"{name}\" is larger than it claims; the file was refused"
            ));
        }
        total += data.len() as u64;
        files.insert(name, data);
    }
    Ok(Archive { files })
}

fn too_large(name: &str, cap: u64) -> String {
    format!(
        "the entry \"{name}\" unpacks to more than {} MiB, the most Thema reads for it; the file was refused",
        cap >> 20
    )
}

#[cfg(test)]
mod tests {
    use super::Archive;

    #[test]
    fn source_paths_resolve_however_a_tool_wrote_them() {
        let mut a = Archive::default();
        for name in [
            "sources/Board_2017.txt",
            "sources/été 1.txt",
            "Other/notes.txt",
        ] {
            a.files.insert(name.to_owned(), name.as_bytes().to_vec());
        }
        let found = |p: &str| a.resolve(p).map(|(k, _)| k.to_owned());
        let board = Some("sources/Board_2017.txt".to_owned());
        assert_eq!(found("internal://board_2017.txt"), board);
        assert_eq!(found("board_2017.txt"), board);
        assert_eq!(found("sources/board_2017.txt"), board);
        assert_eq!(found("sources\\Board_2017.txt"), board);
        assert_eq!(found("C:\\Users\\me\\QDA\\Board_2017.txt"), board);
        assert_eq!(found("file:///home/me/Board_2017.txt"), board);
        assert_eq!(found("relative://../Board_2017.txt"), board);
        assert_eq!(
            found("internal://%C3%A9t%C3%A9%201.txt"),
            Some("sources/été 1.txt".to_owned())
        );
        assert_eq!(found("notes.txt"), Some("Other/notes.txt".to_owned()));
        assert_eq!(found("missing.txt"), None);
    }
}
