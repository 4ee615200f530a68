//! A client's socket as hyper reads and writes it, watched: what the
//! accept loop needs to know whether a connection is idle (bytes read that
//! are not yet a request, bytes waiting in the socket, an answer the client
//! is not taking), a deadline on answers that stop draining, and a close
//! that does not lose the last answer to a reset.
//!
//! Two things spare system calls and copies on the way:
//! - **Large bodies leave from their file.** A body that lies in a form's
//!   file ([`crate::store::mapped`]), announced by the
//!   service ([`Traffic::send_from`]), is sent with `sendfile(2)` after the
//!   head (sent with `MSG_MORE`, so both leave in full segments): the
//!   kernel passes references to the file's pages instead of copying them.
//!   Anything else is written as it is, head and body in one `writev`.
//! - **A short read ends reading.** A read that did not fill the buffer
//!   emptied the socket: the next read waits for the event loop to report
//!   new bytes, instead of asking the kernel and hearing "would block".
//!   (tokio's own `AsyncRead` for a stream does the same; its `try_read`,
//!   which a stream shared with the connection's task needs, does not.)

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, ready};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, Interest, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::{Instant, Sleep};

use crate::store::mapped::Mapped;

/// How long a connection the server is closing may take to close its own
/// side, while what it still sends is read and dropped, so that the last
/// answer is not lost to a reset.
pub const LINGER: Duration = Duration::from_secs(1);

/// The most bytes read and dropped while lingering.
const LINGER_BYTES: usize = 1 << 20;

/// Set once `sendfile` has failed for a reason that will not pass (a
/// sandbox that forbids it, a kernel without it): from then on bodies are
/// written from memory.
static SENDFILE_REFUSED: AtomicBool = AtomicBool::new(false);

/// What the socket has seen, shared with the connection's tracking.
#[derive(Default)]
pub struct Traffic {
    /// Reads that brought bytes.
    pub reads: AtomicU64,
    /// Whether the last write could not go through: an answer waits for
    /// the client to read.
    pub write_blocked: AtomicBool,
    /// Whether the client has closed its side.
    pub eof: AtomicBool,
    /// The file the body being sent lies in: holding it keeps its
    /// mapping (and so the addresses of its bytes) alive. One is enough:
    /// hyper sends an answer's body before it writes the next head, and the
    /// next answer's file replaces one never sent whole.
    sending: Mutex<Option<Arc<Mapped>>>,
    /// When a write that could not go through last went through: the
    /// client had taken what was waiting.
    unblocked: Mutex<Option<std::time::Instant>>,
}

impl Traffic {
    /// The body of the answer being sent lies in `file`: send it from
    /// there.
    pub fn send_from(&self, file: Arc<Mapped>) {
        *lock(&self.sending) = Some(file);
    }

    /// The first of `bufs` that lies in a file being sent: its
    /// index, the file, and where in the file it starts.
    fn in_file(&self, bufs: &[io::IoSlice<'_>]) -> Option<(usize, Arc<Mapped>, u64)> {
        if SENDFILE_REFUSED.load(Ordering::Relaxed) {
            return None;
        }
        let sending = lock(&self.sending);
        let file = sending.as_ref()?;
        bufs.iter().enumerate().find_map(|(index, buf)| {
            let offset = file.offset_of(buf).filter(|_| !buf.is_empty())?;
            Some((index, file.clone(), offset))
        })
    }

    /// When a blocked write last went through, if one ever did.
    pub fn last_unblocked(&self) -> Option<std::time::Instant> {
        *lock(&self.unblocked)
    }

    /// `file`'s body has been sent whole.
    fn sent(&self, file: &Arc<Mapped>) {
        let mut sending = lock(&self.sending);
        if sending.as_ref().is_some_and(|held| Arc::ptr_eq(held, file)) {
            *sending = None;
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The socket of one connection: hyper reads and writes it through this,
/// and the connection's task peeks at it and closes it.
pub struct Watched {
    stream: Arc<TcpStream>,
    traffic: Arc<Traffic>,
    write_timeout: Duration,
    /// When the blocked write gives up, once a write is blocked.
    write_deadline: Option<Pin<Box<Sleep>>>,
}

impl Watched {
    pub fn new(stream: Arc<TcpStream>, traffic: Arc<Traffic>, write_timeout: Duration) -> Self {
        Self {
            stream,
            traffic,
            write_timeout,
            write_deadline: None,
        }
    }

    /// Notes how a write went: a blocked write starts (or keeps) its
    /// deadline, which fails the write once passed; any progress clears it.
    fn wrote<T>(
        &mut self,
        cx: &mut Context<'_>,
        result: Poll<io::Result<T>>,
    ) -> Poll<io::Result<T>> {
        if result.is_ready() {
            self.traffic.write_blocked.store(false, Ordering::Release);
            if self.write_deadline.take().is_some() {
                *lock(&self.traffic.unblocked) = Some(std::time::Instant::now());
            }
            if matches!(result, Poll::Ready(Ok(_))) {
                super::turns::after_write();
            }
            return result;
        }
        self.traffic.write_blocked.store(true, Ordering::Release);
        let timeout = self.write_timeout;
        let deadline = self
            .write_deadline
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        if deadline.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading its answer",
            )));
        }
        Poll::Pending
    }
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        loop {
            ready!(self.stream.poll_read_ready(cx))?;
            let room = buf.remaining();
            let mut read = 0;
            let result = self.stream.try_io(Interest::READABLE, || {
                read = self.stream.try_read_buf(buf)?;
                if read > 0 && read < room {
                    // The socket is empty now: the event loop says when
                    // more comes (readiness is cleared by this "error").
                    return Err(io::ErrorKind::WouldBlock.into());
                }
                Ok(())
            });
            match result {
                Ok(()) if read == 0 => {
                    self.traffic.eof.store(true, Ordering::Release);
                    return Poll::Ready(Ok(()));
                }
                Ok(()) => {
                    self.traffic.reads.fetch_add(1, Ordering::AcqRel);
                    return Poll::Ready(Ok(()));
                }
                Err(error) if error.kind() == io::ErrorKind::WouldBlock && read > 0 => {
                    self.traffic.reads.fetch_add(1, Ordering::AcqRel);
                    return Poll::Ready(Ok(()));
                }
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {}
                Err(error) => return Poll::Ready(Err(error)),
            }
        }
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let stream = this.stream.clone();
        let result = write_with(&stream, cx, |s| s.try_write(buf));
        this.wrote(cx, result)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let stream = this.stream.clone();
        if let Some((index, file, offset)) = this.traffic.in_file(bufs) {
            let bufs = &bufs[..=index];
            let result = write_with(&stream, cx, |s| send_with_file(s, bufs, &file, offset));
            let whole: usize = bufs.iter().map(|buf| buf.len()).sum();
            if matches!(result, Poll::Ready(Ok(n)) if n == whole) {
                this.traffic.sent(&file);
            }
            return this.wrote(cx, result);
        }
        let result = write_with(&stream, cx, |s| s.try_write_vectored(bufs));
        this.wrote(cx, result)
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        // Writes go straight to the socket.
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(shut_writing(&self.stream))
    }
}

/// Runs `write` once the socket is writable, until it goes through or fails.
fn write_with(
    stream: &TcpStream,
    cx: &mut Context<'_>,
    write: impl Fn(&TcpStream) -> io::Result<usize>,
) -> Poll<io::Result<usize>> {
    loop {
        ready!(stream.poll_write_ready(cx))?;
        match write(stream) {
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => {}
            result => return Poll::Ready(result),
        }
    }
}

/// Sends `bufs`, whose last lies in `file` from `offset` on: the others
/// with `MSG_MORE` (they wait for the body to fill segments), then the
/// last from the file. The bytes sent, as a write reports them. Should
/// `sendfile` be refused for good, everything is written from memory from
/// then on.
#[cfg(target_os = "linux")]
fn send_with_file(
    stream: &TcpStream,
    bufs: &[io::IoSlice<'_>],
    file: &Mapped,
    offset: u64,
) -> io::Result<usize> {
    use rustix::io::Errno;
    use rustix::net::{SendAncillaryBuffer, SendFlags, sendmsg};
    let Some((body, head)) = bufs.split_last() else {
        return Ok(0);
    };
    let head_len: usize = head.iter().map(|buf| buf.len()).sum();
    stream.try_io(Interest::WRITABLE, || {
        let mut sent = 0;
        if head_len > 0 {
            sent = sendmsg(
                stream,
                head,
                &mut SendAncillaryBuffer::default(),
                SendFlags::MORE | SendFlags::NOSIGNAL,
            )?;
            if sent < head_len {
                return Ok(sent);
            }
        }
        let mut at = offset;
        match rustix::fs::sendfile(stream, file.file(), Some(&mut at), body.len()) {
            Ok(n) => Ok(sent + n),
            // The head went; the body waits for room.
            Err(Errno::AGAIN) if sent > 0 => Ok(sent),
            Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP | Errno::PERM) => {
                if !SENDFILE_REFUSED.swap(true, Ordering::Relaxed) {
                    tracing::warn!("sendfile refused: large pages are written from memory");
                }
                if sent > 0 {
                    return Ok(sent);
                }
                // The body's bytes are the file's, mapped: write them.
                rustix::net::send(stream, body, SendFlags::NOSIGNAL).map_err(io::Error::from)
            }
            Err(error) => Err(error.into()),
        }
    })
}

/// Memory files are Linux's (see [`crate::store::mapped`]): elsewhere no
/// body lies in one, and this only writes.
#[cfg(not(target_os = "linux"))]
fn send_with_file(
    stream: &TcpStream,
    bufs: &[io::IoSlice<'_>],
    _: &Mapped,
    _: u64,
) -> io::Result<usize> {
    stream.try_write_vectored(bufs)
}

/// Sends the end of the stream (FIN): the client reads everything sent
/// before it.
fn shut_writing(stream: &TcpStream) -> io::Result<()> {
    match socket2::SockRef::from(stream).shutdown(std::net::Shutdown::Write) {
        // Already shut, or the client is gone: nothing left to send.
        Err(error) if error.kind() == io::ErrorKind::NotConnected => Ok(()),
        result => result,
    }
}

/// Whether the client has sent bytes that no one has read yet.
pub fn has_bytes_waiting(stream: &TcpStream) -> bool {
    let mut byte = [std::mem::MaybeUninit::<u8>::uninit()];
    // The socket does not block: nothing waiting is an error (WouldBlock).
    matches!(socket2::SockRef::from(stream).peek(&mut byte), Ok(n) if n > 0)
}

/// Closes a connection the server is ending without losing what it sent:
/// the end of the stream goes out, then what the client still sends is read
/// and dropped until it closes its side, for [`LINGER`] at most. (Closing a
/// socket with unread bytes sends a reset, which can destroy an answer the
/// client has not read yet.)
pub async fn linger(stream: &TcpStream, traffic: &Traffic) {
    if traffic.eof.load(Ordering::Acquire) || shut_writing(stream).is_err() {
        return;
    }
    let until = Instant::now() + LINGER;
    let mut dropped = 0;
    let mut buffer = [0_u8; 4096];
    while dropped < LINGER_BYTES {
        let read = tokio::time::timeout_at(until, async {
            loop {
                stream.readable().await?;
                match stream.try_read(&mut buffer) {
                    Err(error) if error.kind() == io::ErrorKind::WouldBlock => {}
                    result => return result,
                }
            }
        })
        .await;
        match read {
            Ok(Ok(n)) if n > 0 => dropped += n,
            // Closed, failed, or out of time.
            _ => return,
        }
    }
}
