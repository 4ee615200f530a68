//! Templates → bytes. Every page is rendered once when content loads; the
//! HTTP layer only looks pages up. Template structs live here, next to the
//! code that fills them, and are named after the page they render.

pub mod assets;
pub mod cache;
pub mod card;
pub mod chart;
pub mod data;
pub mod day;
pub mod errors;
pub mod format;
pub mod resource;
mod suggest;
mod views;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use askama::Template;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, Response};

use crate::content::{Content, Role};
pub use assets::Assets;
use day::DayView;
pub use errors::ErrorView;
pub use resource::Resource;
pub use suggest::closest_roles;
use views::{CompareView, Layout, PairLink, SalariesView};

/// The sections of a comparison or role page, in order: `(id, heading)`.
/// Their ids are part of the URL contract (SPEC: section anchors); `levels`
/// extends SPEC's seven.
pub const SECTIONS: [(&str, &str); 8] = [
    ("overview", "Overview"),
    ("responsibilities", "Responsibilities"),
    ("skills", "Skills and certifications"),
    ("day-to-day", "Day to day"),
    ("career-path", "Career path"),
    ("job-market", "Job market"),
    ("salaries", "Salaries"),
    ("levels", "Level by level"),
];

pub use crate::address::MAX_ROLES;

/// Pages under a comparison's path, `/compare/{a}-vs-{b}/{subpage}`: the
/// day in the life, and a share page per section.
pub fn is_compare_subpage(subpage: &str) -> bool {
    subpage == "day-in-the-life" || SECTIONS.iter().any(|(id, _)| *id == subpage)
}

/// How the site is published: where it lives (for links and canonical
/// URLs), whether search engines may index it, how long caches may keep
/// its pages, and how much memory pages rendered on request may hold.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Absolute origin for canonical links, without a trailing slash, e.g.
    /// `https://careers.example.org`.
    pub base_url: String,
    /// Prefix for every root-relative link, e.g. `/careers`, or empty.
    pub base_path: String,
    /// A staging site: robots.txt disallows everything and pages carry
    /// `noindex`.
    pub noindex: bool,
    /// How long browsers and proxies may reuse a page without asking again
    /// (0: always revalidate, as while content is being edited).
    pub page_max_age: u32,
    /// The bound, in bytes, of the cache of pages rendered on request.
    pub cache_bytes: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            base_url: String::new(),
            base_path: String::new(),
            noindex: false,
            page_max_age: 0,
            cache_bytes: cache::DEFAULT_CACHE_BYTES,
        }
    }
}

/// `Cache-Control` of fingerprinted assets: their names change with them.
/// (No `public`: it only matters for responses to authenticated requests,
/// which this site never answers.)
pub const ASSET_CACHE: &str = "max-age=31536000, immutable";

impl Settings {
    pub fn page_cache_control(&self) -> HeaderValue {
        if self.page_max_age == 0 {
            return HeaderValue::from_static("no-cache");
        }
        HeaderValue::from_str(&format!("max-age={}", self.page_max_age))
            .unwrap_or(HeaderValue::from_static("no-cache"))
    }
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

/// The most URLs one sitemap file lists (the sitemap protocol's limit).
pub const SITEMAP_LIMIT: usize = 50_000;

/// `text` as XML character data or an attribute value: `&`, `<`, `>`, `'`
/// and `"` as entities, as the sitemap protocol requires of URLs.
fn xml_escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// The site, rendered: content, every page's bytes in every form, assets.
///
/// Pages whose number grows with the roles (home, role pages, salaries,
/// sitemap, assets) are rendered when the site is built and kept. Pages of
/// two to four roles grow with the square of the roles or faster, so each
/// is rendered on its first request into a cache bounded in bytes
/// ([`cache::OnDemand`]). Brotli forms are computed on a background thread
/// once a page is requested (an on-demand page, once requested again);
/// until one is ready, its page is served as gzip.
pub struct Rendered {
    pub content: Content,
    pub settings: Settings,
    pub assets: Assets,
    /// Resources by path (without the base path).
    resources: HashMap<String, Arc<Resource>>,
    on_demand: cache::OnDemand,
    /// The background brotli queue, once started.
    compressor: OnceLock<cache::Compressor>,
}

/// A page or file rendered on request, as its path names it.
enum OnDemandPage<'a> {
    /// `/compare/{pair}`, `?view=differences` when `differences`.
    Compare(Vec<&'a Role>, bool),
    /// `/compare/{pair}/day-in-the-life`.
    Day(Vec<&'a Role>),
    /// `/compare/{pair}/{section}`.
    Share(Vec<&'a Role>, crate::address::Section),
    /// `/api/compare/{pair}`.
    ApiCompare(Vec<&'a Role>),
    /// `/cards/site.png`.
    SiteCard,
    /// `/cards/compare/{pair}.png`, or `…/{pair}/{section}.png`.
    PairCard(Vec<&'a Role>, Option<&'static str>),
}

impl Rendered {
    /// Renders the site's fixed pages, with their gzip forms.
    pub fn new(content: Content, settings: Settings) -> Result<Self, askama::Error> {
        let mut rendered = Self {
            on_demand: cache::OnDemand::new(settings.cache_bytes),
            content,
            settings,
            assets: Assets::new(),
            resources: HashMap::new(),
            compressor: OnceLock::new(),
        };
        let mut pages = vec![("/".to_owned(), rendered.home()?)];
        for role in &rendered.content.roles {
            pages.push((format!("/roles/{}", role.slug), rendered.role(role)?));
        }
        pages.push(("/salaries".to_owned(), rendered.salaries(None)?));
        for level in &rendered.content.site.levels.value {
            let id = level.id.value.as_str();
            pages.push((format!("/salaries?sort={id}"), rendered.salaries(Some(id))?));
        }
        if let Some(form) = rendered.fit_form(None) {
            pages.push(("/fit".to_owned(), Bytes::from(form?)));
        }
        let page_cache = rendered.settings.page_cache_control();
        let mut resources = HashMap::new();
        for (path, html) in pages {
            let resource = Resource::new(html, "text/html; charset=utf-8", page_cache.clone());
            resources.insert(path, Arc::new(resource));
        }
        let mut files = vec![
            (
                "/robots.txt".to_owned(),
                rendered.robots_txt(),
                "text/plain; charset=utf-8",
            ),
            (
                "/salaries.csv".to_owned(),
                data::salaries_csv(&rendered.content),
                "text/csv; charset=utf-8",
            ),
            (
                "/schema/role.json".to_owned(),
                data::role_schema(&rendered.settings).to_string(),
                "application/schema+json",
            ),
        ];
        for (path, xml) in rendered.sitemap_files() {
            files.push((path, xml, "application/xml; charset=utf-8"));
        }
        for (path, bytes, content_type) in files {
            let resource = Resource::new(Bytes::from(bytes), content_type, page_cache.clone());
            resources.insert(path, Arc::new(resource));
        }
        let mut api = vec![(
            "/api/roles".to_owned(),
            data::roles(&rendered.content, &rendered.settings),
        )];
        for role in &rendered.content.roles {
            api.push((
                format!("/api/roles/{}", role.slug),
                data::role(&rendered.content, &rendered.settings, role),
            ));
        }
        for (path, json) in api {
            let resource = Resource::new(
                Bytes::from(json.to_string()),
                "application/json",
                page_cache.clone(),
            )
            .shared_with_any_origin();
            resources.insert(path, Arc::new(resource));
        }
        for (name, asset) in rendered.assets.files() {
            let resource = Resource::new(
                asset.bytes.clone(),
                asset.content_type,
                HeaderValue::from_static(ASSET_CACHE),
            );
            resources.insert(format!("/static/{name}"), Arc::new(resource));
        }
        rendered.resources = resources;
        Ok(rendered)
    }

    /// Starts the thread that computes brotli forms, of every page once it
    /// is requested (see [`cache`]). It stops when the site is dropped.
    pub fn compress_in_background(&self) {
        if self.compressor.get().is_none()
            && let Some(compressor) = cache::Compressor::start()
        {
            let _ = self.compressor.set(compressor);
        }
    }

    /// Queues `resource` for its brotli form if it needs one.
    fn offer_compression(&self, resource: &Arc<Resource>) {
        if let Some(compressor) = self.compressor.get() {
            compressor.offer(resource);
        }
    }

    /// The resource at `path` (without the base path), rendering it if it
    /// is made on request and not in the cache. `None` if there is no such
    /// page. A render can take milliseconds: the server calls this off its
    /// request threads ([`crate::routes`]).
    pub fn get(&self, path: &str) -> Option<Arc<Resource>> {
        if let Some(resource) = self.lookup(path) {
            return Some(resource);
        }
        let page = self.on_demand_page(path)?;
        let resource = match self.render_on_demand(page) {
            Ok(resource) => Arc::new(resource),
            Err(error) => {
                tracing::error!(%path, "cannot render: {error}");
                return None;
            }
        };
        self.on_demand.insert(path, resource.clone());
        Some(resource)
    }

    /// Whether `path` names a page, without rendering it.
    pub fn exists(&self, path: &str) -> bool {
        self.resources.contains_key(path) || self.on_demand_page(path).is_some()
    }

    /// The resource at `path` if it is rendered already: a lookup, never a
    /// render. A page found here is requested, so it is offered for its
    /// brotli form.
    pub fn lookup(&self, path: &str) -> Option<Arc<Resource>> {
        let resource = match self.resources.get(path) {
            Some(resource) => resource.clone(),
            None => self.on_demand.get(path)?,
        };
        self.offer_compression(&resource);
        Some(resource)
    }

    /// The response to a request for `path` (without the base path) if
    /// the page is rendered already: a lookup, never a render.
    pub fn cached(&self, path: &str, request: &HeaderMap) -> Option<Response<Body>> {
        match self.resources.get(path) {
            Some(resource) => {
                self.offer_compression(resource);
                Some(resource.respond(request))
            }
            None => self.lookup(path).map(|resource| resource.respond(request)),
        }
    }

    /// The bytes and pages the on-demand cache holds now.
    pub fn on_demand_usage(&self) -> (u64, usize) {
        (self.on_demand.weight(), self.on_demand.len())
    }

    /// What `path` names among the pages made on request, checked against
    /// the content but not rendered.
    fn on_demand_page(&self, path: &str) -> Option<OnDemandPage<'_>> {
        if let Some(card) = path.strip_prefix("/cards/") {
            return self.card_page(card);
        }
        if let Some(pair) = path.strip_prefix("/api/compare/") {
            return Some(OnDemandPage::ApiCompare(self.roles_of(pair)?));
        }
        let (rest, query) = match path.split_once('?') {
            Some((rest, query)) => (rest, Some(query)),
            None => (path, None),
        };
        let rest = rest.strip_prefix("/compare/")?;
        let (pair, subpage) = match rest.split_once('/') {
            Some((pair, subpage)) => (pair, Some(subpage)),
            None => (rest, None),
        };
        let roles = self.roles_of(pair)?;
        match (subpage, query) {
            (None, None) => Some(OnDemandPage::Compare(roles, false)),
            (None, Some("view=differences")) => Some(OnDemandPage::Compare(roles, true)),
            (Some("day-in-the-life"), None) => Some(OnDemandPage::Day(roles)),
            (Some(section), None) => crate::address::Section::from_id(section)
                .map(|section| OnDemandPage::Share(roles, section)),
            _ => None,
        }
    }

    /// Renders a page made on request, with its gzip form.
    fn render_on_demand(&self, page: OnDemandPage<'_>) -> Result<Resource, String> {
        let html = |html: Result<Bytes, askama::Error>| {
            html.map(|html| {
                Resource::new(
                    html,
                    "text/html; charset=utf-8",
                    self.settings.page_cache_control(),
                )
            })
            .map_err(|error| error.to_string())
        };
        match page {
            OnDemandPage::Compare(roles, differences) => html(self.compare(&roles, differences)),
            OnDemandPage::Day(roles) => html(self.day(&roles)),
            OnDemandPage::Share(roles, section) => html(self.share(&roles, section)),
            OnDemandPage::ApiCompare(roles) => {
                let json = data::compare(&self.content, &self.settings, &roles);
                Ok(Resource::new(
                    Bytes::from(json.to_string()),
                    "application/json",
                    self.settings.page_cache_control(),
                )
                .shared_with_any_origin())
            }
            OnDemandPage::SiteCard => self.card_png(&self.site_card()),
            OnDemandPage::PairCard(roles, section) => {
                self.card_png(&self.pair_card(&roles, section))
            }
        }
    }

    fn card_png(&self, spec: &card::Card) -> Result<Resource, String> {
        spec.png()
            .map(|png| {
                Resource::binary(
                    Bytes::from(png),
                    "image/png",
                    self.settings.page_cache_control(),
                )
            })
            .map_err(|error| format!("cannot draw the card: {error}"))
    }

    /// The preview card at `/cards/{card}`: `site.png`,
    /// `compare/{pair}.png` or `compare/{pair}/{section}.png`.
    fn card_page(&self, card: &str) -> Option<OnDemandPage<'_>> {
        let name = card.strip_suffix(".png")?;
        if name == "site" {
            return Some(OnDemandPage::SiteCard);
        }
        let rest = name.strip_prefix("compare/")?;
        let (pair, section) = match rest.split_once('/') {
            Some((pair, section)) => (pair, Some(section)),
            None => (rest, None),
        };
        let roles = self.roles_of(pair)?;
        let section = match section {
            Some(section) => Some(SECTIONS.iter().find(|(id, _)| *id == section)?.0),
            None => None,
        };
        Some(OnDemandPage::PairCard(roles, section))
    }

    fn site_card(&self) -> card::Card {
        let site = &self.content.site;
        card::Card {
            eyebrow: "Career comparisons".to_owned(),
            title: site.tagline.to_string(),
            roles: self
                .content
                .roles
                .iter()
                .take(MAX_ROLES)
                .map(|role| role.title.to_string())
                .collect(),
            rows: Vec::new(),
            site: site.title.to_string(),
            footer: site.description.to_string(),
        }
    }

    fn pair_card(&self, roles: &[&Role], section: Option<&str>) -> card::Card {
        let view = CompareView::new(&self.content, roles);
        let salary_rows = || -> Vec<(String, Vec<String>)> {
            view.salaries
                .rows
                .iter()
                .map(|row| {
                    let cells = row
                        .cells
                        .iter()
                        .map(|cell| cell.range.clone().unwrap_or_else(|| "—".to_owned()))
                        .collect();
                    (row.label.clone(), cells)
                })
                .collect()
        };
        let numbered = |names: &dyn Fn(&Role) -> Vec<String>| -> Vec<(String, Vec<String>)> {
            let lists: Vec<Vec<String>> = roles.iter().map(|role| names(role)).collect();
            let depth = lists.iter().map(Vec::len).max().unwrap_or(0).min(4);
            (0..depth)
                .map(|i| {
                    let cells = lists
                        .iter()
                        .map(|list| list.get(i).cloned().unwrap_or_default())
                        .collect();
                    ((i + 1).to_string(), cells)
                })
                .collect()
        };
        let items =
            |list: &[crate::content::Item]| list.iter().map(|i| i.name.to_string()).collect();
        let (eyebrow, rows) = match section {
            None => ("Comparison", salary_rows()),
            Some("salaries" | "levels") => (
                SECTIONS
                    .iter()
                    .find(|(id, _)| Some(*id) == section)
                    .map_or("", |s| s.1),
                salary_rows(),
            ),
            Some("responsibilities") => (
                "Responsibilities",
                numbered(&|r| items(&r.responsibilities)),
            ),
            Some("skills") => ("Skills and certifications", numbered(&|r| items(&r.skills))),
            Some("day-to-day") => ("Day to day", numbered(&|r| items(&r.day_to_day))),
            Some("job-market") => ("Job market", numbered(&|r| items(&r.job_market))),
            Some("career-path") => (
                "Career path",
                numbered(&|r| r.career_path.iter().map(|s| s.stage.to_string()).collect()),
            ),
            Some(_) => ("Overview", Vec::new()),
        };
        let sources: Vec<&str> = view
            .salaries
            .sources
            .iter()
            .map(|s| s.credit.as_str())
            .collect();
        card::Card {
            eyebrow: eyebrow.to_owned(),
            title: view.title.clone(),
            roles: roles.iter().map(|role| role.title.to_string()).collect(),
            rows,
            site: self.content.site.title.to_string(),
            footer: format!("Source: {}", sources.join("; ")),
        }
    }

    /// The roles `a-vs-b[-vs-c[-vs-d]]` names: two to four existing,
    /// different roles, or `None`.
    pub fn roles_of(&self, pair: &str) -> Option<Vec<&Role>> {
        let mut roles: Vec<&Role> = Vec::new();
        for slug in pair.split("-vs-") {
            let role = self.content.role(slug)?;
            if roles.iter().any(|r| r.slug == role.slug) {
                return None;
            }
            roles.push(role);
        }
        (2..=MAX_ROLES).contains(&roles.len()).then_some(roles)
    }

    /// Every canonical page, as paths: what the sitemap lists.
    pub fn canonical_paths(&self) -> Vec<String> {
        let mut paths = vec!["/".to_owned(), "/salaries".to_owned()];
        if self.content.fit.is_some() {
            paths.push("/fit".to_owned());
        }
        let roles = &self.content.roles;
        paths.extend(roles.iter().map(|role| format!("/roles/{}", role.slug)));
        for (i, a) in roles.iter().enumerate() {
            for b in &roles[i + 1..] {
                let (a, b) = views::canonical_pair(&self.content, &a.slug, &b.slug);
                let path = format!("/compare/{a}-vs-{b}");
                paths.push(format!("{path}/day-in-the-life"));
                paths.extend(SECTIONS.iter().map(|(id, _)| format!("{path}/{id}")));
                paths.push(path);
            }
        }
        paths
    }

    /// The sitemap files: `/sitemap.xml` alone when every URL fits in one
    /// (50,000 at most, as the protocol allows), else `/sitemap.xml` as an
    /// index of `/sitemaps/{n}.xml`.
    pub fn sitemap_files(&self) -> Vec<(String, String)> {
        let urls: Vec<String> = self
            .canonical_paths()
            .iter()
            .map(|path| xml_escape(&self.settings.absolute(path)))
            .collect();
        let urlset = |urls: &[String]| {
            let mut xml = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
            );
            for url in urls {
                xml.push_str(&format!("  <url><loc>{url}</loc></url>\n"));
            }
            xml.push_str("</urlset>\n");
            xml
        };
        if urls.len() <= SITEMAP_LIMIT {
            return vec![("/sitemap.xml".to_owned(), urlset(&urls))];
        }
        let mut files = Vec::new();
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (n, chunk) in urls.chunks(SITEMAP_LIMIT).enumerate() {
            let path = format!("/sitemaps/{}.xml", n + 1);
            index.push_str(&format!(
                "  <sitemap><loc>{}</loc></sitemap>\n",
                xml_escape(&self.settings.absolute(&path))
            ));
            files.push((path, urlset(chunk)));
        }
        index.push_str("</sitemapindex>\n");
        files.insert(0, ("/sitemap.xml".to_owned(), index));
        files
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

    fn layout(&self, title: String, description: String, canonical: Option<&str>) -> Layout<'_> {
        let og_title = title
            .trim_end_matches(&format!(" — {}", self.content.site.title))
            .to_owned();
        Layout {
            site: &self.content.site,
            roles: &self.content.roles,
            settings: &self.settings,
            css: self.settings.link(&self.assets.css_path),
            favicon: self.settings.link(&self.assets.favicon_path),
            title,
            description,
            og: canonical.map(|_| views::OpenGraph {
                title: og_title.clone(),
                kind: "website",
                image: self.settings.absolute("/cards/site.png"),
                image_alt: format!("{}: {}", self.content.site.title, self.content.site.tagline),
            }),
            canonical: canonical.map(|path| self.settings.absolute(path)),
            picked: Vec::new(),
            fit: self.content.fit.as_ref(),
            json_ld: None,
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
        layout.json_ld = Some(data::json_ld(&self.content, &self.settings, &[role]));
        let page = RolePage {
            page: layout,
            view: CompareView::new(&self.content, &[role]),
            others,
        };
        Ok(Bytes::from(page.render()?))
    }

    fn compare(&self, roles: &[&Role], differences: bool) -> Result<Bytes, askama::Error> {
        let view = CompareView::with_view(&self.content, roles, differences);
        let title = if differences {
            format!("Differences: {}", view.title)
        } else {
            view.title.clone()
        };
        let mut layout = self.layout(
            format!("{title} — {}", self.content.site.title),
            view.description.clone(),
            Some(&view.canonical_path),
        );
        layout.picked = roles.iter().map(|role| role.slug.clone()).collect();
        layout.json_ld = Some(data::json_ld(&self.content, &self.settings, roles));
        if let Some(og) = &mut layout.og {
            og.image = self
                .settings
                .absolute(&format!("/cards{}.png", view.canonical_path));
            og.image_alt = format!(
                "{}: responsibilities, skills, a day in the life, career path, job market and salaries side by side.",
                view.title
            );
        }
        let page = ComparePage { page: layout, view };
        Ok(Bytes::from(page.render()?))
    }

    /// The share page of one section of a comparison.
    fn share(
        &self,
        roles: &[&Role],
        section: crate::address::Section,
    ) -> Result<Bytes, askama::Error> {
        let mut view = CompareView::new(&self.content, roles);
        view.share = true;
        let heading = section.heading();
        let description = views::section_description(&view, section);
        let canonical = format!("{}/{section}", view.canonical_path);
        let mut layout = self.layout(
            format!("{heading}: {} — {}", view.title, self.content.site.title),
            description,
            Some(&canonical),
        );
        layout.picked = roles.iter().map(|role| role.slug.clone()).collect();
        if let Some(og) = &mut layout.og {
            og.kind = "article";
            og.image = self.settings.absolute(&format!("/cards{canonical}.png"));
            og.image_alt = format!("{heading} of {}, side by side.", view.title);
        }
        let page = SharePage {
            page: layout,
            view,
            section,
            heading,
        };
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

    /// The questionnaire, with `reading`'s valid answers checked and its
    /// problems listed (`None`: the blank form). `None` without `fit.yaml`.
    pub fn fit_form(
        &self,
        reading: Option<&crate::fit::Reading>,
    ) -> Option<Result<String, askama::Error>> {
        let fit = self.content.fit.as_ref()?;
        let view = FitView {
            fit,
            chosen: reading.map_or_else(
                || vec![None; fit.questions.value.len()],
                |r| r.chosen.clone(),
            ),
            problems: reading.map(|r| r.problems.clone()).unwrap_or_default(),
        };
        let page = FitPage {
            page: self.layout(
                format!("Which role fits you? — {}", self.content.site.title),
                "A short questionnaire about the work you enjoy, pointing to the roles whose everyday work resembles it.".to_owned(),
                Some("/fit"),
            ),
            view,
        };
        Some(page.render())
    }

    /// The result of a complete set of answers (an answer index per
    /// question). `None` without `fit.yaml`.
    pub fn fit_result(
        &self,
        reading: &crate::fit::Reading,
        chosen: &[usize],
    ) -> Option<Result<String, askama::Error>> {
        let fit = self.content.fit.as_ref()?;
        let scores = crate::fit::score(&self.content, fit, chosen);
        let pair = match scores.as_slice() {
            [first, second, ..] => Some(crate::address::Sides::of([
                &first.role.slug,
                &second.role.slug,
            ])),
            _ => None,
        };
        let query = reading.query(fit);
        let top = scores
            .first()
            .map(|s| s.role.title.to_string())
            .unwrap_or_default();
        let view = FitResultView {
            answers: fit
                .questions
                .value
                .iter()
                .zip(chosen)
                .filter_map(|(q, &a)| Some((q, q.answers.value.get(a)?)))
                .collect(),
            scores,
            pair,
            query: query.clone(),
        };
        let page = FitResultPage {
            page: self.layout(
                format!("Your result: {top} — {}", self.content.site.title),
                format!("A questionnaire result that leans toward {top}, with the answers that drove it."),
                Some(&format!("/fit/result?{query}")),
            ),
            view,
        };
        Some(page.render())
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
#[template(path = "share.html")]
struct SharePage<'a> {
    page: Layout<'a>,
    view: CompareView<'a>,
    section: crate::address::Section,
    heading: &'static str,
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

/// The questionnaire form.
pub struct FitView<'a> {
    pub fit: &'a crate::content::Fit,
    /// Answer index per question, to check.
    pub chosen: Vec<Option<usize>>,
    pub problems: Vec<String>,
}

impl FitView<'_> {
    pub fn is_checked(&self, question: usize, answer: usize) -> bool {
        self.chosen.get(question).copied().flatten() == Some(answer)
    }
}

/// A questionnaire result.
pub struct FitResultView<'a> {
    pub scores: Vec<crate::fit::RoleScore<'a>>,
    pub answers: Vec<(&'a crate::content::Question, &'a crate::content::Answer)>,
    /// The two best-scoring roles, to compare.
    pub pair: Option<crate::address::Sides>,
    /// The answers as a query string, in questionnaire order.
    pub query: String,
}

#[derive(Template)]
#[template(path = "fit.html")]
struct FitPage<'a> {
    page: Layout<'a>,
    view: FitView<'a>,
}

#[derive(Template)]
#[template(path = "fit_result.html")]
struct FitResultPage<'a> {
    page: Layout<'a>,
    view: FitResultView<'a>,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page: Layout<'a>,
    error: &'a ErrorView<'a>,
}
