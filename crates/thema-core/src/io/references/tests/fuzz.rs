//! Tests of the reference readers on generated input (property tests);
//! compiled only under #[cfg(test)] (see `mod tests` in references/mod.rs).

//! Mangled exports must never panic: whatever `parse` accepts, the writers
//! can write and `parse` can read again.

use proptest::prelude::*;

use crate::io::references::{parse, to_csl_json, to_ris};

const SAMPLES: [(&str, &str); 4] = [
    (super::ris::SAMPLE, "x.ris"),
    (super::bibtex::SAMPLE, "x.bib"),
    (super::csl::SAMPLE, "x.json"),
    (super::endnote::SAMPLE, "x.xml"),
];

/// Characters that mean something to one of the formats.
const SYNTAX: &[u8] = b"{}()[]\"@,=#\\\n\r<>/&;:-$~' TYERAU\xe9\xff\x00";

fn check(bytes: &[u8], name: &str) {
    if let Ok(p) = parse(bytes, name) {
        for r in &p.records {
            assert!(!r.title.is_empty());
        }
        let _ = parse(to_ris(&p.records).as_bytes(), "again.ris");
        let _ = parse(to_csl_json(&p.records).as_bytes(), "again.json");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn mangled_samples_do_not_panic(
        which in 0usize..4,
        cut in 0usize..6000,
        edits in proptest::collection::vec((0usize..6000, 0usize..SYNTAX.len()), 0..24),
    ) {
        let (text, name) = SAMPLES[which];
        let mut bytes = text.as_bytes().to_vec();
        for (at, c) in edits {
            let at = at % (bytes.len() + 1);
            bytes.insert(at, SYNTAX[c]);
        }
        bytes.truncate(bytes.len().min(cut.max(1) * 2));
        check(&bytes, name);
    }

    #[test]
    fn arbitrary_bytes_do_not_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512), which in 0usize..4) {
        let (_, name) = SAMPLES[which];
        check(&bytes, name);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// What the RIS reader makes of any mangled RIS, the RIS writer writes
    /// so that it reads back the same (the type label is written in
    /// capitals, and record numbers follow the records kept).
    #[test]
    fn mangled_ris_round_trips(
        edits in proptest::collection::vec((0usize..3000, 0usize..SYNTAX.len()), 0..24),
    ) {
        let mut bytes = super::ris::SAMPLE.as_bytes().to_vec();
        for (at, c) in edits {
            let at = at % (bytes.len() + 1);
            bytes.insert(at, SYNTAX[c]);
        }
        if let Ok(p) = parse(&bytes, "x.ris") {
            let normal = |mut v: Vec<crate::io::references::Reference>| {
                for r in &mut v {
                    r.record = 0;
                    r.kind_label.clear();
                }
                v
            };
            let again = parse(to_ris(&p.records).as_bytes(), "again.ris").map(|q| q.records).unwrap_or_default();
            prop_assert_eq!(normal(again), normal(p.records));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The same for CSL-JSON, read from CSL-JSON or BibTeX, apart from the
    /// date's spelling (written as date-parts) and the `ref-N` ids given to
    /// records without a key.
    #[test]
    fn mangled_csl_and_bibtex_round_trip_through_csl_json(
        which in 0usize..2,
        edits in proptest::collection::vec((0usize..3000, 0usize..SYNTAX.len()), 0..24),
    ) {
        let (text, name) = [(super::csl::SAMPLE, "x.json"), (super::bibtex::SAMPLE, "x.bib")][which];
        let mut bytes = text.as_bytes().to_vec();
        for (at, c) in edits {
            let at = at % (bytes.len() + 1);
            bytes.insert(at, SYNTAX[c]);
        }
        if let Ok(p) = parse(&bytes, name) {
            let normal = |mut v: Vec<crate::io::references::Reference>| {
                for r in &mut v {
                    r.record = 0;
                    r.kind_label.clear();
                    r.date.clear();
                    if r.key.starts_with("ref-") {
                        r.key.clear();
                    }
                }
                v
            };
            let again = parse(to_csl_json(&p.records).as_bytes(), "again.json")
                .map(|q| q.records)
                .unwrap_or_default();
            prop_assert_eq!(normal(again), normal(p.records));
        }
    }
}
