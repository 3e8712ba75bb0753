//! Commands: apply then undo restores the project exactly; compound edits.

use super::fixtures::*;
use thema::edit::{self, Command, UndoStack, ops};
use thema::model::{CategoryId, CodeId, Project};

/// Applies `cmd`, undoes it, and checks the project is exactly as before.
fn roundtrip(p: &mut Project, cmd: Command) {
    let before = p.clone();
    let inverse = edit::apply(p, cmd).expect("applies");
    assert_ne!(*p, before, "the command changed something");
    let redo = edit::apply(p, inverse).expect("inverse applies");
    let mut a = before.clone();
    let mut b = p.clone();
    a.revision = 0;
    b.revision = 0;
    assert_eq!(a, b, "undo restores the project exactly");
    // and the redo command applies again on the restored state
    let mut q = p.clone();
    edit::apply(&mut q, redo).expect("redo applies");
}

#[test]
fn every_kind_of_command_undoes_exactly() {
    let mut p = small();
    p.codings.push(coding(1, 100, 0, 7, 2, AB));
    let cmds = vec![
        Command::AddCodings(vec![coding(2, 100, 8, 20, 3, CD)]),
        Command::RemoveCodings(vec![thema::model::CodingId::from_u128(1)]),
        Command::ReplaceCodings(vec![thema::model::Coding {
            memo: "note".into(),
            category: Some(CategoryId::from_u128(0xCA7E_0001)),
            ..coding(1, 100, 0, 7, 3, AB)
        }]),
        Command::UpdateCode(thema::model::Code {
            name: "Leaders".into(),
            color: "#000000".into(),
            ..code(2, "", Some(1))
        }),
        Command::MoveCode {
            code: CodeId::from_u128(3),
            parent: None,
            index: 0,
        },
        Command::SetPinned(vec![CodeId::from_u128(2)]),
        Command::SetDocumentMeta {
            doc: thema::model::DocId::from_u128(101),
            title: "New".into(),
            short_ref: "X 2020".into(),
            reference: 9,
        },
        Command::RenameProject("renamed".into()),
        ops::delete_code(&p, CodeId::from_u128(1)),
        ops::merge_codes(&p, CodeId::from_u128(2), CodeId::from_u128(3)).unwrap(),
        ops::remove_document(&p, thema::model::DocId::from_u128(100)),
        ops::renumber_documents(&p),
        ops::add_code(&p, Some(CodeId::from_u128(2)), "Clinical leadership", "").1,
    ];
    for cmd in cmds {
        roundtrip(&mut p, cmd);
    }
}

#[test]
fn delete_code_takes_descendants_and_codings_and_undo_brings_them_back() {
    let mut p = small();
    edit::apply(
        &mut p,
        Command::AddCodings(vec![
            coding(1, 100, 0, 7, 2, AB),
            coding(2, 101, 0, 7, 1, AB),
        ]),
    )
    .unwrap();
    let mut undo = UndoStack::new();
    assert_eq!(ops::codings_under(&p, CodeId::from_u128(1)).len(), 2);
    let cmd = ops::delete_code(&p, CodeId::from_u128(1));
    undo.apply(&mut p, "Delete", cmd).unwrap();
    assert!(p.codebook.codes.is_empty());
    assert!(p.codings.is_empty());
    assert!(undo.is_dirty());
    undo.undo(&mut p).unwrap();
    assert_eq!(p.codebook.codes.len(), 3);
    assert_eq!(p.codings.len(), 2);
    assert_eq!(
        p.codebook.path(CodeId::from_u128(2)),
        "Relational factors > Leadership"
    );
    assert!(!undo.is_dirty());
}

#[test]
fn merge_moves_codings_and_children_and_collapses_duplicates() {
    let mut p = small();
    edit::apply(
        &mut p,
        Command::InsertCode {
            index: 3,
            code: code(4, "Distributed leadership", Some(2)),
        },
    )
    .unwrap();
    edit::apply(
        &mut p,
        Command::AddCodings(vec![
            coding(1, 100, 0, 7, 2, AB),
            coding(2, 100, 0, 7, 3, AB),
            coding(3, 101, 0, 7, 2, AB),
        ]),
    )
    .unwrap();
    let cmd = ops::merge_codes(&p, CodeId::from_u128(2), CodeId::from_u128(3)).unwrap();
    edit::apply(&mut p, cmd).unwrap();
    assert!(p.codebook.get(CodeId::from_u128(2)).is_none());
    assert_eq!(p.codings.len(), 2, "the exact duplicate collapsed");
    assert!(p.codings.iter().all(|c| c.code == CodeId::from_u128(3)));
    assert_eq!(
        p.codebook.path(CodeId::from_u128(4)),
        "Relational factors > Vision and purpose > Distributed leadership"
    );
    assert!(
        ops::merge_codes(&p, CodeId::from_u128(1), CodeId::from_u128(4)).is_none(),
        "cannot merge into own descendant"
    );
}

#[test]
fn invalid_commands_are_refused_and_change_nothing() {
    let mut p = small();
    let before = p.clone();
    assert!(
        edit::apply(
            &mut p,
            Command::AddCodings(vec![coding(1, 100, 5, 999, 2, AB)])
        )
        .is_err()
    );
    assert!(
        edit::apply(
            &mut p,
            Command::MoveCode {
                code: CodeId::from_u128(1),
                parent: Some(CodeId::from_u128(2)),
                index: 0
            }
        )
        .is_err()
    );
    // a batch that fails half-way is rolled back
    let batch = Command::Batch(vec![
        Command::RenameProject("x".into()),
        Command::RemoveCode(CodeId::from_u128(77)),
    ]);
    assert!(edit::apply(&mut p, batch).is_err());
    p.revision = before.revision;
    assert_eq!(p, before);
}

#[test]
fn undo_redo_and_dirty_tracking() {
    let mut p = small();
    let mut u = UndoStack::new();
    assert!(!u.is_dirty());
    u.apply(
        &mut p,
        "Code",
        Command::AddCodings(vec![coding(1, 100, 0, 7, 2, AB)]),
    )
    .unwrap();
    u.mark_saved();
    u.apply(&mut p, "Rename", Command::RenameProject("b".into()))
        .unwrap();
    assert!(u.is_dirty());
    assert_eq!(u.undo(&mut p).as_deref(), Some("Rename"));
    assert!(!u.is_dirty());
    assert_eq!(u.redo(&mut p).as_deref(), Some("Rename"));
    assert_eq!(p.name, "b");
    u.undo(&mut p);
    u.undo(&mut p);
    assert!(p.codings.is_empty());
    u.apply(&mut p, "Other", Command::RenameProject("c".into()))
        .unwrap();
    assert!(u.is_dirty(), "the saved state can no longer be reached");
    assert_eq!(u.redo_label(), None);
}

#[test]
fn reimporting_a_changed_source_moves_codings_and_keeps_what_it_cannot_place() {
    use thema::edit::reanchor::{Found, replace_document};
    let mut p = small();
    let old_text = "Intro line.\nThe team met every week to plan care for older people at home.\nFunding ended in March, which everyone regretted deeply.\nA passage about something that will vanish completely.";
    let d = doc(300, old_text);
    let cmd = ops::add_documents(&p, vec![d.clone()]);
    edit::apply(&mut p, cmd).unwrap();
    let find = |t: &str, s: &str| t.find(s).map(|b| t[..b].chars().count()).unwrap();
    let span = |s: &str| (find(old_text, s), find(old_text, s) + s.chars().count());
    let (a0, a1) = span("The team met every week");
    let (b0, b1) = span("Funding ended in March, which everyone regretted deeply.");
    let (c0, c1) = span("something that will vanish");
    edit::apply(
        &mut p,
        Command::AddCodings(vec![
            coding(1, 300, a0, a1, 2, AB),
            coding(2, 300, b0, b1, 3, AB),
            coding(3, 300, c0, c1, 2, CD),
        ]),
    )
    .unwrap();
    // New version: a paragraph inserted, a line re-wrapped, one passage gone.
    let new_text = "Intro line.\nA new opening paragraph was added here.\nThe team met every week to plan care.\nFunding ended in March,\nwhich everyone regretted deeply.\n";
    let mut new_doc = d.clone();
    new_doc.text = new_text.into();
    new_doc.source.text_hash = thema::model::text::text_hash(new_text);
    let before = p.clone();
    let (cmd, result) = replace_document(&p, d.id, &new_doc).unwrap();
    assert_eq!(
        result.placed.iter().map(|x| x.3).collect::<Vec<_>>(),
        vec![Found::Exact, Found::Whitespace]
    );
    assert_eq!(result.unplaced, vec![thema::model::CodingId::from_u128(3)]);
    let inverse = edit::apply(&mut p, cmd).unwrap();
    let now = p.document(d.id).unwrap();
    assert_eq!(now.text, new_text);
    let c1 = p.coding(thema::model::CodingId::from_u128(1)).unwrap();
    assert_eq!(now.slice_chars(c1.start, c1.end), "The team met every week");
    let c2 = p.coding(thema::model::CodingId::from_u128(2)).unwrap();
    assert_eq!(
        now.slice_chars(c2.start, c2.end),
        "Funding ended in March,\nwhich everyone regretted deeply."
    );
    // The passage that vanished stays, on the previous version of the document.
    let c3 = p.coding(thema::model::CodingId::from_u128(3)).unwrap();
    let prev = p.document(c3.doc).unwrap();
    assert!(prev.title.ends_with("(previous version)"));
    assert_eq!(
        prev.slice_chars(c3.start, c3.end),
        "something that will vanish"
    );
    assert_eq!(p.codings.len(), before.codings.len(), "no coding lost");
    edit::apply(&mut p, inverse).unwrap();
    p.revision = before.revision;
    let mut x = p.clone();
    let mut y = before.clone();
    x.codings.sort_by_key(|c| c.id);
    y.codings.sort_by_key(|c| c.id);
    assert_eq!(x, y, "undo restores the old document and codings");
}
