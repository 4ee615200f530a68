//! The site through its router: statuses, content types, sections, figures,
//! redirects, error pages, escaping and unique ids.

use std::collections::{BTreeSet, HashSet};

use axum::http::{Method, StatusCode};

use crate::support::{
    BASE_URL, attrs, bundled_router, content_with, fixture, get, request, router, select,
};

const SECTION_IDS: [&str; 7] = [
    "overview",
    "responsibilities",
    "skills",
    "day-to-day",
    "career-path",
    "job-market",
    "salaries",
];

const PAIR: &str = "/compare/aws-engineer-vs-aws-architect";
/// The `h1` of [`PAIR`].
const PAIR_HEADING: &str = "AWS Engineer vs AWS Architect";
/// The `h1` of the bundled home page: the site's tagline.
const HOME_HEADING: &str = "Career roles, side by side";
/// The `h1` of the three-role fixture's home page.
const FIXTURE_HOME_HEADING: &str = "Made-up roles for tests";
/// The three-role fixture's roles: slug and title.
const FIXTURE_ROLES: [(&str, &str); 3] = [
    ("ferry-captain", "Ferry Captain"),
    ("harbour-pilot", "Harbour Pilot"),
    ("lighthouse-keeper", "Lighthouse Keeper"),
];

#[tokio::test]
async fn every_route_answers_with_its_content_type() {
    let app = bundled_router();
    for (path, heading) in [
        ("/", HOME_HEADING),
        ("/roles/aws-engineer", "AWS Engineer"),
        ("/roles/aws-architect", "AWS Architect"),
        (PAIR, PAIR_HEADING),
        (
            "/compare/aws-architect-vs-aws-engineer",
            "AWS Architect vs AWS Engineer",
        ),
    ] {
        let reply = get(&app, path).await;
        reply.assert_page(StatusCode::OK, heading);
        assert!(reply.body.starts_with("<!doctype html>"), "{path}");
    }
    let health = get(&app, "/healthz").await;
    health.assert_success();
    assert_eq!(health.body, "ok");
    assert_eq!(health.header("content-type"), "text/plain; charset=utf-8");
}

#[tokio::test]
async fn head_answers_like_get_without_a_body() {
    let app = bundled_router();
    let reply = request(&app, Method::HEAD, PAIR).await;
    reply.assert_success();
    assert_eq!(reply.header("content-type"), "text/html; charset=utf-8");
    assert!(reply.body.is_empty());
}

#[tokio::test]
async fn stylesheet_and_favicon_are_served_from_fingerprinted_urls() {
    let app = bundled_router();
    let home = get(&app, "/")
        .await
        .assert_page(StatusCode::OK, HOME_HEADING);
    let css = attrs(&home, "link[rel=stylesheet]", "href");
    let icon = attrs(&home, "link[rel=icon]", "href");
    assert_eq!(css.len(), 1);
    assert_eq!(icon.len(), 1);
    for (href, content_type) in [
        (&css[0], "text/css; charset=utf-8"),
        (&icon[0], "image/svg+xml"),
    ] {
        assert!(href.starts_with("/static/"), "{href}");
        let reply = get(&app, href).await;
        reply.assert_success();
        assert_eq!(reply.header("content-type"), content_type);
        assert_eq!(reply.header("cache-control"), "max-age=31536000, immutable");
    }
    get(&app, "/static/style.css")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn comparison_has_the_sections_in_order_with_self_links() {
    let app = bundled_router();
    let html = get(&app, PAIR)
        .await
        .assert_page(StatusCode::OK, PAIR_HEADING);
    let ids = attrs(&html, "main section.section[id]", "id");
    let spec_ids: Vec<&String> = ids
        .iter()
        .filter(|id| SECTION_IDS.contains(&id.as_str()))
        .collect();
    assert_eq!(spec_ids, SECTION_IDS);
    for id in SECTION_IDS {
        let links = attrs(
            &html,
            &format!("section#{id} > .section-head > h2 a.self-link"),
            "href",
        );
        assert_eq!(links, [format!("#{id}")], "self-link of #{id}");
    }
    // The table of contents: SPEC's seven sections, the level grid, then
    // the page on moving from the first role to the second.
    let toc = attrs(&html, "nav.toc a", "href");
    let mut expected: Vec<String> = SECTION_IDS.iter().map(|id| format!("#{id}")).collect();
    expected.push("#levels".to_owned());
    expected.push(format!("{PAIR}/transition"));
    assert_eq!(toc, expected);
}

#[tokio::test]
async fn comparison_shows_both_roles_summaries_and_curated_text() {
    let app = bundled_router();
    let html = get(&app, PAIR)
        .await
        .assert_page(StatusCode::OK, PAIR_HEADING);
    let cards = select(&html, ".role-card .role-card-title");
    assert_eq!(cards, ["AWS Engineer", "AWS Architect"]);
    let summaries = select(&html, ".role-card p");
    assert!(
        summaries[0].starts_with("An AWS Engineer builds, deploys"),
        "{summaries:?}"
    );
    assert!(
        summaries[1].starts_with("An AWS Architect turns business needs"),
        "{summaries:?}"
    );
    let differences = select(&html, "#key-differences .key-difference summary");
    assert!(differences.contains(&"Hands-on operations vs long-term design".to_owned()));
    assert!(!select(&html, "#how-to-choose dt").is_empty());
    // The sticky bar names both columns.
    assert_eq!(
        select(&html, ".role-bar .role-bar-name"),
        ["AWS Engineer", "AWS Architect"]
    );
    // The picker, preselected with this pair.
    assert_eq!(
        select(&html, "#picker-a option[selected]"),
        ["AWS Engineer"]
    );
    assert_eq!(
        select(&html, "#picker-b option[selected]"),
        ["AWS Architect"]
    );
}

#[tokio::test]
async fn salary_cells_carry_the_exact_figures() {
    let app = bundled_router();
    let html = get(&app, PAIR)
        .await
        .assert_page(StatusCode::OK, PAIR_HEADING);
    assert_eq!(
        select(&html, "#salaries > .section-fold > .table-wrap caption"),
        ["Salary ranges by level, USD per year"]
    );
    assert_eq!(
        select(
            &html,
            "#salaries > .section-fold > .table-wrap thead th[scope=col]"
        ),
        [
            "Level",
            "AWS Engineer",
            "AWS Architect",
            "Difference, low end",
            "Difference, high end"
        ]
    );
    assert_eq!(
        select(
            &html,
            "#salaries > .section-fold > .table-wrap tbody th[scope=row]"
        ),
        ["Junior", "Mid-level", "Senior"]
    );
    let cells = |level: &str| select(&html, &format!("tr#salaries-{level} td:not(.diff)"));
    assert_eq!(
        cells("junior"),
        ["$80,000 – $110,000", "$100,000 – $130,000"]
    );
    assert_eq!(cells("mid"), ["$110,000 – $140,000", "$130,000 – $160,000"]);
    assert_eq!(
        cells("senior"),
        ["$140,000 – $180,000+", "$160,000 – $200,000+"]
    );
    assert_eq!(
        select(&html, "#salaries > .section-fold > .source"),
        // NovelVista is the author's employer, not the publisher; the
        // article names no country, and the page says how it reads dollars.
        [
            "Source: “AWS Engineer vs AWS Architect” by Vaibhav Umarvaishya (of NovelVista). \
          The article gives these figures in dollars without naming a country; \
          this site reads them as US dollars."
        ]
    );
}

#[tokio::test]
async fn reversed_order_swaps_columns_and_keeps_one_canonical() {
    let app = bundled_router();
    let forward = get(&app, PAIR)
        .await
        .assert_page(StatusCode::OK, PAIR_HEADING);
    let reverse = get(&app, "/compare/aws-architect-vs-aws-engineer")
        .await
        .assert_page(StatusCode::OK, "AWS Architect vs AWS Engineer");
    assert_eq!(
        select(&reverse, "tr#salaries-junior td:not(.diff)"),
        ["$100,000 – $130,000", "$80,000 – $110,000"]
    );
    let canonical = [format!("{BASE_URL}{PAIR}")];
    assert_eq!(attrs(&forward, "link[rel=canonical]", "href"), canonical);
    assert_eq!(attrs(&reverse, "link[rel=canonical]", "href"), canonical);
}

#[tokio::test]
async fn career_path_is_two_ladders_stage_by_stage() {
    let app = bundled_router();
    let html = get(&app, PAIR)
        .await
        .assert_page(StatusCode::OK, PAIR_HEADING);
    let rows = attrs(&html, "#career-path tbody tr", "id");
    assert_eq!(
        rows,
        [
            "career-path-1",
            "career-path-2",
            "career-path-3",
            "career-path-4"
        ]
    );
    assert_eq!(
        select(&html, "#career-path-1 td .stage-titles"),
        [
            "Junior DevOps Engineer · Cloud Engineer",
            "Cloud Engineer · Technical Consultant"
        ]
    );
    // The Engineer's specialization stage names areas, not titles.
    assert_eq!(
        select(&html, "#career-path-4 td .stage-name"),
        ["Specialization", "Leadership"]
    );
    assert_eq!(select(&html, "#career-path-4 td .stage-titles").len(), 1);
}

#[tokio::test]
async fn role_page_has_every_section_and_links_to_comparisons() {
    let app = bundled_router();
    let html = get(&app, "/roles/aws-engineer")
        .await
        .assert_page(StatusCode::OK, "AWS Engineer");
    let ids = attrs(&html, "main section.section[id]", "id");
    for id in SECTION_IDS {
        assert!(ids.contains(&id.to_owned()), "role page lacks #{id}");
    }
    assert_eq!(attrs(&html, ".pair-links a", "href"), [PAIR]);
    assert_eq!(
        select(&html, "tr#salaries-senior td"),
        ["$140,000 – $180,000+"]
    );
    assert!(
        select(&html, "#skills .cert-name")
            .contains(&"AWS Certified DevOps Engineer – Professional".to_owned())
    );
}

#[tokio::test]
async fn home_lists_roles_curated_pairs_and_a_working_picker() {
    let app = bundled_router();
    let html = get(&app, "/")
        .await
        .assert_page(StatusCode::OK, HOME_HEADING);
    // The curated pair's order, as on its comparison.
    assert_eq!(
        select(&html, "#roles .card-title"),
        ["AWS Engineer", "AWS Architect"]
    );
    assert_eq!(attrs(&html, "#curated .card-title a", "href"), [PAIR]);
    assert_eq!(attrs(&html, "form.picker", "action"), ["/compare"]);
    assert_eq!(attrs(&html, "form.picker", "method"), ["get"]);
    assert_eq!(attrs(&html, "form.picker select", "name"), ["a", "b"]);
    assert_eq!(
        attrs(&html, "#picker-a option", "value"),
        ["", "aws-engineer", "aws-architect"]
    );
    // Labels point at the selects.
    assert_eq!(
        attrs(&html, "form.picker label", "for"),
        ["picker-a", "picker-b"]
    );
}

#[tokio::test]
async fn the_picker_redirects_in_the_order_given() {
    let app = bundled_router();
    let reply = get(&app, "/compare?a=aws-architect&b=aws-engineer").await;
    reply.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        reply.header("location"),
        "/compare/aws-architect-vs-aws-engineer"
    );
    let reply = get(&app, "/compare?a=AWS-Engineer&b=aws-architect&utm_source=x").await;
    reply.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(reply.header("location"), PAIR);
}

#[tokio::test]
async fn the_picker_explains_what_is_missing_or_wrong() {
    let app = bundled_router();
    let missing = get(&app, "/compare?a=aws-engineer").await;
    missing.assert_status(StatusCode::BAD_REQUEST);
    let html = missing.html();
    assert_eq!(select(&html, "h1"), ["Pick two roles"]);
    assert_eq!(
        select(&html, "#picker-a option[selected]"),
        ["AWS Engineer"]
    );

    let same = get(&app, "/compare?a=aws-engineer&b=aws-engineer").await;
    same.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(select(&same.html(), "h1"), ["Pick different roles"]);

    let unknown = get(&app, "/compare?a=aws-engineer&b=aws-architekt").await;
    unknown.assert_status(StatusCode::NOT_FOUND);
    let html = unknown.html();
    assert_eq!(select(&html, "h1"), ["Role not found"]);
    assert_eq!(
        attrs(&html, ".error-page .pair-links a", "href"),
        ["/roles/aws-architect"]
    );

    get(&app, "/compare?a=%ZZ")
        .await
        .assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_roles_get_a_404_with_the_closest_slugs_and_the_picker() {
    let app = bundled_router();
    for path in [
        "/roles/aws-enginer",
        "/compare/aws-enginer-vs-aws-architect",
    ] {
        let reply = get(&app, path).await;
        reply.assert_status(StatusCode::NOT_FOUND);
        let html = reply.html();
        assert_eq!(select(&html, "h1"), ["Role not found"], "{path}");
        assert_eq!(
            attrs(&html, ".error-page .pair-links a", "href"),
            ["/roles/aws-engineer"],
            "{path}"
        );
        assert_eq!(select(&html, "form.picker").len(), 1, "{path}");
        assert!(
            select(&html, ".lede")[0].contains("“aws-enginer”"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_same_role_twice_is_a_400_that_explains() {
    let app = bundled_router();
    let reply = get(&app, "/compare/aws-engineer-vs-aws-engineer").await;
    reply.assert_status(StatusCode::BAD_REQUEST);
    let html = reply.html();
    assert_eq!(select(&html, "h1"), ["Pick different roles"]);
    assert!(select(&html, ".lede")[0].contains("AWS Engineer appears more than once"));
    assert_eq!(
        select(&html, "#picker-a option[selected]"),
        ["AWS Engineer"]
    );
}

#[tokio::test]
async fn uppercase_slugs_redirect_to_lowercase() {
    let app = bundled_router();
    let reply = get(&app, "/roles/AWS-Engineer").await;
    reply.assert_status(StatusCode::PERMANENT_REDIRECT);
    assert_eq!(reply.header("location"), "/roles/aws-engineer");
    let reply = get(&app, "/compare/AWS-Engineer-vs-aws-architect").await;
    reply.assert_status(StatusCode::PERMANENT_REDIRECT);
    assert_eq!(reply.header("location"), PAIR);
    // No redirect to a page that does not exist.
    get(&app, "/roles/NOPE")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn trailing_slashes_redirect_with_308() {
    let app = bundled_router();
    let reply = get(&app, "/roles/aws-engineer/").await;
    reply.assert_status(StatusCode::PERMANENT_REDIRECT);
    assert_eq!(reply.header("location"), "/roles/aws-engineer");
    let reply = get(&app, "/compare/?a=x").await;
    reply.assert_status(StatusCode::PERMANENT_REDIRECT);
    assert_eq!(reply.header("location"), "/compare?a=x");
    // Never a redirect off the site.
    get(&app, "//evil.example/")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn unknown_paths_get_a_404_in_the_sites_layout() {
    let app = bundled_router();
    for path in [
        "/nope",
        "/compare/aws-engineer",
        "/compare/-vs-aws-engineer",
        "/roles/a/b",
        "/static/nope.css",
    ] {
        let reply = get(&app, path).await;
        reply.assert_status(StatusCode::NOT_FOUND);
        assert_eq!(reply.header("content-type"), "text/html; charset=utf-8");
        let html = reply.html();
        assert_eq!(
            select(&html, "header.site-header .brand"),
            ["rolecompare"],
            "{path}"
        );
        assert_eq!(select(&html, "footer.site-footer").len(), 1, "{path}");
    }
}

#[tokio::test]
async fn other_methods_get_405_with_allow() {
    let app = bundled_router();
    for method in [
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::PATCH,
        Method::OPTIONS,
    ] {
        for path in ["/", PAIR, "/nope"] {
            let reply = request(&app, method.clone(), path).await;
            reply.assert_status(StatusCode::METHOD_NOT_ALLOWED);
            assert_eq!(reply.header("allow"), "GET, HEAD");
            assert_eq!(select(&reply.html(), "h1"), ["Method not allowed"]);
        }
    }
}

#[tokio::test]
async fn bad_percent_encoding_is_a_404_not_a_rejection_message() {
    let app = bundled_router();
    let reply = get(&app, "/roles/%FF%FE").await;
    reply.assert_status(StatusCode::NOT_FOUND);
    assert!(!reply.body.contains("Invalid URL"), "{}", reply.body);
    assert_eq!(select(&reply.html(), ".error-page h1").len(), 1);
}

#[tokio::test]
async fn every_response_carries_the_security_policy() {
    let app = bundled_router();
    for (path, status) in [
        ("/", StatusCode::OK),
        (PAIR, StatusCode::OK),
        ("/nope", StatusCode::NOT_FOUND),
        ("/healthz", StatusCode::OK),
    ] {
        let reply = get(&app, path).await;
        reply.assert_status(status);
        let csp = reply.header("content-security-policy");
        assert!(csp.starts_with("default-src 'self';"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(reply.header("x-content-type-options"), "nosniff");
    }
}

/// A page to check: its path, the status it answers and its `h1`.
type Page = (String, StatusCode, String);

fn page(path: &str, status: StatusCode, heading: &str) -> Page {
    (path.to_owned(), status, heading.to_owned())
}

/// Every page of a content folder whose home page is headed `home` and
/// whose roles are `roles` (slug, title): home, roles, every ordered pair,
/// each answering 200 under the `h1` that shows it is that page.
fn all_pages(home: &str, roles: &[(&str, &str)]) -> Vec<Page> {
    let mut pages = vec![page("/", StatusCode::OK, home)];
    for (a, a_title) in roles {
        pages.push(page(&format!("/roles/{a}"), StatusCode::OK, a_title));
        for (b, b_title) in roles {
            if a != b {
                pages.push(page(
                    &format!("/compare/{a}-vs-{b}"),
                    StatusCode::OK,
                    &format!("{a_title} vs {b_title}"),
                ));
            }
        }
    }
    pages
}

#[tokio::test]
async fn every_pair_of_three_made_up_roles_renders() {
    let app = router(&fixture("three-roles"));
    let home = get(&app, "/")
        .await
        .assert_page(StatusCode::OK, FIXTURE_HOME_HEADING);
    // The curated pair first, as its file names it, then by title.
    assert_eq!(
        select(&home, "#roles .card-title"),
        ["Harbour Pilot", "Lighthouse Keeper", "Ferry Captain"]
    );
    for (path, status, heading) in all_pages(FIXTURE_HOME_HEADING, &FIXTURE_ROLES) {
        let html = get(&app, &path).await.assert_page(status, &heading);
        if path.starts_with("/compare/") {
            let ids = attrs(&html, "main section.section[id]", "id");
            for id in SECTION_IDS {
                assert!(ids.contains(&id.to_owned()), "{path} lacks #{id}");
            }
        }
    }
    // A pair without curated text gets a generated intro; units that differ
    // are named per column, and a level a role lacks says so.
    let html = get(&app, "/compare/ferry-captain-vs-harbour-pilot")
        .await
        .assert_page(StatusCode::OK, "Ferry Captain vs Harbour Pilot");
    let intro = select(&html, ".intro .lede");
    assert!(
        intro[0].starts_with("Ferry Captain: Runs the same short crossing"),
        "{intro:?}"
    );
    assert_eq!(
        select(
            &html,
            "#salaries > .section-fold > .table-wrap thead th[scope=col]"
        ),
        [
            "Level",
            "Ferry Captain (EUR per month)",
            "Harbour Pilot (USD per year)"
        ]
    );
    assert_eq!(
        select(&html, "tr#salaries-mid td"),
        ["€2,500 – €3,200", "$60,000 – $90,000"]
    );
    assert_eq!(
        select(&html, "tr#salaries-junior td"),
        ["Not listed", "$45,000 – $60,000"]
    );
    // The canonical order of an uncurated pair is alphabetical.
    let reverse = get(&app, "/compare/harbour-pilot-vs-ferry-captain")
        .await
        .assert_page(StatusCode::OK, "Harbour Pilot vs Ferry Captain");
    assert_eq!(
        attrs(&reverse, "link[rel=canonical]", "href"),
        [format!("{BASE_URL}/compare/ferry-captain-vs-harbour-pilot")]
    );
}

#[tokio::test]
async fn content_text_is_escaped_and_markdown_cannot_inject_script() {
    let app = router(&fixture("three-roles"));
    let reply = get(&app, "/roles/lighthouse-keeper").await;
    // The text reads as written, and the markup never appears raw.
    let html = reply.assert_page(StatusCode::OK, "Lighthouse Keeper");
    assert_eq!(
        select(&html, ".page-head .lede"),
        ["Keeps the <light> & the log \"lit\" through the night."]
    );
    assert!(
        reply
            .body
            .contains("Keeps the &#60;light&#62; &#38; the log &#34;lit&#34;")
    );
    assert!(!reply.body.contains("<light>"));
    // No script but the JSON-LD data block, and nothing from the markdown.
    assert!(!reply.body.contains("<script>alert"));
    assert!(select(&reply.html(), "script:not([type='application/ld+json'])").is_empty());
    // The heading in the overview is demoted under the section's h2 (h3 on
    // the role page; h4 under the column's h3 on a comparison), and its id
    // carries the slug.
    assert_eq!(
        attrs(&html, "#overview .prose h3", "id"),
        ["lighthouse-keeper-where-the-work-happens"]
    );
    let compare = get(&app, "/compare/harbour-pilot-vs-lighthouse-keeper")
        .await
        .assert_page(StatusCode::OK, "Harbour Pilot vs Lighthouse Keeper");
    assert_eq!(
        attrs(&compare, "#overview .col:nth-child(2) .prose h4", "id"),
        ["lighthouse-keeper-where-the-work-happens"]
    );
}

#[tokio::test]
async fn pages_carry_no_inline_script_or_style() {
    let app = router(&fixture("three-roles"));
    let mut paths = all_pages(FIXTURE_HOME_HEADING, &FIXTURE_ROLES);
    paths.push(page("/nope", StatusCode::NOT_FOUND, "Page not found"));
    for (path, status, heading) in paths {
        let html = get(&app, &path).await.assert_page(status, &heading);
        // JSON-LD is a data block, never executed: the only script allowed.
        for css in [
            "script:not([type='application/ld+json'])",
            "style",
            "[style]",
            "[onclick]",
            "[onload]",
        ] {
            assert!(
                attrs(&html, css, "id").is_empty() && select(&html, css).is_empty(),
                "{path} has {css}"
            );
        }
    }
}

#[tokio::test]
async fn ids_are_unique_on_every_page() {
    for (dir, home_heading) in [
        (crate::support::repo_path("content"), HOME_HEADING),
        (fixture("three-roles"), FIXTURE_HOME_HEADING),
    ] {
        let app = router(&dir);
        let home = get(&app, "/")
            .await
            .assert_page(StatusCode::OK, home_heading);
        // Every role the picker offers: its slug and its title.
        let roles: Vec<(String, String)> = attrs(&home, "#picker-a option", "value")
            .into_iter()
            .zip(select(&home, "#picker-a option"))
            .filter(|(slug, _)| !slug.is_empty())
            .collect();
        assert!(roles.len() >= 2, "{}: {roles:?}", dir.display());
        let roles: Vec<(&str, &str)> = roles
            .iter()
            .map(|(slug, title)| (slug.as_str(), title.as_str()))
            .collect();
        let mut paths = all_pages(home_heading, &roles);
        paths.extend([
            page("/nope", StatusCode::NOT_FOUND, "Page not found"),
            page("/compare?a=x", StatusCode::BAD_REQUEST, "Pick two roles"),
        ]);
        for (path, status, heading) in paths {
            let html = get(&app, &path).await.assert_page(status, &heading);
            let ids = attrs(&html, "[id]", "id");
            let mut seen = HashSet::new();
            for id in &ids {
                assert!(seen.insert(id), "{path}: id {id} appears twice");
            }
            // Every in-page fragment link points at an id on the page.
            for href in attrs(&html, "a[href^='#']", "href") {
                assert!(
                    seen.contains(&href[1..].to_owned()),
                    "{path}: {href} has no target"
                );
            }
        }
    }
}

#[tokio::test]
async fn every_internal_link_answers() {
    let app = router(&fixture("three-roles"));
    let mut queue = vec!["/".to_owned()];
    let mut visited = BTreeSet::new();
    while let Some(path) = queue.pop() {
        if !visited.insert(path.clone()) {
            continue;
        }
        let reply = get(&app, &path).await;
        reply.assert_success();
        if !reply.header("content-type").starts_with("text/html") {
            continue;
        }
        let html = reply.html();
        for href in attrs(&html, "a[href], link[href]", "href") {
            if href.starts_with('/') && !href.starts_with("//") {
                let path = href.split('#').next().unwrap_or_default().to_owned();
                if !visited.contains(&path) {
                    queue.push(path);
                }
            }
        }
    }
    // Home, 3 roles, 6 ordered pairs, the stylesheet and the favicon.
    assert!(visited.len() >= 12, "{visited:?}");
}

#[tokio::test]
async fn a_role_added_to_the_folder_appears_everywhere() {
    let dir = content_with(&["new-role"]);
    let app = router(dir.path());
    let home = get(&app, "/")
        .await
        .assert_page(StatusCode::OK, FIXTURE_HOME_HEADING);
    assert!(select(&home, "#roles .card-title").contains(&"Tug Master".to_owned()));
    get(&app, "/roles/tug-master")
        .await
        .assert_page(StatusCode::OK, "Tug Master");
    get(&app, "/compare/tug-master-vs-harbour-pilot")
        .await
        .assert_page(StatusCode::OK, "Tug Master vs Harbour Pilot");
}

/// The heading levels of a page in document order.
fn heading_levels(html: &scraper::Html) -> Vec<u8> {
    let headings = scraper::Selector::parse("h1, h2, h3, h4, h5, h6").expect("selector");
    html.select(&headings)
        .map(|heading| heading.value().name()[1..].parse().expect("heading level"))
        .collect()
}

/// Screen-reader users move by heading: every page starts at one h1 and no
/// heading skips a level, including headings written in content markdown
/// (a role's overview, a curated comparison's intro).
#[tokio::test]
async fn headings_never_skip_a_level_on_any_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    crate::support::copy_tree(&fixture("three-roles"), dir.path());
    let intro = dir
        .path()
        .join("comparisons/harbour-pilot-vs-lighthouse-keeper.md");
    let text = std::fs::read_to_string(&intro).expect("comparison");
    std::fs::write(
        &intro,
        format!(
            "{text}\n# Why compare them\n\nBoth guard ships.\n\n## What pays more\n\nSee below.\n"
        ),
    )
    .expect("write comparison");
    let app = router(dir.path());

    let compare = get(&app, "/compare/harbour-pilot-vs-lighthouse-keeper")
        .await
        .assert_page(StatusCode::OK, "Harbour Pilot vs Lighthouse Keeper");
    assert_eq!(
        select(&compare, ".intro .prose h2"),
        ["Why compare them"],
        "the intro's # follows the h1 as an h2"
    );
    assert_eq!(select(&compare, ".intro .prose h3"), ["What pays more"]);

    let mut paths = all_pages(FIXTURE_HOME_HEADING, &FIXTURE_ROLES);
    paths.extend([
        page("/salaries", StatusCode::OK, "Salaries by level"),
        page(
            "/compare/harbour-pilot-vs-lighthouse-keeper/day-in-the-life",
            StatusCode::OK,
            "Harbour Pilot vs Lighthouse Keeper: a day in the life",
        ),
        page(
            "/compare/harbour-pilot-vs-lighthouse-keeper/skills",
            StatusCode::OK,
            "Skills and certifications",
        ),
        page(
            "/compare/harbour-pilot-vs-lighthouse-keeper-vs-ferry-captain",
            StatusCode::OK,
            "Harbour Pilot vs Lighthouse Keeper vs Ferry Captain",
        ),
        page("/nowhere", StatusCode::NOT_FOUND, "Page not found"),
    ]);
    let bundled = bundled_router();
    let fixture_pages = paths
        .iter()
        .map(|(path, status, heading)| (&app, path.as_str(), *status, heading.as_str()));
    for (app, path, status, heading) in fixture_pages.chain([
        (&bundled, "/", StatusCode::OK, HOME_HEADING),
        (&bundled, PAIR, StatusCode::OK, PAIR_HEADING),
        (&bundled, "/fit", StatusCode::OK, "Which role fits you?"),
    ]) {
        let levels = heading_levels(&get(app, path).await.assert_page(status, heading));
        assert_eq!(levels.first(), Some(&1), "{path} starts without an h1");
        assert_eq!(
            levels.iter().filter(|level| **level == 1).count(),
            1,
            "{path} has more than one h1"
        );
        for pair in levels.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{path}: an h{} follows an h{} ({levels:?})",
                pair[1],
                pair[0]
            );
        }
    }
}
