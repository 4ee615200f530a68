//! The HTML pages: one builder per kind of page, each filling the template
//! struct named after it. Every builder returns the page's text; the
//! registry ([`super::Rendered`]) keeps it in every form.

use askama::Template;

use super::data;
use super::day::DayView;
use super::errors::ErrorView;
use super::site::Rendered;
use super::views::{self, CompareView, Layout, PairLink, SalariesView, TransitionView};
use crate::address::{Page, Section, Sides};
use crate::content::Role;

impl Rendered {
    /// The layout every page shares. A page with a canonical address gets
    /// link-preview tags, with its own card if it has one.
    pub(super) fn layout(
        &self,
        title: String,
        description: String,
        canonical: Option<&Page>,
    ) -> Layout<'_> {
        let site = &self.content.site;
        let og_title = title
            .trim_end_matches(&format!(" — {}", site.title))
            .to_owned();
        let card = canonical
            .and_then(Page::card)
            .unwrap_or_else(|| Page::Card(Box::new(Page::Home)));
        Layout {
            site,
            roles: self.content.ordered().collect(),
            settings: &self.settings,
            css: self.settings.link(&self.assets.css_path),
            favicon: self.settings.link(&self.assets.favicon_path),
            title,
            description,
            og: canonical.map(|_| views::OpenGraph {
                title: og_title.clone(),
                kind: "website",
                image: self.settings.absolute(&card.path()),
                image_alt: format!("{}: {}", site.title, site.tagline),
            }),
            canonical: canonical.map(|page| self.settings.absolute(&page.path())),
            picked: Vec::new(),
            fit: self.content.fit.as_ref(),
            json_ld: None,
        }
    }

    /// The title of a page: what it shows, then the site's name.
    pub(super) fn title(&self, what: &str) -> String {
        format!("{what} — {}", self.content.site.title)
    }

    pub(super) fn home(&self) -> Result<String, askama::Error> {
        let site = &self.content.site;
        HomePage {
            page: self.layout(
                format!("{}: {}", site.title, site.tagline),
                site.description.to_string(),
                Some(&Page::Home),
            ),
            roles: self.content.ordered().collect(),
            curated: self
                .content
                .comparisons
                .iter()
                .filter_map(|c| PairLink::new(&self.content, &self.settings, &c.a, &c.b))
                .collect(),
        }
        .render()
    }

    pub(super) fn role(&self, role: &Role) -> Result<String, askama::Error> {
        let others = self
            .content
            .ordered()
            .filter(|other| other.slug != role.slug)
            .filter_map(|other| {
                PairLink::new(&self.content, &self.settings, &role.slug, &other.slug)
            })
            .collect();
        let mut layout = self.layout(
            self.title(&role.title),
            role.summary.to_string(),
            Some(&Page::Role(role.slug.clone())),
        );
        layout.picked = vec![role.slug.clone()];
        if let Some(og) = &mut layout.og {
            og.image_alt = format!(
                "{}: what the role does, its salary range at each level and its skills.",
                role.title
            );
        }
        layout.json_ld = Some(data::json_ld(&self.content, &self.settings, &[role]));
        RolePage {
            page: layout,
            view: CompareView::new(&self.content, &[role]),
            others,
        }
        .render()
    }

    pub(super) fn compare(
        &self,
        roles: &[&Role],
        differences: bool,
    ) -> Result<String, askama::Error> {
        let view = CompareView::with_view(&self.content, roles, differences);
        let title = if differences {
            format!("Differences: {}", view.title)
        } else {
            view.title.clone()
        };
        let canonical = Page::Compare(views::canonical_sides(&self.content, roles));
        let mut layout = self.layout(
            self.title(&title),
            view.description.clone(),
            Some(&canonical),
        );
        layout.picked = slugs(roles);
        layout.json_ld = Some(data::json_ld(&self.content, &self.settings, roles));
        if let Some(og) = &mut layout.og {
            og.image_alt = format!(
                "{}: responsibilities, skills, a day in the life, career path, job market and salaries side by side.",
                view.title
            );
        }
        ComparePage { page: layout, view }.render()
    }

    /// The share page of one section of a comparison.
    pub(super) fn share(&self, roles: &[&Role], section: Section) -> Result<String, askama::Error> {
        let mut view = CompareView::new(&self.content, roles);
        view.share = true;
        let heading = section.heading();
        let description = views::section_description(&view, section);
        let canonical = Page::Share(views::canonical_sides(&self.content, roles), section);
        let mut layout = self.layout(
            self.title(&format!("{heading}: {}", view.title)),
            description,
            Some(&canonical),
        );
        layout.picked = slugs(roles);
        if let Some(og) = &mut layout.og {
            og.kind = "article";
            og.image_alt = format!("{heading} of {}, side by side.", view.title);
        }
        SharePage {
            page: layout,
            view,
            section,
        }
        .render()
    }

    /// Moving from one role to another. Each direction is a page of its
    /// own, and its own canonical address.
    pub(super) fn transition(&self, from: &Role, to: &Role) -> Result<String, askama::Error> {
        let view = TransitionView::new(&self.content, from, to);
        let mut layout = self.layout(
            self.title(&view.title),
            view.description.clone(),
            Some(&view.address),
        );
        layout.picked = vec![from.slug.clone(), to.slug.clone()];
        if let Some(og) = &mut layout.og {
            og.kind = "article";
            og.image_alt = format!(
                "{}: the pay step at each salary level, {} minus {}.",
                view.title, to.title, from.title
            );
        }
        TransitionPage { page: layout, view }.render()
    }

    pub(super) fn day(&self, roles: &[&Role]) -> Result<String, askama::Error> {
        let view = CompareView::new(&self.content, roles);
        let canonical = Page::Day(views::canonical_sides(&self.content, roles));
        let mut layout = self.layout(
            self.title(&format!("A day in the life: {}", view.title)),
            format!(
                "{}: an illustrative working day of each role, hour by hour, and how the hours split by kind of work.",
                view.title
            ),
            Some(&canonical),
        );
        layout.picked = slugs(roles);
        if let Some(og) = &mut layout.og {
            og.image_alt = format!(
                "A day in the life of {}: when each day runs and its hours by kind of work.",
                view.title
            );
        }
        DayPage {
            page: layout,
            day: DayView::new(roles, &view.colours),
            view,
        }
        .render()
    }

    pub(super) fn salaries(&self, sort: Option<&str>) -> Result<String, askama::Error> {
        SalariesPage {
            page: self.layout(
                self.title("Salaries by level"),
                "Every role's salary ranges by level, in one table and one chart.".to_owned(),
                Some(&Page::Salaries(sort.map(str::to_owned))),
            ),
            view: SalariesView::new(&self.content, &self.settings, sort),
        }
        .render()
    }

    /// The questionnaire, with `reading`'s valid answers checked and its
    /// problems listed (`None`: the blank form). `None` without `fit.yaml`.
    pub fn fit_form(
        &self,
        reading: Option<&crate::fit::Reading>,
    ) -> Option<Result<String, askama::Error>> {
        let fit = self.content.fit.as_ref()?;
        let view = FitView {
            fit,
            chosen: reading.map_or_else(
                || vec![None; fit.questions.value.len()],
                |r| r.chosen.clone(),
            ),
            problems: reading.map(|r| r.problems.clone()).unwrap_or_default(),
        };
        let page = FitPage {
            page: self.layout(
                self.title("Which role fits you?"),
                "A short questionnaire about the work you enjoy, pointing to the roles whose everyday work resembles it.".to_owned(),
                Some(&Page::Fit),
            ),
            view,
        };
        Some(page.render())
    }

    /// The result of a complete set of answers (an answer index per
    /// question). `None` without `fit.yaml`.
    pub fn fit_result(
        &self,
        reading: &crate::fit::Reading,
        chosen: &[usize],
    ) -> Option<Result<String, askama::Error>> {
        let fit = self.content.fit.as_ref()?;
        let scores = crate::fit::score(&self.content, fit, chosen);
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
            colours: super::colour::colours(&self.content, &scored),
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
        let mut layout = self.layout(
            self.title(&format!("Your result: {top}")),
            format!(
                "A questionnaire result that leans toward {top}, with the answers that drove it."
            ),
            Some(&Page::FitResult),
        );
        // The result's address is its answers.
        layout.canonical = Some(
            self.settings
                .absolute(&format!("{}?{query}", Page::FitResult.path())),
        );
        let page = FitResultPage { page: layout, view };
        Some(page.render())
    }

    /// An error page in the site's layout. Rendered per request: it names
    /// what the reader asked for.
    pub fn error_page(&self, error: &ErrorView<'_>) -> String {
        let mut layout = self.layout(self.title(&error.heading), error.message.clone(), None);
        layout.picked = error.picked.clone();
        let page = ErrorPage {
            page: layout,
            error,
        };
        page.render().unwrap_or_else(|_| {
            // Rendering from owned strings cannot fail in practice; if it
            // ever does, the reader still gets the message.
            format!(
                "<!doctype html><title>{0}</title><h1>{0}</h1>",
                error.status
            )
        })
    }
}

pub(super) fn slugs(roles: &[&Role]) -> Vec<String> {
    roles.iter().map(|role| role.slug.clone()).collect()
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    page: Layout<'a>,
    roles: Vec<&'a Role>,
    curated: Vec<PairLink<'a>>,
}

#[derive(Template)]
#[template(path = "role.html")]
struct RolePage<'a> {
    page: Layout<'a>,
    view: CompareView<'a>,
    others: Vec<PairLink<'a>>,
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage<'a> {
    page: Layout<'a>,
    view: CompareView<'a>,
}

#[derive(Template)]
#[template(path = "share.html")]
struct SharePage<'a> {
    page: Layout<'a>,
    view: CompareView<'a>,
    section: Section,
}

#[derive(Template)]
#[template(path = "transition.html")]
struct TransitionPage<'a> {
    page: Layout<'a>,
    view: TransitionView<'a>,
}

#[derive(Template)]
#[template(path = "day.html")]
struct DayPage<'a> {
    page: Layout<'a>,
    view: CompareView<'a>,
    day: DayView<'a>,
}

#[derive(Template)]
#[template(path = "salaries.html")]
struct SalariesPage<'a> {
    page: Layout<'a>,
    view: SalariesView<'a>,
}

/// The questionnaire form.
pub struct FitView<'a> {
    pub fit: &'a crate::content::Fit,
    /// Answer index per question, to check.
    pub chosen: Vec<Option<usize>>,
    pub problems: Vec<String>,
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

impl FitView<'_> {
    pub fn is_checked(&self, question: usize, answer: usize) -> bool {
        self.chosen.get(question).copied().flatten() == Some(answer)
    }
}

/// A questionnaire result.
pub struct FitResultView<'a> {
    pub scores: Vec<crate::fit::RoleScore<'a>>,
    /// Each scored role's colour, for its class `role-{n}`.
    pub colours: Vec<usize>,
    pub answers: Vec<(&'a crate::content::Question, &'a crate::content::Answer)>,
    /// The two best-scoring roles, to compare.
    pub pair: Option<Sides>,
    /// The answers as a query string, in questionnaire order.
    pub query: String,
}

#[derive(Template)]
#[template(path = "fit.html")]
struct FitPage<'a> {
    page: Layout<'a>,
    view: FitView<'a>,
}

#[derive(Template)]
#[template(path = "fit_result.html")]
struct FitResultPage<'a> {
    page: Layout<'a>,
    view: FitResultView<'a>,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page: Layout<'a>,
    error: &'a ErrorView<'a>,
}
