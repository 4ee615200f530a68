//! HTTP done right: ETags and 304, HEAD, content negotiation, caching and
//! security headers; and `export` writing every page.

use std::convert::Infallible;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::response::Response;
use http_body_util::BodyExt;
use rolecompare::http::App;
use rolecompare::http::{AppState, app};
use rolecompare::render::Settings;
use rolecompare::store::Rendered;
use tower::ServiceExt;

use crate::support::{
    BASE_URL, Reply, attrs, bundled_router, export_bundled, get, load_ok, repo_path,
};

const PAIR: &str = "/compare/aws-engineer-vs-aws-architect";

/// How long browsers and shared caches (CDNs) may keep a page, here with
/// `--page-max-age 300`: as long as each other, then a shared cache may
/// answer with its stale copy for as long again while it revalidates.
const PAGE_CACHE: &str = "max-age=300, stale-while-revalidate=300";

/// A raw response: status, headers and undecoded body bytes.
async fn send<S>(
    app: &S,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>)
where
    S: tower::Service<Request<Body>, Response = Response, Error = Infallible> + Clone,
{
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).expect("request"))
        .await
        .expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    (status, headers, body)
}

fn header<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// A site whose brotli forms are all computed.
fn compressed_router() -> App {
    let settings = crate::support::settings_under("");
    let site = Rendered::new(load_ok(&repo_path("content")), settings).expect("render");
    for path in ["/", PAIR] {
        crate::support::resource_at(&site, path)
            .expect("page")
            .compress();
    }
    app(AppState::new(site))
}

/// A raw answer: status, headers and body bytes.
type Answer = (StatusCode, axum::http::HeaderMap, Vec<u8>);

/// The answer a request must get, pinned: its status, headers that must
/// carry exactly these values (the content type, or a redirect's
/// location), and a string its body must contain; an empty one means the
/// body must be empty, as a HEAD's always is.
struct Pin {
    method: Method,
    path: String,
    status: StatusCode,
    headers: Vec<(&'static str, String)>,
    body: &'static str,
}

impl Pin {
    fn new(method: Method, path: &str, status: StatusCode, body: &'static str) -> Self {
        Self {
            method,
            path: path.to_owned(),
            status,
            headers: Vec::new(),
            body,
        }
    }

    /// A 200 of `content_type` whose body contains `body`, to GET `path`.
    fn ok(path: &str, content_type: &str, body: &'static str) -> Self {
        Self::new(Method::GET, path, StatusCode::OK, body).with("content-type", content_type)
    }

    /// An HTML page with this status, as GET answers it.
    fn page(path: &str, status: StatusCode, body: &'static str) -> Self {
        Self::new(Method::GET, path, status, body).with("content-type", HTML)
    }

    /// The same HTML page to a HEAD: the headers without the body.
    fn head(path: &str, status: StatusCode) -> Self {
        Self::new(Method::HEAD, path, status, "").with("content-type", HTML)
    }

    /// A redirect of GET `path` to `location`, without a body.
    fn redirect(path: &str, status: StatusCode, location: &str) -> Self {
        Self::new(Method::GET, path, status, "").with("location", location)
    }

    fn with(mut self, header: &'static str, value: &str) -> Self {
        self.headers.push((header, value.to_owned()));
        self
    }

    /// Panics unless `answer`, from `who`, is the one pinned.
    fn check(&self, who: &str, answer: &Answer) {
        let (method, path) = (&self.method, &self.path);
        let (status, headers, body) = answer;
        let text = String::from_utf8_lossy(body);
        assert_eq!(
            *status, self.status,
            "{method} {path} from {who}: status\n{text}"
        );
        for (name, value) in &self.headers {
            assert_eq!(
                header(headers, name),
                Some(value.as_str()),
                "{method} {path} from {who}: {name}"
            );
        }
        if self.body.is_empty() {
            assert!(
                body.is_empty(),
                "{method} {path} from {who}: a body\n{text}"
            );
        } else {
            assert!(
                body.windows(self.body.len())
                    .any(|window| window == self.body.as_bytes()),
                "{method} {path} from {who}: no {:?} in the body\n{text}",
                self.body
            );
        }
    }
}

const HTML: &str = "text/html; charset=utf-8";

/// Asks the site `app` and its router alone for each pinned answer: the
/// site first (a page made on request is rendered then, through the
/// router), the router, and the site again (from memory if the page is
/// stored now). Each must give exactly the pinned answer.
async fn assert_pinned(app: &App, pins: &[Pin]) {
    let router = app.router();
    for pin in pins {
        let (method, path) = (&pin.method, pin.path.as_str());
        let first = send(app, method.clone(), path, &[]).await;
        pin.check("the site", &first);
        let routed = send(&router, method.clone(), path, &[]).await;
        pin.check("the router", &routed);
        let stored = send(app, method.clone(), path, &[]).await;
        pin.check("the site again", &stored);
    }
}

fn gunzip(bytes: &[u8]) -> String {
    let mut out = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(bytes), &mut out)
        .expect("gzip");
    out
}

fn unbrotli(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut out).expect("brotli");
    String::from_utf8(out).expect("utf-8")
}

/// Rendered pages are answered from memory without the router; the answer
/// must be the router's, byte for byte and header for header, for every
/// page, method, encoding and revalidation. Both must also be the right
/// answer, pinned here, not merely the same one.
#[tokio::test]
async fn pages_answered_from_memory_match_the_routers_answers() {
    let app = compressed_router();
    let router = app.router();
    let home = get(&app, "/").await.html();
    let stylesheet = &attrs(&home, "link[rel=stylesheet]", "href")[0];
    let icon = &attrs(&home, "link[rel=icon]", "href")[0];
    let (ok, not_found) = (StatusCode::OK, StatusCode::NOT_FOUND);
    let moved = StatusCode::PERMANENT_REDIRECT;
    let not_allowed = StatusCode::METHOD_NOT_ALLOWED;
    let json = "application/json";
    assert_pinned(
        &app,
        &[
            // Rendered when the site is built.
            Pin::page("/", ok, "<h1>Career roles, side by side</h1>"),
            Pin::head("/", ok),
            Pin::page("/roles/aws-engineer", ok, "<h1>AWS Engineer</h1>"),
            Pin::head("/roles/aws-architect", ok),
            Pin::page("/salaries", ok, "<h1>Salaries by level</h1>"),
            Pin::page("/fit", ok, "<h1>Which role fits you?</h1>"),
            Pin::ok(stylesheet, "text/css; charset=utf-8", "rolecompare")
                .with("cache-control", "max-age=31536000, immutable"),
            Pin::ok(icon, "image/svg+xml", "<svg"),
            Pin::ok("/robots.txt", "text/plain; charset=utf-8", "User-agent: *"),
            Pin::ok(
                "/sitemap.xml",
                "application/xml; charset=utf-8",
                "<loc>http://rolecompare.test/compare/aws-engineer-vs-aws-architect</loc>",
            ),
            Pin::ok(
                "/salaries.csv",
                "text/csv; charset=utf-8",
                "aws-engineer,AWS Engineer,junior",
            ),
            Pin::ok("/schema/role.json", "application/schema+json", "\"$defs\""),
            Pin::ok("/api/roles", json, "\"slug\":\"aws-architect\"")
                .with("access-control-allow-origin", "*"),
            Pin::ok(
                "/api/roles/aws-engineer",
                json,
                "\"title\":\"AWS Engineer\"",
            ),
            // Rendered on their first request, then kept.
            Pin::page(PAIR, ok, "<h1>AWS Engineer vs AWS Architect</h1>")
                .with("cache-control", PAGE_CACHE),
            Pin::head(PAIR, ok),
            Pin::page(
                "/compare/aws-architect-vs-aws-engineer",
                ok,
                "<h1>AWS Architect vs AWS Engineer</h1>",
            ),
            Pin::page(
                &format!("{PAIR}/day-in-the-life"),
                ok,
                "<h1>AWS Engineer vs AWS Architect: a day in the life</h1>",
            ),
            Pin::page(
                &format!("{PAIR}/salaries"),
                ok,
                "<title>Salaries: AWS Engineer vs AWS Architect — rolecompare</title>",
            ),
            Pin::head(&format!("{PAIR}/skills"), ok),
            Pin::page(
                &format!("{PAIR}/transition"),
                ok,
                "<h1>Moving from AWS Engineer to AWS Architect</h1>",
            ),
            Pin::ok(&format!("/cards{PAIR}/transition.png"), "image/png", "PNG"),
            Pin::ok("/cards/site.png", "image/png", "PNG"),
            Pin::ok(&format!("/cards{PAIR}/levels.png"), "image/png", "PNG"),
            Pin::ok(
                "/api/compare/aws-engineer-vs-aws-architect",
                json,
                "\"slug\":\"aws-architect\"",
            ),
            // With a query string: always the router's.
            Pin::page(
                &format!("{PAIR}?view=differences"),
                ok,
                "<title>Differences: AWS Engineer vs AWS Architect — rolecompare</title>",
            ),
            Pin::page("/salaries?sort=senior", ok, "<h1>Salaries by level</h1>"),
            // Redirects.
            Pin::redirect("/roles/AWS-Engineer", moved, "/roles/aws-engineer"),
            Pin::redirect("/roles/aws-engineer/", moved, "/roles/aws-engineer"),
            Pin::redirect("/compare/AWS-Engineer-vs-aws-architect", moved, PAIR),
            Pin::redirect("/favicon.ico", moved, icon),
            Pin::redirect(
                "/compare?a=aws-engineer&b=aws-architect",
                StatusCode::SEE_OTHER,
                PAIR,
            ),
            // Errors.
            Pin::page("/nope", not_found, "<h1>Page not found</h1>"),
            Pin::head("/nope", not_found),
            Pin::page("/roles/nope", not_found, "<h1>Role not found</h1>"),
            Pin::page(
                &format!("{PAIR}/nope"),
                not_found,
                "<h1>Page not found</h1>",
            ),
            Pin::page("/static/style.css", not_found, "<h1>Page not found</h1>"),
            Pin::new(Method::GET, "/api/nope", not_found, "\"status\":404")
                .with("content-type", json),
            Pin::page(
                "/compare/aws-engineer-vs-aws-engineer",
                StatusCode::BAD_REQUEST,
                "<h1>Pick different roles</h1>",
            ),
            Pin::new(
                Method::POST,
                "/",
                not_allowed,
                "<h1>Method not allowed</h1>",
            )
            .with("content-type", HTML)
            .with("allow", "GET, HEAD"),
            Pin::new(
                Method::DELETE,
                PAIR,
                not_allowed,
                "<h1>Method not allowed</h1>",
            )
            .with("allow", "GET, HEAD"),
            Pin::new(Method::PUT, "/api/roles", not_allowed, "\"status\":405")
                .with("content-type", json)
                .with("allow", "GET, HEAD"),
        ],
    )
    .await;

    // And the two answers are the same, byte for byte.
    let (_, _, sitemap) = send(&app, Method::GET, "/sitemap.xml", &[]).await;
    let sitemap = String::from_utf8(sitemap).expect("utf-8");
    let mut paths: Vec<String> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split("</loc>").next())
        .map(|url| url.trim_start_matches(BASE_URL).to_owned())
        .map(|path| {
            if path.is_empty() {
                "/".to_owned()
            } else {
                path
            }
        })
        .collect();
    let (_, _, home) = send(&app, Method::GET, "/", &[]).await;
    let home = String::from_utf8(home).expect("utf-8");
    let stylesheet = home
        .split("href=\"")
        .filter_map(|rest| rest.split('"').next())
        .find(|href| href.starts_with("/static/") && href.ends_with(".css"))
        .expect("stylesheet link")
        .to_owned();
    paths.extend(
        [
            stylesheet.as_str(),
            "/api/roles",
            "/api/roles/aws-engineer",
            "/salaries.csv",
            "/robots.txt",
            "/schema/role.json",
            // Rendered on their first request below, then kept.
            "/compare/aws-architect-vs-aws-engineer",
            "/compare/aws-engineer-vs-aws-architect/day-in-the-life",
            "/compare/aws-engineer-vs-aws-architect/transition",
            "/compare/aws-architect-vs-aws-engineer/transition",
            "/compare/aws-engineer-vs-aws-architect/skills",
            "/compare/aws-engineer-vs-aws-architect/salaries",
            "/compare/aws-engineer-vs-aws-architect/pay",
            "/cards/compare/aws-engineer-vs-aws-architect.png",
        ]
        .map(str::to_owned),
    );
    assert!(paths.len() >= 20, "too few pages to compare: {paths:?}");
    for path in &paths {
        let (_, headers, _) = send(&app, Method::GET, path, &[("accept-encoding", "br")]).await;
        let etag = header(&headers, "etag").expect("etag").to_owned();
        let cases: [(Method, Vec<(&str, &str)>); 6] = [
            (Method::GET, vec![]),
            (Method::GET, vec![("accept-encoding", "gzip")]),
            (Method::GET, vec![("accept-encoding", "br, gzip")]),
            (Method::GET, vec![("accept-encoding", "br;q=0, gzip;q=0")]),
            (
                Method::GET,
                vec![("accept-encoding", "br"), ("if-none-match", &etag)],
            ),
            (Method::HEAD, vec![("accept-encoding", "gzip")]),
        ];
        for (method, request_headers) in cases {
            let stored = send(&app, method.clone(), path, &request_headers).await;
            let mut routed = send(&router, method.clone(), path, &request_headers).await;
            if routed.0 == StatusCode::NOT_MODIFIED {
                // The router labels a 304 `content-length: 0`; hyper drops
                // Content-Length from every 304 it writes, so on the wire
                // the two answers are the same.
                routed.1.remove("content-length");
            }
            assert_eq!(
                stored.0, routed.0,
                "{method} {path} {request_headers:?}: status"
            );
            assert_eq!(
                stored.1, routed.1,
                "{method} {path} {request_headers:?}: headers"
            );
            assert_eq!(
                stored.2, routed.2,
                "{method} {path} {request_headers:?}: body"
            );
        }
    }
}

/// Under a base path, the same holds, and the home page's two spellings
/// keep their meaning: `{base}` is the page, `{base}/` redirects to it.
#[tokio::test]
async fn under_a_base_path_stored_answers_match_the_routers() {
    let settings = crate::support::settings_under("/careers");
    let site = Rendered::new(load_ok(&repo_path("content")), settings).expect("render");
    let app = app(AppState::new(site));
    let router = app.router();
    let (ok, not_found) = (StatusCode::OK, StatusCode::NOT_FOUND);
    let moved = StatusCode::PERMANENT_REDIRECT;
    let careers_pair = format!("/careers{PAIR}");
    let pins = [
        Pin::page("/careers", ok, "<h1>Career roles, side by side</h1>"),
        Pin::head("/careers", ok),
        Pin::redirect("/careers/", moved, "/careers"),
        Pin::page("/careers/roles/aws-engineer", ok, "<h1>AWS Engineer</h1>"),
        Pin::head("/careers/roles/aws-engineer", ok),
        Pin::page(&careers_pair, ok, "<h1>AWS Engineer vs AWS Architect</h1>"),
        Pin::ok(
            "/careers/robots.txt",
            "text/plain; charset=utf-8",
            "Sitemap: http://rolecompare.test/careers/sitemap.xml",
        ),
        Pin::redirect(
            "/careers/roles/AWS-Engineer",
            moved,
            "/careers/roles/aws-engineer",
        ),
        Pin::page(PAIR, not_found, "<h1>Page not found</h1>"),
        Pin::page("/", not_found, "<h1>Page not found</h1>"),
        Pin::head("/", not_found),
        Pin::page("/roles/aws-engineer", not_found, "<h1>Page not found</h1>"),
        Pin::page(
            "/careersroles/aws-engineer",
            not_found,
            "<h1>Page not found</h1>",
        ),
        Pin::new(
            Method::POST,
            "/careers",
            StatusCode::METHOD_NOT_ALLOWED,
            "<h1>Method not allowed</h1>",
        )
        .with("allow", "GET, HEAD"),
    ];
    assert_pinned(&app, &pins).await;
    // And the two answers are the same, byte for byte.
    for pin in &pins {
        let path = pin.path.as_str();
        let methods = match pin.method {
            Method::GET => vec![Method::GET, Method::HEAD],
            ref other => vec![other.clone()],
        };
        for method in methods {
            let stored = send(&app, method.clone(), path, &[]).await;
            let routed = send(&router, method.clone(), path, &[]).await;
            assert_eq!(stored.0, routed.0, "{method} {path}: status");
            assert_eq!(stored.1, routed.1, "{method} {path}: headers");
            assert_eq!(stored.2, routed.2, "{method} {path}: body");
        }
    }
}

#[tokio::test]
async fn each_encoding_is_negotiated_and_decodes_to_the_same_page() {
    let app = compressed_router();
    let (_, plain_headers, plain) = send(&app, Method::GET, PAIR, &[]).await;
    assert_eq!(header(&plain_headers, "content-encoding"), None);
    assert_eq!(header(&plain_headers, "vary"), Some("accept-encoding"));
    assert_eq!(
        header(&plain_headers, "content-length"),
        Some(plain.len().to_string().as_str())
    );
    let plain = String::from_utf8(plain).expect("utf-8");

    let (_, headers, body) = send(
        &app,
        Method::GET,
        PAIR,
        &[("accept-encoding", "gzip, deflate, br")],
    )
    .await;
    assert_eq!(header(&headers, "content-encoding"), Some("br"));
    assert_eq!(unbrotli(&body), plain);

    let (_, headers, body) = send(
        &app,
        Method::GET,
        PAIR,
        &[("accept-encoding", "gzip, br;q=0")],
    )
    .await;
    assert_eq!(header(&headers, "content-encoding"), Some("gzip"));
    assert_eq!(gunzip(&body), plain);

    let (_, headers, body) = send(
        &app,
        Method::GET,
        PAIR,
        &[("accept-encoding", "br;q=0, gzip;q=0")],
    )
    .await;
    assert_eq!(header(&headers, "content-encoding"), None);
    assert_eq!(String::from_utf8(body).expect("utf-8"), plain);

    let (_, headers, _) = send(&app, Method::GET, PAIR, &[("accept-encoding", "*")]).await;
    assert_eq!(header(&headers, "content-encoding"), Some("br"));
}

#[tokio::test]
async fn until_brotli_is_ready_gzip_is_served() {
    // The bundled router never starts background compression.
    let app = bundled_router();
    let (_, headers, body) = send(&app, Method::GET, "/", &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(header(&headers, "content-encoding"), Some("gzip"));
    assert!(gunzip(&body).starts_with("<!doctype html>"));
}

#[tokio::test]
async fn etags_answer_304_without_a_body() {
    let app = compressed_router();
    for encoding in ["identity", "gzip", "br"] {
        let (status, headers, _) =
            send(&app, Method::GET, PAIR, &[("accept-encoding", encoding)]).await;
        assert_eq!(status, StatusCode::OK);
        let etag = header(&headers, "etag").expect("etag").to_owned();
        assert!(
            etag.starts_with('"') && etag.ends_with('"'),
            "strong: {etag}"
        );
        let (status, headers, body) = send(
            &app,
            Method::GET,
            PAIR,
            &[("accept-encoding", encoding), ("if-none-match", &etag)],
        )
        .await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{encoding}");
        assert!(body.is_empty());
        assert_eq!(header(&headers, "etag"), Some(etag.as_str()));
        assert_eq!(header(&headers, "cache-control"), Some(PAGE_CACHE));
    }
    // Each encoding has its own tag; a list and a weak tag match too.
    let (_, plain, _) = send(&app, Method::GET, PAIR, &[]).await;
    let (_, brotli, _) = send(&app, Method::GET, PAIR, &[("accept-encoding", "br")]).await;
    assert_ne!(header(&plain, "etag"), header(&brotli, "etag"));
    let list = format!("\"nope\", W/{}", header(&plain, "etag").expect("etag"));
    let (status, _, _) = send(&app, Method::GET, PAIR, &[("if-none-match", &list)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    // Another page's tag does not match.
    let (_, home, _) = send(&app, Method::GET, "/", &[]).await;
    let (status, _, _) = send(
        &app,
        Method::GET,
        PAIR,
        &[("if-none-match", header(&home, "etag").expect("etag"))],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn head_sends_the_headers_without_a_body() {
    let app = compressed_router();
    let (_, get_headers, get_body) =
        send(&app, Method::GET, PAIR, &[("accept-encoding", "br")]).await;
    let (status, headers, body) =
        send(&app, Method::HEAD, PAIR, &[("accept-encoding", "br")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.is_empty());
    assert_eq!(
        header(&headers, "content-length"),
        Some(get_body.len().to_string().as_str())
    );
    assert_eq!(header(&headers, "etag"), header(&get_headers, "etag"));
    assert_eq!(header(&headers, "content-encoding"), Some("br"));
}

#[tokio::test]
async fn pages_cache_briefly_and_assets_forever() {
    let app = bundled_router();
    // Pages stored at start and made on request alike. No `s-maxage`,
    // which would forbid a shared cache to serve a stale copy (RFC 9111
    // §5.2.2.10), and no `private` or `no-store`.
    for path in [
        "/",
        PAIR,
        "/roles/aws-engineer",
        "/api/roles",
        "/sitemap.xml",
    ] {
        let (_, headers, _) = send(&app, Method::GET, path, &[]).await;
        assert_eq!(
            header(&headers, "cache-control"),
            Some(PAGE_CACHE),
            "{path}"
        );
    }
    let (_, _, body) = send(&app, Method::GET, "/", &[]).await;
    let html = String::from_utf8(body).expect("utf-8");
    let css = html
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("stylesheet link");
    assert!(
        css.starts_with("/static/style.") && css.ends_with(".css"),
        "{css}"
    );
    let (status, headers, _) = send(&app, Method::GET, css, &[("accept-encoding", "gzip")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        header(&headers, "cache-control"),
        Some("max-age=31536000, immutable")
    );
    assert_eq!(header(&headers, "content-encoding"), Some("gzip"));
    assert_eq!(header(&headers, "vary"), Some("accept-encoding"));
    assert!(header(&headers, "etag").is_some());
}

#[tokio::test]
async fn security_headers_are_on_pages_errors_and_redirects() {
    let app = bundled_router();
    for (method, path) in [
        (Method::GET, "/"),
        (Method::GET, PAIR),
        (Method::GET, "/nope"),
        (Method::GET, "/roles/AWS-Engineer"),
        (Method::GET, "/compare?a=aws-engineer&b=aws-architect"),
        (Method::GET, "/healthz"),
        (Method::POST, "/"),
    ] {
        let (_, headers, _) = send(&app, method.clone(), path, &[]).await;
        let csp = header(&headers, "content-security-policy")
            .unwrap_or_else(|| panic!("{method} {path}: no CSP"));
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("base-uri 'self'"), "{path}: {csp}");
        assert!(csp.contains("form-action 'self'"), "{path}: {csp}");
        assert_eq!(
            header(&headers, "x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            header(&headers, "referrer-policy"),
            Some("strict-origin-when-cross-origin"),
            "{path}"
        );
        assert_eq!(
            header(&headers, "cross-origin-opener-policy"),
            Some("same-origin"),
            "{path}"
        );
        assert!(header(&headers, "permissions-policy").is_some(), "{path}");
    }
}

#[tokio::test]
async fn pair_pages_render_on_first_request_and_are_kept() {
    let site = Rendered::new(
        load_ok(&repo_path("content")),
        Settings {
            base_url: BASE_URL.to_owned(),
            ..Settings::default()
        },
    )
    .expect("render");
    let first = crate::support::resource_at(&site, PAIR).expect("rendered on demand");
    let second = crate::support::resource_at(&site, PAIR).expect("cached");
    assert!(std::sync::Arc::ptr_eq(&first, &second));
    assert!(crate::support::resource_at(&site, "/compare/aws-engineer-vs-aws-engineer").is_none());
    assert!(crate::support::resource_at(&site, "/compare/aws-engineer-vs-nope").is_none());
    assert!(
        crate::support::resource_at(&site, "/compare/aws-engineer-vs-aws-architect/nope").is_none()
    );
}

#[test]
fn export_writes_a_file_for_every_sitemap_url_with_the_served_bytes() {
    let out = tempfile::tempdir().expect("temp dir");
    export_bundled(out.path());
    let sitemap = std::fs::read_to_string(out.path().join("sitemap.xml")).expect("sitemap");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .collect();
    // Home, salaries, the questionnaire, two roles with their official pay
    // by area, the list of roles, and the pair's comparison.
    assert_eq!(locs.len(), 9, "{locs:?}");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let settings = Settings {
        base_url: "https://careers.example.org".to_owned(),
        page_max_age: 300,
        ..Settings::default()
    };
    let app = app(AppState::new(
        Rendered::new(load_ok(&repo_path("content")), settings).expect("render"),
    ));
    for loc in locs {
        let path = loc
            .strip_prefix("https://careers.example.org")
            .expect("absolute");
        let path = if path.is_empty() { "/" } else { path };
        let file = out.path().join(rolecompare::export::file_for(
            &crate::support::address(path).expect("address"),
        ));
        let written =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let served: Reply = runtime.block_on(get(&app, path));
        assert_eq!(written, served.body, "{path}");
        let gz = std::fs::read(format!("{}.gz", file.display())).expect("gz sibling");
        assert_eq!(gunzip(&gz), written);
        let br = std::fs::read(format!("{}.br", file.display())).expect("br sibling");
        assert_eq!(unbrotli(&br), written);
    }
    for file in ["robots.txt", "404.html", "index.html"] {
        assert!(out.path().join(file).is_file(), "{file}");
    }
    let assets: Vec<_> = std::fs::read_dir(out.path().join("static"))
        .expect("static")
        .collect();
    assert_eq!(assets.len(), 6, "two assets with .gz and .br each");
    // The JSON API, named `.json` so a static host sends it as JSON.
    for (path, file) in [
        ("/api/roles", "api/roles.json"),
        ("/api/roles/aws-engineer", "api/roles/aws-engineer.json"),
        (
            "/api/compare/aws-engineer-vs-aws-architect",
            "api/compare/aws-engineer-vs-aws-architect.json",
        ),
    ] {
        let written = std::fs::read_to_string(out.path().join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let served: Reply = runtime.block_on(get(&app, path));
        assert_eq!(served.header("content-type"), "application/json");
        assert_eq!(written, served.body, "{path}");
    }
}

/// The export and the sitemap agree: every page the sitemap lists is
/// exported, every page the export writes names an exported page as
/// canonical, and every link, image and card in the exported pages is a
/// file of the export, so the folder works on a static host without a
/// page that was crawled for.
#[test]
fn export_and_sitemap_agree_and_every_exported_link_resolves() {
    let out = tempfile::tempdir().expect("temp dir");
    let base = "https://careers.example.org";
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rolecompare"))
        .args([
            "export",
            "--base-url",
            base,
            "--base-path",
            "/careers",
            "--out",
        ])
        .arg(out.path())
        .arg("--content")
        .arg(repo_path("tests/fixtures/three-roles"))
        .output()
        .expect("run export");
    assert!(output.status.success(), "{output:?}");
    let sitemap = std::fs::read_to_string(out.path().join("sitemap.xml")).expect("sitemap");
    let listed: std::collections::BTreeSet<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .collect();
    // Home and salaries (this folder has no questionnaire), three roles,
    // the list of roles, and three pairs, each once.
    assert_eq!(listed.len(), 2 + 3 + 1 + 3, "{listed:?}");
    let exists = |url: &str| {
        let path = url.split(['#', '?']).next().unwrap_or_default();
        let Some(path) = path
            .strip_prefix(base)
            .unwrap_or(path)
            .strip_prefix("/careers")
        else {
            return false;
        };
        let relative = path.trim_start_matches('/');
        let dir = out.path().join(relative);
        dir.join("index.html").is_file()
            || (!relative.is_empty() && dir.is_file())
            || out.path().join(format!("{relative}.json")).is_file()
    };
    let mut pages = 0;
    for entry in walk(out.path()) {
        if entry.file_name().is_some_and(|n| n != "index.html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(&entry).expect("page");
        let document = scraper::Html::parse_document(&html);
        let canonical = attrs(&document, "link[rel=canonical]", "href");
        let canonical = canonical.first().map(String::as_str).unwrap_or_default();
        assert!(
            exists(canonical),
            "{}: canonical {canonical}",
            entry.display()
        );
        let mut targets = attrs(&document, "a[href]", "href");
        targets.extend(attrs(&document, "[src]", "src"));
        targets.extend(attrs(&document, "link[href]", "href"));
        targets.extend(attrs(&document, "meta[property='og:image']", "content"));
        for target in targets {
            let internal = target.starts_with("/careers") || target.starts_with(base);
            // Views chosen by a query string need the server
            // (docs/self-hosting.md, "Static export").
            if internal && !target.contains('?') {
                assert!(
                    exists(&target),
                    "{}: {target} is not exported",
                    entry.display()
                );
            }
        }
    }
    // Home, salaries, three roles, the list of roles, and each pair both
    // ways round with its day view, move, eight share pages and comparison.
    assert_eq!(pages, 2 + 3 + 1 + 3 * 2 * 11, "pages written");
    for url in &listed {
        assert!(exists(url), "{url} is in the sitemap but not exported");
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// REDbot warns when a compressed form is larger than the original (as
/// gzip made robots.txt): no response is ever sent compressed unless that
/// makes it smaller, and responses never compressed do not vary on it.
#[tokio::test]
async fn a_compressed_form_is_never_larger_than_the_original() {
    let settings = Settings {
        base_url: BASE_URL.to_owned(),
        page_max_age: 300,
        ..Settings::default()
    };
    let site = Rendered::new(load_ok(&repo_path("content")), settings).expect("render");
    let mut paths: Vec<String> = site
        .canonical_pages()
        .iter()
        .map(|page| page.path())
        .collect();
    paths.extend(
        [
            "/robots.txt",
            "/sitemap.xml",
            "/salaries.csv",
            "/schema/role.json",
            "/api/roles",
            "/api/roles/aws-engineer",
        ]
        .map(str::to_owned),
    );
    for path in &paths {
        crate::support::resource_at(&site, path)
            .expect("page")
            .compress();
    }
    let app = app(AppState::new(site));
    for path in &paths {
        let (_, _, identity) = send(&app, Method::GET, path, &[]).await;
        for accept in ["gzip", "br", "br, gzip"] {
            let (status, headers, body) =
                send(&app, Method::GET, path, &[("accept-encoding", accept)]).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            if header(&headers, "content-encoding").is_some() {
                assert!(
                    body.len() < identity.len(),
                    "{path} as {accept}: {} bytes, {} uncompressed",
                    body.len(),
                    identity.len()
                );
            }
        }
    }
    let (_, headers, body) = send(
        &app,
        Method::GET,
        "/robots.txt",
        &[("accept-encoding", "br, gzip")],
    )
    .await;
    assert_eq!(header(&headers, "content-encoding"), None);
    assert_eq!(header(&headers, "vary"), None, "robots.txt has one form");
    assert!(body.starts_with(b"User-agent: *"));
}
