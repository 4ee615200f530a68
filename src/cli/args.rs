//! Each command's flags, their variables and defaults, and the parsers that
//! refuse a bad value with the flag's name.

use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgAction, Args};

use crate::content::Content;
use crate::render::Settings;

/// The address `serve` listens on by default, the one `healthcheck` probes,
/// and the one the export's base URL names when neither the flag nor
/// site.yaml gives one.
pub const DEFAULT_ADDR: SocketAddr = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 3000));

/// `--cache-size`'s default, in MiB.
const DEFAULT_CACHE_MIB: u64 = crate::render::DEFAULT_CACHE_BYTES / (1024 * 1024);

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
pub struct ImportOewsArgs {
    /// The folder holding BLS's OEWS flat files: oe.data.0.Current, oe.area,
    /// oe.occupation, oe.footnote, oe.datatype.
    #[arg(long)]
    pub from: PathBuf,
    #[command(flatten)]
    pub content: ContentArgs,
    /// Import every occupation, not only those role files name.
    #[arg(long)]
    pub all: bool,
    /// The day BLS published the release, YYYY-MM-DD (default: published.txt
    /// in the --from folder, if there is one).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub published: Option<String>,
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
    pub access_log: crate::http::access_log::AccessLog,
}

impl ServeArgs {
    /// The settings for `content` served at `addr`: the site's, with the
    /// page lifetime and the cache size.
    pub fn settings(&self, content: &Content, addr: SocketAddr) -> Settings {
        Settings {
            // Under --watch, edits must show on reload: every page is
            // revalidated.
            page_max_age: if self.watch { 0 } else { self.page_max_age },
            cache_bytes: self.cache_size.saturating_mul(1024 * 1024),
            ..self.site.settings(content, addr)
        }
    }

    /// The server's limits, with the access log.
    pub fn server_limits(&self) -> crate::http::server::Limits {
        crate::http::server::Limits {
            access_log: self.access_log,
            ..self.limits.limits()
        }
    }
}

/// How long clients may take and how many are served at once.
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Seconds a client may take to send its request headers.
    #[arg(long, env = "ROLECOMPARE_HEADER_TIMEOUT", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,
    /// Seconds an answer may wait for the client to read on; past that the
    /// connection is closed.
    #[arg(long, env = "ROLECOMPARE_WRITE_TIMEOUT", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub write_timeout: u64,
    /// Seconds a request may wait for a page to be rendered for it (renders
    /// run as many at once as the machine has cores); past that it is
    /// answered 503 with Retry-After.
    #[arg(long, env = "ROLECOMPARE_RENDER_TIMEOUT", default_value_t = 5,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub render_timeout: u64,
    /// Seconds to let requests in flight finish after SIGTERM or ctrl-c.
    #[arg(long, env = "ROLECOMPARE_DRAIN_TIMEOUT", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub drain_timeout: u64,
    /// Connections served at once; more wait in the listen backlog.
    #[arg(long, env = "ROLECOMPARE_MAX_CONNECTIONS", default_value_t = 1024,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_connections: u64,
    /// Keep each of the per-core workers to a CPU of its own, when there is
    /// one for every CPU the server may run on, and serve each connection on
    /// the worker of the CPU that processes its packets (`false` leaves them
    /// free, and connections go to the least busy).
    #[arg(long, env = "ROLECOMPARE_PIN_WORKERS", value_name = "BOOL",
          num_args = 0..=1, default_value = "true", default_missing_value = "true",
          action = ArgAction::Set, value_parser = parse_switch)]
    pub pin_workers: bool,
}

impl LimitArgs {
    pub fn limits(&self) -> crate::http::server::Limits {
        crate::http::server::Limits {
            header_timeout: Duration::from_secs(self.header_timeout),
            write_timeout: Duration::from_secs(self.write_timeout),
            drain_timeout: Duration::from_secs(self.drain_timeout),
            max_connections: usize::try_from(self.max_connections).unwrap_or(usize::MAX),
            pin_workers: self.pin_workers,
            ..crate::http::server::Limits::default()
        }
    }

    /// How pages made on request are rendered: the default threads and
    /// queue, with the render timeout.
    pub fn render_limits(&self) -> crate::http::renders::RenderLimits {
        crate::http::renders::RenderLimits {
            deadline: Duration::from_secs(self.render_timeout),
            ..crate::http::renders::RenderLimits::default()
        }
    }
}

/// How the site is published; shared by `serve` and `export`.
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

fn parse_access_log(value: &str) -> Result<crate::http::access_log::AccessLog, String> {
    value.parse()
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

/// A day, `YYYY-MM-DD`.
fn parse_date(value: &str) -> Result<String, String> {
    let value = value.trim();
    if crate::oews::is_date(value) {
        Ok(value.to_owned())
    } else {
        Err("it must be a date such as 2026-05-15".to_owned())
    }
}

/// An absolute `http(s)://` URL with a host and no query or fragment, as
/// given but without a trailing slash. The `url` crate (the WHATWG URL
/// standard) decides what is a valid URL.
fn parse_base_url(value: &str) -> Result<String, String> {
    let trimmed = value.trim().trim_end_matches('/');
    let example = "it must be an absolute URL such as https://careers.example.org";
    let scheme = trimmed
        .split_once("://")
        .map(|(scheme, _)| scheme.to_ascii_lowercase());
    if !matches!(scheme.as_deref(), Some("http" | "https")) {
        return Err("it must start with http:// or https://".to_owned());
    }
    let url = url::Url::parse(trimmed).map_err(|error| format!("{example} ({error})"))?;
    let whole = url.host_str().is_some_and(|host| !host.is_empty())
        && url.query().is_none()
        && url.fragment().is_none()
        && !trimmed.contains(char::is_whitespace);
    if !whole {
        return Err(example.to_owned());
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

#[cfg(test)]
mod tests {
    use super::{DEFAULT_ADDR, parse_base_path, parse_base_url, parse_switch};

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
        assert_eq!(
            parse_base_url(" http://127.0.0.1:3000 ").as_deref(),
            Ok("http://127.0.0.1:3000")
        );
        for bad in [
            "example.org",
            "ftp://x",
            "https://",
            "https://x/?q",
            "https://x#top",
            "https://exa mple.org",
            "https://[::1",
            "mailto:a@b.org",
        ] {
            assert!(parse_base_url(bad).is_err(), "{bad}");
        }
    }
}
