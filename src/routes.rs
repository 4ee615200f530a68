//! HTTP: the router, its handlers and middleware. Handlers only look up
//! bytes rendered when the content loaded.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use arc_swap::ArcSwap;
use axum::Router;
use axum::body::{Body, HttpBody};
use axum::extract::FromRequestParts;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, Request as HttpRequest, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::future::RouteFuture;
use axum::routing::get;
use serde::Deserialize;
use tokio::sync::Semaphore;
use tower::Service;
use tower_http::timeout::TimeoutLayer;

use crate::error::AppError;
use crate::render::resource::add_security_headers;
use crate::render::{Rendered, is_compare_subpage};

/// How long one request may take before it is answered with 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest path and query accepted; longer ones get 414.
pub const MAX_URI_BYTES: usize = 4096;
/// The most header bytes accepted; more get 431.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Marks an HTTP/1.1 request that arrived without a `Host` header, which
/// RFC 9112 (section 3.2) says a server must answer with 400. The server
/// sets it; requests built in-process (tests, `oneshot`) carry no such mark.
#[derive(Debug, Clone, Copy)]
pub struct MissingHost;

/// Path parameters; malformed ones (invalid percent-encoding or UTF-8) are a
/// themed 404, never the extractor's own rejection text.
pub struct Param<T>(pub T);

impl<S, T> FromRequestParts<S> for Param<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned + Send,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, AppError> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(value)| Self(value))
            .map_err(|_| AppError::NotFound)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = status.into_response();
        if matches!(self, Self::MethodNotAllowed) {
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        }
        response.extensions_mut().insert(Arc::new(self));
        response
    }
}

/// What handlers share: the rendered site, swapped whole when content is
/// reloaded (`serve --watch`), so a request sees one version throughout.
#[derive(Clone)]
pub struct AppState {
    site: Arc<ArcSwap<Rendered>>,
    /// Permits to render a page on request: at most this many renders run
    /// at once, on tokio's blocking threads, so stored pages keep being
    /// answered on the request threads during a flood of new pages.
    renders: Arc<Semaphore>,
}

/// How many pages may be rendered on request at once: one core's worth
/// less than the machine has, and at least one.
fn render_permits() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .saturating_sub(1)
        .max(1)
}

impl AppState {
    pub fn new(site: Rendered) -> Self {
        Self {
            site: Arc::new(ArcSwap::from_pointee(site)),
            renders: Arc::new(Semaphore::new(render_permits())),
        }
    }

    /// The site as it is now.
    /// The site as it is now. The guard is cheap (no reference-count
    /// traffic shared between threads); keep it for one request at most.
    pub fn site(&self) -> arc_swap::Guard<Arc<Rendered>> {
        self.site.load()
    }

    /// Serves `site` from the next request on.
    pub fn replace(&self, site: Rendered) {
        self.site.store(Arc::new(site));
    }
}

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

/// With a base path, every route lives under it and anything outside
/// answers 404.
pub fn app(state: AppState) -> App {
    let base_path = state.site().settings.base_path.clone();
    let router = if base_path.is_empty() {
        pages()
    } else {
        Router::new()
            .route(&format!("{base_path}/"), get(base_with_slash))
            .nest(&base_path, pages())
            .fallback(not_found)
    };
    let router = router
        .layer(middleware::from_fn_with_state(state.clone(), finish))
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

    /// The stored response to `request`, if it asks for a rendered page
    /// as it is.
    fn stored<B>(&self, request: &HttpRequest<B>) -> Option<Response> {
        // `refuse` turns away every method but GET and HEAD.
        if request.uri().query().is_some() || refuse(request).is_some() {
            return None;
        }
        let site = self.state.site();
        let path = request.uri().path();
        let path = match site.settings.base_path.as_str() {
            "" => path,
            base => match path.strip_prefix(base)? {
                // `{base}` is the home page; `{base}/` redirects to it.
                "" => "/",
                "/" => return None,
                rest => rest,
            },
        };
        let mut response = site.cached(path, request.headers())?;
        if request.method() == Method::HEAD {
            *response.body_mut() = Body::empty();
        }
        Some(response)
    }

    /// Answers `request`: from memory when it can, else through the router.
    fn answer<B>(&self, request: HttpRequest<B>) -> Answer
    where
        B: HttpBody<Data = axum::body::Bytes> + Send + 'static,
        B::Error: Into<axum::BoxError>,
    {
        match self.stored(&request) {
            Some(response) => Answer::Stored(Some(response)),
            None => Answer::Routed(self.router.clone().call(request)),
        }
    }
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

impl<B> Service<HttpRequest<B>> for App
where
    B: HttpBody<Data = axum::body::Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Answer;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: HttpRequest<B>) -> Answer {
        self.answer(request)
    }
}

impl hyper::service::Service<HttpRequest<hyper::body::Incoming>> for App {
    type Response = Response;
    type Error = Infallible;
    type Future = Answer;

    fn call(&self, request: HttpRequest<hyper::body::Incoming>) -> Answer {
        self.answer(request)
    }
}

/// Every route, relative to the base path.
fn pages() -> Router<AppState> {
    Router::new()
        .route("/", get(by_path))
        .route("/healthz", get(healthz))
        .route("/robots.txt", get(by_path))
        .route("/sitemap.xml", get(by_path))
        .route("/roles/{slug}", get(role))
        .route("/compare", get(compare_form))
        .route("/compare/{pair}", get(compare))
        .route("/compare/{pair}/{subpage}", get(compare_subpage))
        .route("/salaries", get(salaries))
        .route("/fit", get(fit_form))
        .route("/fit/result", get(fit_result))
        .route("/static/{file}", get(by_path))
        .route("/favicon.ico", get(favicon))
        .route("/cards/{*card}", get(by_path))
        .route("/api/roles", get(by_path))
        .route("/api/roles/{slug}", get(api_role))
        .route("/api/compare/{pair}", get(api_compare))
        .route("/salaries.csv", get(by_path))
        .route("/schema/role.json", get(by_path))
        .route("/sitemaps/{file}", get(by_path))
        .fallback(fallback)
}

/// The resource at `path` in the form the request accepts, if it is
/// rendered already.
fn serve(site: &Rendered, path: &str, request: &HeaderMap) -> Option<Response> {
    site.lookup(path).map(|resource| resource.respond(request))
}

/// The resource at `path` in the form the request accepts, rendering it
/// first if it is made on request: on a blocking thread, once a render
/// permit is free (see [`AppState`]). `None` if there is no such page; a
/// page that exists but cannot be rendered is a 500 (logged).
async fn serve_or_render(
    state: &AppState,
    path: &str,
    request: &HeaderMap,
) -> Result<Option<Response>, AppError> {
    if let Some(response) = serve(&state.site(), path, request) {
        return Ok(Some(response));
    }
    let site = state.site.load_full();
    if !site.exists(path) {
        return Ok(None);
    }
    let cannot_render = || AppError::Internal(format!("cannot render {path}"));
    let _permit = state.renders.acquire().await.map_err(|_| cannot_render())?;
    let owned = path.to_owned();
    let resource = tokio::task::spawn_blocking(move || site.get(&owned))
        .await
        .ok()
        .flatten()
        .ok_or_else(cannot_render)?;
    Ok(Some(resource.respond(request)))
}

/// A permanent redirect to a path inside the site.
fn moved(site: &Rendered, path: &str) -> Response {
    Redirect::permanent(&site.settings.link(path)).into_response()
}

/// 301 to the same path with renamed roles' current slugs.
fn renamed(site: &Rendered, path: &str) -> Response {
    let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
    if let Ok(location) = HeaderValue::from_str(&site.settings.link(path)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// `a-vs-b…` with every alias replaced by its role's slug, if any was one.
fn dealias(site: &Rendered, pair: &str) -> Option<String> {
    let mut changed = false;
    let sides: Vec<&str> = pair
        .split("-vs-")
        .map(|side| match site.content.aliased(side) {
            Some(role) => {
                changed = true;
                role.slug.as_str()
            }
            None => side,
        })
        .collect();
    changed.then(|| sides.join("-vs-"))
}

/// `{base}/` → `{base}`: the home page has one address.
async fn base_with_slash(State(state): State<AppState>) -> Response {
    moved(&state.site(), "")
}

async fn not_found() -> AppError {
    AppError::NotFound
}

async fn healthz() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        "ok",
    )
}

async fn role(
    State(state): State<AppState>,
    Param(slug): Param<String>,
    request: HeaderMap,
) -> Result<Response, AppError> {
    let site = state.site();
    if let Some(response) = serve(&site, &format!("/roles/{slug}"), &request) {
        return Ok(response);
    }
    let lower = slug.to_lowercase();
    if lower != slug && site.content.role(&lower).is_some() {
        return Ok(moved(&site, &format!("/roles/{lower}")));
    }
    if let Some(role) = site.content.aliased(&lower) {
        return Ok(renamed(&site, &format!("/roles/{}", role.slug)));
    }
    Err(AppError::UnknownRoles {
        unknown: vec![slug.clone()],
        picked: Vec::new(),
    })
}

#[derive(Debug, Deserialize)]
struct CompareQuery {
    view: Option<String>,
}

/// `/compare/{a}-vs-{b}[-vs-{c}[-vs-{d}]]`, optionally `?view=differences`.
async fn compare(
    State(state): State<AppState>,
    Param(pair): Param<String>,
    query: Result<Query<CompareQuery>, QueryRejection>,
    request: HeaderMap,
) -> Result<Response, AppError> {
    let Ok(Query(query)) = query else {
        return Err(AppError::NotFound);
    };
    let suffix = match query.view.as_deref() {
        None | Some("" | "all") => "",
        Some("differences") => "?view=differences",
        Some(other) => {
            return Err(AppError::UnknownView {
                view: other.to_owned(),
            });
        }
    };
    comparison_page(&state, &pair, suffix, &request).await
}

/// `/compare/{pair}/{subpage}`: the day in the life, or a section's share
/// page.
async fn compare_subpage(
    State(state): State<AppState>,
    Param((pair, subpage)): Param<(String, String)>,
    request: HeaderMap,
) -> Result<Response, AppError> {
    if !is_compare_subpage(&subpage) {
        return Err(AppError::NotFound);
    }
    comparison_page(&state, &pair, &format!("/{subpage}"), &request).await
}

/// A page of two to four roles (`suffix` is empty, `/day-in-the-life` or
/// `?view=differences`): served when it exists, redirected when only the
/// slugs' case is wrong, else explained.
async fn comparison_page(
    state: &AppState,
    pair: &str,
    suffix: &str,
    request: &HeaderMap,
) -> Result<Response, AppError> {
    if let Some(response) =
        serve_or_render(state, &format!("/compare/{pair}{suffix}"), request).await?
    {
        return Ok(response);
    }
    let site = &*state.site();
    let lower = pair.to_lowercase();
    let sides = sides(&lower)?;
    let target = format!("/compare/{lower}{suffix}");
    if lower != pair && site.exists(&target) {
        return Ok(moved(site, &target));
    }
    if let Some(current) = dealias(site, &lower) {
        return Ok(renamed(site, &format!("/compare/{current}{suffix}")));
    }
    check_roles(site, &sides)?;
    // The roles exist, differ and are few enough, but the suffix names no
    // page of theirs.
    Err(AppError::NotFound)
}

/// The slugs of `a-vs-b…`, refused before any role is looked up when a side
/// is empty or there is only one (404) or more than four (400).
fn sides(pair: &str) -> Result<Vec<&str>, AppError> {
    let sides: Vec<&str> = pair.split("-vs-").collect();
    if sides.len() < 2 || sides.iter().any(|side| side.is_empty()) {
        return Err(AppError::NotFound);
    }
    if sides.len() > crate::render::MAX_ROLES {
        return Err(AppError::TooManyRoles { count: sides.len() });
    }
    Ok(sides)
}

/// Why these slugs cannot be compared, if they cannot: more than four
/// (400, before any lookup), unknown roles (404), or a role twice (400).
fn check_roles(site: &Rendered, slugs: &[&str]) -> Result<(), AppError> {
    if slugs.len() > crate::render::MAX_ROLES {
        return Err(AppError::TooManyRoles { count: slugs.len() });
    }
    let content = &site.content;
    let known = |slug: &str| content.role(slug).is_some();
    let unknown: Vec<String> = slugs
        .iter()
        .filter(|slug| !known(slug))
        .map(|slug| (*slug).to_owned())
        .collect();
    if !unknown.is_empty() {
        let picked = slugs
            .iter()
            .map(|slug| if known(slug) { slug } else { "" }.to_string())
            .collect();
        return Err(AppError::UnknownRoles { unknown, picked });
    }
    if let Some((i, slug)) = slugs
        .iter()
        .enumerate()
        .find(|(i, slug)| slugs[..*i].contains(slug))
    {
        let _ = i;
        return Err(AppError::SameRole {
            slug: (*slug).to_owned(),
        });
    }
    Ok(())
}

#[derive(Debug, Deserialize)]
struct SalariesQuery {
    sort: Option<String>,
}

/// `/salaries`, optionally `?sort={level}`.
async fn salaries(
    State(state): State<AppState>,
    query: Result<Query<SalariesQuery>, QueryRejection>,
    request: HeaderMap,
) -> Result<Response, AppError> {
    let Ok(Query(query)) = query else {
        return Err(AppError::BadQuery);
    };
    let path = match query.sort.as_deref() {
        None | Some("" | "role") => "/salaries".to_owned(),
        Some(level) => format!("/salaries?sort={level}"),
    };
    serve(&state.site(), &path, &request).ok_or_else(|| AppError::UnknownSort {
        sort: query.sort.unwrap_or_default(),
    })
}

/// A page rendered for this request (it depends on the query string).
fn rendered_now(site: &Rendered, status: StatusCode, html: String) -> Response {
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, site.settings.page_cache_control());
    response
}

fn rendered_or_500(
    site: &Rendered,
    status: StatusCode,
    html: Option<Result<String, askama::Error>>,
) -> Result<Response, AppError> {
    match html {
        None => Err(AppError::NotFound),
        Some(Ok(html)) => Ok(rendered_now(site, status, html)),
        Some(Err(error)) => Err(AppError::Internal(error.to_string())),
    }
}

/// `/fit`: the questionnaire; with answers in the query ("change your
/// answers"), the same form with them checked.
async fn fit_form(
    State(state): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    request: HeaderMap,
) -> Result<Response, AppError> {
    let Ok(Query(pairs)) = query else {
        return Err(AppError::BadQuery);
    };
    let site = state.site();
    let Some(fit) = site.content.fit.as_ref() else {
        return Err(AppError::NotFound);
    };
    if pairs.is_empty() {
        return serve(&site, "/fit", &request).ok_or(AppError::NotFound);
    }
    let mut reading = crate::fit::read(fit, &pairs);
    reading.problems.clear();
    rendered_or_500(&site, StatusCode::OK, site.fit_form(Some(&reading)))
}

/// `/fit/result?{question}={answer}&…`: the scores, or the form again with
/// what is wrong (400), keeping the valid answers.
async fn fit_result(
    State(state): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, AppError> {
    let Ok(Query(pairs)) = query else {
        return Err(AppError::BadQuery);
    };
    let site = state.site();
    let Some(fit) = site.content.fit.as_ref() else {
        return Err(AppError::NotFound);
    };
    let reading = crate::fit::read(fit, &pairs);
    match reading.complete() {
        Some(chosen) => rendered_or_500(&site, StatusCode::OK, site.fit_result(&reading, &chosen)),
        None => rendered_or_500(
            &site,
            StatusCode::BAD_REQUEST,
            site.fit_form(Some(&reading)),
        ),
    }
}

#[derive(Debug, Deserialize)]
struct CompareForm {
    a: Option<String>,
    b: Option<String>,
    c: Option<String>,
    d: Option<String>,
}

/// The picker's target: `/compare?a=x&b=y` → 303 to `/compare/x-vs-y`.
async fn compare_form(
    State(state): State<AppState>,
    form: Result<Query<CompareForm>, QueryRejection>,
) -> Result<Response, AppError> {
    let Ok(Query(form)) = form else {
        return Err(AppError::BadQuery);
    };
    let site = state.site();
    let clean = |side: Option<String>| side.unwrap_or_default().trim().to_lowercase();
    let (a, b) = (clean(form.a), clean(form.b));
    if a.is_empty() || b.is_empty() {
        let known = |slug: &str| {
            if site.content.role(slug).is_some() {
                slug.to_owned()
            } else {
                String::new()
            }
        };
        return Err(AppError::MissingRole {
            picked: vec![known(&a), known(&b)],
        });
    }
    // A third and fourth role come from "Add a role".
    let mut slugs = vec![a, b];
    slugs.extend(
        [clean(form.c), clean(form.d)]
            .into_iter()
            .filter(|s| !s.is_empty()),
    );
    let sides: Vec<&str> = slugs.iter().map(String::as_str).collect();
    check_roles(&site, &sides)?;
    let target = site
        .settings
        .link(&format!("/compare/{}", sides.join("-vs-")));
    Ok(Redirect::to(&target).into_response())
}

/// A resource found by its path alone: pages, assets, cards and data
/// files. Only requests the stored path in [`App`] did not answer get here
/// (with a query string, or a card not drawn yet).
async fn by_path(
    State(state): State<AppState>,
    uri: Uri,
    request: HeaderMap,
) -> Result<Response, AppError> {
    // Under a base path the router sees the path without it already.
    serve_or_render(&state, uri.path(), &request)
        .await?
        .ok_or(AppError::NotFound)
}

/// `/api/roles/{slug}`; a renamed role's old slug answers 301.
async fn api_role(
    State(state): State<AppState>,
    Param(slug): Param<String>,
    request: HeaderMap,
) -> Result<Response, AppError> {
    let site = state.site();
    if let Some(response) = serve(&site, &format!("/api/roles/{slug}"), &request) {
        return Ok(response);
    }
    match site.content.aliased(&slug) {
        Some(role) => Ok(renamed(&site, &format!("/api/roles/{}", role.slug))),
        None => Err(AppError::UnknownRoles {
            unknown: vec![slug],
            picked: Vec::new(),
        }),
    }
}

/// `/api/compare/{a}-vs-{b}…`; renamed roles' old slugs answer 301.
async fn api_compare(
    State(state): State<AppState>,
    Param(pair): Param<String>,
    request: HeaderMap,
) -> Result<Response, AppError> {
    if let Some(response) =
        serve_or_render(&state, &format!("/api/compare/{pair}"), &request).await?
    {
        return Ok(response);
    }
    let site = state.site();
    let sides = sides(&pair)?;
    if let Some(current) = dealias(&site, &pair) {
        return Ok(renamed(&site, &format!("/api/compare/{current}")));
    }
    check_roles(&site, &sides)?;
    Err(AppError::NotFound)
}

/// `/favicon.ico`, which some clients ask for whatever the page declares:
/// a redirect to the fingerprinted icon.
async fn favicon(State(state): State<AppState>) -> Response {
    let site = state.site();
    moved(&site, &site.assets.favicon_path.clone())
}

/// Unknown paths: `/x/` → 308 to `/x`; anything else → 404. Under a base
/// path, `uri` is relative to it.
async fn fallback(State(state): State<AppState>, uri: Uri) -> Result<Response, AppError> {
    let path = uri.path();
    let trimmed = path.trim_end_matches('/');
    // `//host/` or `/\host/` must not become a redirect to another host.
    if path.len() > 1 && path.ends_with('/') && !trimmed.is_empty() && stays_on_site(trimmed) {
        let target = state.site().settings.link(trimmed);
        let target = match uri.query() {
            Some(query) => format!("{target}?{query}"),
            None => target,
        };
        return Ok(Redirect::permanent(&target).into_response());
    }
    Err(AppError::NotFound)
}

/// Whether a browser resolves `location` to a page of this site: a path
/// whose second character cannot start an authority (`//host`), with no
/// backslash (WHATWG URL parsers read `\` as `/`, so `/\host` is
/// `//host`) and no tab or newline (which they drop, so `/\t/host` is
/// `//host` too).
fn stays_on_site(location: &str) -> bool {
    let mut chars = location.chars();
    chars.next() == Some('/')
        && chars.next() != Some('/')
        && !location.contains(['\\', '\t', '\n', '\r'])
}

/// The one per-request middleware: GET and HEAD only (anything else is 405
/// with `Allow`); a redirect that would leave the site is a 404 (a bug,
/// logged); an `AppError` becomes a themed page, or under `/api/` a JSON
/// object (server errors are logged, never shown); responses built
/// outside a stored resource (redirects, errors, the health check) get the
/// security headers that stored resources carry already.
async fn finish(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // Outside the nest: the path still holds the base path.
    let api = is_api(&state.site().settings.base_path, request.uri().path());
    let explain = |error: &AppError, response: &mut Response| {
        if api {
            render_api_error(error, response);
        } else {
            render_error(&state, error, response);
        }
    };
    let mut response = if let Some(error) = refuse(&request) {
        let mut response = error.clone().into_response();
        explain(&error, &mut response);
        response
    } else {
        let path = request.uri().path().to_owned();
        let mut response = next.run(request).await;
        let location = response.headers().get(header::LOCATION);
        if location.is_some_and(|l| !l.to_str().is_ok_and(stays_on_site)) {
            tracing::error!(%path, ?location, "refused a redirect off the site");
            response = AppError::NotFound.into_response();
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
/// without `Host` (400), a method other than GET or HEAD (405), an
/// overlong URI (414), oversized headers (431), or a body (400).
fn refuse<B>(request: &HttpRequest<B>) -> Option<AppError> {
    if request.extensions().get::<MissingHost>().is_some() {
        return Some(AppError::MissingHost);
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
    None
}

/// Whether `path` (with the base path) is in the JSON API: `/api` or under
/// `/api/`.
fn is_api(base_path: &str, path: &str) -> bool {
    path.strip_prefix(base_path)
        .is_some_and(|rest| rest == "/api" || rest.starts_with("/api/"))
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
fn render_api_error(error: &AppError, response: &mut Response) {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = ApiError {
        status: status.as_u16(),
        error: status.canonical_reason().unwrap_or("error").to_lowercase(),
        message: crate::render::errors::api_message(error),
    };
    let body = serde_json::to_string(&body).unwrap_or_default();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.remove(header::CONTENT_LENGTH);
    *response.body_mut() = Body::from(body);
}

/// Replaces the body of an error response with the themed page.
fn render_error(state: &AppState, error: &AppError, response: &mut Response) {
    let site = state.site();
    let body = site.error_page(&crate::render::errors::view(error, &site.content));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.remove(header::CONTENT_LENGTH);
    *response.body_mut() = Body::from(body);
}
