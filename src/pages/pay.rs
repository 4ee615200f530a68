//! `/compare/{a}-vs-{b}…/pay`: official pay side by side, in the nation
//! and every state (`?sort=` orders the states).

use super::{PageKind, Resolution, Site, roles_of, slugs};
use crate::address::{Missing, Page};
use crate::content::{Content, Role};
use crate::oews::{AreaKind, OfficialPay};
use crate::render::views::{self, Official};

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        let exists = |page: &Page| match page {
            Page::Pay(sides, sort) => roles_of(site.content, sides)
                .is_some_and(|roles| pay_exists(site.content, &roles, None, sort.as_deref())),
            _ => false,
        };
        slugs::for_readers(site, page, exists, |asked| {
            match (slugs::roles(site, asked), page) {
                // The roles exist, differ and are few enough: the sort is wrong.
                (Missing::NoPage, Page::Pay(_, Some(sort))) => {
                    Missing::UnknownSort { sort: sort.clone() }
                }
                (reason, _) => reason,
            }
        })
    }
}

/// The official data and the roles' occupations in it, when any role has
/// figures.
pub fn officials<'a>(
    content: &'a Content,
    roles: &[&'a Role],
) -> Option<(&'a OfficialPay, Vec<Official<'a>>)> {
    let pay = content.official_pay.as_ref()?;
    let officials = views::officials(content, roles);
    (!officials.is_empty()).then_some((pay, officials))
}

/// Whether these roles have a pay page: a role with official figures (in
/// `area`, if given), and a sort by the difference (two roles) or by a
/// role with figures.
pub fn pay_exists(
    content: &Content,
    roles: &[&Role],
    area: Option<&str>,
    sort: Option<&str>,
) -> bool {
    let Some((pay, officials)) = officials(content, roles) else {
        return false;
    };
    let area_ok = area.is_none_or(|slug| {
        pay.area_by_slug(slug).is_some_and(|area| {
            area.kind != AreaKind::National
                && officials
                    .iter()
                    .any(|o| pay.estimates(o.soc, &area.code).is_some())
        })
    });
    let sort_ok = sort.is_none_or(|sort| {
        (sort == "difference" && officials.len() == 2)
            || officials.iter().any(|o| o.role.slug == sort)
    });
    area_ok && sort_ok && (area.is_none() || sort.is_none())
}
