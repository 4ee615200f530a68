//! What each address answers. One handler reads the address under the base
//! path ([`Address`]) and answers by the kind of page: a rendered page from
//! the site (rendered first if it is made on request), a redirect when only
//! a slug's case or a renamed role's old slug is wrong, or an error that
//! says why there is no such page.

use axum::Extension;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use percent_encoding::percent_decode_str;
use serde::Deserialize;

use super::connections::Connection;
use super::middleware::{OverCap, stays_on_site};
use super::respond::{add_security_headers, cache_control, respond};
use super::state::AppState;
use crate::address::{MAX_ROLES, Page, Sides};
use crate::error::AppError;
use crate::render::Rendered;

/// The address a request names, read under the base path. A path that
/// names no address of the site is answered before any handler: `{base}/`
/// and `/x/` redirect to `{base}` and `/x`, anything else is an error.
pub struct Address(pub Page);

impl FromRequestParts<AppState> for Address {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let site = state.site();
        let path = parts.uri.path();
        let path = match site.settings.base_path.as_str() {
            "" => path,
            base => match path.strip_prefix(base) {
                Some("") => "/",
                Some("/") => return Err(moved(&site, &Page::Home.path())),
                Some(rest) if rest.starts_with('/') => rest,
                _ => return Err(AppError::NotFound.into_response()),
            },
        };
        // Slugs arrive percent-encoded as often as not; bytes that are
        // not UTF-8 name no page.
        let decoded = percent_decode_str(path).decode_utf8().ok();
        match decoded.map(|decoded| Page::parse(&decoded, parts.uri.query())) {
            Some(Ok(page)) => Ok(Self(page)),
            Some(Err(AppError::NotFound)) | None => {
                Err(without_trailing_slash(&site, path, &parts.uri)
                    .unwrap_or_else(|| AppError::NotFound.into_response()))
            }
            Some(Err(error)) => Err(error.into_response()),
        }
    }
}

/// `/x/` → 308 to `/x` (with its query), when that stays on the site.
fn without_trailing_slash(site: &Rendered, path: &str, uri: &Uri) -> Option<Response> {
    let trimmed = path.trim_end_matches('/');
    // `//host/` or `/\host/` must not become a redirect to another host.
    if path.len() > 1 && path.ends_with('/') && !trimmed.is_empty() && stays_on_site(trimmed) {
        let target = site.settings.link(trimmed);
        let target = match uri.query() {
            Some(query) => format!("{target}?{query}"),
            None => target,
        };
        return Some(Redirect::permanent(&target).into_response());
    }
    None
}

/// Every address: pages and files of the site, the forms' targets, the
/// health check and the favicon.
pub async fn answer(
    State(state): State<AppState>,
    Address(page): Address,
    method: Method,
    connection: Option<Extension<Connection>>,
    over_cap: Option<Extension<OverCap>>,
    uri: Uri,
    request: HeaderMap,
) -> Result<Response, AppError> {
    match page {
        Page::Health => Ok(healthz()),
        Page::Favicon => {
            let site = state.site();
            Ok(moved(&site, &site.assets.favicon_path))
        }
        Page::Picker => picker(&state, &uri),
        Page::Fit => fit_form(&state, &uri, &request),
        Page::FitResult => fit_result(&state, &uri),
        Page::PayPicker(sides, area) => area_chosen(&state.site(), sides, &area),
        page => {
            let connection = match (&connection, over_cap) {
                (_, Some(_)) => Renderer::None,
                (Some(Extension(connection)), None) => Renderer::For(connection),
                (None, None) => Renderer::Anyone,
            };
            match serve_or_render(&state, &page, &method, connection, &request).await? {
                Some(response) => Ok(response),
                None => missing(&state.site(), &page),
            }
        }
    }
}

/// The resource at `page` in the form the request accepts, rendering it
/// first if it is made on request (see [`super::renders`]). `None` if there
/// is no such page; a page that exists but cannot be rendered is a 500
/// (logged); one that cannot be rendered in time a 503.
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
) -> Result<Option<Response>, AppError> {
    if let Some(resource) = state.site().lookup(page) {
        return Ok(Some(respond(&resource, request)));
    }
    let site = state.site.load_full();
    if *method == Method::HEAD && !request.contains_key(header::IF_NONE_MATCH) {
        return Ok(site.made_on_request_as(page).map(|content_type| {
            unrendered_head(&site, content_type, matches!(page, Page::ApiCompare(_)))
        }));
    }
    if !site.exists(page) {
        return Ok(None);
    }
    let connection = match renderer {
        Renderer::None => return Err(AppError::Busy),
        Renderer::For(connection) => Some(connection),
        Renderer::Anyone => None,
    };
    let owned = page.clone();
    let rendered = state
        .renders
        .run(connection, move || site.get(&owned))
        .await?
        .map_err(|error| AppError::Internal(error.to_string()))?;
    Ok(rendered.map(|resource| respond(&resource, request)))
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
fn unrendered_head(site: &Rendered, content_type: &'static str, api: bool) -> Response {
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
    if api {
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
    }
    add_security_headers(headers);
    response
}

/// Whether `page` is an HTML page naming roles by slug (which takes its
/// slugs in any case).
fn names_roles_for_readers(page: &Page) -> bool {
    matches!(
        page,
        Page::Role(_)
            | Page::Compare(_)
            | Page::Differences(_)
            | Page::Day(_)
            | Page::Share(..)
            | Page::Transition(_)
            | Page::Pay(..)
            | Page::PayIn(..)
            | Page::RolePay(_)
    )
}

/// Why the site has no `page`, or where it is now: a slug in the wrong
/// case redirects (308), a renamed role's old slug too (301), and unknown,
/// repeated or too many roles say so.
fn missing(site: &Rendered, page: &Page) -> Result<Response, AppError> {
    let html = names_roles_for_readers(page);
    let api = matches!(page, Page::ApiRole(_) | Page::ApiCompare(_));
    if let Page::Salaries(Some(sort)) = page {
        return Err(AppError::UnknownSort { sort: sort.clone() });
    }
    if !html && !api {
        return Err(AppError::NotFound);
    }
    // Pages for readers take their slugs in any case; the API's are exact.
    let asked = if html {
        let lower = page.with_slugs(str::to_lowercase);
        if lower != *page && site.exists(&lower) {
            return Ok(moved(site, &lower.path()));
        }
        lower
    } else {
        page.clone()
    };
    let current = asked.with_slugs(|slug| {
        site.content
            .aliased(slug)
            .map_or_else(|| slug.to_owned(), |role| role.slug.clone())
    });
    if current != asked {
        return Ok(renamed(site, &current.path()));
    }
    match page {
        // The slug as it was asked for.
        Page::Role(slug) | Page::ApiRole(slug) | Page::RolePay(slug)
            if site.content.role(&slug.to_lowercase()).is_none() =>
        {
            Err(AppError::UnknownRoles {
                unknown: vec![slug.clone()],
                picked: Vec::new(),
            })
        }
        Page::Role(_) | Page::ApiRole(_) | Page::RolePay(_) => Err(AppError::NotFound),
        _ => {
            let slugs: Vec<&str> = asked.slugs().iter().map(String::as_str).collect();
            check_roles(site, &slugs)?;
            // The roles exist, differ and are few enough, but the address
            // names no page of theirs.
            match page {
                Page::Pay(_, Some(sort)) => Err(AppError::UnknownSort { sort: sort.clone() }),
                _ => Err(AppError::NotFound),
            }
        }
    }
}

/// The area form's target: 303 to the pair's page for the chosen area
/// (the nation's page when none is chosen), named by the area's slug
/// (what the form sends, or a name written any other way: `San Jose, CA`
/// is `san-jose-ca`); an area the form does not offer is the pay page's
/// 404, and so is a value with nothing of a slug in it.
fn area_chosen(site: &Rendered, sides: Sides, area: &str) -> Result<Response, AppError> {
    let page = if area.is_empty() {
        Page::Pay(sides, None)
    } else {
        Page::PayIn(
            sides,
            crate::oews::model::slug(area).ok_or(AppError::NotFound)?,
        )
    };
    Ok(Redirect::to(&site.settings.link(&page.path())).into_response())
}

/// Why these slugs cannot be compared, if they cannot: more than four
/// (400, before any lookup), unknown roles (404), or a role twice (400).
fn check_roles(site: &Rendered, slugs: &[&str]) -> Result<(), AppError> {
    if slugs.len() > MAX_ROLES {
        return Err(AppError::TooManyRoles { count: slugs.len() });
    }
    let known = |slug: &str| site.content.role(slug).is_some();
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
    if let Some(slug) = slugs
        .iter()
        .enumerate()
        .find_map(|(i, slug)| slugs[..i].contains(slug).then_some(slug))
    {
        return Err(AppError::SameRole {
            slug: (*slug).to_owned(),
        });
    }
    Ok(())
}

/// A permanent redirect (308) to a path inside the site.
fn moved(site: &Rendered, path: &str) -> Response {
    Redirect::permanent(&site.settings.link(path)).into_response()
}

/// 301 to the same page under renamed roles' current slugs.
fn renamed(site: &Rendered, path: &str) -> Response {
    let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
    if let Ok(location) = HeaderValue::from_str(&site.settings.link(path)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

fn healthz() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        "ok",
    )
        .into_response()
}

/// A page rendered for this request (it depends on the query string).
fn rendered_now(
    site: &Rendered,
    status: StatusCode,
    html: Option<Result<String, askama::Error>>,
) -> Result<Response, AppError> {
    let html = match html {
        None => return Err(AppError::NotFound),
        Some(Ok(html)) => html,
        Some(Err(error)) => return Err(AppError::Internal(error.to_string())),
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

/// The query string as `(name, value)` pairs; unreadable is a 400.
fn query_pairs(uri: &Uri) -> Result<Vec<(String, String)>, AppError> {
    let query: Result<Query<Vec<(String, String)>>, QueryRejection> = Query::try_from_uri(uri);
    query
        .map(|Query(pairs)| pairs)
        .map_err(|_| AppError::BadQuery)
}

/// `/fit`: the questionnaire; with answers in the query ("change your
/// answers"), the same form with them checked.
fn fit_form(state: &AppState, uri: &Uri, request: &HeaderMap) -> Result<Response, AppError> {
    let pairs = query_pairs(uri)?;
    let site = state.site();
    let Some(fit) = site.content.fit.as_ref() else {
        return Err(AppError::NotFound);
    };
    if pairs.is_empty() {
        return site
            .lookup(&Page::Fit)
            .map(|resource| respond(&resource, request))
            .ok_or(AppError::NotFound);
    }
    let mut reading = crate::fit::read(fit, &pairs);
    reading.problems.clear();
    rendered_now(&site, StatusCode::OK, site.fit_form(Some(&reading)))
}

/// `/fit/result?{question}={answer}&…`: the scores, or the form again with
/// what is wrong (400), keeping the valid answers.
fn fit_result(state: &AppState, uri: &Uri) -> Result<Response, AppError> {
    let pairs = query_pairs(uri)?;
    let site = state.site();
    let Some(fit) = site.content.fit.as_ref() else {
        return Err(AppError::NotFound);
    };
    let reading = crate::fit::read(fit, &pairs);
    match reading.complete() {
        Some(chosen) => rendered_now(&site, StatusCode::OK, site.fit_result(&reading, &chosen)),
        None => rendered_now(
            &site,
            StatusCode::BAD_REQUEST,
            site.fit_form(Some(&reading)),
        ),
    }
}

#[derive(Debug, Deserialize)]
struct PickerQuery {
    a: Option<String>,
    b: Option<String>,
    c: Option<String>,
    d: Option<String>,
}

/// The picker's target: `/compare?a=x&b=y` → 303 to `/compare/x-vs-y`.
fn picker(state: &AppState, uri: &Uri) -> Result<Response, AppError> {
    let query: Result<Query<PickerQuery>, QueryRejection> = Query::try_from_uri(uri);
    let Ok(Query(form)) = query else {
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
    let target = site.settings.link(&Page::Compare(Sides::of(sides)).path());
    Ok(Redirect::to(&target).into_response())
}
