//! `serve --watch`: reload the content when it changes.
//!
//! Two sources say that something may have changed: filesystem events
//! (notify) and a poll of a fingerprint of the content files (their paths,
//! sizes, modification times and inodes), which catches what events miss
//! (bind mounts and network filesystems that deliver none).
//!
//! Only events that change a content file count: creating, writing,
//! removing or renaming a `.md`, `.yaml` or `.yml` file outside hidden
//! folders, and creating, removing or renaming a folder. Opening, reading
//! and closing files (the reload's own reads among them) and metadata-only
//! changes never do, nor do editors' swap and backup files (`.x.md.swp`,
//! `x.md~`, `4913`).
//!
//! A change is not reloaded at once: the watch waits until no relevant
//! event has arrived for [`SETTLE`] and the fingerprint has not changed over
//! that time, so a file written in several parts is read whole. A file that
//! never stops changing is reloaded after [`MAX_WAIT`] all the same. One
//! loop does all this and awaits each reload, so reloads never overlap.
//!
//! A reload that fails logs every problem as `file:line:column: message`
//! and keeps serving the last good site.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use notify::event::{CreateKind, EventKind, ModifyKind, RemoveKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::mpsc;
use tokio::time::{Instant, MissedTickBehavior};

use crate::build;
use crate::render::{Rendered, Settings};
use crate::routes::AppState;

/// How often the content folder is polled.
pub const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// How long the content must stay unchanged (no relevant event, same
/// fingerprint) before it is reloaded. Editors save in one go, well within
/// this; it also covers a writer pausing between parts of a file (a copy
/// over a slow link, a script writing as it goes) for up to this long, and
/// coalesces a checkout of many files into one reload, while a save still
/// shows in the browser in well under a second.
pub const SETTLE: Duration = Duration::from_millis(300);

/// The longest a reload waits for changes to settle: content that is
/// rewritten without pause is still reloaded this often.
pub const MAX_WAIT: Duration = Duration::from_secs(2);

/// How a watch learns about changes and how long it lets them settle.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Use filesystem events (notify).
    pub events: bool,
    /// Compare the fingerprint this often; `None`: never.
    pub poll: Option<Duration>,
    /// Quiet time before a reload (see [`SETTLE`]).
    pub settle: Duration,
    /// Longest wait for changes to settle (see [`MAX_WAIT`]).
    pub max_wait: Duration,
    /// The fingerprint of the content the served site was loaded from,
    /// taken before loading it, so that a change made while the first site
    /// renders is not missed. `None`: taken when the watch starts.
    pub baseline: Option<Fingerprint>,
}

impl WatchOptions {
    /// `serve --watch`: events and the poll, or with `poll_only`
    /// (`--watch-poll`) the poll alone.
    pub fn new(poll_only: bool) -> Self {
        Self {
            events: !poll_only,
            poll: Some(POLL_INTERVAL),
            settle: SETTLE,
            max_wait: MAX_WAIT,
            baseline: None,
        }
    }
}

impl Default for WatchOptions {
    fn default() -> Self {
        Self::new(false)
    }
}

/// What a watch has done so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WatchStats {
    /// Reloads started (each loads and renders the content once).
    pub attempts: u64,
    /// Reloads that replaced the served site.
    pub reloads: u64,
    /// Reloads refused (broken content), keeping the last good site.
    pub refused: u64,
}

#[derive(Default)]
struct Counters {
    attempts: AtomicU64,
    reloads: AtomicU64,
    refused: AtomicU64,
}

/// Keeps the watch alive; dropping it stops the watch.
pub struct WatchHandle {
    _events: Option<RecommendedWatcher>,
    task: tokio::task::JoinHandle<()>,
    counters: Arc<Counters>,
}

impl WatchHandle {
    pub fn stats(&self) -> WatchStats {
        WatchStats {
            attempts: self.counters.attempts.load(Ordering::SeqCst),
            reloads: self.counters.reloads.load(Ordering::SeqCst),
            refused: self.counters.refused.load(Ordering::SeqCst),
        }
    }
}

impl Drop for WatchHandle {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts watching `dir` as `serve --watch` does (see
/// [`WatchOptions::new`]), swapping a freshly rendered site into `state` on
/// every good change.
pub fn spawn(dir: PathBuf, settings: Settings, state: AppState, poll_only: bool) -> WatchHandle {
    spawn_with(dir, settings, state, WatchOptions::new(poll_only))
}

/// Starts watching `dir` with `options`. Must be called inside a Tokio
/// runtime.
pub fn spawn_with(
    dir: PathBuf,
    settings: Settings,
    state: AppState,
    options: WatchOptions,
) -> WatchHandle {
    // Event paths are absolute; so must the folder be to tell them apart.
    let dir = std::path::absolute(&dir).unwrap_or(dir);
    let (tx, rx) = mpsc::unbounded_channel::<Signal>();
    let events = if options.events {
        match watch_events(&dir, tx) {
            Ok(watcher) => Some(watcher),
            Err(error) => {
                tracing::warn!(
                    "no filesystem events for {} ({error}); polling only",
                    dir.display()
                );
                None
            }
        }
    } else {
        None
    };
    let counters = Arc::new(Counters::default());
    let last = match &options.baseline {
        Some(baseline) => baseline.clone(),
        None => Fingerprint::of(&dir),
    };
    let watch = Loop {
        events: events.is_some().then_some(rx),
        dir,
        settings,
        state,
        counters: counters.clone(),
        options,
        last,
    };
    WatchHandle {
        _events: events,
        task: tokio::spawn(watch.run()),
        counters,
    }
}

/// What an event says about the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Signal {
    /// A content file or folder changed.
    Changed,
    /// Something moved away that may have been a folder of content: reload
    /// if the fingerprint says so.
    Check,
}

fn watch_events(
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

/// Whether `path` names a content file: `.md`, `.yaml` or `.yml`, not
/// hidden. Backup files (`x.md~`, `#x.md#`) and `4913` (vim's probe) end
/// otherwise.
fn is_content_file(root: &Path, path: &Path) -> bool {
    let extension = path.extension().and_then(|e| e.to_str());
    matches!(extension, Some("md" | "yaml" | "yml")) && !is_hidden(root, path)
}

/// The content files under a folder, each with its size, modification time
/// and inode (following symbolic links, so a link swapped to new files, as
/// in a Kubernetes ConfigMap, changes it). Two fingerprints differ when a
/// content file was added, removed, renamed or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(Vec<(PathBuf, u64, Option<SystemTime>, u64)>);

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

/// The one task that waits for changes, lets them settle and reloads.
struct Loop {
    /// `None` without events, or once the event source is gone.
    events: Option<mpsc::UnboundedReceiver<Signal>>,
    dir: PathBuf,
    settings: Settings,
    state: AppState,
    counters: Arc<Counters>,
    options: WatchOptions,
    /// The fingerprint of the content last loaded (or refused).
    last: Fingerprint,
}

impl Loop {
    async fn run(mut self) {
        let mut ticker = self.options.poll.map(|period| {
            let mut ticker = tokio::time::interval_at(Instant::now() + period, period);
            ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
            ticker
        });
        // First, compare with the baseline: a change made before the watch
        // started has no event.
        let mut next = Some(Signal::Check);
        loop {
            let signal = match next.take() {
                Some(signal) => signal,
                None if self.events.is_none() && ticker.is_none() => return,
                None => tokio::select! {
                    signal = next_signal(&mut self.events) => signal,
                    () = tick(&mut ticker) => Signal::Check,
                },
            };
            let mut now = self.fingerprint().await;
            if signal == Signal::Check && now == self.last {
                continue;
            }
            let mut changed = signal == Signal::Changed;
            (now, changed) = self.settle(now, changed).await;
            if !changed && now == self.last {
                continue;
            }
            self.last = now;
            self.reload().await;
        }
    }

    /// Waits until no relevant event arrives for the settle time and the
    /// fingerprint (`now`, as it was when the wait began) stays the same
    /// over it, or until the longest wait is over. Returns the fingerprint
    /// then, and whether an event said a content file changed.
    async fn settle(&mut self, mut now: Fingerprint, mut changed: bool) -> (Fingerprint, bool) {
        let deadline = Instant::now() + self.options.max_wait;
        loop {
            let quiet_until = (Instant::now() + self.options.settle).min(deadline);
            let disturbed = tokio::select! {
                signal = next_signal(&mut self.events) => {
                    changed |= signal == Signal::Changed;
                    // Take the whole burst at once.
                    while let Some(Ok(signal)) = self.events.as_mut().map(|rx| rx.try_recv()) {
                        changed |= signal == Signal::Changed;
                    }
                    true
                }
                () = tokio::time::sleep_until(quiet_until) => false,
            };
            let later = self.fingerprint().await;
            if Instant::now() >= deadline || (!disturbed && later == now) {
                return (later, changed);
            }
            now = later;
        }
    }

    async fn fingerprint(&self) -> Fingerprint {
        let dir = self.dir.clone();
        tokio::task::spawn_blocking(move || Fingerprint::of(&dir))
            .await
            .unwrap_or_else(|_| Fingerprint(Vec::new()))
    }

    async fn reload(&self) {
        self.counters.attempts.fetch_add(1, Ordering::SeqCst);
        let started = Instant::now();
        let (dir, settings) = (self.dir.clone(), self.settings.clone());
        match tokio::task::spawn_blocking(move || reload(&dir, settings)).await {
            Ok(Some(site)) => {
                // The old site goes with the swap: nothing here keeps it.
                self.state.replace(site);
                self.counters.reloads.fetch_add(1, Ordering::SeqCst);
                tracing::info!(
                    "content reloaded from {} in {} ms",
                    self.dir.display(),
                    started.elapsed().as_millis()
                );
            }
            Ok(None) => {
                self.counters.refused.fetch_add(1, Ordering::SeqCst);
            }
            Err(error) => {
                self.counters.refused.fetch_add(1, Ordering::SeqCst);
                tracing::error!("content reload failed: {error}");
            }
        }
    }
}

/// The next signal from filesystem events; never, without them.
async fn next_signal(events: &mut Option<mpsc::UnboundedReceiver<Signal>>) -> Signal {
    if let Some(rx) = events {
        if let Some(signal) = rx.recv().await {
            return signal;
        }
        // The watcher is gone: no more events.
        *events = None;
    }
    std::future::pending().await
}

/// The next poll; never, without polling.
async fn tick(ticker: &mut Option<tokio::time::Interval>) {
    match ticker {
        Some(ticker) => {
            ticker.tick().await;
        }
        None => std::future::pending().await,
    }
}

/// Loads and renders `dir`, or logs why not.
fn reload(dir: &Path, settings: Settings) -> Option<Rendered> {
    match build::build(dir, |_| settings) {
        Ok(site) => {
            site.compress_in_background();
            Some(site)
        }
        Err(error) => {
            error.log_refused_reload();
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, DataChange, MetadataKind, RenameMode};

    fn event(kind: EventKind, paths: &[&str]) -> notify::Event {
        paths.iter().fold(notify::Event::new(kind), |event, path| {
            event.add_path(PathBuf::from(path))
        })
    }

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
            (create, "/srv/.content/comparisons/a-vs-b.md", changed),
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
