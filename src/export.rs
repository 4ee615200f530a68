//! `rolecompare export`: the site as static files.
//!
//! Every page and file in the site's own list ([`Rendered::pages`]) is
//! written where a static host finds it: pages as `path/index.html`, with
//! `.gz` and `.br` siblings, next to the fingerprinted assets, the sitemap,
//! `robots.txt`, the cards, the data files (the JSON API as `api/….json`)
//! and a `404.html`. A static host that serves the folder with
//! `try_files $uri $uri/index.html $uri.json` (or the same rule) serves the
//! same bytes as `rolecompare serve`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::address::{Missing, Page};
use crate::pages;
use crate::store::{RenderError, Rendered};

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] io::Error),
    /// A page the site lists could not be rendered.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The site lists a page it does not have (a bug).
    #[error("{0} is listed but has no page")]
    Unlisted(Page),
}

/// What an export wrote.
#[derive(Debug, Default)]
pub struct Summary {
    /// Site paths exported, in the order they were written.
    pub paths: Vec<String>,
    /// Files written (each with its compressed siblings counted).
    pub files: usize,
}

/// Where `page` lives in the export folder: `/` → `index.html`, a page →
/// `roles/x/index.html`, a file → its path (`static/a.css`), and the JSON
/// API, whose paths have no extension → `api/roles.json`, so that a static
/// host sends it as JSON. Each kind of page says ([`pages::file_for`]).
pub fn file_for(page: &Page) -> PathBuf {
    pages::file_for(page)
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
pub fn export(site: &Rendered, out: &Path) -> Result<Summary, ExportError> {
    let mut summary = Summary::default();
    for page in site.pages() {
        let Some(resource) = site.get(&page)? else {
            return Err(ExportError::Unlisted(page));
        };
        let file = file_for(&page);
        write(out, &file, resource.identity())?;
        summary.files += 1;
        if resource.is_compressible() {
            write(out, &with_suffix(&file, ".gz"), resource.gzip())?;
            write(out, &with_suffix(&file, ".br"), resource.brotli())?;
            summary.files += 2;
        }
        summary.paths.push(page.path());
    }
    let not_found = crate::http::error_page(site, &Missing::NoPage.into());
    write(out, Path::new("404.html"), not_found.as_bytes())?;
    summary.files += 1;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::file_for;
    use crate::address::{Page, Sides};
    use std::path::PathBuf;

    #[test]
    fn maps_pages_to_files() {
        let pair = Sides::of(["a", "b"]);
        for (page, file) in [
            (Page::Home, "index.html"),
            (Page::Role("a".into()), "roles/a/index.html"),
            (
                Page::Compare(pair.clone()),
                &format!("compare/{}/index.html", Sides::of(["a", "b"])),
            ),
            (
                Page::Transition(pair.clone()),
                &format!("compare/{}/transition/index.html", Sides::of(["a", "b"])),
            ),
            (Page::Asset("s.1.css".into()), "static/s.1.css"),
            (Page::Sitemap, "sitemap.xml"),
            (Page::ApiRoles, "api/roles.json"),
            (Page::ApiRole("a".into()), "api/roles/a.json"),
            (Page::RoleSchema, "schema/role.json"),
            (
                Page::Card(Box::new(Page::Compare(pair))),
                &format!("cards/compare/{}.png", Sides::of(["a", "b"])),
            ),
        ] {
            assert_eq!(file_for(&page), PathBuf::from(file), "{page}");
        }
    }
}
