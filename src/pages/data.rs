//! The data files: `/salaries.csv`, `/schema/role.json` and the JSON API
//! (`/api/roles`, `/api/roles/{slug}`, `/api/compare/{a}-vs-{b}…`), whose
//! slugs are exact and whose errors are JSON.

use std::path::PathBuf;

use super::{
    Built, JSON, PageKind, Resolution, Served, Shows, Site, UNKNOWN, pairs, roles_found, roles_of,
    slugs,
};
use crate::address::Page;
use crate::render::data;

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        let exists = |page: &Page| match page {
            Page::ApiRole(slug) => site.content.role(slug).is_some(),
            Page::ApiCompare(sides) => roles_of(site.content, sides).is_some(),
            _ => true,
        };
        slugs::for_programs(site, page, exists, |asked| match page {
            // The slug as it was asked for.
            Page::ApiRole(slug) => slugs::one_role(site, slug),
            _ => slugs::roles(site, asked),
        })
    }

    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String> {
        let (content, settings) = (site.content, site.settings);
        Ok(match page {
            Page::SalariesCsv => {
                Built::text(site, data::salaries_csv(content), "text/csv; charset=utf-8")
            }
            Page::RoleSchema => Built::text(
                site,
                data::role_schema(settings).to_string(),
                "application/schema+json",
            ),
            Page::ApiRoles => Built::json(site, &data::roles(content, settings)),
            Page::ApiRole(slug) => {
                let role = content.role(slug).ok_or(UNKNOWN)?;
                Built::json(site, &data::role(content, settings, role))
            }
            Page::ApiCompare(sides) => {
                let roles = roles_found(site, sides)?;
                Built::json(site, &data::compare(content, settings, &roles))
            }
            _ => return Err("not a data file".to_owned()),
        })
    }

    fn shows(&self, page: &Page) -> Shows {
        match page {
            Page::RoleSchema => Shows::Nothing,
            Page::ApiRole(_) => Shows::ItsRoles,
            _ => Shows::Listing,
        }
    }

    fn served(&self) -> Served {
        // Only a pair's data is made on request.
        Served {
            content_type: JSON,
            shared: true,
        }
    }

    fn stored(&self, site: Site<'_>) -> Vec<Page> {
        let mut pages = vec![Page::SalariesCsv, Page::RoleSchema, Page::ApiRoles];
        let roles = &site.content.roles;
        pages.extend(roles.iter().map(|role| Page::ApiRole(role.slug.clone())));
        pages
    }

    fn exported(&self, site: Site<'_>) -> Vec<Page> {
        pairs(site)
            .map(|(canonical, _)| Page::ApiCompare(canonical))
            .collect()
    }

    /// The JSON API's paths have no extension: `api/roles.json`, so that a
    /// static host sends it as JSON; the other files at their paths.
    fn file(&self, page: &Page) -> PathBuf {
        let path = page.path();
        let relative = path.trim_start_matches('/');
        match page {
            Page::ApiRoles | Page::ApiRole(_) | Page::ApiCompare(_) => {
                PathBuf::from(format!("{relative}.json"))
            }
            _ => PathBuf::from(relative),
        }
    }
}
