//! The watch's task: it waits for a change, lets it settle, and reloads
//! the site, keeping the last good one when the new content is broken.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use tokio::sync::mpsc;
use tokio::time::{Instant, MissedTickBehavior};

use super::events::Signal;
use super::fingerprint::Fingerprint;
use super::memory;
use super::options::{Counters, WatchOptions};
use super::worker::Worker;
use crate::build;
use crate::http::AppState;
use crate::render::Settings;
use crate::store::Rendered;

/// The one task that waits for changes, lets them settle and reloads.
pub(super) struct Loop {
    /// `None` without events, or once the event source is gone.
    pub(super) events: Option<mpsc::UnboundedReceiver<Signal>>,
    pub(super) dir: PathBuf,
    pub(super) settings: Settings,
    pub(super) state: AppState,
    pub(super) counters: Arc<Counters>,
    pub(super) options: WatchOptions,
    /// The fingerprint of the content last loaded (or refused).
    pub(super) last: Fingerprint,
    /// The thread reloads run on, if it could be started.
    pub(super) worker: Option<Worker>,
}

impl Loop {
    pub(super) async fn run(mut self) {
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
        let current = Arc::clone(&self.state.site());
        let work = move || (reload(&dir, &current, settings), current);
        let Some((reloaded, current)) = Worker::run(self.worker.as_ref(), work).await else {
            self.counters.refused.fetch_add(1, Ordering::SeqCst);
            tracing::error!("content reload failed: the reload panicked");
            return;
        };
        let replaced = reloaded.is_some();
        if let Some(site) = reloaded {
            self.state.replace(site);
        }
        // The old site goes here, on the reload thread, unless a request
        // still holds it; then what it and the reload freed goes back to
        // the system rather than staying resident.
        let release = move || {
            drop(current);
            memory::give_back_freed();
        };
        let _ = Worker::run(self.worker.as_ref(), release).await;
        if replaced {
            self.counters.reloads.fetch_add(1, Ordering::SeqCst);
            tracing::info!(
                "content reloaded from {} in {} ms",
                self.dir.display(),
                started.elapsed().as_millis()
            );
        } else {
            self.counters.refused.fetch_add(1, Ordering::SeqCst);
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

/// Loads `dir` and renders what changed since `current`, or logs why not.
fn reload(dir: &Path, current: &Rendered, settings: Settings) -> Option<Rendered> {
    match build::reload(dir, current, settings) {
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
