//! `serve --watch`: reload the content when it changes. This module owns
//! noticing changes and when to reload; it must not build pages or answer
//! requests itself: it calls `build::reload` and swaps the new site into
//! the server's state.
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

mod events;
mod fingerprint;
mod memory;
mod options;
mod reload;
mod worker;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use notify::RecommendedWatcher;
use tokio::sync::mpsc;

pub use fingerprint::Fingerprint;
use options::Counters;
pub use options::{MAX_WAIT, POLL_INTERVAL, SETTLE, WatchOptions, WatchStats};

use crate::http::AppState;
use crate::render::Settings;
use events::{Signal, watch_events};
use reload::Loop;

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
        worker: worker::Worker::start(),
    };
    WatchHandle {
        _events: events,
        task: tokio::spawn(watch.run()),
        counters,
    }
}
