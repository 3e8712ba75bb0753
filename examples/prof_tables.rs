//! Profiling helper: loads a large review (written by
//! `thema-bench --write-big FILE`) and times the parts of a table recompute.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a measuring tool: a failed setup stops it with the reason"
)]
use std::time::Instant;
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/big.thema.ron".into());
    let p = thema::io::project_file::load(std::path::Path::new(&path))
        .expect("project")
        .project;
    let scope = thema::analysis::Scope::default();
    let n = 50;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(thema::analysis::Prepared::new(&p, &scope));
    }
    println!(
        "prepare {:.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
    let prep = thema::analysis::Prepared::new(&p, &scope);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(thema::analysis::prevalence_of(&prep));
    }
    println!(
        "prevalence_of {:.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(thema::analysis::prepare::docs_per_code(&prep));
    }
    println!(
        "docs_per_code {:.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(
            p.codings
                .iter()
                .filter(|c| scope.includes_coding(c) == Some(true))
                .count(),
        );
    }
    println!(
        "filter {:.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
    lookups(&p);
    let g = p.attribute_by_name("Group").map(|a| a.id);
    macro_rules! time {
        ($name:expr, $e:expr) => {{
            let t = Instant::now();
            for _ in 0..n {
                std::hint::black_box($e);
            }
            println!(
                "{} {:.3} ms",
                $name,
                t.elapsed().as_secs_f64() * 1000.0 / n as f64
            );
        }};
    }
    use thema::analysis::*;
    time!("references", references::references(&prep, g));
    time!("characteristics", characteristics::characteristics(&prep));
    time!("crosstab", crosstab::crosstab(&prep, g.unwrap()));
    time!("citations", citations::citations(&prep));
}

#[allow(dead_code)]
fn lookups(p: &thema::model::Project) {
    use thema::model::{DocId, IdMap};
    let doc_slot: IdMap<DocId, u32> = p
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id, i as u32))
        .collect();
    let std_slot: std::collections::HashMap<DocId, u32> = p
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id, i as u32))
        .collect();
    let t = Instant::now();
    let mut s = 0u64;
    for _ in 0..50 {
        for c in &p.codings {
            s += *doc_slot.get(&c.doc).unwrap() as u64;
        }
    }
    println!(
        "idmap lookups {:.3} ms ({s})",
        t.elapsed().as_secs_f64() * 1000.0 / 50.0
    );
    let t = Instant::now();
    for _ in 0..50 {
        for c in &p.codings {
            s += *std_slot.get(&c.doc).unwrap() as u64;
        }
    }
    println!(
        "std lookups {:.3} ms ({s})",
        t.elapsed().as_secs_f64() * 1000.0 / 50.0
    );
}
