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

/// How the site is published: where it lives (for links and canonical
/// URLs) and whether search engines may index it.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Absolute origin for canonical links, without a trailing slash, e.g.
    /// `https://careers.example.org`.
    pub base_url: String,
    /// Prefix for every root-relative link, e.g. `/careers`, or empty.
    pub base_path: String,
    /// A staging site: robots.txt disallows everything and pages carry
    /// `noindex`.
    pub noindex: bool,
}

impl Settings {
    /// A root-relative link inside the site; the home page under a base
    /// path is the base path itself, without a trailing slash.
    pub fn link(&self, path: &str) -> String {
        if path == "/" && !self.base_path.is_empty() {
            return self.base_path.clone();
        }
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
    pub settings: Settings,
    pub assets: Assets,
    /// Page bytes by path (without the base path): `/`, `/roles/{slug}`,
    /// `/compare/{a}-vs-{b}` for every ordered pair.
    pages: HashMap<String, Bytes>,
    pub robots: Bytes,
    pub sitemap: Bytes,
}

impl Rendered {
    /// Renders every page of `content`.
    pub fn new(content: Content, settings: Settings) -> Result<Self, askama::Error> {
        let assets = Assets::new();
        let mut rendered = Self {
            content,
            settings,
            assets,
            pages: HashMap::new(),
            robots: Bytes::new(),
            sitemap: Bytes::new(),
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
        rendered.robots = Bytes::from(rendered.robots_txt());
        rendered.sitemap = Bytes::from(rendered.sitemap_xml());
        Ok(rendered)
    }

    /// Every canonical page, as paths: what the sitemap lists.
    pub fn canonical_paths(&self) -> Vec<String> {
        let mut paths = vec!["/".to_owned(), "/salaries".to_owned()];
        let roles = &self.content.roles;
        paths.extend(roles.iter().map(|role| format!("/roles/{}", role.slug)));
        for (i, a) in roles.iter().enumerate() {
            for b in &roles[i + 1..] {
                let path = CompareView::new(&self.content, &[a, b]).canonical_path;
                paths.push(format!("{path}/day-in-the-life"));
                paths.push(path);
            }
        }
        paths
    }

    fn robots_txt(&self) -> String {
        if self.settings.noindex {
            return "User-agent: *\nDisallow: /\n".to_owned();
        }
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            self.settings.absolute("/sitemap.xml")
        )
    }

    fn sitemap_xml(&self) -> String {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for path in self.canonical_paths() {
            let url = self
                .settings
                .absolute(&path)
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            xml.push_str(&format!("  <url><loc>{url}</loc></url>\n"));
        }
        xml.push_str("</urlset>\n");
        xml
    }

    /// A rendered page by its path (without the base path).
    pub fn page(&self, path: &str) -> Option<Bytes> {
        self.pages.get(path).cloned()
    }

    fn layout(&self, title: String, description: String, canonical: Option<&str>) -> Layout<'_> {
        Layout {
            site: &self.content.site,
            roles: &self.content.roles,
            settings: &self.settings,
            css: self.settings.link(&self.assets.css_path),
            favicon: self.settings.link(&self.assets.favicon_path),
            title,
            description,
            canonical: canonical.map(|path| self.settings.absolute(path)),
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
                .filter_map(|c| PairLink::new(&self.content, &self.settings, &c.a, &c.b))
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
            .filter_map(|other| {
                PairLink::new(&self.content, &self.settings, &role.slug, &other.slug)
            })
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
        let view = SalariesView::new(&self.content, &self.settings, sort);
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
