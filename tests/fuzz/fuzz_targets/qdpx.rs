//! Any bytes as a .qdpx archive: the REFI-QDA importer must return a
//! project or an error, never panic or write anything.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = thema_core::io::refi::import::read_qdpx(data);
    let _ = thema_core::io::refi::import::read_qdc(data);
});
