//! Which filesystem events change the content: see the [module
//! documentation](super) for the rules.

use std::path::{Component, Path};

use notify::event::{CreateKind, EventKind, ModifyKind, RemoveKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::mpsc;

/// What an event says about the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Signal {
    /// A content file or folder changed.
    Changed,
    /// Something moved away that may have been a folder of content: reload
    /// if the fingerprint says so.
    Check,
}

/// Sends a [`Signal`] on `tx` for every event under `dir` that may change
/// the content.
pub(super) fn watch_events(
    dir: &Path,
    tx: mpsc::UnboundedSender<Signal>,
) -> notify::Result<RecommendedWatcher> {
    let root = dir.to_path_buf();
    let mut watcher =
        notify::recommended_watcher(move |event: notify::Result<notify::Event>| match event {
            Ok(event) => {
                if let Some(signal) = classify(&root, &event) {
                    let _ = tx.send(signal);
                }
            }
            // The poll still runs; a persistent error must not reload.
            Err(error) => tracing::debug!("filesystem event error: {error}"),
        })?;
    watcher.watch(dir, RecursiveMode::Recursive)?;
    Ok(watcher)
}

/// Whether `event` (under `root`) changes the content, and how surely.
fn classify(root: &Path, event: &notify::Event) -> Option<Signal> {
    if event.need_rescan() {
        // Events were lost: assume the worst.
        return Some(Signal::Changed);
    }
    let content_file = || event.paths.iter().any(|path| is_content_file(root, path));
    let folder = || {
        event
            .paths
            .iter()
            .any(|path| !is_hidden(root, path) && path.is_dir())
    };
    match event.kind {
        EventKind::Create(CreateKind::Folder) | EventKind::Remove(RemoveKind::Folder) => event
            .paths
            .iter()
            .any(|path| !is_hidden(root, path))
            .then_some(Signal::Changed),
        EventKind::Create(_)
        | EventKind::Remove(_)
        | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any | ModifyKind::Other) => {
            (content_file() || folder()).then_some(Signal::Changed)
        }
        EventKind::Modify(ModifyKind::Name(_)) => {
            if content_file() || folder() {
                Some(Signal::Changed)
            } else if event
                .paths
                .iter()
                .any(|path| !is_hidden(root, path) && !path.exists())
            {
                // Moved away: a folder of content files, or not.
                Some(Signal::Check)
            } else {
                None
            }
        }
        // Opening, reading, closing, and metadata (permissions, access
        // times): nothing to reload.
        EventKind::Modify(ModifyKind::Metadata(_)) | EventKind::Access(_) => None,
        EventKind::Any => Some(Signal::Check),
        EventKind::Other => None,
    }
}

/// Whether `path` lies in a hidden file or folder below `root` (editors'
/// swap files, `.git`): the content loader skips those.
fn is_hidden(root: &Path, path: &Path) -> bool {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.components().any(|component| match component {
        Component::Normal(name) => name.to_string_lossy().starts_with('.'),
        _ => false,
    })
}

/// Whether `path` names a content file: `.md`, `.yaml`, `.yml` or
/// `official-pay.csv`, not hidden. Backup files (`x.md~`, `#x.md#`) and
/// `4913` (vim's probe) end otherwise.
pub(super) fn is_content_file(root: &Path, path: &Path) -> bool {
    let extension = path.extension().and_then(|e| e.to_str());
    let official_pay = path
        .file_name()
        .is_some_and(|name| name == crate::oews::FILE_NAME);
    (official_pay || matches!(extension, Some("md" | "yaml" | "yml"))) && !is_hidden(root, path)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use notify::event::{
        AccessKind, AccessMode, CreateKind, DataChange, EventKind, MetadataKind, ModifyKind,
        RemoveKind, RenameMode,
    };

    use super::{Signal, classify};

    fn event(kind: EventKind, paths: &[&str]) -> notify::Event {
        paths.iter().fold(notify::Event::new(kind), |event, path| {
            event.add_path(PathBuf::from(path))
        })
    }

    // Long: one table of cases, a row each, then the events a table cannot
    // hold.
    #[test]
    fn only_changes_to_content_files_count() {
        let root = Path::new("/srv/.content");
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let create = EventKind::Create(CreateKind::File);
        let remove = EventKind::Remove(RemoveKind::File);
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let changed = Some(Signal::Changed);
        for (kind, path, expected) in [
            (write, "/srv/.content/roles/a.md", changed),
            (write, "/srv/.content/site.yaml", changed),
            (write, "/srv/.content/fit.yml", changed),
            (write, "/srv/.content/official-pay.csv", changed),
            (write, "/srv/.content/.official-pay.csv.99.tmp", None),
            (write, "/srv/.content/other.csv", None),
            (create, "/srv/.content/comparisons/curated.md", changed),
            (remove, "/srv/.content/roles/a.md", changed),
            // Editors' swap, backup and probe files, and hidden folders.
            (write, "/srv/.content/roles/.a.md.swp", None),
            (create, "/srv/.content/roles/a.md~", None),
            (create, "/srv/.content/roles/4913", None),
            (remove, "/srv/.content/roles/4913", None),
            (write, "/srv/.content/roles/#a.md#", None),
            (write, "/srv/.content/.git/index", None),
            (write, "/srv/.content/.git/x.md", None),
            // Reading and metadata.
            (
                EventKind::Access(AccessKind::Read),
                "/srv/.content/roles/a.md",
                None,
            ),
            (
                EventKind::Access(AccessKind::Open(AccessMode::Any)),
                "/srv/.content/roles/a.md",
                None,
            ),
            (
                EventKind::Access(AccessKind::Close(AccessMode::Read)),
                "/srv/.content/roles/a.md",
                None,
            ),
            (
                EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)),
                "/srv/.content/roles/a.md",
                None,
            ),
            (
                EventKind::Create(CreateKind::Folder),
                "/srv/.content/roles",
                changed,
            ),
            (
                EventKind::Remove(RemoveKind::Folder),
                "/srv/.content/.git/x",
                None,
            ),
        ] {
            assert_eq!(
                classify(root, &event(kind, &[path])),
                expected,
                "{kind:?} {path}"
            );
        }
        // A rename-save: a hidden temporary file renamed over a role.
        let save = event(
            renamed,
            &["/srv/.content/roles/.a.md.swp", "/srv/.content/roles/a.md"],
        );
        assert_eq!(classify(root, &save), changed);
        // A rename between names that are not content, both still there or
        // not: only a fingerprint check.
        let away = event(
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
            &["/srv/.content/gone-folder"],
        );
        assert_eq!(classify(root, &away), Some(Signal::Check));
        let hidden = event(
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
            &["/srv/.content/roles/.a.md.swp"],
        );
        assert_eq!(classify(root, &hidden), None);
        let overflow = notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        assert_eq!(classify(root, &overflow), changed);
    }
}
