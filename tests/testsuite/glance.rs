//! The answer first: one site-wide role order and the colours that follow
//! it, "At a glance" on every comparison, a comparison a phone can read,
//! the differences view and the day at a glance.

use crate::support::{attrs, bundled_router, content_with, get, router, select};

const PAIR: &str = "/compare/aws-engineer-vs-aws-architect";

/// The `role-{n}` class among `classes`, as its number.
fn colour_of(classes: &str) -> usize {
    classes
        .split_whitespace()
        .find_map(|class| class.strip_prefix("role-")?.parse().ok())
        .unwrap_or_else(|| panic!("no role colour in {classes:?}"))
}

#[tokio::test]
async fn every_page_that_lists_roles_lists_them_in_the_curated_pairs_order_then_by_title() {
    let app = bundled_router();
    let home = get(&app, "/").await.html();
    assert_eq!(
        select(&home, "#roles .card-title"),
        ["AWS Engineer", "AWS Architect"]
    );
    assert_eq!(
        select(&home, "#picker-b option"),
        ["Choose a role…", "AWS Engineer", "AWS Architect"]
    );
    let salaries = get(&app, "/salaries").await.html();
    assert_eq!(
        select(&salaries, "table.all-salaries tbody th"),
        ["AWS Engineer", "AWS Architect"]
    );
    // The role column's header says the order is no sort by its text.
    assert_eq!(
        attrs(
            &salaries,
            "table.all-salaries thead th[aria-sort]",
            "aria-sort"
        ),
        ["other"]
    );

    // The made-up roles: the curated pair as its file names it (harbour
    // pilot vs lighthouse keeper), then the others by title.
    let dir = content_with(&["with-fit", "new-role"]);
    let app = router(dir.path());
    let order = [
        "Harbour Pilot",
        "Lighthouse Keeper",
        "Ferry Captain",
        "Tug Master",
    ];
    let home = get(&app, "/").await.html();
    assert_eq!(select(&home, "#roles .card-title"), order);
    assert_eq!(select(&home, "#picker-a option")[1..], order);
    let salaries = get(&app, "/salaries").await.html();
    assert_eq!(select(&salaries, "table.all-salaries tbody th"), order);
    // A comparison offers the roles it can add in that order too.
    let html = get(&app, "/compare/tug-master-vs-harbour-pilot")
        .await
        .html();
    assert_eq!(
        select(&html, "#add-role-select option")[1..],
        ["Lighthouse Keeper", "Ferry Captain"]
    );
    // The questionnaire's result: best first, equal scores in that order.
    let html = get(&app, "/fit/result?sea-or-shore=sea&company=none")
        .await
        .html();
    assert_eq!(
        select(&html, ".score-role"),
        ["Harbour Pilot", "Lighthouse Keeper", "Ferry Captain"]
    );
}

#[tokio::test]
async fn a_role_wears_the_colour_of_its_place_in_the_order_and_the_curated_card_follows_the_names()
{
    let app = bundled_router();
    let home = get(&app, "/").await.html();
    assert_eq!(
        select(&home, "#curated .card-title"),
        ["AWS Engineer vs AWS Architect"]
    );
    // The bar's halves, left to right: the Engineer's colour, then the
    // Architect's, as the comparison's columns wear them.
    let bar: Vec<usize> = attrs(&home, "#curated .pair-bar span", "class")
        .iter()
        .map(|c| colour_of(c))
        .collect();
    let compare = get(&app, PAIR).await.html();
    let columns: Vec<usize> = attrs(&compare, ".role-bar-name", "class")
        .iter()
        .map(|c| colour_of(c))
        .collect();
    assert_eq!(bar, [1, 2]);
    assert_eq!(columns, [1, 2]);
    // Swapped, each role keeps its colour.
    let swapped = get(&app, "/compare/aws-architect-vs-aws-engineer")
        .await
        .html();
    let columns: Vec<usize> = attrs(&swapped, ".role-bar-name", "class")
        .iter()
        .map(|c| colour_of(c))
        .collect();
    assert_eq!(columns, [2, 1]);
}

#[tokio::test]
async fn the_result_heading_names_the_role_that_fits_best_in_its_colour() {
    let app = bundled_router();
    let all_engineer = "favourite-part=build-it&ideal-afternoon=pipelines-and-scripts\
&when-an-alert-fires=on-it&time-horizon=today&who-you-work-with=dev-and-ops\
&skills-to-sharpen=tooling&next-certification=associate-or-devops&requirements=from-the-spec\
&career-goal=lead-or-specialise&known-for=reliability";
    let reply = get(&app, &format!("/fit/result?{all_engineer}")).await;
    reply.assert_success();
    let html = reply.html();
    assert_eq!(select(&html, "h1"), ["Your answers fit AWS Engineer best"]);
    let named = attrs(&html, "h1 .role-name", "class");
    assert_eq!(named.len(), 1);
    let scores = attrs(&html, "li.score", "class");
    assert_eq!(colour_of(&named[0]), colour_of(&scores[0]));
    assert_eq!(colour_of(&named[0]), 1, "the Engineer's colour everywhere");
    // Every role's name wears its colour: the scores and the reasons.
    assert_eq!(select(&html, ".score .role-name").len(), 2);
    let reasons: Vec<usize> = attrs(&html, "#reasons h3.role-name", "class")
        .iter()
        .map(|c| colour_of(c))
        .collect();
    assert_eq!(reasons, [1, 2]);

    // A tie names each role the top score is shared by; an answer that
    // leans nowhere names none.
    let dir = content_with(&[]);
    std::fs::write(
        dir.path().join("fit.yaml"),
        "questions:\n  - id: q\n    text: Which?\n    answers:\n      - id: both\n        text: Both\n        weights: {ferry-captain: 2, harbour-pilot: 2}\n        because: Both sail.\n      - id: neither\n        text: Neither\n        weights: {}\n        because: Nothing here.\n",
    )
    .expect("write fit.yaml");
    let app = router(dir.path());
    let html = get(&app, "/fit/result?q=both").await.html();
    assert_eq!(
        select(&html, "h1"),
        ["Your answers fit Harbour Pilot and Ferry Captain equally"]
    );
    let html = get(&app, "/fit/result?q=neither").await.html();
    assert_eq!(
        select(&html, "h1"),
        ["None of your answers leans toward one role"]
    );
}

/// Each row of a table under `css`: its cells' texts, header first.
fn rows(html: &scraper::Html, css: &str) -> Vec<Vec<String>> {
    let rows = scraper::Selector::parse(&format!("{css} tbody tr")).expect("selector");
    let cells = scraper::Selector::parse("th, td").expect("selector");
    html.select(&rows)
        .map(|row| {
            row.select(&cells)
                .map(|cell| {
                    let text: String = cell.text().collect();
                    text.split_whitespace().collect::<Vec<_>>().join(" ")
                })
                .collect()
        })
        .collect()
}

/// The kinds of work and the figures of the hours part: `(kind, from's
/// hours, to's hours, the shift)`.
fn hours_shift(html: &scraper::Html) -> Vec<[String; 4]> {
    let rows = scraper::Selector::parse("#at-a-glance .glance-shift tbody tr").expect("selector");
    let kind = scraper::Selector::parse("th").expect("selector");
    let figures = scraper::Selector::parse(".figure").expect("selector");
    html.select(&rows)
        .map(|row| {
            let text = |el: scraper::ElementRef<'_>| el.text().collect::<String>();
            let kind = row.select(&kind).map(text).collect::<String>();
            let figures: Vec<String> = row.select(&figures).map(text).collect();
            match figures.as_slice() {
                [x, y, shift] => [kind, x.clone(), y.clone(), shift.clone()],
                _ => panic!("{kind}: {figures:?}"),
            }
        })
        .collect()
}

/// Whether the element matching `first` comes before the one matching
/// `second` in the document.
fn comes_before(html: &scraper::Html, first: &str, second: &str) -> bool {
    let both = scraper::Selector::parse(&format!("{first}, {second}")).expect("selector");
    let first = scraper::Selector::parse(first).expect("selector");
    html.select(&both)
        .next()
        .is_some_and(|el| first.matches(&el))
}

fn shift(rows: &[[&str; 4]]) -> Vec<[String; 4]> {
    rows.iter().map(|r| r.map(str::to_owned)).collect()
}

#[tokio::test]
async fn the_bundled_pair_answers_at_a_glance_before_the_role_cards() {
    let app = bundled_router();
    let html = get(&app, PAIR).await.html();
    assert!(comes_before(&html, "#at-a-glance", ".role-cards"));
    assert!(comes_before(&html, "#at-a-glance", "nav.toc"));
    assert_eq!(
        select(&html, "main h2")[0],
        "At a glance#",
        "the first heading after the title"
    );
    // The pay step per level: the salary table's differences.
    assert_eq!(
        rows(&html, "#at-a-glance .glance-step"),
        [
            ["Junior", "+$20,000 (+25.0%)", "+$20,000 (+18.2%)"],
            ["Mid-level", "+$20,000 (+18.2%)", "+$20,000 (+14.3%)"],
            ["Senior", "+$20,000 (+14.3%)", "+$20,000 (+11.1%)"],
        ]
    );
    // The official medians, each occupation named beside its role, and
    // the Architect's minus the Engineer's.
    assert_eq!(
        select(&html, "#at-a-glance .glance-occupations li"),
        [
            "AWS Engineer · Network and Computer Systems Administrators (15-1244): $99,130",
            "AWS Architect · Computer Network Architects (15-1241): $134,050",
        ]
    );
    assert_eq!(
        select(&html, "#at-a-glance .glance-median strong"),
        ["+$34,920 (+35.2%)"]
    );
    // How many items differ, section by section: the differences view's
    // counts.
    assert_eq!(
        select(&html, "#at-a-glance .glance-counts li"),
        [
            "Responsibilities 8 of 10",
            "Skills and certifications 8 of 12",
            "Day to day 10 of 10",
            "Job market 2 of 4",
        ]
    );
    assert_eq!(
        attrs(&html, "#at-a-glance .glance-counts a", "href"),
        ["#responsibilities", "#skills", "#day-to-day", "#job-market"]
    );
    // The hours by kind of work, in the day view's order, and the shift.
    assert_eq!(
        hours_shift(&html),
        shift(&[
            ["monitoring", "1 h", "0 h", "−1 h"],
            ["collaboration", "1 h", "1 h", "0 h"],
            ["hands-on", "5.5 h", "0 h", "−5.5 h"],
            ["learning", "0 h", "1 h", "+1 h"],
            ["meetings", "0 h", "1.75 h", "+1.75 h"],
            ["design", "0 h", "2.5 h", "+2.5 h"],
            ["documentation", "0 h", "1.25 h", "+1.25 h"],
        ])
    );
    // The curated key differences, each title opening its text.
    assert_eq!(
        select(&html, "#at-a-glance #key-differences summary"),
        [
            "Hands-on operations vs long-term design",
            "Practical focus vs strategic focus",
            "What drives the hiring decision",
            "Certifications that count",
            "Common ground",
        ]
    );
    // Then the views and "On this page".
    let views = attrs(&html, ".view-tools a", "href");
    assert_eq!(
        views[..4],
        [
            format!("{PAIR}?view=differences"),
            "#levels".to_owned(),
            format!("{PAIR}/transition"),
            format!("{PAIR}/day-in-the-life"),
        ]
    );

    // The other way round, every step changes sign.
    let html = get(&app, "/compare/aws-architect-vs-aws-engineer")
        .await
        .html();
    assert_eq!(
        rows(&html, "#at-a-glance .glance-step")[0],
        ["Junior", "−$20,000 (−20.0%)", "−$20,000 (−15.4%)"]
    );
    assert_eq!(
        select(&html, "#at-a-glance .glance-median strong"),
        ["−$34,920 (−26.0%)"]
    );
    assert_eq!(
        hours_shift(&html)[0],
        ["learning", "1 h", "0 h", "−1 h"].map(str::to_owned)
    );
}

/// The three-role fixture with official figures for a pair: the harbour
/// pilot counted with ship captains and the lighthouse keeper, as a
/// stand-in, with emergency physicians.
fn fixture_with_pay() -> tempfile::TempDir {
    let dir = content_with(&["official-pay"]);
    for (slug, soc) in [
        ("harbour-pilot", "53-5021"),
        ("lighthouse-keeper", "29-1214"),
    ] {
        let path = dir.path().join(format!("roles/{slug}.md"));
        let text = std::fs::read_to_string(&path).expect("role file");
        let (front, body) = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
            .expect("front matter");
        let text = format!(
            "---\n{front}\noccupation:\n  soc: \"{soc}\"\n  note: A stand-in for the test.\n---\n{body}"
        );
        std::fs::write(&path, text).expect("write role file");
    }
    dir
}

#[tokio::test]
async fn a_made_up_pair_gets_its_own_figures_and_a_pair_without_them_what_it_can() {
    let dir = fixture_with_pay();
    let app = router(dir.path());
    let html = get(&app, "/compare/harbour-pilot-vs-lighthouse-keeper")
        .await
        .html();
    // The keeper lists no mid-level range: no step there.
    assert_eq!(
        rows(&html, "#at-a-glance .glance-step"),
        [
            vec!["Junior", "−$15,000 (−33.3%)", "−$20,000 (−33.3%)"],
            vec!["Mid-level", "Not listed for both"],
            vec!["Senior", "−$40,000 (−44.4%)", "−$55,000 (−45.8%)"],
        ]
    );
    assert_eq!(
        select(&html, "#at-a-glance .glance-median strong"),
        ["+$243,090 (+262.9%)"]
    );
    assert_eq!(
        select(&html, "#at-a-glance .glance-occupations li"),
        [
            "Harbour Pilot · Captains, Mates, and Pilots of Water Vessels (53-5021): $92,460",
            "Lighthouse Keeper · Emergency Medicine Physicians (29-1214): $335,550",
        ]
    );
    // No item shares a tag: everything differs.
    assert_eq!(
        select(&html, "#at-a-glance .glance-counts li"),
        [
            "Responsibilities 4 of 4",
            "Skills and certifications 3 of 3",
            "Day to day 2 of 2",
            "Job market 2 of 2",
        ]
    );
    assert_eq!(
        hours_shift(&html),
        shift(&[
            ["design", "1 h", "0 h", "−1 h"],
            ["hands-on", "2.5 h", "1.5 h", "−1 h"],
            ["documentation", "0 h", "1 h", "+1 h"],
        ])
    );
    assert_eq!(
        select(&html, "#at-a-glance #key-differences summary"),
        ["Moving vs watching"]
    );

    // Paid in other units, without a schedule, without curated text or
    // official figures: the counts, and why there is no step.
    let html = get(&app, "/compare/ferry-captain-vs-harbour-pilot")
        .await
        .html();
    assert!(select(&html, "#at-a-glance .glance-step").is_empty());
    assert!(
        select(&html, "#at-a-glance .glance-pay .glance-note")[0].starts_with(
            "No step: Ferry Captain is paid in EUR per month and Harbour Pilot in USD per year"
        )
    );
    for none in [".glance-median", ".glance-shift", "#key-differences"] {
        assert!(
            select(&html, &format!("#at-a-glance {none}")).is_empty(),
            "{none}"
        );
    }
    assert_eq!(select(&html, "#at-a-glance .glance-counts li").len(), 4);

    // Three roles: the counts and each role's hours; no step between two.
    let html = get(
        &app,
        "/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper",
    )
    .await
    .html();
    assert!(select(&html, "#at-a-glance .glance-pay").is_empty());
    assert_eq!(
        select(&html, "#at-a-glance .glance-counts li")[0],
        "Responsibilities 5 of 5"
    );
    assert_eq!(
        rows(&html, "#at-a-glance .glance-hours"),
        [
            ["design", "1 h", "0 h"],
            ["hands-on", "2.5 h", "1.5 h"],
            ["documentation", "0 h", "1 h"],
        ]
    );
    // A role's own page has no glance.
    let html = get(&app, "/roles/harbour-pilot").await.html();
    assert!(select(&html, "#at-a-glance").is_empty());
}

#[tokio::test]
async fn the_day_view_opens_with_both_days_as_strips_to_scale_coloured_by_kind() {
    let app = bundled_router();
    let html = get(&app, &format!("{PAIR}/day-in-the-life")).await.html();
    assert!(comes_before(&html, "#days-at-a-glance", "#schedule"));
    // The legend names the kinds in the day view's order, each in its
    // own colour.
    assert_eq!(
        select(&html, "#days-at-a-glance .kind-legend li"),
        [
            "monitoring",
            "collaboration",
            "hands-on",
            "learning",
            "meetings",
            "design",
            "documentation"
        ]
    );
    let swatches: Vec<String> = attrs(&html, ".kind-legend .kind-swatch", "class");
    assert_eq!(swatches[0], "kind-swatch kind-1");
    assert_eq!(swatches[6], "kind-swatch kind-7");
    // One strip per role, named in its colour; every block titled with
    // its time, duration, activity and kind, and coloured by its kind.
    assert_eq!(
        select(&html, ".strips .strip-role"),
        ["AWS Engineer", "AWS Architect"]
    );
    assert_eq!(
        attrs(&html, ".strips .strip-role", "class"),
        ["strip-role role-1", "strip-role role-2"]
    );
    let titles = select(&html, ".strips .strip-block > title");
    assert_eq!(titles.len(), 18, "{titles:?}");
    assert_eq!(
        titles[0],
        "09:00–09:30, 0.5 h: Check overnight alerts (monitoring)"
    );
    let blocks = attrs(&html, ".strips .strip-block", "class");
    assert_eq!(blocks[0], "strip-block kind-1");
    assert_eq!(blocks[2], "strip-block kind-3", "hands-on");
    // Drawn to scale: the 90-minute block is three times the 30-minute one.
    let heights: Vec<f64> = attrs(&html, ".strips .strip-block rect", "height")
        .iter()
        .map(|h| h.parse().expect("height"))
        .collect();
    assert!((heights[2] / heights[0] - 3.0).abs() < 0.01, "{heights:?}");
    // A duration is one unbreakable piece of the grid's block times.
    assert!(
        select(&html, "td.block .block-duration")
            .iter()
            .all(|d| d.ends_with(" h"))
    );
    // Without any schedule, no strips.
    let dir = content_with(&[]);
    let app = router(dir.path());
    let html = get(
        &app,
        "/compare/ferry-captain-vs-harbour-pilot/day-in-the-life",
    )
    .await
    .html();
    assert_eq!(select(&html, ".strips .strip-role"), ["Harbour Pilot"]);
}

#[tokio::test]
async fn a_share_page_is_headed_by_its_section() {
    let app = bundled_router();
    for (id, heading) in crate::support::SECTIONS {
        let html = get(&app, &format!("{PAIR}/{id}")).await.html();
        assert_eq!(select(&html, "h1"), [heading], "{id}");
        assert_eq!(
            select(&html, &format!("#{id} h2.section-heading")),
            ["AWS Engineer vs AWS Architect#"],
            "{id}"
        );
    }
}
