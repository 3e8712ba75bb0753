//! Issue 11, files that survive anything: one writer at a time, no blind
//! overwrite, outputs that never replace inputs, modes and links kept, a
//! full disk, closed outputs, special files. Every case is built here.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use thema::io::project_file;

fn thema() -> Command {
    Command::new(env!("CARGO_BIN_EXE_thema"))
}

const SAMPLE: &str = "sample_projects/neighbourhood_teams.thema.ron";

/// A temporary folder holding a copy of the sample project.
fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("review.thema.ron");
    std::fs::copy(SAMPLE, &p).unwrap();
    (dir, p)
}

fn n_docs(p: &Path) -> usize {
    project_file::load(p).unwrap().project.documents.len()
}

fn text_file(dir: &Path, name: &str, body: &str) -> PathBuf {
    let f = dir.join(name);
    std::fs::write(&f, body).unwrap();
    f
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Twenty imports into one project at once: with --wait every one lands;
/// without it, each one either lands or says who holds the project.
#[test]
fn twenty_concurrent_writers_lose_nothing() {
    let (dir, p) = sample_copy();
    let files: Vec<PathBuf> = (0..20)
        .map(|i| {
            text_file(
                dir.path(),
                &format!("study{i}.txt"),
                &format!("Interview {i}: the team met on Tuesdays and shared one office {i}."),
            )
        })
        .collect();
    let children: Vec<_> = files
        .iter()
        .map(|f| {
            thema()
                .args(["import", p.to_str().unwrap(), f.to_str().unwrap(), "--wait"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert_eq!(n_docs(&p), 10 + 20, "every import landed");
    assert!(
        !thema::io::paths::lock_path(&p).exists(),
        "the lock is gone after"
    );

    // Without --wait: refused imports say so; none is lost silently.
    let more: Vec<PathBuf> = (0..20)
        .map(|i| {
            text_file(
                dir.path(),
                &format!("more{i}.txt"),
                &format!("Focus group {i}: managers spoke of trust and of budgets {i}."),
            )
        })
        .collect();
    let children: Vec<_> = more
        .iter()
        .map(|f| {
            thema()
                .args(["import", p.to_str().unwrap(), f.to_str().unwrap()])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut landed = 0;
    for c in children {
        let o = c.wait_with_output().unwrap();
        if o.status.success() {
            landed += 1;
        } else {
            assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
            // Who holds it, when it has written its name already.
            assert!(stderr(&o).contains("is open in "), "{}", stderr(&o));
        }
    }
    assert!(landed >= 1);
    assert_eq!(n_docs(&p), 30 + landed);
}

/// A project open in a window (its lock held) refuses a command-line
/// writer with who holds it; readers still work.
#[test]
fn a_held_project_is_refused_with_who_holds_it() {
    let (dir, p) = sample_copy();
    let lock = thema::io::lock::ProjectLock::acquire(&p, false).unwrap();
    let f = text_file(dir.path(), "a.txt", "Leaders met every week.");
    let o = thema()
        .args(["import", p.to_str().unwrap(), f.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let msg = stderr(&o);
    assert!(
        msg.contains(&format!(
            "review.thema.ron is open in Thema (pid {} on ",
            std::process::id()
        )) && msg.contains("use --wait"),
        "{msg}"
    );
    for args in [
        vec!["check", "--repair", p.to_str().unwrap()],
        vec![
            "merge",
            SAMPLE,
            SAMPLE,
            "-o",
            p.to_str().unwrap(),
            "--force",
        ],
    ] {
        let o = thema().args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("is open in Thema"), "{}", stderr(&o));
    }
    let o = thema()
        .args(["check", p.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "reading needs no lock");
    assert_eq!(n_docs(&p), 10);
    drop(lock);
    let o = thema()
        .args(["import", p.to_str().unwrap(), f.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(n_docs(&p), 11);
}

/// A second window cannot open a project that is open in a first one.
#[test]
fn a_second_window_does_not_open_a_project_open_in_the_first() {
    let (_dir, p) = sample_copy();
    let _lock = thema::io::lock::ProjectLock::acquire(&p, false).unwrap();
    let path = p.clone();
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(64)
        .build_eframe(move |cc| {
            thema::app::ThemaApp::new(cc, thema::settings::Settings::in_memory(), Some(path))
        });
    h.run();
    assert!(h.state().ws.is_none());
    let status = h.state().status.clone().unwrap();
    assert!(
        status
            .text
            .contains("is already open in another Thema window"),
        "{}",
        status.text
    );
}

/// The file changed on disk since it was read: nothing is written, the
/// window offers to merge their changes, and after that the save goes on.
#[test]
fn a_file_changed_by_another_program_is_never_overwritten() {
    use egui_kittest::kittest::Queryable;
    let (_dir, p) = sample_copy();
    let loaded = project_file::load(&p).unwrap();
    // Another program (a sync client) writes a version with one more document.
    let mut theirs = loaded.project.clone();
    let mut extra = theirs.documents[0].clone();
    extra.id = thema::model::DocId::new();
    extra.title = "Their new study".into();
    extra.reference = 99;
    extra.text = "A study another reviewer added while this file was open.".into();
    extra.page_starts.clear();
    extra.source.text_hash = thema::model::text::text_hash(&extra.text);
    theirs.documents.push(extra);
    std::fs::write(&p, project_file::to_string(&theirs).unwrap()).unwrap();
    let on_disk = std::fs::read(&p).unwrap();
    let err = project_file::save_checked(&loaded.project, &p, Some(&loaded.hash)).unwrap_err();
    assert!(matches!(
        err,
        project_file::ProjectFileError::ChangedOnDisk { .. }
    ));
    assert!(err.to_string().contains("was changed by another program"));
    assert_eq!(std::fs::read(&p).unwrap(), on_disk, "nothing was written");

    // In the window.
    std::fs::copy(SAMPLE, &p).unwrap();
    let path = p.clone();
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(64)
        .build_eframe(move |cc| {
            thema::app::ThemaApp::new(cc, thema::settings::Settings::in_memory(), Some(path))
        });
    h.run();
    h.get_by_label_contains("Alex Byrne (").click();
    h.run();
    h.state_mut()
        .apply("Rename", thema::edit::Command::RenameProject("Mine".into()));
    std::fs::write(&p, project_file::to_string(&theirs).unwrap()).unwrap();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    h.state_mut().wait_for_saves();
    h.run();
    assert!(h.query_by_label("The file changed on disk").is_some());
    assert_eq!(std::fs::read(&p).unwrap(), on_disk);
    h.get_by_label("Merge their changes").click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Merge")
        .click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    h.state_mut().wait_for_saves();
    h.run();
    let saved = project_file::load(&p).unwrap().project;
    assert_eq!(saved.name, "Mine");
    assert!(saved.documents.iter().any(|d| d.title == "Their new study"));
    assert_eq!(saved.documents.len(), 11);
}

/// No command writes its output over a project, its .bak or .recovery,
/// or another project, unless told --force.
#[test]
fn outputs_never_replace_inputs() {
    let (dir, p) = sample_copy();
    let before = std::fs::read(&p).unwrap();
    let ps = p.to_str().unwrap();
    let bak = thema::io::paths::backup_path(&p);
    std::fs::write(&bak, b"old version").unwrap();
    let other = dir.path().join("other.thema.ron");
    std::fs::copy(SAMPLE, &other).unwrap();
    for args in [
        vec!["export", ps, "--format", "qdpx", "-o", ps],
        vec!["report", ps, "--table", "prevalence", "-o", ps],
        vec![
            "report",
            ps,
            "--table",
            "prevalence",
            "-o",
            bak.to_str().unwrap(),
        ],
        vec![
            "report",
            ps,
            "--table",
            "prevalence",
            "-o",
            other.to_str().unwrap(),
        ],
        vec!["merge", ps, SAMPLE, "-o", ps],
        vec!["import-qdpx", "tests/fixtures/cp1252.txt", "-o", ps],
    ] {
        let o = thema().args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("--force"), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(std::fs::read(&p).unwrap(), before);
    assert_eq!(std::fs::read(&bak).unwrap(), b"old version");
    // Asked for explicitly, it is done (and the project keeps a .bak).
    let o = thema()
        .args(["merge", ps, SAMPLE, "-o", ps, "--force"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(n_docs(&p), 10);
    let dir_out = dir.path().join("folder");
    std::fs::create_dir(&dir_out).unwrap();
    let o = thema()
        .args(["report", ps, "-o", dir_out.to_str().unwrap(), "--force"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a folder"), "{}", stderr(&o));
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(p: &Path, m: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
}

/// A private project stays private; a read-only one is refused; a project
/// reached through a symbolic link updates the link's target.
#[cfg(unix)]
#[test]
fn saves_keep_mode_refuse_read_only_and_follow_links() {
    let (dir, p) = sample_copy();
    let f = text_file(dir.path(), "a.txt", "Leaders met every week.");
    set_mode(&p, 0o600);
    let o = thema()
        .args(["import", p.to_str().unwrap(), f.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&p), 0o600, "0600 stays 0600");
    assert_eq!(n_docs(&p), 11);

    set_mode(&p, 0o444);
    let before = std::fs::read(&p).unwrap();
    let g = text_file(dir.path(), "b.txt", "Funding was short-term.");
    let o = thema()
        .args(["import", p.to_str().unwrap(), g.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is read-only, so it was not changed"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&p).unwrap(), before);
    set_mode(&p, 0o644);

    let real_dir = dir.path().join("shared drive");
    std::fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("real.thema.ron");
    std::fs::copy(SAMPLE, &real).unwrap();
    let link = dir.path().join("link.thema.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = thema()
        .args(["import", link.to_str().unwrap(), g.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert_eq!(n_docs(&real), 11, "the real file was updated");
    assert!(
        thema::io::paths::backup_path(&real).exists(),
        "the .bak sits beside the real file"
    );
}

/// Files in the project's folder other than the project, its .bak and
/// the documents: there must be none (no temporary files left over).
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(std::result::Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.ends_with(".lock"))
        .collect()
}

/// A full disk (a file-size limit here) leaves the old file and its .bak
/// exactly as they were and no temporary file.
#[cfg(unix)]
#[test]
fn a_full_disk_leaves_the_old_file_and_bak_intact() {
    use std::os::unix::process::CommandExt;
    let (dir, p) = sample_copy();
    // A first save makes a .bak.
    let a = text_file(dir.path(), "a.txt", "Leaders met every week.");
    assert!(
        thema()
            .args(["import", p.to_str().unwrap(), a.to_str().unwrap()])
            .status()
            .unwrap()
            .success()
    );
    let before = std::fs::read(&p).unwrap();
    let bak_before = std::fs::read(thema::io::paths::backup_path(&p)).unwrap();
    let big = text_file(
        dir.path(),
        "big.txt",
        &"Staff spoke of trust and of shared goals. ".repeat(4_000),
    );
    let limit = before.len() as u64 + 10_000;
    let mut cmd = thema();
    cmd.args(["import", p.to_str().unwrap(), big.to_str().unwrap()]);
    // SAFETY: only async-signal-safe libc calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let lim = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("Could not access"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&p).unwrap(),
        before,
        "the project is as it was"
    );
    assert_eq!(
        std::fs::read(thema::io::paths::backup_path(&p)).unwrap(),
        bak_before,
        "so is its .bak"
    );
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

/// Output that nobody reads (`| head`, /dev/full) does not turn finished
/// work into a failure: the import is saved once and the exit code is 0.
#[cfg(unix)]
#[test]
fn a_closed_or_full_output_is_not_a_failure() {
    use std::io::{BufRead, BufReader};
    let mut child = thema()
        .args(["report", SAMPLE, "--table", "citations"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The pipe is closed here, before the rest is read.
    let o = child.wait_with_output().unwrap();
    assert_eq!(first.trim(), "code,level,citations");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let (dir, p) = sample_copy();
    let f = text_file(dir.path(), "a.txt", "Leaders met every week.");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = thema()
        .args(["import", p.to_str().unwrap(), f.to_str().unwrap()])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(n_docs(&p), 11);
    // Retrying, as a script would, adds nothing.
    let o = thema()
        .args(["import", p.to_str().unwrap(), f.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(n_docs(&p), 11);
}

/// Folders and other special files get a sentence naming what they are;
/// a .bak that is a folder is named as the problem; a BOM is accepted.
#[test]
fn special_files_get_a_sentence_naming_them() {
    let (dir, p) = sample_copy();
    let folder = dir.path().join("not a project.thema.ron");
    std::fs::create_dir(&folder).unwrap();
    let o = thema()
        .args(["check", folder.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is a folder, not a project file"),
        "{}",
        stderr(&o)
    );

    std::fs::create_dir(thema::io::paths::backup_path(&p)).unwrap();
    let f = text_file(dir.path(), "a.txt", "Leaders met every week.");
    let before = std::fs::read(&p).unwrap();
    let o = thema()
        .args(["import", p.to_str().unwrap(), f.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("review.thema.ron.bak is a folder"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&p).unwrap(), before);
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );

    let bom = dir.path().join("bom.thema.ron");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(std::fs::read(SAMPLE).unwrap());
    std::fs::write(&bom, bytes).unwrap();
    assert_eq!(
        n_docs(&bom),
        10,
        "a byte-order mark does not stop a project opening"
    );
}

/// Export and report of a damaged project refuse with its problems and
/// the repair hint; --force repairs a copy in memory and says what it did.
#[test]
fn a_damaged_project_is_not_exported_or_reported_silently() {
    let (dir, p) = sample_copy();
    let text = std::fs::read_to_string(&p).unwrap();
    let i = text.find("code: \"").unwrap() + 7;
    let mut broken = text.clone();
    broken.replace_range(i..i + 36, "00000000-0000-0000-0000-00000000dead");
    std::fs::write(&p, &broken).unwrap();
    let q = dir.path().join("out.qdpx");
    for args in [
        vec![
            "export",
            p.to_str().unwrap(),
            "--format",
            "qdpx",
            "-o",
            q.to_str().unwrap(),
        ],
        vec!["report", p.to_str().unwrap(), "--table", "prevalence"],
    ] {
        let o = thema().args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = stderr(&o);
        assert!(
            e.contains("has 1 problem,")
                && e.contains("not in the codebook")
                && e.contains("thema check --repair"),
            "{e}"
        );
    }
    assert!(!q.exists());
    let o = thema()
        .args([
            "export",
            p.to_str().unwrap(),
            "--format",
            "qdpx",
            "-o",
            q.to_str().unwrap(),
            "--force",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("repaired in memory (the file is unchanged):"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        broken,
        "the project file is not changed"
    );
    let (back, _) = thema::io::refi::import::read_qdpx_file(&q).unwrap();
    assert_eq!(
        back.codings.len(),
        98,
        "every coding is carried, the orphan under Lost and found"
    );
}
