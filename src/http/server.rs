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
//! - **A cap on open connections**, and fair use of it: when the cap is
//!   reached and a new client connects, the connection that has been idle
//!   longest (between requests, or still waiting for its first) is closed
//!   to make room, so keep-alive clients cannot lock newcomers out.
//! - **Graceful shutdown.** On ctrl-c or SIGTERM the listener closes (new
//!   connections are refused), requests in flight finish, and the process
//!   exits within the drain timeout.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::http::{Request, Version, header};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Notify, Semaphore, watch};

use super::access_log::{AccessLog, Entry};
use super::{AppState, MissingHost, app};

/// The largest request head hyper buffers; longer heads get hyper's bare
/// 431. Below it, the router answers 414 and 431 with themed pages.
const MAX_HEAD_BYTES: usize = 128 * 1024;

/// How often the accept loop, holding a new client at the cap, looks again
/// for an idle connection to close.
const RECLAIM_INTERVAL: Duration = Duration::from_millis(100);

/// How long the server lets clients take, and how many it serves at once.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time allowed for a request's head to arrive: from the connection's
    /// start, and between requests on a kept-alive connection.
    pub header_timeout: Duration,
    /// Time allowed to finish requests in flight after a shutdown signal.
    pub drain_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// The access log written for every answer, if any.
    pub access_log: AccessLog,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            drain_timeout: Duration::from_secs(10),
            max_connections: 1024,
            access_log: AccessLog::Off,
        }
    }
}

/// Serves until ctrl-c or SIGTERM.
pub async fn serve(listener: TcpListener, state: AppState, limits: Limits) -> io::Result<()> {
    serve_until(listener, state, limits, shutdown_signal()).await
}

/// Serves until `shutdown` completes, then drains.
pub async fn serve_until(
    listener: TcpListener,
    state: AppState,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let service = app(state);
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(MAX_HEAD_BYTES)
        .keep_alive(true);
    let cap = limits.max_connections.max(1);
    let permits = Arc::new(Semaphore::new(cap));
    let connections = Arc::new(Connections::default());
    let (draining, drain_signal) = watch::channel(false);
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
        let Some(permit) = make_room(&permits, &connections, shutdown.as_mut()).await else {
            break;
        };
        let _ = stream.set_nodelay(true);
        let tracked = connections.open();
        let counted = Counted {
            service: service.clone(),
            tracked: tracked.clone(),
            peer,
            access_log: limits.access_log,
        };
        let connection = builder.serve_connection(TokioIo::new(stream), counted);
        tokio::spawn(run_connection(
            connection,
            tracked,
            connections.clone(),
            drain_signal.clone(),
            permit,
        ));
    }

    drop(listener);
    tracing::info!("shutting down: finishing requests in flight");
    let _ = draining.send(true);
    drain(&permits, cap, limits.drain_timeout).await;
    Ok(())
}

/// A permit for a new connection. At the cap, the client waits (its
/// request stays in its socket) while the longest-idle connection is
/// closed to make room. `None` if the server shuts down meanwhile.
async fn make_room(
    permits: &Arc<Semaphore>,
    connections: &Connections,
    mut shutdown: Pin<&mut impl Future<Output = ()>>,
) -> Option<tokio::sync::OwnedSemaphorePermit> {
    loop {
        if let Ok(permit) = permits.clone().try_acquire_owned() {
            return Some(permit);
        }
        connections.close_longest_idle();
        tokio::select! {
            permit = permits.clone().acquire_owned() => return permit.ok(),
            () = tokio::time::sleep(RECLAIM_INTERVAL) => {}
            () = shutdown.as_mut() => return None,
        }
    }
}

/// Serves one connection until it ends, is closed to make room (at once if
/// idle, else after its request in flight), or the server drains; then
/// gives its permit back.
async fn run_connection(
    connection: http1::Connection<TokioIo<tokio::net::TcpStream>, Counted>,
    tracked: Arc<Tracked>,
    connections: Arc<Connections>,
    mut drain_signal: watch::Receiver<bool>,
    permit: tokio::sync::OwnedSemaphorePermit,
) {
    tokio::pin!(connection);
    let mut closing = false;
    let result = loop {
        tokio::select! {
            result = connection.as_mut() => break result,
            () = tracked.close.notified(), if !closing => {
                closing = true;
                if tracked.in_flight.load(Ordering::Acquire) == 0 {
                    // Idle: nothing is lost by closing it now.
                    break Ok(());
                }
                connection.as_mut().graceful_shutdown();
            }
            _ = drain_signal.wait_for(|draining| *draining), if !closing => {
                closing = true;
                connection.as_mut().graceful_shutdown();
            }
        }
    };
    if let Err(error) = result {
        tracing::debug!("connection ended: {error}");
    }
    connections.remove(tracked.id);
    drop(permit);
}

/// Waits until every connection has given its permit back, or `timeout`.
async fn drain(permits: &Semaphore, cap: usize, timeout: Duration) {
    let all_closed = async {
        let cap = u32::try_from(cap).unwrap_or(u32::MAX);
        let _ = permits.acquire_many(cap).await;
    };
    tokio::select! {
        () = all_closed => tracing::info!("all requests finished"),
        () = tokio::time::sleep(timeout) => {
            tracing::warn!("drain timeout reached; closing the remaining connections");
        }
    }
}
/// One open connection, as the accept loop sees it.
struct Tracked {
    id: u64,
    /// The time `idle_since` counts from (the server's start).
    epoch: Instant,
    /// Requests being answered now.
    in_flight: AtomicUsize,
    /// Milliseconds since `epoch` at which the connection
    /// opened or last finished answering a request.
    idle_since: AtomicU64,
    /// Asks the connection to close (at once if idle).
    close: Notify,
}

/// Every open connection, so that the longest-idle one can be found.
struct Connections {
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

impl Connections {
    fn now_ms(epoch: Instant) -> u64 {
        u64::try_from(epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn open(&self) -> Arc<Tracked> {
        let tracked = Arc::new(Tracked {
            id: self.next_id.fetch_add(1, Ordering::Relaxed),
            epoch: self.epoch,
            in_flight: AtomicUsize::new(0),
            idle_since: AtomicU64::new(Self::now_ms(self.epoch)),
            close: Notify::new(),
        });
        self.lock().insert(tracked.id, tracked.clone());
        tracked
    }

    fn remove(&self, id: u64) {
        self.lock().remove(&id);
    }

    /// Closes the connection idle longest, if any is idle.
    fn close_longest_idle(&self) {
        let open = self.lock();
        let idlest = open
            .values()
            .filter(|tracked| tracked.in_flight.load(Ordering::Acquire) == 0)
            .min_by_key(|tracked| tracked.idle_since.load(Ordering::Relaxed));
        if let Some(tracked) = idlest {
            // Never picked twice: it no longer looks idle.
            tracked.idle_since.store(u64::MAX, Ordering::Relaxed);
            tracked.close.notify_one();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Tracked>>> {
        self.open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The site's service for one connection: counts requests in flight and
/// marks HTTP/1.1 requests without a `Host` header (RFC 9112: answered 400).
struct Counted {
    service: super::App,
    tracked: Arc<Tracked>,
    peer: std::net::SocketAddr,
    access_log: AccessLog,
}

impl hyper::service::Service<Request<Incoming>> for Counted {
    type Response = axum::response::Response;
    type Error = std::convert::Infallible;
    type Future = Counting;

    fn call(&self, mut request: Request<Incoming>) -> Counting {
        if request.version() == Version::HTTP_11 && !request.headers().contains_key(header::HOST) {
            request.extensions_mut().insert(MissingHost);
        }
        self.tracked.in_flight.fetch_add(1, Ordering::AcqRel);
        let logged = Entry::start(self.access_log, self.peer, &request);
        Counting {
            answer: hyper::service::Service::call(&self.service, request),
            in_flight: Some(InFlight(self.tracked.clone())),
            logged,
        }
    }
}

/// One request in flight; when dropped (answered or abandoned), the
/// connection is idle again from now.
struct InFlight(Arc<Tracked>);

impl Drop for InFlight {
    fn drop(&mut self) {
        let tracked = &self.0;
        tracked
            .idle_since
            .store(Connections::now_ms(tracked.epoch), Ordering::Relaxed);
        tracked.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

/// An answer that marks its connection idle, and is logged, when ready.
pub struct Counting {
    answer: super::Answer,
    in_flight: Option<InFlight>,
    logged: Option<Entry>,
}

impl Future for Counting {
    type Output = Result<axum::response::Response, std::convert::Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let ready = Pin::new(&mut this.answer).poll(cx);
        if let Poll::Ready(Ok(response)) = &ready {
            this.in_flight = None;
            if let Some(entry) = this.logged.take() {
                let bytes = axum::body::HttpBody::size_hint(response.body()).exact();
                entry.finish(response.status().as_u16(), bytes);
            }
        }
        ready
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
