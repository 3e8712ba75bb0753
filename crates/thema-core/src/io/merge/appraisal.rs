//! Merging two reviewers' appraisals: checklists by id, rules and
//! per-study checklists, answers by (study, reviewer, checklist, item),
//! finished marks, the decision log and the judgements. Where both
//! projects hold a different value for the same thing, the first
//! project's stays and the conflict is listed; nothing else is dropped.

use super::{Conflict, MergeReport};
use crate::model::appraisal::Answer;
use crate::model::{AttrId, DocId, IdMap, Project};

pub(super) fn merge_appraisal(
    p: &mut Project,
    other: &Project,
    doc_map: &IdMap<DocId, DocId>,
    attr_map: &IdMap<AttrId, AttrId>,
    r: &mut MergeReport,
) {
    let theirs = &other.appraisal;
    let doc = |d: DocId| doc_map.get(&d).copied();
    let before = r.conflicts.len();
    let mut left_out = 0usize;
    let docs = &p.documents;
    let name = |d: DocId| {
        docs.iter()
            .find(|x| x.id == d)
            .map_or_else(|| d.to_string(), |x| x.title.clone())
    };
    for c in &theirs.checklists {
        match p.appraisal.checklist(&c.id) {
            None => {
                p.appraisal.checklists.push(c.clone());
                r.appraisal_added += 1;
            }
            Some(mine) if mine != c => r.conflicts.push(Conflict {
                what: format!("checklist {}", c.id),
                kept: format!("{} ({} items)", mine.title(), mine.items.len()),
                other: format!("{} ({} items)", c.title(), c.items.len()),
            }),
            Some(_) => {}
        }
    }
    for rule in &theirs.rules {
        let Some(attr) = attr_map.get(&rule.attr).copied() else {
            left_out += 1;
            continue;
        };
        let mut rule = rule.clone();
        rule.attr = attr;
        match p
            .appraisal
            .rules
            .iter()
            .find(|x| x.attr == rule.attr && x.value == rule.value)
        {
            None => {
                p.appraisal.rules.push(rule);
                r.appraisal_added += 1;
            }
            Some(x) if x.checklist != rule.checklist => r.conflicts.push(Conflict {
                what: format!("checklist rule for \"{}\"", rule.value),
                kept: x.checklist.clone(),
                other: rule.checklist.clone(),
            }),
            Some(_) => {}
        }
    }
    for (d, list) in &theirs.assigned {
        let Some(d) = doc(*d) else {
            left_out += 1;
            continue;
        };
        match p.appraisal.assigned.iter().find(|(x, _)| *x == d) {
            None => {
                p.appraisal.assigned.push((d, list.clone()));
                r.appraisal_added += 1;
            }
            Some((_, mine)) if mine != list => r.conflicts.push(Conflict {
                what: format!("checklist of \"{}\"", name(d)),
                kept: mine.clone(),
                other: list.clone(),
            }),
            Some(_) => {}
        }
    }
    for a in &theirs.answers {
        let Some(d) = doc(a.doc) else {
            left_out += 1;
            continue;
        };
        let mapped = Answer {
            doc: d,
            ..a.clone()
        };
        match p.appraisal.answer(&mapped.key()) {
            None => {
                p.appraisal.answers.push(mapped);
                r.appraisal_added += 1;
            }
            Some(mine) if mine != &mapped => r.conflicts.push(Conflict {
                what: format!(
                    "appraisal answer {} {} of \"{}\"",
                    a.checklist,
                    a.item,
                    name(d)
                ),
                kept: describe(mine),
                other: describe(&mapped),
            }),
            Some(_) => {}
        }
    }
    for (d, who) in &theirs.finished {
        let Some(d) = doc(*d) else {
            left_out += 1;
            continue;
        };
        if !p.appraisal.finished.contains(&(d, *who)) {
            p.appraisal.finished.push((d, *who));
            r.appraisal_added += 1;
        }
    }
    for dec in &theirs.decisions {
        let Some(d) = doc(dec.doc) else {
            left_out += 1;
            continue;
        };
        let mut dec = dec.clone();
        dec.doc = d;
        if !p.appraisal.decisions.contains(&dec) {
            p.appraisal.decisions.push(dec);
            r.appraisal_added += 1;
        }
    }
    for j in &theirs.judgements {
        let Some(d) = doc(j.doc) else {
            left_out += 1;
            continue;
        };
        let mut j = j.clone();
        j.doc = d;
        match p.appraisal.judgement(d) {
            None => {
                p.appraisal.judgements.push(j);
                r.appraisal_added += 1;
            }
            Some(mine) if mine.level != j.level || mine.reason != j.reason => {
                r.conflicts.push(Conflict {
                    what: format!("overall judgement of \"{}\"", name(d)),
                    kept: format!("{} ({})", mine.level, mine.reason),
                    other: format!("{} ({})", j.level, j.reason),
                });
            }
            Some(_) => {}
        }
    }
    if left_out > 0 {
        r.conflicts.insert(
            before,
            Conflict {
                what: "appraisal of the second project".into(),
                kept: "the first project's".into(),
                other: format!(
                    "{} left out: their study or attribute is not in the merged project",
                    crate::words::count(
                        left_out,
                        "answer, rule or judgement",
                        "answers, rules or judgements"
                    )
                ),
            },
        );
    }
    if p.appraisal.levels.is_empty() && !theirs.levels.is_empty() {
        p.appraisal.levels.clone_from(&theirs.levels);
        r.appraisal_added += 1;
    }
    if p.appraisal.rule.is_empty() && !theirs.rule.is_empty() {
        p.appraisal.rule.clone_from(&theirs.rule);
        r.appraisal_added += 1;
    } else if !theirs.rule.is_empty() && p.appraisal.rule != theirs.rule {
        let text = |a: &crate::model::appraisal::Appraisal| a.rule_text("best").unwrap_or_default();
        r.conflicts.push(Conflict {
            what: "judgement rule".into(),
            kept: text(&p.appraisal),
            other: text(theirs),
        });
    }
}

fn describe(a: &Answer) -> String {
    if a.note.is_empty() {
        a.answer.clone()
    } else {
        format!("{}: {}", a.answer, a.note)
    }
}
