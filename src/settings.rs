//! Per-user settings kept outside projects: recent projects and who was
//! coding in each. Stored as RON in the user's config folder; failures to
//! read or write them never stop the app.

use crate::model::{CategoryId, ReviewerId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub recent: Vec<PathBuf>,
    /// Reviewer last chosen per project path.
    #[serde(default)]
    pub reviewer_for: BTreeMap<String, ReviewerId>,
    /// Who this user last coded as (name, initials), in any project: a
    /// project with a reviewer of that name and initials opens coding as
    /// them, and *Who is coding?* offers them first.
    #[serde(default)]
    pub me: Option<(String, String)>,
    /// The category each reviewer last chose for new codings (`None`:
    /// they chose "No category"), restored when they code again.
    #[serde(default)]
    pub last_category: BTreeMap<ReviewerId, Option<CategoryId>>,
    /// Edit › Require a category: refuse codings made without one.
    #[serde(default)]
    pub require_category: bool,
    #[serde(default = "default_font_size")]
    pub font_size: f32,
    /// The window's layout: which side panels are folded to their strip
    /// of icons, focus mode, and the widths the user dragged them to.
    #[serde(default)]
    pub layout: Layout,
    /// Seconds between autosaves of unsaved work (0 turns autosave off).
    #[serde(default = "default_autosave")]
    pub autosave_secs: u64,
    /// Where these settings live; `None` keeps them in memory only (tests).
    #[serde(skip)]
    pub file: Option<PathBuf>,
    /// Folder for the autosave of a project that has no file yet;
    /// `None` turns that autosave off (tests that do not ask for it).
    #[serde(skip)]
    pub recovery_dir: Option<PathBuf>,
}

/// The main window's layout, remembered per user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    #[serde(default)]
    pub left_folded: bool,
    #[serde(default)]
    pub right_folded: bool,
    /// Both panels folded for reading and coding (the fold flags above
    /// are kept for when focus mode ends).
    #[serde(default)]
    pub focus: bool,
    /// Panel widths as a share of the window's width (so they scale with
    /// it); `None` until the user drags a panel.
    #[serde(default)]
    pub left_share: Option<f32>,
    #[serde(default)]
    pub right_share: Option<f32>,
}

impl Layout {
    pub fn left_open(&self) -> bool {
        !self.left_folded && !self.focus
    }

    pub fn right_open(&self) -> bool {
        !self.right_folded && !self.focus
    }
}

fn default_font_size() -> f32 {
    15.0
}

fn default_autosave() -> u64 {
    60
}

impl Settings {
    /// The reviewer of `p` who is this user (same name and initials as
    /// the one they last coded as, ignoring case), if any.
    pub fn me_in(&self, p: &crate::model::Project) -> Option<ReviewerId> {
        let (name, initials) = self.me.as_ref()?;
        p.reviewers
            .iter()
            .find(|r| {
                r.name.trim().eq_ignore_ascii_case(name.trim())
                    && r.initials.trim().eq_ignore_ascii_case(initials.trim())
            })
            .map(|r| r.id)
    }

    /// Settings that are never written to disk.
    pub fn in_memory() -> Self {
        Self {
            font_size: default_font_size(),
            autosave_secs: default_autosave(),
            ..Default::default()
        }
    }

    /// Loads from `$THEMA_CONFIG_DIR` or the platform config folder.
    pub fn load() -> Self {
        let dir = std::env::var_os("THEMA_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("org", "Thema", "thema")
                    .map(|d| d.config_dir().to_owned())
            });
        let Some(dir) = dir else {
            return Self::in_memory();
        };
        let file = dir.join("settings.ron");
        let mut s: Settings = std::fs::read_to_string(&file)
            .ok()
            .and_then(|t| ron::from_str(&t).ok())
            .unwrap_or_else(Self::in_memory);
        s.file = Some(file);
        s.recovery_dir = Some(dir);
        s
    }

    /// The autosave of an untitled project (one per user).
    pub fn untitled_recovery(&self) -> Option<PathBuf> {
        self.recovery_dir
            .as_ref()
            .map(|d| d.join("untitled.thema.ron.recovery"))
    }

    /// Writes the settings; errors are ignored (settings are a convenience).
    pub fn save(&self) {
        let Some(file) = &self.file else { return };
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(text) = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new()) {
            let _ = crate::io::project_file::write_atomic(file, text.as_bytes(), false);
        }
    }

    /// Moves `path` to the top of the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(10);
        self.save();
    }

    pub fn key(path: &Path) -> String {
        path.canonicalize()
            .unwrap_or_else(|_| path.to_owned())
            .display()
            .to_string()
    }
}
