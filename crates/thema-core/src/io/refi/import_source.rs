//! The REFI-QDA importer's handling of one text source: its text (with
//! offsets mapped through normalisation and CRLF counting), its selections
//! and their codings, memos and variable values.
//!
//! Nothing is changed silently: a selection whose positions are negative,
//! reversed, empty or past the end of the text is listed in the import
//! report by source name and position with what was done to it (swapped,
//! clamped, shortened or left out). The text is turned into chars once per
//! source, and a selection is compared with its name in time bounded by the
//! name, so thousands of selections of one long source import in linear
//! time.

use super::import::Importer;
use super::import_util::{View, ensure_reviewer, position, uuid_of};
use super::positions::{self, Written};
use super::xml::El;
use crate::model::{
    CategoryId, CodeId, Coding, CodingId, DocId, Document, IdMap, Project, SourceKind, text,
};

impl Importer<'_> {
    pub(super) fn document(
        &mut self,
        p: &mut Project,
        source: &El,
        text_el: &El,
        kind: SourceKind,
        index: usize,
        cat_ids: &IdMap<uuid::Uuid, CategoryId>,
    ) -> Result<DocId, String> {
        let raw = self.source_text(text_el)?;
        self.document_from(p, source, text_el, raw, kind, index, cat_ids, false)
    }

    /// A document from its raw text and the selections under `text_el`.
    /// `by_quote`: place each selection by the words its name quotes, not
    /// by its positions (they count another program's reading of a PDF).
    #[allow(clippy::too_many_arguments, reason = "one call site each way")]
    pub(super) fn document_from(
        &mut self,
        p: &mut Project,
        source: &El,
        text_el: &El,
        raw: String,
        kind: SourceKind,
        index: usize,
        cat_ids: &IdMap<uuid::Uuid, CategoryId>,
        by_quote: bool,
    ) -> Result<DocId, String> {
        let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(&raw).to_owned();
        let (body, map) = text::normalize_with_map(&raw);
        let raw_chars: Vec<char> = raw.chars().collect();
        let guid = uuid_of(source, "guid").unwrap_or_else(uuid::Uuid::new_v4);
        let doc_id = DocId(guid);
        let title = super::import::source_name(source, index);
        let mut doc = Document::new(
            doc_id,
            title.clone(),
            format!("REFI-QDA: {title}"),
            kind,
            body,
        );
        let len = doc.char_len();
        doc.memo = self.memo(source);
        let whole = text_el.children("Coding").count();
        if whole > 0 {
            self.report.codings_left_out += whole;
            self.report.skipped.push(format!(
                "\"{title}\": {} of the whole source (not of a passage) not brought over; Thema codes passages",
                crate::words::count(whole, "coding", "codings")
            ));
        }
        p.documents.push(doc.clone());
        for v in source.children("VariableValue") {
            self.variable_value(p, doc_id, v);
        }
        // Selections and their codings, in the unit this source's
        // positions were counted in (`positions`).
        let raw_view = View::new(raw_chars);
        let written: Vec<Written<'_>> = text_el
            .children("PlainTextSelection")
            .filter_map(|sel| {
                Some(Written {
                    start: position(sel, "startPosition")?,
                    end: position(sel, "endPosition")?,
                    name: sel.attr("name"),
                })
            })
            .collect();
        let same = |s: usize, e: usize, name: &str| raw_view.same(s, e, name);
        let (reading, note) = if by_quote {
            (positions::Reading::STANDARD, None)
        } else {
            positions::decide(&raw_view.chars, &title, &self.origin, &written, &same)
        };
        if let Some(note) = note {
            self.report.notes.push(note);
        }
        let to_raw = positions::to_raw_map(&raw_view.chars, reading);
        let mut added = Vec::new();
        let mut uncoded: Vec<String> = Vec::new();
        let mut uncoded_count = 0usize;
        for sel in text_el.children("PlainTextSelection") {
            // What leaving this selection out costs, for the report's counts.
            let leave_out = |r: &mut super::import::ImportReport| {
                r.selections_left_out += 1;
                r.codings_left_out += sel.children("Coding").count();
            };
            let written = |v: Option<i64>| v.map_or("?".to_owned(), |n| n.to_string());
            let (s0, e0) = (position(sel, "startPosition"), position(sel, "endPosition"));
            let at = format!(
                "the selection {}..{} of \"{title}\"",
                written(s0),
                written(e0)
            );
            let mut fixes: Vec<String> = Vec::new();
            let (rs, re, ns, ne) = if by_quote {
                // Positions count another program's reading of the PDF:
                // place the passage by the words it quotes instead.
                let name = sel.attr("name").map(str::trim).filter(|n| !n.is_empty());
                match name.and_then(|n| text::find_loose(&raw, n)) {
                    Some((a, b)) => (a, b, map[a], map[b]),
                    None => {
                        self.report.skipped.push(format!(
                            "{at}: its positions count another program's reading of the PDF and its words were not found in Thema's, so it was left out"
                        ));
                        leave_out(&mut self.report);
                        continue;
                    }
                }
            } else {
                let (Some(s0), Some(e0)) = (s0, e0) else {
                    self.report.skipped.push(format!(
                        "{at} has no readable start and end position; it was left out"
                    ));
                    leave_out(&mut self.report);
                    continue;
                };
                let (mut s, mut e) = (s0, e0);
                if e < s {
                    std::mem::swap(&mut s, &mut e);
                    fixes.push(format!(
                        "its start was after its end, so they were swapped to {s}..{e}"
                    ));
                }
                if s < 0 {
                    fixes.push(format!("its start {s} was negative and was set to 0"));
                    s = 0;
                }
                if e < 0 {
                    fixes.push(format!("its end {e} was negative and was set to 0"));
                    e = 0;
                }
                // Positions beyond any text are past the end: clamp to the text
                // so the arithmetic below stays in range.
                let limit = to_raw.len() - 1;
                let (s, mut e) = (
                    usize::try_from(s)
                        .unwrap_or(usize::MAX)
                        .min(limit.saturating_add(1)),
                    usize::try_from(e)
                        .unwrap_or(usize::MAX)
                        .min(limit.saturating_add(1)),
                );
                // Inclusive ends: if the name matches one position more, take it.
                let raw_at = |p: usize| to_raw.get(p).copied().filter(|&r| r != positions::INSIDE);
                if let Some(name) = sel.attr("name")
                    && let (Some(rs), Some(re), Some(re1)) = (raw_at(s), raw_at(e), raw_at(e + 1))
                    && !raw_view.same(rs, re, name)
                    && raw_view.same(rs, re1, name)
                {
                    e += 1;
                }
                if s >= limit {
                    self.report.skipped.push(format!(
                        "{at} starts past the end of its text of {limit} chars; it was left out"
                    ));
                    leave_out(&mut self.report);
                    continue;
                }
                if e > limit {
                    fixes.push(format!(
                        "it ran past the end of its text of {limit} chars and was shortened to {s}..{limit}"
                    ));
                    e = limit;
                }
                // A position inside a character (half a surrogate pair, between
                // CR and LF) takes the whole character.
                let rs = (0..=s).rev().find_map(raw_at).unwrap_or(0);
                let re = (e..to_raw.len()).find_map(raw_at).unwrap_or(raw_view.len());
                if raw_at(s).is_none() || raw_at(e).is_none() {
                    fixes.push(format!(
                        "a position fell inside a character (counted as {}), so the selection was widened to whole characters",
                        reading.describe()
                    ));
                }
                (rs, re, map[rs], map[re])
            };
            if ns >= ne {
                fixes.push("it covers no text; it was left out".into());
                self.report
                    .skipped
                    .push(format!("{at}: {}", fixes.join("; ")));
                leave_out(&mut self.report);
                continue;
            }
            if !fixes.is_empty() {
                self.report
                    .skipped
                    .push(format!("{at}: {}", fixes.join("; ")));
            }
            let memo = self.memo(sel);
            let sel_user = uuid_of(sel, "creatingUser");
            let sel_time = sel.attr("creationDateTime").unwrap_or("").to_owned();
            let mut codes = Vec::new();
            let mut category = None;
            let mut first_user = None;
            for coding in sel.children("Coding") {
                let Some(target) = coding
                    .child("CodeRef")
                    .and_then(|r| uuid_of(r, "targetGUID"))
                else {
                    self.report.skipped.push(format!(
                        "{at}: a coding names no code (no valid CodeRef); it was left out"
                    ));
                    self.report.codings_left_out += 1;
                    continue;
                };
                if let Some(cat) = cat_ids.get(&target) {
                    category = Some(*cat);
                    self.report.category_codings += 1;
                } else if self.code_ids.contains(&CodeId(target)) {
                    codes.push((
                        CodeId(target),
                        uuid_of(coding, "guid"),
                        uuid_of(coding, "creatingUser"),
                        coding.attr("creationDateTime").unwrap_or("").to_owned(),
                    ));
                    first_user = first_user.or(uuid_of(coding, "creatingUser"));
                } else {
                    self.report.skipped.push(format!(
                        "{at}: a coding refers to a code that is not in the codebook; it was left out"
                    ));
                    self.report.codings_left_out += 1;
                }
            }
            if codes.is_empty() {
                // A quotation with no code (ATLAS.ti keeps them, with a
                // comment): Thema keeps coded passages only. Its comment
                // goes into the document's memo; the passage is counted.
                if category.is_some() {
                    self.report.category_codings -= 1;
                    self.report.codings_left_out += 1;
                }
                self.report.selections_left_out += 1;
                uncoded_count += 1;
                if !memo.is_empty() {
                    let quote: String = raw_view.chars[rs..re].iter().take(80).collect();
                    let quote = quote.split_whitespace().collect::<Vec<_>>().join(" ");
                    let more = if re - rs > 80 { "…" } else { "" };
                    uncoded.push(format!(
                        "Passage “{quote}{more}” (characters {ns}–{ne}): {memo}"
                    ));
                }
                continue;
            }
            for (k, (code, cguid, cuser, ctime)) in codes.iter().enumerate() {
                let user = cuser.or(sel_user).or(first_user);
                let reviewer = match user {
                    Some(u) => ensure_reviewer(p, u),
                    None => ensure_reviewer(p, uuid::Uuid::from_u128(0x00E1_0000)),
                };
                // One selection with one code keeps the selection's GUID.
                let id = if k == 0 {
                    uuid_of(sel, "guid").unwrap_or_else(uuid::Uuid::new_v4)
                } else {
                    cguid.unwrap_or_else(uuid::Uuid::new_v4)
                };
                let created = if ctime.is_empty() {
                    sel_time.clone()
                } else {
                    ctime.clone()
                };
                added.push(Coding {
                    id: CodingId(id),
                    doc: doc_id,
                    start: ns,
                    end: ne,
                    code: *code,
                    category,
                    reviewer,
                    memo: memo.clone(),
                    created,
                    check: None,
                });
            }
        }
        let _ = len;
        if uncoded_count > 0 {
            let comments = if uncoded.is_empty() {
                String::new()
            } else {
                format!(
                    " ({} had a comment, added to the document's memo with its passage)",
                    uncoded.len()
                )
            };
            self.report.skipped.push(format!(
                "\"{title}\": {} no code; Thema keeps coded passages only, so {} not brought over{comments}",
                crate::words::count(uncoded_count, "selection carries", "selections carry"),
                if uncoded_count == 1 { "it was" } else { "they were" }
            ));
            if let Some(d) = p.documents.iter_mut().find(|d| d.id == doc_id) {
                let block = uncoded.join("\n");
                d.memo = match (d.memo.is_empty(), block.is_empty()) {
                    (_, true) => d.memo.clone(),
                    (true, false) => block,
                    (false, false) => format!("{}\n\n{block}", d.memo),
                };
            }
        }
        self.report.codings += added.len();
        p.codings.extend(added);
        self.report.documents += 1;
        doc.reference = 0;
        Ok(doc_id)
    }

    /// Counts everything coded inside a source that is not brought over.
    pub(super) fn leave_out_all(&mut self, source: &El) {
        let mut work = vec![source];
        while let Some(el) = work.pop() {
            work.extend(el.children.iter());
            if el.name == "Coding" {
                self.report.codings_left_out += 1;
            } else if el.name.ends_with("Selection") {
                self.report.selections_left_out += 1;
            }
        }
        self.report.sources_left_out += 1;
    }

    /// A PDF source without a text representation: its text is read from
    /// the PDF in the archive, and its text selections are placed by the
    /// words they quote (their positions count the other program's reading
    /// of the PDF, which is not Thema's).
    pub(super) fn pdf_without_text(
        &mut self,
        p: &mut Project,
        s: &El,
        index: usize,
        cat_ids: &IdMap<uuid::Uuid, CategoryId>,
    ) -> Result<DocId, String> {
        let path = s
            .attr("path")
            .ok_or("it names no PDF file and has no text representation")?;
        let (file, bytes) = self
            .archive
            .resolve(path)
            .ok_or_else(|| format!("its PDF \"{path}\" is missing from the archive"))?;
        let pdf = read_pdf_isolated(bytes).map_err(|e| format!("its PDF \"{file}\": {e}"))?;
        let (text, page_starts) = crate::io::import::join_pages(&pdf.pages);
        if text.trim().is_empty() {
            return Err(format!(
                "its PDF \"{file}\" has no text layer (a scanned PDF needs OCR first)"
            ));
        }
        let doc = self.document_from(p, s, s, text, SourceKind::Pdf, index, cat_ids, true)?;
        if let Some(d) = p.documents.iter_mut().find(|d| d.id == doc) {
            d.page_starts = page_starts;
        }
        self.report.notes.push(format!(
            "PDF source \"{}\" had no text representation: its text was read from the PDF, and its passages were placed by the words they quote",
            super::import::source_name(s, index)
        ));
        Ok(doc)
    }
}

/// Reads a PDF from an archive the way imported PDFs are read: in the
/// worker process when one is set up (a PDF that hangs or crashes the
/// reader costs that PDF, not the window), from a temporary copy that is
/// removed afterwards.
fn read_pdf_isolated(bytes: &[u8]) -> Result<crate::io::pdf::PdfText, String> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let path = std::env::temp_dir().join(format!(
        "thema-refi-{}-{}.pdf",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&path, bytes)
        .map_err(|e| format!("it could not be copied out of the archive to be read ({e})"))?;
    let result = crate::io::pdf::extract_file(&path, bytes).map_err(|e| e.to_string());
    let _ = std::fs::remove_file(&path);
    result
}
