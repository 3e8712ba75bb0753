//! Any bytes as a project file: parsing and validation must return a
//! project or an error, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(p) = thema_core::io::project_file::parse(text)
    {
        let _ = thema_core::model::validate::validate(&p);
        let _ = thema_core::io::project_file::to_string(&p);
    }
});
