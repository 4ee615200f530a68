//! What every page's template shares: the layout `base.html` fills and
//! the title of a page.

use super::Site;
use crate::address::Page;
use crate::render::views::{Layout, OpenGraph};

/// The layout every page shares. A page with a canonical address gets
/// link-preview tags, with its own card if it has one.
pub fn layout<'a>(
    site: Site<'a>,
    title: String,
    description: String,
    canonical: Option<&Page>,
) -> Layout<'a> {
    let about = &site.content.site;
    let og_title = title
        .trim_end_matches(&format!(" — {}", about.title))
        .to_owned();
    let card = canonical
        .and_then(Page::card)
        .unwrap_or_else(|| Page::Card(Box::new(Page::Home)));
    Layout {
        site: about,
        roles: site.content.ordered().collect(),
        settings: site.settings,
        css: site.settings.link(&site.assets.css_path),
        favicon: site.settings.link(&site.assets.favicon_path),
        title,
        description,
        og: canonical.map(|_| OpenGraph {
            title: og_title.clone(),
            kind: "website",
            image: site.settings.absolute(&card.path()),
            image_alt: format!("{}: {}", about.title, about.tagline),
        }),
        canonical: canonical.map(|page| site.settings.absolute(&page.path())),
        picked: Vec::new(),
        fit: site.content.fit.as_ref(),
        json_ld: None,
    }
}

/// The title of a page: what it shows, then the site's name.
pub fn title(site: Site<'_>, what: &str) -> String {
    format!("{what} — {}", site.content.site.title)
}

/// The slugs of `roles`, to preselect in the picker.
pub fn slugs(roles: &[&crate::content::Role]) -> Vec<String> {
    roles.iter().map(|role| role.slug.clone()).collect()
}
