//! Connections over a real loopback socket: deadlines for silent and
//! half-open clients, fair use of the connection cap, and HTTP/1.1 framing
//! rules the server enforces itself.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

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
