//! One error type for the HTTP layer, mapped to a status and a themed page.
//!
//! Handlers return `AppError`; its `IntoResponse` only sets the status and
//! attaches the error to the response. The `finish` middleware (which has
//! the rendered site and the request's path) turns it into a page in the
//! site's layout, or under `/api/` into a small JSON object, and logs
//! server errors. Nothing internal ever reaches the client.

use std::sync::Arc;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::content::Content;
use crate::render::{ErrorView, closest_roles};

#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    /// No page at this path.
    #[error("no page at this address")]
    NotFound,
    /// A role URL or comparison names roles that do not exist.
    #[error("unknown role: {}", unknown.join(", "))]
    UnknownRoles {
        unknown: Vec<String>,
        /// What the reader asked for, to refill the picker.
        picked: Vec<String>,
    },
    /// More roles than one comparison shows.
    #[error("too many roles: {count}")]
    TooManyRoles { count: usize },
    /// `?view=` names no view.
    #[error("unknown view: {view}")]
    UnknownView { view: String },
    /// A comparison of a role with itself.
    #[error("the same role twice: {slug}")]
    SameRole { slug: String },
    /// The picker was sent without two roles.
    #[error("the comparison form is missing a role")]
    MissingRole { picked: Vec<String> },
    /// `/salaries?sort=` names no salary level.
    #[error("unknown sort key: {sort}")]
    UnknownSort { sort: String },
    /// The query string could not be read.
    #[error("malformed query string")]
    BadQuery,
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
    /// Any method but GET and HEAD.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A bug or an I/O failure; logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound | Self::UnknownRoles { .. } => StatusCode::NOT_FOUND,
            Self::SameRole { .. }
            | Self::TooManyRoles { .. }
            | Self::UnknownView { .. }
            | Self::MissingRole { .. }
            | Self::BadQuery
            | Self::UnknownSort { .. } => StatusCode::BAD_REQUEST,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::UriTooLong => StatusCode::URI_TOO_LONG,
            Self::HeadersTooLarge => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            Self::BodyNotAllowed | Self::MissingHost => StatusCode::BAD_REQUEST,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the error says in the JSON API: one sentence, with no page
    /// around it to point at.
    pub fn api_message(&self) -> String {
        match self {
            Self::NotFound => "There is no data at this address.".to_owned(),
            Self::UnknownRoles { unknown, .. } => {
                let names: Vec<String> = unknown.iter().map(|s| format!("“{s}”")).collect();
                format!("We have no role called {}.", names.join(" or "))
            }
            Self::TooManyRoles { count } => {
                format!("This address names {count} roles; a comparison has two, three or four.")
            }
            Self::SameRole { slug } => {
                format!("A comparison needs different roles, and “{slug}” appears more than once.")
            }
            Self::UnknownView { view } => format!("A comparison has no view called “{view}”."),
            Self::MissingRole { .. } => "A comparison needs two roles.".to_owned(),
            Self::UnknownSort { sort } => {
                format!("The salaries cannot be sorted by “{sort}”.")
            }
            Self::BadQuery => "The address has a query string we could not read.".to_owned(),
            Self::UriTooLong => "This address is longer than any on this site.".to_owned(),
            Self::HeadersTooLarge => {
                "The request carried more header data than this site accepts.".to_owned()
            }
            Self::BodyNotAllowed => "Requests to this site carry no body.".to_owned(),
            Self::MissingHost => {
                "HTTP/1.1 requests must name the site in a Host header.".to_owned()
            }
            Self::MethodNotAllowed => "This site only answers GET and HEAD requests.".to_owned(),
            Self::Internal(_) => {
                "The server could not answer this request. Please try again.".to_owned()
            }
        }
    }

    /// What the error page says, for readers.
    pub fn view<'a>(&self, content: &'a Content) -> ErrorView<'a> {
        let status = self.status().as_u16();
        let (heading, message, suggestions, picked) = match self {
            Self::NotFound => (
                "Page not found".to_owned(),
                "There is no page at this address. It may have moved, or the link may have a typo."
                    .to_owned(),
                Vec::new(),
                Vec::new(),
            ),
            Self::UnknownRoles { unknown, picked } => {
                let names: Vec<String> = unknown.iter().map(|s| format!("“{s}”")).collect();
                let mut suggestions = Vec::new();
                // Never more sides than a comparison shows: suggestions
                // cost a little per side.
                for slug in unknown.iter().take(crate::render::MAX_ROLES) {
                    for role in closest_roles(content, slug) {
                        if !suggestions
                            .iter()
                            .any(|r: &&crate::content::Role| r.slug == role.slug)
                        {
                            suggestions.push(role);
                        }
                    }
                }
                let plural = unknown.len() > 1;
                (
                    if plural {
                        "Roles not found"
                    } else {
                        "Role not found"
                    }
                    .to_owned(),
                    format!(
                        "We have no role called {}. Pick from the roles we have below.",
                        names.join(" or ")
                    ),
                    suggestions,
                    picked.clone(),
                )
            }
            Self::SameRole { slug } => {
                let title = content
                    .role(slug)
                    .map_or_else(|| slug.clone(), |role| role.title.to_string());
                (
                    "Pick different roles".to_owned(),
                    format!(
                        "A comparison needs different roles, and {title} appears more than once. Choose another role in its place."
                    ),
                    Vec::new(),
                    vec![slug.clone()],
                )
            }
            Self::TooManyRoles { count } => (
                "Compare up to four roles".to_owned(),
                format!(
                    "This address names {count} roles; a comparison shows two, three or four side by side. Pick fewer roles."
                ),
                Vec::new(),
                Vec::new(),
            ),
            Self::UnknownView { view } => (
                "Unknown view".to_owned(),
                format!(
                    "A comparison has no view called “{view}”. Use ?view=differences to see only what differs, or leave it out to see everything."
                ),
                Vec::new(),
                Vec::new(),
            ),
            Self::MissingRole { picked } => (
                "Pick two roles".to_owned(),
                "A comparison needs two roles: choose one in each list.".to_owned(),
                Vec::new(),
                picked.clone(),
            ),
            Self::UnknownSort { sort } => {
                let levels: Vec<String> = content
                    .site
                    .levels
                    .value
                    .iter()
                    .map(|level| format!("“{}”", level.id.value))
                    .collect();
                (
                    "Unknown sort order".to_owned(),
                    format!(
                        "The salaries table cannot be sorted by “{sort}”. Sort it by one of {}, or open it without a sort.",
                        levels.join(", ")
                    ),
                    Vec::new(),
                    Vec::new(),
                )
            }
            Self::BadQuery => (
                "Bad request".to_owned(),
                "The address has a query string we could not read.".to_owned(),
                Vec::new(),
                Vec::new(),
            ),
            Self::UriTooLong => (
                "Address too long".to_owned(),
                "This address is longer than any page on this site. Check the link, or start from the home page.".to_owned(),
                Vec::new(),
                Vec::new(),
            ),
            Self::HeadersTooLarge => (
                "Request headers too large".to_owned(),
                "The request carried more header data than this site accepts. Clearing this site’s cookies usually helps.".to_owned(),
                Vec::new(),
                Vec::new(),
            ),
            Self::BodyNotAllowed => (
                "Bad request".to_owned(),
                "Requests to this site carry no body.".to_owned(),
                Vec::new(),
                Vec::new(),
            ),
            Self::MissingHost => (
                "Bad request".to_owned(),
                "HTTP/1.1 requests must name the site in a Host header.".to_owned(),
                Vec::new(),
                Vec::new(),
            ),
            Self::MethodNotAllowed => (
                "Method not allowed".to_owned(),
                "This site only answers GET and HEAD requests.".to_owned(),
                Vec::new(),
                Vec::new(),
            ),
            Self::Internal(_) => (
                "Something went wrong".to_owned(),
                "The server could not answer this request. Please try again.".to_owned(),
                Vec::new(),
                Vec::new(),
            ),
        };
        ErrorView {
            status,
            heading,
            message,
            suggestions,
            picked,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        if matches!(self, Self::MethodNotAllowed) {
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        }
        response.extensions_mut().insert(Arc::new(self));
        response
    }
}
