//! The thread reloads run on: always the same one. The allocator keeps the
//! memory a thread frees for that thread's next allocations (glibc keeps
//! an arena per thread), so one thread reuses what the last reload freed,
//! where each thread of the blocking pool would keep some of its own and
//! resident memory would climb with every reload that landed on a new one.
//! What is still free once the old site is dropped is then given back to
//! the system on this thread ([`super::memory`]).

use std::sync::mpsc::{self, SendError};

type Job = Box<dyn FnOnce() + Send>;

/// The reload thread; it ends when this is dropped.
pub(super) struct Worker {
    jobs: mpsc::Sender<Job>,
}

impl Worker {
    /// Starts the thread. `None` if no thread could be started: work then
    /// runs on the blocking pool.
    pub(super) fn start() -> Option<Self> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let spawned = std::thread::Builder::new()
            .name("reload".to_owned())
            .spawn(move || {
                for job in queue {
                    job();
                }
            });
        match spawned {
            Ok(_) => Some(Self { jobs }),
            Err(error) => {
                tracing::warn!("no reload thread ({error}): reloading on the blocking pool");
                None
            }
        }
    }

    /// Runs `work` on the thread (or, without one, on the blocking pool)
    /// and waits for its answer; `None` if it panicked.
    pub(super) async fn run<T: Send + 'static>(
        worker: Option<&Self>,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = answer.send(work());
        });
        let unsent = match worker {
            Some(worker) => worker.jobs.send(job).err(),
            None => Some(SendError(job)),
        };
        if let Some(SendError(job)) = unsent {
            // The thread is gone (a reload panicked): the pool takes over.
            tokio::task::spawn_blocking(job).await.ok()?;
        }
        answered.await.ok()
    }
}
