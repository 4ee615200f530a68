//! Hostile requests, slow clients and shutdown, against a real server on a
//! loopback socket (and through the router where only the answer matters):
//! every case gets its exact 4xx, never a 5xx, never a file from outside
//! the site, and the server keeps answering; error pages stay cheap.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

use proptest::prelude::*;
use rolecompare::http::server::Limits;

use crate::support::{
    Live, bundled_router, get, many_roles, repo_path, router, router_with, select,
};

fn limits() -> Limits {
    Limits {
        header_timeout: Duration::from_secs(1),
        drain_timeout: Duration::from_secs(2),
        max_connections: 1024,
        ..Limits::default()
    }
}

/// A response must never leak a system file.
fn assert_no_leak(response: &[u8]) {
    let text = String::from_utf8_lossy(response);
    assert!(!text.contains("root:x:0:0"), "leaked /etc/passwd");
    assert!(!text.contains("[package]"), "leaked Cargo.toml");
}

#[test]
fn path_traversal_in_every_spelling_is_a_404() {
    let live = Live::start(limits());
    for target in [
        "/../../../../etc/passwd",
        "/static/../../../../etc/passwd",
        "/static/..%2f..%2f..%2fetc%2fpasswd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static/%252e%252e%252fCargo.toml",
        "/roles/..%2f..%2fCargo.toml",
        "/static/..%5c..%5cCargo.toml",
        "//etc/passwd",
        "//etc/passwd/",
        "/static//etc/passwd",
        "/roles/%00",
        "/static/style.css%00.png",
        "/content/roles/aws-engineer.md",
        "/Cargo.toml",
    ] {
        let (status, response) = live.raw(
            format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        );
        assert_eq!(status, 404, "{target}");
        assert_no_leak(&response);
    }
    assert_eq!(live.get("/healthz"), 200);
}

#[test]
fn malformed_request_lines_are_a_400() {
    let live = Live::start(limits());
    // Backslashes are legal bytes in a path; no route matches them.
    let (status, response) = live.raw(b"GET /..\\..\\etc\\passwd HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(status, 404);
    assert_no_leak(&response);
    let requests: [&[u8]; 5] = [
        b"GET /roles/a\x00b HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /roles/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /compare?a=\xff HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
        b"NOT HTTP AT ALL\r\n\r\n",
    ];
    for request in requests {
        let (status, response) = live.raw(request);
        assert_eq!(status, 400, "{:?}", String::from_utf8_lossy(request));
        assert_no_leak(&response);
    }
    assert_eq!(live.get("/healthz"), 200);
}

#[test]
fn odd_slugs_and_pairs_get_their_exact_status() {
    let live = Live::start(limits());
    for (target, expected) in [
        ("/roles/%FF%FE", 404),
        ("/roles/%C3%B1", 404),
        ("/roles/r%C3%B4le", 404),
        ("/roles/AWS-ENGINEER", 308),
        ("/compare/AWS-Engineer-vs-AWS-Architect", 308),
        ("/compare/-vs-", 404),
        ("/compare/-vs-aws-engineer", 404),
        ("/compare/aws-engineer-vs-", 404),
        ("/compare/aws-engineer-vs-aws-engineer", 400),
        ("/compare/aws-engineer-vs-vs-aws-architect", 404),
        (
            "/compare/aws-engineer-vs-aws-architect-vs-aws-engineer",
            400,
        ),
        ("/compare/aws-engineer-vs-aws-architect-vs-nope", 404),
        ("/compare/aws-engineer-vs-aws-architect/%2e%2e", 404),
        // Invalid UTF-8 in the query decodes to U+FFFD: no such role.
        ("/compare?a=%FF&b=aws-engineer", 404),
        (
            "/compare?a=aws-engineer&a=aws-architect&b=aws-engineer",
            400,
        ),
        ("/compare?a=aws-engineer&b=aws-architect&utm_source=x", 303),
        ("/salaries?sort=%00", 400),
    ] {
        assert_eq!(live.get(target), expected, "{target}");
    }
}

#[test]
fn overlong_uris_and_headers_get_414_and_431() {
    let live = Live::start(limits());
    let long_path = |n: usize| format!("/roles/{}", "a".repeat(n));
    assert_eq!(live.get(&long_path(8 * 1024)), 414);
    assert_eq!(live.get(&long_path(64 * 1024)), 414);
    let long_query = format!("/compare?a={}&b=aws-engineer", "x".repeat(10_000));
    assert_eq!(live.get(&long_query), 414);
    let many_params = format!("/salaries?{}", "utm=1&".repeat(1000));
    assert_eq!(live.get(&many_params), 414);
    // Headers: 20 KB in one header, and in many; 200 KB is refused by hyper.
    for headers in [
        format!("X-Big: {}\r\n", "b".repeat(20 * 1024)),
        (0..400)
            .map(|i| format!("X-Many-{i}: {}\r\n", "c".repeat(50)))
            .collect(),
        format!("Cookie: {}\r\n", "d".repeat(200 * 1024)),
    ] {
        let request = format!("GET / HTTP/1.1\r\nHost: x\r\n{headers}Connection: close\r\n\r\n");
        assert_eq!(live.raw(request.as_bytes()).0, 431);
    }
    assert_eq!(live.get("/healthz"), 200);
}

#[test]
fn bodies_and_unknown_methods_are_refused() {
    let live = Live::start(limits());
    let with_body =
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";
    assert_eq!(live.raw(with_body).0, 400);
    let chunked = b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
    assert_eq!(live.raw(chunked).0, 400);
    let empty_body =
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    assert_eq!(live.raw(empty_body).0, 200);
    for method in [
        "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "BREW",
    ] {
        let request = format!(
            "{method} / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        let (status, response) = live.raw(request.as_bytes());
        assert_eq!(status, 405, "{method}");
        assert!(
            String::from_utf8_lossy(&response).contains("allow: GET, HEAD"),
            "{method}"
        );
    }
    assert_eq!(live.get("/healthz"), 200);
}

#[test]
fn slow_clients_cannot_starve_others_and_are_closed() {
    // They may take 8 s to send their headers: long enough that a page
    // answered beside them is not one answered after they were closed.
    let live = Live::start(Limits {
        header_timeout: Duration::from_secs(8),
        ..limits()
    });
    // 200 clients that start a request and then trickle headers.
    let mut slow: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", live.port)).expect("connect");
            stream
                .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n")
                .expect("start");
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    for stream in &mut slow {
        let _ = stream.write_all(b"X-Slower: 2\r\n");
    }
    // A normal request gets its page while every slow client is still
    // connected.
    assert_eq!(live.get("/compare/aws-engineer-vs-aws-architect"), 200);
    let open = slow.iter().filter(|stream| is_open(stream)).count();
    assert_eq!(open, 200, "the page was answered beside the slow clients");
    // The header timeout closes every slow connection.
    let mut closed = 0;
    for stream in &mut slow {
        stream
            .set_read_timeout(Some(Duration::from_secs(15)))
            .expect("timeout");
        let mut buffer = Vec::new();
        // Closed: the read reaches end of stream (possibly after a 408) or
        // the peer reset it; a read that times out means still open.
        let ended = match stream.read_to_end(&mut buffer) {
            Ok(_) => true,
            Err(error) => error.kind() == std::io::ErrorKind::ConnectionReset,
        };
        if ended {
            closed += 1;
        }
        let _ = stream.shutdown(Shutdown::Both);
    }
    assert_eq!(closed, 200);
    assert_eq!(live.get("/healthz"), 200);
}

/// Whether the server still holds `stream` open (nothing to read, no end).
fn is_open(stream: &TcpStream) -> bool {
    stream.set_nonblocking(true).expect("nonblocking");
    let mut byte = [0_u8; 1];
    let open = matches!(
        stream.peek(&mut byte),
        Err(error) if error.kind() == std::io::ErrorKind::WouldBlock
    );
    stream.set_nonblocking(false).expect("blocking");
    open
}

/// An error page names what was asked for and may suggest roles; with
/// 200 roles, any address (however long, however many roles it names) gets
/// its error page. What each costs is measured by `bench/abuse.sh`
/// (section 7), not here: timings in a test depend on the machine's load.
#[tokio::test]
async fn error_pages_of_long_and_crowded_addresses_say_what_is_wrong() {
    let dir = many_roles(200);
    let app = router(dir.path());
    get(&app, "/roles/nope")
        .await
        .assert_status(axum::http::StatusCode::NOT_FOUND);
    let noise = "qzxj".repeat(1000);
    let sides: Vec<String> = (0..300).map(|i| format!("nope{i}")).collect();
    let long = "qzxj".repeat(240);
    // As long as the roles' slugs: every role is a candidate.
    let near: Vec<String> = (0..4).map(|i| format!("qzxjqzxjqzxjqzx-{i:03}")).collect();
    for (path, status, heading) in [
        (format!("/roles/{noise}"), 404, "Role not found"),
        (
            format!("/compare/{}", sides.join("-vs-")),
            400,
            "Compare up to four roles",
        ),
        (
            format!("/compare/{long}-vs-{long}-vs-{long}-vs-{long}"),
            404,
            "Roles not found",
        ),
        (
            format!("/compare/{}", near.join("-vs-")),
            404,
            "Roles not found",
        ),
        (
            format!("/compare?a={long}&b={long}&c={long}&d={long}"),
            404,
            "Roles not found",
        ),
    ] {
        let reply = get(&app, &path).await;
        let short = &path[..40];
        assert_eq!(reply.status.as_u16(), status, "{short}");
        assert_eq!(select(&reply.html(), "h1"), [heading], "{short}");
    }
}

/// Whether a `Location` a browser resolves against this site stays on it:
/// a path under `base` (or `base` itself) whose second character cannot
/// start an authority (`//host`, or `/\host`, which WHATWG URL parsers
/// read as `//host`), and no backslash anywhere (browsers turn them into
/// slashes).
fn stays_on_site(location: &str, base: &str) -> bool {
    let inside = location == base
        || location.starts_with(&format!("{base}/"))
        || location.starts_with(&format!("{base}?"));
    let second = location.chars().nth(1);
    inside
        && location.starts_with('/')
        && second != Some('/')
        && second != Some('\\')
        && !location.contains('\\')
}

/// The site served at the root and under `/careers`.
fn apps() -> &'static [(&'static str, rolecompare::http::App)] {
    static APPS: std::sync::OnceLock<Vec<(&'static str, rolecompare::http::App)>> =
        std::sync::OnceLock::new();
    APPS.get_or_init(|| {
        let settings = crate::support::settings_under("/careers");
        vec![
            ("", bundled_router()),
            ("/careers", router_with(&repo_path("content"), settings)),
        ]
    })
}

/// Asks every app for `path` (with its base path in front); panics on a
/// redirect that could leave the site.
async fn assert_redirects_stay(path: &str) {
    for (base, app) in apps() {
        let target = format!("{base}{path}");
        if target.parse::<axum::http::Uri>().is_err() {
            continue;
        }
        let reply = get(app, &target).await;
        if reply.status.is_redirection() {
            let location = reply.header("location");
            assert!(
                stays_on_site(location, base),
                "{target} redirects to {location}"
            );
        }
    }
}

#[tokio::test]
async fn redirects_never_leave_the_site() {
    for path in [
        "/\\evil.example/",
        "//evil.example/",
        "/%5Cevil.example/",
        "/%5cevil.example/",
        "/\\\\evil/",
        "/\\/evil/",
        "/.\\evil/",
        "///evil.example//",
        "/\\evil.example/?a=b",
        "/roles/aws-engineer\\/",
    ] {
        assert_redirects_stay(path).await;
    }
    // What a trailing slash redirect is for still works.
    for (base, app) in apps() {
        let reply = get(app, &format!("{base}/roles/aws-engineer/")).await;
        reply.assert_status(axum::http::StatusCode::PERMANENT_REDIRECT);
        assert_eq!(
            reply.header("location"),
            format!("{base}/roles/aws-engineer")
        );
        let reply = get(app, &format!("{base}/%5Croles/")).await;
        reply.assert_status(axum::http::StatusCode::PERMANENT_REDIRECT);
        assert_eq!(reply.header("location"), format!("{base}/%5Croles"));
    }
}

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "/",
        "\\",
        "%5C",
        "%5c",
        "%2F",
        "%2f",
        ".",
        "..",
        "a",
        "evil.example",
        "roles",
        "compare",
        "api",
        "AWS-Engineer",
        "aws-engineer-vs-aws-architect",
        "favicon.ico",
        "?",
        "?a=x",
        "%09",
        "%0A",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_path_redirects_off_the_site(
        pieces in prop::collection::vec(piece(), 0..8),
        trailing in 0..3usize,
    ) {
        let path = format!("/{}{}", pieces.concat(), "/".repeat(trailing));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("runtime");
        runtime.block_on(assert_redirects_stay(&path));
    }
}

/// A GET through the router with one extra header of `fill` bytes.
async fn get_with_header(path: &str, fill: usize) -> axum::http::StatusCode {
    let request = axum::http::Request::builder()
        .uri(path)
        .header("x-fill", "f".repeat(fill))
        .body(axum::body::Body::empty())
        .expect("request");
    let response = tower::ServiceExt::oneshot(bundled_router(), request)
        .await
        .expect("infallible");
    response.status()
}

/// The documented limits, at their exact boundaries: a request target of
/// 4,096 bytes is served and 4,097 is a 414; header bytes (each name's
/// and value's length, added up) of 16,384 pass and 16,385 are a 431.
/// Written out, not read from the constants, so moving them fails here.
#[tokio::test]
async fn request_target_and_headers_are_refused_just_past_their_limits() {
    use axum::http::StatusCode;
    let app = bundled_router();
    // `/roles/` and 4,089 letters: 4,096 bytes, an unknown role.
    let target = |length: usize| format!("/roles/{}", "a".repeat(length - "/roles/".len()));
    assert_eq!(target(4096).len(), 4096);
    get(&app, &target(4096))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    get(&app, &target(4097))
        .await
        .assert_status(StatusCode::URI_TOO_LONG);
    // The query counts too.
    let query = |length: usize| format!("/salaries?{}", "q".repeat(length - "/salaries?".len()));
    get(&app, &query(4096)).await.assert_status(StatusCode::OK);
    get(&app, &query(4097))
        .await
        .assert_status(StatusCode::URI_TOO_LONG);
    // `x-fill` is 6 bytes of name.
    assert_eq!(get_with_header("/", 16_384 - 6).await, StatusCode::OK);
    assert_eq!(
        get_with_header("/", 16_385 - 6).await,
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE
    );
}

/// The same boundaries over a real socket, through hyper's own parsing
/// and buffer limits, against the binary as it runs in production.
#[test]
fn over_a_socket_the_limits_hold_at_their_exact_boundaries() {
    let server = crate::serve::spawn_server(&[]);
    let send = |target: &str, fill: usize| -> u16 {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("timeout");
        // Header bytes as counted: host (4 + 1), connection (10 + 5),
        // x-fill (6 + fill).
        let request = format!(
            "GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Fill: {}\r\n\r\n",
            "f".repeat(fill)
        );
        stream.write_all(request.as_bytes()).expect("send");
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        String::from_utf8_lossy(&response)
            .get(9..12)
            .and_then(|code| code.parse().ok())
            .unwrap_or(0)
    };
    let target = |length: usize| format!("/roles/{}", "a".repeat(length - "/roles/".len()));
    assert_eq!(send(&target(4096), 1), 404);
    assert_eq!(send(&target(4097), 1), 414);
    assert_eq!(send("/", 16_384 - 26), 200);
    assert_eq!(send("/", 16_385 - 26), 431);
}

#[test]
fn control_characters_in_a_query_are_a_themed_400() {
    let live = Live::start(limits());
    let pay = "/compare/aws-engineer-vs-aws-architect/pay";
    for target in [
        format!("{pay}?area=%01"),
        format!("{pay}?area=%00"),
        format!("{pay}?area=%7f"),
        format!("{pay}?area=texas%0D%0ASet-Cookie:%20x=1"),
        "/compare/aws-engineer-vs-aws-architect-vs-aws-nobody/pay?area=%01".to_owned(),
        "/compare?a=aws-engineer%01&b=aws-architect".to_owned(),
        "/salaries?sort=senior%7F".to_owned(),
        "/compare/aws-engineer-vs-aws-architect?view=%1b".to_owned(),
        "/fit/result?x=%0A".to_owned(),
    ] {
        let (status, response) = live.raw(
            format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        );
        let text = String::from_utf8_lossy(&response);
        assert_eq!(status, 400, "{target}: {text}");
        assert!(
            text.contains("<h1>Bad request</h1>"),
            "{target}: a themed page"
        );
    }
    // Through the router, on a three-role site.
    let dir = crate::support::content_with(&[]);
    let app = router(dir.path());
    let three = "/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper/pay?area=%01";
    assert_eq!(
        tokio_block_on(get(&app, three)).status,
        axum::http::StatusCode::BAD_REQUEST
    );
}

/// Runs `future` to completion on a runtime of its own.
fn tokio_block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(future)
}

#[test]
fn two_host_headers_are_a_400() {
    let live = Live::start(limits());
    let (status, response) = live.raw(
        b"GET / HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    );
    let text = String::from_utf8_lossy(&response);
    assert_eq!(status, 400, "{text}");
    assert!(text.contains("one Host header"), "{text}");
    let (status, _) = live.raw(
        b"GET /roles/aws-engineer HTTP/1.1\r\nHost: localhost\r\nhost: localhost\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 400);
}

#[tokio::test]
async fn the_pay_pickers_redirect_names_the_areas_slug() {
    let app = bundled_router();
    let pay = "/compare/aws-engineer-vs-aws-architect/pay";
    for (area, slug) in [
        ("texas", "texas"),
        ("Texas", "texas"),
        ("San%20Jose%2C%20CA", "san-jose-ca"),
        ("..%2F..%2F%2Fevil.example", "evil-example"),
        ("%2F%2Fevil.example%2F..", "evil-example"),
        ("new..york", "new-york"),
    ] {
        let reply = get(&app, &format!("{pay}?area={area}")).await;
        reply.assert_status(axum::http::StatusCode::SEE_OTHER);
        assert_eq!(reply.header("location"), format!("{pay}/{slug}"), "{area}");
    }
    // Nothing of a slug: no such area.
    let reply = get(&app, &format!("{pay}?area=..%2F%2F")).await;
    reply.assert_status(axum::http::StatusCode::NOT_FOUND);
}

/// The real limits of a request head: 100 header fields (hyper's count,
/// `Host` included) and 16 KiB of header bytes pass; a 101st field is
/// refused by hyper with a bare 431, as docs/reliability.md says.
#[test]
fn header_fields_pass_up_to_the_documented_count() {
    let live = Live::start(limits());
    let with_fields = |count: usize| -> u16 {
        // Host and Connection, then small fields up to `count`.
        let fields: String = (0..count - 2).map(|i| format!("X-F{i}: v\r\n")).collect();
        live.raw(
            format!("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{fields}\r\n").as_bytes(),
        )
        .0
    };
    assert_eq!(with_fields(100), 200);
    assert_eq!(with_fields(101), 431);
}
