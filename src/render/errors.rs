//! What an error page and an API error say: the wording of every
//! [`AppError`], for readers and for programs.

use crate::address::{MAX_ROLES, Page, Sides};
use crate::content::{Content, Role};
use crate::error::AppError;

use super::suggest::closest_roles;

/// What a 503 says: the server is busy, try again shortly.
const BUSY: &str = "The site is busy answering other readers. Please try again in a moment.";

/// What an error page says.
pub struct ErrorView<'a> {
    pub status: u16,
    pub heading: String,
    pub message: String,
    /// Roles the reader may have meant.
    pub suggestions: Vec<&'a Role>,
    /// Slugs to preselect in the picker.
    pub picked: Vec<String>,
    /// Pages the reader may want instead: `(link text, address)`.
    pub instead: Vec<(String, Page)>,
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
        AppError::PairOnly { count, .. } => {
            format!("This address names {count} roles; a move is from one role to another.")
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
        AppError::RepeatedHost => {
            "A request must name the site in one Host header, not several.".to_owned()
        }
        AppError::Busy => BUSY.to_owned(),
        AppError::MethodNotAllowed => "This site only answers GET and HEAD requests.".to_owned(),
        AppError::Internal(_) => {
            "The server could not answer this request. Please try again.".to_owned()
        }
    }
}

impl<'a> ErrorView<'a> {
    /// A page that says `heading` and `message`, with nothing to pick.
    fn says(error: &AppError, heading: &str, message: String) -> Self {
        Self {
            status: error.status(),
            heading: heading.to_owned(),
            message,
            suggestions: Vec::new(),
            picked: Vec::new(),
            instead: Vec::new(),
        }
    }

    /// The picker preselected with `picked`.
    fn picking(mut self, picked: Vec<String>) -> Self {
        self.picked = picked;
        self
    }
}

/// What the error page of `error` says, for readers.
pub fn view<'a>(error: &AppError, content: &'a Content) -> ErrorView<'a> {
    if let Some((heading, message)) = fixed_wording(error) {
        let view = ErrorView::says(error, heading, message.to_owned());
        return match error {
            AppError::MissingRole { picked } => view.picking(picked.clone()),
            _ => view,
        };
    }
    let (heading, message) = match error {
        AppError::UnknownRoles { unknown, picked } => {
            return unknown_roles(error, content, unknown).picking(picked.clone());
        }
        AppError::SameRole { slug } => {
            let title = content
                .role(slug)
                .map_or_else(|| slug.clone(), |role| role.title.to_string());
            let message = format!(
                "A comparison needs different roles, and {title} appears more than once. Choose another role in its place."
            );
            return ErrorView::says(error, "Pick different roles", message)
                .picking(vec![slug.clone()]);
        }
        AppError::PairOnly { count, picked } => return pair_only(error, content, *count, picked),
        AppError::TooManyRoles { count } => (
            "Compare up to four roles",
            format!(
                "This address names {count} roles; a comparison shows two, three or four side by side. Pick fewer roles."
            ),
        ),
        AppError::UnknownView { view } => (
            "Unknown view",
            format!(
                "A comparison has no view called “{view}”. Use ?view=differences to see only what differs, or leave it out to see everything."
            ),
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
                "Unknown sort order",
                format!(
                    "The salaries table cannot be sorted by “{sort}”. Sort it by one of {}, or open it without a sort.",
                    levels.join(", ")
                ),
            )
        }
        // Every other error has fixed wording, answered above.
        _ => ("Something went wrong", String::new()),
    };
    ErrorView::says(error, heading, message)
}

/// A move named with three or four roles: pick two, or compare them all.
fn pair_only<'a>(
    error: &AppError,
    content: &'a Content,
    count: usize,
    picked: &[String],
) -> ErrorView<'a> {
    let message = format!(
        "This address names {count} roles, and a move is from one role to another: this page compares two. Pick the role you are in and the one you are thinking of moving to, or compare all {count} side by side on the comparison page."
    );
    let mut view = ErrorView::says(error, "A move is between two roles", message)
        .picking(picked.iter().take(2).cloned().collect());
    view.instead = pair_only_links(content, picked);
    view
}

/// The heading and message of errors whose page says the same every time.
fn fixed_wording(error: &AppError) -> Option<(&'static str, &'static str)> {
    Some(match error {
        AppError::NotFound => (
            "Page not found",
            "There is no page at this address. It may have moved, or the link may have a typo.",
        ),
        AppError::MissingRole { .. } => (
            "Pick two roles",
            "A comparison needs two roles: choose one in each list.",
        ),
        AppError::BadQuery => (
            "Bad request",
            "The address has a query string we could not read.",
        ),
        AppError::UriTooLong => (
            "Address too long",
            "This address is longer than any page on this site. Check the link, or start from the home page.",
        ),
        AppError::HeadersTooLarge => (
            "Request headers too large",
            "The request carried more header data than this site accepts. Clearing this site’s cookies usually helps.",
        ),
        AppError::BodyNotAllowed => ("Bad request", "Requests to this site carry no body."),
        AppError::MissingHost => (
            "Bad request",
            "HTTP/1.1 requests must name the site in a Host header.",
        ),
        AppError::RepeatedHost => (
            "Bad request",
            "A request must name the site in one Host header, not several.",
        ),
        AppError::Busy => ("Too busy right now", BUSY),
        AppError::MethodNotAllowed => (
            "Method not allowed",
            "This site only answers GET and HEAD requests.",
        ),
        AppError::Internal(_) => (
            "Something went wrong",
            "The server could not answer this request. Please try again.",
        ),
        _ => return None,
    })
}

/// For a move asked between three or four roles, when they are roles of
/// the site, each different: their comparison, and the move from the
/// first to the second.
fn pair_only_links(content: &Content, picked: &[String]) -> Vec<(String, Page)> {
    let roles: Vec<&Role> = picked.iter().filter_map(|s| content.role(s)).collect();
    let distinct = roles
        .iter()
        .enumerate()
        .all(|(i, role)| roles[..i].iter().all(|r| r.slug != role.slug));
    if roles.len() != picked.len() || !distinct || roles.len() < 3 {
        return Vec::new();
    }
    let titles: Vec<&str> = roles.iter().map(|role| role.title.as_str()).collect();
    let (last, rest) = titles.split_last().unwrap_or((&"", &[]));
    let sides = |roles: &[&Role]| Sides::of(roles.iter().map(|role| &role.slug));
    vec![
        (
            format!("Compare {} and {last} side by side", rest.join(", ")),
            Page::Compare(sides(&roles)),
        ),
        (
            format!("Moving from {} to {}", titles[0], titles[1]),
            Page::Transition(sides(&roles[..2])),
        ),
    ]
}

/// The page for roles we do not have, suggesting the closest we do.
fn unknown_roles<'a>(error: &AppError, content: &'a Content, unknown: &[String]) -> ErrorView<'a> {
    let names: Vec<String> = unknown.iter().map(|s| format!("“{s}”")).collect();
    let mut suggestions: Vec<&Role> = Vec::new();
    // Never more sides than a comparison shows: suggestions cost a little
    // per side.
    for slug in unknown.iter().take(MAX_ROLES) {
        for role in closest_roles(content, slug) {
            if !suggestions.iter().any(|r| r.slug == role.slug) {
                suggestions.push(role);
            }
        }
    }
    let heading = if unknown.len() > 1 {
        "Roles not found"
    } else {
        "Role not found"
    };
    let mut view = ErrorView::says(
        error,
        heading,
        format!(
            "We have no role called {}. Pick from the roles we have below.",
            names.join(" or ")
        ),
    );
    view.suggestions = suggestions;
    view
}
