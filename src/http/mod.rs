//! HTTP: the service the server runs, from a request to a response. This
//! module owns status codes, headers (caching ones turned from each
//! resource's `CachePolicy`), the server's limits and its connections. It
//! must not build pages or decide which exist: it resolves each request
//! once through `pages` and takes the bytes from the store (`store`);
//! nothing below it knows HTTP.
//!
//! - [`App`] (here): the service, with its fast path for stored pages.
//! - [`handlers`]: what each address answers, redirects included.
//! - [`middleware`]: what every request goes through: refusals, error
//!   pages, security headers.
//! - [`read`]: a request's target read as an address, once.
//! - [`respond`]: a rendered resource as a response: content negotiation,
//!   304, the headers it always carries.
//! - [`error`]: [`AppError`], why a request gets no page: its status code
//!   and its page, decided in one place.
//! - [`renders`]: the render threads for pages made on request, and their
//!   queue.
//! - [`server`]: the accept loop and its limits; [`connections`] the
//!   connections it tracks to make room at the cap, [`counted`] the service
//!   it runs on each, [`socket`] the socket under it; [`access_log`] its log;
//!   [`workers`] the per-core event loops connections are served on, and
//!   [`turns`] how they share their core with other threads.

pub mod access_log;
mod connections;
mod counted;
mod error;
mod handlers;
mod middleware;
mod read;
pub mod renders;
pub mod respond;
pub mod server;
mod socket;
mod state;
mod turns;
mod workers;

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, HttpBody};
use axum::http::{Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::future::RouteFuture;
use axum::routing::get;
use tower::Service;
use tower_http::timeout::TimeoutLayer;

pub use error::{AppError, error_page};
pub use middleware::{MAX_HEADER_BYTES, MAX_URI_BYTES, MissingHost};
pub use respond::SECURITY_HEADERS;
pub use state::AppState;

/// How long one request may take before it is answered with 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The whole site as a service; the server and the tests (`oneshot`) call
/// it the same way.
///
/// A GET or HEAD of a page that is already rendered, with no query string,
/// is answered straight from memory: a hash lookup and the stored headers,
/// without routing, extractors or middleware. Anything else (query strings,
/// redirects, errors, first renders, other methods) goes through the
/// router, which answers the same page the same way.
#[derive(Clone)]
pub struct App {
    state: AppState,
    router: Router,
}

/// The service for `state`. Every address goes to one handler, which
/// reads it ([`crate::address::Page::parse`]) under the base path.
pub fn app(state: AppState) -> App {
    let router = Router::new()
        .route("/", get(handlers::answer))
        .route("/{*path}", get(handlers::answer))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::finish,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .with_state(state.clone());
    App { state, router }
}

impl App {
    /// The router alone, without answering rendered pages from memory
    /// first; it gives the same answers, more slowly.
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    /// Answers `request`: from memory when it asks for a rendered page as
    /// it is, else through the router. Whether it is refused and what its
    /// target reads as are worked out here, once, and handed to the router
    /// with the request.
    fn answer<B>(&self, request: Request<B>) -> Answer
    where
        B: HttpBody<Data = bytes::Bytes> + Send + 'static,
        B::Error: Into<axum::BoxError>,
    {
        self.answer_or_route(request, |_| {})
    }

    /// Answers `request` like [`App::answer`], calling `routed` with the
    /// request's extensions first when it goes through the router.
    fn answer_or_route<B>(
        &self,
        mut request: Request<B>,
        routed: impl FnOnce(&mut axum::http::Extensions),
    ) -> Answer
    where
        B: HttpBody<Data = bytes::Bytes> + Send + 'static,
        B::Error: Into<axum::BoxError>,
    {
        // `refuse` turns away every method but GET and HEAD.
        let refused = middleware::refuse(&request);
        if refused.is_none() {
            let site = self.state.site();
            let uri = request.uri();
            let query = uri.query();
            let read = match read::under_base(&site.settings, uri.path()) {
                Ok(path) => {
                    // A stored page, or one rendered on request before, is
                    // found by its path as requested, without parsing it.
                    let stored = query
                        .is_none()
                        .then(|| site.stored_at(path).or_else(|| site.cached_at(path)))
                        .flatten();
                    if let Some(resource) = stored {
                        return Answer::Stored(Some(stored_response(&resource, &request)));
                    }
                    read::read_under_base(&site.settings, path, query)
                }
                Err(read) => read,
            };
            if let (read::Read::Page(page), None) = (&read, query)
                && let Some(resource) = site.cached(page)
            {
                return Answer::Stored(Some(stored_response(&resource, &request)));
            }
            request.extensions_mut().insert(read);
        }
        request
            .extensions_mut()
            .insert(middleware::Refused(refused));
        routed(request.extensions_mut());
        self.route(request)
    }

    /// Answers `request` through the router.
    fn route<B>(&self, request: Request<B>) -> Answer
    where
        B: HttpBody<Data = bytes::Bytes> + Send + 'static,
        B::Error: Into<axum::BoxError>,
    {
        Answer::Routed(self.router.clone().call(request))
    }
}

/// The response to `request` of a rendered `resource`.
fn stored_response<B>(resource: &crate::store::Resource, request: &Request<B>) -> Response {
    let mut response = respond::respond(resource, request.headers());
    if request.method() == Method::HEAD {
        *response.body_mut() = Body::empty();
        response.extensions_mut().remove::<respond::FromFile>();
    }
    response
}

/// The future of one answer: ready at once, or the router's.
pub enum Answer {
    Stored(Option<Response>),
    Routed(RouteFuture<Infallible>),
}

impl Future for Answer {
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            Self::Stored(response) => match response.take() {
                Some(response) => Poll::Ready(Ok(response)),
                None => Poll::Ready(Ok(
                    AppError::Internal("answer polled twice".to_owned()).into_response()
                )),
            },
            Self::Routed(future) => Pin::new(future).poll(cx),
        }
    }
}

impl<B> Service<Request<B>> for App
where
    B: HttpBody<Data = bytes::Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Answer;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Answer {
        self.answer(request)
    }
}

impl hyper::service::Service<Request<hyper::body::Incoming>> for App {
    type Response = Response;
    type Error = Infallible;
    type Future = Answer;

    fn call(&self, request: Request<hyper::body::Incoming>) -> Answer {
        self.answer(request)
    }
}
