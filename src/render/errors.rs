//! What an error page and an API error say of each reason an address
//! names no page ([`Missing`]), for readers and for programs. What a
//! refused request says is the HTTP layer's own wording; the status code of
//! each is the HTTP layer's to give.

use crate::address::{MAX_ROLES, Missing, Page, Sides};
use crate::content::{Content, Role};

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
    /// Pages the reader may want instead: `(link text, address)`.
    pub instead: Vec<(String, Page)>,
}

/// What `reason` says in the JSON API: one sentence, with no page
/// around it to point at.
pub fn api_message(reason: &Missing) -> String {
    match reason {
        Missing::NoPage => "There is no data at this address.".to_owned(),
        Missing::UnknownRoles { unknown, .. } => {
            let names: Vec<String> = unknown.iter().map(|s| format!("“{s}”")).collect();
            format!("We have no role called {}.", names.join(" or "))
        }
        Missing::TooManyRoles { count } => {
            format!("This address names {count} roles; a comparison has two, three or four.")
        }
        Missing::SameRole { slug } => {
            format!("A comparison needs different roles, and “{slug}” appears more than once.")
        }
        Missing::PairOnly { count, .. } => {
            format!("This address names {count} roles; a move is from one role to another.")
        }
        Missing::UnknownView { view } => format!("A comparison has no view called “{view}”."),
        Missing::MissingRole { .. } => "A comparison needs two roles.".to_owned(),
        Missing::UnknownSort { sort } => {
            format!("The salaries cannot be sorted by “{sort}”.")
        }
        Missing::BadQuery => "The address has a query string we could not read.".to_owned(),
    }
}

impl<'a> ErrorView<'a> {
    /// A page of the status `status` that says `heading` and `message`,
    /// with nothing to pick.
    pub fn says(status: u16, heading: &str, message: String) -> Self {
        Self {
            status,
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

/// What the error page of `reason` says, for readers, on a page of the
/// status `status`.
pub fn view<'a>(reason: &Missing, content: &'a Content, status: u16) -> ErrorView<'a> {
    let (heading, message) = match reason {
        Missing::NoPage => (
            "Page not found",
            "There is no page at this address. It may have moved, or the link may have a typo."
                .to_owned(),
        ),
        Missing::MissingRole { picked } => {
            return ErrorView::says(
                status,
                "Pick two roles",
                "A comparison needs two roles: choose one in each list.".to_owned(),
            )
            .picking(picked.clone());
        }
        Missing::BadQuery => (
            "Bad request",
            "The address has a query string we could not read.".to_owned(),
        ),
        Missing::UnknownRoles { unknown, picked } => {
            return unknown_roles(status, content, unknown).picking(picked.clone());
        }
        Missing::SameRole { slug } => {
            let title = content
                .role(slug)
                .map_or_else(|| slug.clone(), |role| role.title.to_string());
            let message = format!(
                "A comparison needs different roles, and {title} appears more than once. Choose another role in its place."
            );
            return ErrorView::says(status, "Pick different roles", message)
                .picking(vec![slug.clone()]);
        }
        Missing::PairOnly { count, picked } => return pair_only(status, content, *count, picked),
        Missing::TooManyRoles { count } => (
            "Compare up to four roles",
            format!(
                "This address names {count} roles; a comparison shows two, three or four side by side. Pick fewer roles."
            ),
        ),
        Missing::UnknownView { view } => (
            "Unknown view",
            format!(
                "A comparison has no view called “{view}”. Use ?view=differences to see only what differs, or leave it out to see everything."
            ),
        ),
        Missing::UnknownSort { sort } => {
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
    };
    ErrorView::says(status, heading, message)
}

/// A move named with three or four roles: pick two, or compare them all.
fn pair_only<'a>(
    status: u16,
    content: &'a Content,
    count: usize,
    picked: &[String],
) -> ErrorView<'a> {
    let message = format!(
        "This address names {count} roles, and a move is from one role to another: this page compares two. Pick the role you are in and the one you are thinking of moving to, or compare all {count} side by side on the comparison page."
    );
    let mut view = ErrorView::says(status, "A move is between two roles", message)
        .picking(picked.iter().take(2).cloned().collect());
    view.instead = pair_only_links(content, picked);
    view
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
fn unknown_roles<'a>(status: u16, content: &'a Content, unknown: &[String]) -> ErrorView<'a> {
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
        status,
        heading,
        format!(
            "We have no role called {}. Pick from the roles we have below.",
            names.join(" or ")
        ),
    );
    view.suggestions = suggestions;
    view
}
