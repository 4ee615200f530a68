//! The access log: one line per request on stderr, beside the other logs,
//! written by the server for every answer (stored pages included).
//!
//! Formats:
//! - `combined`: the Combined Log Format that Apache and nginx write,
//!   followed by the time taken to answer in milliseconds:
//!   `127.0.0.1 - - [30/Nov/2026:05:14:44 +0000] "GET /roles/x?a=b HTTP/1.1" 200 5110 "-" "curl/8.5" 0.041`
//! - `json`: one JSON object per line with the same fields, named.
//!
//! The client is the peer's address, or, when the peer is on this host (a
//! reverse proxy beside the server, as in docs/self-hosting.md), the last
//! address in `X-Forwarded-For`, which that proxy appended. A remote peer's
//! `X-Forwarded-For` is never trusted.

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::time::Instant;

use axum::http::{HeaderMap, Request, header};
use serde::Serialize;
use time::OffsetDateTime;
use time::macros::format_description;

/// Which access log the server writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AccessLog {
    #[default]
    Off,
    Combined,
    Json,
}

impl FromStr for AccessLog {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, String> {
        match value.trim().to_ascii_lowercase().as_str() {
            "off" | "false" | "no" | "0" => Ok(Self::Off),
            "" | "on" | "true" | "yes" | "1" | "combined" => Ok(Self::Combined),
            "json" => Ok(Self::Json),
            _ => Err("it must be combined, json or off".to_owned()),
        }
    }
}

/// What is known of a request when it arrives.
pub struct Entry {
    format: AccessLog,
    started: Instant,
    client: IpAddr,
    method: String,
    target: String,
    version: &'static str,
    referer: Option<String>,
    user_agent: Option<String>,
}

impl Entry {
    /// Notes `request` from `peer`, or `None` when the log is off.
    pub fn start<B>(format: AccessLog, peer: SocketAddr, request: &Request<B>) -> Option<Self> {
        if format == AccessLog::Off {
            return None;
        }
        let headers = request.headers();
        Some(Self {
            format,
            started: Instant::now(),
            client: client(peer, headers),
            method: request.method().as_str().to_owned(),
            target: request
                .uri()
                .path_and_query()
                .map_or_else(|| request.uri().to_string(), |pq| pq.as_str().to_owned()),
            version: match request.version() {
                axum::http::Version::HTTP_10 => "HTTP/1.0",
                axum::http::Version::HTTP_09 => "HTTP/0.9",
                _ => "HTTP/1.1",
            },
            referer: text(headers, header::REFERER),
            user_agent: text(headers, header::USER_AGENT),
        })
    }

    /// Writes the line for the answer: its status and body bytes.
    pub fn finish(self, status: u16, bytes: Option<u64>) {
        let millis = self.started.elapsed().as_secs_f64() * 1000.0;
        let line = match self.format {
            AccessLog::Off => return,
            AccessLog::Combined => self.combined(status, bytes, millis),
            AccessLog::Json => self.json(status, bytes, millis),
        };
        // One write of a whole line: lines from other threads never mix.
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    }

    fn combined(&self, status: u16, bytes: Option<u64>, millis: f64) -> String {
        let time = OffsetDateTime::now_utc()
            .format(format_description!(
                "[day]/[month repr:short]/[year]:[hour]:[minute]:[second] +0000"
            ))
            .unwrap_or_default();
        let bytes = bytes
            .filter(|&b| b > 0)
            .map_or("-".to_owned(), |b| b.to_string());
        format!(
            "{} - - [{time}] \"{} {} {}\" {status} {bytes} \"{}\" \"{}\" {millis:.3}\n",
            self.client,
            self.method,
            escape(&self.target),
            self.version,
            escape(self.referer.as_deref().unwrap_or("-")),
            escape(self.user_agent.as_deref().unwrap_or("-")),
        )
    }

    fn json(&self, status: u16, bytes: Option<u64>, millis: f64) -> String {
        #[derive(Serialize)]
        struct Line<'a> {
            time: String,
            client: String,
            method: &'a str,
            target: &'a str,
            protocol: &'a str,
            status: u16,
            bytes: u64,
            referer: Option<&'a str>,
            user_agent: Option<&'a str>,
            duration_ms: f64,
        }
        let time = OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        let line = Line {
            time,
            client: self.client.to_string(),
            method: &self.method,
            target: &self.target,
            protocol: self.version,
            status,
            bytes: bytes.unwrap_or(0),
            referer: self.referer.as_deref(),
            user_agent: self.user_agent.as_deref(),
            duration_ms: (millis * 1000.0).round() / 1000.0,
        };
        let mut text = serde_json::to_string(&line).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The client's address: the peer's, or the proxy's report of it when the
/// peer is on this host.
fn client(peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    let ip = peer.ip().to_canonical();
    if !ip.is_loopback() {
        return ip;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .next_back()
        .and_then(|last| last.trim().parse().ok())
        .unwrap_or(ip)
}

fn text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
}

/// Quotes, backslashes and control characters escaped as Apache does
/// (`\"`, `\\`, `\xhh`), so a request can never forge a log line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let mut buffer = [0; 4];
                for byte in c.encode_utf8(&mut buffer).bytes() {
                    out.push_str(&format!("\\x{byte:02x}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(headers: &[(&str, &str)]) -> Request<()> {
        let mut builder = Request::builder().uri("/roles/x?a=b%20c");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(()).expect("request")
    }

    #[test]
    fn combined_lines_look_like_apaches() {
        let peer: SocketAddr = "203.0.113.7:4000".parse().expect("addr");
        let entry = Entry::start(
            AccessLog::Combined,
            peer,
            &request(&[("user-agent", "curl/8 \"x\""), ("referer", "http://a/")]),
        )
        .expect("on");
        let line = entry.combined(200, Some(5110), 0.25);
        let (head, tail) = line.split_once(" [").expect("time");
        assert_eq!(head, "203.0.113.7 - -");
        let (time, rest) = tail.split_once("] ").expect("time ends");
        assert_eq!(time.len(), "30/Nov/2026:05:14:44 +0000".len(), "{time}");
        assert_eq!(
            rest,
            "\"GET /roles/x?a=b%20c HTTP/1.1\" 200 5110 \"http://a/\" \"curl/8 \\\"x\\\"\" 0.250\n"
        );
        let empty = Entry::start(AccessLog::Combined, peer, &request(&[])).expect("on");
        assert!(
            empty
                .combined(304, Some(0), 1.0)
                .contains("\" 304 - \"-\" \"-\" 1.000\n")
        );
    }

    #[test]
    fn a_proxy_on_this_host_reports_the_client() {
        let local: SocketAddr = "127.0.0.1:4000".parse().expect("addr");
        let remote: SocketAddr = "198.51.100.2:4000".parse().expect("addr");
        let forwarded = request(&[("x-forwarded-for", "192.0.2.1, 192.0.2.9")]);
        assert_eq!(
            client(local, forwarded.headers()).to_string(),
            "192.0.2.9",
            "the address the proxy appended"
        );
        assert_eq!(
            client(remote, forwarded.headers()).to_string(),
            "198.51.100.2"
        );
        assert_eq!(
            client(local, request(&[]).headers()).to_string(),
            "127.0.0.1"
        );
    }

    #[test]
    fn control_characters_cannot_forge_lines() {
        assert_eq!(escape("a\nb\"c\\"), "a\\x0ab\\\"c\\\\");
    }

    #[test]
    fn formats_are_read_from_what_people_type() {
        assert_eq!("off".parse(), Ok(AccessLog::Off));
        assert_eq!("".parse(), Ok(AccessLog::Combined));
        assert_eq!("Combined".parse(), Ok(AccessLog::Combined));
        assert_eq!("json".parse(), Ok(AccessLog::Json));
        assert!("xml".parse::<AccessLog>().is_err());
    }
}
