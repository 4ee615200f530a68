//! `serve --watch`: reload the content when it changes.
//!
//! Filesystem events (notify) trigger a reload at once; a poll of every
//! file's size, modification time and inode catches what events miss (bind
//! mounts and network filesystems that deliver none). A reload that fails
//! logs every problem as `file:line:column: message` and keeps serving the
//! last good site.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::mpsc;

use crate::content::Content;
use crate::render::{Rendered, Settings};
use crate::routes::AppState;

/// How often the content folder is polled.
pub const POLL_INTERVAL: Duration = Duration::from_secs(1);
/// How long to wait for a burst of events to settle before reloading.
const SETTLE: Duration = Duration::from_millis(100);

/// Keeps the watch alive; dropping it stops filesystem events (the poll
/// stops with the runtime).
pub struct WatchHandle {
    _events: Option<RecommendedWatcher>,
}

/// Starts watching `dir`, swapping a freshly rendered site into `state` on
/// every good change. With `poll_only`, filesystem events are not used at
/// all (for mounts known to deliver none).
pub fn spawn(dir: PathBuf, settings: Settings, state: AppState, poll_only: bool) -> WatchHandle {
    let (tx, mut rx) = mpsc::unbounded_channel::<()>();
    let events = if poll_only {
        None
    } else {
        let tx = tx.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if event.is_ok() {
                let _ = tx.send(());
            }
        })
        .and_then(|mut watcher| {
            watcher.watch(&dir, RecursiveMode::Recursive)?;
            Ok(watcher)
        });
        match watcher {
            Ok(watcher) => Some(watcher),
            Err(error) => {
                tracing::warn!(
                    "no filesystem events for {} ({error}); polling only",
                    dir.display()
                );
                None
            }
        }
    };
    let poll_dir = dir.clone();
    tokio::spawn(async move {
        // Held so the channel stays open (and quiet) when there are no events.
        let _sender = tx;
        // No fingerprint yet: the first tick reloads once, so a change made
        // between the initial load and this task's start is not missed.
        let mut last = None;
        let mut ticker = tokio::time::interval(POLL_INTERVAL);
        loop {
            let event = tokio::select! {
                received = rx.recv() => received.is_some(),
                _ = ticker.tick() => false,
            };
            if event {
                tokio::time::sleep(SETTLE).await;
                while rx.try_recv().is_ok() {}
            }
            let now = Some(fingerprint(&poll_dir));
            if !event && now == last {
                continue;
            }
            last = now;
            let (dir, settings) = (poll_dir.clone(), settings.clone());
            match tokio::task::spawn_blocking(move || reload(&dir, settings)).await {
                Ok(Some(site)) => {
                    state.replace(site);
                    tracing::info!("content reloaded from {}", poll_dir.display());
                }
                Ok(None) => {}
                Err(error) => tracing::error!("content reload failed: {error}"),
            }
        }
    });
    WatchHandle { _events: events }
}

/// Loads and renders `dir`, or logs why not.
fn reload(dir: &Path, settings: Settings) -> Option<Rendered> {
    match Content::load(dir) {
        Ok(content) => match Rendered::new(content, settings) {
            Ok(site) => {
                site.compress_in_background();
                Some(site)
            }
            Err(error) => {
                tracing::error!("cannot render the reloaded content: {error}");
                None
            }
        },
        Err(problems) => {
            for problem in &problems {
                tracing::warn!("{problem}");
            }
            tracing::warn!(
                "{} problem(s): still serving the last good content",
                problems.len()
            );
            None
        }
    }
}

/// Every file under `dir` with its size, modification time and inode.
fn fingerprint(dir: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>, u64)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            if meta.is_dir() {
                stack.push(path);
            } else {
                files.push((path, meta.len(), meta.modified().ok(), inode(&meta)));
            }
        }
    }
    files.sort();
    files
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_meta: &std::fs::Metadata) -> u64 {
    0
}
