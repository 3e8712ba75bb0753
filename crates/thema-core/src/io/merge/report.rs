//! What a merge did: what it added, collapsed and united, and where the
//! two projects disagreed.

/// One place where the two projects disagree.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub what: String,
    pub kept: String,
    pub other: String,
}

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergeReport {
    pub reviewers_added: Vec<String>,
    pub categories_added: Vec<String>,
    pub attributes_added: Vec<String>,
    pub documents_added: Vec<String>,
    /// Documents of the second project found in the first by their text.
    pub documents_matched_by_text: usize,
    /// Paths of codes that the second project adds.
    pub codes_added: Vec<String>,
    pub codes_matched_by_path: usize,
    pub codings_added: usize,
    pub duplicates_collapsed: usize,
    /// Codings of A that received B's memo.
    pub memos_united: usize,
    /// Codings of A that received B's check (A had none).
    pub checks_added: usize,
    /// Codings where A and B had different checks: one sentence each
    /// saying which check the coding keeps and which went into its memo.
    pub checks_noted: Vec<String>,
    /// Codes of B put under "Lost and found" because their parent was in
    /// neither project, one sentence each.
    pub codes_reparented: Vec<String>,
    pub conflicts: Vec<Conflict>,
    /// Project memos of the second project added.
    pub project_memos_added: usize,
    /// Code sets of the second project added, by name.
    pub code_sets_added: Vec<String>,
    /// Documents whose memo received the second project's memo.
    pub document_memos_united: usize,
    /// Appraisal answers, decisions, judgements, checklists and rules of
    /// the second project added.
    pub appraisal_added: usize,
    /// Review findings, their assessments, JBI groups and reconciliations
    /// of the second project added.
    pub findings_added: usize,
}

impl MergeReport {
    /// True when the merge changed nothing.
    pub fn is_empty(&self) -> bool {
        self.reviewers_added.is_empty()
            && self.categories_added.is_empty()
            && self.attributes_added.is_empty()
            && self.documents_added.is_empty()
            && self.codes_added.is_empty()
            && self.codings_added == 0
            && self.memos_united == 0
            && self.checks_added == 0
            && self.checks_noted.is_empty()
            && self.codes_reparented.is_empty()
            && self.project_memos_added == 0
            && self.code_sets_added.is_empty()
            && self.document_memos_united == 0
            && self.appraisal_added == 0
            && self.findings_added == 0
    }

    /// A few lines for the command line and the window.
    pub fn summary(&self) -> String {
        use crate::words::count as n;
        let mut s = format!(
            "{} added, {} collapsed\n{} added ({} matched by text)\n{} added ({} matched by path)\n{}, {}, {} added\n{}",
            n(self.codings_added, "coding", "codings"),
            n(
                self.duplicates_collapsed,
                "exact duplicate",
                "exact duplicates"
            ),
            n(self.documents_added.len(), "document", "documents"),
            self.documents_matched_by_text,
            n(self.codes_added.len(), "code", "codes"),
            self.codes_matched_by_path,
            n(self.reviewers_added.len(), "reviewer", "reviewers"),
            n(self.categories_added.len(), "category", "categories"),
            n(self.attributes_added.len(), "attribute", "attributes"),
            n(self.conflicts.len(), "conflict", "conflicts")
        );
        if self.memos_united + self.checks_added > 0 {
            s.push_str(&format!(
                "\n{} and {} of the second project added to the same codings of the first",
                n(self.memos_united, "memo", "memos"),
                n(self.checks_added, "check", "checks")
            ));
        }
        if self.project_memos_added + self.code_sets_added.len() + self.document_memos_united > 0 {
            s.push_str(&format!(
                "\n{} (project, code and chart memos), {} and {} of the second project added",
                n(self.project_memos_added, "memo", "memos"),
                n(self.code_sets_added.len(), "code set", "code sets"),
                n(
                    self.document_memos_united,
                    "document memo",
                    "document memos"
                )
            ));
        }
        if self.appraisal_added > 0 {
            s.push_str(&format!(
                "\n{} of the second project added (appraisal answers, decisions, judgements and checklists)",
                n(self.appraisal_added, "appraisal entry", "appraisal entries")
            ));
        }
        if self.findings_added > 0 {
            s.push_str(&format!(
                "\n{} of the second project added (review findings, assessments and groups)",
                n(self.findings_added, "findings entry", "findings entries")
            ));
        }
        for line in self.checks_noted.iter().chain(&self.codes_reparented) {
            s.push_str(&format!("\n  - {line}"));
        }
        for c in &self.conflicts {
            s.push_str(&format!(
                "\n  - {}: kept \"{}\", other \"{}\"",
                c.what, c.kept, c.other
            ));
        }
        s
    }
}
