//! Merging review findings: findings, categories and synthesised findings
//! by id, assessments by finding and reviewer, the reconciliation log
//! united. A different version of the same thing keeps the first
//! project's and is listed as a conflict.

use super::{Conflict, MergeReport};
use crate::model::{CodeId, IdMap, Project};

pub(super) fn merge_findings(
    p: &mut Project,
    other: &Project,
    code_map: &IdMap<CodeId, CodeId>,
    r: &mut MergeReport,
) {
    let theirs = &other.findings;
    for f in &theirs.findings {
        let mut f = f.clone();
        f.codes = f
            .codes
            .iter()
            .map(|c| code_map.get(c).copied().unwrap_or(*c))
            .collect();
        match p.findings.finding(f.id) {
            None => {
                if p.findings.by_label(&f.label).is_some() {
                    let label = f.label.clone();
                    f.label = p.findings.next_label();
                    r.conflicts.push(Conflict {
                        what: format!("finding number {label}"),
                        kept: label.clone(),
                        other: format!("{} (renumbered)", f.label),
                    });
                }
                p.findings.findings.push(f);
                r.findings_added += 1;
            }
            Some(mine) if *mine != f => r.conflicts.push(Conflict {
                what: format!("finding {}", mine.label),
                kept: mine.statement.clone(),
                other: f.statement.clone(),
            }),
            Some(_) => {}
        }
    }
    for a in &theirs.assessments {
        match p.findings.assessment(a.finding, a.reviewer) {
            None => {
                p.findings.assessments.push(a.clone());
                r.findings_added += 1;
            }
            Some(mine) if mine != a => {
                let level = |x: &crate::model::findings::Assessment| {
                    x.confidence
                        .map_or("not assessed", |c| c.label())
                        .to_owned()
                };
                r.conflicts.push(Conflict {
                    what: format!(
                        "assessment of finding {} by {}",
                        p.findings
                            .finding(a.finding)
                            .map_or_else(|| "?".to_owned(), |f| f.label.clone()),
                        other
                            .reviewer(a.reviewer)
                            .map_or_else(|| "?".to_owned(), |x| x.initials.clone())
                    ),
                    kept: level(mine),
                    other: level(a),
                });
            }
            Some(_) => {}
        }
    }
    for c in &theirs.categories {
        match p.findings.category(c.id) {
            None => {
                p.findings.categories.push(c.clone());
                r.findings_added += 1;
            }
            Some(mine) if mine != c => r.conflicts.push(Conflict {
                what: format!("JBI category \u{201c}{}\u{201d}", mine.name),
                kept: crate::words::count(mine.findings.len(), "finding", "findings"),
                other: crate::words::count(c.findings.len(), "finding", "findings"),
            }),
            Some(_) => {}
        }
    }
    for s in &theirs.synthesised {
        match p.findings.synthesised.iter().find(|x| x.id == s.id) {
            None => {
                p.findings.synthesised.push(s.clone());
                r.findings_added += 1;
            }
            Some(mine) if mine != s => r.conflicts.push(Conflict {
                what: "synthesised finding".into(),
                kept: mine.statement.clone(),
                other: s.statement.clone(),
            }),
            Some(_) => {}
        }
    }
    if p.findings.context == Default::default() && theirs.context != Default::default() {
        p.findings.context = theirs.context.clone();
        r.findings_added += 1;
    } else if theirs.context != Default::default() && p.findings.context != theirs.context {
        r.conflicts.push(Conflict {
            what: "review context".into(),
            kept: p.findings.context.title.clone(),
            other: theirs.context.title.clone(),
        });
    }
    for d in &theirs.decisions {
        if !p.findings.decisions.contains(d) {
            p.findings.decisions.push(d.clone());
            r.findings_added += 1;
        }
    }
}
