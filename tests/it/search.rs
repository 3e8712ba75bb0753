//! Search that codes: the command line on the sample project, and the
//! search window driving the real app (Ctrl+Shift+F, code all hits, one
//! undo step).

use super::ui::open_sample;
use egui_kittest::kittest::Queryable;
use std::process::Command;
use thema::io::project_file;

const TRUST: &str = "Working relationships and trust";

fn sample_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.thema.ron");
    std::fs::copy("sample_projects/neighbourhood_teams.thema.ron", &path).unwrap();
    (dir, path)
}

fn thema(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_thema"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_command_line_prints_hits_and_codes_them_once() {
    let (_dir, path) = sample_copy();
    let p = path.to_str().unwrap();
    let (code, out, _) = thema(&["search", p, "trust", "--whole-word"]);
    assert_eq!(code, 0);
    assert!(out.ends_with("13 hits in 4 of 10 documents.\n"), "{out}");
    assert!(
        out.contains(
            "[8] Fenwick 2024 p. 2: …would duplicate their work or take over part of their role. [Trust] grew as"
        ),
        "{out}"
    );
    // A regular expression; no hits is exit 1 like grep.
    let (code, out, _) = thema(&["search", p, r"\btrust(ed|ing)\b", "--regex"]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = thema(&["search", p, "zebra crossing"]);
    assert_eq!((code, out.as_str()), (1, "0 hits in 0 of 10 documents.\n"));
    let (code, _, err) = thema(&["search", p, "(trust", "--regex"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "thema: That is not a valid regular expression: unclosed group.\n"
    );

    let old: std::collections::HashSet<_> = project_file::load(&path)
        .unwrap()
        .project
        .codings
        .iter()
        .map(|c| c.id)
        .collect();
    let before = old.len();
    let args = [
        "search",
        p,
        "trust",
        "--whole-word",
        "--code",
        TRUST,
        "--category",
        "F",
        "--extend",
        "sentence",
        "--as",
        "AB",
    ];
    let (code, out, _) = thema(&args);
    assert_eq!(code, 0);
    let last = out.lines().last().unwrap();
    assert!(last.starts_with("Coded 9 passages with \"Working relationships and trust\" (4 hits were already coded with it by the same reviewer)."), "{last}");
    let loaded = project_file::load(&path).unwrap().project;
    assert_eq!(loaded.codings.len(), before + 9);
    let trust = loaded.codebook.find(TRUST).unwrap();
    let facilitator = loaded.category_by_name("Facilitator").unwrap();
    let new: Vec<_> = loaded
        .codings
        .iter()
        .filter(|c| !old.contains(&c.id))
        .collect();
    assert!(
        new.iter()
            .all(|c| c.code == trust && c.category == Some(facilitator))
    );
    // Every new coding is a whole sentence holding the word.
    for c in new {
        let text = loaded.document(c.doc).unwrap().slice_chars(c.start, c.end);
        assert!(text.to_lowercase().contains("trust"), "{text}");
        let d = loaded.document(c.doc).unwrap();
        let next = d.slice_chars(c.end, c.end + 1);
        assert!(
            text.ends_with(['.', '"', '”']) || next == "\n" || next.is_empty(),
            "{text}"
        );
    }
    // Again: nothing new, the file untouched.
    let bytes = std::fs::read(&path).unwrap();
    let (code, out, _) = thema(&args);
    assert_eq!(code, 0);
    assert!(out.ends_with("(13 hits were already coded with it by the same reviewer). The project was not changed.\n"), "{out}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn the_search_window_codes_all_hits_in_one_undo_step() {
    let (_dir, mut h) = open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (").click();
    h.run();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    h.run();
    assert!(h.query_by_label("Search all documents").is_some());
    h.get_by_label("Find").type_text("trust");
    h.run();
    h.get_by_label("Whole word").click();
    h.run();
    h.state_mut().search.as_mut().unwrap().wait();
    h.run();
    assert!(h.query_by_label("13 hits in 4 of 10 documents").is_some());
    // Enter in the field shows the first hit: its document opens with the
    // hit selected.
    h.get_by_label("Find").focus();
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    let first = h.state().search.as_ref().unwrap().current_hit().unwrap();
    assert_eq!(h.state().ws.as_ref().unwrap().open_doc, Some(first.0));
    assert_eq!(
        h.state().doc_view.selected_text().unwrap().to_lowercase(),
        "trust"
    );
    // Choose the code and code all hits.
    h.get_by_label("Code to give the hits").click();
    h.run();
    h.get_by_label(&format!("   {TRUST}")).click();
    h.run();
    let before = h.state().ws.as_ref().unwrap().project.codings.len();
    h.get_by_label("Code all 13 hits").click();
    h.run();
    let after = h.state().ws.as_ref().unwrap().project.codings.len();
    assert_eq!(after, before + 13);
    let status = h.state().status.as_ref().unwrap().text.clone();
    assert_eq!(
        status,
        "Coded 13 passages with \"Working relationships and trust\"."
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().ws.as_ref().unwrap().project.codings.len(), before);
}
