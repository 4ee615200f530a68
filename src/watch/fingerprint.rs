//! A fingerprint of the content files, for the poll and to tell whether
//! an event changed anything.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::events::is_content_file;

/// The content files under a folder, each with its size, modification time
/// and inode (following symbolic links, so a link swapped to new files, as
/// in a Kubernetes ConfigMap, changes it). Two fingerprints differ when a
/// content file was added, removed, renamed or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(pub(super) Vec<(PathBuf, u64, Option<SystemTime>, u64)>);

impl Fingerprint {
    pub fn of(dir: &Path) -> Self {
        /// Folders deeper than this are not content (and a symbolic link
        /// loop ends here).
        const MAX_DEPTH: usize = 8;
        let mut files = Vec::new();
        let mut stack = vec![(dir.to_path_buf(), 0)];
        while let Some((folder, depth)) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                if entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                let path = entry.path();
                let Ok(meta) = std::fs::metadata(&path) else {
                    continue;
                };
                if meta.is_dir() {
                    if depth < MAX_DEPTH {
                        stack.push((path, depth + 1));
                    }
                } else if is_content_file(dir, &path) {
                    files.push((path, meta.len(), meta.modified().ok(), inode(&meta)));
                }
            }
        }
        files.sort();
        Self(files)
    }
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_meta: &std::fs::Metadata) -> u64 {
    0
}

#[cfg(test)]
mod tests {
    use super::Fingerprint;

    #[test]
    fn the_fingerprint_covers_content_files_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("roles")).expect("roles");
        std::fs::write(dir.path().join("site.yaml"), "a").expect("write");
        std::fs::write(dir.path().join("roles/a.md"), "a").expect("write");
        let before = Fingerprint::of(dir.path());
        assert_eq!(before.0.len(), 2);
        std::fs::write(dir.path().join("roles/.a.md.swp"), "x").expect("write");
        std::fs::write(dir.path().join("roles/a.md~"), "x").expect("write");
        std::fs::write(dir.path().join("roles/4913"), "x").expect("write");
        assert_eq!(Fingerprint::of(dir.path()), before);
        std::fs::write(dir.path().join("roles/a.md"), "ab").expect("write");
        assert_ne!(Fingerprint::of(dir.path()), before);
    }
}
