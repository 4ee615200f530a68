//! Helpers shared by the test modules.

use std::fs;
use std::path::{Path, PathBuf};

use rolecompare::content::{Content, Diagnostic};

/// Every section of a comparison, in page order: its id and its heading,
/// as a reader sees them (written out here, not taken from the code).
pub const SECTIONS: [(&str, &str); 8] = [
    ("overview", "Overview"),
    ("responsibilities", "Responsibilities"),
    ("skills", "Skills and certifications"),
    ("day-to-day", "Day to day"),
    ("career-path", "Career path"),
    ("job-market", "Job market"),
    ("salaries", "Salaries"),
    ("levels", "Level by level"),
];

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Exports the bundled content, published at `https://careers.example.org`,
/// into `out` with the built binary, and asserts that it succeeded.
pub fn export_bundled(out: &Path) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rolecompare"))
        .args([
            "export",
            "--base-url",
            "https://careers.example.org",
            "--out",
        ])
        .arg(out)
        .arg("--content")
        .arg(repo_path("content"))
        .output()
        .expect("run export");
    assert!(output.status.success(), "{output:?}");
}

pub fn fixture(name: &str) -> PathBuf {
    repo_path("tests/fixtures").join(name)
}

/// Copies `dir` into `into`, file by file, replacing what is there.
pub fn copy_tree(dir: &Path, into: &Path) {
    for entry in fs::read_dir(dir).expect("read fixture folder") {
        let entry = entry.expect("fixture entry");
        let target = into.join(entry.file_name());
        if entry.path().is_dir() {
            fs::create_dir_all(&target).expect("create folder");
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// A temporary content folder: the three-role fixture with the files of
/// `overlays` (fixture folders) laid over it.
pub fn content_with(overlays: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture("three-roles"), dir.path());
    for overlay in overlays {
        copy_tree(&fixture(overlay), dir.path());
    }
    dir
}

/// Loads a content folder that must be valid.
pub fn load_ok(dir: &Path) -> Content {
    match Content::load(dir) {
        Ok(content) => content,
        Err(problems) => panic!(
            "{} should load, but:\n{}",
            dir.display(),
            lines(&problems, dir)
        ),
    }
}

/// Every problem of a content folder that must be invalid, as
/// `relative/path:line:column: message` lines.
pub fn problems(dir: &Path) -> Vec<String> {
    match Content::load(dir) {
        Ok(_) => panic!("{} should not load", dir.display()),
        Err(problems) => lines(&problems, dir).lines().map(str::to_owned).collect(),
    }
}

fn lines(problems: &[Diagnostic], dir: &Path) -> String {
    let prefix = format!("{}/", dir.display());
    problems
        .iter()
        .map(|problem| problem.to_string().replacen(&prefix, "", 1))
        .collect::<Vec<_>>()
        .join("\n")
}

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use rolecompare::http::App;
use rolecompare::http::{AppState, app};
use rolecompare::render::Settings;
use rolecompare::store::Rendered;
use scraper::{Html, Selector};
use tower::ServiceExt;

pub const BASE_URL: &str = "http://rolecompare.test";

/// The router over a content folder, as `serve` builds it.
pub fn router(dir: &Path) -> App {
    router_with(dir, settings_under(""))
}

/// The site published at [`BASE_URL`] under `base_path` (empty: the root),
/// with pages cached for 300 s.
pub fn settings_under(base_path: &str) -> Settings {
    Settings {
        base_url: BASE_URL.to_owned(),
        base_path: base_path.to_owned(),
        page_max_age: 300,
        ..Settings::default()
    }
}

pub fn router_with(dir: &Path, settings: Settings) -> App {
    let rendered = Rendered::new(load_ok(dir), settings).expect("render");
    app(AppState::new(rendered))
}

pub fn bundled_router() -> App {
    router(&repo_path("content"))
}

pub struct Reply {
    pub path: String,
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|v| v.to_str().expect("ascii header"))
            .unwrap_or_else(|| panic!("{}: no {name} header", self.path))
    }

    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// Panics with path, status and body unless the status is `expected`.
    pub fn assert_status(&self, expected: StatusCode) -> &Self {
        assert_eq!(
            self.status, expected,
            "{} answered {}, expected {expected}:\n{}",
            self.path, self.status, self.body
        );
        self
    }

    pub fn assert_success(&self) -> &Self {
        self.assert_status(StatusCode::OK)
    }

    /// Panics unless this is the HTML page meant: status `expected`, an
    /// HTML content type, and `heading` as its one `<h1>`. Check it before
    /// a page's content, so that a route falling back to another page (the
    /// 404 page has one `h1`, unique ids and no script either) cannot pass
    /// for it. Returns the parsed page.
    pub fn assert_page(&self, expected: StatusCode, heading: &str) -> Html {
        self.assert_status(expected);
        assert_eq!(
            self.header("content-type"),
            "text/html; charset=utf-8",
            "{}",
            self.path
        );
        let html = self.html();
        assert_eq!(
            select(&html, "h1"),
            [heading],
            "{} is not the page meant",
            self.path
        );
        html
    }
}

pub async fn request(router: &App, method: Method, path: &str) -> Reply {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .body(Body::empty())
        .expect("request");
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Reply {
        path: path.to_owned(),
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).expect("utf-8 body"),
    }
}

pub async fn get(router: &App, path: &str) -> Reply {
    request(router, Method::GET, path).await
}

pub fn select(html: &Html, css: &str) -> Vec<String> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e}"));
    html.select(&selector)
        .map(|el| {
            el.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn attrs(html: &Html, css: &str, attr: &str) -> Vec<String> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e}"));
    html.select(&selector)
        .filter_map(|el| el.value().attr(attr).map(str::to_owned))
        .collect()
}

/// The raw body bytes of a GET.
pub async fn get_bytes(router: &App, path: &str) -> Vec<u8> {
    let request = Request::builder()
        .uri(path)
        .body(Body::empty())
        .expect("request");
    let response = router.clone().oneshot(request).await.expect("infallible");
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec()
}

/// A content folder with `count` made-up roles (`generated-role-000`…),
/// each the bundled AWS Engineer file under another title, as
/// `bench/gen_roles.py` writes for measurements.
pub fn many_roles(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("roles")).expect("roles folder");
    fs::copy(repo_path("content/site.yaml"), dir.path().join("site.yaml")).expect("site.yaml");
    // The role names an official occupation, whose figures it needs.
    fs::copy(
        repo_path("content/official-pay.csv"),
        dir.path().join("official-pay.csv"),
    )
    .expect("official-pay.csv");
    let template =
        fs::read_to_string(repo_path("content/roles/aws-engineer.md")).expect("role file");
    for i in 0..count {
        let text = template.replacen(
            "title: AWS Engineer",
            &format!("title: Generated Role {i:03}"),
            1,
        );
        fs::write(
            dir.path().join(format!("roles/generated-role-{i:03}.md")),
            text,
        )
        .expect("write role");
    }
    dir
}

// A server on a real socket, for tests of what only a connection shows.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use rolecompare::http::renders::RenderLimits;
use rolecompare::http::server::{Limits, serve_until};

/// A server on a free loopback port, running on its own runtime thread;
/// stopped when dropped.
pub struct Live {
    pub port: u16,
    /// What its handlers share: the site and the render threads.
    pub state: AppState,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Live {
    /// Serves the bundled content with `limits`.
    pub fn start(limits: Limits) -> Self {
        Self::start_with(limits, RenderLimits::default())
    }

    /// Serves the bundled content with `limits`, rendering within `renders`.
    pub fn start_with(limits: Limits, renders: RenderLimits) -> Self {
        Self::start_on(&repo_path("content"), limits, renders)
    }

    /// Serves the content folder `dir` with `limits`, rendering within
    /// `renders`.
    pub fn start_on(dir: &Path, limits: Limits, renders: RenderLimits) -> Self {
        let settings = Settings {
            base_url: "http://127.0.0.1".to_owned(),
            page_max_age: 300,
            ..Settings::default()
        };
        let site = Rendered::new(load_ok(dir), settings).expect("render");
        let state = AppState::with_renders(site, renders);
        let served = state.clone();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        listener.set_nonblocking(true).expect("nonblocking");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                let shutdown = async {
                    let _ = stopped.await;
                };
                serve_until(listener, served, limits, shutdown)
                    .await
                    .expect("serve");
            });
        });
        Self {
            port,
            state,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    pub fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        stream
    }

    /// Sends raw bytes and returns the status code of the answer (0 if the
    /// connection closed without one) and the whole response.
    pub fn raw(&self, request: &[u8]) -> (u16, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("timeout");
        let _ = stream.write_all(request);
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let status = std::str::from_utf8(&response)
            .ok()
            .or_else(|| std::str::from_utf8(&response[..response.len().min(12)]).ok())
            .and_then(|text| text.get(9..12))
            .and_then(|code| code.parse().ok())
            .unwrap_or(0);
        (status, response)
    }

    pub fn get(&self, target: &str) -> u16 {
        self.raw(
            format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .0
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The address of `path`, with its query if it has one; `None` if the site
/// has no such address.
pub fn address(path: &str) -> Option<rolecompare::address::Page> {
    let (path, query) = match path.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path, None),
    };
    rolecompare::address::Page::parse(path, query).ok()
}

/// The resource at `path`, rendered if it is made on request; `None` if
/// the site has no such page.
pub fn resource_at(
    site: &Rendered,
    path: &str,
) -> Option<std::sync::Arc<rolecompare::store::Resource>> {
    site.get(&address(path)?)
        .unwrap_or_else(|error| panic!("{path}: {error}"))
}
