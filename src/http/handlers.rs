//! What each address answers. One handler reads the address under the base
//! path ([`Address`]) and answers by the kind of page: a rendered page from
//! the site (rendered first if it is made on request), a redirect when only
//! a slug's case or a renamed role's old slug is wrong, or an error that
//! says why there is no such page.

use axum::Extension;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::connections::Connection;
use super::error::AppError;
use super::middleware::OverCap;
use super::read::{Read, read};
use super::respond::{add_security_headers, cache_control, respond};
use super::state::AppState;
use crate::address::Page;
use crate::pages::{self, Made, Resolution, Served, Why};
use crate::render::Settings;
use crate::store::Rendered;

/// The address a request names, read under the base path ([`Read`]), by
/// the server before routing or else here. A path that names no address
/// of the site is answered before any handler: `{base}/` and `/x/`
/// redirect to `{base}` and `/x`, anything else is an error.
pub struct Address(pub Page);

impl FromRequestParts<AppState> for Address {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let read = match parts.extensions.remove::<Read>() {
            Some(read) => read,
            None => read(&state.site().settings, &parts.uri),
        };
        match read {
            Read::Page(page) => Ok(Self(page)),
            Read::Redirect(link) => Err(Redirect::permanent(&link).into_response()),
            Read::Missing(reason) => Err(AppError::from(reason).into_response()),
        }
    }
}

/// Every address: what it comes to against the content, resolved once
/// ([`pages::resolve`]), answered: a page (rendered first if it is made on
/// request), a redirect, a page made for this request, or why there is
/// none.
pub async fn answer(
    State(state): State<AppState>,
    Address(page): Address,
    method: Method,
    connection: Option<Extension<Connection>>,
    over_cap: Option<Extension<OverCap>>,
    uri: Uri,
    request: HeaderMap,
) -> Result<Response, AppError> {
    let resolution = state.site().resolve(&page, uri.query());
    match resolution {
        Resolution::Found(page) => {
            let renderer = match (&connection, over_cap) {
                (_, Some(_)) => Renderer::None,
                (Some(Extension(connection)), None) => Renderer::For(connection),
                (None, None) => Renderer::Anyone,
            };
            serve_or_render(&state, &page, &method, renderer, &request).await
        }
        Resolution::Redirect(to, why) => Ok(redirect(&state.site().settings, &to, why)),
        Resolution::Missing(reason) => Err(reason.into()),
        Resolution::Made(made) => made_now(&state.site(), made),
    }
}

/// The resource at `page`, a page of the site, in the form the request
/// accepts, rendering it first if it is made on request (see
/// [`super::renders`]). A page that cannot be rendered is a 500 (logged);
/// one that cannot be rendered in time a 503.
///
/// A HEAD of a page made on request that is not rendered yet is answered
/// without rendering it, unless it is conditional (`If-None-Match` needs
/// the page's ETag): the headers that depend on the page's bytes
/// (`Content-Length`, `ETag`) are left out, as RFC 9110 (9.3.2) allows.
async fn serve_or_render(
    state: &AppState,
    page: &Page,
    method: &Method,
    renderer: Renderer<'_>,
    request: &HeaderMap,
) -> Result<Response, AppError> {
    if let Some(resource) = state.site().lookup(page) {
        return Ok(respond(&resource, request));
    }
    let site = state.site.load_full();
    if *method == Method::HEAD && !request.contains_key(header::IF_NONE_MATCH) {
        return Ok(unrendered_head(&site, pages::served(page)));
    }
    let connection = match renderer {
        Renderer::None => return Err(AppError::Busy),
        Renderer::For(connection) => Some(connection),
        Renderer::Anyone => None,
    };
    let owned = page.clone();
    let resource = state
        .renders
        .run(connection, move || site.render_found(&owned))
        .await?
        .map_err(|error| AppError::Internal(error.to_string()))?;
    Ok(respond(&resource, request))
}

/// The body of a HEAD of a page not rendered: nothing, and no length, so
/// that no `Content-Length: 0` claims the page is empty.
struct LengthUnknown;

impl hyper::body::Body for LengthUnknown {
    type Data = bytes::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Ready(None)
    }
}

/// For whom a page may be rendered.
#[derive(Clone, Copy)]
enum Renderer<'a> {
    /// A request on a connection beyond the cap: for no one (503).
    None,
    /// A request on a connection the cap counts, which may be told to give
    /// way while it waits.
    For(&'a Connection),
    /// A request built in-process (tests).
    Anyone,
}

/// The answer to a HEAD of a page made on request that is not rendered:
/// the headers its GET would carry but those that depend on its bytes.
fn unrendered_head(site: &Rendered, served: Served) -> Response {
    let Served {
        content_type,
        shared,
    } = served;
    let mut response = Response::new(axum::body::Body::new(LengthUnknown));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CACHE_CONTROL,
        cache_control(site.settings.page_cache()),
    );
    // Text is sent compressed when the client takes it; images as they are.
    if !content_type.starts_with("image/") {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if shared {
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
    }
    add_security_headers(headers);
    response
}

/// The answer sending the reader to `to`: 308 for a page that moved for
/// good (a slug's case, the favicon), 301 to renamed roles' current slugs,
/// 303 to the page a form chose.
fn redirect(settings: &Settings, to: &Page, why: Why) -> Response {
    let link = settings.link(&to.path());
    match why {
        Why::Moved => Redirect::permanent(&link).into_response(),
        Why::Renamed => {
            let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(location) = HeaderValue::from_str(&link) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            response
        }
        Why::Chosen => Redirect::to(&link).into_response(),
    }
}

/// A line of plain text, never stored: the health check.
fn healthz(text: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        text,
    )
        .into_response()
}

/// A page made for this request alone (it depends on the query string):
/// 400 when it shows what is wrong with the request.
fn made_now(site: &Rendered, made: Made) -> Result<Response, AppError> {
    let (html, complete) = match made {
        Made::Text(text) => return Ok(healthz(text)),
        Made::Html { html, complete } => (html, complete),
    };
    let html = html.map_err(AppError::Internal)?;
    let status = if complete {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        cache_control(site.settings.page_cache()),
    );
    Ok(response)
}
