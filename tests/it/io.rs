//! Project files (round trip, corrupt input, atomic save with backup) and
//! document import (text encodings, PDFs with page starts, broken PDFs).

use super::fixtures::*;
use std::path::Path;
use thema::edit::{self, Command};
use thema::io::{import, project_file};
use thema::model::SourceKind;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new("tests/fixtures").join(name)
}

#[test]
fn save_load_round_trip_is_equal_and_one_coding_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.thema.ron");
    let mut p = small();
    edit::apply(
        &mut p,
        Command::AddCodings(vec![
            coding(1, 100, 0, 7, 2, AB),
            coding(2, 101, 0, 7, 3, CD),
        ]),
    )
    .unwrap();
    p.codings[0].memo = "quote \"with\" marks\nand a newline".into();
    project_file::save(&p, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.lines()
            .filter(|l| l.trim_start().starts_with("(id:") && l.contains("reviewer:"))
            .count(),
        2
    );
    let loaded = project_file::load(&path).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let mut expected = p.clone();
    expected.revision = 0;
    assert_eq!(loaded.project, expected);
    // saving again gives the identical file (stable ordering) and a .bak
    project_file::save(&loaded.project, &path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert!(thema::io::paths::backup_path(&path).exists());
}

#[test]
fn corrupt_project_names_line_and_column_and_is_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.thema.ron");
    let mut text = project_file::to_string(&small()).unwrap();
    text.truncate(text.len() / 2);
    std::fs::write(&path, &text).unwrap();
    let err = project_file::load(&path)
        .err()
        .expect("truncated file must not load")
        .to_string();
    assert!(err.contains("line ") && err.contains("column "), "{err}");
    assert!(err.contains("damaged"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "file unchanged"
    );

    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    assert!(
        project_file::load(&path)
            .err()
            .unwrap()
            .to_string()
            .contains("not UTF-8")
    );

    let newer = project_file::to_string(&small()).unwrap().replace(
        &format!("format_version: {}", thema::model::FORMAT_VERSION),
        "format_version: 99",
    );
    std::fs::write(&path, newer).unwrap();
    assert!(
        project_file::load(&path)
            .err()
            .unwrap()
            .to_string()
            .contains("newer Thema")
    );
}

#[test]
fn dangling_references_are_reported_by_name() {
    let mut p = small();
    p.codings.push(coding(1, 100, 0, 7, 99, AB));
    p.codings.push(coding(2, 555, 0, 7, 2, AB));
    p.codings.push(coding(3, 101, 0, 9_999, 2, AB));
    let problems: Vec<String> = thema::model::validate::validate(&p)
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].contains("not in the codebook"));
    assert!(problems[1].contains("does not exist"));
    assert!(problems[2].contains("which has only 23 chars"));
}

#[test]
fn imports_text_with_normalisation_and_encodings() {
    let bom = import::import_file(&fixture("bom_crlf.txt")).unwrap();
    assert_eq!(
        bom.doc.text,
        "Good interprofessional working needs finance.\nA NUL character hides in this line.\n"
    );
    assert_eq!(bom.doc.source.kind, SourceKind::Text);
    assert_eq!(
        bom.doc.source.text_hash,
        thema::model::text::text_hash(&bom.doc.text)
    );

    let cp = import::import_file(&fixture("cp1252.txt")).unwrap();
    assert!(
        cp.doc.text.starts_with("café – naïve “quoted”\n"),
        "{:?}",
        cp.doc.text
    );
    assert!(cp.notes.iter().any(|n| n.contains("Windows-1252")));

    let md = import::import_file(&fixture("interview.md")).unwrap();
    assert_eq!(md.doc.source.kind, SourceKind::Markdown);
    assert!(!md.doc.title.starts_with('#'));
}

#[test]
fn imports_pdf_with_page_starts() {
    let imp = import::import_file(&fixture("two_pages.pdf")).unwrap();
    let d = imp.doc;
    assert_eq!(d.source.kind, SourceKind::Pdf);
    assert_eq!(d.page_starts.len(), 1);
    let p2 = d.page_starts[0];
    let page1: String = d.text.chars().take(p2).collect();
    let page2: String = d.text.chars().skip(p2).collect();
    assert_eq!(page1.trim(), "Integrated teams need a shared vision.");
    assert_eq!(page2.trim(), "Funding cycles were too short.");
    let funding = d.text.find("Funding").unwrap();
    assert_eq!(d.page_of(d.text[..funding].chars().count()), Some(2));
    assert_eq!(d.page_of(0), Some(1));
}

#[test]
fn broken_pdfs_give_errors_not_panics_and_batches_go_on() {
    for name in ["truncated.pdf", "not_a_pdf.pdf"] {
        let e = import::import_file(&fixture(name))
            .err()
            .unwrap_or_else(|| panic!("{name} must fail"));
        assert!(e.to_string().contains(name), "{e}");
    }
    let results = import::ImportJob::start(vec![
        fixture("truncated.pdf"),
        fixture("two_pages.pdf"),
        fixture("nope.docx"),
        fixture("interview.md"),
    ])
    .wait();
    let ok: Vec<bool> = results.iter().map(Result::is_ok).collect();
    assert_eq!(ok, vec![false, true, false, true]);
    let unsupported = results[2].as_ref().err().unwrap().to_string();
    assert!(unsupported.contains(".pdf, .txt and .md"), "{unsupported}");
}

#[test]
#[cfg_attr(
    not(thema_pdfjs_corpus),
    ignore = "needs ../shared/corpus/pdfjs, which is not on this machine (CI has it)"
)]
fn corpus_pdfs_never_take_the_importer_down() {
    let dir = Path::new("../shared/corpus/pdfjs");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files.truncate(40);
    let n = files.len();
    let results = import::ImportJob::start(files).wait();
    assert_eq!(
        results.len(),
        n,
        "every file gave a result (text or a clear error)"
    );
}

#[test]
fn older_format_loads_through_its_migration_and_current_fixture_loads() {
    let v1 = project_file::load(&fixture("format_v1.thema.ron")).unwrap();
    assert!(v1.problems.is_empty(), "{:?}", v1.problems);
    let p = v1.project;
    assert_eq!(p.format_version, thema::model::FORMAT_VERSION);
    assert_eq!(
        (p.documents.len(), p.codings.len(), p.codebook.codes.len()),
        (1, 12, 18)
    );
    assert!(p.decisions.is_empty() && !p.blind);
    // The current format's fixture holds the same project.
    let current = project_file::load(&fixture("format_current.thema.ron"))
        .unwrap()
        .project;
    assert_eq!(current.format_version, thema::model::FORMAT_VERSION);
    let mut a = p.clone();
    let mut b = current.clone();
    a.codings.sort_by_key(|c| c.id);
    b.codings.sort_by_key(|c| c.id);
    assert_eq!(a, b);
    // Opening never rewrites the old file.
    let before = std::fs::read(fixture("format_v1.thema.ron")).unwrap();
    let _ = project_file::load(&fixture("format_v1.thema.ron")).unwrap();
    assert_eq!(
        std::fs::read(fixture("format_v1.thema.ron")).unwrap(),
        before
    );
}

fn worker(timeout_secs: u64, memory_mb: u64) -> thema::io::pdf::Isolation {
    thema::io::pdf::Isolation {
        worker: Some(env!("CARGO_BIN_EXE_thema").into()),
        timeout: std::time::Duration::from_secs(timeout_secs),
        memory: memory_mb << 20,
    }
}

#[test]
fn pdfs_are_read_in_a_worker_process_with_a_time_limit() {
    let ok =
        thema::io::pdf::extract_in_worker(&fixture("two_pages.pdf"), &worker(30, 2048)).unwrap();
    assert_eq!(ok.pages.len(), 2);
    let bad = thema::io::pdf::extract_in_worker(&fixture("truncated.pdf"), &worker(30, 2048))
        .err()
        .unwrap();
    // The worker's error arrives typed, with its sentence: the file was
    // rebuilt from what is left of it, which holds no text.
    assert!(matches!(bad, thema::io::pdf::PdfError::Damaged), "{bad:?}");
    assert_eq!(
        bad.to_string(),
        "it is damaged (cut short or corrupted) and no text could be recovered from it"
    );
    let not_pdf = thema::io::pdf::extract_in_worker(&fixture("not_a_pdf.pdf"), &worker(30, 2048))
        .err()
        .unwrap();
    assert!(
        not_pdf.to_string().starts_with("it is not a readable PDF"),
        "{not_pdf}"
    );
    // A worker that hangs is stopped at the time limit.
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("hang.sh");
    std::fs::write(&script, "#!/bin/sh\nsleep 30\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let iso = thema::io::pdf::Isolation {
        worker: Some(script),
        timeout: std::time::Duration::from_secs(1),
        memory: 1 << 30,
    };
    let started = std::time::Instant::now();
    let err = thema::io::pdf::extract_in_worker(&fixture("two_pages.pdf"), &iso)
        .err()
        .unwrap();
    assert_eq!(err, thema::io::pdf::PdfError::TimedOut(1));
    assert!(err.to_string().contains("longer than 1 s"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    // A worker over its memory cap fails with a clear sentence, not a crash.
    let err = thema::io::pdf::extract_in_worker(&fixture("two_pages.pdf"), &worker(30, 8))
        .err()
        .unwrap();
    let err = err.to_string();
    assert!(
        err.contains("memory") || err.contains("stopped") || err.contains("failed"),
        "{err}"
    );
}

#[test]
#[cfg_attr(
    not(thema_pdfjs_corpus),
    ignore = "needs ../shared/corpus/pdfjs, which is not on this machine (CI has it)"
)]
fn every_corpus_pdf_gives_text_or_a_clear_error_in_the_worker() {
    let dir = Path::new("../shared/corpus/pdfjs");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let iso = worker(20, 2048);
    let (mut ok, mut failed) = (0, 0);
    for f in &files {
        match thema::io::pdf::extract_in_worker(f, &iso) {
            Ok(_) => ok += 1,
            Err(e) => {
                assert!(!e.to_string().is_empty());
                failed += 1;
            }
        }
    }
    eprintln!(
        "corpus: {ok} read, {failed} refused with a message, of {}",
        files.len()
    );
    assert_eq!(ok + failed, files.len());
}
