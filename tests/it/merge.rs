//! Merging two reviewers' files: lossless, idempotent, by id then by
//! content; plus a property test over random projects.

use super::fixtures::*;
use proptest::prelude::*;
use thema::edit::{self, Command, ops};
use thema::io::merge::merge;
use thema::model::{Coding, CodingId, Project};

/// Everything that identifies a coding's content, with ids resolved to names.
fn content(p: &Project, c: &Coding) -> (String, usize, usize, String, String, String) {
    let doc = p
        .document(c.doc)
        .map(|d| d.source.text_hash.clone())
        .unwrap_or_default();
    let cat = c
        .category
        .and_then(|k| p.category(k))
        .map(|k| k.name.clone())
        .unwrap_or_default();
    let who = p
        .reviewer(c.reviewer)
        .map(|r| r.name.clone())
        .unwrap_or_default();
    // A code whose parent was in neither project is merged under "Lost
    // and found": compare it by its own path.
    let path = p.codebook.path(c.code);
    let path = path
        .strip_prefix("Lost and found > ")
        .map(str::to_owned)
        .unwrap_or(path);
    (doc, c.start, c.end, path, cat, who)
}

fn contents(
    p: &Project,
) -> std::collections::HashSet<(String, usize, usize, String, String, String)> {
    p.codings.iter().map(|c| content(p, c)).collect()
}

#[test]
fn second_reviewer_file_merges_losslessly_and_twice_is_once() {
    let base = small();
    let mut a = base.clone();
    let mut b = base.clone();
    edit::apply(
        &mut a,
        Command::AddCodings(vec![coding(1, 100, 0, 7, 2, AB)]),
    )
    .unwrap();
    // B: a different coding, an exact duplicate of A's under another id, a new sub-code.
    edit::apply(
        &mut b,
        Command::InsertCode {
            index: 3,
            code: code(50, "Distributed leadership", Some(2)),
        },
    )
    .unwrap();
    edit::apply(
        &mut b,
        Command::AddCodings(vec![
            coding(2, 100, 8, 20, 3, CD),
            coding(3, 100, 0, 7, 2, AB),
            coding(4, 101, 0, 5, 50, CD),
        ]),
    )
    .unwrap();
    let (m, r) = merge(&a, &b);
    assert_eq!(r.codings_added, 2);
    assert_eq!(r.duplicates_collapsed, 1);
    assert_eq!(
        r.codes_added,
        vec!["Relational factors > Leadership > Distributed leadership"]
    );
    assert!(contents(&m).is_superset(&contents(&a)) && contents(&m).is_superset(&contents(&b)));
    assert!(thema::model::validate::validate(&m).is_empty());
    let (again, r2) = merge(&m, &b);
    assert!(r2.is_empty(), "{}", r2.summary());
    let (mut x, mut y) = (again, m);
    x.revision = 0;
    y.revision = 0;
    assert_eq!(x, y, "merging the same file twice changes nothing");
}

#[test]
fn documents_match_by_text_and_codes_by_path_across_separately_made_projects() {
    // Two projects built independently: different ids, same texts and code names.
    let a = small();
    let mut b = Project::new("b");
    let mut cmds = vec![Command::InsertReviewer {
        index: 0,
        reviewer: thema::model::Reviewer {
            id: CD,
            name: "Chidi Dike".into(),
            initials: "CD".into(),
        },
    }];
    cmds.push(Command::InsertCode {
        index: 0,
        code: code(901, "Relational factors", None),
    });
    cmds.push(Command::InsertCode {
        index: 1,
        code: code(902, "Leadership", Some(901)),
    });
    let mut d = doc(900, &a.documents[0].text);
    d.id = thema::model::DocId::from_u128(900);
    cmds.push(ops::add_documents(&b, vec![d]));
    edit::apply(&mut b, Command::Batch(cmds)).unwrap();
    edit::apply(
        &mut b,
        Command::AddCodings(vec![coding(9, 900, 0, 7, 902, CD)]),
    )
    .unwrap();
    let (m, r) = merge(&a, &b);
    assert_eq!(r.documents_matched_by_text, 1);
    assert_eq!(r.codes_matched_by_path, 2);
    assert_eq!(m.documents.len(), 2, "no document added");
    let c = m
        .codings
        .iter()
        .find(|c| c.id == CodingId::from_u128(9))
        .unwrap();
    assert_eq!(c.doc, a.documents[0].id);
    assert_eq!(m.codebook.path(c.code), "Relational factors > Leadership");
}

#[test]
fn conflicting_edits_are_listed_and_both_versions_kept() {
    let mut a = small();
    edit::apply(
        &mut a,
        Command::AddCodings(vec![coding(1, 100, 0, 7, 2, AB)]),
    )
    .unwrap();
    let mut b = a.clone();
    let changed_a = Coding {
        memo: "A's memo".into(),
        ..a.codings[0].clone()
    };
    edit::apply(&mut a, Command::ReplaceCodings(vec![changed_a])).unwrap();
    let changed_b = Coding {
        code: thema::model::CodeId::from_u128(3),
        ..b.codings[0].clone()
    };
    edit::apply(&mut b, Command::ReplaceCodings(vec![changed_b])).unwrap();
    edit::apply(
        &mut b,
        Command::UpdateCode(thema::model::Code {
            name: "Leaders".into(),
            ..code(2, "", Some(1))
        }),
    )
    .unwrap();
    let (m, r) = merge(&a, &b);
    assert_eq!(r.conflicts.len(), 2, "{}", r.summary());
    assert_eq!(m.codings.len(), 2, "A's version and B's version both kept");
    assert_eq!(
        m.codebook
            .get(thema::model::CodeId::from_u128(2))
            .unwrap()
            .name,
        "Leadership",
        "A's name kept"
    );
    let (again, r2) = merge(&m, &b);
    assert_eq!(again.codings.len(), 2);
    assert_eq!(r2.codings_added, 0);
}

#[test]
fn cli_merge_prints_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, out) = (
        dir.path().join("a.thema.ron"),
        dir.path().join("b.thema.ron"),
        dir.path().join("m.thema.ron"),
    );
    let mut pa = small();
    edit::apply(
        &mut pa,
        Command::AddCodings(vec![coding(1, 100, 0, 7, 2, AB)]),
    )
    .unwrap();
    let mut pb = small();
    edit::apply(
        &mut pb,
        Command::AddCodings(vec![coding(2, 100, 3, 9, 2, CD)]),
    )
    .unwrap();
    thema::io::project_file::save(&pa, &a).unwrap();
    thema::io::project_file::save(&pb, &b).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_thema"))
        .args([
            "merge",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{s}");
    assert!(s.contains("1 coding added"), "{s}");
    assert_eq!(
        thema::io::project_file::load(&out)
            .unwrap()
            .project
            .codings
            .len(),
        2
    );
}

/// A random project derived from `small()`: extra codes and codings by
/// either reviewer.
fn random_project(
    extra_codes: Vec<(u8, String)>,
    codings: Vec<(bool, u8, u8, u8, bool)>,
    salt: u128,
) -> Project {
    let mut p = small();
    for (i, (parent, name)) in extra_codes.into_iter().enumerate() {
        let parent_id = [1u128, 2, 3][parent as usize % 3];
        let _ = edit::apply(
            &mut p,
            Command::InsertCode {
                index: 3 + i,
                code: code(salt * 1000 + i as u128 + 10, &name, Some(parent_id)),
            },
        );
    }
    let code_ids: Vec<u128> = p.codebook.codes.iter().map(|c| c.id.0.as_u128()).collect();
    let mut list = Vec::new();
    for (i, (reviewer, doc_pick, start, len, categorised)) in codings.into_iter().enumerate() {
        let d = if doc_pick % 2 == 0 { 100 } else { 101 };
        let max = if d == 100 { 44 } else { 23 };
        let s = start as usize % (max - 1);
        let e = (s + 1 + len as usize % 10).min(max);
        let mut c = coding(
            salt * 100_000 + i as u128,
            d,
            s,
            e,
            code_ids[i % code_ids.len()],
            if reviewer { AB } else { CD },
        );
        if categorised {
            c.category = Some(BARRIER);
        }
        list.push(c);
    }
    edit::apply(&mut p, Command::AddCodings(list)).unwrap();
    p
}

/// Memos and checks on picked codings: (which coding, 0 = no check,
/// 1 = Confirmed, 2 = open dispute, 3 = resolved dispute; memo).
fn decorate(p: &mut Project, extras: Vec<(u8, u8, String)>) {
    let n = p.codings.len();
    if n == 0 {
        return;
    }
    for (pick, kind, memo) in extras {
        let c = &mut p.codings[pick as usize % n];
        c.memo = memo;
        c.check = (kind > 0).then(|| thema::model::Check {
            verdict: if kind == 1 {
                thema::model::Verdict::Confirmed
            } else {
                thema::model::Verdict::Disputed
            },
            by: if kind == 2 { AB } else { CD },
            when: format!("2026-03-0{}T00:00:00Z", kind + 1),
            note: format!("note {kind}"),
            resolved: kind == 3,
            reply: String::new(),
        });
    }
}

/// Every coding of `src` is in `m` with its content, its memo (inside the
/// memo there) and its check (as the check or written into the memo).
fn keeps_memos_and_checks(m: &Project, src: &Project) -> Result<(), String> {
    for x in &src.codings {
        let want = content(src, x);
        let kept = m.codings.iter().any(|y| {
            content(m, y) == want
                && y.memo.contains(&x.memo)
                && match &x.check {
                    None => true,
                    Some(k) => {
                        y.check.as_ref() == Some(k)
                            || y.memo.contains(&format!("{:?} by", k.verdict))
                                && y.memo.contains(&k.when)
                    }
                }
        });
        if !kept {
            return Err(format!("lost {x:?}"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn merge_keeps_every_coding_and_is_idempotent(
        codes_a in proptest::collection::vec((0u8..3, "[A-C][a-c]{1,2}"), 0..3),
        codes_b in proptest::collection::vec((0u8..3, "[A-C][a-c]{1,2}"), 0..3),
        codings_a in proptest::collection::vec((any::<bool>(), any::<u8>(), any::<u8>(), any::<u8>(), any::<bool>()), 0..12),
        codings_b in proptest::collection::vec((any::<bool>(), any::<u8>(), any::<u8>(), any::<u8>(), any::<bool>()), 0..12),
        extras_a in proptest::collection::vec((any::<u8>(), 0u8..4, "[a-c]{0,3}"), 0..5),
        extras_b in proptest::collection::vec((any::<u8>(), 0u8..4, "[a-c]{0,3}"), 0..5),
        b_copies_a in any::<bool>(),
        orphan in any::<bool>(),
    ) {
        let mut a = random_project(codes_a, codings_a, 1);
        decorate(&mut a, extras_a);
        // B is either its own file or A's file with other memos and checks
        // (the same codings under the same ids).
        let mut b = if b_copies_a { a.clone() } else { random_project(codes_b, codings_b, 2) };
        decorate(&mut b, extras_b);
        if orphan {
            // A code whose parent is in neither file, with a coding.
            b.codebook.codes.push(code(777, "Stray", Some(999)));
            b.codings.push(coding(777, 100, 1, 5, 777, CD));
        }
        let (m, _) = merge(&a, &b);
        let all = contents(&m);
        prop_assert!(all.is_superset(&contents(&a)));
        prop_assert!(all.is_superset(&contents(&b)));
        prop_assert_eq!(keeps_memos_and_checks(&m, &a), Ok(()));
        prop_assert_eq!(keeps_memos_and_checks(&m, &b), Ok(()));
        prop_assert!(thema::model::validate::validate(&m).is_empty());
        let (m2, r2) = merge(&m, &b);
        prop_assert!(r2.is_empty(), "{}", r2.summary());
        prop_assert_eq!(m2.codings.len(), m.codings.len());
        prop_assert_eq!(m2.codebook.codes.len(), m.codebook.codes.len());
    }
}

/// Each reviewer appraises in their own copy; the merge unites the
/// answers (so agreement can be computed), lists a different answer to
/// the same item as a conflict keeping the first, and merging again
/// changes nothing.
#[test]
fn two_reviewers_appraisals_merge_and_conflicts_are_listed() {
    use thema::edit::appraisal::AppraisalCommand as A;
    use thema::model::appraisal::{Answer, bundled};
    let base = super::appraisal::studies(3);
    let casp = bundled().into_iter().next().unwrap();
    let put = |p: &mut Project, who, doc: usize, item: &str, answer: &str| {
        let a = Answer {
            doc: p.documents[doc].id,
            reviewer: who,
            checklist: casp.id.clone(),
            item: item.into(),
            answer: answer.into(),
            note: String::new(),
            support: None,
        };
        edit::apply(
            p,
            Command::Batch(vec![
                Command::Appraisal(A::PutChecklist {
                    id: casp.id.clone(),
                    checklist: Some(casp.clone()),
                }),
                Command::Appraisal(A::PutAnswer {
                    key: a.key(),
                    answer: Some(a),
                }),
            ]),
        )
        .unwrap();
    };
    let mut a = base.clone();
    put(&mut a, AB, 0, "1", "yes");
    put(&mut a, AB, 1, "1", "no");
    let mut b = base.copy_for_reviewer(false);
    put(&mut b, CD, 0, "1", "cant_tell");
    put(&mut b, CD, 1, "1", "no");
    // CD's file also holds an older copy of one of AB's answers, changed.
    put(&mut b, AB, 1, "1", "yes");
    let (m, r) = merge(&a, &b);
    let mine: Vec<(&str, usize)> = m
        .appraisal
        .answers
        .iter()
        .map(|x| {
            (
                x.answer.as_str(),
                m.documents.iter().position(|d| d.id == x.doc).unwrap(),
            )
        })
        .collect();
    assert_eq!(mine, [("yes", 0), ("no", 1), ("cant_tell", 0), ("no", 1)]);
    assert_eq!(r.appraisal_added, 2);
    assert_eq!(r.conflicts.len(), 1, "{:?}", r.conflicts);
    assert_eq!(r.conflicts[0].kept, "no");
    assert_eq!(r.conflicts[0].other, "yes");
    assert!(
        r.summary()
            .contains("2 appraisal entries of the second project added"),
        "{}",
        r.summary()
    );
    let (again, r2) = merge(&m, &b);
    assert_eq!(again.appraisal, m.appraisal);
    assert_eq!(r2.appraisal_added, 0);
}
