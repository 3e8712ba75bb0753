//! Thema's benchmark: generates its own data and prints one line per figure
//! as `name value unit`. Run with `cargo run --release --bin thema-bench`.
//!
//! Frame times drive the real document view headless through
//! `egui::Context::run_ui` (layout + painting) and include tessellation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a measuring tool: a failed setup stops it with the reason"
)]

mod data;
mod matrices;
mod search;
use search::search_bench;

use data::{Lcg, generate_text, project_with, review_project, write_pdf};
use std::time::Instant;
use thema::analysis::{self, Scope};
use thema::edit::{self, Command};
use thema::model::{CodeId, Coding, CodingId, Reviewer, ReviewerId};
use thema::ui::document_view::DocView;

fn input(size: egui::Vec2, t: f64, events: Vec<egui::Event>) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
        time: Some(t),
        events,
        ..Default::default()
    }
}

/// Median and 95th percentile of frame times in ms.
fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    let med = v[v.len() / 2];
    let p95 = v[((v.len() as f64 * 0.95) as usize).min(v.len() - 1)];
    (med, p95)
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Wheel-like scrolling, 80 points a frame.
    Scroll,
    /// Jumping a screenful or more each frame (scroll bar dragged fast).
    Jump,
    DragSelect,
    AddCoding,
}

/// Frame CPU time (run_ui + tessellate) of the document view.
fn frame_times(chars: usize, codings: usize, mode: Mode, frames: usize) -> (f64, f64) {
    let (mut p, doc) = project_with(chars, codings, 42);
    let ctx = egui::Context::default();
    let size = egui::vec2(900.0, 800.0);
    let mut view = DocView::default();
    let mut times = Vec::with_capacity(frames);
    let total_chars = p.documents[0].char_len();
    let visible = |_: &Coding| Some(thema::session::MarkStyle::Fill);
    let mut rng = Lcg(9);
    let mut down = true;
    for f in 0..frames + 10 {
        let t = f as f64 / 60.0;
        let mut events = Vec::new();
        match mode {
            Mode::Scroll => {
                if f == 0 {
                    view.scroll_to_char(total_chars / 3);
                } else {
                    // Bounce between the ends, like a reviewer skimming.
                    let vp = view.last_viewport;
                    if vp.max.y >= view.content_height() - 1.0 {
                        down = false;
                    } else if vp.min.y <= 0.5 {
                        down = true;
                    }
                    view.scroll_by(if down { 80.0 } else { -80.0 });
                }
            }
            Mode::Jump => view.scroll_to_char(f * total_chars / (frames + 10)),
            Mode::DragSelect => {
                // Hover during warm-up, press, then drag down and up a screenful.
                let start = egui::pos2(300.0, 150.0);
                if f < 9 {
                    events.push(egui::Event::PointerMoved(start));
                } else if f == 9 {
                    events.push(egui::Event::PointerButton {
                        pos: start,
                        button: egui::PointerButton::Primary,
                        pressed: true,
                        modifiers: Default::default(),
                    });
                } else {
                    let y = 160.0 + ((f % 60) as f32 - 30.0).abs() * 15.0;
                    events.push(egui::Event::PointerMoved(egui::pos2(
                        300.0 + (f % 7) as f32 * 20.0,
                        y,
                    )));
                }
            }
            Mode::AddCoding => {
                let s = rng.below(total_chars as u64 - 500) as usize;
                let c = thema::edit::ops::new_coding(
                    doc,
                    s,
                    s + 80,
                    CodeId::from_u128(3),
                    None,
                    ReviewerId::from_u128(1),
                );
                edit::apply(&mut p, Command::AddCodings(vec![c])).expect("valid coding");
            }
        }
        let start = Instant::now();
        let out = ctx.run_ui(input(size, t, events), |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                view.show(ui, &p, doc, 0, &visible);
            });
        });
        let _prims = ctx.tessellate(out.shapes, out.pixels_per_point);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        if f >= 10 {
            times.push(ms);
        }
    }
    if mode == Mode::DragSelect {
        let n = view.selected_range().map_or(0, |(a, b)| b - a);
        assert!(n > 0, "the benchmark's drag must select text");
    }
    stats(times)
}

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<f64>()
                    .unwrap_or(0.0)
            })
        })
        .unwrap_or(0.0)
        / 1024.0
}

fn main() {
    if std::env::var("THEMA_BENCH_ONLY").as_deref() == Ok("frames") {
        return app_frames();
    }
    if std::env::var("THEMA_BENCH_ONLY").as_deref() == Ok("search") {
        return search_bench();
    }
    if std::env::var("THEMA_BENCH_ONLY").as_deref() == Ok("matrices") {
        matrices::cooccurrence_bench();
        return matrices_tab_frames();
    }
    if let Some(path) = std::env::args().skip_while(|a| a != "--write-big").nth(1) {
        let p = review_project(2_000, 100_000, 60);
        thema::io::project_file::save(&p, std::path::Path::new(&path)).expect("write");
        return;
    }
    println!(
        "# thema-bench: {} cores",
        std::thread::available_parallelism()
            .map(std::num::NonZero::get)
            .unwrap_or(1)
    );
    // Document view frames while scrolling.
    for &chars in &[20_000usize, 200_000, 2_000_000] {
        for &codings in &[0usize, 2_000, 20_000] {
            let (med, p95) = frame_times(chars, codings, Mode::Scroll, 200);
            println!("docview_scroll_median_{chars}chars_{codings}codings {med:.3} ms");
            println!("docview_scroll_p95_{chars}chars_{codings}codings {p95:.3} ms");
        }
    }
    for &(chars, codings) in &[(20_000usize, 20_000usize), (2_000_000, 20_000)] {
        let (med, p95) = frame_times(chars, codings, Mode::Jump, 200);
        println!("docview_jump_median_{chars}chars_{codings}codings {med:.3} ms");
        println!("docview_jump_p95_{chars}chars_{codings}codings {p95:.3} ms");
    }
    let (med, p95) = frame_times(2_000_000, 20_000, Mode::DragSelect, 200);
    println!("docview_dragselect_median_2000000chars_20000codings {med:.3} ms");
    println!("docview_dragselect_p95_2000000chars_20000codings {p95:.3} ms");
    let (med, p95) = frame_times(2_000_000, 20_000, Mode::AddCoding, 100);
    println!("docview_addcoding_median_2000000chars_20000codings {med:.3} ms");
    println!("docview_addcoding_p95_2000000chars_20000codings {p95:.3} ms");

    // Resident memory with the 2M-char document open and scrolled through.
    let _ = frame_times(2_000_000, 20_000, Mode::Scroll, 60);
    println!("resident_memory_after_2M_doc {:.1} MB", rss_mb());

    search_bench();
    matrices::cooccurrence_bench();

    // All live tables for a large review.
    let p = review_project(2_000, 100_000, 60);
    let group = p.attribute_by_name("Group").map(|a| a.id);
    let opts = analysis::TableOptions {
        group_by: group,
        crosstab_by: group,
    };
    let reps = 31;
    let _ = analysis::Tables::compute_live(&p, &Scope::default(), &opts);
    let times: Vec<f64> = (0..reps)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(analysis::Tables::compute_live(&p, &Scope::default(), &opts));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let (med, p95) = stats(times);
    println!("tables_all_2000docs_100000codings {med:.3} ms (median of {reps}; p95 {p95:.3} ms)");
    // The first recompute after an edit also rebuilds the coding index.
    let times: Vec<f64> = (0..11)
        .map(|_| {
            let fresh = p.clone();
            let start = Instant::now();
            std::hint::black_box(analysis::Tables::compute_live(
                &fresh,
                &Scope::default(),
                &opts,
            ));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let (med, _) = stats(times);
    println!(
        "tables_all_after_an_edit_2000docs_100000codings {med:.3} ms (coding index rebuilt; on a worker in the window)"
    );
    // Incremental: one coding added, the live tables updated for it.
    let mut live = analysis::incremental::LiveTables::build(&p, &Scope::default(), &opts);
    let mut rng = Lcg(11);
    let adds: Vec<Coding> = (0..200)
        .map(|i| {
            let d = p.documents[rng.below(p.documents.len() as u64) as usize].id;
            let s = rng.below(2_000) as usize;
            let mut c = thema::edit::ops::new_coding(
                d,
                s,
                s + 50,
                CodeId::from_u128(rng.below(60) as u128 + 1),
                Some(p.categories[0].id),
                ReviewerId::from_u128(1),
            );
            c.id = CodingId::from_u128(9_000_000 + i);
            c
        })
        .collect();
    let start = Instant::now();
    for c in &adds {
        live.add(std::slice::from_ref(c));
    }
    println!(
        "tables_incremental_one_coding_2000docs_100000codings {:.4} ms",
        start.elapsed().as_secs_f64() * 1000.0 / adds.len() as f64
    );
    let start = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(analysis::prevalence(&p, &Scope::default()));
    }
    println!(
        "prevalence_2000docs_100000codings {:.3} ms",
        start.elapsed().as_secs_f64() * 1000.0 / reps as f64
    );

    // Agreement: 500 documents × 60 codes × 2 reviewers.
    let mut p = review_project(500, 50_000, 60);
    let second = ReviewerId::from_u128(2);
    p.reviewers.push(Reviewer {
        id: second,
        name: "Second".into(),
        initials: "SE".into(),
    });
    let mut rng = Lcg(5);
    for c in &mut p.codings {
        if rng.below(2) == 0 {
            c.reviewer = second;
        }
    }
    let reps = 5;
    let start = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(thema::analysis::agreement::agreement(
            &p,
            &Scope::default(),
            ReviewerId::from_u128(1),
            second,
        ));
    }
    println!(
        "agreement_500docs_60codes_2reviewers {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0 / reps as f64
    );

    // Open and save of a ~25 MB project (500 documents, 100,000 codings).
    let big = review_project(500, 100_000, 60);
    let dir = std::env::temp_dir().join(format!("thema-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("big.thema.ron");
    let start = Instant::now();
    thema::io::project_file::save(&big, &file).expect("save");
    let save_ms = start.elapsed().as_secs_f64() * 1000.0;
    let size_mb = std::fs::metadata(&file)
        .map(|m| m.len() as f64 / 1e6)
        .unwrap_or(0.0);
    let start = Instant::now();
    let loaded = thema::io::project_file::load(&file).expect("load");
    let open_ms = start.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(loaded.project.codings.len(), 100_000);
    println!("project_file_size {size_mb:.1} MB");
    println!("project_save_500docs_100000codings {save_ms:.0} ms");
    println!("project_open_500docs_100000codings {open_ms:.0} ms");

    // Import of 100 generated PDFs through the real importer (worker processes).
    let pdf_dir = dir.join("pdfs");
    let _ = std::fs::create_dir_all(&pdf_dir);
    let mut rng = Lcg(3);
    let paths: Vec<std::path::PathBuf> = (0..100)
        .map(|i| {
            let path = pdf_dir.join(format!("study_{i:03}.pdf"));
            write_pdf(&path, &generate_text(6_000, &mut rng));
            path
        })
        .collect();
    let worker = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(|d| d.join("thema")))
        .filter(|p| p.exists());
    let isolated = worker.is_some();
    thema::io::pdf::set_isolation(thema::io::pdf::Isolation {
        worker,
        ..Default::default()
    });
    let start = Instant::now();
    let results = thema::io::import::ImportJob::start(paths.clone()).wait();
    let secs = start.elapsed().as_secs_f64();
    let ok = results.iter().filter(|r| r.is_ok()).count();
    println!(
        "pdf_import_100_files {:.1} docs/s ({ok} imported, {} workers, {})",
        ok as f64 / secs,
        std::thread::available_parallelism()
            .map(std::num::NonZero::get)
            .unwrap_or(1),
        if isolated {
            "each in a worker process"
        } else {
            "in-process"
        }
    );
    let start = Instant::now();
    let mut poppler = true;
    for p in &paths {
        if std::process::Command::new("pdftotext")
            .arg(p)
            .arg("/dev/null")
            .status()
            .is_err()
        {
            poppler = false;
            break;
        }
    }
    if poppler {
        let pt = start.elapsed().as_secs_f64();
        println!(
            "pdf_import_time_vs_pdftotext {:.2} x (pdftotext one file at a time: {:.1} docs/s)",
            secs / pt,
            paths.len() as f64 / pt
        );
    }
    let _ = std::fs::remove_dir_all(&dir);

    app_frames();

    // Sample project: load + first frame of the real app, headless.
    sample_first_frame();
}

/// The real window, headless: the longest frame while an autosave of a
/// large project is written, and while the tables follow a scope change.
fn app_frames() {
    let (longest, frames) = longest_frame_during_autosave(review_project(500, 100_000, 60));
    println!(
        "longest_frame_during_autosave_500docs_100000codings {longest:.1} ms ({frames} frames while it was written)"
    );
    let (longest, frames) = longest_frame_during_scope_change(review_project(2_000, 100_000, 60));
    println!(
        "longest_frame_during_scope_change_2000docs_100000codings {longest:.1} ms ({frames} frames until the new tables showed)"
    );
}

/// Frames of the real window showing the 200 × 200 co-occurrence heat map
/// (2,000 studies, 100,000 codings) in its larger window: the median of 11
/// frames at rest, and the frame after a coding is added (the matrices are
/// updated in place).
fn matrices_tab_frames() {
    let p = review_project(2_000, 100_000, 200);
    let mut h = HeadlessApp::open(&p, "matrices");
    h.app.tables_ui.tab = thema::ui::tables::Tab::Matrices;
    h.app.tables_ui.popped_out = true;
    for _ in 0..200 {
        h.frame();
        let current = h
            .app
            .ws
            .as_ref()
            .and_then(|w| w.matrices().map(|(_, current)| current))
            .unwrap_or(false);
        if current {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let mut idle: Vec<f64> = (0..11).map(|_| h.frame()).collect();
    idle.sort_by(f64::total_cmp);
    println!(
        "matrices_tab_frame_200x200_heat_map_2000docs_100000codings {:.1} ms",
        idle[5]
    );
    let (doc, code) = {
        let ws = h.app.ws.as_ref().expect("open");
        (ws.project.documents[0].id, ws.project.codebook.codes[0].id)
    };
    let coding = thema::edit::ops::new_coding(doc, 0, 10, code, None, ReviewerId::from_u128(1));
    h.app.apply("Code", Command::AddCodings(vec![coding]));
    let ms = h.frame();
    println!("matrices_tab_frame_after_a_coding_is_added {ms:.1} ms");
}

fn sample_first_frame() {
    let path = std::path::Path::new("sample_projects/neighbourhood_teams.thema.ron");
    if path.exists() {
        let start = Instant::now();
        let ctx = egui::Context::default();
        let cc = eframe::CreationContext::_new_kittest(ctx.clone());
        let mut app = thema::app::ThemaApp::new(
            &cc,
            thema::settings::Settings::in_memory(),
            Some(path.to_owned()),
        );
        let mut frame = eframe::Frame::_new_kittest();
        let out = ctx.run_ui(input(egui::vec2(1400.0, 900.0), 0.0, vec![]), |ui| {
            eframe::App::ui(&mut app, ui, &mut frame);
        });
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
        println!(
            "sample_project_open_and_first_frame {:.1} ms",
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// The app with `p` open (saved to a temporary file first), headless.
struct HeadlessApp {
    ctx: egui::Context,
    app: thema::app::ThemaApp,
    frame: eframe::Frame,
    t: f64,
    _dir: std::path::PathBuf,
}

impl HeadlessApp {
    fn open(p: &thema::model::Project, name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("thema-bench-app-{}-{name}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join("review.thema.ron");
        thema::io::project_file::save(p, &file).expect("save");
        let ctx = egui::Context::default();
        let cc = eframe::CreationContext::_new_kittest(ctx.clone());
        let mut app =
            thema::app::ThemaApp::new(&cc, thema::settings::Settings::in_memory(), Some(file));
        app.dialog = None;
        if let Some(ws) = &mut app.ws {
            ws.coding_as = ws.project.reviewers.first().map(|r| r.id);
        }
        let mut h = Self {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
            t: 0.0,
            _dir: dir,
        };
        // Settle: first layout, tables built.
        for _ in 0..5 {
            h.frame();
        }
        if let Some(ws) = &mut h.app.ws {
            ws.wait_for_tables();
        }
        for _ in 0..3 {
            h.frame();
        }
        h
    }

    /// One frame: UI pass plus tessellation; returns its time in ms.
    fn frame(&mut self) -> f64 {
        self.t += 1.0 / 60.0;
        let start = Instant::now();
        let out = self
            .ctx
            .run_ui(input(egui::vec2(1440.0, 900.0), self.t, vec![]), |ui| {
                eframe::App::ui(&mut self.app, ui, &mut self.frame);
            });
        let _ = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        start.elapsed().as_secs_f64() * 1000.0
    }
}

impl Drop for HeadlessApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self._dir);
    }
}

/// Longest frame from the one that starts an autosave to the one that
/// sees it finished.
fn longest_frame_during_autosave(p: thema::model::Project) -> (f64, usize) {
    let mut h = HeadlessApp::open(&p, "autosave");
    // One unsaved change, and an autosave that is due.
    let (doc, code) = {
        let ws = h.app.ws.as_ref().expect("open");
        (ws.project.documents[0].id, ws.project.codebook.codes[0].id)
    };
    let coding = thema::edit::ops::new_coding(doc, 0, 10, code, None, ReviewerId::from_u128(1));
    h.app.apply("Code", Command::AddCodings(vec![coding]));
    h.frame();
    h.app.settings.autosave_secs = 1;
    h.app.last_autosave = Instant::now() - std::time::Duration::from_secs(5);
    let mut longest: f64 = 0.0;
    let mut frames = 0;
    let idle: Vec<f64> = (0..10).map(|_| h.frame()).collect();
    if std::env::var_os("THEMA_BENCH_VERBOSE").is_some() {
        eprintln!("idle frames before autosave: {idle:.1?}");
    }
    h.app.last_autosave = Instant::now() - std::time::Duration::from_secs(5);
    loop {
        let ms = h.frame();
        if std::env::var_os("THEMA_BENCH_VERBOSE").is_some() {
            eprintln!("autosave frame {frames}: {ms:.1} ms");
        }
        longest = longest.max(ms);
        frames += 1;
        if !h.app.is_saving() || frames > 100_000 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    (longest, frames)
}

/// Longest frame from switching the tables to one reviewer's codings to
/// the frame that shows the new tables.
fn longest_frame_during_scope_change(p: thema::model::Project) -> (f64, usize) {
    let mut h = HeadlessApp::open(&p, "scope");
    let idle: Vec<f64> = (0..10).map(|_| h.frame()).collect();
    if std::env::var_os("THEMA_BENCH_VERBOSE").is_some() {
        eprintln!("idle frames before scope change: {idle:.1?}");
    }
    let r = ReviewerId::from_u128(1);
    h.app.push(thema::ui::Intent::SetScopeReviewers(
        thema::analysis::ReviewerView::One(r),
    ));
    let mut longest: f64 = 0.0;
    let mut frames = 0;
    loop {
        let ms = h.frame();
        if std::env::var_os("THEMA_BENCH_VERBOSE").is_some() {
            eprintln!("scope frame {frames}: {ms:.1} ms");
        }
        longest = longest.max(ms);
        frames += 1;
        let ws = h.app.ws.as_ref().expect("open");
        let shown = ws
            .tables()
            .is_some_and(|t| t.scope.reviewers == thema::analysis::ReviewerView::One(r));
        if (shown && !ws.tables_updating()) || frames > 100_000 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    (longest, frames)
}
