//! The one rule for what the person coding may see. With blind coding on,
//! a reviewer sees only their own codings — in the text, every table, the
//! lists behind numbers, passages, exports, charts and summaries — and no
//! comparison with another reviewer (agreement, disagreements, checking).
//! Every surface of the window asks this module; nothing decides it twice.

use super::scope::{ReviewerView, Scope};
use crate::model::{Coding, Project, ReviewerId};

/// Who is looking, and whether blind coding applies to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Viewer {
    pub me: Option<ReviewerId>,
    pub blind: bool,
}

impl Viewer {
    /// The viewer `me` of project `p`: blind when the project is in blind
    /// mode and the viewer is a known reviewer.
    pub fn of(p: &Project, me: Option<ReviewerId>) -> Self {
        Self {
            me,
            blind: p.blind && me.is_some(),
        }
    }

    /// May this viewer see this coding at all?
    pub fn may_see(&self, c: &Coding) -> bool {
        !self.blind || Some(c.reviewer) == self.me
    }

    /// The scope tables really use for this viewer: in blind mode only
    /// their own codings, whatever was asked for.
    pub fn scope(&self, asked: &Scope) -> Scope {
        match (self.blind, self.me) {
            (true, Some(me)) => Scope {
                docs: asked.docs.clone(),
                reviewers: ReviewerView::One(me),
            },
            _ => asked.clone(),
        }
    }

    /// May this viewer compare reviewers (agreement, disagreements, checks)?
    pub fn may_compare(&self) -> bool {
        !self.blind
    }

    /// May this viewer see this appraisal answer? In blind mode another
    /// reviewer's answers for a study stay hidden until every reviewer who
    /// answered it — the viewer included — has marked it finished
    /// (as JBI SUMARI releases a study once the second reviewer is done).
    pub fn may_see_answer(&self, p: &Project, a: &crate::model::appraisal::Answer) -> bool {
        if !self.blind || Some(a.reviewer) == self.me {
            return true;
        }
        let Some(me) = self.me else { return true };
        let appraisal = &p.appraisal;
        let mut answered: Vec<ReviewerId> = appraisal
            .answers
            .iter()
            .filter(|x| x.doc == a.doc)
            .map(|x| x.reviewer)
            .collect();
        answered.sort_unstable();
        answered.dedup();
        appraisal.is_finished(a.doc, me)
            && answered.iter().all(|r| appraisal.is_finished(a.doc, *r))
    }

    /// Why comparisons are hidden, for the panels that would show them.
    pub const HIDDEN_WHY: &'static str = "Blind coding is on: each reviewer sees only their own codings until blind coding is switched off (Edit › Blind coding), so agreement, disagreements and checks are hidden.";
}
