//! Reloading: the site of new content, made from the site of the content
//! before, with only what the change touches rendered again.
//!
//! What a page shows of the content decides what touches it; each kind of
//! page says ([`Shows`]):
//! - a role's page, and every page of two to four roles, shows its own
//!   roles in full and every other role by its listing (slug, title and
//!   family: the picker, the links to each pair, each role's colour by its
//!   place in the content's order);
//! - the lists (home, salaries, the CSV, the role API's list, the
//!   questionnaire, the sitemap files and the site's card) show every
//!   role;
//! - a role's data (`/api/roles/{slug}`) shows that role alone;
//! - the fingerprinted files, `robots.txt` and the schema show no content.
//!
//! `site.yaml`, the curated pairs, the questionnaire and the official
//! figures may show on any page: a change to one of them renders all that
//! is stored again and empties the cache, as a start does.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::{RenderError, Rendered};
use crate::address::Page;
use crate::content::{Content, Role};
use crate::pages::{self, Shows};
use crate::render::settings::Settings;

/// What changed between two loads of the content.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// `site.yaml`, a curated pair, the questionnaire or the official
    /// figures.
    pub shared: bool,
    /// A role came or went, or one's slug, title or family changed.
    pub listing: bool,
    /// The roles whose file changed, came or went.
    pub roles: BTreeSet<String>,
}

/// What other pages show of a role: its listing.
fn listing(role: &Role) -> (&str, &str, Option<&str>) {
    (&role.slug, &role.title, role.family.as_deref())
}

impl Changes {
    pub fn between(old: &Content, new: &Content) -> Self {
        let mut roles = BTreeSet::new();
        for role in &old.roles {
            if new.role(&role.slug) != Some(role) {
                roles.insert(role.slug.clone());
            }
        }
        for role in &new.roles {
            if old.role(&role.slug).is_none() {
                roles.insert(role.slug.clone());
            }
        }
        Self {
            shared: old.site != new.site
                || old.comparisons != new.comparisons
                || old.fit != new.fit
                || old.official_pay != new.official_pay,
            listing: old.roles.len() != new.roles.len()
                || old
                    .roles
                    .iter()
                    .zip(&new.roles)
                    .any(|(a, b)| listing(a) != listing(b)),
            roles,
        }
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether `page` may show something that changed.
    pub fn touch(&self, page: &Page) -> bool {
        let changed = |slugs: &[String]| slugs.iter().any(|slug| self.roles.contains(slug));
        match pages::shows(page) {
            Shows::Nothing => false,
            Shows::ItsRoles => self.shared || changed(page.slugs()),
            Shows::Listing if self.shared || self.listing => true,
            Shows::Listing => match page.slugs() {
                [] => !self.is_empty(),
                slugs => changed(slugs),
            },
        }
    }
}

impl Rendered {
    /// The site of `content`, made from this one: the pages it stores are
    /// this site's where the change does not touch them (the same
    /// resources, not copies), and rendered again where it does; the
    /// cache keeps the pages it does not touch. The brotli thread is
    /// shared. With other `settings`, every page is rendered again.
    pub fn renew(&self, content: Content, settings: Settings) -> Result<Self, RenderError> {
        let changes = Changes::between(&self.content, &content);
        let same_settings = settings == self.settings;
        let mut site = Self::unrendered(content, settings);
        if let Some(compressor) = self.compressor.get() {
            let _ = site.compressor.set(compressor.clone());
        }
        for page in site.pages_to_store() {
            let kept =
                (self.stored.get(&page.path())).filter(|_| same_settings && !changes.touch(&page));
            let resource = match kept {
                Some(resource) => resource.clone(),
                None => Arc::new(site.render(&page)?),
            };
            site.store(page, resource);
        }
        if same_settings && !changes.shared && !changes.listing {
            site.on_demand = self.on_demand.keeping(|page| !changes.touch(page));
        }
        tracing::debug!("reloaded: {changes:?}");
        Ok(site)
    }
}
