//! How answers leave the server on a real socket: large bodies are sent
//! from sealed memory files (`sendfile`), small ones written from memory,
//! and either way a client gets exactly the bytes the site rendered,
//! however it reads them and however many it asks for at once.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use rolecompare::http::renders::RenderLimits;
use rolecompare::http::server::Limits;
use rolecompare::store::mapped::MAP_FROM;
use rolecompare::store::resource::Accepted;

use crate::support::{Live, resource_at};

/// A role's official pay by area: about 280 KB as it is, 30 KB gzipped.
const LARGE: &str = "/roles/aws-architect/pay";
/// The comparison: about 70 KB as it is, 13 KB gzipped.
const COMPARISON: &str = "/compare/aws-engineer-vs-aws-architect";
/// Small in every form.
const SMALL: &str = "/";

/// One answer read from `reader`: status, headers (names lowercased) and
/// body, read by its `Content-Length`.
fn answer(reader: &mut impl BufRead) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut status_line = String::new();
    reader.read_line(&mut status_line).expect("status line");
    let status = status_line
        .get(9..12)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not a status line: {status_line:?}"));
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("header line");
        if line == "\r\n" {
            break;
        }
        let (name, value) = line.split_once(':').expect("a header");
        headers.push((name.to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .map_or(0, |(_, value)| value.parse().expect("length"));
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("the whole body");
    (status, headers, body)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, value)| value.as_str())
}

/// The bytes the site rendered for `path` in `encoding`.
fn rendered(live: &Live, path: &str, encoding: &str) -> Vec<u8> {
    let site = live.state.site();
    let resource = resource_at(&site, path).unwrap_or_else(|| panic!("{path} exists"));
    match encoding {
        "gzip" => resource.gzip().to_vec(),
        _ => resource.identity().to_vec(),
    }
}

fn request(path: &str, encoding: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: {encoding}\r\n\r\n")
}

#[test]
fn large_and_small_answers_arrive_whole_in_turn_and_pipelined() {
    let live = Live::start(Limits::default());
    // Rendered on request: render each once first.
    for path in [LARGE, COMPARISON, SMALL] {
        assert_eq!(live.get(path), 200, "{path}");
    }
    let asked = [
        (LARGE, "identity"),
        (COMPARISON, "identity"),
        (SMALL, "identity"),
        (LARGE, "gzip"),
        (COMPARISON, "gzip"),
        (LARGE, "identity"),
    ];
    assert!(rendered(&live, LARGE, "identity").len() >= MAP_FROM);

    // One after the other on a kept-alive connection.
    let stream = live.connect();
    let mut writer = stream.try_clone().expect("clone");
    let mut reader = BufReader::new(stream);
    for (path, encoding) in asked {
        writer
            .write_all(request(path, encoding).as_bytes())
            .expect("send");
        let (status, headers, body) = answer(&mut reader);
        assert_eq!(status, 200, "{path} {encoding}");
        assert_eq!(
            header(&headers, "content-encoding").unwrap_or("identity"),
            encoding,
            "{path}"
        );
        assert!(
            body == rendered(&live, path, encoding),
            "{path} {encoding}: {} bytes, not the {} rendered",
            body.len(),
            rendered(&live, path, encoding).len()
        );
    }

    // All at once, and a HEAD between them: each answer whole, in order.
    let stream = live.connect();
    let mut writer = stream.try_clone().expect("clone");
    let mut all = String::new();
    for (path, encoding) in asked {
        all.push_str(&request(path, encoding));
        if path == COMPARISON {
            all.push_str(&format!("HEAD {LARGE} HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        }
    }
    writer.write_all(all.as_bytes()).expect("send");
    let mut reader = BufReader::new(stream);
    for (path, encoding) in asked {
        let (status, _, body) = answer(&mut reader);
        assert_eq!(status, 200, "{path} {encoding}");
        assert!(body == rendered(&live, path, encoding), "{path} {encoding}");
        if path == COMPARISON {
            let mut status_line = String::new();
            reader.read_line(&mut status_line).expect("HEAD answer");
            assert!(status_line.starts_with("HTTP/1.1 200"), "{status_line}");
            let mut length = None;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).expect("header");
                if line == "\r\n" {
                    break;
                }
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse::<usize>().ok();
                }
            }
            // The HEAD names the length and sends no body: the next
            // answer starts right after its head.
            assert_eq!(length, Some(rendered(&live, LARGE, "identity").len()));
        }
    }
}

#[test]
fn a_client_reading_slowly_through_a_small_window_gets_a_large_page_whole() {
    let live = Live::start_with(Limits::default(), RenderLimits::default());
    let socket =
        socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).expect("socket");
    // A small receive buffer: the server's sends stop and resume many times.
    socket.set_recv_buffer_size(4096).expect("receive buffer");
    let address: std::net::SocketAddr = ([127, 0, 0, 1], live.port).into();
    socket.connect(&address.into()).expect("connect");
    let stream: TcpStream = socket.into();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut writer = stream.try_clone().expect("clone");
    writer
        .write_all(request(LARGE, "identity").as_bytes())
        .expect("send");
    // Reads 1 KB at a time, with pauses.
    struct Slow(TcpStream, usize);
    impl Read for Slow {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.1 += 1;
            if self.1.is_multiple_of(16) {
                std::thread::sleep(Duration::from_millis(2));
            }
            let len = buf.len().min(1024);
            self.0.read(&mut buf[..len])
        }
    }
    let mut reader = BufReader::with_capacity(1024, Slow(stream, 0));
    let (status, _, body) = answer(&mut reader);
    assert_eq!(status, 200);
    assert!(
        body == rendered(&live, LARGE, "identity"),
        "{} bytes arrived, not the page",
        body.len()
    );
}

#[cfg(target_os = "linux")]
#[test]
fn large_forms_live_in_sealed_memory_files_and_small_ones_do_not() {
    // As `serve` does: memory files take at most a quarter of the open
    // files allowed, shared with every other test's sites.
    rolecompare::store::mapped::raise_open_files_limit();
    let live = Live::start(Limits::default());
    assert_eq!(live.get(LARGE), 200);
    let site = live.state.site();
    let large = resource_at(&site, LARGE).expect("rendered");
    let small = resource_at(&site, SMALL).expect("stored");
    let as_is = Accepted::default();
    let gzip = Accepted {
        brotli: false,
        gzip: true,
    };
    let file = large
        .form(as_is)
        .file
        .expect("a large form is in a memory file");
    assert_eq!(
        large.form(gzip).file.is_some(),
        large.gzip().len() >= MAP_FROM,
        "its gzip form as its size says"
    );
    assert!(small.form(as_is).file.is_none() && small.form(gzip).file.is_none());
    // The file holds the very bytes served.
    let mut read = vec![0; large.identity().len()];
    let n = rustix::io::pread(file.file(), &mut read, 0).expect("read the file");
    assert!(n == read.len() && read == large.identity()[..]);
    let file = std::sync::Arc::downgrade(file);
    drop((large, small, site, live));
    // The server's threads let go of the site as they end.
    let until = std::time::Instant::now() + Duration::from_secs(10);
    while file.upgrade().is_some() && std::time::Instant::now() < until {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        file.upgrade().is_none(),
        "a page's memory file closes with the site that holds it"
    );
}
