//! Disagreements and their resolution into Consensus codings; checking.

use super::fixtures::*;
use thema::analysis::disagreements::disagreements;
use thema::analysis::{ReviewerView, Scope};
use thema::edit::{self, Command, UndoStack, consensus};
use thema::model::{Choice, ReviewerId, Verdict};

fn two_reviewers() -> thema::model::Project {
    let mut p = small();
    edit::apply(
        &mut p,
        Command::AddCodings(vec![
            coding(1, 100, 0, 7, 2, AB),  // both coded Leadership here…
            coding(2, 100, 0, 7, 2, CD),  // …identically: no disagreement
            coding(3, 100, 8, 20, 3, AB), // Vision: only A
            coding(4, 101, 0, 10, 2, AB), // doc 101 Leadership: different passages
            coding(5, 101, 5, 15, 2, CD),
        ]),
    )
    .unwrap();
    p
}

#[test]
fn queue_lists_each_document_code_where_reviewers_differ() {
    let p = two_reviewers();
    let q = disagreements(&p, &Scope::default(), AB, CD);
    let got: Vec<(String, usize, usize, usize)> = q
        .iter()
        .map(|d| {
            (
                p.codebook.path(d.code),
                d.a.len(),
                d.b.len(),
                d.first_difference,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Relational factors > Vision and purpose".into(), 1, 0, 8),
            ("Relational factors > Leadership".into(), 1, 1, 0)
        ]
    );
    assert!(q.iter().all(|d| !d.resolved));
}

#[test]
fn decisions_make_consensus_codings_never_touch_a_or_b_and_undo() {
    let mut p = two_reviewers();
    let before_ab: Vec<_> = p
        .codings
        .iter()
        .filter(|c| c.reviewer != ReviewerId::CONSENSUS)
        .cloned()
        .collect();
    let mut undo = UndoStack::new();
    let q = disagreements(&p, &Scope::default(), AB, CD);
    let cmd = consensus::decide(
        &p,
        &q[1],
        (AB, CD),
        Choice::AcceptBoth,
        AB,
        "both passages say it",
        None,
    );
    undo.apply(&mut p, "Decide", cmd).unwrap();
    let cons: Vec<(usize, usize)> = p
        .codings
        .iter()
        .filter(|c| c.reviewer == ReviewerId::CONSENSUS)
        .map(|c| (c.start, c.end))
        .collect();
    assert_eq!(cons, vec![(0, 10), (5, 15)]);
    assert_eq!(p.decisions.len(), 1);
    assert_eq!(
        (p.decisions[0].choice, p.decisions[0].note.as_str()),
        (Choice::AcceptBoth, "both passages say it")
    );
    assert!(p.reviewer(ReviewerId::CONSENSUS).is_some());
    // Deciding again replaces the consensus codings of that cell.
    let q = disagreements(&p, &Scope::default(), AB, CD);
    assert_eq!(q.iter().filter(|d| d.resolved).count(), 1);
    let cmd = consensus::decide(&p, &q[1], (AB, CD), Choice::Edited, AB, "", Some((5, 10)));
    undo.apply(&mut p, "Decide", cmd).unwrap();
    let cons: Vec<(usize, usize)> = p
        .codings
        .iter()
        .filter(|c| c.reviewer == ReviewerId::CONSENSUS)
        .map(|c| (c.start, c.end))
        .collect();
    assert_eq!(cons, vec![(5, 10)]);
    // A's and B's codings are untouched; tables can use Consensus.
    let after_ab: Vec<_> = p
        .codings
        .iter()
        .filter(|c| c.reviewer != ReviewerId::CONSENSUS)
        .cloned()
        .collect();
    assert_eq!(before_ab, after_ab);
    let t = thema::analysis::prevalence(
        &p,
        &Scope {
            reviewers: ReviewerView::Consensus(AB, CD),
            ..Default::default()
        },
    );
    // Document 100: both coded Leadership alike; document 101: decided.
    assert_eq!(
        t.row_by_path("Relational factors > Leadership")
            .unwrap()
            .n_documents,
        2
    );
    undo.undo(&mut p);
    undo.undo(&mut p);
    assert!(p.decisions.is_empty());
    assert!(
        p.codings
            .iter()
            .all(|c| c.reviewer != ReviewerId::CONSENSUS)
    );
}

#[test]
fn checking_marks_codings_and_disputes_are_resolved_by_their_author() {
    let mut p = two_reviewers();
    let c = p.codings[0].clone();
    edit::apply(
        &mut p,
        consensus::check(
            &c,
            Verdict::Disputed,
            CD,
            "this is about management, not leadership",
        ),
    )
    .unwrap();
    let checked = p.coding(c.id).unwrap().clone();
    let chk = checked.check.as_ref().unwrap();
    assert_eq!(
        (chk.verdict, chk.by, chk.resolved),
        (Verdict::Disputed, CD, false)
    );
    edit::apply(
        &mut p,
        consensus::resolve_dispute(&checked, "kept: the quote names the leader").unwrap(),
    )
    .unwrap();
    let chk = p.coding(c.id).unwrap().check.clone().unwrap();
    assert!(chk.resolved);
    assert_eq!(chk.reply, "kept: the quote names the leader");
    // Checks survive a save and load.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.thema.ron");
    thema::io::project_file::save(&p, &path).unwrap();
    let back = thema::io::project_file::load(&path).unwrap().project;
    assert_eq!(back.coding(c.id).unwrap().check, Some(chk));
}

#[test]
fn decisions_and_blind_flag_survive_save_and_load() {
    let mut p = two_reviewers();
    let q = disagreements(&p, &Scope::default(), AB, CD);
    let cmd = consensus::decide(&p, &q[0], (AB, CD), Choice::AcceptA, AB, "note", None);
    edit::apply(&mut p, cmd).unwrap();
    edit::apply(&mut p, Command::SetBlind(true)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.thema.ron");
    thema::io::project_file::save(&p, &path).unwrap();
    let mut back = thema::io::project_file::load(&path).unwrap().project;
    back.revision = p.revision;
    // The file orders codings by document and position.
    back.codings.sort_by_key(|c| c.id);
    p.codings.sort_by_key(|c| c.id);
    assert_eq!(back, p);
}

fn consensus_scope() -> Scope {
    Scope {
        reviewers: ReviewerView::Consensus(AB, CD),
        ..Default::default()
    }
}

fn leadership_vision(p: &thema::model::Project) -> (usize, usize) {
    let t = thema::analysis::prevalence(p, &consensus_scope());
    let n = |path: &str| t.row_by_path(path).unwrap().n_documents;
    (
        n("Relational factors > Leadership"),
        n("Relational factors > Vision and purpose"),
    )
}

/// Issue 10, problem 1: a passage both reviewers coded alike is in the
/// Consensus before any decision (it used to count 0).
#[test]
fn consensus_counts_what_both_coded_alike_and_says_what_is_open() {
    let mut p = two_reviewers();
    assert_eq!(leadership_vision(&p), (1, 0));
    let tables = thema::analysis::Tables::compute(&p, &consensus_scope(), &Default::default());
    let status = tables.consensus.unwrap();
    assert_eq!((status.disagreements, status.unresolved), (2, 2));
    assert_eq!(
        status.note(&p),
        "Consensus of AB and CD — 2 of 2 disagreements unresolved, not counted"
    );
    assert_eq!(
        tables.describe(&p),
        "all documents · codings of the Consensus of Alex Byrne and Chidi Dike — 2 of 2 disagreements unresolved, not counted"
    );
    // The identical passage is counted once, not twice.
    let refs = thema::analysis::references::references(
        &thema::analysis::Prepared::new(&p, &consensus_scope()),
        None,
    );
    let lead = refs
        .row_by_path("Relational factors > Leadership")
        .map(|r| r.groups[refs.combined()].all)
        .unwrap();
    assert_eq!(lead, 1);
    // Resolving "Vision: only A" as A's brings it in; Neither keeps it out.
    let q = disagreements(&p, &Scope::default(), AB, CD);
    let vision = q
        .iter()
        .position(|d| p.codebook.path(d.code).ends_with("Vision and purpose"))
        .unwrap();
    let cmd = consensus::decide(&p, &q[vision], (AB, CD), Choice::AcceptA, CD, "", None);
    edit::apply(&mut p, cmd).unwrap();
    assert_eq!(leadership_vision(&p), (1, 1));
    let status = thema::analysis::Tables::compute(&p, &consensus_scope(), &Default::default())
        .consensus
        .unwrap();
    assert_eq!(
        status.note(&p),
        "Consensus of AB and CD — 1 of 2 disagreements unresolved, not counted"
    );
    let q = disagreements(&p, &Scope::default(), AB, CD);
    let lead = q.iter().position(|d| !d.resolved).unwrap();
    let cmd = consensus::decide(&p, &q[lead], (AB, CD), Choice::Neither, CD, "", None);
    edit::apply(&mut p, cmd).unwrap();
    // Document 101 decided "neither": Leadership stays at document 100 only.
    assert_eq!(leadership_vision(&p), (1, 1));
    let status = thema::analysis::Tables::compute(&p, &consensus_scope(), &Default::default())
        .consensus
        .unwrap();
    assert_eq!(
        status.note(&p),
        "Consensus of AB and CD — all 2 disagreements resolved"
    );
}

/// A decision logged with the reviewers in the other order resolves the
/// same disagreement, in the queue and in the tables alike.
#[test]
fn a_decision_counts_whichever_order_the_pair_was_named_in() {
    let mut p = two_reviewers();
    let q = disagreements(&p, &Scope::default(), CD, AB);
    let vision = q
        .iter()
        .position(|d| p.codebook.path(d.code).ends_with("Vision and purpose"))
        .unwrap();
    let cmd = consensus::decide(&p, &q[vision], (CD, AB), Choice::AcceptB, CD, "", None);
    edit::apply(&mut p, cmd).unwrap();
    let q = disagreements(&p, &Scope::default(), AB, CD);
    assert_eq!(q.iter().filter(|d| d.resolved).count(), 1);
    assert_eq!(leadership_vision(&p), (1, 1));
}

/// The live tables rebuild a Consensus view when a coding is added (a new
/// coding can settle a disagreement) instead of adding it blindly.
#[test]
fn live_consensus_tables_follow_a_new_coding_that_settles_a_disagreement() {
    let mut p = two_reviewers();
    let scope = consensus_scope();
    let mut live = thema::analysis::incremental::LiveTables::build(&p, &scope, &Default::default());
    // CD codes Vision exactly where AB did: the disagreement is settled.
    let c = coding(9, 100, 8, 20, 3, CD);
    edit::apply(&mut p, Command::AddCodings(vec![c.clone()])).unwrap();
    assert!(!live.add(&[c]), "a Consensus view must be rebuilt");
    live = thema::analysis::incremental::LiveTables::build(&p, &scope, &Default::default());
    let n = live
        .tables
        .prevalence
        .row_by_path("Relational factors > Vision and purpose")
        .unwrap()
        .n_documents;
    assert_eq!(n, 1);
    assert_eq!(live.tables.consensus.unwrap().disagreements, 1);
}
