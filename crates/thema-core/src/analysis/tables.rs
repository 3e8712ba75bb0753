//! All tables of a scope computed together from one prepared pass — what
//! the window keeps live and the HTML/XLSX reports contain.

use super::characteristics::{CharacteristicsTable, characteristics};
use super::citations::{CitationRow, citations};
use super::crosstab::{CrosstabTable, crosstab};
use super::frequency::{PrevalenceTable, prevalence_of};
use super::prepare::Prepared;
use super::references::{ReferencesTable, references};
use super::scope::Scope;
use super::summary::{FactorSummary, summaries};
use crate::model::{AttrId, Project};

/// Choices that shape the tables beyond the scope.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableOptions {
    /// Attribute that splits the references table into groups.
    pub group_by: Option<AttrId>,
    /// Attribute whose values are the cross-tab's columns.
    pub crosstab_by: Option<AttrId>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tables {
    pub scope: Scope,
    /// For a Consensus scope: how many disagreements are still open.
    pub consensus: Option<super::consensus::ConsensusStatus>,
    pub prevalence: PrevalenceTable,
    pub references: ReferencesTable,
    pub characteristics: CharacteristicsTable,
    pub crosstab: Option<CrosstabTable>,
    pub citations: Vec<CitationRow>,
    pub summaries: Vec<FactorSummary>,
}

impl Tables {
    /// Every table, factor summaries included (for reports and exports).
    pub fn compute(p: &Project, scope: &Scope, opts: &TableOptions) -> Self {
        let prep = Prepared::new(p, scope);
        let mut t = Self::from_prepared(&prep, opts);
        t.summaries = summaries(&prep);
        t
    }

    /// The tables kept live while coding; factor summaries (which quote
    /// every passage) are left empty and built when they are looked at.
    pub fn compute_live(p: &Project, scope: &Scope, opts: &TableOptions) -> Self {
        Self::from_prepared(&Prepared::new(p, scope), opts)
    }

    /// The scope in words, with the Consensus note when there is one.
    pub fn describe(&self, p: &Project) -> String {
        super::prepare::describe(p, &self.scope, self.consensus.as_ref())
    }

    /// The live tables from prepared data (no summaries).
    pub fn from_prepared_live(prep: &Prepared<'_>, opts: &TableOptions) -> Self {
        Self::from_prepared(prep, opts)
    }

    fn from_prepared(prep: &Prepared<'_>, opts: &TableOptions) -> Self {
        Self {
            scope: prep.scope.clone(),
            consensus: prep.consensus,
            prevalence: prevalence_of(prep),
            references: references(prep, opts.group_by),
            characteristics: characteristics(prep),
            crosstab: opts.crosstab_by.and_then(|a| crosstab(prep, a)),
            citations: citations(prep),
            summaries: Vec::new(),
        }
    }
}
