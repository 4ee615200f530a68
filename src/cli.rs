//! The command line: `rolecompare [serve|check|healthcheck] …`.
//!
//! Every setting is a flag and a `ROLECOMPARE_*` environment variable; a bad
//! value is refused by clap with the flag's name. Each command reads only
//! the variables of its own flags: with no command, `serve` is implied by
//! [`with_default_command`] rather than by flattening `serve`'s flags into
//! the top level, where clap would read their variables for every command.

use std::ffi::OsString;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{ArgAction, Args, Parser, Subcommand};

use crate::build;
use crate::content::Content;
use crate::render::Settings;
use crate::routes::AppState;

/// The address `serve` listens on by default, the one `healthcheck` probes,
/// and the one the export's base URL names when neither the flag nor
/// site.yaml gives one.
pub const DEFAULT_ADDR: SocketAddr = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 3000));

#[derive(Debug, Parser)]
#[command(
    name = "rolecompare",
    version,
    about = "Career roles, side by side",
    override_usage = "rolecompare [COMMAND] [OPTIONS]",
    after_help = "With no command, rolecompare serves the site: `rolecompare [FLAGS]` is `rolecompare serve [FLAGS]`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses this process's arguments, `serve` when no command is given.
    pub fn parse_args() -> Self {
        Self::parse_from(with_default_command(std::env::args_os()))
    }
}

/// The command names and the top-level flags, which need no implied `serve`.
const TOP_LEVEL: &[&str] = &[
    "serve",
    "check",
    "export",
    "healthcheck",
    "help",
    "-h",
    "--help",
    "-V",
    "--version",
];

/// `args` with `serve` inserted after the program name when no command is
/// given: no arguments at all, or a flag first (`rolecompare --addr …`).
/// Anything else is left for clap to accept or report.
pub fn with_default_command(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let mut args: Vec<OsString> = args.into_iter().collect();
    let implied = match args.get(1).and_then(|first| first.to_str()) {
        None => args.len() < 2,
        Some(first) => first.starts_with('-') && !TOP_LEVEL.contains(&first),
    };
    if implied {
        args.insert(args.len().min(1), OsString::from("serve"));
    }
    args
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site (the default command).
    Serve(ServeArgs),
    /// Validate the content folder; print every problem as path:line:column: message.
    Check(ContentArgs),
    /// Write every page reachable from / as static files, with .gz and .br forms.
    Export(ExportArgs),
    /// Exit 0 if the server's health endpoint answers 200 within 2 seconds.
    Healthcheck(HealthcheckArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// The folder to write the site into (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub content: ContentArgs,
    #[command(flatten)]
    pub site: SiteArgs,
}

#[derive(Debug, Clone, Args)]
pub struct ContentArgs {
    /// The content folder: site.yaml, roles/, comparisons/.
    #[arg(long, env = "ROLECOMPARE_CONTENT", default_value = "content")]
    pub content: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "ROLECOMPARE_ADDR", default_value_t = DEFAULT_ADDR)]
    pub addr: SocketAddr,
    #[command(flatten)]
    pub content: ContentArgs,
    #[command(flatten)]
    pub site: SiteArgs,
    /// Reload the content when it changes; a broken edit keeps the last good site.
    #[arg(long, env = "ROLECOMPARE_WATCH", action = ArgAction::SetTrue, value_parser = parse_switch)]
    pub watch: bool,
    /// With --watch: poll only, for mounts that deliver no filesystem events
    /// (polling also runs alongside events by default).
    #[arg(long, env = "ROLECOMPARE_WATCH_POLL", action = ArgAction::SetTrue, value_parser = parse_switch)]
    pub watch_poll: bool,
    /// Seconds browsers and proxies may reuse a page without revalidating
    /// (0: always revalidate; --watch implies 0).
    #[arg(long, env = "ROLECOMPARE_PAGE_MAX_AGE", default_value_t = 300)]
    pub page_max_age: u32,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// MiB that pages rendered on request (pairs, three and four roles,
    /// share pages, cards, the comparison API) may hold in memory; the
    /// least used go first. Pages rendered at start are not counted.
    #[arg(long, env = "ROLECOMPARE_CACHE_SIZE", default_value_t = DEFAULT_CACHE_MIB,
          value_parser = clap::value_parser!(u64).range(1..=1_048_576))]
    pub cache_size: u64,
    /// Write an access log line per request to stderr: `combined` (the
    /// bare flag: Combined Log Format plus milliseconds taken), `json`, or
    /// `off`.
    #[arg(long, env = "ROLECOMPARE_ACCESS_LOG", value_name = "FORMAT",
          num_args = 0..=1, default_value = "off", default_missing_value = "combined",
          value_parser = parse_access_log)]
    pub access_log: crate::access_log::AccessLog,
}

fn parse_access_log(value: &str) -> Result<crate::access_log::AccessLog, String> {
    value.parse()
}

/// `--cache-size`'s default, in MiB.
const DEFAULT_CACHE_MIB: u64 = crate::render::cache::DEFAULT_CACHE_BYTES / (1024 * 1024);

/// How long clients may take and how many are served at once.
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Seconds a client may take to send its request headers.
    #[arg(long, env = "ROLECOMPARE_HEADER_TIMEOUT", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,
    /// Seconds to let requests in flight finish after SIGTERM or ctrl-c.
    #[arg(long, env = "ROLECOMPARE_DRAIN_TIMEOUT", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub drain_timeout: u64,
    /// Connections served at once; more wait in the listen backlog.
    #[arg(long, env = "ROLECOMPARE_MAX_CONNECTIONS", default_value_t = 1024,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_connections: u64,
}

impl LimitArgs {
    pub fn limits(&self) -> crate::server::Limits {
        crate::server::Limits {
            header_timeout: Duration::from_secs(self.header_timeout),
            drain_timeout: Duration::from_secs(self.drain_timeout),
            max_connections: usize::try_from(self.max_connections).unwrap_or(usize::MAX),
            ..crate::server::Limits::default()
        }
    }
}

/// How the site is published; shared by `serve` (and `export`).
#[derive(Debug, Clone, Args)]
pub struct SiteArgs {
    /// Absolute URL the site is published at, for canonical links and the
    /// sitemap (default: `base_url` in site.yaml, else http://<listen address>).
    #[arg(long, env = "ROLECOMPARE_BASE_URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,
    /// Serve the whole site under this path prefix, e.g. /careers.
    #[arg(long, env = "ROLECOMPARE_BASE_PATH", default_value = "", value_parser = parse_base_path)]
    pub base_path: String,
    /// A staging site: robots.txt disallows all and pages carry noindex.
    #[arg(long, env = "ROLECOMPARE_NOINDEX", action = ArgAction::SetTrue, value_parser = parse_switch)]
    pub noindex: bool,
}

#[derive(Debug, Clone, Args)]
pub struct HealthcheckArgs {
    /// Full URL of the health endpoint (default: http://127.0.0.1:<port of
    /// ROLECOMPARE_ADDR><ROLECOMPARE_BASE_PATH>/healthz).
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long, env = "ROLECOMPARE_ADDR", default_value_t = DEFAULT_ADDR, hide = true)]
    pub addr: SocketAddr,
    #[arg(long, env = "ROLECOMPARE_BASE_PATH", default_value = "", value_parser = parse_base_path, hide = true)]
    pub base_path: String,
}

/// A boolean flag's value, from its variable (the bare flag means `true`):
/// `true`/`false`, `1`/`0`, `yes`/`no` or `on`/`off`, in any case.
fn parse_switch(value: &str) -> Result<bool, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => Err("use true/false, 1/0, yes/no or on/off".to_owned()),
    }
}

/// An `http(s)://` URL without a trailing slash.
fn parse_base_url(value: &str) -> Result<String, String> {
    let trimmed = value.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or("it must start with http:// or https://")?;
    if rest.is_empty() || rest.contains(['?', '#', ' ', '"', '<', '>']) {
        return Err("it must be an absolute URL such as https://careers.example.org".to_owned());
    }
    Ok(trimmed.to_owned())
}

/// `/careers` (leading slash, no trailing slash), or empty for the root.
fn parse_base_path(value: &str) -> Result<String, String> {
    let trimmed = value.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let valid_segments = trimmed.strip_prefix('/').is_some_and(|rest| {
        rest.split('/').all(|segment| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
        })
    });
    if !valid_segments {
        return Err(
            "it must be a path such as /careers: a leading slash, then letters, digits, - . _ ~ and single slashes"
                .to_owned(),
        );
    }
    Ok(trimmed.to_owned())
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Serve(args) => serve(&args),
        Command::Export(args) => export(&args),
        Command::Healthcheck(args) => healthcheck(&args),
    }
}

fn check(args: &ContentArgs) -> ExitCode {
    let content = match build::load(&args.content) {
        Ok(content) => content,
        Err(error) => {
            error.eprint();
            return ExitCode::FAILURE;
        }
    };
    let roles = content.roles.len();
    let comparisons = content.comparisons.len();
    println!(
        "{}: ok, {roles} role{}, {comparisons} curated comparison{}",
        args.content.display(),
        if roles == 1 { "" } else { "s" },
        if comparisons == 1 { "" } else { "s" },
    );
    ExitCode::SUCCESS
}

impl SiteArgs {
    /// The settings for `content` served at `addr`. Base URL: the flag or
    /// variable, else site.yaml, else the address (`0.0.0.0` as localhost).
    pub fn settings(&self, content: &Content, addr: SocketAddr) -> Settings {
        let base_url = self
            .base_url
            .clone()
            .or_else(|| parse_base_url(&content.site.base_url).ok())
            .unwrap_or_else(|| {
                let host = if addr.ip().is_unspecified() {
                    "localhost".to_owned()
                } else if addr.is_ipv6() {
                    format!("[{}]", addr.ip())
                } else {
                    addr.ip().to_string()
                };
                format!("http://{host}:{}", addr.port())
            });
        Settings {
            base_url,
            base_path: self.base_path.clone(),
            noindex: self.noindex,
            ..Settings::default()
        }
    }

    /// What to warn about when neither the flag, the variable nor site.yaml
    /// gives a base URL, so links name `base_url`, the fallback.
    pub fn fallback_warning(&self, content: &Content, base_url: &str) -> Option<String> {
        if self.base_url.is_some() || parse_base_url(&content.site.base_url).is_ok() {
            return None;
        }
        Some(format!(
            "no base URL is set, so canonical links, og:image, the sitemap and the API's url fields name {base_url}; \
             give the address the site is published at with --base-url, ROLECOMPARE_BASE_URL or base_url in site.yaml"
        ))
    }
}

fn serve(args: &ServeArgs) -> ExitCode {
    if args.watch_poll && !args.watch {
        use clap::CommandFactory;
        let mut cli = Cli::command();
        cli.build();
        let mut command = cli.find_subcommand("serve").cloned().unwrap_or(cli);
        let error = command.error(
            clap::error::ErrorKind::MissingRequiredArgument,
            "--watch-poll (ROLECOMPARE_WATCH_POLL) needs --watch (ROLECOMPARE_WATCH)",
        );
        let _ = error.print();
        return ExitCode::from(2);
    }
    // Taken before loading, so a change made while the site first renders
    // is reloaded.
    let baseline = args
        .watch
        .then(|| crate::watch::Fingerprint::of(&args.content.content));
    let content = match build::load(&args.content.content) {
        Ok(content) => content,
        Err(error) => {
            error.eprint();
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(args.addr).await {
            Ok(listener) => listener,
            Err(error) => {
                eprintln!(
                    "cannot listen on {} (--addr / ROLECOMPARE_ADDR): {error}",
                    args.addr
                );
                return ExitCode::FAILURE;
            }
        };
        let addr = listener.local_addr().unwrap_or(args.addr);
        let mut settings = args.site.settings(&content, addr);
        let fallback = args.site.fallback_warning(&content, &settings.base_url);
        settings.page_max_age = args.page_max_age;
        settings.cache_bytes = args.cache_size.saturating_mul(1024 * 1024);
        if args.watch {
            // Edits must show on reload: every page is revalidated.
            settings.page_max_age = 0;
        }
        let rendered = match build::render(content, settings.clone()) {
            Ok(rendered) => rendered,
            Err(error) => {
                error.eprint();
                return ExitCode::FAILURE;
            }
        };
        rendered.compress_in_background();
        let state = AppState::new(rendered);
        let _watcher = args.watch.then(|| {
            crate::watch::spawn_with(
                args.content.content.clone(),
                settings,
                state.clone(),
                crate::watch::WatchOptions {
                    baseline,
                    ..crate::watch::WatchOptions::new(args.watch_poll)
                },
            )
        });
        tracing::info!(
            "serving {} on http://{addr}{}",
            args.content.content.display(),
            state.site().settings.base_path
        );
        if let Some(warning) = fallback {
            tracing::warn!("{warning}");
        }
        let limits = crate::server::Limits {
            access_log: args.access_log,
            ..args.limits.limits()
        };
        match crate::server::serve(listener, state, limits).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("server error: {error}");
                ExitCode::FAILURE
            }
        }
    })
}

fn export(args: &ExportArgs) -> ExitCode {
    let mut base_url = String::new();
    let built = build::build(&args.content.content, |content| {
        let settings = args.site.settings(content, DEFAULT_ADDR);
        if let Some(warning) = args.site.fallback_warning(content, &settings.base_url) {
            eprintln!("warning: {warning}");
        }
        base_url.clone_from(&settings.base_url);
        settings
    });
    let site = match built {
        Ok(site) => site,
        Err(error) => {
            error.eprint();
            return ExitCode::FAILURE;
        }
    };
    match crate::export::export(&site, &args.out) {
        Ok(summary) => {
            println!(
                "exported {} pages and files ({} files with compressed forms) to {}; canonical URLs use {base_url}",
                summary.paths.len(),
                summary.files,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cannot write to {}: {error}", args.out.display());
            ExitCode::FAILURE
        }
    }
}

/// The health check for container `HEALTHCHECK`s: a plain HTTP/1.1 GET over
/// a TCP socket (no HTTP client dependency), 2 seconds in all.
fn healthcheck(args: &HealthcheckArgs) -> ExitCode {
    let url = args.url.clone().unwrap_or_else(|| {
        format!(
            "http://127.0.0.1:{}{}/healthz",
            args.addr.port(),
            args.base_path
        )
    });
    match crate::health::probe(&url, Duration::from_secs(2)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("unhealthy: {url}: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::{
        DEFAULT_ADDR, parse_base_path, parse_base_url, parse_switch, with_default_command,
    };

    #[test]
    fn the_default_address() {
        assert_eq!(DEFAULT_ADDR.to_string(), "127.0.0.1:3000");
    }

    #[test]
    fn switches() {
        for yes in ["true", "1", "yes", "on", "TRUE", "Yes", " on "] {
            assert_eq!(parse_switch(yes), Ok(true), "{yes}");
        }
        for no in ["false", "0", "no", "off", "False", "OFF"] {
            assert_eq!(parse_switch(no), Ok(false), "{no}");
        }
        for bad in ["", "y", "2", "maybe", "enabled"] {
            assert!(parse_switch(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn serve_is_implied_only_without_a_command() {
        let args = |list: &[&str]| -> Vec<OsString> { list.iter().map(OsString::from).collect() };
        let implied = |given: &[&str], expected: &[&str]| {
            assert_eq!(
                with_default_command(args(given)),
                args(expected),
                "{given:?}"
            );
        };
        implied(&["rc"], &["rc", "serve"]);
        implied(&["rc", "--addr", "x"], &["rc", "serve", "--addr", "x"]);
        implied(&["rc", "--noindex"], &["rc", "serve", "--noindex"]);
        for kept in [
            &["rc", "check"][..],
            &["rc", "serve", "--watch"],
            &["rc", "export", "--out", "x"],
            &["rc", "healthcheck"],
            &["rc", "--help"],
            &["rc", "-V"],
            &["rc", "help", "serve"],
            &["rc", "unknown"],
        ] {
            implied(kept, kept);
        }
    }

    #[test]
    fn base_paths() {
        assert_eq!(parse_base_path("").as_deref(), Ok(""));
        assert_eq!(parse_base_path("/").as_deref(), Ok(""));
        assert_eq!(parse_base_path("/careers/").as_deref(), Ok("/careers"));
        assert_eq!(parse_base_path("/a/b-c").as_deref(), Ok("/a/b-c"));
        for bad in [
            "careers",
            "//careers",
            "/a//b",
            "/../x",
            "/a b",
            "/a?b",
            "/é",
        ] {
            assert!(parse_base_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            parse_base_url("https://example.org/").as_deref(),
            Ok("https://example.org")
        );
        for bad in ["example.org", "ftp://x", "https://", "https://x/?q"] {
            assert!(parse_base_url(bad).is_err(), "{bad}");
        }
    }
}
