//! The threads that serve connections: one single-threaded tokio runtime
//! per core, each with its own event loop, as nginx runs one worker process
//! per core. The accept loop hands each accepted connection to the worker
//! serving the fewest, and the connection lives on that worker until it
//! closes: its reads, writes, timers and answers never cross threads.
//!
//! A work-stealing runtime, measured under `wrk` on two cores, left a core
//! idle about 8% of the time while requests waited: its one I/O driver is
//! polled by whichever worker parks, so a busy worker holds back the
//! readiness the other one could act on. Per-core event loops keep both
//! cores busy.
//!
//! What workers share is shared across threads already: the connection cap
//! and its fairness (the accept loop's semaphores and [`super::connections`]),
//! the render threads and their queue, the site.

use std::future::Future;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::runtime::{Builder, Handle};
use tokio::sync::oneshot;

/// One worker: its runtime's handle, the connections it serves now, and
/// what stops it.
struct Worker {
    handle: Handle,
    serving: Arc<AtomicUsize>,
    _stop: oneshot::Sender<()>,
}

/// The workers of one server; they stop (and drop the connections they
/// still serve) when this is dropped.
pub struct Workers {
    workers: Vec<Worker>,
}

/// Counts a connection on its worker until it ends.
struct Serving(Arc<AtomicUsize>);

impl Drop for Serving {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Workers {
    /// `count` workers (at least one), each on a thread of its own.
    pub fn start(count: usize) -> io::Result<Self> {
        let mut workers = Vec::with_capacity(count.max(1));
        for index in 0..count.max(1) {
            let (stop, stopped) = oneshot::channel::<()>();
            let (started, handle) = std::sync::mpsc::channel::<io::Result<Handle>>();
            // The runtime is built, run and dropped on its own thread: a
            // runtime must not be dropped on the accepting runtime's thread.
            std::thread::Builder::new()
                .name(format!("rolecompare-worker-{index}"))
                .spawn(move || {
                    // Sockets and timers only: signals are the accepting
                    // runtime's.
                    let runtime = match Builder::new_current_thread()
                        .enable_io()
                        .enable_time()
                        .build()
                    {
                        Ok(runtime) => runtime,
                        Err(error) => {
                            let _ = started.send(Err(error));
                            return;
                        }
                    };
                    let _ = started.send(Ok(runtime.handle().clone()));
                    // Runs the connections spawned on it until told to stop
                    // (or the server is gone); the runtime, dropped here,
                    // drops what it still runs.
                    runtime.block_on(async {
                        let _ = stopped.await;
                    });
                })?;
            let handle = handle
                .recv()
                .map_err(|_| io::Error::other("a worker thread ended as it started"))??;
            workers.push(Worker {
                handle,
                serving: Arc::new(AtomicUsize::new(0)),
                _stop: stop,
            });
        }
        Ok(Self { workers })
    }

    /// One worker per core the machine has.
    pub fn per_core() -> io::Result<Self> {
        Self::start(std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get))
    }

    /// Runs the future `make` returns on the worker serving the fewest
    /// connections. `make` runs on that worker, so what it builds (a socket
    /// registered with the worker's event loop) belongs to it.
    pub fn spawn<F, Fut>(&self, make: F)
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let Some(worker) = self
            .workers
            .iter()
            .min_by_key(|worker| worker.serving.load(Ordering::Acquire))
        else {
            return;
        };
        worker.serving.fetch_add(1, Ordering::AcqRel);
        let serving = Serving(worker.serving.clone());
        worker.handle.spawn(async move {
            let _serving = serving;
            make().await;
        });
    }
}
