//! HTTP done right: ETags and 304, HEAD, content negotiation, caching and
//! security headers; and `export` writing every page.

use std::convert::Infallible;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::response::Response;
use http_body_util::BodyExt;
use rolecompare::http::App;
use rolecompare::http::{AppState, app};
use rolecompare::render::{Rendered, Settings};
use tower::ServiceExt;

use crate::support::{BASE_URL, Reply, bundled_router, get, load_ok, repo_path};

const PAIR: &str = "/compare/aws-engineer-vs-aws-architect";

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
/// page, method, encoding and revalidation.
#[tokio::test]
async fn pages_answered_from_memory_match_the_routers_answers() {
    let app = compressed_router();
    let router = app.router();
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
            // Rendered on its first request below, then kept.
            "/compare/aws-architect-vs-aws-engineer",
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
    for (path, status) in [
        ("/careers", StatusCode::OK),
        ("/careers/", StatusCode::PERMANENT_REDIRECT),
        ("/careers/roles/aws-engineer", StatusCode::OK),
        (PAIR, StatusCode::NOT_FOUND),
        ("/", StatusCode::NOT_FOUND),
        ("/careersroles/aws-engineer", StatusCode::NOT_FOUND),
    ] {
        for method in [Method::GET, Method::HEAD] {
            let stored = send(&app, method.clone(), path, &[]).await;
            let routed = send(&router, method.clone(), path, &[]).await;
            assert_eq!(stored.0, status, "{method} {path}");
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
        assert_eq!(header(&headers, "cache-control"), Some("max-age=300"));
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
    let (_, headers, body) = send(&app, Method::GET, "/", &[]).await;
    assert_eq!(header(&headers, "cache-control"), Some("max-age=300"));
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
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rolecompare"))
        .args([
            "export",
            "--base-url",
            "https://careers.example.org",
            "--out",
        ])
        .arg(out.path())
        .arg("--content")
        .arg(repo_path("content"))
        .output()
        .expect("run export");
    assert!(output.status.success(), "{output:?}");
    let sitemap = std::fs::read_to_string(out.path().join("sitemap.xml")).expect("sitemap");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .collect();
    // Home, salaries, the questionnaire, two roles, and the pair with its
    // day view and eight share pages.
    assert_eq!(locs.len(), 15, "{locs:?}");
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
