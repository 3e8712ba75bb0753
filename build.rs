//! Tells the tests which outside material this machine has, so a test that
//! needs it runs when it is there and is listed as ignored, with the
//! reason, when it is not — never passed in silence:
//!
//! - `thema_pdfjs_corpus`: `../shared/corpus/pdfjs` (148 odd real-world PDFs);
//! - `thema_refi_schemas`: the REFI-QDA schemas in `../shared/refi` and
//!   `xmllint` (Debian's `libxml2-utils`) to check exports against them.
//!
//! CI has both (`.ci/run` installs xmllint before building).

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rustc-check-cfg=cfg(thema_pdfjs_corpus)");
    println!("cargo::rustc-check-cfg=cfg(thema_refi_schemas)");
    let corpus = Path::new("../shared/corpus/pdfjs");
    if corpus.is_dir() {
        println!("cargo::rustc-cfg=thema_pdfjs_corpus");
    }
    let schemas = Path::new("../shared/refi/Project.xsd");
    let xmllint = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("xmllint"))
            .find(|p| p.is_file())
    });
    if let Some(x) = &xmllint {
        println!("cargo::rerun-if-changed={}", x.display());
    }
    if schemas.is_file() && xmllint.is_some() {
        println!("cargo::rustc-cfg=thema_refi_schemas");
    }
}
