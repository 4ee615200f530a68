//! `/compare?a=…&b=…`: the role picker's target, which sends the reader
//! to the comparison of the roles picked.

use serde::Deserialize;

use super::{Built, PageKind, Resolution, Site, Why, slugs};
use crate::address::{Missing, Page, Sides};

pub(super) struct Kind;

#[derive(Debug, Deserialize)]
struct PickerQuery {
    a: Option<String>,
    b: Option<String>,
    c: Option<String>,
    d: Option<String>,
}

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, _: &Page, query: Option<&str>) -> Resolution {
        match picked(site, query) {
            Ok(page) => Resolution::Redirect(page, Why::Chosen),
            Err(reason) => Resolution::Missing(reason),
        }
    }

    fn build(&self, _: Site<'_>, _: &Page) -> Result<Built, String> {
        Err("the picker's target redirects".to_owned())
    }
}

/// `/compare?a=x&b=y` → `/compare/x-vs-y`.
fn picked(site: Site<'_>, query: Option<&str>) -> Result<Page, Missing> {
    let form: PickerQuery =
        serde_urlencoded::from_str(query.unwrap_or_default()).map_err(|_| Missing::BadQuery)?;
    let clean = |side: Option<String>| side.unwrap_or_default().trim().to_lowercase();
    let (a, b) = (clean(form.a), clean(form.b));
    if a.is_empty() || b.is_empty() {
        let known = |slug: &str| {
            if site.content.role(slug).is_some() {
                slug.to_owned()
            } else {
                String::new()
            }
        };
        return Err(Missing::MissingRole {
            picked: vec![known(&a), known(&b)],
        });
    }
    // A third and fourth role come from "Add a role".
    let mut slugs = vec![a, b];
    slugs.extend(
        [clean(form.c), clean(form.d)]
            .into_iter()
            .filter(|s| !s.is_empty()),
    );
    let sides: Vec<&str> = slugs.iter().map(String::as_str).collect();
    slugs::check_roles(site, &sides)?;
    Ok(Page::Compare(Sides::of(sides)))
}
