//! The address grammar, both ways.

use super::*;

fn sides(text: &str) -> Sides {
    Sides::parse(text).expect("sides")
}

#[test]
fn every_address_parses_back_from_its_path() {
    let pair = sides("a-vs-b");
    let pages = [
        Page::Home,
        Page::Role("a".into()),
        Page::Compare(pair.clone()),
        Page::Differences(sides("a-vs-b-vs-c")),
        Page::Day(pair.clone()),
        Page::Share(pair.clone(), Section::CareerPath),
        Page::Transition(pair.clone()),
        Page::Card(Box::new(Page::Transition(pair.clone()))),
        Page::Pay(pair.clone(), None),
        Page::Pay(pair.clone(), Some("difference".into())),
        Page::PayIn(pair.clone(), "california".into()),
        Page::PayPicker(pair.clone(), "texas".into()),
        Page::RolePay("a".into()),
        Page::Roles(None),
        Page::Roles(Some("high".into())),
        Page::Card(Box::new(Page::Roles(None))),
        Page::Card(Box::new(Page::Pay(pair.clone(), None))),
        Page::Salaries(None),
        Page::Salaries(Some("mid".into())),
        Page::Fit,
        Page::FitResult,
        Page::Picker,
        Page::Health,
        Page::Robots,
        Page::Sitemap,
        Page::SitemapPart(2),
        Page::Asset("style.0123.css".into()),
        Page::Favicon,
        Page::SalariesCsv,
        Page::RoleSchema,
        Page::ApiRoles,
        Page::ApiRole("a".into()),
        Page::ApiCompare(pair.clone()),
        Page::Card(Box::new(Page::Home)),
        Page::Card(Box::new(Page::Compare(pair.clone()))),
        Page::Card(Box::new(Page::Share(pair.clone(), Section::Salaries))),
        Page::Card(Box::new(Page::Role("a".into()))),
        Page::Card(Box::new(Page::Day(pair))),
    ];
    for page in pages {
        let path = page.path();
        let (path_only, query) = match path.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path.as_str(), None),
        };
        assert_eq!(Page::parse(path_only, query), Ok(page), "{path}");
    }
}

#[test]
fn paths_are_spelled_as_the_spec_says() {
    let pair = sides("aws-engineer-vs-aws-architect");
    assert_eq!(
        Page::Share(pair.clone(), Section::DayToDay).path(),
        "/compare/aws-engineer-vs-aws-architect/day-to-day"
    );
    assert_eq!(
        Page::Card(Box::new(Page::Compare(pair.clone()))).path(),
        "/cards/compare/aws-engineer-vs-aws-architect.png"
    );
    assert_eq!(Page::Card(Box::new(Page::Home)).path(), "/cards/site.png");
    assert_eq!(
        Page::Card(Box::new(Page::Role("aws-engineer".into()))).path(),
        "/cards/roles/aws-engineer.png"
    );
    assert_eq!(
        Page::Card(Box::new(Page::Day(pair.clone()))).path(),
        "/cards/compare/aws-engineer-vs-aws-architect/day-in-the-life.png"
    );
}

#[test]
fn role_pages_and_day_views_have_cards_of_their_own() {
    let pair = sides("a-vs-b");
    for page in [Page::Role("a".into()), Page::Day(pair.clone())] {
        assert_eq!(page.card(), Some(Page::Card(Box::new(page.clone()))));
    }
    // Pages without a card of their own preview the site's.
    assert_eq!(Page::RolePay("a".into()).card(), None);
    assert_eq!(Page::PayIn(pair, "texas".into()).card(), None);
}

#[test]
fn a_move_is_between_two_roles_and_has_its_own_card() {
    let pair = sides("aws-engineer-vs-aws-architect");
    let page = Page::Transition(pair.clone());
    assert_eq!(
        page.path(),
        "/compare/aws-engineer-vs-aws-architect/transition"
    );
    assert_eq!(
        page.card().map(|card| card.path()).as_deref(),
        Some("/cards/compare/aws-engineer-vs-aws-architect/transition.png")
    );
    assert_eq!(page.slugs(), pair.slugs());
    assert_eq!(
        Page::Transition(sides("A-vs-b"))
            .with_slugs(str::to_lowercase)
            .path(),
        "/compare/a-vs-b/transition"
    );
    for (path, count) in [
        ("/compare/a-vs-b-vs-c/transition", 3),
        ("/compare/a-vs-b-vs-c-vs-d/transition", 4),
        ("/cards/compare/a-vs-b-vs-c/transition.png", 3),
    ] {
        assert_eq!(
            Page::parse(path, None),
            Err(Missing::PairOnly {
                count,
                picked: ["a", "b", "c", "d"][..count]
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect(),
            }),
            "{path}"
        );
    }
    assert_eq!(
        Page::parse("/compare/a-vs-b-vs-c-vs-d-vs-e/transition", None),
        Err(Missing::TooManyRoles { count: 5 })
    );
    for path in [
        "/compare/a-vs-b/transition/x",
        "/compare/a-vs-b/transitions",
    ] {
        assert_eq!(Page::parse(path, None), Err(Missing::NoPage), "{path}");
    }
}

#[test]
fn refuses_what_names_no_page() {
    for (path, query) in [
        ("/roles/", None),
        ("/roles/a/b", None),
        ("/compare/a", None),
        ("/compare/a-vs-", None),
        ("/compare/a-vs-b/nope", None),
        ("/compare/a-vs-b/day-in-the-life/x", None),
        ("/compare/a-vs-b", Some("view=a&view=b")),
        ("/cards/roles/a/pay.png", None),
        ("/cards/roles/.png", None),
        ("/compare/a-vs-b/pay/", None),
        ("/compare/a-vs-b/pay/a/b", None),
        ("/roles/a/pay/x", None),
        ("/roles//pay", None),
        ("/cards/compare/a-vs-b", None),
        ("/cards/compare/a-vs-b/pay/texas.png", None),
        ("/cards/compare/a-vs-b/day-in-the-life/x.png", None),
        ("/sitemaps/0.xml", None),
        // A child sitemap has one name: no second spelling of its number.
        ("/sitemaps/01.xml", None),
        ("/sitemaps/+1.xml", None),
        ("/sitemaps/.xml", None),
        ("/sitemaps/1.xml.xml", None),
        ("/api/roles/", None),
        ("/nope", None),
        ("", None),
    ] {
        assert_eq!(Page::parse(path, query), Err(Missing::NoPage), "{path}");
    }
    assert_eq!(
        Page::parse("/compare/a-vs-b-vs-c-vs-d-vs-e", None),
        Err(Missing::TooManyRoles { count: 5 })
    );
    assert_eq!(
        Page::parse("/compare/a-vs-b", Some("view=nope")),
        Err(Missing::UnknownView {
            view: "nope".into()
        })
    );
    assert_eq!(
        Page::parse("/salaries", Some("sort=a&sort=b")),
        Err(Missing::BadQuery)
    );
}

#[test]
fn views_and_sorts_read_their_query() {
    let pair = sides("a-vs-b");
    assert_eq!(
        Page::parse("/compare/a-vs-b", Some("view=all&utm_source=x")),
        Ok(Page::Compare(pair))
    );
    assert_eq!(
        Page::parse("/salaries", Some("sort=role")),
        Ok(Page::Salaries(None))
    );
    assert_eq!(
        Page::parse("/salaries", Some("sort=mid")),
        Ok(Page::Salaries(Some("mid".into())))
    );
}

#[test]
fn renames_slugs_in_place() {
    let page = Page::Share(sides("A-vs-b"), Section::Skills);
    assert_eq!(
        page.with_slugs(str::to_lowercase).path(),
        "/compare/a-vs-b/skills"
    );
    assert_eq!(page.slugs(), ["A", "b"]);
}
