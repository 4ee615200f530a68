//! `/fit`: the questionnaire; with answers in the query ("change your
//! answers"), the same form with them checked.

use super::{Made, PageKind, Resolution, Site};
use crate::address::{Missing, Page};

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, query: Option<&str>) -> Resolution {
        let pairs = match query_pairs(query) {
            Ok(pairs) => pairs,
            Err(reason) => return Resolution::Missing(reason),
        };
        let Some(fit) = site.content.fit.as_ref() else {
            return Resolution::Missing(Missing::NoPage);
        };
        if pairs.is_empty() {
            return Resolution::Found(page.clone());
        }
        let mut reading = crate::fit::read(fit, &pairs);
        reading.problems.clear();
        Resolution::Made(Made::FitForm(reading))
    }
}

/// The query string as `(name, value)` pairs; unreadable is a 400.
pub(super) fn query_pairs(query: Option<&str>) -> Result<Vec<(String, String)>, Missing> {
    serde_urlencoded::from_str(query.unwrap_or_default()).map_err(|_| Missing::BadQuery)
}
