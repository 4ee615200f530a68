//! Scale: what a start keeps grows with the roles, not their square;
//! replicas on the same content answer alike.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use rolecompare::render::{Rendered, Settings};

use crate::serve::spawn_server;
use crate::support::{BASE_URL, load_ok, many_roles, resource_at};

fn settings() -> Settings {
    Settings {
        base_url: BASE_URL.to_owned(),
        page_max_age: 300,
        ..Settings::default()
    }
}

fn site_of(dir: &Path) -> Rendered {
    Rendered::new(load_ok(dir), settings()).expect("render")
}

/// Five times the roles cost a start at most five times the pages, bytes
/// and renders: what grows with the square of the roles (pairs, sitemap
/// files) or whose every page grows with the roles (role pages, which link
/// to every other role) is made on request.
#[test]
fn what_a_start_renders_and_keeps_grows_with_the_roles() {
    let (small, large) = (many_roles(200), many_roles(1000));
    let (small, large) = (site_of(small.path()), site_of(large.path()));
    let (small_bytes, small_pages) = small.stored_usage();
    let (large_bytes, large_pages) = large.stored_usage();
    assert!(
        large_pages <= 5 * small_pages,
        "{small_pages} pages kept for 200 roles, {large_pages} for 1,000"
    );
    assert!(
        large_bytes <= 5 * small_bytes,
        "{small_bytes} bytes kept for 200 roles, {large_bytes} for 1,000"
    );
    assert!(
        large.renders() <= 5 * small.renders(),
        "{} renders at the start of 200 roles, {} of 1,000",
        small.renders(),
        large.renders()
    );
    // The sitemap lists all the same: home, salaries, each role and its
    // official pay, and every pair, in files made on request.
    assert_eq!(large.listed_count(), 2 + 2 * 1000 + 1000 * 999 / 2);
    assert!(resource_at(&large, "/sitemaps/10.xml").is_some());
}

/// `pages`, then the bundled pair's pages at `/compare/{pair}{rest}` for
/// each of `rests`.
fn bundled_paths(pages: &[&str], rests: &[&str]) -> Vec<String> {
    let pair = "/compare/aws-engineer-vs-aws-architect";
    let mut paths: Vec<String> = pages.iter().map(|&page| page.to_owned()).collect();
    paths.extend(rests.iter().map(|rest| format!("{pair}{rest}")));
    paths
}

/// One GET with `Accept-Encoding: accept` over a socket: the head, as
/// text, and the body's bytes.
fn fetch(port: u16, path: &str, accept: &str) -> (String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: {accept}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8_lossy(&response[..end]).to_lowercase();
    (head, response[end + 4..].to_vec())
}

/// The value of `name` in a lowercased head.
fn field<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
        .map(str::trim)
}

/// More than one machine: two servers started on the same content (and
/// base URL) answer every page with the same bytes and ETags, pages made
/// on request included, so a load balancer or CDN may ask either and
/// revalidate with the other.
#[test]
fn replicas_on_the_same_content_answer_the_same_bytes_and_tags() {
    let flags = [
        "--base-url",
        "https://careers.example.org",
        "--page-max-age",
        "300",
    ];
    let replicas = [spawn_server(&flags), spawn_server(&flags)];
    let pair = "/compare/aws-engineer-vs-aws-architect";
    let paths = bundled_paths(
        &[
            "/",
            "/salaries",
            "/sitemap.xml",
            "/api/roles",
            "/roles/aws-engineer",
            "/roles/aws-engineer/pay",
            "/compare/aws-architect-vs-aws-engineer?view=differences",
            "/cards/roles/aws-architect.png",
            "/api/compare/aws-engineer-vs-aws-architect",
        ],
        &[
            "",
            "/skills",
            "/transition",
            "/day-in-the-life",
            "/pay/california",
        ],
    );
    for path in &paths {
        for accept in ["identity", "gzip"] {
            let [(head_a, body_a), (head_b, body_b)] = replicas
                .each_ref()
                .map(|server| fetch(server.port, path, accept));
            assert!(head_a.starts_with("http/1.1 200"), "{path}: {head_a}");
            assert!(body_a == body_b, "{path} ({accept}): the bytes differ");
            for name in ["etag", "cache-control", "content-type", "content-encoding"] {
                assert_eq!(
                    field(&head_a, name),
                    field(&head_b, name),
                    "{path} ({accept}): {name}"
                );
            }
        }
    }
    // Brotli forms too, once each replica has made its own.
    for path in ["/", pair] {
        let deadline = Instant::now() + Duration::from_secs(20);
        let forms = replicas.each_ref().map(|server| {
            loop {
                let (head, body) = fetch(server.port, path, "br");
                if field(&head, "content-encoding") == Some("br") {
                    break (field(&head, "etag").map(str::to_owned), body);
                }
                assert!(Instant::now() < deadline, "{path} never came as brotli");
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        assert!(forms[0] == forms[1], "{path}: the brotli forms differ");
    }
}
