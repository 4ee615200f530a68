//! The threads that serve connections: one single-threaded tokio runtime
//! per core, each with its own event loop, as nginx runs one worker process
//! per core. The accept loop hands each accepted connection to a worker,
//! and the connection lives on that worker until it closes: its reads,
//! writes, timers and answers never cross threads.
//!
//! Which worker: when workers are kept to CPUs (below), the one on the CPU
//! the connection's packets arrive on (`SO_INCOMING_CPU`: the CPU that
//! processed them, which is the network card's receive queue's unless
//! RPS/RFS steer them elsewhere, and for loopback the client's own), while
//! it serves no more than the worker serving the fewest plus a quarter (at
//! least two); otherwise the worker serving the fewest. With a network
//! card of one receive queue, every connection arrives on one CPU: its
//! worker then serves up to a quarter more connections than the others. A connection served on the CPU that receives its
//! packets is woken and answered there, without waking a thread on another
//! core (measured in `docs/performance.md`, "Serving a connection where its
//! packets arrive").
//!
//! What workers share is shared across threads already: the connection cap
//! and its fairness (the accept loop's semaphores and [`super::connections`]),
//! the render threads and their queue, the site.
//!
//! When there is a worker for every CPU the process may run on, each is
//! kept to a CPU of its own (as nginx's `worker_cpu_affinity auto`), unless
//! `--pin-workers false`. Measured under `wrk` on two shared cores, free
//! workers left some rounds with a p99 of 3–5 ms for small answers where
//! kept ones stayed at 1.2–2 ms; the likely reading is that the kernel put
//! both workers on one core and both client threads on the other, which
//! then ran by turns of a whole scheduler tick. With fewer workers than
//! CPUs (a CPU quota), workers are left free: a quota does not say which
//! CPUs are free. The threads a kept worker starts for blocking work (the
//! renders of pages made on request) are not kept: they may run on any of
//! the process's CPUs, as before.

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
    cpu: Option<usize>,
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
    /// `count` workers (at least one), each on a thread of its own; worker
    /// `i` kept to `cpus[i]`, when `cpus` names one for each.
    pub fn start(count: usize, cpus: Option<&[usize]>) -> io::Result<Self> {
        let count = count.max(1);
        let cpus = cpus.filter(|cpus| cpus.len() == count);
        // The threads a worker's runtime starts for blocking work (the
        // renders of pages made on request) must not inherit its CPU.
        let free: Option<Arc<[usize]>> = cpus.map(Arc::from);
        let mut workers = Vec::with_capacity(count);
        for index in 0..count {
            let (stop, stopped) = oneshot::channel::<()>();
            // The runtime's handle, and the CPU the thread was kept to.
            let (started, handle) =
                std::sync::mpsc::channel::<io::Result<(Handle, Option<usize>)>>();
            let cpu = cpus.map(|cpus| cpus[index]);
            let free = free.clone();
            // The runtime is built, run and dropped on its own thread: a
            // runtime must not be dropped on the accepting runtime's thread.
            std::thread::Builder::new()
                .name(format!("rolecompare-worker-{index}"))
                .spawn(move || {
                    // A CPU the system refused is not the worker's.
                    let cpu = cpu.filter(|&cpu| keep_to(cpu));
                    // Sockets and timers only: signals are the accepting
                    // runtime's.
                    let mut builder = Builder::new_current_thread();
                    builder.enable_io().enable_time();
                    if let Some(free) = free {
                        builder.on_thread_start(move || {
                            keep_to_any(&free);
                        });
                    }
                    let runtime = match builder.build() {
                        Ok(runtime) => runtime,
                        Err(error) => {
                            let _ = started.send(Err(error));
                            return;
                        }
                    };
                    let _ = started.send(Ok((runtime.handle().clone(), cpu)));
                    // Runs the connections spawned on it until told to stop
                    // (or the server is gone); the runtime, dropped here,
                    // drops what it still runs.
                    runtime.block_on(async {
                        let _ = stopped.await;
                    });
                })?;
            let (handle, cpu) = handle
                .recv()
                .map_err(|_| io::Error::other("a worker thread ended as it started"))??;
            workers.push(Worker {
                handle,
                cpu,
                serving: Arc::new(AtomicUsize::new(0)),
                _stop: stop,
            });
        }
        Ok(Self { workers })
    }

    /// One worker per core the process may use; each kept to a CPU of its
    /// own if `pin` and there is a worker for every CPU it may run on.
    pub fn per_core(pin: bool) -> io::Result<Self> {
        let count = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let cpus = if pin { allowed_cpus() } else { None };
        Self::start(count, cpus.as_deref())
    }

    /// Runs the future `make` returns on a worker: the one kept to the CPU
    /// the connection `arrived_on`, unless that one already serves more
    /// than its share ([`choose`]); else the one serving the fewest
    /// connections. `make` runs on that worker, so what it builds (a socket
    /// registered with the worker's event loop) belongs to it.
    pub fn spawn<F, Fut>(&self, arrived_on: Option<usize>, make: F)
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        // One small allocation per accepted connection.
        let serving: Vec<(Option<usize>, usize)> = self
            .workers
            .iter()
            .map(|worker| (worker.cpu, worker.serving.load(Ordering::Acquire)))
            .collect();
        let Some(worker) = choose(&serving, arrived_on).map(|index| &self.workers[index]) else {
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

/// Which of `workers` (the CPU each is kept to, if any, and the
/// connections it serves) takes a connection that arrived on the CPU
/// `arrived_on`: the worker kept to that CPU, while it serves no more than
/// the worker serving the fewest plus a quarter (at least two); else the
/// one serving the fewest (the first of them). Workers kept to no CPU are
/// chosen by what they serve alone. `None` without workers.
fn choose(workers: &[(Option<usize>, usize)], arrived_on: Option<usize>) -> Option<usize> {
    let fewest = (0..workers.len()).min_by_key(|&index| workers[index].1)?;
    let least = workers[fewest].1;
    let share = least + (least / 4).max(2);
    let near = arrived_on.and_then(|cpu| {
        workers
            .iter()
            .position(|&(kept_to, serving)| kept_to == Some(cpu) && serving <= share)
    });
    Some(near.unwrap_or(fewest))
}

/// The CPU that received the last of `socket`'s packets: the one whose
/// network processing handed it over (for loopback, the client's own).
#[cfg(target_os = "linux")]
pub fn arrived_on(socket: &impl std::os::fd::AsFd) -> Option<usize> {
    // The kernel's answer is an `int`, -1 while no packet has arrived.
    rustix::net::sockopt::socket_incoming_cpu(socket)
        .ok()
        .and_then(|cpu| usize::try_from(i32::from_ne_bytes(cpu.to_ne_bytes())).ok())
}

#[cfg(not(target_os = "linux"))]
pub fn arrived_on<T>(_: &T) -> Option<usize> {
    None
}

/// The CPUs this process may run on, in order.
#[cfg(target_os = "linux")]
fn allowed_cpus() -> Option<Vec<usize>> {
    use rustix::thread::{CpuSet, sched_getaffinity};
    let set = sched_getaffinity(None).ok()?;
    Some(
        (0..CpuSet::MAX_CPU)
            .filter(|&cpu| set.is_set(cpu))
            .collect(),
    )
}

#[cfg(not(target_os = "linux"))]
fn allowed_cpus() -> Option<Vec<usize>> {
    None
}

/// Keeps the calling thread to `cpu`; whether it is (if the system
/// refuses, it stays free).
fn keep_to(cpu: usize) -> bool {
    keep_to_any(&[cpu])
}

/// Keeps the calling thread to `cpus`; whether it is (if the system
/// refuses, it stays as it was).
#[cfg(target_os = "linux")]
fn keep_to_any(cpus: &[usize]) -> bool {
    use rustix::thread::{CpuSet, sched_setaffinity};
    let mut set = CpuSet::new();
    for &cpu in cpus {
        set.set(cpu);
    }
    match sched_setaffinity(None, &set) {
        Ok(()) => true,
        Err(error) => {
            tracing::debug!("a thread's CPUs stay as they were, not {cpus:?}: {error}");
            false
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn keep_to_any(_: &[usize]) -> bool {
    false
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// The CPUs the calling thread may run on.
    fn cpus_of_this_thread() -> Vec<usize> {
        let set = rustix::thread::sched_getaffinity(None).expect("affinity");
        (0..rustix::thread::CpuSet::MAX_CPU)
            .filter(|&cpu| set.is_set(cpu))
            .collect()
    }

    /// Where each of `workers`' threads may run, asked from each.
    fn cpus_of_workers(workers: &Workers, count: usize) -> Vec<Vec<usize>> {
        let (told, answers) = std::sync::mpsc::channel();
        let (release, released) = tokio::sync::watch::channel(false);
        // Each task holds its worker until released, so the next goes to
        // another (the one serving the fewest).
        for _ in 0..count {
            let told = told.clone();
            let mut released = released.clone();
            workers.spawn(None, move || async move {
                let _ = told.send(cpus_of_this_thread());
                let _ = released.wait_for(|released| *released).await;
            });
        }
        let cpus = (0..count)
            .map(|_| {
                answers
                    .recv_timeout(std::time::Duration::from_secs(10))
                    .expect("a worker answers")
            })
            .collect();
        let _ = release.send(true);
        cpus
    }

    #[test]
    fn with_a_worker_for_each_cpu_each_keeps_to_its_own() {
        let allowed = allowed_cpus().expect("affinity");
        let workers = Workers::start(allowed.len(), Some(&allowed)).expect("workers");
        let mut cpus = cpus_of_workers(&workers, allowed.len());
        cpus.sort();
        let each: Vec<Vec<usize>> = allowed.iter().map(|&cpu| vec![cpu]).collect();
        assert_eq!(cpus, each, "one CPU each, all of them");
    }

    #[test]
    fn what_a_kept_worker_runs_on_blocking_threads_may_run_anywhere() {
        let allowed = allowed_cpus().expect("affinity");
        let workers = Workers::start(allowed.len(), Some(&allowed)).expect("workers");
        let (told, answer) = std::sync::mpsc::channel();
        workers.spawn(None, move || async move {
            let cpus = tokio::task::spawn_blocking(cpus_of_this_thread).await;
            let _ = told.send((cpus_of_this_thread(), cpus.expect("blocking work")));
        });
        let (worker, blocking) = answer
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("a worker answers");
        assert_eq!(worker.len(), 1, "the worker keeps to one CPU");
        assert_eq!(blocking, allowed, "its blocking threads do not");
    }

    #[test]
    fn a_connection_goes_to_the_worker_on_the_cpu_it_arrived_on() {
        let allowed = allowed_cpus().expect("affinity");
        let workers = Workers::start(allowed.len(), Some(&allowed)).expect("workers");
        for &cpu in allowed.iter().rev() {
            let (told, answer) = std::sync::mpsc::channel();
            workers.spawn(Some(cpu), move || async move {
                let _ = told.send(cpus_of_this_thread());
            });
            let on = answer
                .recv_timeout(std::time::Duration::from_secs(10))
                .expect("a worker answers");
            assert_eq!(on, vec![cpu]);
        }
    }

    #[test]
    fn the_worker_on_the_arrival_cpu_takes_connections_up_to_a_quarter_more_than_the_fewest() {
        let kept = |serving: [usize; 2]| [(Some(0), serving[0]), (Some(1), serving[1])];
        assert_eq!(choose(&kept([0, 0]), Some(1)), Some(1));
        assert_eq!(choose(&kept([5, 0]), Some(0)), Some(1), "two more at least");
        assert_eq!(choose(&kept([2, 0]), Some(0)), Some(0));
        assert_eq!(choose(&kept([3, 0]), Some(0)), Some(1));
        assert_eq!(choose(&kept([40, 32]), Some(0)), Some(0), "a quarter more");
        assert_eq!(choose(&kept([41, 32]), Some(0)), Some(1));
        assert_eq!(choose(&kept([32, 41]), Some(0)), Some(0));
        assert_eq!(
            choose(&kept([13, 11]), Some(0)),
            Some(0),
            "a quarter, rounded down"
        );
        assert_eq!(choose(&kept([14, 11]), Some(0)), Some(1));
        let three = [(Some(0), 9), (Some(1), 8), (Some(2), 10)];
        assert_eq!(choose(&three, Some(2)), Some(2));
        assert_eq!(choose(&three, Some(0)), Some(0));
        assert_eq!(
            choose(&[(Some(0), 9), (Some(1), 8), (Some(2), 11)], Some(2)),
            Some(1)
        );
        // Arrived elsewhere, or nowhere known: the one serving the fewest.
        assert_eq!(choose(&kept([3, 1]), Some(7)), Some(1));
        assert_eq!(choose(&kept([3, 1]), None), Some(1));
        assert_eq!(choose(&kept([1, 1]), None), Some(0));
        // Workers kept to no CPU are chosen by what they serve alone.
        assert_eq!(choose(&[(None, 1), (None, 0)], Some(0)), Some(1));
        assert_eq!(choose(&[], Some(0)), None);
    }

    #[test]
    fn a_loopback_connection_arrives_on_the_cpu_its_client_runs_on() {
        let allowed = allowed_cpus().expect("affinity");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listener");
        let address = listener.local_addr().expect("address");
        for &cpu in allowed.iter().chain(allowed.iter().rev()) {
            let client = std::thread::spawn(move || {
                let kept = keep_to(cpu);
                (
                    kept,
                    std::net::TcpStream::connect(address).expect("connect"),
                )
            });
            let (accepted, _) = listener.accept().expect("accept");
            // Asked as the accept loop asks: before the server reads or the
            // client sends anything more.
            let arrived = arrived_on(&accepted);
            let (kept, _stream) = client.join().expect("client");
            assert!(kept, "the client is kept to CPU {cpu}");
            assert_eq!(arrived, Some(cpu));
        }
    }

    #[test]
    fn workers_not_told_where_to_run_may_run_anywhere() {
        let allowed = allowed_cpus().expect("affinity");
        let workers = Workers::start(2, None).expect("workers");
        // A list of CPUs that does not match the workers is not used.
        let mismatched = Workers::start(2, Some(&allowed[..1])).expect("workers");
        for cpus in cpus_of_workers(&workers, 2)
            .into_iter()
            .chain(cpus_of_workers(&mismatched, 2))
        {
            assert_eq!(cpus, allowed);
        }
    }
}
