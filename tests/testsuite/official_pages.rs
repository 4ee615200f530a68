//! Official pay (BLS OEWS) on the pages: under the article's ranges and
//! apart from them, a comparison's pay with every state, one area, one
//! role's every area, the area form, and figures BLS did not publish.

use std::fs;
use std::path::Path;

use axum::http::StatusCode;

use crate::support::{
    BASE_URL, attrs, bundled_router, content_with, get, get_bytes, router_with, select,
    settings_under,
};

const PAIR: &str = "/compare/aws-engineer-vs-aws-architect";
const PAY: &str = "/compare/aws-engineer-vs-aws-architect/pay";

#[tokio::test]
async fn the_comparison_shows_official_figures_apart_from_the_articles() {
    let app = bundled_router();
    let html = get(&app, PAIR)
        .await
        .assert_page(StatusCode::OK, "AWS Engineer vs AWS Architect");
    // The article's table comes first, then the official one under its own
    // heading, with its own caption and source.
    assert_eq!(
        select(&html, "#salaries h3"),
        ["Official figures for the United States"]
    );
    assert_eq!(
        select(&html, "#salaries .official-pay caption"),
        ["Annual wages in the United States, every level together, May 2025"]
    );
    let official = |row: &str| {
        let rows = select(&html, "#salaries .official-pay tbody tr");
        rows.into_iter()
            .find(|text| text.starts_with(row))
            .unwrap_or_else(|| panic!("no {row} row"))
    };
    // From content/official-pay.csv, area 0000000: 15-1244, then 15-1241.
    assert!(
        official("Median").contains("$99,130"),
        "{}",
        official("Median")
    );
    assert!(official("Median").contains("$134,050"));
    assert!(official("10th percentile").contains("$62,640"));
    assert!(official("90th percentile").contains("$202,680"));
    assert!(official("Employment").contains("314,340"));
    let source = select(&html, "#salaries .official-pay p.source").join(" ");
    assert!(source.contains("Bureau of Labor Statistics"), "{source}");
    assert!(
        source.contains("May 2025, published 2026-05-15"),
        "{source}"
    );
    assert!(
        source.contains("this site’s choice, not the article’s"),
        "{source}"
    );
    let why = select(&html, "#salaries .official-why li").join(" ");
    assert!(
        why.contains("Computer Network Architects (SOC 15-1241)"),
        "{why}"
    );
    assert!(why.contains("Network and Computer Systems Administrators (SOC 15-1244)"));
    assert_eq!(
        attrs(
            &html,
            "#salaries .official-pay figure.chart svg.chart-wide",
            "role"
        ),
        ["img"]
    );
    assert!(
        attrs(&html, "#salaries a", "href").contains(&PAY.to_owned()),
        "the section links to the pair's pay page"
    );
}

#[tokio::test]
async fn a_role_page_shows_its_official_figures_and_links_every_area() {
    let app = bundled_router();
    let html = get(&app, "/roles/aws-architect")
        .await
        .assert_page(StatusCode::OK, "AWS Architect");
    assert_eq!(
        select(&html, "#salaries .official-pay thead th[scope=col]"),
        ["Figure", "AWS Architect"]
    );
    assert!(attrs(&html, "#salaries a", "href").contains(&"/roles/aws-architect/pay".to_owned()));
}

#[tokio::test]
async fn the_pairs_pay_page_lists_every_state_and_links_each_area() {
    let app = bundled_router();
    let reply = get(&app, PAY).await;
    let html = reply.assert_page(
        StatusCode::OK,
        "Official pay in the United States: AWS Engineer vs AWS Architect",
    );
    assert_eq!(
        attrs(&html, "link[rel=canonical]", "href"),
        [format!("{BASE_URL}{PAY}")]
    );
    assert_eq!(
        attrs(&html, "meta[property='og:image']", "content"),
        [format!("{BASE_URL}/cards{PAY}.png")]
    );
    let description = attrs(&html, "meta[name=description]", "content").join("");
    assert!(description.len() < 200, "{description}");
    let states = select(&html, "#states tbody th a");
    assert!(states.len() >= 50, "{states:?}");
    assert!(states.contains(&"California".to_owned()));
    let links = attrs(&html, "#states tbody th a", "href");
    assert!(links.contains(&format!("{PAY}/california")), "{links:?}");
    // Every state link answers with that state's figures.
    let california = get(&app, &format!("{PAY}/california")).await;
    let area = california.assert_page(
        StatusCode::OK,
        "Official pay in California: AWS Engineer vs AWS Architect",
    );
    assert_eq!(
        select(&area, ".official-pay caption"),
        ["Annual wages in California, every level together, May 2025"]
    );
    assert_eq!(
        attrs(&area, "#area option[selected]", "value"),
        ["california"]
    );
    // The card is drawn.
    let card = get_bytes(&app, &format!("/cards{PAY}.png")).await;
    assert!(card.starts_with(b"\x89PNG"), "a PNG card");
}

#[tokio::test]
async fn the_state_table_sorts_by_the_difference_or_a_median() {
    let app = bundled_router();
    let html = get(&app, &format!("{PAY}?sort=difference"))
        .await
        .assert_page(
            StatusCode::OK,
            "Official pay in the United States: AWS Engineer vs AWS Architect",
        );
    let differences: Vec<i64> = select(&html, "#states tbody td.diff")
        .iter()
        .filter_map(|text| {
            let negative = text.starts_with('−') || text.starts_with('-');
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            let value: i64 = digits.parse().ok()?;
            Some(if negative { -value } else { value })
        })
        .collect();
    assert!(differences.len() >= 40, "{differences:?}");
    assert!(
        differences.windows(2).all(|w| w[0] >= w[1]),
        "highest first: {differences:?}"
    );
    assert_eq!(
        attrs(&html, "#states th[aria-sort]", "aria-sort"),
        ["descending"]
    );
    let by_median = get(&app, &format!("{PAY}?sort=aws-architect")).await;
    by_median.assert_status(StatusCode::OK);
    let unknown = get(&app, &format!("{PAY}?sort=nope")).await;
    unknown.assert_page(StatusCode::BAD_REQUEST, "Unknown sort order");
}

#[tokio::test]
async fn the_area_form_redirects_to_the_areas_page() {
    let app = bundled_router();
    let html = get(&app, PAY).await.html();
    assert_eq!(attrs(&html, "form.area-picker", "action"), [PAY]);
    assert_eq!(attrs(&html, "form.area-picker", "method"), ["get"]);
    let groups = attrs(&html, "#area optgroup", "label");
    assert_eq!(groups, ["States", "Metropolitan and nonmetropolitan areas"]);
    let reply = get(
        &app,
        &format!("{PAY}?area=san-francisco-oakland-fremont-ca"),
    )
    .await;
    reply.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        reply.header("location"),
        format!("{PAY}/san-francisco-oakland-fremont-ca")
    );
    let metro = get(&app, &format!("{PAY}/san-francisco-oakland-fremont-ca")).await;
    metro.assert_status(StatusCode::OK);
    let nowhere = get(&app, &format!("{PAY}/atlantis")).await;
    nowhere.assert_page(StatusCode::NOT_FOUND, "Page not found");
    // The nation has its own page: no area page repeats it.
    let national = get(&app, &format!("{PAY}/national")).await;
    national.assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_roles_pay_page_lists_every_area_it_has_figures_for() {
    let app = bundled_router();
    let html = get(&app, "/roles/aws-engineer/pay")
        .await
        .assert_page(StatusCode::OK, "Official pay by area: AWS Engineer");
    let headings = select(&html, "h2");
    assert!(
        headings.contains(&"States#".to_owned())
            || headings.iter().any(|h| h.starts_with("States")),
        "{headings:?}"
    );
    let areas = select(&html, "tbody th[scope=row]");
    assert!(areas.len() > 300, "{} areas", areas.len());
    assert!(areas.contains(&"Texas".to_owned()));
    // Each area links to the pair's page for it.
    let links = attrs(&html, "tbody th a", "href");
    assert!(links.contains(&format!("{PAY}/texas")), "{:?}", &links[..3]);
    // Old slugs and other cases redirect as elsewhere.
    let upper = get(&app, "/roles/AWS-Engineer/pay").await;
    upper.assert_status(StatusCode::PERMANENT_REDIRECT);
    assert_eq!(upper.header("location"), "/roles/aws-engineer/pay");
}

/// A role's pay page is in the sitemap; a pair's, like its other pages
/// but the comparison, is reached from the comparison, and area pages
/// from the pay pages.
#[tokio::test]
async fn role_pay_pages_are_in_the_sitemap_but_pair_and_area_pages_are_not() {
    let app = bundled_router();
    let sitemap = get(&app, "/sitemap.xml").await.body;
    assert!(sitemap.contains(&format!("<loc>{BASE_URL}/roles/aws-engineer/pay</loc>")));
    assert!(
        !sitemap.contains(&format!("<loc>{BASE_URL}{PAY}</loc>")),
        "{sitemap}"
    );
    assert!(!sitemap.contains("/pay/"), "no area page is listed");
    let comparison = PAY.trim_end_matches("/pay");
    let html = get(&app, comparison).await.html();
    assert!(attrs(&html, "a[href]", "href").contains(&PAY.to_owned()));
}

/// The three-role fixture, with official figures for two of its roles:
/// the pilot counted with emergency physicians (whose wages BLS top-codes
/// in Alabama and withholds in California) to show figures BLS did not
/// publish.
fn fixture_with_pay() -> tempfile::TempDir {
    let content = content_with(&["official-pay"]);
    add_occupation(
        content.path(),
        "harbour-pilot",
        "29-1214",
        "A stand-in occupation for the test.",
    );
    add_occupation(
        content.path(),
        "ferry-captain",
        "53-5021",
        "Captains are counted with mates and pilots.",
    );
    content
}

fn add_occupation(content: &Path, slug: &str, soc: &str, note: &str) {
    let path = content.join(format!("roles/{slug}.md"));
    let text = fs::read_to_string(&path).expect("role file");
    let (front, body) = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .expect("front matter");
    let text = format!("---\n{front}\noccupation:\n  soc: \"{soc}\"\n  note: {note}\n---\n{body}");
    fs::write(&path, text).expect("write role file");
}

#[tokio::test]
async fn unpublished_figures_say_why_and_top_coded_ones_show_their_floor() {
    let content = fixture_with_pay();
    let app = router_with(content.path(), settings_under(""));
    let pair = "/compare/ferry-captain-vs-harbour-pilot/pay";
    let alabama = get(&app, &format!("{pair}/alabama")).await.assert_page(
        StatusCode::OK,
        "Official pay in Alabama: Ferry Captain vs Harbour Pilot",
    );
    let medians = select(&alabama, ".official-pay tbody tr");
    let median = medians
        .iter()
        .find(|row| row.starts_with("Median"))
        .expect("median row");
    assert!(median.contains("$68,920"), "{median}");
    assert!(median.contains("$239,200 or more"), "{median}");
    let notes = select(&alabama, ".official-pay p.table-note").join(" ");
    assert!(notes.contains("equal to or greater than"), "{notes}");
    let california = get(&app, &format!("{pair}/california")).await.html();
    let rows = select(&california, ".official-pay tbody tr").join(" ");
    assert!(rows.contains("Not published"), "{rows}");
    let notes = select(&california, ".official-pay p.table-note").join(" ");
    assert!(notes.contains("Estimate not released"), "{notes}");
    // Nothing is made up: the chart leaves out what BLS withheld.
    let chart = select(&california, ".official-pay figure.chart desc").join(" ");
    assert!(!chart.contains("Harbour Pilot — 10th to 90th"), "{chart}");
}

#[tokio::test]
async fn a_site_without_official_figures_has_no_pay_pages() {
    let content = content_with(&[]);
    let app = router_with(content.path(), settings_under(""));
    let html = get(&app, "/compare/ferry-captain-vs-harbour-pilot")
        .await
        .html();
    assert!(select(&html, ".official-pay").is_empty());
    let pay = get(&app, "/compare/ferry-captain-vs-harbour-pilot/pay").await;
    pay.assert_page(StatusCode::NOT_FOUND, "Page not found");
    let role = get(&app, "/roles/ferry-captain/pay").await;
    role.assert_status(StatusCode::NOT_FOUND);
}
