//! Templates → bytes. Every page is rendered once when content loads; the
//! HTTP layer only looks pages up. Template structs live here, next to the
//! code that fills them, and are named after the page they render.

pub mod assets;
pub mod chart;
pub mod day;
pub mod format;
mod suggest;
mod views;

use std::collections::HashMap;

use askama::Template;
use axum::body::Bytes;

use crate::content::{Content, Role};
pub use assets::Assets;
use day::DayView;
pub use suggest::closest_roles;
use views::{CompareView, Layout, PairLink, SalariesView};

/// The sections of a comparison or role page, in order: `(id, heading)`.
/// Their ids are part of the URL contract (SPEC: section anchors).
pub const SECTIONS: [(&str, &str); 7] = [
    ("overview", "Overview"),
    ("responsibilities", "Responsibilities"),
    ("skills", "Skills and certifications"),
    ("day-to-day", "Day to day"),
    ("career-path", "Career path"),
    ("job-market", "Job market"),
    ("salaries", "Salaries"),
];

/// Pages under a comparison's path: `/compare/{a}-vs-{b}/{subpage}`.
pub const COMPARE_SUBPAGES: [&str; 1] = ["day-in-the-life"];

/// Where the site lives: used for links and canonical URLs.
#[derive(Debug, Clone, Default)]
pub struct Urls {
    /// Absolute origin (and path) for canonical links, without a trailing
    /// slash, e.g. `https://careers.example.org`.
    pub base_url: String,
    /// Prefix for every root-relative link, e.g. `/careers`, or empty.
    pub base_path: String,
}

impl Urls {
    /// A root-relative link inside the site.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }

    /// The absolute URL of a page.
    pub fn absolute(&self, path: &str) -> String {
        let path = if path == "/" && !self.base_path.is_empty() {
            ""
        } else {
            path
        };
        format!("{}{}{path}", self.base_url, self.base_path)
    }
}

/// The site, rendered: content, page bytes by path, and assets.
pub struct Rendered {
    pub content: Content,
    pub urls: Urls,
    pub assets: Assets,
    /// Page bytes by path (without the base path): `/`, `/roles/{slug}`,
    /// `/compare/{a}-vs-{b}` for every ordered pair.
    pages: HashMap<String, Bytes>,
}

impl Rendered {
    /// Renders every page of `content`.
    pub fn new(content: Content, urls: Urls) -> Result<Self, askama::Error> {
        let assets = Assets::new();
        let mut rendered = Self {
            content,
            urls,
            assets,
            pages: HashMap::new(),
        };
        let mut pages = HashMap::new();
        pages.insert("/".to_owned(), rendered.home()?);
        for role in &rendered.content.roles {
            pages.insert(format!("/roles/{}", role.slug), rendered.role(role)?);
        }
        pages.insert("/salaries".to_owned(), rendered.salaries(None)?);
        for level in &rendered.content.site.levels.value {
            let id = level.id.value.as_str();
            pages.insert(format!("/salaries?sort={id}"), rendered.salaries(Some(id))?);
        }
        for a in &rendered.content.roles {
            for b in &rendered.content.roles {
                if a.slug != b.slug {
                    let path = format!("/compare/{}-vs-{}", a.slug, b.slug);
                    pages.insert(format!("{path}/day-in-the-life"), rendered.day(&[a, b])?);
                    pages.insert(path, rendered.compare(&[a, b])?);
                }
            }
        }
        rendered.pages = pages;
        Ok(rendered)
    }

    /// A rendered page by its path (without the base path).
    pub fn page(&self, path: &str) -> Option<Bytes> {
        self.pages.get(path).cloned()
    }

    fn layout(&self, title: String, description: String, canonical: Option<&str>) -> Layout<'_> {
        Layout {
            site: &self.content.site,
            roles: &self.content.roles,
            urls: &self.urls,
            css: self.urls.link(&self.assets.css_path),
            favicon: self.urls.link(&self.assets.favicon_path),
            title,
            description,
            canonical: canonical.map(|path| self.urls.absolute(path)),
            picked: Vec::new(),
        }
    }

    fn home(&self) -> Result<Bytes, askama::Error> {
        let site = &self.content.site;
        let page = HomePage {
            page: self.layout(
                format!("{}: {}", site.title, site.tagline),
                site.description.to_string(),
                Some("/"),
            ),
            roles: &self.content.roles,
            curated: self
                .content
                .comparisons
                .iter()
                .filter_map(|c| PairLink::new(&self.content, &self.urls, &c.a, &c.b))
                .collect(),
        };
        Ok(Bytes::from(page.render()?))
    }

    fn role(&self, role: &Role) -> Result<Bytes, askama::Error> {
        let others = self
            .content
            .roles
            .iter()
            .filter(|other| other.slug != role.slug)
            .filter_map(|other| PairLink::new(&self.content, &self.urls, &role.slug, &other.slug))
            .collect();
        let mut layout = self.layout(
            format!("{} — {}", role.title, self.content.site.title),
            role.summary.to_string(),
            Some(&format!("/roles/{}", role.slug)),
        );
        layout.picked = vec![role.slug.clone()];
        let page = RolePage {
            page: layout,
            view: CompareView::new(&self.content, &[role]),
            others,
        };
        Ok(Bytes::from(page.render()?))
    }

    fn compare(&self, roles: &[&Role]) -> Result<Bytes, askama::Error> {
        let view = CompareView::new(&self.content, roles);
        let mut layout = self.layout(
            format!("{} — {}", view.title, self.content.site.title),
            view.description.clone(),
            Some(&view.canonical_path),
        );
        layout.picked = roles.iter().map(|role| role.slug.clone()).collect();
        let page = ComparePage { page: layout, view };
        Ok(Bytes::from(page.render()?))
    }

    fn day(&self, roles: &[&Role]) -> Result<Bytes, askama::Error> {
        let view = CompareView::new(&self.content, roles);
        let mut layout = self.layout(
            format!("A day in the life: {} — {}", view.title, self.content.site.title),
            format!(
                "{}: an illustrative working day of each role, hour by hour, and how the hours split by kind of work.",
                view.title
            ),
            Some(&format!("{}/day-in-the-life", view.canonical_path)),
        );
        layout.picked = roles.iter().map(|role| role.slug.clone()).collect();
        let page = DayPage {
            page: layout,
            day: DayView::new(roles),
            view,
        };
        Ok(Bytes::from(page.render()?))
    }

    fn salaries(&self, sort: Option<&str>) -> Result<Bytes, askama::Error> {
        let view = SalariesView::new(&self.content, &self.urls, sort);
        let page = SalariesPage {
            page: self.layout(
                format!("Salaries by level — {}", self.content.site.title),
                "Every role's salary ranges by level, in one table and one chart.".to_owned(),
                Some(&match sort {
                    Some(level) => format!("/salaries?sort={level}"),
                    None => "/salaries".to_owned(),
                }),
            ),
            view,
        };
        Ok(Bytes::from(page.render()?))
    }

    /// An error page in the site's layout. Rendered per request: it names
    /// what the reader asked for.
    pub fn error_page(&self, error: &ErrorView<'_>) -> String {
        let mut layout = self.layout(
            format!("{} — {}", error.heading, self.content.site.title),
            error.message.clone(),
            None,
        );
        layout.picked = error.picked.clone();
        let page = ErrorPage {
            page: layout,
            error,
        };
        page.render().unwrap_or_else(|_| {
            // Rendering from owned strings cannot fail in practice; if it
            // ever does, the reader still gets the message.
            format!(
                "<!doctype html><title>{0}</title><h1>{0}</h1>",
                error.status
            )
        })
    }
}

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

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    page: Layout<'a>,
    roles: &'a [Role],
    curated: Vec<PairLink<'a>>,
}

#[derive(Template)]
#[template(path = "role.html")]
struct RolePage<'a> {
    page: Layout<'a>,
    view: CompareView<'a>,
    others: Vec<PairLink<'a>>,
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage<'a> {
    page: Layout<'a>,
    view: CompareView<'a>,
}

#[derive(Template)]
#[template(path = "day.html")]
struct DayPage<'a> {
    page: Layout<'a>,
    view: CompareView<'a>,
    day: DayView<'a>,
}

#[derive(Template)]
#[template(path = "salaries.html")]
struct SalariesPage<'a> {
    page: Layout<'a>,
    view: SalariesView<'a>,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page: Layout<'a>,
    error: &'a ErrorView<'a>,
}
