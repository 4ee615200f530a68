//! Error pages: what a reader sees when there is no page, in the site's
//! layout. Rendered per request: each names what the reader asked for.
//! What each says is `render::errors`'s; its status code is `http`'s.

use askama::Template;

use super::Site;
use super::layout::{layout, title};
use crate::render::errors::ErrorView;
use crate::render::views::Layout;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page: Layout<'a>,
    error: &'a ErrorView<'a>,
}

/// An error page in the site's layout.
pub fn error_page(site: Site<'_>, error: &ErrorView<'_>) -> String {
    let mut page = layout(
        site,
        title(site, &error.heading),
        error.message.clone(),
        None,
    );
    page.picked = error.picked.clone();
    let page = ErrorPage { page, error };
    page.render().unwrap_or_else(|_| {
        // Rendering from owned strings cannot fail in practice; if it ever
        // does, the reader still gets the message.
        format!(
            "<!doctype html><title>{0}</title><h1>{0}</h1>",
            error.status
        )
    })
}
