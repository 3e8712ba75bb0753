//! PDF text quality against poppler's `pdftotext`, for every PDF in the
//! given folders. Per file, of the text a reviewer sees in Thema (pages
//! extracted, then reflowed and joined as the importer does):
//!
//! - `yield`: visible characters (not spaces, control codes or invisible
//!   format marks) as a share of pdftotext's (those of
//!   running headers, line numbers, comments and form fields moved into
//!   the memo included);
//! - `5gram`: share of Thema's word 5-grams found in pdftotext's text (the
//!   words come in the same order);
//! - `alien`: letters in Thema's text that never occur in pdftotext's (a
//!   sign of wrongly mapped glyphs);
//! - `breaks`: line or paragraph breaks inside a sentence (between a
//!   lower-case letter or comma and a lower-case letter) per 1,000 words
//!   (Thema's text, and in brackets the raw extractor's before reflow);
//! - `spaced`: letter-spaced runs ("S T U D Y") left: four or more
//!   one-letter words of one case, not all one letter (a formula's "Z X d
//!   i" and a table's "β β β β" are not counted);
//! - `hyph`: words broken by "- " left (Thema, then pdftotext);
//! - time of both;
//! - and the pages Thema flags as possibly garbled.
//!
//! Then the medians and the share of files with yield ≥ 0.9. Files where
//! pdftotext finds no text are counted apart (scans).
//!
//! Run: `cargo run --release -p thema-core --example pdf_yield -- FOLDER...`
//! (builds the core alone, not the GUI)

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

/// Characters a reader sees: not spaces, and not control or invisible
/// format characters (poppler writes raw control codes for glyphs it
/// cannot name, bidi embedding marks around right-to-left lines, soft
/// hyphens).
fn non_space(s: &str) -> usize {
    s.chars()
        .filter(|&c| !c.is_whitespace() && !c.is_control() && !invisible(c))
        .count()
}

/// Unicode format characters a reader never sees.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{61C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn five_gram_agreement(ours: &str, theirs: &str) -> f64 {
    let (a, b) = (words(ours), words(theirs));
    let theirs: HashSet<&[String]> = b.windows(5).collect();
    let ours: Vec<&[String]> = a.windows(5).collect();
    if ours.is_empty() {
        return 0.0;
    }
    ours.iter().filter(|g| theirs.contains(*g)).count() as f64 / ours.len() as f64
}

/// With `PDF_YIELD_MISSES` set: stretches of Thema's words whose 5-grams
/// pdftotext's text lacks, to see why agreement is low.
fn print_misses(ours: &str, theirs: &str) {
    let (a, b) = (words(ours), words(theirs));
    let theirs: HashSet<&[String]> = b.windows(5).collect();
    let mut shown = 0;
    let mut i = 0;
    while i + 5 <= a.len() && shown < 25 {
        if theirs.contains(&a[i..i + 5]) {
            i += 1;
            continue;
        }
        let start = i;
        while i + 5 <= a.len() && !theirs.contains(&a[i..i + 5]) {
            i += 1;
        }
        let end = (i + 4).min(a.len());
        println!("    miss: {}", a[start..end].join(" "));
        shown += 1;
    }
}

/// Ligatures spelled out: pdftotext keeps "ﬁ" (one character, so "ﬁt" is
/// not the word "fit") where Thema writes "fi".
fn spelled(s: &str) -> String {
    s.replace('ﬁ', "fi")
        .replace('ﬂ', "fl")
        .replace('ﬀ', "ff")
        .replace('ﬃ', "ffi")
        .replace('ﬄ', "ffl")
}

/// The same agreement, blind to how the two extractors split words: a
/// 5-gram of Thema's counts as found when its letters, run together, occur
/// in pdftotext's letters run together (poppler splits small capitals,
/// "TABLE F ORMER", and keeps line-end hyphens and ligatures "ﬁ" that Thema
/// joins and spells out), and against either of poppler's reading orders.
/// Word order still has to agree with one of them.
fn five_gram_agreement_unsplit(ours: &str, theirs: &[&str]) -> f64 {
    let a = words(&spelled(ours));
    let runs: Vec<String> = theirs.iter().map(|t| words(&spelled(t)).concat()).collect();
    let ours: Vec<String> = a.windows(5).map(<[String]>::concat).collect();
    if ours.is_empty() {
        return 0.0;
    }
    ours.iter()
        .filter(|g| runs.iter().any(|run| run.contains(g.as_str())))
        .count() as f64
        / ours.len() as f64
}

/// Line breaks between a lower-case letter or comma and a lower-case
/// letter: inside a sentence.
fn mid_sentence_breaks(s: &str) -> usize {
    // Whitespace with at least one line break in it, between a lower-case
    // letter or comma and a lower-case letter: a paragraph break ("\n\n")
    // inside a sentence counts as much as a line break.
    let c: Vec<char> = s.chars().collect();
    let mut n = 0;
    let mut i = 1;
    while i < c.len() {
        if c[i].is_whitespace() && (c[i - 1].is_lowercase() || c[i - 1] == ',') {
            let mut j = i;
            while j < c.len() && c[j].is_whitespace() {
                j += 1;
            }
            if c[i..j].contains(&'\n') && c.get(j).is_some_and(|c| c.is_lowercase()) {
                n += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    n
}

fn letter_spaced_runs(s: &str) -> usize {
    // Four or more one-letter words of one case in a row, not all the same
    // letter: "S T U D Y", "m e t h o d s". A formula's variables ("Z X d
    // i") mix cases; a table's column heads repeat one ("β β β β").
    let spaced = |run: &[char]| {
        run.len() >= 4
            && (run.iter().all(|c| c.is_uppercase()) || run.iter().all(|c| c.is_lowercase()))
            && run.iter().any(|c| *c != run[0])
    };
    s.lines()
        .map(|l| {
            let mut runs = 0;
            let mut run: Vec<char> = Vec::new();
            for w in l.split(' ').chain(std::iter::once("")) {
                let mut ch = w.chars();
                match (ch.next(), ch.next()) {
                    (Some(x), None) if x.is_alphabetic() => run.push(x),
                    _ => {
                        runs += usize::from(spaced(&run));
                        run.clear();
                    }
                }
            }
            runs
        })
        .sum()
}

fn hyphen_space(s: &str) -> usize {
    let c: Vec<char> = s.chars().collect();
    (1..c.len().saturating_sub(2))
        .filter(|&i| {
            c[i] == '-' && c[i - 1].is_lowercase() && c[i + 1] == ' ' && c[i + 2].is_lowercase()
        })
        .count()
}

/// Letters of Thema's text that poppler's never has. An accented letter
/// Thema composed from TeX's separate accent ("ˆı" → "î", which poppler
/// leaves as "ı̂") counts as known when its base letter is.
fn alien_letters(ours: &str, theirs: &str) -> usize {
    let known: HashSet<char> = theirs.chars().collect();
    let base = |c: char| {
        thema_core::io::pdf_accents::ACCENTED
            .iter()
            .find(|(_, _, composed)| *composed == c)
            .map(|(_, b, _)| *b)
    };
    ours.chars()
        .filter(|c| c.is_alphabetic() && !known.contains(c))
        .filter(|c| {
            !base(*c).is_some_and(|b| known.contains(&b) || (b == 'i' && known.contains(&'ı')))
        })
        .count()
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let mut files: Vec<PathBuf> = std::env::args()
        .skip(1)
        .flat_map(|d| {
            std::fs::read_dir(d)
                .into_iter()
                .flatten()
                .filter_map(std::result::Result::ok)
                .map(|e| e.path())
        })
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
        .collect();
    files.sort();
    thema_core::io::pdf::install_quiet_panic_hook();
    println!(
        "{:>6} {:>11} {:>6} {:>13} {:>6} {:>9} {:>13}  file",
        "yield", "5gram(uns.)", "alien", "breaks(raw)", "spaced", "hyph", "ms ours/pop"
    );
    let (mut compared, mut good, mut no_text, mut good_raw) = (0, 0, 0, 0);
    let mut good_counting_codes = 0;
    let (mut t_ours, mut t_theirs) = (0u128, 0u128);
    let (mut grams, mut breaks, mut aliens_over_5) = (Vec::new(), Vec::new(), 0);
    // Files with letter-spaced runs left, and with more "- " hyphens than
    // pdftotext's text.
    let (mut spaced_files, mut hyphen_files) = (0, 0);
    let mut grams_unsplit = Vec::new();
    let mut grams_spelled = Vec::new();
    for f in &files {
        let started = Instant::now();
        let theirs = std::process::Command::new("pdftotext")
            .arg(f)
            .arg("-")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        let ms_theirs = started.elapsed().as_millis();
        let bytes = std::fs::read(f).unwrap_or_default();
        let started = Instant::now();
        let pages = std::thread::Builder::new()
            .name("thema-import-yield".into())
            .spawn(move || thema_core::io::pdf::extract(&bytes).map(|t| (t.pages, t.annotations)))
            .ok()
            .and_then(|h| h.join().ok())
            .and_then(Result::ok)
            .unwrap_or_default();
        let (pages, annotations) = pages;
        let raw = pages.join("\n");
        let garbled: Vec<usize> = pages
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                thema_core::io::pdf_text::looks_garbled(
                    &thema_core::io::pdf_reflow::compose_spacing_accents(p),
                )
            })
            .map(|(i, _)| i + 1)
            .collect();
        let joined = thema_core::io::import::join_pages_moving_running_lines(&pages);
        let line_numbers = joined.line_numbers;
        let moved = joined.moved;
        let page_numbers = joined.page_numbers;
        let ours = joined.text;
        let ms_ours = started.elapsed().as_millis();
        // Text moved into the document's memo (running headers, margin line
        // numbers) is kept, so it counts towards the yield.
        let kept_apart: usize = moved.iter().map(|(_, l)| non_space(l)).sum::<usize>()
            + annotations.iter().map(|(_, a)| non_space(a)).sum::<usize>()
            + line_numbers
                .iter()
                .flat_map(|&(_, a, b)| a..=b)
                .map(|n| n.to_string().len())
                .sum::<usize>()
            + page_numbers
                .iter()
                .map(|(_, n)| n.to_string().len())
                .sum::<usize>();
        let (t, o) = (non_space(&theirs), non_space(&ours) + kept_apart);
        if t == 0 {
            no_text += 1;
            println!(
                "{:>6} {:>11} {:>6} {:>13} {:>6} {:>9} {:>13}  {} (no text for pdftotext)",
                "-",
                "-",
                "-",
                "-",
                "-",
                "-",
                "-",
                f.display()
            );
            continue;
        }
        t_ours += ms_ours;
        t_theirs += ms_theirs;
        compared += 1;
        let share = o as f64 / t as f64;
        if share >= 0.9 {
            good += 1;
        }
        // The same share counting control codes and format marks as
        // characters, as this report did before session 6.
        let all = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        if (all(&ours) + kept_apart) as f64 / all(&theirs).max(1) as f64 >= 0.9 {
            good_counting_codes += 1;
        }
        if non_space(&raw) as f64 / t as f64 >= 0.9 {
            good_raw += 1;
        }
        let n_words = (words(&ours).len().max(1)) as f64 / 1000.0;
        let raw_words = (words(&raw).len().max(1)) as f64 / 1000.0;
        let b = mid_sentence_breaks(&ours) as f64 / n_words;
        let b_raw = mid_sentence_breaks(&raw) as f64 / raw_words;
        let g = five_gram_agreement(&ours, &theirs);
        // The same, pdftotext's order and words, its ligatures spelled out.
        grams_spelled.push(five_gram_agreement(&spelled(&ours), &spelled(&theirs)));
        // poppler's other reading order (content-stream order, `-raw`):
        // it keeps a caption out of the sentence its default order cuts.
        let raw_order = std::process::Command::new("pdftotext")
            .arg("-raw")
            .arg(f)
            .arg("-")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        let gu = five_gram_agreement_unsplit(&ours, &[&theirs, &raw_order]);
        grams_unsplit.push(gu);
        if let Some(dir) = std::env::var_os("PDF_YIELD_DUMP") {
            // Both texts side by side, to read where they part.
            let stem = f
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let dir = PathBuf::from(dir);
            let _ = std::fs::write(dir.join(format!("{stem}.thema.txt")), &ours);
            let _ = std::fs::write(dir.join(format!("{stem}.poppler.txt")), &theirs);
            // What was moved out of the text into the memo.
            let moved_lines: Vec<String> =
                moved.iter().map(|(p, l)| format!("p. {p}: {l}")).collect();
            let _ = std::fs::write(
                dir.join(format!("{stem}.moved.txt")),
                moved_lines.join("\n"),
            );
            // The extractor's pages before reflow, to see what it joined.
            let _ = std::fs::write(dir.join(format!("{stem}.raw.txt")), pages.join("\n\u{c}"));
            let notes: Vec<String> = annotations
                .iter()
                .map(|(p, a)| format!("p. {p} — {a}"))
                .collect();
            let _ = std::fs::write(dir.join(format!("{stem}.annots.txt")), notes.join("\n"));
        }
        if std::env::var_os("PDF_YIELD_MISSES").is_some() {
            print_misses(&ours, &theirs);
        }
        let alien = alien_letters(&ours, &theirs);
        if alien > 5 {
            aliens_over_5 += 1;
        }
        grams.push(g);
        breaks.push(b);
        let spaced = letter_spaced_runs(&ours);
        let (hyph_ours, hyph_theirs) = (hyphen_space(&ours), hyphen_space(&theirs));
        spaced_files += usize::from(spaced > 0);
        hyphen_files += usize::from(hyph_ours > hyph_theirs);
        println!(
            "{share:>6.2} {:>11} {alien:>6} {:>13} {:>6} {:>9} {:>13}  {}",
            format!("{g:.2} ({gu:.2})"),
            format!("{b:.1} ({b_raw:.0})"),
            spaced,
            format!("{hyph_ours}/{hyph_theirs}"),
            format!("{ms_ours}/{ms_theirs}"),
            f.display()
        );
        if !moved.is_empty() {
            println!("       running lines moved to the memo: {}", moved.len());
        }
        if !page_numbers.is_empty() {
            println!(
                "       printed page numbers moved to the memo: {}",
                thema_core::io::pdf_page_numbers::said(&page_numbers)
            );
        }
        if !line_numbers.is_empty() {
            println!(
                "       margin line numbers moved out: {}",
                line_numbers
                    .iter()
                    .map(|(p, a, b)| format!("{a}-{b} (p. {p})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        if !garbled.is_empty() {
            println!(
                "       flagged as possibly garbled: page(s) {garbled:?} of {}",
                pages.len()
            );
        }
    }
    println!(
        "\n{good} of {compared} files with yield >= 0.9 ({:.1}%; {good_raw} before reflow and normalisation; {good_counting_codes} counting control codes and format marks as text); {no_text} without text for pdftotext",
        100.0 * good as f64 / compared.max(1) as f64
    );
    println!(
        "median 5-gram agreement {:.3} ({:.3} with ligatures spelled out; {:.3} blind to word splits, either poppler order); median mid-sentence breaks per 1,000 words {:.1}; files with > 5 alien letters {aliens_over_5}; files with letter-spaced runs {spaced_files}; files with more \"- \" hyphens than pdftotext {hyphen_files}; time {t_ours} ms (pdftotext {t_theirs} ms)",
        median(grams),
        median(grams_spelled),
        median(grams_unsplit),
        median(breaks)
    );
}
