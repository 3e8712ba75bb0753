//! "Fake bold" and shadowed text: some producers draw a line of text two
//! to four times, each copy shifted by a fraction of a point, to make it
//! look heavier. Read as text, every word comes out several times
//! ("ReportReportReportReport"). Like poppler, Thema keeps the first copy of
//! a character and drops any later copy of the same character drawn at
//! nearly the same place on the page (within a fifth of its font size).
//! Some draw each glyph several times before the next ("年年年年"): a glyph
//! drawn three times or more on its own spot is read once.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use std::collections::HashMap;

/// Fewest characters in a row that must each repeat one drawn before for
/// them to count as a copy: a single letter drawn on another (imprecise
/// widths in OCR text layers put "ff" of "effect" on one spot) stays.
pub const MIN_COPIED_RUN: usize = 3;

/// A character drawn on the page: where, how large, which, and its number
/// on the page.
struct Drawn {
    x: f64,
    y: f64,
    size: f64,
    /// The character's fingerprint (a drawn "character" may be a ligature's
    /// several letters).
    c: u64,
    n: usize,
}

/// FNV-1a of the text: cheap, and a clash would also need the same place.
fn fingerprint(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Grid cells hash by a multiply-shift: the keys are small integers the
/// page's geometry gives, and SipHash's cost showed in the import's time.
#[derive(Default)]
struct CellHasher(u64);

impl std::hash::Hasher for CellHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn write_i64(&mut self, i: i64) {
        self.0 = (self.0.rotate_left(5) ^ i.cast_unsigned()).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type Cells = HashMap<(i64, i64), Vec<Drawn>, std::hash::BuildHasherDefault<CellHasher>>;

/// A call on a text sink, held back to be made later (by this wrapper and
/// by [`super::pdf_scripts`]).
pub(super) enum Event {
    Char(Transform, f64, f64, f64, String),
    BeginWord,
    EndWord,
    EndLine,
}

impl Event {
    /// Makes the call on `sink`.
    pub(super) fn send(self, sink: &mut impl OutputDev) -> Result<(), OutputError> {
        match self {
            Event::Char(trm, width, spacing, size, c) => {
                sink.output_character(&trm, width, spacing, size, &c)
            }
            Event::BeginWord => sink.begin_word(),
            Event::EndWord => sink.end_word(),
            Event::EndLine => sink.end_line(),
        }
    }
}

/// The characters drawn on a page, to tell a copy of one drawn before.
#[derive(Default)]
pub struct Marks {
    /// By grid cell: position, size, the character and its number on the
    /// page.
    seen: Cells,
    /// Characters drawn on this page so far.
    drawn: usize,
}

/// Wraps the text sink, passing on each character once per place.
pub struct Overprint<D> {
    inner: D,
    marks: Marks,
    /// Events held back while a run of copies may be starting.
    held: Vec<Event>,
    /// Copies in a row among `held`.
    copies: usize,
    /// In a confirmed run of copies: dropping.
    dropping: bool,
    /// Characters dropped as copies, over all pages.
    pub dropped: usize,
    /// The last character passed on or held: place, size, fingerprint.
    last: Option<(f64, f64, f64, u64)>,
    /// Draws of that character in a row on its own spot, after the first.
    stacked: usize,
    /// The first such draw and the word marks after it, held back until
    /// a third draw shows the glyph is drawn over itself.
    stack_held: Vec<Event>,
}

/// Most events held back while copies may be starting.
const MAX_HELD: usize = 64;

/// Cell size of the grid (points).
const CELL: f64 = 2.0;

impl Marks {
    /// Whether `c` at (x, y) repeats a character drawn at least two
    /// characters earlier at nearly the same place; remembers it if not.
    pub fn is_copy(&mut self, x: f64, y: f64, size: f64, c: &str) -> bool {
        let n = self.drawn;
        let c = fingerprint(c);
        self.drawn += 1;
        if !x.is_finite() || !y.is_finite() || !size.is_finite() {
            return false;
        }
        let tolerance = (size * 0.2).max(0.05);
        let cell = |v: f64| (v / CELL).floor() as i64;
        let (cx, cy) = (cell(x), cell(y));
        // The cells the tolerance square touches (two or so a side, not a
        // fixed reach around the character's cell: this check runs once a
        // character and showed in the import's time); never more than
        // nine a side, however large a hostile page makes the font.
        let span = |v: f64, c: i64| {
            let lo = cell(v - tolerance).max(c.saturating_sub(4));
            let hi = cell(v + tolerance).min(c.saturating_add(4));
            lo..=hi
        };
        for gx in span(x, cx) {
            for gy in span(y, cy) {
                let Some(list) = self.seen.get(&(gx, gy)) else {
                    continue;
                };
                if list.iter().any(|d| {
                    d.c == c
                        && d.n + 2 <= n
                        && (d.x - x).abs() <= tolerance
                        && (d.y - y).abs() <= tolerance
                        && (d.size - size).abs() <= size * 0.1
                }) {
                    return true;
                }
            }
        }
        let list = self.seen.entry((cx, cy)).or_default();
        // A cell holds a few characters in real text; cap what a
        // pathological page can store.
        if list.len() < 64 {
            list.push(Drawn { x, y, size, c, n });
        }
        false
    }
}

impl<D: OutputDev> Overprint<D> {
    pub fn new(inner: D) -> Self {
        Self {
            inner,
            marks: Marks::default(),
            held: Vec::new(),
            copies: 0,
            dropping: false,
            dropped: 0,
            last: None,
            stacked: 0,
            stack_held: Vec::new(),
        }
    }

    /// Passes on the held second draw of a glyph (it was drawn twice, not
    /// three times or more: "ff" of an OCR layer set on one spot).
    fn release_stack(&mut self) -> Result<(), OutputError> {
        self.stacked = 0;
        for e in std::mem::take(&mut self.stack_held) {
            match e {
                Event::Char(trm, width, spacing, size, c) => {
                    self.char_event(&trm, width, spacing, size, &c)?;
                }
                other => self.event(other)?,
            }
        }
        Ok(())
    }

    fn forward(&mut self, e: Event) -> Result<(), OutputError> {
        e.send(&mut self.inner)
    }

    /// Passes on what was held back (the run of copies was too short).
    fn release(&mut self) -> Result<(), OutputError> {
        self.copies = 0;
        for e in std::mem::take(&mut self.held) {
            self.forward(e)?;
        }
        Ok(())
    }

    fn event(&mut self, e: Event) -> Result<(), OutputError> {
        if self.held.is_empty() || self.dropping {
            if self.dropping {
                // Word and line ends inside dropped copies go with them.
                return Ok(());
            }
            return self.forward(e);
        }
        if self.held.len() >= MAX_HELD {
            // Never wait long for a run of copies (a page of empty strings).
            self.release()?;
            return self.forward(e);
        }
        self.held.push(e);
        Ok(())
    }
}

impl<D: OutputDev> OutputDev for Overprint<D> {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.marks = Marks::default();
        self.dropping = false;
        self.release_stack()?;
        self.release()?;
        self.last = None;
        self.inner.begin_page(page_num, media_box, art_box)
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.release_stack()?;
        self.release()?;
        self.dropping = false;
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
        // One glyph drawn three times or more on its own spot before the
        // next ("年年年年 3333" in a Chinese annual report's fake bold): the
        // draws after the first are copies. Twice is left alone.
        if !char.trim().is_empty() {
            let size = page_size(trm, font_size);
            let here = (trm.m31, trm.m32, size, fingerprint(char));
            let tolerance = (size * 0.2).max(0.05);
            let on_itself = width * size > size * 0.2
                && self.last.is_some_and(|(x, y, s, c)| {
                    c == here.3
                        && (x - here.0).abs() <= tolerance
                        && (y - here.1).abs() <= tolerance
                        && (s - size).abs() <= size * 0.1
                });
            if on_itself {
                self.stacked += 1;
                if self.stacked == 1 {
                    self.stack_held.push(Event::Char(
                        *trm,
                        width,
                        spacing,
                        font_size,
                        char.to_owned(),
                    ));
                } else {
                    let held_chars = self
                        .stack_held
                        .iter()
                        .filter(|e| matches!(e, Event::Char(..)))
                        .count();
                    self.dropped += 1 + held_chars;
                    self.stack_held.clear();
                }
                return Ok(());
            }
            self.release_stack()?;
            self.last = Some(here);
        } else if self.stack_held.len() >= MAX_HELD {
            self.release_stack()?;
        } else if !self.stack_held.is_empty() {
            self.stack_held.push(Event::Char(
                *trm,
                width,
                spacing,
                font_size,
                char.to_owned(),
            ));
            return Ok(());
        }
        self.char_event(trm, width, spacing, font_size, char)
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.word_event(Event::BeginWord)
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        self.word_event(Event::EndWord)
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        self.word_event(Event::EndLine)
    }
}

/// The font size on the page, as pdf-extract's text output sees it.
fn page_size(trm: &Transform, font_size: f64) -> f64 {
    let (vx, vy) = (
        font_size * (trm.m11 + trm.m21),
        font_size * (trm.m12 + trm.m22),
    );
    (vx * vy).abs().sqrt()
}

impl<D: OutputDev> Overprint<D> {
    /// A word or line mark: held with a held second draw, to keep order
    /// (a few: after [`MAX_HELD`], say a page of empty strings, the draw
    /// is passed on as it is).
    fn word_event(&mut self, e: Event) -> Result<(), OutputError> {
        if self.stack_held.is_empty() {
            self.event(e)
        } else if self.stack_held.len() >= MAX_HELD {
            self.release_stack()?;
            self.event(e)
        } else {
            self.stack_held.push(e);
            Ok(())
        }
    }

    /// A character past the check for glyphs drawn on themselves: the
    /// check for whole runs drawn again.
    fn char_event(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let e = Event::Char(*trm, width, spacing, font_size, char.to_owned());
        if char.trim().is_empty() {
            // Spaces neither start nor break a run of copies.
            return self.event(e);
        }
        let size = page_size(trm, font_size);
        // A glyph that does not move the pen on (no width known) leaves
        // every letter of its run on one spot: place says nothing then.
        let advances = width * size > size * 0.2;
        if !advances || !self.marks.is_copy(trm.m31, trm.m32, size, char) {
            self.dropping = false;
            self.release()?;
            return self.forward(e);
        }
        if self.dropping {
            self.dropped += 1;
            return Ok(());
        }
        self.copies += 1;
        self.held.push(e);
        if self.copies >= MIN_COPIED_RUN {
            // A whole run drawn again: drop it and what follows of it.
            self.dropped += self.copies;
            self.held.clear();
            self.copies = 0;
            self.dropping = true;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::pdf_test_sink::Tape;
    use super::*;

    #[test]
    fn a_page_of_empty_strings_after_a_second_draw_is_not_held_back() {
        let mut o = Overprint::new(Tape::default());
        let at = |x: f64| Transform::row_major(1.0, 0.0, 0.0, 1.0, x, 700.0);
        o.output_character(&at(72.0), 0.5, 0.0, 12.0, "a").unwrap();
        o.output_character(&at(72.1), 0.5, 0.0, 12.0, "a").unwrap();
        for _ in 0..100_000 {
            o.begin_word().unwrap();
            assert!(o.stack_held.len() <= MAX_HELD && o.held.len() <= MAX_HELD);
        }
        o.end_page().unwrap();
        // Both draws and every word mark reached the text, none dropped.
        assert_eq!((o.inner.counts(), o.dropped), ((2, 100_000), 0));
    }
}
