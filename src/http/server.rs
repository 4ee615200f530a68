//! Running the site: our own accept loop over hyper's HTTP/1.1 connection,
//! so that every limit can be set and every connection accounted for.
//!
//! - **HTTP/1.1 only.** Browsers speak HTTP/2 only over TLS, which a reverse
//!   proxy or CDN in front of the site terminates, and proxies speak
//!   HTTP/1.1 to their upstream; a cleartext HTTP/2 listener would only add
//!   a second protocol's limits to get right. An HTTP/2 preface is refused
//!   like any malformed request.
//! - **A deadline on every connection.** A request head must arrive within
//!   the header timeout, from the moment the connection opens (a socket
//!   that sends nothing is closed then) and between requests on a kept-alive
//!   connection.
//! - **A deadline on every answer.** An answer the client stops reading
//!   for longer than the write timeout is given up and its connection
//!   closed.
//! - **A cap on open connections**, and fair use of it (see
//!   [`super::connections`]): when the cap is reached and a new client
//!   connects, the connection idle longest (between requests) closes to make
//!   room; if none is idle, the request that has waited longest for a render
//!   is answered 503 and its connection closes. Either way the newcomer is
//!   answered: with a connection of its own, or, while none is free, on a
//!   connection beyond the cap that answers one request and renders nothing
//!   (a page that would need a render is a 503 with `Retry-After`). A few
//!   such connections are served at once; more clients wait in the listen
//!   backlog.
//! - **Every answer arrives.** A connection the server ends sends the end
//!   of its stream, then reads and drops what the client still sends, for a
//!   second at most, before it closes: closing with unread bytes would reset
//!   the connection and could destroy the last answer.
//! - **One event loop per core.** Connections are accepted here and each is
//!   served, until it closes, on one of the per-core workers
//!   ([`super::workers`]), preferably the one on the CPU its packets arrive
//!   on; the cap and its fairness are shared by all.
//! - **Graceful shutdown.** On ctrl-c or SIGTERM the listener closes (new
//!   connections are refused), requests in flight finish, and the process
//!   exits within the drain timeout.

use std::future::Future;
use std::io;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

use atomic_waker::AtomicWaker;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};

use super::access_log::AccessLog;
use super::connections::{Connections, Tracked};
use super::counted::Counted;
use super::socket::{Traffic, Watched, linger};
use super::workers::{Workers, arrived_on};
use super::{App, AppState, app};

/// The largest request head hyper buffers; longer heads get hyper's bare
/// 431. Below it, the router answers 414 and 431 with themed pages.
const MAX_HEAD_BYTES: usize = 128 * 1024;

/// The longest a connection beyond the cap may take to send its request.
const OVER_CAP_HEADER_TIMEOUT: Duration = Duration::from_secs(2);

/// How long the accept loop waits for the permit of a connection that
/// closed to make room.
const ROOM_WITHIN: Duration = Duration::from_millis(100);

/// How long the server lets clients take, and how many it serves at once.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time allowed for a request's head to arrive: from the connection's
    /// start, and between requests on a kept-alive connection.
    pub header_timeout: Duration,
    /// Time an answer may wait for the client to read on: past it, the
    /// answer is given up and the connection closed.
    pub write_timeout: Duration,
    /// Time allowed to finish requests in flight after a shutdown signal.
    pub drain_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// The access log written for every answer, if any.
    pub access_log: AccessLog,
    /// Whether each per-core worker is kept to a CPU of its own, when there
    /// is one for every CPU the process may run on (see
    /// [`super::workers`]).
    pub pin_workers: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(30),
            drain_timeout: Duration::from_secs(10),
            max_connections: 1024,
            access_log: AccessLog::Off,
            pin_workers: true,
        }
    }
}

impl Limits {
    /// Connections beyond the cap answered at once (one request each): an
    /// eighth of the cap, at least 16.
    pub fn over_cap(&self) -> usize {
        (self.max_connections / 8).max(16)
    }
}

/// Serves until ctrl-c or SIGTERM.
pub async fn serve(listener: TcpListener, state: AppState, limits: Limits) -> io::Result<()> {
    serve_until(listener, state, limits, shutdown_signal()).await
}

/// What every connection's task shares.
struct Shared {
    service: App,
    limits: Limits,
    builder: http1::Builder,
    over_cap_builder: http1::Builder,
    connections: Connections,
    draining: watch::Receiver<bool>,
}

/// Serves until `shutdown` completes, then drains.
pub async fn serve_until(
    listener: TcpListener,
    state: AppState,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let cap = limits.max_connections.max(1);
    let permits = Arc::new(Semaphore::new(cap));
    let over_cap = Arc::new(Semaphore::new(limits.over_cap()));
    let (draining, drain_signal) = watch::channel(false);
    let shared = Arc::new(Shared {
        service: app(state),
        limits,
        builder: builder(None, true),
        over_cap_builder: builder(
            Some(limits.header_timeout.min(OVER_CAP_HEADER_TIMEOUT)),
            false,
        ),
        connections: Connections::default(),
        draining: drain_signal,
    });
    // Connections are served on one event loop per core; should no worker
    // thread start, on this runtime.
    let workers = match Workers::per_core(limits.pin_workers) {
        Ok(workers) => Some(workers),
        Err(error) => {
            tracing::warn!("serving on the accepting runtime: no worker threads ({error})");
            None
        }
    };
    tokio::pin!(shutdown);

    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait, go on.
                    tracing::warn!("accept failed: {error}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let slot = tokio::select! {
            slot = make_room(&permits, &over_cap, &shared.connections) => slot,
            () = &mut shutdown => break,
        };
        // The semaphores are never closed.
        let Some(slot) = slot else { continue };
        let shared = shared.clone();
        match &workers {
            Some(workers) => {
                // The socket moves to its worker's event loop: preferably
                // the one on the CPU its packets arrive on.
                let arrived_on = arrived_on(&stream);
                let stream = match stream.into_std() {
                    Ok(stream) => stream,
                    Err(error) => {
                        tracing::debug!("connection lost on its way to a worker: {error}");
                        continue;
                    }
                };
                workers.spawn(arrived_on, move || async move {
                    match TcpStream::from_std(stream) {
                        Ok(stream) => serve_slot(shared, stream, peer, slot).await,
                        Err(error) => tracing::warn!("cannot serve a connection: {error}"),
                    }
                });
            }
            None => {
                tokio::spawn(serve_slot(shared, stream, peer, slot));
            }
        }
    }

    drop(listener);
    tracing::info!("shutting down: finishing requests in flight");
    let _ = draining.send(true);
    drain(
        &[(&permits, cap), (&over_cap, limits.over_cap())],
        limits.drain_timeout,
    )
    .await;
    Ok(())
}

/// hyper's HTTP/1.1 settings: connections kept alive or answering one
/// request, with hyper's header timeout or (`None`) without it, for a
/// connection that keeps its own ([`head_deadline`]).
fn builder(header_timeout: Option<Duration>, keep_alive: bool) -> http1::Builder {
    let mut builder = http1::Builder::new();
    builder.max_buf_size(MAX_HEAD_BYTES).keep_alive(keep_alive);
    match header_timeout {
        Some(timeout) => builder
            .timer(TokioTimer::new())
            .header_read_timeout(timeout),
        None => builder.header_read_timeout(None),
    };
    builder
}

/// Where a new client is served.
enum Slot {
    /// A connection of its own, within the cap.
    Own(OwnedSemaphorePermit),
    /// One request on a connection beyond the cap.
    OverCap(OwnedSemaphorePermit),
}

/// A slot for a new client: a free one, or one an idle connection gives
/// up; else a place beyond the cap, once the request that has waited longest
/// for a render is told to give way; else, once a place beyond the cap
/// frees (the client waits in the listen backlog meanwhile).
async fn make_room(
    permits: &Arc<Semaphore>,
    over_cap: &Arc<Semaphore>,
    connections: &Connections,
) -> Option<Slot> {
    if let Ok(permit) = permits.clone().try_acquire_owned() {
        return Some(Slot::Own(permit));
    }
    if connections.close_an_idle_one().await
        && let Ok(Ok(permit)) =
            tokio::time::timeout(ROOM_WITHIN, permits.clone().acquire_owned()).await
    {
        return Some(Slot::Own(permit));
    }
    connections.shed_longest_waiting();
    tokio::select! {
        permit = permits.clone().acquire_owned() => permit.ok().map(Slot::Own),
        permit = over_cap.clone().acquire_owned() => permit.ok().map(Slot::OverCap),
    }
}

/// Serves a new connection in its slot: tracked within the cap, or beyond
/// it for one request.
async fn serve_slot(
    shared: Arc<Shared>,
    stream: TcpStream,
    peer: std::net::SocketAddr,
    slot: Slot,
) {
    let stream = Arc::new(stream);
    match slot {
        Slot::Own(permit) => {
            let tracked = shared.connections.open(stream.clone());
            serve_connection(shared, stream, peer, Some(tracked), permit).await;
        }
        Slot::OverCap(permit) => serve_connection(shared, stream, peer, None, permit).await,
    }
}

/// Serves one connection until it ends, is closed to make room (only when
/// idle), misses its head deadline, or the server drains; then closes it
/// without losing its last answer, and gives its permit back.
async fn serve_connection(
    shared: Arc<Shared>,
    stream: Arc<TcpStream>,
    peer: std::net::SocketAddr,
    tracked: Option<Arc<Tracked>>,
    permit: OwnedSemaphorePermit,
) {
    let traffic = tracked
        .as_ref()
        .map_or_else(|| Arc::new(Traffic::default()), |t| t.traffic.clone());
    let io = Watched::new(stream.clone(), traffic.clone(), shared.limits.write_timeout);
    let counted = Counted {
        service: shared.service.clone(),
        tracked: tracked.clone(),
        peer,
        access_log: shared.limits.access_log,
        traffic: traffic.clone(),
    };
    let builder = match tracked {
        Some(_) => &shared.builder,
        None => &shared.over_cap_builder,
    };
    let mut connection = builder.serve_connection(TokioIo::new(io), counted);
    let header_timeout = shared.limits.header_timeout;
    // A connection within the cap keeps its own head deadline: one timer,
    // moved only when it fires, instead of one set and cancelled by hyper
    // for every request.
    let mut deadline = tracked.as_ref().map(|tracked| {
        let at =
            head_deadline(tracked, header_timeout, Instant::now()).unwrap_or_else(Instant::now);
        Box::pin(tokio::time::sleep_until(at.into()))
    });
    let beside = Arc::new(Beside::default());
    let beside_waker = Waker::from(beside.clone());
    let mut draining = shared.draining.clone();
    let mut closing = false;
    let mut evicted = None;
    let result = loop {
        let asked = async {
            match &tracked {
                Some(tracked) => tracked.asked().await,
                None => std::future::pending().await,
            }
        };
        let drained = draining.wait_for(|draining| *draining);
        let mut asked = pin!(asked);
        let mut drained = pin!(drained);
        // New futures beside hyper's: poll them once, to be woken.
        beside.woken.store(true, Ordering::Release);
        let event = std::future::poll_fn(|cx| {
            if let Poll::Ready(result) = connection.poll_without_shutdown(cx) {
                return Poll::Ready(Event::Ended(result));
            }
            beside.task.register(cx.waker());
            if !beside.woken.swap(false, Ordering::AcqRel) {
                return Poll::Pending;
            }
            let mut cx = Context::from_waker(&beside_waker);
            if asked.as_mut().poll(&mut cx).is_ready() {
                return Poll::Ready(Event::Asked);
            }
            if !closing && drained.as_mut().poll(&mut cx).is_ready() {
                return Poll::Ready(Event::Draining);
            }
            if let Some(deadline) = &mut deadline
                && deadline.as_mut().poll(&mut cx).is_ready()
            {
                return Poll::Ready(Event::Deadline);
            }
            Poll::Pending
        })
        .await;
        match event {
            Event::Ended(result) => break result,
            Event::Asked => {
                let Some(tracked) = &tracked else { continue };
                let Some(question) = tracked.question() else {
                    continue;
                };
                if tracked.is_idle() {
                    evicted = Some(question);
                    break Ok(());
                }
                let _ = question.send(false);
            }
            Event::Draining => {
                closing = true;
                std::pin::Pin::new(&mut connection).graceful_shutdown();
            }
            Event::Deadline => {
                let (Some(tracked), Some(deadline)) = (&tracked, &mut deadline) else {
                    continue;
                };
                match head_deadline(tracked, header_timeout, Instant::now()) {
                    Some(at) => deadline.as_mut().reset(at.into()),
                    None => {
                        tracing::debug!(
                            "connection ended: no request head within the header timeout"
                        );
                        break Ok(());
                    }
                }
            }
        }
    };
    if let Err(error) = result {
        tracing::debug!("connection ended: {error}");
    }
    drop(connection);
    if let Some(tracked) = tracked {
        shared.connections.remove(&tracked);
    }
    // Idle, with nothing sent or waiting: it closes at once.
    if evicted.is_none() {
        linger(&stream, &traffic).await;
    }
    drop(stream);
    drop(permit);
    if let Some(question) = evicted {
        let _ = question.send(true);
    }
}

/// What ended a connection's wait.
enum Event {
    /// hyper is done with the connection.
    Ended(hyper::Result<()>),
    /// The accept loop asks whether it is idle.
    Asked,
    /// The server is draining.
    Draining,
    /// Its head deadline's timer fired.
    Deadline,
}

/// Whether a future a connection's task waits on beside hyper's connection
/// (the accept loop's question, the drain, the head deadline) has woken
/// it. Those are polled only then: hyper wakes the task for every request,
/// and polling them each time would take their locks and read the clock
/// for nothing.
#[derive(Default)]
struct Beside {
    woken: AtomicBool,
    task: AtomicWaker,
}

impl Wake for Beside {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::Release);
        self.task.wake();
    }
}

/// A connection's head deadline at `now`: the header timeout after it
/// began waiting for a request's head; `None` once that has passed. While
/// a request is being answered, or an answer waits for the client, the
/// deadline is not running: it is looked at again a header timeout later.
fn head_deadline(tracked: &Tracked, timeout: Duration, now: Instant) -> Option<Instant> {
    match tracked.awaiting_head_since() {
        Some(since) if now.saturating_duration_since(since) >= timeout => None,
        Some(since) => Some(since + timeout),
        None => Some(now + timeout),
    }
}

/// Waits until every connection has given its permit back, or `timeout`.
async fn drain(permits: &[(&Semaphore, usize)], timeout: Duration) {
    let all_closed = async {
        for (permits, count) in permits {
            let count = u32::try_from(*count).unwrap_or(u32::MAX);
            let _ = permits.acquire_many(count).await;
        }
    };
    tokio::select! {
        () = all_closed => tracing::info!("all requests finished"),
        () = tokio::time::sleep(timeout) => {
            tracing::warn!("drain timeout reached; closing the remaining connections");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
