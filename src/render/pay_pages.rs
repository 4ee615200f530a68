//! The pages of official pay (BLS OEWS): a comparison's pay with its
//! states, one area, and one role's every area. Each shows the figures as
//! [`super::views::PayTable`] arranges them.

use askama::Template;

use super::pages::slugs;
use super::site::Rendered;
use super::views::{self, Layout, Note, Official, PayTable, StateTable};
use crate::address::{Page, Sides};
use crate::content::Role;
use crate::oews::{Area, AreaKind, Measure, OfficialPay};

/// A comparison's official pay: in the nation or one area, with the area
/// form, and on the nation's page every state.
pub struct PayView<'a> {
    /// "AWS Engineer vs AWS Architect".
    pub title: String,
    pub sides: Sides,
    /// The figures in the area shown.
    pub table: PayTable<'a>,
    /// Every state, on the nation's page.
    pub states: Option<StateTable<'a>>,
    /// States, then metropolitan and nonmetropolitan areas, for the form.
    pub choices: (Vec<&'a Area>, Vec<&'a Area>),
    /// The area shown, to preselect in the form (none for the nation).
    pub chosen: Option<&'a str>,
    /// Each role's page of every area.
    pub role_pages: Vec<(&'a Role, Page)>,
}

impl PayView<'_> {
    /// The comparison these roles' pay belongs to.
    pub fn comparison(&self) -> Page {
        Page::Compare(self.sides.clone())
    }

    /// The nation's pay page (the form's target too).
    pub fn national(&self) -> Page {
        Page::Pay(self.sides.clone(), None)
    }
}

/// One role's official pay in every area it has figures for.
pub struct RolePayView<'a> {
    pub role: &'a Role,
    pub table: PayTable<'a>,
    /// States, then metropolitan and nonmetropolitan areas.
    pub groups: Vec<(&'static str, Vec<AreaRow<'a>>)>,
    /// BLS's notes on the figures it did not publish.
    pub notes: Vec<Note>,
}

/// An area's figures for one role, as the role's pay page lists them.
pub struct AreaRow<'a> {
    pub area: &'a Area,
    /// The pair's page for this area, when the role has a partner to compare.
    pub page: Option<Page>,
    pub cells: Vec<String>,
}

/// The columns of a role's areas table, after the area.
pub const AREA_COLUMNS: [(Measure, &str); 6] = [
    (Measure::AnnualP10, "10th percentile"),
    (Measure::AnnualP25, "25th percentile"),
    (Measure::AnnualMedian, "Median"),
    (Measure::AnnualP75, "75th percentile"),
    (Measure::AnnualP90, "90th percentile"),
    (Measure::Employment, "Employment"),
];

impl Rendered {
    /// The official data and the roles' occupations in it, when any role
    /// has figures.
    pub(super) fn officials<'a>(
        &'a self,
        roles: &[&'a Role],
    ) -> Option<(&'a OfficialPay, Vec<Official<'a>>)> {
        let pay = self.content.official_pay.as_ref()?;
        let officials = views::officials(&self.content, roles);
        (!officials.is_empty()).then_some((pay, officials))
    }

    /// Whether [`Rendered::pay`] has a page for these arguments: a role
    /// with official figures (in `area`, if given), and a sort by the
    /// difference (two roles) or by a role with figures.
    pub(super) fn pay_exists(
        &self,
        roles: &[&Role],
        area: Option<&str>,
        sort: Option<&str>,
    ) -> bool {
        let Some((pay, officials)) = self.officials(roles) else {
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

    /// `/compare/{pair}/pay`, or `…/pay/{area}` for `area`; `sort` orders
    /// the states. `None` if the page has nothing to show.
    pub(super) fn pay(
        &self,
        roles: &[&Role],
        area: Option<&str>,
        sort: Option<&str>,
    ) -> Option<Result<String, askama::Error>> {
        let (pay, officials) = self.officials(roles)?;
        let sides = Sides::of(roles.iter().map(|role| &role.slug));
        let choices = views::area_choices(pay, &officials);
        let role_pages = officials
            .iter()
            .map(|o| (o.role, Page::RolePay(o.role.slug.clone())))
            .collect();
        let (table, states) = self.pay_tables(pay, officials, roles, &sides, area, sort)?;
        let title = roles
            .iter()
            .map(|role| role.title.as_str())
            .collect::<Vec<_>>()
            .join(" vs ");
        let mut layout = self.pay_layout(roles, &title, &table, area, sort);
        layout.picked = slugs(roles);
        let view = PayView {
            title,
            sides,
            chosen: area,
            table,
            states,
            choices,
            role_pages,
        };
        Some(PayPage { page: layout, view }.render())
    }

    /// The figures of `officials` in the area whose slug is `area` (not
    /// the nation's), or the nation's and every state's, sorted by
    /// `sort`. `None` if there are none, or `area` or `sort` names
    /// nothing.
    fn pay_tables<'a>(
        &self,
        pay: &'a OfficialPay,
        officials: Vec<Official<'a>>,
        roles: &[&Role],
        sides: &Sides,
        area: Option<&str>,
        sort: Option<&str>,
    ) -> Option<(PayTable<'a>, Option<StateTable<'a>>)> {
        match area {
            Some(slug) => {
                let area = pay
                    .area_by_slug(slug)
                    .filter(|a| a.kind != AreaKind::National)?;
                Some((PayTable::new(pay, officials, area)?, None))
            }
            None => {
                // Area pages are linked in the pair's canonical order: one
                // page per area, whichever way round the pair is read.
                let canonical = views::canonical_sides(&self.content, roles);
                let states = StateTable::new(pay, &officials, (sides, &canonical), sort)?;
                Some((PayTable::national(pay, officials)?, Some(states)))
            }
        }
    }

    /// A pay page's title, description, canonical address and card, for
    /// the roles called `title` and the figures in `table`.
    fn pay_layout(
        &self,
        roles: &[&Role],
        title: &str,
        table: &PayTable<'_>,
        area: Option<&str>,
        sort: Option<&str>,
    ) -> Layout<'_> {
        let canonical_sides = views::canonical_sides(&self.content, roles);
        let canonical = match area {
            Some(slug) => Page::PayIn(canonical_sides, slug.to_owned()),
            None => Page::Pay(canonical_sides, sort.map(str::to_owned)),
        };
        let place = views::place(table.area);
        let description = format!(
            "Official annual wages of {title} in {place}: percentiles, mean and employment from the Bureau of Labor Statistics, {}.",
            table.release.name
        );
        let mut layout = self.layout(
            self.title(&format!("Official pay in {place}: {title}")),
            description,
            Some(&canonical),
        );
        if let Some(og) = &mut layout.og {
            og.kind = "article";
            og.image_alt = format!("Official median wages of {title}, side by side.");
        }
        layout
    }

    /// `/roles/{slug}/pay`. `None` if the role has no official figures.
    pub(super) fn role_pay(&self, role: &Role) -> Option<Result<String, askama::Error>> {
        let (pay, officials) = self.officials(&[role])?;
        let soc = officials.first()?.soc;
        let partner = self.pay_partner(role);
        let mut groups: Vec<(&'static str, Vec<AreaRow<'_>>)> = vec![
            ("States", Vec::new()),
            ("Metropolitan and nonmetropolitan areas", Vec::new()),
        ];
        let mut notes = Vec::new();
        for (area, estimates) in pay.by_area(soc) {
            let group = match area.kind {
                AreaKind::National => continue,
                AreaKind::State => &mut groups[0].1,
                AreaKind::Metro => &mut groups[1].1,
            };
            group.push(AreaRow {
                area,
                page: partner
                    .as_ref()
                    .map(|sides| Page::PayIn(sides.clone(), area.slug.clone())),
                cells: AREA_COLUMNS
                    .iter()
                    .map(|(measure, _)| {
                        views::cell_text(pay, estimates.get(*measure), *measure, &mut notes)
                    })
                    .collect(),
            });
        }
        let table = PayTable::national(pay, officials)?;
        let mut layout = self.layout(
            self.title(&format!("Official pay by area: {}", role.title)),
            format!(
                "Official annual wages of {} in every state and metropolitan area: percentiles and employment from the Bureau of Labor Statistics, {}.",
                role.title, table.release.name
            ),
            Some(&Page::RolePay(role.slug.clone())),
        );
        layout.picked = vec![role.slug.clone()];
        let view = RolePayView {
            role,
            table,
            groups,
            notes,
        };
        Some(RolePayPage { page: layout, view }.render())
    }

    /// The pair a role's area figures link to: its first curated pair with
    /// official figures, else its first other role that has them.
    fn pay_partner(&self, role: &Role) -> Option<Sides> {
        let has_figures = |other: &Role| self.officials(&[other]).is_some();
        let curated = self.content.comparisons.iter().find_map(|c| {
            let other = if c.a == role.slug {
                &c.b
            } else if c.b == role.slug {
                &c.a
            } else {
                return None;
            };
            let other = self.content.role(other)?;
            has_figures(other).then(|| views::canonical_sides(&self.content, &[role, other]))
        });
        curated.or_else(|| {
            let other = self
                .content
                .roles
                .iter()
                .find(|other| other.slug != role.slug && has_figures(other))?;
            Some(views::canonical_sides(&self.content, &[role, other]))
        })
    }
}

#[derive(Template)]
#[template(path = "pay.html")]
struct PayPage<'a> {
    page: Layout<'a>,
    view: PayView<'a>,
}

#[derive(Template)]
#[template(path = "role_pay.html")]
struct RolePayPage<'a> {
    page: Layout<'a>,
    view: RolePayView<'a>,
}
