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

mod events;
mod fingerprint;
mod reload;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use notify::RecommendedWatcher;
use tokio::sync::mpsc;

pub use fingerprint::Fingerprint;

use crate::render::Settings;
use crate::routes::AppState;
use events::{Signal, watch_events};
use reload::Loop;

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

/// What a watch has done so far, counted by its task.
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
