//! Search figures (`analysis::search`).

use super::data;
use std::time::Instant;

/// Search over 500 documents of 100,000 chars (50 M chars): the median of
/// 11 runs of each kind of query (`analysis::search::search`, as the
/// search window's worker runs it).
pub fn search_bench() {
    use thema::analysis::search::{Matcher, Query, search};
    let mut rng = data::Lcg(5);
    let mut p = thema::model::Project::new("search bench");
    for i in 0..500u128 {
        let mut text = data::generate_text(100_000, &mut rng);
        if i % 7 == 0 {
            text.push_str(" Leadership was distributed; the café met weekly.");
        }
        p.documents.push(thema::model::Document::new(
            thema::model::DocId::from_u128(i + 1),
            format!("Study {i}"),
            String::new(),
            thema::model::SourceKind::Text,
            text,
        ));
    }
    let chars: usize = p.documents.iter().map(|d| d.text.len()).sum();
    let ids: Vec<_> = p.documents.iter().map(|d| d.id).collect();
    let query = |pattern: &str| Query {
        pattern: pattern.to_owned(),
        ..Query::default()
    };
    let cases = [
        ("plain", query("distributed")),
        (
            "plain_case_sensitive",
            Query {
                case_sensitive: true,
                ..query("Leadership was")
            },
        ),
        (
            "whole_word",
            Query {
                whole_word: true,
                ..query("distributed")
            },
        ),
        (
            "regex",
            Query {
                regex: true,
                ..query(r"distribut(ed|ion)\b")
            },
        ),
        (
            "ignore_accents",
            Query {
                ignore_accents: true,
                ..query("cafe")
            },
        ),
        // A word on every line: the list stops at 100,000 hits.
        ("plain_100000_hits", query("leadership")),
    ];
    for (name, q) in cases {
        let m = Matcher::new(&q).expect("valid query");
        let mut hits = 0;
        let mut times: Vec<f64> = (0..11)
            .map(|_| {
                let start = Instant::now();
                hits = std::hint::black_box(search(&p, &ids, &m)).hits.len();
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "search_{name}_500docs_{}Mchars {:.1} ms ({hits} hits)",
            chars / 1_000_000,
            times[5]
        );
    }
}
