//! A rendered resource as a response: the form the client accepts, 304
//! when it has that form already, and the headers every response carries.
//! Nothing is rendered or compressed here: a response is a lookup, a
//! negotiation and a copy of reference-counted bytes.

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Response, StatusCode};

use std::sync::Arc;

use crate::store::CachePolicy;
use crate::store::mapped::Mapped;
use crate::store::resource::{Accepted, Encoding, Form, Resource};

/// On a response whose body lies in a form's file: the connection
/// sends the body from the file (`sendfile(2)`, no copy), see
/// [`super::socket`].
#[derive(Clone)]
pub struct FromFile(pub Arc<Mapped>);

/// Headers every response carries, error pages included.
pub const SECURITY_HEADERS: [(HeaderName, &str); 5] = [
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
    (
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    ),
];

/// Adds the security headers to `headers`.
pub fn add_security_headers(headers: &mut HeaderMap) {
    for (name, value) in SECURITY_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// `Cache-Control` for `policy`. (No `public`: it only matters for
/// responses to authenticated requests, which this site never answers. No
/// `s-maxage`: `max-age` already holds for shared caches, and `s-maxage`
/// would forbid them to serve a stale copy, RFC 9111 §5.2.2.10.)
/// `stale-while-revalidate` is RFC 5861's.
pub fn cache_control(policy: CachePolicy) -> HeaderValue {
    match policy {
        CachePolicy::Revalidate => HeaderValue::from_static("no-cache"),
        CachePolicy::MaxAge(seconds) => max_age(seconds),
        CachePolicy::Immutable => HeaderValue::from_static("max-age=31536000, immutable"),
        CachePolicy::NoStore => HeaderValue::from_static("no-store"),
    }
}

/// `max-age={seconds}, stale-while-revalidate={seconds}`, written once
/// for the first number of seconds asked for (a site serves one) and
/// shared from then on: no formatting per response.
fn max_age(seconds: u32) -> HeaderValue {
    static WRITTEN: OnceLock<(u32, HeaderValue)> = OnceLock::new();
    let write = |seconds: u32| {
        HeaderValue::from_str(&format!(
            "max-age={seconds}, stale-while-revalidate={seconds}"
        ))
        .unwrap_or(HeaderValue::from_static("no-cache"))
    };
    match WRITTEN.get_or_init(|| (seconds, write(seconds))) {
        (written, value) if *written == seconds => value.clone(),
        _ => write(seconds),
    }
}

/// Whether `if_none_match` (weak comparison) names `resource`: `*`, or
/// any of its forms' tags.
fn matches(resource: &Resource, if_none_match: &str) -> bool {
    if_none_match.split(',').any(|tag| {
        let tag = tag.trim();
        let tag = tag.strip_prefix("W/").unwrap_or(tag);
        tag == "*"
            || resource
                .etags()
                .iter()
                .any(|ours| ours.as_ref() == tag.as_bytes())
    })
}

/// Which codings `accept_encoding` allows, best first: br > gzip > identity,
/// honouring q-values (`br;q=0` refuses brotli) and `*`.
pub fn negotiate(accept_encoding: Option<&HeaderValue>) -> [bool; 3] {
    let Some(value) = accept_encoding.and_then(|v| v.to_str().ok()) else {
        return [false, false, true];
    };
    let (mut br, mut gzip, mut identity, mut star) = (None, None, None, None);
    for part in value.split(',') {
        let mut pieces = part.split(';');
        let coding = pieces
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let mut q = 1.0_f32;
        for parameter in pieces {
            if let Some((key, value)) = parameter.split_once('=')
                && key.trim().eq_ignore_ascii_case("q")
            {
                q = value.trim().parse().unwrap_or(0.0);
            }
        }
        match coding.as_str() {
            "br" => br = Some(q),
            "gzip" | "x-gzip" => gzip = Some(q),
            "identity" => identity = Some(q),
            "*" => star = Some(q),
            _ => {}
        }
    }
    let allowed = |q: Option<f32>, default: f32| q.or(star).unwrap_or(default) > 0.0;
    [
        allowed(br, 0.0),
        allowed(gzip, 0.0),
        // Identity is acceptable unless refused explicitly (or by `*;q=0`).
        identity.or(star).is_none_or(|q| q > 0.0),
    ]
}

/// The heads of one form's responses, made on its first response and kept
/// with it: an answer clones one instead of building it header by header.
struct Heads {
    ok: HeaderMap,
    not_modified: HeaderMap,
}

impl Heads {
    fn of(resource: &Resource, form: &Form<'_>) -> Self {
        let mut not_modified = HeaderMap::with_capacity(12);
        write_head(&mut not_modified, resource, form, false);
        let mut ok = HeaderMap::with_capacity(12);
        write_head(&mut ok, resource, form, true);
        Self { ok, not_modified }
    }
}

/// The headers of `form` of `resource`: with its length for a 200, without
/// for a 304.
fn write_head(headers: &mut HeaderMap, resource: &Resource, form: &Form<'_>, with_length: bool) {
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(resource.content_type()),
    );
    headers.insert(header::CACHE_CONTROL, cache_control(resource.cache()));
    if let Ok(etag) = HeaderValue::from_maybe_shared(form.etag.clone()) {
        headers.insert(header::ETAG, etag);
    }
    if resource.is_compressible() {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    match form.encoding {
        Encoding::Brotli => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        }
        Encoding::Gzip => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        Encoding::Identity => {}
    }
    if with_length {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(form.body.len()));
    }
    if resource.is_shared() {
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
    }
    add_security_headers(headers);
}

/// The best form of `resource` that `request` accepts, or 304 when it
/// already has it.
pub fn respond(resource: &Resource, request: &HeaderMap) -> Response<Body> {
    let accepted = if resource.is_compressible() {
        let [brotli, gzip, _] = negotiate(request.get(header::ACCEPT_ENCODING));
        Accepted { brotli, gzip }
    } else {
        Accepted::default()
    };
    let form = resource.form(accepted);
    let not_modified = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| matches(resource, tags));
    let mut response = if not_modified {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        response
    } else {
        let mut response = Response::new(Body::from(form.body.clone()));
        if let Some(file) = form.file {
            response.extensions_mut().insert(FromFile(file.clone()));
        }
        response
    };
    match form.prepared.get_or_init(|| Heads::of(resource, &form)) {
        Some(heads) if not_modified => *response.headers_mut() = heads.not_modified.clone(),
        Some(heads) => *response.headers_mut() = heads.ok.clone(),
        None => write_head(response.headers_mut(), resource, &form, !not_modified),
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(value: &str) -> [bool; 3] {
        negotiate(Some(&HeaderValue::from_str(value).expect("header")))
    }

    #[test]
    fn negotiates_codings_with_q_values() {
        assert_eq!(negotiate(None), [false, false, true]);
        assert_eq!(accepts("gzip, deflate, br"), [true, true, true]);
        assert_eq!(accepts("br;q=0, gzip"), [false, true, true]);
        assert_eq!(accepts("br;q=0.0,gzip;q=0"), [false, false, true]);
        assert_eq!(accepts("*"), [true, true, true]);
        assert_eq!(accepts("*;q=0, identity"), [false, false, true]);
        assert_eq!(accepts("identity;q=0, br"), [true, false, false]);
        assert_eq!(accepts("BR;Q=0.5"), [true, false, true]);
    }
}
