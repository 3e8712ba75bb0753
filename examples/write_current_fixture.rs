//! Writes tests/fixtures/format_current.thema.ron from the format 1
//! fixture, so the test suite keeps one file of the current format.
//! Run after a format change: `cargo run --example write_current_fixture`
#![allow(
    clippy::expect_used,
    reason = "a developer tool run by hand; a failure stops it with the reason"
)]
fn main() {
    let p =
        thema::io::project_file::load(std::path::Path::new("tests/fixtures/format_v1.thema.ron"))
            .expect("v1 fixture")
            .project;
    let text = thema::io::project_file::to_string(&p).expect("serialise");
    std::fs::write("tests/fixtures/format_current.thema.ron", text).expect("write");
}
