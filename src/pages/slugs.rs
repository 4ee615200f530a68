//! What the kinds that name roles by slug share: a slug's case and a
//! renamed role's old slug lead to the page, and roles that cannot be
//! compared say why.

use super::{Resolution, Site, Why};
use crate::address::{MAX_ROLES, Missing, Page};

/// A page for readers, which takes its slugs in any case: found if it
/// `exists`; else 308 to its lower-case form if that exists, else to the
/// current slugs of renamed roles; else missing for `reason` of the page
/// as asked (in lower case).
pub fn for_readers(
    site: Site<'_>,
    page: &Page,
    exists: impl Fn(&Page) -> bool,
    reason: impl FnOnce(&Page) -> Missing,
) -> Resolution {
    if exists(page) {
        return Resolution::Found(page.clone());
    }
    let lower = page.with_slugs(str::to_lowercase);
    if lower != *page && exists(&lower) {
        return Resolution::Redirect(lower, Why::Moved);
    }
    renamed_or(site, lower, reason)
}

/// A page for programs (the JSON API), whose slugs are exact: found if it
/// `exists`, else at the current slugs of renamed roles, else missing for
/// `reason`.
pub fn for_programs(
    site: Site<'_>,
    page: &Page,
    exists: impl Fn(&Page) -> bool,
    reason: impl FnOnce(&Page) -> Missing,
) -> Resolution {
    if exists(page) {
        return Resolution::Found(page.clone());
    }
    renamed_or(site, page.clone(), reason)
}

/// `asked` under renamed roles' current slugs, if any is renamed (301).
fn renamed_or(site: Site<'_>, asked: Page, reason: impl FnOnce(&Page) -> Missing) -> Resolution {
    let current = asked.with_slugs(|slug| {
        site.content
            .aliased(slug)
            .map_or_else(|| slug.to_owned(), |role| role.slug.clone())
    });
    if current != asked {
        return Resolution::Redirect(current, Why::Renamed);
    }
    Resolution::Missing(reason(&asked))
}

/// Why a page of one role named `slug` (as asked) is missing: no such
/// role in any case, or no such page of it.
pub fn one_role(site: Site<'_>, slug: &str) -> Missing {
    if site.content.role(&slug.to_lowercase()).is_none() {
        Missing::UnknownRoles {
            unknown: vec![slug.to_owned()],
            picked: Vec::new(),
        }
    } else {
        Missing::NoPage
    }
}

/// Why a page of the roles `asked` names is missing: the roles cannot be
/// compared ([`check_roles`]), or they can but have no such page.
pub fn roles(site: Site<'_>, asked: &Page) -> Missing {
    let slugs: Vec<&str> = asked.slugs().iter().map(String::as_str).collect();
    check_roles(site, &slugs).err().unwrap_or(Missing::NoPage)
}

/// Why these slugs cannot be compared, if they cannot: more than four
/// (400, before any lookup), unknown roles (404), or a role twice (400).
pub fn check_roles(site: Site<'_>, slugs: &[&str]) -> Result<(), Missing> {
    if slugs.len() > MAX_ROLES {
        return Err(Missing::TooManyRoles { count: slugs.len() });
    }
    let known = |slug: &str| site.content.role(slug).is_some();
    let unknown: Vec<String> = slugs
        .iter()
        .filter(|slug| !known(slug))
        .map(|slug| (*slug).to_owned())
        .collect();
    if !unknown.is_empty() {
        let picked = slugs
            .iter()
            .map(|slug| if known(slug) { slug } else { "" }.to_string())
            .collect();
        return Err(Missing::UnknownRoles { unknown, picked });
    }
    if let Some(slug) = slugs
        .iter()
        .enumerate()
        .find_map(|(i, slug)| slugs[..i].contains(slug).then_some(slug))
    {
        return Err(Missing::SameRole {
            slug: (*slug).to_owned(),
        });
    }
    Ok(())
}
