//! What every routed request goes through: refusals before routing, error
//! bodies, redirects kept on the site, and the security headers.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{Method, Request as HttpRequest, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::AppError;
use super::error::{api_body, page_body};
use super::respond::add_security_headers;
use super::state::AppState;
use crate::address::{Missing, is_api_path};

/// The longest path and query accepted; longer ones get 414.
pub const MAX_URI_BYTES: usize = 4096;
/// The most header bytes accepted; more get 431.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Marks an HTTP/1.1 request that arrived without a `Host` header, which
/// RFC 9112 (section 3.2) says a server must answer with 400. The server
/// sets it; requests built in-process (tests, `oneshot`) carry no such mark.
#[derive(Debug, Clone, Copy)]
pub struct MissingHost;

/// Marks a request that arrived on a connection beyond the cap: it is
/// answered from what is rendered already (a page made on request that is
/// not is a 503).
#[derive(Debug, Clone, Copy)]
pub struct OverCap;

/// Why the server refused a request before routing it, if it did
/// ([`refuse`]), handed to the router with the request so that it is
/// worked out once.
#[derive(Debug, Clone)]
pub struct Refused(pub Option<AppError>);

/// The one per-request middleware: GET and HEAD only (anything else is 405
/// with `Allow`); a redirect that would leave the site is a 404 (a bug,
/// logged); an `AppError` becomes a themed page, or under `/api/` a JSON
/// object (server errors are logged, never shown); responses built
/// outside a stored resource (redirects, errors, the health check) get the
/// security headers that stored resources carry already.
pub async fn finish(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let api = is_api_path(&state.site().settings.base_path, request.uri().path());
    let explain = |error: &AppError, response: &mut Response| {
        if api {
            api_body(error, response);
        } else {
            page_body(&state.site(), error, response);
        }
    };
    let refused = match request.extensions_mut().remove::<Refused>() {
        Some(Refused(refused)) => refused,
        None => refuse(&request),
    };
    let mut response = if let Some(error) = refused {
        let mut response = error.clone().into_response();
        explain(&error, &mut response);
        response
    } else {
        let path = request.uri().path().to_owned();
        let mut response = next.run(request).await;
        let location = response.headers().get(header::LOCATION);
        if location.is_some_and(|l| !l.to_str().is_ok_and(stays_on_site)) {
            tracing::error!(%path, ?location, "refused a redirect off the site");
            response = AppError::from(Missing::NoPage).into_response();
        }
        if let Some(error) = response.extensions_mut().remove::<Arc<AppError>>() {
            if error.is_server_error() {
                tracing::error!(%path, error = %error, "request failed");
            }
            explain(&error, &mut response);
        }
        response
    };
    if !response
        .headers()
        .contains_key(header::CONTENT_SECURITY_POLICY)
    {
        add_security_headers(response.headers_mut());
    }
    response
}

/// Why a request is refused before routing, if it is: an HTTP/1.1 request
/// without `Host`, or with two (400), a method other than GET or HEAD
/// (405), an overlong URI (414), oversized headers (431), a body (400), a
/// or a control character in the query (400).
pub fn refuse<B>(request: &HttpRequest<B>) -> Option<AppError> {
    if request.extensions().get::<MissingHost>().is_some() {
        return Some(AppError::MissingHost);
    }
    let mut hosts = request.headers().get_all(header::HOST).iter();
    if hosts.next().is_some() && hosts.next().is_some() {
        return Some(AppError::RepeatedHost);
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return Some(AppError::MethodNotAllowed);
    }
    let uri_length = request
        .uri()
        .path_and_query()
        .map_or(0, |pq| pq.as_str().len());
    if uri_length > MAX_URI_BYTES {
        return Some(AppError::UriTooLong);
    }
    let header_bytes: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if header_bytes > MAX_HEADER_BYTES {
        return Some(AppError::HeadersTooLarge);
    }
    let has_body = request.headers().contains_key(header::TRANSFER_ENCODING)
        || request
            .headers()
            .get(header::CONTENT_LENGTH)
            .is_some_and(|length| length.as_bytes() != b"0");
    if has_body {
        return Some(AppError::BodyNotAllowed);
    }
    if request.uri().query().is_some_and(has_control_characters) {
        return Some(Missing::BadQuery.into());
    }
    None
}

/// Whether a name or value of `query`, decoded, holds a control character
/// (`%00`, `%0A`, `%7F`…): no address of the site takes one, and one
/// copied into a header would make it invalid.
fn has_control_characters(query: &str) -> bool {
    url::form_urlencoded::parse(query.as_bytes())
        .any(|(name, value)| name.chars().chain(value.chars()).any(char::is_control))
}

/// Whether a browser resolves `location` to a page of this site: a path
/// whose second character cannot start an authority (`//host`), with no
/// backslash (WHATWG URL parsers read `\` as `/`, so `/\host` is
/// `//host`) and no tab or newline (which they drop, so `/\t/host` is
/// `//host` too).
pub fn stays_on_site(location: &str) -> bool {
    let mut chars = location.chars();
    chars.next() == Some('/')
        && chars.next() != Some('/')
        && !location.contains(['\\', '\t', '\n', '\r'])
}
