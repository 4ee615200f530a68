//! Taking turns on a shared core.
//!
//! A worker with many busy connections always has a request ready, so it
//! never blocks: the kernel lets it run until the scheduler's tick ends its
//! slice (4 ms at `HZ=250`), and every other thread waiting for that core
//! waits that long. On a small host those threads are what the answers go
//! to: the reverse proxy in front, or the client itself. An answer already
//! sent waits in their socket, unread, for the rest of the worker's slice.
//! Measured under `wrk` sharing two cores with the server, this was the
//! slowest 1% of requests: a p99 of 5–8 ms on the small (brotli) answers,
//! where the median was 0.1 ms (see `docs/performance.md`).
//!
//! So a worker takes turns. After a write, once [`TURN`] has passed since
//! its turn began, it looks at how much of that time it spent running (its
//! thread's CPU time). If it held the core for at least [`HELD`] of it, it
//! yields (`sched_yield(2)`): a thread waiting for the core runs first, and
//! with none waiting the call returns at once. If it did not (it waited
//! for requests, or the kernel already ran something else), others had
//! their turn and it goes on. Either way a new turn begins. A worker that
//! blocks often, as one sending large pages does, never yields: measured,
//! yielding there only added context switches and cost 6% of its
//! throughput.
//!
//! The cost is one clock read per write and, once per turn, a read of the
//! thread's CPU time.

use std::cell::Cell;
use std::time::{Duration, Instant};

/// How long a turn lasts before the worker looks at whether to give way.
pub const TURN: Duration = Duration::from_micros(500);

/// The share of a turn, in percent, a worker must have spent running to
/// give way at its end.
pub const HELD: u32 = 75;

/// When a thread's turn began: the time, and the thread's CPU time then.
#[derive(Clone, Copy)]
struct Began {
    at: Instant,
    cpu: Duration,
}

/// What a worker does after a write.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    /// Its turn goes on.
    GoOn,
    /// Its turn is over and it gave others their chance: a new one begins.
    Begin,
    /// Its turn is over and it held the core: it yields, then a new one
    /// begins.
    GiveWay,
}

/// The step after a write at `now`, for a turn that began at `began`;
/// `cpu` reads the thread's CPU time, only once the turn is over.
fn step(began: Began, now: Instant, cpu: impl FnOnce() -> Duration) -> (Step, Duration) {
    let elapsed = now.saturating_duration_since(began.at);
    if elapsed < TURN {
        return (Step::GoOn, began.cpu);
    }
    let cpu = cpu();
    let ran = cpu.saturating_sub(began.cpu);
    if ran * 100 >= elapsed * HELD {
        (Step::GiveWay, cpu)
    } else {
        (Step::Begin, cpu)
    }
}

thread_local! {
    static TURN_OF_THIS_THREAD: Cell<Option<Began>> = const { Cell::new(None) };
}

/// Called after a write: gives way to threads waiting for this core if
/// this thread has held it for most of a turn.
pub fn after_write() {
    let Some(cpu_time) = thread_cpu_time() else {
        return;
    };
    TURN_OF_THIS_THREAD.with(|turn| {
        let now = Instant::now();
        let Some(began) = turn.get() else {
            turn.set(Some(Began {
                at: now,
                cpu: cpu_time(),
            }));
            return;
        };
        match step(began, now, cpu_time) {
            (Step::GoOn, _) => {}
            (Step::Begin, cpu) => turn.set(Some(Began { at: now, cpu })),
            (Step::GiveWay, cpu) => {
                std::thread::yield_now();
                turn.set(Some(Began {
                    at: Instant::now(),
                    cpu,
                }));
            }
        }
    });
}

/// How to read this thread's CPU time, where the system tells it.
#[cfg(target_os = "linux")]
fn thread_cpu_time() -> Option<fn() -> Duration> {
    Some(|| {
        let time = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
        Duration::new(
            u64::try_from(time.tv_sec).unwrap_or(0),
            u32::try_from(time.tv_nsec).unwrap_or(0),
        )
    })
}

/// Elsewhere workers do not take turns.
#[cfg(not(target_os = "linux"))]
fn thread_cpu_time() -> Option<fn() -> Duration> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn began(at: Instant) -> Began {
        Began {
            at,
            cpu: Duration::from_millis(10),
        }
    }

    #[test]
    fn within_a_turn_the_worker_goes_on_without_reading_its_cpu_time() {
        let start = Instant::now();
        for later in [Duration::ZERO, TURN / 2, TURN - Duration::from_nanos(1)] {
            let (next, _) = step(began(start), start + later, || {
                panic!("CPU time read within the turn")
            });
            assert_eq!(next, Step::GoOn);
        }
    }

    #[test]
    fn a_worker_that_held_the_core_for_its_turn_gives_way() {
        let start = Instant::now();
        // Ran the whole turn, and most of a longer one.
        let (next, cpu) = step(began(start), start + TURN, || {
            Duration::from_millis(10) + TURN
        });
        assert_eq!(next, Step::GiveWay);
        assert_eq!(cpu, Duration::from_millis(10) + TURN);
        let (next, _) = step(began(start), start + TURN * 2, || {
            Duration::from_millis(10) + TURN * 2 * HELD / 100
        });
        assert_eq!(next, Step::GiveWay);
    }

    #[test]
    fn a_worker_that_waited_during_its_turn_begins_another_without_yielding() {
        let start = Instant::now();
        // Ran a quarter of the turn: it blocked, or something else ran.
        let (next, cpu) = step(began(start), start + TURN, || {
            Duration::from_millis(10) + TURN / 4
        });
        assert_eq!(next, Step::Begin);
        assert_eq!(cpu, Duration::from_millis(10) + TURN / 4);
        let (next, _) = step(began(start), start + TURN * 2, || {
            Duration::from_millis(10) + TURN * 2 * (HELD - 1) / 100
        });
        assert_eq!(next, Step::Begin);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_thread_cpu_time_grows_with_work_and_not_with_sleep() {
        let read = thread_cpu_time().expect("Linux tells a thread's CPU time");
        let before = read();
        std::thread::sleep(Duration::from_millis(30));
        let slept = read().saturating_sub(before);
        assert!(slept < Duration::from_millis(15), "{slept:?} while asleep");
        // Busy, it grows: by 10 ms within a few seconds, however the
        // other tests share the cores.
        let start = Instant::now();
        let mut spin = 0_u64;
        while read().saturating_sub(before) < Duration::from_millis(10) {
            spin = std::hint::black_box(spin.wrapping_add(1));
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "no CPU time counted"
            );
        }
    }
}
