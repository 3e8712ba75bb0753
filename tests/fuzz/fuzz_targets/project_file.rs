//! Any bytes as a project file: parsing and validation must return a
//! project or an error, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(p) = thema::io::project_file::parse(text)
    {
        let _ = thema::model::validate::validate(&p);
        let _ = thema::io::project_file::to_string(&p);
    }
});
