//! Text yield against poppler's `pdftotext`: for every PDF in the given
//! folders, the non-space characters Thema extracts as a share of what
//! pdftotext extracts. Prints one line per file and the share of files
//! where Thema gets at least 90%. Files where pdftotext finds no text are
//! counted apart (scans without a text layer).
//!
//! Run: `cargo run --release --example pdf_yield -- FOLDER...`

use std::path::PathBuf;

fn non_space(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

fn main() {
    let mut files: Vec<PathBuf> = std::env::args()
        .skip(1)
        .flat_map(|d| {
            std::fs::read_dir(d)
                .into_iter()
                .flatten()
                .filter_map(std::result::Result::ok)
                .map(|e| e.path())
        })
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
        .collect();
    files.sort();
    thema::io::pdf::install_quiet_panic_hook();
    let (mut compared, mut good, mut no_text, mut failed) = (0, 0, 0, 0);
    for f in &files {
        let theirs = std::process::Command::new("pdftotext")
            .arg(f)
            .arg("-")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(f).unwrap_or_default();
        let ours = std::thread::Builder::new()
            .name("thema-import-yield".into())
            .spawn(move || thema::io::pdf::extract(&bytes).map(|t| t.pages.join("\n")))
            .ok()
            .and_then(|h| h.join().ok())
            .unwrap_or(Err(thema::io::pdf::PdfError::Structure));
        let (t, o) = (
            non_space(&theirs),
            ours.as_ref().map(|s| non_space(s)).unwrap_or(0),
        );
        if t == 0 {
            no_text += 1;
            println!("{:>7} {:>7}    -   {}", o, t, f.display());
            continue;
        }
        if ours.is_err() {
            failed += 1;
        }
        compared += 1;
        let share = o as f64 / t as f64;
        if share >= 0.9 {
            good += 1;
        }
        println!("{:>7} {:>7} {:>5.0}%  {}", o, t, share * 100.0, f.display());
    }
    println!("pdf_yield_files_compared {compared}");
    println!(
        "pdf_yield_at_least_90_percent {good} ({:.1}%)",
        good as f64 * 100.0 / compared.max(1) as f64
    );
    println!("pdf_yield_refused {failed}");
    println!("pdf_yield_no_text_in_pdftotext_either {no_text}");
}
