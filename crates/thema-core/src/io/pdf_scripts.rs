//! Superscripts (reference numbers, affiliation marks, powers) are set in a
//! smaller font on a raised baseline. pdf-extract's text output breaks the
//! line whenever the pen moves up and back a little, so "Bakarov³, and"
//! came out as "Bakarov\n3, and", and a mark opening a line ran into the
//! word after it ("¹Shanghai" → "1Shanghai"). Like poppler, Thema reads a
//! superscript that follows a word on the word's baseline ("Bakarov3,"),
//! and, as a reader does, keeps a word that follows a superscript apart
//! from it ("1 Shanghai", "a Department") — a word of three letters or
//! more: "¹H NMR" and "¹³C" are isotopes, and stay as they are.
//!
//! Rotated text is passed on as if upright (see [`unrotated`]).
//!
//! pdf-extract also looks for a word gap only where a shown string starts;
//! a gap of more than a fifth of the font size inside one string
//! (justified text whose word spacing falls on a subset font's code 32,
//! here a letter) now starts a word too: "delivery is", not "deliveryis".
//! And a string that starts well to the left of the last one on about the
//! same line (table cells drawn out of order) is set apart by a space.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::pdf_overprint::Event;

/// The last full-size character drawn: its baseline, font size and where
/// the pen stopped.
#[derive(Clone, Copy)]
struct Base {
    y: f64,
    size: f64,
    end: f64,
}

/// Letters a word after a superscript needs to be told apart from it.
const WORD_LETTERS: usize = 3;

/// Wraps the text sink, moving superscripts onto the line they belong to.
pub struct Scripts<D> {
    inner: D,
    /// A word may be starting right after a superscript: the space to put
    /// before it (at its first letter), and what was drawn since, held
    /// back until it is known to be a word (at most three letters and the
    /// word marks between them).
    pending: Option<(Transform, f64)>,
    held: Vec<Event>,
    letters: usize,
    /// The last full-size character on the current line, if any.
    base: Option<Base>,
    /// The last character drawn: baseline, size and pen end (raised or
    /// not), to tell a superscript that opens a line.
    last: Option<Base>,
    /// The characters just before were a superscript: where it ended.
    raised_end: Option<f64>,
    /// Pen end and baseline of the last character of the string being
    /// shown (pdf-extract looks for a space only where a string starts).
    in_string: Option<(f64, f64)>,
}

/// A character of rotated text (a landscape table, a margin note) as if
/// its line were upright: its place turned back by the text's angle, so
/// the text sink sees the pen move along the line and finds the gaps
/// between words (it looks along the page's x only: a table turned a
/// quarter ran "thefollowinginformationisprovided"). `None` for upright,
/// skewed or mirrored text, which keeps its place.
fn unrotated(trm: &Transform) -> Option<Transform> {
    let scale = trm.m11.hypot(trm.m12);
    if !scale.is_finite() || scale <= 0.0 || trm.m12.abs() <= scale * 1e-6 {
        return None;
    }
    let (cos, sin) = (trm.m11 / scale, trm.m12 / scale);
    // A rotation and a scale alone: no skew, no mirror.
    let rotation =
        (trm.m22 - trm.m11).abs() <= scale * 1e-3 && (trm.m21 + trm.m12).abs() <= scale * 1e-3;
    if !rotation {
        return None;
    }
    let (x, y) = (trm.m31, trm.m32);
    Some(Transform::row_major(
        scale,
        0.0,
        0.0,
        scale,
        x * cos + y * sin,
        y * cos - x * sin,
    ))
}

/// Place and size of a character drawn upright, or `None` (rotated or
/// skewed text, or numbers that are not finite).
fn upright(trm: &Transform, font_size: f64) -> Option<(f64, f64, f64)> {
    let size = font_size * (trm.m11 * trm.m22).abs().sqrt();
    let skewed = trm.m12.abs() > 1e-6 || trm.m21.abs() > 1e-6;
    let flipped = trm.m11 <= 0.0 || trm.m22 <= 0.0;
    let finite = trm.m31.is_finite() && trm.m32.is_finite() && size.is_finite();
    (!skewed && !flipped && finite && size > 0.0).then_some((trm.m31, trm.m32, size))
}

/// Whether a character of `size` at (x, y) is a superscript to text of
/// `base`: clearly smaller, raised by less than a line, and where the pen
/// stopped (or a little before or after it).
fn raised(base: Base, x: f64, y: f64, size: f64) -> bool {
    let rise = y - base.y;
    size < base.size * 0.85
        && rise > base.size * 0.15
        && rise < base.size * 0.8
        && x > base.end - base.size * 0.5
        && x < base.end + base.size
}

impl<D: OutputDev> Scripts<D> {
    pub fn new(inner: D) -> Self {
        Self {
            inner,
            pending: None,
            held: Vec::new(),
            letters: 0,
            base: None,
            last: None,
            raised_end: None,
            in_string: None,
        }
    }
}

impl<D: OutputDev> Scripts<D> {
    fn forward(&mut self, e: Event) -> Result<(), OutputError> {
        e.send(&mut self.inner)
    }

    /// Holds `e` back while a word after a superscript may be starting.
    fn emit(&mut self, e: Event) -> Result<(), OutputError> {
        if self.pending.is_some() {
            self.held.push(e);
            return Ok(());
        }
        self.forward(e)
    }

    /// Passes on what was held back, after a space when it is a word.
    fn release(&mut self, word: bool) -> Result<(), OutputError> {
        if let Some((trm, font_size)) = self.pending.take()
            && word
        {
            self.inner
                .output_character(&trm, 0.0, 0.0, font_size, " ")?;
        }
        self.letters = 0;
        for e in std::mem::take(&mut self.held) {
            self.forward(e)?;
        }
        Ok(())
    }
}

impl<D: OutputDev> OutputDev for Scripts<D> {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.release(false)?;
        self.base = None;
        self.last = None;
        self.raised_end = None;
        self.inner.begin_page(page_num, media_box, art_box)
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.release(false)?;
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
        let turned = unrotated(trm);
        let trm = turned.as_ref().unwrap_or(trm);
        let letter = char.chars().next().is_some_and(char::is_alphabetic);
        if self.pending.is_some() {
            if letter {
                self.letters += 1;
                if self.letters >= WORD_LETTERS {
                    self.release(true)?;
                }
            } else {
                self.release(false)?;
            }
        }
        let e = Event::Char(*trm, width, spacing, font_size, char.to_owned());
        let Some((x, y, size)) = upright(trm, font_size) else {
            self.base = None;
            self.last = None;
            self.raised_end = None;
            return self.emit(e);
        };
        let end = x + width * size;
        // A string that starts far to the left of where the last character
        // ended, on about the same line (a table's cells drawn out of
        // order, the next row a little lower): pdf-extract breaks the line
        // only when the pen drops half a line, and glued the two
        // ("tubulaires- dilution"). A space parts them. An accent set back
        // over its letter moves left by less than a letter.
        if self.in_string.is_none()
            && !char.trim().is_empty()
            && let Some(last) = self.last
            && (y - last.y).abs() <= last.size.max(size) * 0.5
            && x < last.end - size * 2.0
        {
            self.emit(Event::Char(*trm, 0.0, 0.0, font_size, " ".to_owned()))?;
        }
        // A word gap inside one string (justified text set as "delivery
        // is" with the pen moved on, no space glyph): a word starts here,
        // for the text sink to put its space. A fifth of the font size
        // is wider than letter spacing and tracking.
        let gap = self
            .in_string
            .replace((end, y))
            .is_some_and(|(last_end, last_y)| {
                (y - last_y).abs() < size * 0.1 && x > last_end + size * 0.2
            });
        if gap && !char.trim().is_empty() {
            self.emit(Event::BeginWord)?;
        }
        // A superscript after a word: read on the word's baseline.
        if let Some(base) = self.base
            && raised(base, x, y, size)
        {
            let mut on_line = *trm;
            on_line.m32 = base.y;
            self.base = Some(Base { end, ..base });
            self.last = Some(Base { y, size, end });
            self.raised_end = Some(end);
            return self.emit(Event::Char(
                on_line,
                width,
                spacing,
                font_size,
                char.to_owned(),
            ));
        }
        // Text after a superscript that opened the line ("¹Shanghai"): the
        // mark was read as it stood, smaller and above this character.
        let opened_line = self.last.is_some_and(|last| {
            raised(
                Base {
                    y,
                    size,
                    end: last.end,
                },
                x,
                last.y,
                last.size,
            )
        });
        // ... or after one that follows a word, back on the word's baseline.
        let after_word = self.raised_end.filter(|_| {
            self.base
                .is_some_and(|b| (y - b.y).abs() < size * 0.1 && size >= b.size * 0.85)
        });
        let mark_end = after_word.or_else(|| self.last.filter(|_| opened_line).map(|l| l.end));
        // Letters right after a superscript: a new word if three or more.
        if let Some(mark_end) = mark_end
            && letter
            && x <= mark_end + size * 0.1
            && self.pending.is_none()
        {
            self.pending = Some((*trm, font_size));
            self.letters = 1;
        }
        self.raised_end = None;
        if !char.trim().is_empty() {
            self.base = Some(Base { y, size, end });
        } else if let Some(base) = self.base.as_mut() {
            base.end = end;
        }
        self.last = Some(Base { y, size, end });
        self.emit(e)
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.in_string = None;
        self.emit(Event::BeginWord)
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        self.emit(Event::EndWord)
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        self.emit(Event::EndLine)
    }
}
