//! `/fit`: the questionnaire; with answers in the query ("change your
//! answers"), the same form with them checked, made for that request.

use askama::Template;

use super::layout::{layout, title};
use super::{Built, Made, PageKind, Resolution, Site, rendered};
use crate::address::{Missing, Page};
use crate::content::Fit;
use crate::fit::Reading;
use crate::render::views::Layout;

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
        Resolution::Made(Made::Html {
            html: form(site, fit, Some(&reading)),
            complete: true,
        })
    }

    fn build(&self, site: Site<'_>, _: &Page) -> Result<Built, String> {
        let fit = site
            .content
            .fit
            .as_ref()
            .ok_or("the site has no questionnaire")?;
        form(site, fit, None).map(|html| Built::html(site, html))
    }

    fn stored(&self, site: Site<'_>) -> Vec<Page> {
        self.listed(site)
    }

    fn listed(&self, site: Site<'_>) -> Vec<Page> {
        site.content.fit.iter().map(|_| Page::Fit).collect()
    }
}

/// The query string as `(name, value)` pairs; unreadable is a 400.
pub(super) fn query_pairs(query: Option<&str>) -> Result<Vec<(String, String)>, Missing> {
    serde_urlencoded::from_str(query.unwrap_or_default()).map_err(|_| Missing::BadQuery)
}

/// The questionnaire, with `reading`'s valid answers checked and its
/// problems listed (`None`: the blank form).
pub(super) fn form(site: Site<'_>, fit: &Fit, reading: Option<&Reading>) -> Result<String, String> {
    let view = FitView {
        fit,
        chosen: reading.map_or_else(
            || vec![None; fit.questions.value.len()],
            |r| r.chosen.clone(),
        ),
        problems: reading.map(|r| r.problems.clone()).unwrap_or_default(),
    };
    let page = FitPage {
        page: layout(
            site,
            title(site, "Which role fits you?"),
            "A short questionnaire about the work you enjoy, pointing to the roles whose everyday work resembles it.".to_owned(),
            Some(&Page::Fit),
        ),
        view,
    };
    rendered(&page)
}

/// The questionnaire form.
pub struct FitView<'a> {
    pub fit: &'a Fit,
    /// Answer index per question, to check.
    pub chosen: Vec<Option<usize>>,
    pub problems: Vec<String>,
}

impl FitView<'_> {
    pub fn is_checked(&self, question: usize, answer: usize) -> bool {
        self.chosen.get(question).copied().flatten() == Some(answer)
    }
}

#[derive(Template)]
#[template(path = "fit.html")]
struct FitPage<'a> {
    page: Layout<'a>,
    view: FitView<'a>,
}
