//! Issue 11, files that survive anything: hostile inputs built at test time
//! (nothing large is stored in the repository). Each must end quickly with
//! success or one clear sentence — never a panic, an abort, a stack
//! overflow or a hang — and nothing may change silently.

use super::fixtures::*;
use std::time::Instant;
use thema::edit::{self, ops};
use thema::io::merge::merge;
use thema::io::refi::{export, import};
use thema::model::{
    Bin, Check, CodeId, Coding, CodingId, DocId, Project, Verdict, repair::repair,
    validate::validate,
};

use super::refi::zip_of;

const NS: &str = "urn:QDA-XML:project:1.0";
const USER: &str = "00000000-0000-0000-0000-0000000000ab";
const CODE: &str = "00000000-0000-0000-0000-00000000c0de";

/// A `.qdpx` holding one `project.qde` with `body` inside `<Project>`.
fn qdpx_with(body: &str) -> Vec<u8> {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Project xmlns=\"{NS}\" name=\"hostile\">{body}</Project>"
    );
    zip_of(&[("project.qde", xml.as_bytes())])
}

fn guid(n: usize) -> String {
    format!("{n:08x}-0000-4000-8000-{n:012x}")
}

// ---- 1. REFI-QDA import: no recursion or allocation sized by the file ----

#[test]
fn refi_with_20000_nested_codes_is_refused_naming_the_depth_limit() {
    let mut body = String::from("<CodeBook><Codes>");
    for i in 0..20_000 {
        body.push_str(&format!(
            "<Code guid=\"{}\" name=\"c{i}\" isCodable=\"true\">",
            guid(i + 1)
        ));
    }
    body.push_str(&"</Code>".repeat(20_000));
    body.push_str("</Codes></CodeBook>");
    let err = import::read_qdpx(&qdpx_with(&body))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("project.qde: the XML nests elements more than 256 levels deep"),
        "{err}"
    );
    assert!(err.contains("Thema reads at most 256 levels"), "{err}");
}

#[test]
fn refi_with_200000_nested_elements_of_any_kind_is_refused() {
    // Distinct names, so the archive is not refused as a zip bomb first.
    let open: String = (0..200_000).map(|i| format!("<e{i}>")).collect();
    let close: String = (0..200_000).rev().map(|i| format!("</e{i}>")).collect();
    let body = format!("{open}{close}");
    let err = import::read_qdpx(&qdpx_with(&body))
        .unwrap_err()
        .to_string();
    assert!(err.contains("more than 256 levels deep"), "{err}");
    // The same nesting as a standalone codebook (.qdc) is refused too.
    let qdc = format!("<CodeBook>{body}</CodeBook>");
    let err = import::read_qdc(qdc.as_bytes()).unwrap_err().to_string();
    assert!(err.contains("more than 256 levels deep"), "{err}");
}

#[test]
fn refi_codes_nested_200_deep_import_in_order_under_each_other() {
    let mut body = String::from("<CodeBook><Codes>");
    for i in 0..200 {
        body.push_str(&format!(
            "<Code guid=\"{}\" name=\"c{i}\" isCodable=\"true\">",
            guid(i + 1)
        ));
    }
    body.push_str(&"</Code>".repeat(200));
    body.push_str("</Codes></CodeBook>");
    let (p, report) = import::read_qdpx(&qdpx_with(&body)).unwrap();
    assert_eq!(report.codes, 200);
    assert_eq!(p.codebook.codes.len(), 200);
    let last = p.codebook.codes[199].id;
    assert_eq!(p.codebook.level(last), 200);
    assert_eq!(p.codebook.codes[199].name, "c199");
    assert_eq!(p.codebook.codes[199].parent, Some(p.codebook.codes[198].id));
}

/// Rewrites the uncompressed size of the only entry of a zip made by
/// `zip_of`, in its local header and in the central directory.
fn declare_size(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
    assert_eq!(&zip[0..4], b"PK\x03\x04");
    zip[22..26].copy_from_slice(&size.to_le_bytes());
    let central = zip
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("central directory");
    zip[central + 24..central + 28].copy_from_slice(&size.to_le_bytes());
    zip
}

#[test]
fn refi_project_xml_declaring_300_mib_is_refused_before_it_is_unpacked() {
    let small = qdpx_with("<Sources/>");
    let err = import::read_qdpx(&declare_size(small, 300 << 20))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "the entry \"project.qde\" unpacks to more than 256 MiB, the most Thema reads for it; the file was refused"
    );
}

#[test]
fn refi_project_xml_larger_than_it_claims_is_refused() {
    let padding = " ".repeat(5_000);
    let zip = qdpx_with(&format!("<Sources/>{padding}"));
    let err = import::read_qdpx(&declare_size(zip, 100))
        .unwrap_err()
        .to_string();
    assert!(err.contains("project.qde"), "{err}");
    assert!(
        err.contains("larger than it claims") || err.contains("damaged"),
        "{err}"
    );
}

// ---- 2. A linear code tree ----

/// One reviewer, one document, a chain of `depth` codes (code i+1 is the
/// child of code i), codings on the top, middle and deepest codes.
fn deep_chain(depth: u128) -> Project {
    let mut p = Project::new("deep");
    p.reviewers.push(thema::model::Reviewer {
        id: AB,
        name: "Alex Byrne".into(),
        initials: "AB".into(),
    });
    p.documents
        .push(doc(100, "Leaders met every week to plan the work."));
    for i in 1..=depth {
        p.codebook
            .codes
            .push(code(i, &format!("Code {i}"), (i > 1).then(|| i - 1)));
    }
    p.codings.push(coding(1, 100, 0, 7, 1, AB));
    p.codings.push(coding(2, 100, 8, 12, depth / 2, AB));
    p.codings.push(coding(3, 100, 13, 17, depth, AB));
    p
}

#[test]
fn a_20000_deep_code_chain_validates_and_reports_completely() {
    let p = deep_chain(20_000);
    let t0 = Instant::now();
    assert_eq!(validate(&p), vec![]);
    let order = p.codebook.tree_order();
    assert_eq!(order.len(), 20_000);
    assert_eq!(order[19_999], (CodeId::from_u128(20_000), 20_000));
    let t_valid = t0.elapsed();
    let tables = thema::analysis::Tables::compute(
        &p,
        &thema::analysis::Scope::default(),
        &thema::analysis::TableOptions::default(),
    );
    let t_tables = t0.elapsed();
    let html =
        thema::io::report::render(&p, &tables, "all", thema::io::report::Format::Html).unwrap();
    let html = String::from_utf8(html).unwrap();
    eprintln!(
        "20,000-deep chain: validate and tree {t_valid:?}, tables by {t_tables:?}, report by {:?}",
        t0.elapsed()
    );
    // The top code holds all three codings rolled up; the deepest one.
    assert_eq!(tables.references.rows[0].groups[0].all, 3);
    assert_eq!(tables.references.rows[19_999].groups[0].all, 1);
    assert_eq!(tables.references.rows[10_000].groups[0].all, 1);
    assert_eq!(tables.references.rows[9_999].groups[0].all, 2);
    // Paths of deep codes are shortened, never 20,000 names long.
    let deepest = "Code 1 &gt; … 19991 levels … &gt; Code 19993 &gt; Code 19994 &gt; Code 19995 &gt; Code 19996 &gt; Code 19997 &gt; Code 19998 &gt; Code 19999 &gt; Code 20000";
    let plain = deepest.replace("&gt;", ">");
    assert!(
        html.contains(deepest) || html.contains(&plain),
        "deepest path missing"
    );
    assert_eq!(p.codebook.path(CodeId::from_u128(20_000)), plain);
    assert_eq!(
        p.codebook.path(CodeId::from_u128(3)),
        "Code 1 > Code 2 > Code 3"
    );
}

#[test]
fn a_parent_cycle_lists_each_code_once_and_is_reported_per_code() {
    let mut p = small();
    // 10 -> 11 -> 12 -> 10, and 13 under 12.
    p.codebook.codes.push(code(10, "Ten", Some(12)));
    p.codebook.codes.push(code(11, "Eleven", Some(10)));
    p.codebook.codes.push(code(12, "Twelve", Some(11)));
    p.codebook.codes.push(code(13, "Thirteen", Some(12)));
    let order = p.codebook.tree_order();
    assert_eq!(order.len(), 7);
    let ids: std::collections::HashSet<CodeId> = order.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids.len(), 7, "each code once");
    assert_eq!(
        order[3..].to_vec(),
        vec![
            (CodeId::from_u128(10), 1),
            (CodeId::from_u128(11), 2),
            (CodeId::from_u128(12), 3),
            (CodeId::from_u128(13), 4),
        ]
    );
    let cycles = validate(&p)
        .into_iter()
        .filter(|x| matches!(x, thema::model::validate::Problem::CodeCycle { .. }))
        .count();
    assert_eq!(cycles, 3);
    let notes = repair(&mut p);
    assert_eq!(
        notes
            .iter()
            .filter(|n| n.contains("missing or circular parent"))
            .count(),
        1,
        "one cut breaks the cycle: {notes:?}"
    );
    assert_eq!(validate(&p), vec![]);
}

// ---- 3. Repair ----

#[test]
fn repair_of_a_coding_with_a_huge_end_in_a_missing_document_is_capped() {
    for end in [1_000_000_000_000usize, usize::MAX] {
        let mut p = small();
        p.codings.push(coding(7, 555, 3, end, 2, AB));
        let notes = repair(&mut p);
        let placeholder = p.document(DocId::from_u128(555)).unwrap();
        assert_eq!(placeholder.char_len(), 1_048_576);
        let c = p.coding(CodingId::from_u128(7)).unwrap();
        assert_eq!((c.start, c.end), (3, 1_048_576));
        assert!(c.memo.contains(&format!(
            "its range 3..{end} did not fit the text of 1048576 chars and became 3..1048576"
        )));
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("added a placeholder document of 1048576 chars")),
            "{notes:?}"
        );
        assert_eq!(validate(&p), vec![]);
    }
}

#[test]
fn repair_swaps_a_backwards_range_that_fits_and_clamps_one_that_does_not() {
    let mut p = small();
    p.codings.push(coding(7, 100, 10, 3, 2, AB)); // document 100 has 44 chars
    p.codings.push(coding(8, 100, 90, 30, 2, AB));
    p.codings.push(coding(9, 100, 5, 5, 2, AB));
    let notes = repair(&mut p);
    let c7 = p.coding(CodingId::from_u128(7)).unwrap();
    assert_eq!((c7.start, c7.end), (3, 10));
    assert_eq!(
        c7.memo,
        "[Repaired: its range 10..3 was written backwards and became 3..10]"
    );
    let c8 = p.coding(CodingId::from_u128(8)).unwrap();
    assert_eq!((c8.start, c8.end), (30, 44));
    assert_eq!(
        c8.memo,
        "[Repaired: its range 90..30 did not fit the text of 44 chars and became 30..44]"
    );
    let c9 = p.coding(CodingId::from_u128(9)).unwrap();
    assert_eq!((c9.start, c9.end), (4, 5));
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert_eq!(validate(&p), vec![]);
}

#[test]
fn repair_gives_duplicate_documents_and_codes_new_ids_and_moves_codings_that_fit_only_the_duplicate()
 {
    let mut p = small();
    let long = "x".repeat(80);
    let mut dup = doc(100, &long);
    dup.title = "Study 100 again".into();
    dup.reference = 7;
    p.documents.push(dup);
    p.codings.push(coding(7, 100, 0, 7, 2, AB)); // fits both: stays with the first
    p.codings.push(coding(8, 100, 50, 60, 2, AB)); // fits only the 80-char duplicate
    let mut twin = code(2, "Leadership twin", Some(1));
    twin.color = "#000000".into();
    p.codebook.codes.push(twin);
    let n_codings = p.codings.len();
    let notes = repair(&mut p);
    assert_eq!(p.codings.len(), n_codings, "nothing deleted");
    let again = p
        .documents
        .iter()
        .find(|d| d.title == "Study 100 again")
        .unwrap();
    assert_ne!(again.id, DocId::from_u128(100));
    assert_eq!(
        p.coding(CodingId::from_u128(7)).unwrap().doc,
        DocId::from_u128(100)
    );
    let c8 = p.coding(CodingId::from_u128(8)).unwrap();
    assert_eq!(c8.doc, again.id);
    assert_eq!((c8.start, c8.end), (50, 60));
    assert!(c8.memo.contains("fits a duplicate"), "{}", c8.memo);
    let twin = p
        .codebook
        .codes
        .iter()
        .find(|c| c.name == "Leadership twin")
        .unwrap();
    assert_ne!(twin.id, CodeId::from_u128(2));
    assert!(notes.iter().any(|n| n.starts_with(
        "document \"Study 100 again\" shared its id 00000000-0000-0000-0000-000000000064 with \"Study 100\"; it now has the id"
    )), "{notes:?}");
    assert!(notes.iter().any(|n| n.starts_with(
        "code \"Leadership twin\" shared its id 00000000-0000-0000-0000-000000000002 with code \"Leadership\""
    )), "{notes:?}");
    assert_eq!(validate(&p), vec![]);
    assert_eq!(
        repair(&mut p),
        Vec::<String>::new(),
        "a second repair finds nothing"
    );
}

// ---- 4. REFI import never changes a selection silently ----

fn source_with(text: &str, selections: &str) -> String {
    format!(
        "<Users><User guid=\"{USER}\" name=\"Alex Byrne\"/></Users>\
         <CodeBook><Codes><Code guid=\"{CODE}\" name=\"Leadership\" isCodable=\"true\"/></Codes></CodeBook>\
         <Sources><TextSource guid=\"{}\" name=\"Interview\"><PlainTextContent>{text}</PlainTextContent>{selections}</TextSource></Sources>",
        guid(900)
    )
}

fn selection(n: usize, start: &str, end: &str) -> String {
    format!(
        "<PlainTextSelection guid=\"{}\" startPosition=\"{start}\" endPosition=\"{end}\" creatingUser=\"{USER}\">\
         <Coding guid=\"{}\" creatingUser=\"{USER}\"><CodeRef targetGUID=\"{CODE}\"/></Coding></PlainTextSelection>",
        guid(1000 + n),
        guid(2000 + n)
    )
}

#[test]
fn refi_selections_that_are_swapped_clamped_or_dropped_are_each_listed() {
    let text = "Leaders met every week to plan."; // 31 chars
    let sels = [
        selection(1, "0", "7"),
        selection(2, "11", "8"),
        selection(3, "-4", "7"),
        selection(4, "5", "5"),
        selection(5, "40", "50"),
        selection(6, "20", "99"),
        selection(7, "x", "3"),
    ]
    .concat();
    let (p, report) = import::read_qdpx(&qdpx_with(&source_with(text, &sels))).unwrap();
    assert_eq!(
        report.skipped,
        vec![
            "the selection 11..8 of \"Interview\": its start was after its end, so they were swapped to 8..11",
            "the selection -4..7 of \"Interview\": its start -4 was negative and was set to 0",
            "the selection 5..5 of \"Interview\": it covers no text; it was left out",
            "the selection 40..50 of \"Interview\" starts past the end of its text of 31 chars; it was left out",
            "the selection 20..99 of \"Interview\": it ran past the end of its text of 31 chars and was shortened to 20..31",
            "the selection ?..3 of \"Interview\" has no readable start and end position; it was left out",
        ]
    );
    assert!(!report.summary().contains("nothing was left out"));
    assert_eq!(report.codings, 4);
    let ranges: Vec<(usize, usize)> = p.codings.iter().map(|c| (c.start, c.end)).collect();
    assert_eq!(ranges, vec![(0, 7), (8, 11), (0, 7), (20, 31)]);
    // A clean file says nothing was left out.
    let (_, clean) =
        import::read_qdpx(&qdpx_with(&source_with(text, &selection(1, "0", "7")))).unwrap();
    assert!(
        clean.summary().ends_with("; nothing was left out"),
        "{}",
        clean.summary()
    );
}

#[test]
fn refi_12000_selections_of_one_long_source_import_in_linear_time() {
    let text: String = (0..20_000).map(|i| format!("w{} ", i % 10)).collect(); // 60,000 chars
    let name: String = text.chars().take(30).collect::<String>() + "…";
    let mut sels = String::new();
    for n in 0..12_000 {
        sels.push_str(&format!(
            "<PlainTextSelection guid=\"{}\" name=\"{}\" startPosition=\"0\" endPosition=\"60000\" creatingUser=\"{USER}\">\
             <Coding guid=\"{}\" creatingUser=\"{USER}\"><CodeRef targetGUID=\"{CODE}\"/></Coding></PlainTextSelection>",
            guid(10_000 + n),
            name.trim_end(),
            guid(30_000 + n)
        ));
    }
    let file = qdpx_with(&source_with(&text, &sels));
    let t0 = Instant::now();
    let (p, report) = import::read_qdpx(&file).unwrap();
    let took = t0.elapsed();
    assert_eq!(report.codings, 12_000);
    assert_eq!(p.codings.len(), 12_000);
    assert!(report.skipped.is_empty(), "{}", report.summary());
    assert!(took.as_secs() < 10, "took {took:?}");
}

// ---- 5. Reference numbers never wrap ----

#[test]
fn a_project_whose_largest_reference_is_u32_max_numbers_new_documents_below_it() {
    let mut p = small();
    p.documents[0].reference = u32::MAX;
    p.documents[1].reference = u32::MAX - 1;
    assert_eq!(p.next_reference(), u32::MAX - 2);
    assert_eq!(
        p.next_references(3),
        vec![u32::MAX - 2, u32::MAX - 3, u32::MAX - 4]
    );
    assert_eq!(
        p.reference_note().unwrap(),
        "the largest reference number in use is 4294967295, the highest Thema can store, so new documents get the largest free numbers below it"
    );
    let mut new = doc(300, "A new study.");
    new.reference = 0;
    let mut other = doc(301, "Another new study.");
    other.reference = 0;
    let add = ops::add_documents(&p, vec![new, other]);
    edit::apply(&mut p, add).unwrap();
    let refs: Vec<u32> = p.documents.iter().map(|d| d.reference).collect();
    assert_eq!(
        refs,
        vec![u32::MAX, u32::MAX - 1, u32::MAX - 2, u32::MAX - 3]
    );
    assert_eq!(Project::new("x").next_reference(), 1);
    assert_eq!(small().reference_note(), None);
}

// ---- 6. Merge keeps checks, memos and orphaned codes ----

fn check(verdict: Verdict, by: thema::model::ReviewerId, note: &str) -> Check {
    Check {
        verdict,
        by,
        when: "2026-02-01T10:00:00Z".into(),
        note: note.into(),
        resolved: false,
        reply: String::new(),
    }
}

#[test]
fn merge_unites_memos_and_keeps_both_checks() {
    let mut a = small();
    a.codings.push(Coding {
        memo: "A's memo".into(),
        ..coding(1, 100, 0, 7, 2, AB)
    });
    a.codings.push(coding(2, 100, 8, 12, 2, AB));
    a.codings.push(Coding {
        check: Some(check(Verdict::Confirmed, CD, "fine")),
        ..coding(3, 100, 13, 17, 2, AB)
    });
    let mut b = a.clone();
    b.codings[0].memo = "B's memo".into();
    b.codings[1].check = Some(check(Verdict::Confirmed, CD, ""));
    b.codings[2].check = Some(check(Verdict::Disputed, AB, "too broad"));
    // An exact duplicate under another id, carrying a memo.
    b.codings.push(Coding {
        memo: "dup memo".into(),
        ..coding(4, 100, 8, 12, 2, AB)
    });
    let (m, r) = merge(&a, &b);
    assert_eq!(m.codings.len(), 3, "{}", r.summary());
    assert_eq!(m.codings[0].memo, "A's memo\n\n— from B: B's memo");
    assert_eq!(m.codings[1].check, b.codings[1].check);
    assert_eq!(m.codings[1].memo, "dup memo");
    assert_eq!(
        m.codings[2].check, b.codings[2].check,
        "the open dispute is the check"
    );
    assert_eq!(
        m.codings[2].memo,
        "— another check: Confirmed by Chidi Dike (2026-02-01T10:00:00Z): fine"
    );
    assert_eq!(
        (r.memos_united, r.checks_added, r.checks_noted.len()),
        (2, 1, 1)
    );
    assert_eq!(r.duplicates_collapsed, 1);
    let (again, r2) = merge(&m, &b);
    assert!(r2.is_empty(), "{}", r2.summary());
    assert_eq!(again.codings, m.codings);
}

#[test]
fn merge_puts_codes_with_a_missing_parent_under_lost_and_found() {
    let a = small();
    let mut b = small();
    b.codebook.codes.push(code(60, "Stray", Some(999)));
    b.codings.push(coding(5, 100, 0, 7, 60, CD));
    let (m, r) = merge(&a, &b);
    assert_eq!(
        r.codes_reparented,
        vec![
            "code \"Stray\" of the second project names a parent (00000000-0000-0000-0000-0000000003e7) that neither project has; it was put under \"Lost and found\""
        ]
    );
    let c = m.coding(CodingId::from_u128(5)).unwrap();
    assert_eq!(m.codebook.path(c.code), "Lost and found > Stray");
    assert_eq!(validate(&m), vec![]);
    let (_, r2) = merge(&m, &b);
    assert!(r2.is_empty(), "{}", r2.summary());
}

// ---- 7. Special files in document import ----

#[cfg(unix)]
#[test]
fn importing_a_named_pipe_refuses_it_without_reading() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("x.txt");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let err = thema::io::import::import_file(&fifo).unwrap_err();
    assert_eq!(
        err.to_string(),
        "x.txt was not imported: it is a named pipe, not a file (Thema imports PDF, TXT and MD files)."
    );
}

#[test]
fn importing_a_folder_or_a_file_without_extension_says_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes.txt");
    std::fs::create_dir(&folder).unwrap();
    let err = thema::io::import::import_file(&folder).unwrap_err();
    assert_eq!(
        err.to_string(),
        "notes.txt was not imported: it is a folder, not a file (Thema imports PDF, TXT and MD files)."
    );
    let bare = dir.path().join("README");
    std::fs::write(&bare, "text").unwrap();
    let err = thema::io::import::import_file(&bare).unwrap_err();
    assert_eq!(
        err.to_string(),
        "README was not imported: its name has no extension, so Thema cannot tell what it holds (Thema imports .pdf, .txt and .md files)."
    );
    let missing = dir.path().join("gone.txt");
    let err = thema::io::import::import_file(&missing).unwrap_err();
    assert_eq!(
        err.to_string(),
        "gone.txt was not imported: it does not exist."
    );
}

// ---- 8. Year ranges and page starts survive a REFI round trip ----

#[test]
fn refi_round_trip_keeps_year_ranges_and_page_starts_exactly() {
    let mut p = thema::io::project_file::load(std::path::Path::new(
        "sample_projects/neighbourhood_teams.thema.ron",
    ))
    .unwrap()
    .project;
    let year = p
        .attributes
        .iter()
        .position(|a| matches!(a.kind, thema::model::AttrKind::Number))
        .expect("a number attribute");
    p.attributes[year].bins = vec![
        Bin {
            from: 1997.0,
            to: 2004.0,
        },
        Bin {
            from: 2005.0,
            to: 2009.5,
        },
        Bin {
            from: 0.1,
            to: 0.30000000000000004,
        },
    ];
    let len = p.documents[0].char_len();
    p.documents[0].page_starts = vec![0, 10, len / 2];
    // (Schema validity of such an export: refi::exports_validate_against_the_refi_schemas.)
    let (back, report) = import::read_qdpx(&export::qdpx(&p).unwrap()).unwrap();
    assert!(report.skipped.is_empty(), "{}", report.summary());
    assert_eq!(back.attributes[year].bins, p.attributes[year].bins);
    assert_eq!(back.documents[0].page_starts, vec![0, 10, len / 2]);
    for (d, b) in p.documents.iter().zip(&back.documents) {
        assert_eq!(b.page_starts, d.page_starts, "{}", d.title);
    }
}
