//! A request's target read as an address, once: the base path taken off,
//! the path percent-decoded and parsed ([`Page::parse`]). The server reads
//! it before routing and hands it to the router with the request, so the
//! fast path and the router read each request once between them.

use axum::http::Uri;
use percent_encoding::percent_decode_str;

use super::middleware::stays_on_site;
use crate::address::{Missing, Page};
use crate::render::Settings;

/// What a request's target reads as.
#[derive(Debug, Clone)]
pub enum Read {
    Page(Page),
    /// `{base}/` and `/x/`: 308 to `{base}` and `/x`, this link.
    Redirect(String),
    /// No address of the site, for this reason.
    Missing(Missing),
}

/// The request's path under the base path, or what it reads as when it is
/// not under it.
pub fn under_base<'a>(settings: &Settings, path: &'a str) -> Result<&'a str, Read> {
    match settings.base_path.as_str() {
        "" => Ok(path),
        base => match path.strip_prefix(base) {
            Some("") => Ok("/"),
            Some("/") => Err(Read::Redirect(settings.link(&Page::Home.path()))),
            Some(rest) if rest.starts_with('/') => Ok(rest),
            _ => Err(Read::Missing(Missing::NoPage)),
        },
    }
}

/// What `uri` reads as.
pub fn read(settings: &Settings, uri: &Uri) -> Read {
    match under_base(settings, uri.path()) {
        Ok(path) => read_under_base(settings, path, uri.query()),
        Err(read) => read,
    }
}

/// What `path` (under the base path) and `query` read as.
pub fn read_under_base(settings: &Settings, path: &str, query: Option<&str>) -> Read {
    // Slugs arrive percent-encoded as often as not; bytes that are not
    // UTF-8 name no page.
    let decoded = percent_decode_str(path).decode_utf8().ok();
    match decoded.map(|decoded| Page::parse(&decoded, query)) {
        Some(Ok(page)) => Read::Page(page),
        Some(Err(Missing::NoPage)) | None => {
            without_trailing_slash(settings, path, query).unwrap_or(Read::Missing(Missing::NoPage))
        }
        Some(Err(reason)) => Read::Missing(reason),
    }
}

/// `/x/` → 308 to `/x` (with its query), when that stays on the site.
fn without_trailing_slash(settings: &Settings, path: &str, query: Option<&str>) -> Option<Read> {
    let trimmed = path.trim_end_matches('/');
    // `//host/` or `/\host/` must not become a redirect to another host.
    if path.len() > 1 && path.ends_with('/') && !trimmed.is_empty() && stays_on_site(trimmed) {
        let target = settings.link(trimmed);
        let target = match query {
            Some(query) => format!("{target}?{query}"),
            None => target,
        };
        return Some(Read::Redirect(target));
    }
    None
}
