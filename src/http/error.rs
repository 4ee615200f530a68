//! Why a request gets no page, as HTTP: [`AppError`], its status code and
//! what its page says, all decided in [`answer_of`]. A handler's error only
//! sets the status (and `Allow` for 405) and rides along in the response's
//! extensions; the [`super::middleware::finish`] middleware, which has the
//! site and the request's path, gives it its body: the themed page, or
//! JSON under `/api/`. Nothing internal ever reaches the client.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::address::Missing;
use crate::render::{ErrorView, errors};
use crate::store::Rendered;

/// Seconds a client answered 503 is asked to wait before trying again.
pub const RETRY_AFTER: &str = "1";

/// What a 503 says: the server is busy, try again shortly.
const BUSY: &str = "The site is busy answering other readers. Please try again in a moment.";

/// Why a request gets no page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    /// The address names no page, for this reason.
    #[error(transparent)]
    Missing(#[from] Missing),
    /// A request line longer than the site's longest sensible URL.
    #[error("URI too long")]
    UriTooLong,
    /// Request headers larger than any browser sends.
    #[error("request headers too large")]
    HeadersTooLarge,
    /// A request with a body: no page here takes one.
    #[error("request body not allowed")]
    BodyNotAllowed,
    /// An HTTP/1.1 request without a `Host` header.
    #[error("HTTP/1.1 request without Host")]
    MissingHost,
    /// A request with more than one `Host` header.
    #[error("more than one Host header")]
    RepeatedHost,
    /// The server is too busy to answer now: the page could not be
    /// rendered in time, or the connection gave way to another at the cap.
    #[error("too busy to answer now")]
    Busy,
    /// Any method but GET and HEAD.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A bug or an I/O failure; logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

/// What an error answers: its status, and what its page says.
struct Answer<'a> {
    status: StatusCode,
    says: Says<'a>,
}

/// What an error's page says: a reason's own wording (`render::errors`),
/// or the same heading, message and API message every time.
enum Says<'a> {
    Reason(&'a Missing),
    Fixed(&'static str, &'static str, &'static str),
}

/// A page and an API error that say the same message.
const fn fixed(heading: &'static str, message: &'static str) -> Says<'static> {
    Says::Fixed(heading, message, message)
}

/// The status code and wording of every error: the one place a reason
/// becomes HTTP.
fn answer_of(error: &AppError) -> Answer<'_> {
    let (status, says) = match error {
        AppError::Missing(reason) => {
            let status = match reason {
                Missing::NoPage | Missing::UnknownRoles { .. } => StatusCode::NOT_FOUND,
                Missing::SameRole { .. }
                | Missing::TooManyRoles { .. }
                | Missing::PairOnly { .. }
                | Missing::UnknownView { .. }
                | Missing::MissingRole { .. }
                | Missing::BadQuery
                | Missing::UnknownSort { .. } => StatusCode::BAD_REQUEST,
            };
            (status, Says::Reason(reason))
        }
        AppError::MethodNotAllowed => (
            StatusCode::METHOD_NOT_ALLOWED,
            fixed(
                "Method not allowed",
                "This site only answers GET and HEAD requests.",
            ),
        ),
        AppError::UriTooLong => (
            StatusCode::URI_TOO_LONG,
            Says::Fixed(
                "Address too long",
                "This address is longer than any page on this site. Check the link, or start from the home page.",
                "This address is longer than any on this site.",
            ),
        ),
        AppError::HeadersTooLarge => (
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            Says::Fixed(
                "Request headers too large",
                "The request carried more header data than this site accepts. Clearing this site’s cookies usually helps.",
                "The request carried more header data than this site accepts.",
            ),
        ),
        AppError::BodyNotAllowed => (
            StatusCode::BAD_REQUEST,
            fixed("Bad request", "Requests to this site carry no body."),
        ),
        AppError::MissingHost => (
            StatusCode::BAD_REQUEST,
            fixed(
                "Bad request",
                "HTTP/1.1 requests must name the site in a Host header.",
            ),
        ),
        AppError::RepeatedHost => (
            StatusCode::BAD_REQUEST,
            fixed(
                "Bad request",
                "A request must name the site in one Host header, not several.",
            ),
        ),
        AppError::Internal(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            fixed(
                "Something went wrong",
                "The server could not answer this request. Please try again.",
            ),
        ),
        AppError::Busy => (
            StatusCode::SERVICE_UNAVAILABLE,
            fixed("Too busy right now", BUSY),
        ),
    };
    Answer { status, says }
}

impl AppError {
    /// The HTTP status code.
    pub fn status(&self) -> StatusCode {
        answer_of(self).status
    }

    /// Whether the server is at fault (logged). Being busy is not a fault.
    pub fn is_server_error(&self) -> bool {
        matches!(self, Self::Internal(_))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        match self {
            Self::MethodNotAllowed => {
                response
                    .headers_mut()
                    .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            }
            // Shedding load: come back shortly, on another connection.
            Self::Busy => {
                let headers = response.headers_mut();
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER));
                headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            _ => {}
        }
        response.extensions_mut().insert(Arc::new(self));
        response
    }
}

/// An error in the JSON API, in this order.
#[derive(serde::Serialize)]
struct ApiError {
    status: u16,
    error: String,
    message: String,
}

/// Replaces the body of an error response with JSON any origin may read:
/// `{"status": 404, "error": "not found", "message": "…"}`.
pub fn api_body(error: &AppError, response: &mut Response) {
    let Answer { status, says } = answer_of(error);
    let body = ApiError {
        status: status.as_u16(),
        error: status.canonical_reason().unwrap_or("error").to_lowercase(),
        message: match says {
            Says::Reason(reason) => errors::api_message(reason),
            Says::Fixed(_, _, message) => message.to_owned(),
        },
    };
    let body = serde_json::to_string(&body).unwrap_or_default();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    replace_body(response, body);
}

/// The themed page of `error`, for readers.
pub fn error_page(site: &Rendered, error: &AppError) -> String {
    let Answer { status, says } = answer_of(error);
    let view = match says {
        Says::Reason(reason) => errors::view(reason, &site.content, status.as_u16()),
        Says::Fixed(heading, message, _) => {
            ErrorView::says(status.as_u16(), heading, message.to_owned())
        }
    };
    crate::pages::errors::error_page(site.site(), &view)
}

/// Replaces the body of an error response with the themed page.
pub fn page_body(site: &Rendered, error: &AppError, response: &mut Response) {
    let body = error_page(site, error);
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    replace_body(response, body);
}

/// An error's body is made for one request: never stored.
fn replace_body(response: &mut Response, body: String) {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.remove(header::CONTENT_LENGTH);
    *response.body_mut() = Body::from(body);
}
