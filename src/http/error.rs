//! [`AppError`] as a response. A handler's error only sets the status (and
//! `Allow` for 405) and rides along in the response's extensions; the
//! [`super::middleware::finish`] middleware, which has the site and the
//! request's path, gives it its body: the themed page, or JSON under
//! `/api/`. Both say what [`crate::render::errors`] words.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::render::{Rendered, errors};

/// Seconds a client answered 503 is asked to wait before trying again.
pub const RETRY_AFTER: &str = "1";

/// The status of `error`.
pub fn status(error: &AppError) -> StatusCode {
    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = status(&self).into_response();
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
    let status = status(error);
    let body = ApiError {
        status: status.as_u16(),
        error: status.canonical_reason().unwrap_or("error").to_lowercase(),
        message: errors::api_message(error),
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

/// Replaces the body of an error response with the themed page.
pub fn page_body(site: &Rendered, error: &AppError, response: &mut Response) {
    let body = site.error_page(&errors::view(error, &site.content));
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
