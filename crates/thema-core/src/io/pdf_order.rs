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
use super::pdf_overprint::Event;

/// Events held for one page; past this the page is passed on as drawn.
const MAX_EVENTS: usize = 400_000;

/// What the text sink is given to break the line where a block starts
/// (the paragraph separator, which [`super::pdf_plain::PlainText`] reads
/// as a line break and does not write).
pub const LINE_BREAK: &str = "\u{2029}";

/// Mostly right-to-left letters (Hebrew, Arabic and their presentation
/// forms).
fn right_to_left(events: &[Event]) -> bool {
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for e in events {
        if let Event::Char(_, _, _, _, s) = e {
            for c in s.chars().filter(|c| c.is_alphabetic()) {
                if matches!(c, '\u{590}'..='\u{8FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
                {
                    rtl += 1;
                } else {
                    ltr += 1;
                }
            }
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

/// The page's events as runs that move together (from one word start to
/// the next; a run with nothing visible joins the one before), each with
/// where it stands and its visible text.
fn runs(events: &[Event]) -> Vec<(std::ops::Range<usize>, Piece, String)> {
    let mut out: Vec<(std::ops::Range<usize>, Option<Piece>)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let (range, piece) = match out.last_mut() {
            Some(run) if !matches!(e, Event::BeginWord) => run,
            _ => {
                out.push((i..i, None));
                let last = out.len() - 1;
                &mut out[last]
            }
        };
        range.end = i + 1;
        if let Event::Char(trm, width, spacing, font_size, c) = e
            && let Some(p) = placed(trm, *width, *spacing, *font_size, c)
        {
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
    let mut merged: Vec<(std::ops::Range<usize>, Option<Piece>)> = Vec::new();
    for (range, piece) in out {
        match (merged.last_mut(), piece) {
            (Some((r, _)), None) => r.end = range.end,
            (Some((r, prev @ None)), Some(p)) => {
                r.end = range.end;
                *prev = Some(p);
            }
            (_, p) => merged.push((range, p)),
        }
    }
    merged
        .into_iter()
        .filter_map(|(r, p)| {
            let text: String = events[r.clone()]
                .iter()
                .filter_map(|e| match e {
                    Event::Char(_, _, _, _, c) => Some(c.as_str()),
                    _ => None,
                })
                .collect::<String>()
                .split_whitespace()
                .collect();
            p.map(|p| (r, p, text))
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
fn numbered_lines(runs: &[(std::ops::Range<usize>, Piece, String)]) -> bool {
    let digits = |t: &str| (1..=4).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
    let mut numbers: Vec<(f64, f64, u32, f64)> = runs
        .iter()
        .filter(|(_, _, t)| digits(t))
        .filter_map(|(_, p, t)| Some(((p.x0 + p.x1) / 2.0, p.base, t.parse().ok()?, p.size)))
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
        .filter(|(_, p, t)| !digits(t) && p.base >= top - 1.0 && p.base <= bottom + 1.0)
        .map(|(_, p, _)| (p.base, p.size))
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
    events: Vec<Event>,
    /// The page outgrew [`MAX_EVENTS`]: the rest goes straight through.
    through: bool,
}

impl<D: OutputDev> Order<D> {
    pub fn new(inner: D) -> Self {
        Self {
            inner,
            events: Vec::new(),
            through: false,
        }
    }

    fn hold(&mut self, e: Event) -> Result<(), OutputError> {
        if self.through {
            return e.send(&mut self.inner);
        }
        self.events.push(e);
        if self.events.len() > MAX_EVENTS {
            self.through = true;
            for e in std::mem::take(&mut self.events) {
                e.send(&mut self.inner)?;
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), OutputError> {
        let events = std::mem::take(&mut self.events);
        let runs = runs(&events);
        let order = (runs.len() > 1 && !right_to_left(&events) && !numbered_lines(&runs))
            .then(|| reading_order(&runs.iter().map(|(_, p, _)| *p).collect::<Vec<_>>()))
            .flatten();
        let Some(order) = order else {
            for e in events {
                e.send(&mut self.inner)?;
            }
            return Ok(());
        };
        let mut slots: Vec<Option<Event>> = events.into_iter().map(Some).collect();
        let mut last: Option<Piece> = None;
        for block in order {
            // A block that starts on another line than the last one ended
            // starts a line: the text sink breaks lines only where the pen
            // drops, and the top of the next column is higher up.
            if let (Some(before), Some(&first)) = (last, block.first()) {
                let now = runs[first].1;
                let first_char =
                    slots[runs[first].0.clone()]
                        .iter()
                        .flatten()
                        .find_map(|e| match e {
                            Event::Char(trm, _, _, font_size, _) => Some((*trm, *font_size)),
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
                for e in slots[runs[r].0.clone()].iter_mut().filter_map(Option::take) {
                    e.send(&mut self.inner)?;
                }
                last = Some(runs[r].1);
            }
        }
        // Every event is in a run; should one not be, it still goes out.
        for e in slots.into_iter().flatten() {
            e.send(&mut self.inner)?;
        }
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
        self.events.clear();
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
        self.hold(Event::Char(
            *trm,
            width,
            spacing,
            font_size,
            char.to_owned(),
        ))
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.hold(Event::BeginWord)
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        self.hold(Event::EndWord)
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        self.hold(Event::EndLine)
    }
}
