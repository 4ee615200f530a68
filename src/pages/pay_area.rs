//! `/compare/{a}-vs-{b}…/pay/{area}`: official pay in one area; and
//! `…/pay?area={area}`, the area form's target.

use super::pay::pay_exists;
use super::{PageKind, Resolution, Site, Why, roles_of, slugs};
use crate::address::{Missing, Page};

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        if let Page::PayPicker(sides, area) = page {
            return area_chosen(sides, area);
        }
        let exists = |page: &Page| match page {
            Page::PayIn(sides, area) => roles_of(site.content, sides)
                .is_some_and(|roles| pay_exists(site.content, &roles, Some(area), None)),
            _ => false,
        };
        slugs::for_readers(site, page, exists, |asked| slugs::roles(site, asked))
    }
}

/// The area form's target: the pair's page for the chosen area (the
/// nation's page when none is chosen), named by the area's slug (what the
/// form sends, or a name written any other way: `San Jose, CA` is
/// `san-jose-ca`); an area the form does not offer is the pay page's 404,
/// and so is a value with nothing of a slug in it.
fn area_chosen(sides: &crate::address::Sides, area: &str) -> Resolution {
    let page = if area.is_empty() {
        Page::Pay(sides.clone(), None)
    } else {
        match crate::oews::model::slug(area) {
            Some(slug) => Page::PayIn(sides.clone(), slug),
            None => return Resolution::Missing(Missing::NoPage),
        }
    };
    Resolution::Redirect(page, Why::Chosen)
}
