//! Memos on the project, a document, a code and a passage: written with
//! author and dates, listed and filtered, undone in one step, saved, merged
//! from a second reviewer, carried through REFI-QDA, exported as an audit
//! file; and written in the real window.

use std::path::Path;
use thema::edit::{self, memos::write};
use thema::io::project_file;
use thema::model::Project;
use thema::model::memos::{self, About, Filter, MemoKind};

fn sample() -> Project {
    project_file::load(Path::new("sample_projects/neighbourhood_teams.thema.ron"))
        .unwrap()
        .project
}

/// The sample with one memo of each kind, by AB on 1 November and CD on
/// 20 November.
fn with_memos() -> Project {
    let mut p = sample();
    let ab = p.find_reviewer("AB");
    let cd = p.find_reviewer("CD");
    let doc = p.documents[2].id;
    let code = p.codebook.find("Leadership").unwrap();
    let coding = p.codings.iter().find(|c| c.memo.is_empty()).unwrap().id;
    let steps = [
        (
            About::Project,
            "Plan",
            "# Synthesis plan\n- **Framework** first",
            ab,
            "2026-11-01T09:00:00Z",
        ),
        (
            About::Document(doc),
            "",
            "Mixed methods; the survey half is out of scope.",
            ab,
            "2026-11-01T10:00:00Z",
        ),
        (
            About::Code(code),
            "Scope",
            "Covers *clinical* and distributed leadership.",
            cd,
            "2026-11-20T08:00:00Z",
        ),
        (
            About::Coding(coding),
            "",
            "Strong quote for the summary table.",
            cd,
            "2026-11-20T09:00:00Z",
        ),
    ];
    for (about, title, text, who, now) in steps {
        let cmd = write(&p, about, None, title, text, who, now).unwrap();
        edit::apply(&mut p, cmd).unwrap();
    }
    p
}

#[test]
fn each_kind_of_memo_is_listed_with_author_and_dates_and_filtered() {
    let p = with_memos();
    let all = memos::all(&p);
    let kinds: Vec<MemoKind> = all.iter().map(|e| e.about.kind()).collect();
    // The sample's own memos are on passages; ours are one of each kind.
    assert_eq!(kinds.iter().filter(|k| **k == MemoKind::Project).count(), 1);
    assert_eq!(kinds.iter().filter(|k| **k == MemoKind::Code).count(), 1);
    let code = all
        .iter()
        .find(|e| e.about.kind() == MemoKind::Code)
        .unwrap();
    assert_eq!(code.title, "Scope");
    assert_eq!(code.author, p.find_reviewer("CD"));
    assert_eq!(code.created, "2026-11-20T08:00:00Z");
    let doc = all
        .iter()
        .find(|e| e.about.kind() == MemoKind::Document)
        .unwrap();
    assert_eq!(doc.author, p.find_reviewer("AB"));
    assert_eq!(doc.modified, "2026-11-01T10:00:00Z");
    assert_eq!(memos::link(&p, doc.about), "[3] Lindqvist 2022");
    let count = |f: Filter| all.iter().filter(|e| f.accepts(e)).count();
    let cd_since = Filter {
        author: p.find_reviewer("CD"),
        since: "2026-11-15".into(),
        ..Filter::default()
    };
    assert_eq!(
        count(Filter {
            kind: Some(MemoKind::Code),
            ..cd_since.clone()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            kind: Some(MemoKind::Code),
            since: "2026-11-21".into(),
            ..cd_since
        }),
        0
    );
    assert_eq!(
        count(Filter {
            text: "SURVEY".into(),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            kind: Some(MemoKind::Project),
            ..Filter::default()
        }),
        1
    );
    // Editing keeps who wrote it first and when; the change date moves.
    let cmd = write(
        &p,
        code.about,
        None,
        "Scope",
        "Covers clinical leadership only.",
        p.find_reviewer("AB"),
        "2026-11-22T12:00:00Z",
    )
    .unwrap();
    let mut q = p.clone();
    let undo = edit::apply(&mut q, cmd).unwrap();
    let edited = memos::all(&q)
        .into_iter()
        .find(|e| e.about == code.about)
        .unwrap();
    assert_eq!(
        (
            edited.author,
            edited.created.as_str(),
            edited.modified.as_str()
        ),
        (
            p.find_reviewer("CD"),
            "2026-11-20T08:00:00Z",
            "2026-11-22T12:00:00Z"
        )
    );
    edit::apply(&mut q, undo).unwrap();
    assert_eq!(q.memos, p.memos);
    // A passage memo edit is one step that undoes text and stamp together.
    let passage = all
        .iter()
        .find(|e| e.about.kind() == MemoKind::Passage && e.text.starts_with("Strong"))
        .unwrap();
    let cmd = write(
        &p,
        passage.about,
        None,
        "",
        "",
        None,
        "2026-11-23T00:00:00Z",
    )
    .unwrap();
    let mut q = p.clone();
    let undo = edit::apply(&mut q, cmd).unwrap();
    assert!(memos::all(&q).iter().all(|e| e.about != passage.about));
    edit::apply(&mut q, undo).unwrap();
    assert_eq!(
        (q.codings == p.codings, q.memo_stamps == p.memo_stamps),
        (true, true)
    );
}

#[test]
fn memos_survive_saving_merging_refi_qda_and_the_audit_file() {
    let p = with_memos();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.thema.ron");
    project_file::save(&p, &path).unwrap();
    let back = project_file::load(&path).unwrap().project;
    assert_eq!(memos::all(&back), memos::all(&p));

    // A second reviewer's copy with the memos merges them into the base.
    let base = sample();
    let (merged, report) = thema::io::merge::merge(&base, &p);
    let mine: Vec<_> = memos::all(&p)
        .into_iter()
        .map(|e| (e.about, e.text, e.author))
        .collect();
    let theirs: Vec<_> = memos::all(&merged)
        .into_iter()
        .map(|e| (e.about, e.text, e.author))
        .collect();
    assert_eq!(theirs, mine, "{report:?}");

    // REFI-QDA: the code memo comes back on its code, the project memo on the project.
    let bytes = thema::io::refi::export::qdpx(&p).unwrap();
    let (q, _) = thema::io::refi::import::read_qdpx(&bytes).unwrap();
    let code = q.codebook.find("Leadership").unwrap();
    let on_code: Vec<_> = q
        .memos
        .iter()
        .filter(|m| m.about == About::Code(code))
        .collect();
    assert_eq!(on_code.len(), 1);
    assert_eq!(
        on_code[0].text,
        "Covers *clinical* and distributed leadership."
    );
    assert_eq!(on_code[0].title, "Scope");
    assert!(
        q.memos
            .iter()
            .any(|m| m.about == About::Project && m.title == "Plan")
    );

    // The audit file names what each memo is about, who wrote it and when.
    let md = String::from_utf8(
        thema::io::report::memos::audit(
            &p,
            &Filter {
                kind: Some(MemoKind::Code),
                ..Filter::default()
            },
            thema::io::report::Format::Markdown,
        )
        .unwrap(),
    )
    .unwrap();
    assert!(md.contains("Memos of the review (1 memo)"), "{md}");
    assert!(md.contains("| Code | code Relational factors > Leadership: Scope | Chidi Dike (CD) | 2026-11-20 |  | Covers *clinical* and distributed leadership. |"), "{md}");
    let docx =
        thema::io::report::memos::audit(&p, &Filter::default(), thema::io::report::Format::Docx)
            .unwrap();
    assert_eq!(&docx[..2], b"PK");
    assert!(
        thema::io::report::memos::audit(&p, &Filter::default(), thema::io::report::Format::Csv)
            .is_err()
    );
}

#[test]
fn a_project_memo_is_written_in_the_window_and_undone_in_one_step() {
    use egui_kittest::kittest::Queryable;
    let (_dir, mut h) = super::ui::open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::M);
    h.run();
    h.get_by_label("New project memo").click();
    h.run();
    h.get_by_label("Title").focus();
    h.run();
    h.get_by_label("Title").type_text("Team meeting");
    h.run();
    h.get_by_label("Memo text").focus();
    h.run();
    h.get_by_label("Memo text")
        .type_text("Agreed to **merge** two factors.");
    h.run();
    h.get_by_label("Preview").click();
    h.run();
    assert!(h.query_by_label("Agreed to merge two factors.").is_some());
    h.get_by_label("Save memo").click();
    h.run();
    let p = &h.state().ws.as_ref().unwrap().project;
    let m = p
        .memos
        .iter()
        .find(|m| m.title == "Team meeting")
        .expect("saved");
    assert_eq!(m.text, "Agreed to **merge** two factors.");
    assert_eq!(m.author, p.find_reviewer("AB"));
    assert!(m.created.starts_with("20"));
    assert!(h.query_by_label_contains("Project · AB · 20").is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(
        h.state()
            .ws
            .as_ref()
            .unwrap()
            .project
            .memos
            .iter()
            .all(|m| m.title != "Team meeting")
    );
}
