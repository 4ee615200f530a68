//! Renders made on request, bounded: as many at once as the machine has
//! cores, each on one of tokio's blocking threads (stored pages keep being
//! answered on the request threads meanwhile); requests that find every
//! render thread busy wait in a queue of bounded length, for a bounded
//! time. A request that cannot be rendered in time, or finds the queue full,
//! or is told to give way at the connection cap, is answered 503 with
//! `Retry-After`, and nothing is cached for it.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::connections::Connection;
use super::error::AppError;

/// How renders are bounded.
#[derive(Debug, Clone, Copy)]
pub struct RenderLimits {
    /// Renders at once.
    pub threads: usize,
    /// Requests that may wait for a render thread; more are answered 503
    /// at once.
    pub queue: usize,
    /// How long a request may wait for a render thread before it is
    /// answered 503.
    pub deadline: Duration,
}

/// Requests that may wait for each render thread.
pub const QUEUE_PER_THREAD: usize = 64;

impl Default for RenderLimits {
    fn default() -> Self {
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        Self {
            threads,
            queue: QUEUE_PER_THREAD * threads,
            deadline: Duration::from_secs(5),
        }
    }
}

/// The render threads and their queue.
pub struct Renders {
    limits: RenderLimits,
    threads: Arc<Semaphore>,
    waiting: AtomicUsize,
}

/// Every render thread held: requests that need a render wait in the queue
/// as they would behind a flood, until this is dropped. For tests and
/// benchmarks.
pub struct Paused {
    _held: OwnedSemaphorePermit,
}

/// One place in the queue, given back when dropped.
struct InQueue<'a>(&'a AtomicUsize);

impl Drop for InQueue<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Renders {
    pub fn new(limits: RenderLimits) -> Self {
        let limits = RenderLimits {
            threads: limits.threads.max(1),
            ..limits
        };
        Self {
            threads: Arc::new(Semaphore::new(limits.threads)),
            waiting: AtomicUsize::new(0),
            limits,
        }
    }

    pub fn limits(&self) -> RenderLimits {
        self.limits
    }

    /// Requests waiting in the queue now.
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::Acquire)
    }

    /// Holds every render thread, if none is rendering now.
    pub fn pause(&self) -> Option<Paused> {
        let all = u32::try_from(self.limits.threads).ok()?;
        self.threads
            .clone()
            .try_acquire_many_owned(all)
            .ok()
            .map(|held| Paused { _held: held })
    }

    /// Runs `render` on a render thread once one is free: at once, or after
    /// waiting in the queue. [`AppError::Busy`] if the queue is full, the
    /// deadline passes first, or the request's `connection` is told to give
    /// way meanwhile.
    pub async fn run<T: Send + 'static>(
        &self,
        connection: Option<&Connection>,
        render: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let permit = match self.threads.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => self.wait(connection).await?,
        };
        let rendered = tokio::task::spawn_blocking(move || {
            let rendered = render();
            drop(permit);
            rendered
        })
        .await;
        rendered.map_err(|error| AppError::Internal(format!("the render failed: {error}")))
    }

    /// A render thread, after waiting in the queue.
    async fn wait(
        &self,
        connection: Option<&Connection>,
    ) -> Result<OwnedSemaphorePermit, AppError> {
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.limits.queue {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return Err(AppError::Busy);
        }
        let _in_queue = InQueue(&self.waiting);
        let free = tokio::time::timeout(self.limits.deadline, self.threads.clone().acquire_owned());
        let waited = match connection {
            Some(connection) => connection.wait_for(free).await.ok_or(AppError::Busy)?,
            None => free.await,
        };
        match waited {
            Ok(Ok(permit)) => Ok(permit),
            // Out of time (or the semaphore closed, which it never is).
            _ => Err(AppError::Busy),
        }
    }
}
