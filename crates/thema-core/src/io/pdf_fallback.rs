//! A second, simpler reader of a page's text, for the pages pdf-extract
//! cannot read (it panics on fonts with CJK encodings such as
//! `90ms-RKSJ-H` or `GBK-EUC-H`, on some font programs and content).
//!
//! It walks the page's content stream (and the forms it draws), decodes
//! each shown string with Thema's font layer ([`super::pdf_fonts`],
//! [`super::pdf_cmap`], and `encoding_rs` for legacy CJK encodings), and
//! writes the glyphs in content order: a line break where the baseline
//! moves, a space where the gap is wider than a small share of the font
//! size. Depth of nested forms and the work per page are bounded.

use std::collections::{HashMap, HashSet};

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId};

use super::pdf_codes::num;
use super::pdf_fallback_decode::Decoder;
use super::pdf_fonts::{deref, stream_bytes};
use super::pdf_overprint::{MIN_COPIED_RUN, Marks};

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
/// Forms inside forms deeper than this are not followed.
const MAX_FORM_DEPTH: usize = 8;
/// Operators read per page, forms included.
const MAX_OPERATIONS: usize = 2_000_000;

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Vec<u8>>,
    size: f64,
    char_space: f64,
    word_space: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

impl GState {
    fn new() -> Self {
        Self {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

struct Reader<'a> {
    doc: &'a Document,
    decoders: HashMap<ObjectId, Decoder>,
    out: String,
    /// End of the last glyph in device space, and its font size there.
    last: Option<(f64, f64, f64)>,
    operations: usize,
    forms_seen: HashSet<ObjectId>,
    /// Text drawn on itself (fake bold, shadows) is read once, as
    /// pdf-extract's text is ([`super::pdf_overprint`]): the glyphs drawn,
    /// copies held back while a run of them may be starting, and whether
    /// one is being dropped.
    marks: Marks,
    held: Vec<Glyph>,
    dropping: bool,
    /// Characters dropped as copies.
    dropped: usize,
}

/// A glyph placed on the page: its text, where it starts and ends (device
/// space) and its size there.
struct Glyph {
    text: String,
    x: f64,
    y: f64,
    end: f64,
    size: f64,
}

/// Text of one page by Thema's own reader, and the characters it left out
/// as copies of text drawn on itself; `None` when the page has no
/// readable content stream.
pub fn page_text(doc: &Document, page_id: ObjectId) -> Option<(String, usize)> {
    let content = doc.get_page_content(page_id).ok()?;
    let ops = Content::decode(&content).ok()?;
    let resources = page_resources(doc, page_id);
    let mut r = Reader::new(doc, 0);
    r.run(&ops.operations, &resources, GState::new(), 0);
    r.release();
    Some((r.out, r.dropped))
}

/// Reads the text that forms draw (annotations' appearances), as a page
/// is read: the fonts decoded once for all of them, one budget of
/// operators (`budget`, at most [`MAX_OPERATIONS`]) spent over them all.
pub struct Appearances<'a> {
    reader: Reader<'a>,
}

impl<'a> Appearances<'a> {
    pub fn new(doc: &'a Document, budget: usize) -> Self {
        Self {
            reader: Reader::new(doc, MAX_OPERATIONS.saturating_sub(budget)),
        }
    }

    /// The text the form draws, with its own resources, else `resources`;
    /// `None` once the budget is spent or when the form cannot be read.
    pub fn text(
        &mut self,
        form: &pdf_extract::Stream,
        resources: Option<&Dictionary>,
    ) -> Option<String> {
        let r = &mut self.reader;
        if r.operations >= MAX_OPERATIONS {
            return None;
        }
        let bytes = stream_bytes(form)?;
        let ops = Content::decode(&bytes).ok()?;
        let own = form
            .dict
            .get(b"Resources")
            .ok()
            .map(|o| deref(r.doc, o))
            .and_then(|o| o.as_dict().ok());
        let res = own.or(resources).cloned().unwrap_or_default();
        r.last = None;
        r.marks = Marks::default();
        r.held.clear();
        r.dropping = false;
        r.forms_seen.clear();
        r.run(&ops.operations, &res, GState::new(), 1);
        r.release();
        Some(std::mem::take(&mut r.out))
    }
}

/// The page's resource dictionary, inherited ones merged under it.
pub fn page_resources(doc: &Document, page_id: ObjectId) -> Dictionary {
    let mut merged = Dictionary::new();
    if let Ok((own, inherited)) = doc.get_page_resources(page_id) {
        for id in inherited.iter().rev() {
            if let Ok(d) = doc.get_dictionary(*id) {
                for (k, v) in d {
                    merged.set(k.clone(), v.clone());
                }
            }
        }
        if let Some(d) = own {
            for (k, v) in d {
                merged.set(k.clone(), v.clone());
            }
        }
    }
    merged
}

fn sub_dict<'a>(
    doc: &'a Document,
    res: &'a Dictionary,
    key: &[u8],
    name: &[u8],
) -> Option<(&'a Object, Option<ObjectId>)> {
    let group = deref(doc, res.get(key).ok()?).as_dict().ok()?;
    let o = group.get(name).ok()?;
    let id = if let Object::Reference(id) = o {
        Some(*id)
    } else {
        None
    };
    Some((deref(doc, o), id))
}

impl<'a> Reader<'a> {
    /// A reader that has already spent `operations` of its budget.
    fn new(doc: &'a Document, operations: usize) -> Self {
        Self {
            doc,
            decoders: HashMap::new(),
            out: String::new(),
            last: None,
            operations,
            forms_seen: HashSet::new(),
            marks: Marks::default(),
            held: Vec::new(),
            dropping: false,
            dropped: 0,
        }
    }

    /// Places a glyph, unless it belongs to a run of copies of text drawn
    /// before at the same place.
    fn place(&mut self, g: Glyph, advances: bool) {
        if g.text.trim().is_empty() {
            // Spaces neither start nor break a run of copies.
            if !self.dropping && self.held.is_empty() {
                self.put(&g);
            } else if !self.dropping {
                self.held.push(g);
            }
            return;
        }
        if !advances || !self.marks.is_copy(g.x, g.y, g.size, &g.text) {
            self.dropping = false;
            self.release();
            self.put(&g);
            return;
        }
        if self.dropping {
            self.dropped += 1;
            return;
        }
        self.held.push(g);
        let copies = self
            .held
            .iter()
            .filter(|h| !h.text.trim().is_empty())
            .count();
        if copies >= MIN_COPIED_RUN {
            self.held.clear();
            self.dropped += copies;
            self.dropping = true;
        }
    }

    /// Places what was held back (the run of copies was too short).
    fn release(&mut self) {
        for g in std::mem::take(&mut self.held) {
            self.put(&g);
        }
    }

    /// Writes a glyph: a line break where the baseline moves, a space
    /// where the gap is wide.
    fn put(&mut self, g: &Glyph) {
        if let Some((lx, ly, lsize)) = self.last {
            let s = g.size.max(lsize);
            if (g.y - ly).abs() > 0.5 * s {
                self.out.push('\n');
            } else if g.x - lx > 0.15 * s && !self.out.ends_with(' ') && !g.text.starts_with(' ') {
                self.out.push(' ');
            }
        }
        self.out.push_str(&g.text);
        self.last = Some((g.end, g.y, g.size));
    }

    fn run(
        &mut self,
        ops: &[pdf_extract::content::Operation],
        res: &Dictionary,
        mut g: GState,
        depth: usize,
    ) {
        let mut stack: Vec<GState> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        for op in ops {
            self.operations += 1;
            if self.operations > MAX_OPERATIONS {
                return;
            }
            let a = &op.operands;
            let n = |i: usize| a.get(i).and_then(num).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push(g.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        g = s;
                    }
                }
                "cm" => g.ctm = mul(&[n(0), n(1), n(2), n(3), n(4), n(5)], &g.ctm),
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    g.font = a.first().and_then(|o| o.as_name().ok()).map(<[u8]>::to_vec);
                    g.size = n(1);
                }
                "Tc" => g.char_space = n(0),
                "Tw" => g.word_space = n(0),
                "Tz" => g.scale = n(0) / 100.0,
                "TL" => g.leading = n(0),
                "Ts" => g.rise = n(0),
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        g.leading = -n(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                "Tm" => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -g.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            g.word_space = n(0);
                            g.char_space = n(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -g.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(s, _)) = a.last() {
                        self.show(s, res, &g, &mut tm);
                    }
                }
                "TJ" => {
                    for item in a
                        .first()
                        .and_then(|o| o.as_array().ok())
                        .map_or(&[][..], Vec::as_slice)
                    {
                        match item {
                            Object::String(s, _) => self.show(s, res, &g, &mut tm),
                            other => {
                                let adj = num(other).unwrap_or(0.0);
                                let tx = -adj / 1000.0 * g.size * g.scale;
                                tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                            }
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    let Some(name) = a.first().and_then(|o| o.as_name().ok()) else {
                        continue;
                    };
                    self.form(name, res, &g, depth);
                }
                _ => {}
            }
        }
    }

    fn form(&mut self, name: &[u8], res: &Dictionary, g: &GState, depth: usize) {
        let doc = self.doc;
        let Some((Object::Stream(s), id)) = sub_dict(doc, res, b"XObject", name) else {
            return;
        };
        if s.dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) != Some(b"Form") {
            return;
        }
        if let Some(id) = id
            && !self.forms_seen.insert(id)
        {
            return;
        }
        let Some(bytes) = stream_bytes(s) else { return };
        let Ok(content) = Content::decode(&bytes) else {
            return;
        };
        let matrix = s
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| o.as_array().ok())
            .filter(|m| m.len() == 6)
            .map_or(IDENTITY, |m| {
                let v: Vec<f64> = m.iter().map(|o| num(o).unwrap_or(0.0)).collect();
                [v[0], v[1], v[2], v[3], v[4], v[5]]
            });
        let own = s
            .dict
            .get(b"Resources")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        let mut inner = g.clone();
        inner.ctm = mul(&matrix, &g.ctm);
        let res = own.unwrap_or(res).clone();
        self.run(&content.operations, &res, inner, depth + 1);
        if let Some(id) = id {
            self.forms_seen.remove(&id);
        }
    }

    fn show(&mut self, bytes: &[u8], res: &Dictionary, g: &GState, tm: &mut Matrix) {
        let doc = self.doc;
        let Some(name) = &g.font else { return };
        let Some((Object::Dictionary(font), id)) = sub_dict(doc, res, b"Font", name) else {
            return;
        };
        // A font given inline has no number to keep its decoder under.
        let glyphs = match id {
            Some(id) => self
                .decoders
                .entry(id)
                .or_insert_with(|| Decoder::new(doc, font))
                .glyphs(bytes),
            None => Decoder::new(doc, font).glyphs(bytes),
        };
        for (text, w, is_space) in glyphs {
            let trm = mul(
                &mul(&[g.size * g.scale, 0.0, 0.0, g.size, 0.0, g.rise], tm),
                &g.ctm,
            );
            let (x, y) = (trm[4], trm[5]);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt().max(0.1);
            let tx =
                (w / 1000.0 * g.size + g.char_space + if is_space { g.word_space } else { 0.0 })
                    * g.scale;
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
            // Where the pen stops: the next glyph's origin. (The advance is
            // in text space; put through `trm`, which holds the font size,
            // it came out that many times too long, and no gap between
            // words was ever seen on a page set at "10 Tf".)
            let end = mul(
                &mul(&[g.size * g.scale, 0.0, 0.0, g.size, 0.0, g.rise], tm),
                &g.ctm,
            )[4];
            // A glyph without a width leaves its whole run on one spot:
            // place says nothing of copies then.
            let advances = w / 1000.0 > 0.2;
            self.place(
                Glyph {
                    text,
                    x,
                    y,
                    end,
                    size,
                },
                advances,
            );
        }
    }
}
