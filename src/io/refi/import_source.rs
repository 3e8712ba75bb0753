//! The REFI-QDA importer's handling of one text source: its text (with
//! offsets mapped through normalisation and CRLF counting), its selections
//! and their codings, memos and variable values.

use super::import::Importer;
use super::import_util::{ensure_reviewer, num, same, slice};
use super::parse_guid;
use super::xml::El;
use crate::model::{
    CategoryId, CodeId, Coding, CodingId, DocId, Document, IdMap, Project, Source, SourceKind,
    text, time,
};

fn uuid_of(el: &El, attr: &str) -> Option<uuid::Uuid> {
    el.attr(attr).and_then(parse_guid)
}

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
        let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(&raw).to_owned();
        let (body, map) = text::normalize_with_map(&raw);
        let raw_chars: Vec<char> = raw.chars().collect();
        // Offsets may count CRLF as one character: build that view too.
        let lf: String = raw.replace("\r\n", "\n");
        let lf_chars: Vec<char> = lf.chars().collect();
        let lf_to_raw: Vec<usize> = {
            let mut v = Vec::with_capacity(lf_chars.len() + 1);
            let mut r = 0;
            while r < raw_chars.len() {
                v.push(r);
                r += if raw_chars[r] == '\r' && raw_chars.get(r + 1) == Some(&'\n') {
                    2
                } else {
                    1
                };
            }
            v.push(raw_chars.len());
            v
        };
        let guid = uuid_of(source, "guid").unwrap_or_else(uuid::Uuid::new_v4);
        let doc_id = DocId(guid);
        let title = source
            .attr("name")
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .unwrap_or_else(|| format!("Source {}", index + 1));
        let mut doc = Document {
            id: doc_id,
            title: title.clone(),
            short_ref: String::new(),
            reference: 0,
            source: Source {
                path: format!("REFI-QDA: {title}"),
                kind,
                text_hash: text::text_hash(&body),
                imported: time::now_iso(),
            },
            text: body,
            page_starts: Vec::new(),
            attributes: Default::default(),
            char_count: Default::default(),
        };
        let len = doc.char_len();
        p.documents.push(doc.clone());
        for v in source.children("VariableValue") {
            self.variable_value(p, doc_id, v);
        }
        // Selections and their codings.
        let crlf_vote = {
            let (mut raw_ok, mut lf_ok) = (0, 0);
            for sel in text_el.children("PlainTextSelection") {
                let (Some(s), Some(e), Some(name)) = (
                    num(sel, "startPosition"),
                    num(sel, "endPosition"),
                    sel.attr("name"),
                ) else {
                    continue;
                };
                if slice(&raw_chars, s, e).is_some_and(|t| same(&t, name)) {
                    raw_ok += 1;
                }
                if slice(&lf_chars, s, e).is_some_and(|t| same(&t, name)) {
                    lf_ok += 1;
                }
            }
            lf_ok > raw_ok
        };
        let mut added = Vec::new();
        for sel in text_el.children("PlainTextSelection") {
            let (Some(mut s), Some(mut e)) = (num(sel, "startPosition"), num(sel, "endPosition"))
            else {
                self.report
                    .skipped
                    .push(format!("a selection in \"{title}\" has no positions"));
                continue;
            };
            if e < s {
                std::mem::swap(&mut s, &mut e);
            }
            let view: &[char] = if crlf_vote { &lf_chars } else { &raw_chars };
            // Inclusive ends: if the name matches one char more, take it.
            if let Some(name) = sel.attr("name")
                && !slice(view, s, e).is_some_and(|t| same(&t, name))
                && slice(view, s, e + 1).is_some_and(|t| same(&t, name))
            {
                e += 1;
            }
            let limit = view.len();
            if s >= limit {
                self.report.skipped.push(format!("a selection in \"{title}\" starts past the end of its text ({s} > {limit}); it was left out"));
                continue;
            }
            if e > limit {
                self.report.skipped.push(format!(
                    "a selection in \"{title}\" ran past the end of its text and was shortened"
                ));
                e = limit;
            }
            let (rs, re) = if crlf_vote {
                (lf_to_raw[s], lf_to_raw[e])
            } else {
                (s, e)
            };
            let (ns, ne) = (map[rs], map[re]);
            if ns >= ne {
                continue;
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
                    continue;
                };
                if let Some(cat) = cat_ids.get(&target) {
                    category = Some(*cat);
                } else if p.codebook.contains(CodeId(target)) {
                    codes.push((
                        CodeId(target),
                        uuid_of(coding, "guid"),
                        uuid_of(coding, "creatingUser"),
                        coding.attr("creationDateTime").unwrap_or("").to_owned(),
                    ));
                    first_user = first_user.or(uuid_of(coding, "creatingUser"));
                } else {
                    self.report.skipped.push(format!(
                        "a coding in \"{title}\" refers to a code that is not in the codebook"
                    ));
                }
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
        self.report.codings += added.len();
        p.codings.extend(added);
        self.report.documents += 1;
        doc.reference = 0;
        Ok(doc_id)
    }
}
