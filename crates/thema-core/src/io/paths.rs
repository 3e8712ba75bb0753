//! Where a project's files are: the real file behind a symbolic link, and
//! the files Thema keeps beside a project — `.bak` (the previous save),
//! `.recovery` (autosaved unsaved work) and `.lock` (who is writing it).

use std::fs;
use std::path::{Path, PathBuf};

/// The file a path stands for: symbolic links followed to their target
/// (even one that does not exist yet), so saving updates the real file
/// and leaves the link in place.
pub fn real_path(path: &Path) -> PathBuf {
    let mut cur = path.to_owned();
    for _ in 0..40 {
        match fs::symlink_metadata(&cur) {
            Ok(m) if m.file_type().is_symlink() => match fs::read_link(&cur) {
                Ok(target) if target.is_absolute() => cur = target,
                Ok(target) => cur = cur.parent().map(|d| d.join(&target)).unwrap_or(target),
                Err(_) => return cur,
            },
            _ => return cur,
        }
    }
    cur
}

/// `<file>.bak` beside the project.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".bak");
    PathBuf::from(s)
}

/// `<file>.recovery` beside the project: the autosave of unsaved work.
pub fn recovery_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".recovery");
    PathBuf::from(s)
}

/// `<project>.lock` beside the project (beside its real file when the
/// project path is a symbolic link).
pub fn lock_path(project: &Path) -> PathBuf {
    let real = real_path(project);
    let mut s = real.into_os_string();
    s.push(".lock");
    PathBuf::from(s)
}
