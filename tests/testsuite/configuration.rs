//! Settings as a process sees them: which variables each command reads, the
//! boolean values people type, and the warning when links would name the
//! listen address.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::serve::{Server, http_get, spawn_server_on, spawn_server_with_env};
use crate::support::{content_with, fixture};

/// Every variable the binary reads, so the caller's environment never leaks in.
const VARIABLES: &[&str] = &[
    "ROLECOMPARE_ADDR",
    "ROLECOMPARE_CONTENT",
    "ROLECOMPARE_BASE_URL",
    "ROLECOMPARE_BASE_PATH",
    "ROLECOMPARE_NOINDEX",
    "ROLECOMPARE_WATCH",
    "ROLECOMPARE_WATCH_POLL",
    "ROLECOMPARE_HEADER_TIMEOUT",
    "ROLECOMPARE_DRAIN_TIMEOUT",
    "ROLECOMPARE_MAX_CONNECTIONS",
    "ROLECOMPARE_PIN_WORKERS",
    "ROLECOMPARE_CACHE_SIZE",
    "ROLECOMPARE_PAGE_MAX_AGE",
];

/// `rolecompare args…` with only `vars` set among its variables.
fn run(args: &[&str], vars: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rolecompare"));
    for variable in VARIABLES {
        command.env_remove(variable);
    }
    command
        .args(args)
        .envs(vars.iter().copied())
        .output()
        .expect("run rolecompare")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Waits up to 5 seconds for a log line containing `needle`.
fn wait_for_log(server: &Server, needle: &str) -> Option<String> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(5) {
        if let Some(line) = server.log().into_iter().find(|line| line.contains(needle)) {
            return Some(line);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// The log once the server has answered a request, and a little after.
fn settled_log(server: &Server) -> Vec<String> {
    assert!(http_get(server.port, "/healthz").starts_with("HTTP/1.1 200"));
    std::thread::sleep(Duration::from_millis(300));
    server.log()
}

#[test]
fn serve_warns_when_links_would_name_the_listen_address() {
    let server = spawn_server_on(&fixture("three-roles"), &[]);
    let port = server.port;
    let warning = wait_for_log(&server, "base URL").unwrap_or_else(|| {
        panic!("no warning about the base URL: {:?}", server.log());
    });
    assert!(warning.contains("WARN"), "{warning}");
    assert!(
        warning.contains(&format!("http://127.0.0.1:{port}")),
        "{warning}"
    );
    for how in [
        "--base-url",
        "ROLECOMPARE_BASE_URL",
        "base_url in site.yaml",
    ] {
        assert!(warning.contains(how), "{how}: {warning}");
    }
}

#[test]
fn serve_does_not_warn_when_the_base_url_is_set() {
    let by_flag = spawn_server_on(
        &fixture("three-roles"),
        &["--base-url", "https://careers.test"],
    );
    let log = settled_log(&by_flag);
    assert!(!log.iter().any(|line| line.contains("WARN")), "{log:?}");
    drop(by_flag);

    let by_variable = spawn_server_with_env(
        &fixture("three-roles"),
        &[],
        &[("ROLECOMPARE_BASE_URL", "https://careers.test")],
    );
    let log = settled_log(&by_variable);
    assert!(!log.iter().any(|line| line.contains("WARN")), "{log:?}");
    drop(by_variable);

    let dir = content_with(&[]);
    let site = dir.path().join("site.yaml");
    let yaml = std::fs::read_to_string(&site).expect("site.yaml");
    let yaml = yaml.replace("base_url: \"\"", "base_url: https://careers.test");
    std::fs::write(&site, yaml).expect("write site.yaml");
    let by_site = spawn_server_on(dir.path(), &[]);
    let log = settled_log(&by_site);
    assert!(!log.iter().any(|line| line.contains("WARN")), "{log:?}");
}

#[test]
fn export_warns_on_stderr_only_without_a_base_url() {
    let content = fixture("three-roles");
    let content = content.to_str().expect("utf-8 path");
    let out = tempfile::tempdir().expect("temp dir");
    let out = out.path().to_str().expect("utf-8 path");
    let without = run(&["export", "--out", out, "--content", content], &[]);
    assert!(without.status.success(), "{without:?}");
    let text = stderr(&without);
    assert!(text.contains("warning:"), "{text}");
    for what in [
        "http://127.0.0.1:3000",
        "--base-url",
        "ROLECOMPARE_BASE_URL",
        "base_url in site.yaml",
    ] {
        assert!(text.contains(what), "{what}: {text}");
    }
    let with = run(
        &["export", "--out", out, "--content", content],
        &[("ROLECOMPARE_BASE_URL", "https://careers.test")],
    );
    assert!(with.status.success(), "{with:?}");
    assert!(!stderr(&with).contains("warning"), "{with:?}");
}

fn robots(vars: &[(&str, &str)], extra: &[&str]) -> String {
    let server = spawn_server_with_env(&fixture("three-roles"), extra, vars);
    http_get(server.port, "/robots.txt")
}

#[test]
fn boolean_variables_take_what_people_type() {
    for yes in ["true", "1", "yes", "on", "TRUE", "Yes", "ON"] {
        let robots = robots(&[("ROLECOMPARE_NOINDEX", yes)], &[]);
        assert!(robots.contains("Disallow: /\n"), "{yes}: {robots}");
    }
    for no in ["false", "0", "no", "off", "False", "NO", "Off"] {
        let robots = robots(&[("ROLECOMPARE_NOINDEX", no)], &[]);
        assert!(robots.starts_with("HTTP/1.1 200"), "{no}: {robots}");
        assert!(!robots.contains("Disallow: /\n"), "{no}: {robots}");
    }
    // The bare flag still switches it on.
    let robots = robots(&[], &["--noindex"]);
    assert!(robots.contains("Disallow: /\n"), "{robots}");
}

#[test]
fn watch_variables_take_what_people_type() {
    let server = spawn_server_with_env(
        &fixture("three-roles"),
        &[],
        &[
            ("ROLECOMPARE_WATCH", "yes"),
            ("ROLECOMPARE_WATCH_POLL", "on"),
        ],
    );
    let reply = http_get(server.port, "/");
    // --watch revalidates every page.
    assert!(reply.contains("cache-control: no-cache"), "{reply}");
    drop(server);
    // Switched off, --watch-poll does not ask for --watch.
    let server = spawn_server_with_env(
        &fixture("three-roles"),
        &[],
        &[("ROLECOMPARE_WATCH", "no"), ("ROLECOMPARE_WATCH_POLL", "0")],
    );
    let reply = http_get(server.port, "/");
    assert!(reply.contains("max-age=300"), "{reply}");
}

#[test]
fn a_bad_boolean_is_refused_with_the_flag_name() {
    for (variable, flag, args) in [
        ("ROLECOMPARE_NOINDEX", "--noindex", &["serve"][..]),
        ("ROLECOMPARE_NOINDEX", "--noindex", &[][..]),
        ("ROLECOMPARE_WATCH", "--watch", &["serve"][..]),
        ("ROLECOMPARE_WATCH_POLL", "--watch-poll", &["serve"][..]),
        ("ROLECOMPARE_PIN_WORKERS", "--pin-workers", &["serve"][..]),
        (
            "ROLECOMPARE_NOINDEX",
            "--noindex",
            &["export", "--out", "/nonexistent/out"][..],
        ),
    ] {
        let output = run(args, &[(variable, "maybe")]);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{variable} {args:?}: {output:?}"
        );
        let text = stderr(&output);
        assert!(text.contains("invalid value 'maybe'"), "{text}");
        assert!(text.contains(flag), "{flag}: {text}");
    }
}

/// Variables of other commands, each set to a value `serve` refuses.
const SERVE_ONLY: &[(&str, &str)] = &[
    ("ROLECOMPARE_ADDR", "bad"),
    ("ROLECOMPARE_WATCH", "garbage"),
    ("ROLECOMPARE_WATCH_POLL", "garbage"),
    ("ROLECOMPARE_HEADER_TIMEOUT", "0"),
    ("ROLECOMPARE_DRAIN_TIMEOUT", "soon"),
    ("ROLECOMPARE_MAX_CONNECTIONS", "0"),
    ("ROLECOMPARE_PIN_WORKERS", "garbage"),
    ("ROLECOMPARE_CACHE_SIZE", "0"),
    ("ROLECOMPARE_PAGE_MAX_AGE", "-1"),
];

#[test]
fn check_reads_only_the_content_setting() {
    let content = fixture("three-roles");
    let content = content.to_str().expect("utf-8 path");
    for (variable, value) in SERVE_ONLY
        .iter()
        .chain(&[
            ("ROLECOMPARE_WATCH", "yes"),
            ("ROLECOMPARE_NOINDEX", "garbage"),
            ("ROLECOMPARE_BASE_URL", "example.org"),
            ("ROLECOMPARE_BASE_PATH", "no slash"),
        ])
        .copied()
    {
        let output = run(&["check", "--content", content], &[(variable, value)]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{variable}={value}: {output:?}"
        );
    }
    // Everything at once, and the content from its variable.
    let mut all: Vec<(&str, &str)> = SERVE_ONLY.to_vec();
    all.push(("ROLECOMPARE_CONTENT", content));
    let output = run(&["check"], &all);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
}

#[test]
fn export_ignores_the_server_settings() {
    let content = fixture("three-roles");
    let content = content.to_str().expect("utf-8 path");
    let out = tempfile::tempdir().expect("temp dir");
    let out = out.path().to_str().expect("utf-8 path");
    let mut vars: Vec<(&str, &str)> = SERVE_ONLY.to_vec();
    vars.push(("ROLECOMPARE_BASE_URL", "https://careers.test"));
    let output = run(&["export", "--out", out, "--content", content], &vars);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
}

#[test]
fn healthcheck_ignores_the_other_server_settings() {
    let vars: Vec<(&str, &str)> = SERVE_ONLY
        .iter()
        .filter(|(variable, _)| *variable != "ROLECOMPARE_ADDR")
        .copied()
        .collect();
    // Nothing listens on port 9 of loopback: unhealthy (1), not a usage error (2).
    let output = run(
        &["healthcheck", "--url", "http://127.0.0.1:9/healthz"],
        &vars,
    );
    assert_eq!(output.status.code(), Some(1), "{output:?}");
}

#[test]
fn serve_still_refuses_a_bad_address_variable() {
    for args in [&["serve"][..], &[][..]] {
        let output = run(args, &[("ROLECOMPARE_ADDR", "bad")]);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
        let text = stderr(&output);
        assert!(
            text.contains("invalid value 'bad' for '--addr <ADDR>'"),
            "{text}"
        );
    }
}

#[test]
fn watch_poll_without_watch_is_refused() {
    for (args, vars) in [
        (&["serve", "--watch-poll"][..], &[][..]),
        (&["--watch-poll"][..], &[][..]),
        (&["serve"][..], &[("ROLECOMPARE_WATCH_POLL", "yes")][..]),
        (
            &["serve"][..],
            &[
                ("ROLECOMPARE_WATCH_POLL", "1"),
                ("ROLECOMPARE_WATCH", "off"),
            ][..],
        ),
    ] {
        let output = run(args, vars);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?} {vars:?}: {output:?}"
        );
        assert!(stderr(&output).contains("--watch-poll"), "{output:?}");
    }
}
