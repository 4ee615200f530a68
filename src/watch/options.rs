//! What a watch is told (how it learns of changes, how long it waits) and
//! what it counts.

use std::sync::atomic::AtomicU64;
use std::time::Duration;

use super::fingerprint::Fingerprint;

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
pub(super) struct Counters {
    pub(super) attempts: AtomicU64,
    pub(super) reloads: AtomicU64,
    pub(super) refused: AtomicU64,
}
