//! Moving from one role to another, `/compare/{a}-vs-{b}/transition`: a
//! shareable page each way, computed from the content, with its own card,
//! linked from the comparison and in the export; three or four roles are a
//! 400.

use std::collections::BTreeMap;

use axum::http::{Method, StatusCode};
use rolecompare::content::{Content, Item, Role};
use rolecompare::render::Settings;
use rolecompare::store::Rendered;
use scraper::Html;

use crate::support::{
    BASE_URL, attrs, bundled_router, content_with, fixture, get, get_bytes, load_ok, repo_path,
    request, router, select,
};

const FORWARD: &str = "/compare/aws-engineer-vs-aws-architect/transition";
const BACKWARD: &str = "/compare/aws-architect-vs-aws-engineer/transition";

fn bundled() -> Content {
    load_ok(&repo_path("content"))
}

fn role<'a>(content: &'a Content, slug: &str) -> &'a Role {
    content.role(slug).expect("bundled role")
}

/// `to`'s items that no item of `from` shares a tag with: what the page
/// must list as new, computed here from the content on its own.
fn new_names(from: &[Item], to: &[Item]) -> Vec<String> {
    let tags = |items: &[Item]| -> Vec<String> {
        items
            .iter()
            .flat_map(|i| i.tags.iter().map(|t| t.value.to_string()))
            .collect()
    };
    let theirs = tags(from);
    to.iter()
        .filter(|item| {
            !item
                .tags
                .iter()
                .any(|t| theirs.contains(&t.value.to_string()))
        })
        .map(|item| item.name.to_string())
        .collect()
}

/// `+$20,000 (+25.0%)` → 20000, `−$5,000` → -5000.
fn dollars(text: &str) -> i64 {
    let figure = text.split_whitespace().next().unwrap_or_default();
    let negative = figure.starts_with('−') || figure.starts_with('-');
    let digits: String = figure.chars().filter(char::is_ascii_digit).collect();
    let value: i64 = digits
        .parse()
        .unwrap_or_else(|_| panic!("not a figure: {text}"));
    if negative { -value } else { value }
}

/// Minutes a role's schedule spends on each kind of work.
fn minutes_by_kind(role: &Role) -> BTreeMap<String, u16> {
    let mut minutes = BTreeMap::new();
    for block in &role
        .day_in_the_life
        .as_ref()
        .expect("schedule")
        .blocks
        .value
    {
        *minutes.entry(block.kind.value.to_string()).or_default() +=
            block.end.value.minutes() - block.start.value.minutes();
    }
    minutes
}

/// `330` → `5.5 h`, as the day view writes hours.
fn hours(minutes: u16) -> String {
    let text = format!("{:.2}", f64::from(minutes) / 60.0);
    format!("{} h", text.trim_end_matches('0').trim_end_matches('.'))
}

/// The PNG at `path`, answered 200 as `image/png`.
async fn png_at(app: &rolecompare::http::App, path: &str) -> Vec<u8> {
    let head = request(app, Method::HEAD, path).await;
    head.assert_success();
    assert_eq!(head.header("content-type"), "image/png", "{path}");
    get_bytes(app, path).await
}

fn meta(html: &Html, property: &str) -> String {
    let by_property = attrs(html, &format!("meta[property=\"{property}\"]"), "content");
    let by_name = attrs(html, &format!("meta[name=\"{property}\"]"), "content");
    by_property
        .into_iter()
        .chain(by_name)
        .next()
        .unwrap_or_else(|| panic!("no {property}"))
}

/// The page's link-preview tags, title and canonical, checked for the
/// move from `from` to `to` at `path`.
fn assert_shareable(html: &Html, path: &str, from: &str, to: &str) {
    let heading = format!("Moving from {from} to {to}");
    assert_eq!(
        select(html, "head > title"),
        [format!("{heading} — rolecompare")]
    );
    let description = meta(html, "description");
    assert!(
        description.chars().count() < 160,
        "{path}: {} characters: {description}",
        description.chars().count()
    );
    assert!(description.starts_with(&heading), "{description}");
    let url = format!("{BASE_URL}{path}");
    assert_eq!(attrs(html, "link[rel=canonical]", "href"), [url.as_str()]);
    assert_eq!(meta(html, "og:url"), url);
    assert_eq!(meta(html, "og:title"), heading);
    assert_eq!(meta(html, "og:description"), description);
    assert_eq!(meta(html, "og:type"), "article");
    assert_eq!(
        meta(html, "og:image"),
        format!("{BASE_URL}/cards{path}.png")
    );
    assert!(meta(html, "og:image:alt").contains("pay step"));
    assert_eq!(meta(html, "twitter:card"), "summary_large_image");
}

#[tokio::test]
async fn each_direction_is_a_shareable_page_with_its_own_card() {
    let app = bundled_router();
    for (path, from, to) in [
        (FORWARD, "AWS Engineer", "AWS Architect"),
        (BACKWARD, "AWS Architect", "AWS Engineer"),
    ] {
        let reply = get(&app, path).await;
        let html = reply.assert_page(StatusCode::OK, &format!("Moving from {from} to {to}"));
        assert_shareable(&html, path, from, to);
        for id in [
            "new-work",
            "new-skills",
            "pay-step",
            "days",
            "paths-meet",
            "unknowns",
        ] {
            assert_eq!(
                select(&html, &format!("section#{id}")).len(),
                1,
                "{path} #{id}"
            );
            assert_eq!(
                attrs(&html, &format!(".toc a[href=\"#{id}\"]"), "href").len(),
                1,
                "{path}: the table of contents links #{id}"
            );
        }
        // The other way round, and the comparison.
        let swapped = if path == FORWARD { BACKWARD } else { FORWARD };
        assert!(attrs(&html, ".view-tools a", "href").contains(&swapped.to_owned()));

        let png = png_at(&app, &format!("/cards{path}.png")).await;
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // IHDR: width and height, big-endian, after the signature and the
        // chunk's length and type.
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1200);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 630);
    }
}

#[tokio::test]
async fn what_the_role_moved_to_does_and_calls_for_that_the_other_does_not() {
    let content = bundled();
    let app = bundled_router();
    for (path, from, to) in [
        (FORWARD, "aws-engineer", "aws-architect"),
        (BACKWARD, "aws-architect", "aws-engineer"),
    ] {
        let (a, b) = (role(&content, from), role(&content, to));
        let html = get(&app, path).await.html();
        for (section, ours, theirs) in [
            ("responsibilities", &a.responsibilities, &b.responsibilities),
            ("day-to-day", &a.day_to_day, &b.day_to_day),
            ("job-market", &a.job_market, &b.job_market),
        ] {
            let listed = select(&html, &format!("#new-work-{section} + dl dt"));
            assert_eq!(listed, new_names(ours, theirs), "{path} {section}");
            assert!(!listed.is_empty(), "{path} {section}: something is new");
        }
        let skills = select(&html, "#new-skills-skills + dl dt");
        assert_eq!(skills, new_names(&a.skills, &b.skills), "{path} skills");
        let certs = select(&html, "#new-skills .certs .cert-name");
        let held: Vec<String> = a
            .certifications
            .iter()
            .map(|c| c.name.to_string())
            .collect();
        let expected: Vec<String> = b
            .certifications
            .iter()
            .map(|c| c.name.to_string())
            .filter(|name| !held.contains(name))
            .collect();
        assert_eq!(certs, expected, "{path} certifications");
        // Each new item links to its place on the comparison.
        let comparison = path.trim_end_matches("/transition");
        for href in attrs(&html, "#new-work dt a, #new-skills dt a", "href") {
            assert!(href.starts_with(&format!("{comparison}#")), "{href}");
        }
    }
    // Named: a skill and a certification only the Architect lists, and
    // one only the Engineer lists; shared ground is said to be shared.
    let forward = get(&app, FORWARD).await.html();
    assert!(
        select(&forward, "#new-skills-skills + dl dt").contains(&"Architectural design".into())
    );
    assert!(
        select(&forward, "#new-skills .cert-name")
            .contains(&"AWS Certified Security – Specialty".into())
    );
    let forward_responsibilities = select(&forward, "#new-work-responsibilities + dl dt");
    assert!(!forward_responsibilities.contains(&"Stakeholder engagement".into()));
    assert!(
        select(&forward, "#new-work .table-note")
            .iter()
            .any(|note| note.contains("Stakeholder engagement (like AWS Engineer’s Collaboration)"))
    );
    let backward = get(&app, BACKWARD).await.html();
    assert!(
        select(&backward, "#new-skills-skills + dl dt")
            .contains(&"Scripting and automation".into())
    );
    assert!(
        select(&backward, "#new-skills .cert-name")
            .contains(&"AWS Certified DevOps Engineer – Professional".into())
    );
}

/// The cells of `#pay-step`'s first table by `data-role`, per level row.
fn pay_rows(html: &Html, level: &str) -> Vec<String> {
    select(html, &format!("#pay-step-{level} td"))
}

#[tokio::test]
async fn the_pay_step_at_each_level_is_the_second_role_minus_the_first() {
    let content = bundled();
    let app = bundled_router();
    for (path, from, to) in [
        (FORWARD, "aws-engineer", "aws-architect"),
        (BACKWARD, "aws-architect", "aws-engineer"),
    ] {
        let (a, b) = (role(&content, from), role(&content, to));
        let html = get(&app, path).await.html();
        for level in &content.site.levels.value {
            let id = level.id.value.as_str();
            let at = |r: &Role| {
                r.salaries
                    .levels
                    .value
                    .iter()
                    .find(|l| l.level.value.as_str() == id)
                    .map(|l| (l.min.value as i64, l.max.value as i64))
                    .expect("level")
            };
            let ((a_min, a_max), (b_min, b_max)) = (at(a), at(b));
            let cells = pay_rows(&html, id);
            assert_eq!(cells.len(), 4, "{path} {id}: {cells:?}");
            assert_eq!(dollars(&cells[2]), b_min - a_min, "{path} {id} low end");
            assert_eq!(dollars(&cells[3]), b_max - a_max, "{path} {id} high end");
        }
        let source = select(&html, "#pay-step > .source");
        assert!(source[0].contains("Vaibhav Umarvaishya"), "{source:?}");
    }
    let forward = get(&app, FORWARD).await.html();
    assert_eq!(
        pay_rows(&forward, "junior"),
        [
            "$80,000 – $110,000",
            "$100,000 – $130,000",
            "+$20,000 (+25.0%)",
            "+$20,000 (+18.2%)"
        ]
    );
    assert_eq!(
        pay_rows(&get(&app, BACKWARD).await.html(), "junior")[2],
        "−$20,000 (−20.0%)"
    );
}

#[tokio::test]
async fn official_figures_differ_only_where_both_are_published() {
    let app = bundled_router();
    for (path, sign) in [(FORWARD, 1), (BACKWARD, -1)] {
        let html = get(&app, path).await.html();
        let rows = select(&html, "#pay-step .official tbody tr th");
        assert_eq!(
            rows,
            [
                "10th percentile",
                "25th percentile",
                "Median",
                "75th percentile",
                "90th percentile",
                "Mean"
            ]
        );
        let cells = select(&html, "#pay-step .official tbody td");
        for row in cells.chunks(3) {
            assert_eq!(
                dollars(&row[2]),
                dollars(&row[1]) - dollars(&row[0]),
                "{row:?}"
            );
        }
        // The medians as BLS published them (content/official-pay.csv).
        let median = &cells[6..9];
        let (engineer, architect) = ("$99,130", "$134,050");
        if sign == 1 {
            assert_eq!(median, [engineer, architect, "+$34,920 (+35.2%)"]);
        } else {
            assert_eq!(median, [architect, engineer, "−$34,920 (−26.0%)"]);
        }
        let source = select(
            &html,
            "#pay-step .official ~ .source, #pay-step .table-wrap ~ .source",
        );
        assert!(
            source
                .iter()
                .any(|s| s.contains("U.S. Bureau of Labor Statistics")
                    && s.contains("May 2025")
                    && s.contains("SOC 15-1241")),
            "{source:?}"
        );
    }
}

#[tokio::test]
async fn the_days_set_each_kind_of_work_side_by_side_in_decimal_hours() {
    let content = bundled();
    let app = bundled_router();
    for (path, from, to) in [
        (FORWARD, "aws-engineer", "aws-architect"),
        (BACKWARD, "aws-architect", "aws-engineer"),
    ] {
        let (a, b) = (
            minutes_by_kind(role(&content, from)),
            minutes_by_kind(role(&content, to)),
        );
        let html = get(&app, path).await.html();
        assert!(select(&html, "#days .notice")[0].starts_with("Illustrative."));
        let kinds = select(&html, "#days table.shares tbody th");
        let cells = select(&html, "#days table.shares tbody td");
        // In the day view's order: the kinds of the first role's day as
        // they come, then the second's new ones.
        let mut order: Vec<String> = Vec::new();
        for slug in [from, to] {
            let day = role(&content, slug)
                .day_in_the_life
                .as_ref()
                .expect("schedule");
            for block in &day.blocks.value {
                if !order.contains(&block.kind.value.to_string()) {
                    order.push(block.kind.value.to_string());
                }
            }
        }
        assert_eq!(kinds, order, "{path}");
        for (kind, row) in kinds.iter().zip(cells.chunks(3)) {
            let (x, y) = (
                a.get(kind).copied().unwrap_or(0),
                b.get(kind).copied().unwrap_or(0),
            );
            assert_eq!(row[0], hours(x), "{path} {kind}");
            assert_eq!(row[1], hours(y), "{path} {kind}");
            let change = match y.cmp(&x) {
                std::cmp::Ordering::Greater => format!("+{}", hours(y - x)),
                std::cmp::Ordering::Less => format!("−{}", hours(x - y)),
                std::cmp::Ordering::Equal => hours(0),
            };
            assert_eq!(row[2], change, "{path} {kind}");
        }
        assert_eq!(select(&html, "#days .chart").len(), 1);
    }
    let forward = get(&app, FORWARD).await.html();
    let kinds = select(&forward, "#days tbody th");
    let at = kinds
        .iter()
        .position(|k| k == "hands-on")
        .expect("hands-on");
    let hands_on = select(&forward, "#days tbody td");
    assert_eq!(hands_on[at * 3..at * 3 + 3], ["5.5 h", "0 h", "−5.5 h"]);
}

#[tokio::test]
async fn the_paths_meet_where_the_content_says_and_the_gaps_are_plain() {
    let app = bundled_router();
    for path in [FORWARD, BACKWARD] {
        let html = get(&app, path).await.html();
        let meetings = select(&html, "#paths-meet li");
        assert_eq!(meetings.len(), 1, "{meetings:?}");
        assert!(meetings[0].starts_with("Cloud Engineer: stage 1 (Entry level)"));
        assert_eq!(
            attrs(&html, "#paths-meet li a", "href"),
            [format!(
                "{}#career-path-1",
                path.trim_end_matches("/transition")
            )]
        );
        let unknowns = select(&html, "#unknowns li");
        assert!(unknowns[0].starts_with("How many years of experience"));
        assert!(unknowns.iter().any(|u| u.contains("no country or date")));
    }
}

#[tokio::test]
async fn the_comparison_links_to_the_move_in_its_order() {
    let app = bundled_router();
    for (comparison, transition) in [
        ("/compare/aws-engineer-vs-aws-architect", FORWARD),
        ("/compare/aws-architect-vs-aws-engineer", BACKWARD),
    ] {
        let html = get(&app, comparison).await.html();
        for list in [".toc", ".view-tools"] {
            assert_eq!(
                attrs(&html, &format!("{list} a[href=\"{transition}\"]"), "href").len(),
                1,
                "{comparison}: {list}"
            );
        }
    }
    let role = get(&app, "/roles/aws-engineer").await.html();
    assert!(attrs(&role, "a[href$=\"/transition\"]", "href").is_empty());
    let app = router(&fixture("three-roles"));
    let three = get(
        &app,
        "/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper",
    )
    .await
    .html();
    assert!(attrs(&three, "a[href$=\"/transition\"]", "href").is_empty());
}

#[tokio::test]
async fn three_or_four_roles_are_a_clear_400() {
    let app = router(&fixture("three-roles"));
    let three = "/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper/transition";
    let reply = get(&app, three).await;
    let html = reply.assert_page(StatusCode::BAD_REQUEST, "A move is between two roles");
    assert!(select(&html, ".lede")[0].contains("names 3 roles"));
    assert_eq!(
        attrs(&html, ".error-page .pair-links a", "href"),
        [
            "/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper",
            "/compare/ferry-captain-vs-harbour-pilot/transition"
        ]
    );
    // The picker holds the first two.
    assert_eq!(
        attrs(&html, "#picker-a option[selected]", "value"),
        ["ferry-captain"]
    );
    for path in [
        "/compare/a-vs-b-vs-c-vs-d/transition",
        "/compare/ferry-captain-vs-nope-vs-harbour-pilot/transition",
        "/cards/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper/transition.png",
    ] {
        let reply = get(&app, path).await;
        reply.assert_status(StatusCode::BAD_REQUEST);
        assert!(reply.body.contains("A move is between two roles"), "{path}");
    }
    // Five or more: the comparisons' own answer.
    get(&app, "/compare/a-vs-b-vs-c-vs-d-vs-e/transition")
        .await
        .assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn renamed_roles_and_case_redirect_and_unknown_roles_are_404() {
    let dir = content_with(&["alias"]);
    let app = router(dir.path());
    for (old, new) in [
        (
            "/compare/sea-pilot-vs-ferry-captain/transition",
            "/compare/harbour-pilot-vs-ferry-captain/transition",
        ),
        (
            "/compare/ferry-captain-vs-port-pilot/transition",
            "/compare/ferry-captain-vs-harbour-pilot/transition",
        ),
    ] {
        let reply = get(&app, old).await;
        reply.assert_status(StatusCode::MOVED_PERMANENTLY);
        assert_eq!(reply.header("location"), new);
        get(&app, new).await.assert_success();
    }
    let reply = get(&app, "/compare/Ferry-Captain-vs-harbour-pilot/transition").await;
    reply.assert_status(StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        reply.header("location"),
        "/compare/ferry-captain-vs-harbour-pilot/transition"
    );
    get(&app, "/compare/ferry-captain-vs-nope/transition")
        .await
        .assert_page(StatusCode::NOT_FOUND, "Role not found");
    get(&app, "/cards/compare/ferry-captain-vs-nope/transition.png")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    get(&app, "/compare/ferry-captain-vs-ferry-captain/transition")
        .await
        .assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_made_up_roles_say_what_cannot_be_compared() {
    let app = router(&fixture("three-roles"));
    // Paid in other units and without a schedule: no step, no hours.
    let html = get(&app, "/compare/ferry-captain-vs-harbour-pilot/transition")
        .await
        .assert_page(StatusCode::OK, "Moving from Ferry Captain to Harbour Pilot");
    assert!(select(&html, "#pay-step table").is_empty());
    assert!(select(&html, "#pay-step p")[0].contains("EUR per month for Ferry Captain"));
    assert!(select(&html, "#days table").is_empty());
    assert!(select(&html, "#paths-meet p")[0].contains("share no job title"));
    let unknowns = select(&html, "#unknowns li").join("\n");
    assert!(unknowns.contains("no rate to convert"), "{unknowns}");
    assert!(unknowns.contains("Ferry Captain’s hours"), "{unknowns}");
    let description = meta(&html, "description");
    assert!(!description.contains("pay step"), "{description}");
    assert!(!description.contains("days"), "{description}");
    // A level one role does not list: no step there.
    let html = get(
        &app,
        "/compare/harbour-pilot-vs-lighthouse-keeper/transition",
    )
    .await
    .html();
    assert_eq!(
        pay_rows(&html, "junior")[2..],
        ["−$15,000 (−33.3%)", "−$20,000 (−33.3%)"]
    );
    assert_eq!(pay_rows(&html, "mid")[1..], ["Not listed", "n/a", "n/a"]);
    assert_eq!(select(&html, "#days table.shares").len(), 1);
    assert!(select(&html, "#new-skills .certs .cert-name").contains(&"Lamp Safety Card".into()));
    // Its card still says what the move is about.
    png_at(
        &app,
        "/cards/compare/ferry-captain-vs-harbour-pilot/transition.png",
    )
    .await;
}

/// Each move is reached from its comparison (the sitemap lists each pair
/// once, by its comparison) and written by the export, each way.
#[tokio::test]
async fn both_directions_are_linked_and_in_the_export() {
    let app = bundled_router();
    let comparison = get(&app, "/compare/aws-engineer-vs-aws-architect")
        .await
        .html();
    let swapped = get(&app, "/compare/aws-architect-vs-aws-engineer")
        .await
        .html();
    assert!(attrs(&comparison, "a[href]", "href").contains(&FORWARD.to_owned()));
    assert!(attrs(&swapped, "a[href]", "href").contains(&BACKWARD.to_owned()));
    let settings = Settings {
        base_url: BASE_URL.to_owned(),
        ..Settings::default()
    };
    let site = Rendered::new(bundled(), settings).expect("render");
    let out = tempfile::tempdir().expect("temp dir");
    let summary = rolecompare::export::export(&site, out.path()).expect("export");
    for path in [FORWARD, BACKWARD] {
        assert!(summary.paths.contains(&path.to_owned()), "{path}");
        let card = format!("/cards{path}.png");
        assert!(summary.paths.contains(&card), "{card}");
        let page = out.path().join(&path[1..]).join("index.html");
        let written = std::fs::read_to_string(&page).expect("exported page");
        assert_eq!(written, get(&app, path).await.body);
        assert!(out.path().join(&card[1..]).is_file());
    }
    // The made-up content: every pair, each way.
    let site =
        Rendered::new(load_ok(&fixture("three-roles")), Settings::default()).expect("render");
    let moves = site
        .pages()
        .into_iter()
        .filter(|page| matches!(page, rolecompare::address::Page::Transition(_)))
        .count();
    assert_eq!(moves, 6);
}
