//! What a reader sees that the HTML and the stylesheet show: the level
//! table styled like the other tables, one colour per role on every page,
//! a phone drawing of every chart, and day-view rows of one fixed height.

use std::collections::BTreeMap;

use scraper::{Html, Selector};

use crate::support::{attrs, bundled_router, fixture, get, router};

const PAIR: &str = "/compare/aws-engineer-vs-aws-architect";

/// The site's stylesheet, as a page links it.
async fn stylesheet(app: &rolecompare::http::App) -> String {
    let home = get(app, "/").await.html();
    let href = attrs(&home, "link[rel=stylesheet]", "href")[0].clone();
    get(app, &href).await.body
}

/// `(text, class)` of every element `css` selects, the text squeezed.
fn texts_and_classes(html: &Html, css: &str) -> Vec<(String, String)> {
    let selector = Selector::parse(css).expect("selector");
    html.select(&selector)
        .map(|el| {
            let text = el.text().collect::<String>();
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let class = el.value().attr("class").unwrap_or_default().to_owned();
            (text, class)
        })
        .collect()
}

/// The `role-{n}` class among `classes`.
fn role_class(classes: &str) -> Option<String> {
    classes
        .split_whitespace()
        .find(|c| {
            c.strip_prefix("role-")
                .is_some_and(|n| n.parse::<u8>().is_ok())
        })
        .map(str::to_owned)
}

#[tokio::test]
async fn the_level_table_has_the_table_rules_of_the_salary_table() {
    let app = bundled_router();
    for path in [PAIR, "/roles/aws-engineer"] {
        let html = get(&app, path).await.html();
        assert_eq!(
            attrs(&html, "#levels table", "class"),
            ["levels stack-on-phone"]
        );
    }
    let css = stylesheet(&app).await;
    // Every shared table rule (`:is(.ladder, .salaries, …)`) names the
    // level table too.
    let lists: Vec<&str> = css
        .split(":is(")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .filter(|list| list.split(',').any(|c| c.trim() == ".salaries"))
        .collect();
    assert!(lists.len() >= 6, "{lists:?}");
    for list in lists {
        assert!(
            list.split(',').any(|c| c.trim() == ".levels"),
            "`:is({list})` leaves the level table out"
        );
    }
}

/// Each role's colour class on a page, by title, from `css`; asserts a
/// role has one colour there and no two roles share one.
fn colours_on(html: &Html, css: &str, page: &str) -> BTreeMap<String, String> {
    let mut colours: BTreeMap<String, String> = BTreeMap::new();
    for (title, classes) in texts_and_classes(html, css) {
        let class = role_class(&classes).unwrap_or_else(|| panic!("{page}: {title} has no colour"));
        // A role's name, without its unit ("(USD per year)") or the
        // official occupation its figures are of (" · Computer …").
        let title = title.split(" · ").next().unwrap_or_default();
        let title = title.split(" (").next().unwrap_or_default().to_owned();
        if let Some(before) = colours.insert(title.clone(), class.clone()) {
            assert_eq!(before, class, "{page}: {title} in two colours");
        }
    }
    let mut distinct: Vec<&String> = colours.values().collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), colours.len(), "{page}: {colours:?}");
    colours
}

/// Every role's colour on `/salaries` (its name cell and the chart's
/// legend) must be its colour on each of `pages` (tables, role bar, legend).
async fn colours_match_salaries(app: &rolecompare::http::App, pages: &[&str]) {
    let all = get(app, "/salaries").await.html();
    let reference = colours_on(&all, "table.all-salaries tbody th", "/salaries");
    assert!(reference.len() >= 2, "{reference:?}");
    let legend = Selector::parse("svg.chart-wide .chart-legend .swatch, .chart-legend .swatch")
        .expect("selector");
    assert!(
        all.select(&legend).next().is_some(),
        "/salaries draws a legend"
    );
    for page in pages {
        let html = get(app, page).await.html();
        let selectors = [
            "#salaries table.salaries thead th[class*=role-]",
            "table.levels thead th[class*=role-]",
            "table.day thead th[class*=role-]",
            ".role-bar-name",
        ];
        let mut found = 0;
        for css in selectors {
            for (title, class) in colours_on(&html, css, page) {
                found += 1;
                assert_eq!(
                    Some(&class),
                    reference.get(&title),
                    "{page} ({css}): {title} is {class}, on /salaries {:?}",
                    reference.get(&title)
                );
            }
        }
        assert!(found > 0, "{page} colours no role");
    }
}

#[tokio::test]
async fn a_role_keeps_its_colour_on_every_bundled_page() {
    let app = bundled_router();
    colours_match_salaries(
        &app,
        &[
            PAIR,
            "/compare/aws-architect-vs-aws-engineer",
            "/compare/aws-engineer-vs-aws-architect/day-in-the-life",
            "/compare/aws-engineer-vs-aws-architect/salaries",
            "/roles/aws-engineer",
            "/roles/aws-architect",
        ],
    )
    .await;
}

#[tokio::test]
async fn a_role_keeps_its_colour_on_every_fixture_page() {
    let app = router(&fixture("three-roles"));
    colours_match_salaries(
        &app,
        &[
            "/compare/harbour-pilot-vs-lighthouse-keeper",
            "/compare/lighthouse-keeper-vs-harbour-pilot",
            "/compare/ferry-captain-vs-lighthouse-keeper",
            "/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper",
            "/compare/lighthouse-keeper-vs-harbour-pilot-vs-ferry-captain",
            "/compare/harbour-pilot-vs-ferry-captain/day-in-the-life",
            "/roles/harbour-pilot",
        ],
    )
    .await;
}

/// The width of an SVG's viewBox.
fn view_width(view_box: &str) -> f64 {
    view_box
        .split_whitespace()
        .nth(2)
        .and_then(|w| w.parse().ok())
        .expect("viewBox width")
}

#[tokio::test]
async fn every_chart_has_a_drawing_for_phones() {
    let bundled = bundled_router();
    let three = router(&fixture("three-roles"));
    let pages = [
        (&bundled, PAIR),
        (&bundled, "/salaries"),
        (&bundled, "/compare/aws-engineer-vs-aws-architect/salaries"),
        (&bundled, "/roles/aws-engineer"),
        (
            &bundled,
            "/compare/aws-engineer-vs-aws-architect/day-in-the-life",
        ),
        (&bundled, "/compare/aws-engineer-vs-aws-architect/pay"),
        (&three, "/salaries"),
        (&three, "/compare/ferry-captain-vs-harbour-pilot"),
    ];
    for (app, page) in pages {
        let html = get(app, page).await.html();
        let figures = Selector::parse("figure.chart").expect("selector");
        let wide = Selector::parse("svg.chart-wide").expect("selector");
        let narrow = Selector::parse("svg.chart-narrow").expect("selector");
        let bars = Selector::parse(".bar").expect("selector");
        let mut count = 0;
        for figure in html.select(&figures) {
            count += 1;
            let wide: Vec<_> = figure.select(&wide).collect();
            let narrow: Vec<_> = figure.select(&narrow).collect();
            assert_eq!((wide.len(), narrow.len()), (1, 1), "{page}: two drawings");
            let width = view_width(narrow[0].value().attr("viewBox").unwrap_or_default());
            // Drawn at its own size on a 320 px screen (288 px inside the
            // page's margins), so its 12 px labels stay 12 px.
            assert!(width <= 288.0, "{page}: the phone drawing is {width} wide");
            assert_eq!(
                narrow[0].select(&bars).count(),
                wide[0].select(&bars).count(),
                "{page}: both drawings draw every bar"
            );
        }
        assert!(count > 0, "{page} draws no chart");
    }
}

#[tokio::test]
async fn the_day_view_rows_have_a_fixed_height() {
    let bundled = bundled_router();
    let three = router(&fixture("three-roles"));
    let css = stylesheet(&bundled).await;
    for (app, page) in [
        (
            &bundled,
            "/compare/aws-engineer-vs-aws-architect/day-in-the-life",
        ),
        (
            &three,
            "/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper/day-in-the-life",
        ),
    ] {
        let html = get(app, page).await.html();
        let classes = attrs(&html, "table.day", "class").join(" ");
        // One height for every row on wide screens and one on phones, so
        // a block spanning n rows is n times as tall as a one-row block.
        for prefix in ["rows-", "phone-rows-", "desk-rows-"] {
            let class = classes
                .split_whitespace()
                .find(|c| {
                    c.strip_prefix(prefix)
                        .is_some_and(|n| n.parse::<u32>().is_ok())
                })
                .unwrap_or_else(|| panic!("{page}: table.day has no {prefix}… class: {classes}"));
            let rule = format!(".day.{class} tbody tr {{ height:");
            assert!(css.contains(&rule), "the stylesheet has no `{rule}`");
        }
    }
}
