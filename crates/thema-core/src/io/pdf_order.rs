//! Reading order of a page. pdf-extract passes the characters on in the
//! order the page's content draws them, and that is not always the order
//! a reader takes: a publisher's layout may draw the running head last,
//! a float's caption before the column it sits in, the second column's
//! author block between the title and the abstract, a table column by
//! column. Like poppler's `pdftotext`, Thema now reads a page by its
//! layout: the shown strings are gathered into blocks (lines of one size
//! set close under each other, and what stands on those lines), and the
//! blocks are put in reading order by the two rules of Breuel's "High
//! Performance Document Layout Analysis" (2003): a block comes before
//! another that it overlaps in width and stands above, and before one
//! entirely to its right unless something between them spans both (a
//! heading across both columns). A grid of aligned blocks is read as a
//! table, row by row. Inside a block the characters keep the order they
//! were drawn in, so a line's superscripts, accents and spacing come out
//! as before.
//!
//! The blocks and their order are [`super::pdf_layout`]'s. A page is left
//! in drawing order when it is mostly right-to-left script (its own
//! reordering is [`super::pdf_bidi`]'s), when it numbers its lines in a
//! margin ([`numbered_lines`]), or when it is too large to order
//! ([`super::pdf_layout::MAX_PIECES`]).

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::pdf_layout::{Piece, reading_order};

/// Events held for one page; past this the page is passed on as drawn.
const MAX_EVENTS: usize = 400_000;

/// What the text sink is given to break the line where a block starts
/// (the paragraph separator, which [`super::pdf_plain::PlainText`] reads
/// as a line break and does not write).
pub const LINE_BREAK: &str = "\u{2029}";

/// A drawing call held back: the character's text is a range of the
/// page's text buffer (one allocation for the page, not one a character).
enum Held {
    Char {
        trm: Transform,
        width: f64,
        spacing: f64,
        size: f64,
        text: std::ops::Range<usize>,
    },
    BeginWord,
    EndWord,
    EndLine,
}

/// Events that move together (from one word start to the next; events
/// with nothing visible join the run before), where they stand, and the
/// number they show when that is all they show (one to four digits).
struct Run {
    events: std::ops::Range<usize>,
    piece: Piece,
    number: Option<u32>,
}

/// Text smaller than a point is a size pdf-extract got wrong (it ignores
/// a Type 3 font's matrix: dvips's bitmap fonts in a figure came out at
/// 0.12 points, and every letter of a table was a block of its own). Such
/// runs take the middle size of the page's other runs; a page with none
/// is not laid out (false).
fn plausible_sizes(runs: &mut [Run]) -> bool {
    const SMALLEST: f64 = 1.0;
    let mut sizes: Vec<f64> = runs
        .iter()
        .map(|r| r.piece.size)
        .filter(|&s| s >= SMALLEST)
        .collect();
    if sizes.is_empty() {
        return false;
    }
    let mid = sizes.len() / 2;
    let (_, &mut middle, _) = sizes.select_nth_unstable_by(mid, f64::total_cmp);
    for r in runs.iter_mut().filter(|r| r.piece.size < SMALLEST) {
        r.piece.size = middle;
    }
    true
}

/// Mostly right-to-left letters (Hebrew, Arabic and their presentation
/// forms).
fn right_to_left(text: &str) -> bool {
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if matches!(c, '\u{590}'..='\u{8FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}') {
            rtl += 1;
        } else {
            ltr += 1;
        }
    }
    rtl > ltr
}

/// Where a drawn character stands, if it is visible and placed.
fn placed(trm: &Transform, width: f64, spacing: f64, font_size: f64, c: &str) -> Option<Piece> {
    if c.trim().is_empty() {
        return None;
    }
    // The size is the height of the text (as poppler takes it): a line
    // squeezed or stretched to fit (an OCR layer) keeps its size.
    let size = font_size * trm.m21.hypot(trm.m22);
    let (x, base) = (trm.m31, -trm.m32);
    // The pen's advance: the glyph's width and the character spacing, in
    // text space, scaled as the text is (horizontal scaling included).
    let x1 = x + ((width * font_size + spacing) * trm.m11.hypot(trm.m12)).max(0.0);
    (size.is_finite() && size > 0.0 && x.is_finite() && base.is_finite() && x1.is_finite())
        .then_some(Piece {
            x0: x,
            x1,
            base,
            size,
        })
}

/// The page's runs ([`Run`]).
fn runs(held: &[Held], text: &str) -> Vec<Run> {
    // (events, where, visible text so far when it is all digits: its
    // value and length; None once anything else shows)
    type Open = (std::ops::Range<usize>, Option<Piece>, Option<(u32, usize)>);
    let mut out: Vec<Open> = Vec::new();
    for (i, e) in held.iter().enumerate() {
        if out.is_empty() || matches!(e, Held::BeginWord) {
            out.push((i..i, None, Some((0, 0))));
        }
        let last = out.len() - 1;
        let (range, piece, digits) = &mut out[last];
        range.end = i + 1;
        let Held::Char {
            trm,
            width,
            spacing,
            size,
            text: t,
        } = e
        else {
            continue;
        };
        let c = &text[t.clone()];
        for ch in c.chars().filter(|ch| !ch.is_whitespace()) {
            *digits = digits.and_then(|(v, n)| {
                let d = ch.to_digit(10).filter(|_| ch.is_ascii_digit() && n < 4)?;
                Some((v * 10 + d, n + 1))
            });
        }
        if let Some(p) = placed(trm, *width, *spacing, *size, c) {
            *piece = Some(match piece.take() {
                None => p,
                Some(q) => Piece {
                    x0: q.x0.min(p.x0),
                    x1: q.x1.max(p.x1),
                    size: q.size.max(p.size),
                    ..q
                },
            });
        }
    }
    // Runs with nothing visible join a neighbour: the one before, or the
    // first placed one when they open the page.
    let mut merged: Vec<Open> = Vec::new();
    for (range, piece, digits) in out {
        match (merged.last_mut(), piece) {
            (Some((r, _, _)), None) => r.end = range.end,
            (Some((r, prev @ None, d)), Some(p)) => {
                r.end = range.end;
                *prev = Some(p);
                *d = digits;
            }
            (_, p) => merged.push((range, p, digits)),
        }
    }
    merged
        .into_iter()
        .filter_map(|(events, piece, digits)| {
            Some(Run {
                events,
                piece: piece?,
                number: digits.filter(|&(_, n)| n > 0).map(|(v, _)| v),
            })
        })
        .collect()
}

/// Whether the page numbers its lines in a margin (a manuscript, a court
/// transcript): five or more numbers in one narrow column, one more on
/// each line down the page (mostly), one line pitch apart, and a number
/// on most lines of text beside them (a numbered list or a reference
/// list numbers items, not lines). Such a page keeps its drawing order,
/// in which each number stands at its line's start, where
/// [`super::pdf_line_numbers`] finds and moves them; read by layout, the
/// column would come out as one block of numbers.
fn numbered_lines(runs: &[Run]) -> bool {
    let mut numbers: Vec<(f64, f64, u32, f64)> = runs
        .iter()
        .filter_map(|r| {
            Some((
                (r.piece.x0 + r.piece.x1) / 2.0,
                r.piece.base,
                r.number?,
                r.piece.size,
            ))
        })
        .collect();
    if numbers.len() < 5 {
        return false;
    }
    // The column: the most numbers whose centres lie within 20 points.
    numbers.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut best, mut from) = ((0, 0), 0);
    for to in 0..numbers.len() {
        while numbers[to].0 - numbers[from].0 > 20.0 {
            from += 1;
        }
        if to + 1 - from > best.1 - best.0 {
            best = (from, to + 1);
        }
    }
    let mut column = numbers[best.0..best.1].to_vec();
    if column.len() < 5 {
        return false;
    }
    column.sort_by(|a, b| a.1.total_cmp(&b.1));
    let steps = column.windows(2).filter(|w| w[1].2 == w[0].2 + 1).count();
    let mut pitches: Vec<f64> = column.windows(2).map(|w| w[1].1 - w[0].1).collect();
    pitches.sort_by(f64::total_cmp);
    let pitch = pitches[pitches.len() / 2];
    let even = pitches
        .iter()
        .filter(|&&d| (d - pitch).abs() <= pitch * 0.1)
        .count();
    if steps * 5 < pitches.len() * 4 || pitch <= 0.0 || even * 5 < pitches.len() * 4 {
        return false;
    }
    // Lines of text over the column's height: most have their number.
    let (top, bottom) = (column[0].1, column[column.len() - 1].1);
    let mut lines: Vec<(f64, f64)> = runs
        .iter()
        .filter(|r| r.number.is_none() && r.piece.base >= top - 1.0 && r.piece.base <= bottom + 1.0)
        .map(|r| (r.piece.base, r.piece.size))
        .collect();
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    lines.dedup_by(|b, a| b.0 - a.0 <= a.1 * 0.3);
    let numbered = lines
        .iter()
        .filter(|(base, size)| {
            column
                .iter()
                .any(|n| (n.1 - base).abs() <= size.max(n.3) * 0.3)
        })
        .count();
    !lines.is_empty() && numbered * 5 >= lines.len() * 3
}

/// Wraps the text sink, passing each page's characters on in reading
/// order.
pub struct Order<D> {
    inner: D,
    held: Vec<Held>,
    /// The text of the held characters.
    text: String,
    /// The page outgrew [`MAX_EVENTS`]: the rest goes straight through.
    through: bool,
}

impl<D: OutputDev> Order<D> {
    pub fn new(inner: D) -> Self {
        Self {
            inner,
            held: Vec::new(),
            text: String::new(),
            through: false,
        }
    }

    fn send(inner: &mut D, text: &str, e: &Held) -> Result<(), OutputError> {
        match e {
            Held::Char {
                trm,
                width,
                spacing,
                size,
                text: t,
            } => inner.output_character(trm, *width, *spacing, *size, &text[t.clone()]),
            Held::BeginWord => inner.begin_word(),
            Held::EndWord => inner.end_word(),
            Held::EndLine => inner.end_line(),
        }
    }

    fn hold(&mut self, e: Held) -> Result<(), OutputError> {
        if self.through {
            return Self::send(&mut self.inner, &self.text, &e);
        }
        self.held.push(e);
        if self.held.len() > MAX_EVENTS {
            self.through = true;
            self.pass_on_as_drawn()?;
        }
        Ok(())
    }

    fn pass_on_as_drawn(&mut self) -> Result<(), OutputError> {
        for e in &self.held {
            Self::send(&mut self.inner, &self.text, e)?;
        }
        self.held.clear();
        self.text.clear();
        Ok(())
    }

    fn flush(&mut self) -> Result<(), OutputError> {
        let mut runs = runs(&self.held, &self.text);
        if !plausible_sizes(&mut runs) {
            return self.pass_on_as_drawn();
        }
        let order = (runs.len() > 1 && !right_to_left(&self.text) && !numbered_lines(&runs))
            .then(|| reading_order(&runs.iter().map(|r| r.piece).collect::<Vec<_>>()))
            .flatten();
        let Some(order) = order else {
            return self.pass_on_as_drawn();
        };
        let mut sent = vec![false; self.held.len()];
        let mut last: Option<Piece> = None;
        for block in order {
            // A block that starts on another line than the last one ended
            // starts a line: the text sink breaks lines only where the pen
            // drops, and the top of the next column is higher up.
            if let (Some(before), Some(&first)) = (last, block.first()) {
                let now = runs[first].piece;
                let first_char =
                    self.held[runs[first].events.clone()]
                        .iter()
                        .find_map(|e| match e {
                            Held::Char { trm, size, .. } => Some((*trm, *size)),
                            _ => None,
                        });
                if (now.base - before.base).abs() > 0.5 * now.size.min(before.size)
                    && let Some((trm, font_size)) = first_char
                {
                    self.inner
                        .output_character(&trm, 0.0, 0.0, font_size, LINE_BREAK)?;
                }
            }
            for &r in &block {
                for i in runs[r].events.clone() {
                    if !std::mem::replace(&mut sent[i], true) {
                        Self::send(&mut self.inner, &self.text, &self.held[i])?;
                    }
                }
                last = Some(runs[r].piece);
            }
        }
        // Every event is in a run; should one not be, it still goes out.
        for (i, e) in self.held.iter().enumerate() {
            if !sent[i] {
                Self::send(&mut self.inner, &self.text, e)?;
            }
        }
        self.held.clear();
        self.text.clear();
        Ok(())
    }
}

impl<D: OutputDev> OutputDev for Order<D> {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.held.clear();
        self.text.clear();
        self.through = false;
        self.inner.begin_page(page_num, media_box, art_box)
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        if !self.through {
            self.flush()?;
        }
        self.inner.end_page()
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        if self.through {
            return self
                .inner
                .output_character(trm, width, spacing, font_size, char);
        }
        let start = self.text.len();
        self.text.push_str(char);
        self.hold(Held::Char {
            trm: *trm,
            width,
            spacing,
            size: font_size,
            text: start..self.text.len(),
        })
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.hold(Held::BeginWord)
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        self.hold(Held::EndWord)
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        self.hold(Held::EndLine)
    }
}

#[cfg(test)]
mod tests {
    use super::super::pdf_test_sink::Tape;
    use super::*;

    /// Draws `word` at (x, y) in 10-point text, a word start first.
    fn draw(o: &mut Order<Tape>, x: f64, y: f64, word: &str) {
        o.begin_word().unwrap();
        for (k, c) in word.chars().enumerate() {
            let trm = Transform::row_major(1.0, 0.0, 0.0, 1.0, x + 5.0 * k as f64, y);
            o.output_character(&trm, 0.5, 0.0, 10.0, &c.to_string())
                .unwrap();
        }
        o.end_word().unwrap();
    }

    fn page() -> MediaBox {
        MediaBox {
            llx: 0.0,
            lly: 0.0,
            urx: 612.0,
            ury: 792.0,
        }
    }

    #[test]
    fn a_page_is_passed_on_column_by_column_with_nothing_lost() {
        let mut o = Order::new(Tape::default());
        o.begin_page(1, &page(), None).unwrap();
        // The right column drawn first, then the left.
        for (x, words) in [(330.0, ["right", "column"]), (72.0, ["left", "column"])] {
            for (k, w) in words.iter().enumerate() {
                draw(&mut o, x, 700.0 - 12.0 * k as f64, w);
            }
        }
        o.end_page().unwrap();
        assert_eq!(o.inner.0, "|left|column|right|column");
    }

    #[test]
    fn a_page_too_large_to_hold_is_passed_on_as_drawn_and_whole() {
        let mut o = Order::new(Tape::default());
        o.begin_page(1, &page(), None).unwrap();
        // More events than are held (a word start, its digits and its
        // end each), every word its own number, drawn bottom to top.
        let (mut drawn, mut events, mut k) = (String::new(), 0, 0u32);
        while events <= MAX_EVENTS {
            let word = k.to_string();
            draw(&mut o, 72.0, f64::from(k % 700), &word);
            drawn.push('|');
            drawn.push_str(&word);
            events += word.len() + 2;
            k += 1;
        }
        o.end_page().unwrap();
        assert_eq!(o.inner.0, drawn);
    }
}
