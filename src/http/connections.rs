//! Every open connection as the accept loop sees it, so that at the cap it
//! can make room fairly:
//!
//! - **Idle connections give way first**, the one idle longest first. Idle
//!   means between requests: no request being answered, no answer waiting
//!   for the client to read it, no bytes read that are not yet a request and
//!   none waiting in the socket (a client whose request is already sent is
//!   not idle, even before it is read), for at least [`IDLE_AFTER`] since
//!   it opened or last finished an answer: a client sends its request as
//!   soon as it has connected, and a kept-alive client its next one as soon
//!   as it has read an answer, and closing a connection just as its next
//!   request comes would lose that request. Each connection decides that
//!   itself, between two steps of hyper's, when the accept loop asks: its
//!   state is then settled.
//! - **Then the request that has waited longest for a render** is told to
//!   give way: it is answered 503 with `Retry-After` and its connection
//!   closes.

use std::collections::HashMap;
use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::net::TcpStream;
use tokio::sync::{Notify, oneshot};

use super::socket::{Traffic, has_bytes_waiting};

/// How many idle-looking connections the accept loop asks, longest idle
/// first, before it stops looking for one to close.
const ASK_AT_MOST: usize = 4;
/// How long the accept loop waits for a connection to say whether it closed.
const ANSWER_WITHIN: Duration = Duration::from_millis(100);

/// How long a connection must have sent nothing, since it opened or last
/// finished an answer, to count as idle.
pub const IDLE_AFTER: Duration = Duration::from_secs(1);

/// `render_wait` of a request told to give way.
const GIVE_WAY: u64 = u64::MAX;

/// One open connection.
pub struct Tracked {
    id: u64,
    /// The time the millisecond counts below start from (the server's start).
    epoch: Instant,
    stream: Arc<TcpStream>,
    /// What its socket has seen.
    pub traffic: Arc<Traffic>,
    /// Requests being answered: from hyper's call until the answer's body
    /// is handed over whole.
    in_flight: AtomicUsize,
    /// `traffic.reads` when the last request began: more reads since are
    /// bytes of a request not yet read whole.
    reads_at_request: AtomicU64,
    /// Milliseconds since `epoch` at which it opened or last finished an
    /// answer.
    idle_since: AtomicU64,
    /// One more than the millisecond since which a request on it waits for
    /// a render; 0 when none does; [`GIVE_WAY`] once told to give way.
    render_wait: AtomicU64,
    gave_way: Notify,
    /// The accept loop's question: close if idle; the answer goes back here.
    asked: Mutex<Option<oneshot::Sender<bool>>>,
    ask: Notify,
}

/// Every open connection.
pub struct Connections {
    epoch: Instant,
    next_id: AtomicU64,
    open: Mutex<HashMap<u64, Arc<Tracked>>>,
}

impl Default for Connections {
    fn default() -> Self {
        Self {
            epoch: Instant::now(),
            next_id: AtomicU64::new(0),
            open: Mutex::new(HashMap::new()),
        }
    }
}

fn millis_since(epoch: Instant) -> u64 {
    u64::try_from(epoch.elapsed().as_millis()).unwrap_or(u64::MAX - 1)
}

impl Connections {
    /// Tracks a new connection over `stream`.
    pub fn open(&self, stream: Arc<TcpStream>) -> Arc<Tracked> {
        let tracked = Arc::new(Tracked {
            id: self.next_id.fetch_add(1, Ordering::Relaxed),
            epoch: self.epoch,
            stream,
            traffic: Arc::new(Traffic::default()),
            in_flight: AtomicUsize::new(0),
            reads_at_request: AtomicU64::new(0),
            idle_since: AtomicU64::new(millis_since(self.epoch)),
            render_wait: AtomicU64::new(0),
            gave_way: Notify::new(),
            asked: Mutex::new(None),
            ask: Notify::new(),
        });
        lock(&self.open).insert(tracked.id, tracked.clone());
        tracked
    }

    pub fn remove(&self, tracked: &Tracked) {
        lock(&self.open).remove(&tracked.id);
    }

    /// Asks idle connections, longest idle first, to close; whether one did
    /// (its permit is back by then).
    pub async fn close_an_idle_one(&self) -> bool {
        let mut candidates: Vec<Arc<Tracked>> = lock(&self.open)
            .values()
            .filter(|tracked| tracked.looks_idle())
            .cloned()
            .collect();
        candidates.sort_by_key(|tracked| tracked.idle_since.load(Ordering::Relaxed));
        for tracked in candidates.into_iter().take(ASK_AT_MOST) {
            let (answer, answered) = oneshot::channel();
            *lock(&tracked.asked) = Some(answer);
            tracked.ask.notify_one();
            // Closed, or ended meanwhile.
            if let Ok(Ok(true) | Err(_)) = tokio::time::timeout(ANSWER_WITHIN, answered).await {
                return true;
            }
        }
        false
    }

    /// Tells the request that has waited longest for a render to give way
    /// (it is answered 503 and its connection closes); whether one was.
    pub fn shed_longest_waiting(&self) -> bool {
        let open = lock(&self.open);
        let mut waiting: Vec<(u64, &Arc<Tracked>)> = open
            .values()
            .filter_map(|tracked| {
                let since = tracked.render_wait.load(Ordering::Acquire);
                (since != 0 && since != GIVE_WAY).then_some((since, tracked))
            })
            .collect();
        waiting.sort_by_key(|(since, _)| *since);
        for (since, tracked) in waiting {
            let told = tracked
                .render_wait
                .compare_exchange(since, GIVE_WAY, Ordering::AcqRel, Ordering::Acquire)
                .is_ok();
            if told {
                tracked.gave_way.notify_waiters();
                return true;
            }
        }
        false
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Tracked {
    /// Idle, as far as the counters tell from outside the connection's
    /// task (the accept loop's first sift).
    fn looks_idle(&self) -> bool {
        let idle_from = self
            .idle_since
            .load(Ordering::Relaxed)
            .saturating_add(u64::try_from(IDLE_AFTER.as_millis()).unwrap_or(u64::MAX));
        millis_since(self.epoch) >= idle_from
            && self.in_flight.load(Ordering::Acquire) == 0
            && !self.traffic.write_blocked.load(Ordering::Acquire)
            && self.traffic.reads.load(Ordering::Acquire)
                == self.reads_at_request.load(Ordering::Acquire)
            && self.render_wait.load(Ordering::Acquire) == 0
    }

    /// Idle: asked from the connection's own task, between two steps of
    /// hyper's, when the counters are settled.
    pub fn is_idle(&self) -> bool {
        self.looks_idle() && !has_bytes_waiting(&self.stream)
    }

    /// The accept loop's question to this connection, once asked.
    pub fn asked(&self) -> impl Future<Output = ()> + '_ {
        self.ask.notified()
    }

    /// Takes the accept loop's question, to answer it.
    pub fn question(&self) -> Option<oneshot::Sender<bool>> {
        lock(&self.asked).take()
    }

    /// A request is being answered (hyper called the service).
    pub fn request_began(&self) {
        self.reads_at_request.store(
            self.traffic.reads.load(Ordering::Acquire),
            Ordering::Release,
        );
        self.in_flight.fetch_add(1, Ordering::AcqRel);
    }

    /// Since when it has waited for a request's head: since it opened, or
    /// since it last finished an answer and the client had taken all of
    /// it. `None` while a request is being answered or an answer waits for
    /// the client to read.
    pub fn awaiting_head_since(&self) -> Option<Instant> {
        if self.in_flight.load(Ordering::Acquire) != 0
            || self.traffic.write_blocked.load(Ordering::Acquire)
        {
            return None;
        }
        let finished = self.epoch + Duration::from_millis(self.idle_since.load(Ordering::Relaxed));
        Some(
            self.traffic
                .last_unblocked()
                .map_or(finished, |unblocked| unblocked.max(finished)),
        )
    }

    /// A request's answer has been handed over whole: idle from now.
    pub fn request_ended(&self) {
        self.idle_since
            .store(millis_since(self.epoch), Ordering::Relaxed);
        self.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A request's connection, as handlers see it: to wait for a render in a
/// way the accept loop can see and cut short.
#[derive(Clone)]
pub struct Connection(pub(super) Arc<Tracked>);

impl Connection {
    /// Waits for `ready` unless the accept loop tells this request to give
    /// way first: `None` then. Meanwhile the request counts as waiting for
    /// a render, since now.
    pub async fn wait_for<T>(&self, ready: impl Future<Output = T>) -> Option<T> {
        let tracked = &self.0;
        let mut told = pin!(tracked.gave_way.notified());
        // Listening before it counts as waiting: no word can be missed.
        told.as_mut().enable();
        let since = millis_since(tracked.epoch).saturating_add(1);
        tracked.render_wait.store(since, Ordering::Release);
        let mut ready = pin!(ready);
        let outcome = tokio::select! {
            value = &mut ready => Some(value),
            () = &mut told => None,
        };
        // Whoever changes `render_wait` first decides: a request told to
        // give way as its wait ended gives way.
        let settled = tracked
            .render_wait
            .compare_exchange(since, 0, Ordering::AcqRel, Ordering::Acquire)
            .is_ok();
        if !settled {
            tracked.render_wait.store(0, Ordering::Release);
        }
        outcome.filter(|_| settled)
    }
}
