//! `/fit/result?{question}={answer}&…`: the questionnaire's result, or the
//! form again with what is wrong, keeping the valid answers. Made for each
//! request: its address is its answers.

use askama::Template;

use super::fit::{form, query_pairs};
use super::layout::{layout, title};
use super::{Built, Made, PageKind, Resolution, Site, rendered};
use crate::address::{Missing, Page, Sides};
use crate::content::{Answer, Fit, Question, Role};
use crate::fit::{Reading, RoleScore};
use crate::render::colour::colours;
use crate::render::views::Layout;

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
            Some(chosen) => Made::Html {
                html: result(site, fit, &reading, &chosen),
                complete: true,
            },
            None => Made::Html {
                html: form(site, fit, Some(&reading)),
                complete: false,
            },
        })
    }

    fn build(&self, _: Site<'_>, _: &Page) -> Result<Built, String> {
        Err("made for each request".to_owned())
    }
}

/// The result of a complete set of answers (an answer index per question).
fn result(
    site: Site<'_>,
    fit: &Fit,
    reading: &Reading,
    chosen: &[usize],
) -> Result<String, String> {
    let scores = crate::fit::score(site.content, fit, chosen);
    let pair = match scores.as_slice() {
        [first, second, ..] => Some(Sides::of([&first.role.slug, &second.role.slug])),
        _ => None,
    };
    let query = reading.query(fit);
    let top = scores
        .first()
        .map(|s| s.role.title.to_string())
        .unwrap_or_default();
    let scored: Vec<&Role> = scores.iter().map(|s| s.role).collect();
    let view = FitResultView {
        colours: colours(site.content, &scored),
        answers: fit
            .questions
            .value
            .iter()
            .zip(chosen)
            .filter_map(|(q, &a)| Some((q, q.answers.value.get(a)?)))
            .collect(),
        scores,
        pair,
        query: query.clone(),
    };
    let mut page = layout(
        site,
        title(site, &format!("Your result: {top}")),
        format!("A questionnaire result that leans toward {top}, with the answers that drove it."),
        Some(&Page::FitResult),
    );
    // The result's address is its answers.
    page.canonical = Some(
        site.settings
            .absolute(&format!("{}?{query}", Page::FitResult.path())),
    );
    rendered(&FitResultPage { page, view })
}

/// A questionnaire result.
pub struct FitResultView<'a> {
    pub scores: Vec<RoleScore<'a>>,
    /// Each scored role's colour, for its class `role-{n}`.
    pub colours: Vec<usize>,
    pub answers: Vec<(&'a Question, &'a Answer)>,
    /// The two best-scoring roles, to compare.
    pub pair: Option<Sides>,
    /// The answers as a query string, in questionnaire order.
    pub query: String,
}

impl FitResultView<'_> {
    /// The roles that fit best, for the heading: those sharing the top
    /// score, when it has any points (none when no answer leaned
    /// anywhere), each `(colour, title, what follows it)`: ", ", " and "
    /// or nothing.
    pub fn leaders(&self) -> Vec<(usize, &str, &'static str)> {
        let Some(top) = self.scores.first().filter(|top| top.points > 0) else {
            return Vec::new();
        };
        let tied: Vec<(usize, &str)> = self
            .colours
            .iter()
            .copied()
            .zip(&self.scores)
            .take_while(|(_, s)| s.percent() == top.percent() && s.points == top.points)
            .map(|(colour, s)| (colour, s.role.title.as_str()))
            .collect();
        let last = tied.len().saturating_sub(1);
        tied.into_iter()
            .enumerate()
            .map(|(i, (colour, title))| {
                let then = match last - i {
                    0 => "",
                    1 => " and ",
                    _ => ", ",
                };
                (colour, title, then)
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "fit_result.html")]
struct FitResultPage<'a> {
    page: Layout<'a>,
    view: FitResultView<'a>,
}
