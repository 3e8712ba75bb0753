//! One writer at a time: an advisory lock beside the project.
//!
//! Every process that may write a project — the window while the project is
//! open, `thema import`, `merge -o`, `check --repair`, `import-qdpx -o` —
//! first takes an exclusive lock on `<project>.lock` (the operating
//! system's file lock, `File::try_lock`, released when the process ends,
//! even by a crash). The lock file says who holds it, so the next writer
//! is told "P is open in Thema (pid 4711 on laptop, since 10:02)". The
//! project file itself is never locked: saving replaces it by a rename.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// A held lock on a project; released (and its file removed) on drop.
#[derive(Debug)]
pub struct ProjectLock {
    file: File,
    path: PathBuf,
}

/// Why a project could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds it; `holder` is what it wrote in the lock file.
    #[error(
        "{} is open in {}; close it there, or use --wait to wait until it is free.",
        project.display(),
        holder_name(holder)
    )]
    Held { project: PathBuf, holder: String },
    #[error(
        "Could not lock {} to write the project safely: {source}. Check that the folder exists and that you may write in it.",
        path.display()
    )]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn holder_name(holder: &str) -> String {
    if holder.trim().is_empty() {
        "another Thema".to_owned()
    } else {
        format!("Thema ({})", holder.trim())
    }
}

impl ProjectLock {
    /// Takes the lock, or says who holds it (`wait`: blocks until free).
    pub fn acquire(project: &Path, wait: bool) -> Result<Self, LockError> {
        let path = super::paths::lock_path(project);
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        // The holder may remove the file as it releases it: retry until the
        // locked file is the one at `path`.
        for _ in 0..100 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(io)?;
            if wait {
                file.lock().map_err(io)?;
            } else {
                match file.try_lock() {
                    Ok(()) => {}
                    Err(std::fs::TryLockError::WouldBlock) => {
                        let mut holder = String::new();
                        let _ = file.read_to_string(&mut holder);
                        return Err(LockError::Held {
                            project: project.to_owned(),
                            holder,
                        });
                    }
                    Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
                }
            }
            if !same_file(&file, &path) {
                continue; // it was removed and made anew meanwhile
            }
            let holder = format!(
                "pid {} on {}, since {}",
                std::process::id(),
                host_name(),
                crate::model::time::now_iso().get(11..16).unwrap_or("now")
            );
            file.set_len(0).map_err(io)?;
            file.rewind().map_err(io)?;
            file.write_all(holder.as_bytes()).map_err(io)?;
            let _ = file.sync_all();
            return Ok(Self { file, path });
        }
        Err(io(std::io::Error::other(
            "the lock file kept changing under us",
        )))
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // Remove first, then unlock: a waiter that locked the removed file
        // sees it is no longer at the path and opens the new one.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

fn host_name() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname writes a
        // NUL-terminated name into it (or fails, leaving zeros).
        let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
        if ok {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            let name = String::from_utf8_lossy(&buf[..end]).into_owned();
            if !name.is_empty() {
                return name;
            }
        }
    }
    std::env::var("COMPUTERNAME").unwrap_or_else(|_| "this computer".into())
}
