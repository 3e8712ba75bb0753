//! The command line on real files: check, import, report.

use std::path::Path;
use std::process::Command;

fn thema() -> Command {
    Command::new(env!("CARGO_BIN_EXE_thema"))
}

const SAMPLE: &str = "sample_projects/neighbourhood_teams.thema.ron";

#[test]
fn check_prints_counts_and_fails_on_problems() {
    let out = thema().args(["check", SAMPLE]).output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{s}");
    assert!(
        s.contains("documents: 10") && s.contains("codings: 98") && s.contains("reviewers: 2"),
        "{s}"
    );

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.thema.ron");
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    // point one coding at a code that does not exist
    let i = text.find("code: \"").unwrap() + 7;
    let mut broken = text.clone();
    broken.replace_range(i..i + 36, "00000000-0000-0000-0000-00000000dead");
    std::fs::write(&bad, broken).unwrap();
    let out = thema()
        .args(["check", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("not in the codebook"));

    std::fs::write(&bad, &text[..text.len() / 3]).unwrap();
    let out = thema()
        .args(["check", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line "));
}

#[test]
fn import_creates_project_and_reports_per_file_errors() {
    let dir = tempfile::tempdir().unwrap();
    let proj = dir.path().join("new_review.thema.ron");
    let out = thema()
        .args([
            "import",
            proj.to_str().unwrap(),
            "tests/fixtures/two_pages.pdf",
            "tests/fixtures/truncated.pdf",
            "tests/fixtures/cp1252.txt",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        stderr.contains("truncated.pdf was not imported"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("panicked"),
        "no panic message leaks: {stderr}"
    );
    assert!(stdout.contains("2 documents added"), "{stdout}");
    let p = thema::io::project_file::load(&proj).unwrap().project;
    assert_eq!(p.name, "new review");
    assert_eq!(
        p.documents.iter().map(|d| d.reference).collect::<Vec<_>>(),
        vec![1, 2]
    );

    let out = thema()
        .args([
            "import",
            proj.to_str().unwrap(),
            "tests/fixtures/not_a_pdf.pdf",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "nothing imported → exit 1");
}

#[test]
fn report_matches_the_analysis_function() {
    let out = thema()
        .args(["report", SAMPLE, "--table", "prevalence", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "code,level,n_documents,percent_documents,n_documents_barrier,n_documents_facilitator,n_documents_need,n_documents_recommendation"
    );
    let p = thema::io::project_file::load(Path::new(SAMPLE))
        .unwrap()
        .project;
    let t = thema::analysis::prevalence(&p, &Default::default());
    assert_eq!(
        csv,
        thema::io::report::prevalence(&t, thema::io::report::Format::Csv)
    );
    assert!(
        csv.contains("\nRelational factors > Leadership,2,9,90.0,3,6,1,0\n"),
        "{csv}"
    );

    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("prev.md");
    let st = thema()
        .args([
            "report",
            SAMPLE,
            "--format",
            "md",
            "--style",
            "data",
            "--reviewer",
            "CD",
            "-o",
            out_file.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(st.success());
    let md = std::fs::read_to_string(&out_file).unwrap();
    assert!(md.starts_with("## Prevalence (N = 10 documents)"), "{md}");
    // Markdown's default is the table as published.
    let out = thema()
        .args(["report", SAMPLE, "--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.starts_with("**Themes and factors cited by the included studies, n (%) (N = 10)**\n\n| Theme and factor | Studies | Barrier | Facilitator | Need | Recommendation |\n| --- | ---: | ---: | ---: | ---: | ---: |\n| **Relational factors** | **10 (100.0)** | **9 (90.0)** | **10 (100.0)** | **3 (30.0)** | **2 (20.0)** |\n"),
        "{md}"
    );

    let out = thema()
        .args([
            "report",
            SAMPLE,
            "--format",
            "json",
            "--filter",
            "Group=Primary study",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["n_documents_in_scope"].as_u64().unwrap() < 10);

    let out = thema()
        .args(["report", SAMPLE, "--filter", "Nope=1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no attribute named 'Nope'"));
}

#[test]
fn check_repair_moves_orphans_to_lost_and_found_and_deletes_nothing() {
    use super::fixtures::*;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.thema.ron");
    let mut p = small();
    p.codings.push(coding(1, 100, 0, 7, 99, AB)); // unknown code
    p.codings.push(coding(2, 555, 0, 7, 2, AB)); // unknown document
    p.codings.push(coding(3, 101, 5, 9_999, 2, AB)); // past the end
    p.codings.push(coding(
        4,
        101,
        0,
        3,
        2,
        thema::model::ReviewerId::from_u128(0x77),
    )); // unknown reviewer
    thema::io::project_file::save(&p, &path).unwrap();
    let out = thema()
        .args(["check", "--repair", path.to_str().unwrap()])
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{s}");
    assert!(
        s.contains("Lost and found") && s.contains("did not fit"),
        "{s}"
    );
    let fixed = thema::io::project_file::load(&path).unwrap();
    assert!(fixed.problems.is_empty(), "{:?}", fixed.problems);
    let q = fixed.project;
    assert_eq!(q.codings.len(), 4, "nothing deleted");
    let c1 = q.coding(thema::model::CodingId::from_u128(1)).unwrap();
    assert_eq!(q.codebook.path(c1.code), "Lost and found");
    assert!(c1.memo.contains("Repaired"));
    let c3 = q.coding(thema::model::CodingId::from_u128(3)).unwrap();
    assert_eq!((c3.start, c3.end), (5, 23));
    assert!(
        q.document(thema::model::DocId::from_u128(555)).is_some(),
        "a placeholder document holds the orphan"
    );
    assert!(thema::io::paths::backup_path(&path).exists());
    // A second repair finds nothing to do.
    let out = thema()
        .args(["check", "--repair", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing to repair"));
}

#[test]
fn save_merge_and_export_failures_give_one_sentence_and_a_nonzero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/folder/out.thema.ron");
    // Save into a folder that does not exist.
    let err = thema::io::project_file::save(&super::fixtures::small(), &missing)
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.starts_with("Could not access") && err.contains("folder exist"),
        "{err}"
    );
    // Merge with a damaged second file.
    let broken = dir.path().join("broken.thema.ron");
    std::fs::write(&broken, "(format_version: 2, name: ").unwrap();
    let out = thema()
        .args([
            "merge",
            SAMPLE,
            broken.to_str().unwrap(),
            "-o",
            dir.path().join("m.thema.ron").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(
        e.contains("damaged or not a Thema project") && e.contains("line "),
        "{e}"
    );
    // Export to a folder that does not exist, and in an unknown format.
    let out = thema()
        .args([
            "export",
            SAMPLE,
            "--format",
            "qdpx",
            "-o",
            missing.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Could not access"));
    let out = thema()
        .args(["export", SAMPLE, "--format", "nvivo", "-o", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[possible values: qdpx, qdc]"));
    // A report into a missing folder.
    let out = thema()
        .args([
            "report",
            SAMPLE,
            "--table",
            "all",
            "--format",
            "html",
            "-o",
            missing.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Issue 10, problem 1: the Consensus counts what both reviewers coded
/// alike, and the report says how many disagreements are still open.
#[test]
fn consensus_report_counts_agreed_codings_and_names_the_open_disagreements() {
    let out = thema()
        .args([
            "report",
            SAMPLE,
            "--reviewer",
            "consensus",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(
        csv.lines().nth(1) == Some("Relational factors,1,5,50.0,3,4,0,0"),
        "{csv}"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "note: all documents · codings of the Consensus of Alex Byrne and Chidi Dike — 69 of 69 disagreements unresolved, not counted"
    );
    let md = thema()
        .args([
            "report",
            SAMPLE,
            "--reviewer",
            "consensus",
            "--reviewers",
            "CD,AB",
            "--format",
            "md",
        ])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&md.stdout)
            .contains("— 69 of 69 disagreements unresolved, not counted_")
    );
    let bad = thema()
        .args([
            "report",
            SAMPLE,
            "--reviewer",
            "consensus",
            "--reviewers",
            "AB,AB",
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("two different reviewers"));
}

/// Issue 10, problem 7: importing an unchanged file again adds nothing
/// (N stays, every percentage stays); --allow-duplicates forces it.
#[test]
fn import_skips_a_file_already_in_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("r.thema.ron");
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "Leaders met every week.").unwrap();
    std::fs::write(&b, "Funding was short-term.").unwrap();
    let run = |args: &[&str]| {
        let out = thema().args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let p = project.to_str().unwrap();
    let (code, _) = run(&["import", p, a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    let n = |p: &Path| {
        thema::io::project_file::load(p)
            .unwrap()
            .project
            .documents
            .len()
    };
    assert_eq!(n(&project), 2);
    // Again, from another working directory and by a relative path.
    let out = thema()
        .current_dir(dir.path())
        .args(["import", "r.thema.ron", "a.txt"])
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{s}");
    assert!(s.contains("skipped: Leaders met every week.: already in the project, unchanged; not imported again"), "{s}");
    assert!(s.contains("nothing new to import"), "{s}");
    assert_eq!(n(&project), 2);
    // A copy of the same text under another name is the same study.
    let c = dir.path().join("copy of a.txt");
    std::fs::copy(&a, &c).unwrap();
    let (_, s) = run(&["import", p, c.to_str().unwrap()]);
    assert!(s.contains("already in the project"), "{s}");
    assert_eq!(n(&project), 2);
    let (code, s) = run(&["import", p, c.to_str().unwrap(), "--allow-duplicates"]);
    assert_eq!(code, Some(0), "{s}");
    assert_eq!(n(&project), 3);
    // A changed file replaces its old version instead of adding a study.
    std::fs::write(&b, "Funding was short-term and uncertain.").unwrap();
    let (code, s) = run(&["import", p, b.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{s}");
    assert!(
        s.contains("replaced: Funding was short-term.: changed since it was imported"),
        "{s}"
    );
    assert_eq!(n(&project), 3);
}

/// A project whose largest reference number is u32::MAX: an import says
/// how new documents are numbered instead of wrapping to 0 in silence.
#[test]
fn import_says_how_it_numbers_past_the_largest_reference() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("r.thema.ron");
    let mut p = thema::io::project_file::load(Path::new(SAMPLE))
        .unwrap()
        .project;
    p.documents[0].reference = u32::MAX;
    thema::io::project_file::save(&p, &project).unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(&f, "Leaders met every week.").unwrap();
    let out = thema()
        .args(["import", project.to_str().unwrap(), f.to_str().unwrap()])
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{s}");
    assert!(
        s.contains("note: the largest reference number in use is 4294967295"),
        "{s}"
    );
    let back = thema::io::project_file::load(&project).unwrap().project;
    let new = back.documents.last().unwrap().reference;
    assert!(new != 0 && new < u32::MAX, "{new}");
    assert!(back.documents[..10].iter().all(|d| d.reference != new));
}

#[test]
fn version_flag_prints_the_package_version() {
    let out = thema().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("thema {}\n", env!("CARGO_PKG_VERSION"))
    );
}
