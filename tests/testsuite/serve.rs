//! `rolecompare serve` as a process: it refuses bad content and serves good
//! content over a real socket.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::{content_with, repo_path};

#[test]
fn bad_content_never_starts_a_server() {
    let dir = content_with(&["invalid/min-greater-than-max"]);
    let output = Command::new(env!("CARGO_BIN_EXE_rolecompare"))
        .args(["serve", "--addr", "127.0.0.1:0", "--content"])
        .arg(dir.path())
        .output()
        .expect("run rolecompare");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!(
            "{}/roles/tug-master.md:43:12: min 90000 is greater than max 80000\n",
            dir.path().display()
        )),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn content_linked_from_outside_never_starts_a_server() {
    let dir = content_with(&[]);
    let outside = tempfile::tempdir().expect("temp dir");
    crate::support::copy_tree(&crate::support::fixture("new-role"), outside.path());
    let role = outside.path().join("roles/tug-master.md");
    std::os::unix::fs::symlink(&role, dir.path().join("roles/tug-master.md")).expect("symlink");
    let mut child = Command::new(env!("CARGO_BIN_EXE_rolecompare"))
        .args(["serve", "--addr", "127.0.0.1:0", "--content"])
        .arg(dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rolecompare");
    // A server that started anyway is stopped, not waited for.
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("rolecompare started serving content linked from outside");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let real = std::fs::canonicalize(&role).expect("target");
    assert!(
        stderr.starts_with(&format!(
            "{}/roles/tug-master.md:1:1: a symbolic link to `{}`, which is outside the content folder: content is read only from inside it\n",
            dir.path().display(),
            real.display()
        )),
        "{stderr}"
    );
}

#[test]
fn a_bad_address_names_the_flag() {
    let output = Command::new(env!("CARGO_BIN_EXE_rolecompare"))
        .args(["--addr", "localhost"])
        .output()
        .expect("run rolecompare");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("invalid value 'localhost' for '--addr <ADDR>'"),
        "{stderr}"
    );
}

#[test]
fn a_bad_base_url_names_the_flag() {
    let output = Command::new(env!("CARGO_BIN_EXE_rolecompare"))
        .args(["serve", "--base-url", "example.org"])
        .output()
        .expect("run rolecompare");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("'--base-url <BASE_URL>'"), "{stderr}");
    assert!(
        stderr.contains("it must start with http:// or https://"),
        "{stderr}"
    );
}

/// Sends one HTTP/1.1 GET and returns the whole response as text.
pub fn http_get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    response
}

/// A `rolecompare` server on a free loopback port, stopped when dropped.
pub struct Server {
    pub port: u16,
    child: Child,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The log lines written after the one saying where it listens.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().map(|log| log.clone()).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `rolecompare` (no command: serve) on the bundled content with
/// `extra` arguments, and waits until it says where it listens.
pub fn spawn_server(extra: &[&str]) -> Server {
    spawn_server_on(&repo_path("content"), extra)
}

/// Starts `rolecompare` on the content folder `content` with `extra`
/// arguments, and waits until it says where it listens.
pub fn spawn_server_on(content: &Path, extra: &[&str]) -> Server {
    spawn_server_with_env(content, extra, &[])
}

/// Starts `rolecompare` on `content` with `extra` arguments and the
/// environment variables `vars`, and waits until it says where it listens.
pub fn spawn_server_with_env(content: &Path, extra: &[&str], vars: &[(&str, &str)]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rolecompare"))
        .args(["--addr", "127.0.0.1:0", "--content"])
        .arg(content)
        .args(extra)
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .env_remove("ROLECOMPARE_BASE_PATH")
        .envs(vars.iter().copied())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start rolecompare");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let port: u16 = loop {
        let line = lines.next().expect("a log line").expect("utf-8 log");
        if let Some(rest) = line.split("on http://127.0.0.1:").nth(1) {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            break digits.parse().expect("port");
        }
    };
    // Keep draining the log so the server never blocks on a full pipe.
    let log = Arc::new(Mutex::new(Vec::new()));
    let kept = log.clone();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            if let Ok(mut log) = kept.lock() {
                log.push(line);
            }
        }
    });
    Server { port, child, log }
}

#[test]
fn with_no_command_it_serves_the_site() {
    let server = spawn_server(&[]);
    let port = server.port;
    let health = http_get(port, "/healthz");
    let page = http_get(port, "/compare/aws-engineer-vs-aws-architect");
    drop(server);
    assert!(health.starts_with("HTTP/1.1 200 OK"), "{health}");
    assert!(health.ends_with("\r\n\r\nok"), "{health}");
    assert!(page.starts_with("HTTP/1.1 200 OK"), "{page}");
    // The canonical URL defaults to the listening address.
    assert!(
        page.contains(&format!(
            "<link rel=\"canonical\" href=\"http://127.0.0.1:{port}/compare/aws-engineer-vs-aws-architect\">"
        )),
        "{page}"
    );
}

#[test]
fn sigterm_finishes_requests_in_flight_refuses_new_ones_and_exits_0() {
    let mut server = spawn_server(&["--drain-timeout", "5"]);
    let port = server.port;
    // A request in flight: its head is half sent when the signal arrives.
    let mut in_flight = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    in_flight
        .write_all(b"GET /compare/aws-engineer-vs-aws-architect HTTP/1.1\r\nHost: x\r\n")
        .expect("send");
    std::thread::sleep(Duration::from_millis(100));
    let killed = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    // New connections are refused once the signal is handled (allowing for
    // a busy machine).
    let signalled = std::time::Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_ok() {
        assert!(
            signalled.elapsed() < Duration::from_secs(5),
            "still accepting"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // The request in flight completes.
    in_flight
        .write_all(b"Connection: close\r\n\r\n")
        .expect("finish");
    in_flight
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    let mut response = String::new();
    in_flight.read_to_string(&mut response).expect("read");
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
    assert!(
        response.trim_end().ends_with("</html>"),
        "the whole page arrives"
    );
    // And the process exits 0, within the drain timeout.
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(6), "did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
}

/// Waits up to 5 s for `count` log lines that `keep` accepts.
fn log_lines(server: &Server, count: usize, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let started = std::time::Instant::now();
    loop {
        let lines: Vec<String> = server.log().into_iter().filter(|l| keep(l)).collect();
        if lines.len() >= count || started.elapsed() > Duration::from_secs(5) {
            return lines;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_access_log_has_a_line_per_request_in_combined_log_format() {
    let server = spawn_server_on(&repo_path("content"), &["--access-log"]);
    let port = server.port;
    http_get(port, "/");
    http_get(port, "/salaries?sort=senior");
    http_get(port, "/no-such-page");
    let mut head = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    head.write_all(
        b"HEAD / HTTP/1.1\r\nHost: x\r\nUser-Agent: probe \"1\"\r\nConnection: close\r\n\r\n",
    )
    .expect("send");
    let mut ignored = String::new();
    let _ = head.read_to_string(&mut ignored);
    let lines = log_lines(&server, 4, |line| line.starts_with("127.0.0.1 - - ["));
    assert_eq!(lines.len(), 4, "{lines:#?}");
    let rest = |line: &str| line.split_once("] ").expect("timestamp").1.to_owned();
    assert!(
        rest(&lines[0]).starts_with("\"GET / HTTP/1.1\" 200 "),
        "{}",
        lines[0]
    );
    assert!(
        rest(&lines[1]).starts_with("\"GET /salaries?sort=senior HTTP/1.1\" 200 "),
        "the query is logged: {}",
        lines[1]
    );
    assert!(
        rest(&lines[2]).starts_with("\"GET /no-such-page HTTP/1.1\" 404 "),
        "{}",
        lines[2]
    );
    assert!(
        rest(&lines[3]).starts_with("\"HEAD / HTTP/1.1\" 200 - \"-\" \"probe \\\"1\\\"\" "),
        "a HEAD sends no body; quotes are escaped: {}",
        lines[3]
    );
    // Bytes are the body's, and the line ends with the milliseconds taken.
    let fields: Vec<&str> = lines[0].split(' ').collect();
    let millis: f64 = fields[fields.len() - 1].parse().expect("milliseconds");
    assert!((0.0..5000.0).contains(&millis), "{millis}");
    let bytes: usize = fields[9].parse().expect("bytes");
    assert!(bytes > 1000, "the home page's bytes: {}", lines[0]);
}

#[test]
fn without_the_flag_there_is_no_access_log() {
    let server = spawn_server_on(&repo_path("content"), &[]);
    http_get(server.port, "/");
    http_get(server.port, "/no-such-page");
    std::thread::sleep(Duration::from_millis(300));
    let lines = log_lines(&server, 1, |line| line.contains("\"GET /"));
    assert!(lines.is_empty(), "{lines:#?}");
}
