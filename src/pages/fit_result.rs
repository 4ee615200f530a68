//! `/fit/result?{question}={answer}&…`: the questionnaire's result, or the
//! form again with what is wrong, keeping the valid answers.

use super::fit::query_pairs;
use super::{Made, PageKind, Resolution, Site};
use crate::address::{Missing, Page};

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, _: &Page, query: Option<&str>) -> Resolution {
        let pairs = match query_pairs(query) {
            Ok(pairs) => pairs,
            Err(reason) => return Resolution::Missing(reason),
        };
        let Some(fit) = site.content.fit.as_ref() else {
            return Resolution::Missing(Missing::NoPage);
        };
        let reading = crate::fit::read(fit, &pairs);
        Resolution::Made(match reading.complete() {
            Some(chosen) => Made::FitResult(reading, chosen),
            None => Made::FitProblems(reading),
        })
    }
}
