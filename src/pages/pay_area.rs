//! `/compare/{a}-vs-{b}…/pay/{area}`: official pay in one area; and
//! `…/pay?area={area}`, the area form's target. Its card is the nation's
//! page's.

use super::pay::{NO_PAY, pay_exists, pay_page};
use super::{Built, PageKind, Resolution, Site, Why, roles_found, roles_of, slugs};
use crate::address::{Missing, Page, Sides};

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

    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String> {
        let Page::PayIn(sides, area) = page else {
            return Err("the area form's target redirects".to_owned());
        };
        let roles = roles_found(site, sides)?;
        pay_page(site, &roles, Some(area), None)
            .ok_or_else(|| NO_PAY.to_owned())?
            .map(|html| Built::html(site, html))
    }

    /// A curated pair's official pay in each area: the only area pages a
    /// static copy holds (every pair's would be hundreds of pages each;
    /// the server renders them on request).
    fn exported(&self, site: Site<'_>) -> Vec<Page> {
        let Some(pay) = &site.content.official_pay else {
            return Vec::new();
        };
        let mut pages = Vec::new();
        for curated in &site.content.comparisons {
            let sides = Sides::of([&curated.a, &curated.b]);
            for area in pay.areas() {
                let page = Page::PayIn(sides.clone(), area.slug.clone());
                if super::exists(site, &page) {
                    pages.push(page);
                }
            }
        }
        pages
    }
}

/// The area form's target: the pair's page for the chosen area (the
/// nation's page when none is chosen), named by the area's slug (what the
/// form sends, or a name written any other way: `San Jose, CA` is
/// `san-jose-ca`); an area the form does not offer is the pay page's 404,
/// and so is a value with nothing of a slug in it.
fn area_chosen(sides: &Sides, area: &str) -> Resolution {
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
