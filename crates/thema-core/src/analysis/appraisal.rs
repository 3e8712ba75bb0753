//! Agreement between two reviewers' appraisals, and the studies × items
//! grid. Per item over the studies both answered, and pooled over items:
//! percent agreement, Cohen's kappa over the k answers of the checklist,
//! and for ordered answer sets linear weighted kappa, κw = 1 − Σ wᵢⱼ Oᵢⱼ /
//! Σ wᵢⱼ Eᵢⱼ with wᵢⱼ = |i − j| / (k − 1). "Not applicable" answers are left
//! out of weighted kappa (they have no place in the order). A statistic is
//! undefined ("—") when its denominator is 0.

use crate::model::appraisal::{Appraisal, Checklist};
use crate::model::{DocId, Project, ReviewerId};

/// A k × k table of counts: rows reviewer A's answer, columns B's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confusion {
    pub k: usize,
    pub counts: Vec<u64>,
}

impl Confusion {
    pub fn new(k: usize) -> Self {
        Self {
            k,
            counts: vec![0; k * k],
        }
    }

    pub fn add(&mut self, i: usize, j: usize) {
        if i < self.k && j < self.k {
            self.counts[i * self.k + j] += 1;
        }
    }

    pub fn merge(&mut self, o: &Confusion) {
        for (x, y) in self.counts.iter_mut().zip(&o.counts) {
            *x += y;
        }
    }

    pub fn n(&self) -> u64 {
        self.counts.iter().sum()
    }

    fn at(&self, i: usize, j: usize) -> f64 {
        self.counts[i * self.k + j] as f64
    }

    /// Share of units where both gave the same answer.
    pub fn percent_agreement(&self) -> Option<f64> {
        let n = self.n() as f64;
        (n > 0.0).then(|| (0..self.k).map(|i| self.at(i, i)).sum::<f64>() / n)
    }

    /// Kappa with disagreement weights `w(i, j)` (0 on the diagonal):
    /// 1 − Σ w O / Σ w E.
    fn weighted(&self, w: impl Fn(usize, usize) -> f64) -> Option<f64> {
        let n = self.n() as f64;
        if n == 0.0 {
            return None;
        }
        let row: Vec<f64> = (0..self.k)
            .map(|i| (0..self.k).map(|j| self.at(i, j)).sum())
            .collect();
        let col: Vec<f64> = (0..self.k)
            .map(|j| (0..self.k).map(|i| self.at(i, j)).sum())
            .collect();
        let (mut observed, mut expected) = (0.0, 0.0);
        for (i, ri) in row.iter().enumerate() {
            for (j, cj) in col.iter().enumerate() {
                let wij = w(i, j);
                observed += wij * self.at(i, j) / n;
                expected += wij * ri * cj / (n * n);
            }
        }
        (expected.abs() > 1e-12).then(|| 1.0 - observed / expected)
    }

    /// Cohen's kappa (unweighted).
    pub fn kappa(&self) -> Option<f64> {
        self.weighted(|i, j| if i == j { 0.0 } else { 1.0 })
    }

    /// Linear weighted kappa over the answers in order.
    pub fn linear_weighted_kappa(&self) -> Option<f64> {
        if self.k < 2 {
            return None;
        }
        let k1 = (self.k - 1) as f64;
        self.weighted(|i, j| i.abs_diff(j) as f64 / k1)
    }
}

/// Agreement on one item (or pooled over items).
#[derive(Clone, Debug, PartialEq)]
pub struct ItemAgreement {
    /// Item id, or "All items".
    pub item: String,
    pub title: String,
    /// Studies both reviewers answered.
    pub n: u64,
    pub agreed: u64,
    pub percent: Option<f64>,
    pub kappa: Option<f64>,
    /// `None` for an unordered answer set, or when undefined.
    pub weighted: Option<f64>,
    /// Studies weighted kappa counted (both answers not "not applicable").
    pub n_weighted: u64,
}

/// Agreement of two reviewers on a checklist, per item then pooled.
#[derive(Clone, Debug, PartialEq)]
pub struct AppraisalAgreement {
    pub checklist: String,
    pub ordered: bool,
    pub items: Vec<ItemAgreement>,
    pub pooled: ItemAgreement,
}

fn item_row(
    item: &str,
    title: &str,
    all: &Confusion,
    ordered_part: &Confusion,
    ordered: bool,
) -> ItemAgreement {
    ItemAgreement {
        item: item.to_owned(),
        title: title.to_owned(),
        n: all.n(),
        agreed: (0..all.k).map(|i| all.counts[i * all.k + i]).sum(),
        percent: all.percent_agreement(),
        kappa: all.kappa(),
        weighted: if ordered {
            ordered_part.linear_weighted_kappa()
        } else {
            None
        },
        n_weighted: ordered_part.n(),
    }
}

/// Per item and pooled agreement of reviewers `a` and `b` on `checklist`,
/// over the studies both answered (for each item).
pub fn agreement(
    appraisal: &Appraisal,
    checklist: &Checklist,
    a: ReviewerId,
    b: ReviewerId,
) -> AppraisalAgreement {
    let k = checklist.answers.len();
    // The ordered answers, without "not applicable", for weighted kappa.
    let ordered_index: Vec<Option<usize>> = {
        let mut next = 0;
        checklist
            .answers
            .iter()
            .map(|o| {
                (!o.not_applicable).then(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect()
    };
    let k_ordered = ordered_index.iter().flatten().count();
    let index = |key: &str| checklist.answers.iter().position(|o| o.key == key);
    let mut pooled_all = Confusion::new(k);
    let mut pooled_ord = Confusion::new(k_ordered);
    let mut items = Vec::new();
    for item in &checklist.items {
        let mut all = Confusion::new(k);
        let mut ord = Confusion::new(k_ordered);
        let of = |r: ReviewerId| {
            appraisal.answers.iter().filter(move |x| {
                x.reviewer == r && x.checklist == checklist.id && x.item == item.id
            })
        };
        for x in of(a) {
            let Some(y) = of(b).find(|y| y.doc == x.doc) else {
                continue;
            };
            let (Some(i), Some(j)) = (index(&x.answer), index(&y.answer)) else {
                continue;
            };
            all.add(i, j);
            if let (Some(oi), Some(oj)) = (ordered_index[i], ordered_index[j]) {
                ord.add(oi, oj);
            }
        }
        pooled_all.merge(&all);
        pooled_ord.merge(&ord);
        items.push(item_row(
            &item.id,
            &item.title,
            &all,
            &ord,
            checklist.ordered,
        ));
    }
    AppraisalAgreement {
        checklist: checklist.id.clone(),
        ordered: checklist.ordered,
        pooled: item_row("All items", "", &pooled_all, &pooled_ord, checklist.ordered),
        items,
    }
}

/// A study's overall quality level and whether the review's rule derived
/// it: the reviewers' judgement, else the rule applied to the number of
/// items whose settled answer is the checklist's best. An item is settled
/// when every reviewer who answered it gave the same answer, or a decision
/// is logged; a study with an unsettled item gets no level from the rule.
pub fn study_level(p: &Project, doc: DocId) -> Option<(String, bool)> {
    let a = &p.appraisal;
    if let Some(j) = a.judgement(doc) {
        return Some((j.level.clone(), false));
    }
    if a.rule.is_empty() {
        return None;
    }
    let checklist = checklist_for(p, doc).or_else(|| {
        a.answers
            .iter()
            .find(|x| x.doc == doc)
            .and_then(|x| a.checklist(&x.checklist))
    })?;
    let best = checklist.answers.first()?;
    let mut count = 0u32;
    let mut answered_any = false;
    for item in &checklist.items {
        let settled = match settled(p, doc, &checklist.id, &item.id) {
            Settled::Answer(x) => Some(x),
            Settled::None => None,
            Settled::Differ => return None,
        };
        answered_any |= settled.is_some();
        if settled == Some(best.key.as_str()) {
            count += 1;
        }
    }
    if !answered_any {
        return None;
    }
    a.by_rule(count).map(|l| (l.to_owned(), true))
}

/// Where the reviewers stand on one item of a study.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settled<'a> {
    /// Nobody answered it.
    None,
    /// Everyone who answered gave this answer, or a decision says so.
    Answer(&'a str),
    /// The answers differ and no decision is logged.
    Differ,
}

/// The settled answer of an item: the logged decision, else the answer
/// every reviewer who answered gave.
pub fn settled<'a>(p: &'a Project, doc: DocId, checklist: &str, item: &str) -> Settled<'a> {
    let a = &p.appraisal;
    if let Some(d) = a.decision(doc, checklist, item) {
        return Settled::Answer(d.answer.as_str());
    }
    let mut given = a
        .answers
        .iter()
        .filter(|x| x.doc == doc && x.checklist == checklist && x.item == item)
        .map(|x| x.answer.as_str());
    match given.next() {
        None => Settled::None,
        Some(first) if given.all(|g| g == first) => Settled::Answer(first),
        Some(_) => Settled::Differ,
    }
}

/// The checklist a document is appraised with: its own, else the first
/// rule its attributes match.
pub fn checklist_for(p: &Project, doc: DocId) -> Option<&Checklist> {
    let a = &p.appraisal;
    if let Some((_, id)) = a.assigned.iter().find(|(d, _)| *d == doc) {
        return a.checklist(id);
    }
    let d = p.documents.iter().find(|d| d.id == doc)?;
    a.rules
        .iter()
        .find(|r| d.attributes.get(&r.attr).is_some_and(|v| v == &r.value))
        .and_then(|r| a.checklist(&r.checklist))
}
