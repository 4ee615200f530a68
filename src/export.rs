//! `rolecompare export`: the site as static files.
//!
//! Starting from `/`, every page reachable by links is written as
//! `path/index.html` with `.gz` and `.br` siblings, next to the fingerprinted
//! assets, `sitemap.xml`, `robots.txt`, the data files (the JSON API as
//! `api/….json`) and a `404.html`. A static host that serves the folder
//! with `try_files $uri $uri/index.html $uri.json` (or the same rule)
//! serves the same bytes as `rolecompare serve`.

use std::collections::{BTreeSet, VecDeque};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::AppError;
use crate::render::Rendered;

/// What an export wrote.
#[derive(Debug, Default)]
pub struct Summary {
    /// Site paths exported, in the order they were found.
    pub paths: Vec<String>,
    /// Files written (each with its compressed siblings counted).
    pub files: usize,
}

/// Where a site path lives in the export folder: `/` → `index.html`,
/// `/roles/x` → `roles/x/index.html`, `/static/a.css` → `static/a.css`,
/// and JSON without an extension in its path (the API) → `api/roles.json`,
/// so that a static host sends it as JSON.
pub fn file_for(path: &str, content_type: &str) -> PathBuf {
    let relative = path.trim_start_matches('/');
    let last = relative.rsplit('/').next().unwrap_or_default();
    if relative.is_empty() {
        PathBuf::from("index.html")
    } else if last.contains('.') {
        PathBuf::from(relative)
    } else if content_type.starts_with("application/json") {
        PathBuf::from(format!("{relative}.json"))
    } else {
        Path::new(relative).join("index.html")
    }
}

/// Root-relative links (`href="…"`, `src="…"`) of a page, as site paths:
/// without the base path, fragment or query-driven views.
fn links(html: &str, base_path: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        for piece in html.split(attribute).skip(1) {
            let Some(url) = piece.split('"').next() else {
                continue;
            };
            let url = url.split('#').next().unwrap_or_default();
            if url.contains('?') || url.starts_with("//") {
                continue;
            }
            let Some(path) = url.strip_prefix(base_path) else {
                continue;
            };
            let path = if path.is_empty() { "/" } else { path };
            if path.starts_with('/') {
                found.push(path.to_owned());
            }
        }
    }
    found
}

fn write(out: &Path, relative: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = out.join(relative);
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(target, bytes)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes the site into `out`.
pub fn export(site: &Rendered, out: &Path) -> io::Result<Summary> {
    let base_path = site.settings.base_path.as_str();
    let mut summary = Summary::default();
    // Pages are found through links; the files no page links to are
    // listed: sitemaps, robots.txt, the data files and every page's card.
    let mut queue: VecDeque<String> = [
        "/",
        "/robots.txt",
        "/salaries.csv",
        "/schema/role.json",
        "/api/roles",
    ]
    .into_iter()
    .map(str::to_owned)
    .chain(site.sitemap_files().into_iter().map(|(path, _)| path))
    .chain(
        site.content
            .roles
            .iter()
            .map(|r| format!("/api/roles/{}", r.slug)),
    )
    .chain(
        // Each pair's data, in the order of its canonical page.
        site.canonical_paths().into_iter().filter_map(|path| {
            let pair = path.strip_prefix("/compare/")?;
            (!pair.contains('/')).then(|| format!("/api/compare/{pair}"))
        }),
    )
    .collect();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    while let Some(path) = queue.pop_front() {
        let Some(resource) = site.get(&path) else {
            // A link to a page that does not exist would be a bug; the
            // crawl test in the suite guards against it.
            tracing::warn!(%path, "linked but not found; skipped");
            continue;
        };
        let content_type = resource.content_type().to_str().unwrap_or_default();
        let file = file_for(&path, content_type);
        write(out, &file, resource.identity())?;
        summary.files += 1;
        if resource.is_compressible() {
            write(out, &with_suffix(&file, ".gz"), resource.gzip())?;
            write(out, &with_suffix(&file, ".br"), resource.brotli())?;
            summary.files += 2;
        }
        if resource.content_type().as_bytes().starts_with(b"text/html") {
            let html = String::from_utf8_lossy(resource.identity());
            let card_prefix = format!("{}/cards/", site.settings.absolute(""));
            let cards = html
                .split("property=\"og:image\" content=\"")
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .filter_map(|url| url.strip_prefix(&card_prefix))
                .map(|card| format!("/cards/{card}"));
            for link in links(&html, base_path).into_iter().chain(cards) {
                if seen.insert(link.clone()) {
                    queue.push_back(link);
                }
            }
        }
        summary.paths.push(path);
    }
    let not_found = site.error_page(&crate::render::errors::view(
        &AppError::NotFound,
        &site.content,
    ));
    write(out, Path::new("404.html"), not_found.as_bytes())?;
    summary.files += 1;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::{file_for, links};
    use std::path::PathBuf;

    #[test]
    fn maps_paths_to_files() {
        let html = "text/html; charset=utf-8";
        assert_eq!(file_for("/", html), PathBuf::from("index.html"));
        assert_eq!(
            file_for("/roles/a", html),
            PathBuf::from("roles/a/index.html")
        );
        assert_eq!(
            file_for("/static/s.1.css", "text/css"),
            PathBuf::from("static/s.1.css")
        );
        assert_eq!(
            file_for("/sitemap.xml", "application/xml"),
            PathBuf::from("sitemap.xml")
        );
        let json = "application/json";
        assert_eq!(
            file_for("/api/roles", json),
            PathBuf::from("api/roles.json")
        );
        assert_eq!(
            file_for("/api/roles/a", json),
            PathBuf::from("api/roles/a.json")
        );
        assert_eq!(
            file_for("/schema/role.json", "application/schema+json"),
            PathBuf::from("schema/role.json")
        );
    }

    #[test]
    fn finds_site_links() {
        let html = r##"<a href="/careers/roles/a#x">a</a> <a href="/careers">h</a>
            <a href="/careers/salaries?sort=mid">s</a> <a href="https://x.org/">o</a>
            <a href="#top">t</a> <img src="/careers/static/i.svg"> <a href="/other">o</a>"##;
        assert_eq!(links(html, "/careers"), ["/roles/a", "/", "/static/i.svg"]);
    }
}
