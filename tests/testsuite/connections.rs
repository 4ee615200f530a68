//! Connections over a real loopback socket: deadlines for silent and
//! half-open clients, fair use of the connection cap, and HTTP/1.1 framing
//! rules the server enforces itself.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rolecompare::http::renders::RenderLimits;
use rolecompare::http::server::Limits;

use crate::support::Live;

fn limits(header_timeout: u64, max_connections: usize) -> Limits {
    Limits {
        header_timeout: Duration::from_secs(header_timeout),
        drain_timeout: Duration::from_secs(1),
        max_connections,
        ..Limits::default()
    }
}

/// Waits for the server to close `stream` (end of stream or reset); the
/// time it took, or `None` if it was still open after `limit`.
fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    stream.set_read_timeout(Some(limit)).expect("read timeout");
    let mut buffer = [0_u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(error)
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return None;
            }
            Err(_) => return Some(started.elapsed()),
        }
        if started.elapsed() > limit {
            return None;
        }
    }
}

/// Reads one response (head and a `Content-Length` body) from a kept-alive
/// connection; its status code.
fn read_response(reader: &mut BufReader<TcpStream>) -> u16 {
    let mut status_line = String::new();
    reader.read_line(&mut status_line).expect("status line");
    let status = status_line
        .get(9..12)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("header line");
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().expect("length");
        }
    }
    let mut body = vec![0_u8; length];
    reader.read_exact(&mut body).expect("body");
    status
}

/// Sends `GET path` and waits for the whole answer on a fresh connection;
/// the status and how long it took.
fn timed_get(live: &Live, path: &str) -> (u16, Duration) {
    let started = Instant::now();
    let mut stream = live.connect();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut reader = BufReader::new(stream);
    let status = read_response(&mut reader);
    (status, started.elapsed())
}

#[test]
fn a_connection_that_sends_nothing_is_closed_at_the_header_timeout() {
    let live = Live::start(limits(1, 64));
    let mut silent: Vec<TcpStream> = (0..5).map(|_| live.connect()).collect();
    for stream in &mut silent {
        let closed = closed_within(stream, Duration::from_secs(6));
        let closed = closed.expect("a silent connection is closed at the header timeout");
        assert!(
            closed < Duration::from_secs(4),
            "closed after {closed:?}, the timeout is 1 s"
        );
    }
}

#[test]
fn an_http2_preface_alone_is_not_kept_open() {
    let live = Live::start(limits(1, 64));
    let mut stream = live.connect();
    stream
        .write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
        .expect("send the preface");
    let closed = closed_within(&mut stream, Duration::from_secs(6))
        .expect("a preface-only connection is closed");
    assert!(closed < Duration::from_secs(4), "closed after {closed:?}");
}

#[test]
fn an_idle_kept_alive_connection_is_closed_at_the_header_timeout() {
    let live = Live::start(limits(1, 64));
    let stream = live.connect();
    let mut writer = stream.try_clone().expect("clone");
    let mut reader = BufReader::new(stream);
    writer
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .expect("send");
    assert_eq!(read_response(&mut reader), 200);
    let mut stream = reader.into_inner();
    let closed = closed_within(&mut stream, Duration::from_secs(6))
        .expect("an idle kept-alive connection is closed");
    assert!(closed < Duration::from_secs(4), "closed after {closed:?}");
}

#[test]
fn at_the_cap_a_new_client_is_served_while_keep_alive_clients_hold_every_connection() {
    // A long header timeout: only making room at the cap can serve the
    // newcomer in time.
    let cap = 4;
    let live = Arc::new(Live::start(limits(30, cap)));
    let stop = Arc::new(AtomicBool::new(false));
    let mut clients = Vec::new();
    for _ in 0..cap {
        let live = live.clone();
        let stop = stop.clone();
        let stream = live.connect();
        clients.push(std::thread::spawn(move || {
            // Each client asks for a page every 200 ms on its one
            // connection, reconnecting if the server closes it.
            let mut served = 0;
            let mut stream = stream;
            while !stop.load(Ordering::Relaxed) {
                let mut writer = stream.try_clone().expect("clone");
                let sent = writer.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                let answered = sent.is_ok()
                    && reader.fill_buf().is_ok_and(|buffer| !buffer.is_empty())
                    && read_response(&mut reader) == 200;
                if answered {
                    served += 1;
                } else {
                    stream = live.connect();
                }
                std::thread::sleep(Duration::from_millis(200));
            }
            served
        }));
    }
    // Let every client settle on its connection.
    std::thread::sleep(Duration::from_millis(800));
    for _ in 0..3 {
        let (status, took) = timed_get(&live, "/healthz");
        assert_eq!(status, 200);
        assert!(
            took < Duration::from_secs(2),
            "a new client waited {took:?} at the cap"
        );
    }
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        assert!(
            client.join().expect("client") > 0,
            "every client was served"
        );
    }
}

#[test]
fn an_http11_request_without_host_is_a_400_and_http10_needs_none() {
    let live = Live::start(limits(5, 64));
    let (status, response) = live.raw(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    let response = String::from_utf8_lossy(&response);
    assert_eq!(status, 400, "{response}");
    assert!(response.contains("Host header"), "a themed page says why");
    assert!(response.contains("content-security-policy"), "{response}");

    let (status, response) = live.raw(b"GET / HTTP/1.0\r\n\r\n");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&response));
    assert!(
        response.starts_with(b"HTTP/1.0 200"),
        "answered in HTTP/1.0"
    );
}

/// The three-role fixture with a very large role (its stored API form,
/// [`LARGE_PAGE`], over 6 MB): more than the socket buffers of a client that reads
/// nothing can hold (loopback lets the kernel take about 3 MB).
fn site_with_a_large_page() -> tempfile::TempDir {
    let dir = crate::support::content_with(&[]);
    let file = dir.path().join("roles/ferry-captain.md");
    let mut text = std::fs::read_to_string(&file).expect("role file");
    for i in 0..200_000 {
        text.push_str(&format!(
            "\nParagraph {i} of a very long overview of the crossing.\n"
        ));
    }
    std::fs::write(&file, text).expect("write role");
    dir
}

const LARGE_PAGE: &str = "/api/roles/ferry-captain";
const LARGE_PAGE_BYTES: usize = 6_000_000;
/// A page of the fixture rendered on request.
const ON_REQUEST: &str = "/compare/ferry-captain-vs-harbour-pilot";

/// A server on [`site_with_a_large_page`].
fn live_with_a_large_page(limits: Limits, renders: RenderLimits) -> (Live, tempfile::TempDir) {
    let dir = site_with_a_large_page();
    (Live::start_on(dir.path(), limits, renders), dir)
}

/// A connection that asks for [`LARGE_PAGE`] and does not read: its answer
/// is being written for as long as the client leaves it.
fn stalled_download(live: &Live) -> TcpStream {
    // A small receive buffer: the answer cannot all fit in the kernel.
    let mut stream = connect_with_receive_buffer(live, 4096);
    write!(
        stream,
        "GET {LARGE_PAGE} HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .expect("send");
    stream
}

/// A connection to `live` whose receive buffer holds `bytes`.
fn connect_with_receive_buffer(live: &Live, bytes: usize) -> TcpStream {
    let socket =
        socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).expect("socket");
    socket.set_recv_buffer_size(bytes).expect("receive buffer");
    let address: std::net::SocketAddr = ([127, 0, 0, 1], live.port).into();
    socket.connect(&address.into()).expect("connect");
    socket.into()
}

/// Reads one whole answer from `stream`; its status and body length, or
/// what went wrong.
fn whole_answer(stream: TcpStream) -> Result<(u16, usize), String> {
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    match reader.read_line(&mut status_line) {
        Ok(0) => return Err("closed without an answer".to_owned()),
        Ok(_) => {}
        Err(error) => return Err(format!("no answer: {error}")),
    }
    let status = status_line
        .get(9..12)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| format!("not a status line: {status_line:?}"))?;
    let mut length = None;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).map_err(|e| e.to_string())?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok();
        }
    }
    let mut body = Vec::new();
    match length {
        Some(length) => {
            body.resize(length, 0);
            reader
                .read_exact(&mut body)
                .map_err(|e| format!("cut short: {e}"))?;
        }
        None => {
            reader.read_to_end(&mut body).map_err(|e| e.to_string())?;
        }
    }
    Ok((status, body.len()))
}

/// A kept-alive connection that has been answered once: idle from now.
fn idle_connection(live: &Live) -> BufReader<TcpStream> {
    let stream = live.connect();
    let mut writer = stream.try_clone().expect("clone");
    writer
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .expect("send");
    let mut reader = BufReader::new(stream);
    assert_eq!(read_response(&mut reader), 200);
    reader
}

/// Whether the server has closed `stream`, looking for up to `limit`.
fn is_closed(stream: &mut TcpStream, limit: Duration) -> bool {
    closed_within(stream, limit).is_some()
}

#[test]
fn at_the_cap_the_connection_idle_longest_gives_way_never_one_being_answered() {
    let (live, _dir) = live_with_a_large_page(limits(30, 3), RenderLimits::default());
    let downloading = stalled_download(&live);
    std::thread::sleep(Duration::from_millis(300));
    let mut first = idle_connection(&live);
    std::thread::sleep(Duration::from_millis(300));
    let mut second = idle_connection(&live);
    // Both silent for over a second: idle.
    std::thread::sleep(Duration::from_millis(1300));

    // A newcomer at the cap: the connection idle longest gives way.
    let (status, _) = timed_get(&live, "/healthz");
    assert_eq!(status, 200);
    assert!(
        is_closed(first.get_mut(), Duration::from_secs(2)),
        "the connection idle longest was closed"
    );
    // The one idle since later is still served.
    second
        .get_mut()
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .expect("send");
    assert_eq!(
        read_response(&mut second),
        200,
        "the later idle one is kept"
    );
    // Another newcomer: the second has just been answered and the
    // download's answer waits for its client: neither is idle, and the
    // newcomer is answered all the same.
    let (status, _) = timed_get(&live, "/healthz");
    assert_eq!(status, 200);
    let (status, length) = whole_answer(downloading).expect("the download");
    assert_eq!(status, 200);
    assert!(
        length > LARGE_PAGE_BYTES,
        "the whole page arrived: {length} bytes"
    );
}

#[test]
fn an_answer_the_client_stops_reading_is_given_up_at_the_write_timeout() {
    let limits = Limits {
        write_timeout: Duration::from_secs(1),
        ..limits(30, 64)
    };
    let (live, _dir) = live_with_a_large_page(limits, RenderLimits::default());
    let mut downloading = stalled_download(&live);
    // Not read for three times the write timeout.
    std::thread::sleep(Duration::from_secs(3));
    downloading
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut received = Vec::new();
    let ended = match downloading.read_to_end(&mut received) {
        Ok(_) => true,
        Err(error) => error.kind() == std::io::ErrorKind::ConnectionReset,
    };
    assert!(ended, "the server closed the connection");
    assert!(
        received.len() < LARGE_PAGE_BYTES,
        "the answer was given up: {} bytes arrived",
        received.len()
    );
    assert_eq!(live.get("/healthz"), 200);
}

/// Sends a request as soon as the connection opens, then reads: the
/// answer's status, or why there is none.
fn asked_at_once(live: &Live, path: &str) -> Result<(u16, String), String> {
    let mut stream = live.connect();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").map_err(|e| e.to_string())?;
    let mut response = Vec::new();
    let read = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text.get(9..12).and_then(|code| code.parse().ok());
    match (status, read) {
        (Some(status), Ok(_)) => Ok((status, text)),
        (_, Err(error)) => Err(format!("{error} after {} bytes", response.len())),
        (None, Ok(_)) => Err("closed without an answer".to_owned()),
    }
}

#[test]
fn when_no_connection_can_give_way_a_newcomer_still_gets_a_whole_answer() {
    // Renders wait in the queue, for a long time.
    let renders = RenderLimits {
        threads: 1,
        queue: 8,
        deadline: Duration::from_secs(60),
    };
    let (live, _dir) = live_with_a_large_page(limits(30, 1), renders);
    let downloading = stalled_download(&live);
    std::thread::sleep(Duration::from_millis(300));
    // A stored page is still answered, on a connection beyond the cap,
    // which then closes.
    let (status, text) = asked_at_once(&live, "/").expect("an answer");
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("connection: close"), "{text}");
    // Anything else is a whole 503 that says when to come back.
    let (status, text) = asked_at_once(&live, ON_REQUEST).expect("an answer");
    assert_eq!(status, 503, "{text}");
    assert!(text.contains("retry-after: 1"), "{text}");
    assert!(text.contains("<h1>Too busy right now</h1>"), "{text}");
    // A client that sent more than one request still gets its answer whole:
    // what it sent after is read, not left to reset the connection.
    let mut stream = live.connect();
    let request = format!("GET {ON_REQUEST} HTTP/1.1\r\nHost: localhost\r\n\r\n");
    stream
        .write_all(request.repeat(50).as_bytes())
        .expect("send");
    assert_eq!(whole_answer(stream).expect("a whole answer").0, 503);
    let (status, length) = whole_answer(downloading).expect("the download");
    assert_eq!((status, length > LARGE_PAGE_BYTES), (200, true));
}

#[test]
fn at_the_cap_the_request_waiting_longest_for_a_render_gives_way() {
    let renders = RenderLimits {
        threads: 1,
        queue: 8,
        deadline: Duration::from_secs(60),
    };
    let live = Live::start_with(limits(30, 2), renders);
    let paused = live.state.renders().pause().expect("no render running");
    let waiting = |path: &'static str| {
        let mut stream = live.connect();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").expect("send");
        std::thread::spawn(move || whole_answer(stream))
    };
    let longest = waiting("/compare/aws-architect-vs-aws-engineer");
    std::thread::sleep(Duration::from_millis(300));
    let later = waiting("/api/compare/aws-architect-vs-aws-engineer");
    std::thread::sleep(Duration::from_millis(300));
    // A newcomer: no connection is idle; the request waiting longest for a
    // render is answered 503 and its connection closes. The newcomer is
    // answered on the place that frees or on one beyond the cap, whichever
    // is free first (with workers on CPUs of their own, the first can be
    // free by the time the accept loop looks): it asks to close, so that
    // either way its answer ends with the connection.
    let mut newcomer = live.connect();
    newcomer
        .write_all(b"GET /salaries HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .expect("send");
    let mut answer = Vec::new();
    newcomer.read_to_end(&mut answer).expect("an answer");
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    let gave_way = longest.join().expect("client");
    assert_eq!(gave_way.map(|(status, _)| status), Ok(503));
    // The later one is rendered once renders resume.
    drop(paused);
    assert_eq!(later.join().expect("client").map(|(s, _)| s), Ok(200));
}

#[test]
fn clients_arriving_at_once_beyond_the_cap_each_get_a_whole_answer() {
    let live = Arc::new(Live::start(limits(30, 4)));
    let start = Arc::new(std::sync::Barrier::new(24));
    let clients: Vec<_> = (0..24)
        .map(|_| {
            let live = live.clone();
            let start = start.clone();
            std::thread::spawn(move || {
                start.wait();
                let mut stream = live.connect();
                // Kept alive: answered clients stay connected.
                stream
                    .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .expect("send");
                let answer = whole_answer(stream.try_clone().expect("clone"));
                start.wait();
                answer
            })
        })
        .collect();
    for client in clients {
        let answer = client.join().expect("client");
        assert!(
            matches!(answer, Ok((200 | 503, _))),
            "every client gets a whole answer: {answer:?}"
        );
    }
}

#[test]
fn an_answer_read_for_longer_than_the_header_timeout_arrives_whole() {
    // [`LARGE_PAGE`] is more than the kernel's socket buffers hold (4 MB on
    // loopback): the rest waits in the server, for longer than the header
    // timeout, while the client reads; its connection waits for no request
    // meanwhile.
    let (live, _dir) = live_with_a_large_page(limits(1, 64), RenderLimits::default());
    let mut stream = connect_with_receive_buffer(&live, 65_536);
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout");
    write!(
        stream,
        "GET {LARGE_PAGE} HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .expect("send");
    // 64 KB at most every 50 ms: a few seconds, past the header timeout.
    let started = Instant::now();
    let mut received = Vec::new();
    let mut chunk = vec![0_u8; 65_536];
    let mut whole = None;
    loop {
        let read = stream
            .read(&mut chunk)
            .expect("the answer goes on arriving");
        assert!(read > 0, "cut after {} bytes", received.len());
        received.extend_from_slice(&chunk[..read]);
        if whole.is_none()
            && let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n")
        {
            let head = String::from_utf8_lossy(&received[..end]).to_ascii_lowercase();
            assert!(head.starts_with("http/1.1 200"), "{head}");
            let length: usize = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .expect("a length")
                .trim()
                .parse()
                .expect("a number");
            whole = Some(end + 4 + length);
        }
        if whole.is_some_and(|whole| received.len() >= whole) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let whole = whole.expect("a head");
    assert_eq!(received.len(), whole, "nothing beyond the answer");
    assert!(whole > LARGE_PAGE_BYTES, "the page is {whole} bytes");
    let took = started.elapsed();
    assert!(
        took > Duration::from_secs(3),
        "the client took {took:?}: not past the header timeout"
    );
}
