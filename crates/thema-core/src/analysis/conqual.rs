//! JBI ConQual (Munn et al., BMC Medical Research Methodology 2014;
//! 14:108): the confidence in a synthesised finding. It starts High for
//! qualitative research (Low for text and opinion), goes down for
//! dependability — the JBI qualitative appraisal's questions 2, 3, 4, 6
//! and 7 of the contributing studies — and for credibility — how the
//! illustrations of its findings were rated — and never below Very low.
//! Every step is kept as a sentence so the window and the report can show
//! the arithmetic.

use super::appraisal::{Settled, settled};
use super::findings::{evidence, join_and};
use super::prepare::Prepared;
use crate::model::findings::{Confidence, Credibility, ResearchType, Synthesised};
use crate::model::{DocId, FindingId, Project};

/// The bundled JBI checklist and the questions dependability reads.
pub const JBI_CHECKLIST: &str = "jbi-qualitative";
pub const DEPENDABILITY_ITEMS: [&str; 5] = ["2", "3", "4", "6", "7"];

/// One contributing study's dependability answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StudyDependability {
    pub doc: DocId,
    pub reference: u32,
    /// Yes answers to the five questions; `None` when the study has no JBI
    /// qualitative appraisal.
    pub yes: Option<usize>,
    /// Questions whose reviewers answered differently with no decision
    /// logged (counted as not Yes).
    pub unsettled: usize,
    /// Questions nobody answered (counted as not Yes).
    pub unanswered: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dependability {
    pub studies: Vec<StudyDependability>,
    /// Appraised studies with 4–5, 2–3 and 0–1 Yes.
    pub bands: [usize; 3],
    /// Levels down: 0, 1 or 2; `None` when no study has a JBI appraisal.
    pub downgrade: Option<usize>,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CredibilityCount {
    pub unequivocal: usize,
    pub credible: usize,
    pub unsupported: usize,
    pub unrated: usize,
    /// Levels down (0–4); `None` while no illustration is rated.
    pub downgrade: Option<usize>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConqualScore {
    pub statement: String,
    pub research: ResearchType,
    pub findings: Vec<FindingId>,
    pub studies: Vec<DocId>,
    pub refs: Vec<u32>,
    pub dependability: Dependability,
    pub credibility: CredibilityCount,
    /// `None` until both downgrades are known.
    pub score: Option<Confidence>,
    /// Provisional: some illustrations are not rated yet.
    pub provisional: bool,
    /// The arithmetic, a sentence per step.
    pub steps: Vec<String>,
}

/// Levels down for a study with `yes` Yes answers of five.
pub fn study_downgrade(yes: usize) -> usize {
    match yes {
        4.. => 0,
        2 | 3 => 1,
        _ => 2,
    }
}

/// Dependability of a set of studies: each appraised study's band (4–5
/// Yes: none, 2–3: down one, 0–1: down two); the set takes the band most
/// of its appraised studies are in — a tie takes the lower band. Studies
/// without a JBI appraisal are named and left out.
pub fn dependability(p: &Project, docs: &[DocId]) -> Dependability {
    let mut studies = Vec::new();
    let mut bands = [0usize; 3];
    for &doc in docs {
        let reference = p.document(doc).map_or(0, |d| d.reference);
        let appraised = p
            .appraisal
            .answers
            .iter()
            .any(|a| a.doc == doc && a.checklist == JBI_CHECKLIST);
        let mut s = StudyDependability {
            doc,
            reference,
            yes: None,
            unsettled: 0,
            unanswered: 0,
        };
        if appraised {
            let mut yes = 0;
            for item in DEPENDABILITY_ITEMS {
                match settled(p, doc, JBI_CHECKLIST, item) {
                    Settled::Answer("yes") => yes += 1,
                    Settled::Answer(_) => {}
                    Settled::Differ => s.unsettled += 1,
                    Settled::None => s.unanswered += 1,
                }
            }
            bands[study_downgrade(yes)] += 1;
            s.yes = Some(yes);
        }
        studies.push(s);
    }
    let appraised: usize = bands.iter().sum();
    let downgrade = (appraised > 0).then(|| {
        let most = bands.iter().copied().max().unwrap_or(0);
        // The lowest band among those with the most studies.
        (0..3).rev().find(|&b| bands[b] == most).unwrap_or(0)
    });
    let mut text = match downgrade {
        None => format!(
            "none of the {} contributing studies has a JBI qualitative appraisal, so dependability cannot be graded",
            docs.len()
        ),
        Some(d) => format!(
            "of {appraised} contributing studies appraised with JBI, {} have 4\u{2013}5 Yes on questions 2, 3, 4, 6 and 7, {} have 2\u{2013}3 and {} have 0\u{2013}1; most are in the band that {}",
            bands[0],
            bands[1],
            bands[2],
            match d {
                0 => "keeps the level".to_owned(),
                1 => "goes down one level".to_owned(),
                _ => "goes down two levels".to_owned(),
            }
        ),
    };
    let missing: Vec<String> = studies
        .iter()
        .filter(|s| s.yes.is_none())
        .map(|s| s.reference.to_string())
        .collect();
    if downgrade.is_some() && !missing.is_empty() {
        text.push_str(&format!(
            "; not appraised with JBI, so left out: studies {}",
            missing.join(", ")
        ));
    }
    let unsettled: usize = studies.iter().map(|s| s.unsettled).sum();
    let unanswered: usize = studies.iter().map(|s| s.unanswered).sum();
    if unsettled > 0 {
        text.push_str(&format!(
            "; {} between reviewers with no decision and {} as not Yes",
            if unsettled == 1 {
                "1 answer differs".to_owned()
            } else {
                format!("{unsettled} answers differ")
            },
            if unsettled == 1 { "counts" } else { "count" }
        ));
    }
    if unanswered > 0 {
        text.push_str(&format!(
            "; {} as not Yes",
            if unanswered == 1 {
                "1 question unanswered counts".to_owned()
            } else {
                format!("{unanswered} questions unanswered count")
            }
        ));
    }
    Dependability {
        studies,
        bands,
        downgrade,
        text,
    }
}

/// Credibility of a set of illustrations: unequivocal only → none;
/// unequivocal and credible → down one; credible only → down two; credible
/// and unsupported (or any mix with unsupported) → down three; unsupported
/// only → down four.
pub fn credibility(ratings: impl Iterator<Item = Option<Credibility>>) -> CredibilityCount {
    let mut c = CredibilityCount::default();
    for r in ratings {
        match r {
            Some(Credibility::Unequivocal) => c.unequivocal += 1,
            Some(Credibility::Credible) => c.credible += 1,
            Some(Credibility::Unsupported) => c.unsupported += 1,
            None => c.unrated += 1,
        }
    }
    let (u, cr, un) = (c.unequivocal > 0, c.credible > 0, c.unsupported > 0);
    let (down, how) = match (u, cr, un) {
        (false, false, false) => (None, "no illustration is rated yet"),
        (true, false, false) => (Some(0), "unequivocal only: the level is kept"),
        (true, true, false) => (Some(1), "unequivocal and credible: down one level"),
        (false, true, false) => (Some(2), "credible only: down two levels"),
        (false, false, true) => (Some(4), "unsupported only: down four levels"),
        _ => (
            Some(3),
            "credible or unequivocal mixed with unsupported: down three levels",
        ),
    };
    c.downgrade = down;
    let rated = c.unequivocal + c.credible + c.unsupported;
    c.text = format!(
        "{}: {} unequivocal, {} credible, {} unsupported \u{2014} {how}",
        crate::words::count(rated, "rated illustration", "rated illustrations"),
        c.unequivocal,
        c.credible,
        c.unsupported
    );
    if c.unrated > 0 {
        c.text.push_str(&format!("; {} not rated yet", c.unrated));
    }
    c
}

/// The ConQual score of a synthesised finding, with its arithmetic.
pub fn conqual(prep: &Prepared<'_>, s: &Synthesised) -> ConqualScore {
    let p = prep.project;
    let f = &p.findings;
    let mut findings: Vec<FindingId> = Vec::new();
    let mut steps = Vec::new();
    for cat in &s.categories {
        let Some(c) = f.category(*cat) else { continue };
        if c.findings.len() < 2 {
            steps.push(format!(
                "Note: the category \u{201c}{}\u{201d} has {}; JBI asks for at least two.",
                c.name,
                crate::words::count(c.findings.len(), "finding", "findings")
            ));
        }
        for id in &c.findings {
            if !findings.contains(id) {
                findings.push(*id);
            }
        }
    }
    let mut studies: Vec<(u32, DocId)> = Vec::new();
    let mut ratings: Vec<Option<Credibility>> = Vec::new();
    for id in &findings {
        let Some(finding) = f.finding(*id) else {
            continue;
        };
        let e = evidence(prep, finding);
        for (r, d) in e.refs.iter().zip(&e.studies) {
            if !studies.iter().any(|(_, x)| x == d) {
                studies.push((*r, *d));
            }
        }
        ratings.extend(e.passages.iter().map(|x| x.rating));
    }
    studies.sort_unstable();
    let docs: Vec<DocId> = studies.iter().map(|(_, d)| *d).collect();
    let dep = dependability(p, &docs);
    let cred = credibility(ratings.into_iter());
    let start = s.research.start();
    steps.insert(
        0,
        format!(
            "Start: {} ({} research).",
            start.label(),
            s.research.label().to_lowercase()
        ),
    );
    steps.push(format!("Dependability: {}.", dep.text));
    steps.push(format!("Credibility: {}.", cred.text));
    let score = match (dep.downgrade, cred.downgrade) {
        (Some(d), Some(c)) => {
            let end = start.down(d + c);
            let floor = if d + c > 3 && end == Confidence::VeryLow {
                " (not below Very low)"
            } else {
                ""
            };
            steps.push(format!(
                "ConQual score: {} \u{2212} {d} (dependability) \u{2212} {c} (credibility) = {}{floor}.",
                start.label(),
                end.label()
            ));
            Some(end)
        }
        _ => {
            let mut missing = Vec::new();
            if dep.downgrade.is_none() {
                missing.push("dependability".to_owned());
            }
            if cred.downgrade.is_none() {
                missing.push("credibility".to_owned());
            }
            steps.push(format!(
                "ConQual score: not yet graded ({} cannot be graded yet).",
                join_and(&missing)
            ));
            None
        }
    };
    let provisional = score.is_some() && cred.unrated > 0;
    ConqualScore {
        statement: s.statement.clone(),
        research: s.research,
        findings,
        refs: studies.iter().map(|(r, _)| *r).collect(),
        studies: docs,
        dependability: dep,
        credibility: cred,
        score,
        provisional,
        steps,
    }
}
