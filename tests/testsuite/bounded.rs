//! Memory and work made on request stay bounded: pages rendered on request
//! live in a cache bounded in bytes, nothing else keeps an evicted page
//! alive, pages rendered at start are never evicted, and a dropped site's
//! background compression lets go of it.

use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use rolecompare::address::Section;
use rolecompare::render::Settings;
use rolecompare::store::resource::Accepted;
use rolecompare::store::{Rendered, Resource};

use axum::http::{Method, StatusCode};

use crate::support::{Reply, fixture, load_ok, repo_path, request};

const ROLES: [&str; 3] = ["ferry-captain", "harbour-pilot", "lighthouse-keeper"];

/// Every page of two or three of the fixture's roles the site renders on
/// request: comparisons in every order, their differences views, day
/// views, share pages, cards and the comparison API.
fn on_demand_paths() -> Vec<String> {
    let mut pairs = Vec::new();
    for a in ROLES {
        for b in ROLES {
            if a == b {
                continue;
            }
            pairs.push(format!("{a}-vs-{b}"));
            for c in ROLES {
                if c != a && c != b {
                    pairs.push(format!("{a}-vs-{b}-vs-{c}"));
                }
            }
        }
    }
    let mut paths = Vec::new();
    for pair in &pairs {
        paths.push(format!("/compare/{pair}"));
        paths.push(format!("/compare/{pair}?view=differences"));
        paths.push(format!("/compare/{pair}/day-in-the-life"));
        paths.push(format!("/api/compare/{pair}"));
        paths.push(format!("/cards/compare/{pair}.png"));
        for section in Section::ALL {
            paths.push(format!("/compare/{pair}/{section}"));
        }
    }
    paths
}

fn site(cache_bytes: u64) -> Rendered {
    let settings = Settings {
        base_url: "http://rolecompare.test".to_owned(),
        cache_bytes,
        ..Settings::default()
    };
    Rendered::new(load_ok(&fixture("three-roles")), settings).expect("render")
}

/// `page` as a client that accepts brotli gets it: from then on, a request
/// for it queues its brotli form.
fn asked_in_brotli(page: &Resource) {
    let accepted = Accepted {
        brotli: true,
        gzip: true,
    };
    let _ = page.form(accepted);
}

/// Waits up to `limit` for nothing to hold `page` any more.
fn freed_within(page: &Weak<Resource>, limit: Duration) -> bool {
    let started = Instant::now();
    while page.upgrade().is_some() {
        if started.elapsed() > limit {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    true
}

#[test]
fn pages_rendered_on_request_stay_within_the_cache_bound_in_bytes() {
    let bound = 256 * 1024;
    let site = site(bound);
    site.compress_in_background();
    let paths = on_demand_paths();
    let mut total = 0;
    for path in &paths {
        let page =
            crate::support::resource_at(&site, path).unwrap_or_else(|| panic!("{path} renders"));
        total += page.weight();
        // Asked again: it is offered for brotli from the cache, if kept.
        let _ = crate::support::resource_at(&site, path);
        let (held, _) = site.on_demand_usage();
        assert!(
            held <= bound,
            "{held} bytes held after {path}; bound {bound}"
        );
    }
    assert!(
        total > 4 * bound,
        "the pages ({total} bytes) are far more than the bound"
    );
    // Evicted pages render again, whole.
    for path in &paths[..20] {
        let page = crate::support::resource_at(&site, path).expect("renders again");
        assert!(!page.identity().is_empty(), "{path}");
    }
    // Pages rendered at start are never evicted by pages made on request.
    for path in [
        "/",
        "/salaries",
        "/api/roles/harbour-pilot",
        "/salaries.csv",
    ] {
        assert!(
            site.lookup(&crate::support::address(path).expect("address"))
                .is_some(),
            "{path} is still stored"
        );
    }
}

#[test]
fn an_evicted_page_is_freed_even_while_queued_for_compression() {
    let site = site(128 * 1024);
    site.compress_in_background();
    let first = "/compare/ferry-captain-vs-harbour-pilot";
    let rendered = crate::support::resource_at(&site, first).expect("renders");
    // Asked for in brotli, then requested again: queued for its brotli form.
    asked_in_brotli(&rendered);
    let _ = crate::support::resource_at(&site, first);
    let page = Arc::downgrade(&rendered);
    drop(rendered);
    for path in on_demand_paths() {
        let _ = crate::support::resource_at(&site, &path);
    }
    assert!(
        site.on_demand_usage().0 <= 128 * 1024,
        "the flood went through the cache"
    );
    // Pages asked for twice are kept longer than pages asked for once:
    // push it out with pages asked for twice too.
    for path in on_demand_paths() {
        let _ = crate::support::resource_at(&site, &path);
        let _ = crate::support::resource_at(&site, &path);
    }
    assert!(
        freed_within(&page, Duration::from_secs(2)),
        "an evicted page is held by nothing"
    );
}

#[test]
fn a_dropped_site_is_freed_without_waiting_for_its_compression() {
    let site = Rendered::new(
        load_ok(&repo_path("content")),
        Settings {
            base_url: "http://rolecompare.test".to_owned(),
            ..Settings::default()
        },
    )
    .expect("render");
    site.compress_in_background();
    // Asked for in brotli, then requested: queued for their brotli forms,
    // the largest last.
    let mut paths = vec!["/".to_owned()];
    paths.extend(
        site.content
            .roles
            .iter()
            .map(|r| format!("/roles/{}", r.slug)),
    );
    paths.extend(
        site.content
            .roles
            .iter()
            .map(|r| format!("/api/roles/{}", r.slug)),
    );
    paths.push("/salaries".to_owned());
    let pages: Vec<_> = paths
        .iter()
        .map(|path| {
            let page = crate::support::resource_at(&site, path).expect("a page");
            asked_in_brotli(&page);
            let _ = crate::support::resource_at(&site, path);
            Arc::downgrade(&page)
        })
        .collect();
    let (home, salaries) = (&pages[0], &pages[pages.len() - 1]);
    drop(site);
    for page in [salaries, home] {
        assert!(
            freed_within(page, Duration::from_millis(300)),
            "a replaced site's pages are not kept for the compressor"
        );
    }
}

/// The `Content-Encoding` of a GET of `path` that accepts brotli and gzip.
async fn encoding_of(app: &rolecompare::http::App, path: &str) -> String {
    encoding_of_request(app, axum::http::Method::GET, path, Some("br, gzip")).await
}

/// The `Content-Encoding` of a request for `path` with this
/// `Accept-Encoding`, if any.
async fn encoding_of_request(
    app: &rolecompare::http::App,
    method: axum::http::Method,
    path: &str,
    accept: Option<&str>,
) -> String {
    use tower::ServiceExt;
    let mut request = axum::http::Request::builder().method(method).uri(path);
    if let Some(accept) = accept {
        request = request.header("accept-encoding", accept);
    }
    let request = request.body(axum::body::Body::empty()).expect("request");
    let response = app.clone().oneshot(request).await.expect("infallible");
    assert_eq!(response.status(), 200, "{path}");
    response
        .headers()
        .get("content-encoding")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("identity")
        .to_owned()
}

/// Asks for `path` until it comes as brotli; how many answers were gzip.
async fn gzip_answers_before_brotli(app: &rolecompare::http::App, path: &str) -> usize {
    let started = Instant::now();
    let mut gzip = 0;
    loop {
        match encoding_of(app, path).await.as_str() {
            "br" => return gzip,
            "gzip" => gzip += 1,
            other => panic!("{path} came as {other}"),
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{path} never came as brotli"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn pages_get_their_brotli_form_once_requested() {
    let site = site(rolecompare::render::DEFAULT_CACHE_BYTES);
    site.compress_in_background();
    let app = rolecompare::http::app(rolecompare::http::AppState::new(site));
    // A stored page: gzip until its brotli form is ready, made once a
    // client that accepts brotli has asked for it twice (the first asks,
    // the second queues it).
    assert!(gzip_answers_before_brotli(&app, "/").await >= 2);
    // A page rendered on request: its first request paid for the render;
    // brotli follows its second.
    let pair = "/compare/ferry-captain-vs-lighthouse-keeper";
    assert!(gzip_answers_before_brotli(&app, pair).await >= 2);
}

/// A server over the three-role fixture whose renders are bounded by
/// `limits`, with the state it shares with its handlers.
fn app_with_renders(
    limits: rolecompare::http::renders::RenderLimits,
) -> (rolecompare::http::App, rolecompare::http::AppState) {
    let state = rolecompare::http::AppState::with_renders(
        site(rolecompare::render::DEFAULT_CACHE_BYTES),
        limits,
    );
    (rolecompare::http::app(state.clone()), state)
}

fn renders(queue: usize, deadline: Duration) -> rolecompare::http::renders::RenderLimits {
    rolecompare::http::renders::RenderLimits {
        threads: 1,
        queue,
        deadline,
    }
}

const PAIR: &str = "/compare/ferry-captain-vs-harbour-pilot";

/// Asks for `path`, failing the test rather than waiting more than 20 s.
async fn answer_to(app: &rolecompare::http::App, method: Method, path: &str) -> Reply {
    tokio::time::timeout(Duration::from_secs(20), request(app, method, path))
        .await
        .unwrap_or_else(|_| panic!("{path} was not answered within 20 s"))
}

#[tokio::test]
async fn a_page_not_rendered_before_the_deadline_is_a_503_and_nothing_is_kept() {
    let (app, state) = app_with_renders(renders(8, Duration::from_millis(50)));
    let paused = state.renders().pause().expect("no render running");
    let reply = answer_to(&app, Method::GET, PAIR).await;
    reply.assert_page(StatusCode::SERVICE_UNAVAILABLE, "Too busy right now");
    assert_eq!(reply.header("retry-after"), "1");
    assert_eq!(reply.header("cache-control"), "no-store");
    assert_eq!(reply.header("connection"), "close");
    // The API says it in JSON.
    let reply = answer_to(
        &app,
        Method::GET,
        "/api/compare/ferry-captain-vs-harbour-pilot",
    )
    .await;
    reply.assert_status(StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.header("retry-after"), "1");
    assert!(reply.body.contains("\"status\":503"), "{}", reply.body);
    // Stored pages are answered all along.
    answer_to(&app, Method::GET, "/salaries")
        .await
        .assert_success();
    assert_eq!(state.site().on_demand_usage().1, 0, "nothing was cached");
    // Once renders run again, the page is rendered: no error was kept.
    drop(paused);
    answer_to(&app, Method::GET, PAIR).await.assert_success();
}

#[tokio::test]
async fn a_request_finding_the_render_queue_full_is_a_503_at_once() {
    let (app, state) = app_with_renders(renders(1, Duration::from_secs(60)));
    let paused = state.renders().pause().expect("no render running");
    let waiting = tokio::spawn({
        let app = app.clone();
        async move { answer_to(&app, Method::GET, PAIR).await }
    });
    // Until the first request waits in the one place of the queue.
    for _ in 0..2000 {
        if state.renders().waiting() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(state.renders().waiting(), 1);
    // The second finds the queue full, while the first still waits (its
    // deadline is a minute away).
    answer_to(&app, Method::GET, "/compare/harbour-pilot-vs-ferry-captain")
        .await
        .assert_status(StatusCode::SERVICE_UNAVAILABLE);
    assert!(!waiting.is_finished(), "the first request still waits");
    drop(paused);
    waiting.await.expect("request").assert_success();
}

#[test]
fn renders_use_every_core_of_the_machine() {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let limits = rolecompare::http::renders::RenderLimits::default();
    assert_eq!(limits.threads, cores);
}

/// The headers of a GET of `path`, which must be a 200.
async fn headers_of_get(app: &rolecompare::http::App, path: &str) -> axum::http::HeaderMap {
    use tower::ServiceExt;
    let request = axum::http::Request::builder()
        .uri(path)
        .body(axum::body::Body::empty())
        .expect("request");
    let response = app.clone().oneshot(request).await.expect("infallible");
    assert_eq!(response.status(), 200, "{path}");
    response.headers().clone()
}

/// Every kind of page made on request, by its path in the fixture.
const MADE_ON_REQUEST: [&str; 5] = [
    PAIR,
    "/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper",
    "/compare/ferry-captain-vs-harbour-pilot/skills",
    "/cards/compare/ferry-captain-vs-harbour-pilot.png",
    "/api/compare/ferry-captain-vs-harbour-pilot",
];

#[tokio::test]
async fn a_head_of_a_page_made_on_request_does_not_render_it() {
    // No render can run, and none may wait.
    let (app, state) = app_with_renders(renders(8, Duration::from_millis(1)));
    let paused = state.renders().pause().expect("no render running");
    let mut heads = Vec::new();
    for path in MADE_ON_REQUEST {
        let head = answer_to(&app, Method::HEAD, path).await;
        head.assert_success();
        assert!(head.body.is_empty(), "{path}");
        assert!(
            head.headers.get("etag").is_none(),
            "{path}: no ETag without the page"
        );
        assert!(
            head.headers.get("content-length").is_none(),
            "{path}: no length without the page"
        );
        heads.push(head);
    }
    assert_eq!(state.site().on_demand_usage().1, 0, "nothing was rendered");
    // What does not exist is still told apart without a render.
    answer_to(&app, Method::HEAD, "/compare/ferry-captain-vs-nobody")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // The headers are those of the page once rendered.
    drop(paused);
    for head in heads {
        let get = headers_of_get(&app, &head.path).await;
        for name in [
            "content-type",
            "cache-control",
            "vary",
            "access-control-allow-origin",
            "content-security-policy",
        ] {
            assert_eq!(
                head.headers.get(name),
                get.get(name),
                "{}: {name}",
                head.path
            );
        }
    }
}

/// Compression is work done for a client that can use it: requests that
/// do not accept brotli (HEADs without `Accept-Encoding`, as a crawler
/// checking sitemaps sends; gzip-only clients) never cost a brotli form,
/// however many there are.
#[tokio::test]
async fn requests_that_cannot_use_brotli_cost_no_brotli_work() {
    let site = site(rolecompare::render::DEFAULT_CACHE_BYTES);
    site.compress_in_background();
    let app = rolecompare::http::app(rolecompare::http::AppState::new(site));
    let pages = [
        "/",
        "/salaries",
        "/sitemap.xml",
        "/compare/ferry-captain-vs-harbour-pilot",
    ];
    for _ in 0..3 {
        for path in pages {
            for (method, accept) in [
                (Method::HEAD, None),
                (Method::GET, None),
                (Method::HEAD, Some("gzip")),
                (Method::GET, Some("gzip, deflate")),
                (Method::GET, Some("br;q=0, gzip")),
            ] {
                let encoding = encoding_of_request(&app, method, path, accept).await;
                assert_ne!(encoding, "br", "{path}");
            }
        }
    }
    // One queue, in order: once a page queued after them all has its brotli
    // form, anything queued before would have had its own.
    let after = "/roles/harbour-pilot";
    gzip_answers_before_brotli(&app, after).await;
    for path in pages {
        assert_eq!(
            encoding_of(&app, path).await,
            "gzip",
            "{path} was compressed for clients that could not use it"
        );
    }
}
