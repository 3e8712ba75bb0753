//! Any bytes as the project XML inside a .qdpx (with one small source
//! file beside it): the REFI-QDA reader must return a project or an error
//! in bounded time and memory — deep nesting, huge positions, many
//! selections — and never panic. Run with the dictionary in `dict/`:
//!   cargo +nightly fuzz run --fuzz-dir tests/fuzz qde -- -dict=tests/fuzz/dict/qde.dict
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::io::Write;

fuzz_target!(|data: &[u8]| {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    if z.start_file("project.qde", stored).is_err() || z.write_all(data).is_err() {
        return;
    }
    if z.start_file("sources/t.txt", stored).is_err()
        || z.write_all("Leaders met every week. 😀 The vision was shared.".as_bytes()).is_err()
    {
        return;
    }
    let Ok(cursor) = z.finish() else { return };
    let _ = thema_core::io::refi::import::read_qdpx(&cursor.into_inner());
});
