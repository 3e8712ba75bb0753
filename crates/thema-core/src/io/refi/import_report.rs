//! The import report: what a REFI-QDA import brought over, what it left
//! out (one sentence each, with counts that add up to the file's) and the
//! decisions it took on the way.

/// What an import brought over and what it could not.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    pub documents: usize,
    pub codes: usize,
    pub codings: usize,
    pub reviewers: usize,
    /// Things that could not be brought over, or were brought over changed
    /// (a selection swapped, clamped or shortened), one sentence each.
    pub skipped: Vec<String>,
    /// Decisions taken on the way that lose nothing but that a reviewer
    /// should know (the unit a source's positions were read in).
    pub notes: Vec<String>,
    /// Notes (`<Note>`) kept: as project memos, or in the memo of the
    /// document, code description or coding that refers to them.
    pub memos: usize,
    /// Sets kept as code sets.
    pub code_sets: usize,
    /// Sets that only mirror Thema's categories (nothing to keep).
    pub category_sets: usize,
    /// Codings of Thema's category codes, kept as the categories of the
    /// codings of their selection.
    pub category_codings: usize,
    /// Codings not brought over (each also named in `skipped`).
    pub codings_left_out: usize,
    /// Selections not brought over (each also named in `skipped`).
    pub selections_left_out: usize,
    /// Sources not brought over (each also named in `skipped`).
    pub sources_left_out: usize,
}

impl ImportReport {
    /// One line: what was imported, and whether anything was left out.
    pub fn headline(&self) -> String {
        use crate::words::count as n;
        let mut s = format!(
            "imported {}, {}, {}, {}",
            n(self.documents, "document", "documents"),
            n(self.codes, "code", "codes"),
            n(self.codings, "coding", "codings"),
            n(self.reviewers, "reviewer", "reviewers")
        );
        if self.memos > 0 {
            s.push_str(&format!(", {}", n(self.memos, "memo", "memos")));
        }
        if self.code_sets > 0 {
            s.push_str(&format!(", {}", n(self.code_sets, "code set", "code sets")));
        }
        if self.skipped.is_empty() {
            s.push_str("; nothing was left out");
        } else {
            s.push_str(&format!(
                "; {} could not be brought over as {} {}",
                n(self.skipped.len(), "thing", "things"),
                if self.skipped.len() == 1 {
                    "it"
                } else {
                    "they"
                },
                if self.skipped.len() == 1 {
                    "was"
                } else {
                    "were"
                }
            ));
        }
        s
    }

    /// The headline, then one line per thing left out or changed, then one
    /// per decision taken (notes).
    pub fn summary(&self) -> String {
        let mut s = self.headline();
        if !self.skipped.is_empty() {
            s.push(':');
        }
        for k in &self.skipped {
            s.push_str(&format!("\n  - {k}"));
        }
        for n in &self.notes {
            s.push_str(&format!("\n  note: {n}"));
        }
        s
    }

    /// The lines under the headline, as the window lists them.
    pub fn lines(&self) -> Vec<String> {
        let notes = self.notes.iter().map(|n| format!("Note: {n}"));
        self.skipped.iter().cloned().chain(notes).collect()
    }
}
