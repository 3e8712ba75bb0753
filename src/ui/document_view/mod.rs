//! The document view: a custom, virtualized coding view.
//!
//! Only visible paragraphs are laid out (cached `Arc<Galley>`s); coding
//! highlights are painted as rectangles behind the text from galley
//! geometry, with margin bars in lanes so overlapping codings stay visible.
//! The selection is kept in global char offsets. The view paints and
//! reports what the user did (`DocViewEvent`); it never changes the project.

mod keyboard;
pub mod layout;
pub mod marks;
pub mod paint;
pub mod selection;

use crate::model::{Coding, CodingId, DocId, Project};
use egui::{Color32, Galley, Pos2, Rect, Sense, Ui, pos2, vec2};
use layout::{GalleyCache, Heights, Paragraphs};
use marks::MarkIndex;
pub use selection::Selection;
use std::sync::Arc;

use paint::{LANE_WIDTH, MAX_LANES};
const TEXT_PAD: f32 = 10.0;

/// What the user did in the view this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum DocViewEvent {
    /// Clicked a highlight: select that coding.
    SelectCoding(CodingId),
    /// Clicked plain text: clear the coding selection.
    ClearCodingSelection,
}

/// Search hits to paint (sorted char ranges) and the current one.
pub type SearchHits = (Vec<(usize, usize)>, Option<(usize, usize)>);

/// Persistent state of the view for the open document.
pub struct DocView {
    doc: Option<(DocId, String, usize)>,
    paras: Paragraphs,
    chars: Vec<char>,
    heights: Option<Heights>,
    galleys: GalleyCache,
    marks: MarkIndex,
    pub selection: Option<Selection>,
    pub font_size: f32,
    /// Char offset to bring into view on the next frame.
    scroll_to: Option<usize>,
    /// Content-height correction to apply to the scroll offset next frame.
    scroll_fix: f32,
    /// Codings whose outline is drawn (the selected coding).
    pub highlighted: Option<CodingId>,
    /// Search hits in the open document (sorted char ranges) and the
    /// current one, painted behind the text.
    pub search_hits: SearchHits,
    /// A selection to make once `doc` is open (a search hit in another
    /// document: opening it clears the selection first).
    pending_select: Option<(DocId, usize, usize)>,
    /// Top of the viewport in content coordinates (for tests and benchmarks).
    pub last_viewport: Rect,
    /// Screen rect of the text area last frame.
    pub last_rect: Rect,
    /// Quick clicks counted at one spot (2 a word, 3 a sentence, 4 a
    /// paragraph) and when and where the last one was.
    clicks: u32,
    last_click: Option<(f64, Pos2)>,
    /// Where the keyboard extends a selection from when there is none: the
    /// last click, or the top of the view.
    pub caret: Option<usize>,
    /// Where the current drag started (before snapping to words).
    drag_anchor: Option<usize>,
}

impl Default for DocView {
    fn default() -> Self {
        Self {
            doc: None,
            paras: Paragraphs::split(""),
            chars: Vec::new(),
            heights: None,
            galleys: GalleyCache::default(),
            marks: MarkIndex::default(),
            selection: None,
            font_size: 15.0,
            scroll_to: None,
            scroll_fix: 0.0,
            highlighted: None,
            search_hits: (Vec::new(), None),
            pending_select: None,
            last_viewport: Rect::NOTHING,
            last_rect: Rect::NOTHING,
            clicks: 0,
            last_click: None,
            caret: None,
            drag_anchor: None,
        }
    }
}

impl DocView {
    /// An empty view that will show text at `font_size` points.
    pub fn with_font_size(font_size: f32) -> Self {
        Self {
            font_size,
            ..Self::default()
        }
    }

    /// Prepares the view for `doc` (no-op when it is already open).
    fn ensure_doc(&mut self, p: &Project, doc: DocId) {
        let Some(d) = p.document(doc) else { return };
        // Keyed on the text's content hash, never its length: a re-imported
        // source with a typo fixed has the same length but other text.
        if matches!(&self.doc, Some((id, hash, len)) if *id == doc && *hash == d.source.text_hash && *len == d.text.len())
        {
            return;
        }
        self.doc = Some((doc, d.source.text_hash.clone(), d.text.len()));
        self.paras = Paragraphs::split(&d.text);
        self.chars = d.text.chars().collect();
        self.heights = None;
        self.galleys.clear();
        self.marks = MarkIndex::default();
        self.selection = None;
        self.caret = None;
        self.scroll_fix = 0.0;
    }

    /// The open document's id.
    pub fn doc(&self) -> Option<DocId> {
        self.doc.as_ref().map(|(d, _, _)| *d)
    }

    /// Selected char range, trimmed of surrounding whitespace; `None` if empty.
    pub fn selected_range(&self) -> Option<(usize, usize)> {
        let (s, e) = self.selection?.range();
        let (s, e) = selection::trim_range(&self.chars, s, e);
        (s < e).then_some((s, e))
    }

    /// The selected text.
    pub fn selected_text(&self) -> Option<String> {
        let (s, e) = self.selected_range()?;
        Some(self.chars[s..e].iter().collect())
    }

    /// Scrolls so that char `pos` is visible on the next frame.
    pub fn scroll_to_char(&mut self, pos: usize) {
        self.scroll_to = Some(pos);
    }

    /// Scrolls by `dy` points on the next frame (what a wheel notch does).
    pub fn scroll_by(&mut self, dy: f32) {
        self.scroll_fix += dy;
    }

    /// Selects `[start, end)` in `doc`, now if it is open, else once it is.
    pub fn select_in(&mut self, doc: DocId, start: usize, end: usize) {
        if self.doc() == Some(doc) {
            self.select(start, end);
        } else {
            self.pending_select = Some((doc, start, end));
        }
    }

    /// Sets the selection directly (used by "jump to passage").
    pub fn select(&mut self, start: usize, end: usize) {
        self.selection = Some(Selection {
            anchor: start,
            head: end,
        });
    }

    /// Height of the whole document at the current width (estimated where
    /// not yet laid out).
    pub fn content_height(&self) -> f32 {
        self.heights.as_ref().map_or(0.0, Heights::total)
    }

    /// Number of galleys in the cache (benchmark figure).
    pub fn cached_galleys(&self) -> usize {
        self.galleys.len()
    }

    /// Shows the document; `style` chooses which codings are painted and
    /// how, and `filter_key` must change whenever `style` does.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        p: &Project,
        doc: DocId,
        filter_key: u64,
        style: marks::StyleFn<'_>,
    ) -> Vec<DocViewEvent> {
        self.ensure_doc(p, doc);
        if let Some((d, s, e)) = self.pending_select
            && d == doc
        {
            self.pending_select = None;
            self.select(s, e);
        }
        let mut events = Vec::new();
        let Some(d) = p.document(doc) else {
            return events;
        };
        self.marks.update(p, doc, &self.paras, filter_key, style);
        self.galleys.next_frame();

        let gutter = 8.0 + MAX_LANES as f32 * LANE_WIDTH;
        let avail = ui.max_rect().width().min(ui.available_width());
        // A PDF's page numbers stand in a margin right of the text (a page
        // may start inside a paragraph, where no space above is free).
        let page_margin = if d.page_starts.is_empty() {
            0.0
        } else {
            paint::PAGE_MARGIN
        };
        let wrap_width = (avail - gutter - TEXT_PAD * 2.0 - 14.0 - page_margin).clamp(80.0, 900.0);
        let font_id = egui::FontId::proportional(self.font_size);
        let text_color = ui.visuals().text_color();
        let row_height = ui.fonts_mut(|f| f.row_height(&font_id));

        let mut heights = match self.heights.take() {
            Some(h) if (h.width - wrap_width).abs() <= 0.5 && h.font_size == self.font_size => h,
            _ => {
                let sample = "the quick brown fox jumps over a lazy dog, Integrated Care 2024.";
                let w = ui
                    .fonts_mut(|f| f.layout_no_wrap(sample.to_owned(), font_id.clone(), text_color))
                    .size()
                    .x;
                let avg = w / sample.chars().count() as f32;
                self.galleys.clear();
                Heights::estimate(&self.paras, wrap_width, self.font_size, row_height, avg)
            }
        };

        let mut area = egui::ScrollArea::vertical()
            .id_salt(("document_view", doc))
            .auto_shrink([false, false])
            .scroll_source(egui::containers::scroll_area::ScrollSource {
                drag: egui::containers::scroll_area::DragScroll::Never,
                ..Default::default()
            });
        if let Some(pos) = self.scroll_to.take() {
            let para = self.paras.of_char(pos);
            area = area.vertical_scroll_offset((heights.top(para) - 60.0).max(0.0));
        } else if self.scroll_fix != 0.0 {
            let y = self.last_viewport.min.y + self.scroll_fix;
            area = area.vertical_scroll_offset(y.max(0.0));
            self.scroll_fix = 0.0;
        }

        let out = area.show_viewport(ui, |ui, viewport| {
            self.last_viewport = viewport;
            let total = heights.total().max(viewport.height());
            let (rect, response) =
                ui.allocate_exact_size(vec2(ui.available_width(), total), Sense::click_and_drag());
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Document, true, "Document text")
            });
            self.last_rect = rect;
            let text_left = rect.left() + gutter + TEXT_PAD;
            let painter = ui.painter_at(ui.clip_rect());

            // Lay out what is visible, fixing estimated heights as we go.
            let first = heights.at_y(viewport.min.y);
            let mut visible: Vec<(usize, Arc<Galley>)> = Vec::new();
            let mut i = first;
            let mut fix_above = 0.0;
            let mut laid_out = 0usize;
            let layout = |i: usize, ui: &Ui| {
                let (bs, be) = self.paras.bytes[i];
                let job = egui::text::LayoutJob::simple(
                    layout::shown(&d.text[bs..be]),
                    font_id.clone(),
                    text_color,
                    wrap_width,
                );
                ui.fonts_mut(|f| f.layout_job(job))
            };
            while i < self.paras.len() && heights.top(i) < viewport.max.y + row_height {
                let g = match self.galleys.get(i) {
                    Some(g) => g,
                    None => {
                        let g = layout(i, ui);
                        laid_out += 1;
                        self.galleys.insert(i, g.clone());
                        g
                    }
                };
                if !heights.is_exact(i) {
                    let delta = heights.set_exact(i, g.size().y.max(row_height));
                    if heights.top(i) < viewport.min.y {
                        fix_above += delta;
                    }
                    heights.refresh();
                }
                visible.push((i, g));
                i += 1;
            }
            // A quiet frame lays out one paragraph just outside the view, so
            // scrolling finds it ready (spreads layout cost over frames).
            if laid_out == 0 {
                let reach = viewport.height() * 1.5;
                let below = (i..self.paras.len())
                    .take_while(|&j| heights.top(j) < viewport.max.y + reach)
                    .find(|&j| !self.galleys.contains(j));
                let above = (0..first)
                    .rev()
                    .take_while(|&j| heights.top(j) + heights.height(j) > viewport.min.y - reach)
                    .find(|&j| !self.galleys.contains(j));
                if let Some(j) = below.or(above) {
                    let g = layout(j, ui);
                    if !heights.is_exact(j) {
                        let delta = heights.set_exact(j, g.size().y.max(row_height));
                        if j < first {
                            fix_above += delta;
                        }
                        heights.refresh();
                    }
                    self.galleys.insert(j, g);
                    ui.ctx().request_repaint();
                }
            }
            self.scroll_fix += fix_above;

            // Highlights behind the text, margin bars in lanes.
            let sel = self.selection.map(|s| s.range());
            let sel_color = ui.visuals().selection.bg_fill.gamma_multiply(0.8);
            for (i, g) in &visible {
                let origin = pos2(text_left, rect.top() + heights.top(*i));
                let (ps, pe) = self.paras.chars[*i];
                paint::paint_marks(
                    &painter,
                    &paint::ParaGeometry {
                        galley: g,
                        origin,
                        start: ps,
                        end: pe,
                        lane_x: rect.left() + gutter - 4.0,
                    },
                    self.marks.in_para(*i),
                    self.highlighted,
                );
                let hits = &self.search_hits.0;
                let from = hits.partition_point(|h| h.1 <= ps);
                for &(s, e) in hits[from..].iter().take_while(|h| h.0 <= pe) {
                    let current = self.search_hits.1 == Some((s, e));
                    let (a, b) = (s.max(ps) - ps, e.min(pe + 1) - ps);
                    for r in range_rects(g, a, b) {
                        let r = r.translate(origin.to_vec2());
                        painter.rect_filled(r, 2.0, paint::HIT_FILL);
                        if current {
                            painter.rect_stroke(
                                r.expand(1.0),
                                2.0,
                                egui::Stroke::new(2.0, paint::HIT_STROKE),
                                egui::StrokeKind::Outside,
                            );
                        }
                    }
                }
                if let Some((s, e)) = sel
                    && s < e
                    && s <= pe
                    && e > ps
                {
                    let (a, b) = (s.max(ps) - ps, e.min(pe + 1) - ps);
                    for r in range_rects(g, a, b) {
                        painter.rect_filled(r.translate(origin.to_vec2()), 0.0, sel_color);
                    }
                }
                // The keyboard's caret, when nothing is selected.
                if sel.is_none_or(|(s, e)| s == e)
                    && let Some(c) = self.caret
                    && c >= ps
                    && c <= pe
                {
                    let r = g
                        .pos_from_cursor(egui::text::CCursor::new(c - ps))
                        .translate(origin.to_vec2());
                    painter.line_segment(
                        [r.left_top(), r.left_bottom()],
                        egui::Stroke::new(1.5, ui.visuals().text_cursor.stroke.color),
                    );
                }
                painter.galley(origin, g.clone(), text_color);
                paint::paint_page_markers(&painter, g, origin, (ps, pe), d, wrap_width);
            }

            // Pointer: select by dragging, shift-click to extend, double-click a word.
            let char_at = |pos: Pos2| -> usize {
                let y = pos.y - rect.top();
                let i = heights.at_y(y);
                let Some(g) = visible.iter().find(|(j, _)| *j == i).map(|(_, g)| g) else {
                    return if y < viewport.min.y {
                        self.paras.chars[i].0
                    } else {
                        self.paras.chars[i].1
                    };
                };
                let local = pos - pos2(text_left, rect.top() + heights.top(i));
                let c = g.cursor_from_pos(local).index.0;
                (self.paras.chars[i].0 + c).min(self.paras.chars[i].1)
            };
            let shift = ui.input(|inp| inp.modifiers.shift);
            // Alt held: exact characters; otherwise a drag takes whole words.
            let exact = ui.input(|inp| inp.modifiers.alt);
            if response.drag_started()
                && let Some(origin) = ui.input(|inp| inp.pointer.press_origin())
            {
                let c = char_at(origin);
                let anchor = match (shift, self.selection) {
                    (true, Some(s)) => s.anchor,
                    _ => c,
                };
                self.drag_anchor = Some(anchor);
                self.selection = Some(Selection { anchor, head: c });
            }
            if response.dragged()
                && let Some(pos) = response.interact_pointer_pos()
            {
                let c = char_at(pos);
                if let Some(anchor) = self.drag_anchor {
                    self.selection = Some(if exact || shift {
                        Selection { anchor, head: c }
                    } else {
                        selection::snap_to_words(&self.chars, anchor, c)
                    });
                }
                // Auto-scroll near the edges while dragging, when there is room.
                let clip = ui.clip_rect();
                let edge = 24.0;
                if pos.y < clip.top() + edge && viewport.min.y > 0.5 {
                    ui.scroll_with_delta(vec2(0.0, (clip.top() + edge - pos.y).min(40.0)));
                    ui.ctx().request_repaint();
                } else if pos.y > clip.bottom() - edge && viewport.max.y < heights.total() - 0.5 {
                    ui.scroll_with_delta(vec2(0.0, -(pos.y - clip.bottom() + edge).min(40.0)));
                    ui.ctx().request_repaint();
                }
            }
            let click_pos = response
                .interact_pointer_pos()
                .or(response.hover_pos())
                .or(ui.input(|i| i.pointer.latest_pos()));
            if response.drag_stopped() {
                self.drag_anchor = None;
            }
            // Quick clicks at one spot: 2 a word, 3 the sentence, 4 the
            // paragraph; Ctrl+click the paragraph at once.
            let mut multi = None;
            if response.clicked()
                && let Some(pos) = click_pos
            {
                let now = ui.input(|inp| inp.time);
                self.clicks = match self.last_click {
                    Some((t, at)) if now - t < 0.5 && at.distance(pos) < 8.0 => self.clicks + 1,
                    _ => 1,
                };
                self.last_click = Some((now, pos));
                let c = char_at(pos);
                let command = ui.input(|inp| inp.modifiers.command);
                multi = if command && !shift {
                    Some(crate::model::units::paragraph_at(&self.chars, c))
                } else {
                    selection::multi_click(&self.chars, c, self.clicks)
                };
            }
            if let Some((s, e)) = multi {
                self.selection = Some(Selection { anchor: s, head: e });
                self.caret = Some(e);
            } else if response.clicked()
                && let Some(pos) = click_pos
            {
                let c = char_at(pos);
                self.caret = Some(c);
                if shift {
                    if let Some(s) = &mut self.selection {
                        s.head = c;
                    } else {
                        self.selection = Some(Selection::caret(c));
                    }
                } else {
                    let para = self.paras.of_char(c);
                    match self.marks.at(para, c).first() {
                        Some(m) => events.push(DocViewEvent::SelectCoding(m.id)),
                        None => events.push(DocViewEvent::ClearCodingSelection),
                    }
                    self.selection = None;
                }
            }
            if let Some(pos) = response.hover_pos()
                && !response.dragged()
            {
                let c = char_at(pos);
                let para = self.paras.of_char(c);
                let under: Vec<CodingId> = self.marks.at(para, c).iter().map(|m| m.id).collect();
                if !under.is_empty() {
                    response.clone().on_hover_ui_at_pointer(|ui| {
                        for id in under {
                            if let Some(c) = p.coding(id) {
                                ui.label(describe_coding(p, c));
                            }
                        }
                    });
                }
            }
            let top = self.paras.chars.get(first).map_or(0, |c| c.0);
            self.keys(ui, top);
            response
        });
        self.heights = Some(heights);
        let response = out.inner;
        if response.has_focus() || response.hovered() || response.dragged() {
            let copy = ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)));
            // Copied as a quote: no line break inside a paragraph.
            if copy && let Some(t) = self.selected_text() {
                ui.ctx().copy_text(crate::model::text::as_quote(&t));
            }
        }
        events
    }
}

/// "Leadership · Barrier · AB (Alex Byrne)" for tooltips.
pub fn describe_coding(p: &Project, c: &Coding) -> String {
    let code = p.codebook.path(c.code);
    let cat = c
        .category
        .and_then(|k| p.category(k))
        .map(|k| k.name.as_str())
        .unwrap_or("no category");
    let who = p
        .reviewer(c.reviewer)
        .map(|r| format!("{} ({})", r.initials, r.name))
        .unwrap_or_default();
    let memo = if c.memo.is_empty() {
        String::new()
    } else {
        format!("\nMemo: {}", c.memo)
    };
    let page = p
        .document(c.doc)
        .and_then(|d| d.page_label(c.start, c.end))
        .map(|l| format!(" · {l}"))
        .unwrap_or_default();
    format!("{code} · {cat} · {who}{page}{memo}")
}

/// Rectangles (galley coordinates) covering local chars `[a, b)`, one per row.
pub fn range_rects(g: &Galley, a: usize, b: usize) -> Vec<Rect> {
    let mut out = Vec::new();
    if b <= a {
        return out;
    }
    let mut row_start = 0usize;
    for row in &g.rows {
        let n = row.row.glyphs.len();
        let (lo, hi) = (a.max(row_start), b.min(row_start + n));
        if lo < hi || (lo == hi && n == 0 && a <= row_start && b > row_start) {
            let x0 = row.pos.x
                + row
                    .row
                    .x_offset(egui::epaint::text::CharIndex(lo - row_start));
            let x1 = row.pos.x
                + row
                    .row
                    .x_offset(egui::epaint::text::CharIndex(hi - row_start));
            let x1 = if x1 - x0 < 3.0 { x0 + 3.0 } else { x1 };
            out.push(Rect::from_min_max(
                pos2(x0, row.min_y()),
                pos2(x1, row.max_y()),
            ));
        }
        row_start += n + usize::from(row.ends_with_newline);
        if row_start >= b {
            break;
        }
    }
    out
}

/// Muted colour for text that is not the main content.
pub fn weak(ui: &Ui) -> Color32 {
    ui.visuals().weak_text_color()
}
