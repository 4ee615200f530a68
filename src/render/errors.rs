//! What an error page and an API error say: the wording of every
//! [`AppError`], for readers and for programs.

use crate::address::MAX_ROLES;
use crate::content::{Content, Role};
use crate::error::AppError;

use super::suggest::closest_roles;

/// What an error page says.
pub struct ErrorView<'a> {
    pub status: u16,
    pub heading: String,
    pub message: String,
    /// Roles the reader may have meant.
    pub suggestions: Vec<&'a Role>,
    /// Slugs to preselect in the picker.
    pub picked: Vec<String>,
}

/// What `error` says in the JSON API: one sentence, with no page
/// around it to point at.
pub fn api_message(error: &AppError) -> String {
    match error {
        AppError::NotFound => "There is no data at this address.".to_owned(),
        AppError::UnknownRoles { unknown, .. } => {
            let names: Vec<String> = unknown.iter().map(|s| format!("“{s}”")).collect();
            format!("We have no role called {}.", names.join(" or "))
        }
        AppError::TooManyRoles { count } => {
            format!("This address names {count} roles; a comparison has two, three or four.")
        }
        AppError::SameRole { slug } => {
            format!("A comparison needs different roles, and “{slug}” appears more than once.")
        }
        AppError::UnknownView { view } => format!("A comparison has no view called “{view}”."),
        AppError::MissingRole { .. } => "A comparison needs two roles.".to_owned(),
        AppError::UnknownSort { sort } => {
            format!("The salaries cannot be sorted by “{sort}”.")
        }
        AppError::BadQuery => "The address has a query string we could not read.".to_owned(),
        AppError::UriTooLong => "This address is longer than any on this site.".to_owned(),
        AppError::HeadersTooLarge => {
            "The request carried more header data than this site accepts.".to_owned()
        }
        AppError::BodyNotAllowed => "Requests to this site carry no body.".to_owned(),
        AppError::MissingHost => {
            "HTTP/1.1 requests must name the site in a Host header.".to_owned()
        }
        AppError::MethodNotAllowed => "This site only answers GET and HEAD requests.".to_owned(),
        AppError::Internal(_) => {
            "The server could not answer this request. Please try again.".to_owned()
        }
    }
}

/// What the error page of `error` says, for readers.
pub fn view<'a>(error: &AppError, content: &'a Content) -> ErrorView<'a> {
    let status = error.status();
    let (heading, message, suggestions, picked) = match error {
        AppError::NotFound => (
            "Page not found".to_owned(),
            "There is no page at this address. It may have moved, or the link may have a typo."
                .to_owned(),
            Vec::new(),
            Vec::new(),
        ),
        AppError::UnknownRoles { unknown, picked } => {
            let names: Vec<String> = unknown.iter().map(|s| format!("“{s}”")).collect();
            let mut suggestions = Vec::new();
            // Never more sides than a comparison shows: suggestions
            // cost a little per side.
            for slug in unknown.iter().take(MAX_ROLES) {
                for role in closest_roles(content, slug) {
                    if !suggestions
                        .iter()
                        .any(|r: &&Role| r.slug == role.slug)
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
        AppError::SameRole { slug } => {
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
        AppError::TooManyRoles { count } => (
            "Compare up to four roles".to_owned(),
            format!(
                "This address names {count} roles; a comparison shows two, three or four side by side. Pick fewer roles."
            ),
            Vec::new(),
            Vec::new(),
        ),
        AppError::UnknownView { view } => (
            "Unknown view".to_owned(),
            format!(
                "A comparison has no view called “{view}”. Use ?view=differences to see only what differs, or leave it out to see everything."
            ),
            Vec::new(),
            Vec::new(),
        ),
        AppError::MissingRole { picked } => (
            "Pick two roles".to_owned(),
            "A comparison needs two roles: choose one in each list.".to_owned(),
            Vec::new(),
            picked.clone(),
        ),
        AppError::UnknownSort { sort } => {
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
        AppError::BadQuery => (
            "Bad request".to_owned(),
            "The address has a query string we could not read.".to_owned(),
            Vec::new(),
            Vec::new(),
        ),
        AppError::UriTooLong => (
            "Address too long".to_owned(),
            "This address is longer than any page on this site. Check the link, or start from the home page.".to_owned(),
            Vec::new(),
            Vec::new(),
        ),
        AppError::HeadersTooLarge => (
            "Request headers too large".to_owned(),
            "The request carried more header data than this site accepts. Clearing this site’s cookies usually helps.".to_owned(),
            Vec::new(),
            Vec::new(),
        ),
        AppError::BodyNotAllowed => (
            "Bad request".to_owned(),
            "Requests to this site carry no body.".to_owned(),
            Vec::new(),
            Vec::new(),
        ),
        AppError::MissingHost => (
            "Bad request".to_owned(),
            "HTTP/1.1 requests must name the site in a Host header.".to_owned(),
            Vec::new(),
            Vec::new(),
        ),
        AppError::MethodNotAllowed => (
            "Method not allowed".to_owned(),
            "This site only answers GET and HEAD requests.".to_owned(),
            Vec::new(),
            Vec::new(),
        ),
        AppError::Internal(_) => (
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
