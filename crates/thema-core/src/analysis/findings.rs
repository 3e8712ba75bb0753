//! What supports each review finding, derived live from the codings of
//! its codes (with their sub-codes) in a table's scope: the contributing
//! studies, the supporting passages, and the evidence pre-filled beside
//! each GRADE-CERQual judgement. Nothing here is stored; adding a coding
//! changes the next call's answer.

use super::prepare::{NO_CATEGORY, Prepared};
use crate::model::findings::{Credibility, Finding};
use crate::model::{CodingId, DocId, Project, ReviewerId};

/// A passage that supports a finding (the same passage coded by several
/// reviewers appears once).
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    /// The codings of this passage in scope (one per reviewer who coded it).
    pub codings: Vec<CodingId>,
    pub doc: DocId,
    pub reference: u32,
    /// "Okafor 2021", or "[7]".
    pub source: String,
    /// The page the passage starts on (the document's `page_label` of
    /// `start..end` says "pp. 4–5" when it runs on).
    pub page: Option<usize>,
    pub last_page: Option<usize>,
    pub start: usize,
    pub end: usize,
    /// Its 1-based number among its study's passages for this finding.
    pub number: usize,
    pub words: usize,
    /// The category's name, `None` for no category.
    pub category: Option<String>,
    pub reviewers: Vec<ReviewerId>,
    pub contradicting: bool,
    pub rating: Option<Credibility>,
}

impl Passage {
    /// "Okafor 2021, p. 4 #2"
    pub fn citation(&self) -> String {
        let mut s = self.source.clone();
        if let Some(p) = self.page {
            match self.last_page.filter(|&l| l > p) {
                Some(l) => s.push_str(&format!(", pp. {p}\u{2013}{l}")),
                None => s.push_str(&format!(", p. {p}")),
            }
        }
        s
    }
}

/// A finding's support in one scope.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// Contributing studies, by reference number.
    pub studies: Vec<DocId>,
    pub refs: Vec<u32>,
    /// In document order, then text order.
    pub passages: Vec<Passage>,
    pub words: usize,
    /// Codes of the finding that are no longer in the codebook.
    pub missing_codes: usize,
}

impl Evidence {
    /// "9 studies (2,3,6,7,11,13–17)", "1 study (4)", "no study" (in the
    /// project's citation style).
    pub fn citation(&self, citer: &super::citations::Citer) -> String {
        match self.studies.len() {
            0 => "no study".to_owned(),
            1 => format!("1 study {}", citer.cite(&self.refs)),
            n => format!("{n} studies {}", citer.cite(&self.refs)),
        }
    }
}

/// The finding's contributing studies and supporting passages in `prep`'s
/// scope.
pub fn evidence(prep: &Prepared<'_>, f: &Finding) -> Evidence {
    let p = prep.project;
    let mine: Vec<bool> = prep
        .codes
        .iter()
        .map(|(id, _)| f.codes.contains(id))
        .collect();
    let missing_codes = f.codes.iter().filter(|c| !p.codebook.contains(**c)).count();
    let mut hits: Vec<usize> = (0..prep.codings.len())
        .filter(|&i| prep.chain(prep.codings[i].code).any(|c| mine[c as usize]))
        .collect();
    hits.sort_by_key(|&i| {
        let c = &prep.codings[i];
        let coding = &p.codings[c.index as usize];
        (c.doc, coding.start, coding.end, coding.id)
    });
    let mut passages: Vec<Passage> = Vec::new();
    for i in hits {
        let sc = &prep.codings[i];
        let coding = &p.codings[sc.index as usize];
        let doc = prep.doc(sc.doc);
        if let Some(last) = passages.last_mut()
            && last.doc == doc.id
            && last.start == coding.start
            && last.end == coding.end
        {
            last.codings.push(coding.id);
            if !last.reviewers.contains(&coding.reviewer) {
                last.reviewers.push(coding.reviewer);
            }
            last.contradicting |= f.contradicting.contains(&coding.id);
            last.rating = last.rating.or_else(|| f.rating(coding.id));
            continue;
        }
        let number = passages.iter().filter(|x| x.doc == doc.id).count() + 1;
        let words = doc
            .slice_chars(coding.start, coding.end)
            .split_whitespace()
            .count();
        passages.push(Passage {
            codings: vec![coding.id],
            doc: doc.id,
            reference: doc.reference,
            source: if doc.short_ref.is_empty() {
                format!("[{}]", doc.reference)
            } else {
                doc.short_ref.clone()
            },
            page: doc.page_of(coding.start),
            last_page: doc.page_of(coding.end.saturating_sub(1).max(coding.start)),
            start: coding.start,
            end: coding.end,
            number,
            words,
            category: (sc.cat != NO_CATEGORY)
                .then(|| p.categories.get(sc.cat as usize).map(|c| c.name.clone()))
                .flatten(),
            reviewers: vec![coding.reviewer],
            contradicting: f.contradicting.contains(&coding.id),
            rating: f.rating(coding.id),
        });
    }
    let mut studies: Vec<(u32, DocId)> = Vec::new();
    for x in &passages {
        if !studies.iter().any(|(_, d)| *d == x.doc) {
            studies.push((x.reference, x.doc));
        }
    }
    studies.sort_unstable();
    Evidence {
        refs: studies.iter().map(|(r, _)| *r).collect(),
        studies: studies.into_iter().map(|(_, d)| d).collect(),
        words: passages.iter().map(|x| x.words).sum(),
        passages,
        missing_codes,
    }
}

/// "1 study" / "3 studies".
fn studies(n: usize) -> String {
    if n == 1 {
        "1 study".to_owned()
    } else {
        format!("{n} studies")
    }
}

fn passages(n: usize) -> String {
    if n == 1 {
        "1 passage".to_owned()
    } else {
        format!("{n} passages")
    }
}

/// "a, b and c".
pub fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// 1480 → "1,480".
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Methodological limitations: how the contributing studies were judged
/// in the appraisal ("Of 9 contributing studies, 6 were judged High, 2
/// Moderate and 1 Low; 1 is not appraised.").
pub fn limitations_text(p: &Project, e: &Evidence) -> String {
    if e.studies.is_empty() {
        return "No study contributes to this finding in this scope.".to_owned();
    }
    let mut counts: Vec<(String, usize)> =
        p.appraisal.levels().into_iter().map(|l| (l, 0)).collect();
    let mut none = 0;
    for d in &e.studies {
        match super::appraisal::study_level(p, *d) {
            Some((level, _)) => match counts.iter_mut().find(|(l, _)| *l == level) {
                Some((_, n)) => *n += 1,
                None => counts.push((level, 1)),
            },
            None => none += 1,
        }
    }
    let judged: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(l, n)| format!("{n} {l}"))
        .collect();
    let total = e.studies.len();
    if judged.is_empty() {
        return format!(
            "None of the {} contributing to this finding is appraised yet.",
            studies(total)
        );
    }
    let of = if total == 1 {
        "Of 1 contributing study".to_owned()
    } else {
        format!("Of {total} contributing studies")
    };
    // "6 judged High, 2 Moderate and 1 Low"
    let mut parts = judged;
    if let Some(first) = parts.first_mut() {
        *first = first.replacen(' ', " judged ", 1);
    }
    let mut s = format!("{of}: {}", join_and(&parts));
    if none > 0 {
        s.push_str(&format!("; {none} not appraised"));
    }
    s.push('.');
    s
}

/// Coherence: how the passages split across categories, and which are
/// marked as contradicting the finding.
pub fn coherence_text(e: &Evidence) -> String {
    if e.passages.is_empty() {
        return "No passage supports this finding in this scope.".to_owned();
    }
    let mut split: Vec<(String, usize)> = Vec::new();
    for x in &e.passages {
        let name = x.category.clone().unwrap_or_else(|| "no category".into());
        match split.iter_mut().find(|(n, _)| *n == name) {
            Some((_, k)) => *k += 1,
            None => split.push((name, 1)),
        }
    }
    let parts: Vec<String> = split.iter().map(|(n, k)| format!("{k} {n}")).collect();
    let mut s = format!("{}: {}.", passages(e.passages.len()), join_and(&parts));
    let against: Vec<String> = e
        .passages
        .iter()
        .filter(|x| x.contradicting)
        .map(Passage::citation)
        .collect();
    if against.is_empty() {
        s.push_str(" None is marked as contradicting the finding.");
    } else {
        s.push_str(&format!(
            " {} marked as contradicting the finding ({}).",
            passages(against.len()),
            against.join("; ")
        ));
    }
    s
}

/// Adequacy: the quantity of supporting data.
pub fn adequacy_text(e: &Evidence) -> String {
    if e.studies.is_empty() {
        return "No supporting data in this scope.".to_owned();
    }
    let single = e
        .studies
        .iter()
        .filter(|d| e.passages.iter().filter(|x| x.doc == **d).count() == 1)
        .count();
    let mut s = format!(
        "{}, {} and {} words of supporting data",
        studies(e.studies.len()),
        passages(e.passages.len()),
        thousands(e.words)
    );
    if single > 0 {
        s.push_str(&format!(
            "; {} {} a single passage",
            studies(single),
            if single == 1 {
                "contributes"
            } else {
                "contribute"
            }
        ));
    }
    s.push('.');
    s
}

/// Relevance: the contributing studies' attributes against the review
/// question's context.
pub fn relevance_text(p: &Project, e: &Evidence) -> String {
    let ctx = &p.findings.context;
    if ctx.values.is_empty() {
        return "The review question's context is not set (Findings \u{203a} Review context), so the studies' settings cannot be compared with it.".to_owned();
    }
    if e.studies.is_empty() {
        return "No study contributes to this finding in this scope.".to_owned();
    }
    let mut lines = Vec::new();
    for (attr, wanted) in &ctx.values {
        let Some(def) = p.attribute_def(*attr) else {
            lines.push(format!(
                "A context attribute ({}) was deleted and is not compared",
                wanted.join(", ")
            ));
            continue;
        };
        let mut matching = 0;
        let mut missing = 0;
        let mut other: Vec<String> = Vec::new();
        for d in &e.studies {
            let v = p
                .document(*d)
                .map(|x| x.attribute(*attr).trim().to_owned())
                .unwrap_or_default();
            if v.is_empty() {
                missing += 1;
            } else if wanted.iter().any(|w| w.eq_ignore_ascii_case(&v)) {
                matching += 1;
            } else {
                if !other.contains(&v) {
                    other.push(v);
                }
            }
        }
        let mut line = format!(
            "{}: {matching} of {} match ({})",
            def.name,
            studies(e.studies.len()),
            wanted.join(", ")
        );
        let others = e.studies.len() - matching - missing;
        if others > 0 {
            line.push_str(&format!("; {others} other ({})", other.join(", ")));
        }
        if missing > 0 {
            line.push_str(&format!("; {missing} not stated"));
        }
        lines.push(line);
    }
    format!("{}.", lines.join(". "))
}
