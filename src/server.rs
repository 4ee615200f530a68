//! Running the site: our own accept loop over hyper-util's connection
//! builder, so that the limits `axum::serve` does not expose can be set: a
//! header read timeout (slow clients are closed, not waited for), a cap on
//! the request head's size, and a cap on open connections (when full, new
//! connections wait in the listen backlog instead of starving the others).
//! On ctrl-c or SIGTERM the listener closes (new connections are refused),
//! requests in flight finish, and the process exits within the drain
//! timeout.

use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::routes::{AppState, app};

/// The largest request head hyper buffers; longer heads get hyper's bare
/// 431. Below it, the router answers 414 and 431 with themed pages.
const MAX_HEAD_BYTES: usize = 128 * 1024;

/// How long the server lets clients take, and how many it serves at once.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time allowed for a request's headers to arrive.
    pub header_timeout: Duration,
    /// Time allowed to finish requests in flight after a shutdown signal.
    pub drain_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            drain_timeout: Duration::from_secs(10),
            max_connections: 1024,
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
    // `App` is a hyper service itself: called by reference, it is not
    // cloned per request.
    let service = app(state);
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(MAX_HEAD_BYTES);
    builder
        .http2()
        .timer(TokioTimer::new())
        .max_header_list_size(MAX_HEAD_BYTES as u32);
    let graceful = GracefulShutdown::new();
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    tokio::pin!(shutdown);

    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
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
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), service.clone())
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!("connection ended: {error}");
            }
            drop(permit);
        });
    }

    drop(listener);
    tracing::info!("shutting down: finishing requests in flight");
    tokio::select! {
        () = graceful.shutdown() => tracing::info!("all requests finished"),
        () = tokio::time::sleep(limits.drain_timeout) => {
            tracing::warn!("drain timeout reached; closing the remaining connections");
        }
    }
    Ok(())
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
