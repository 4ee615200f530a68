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
/// The pair's occupations, as the pay pages' headings name them.
const AS: &str = ", as Network and Computer Systems Administrators (15-1244) vs Computer Network Architects (15-1241)";

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
        [
            "Annual wages of wage and salary workers in the United States, every level together, May 2025"
        ]
    );
    // Each column names the occupation its figures are of, next to the
    // role it stands for.
    assert_eq!(
        select(&html, "#salaries .official-pay thead th[scope=col]"),
        [
            "Figure",
            "AWS Engineer · Network and Computer Systems Administrators (15-1244)",
            "AWS Architect · Computer Network Architects (15-1241)"
        ]
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
    let choice = select(&html, "#salaries .official-why-heading").join(" ");
    assert!(
        choice.contains("This site’s choice, not the article’s"),
        "{choice}"
    );
    let why = select(&html, "#salaries .official-why li");
    assert_eq!(why.len(), 2, "{why:?}");
    assert!(
        why[1].starts_with("AWS Architect: Computer Network Architects (SOC 15-1241), median $134,050. Also weighed: Computer Occupations, All Other (15-1299), median $116,580."),
        "{}",
        why[1]
    );
    assert!(
        why[0].starts_with("AWS Engineer: Network and Computer Systems Administrators (SOC 15-1244), median $99,130. Also weighed: Software Developers (15-1252), median $135,980; Computer Occupations, All Other (15-1299), median $116,580."),
        "{}",
        why[0]
    );
    // Whom BLS counts, as its footnote 1 says.
    assert!(
        source.contains("wage and salary workers (the self-employed are not included)"),
        "{source}"
    );
    let intro = select(&html, "#salaries-official + p").join(" ");
    assert!(
        intro.contains("estimates for wage and salary workers (the self-employed are not included) in the official occupation"),
        "{intro}"
    );
    let block = format!(
        "{intro} {}",
        select(&html, "#salaries .official-pay").join(" ")
    );
    assert!(
        !block.contains("everyone"),
        "no figure is said to be everyone’s: {block}"
    );
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
        [
            "Figure",
            "AWS Architect · Computer Network Architects (15-1241)"
        ]
    );
    assert!(attrs(&html, "#salaries a", "href").contains(&"/roles/aws-architect/pay".to_owned()));
}

#[tokio::test]
async fn the_pairs_pay_page_lists_every_state_and_links_each_area() {
    let app = bundled_router();
    let reply = get(&app, PAY).await;
    let html = reply.assert_page(
        StatusCode::OK,
        &format!("Official pay in the United States: AWS Engineer vs AWS Architect{AS}"),
    );
    // The title and description name each occupation by its code, within
    // their lengths.
    assert_eq!(
        select(&html, "head title"),
        ["Official pay in the US: AWS Engineer (15-1244) vs AWS Architect (15-1241) — rolecompare"]
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
    assert_eq!(
        description,
        "BLS wages, May 2025, the US: AWS Engineer as Network and Computer Systems Administrators (15-1244); AWS Architect as Computer Network Architects (15-1241)."
    );
    assert!(description.chars().count() <= 160, "{description}");
    let states = select(&html, "#states tbody th a");
    assert!(states.len() >= 50, "{states:?}");
    assert!(states.contains(&"California".to_owned()));
    let links = attrs(&html, "#states tbody th a", "href");
    assert!(links.contains(&format!("{PAY}/california")), "{links:?}");
    // Every state link answers with that state's figures.
    let california = get(&app, &format!("{PAY}/california")).await;
    let area = california.assert_page(
        StatusCode::OK,
        &format!("Official pay in California: AWS Engineer vs AWS Architect{AS}"),
    );
    assert_eq!(
        select(&area, ".official-pay caption"),
        ["Annual wages of wage and salary workers in California, every level together, May 2025"]
    );
    assert_eq!(
        attrs(&area, "#area option[selected]", "value"),
        ["california"]
    );
    // The card is drawn.
    let card = get_bytes(&app, &format!("/cards{PAY}.png")).await;
    assert!(card.starts_with(b"\x89PNG"), "a PNG card");
}

/// The states table's rows: each state and its cells' text.
fn state_rows(html: &scraper::Html) -> Vec<(String, Vec<String>)> {
    let row = scraper::Selector::parse("#states tbody tr").expect("selector");
    let cell = scraper::Selector::parse("th, td").expect("selector");
    html.select(&row)
        .map(|tr| {
            let mut cells = tr
                .select(&cell)
                .map(|c| c.text().collect::<String>().trim().to_owned());
            let state = cells.next().unwrap_or_default();
            (state, cells.collect())
        })
        .collect()
}

/// The cells of `state`'s row.
fn state<'a>(rows: &'a [(String, Vec<String>)], state: &str) -> &'a [String] {
    rows.iter()
        .find(|(name, _)| name == state)
        .map(|(_, cells)| cells.as_slice())
        .unwrap_or_else(|| panic!("no row for {state}"))
}

#[tokio::test]
async fn each_state_shows_both_medians_and_their_difference() {
    let app = bundled_router();
    let html = get(&app, PAY).await.html();
    let rows = state_rows(&html);
    assert_eq!(rows.len(), 53, "50 states, DC, Guam and Puerto Rico");
    // From content/official-pay.csv: 15-1244's median, 15-1241's, and the
    // architect's less the engineer's, in that order of columns.
    assert_eq!(state(&rows, "Alabama"), ["$81,400", "$130,810", "+$49,410"]);
    assert_eq!(
        state(&rows, "California"),
        ["$106,440", "$158,870", "+$52,430"]
    );
    assert_eq!(state(&rows, "Hawaii"), ["$101,450", "$108,000", "+$6,550"]);
    // BLS has no figures for the architects' occupation in Guam.
    assert_eq!(state(&rows, "Guam"), ["$59,820", "No figures", "n/a"]);
    // The other way round, the difference is the engineer's less the
    // architect's.
    let swapped = get(&app, "/compare/aws-architect-vs-aws-engineer/pay")
        .await
        .html();
    let rows = state_rows(&swapped);
    assert_eq!(state(&rows, "Alabama"), ["$130,810", "$81,400", "−$49,410"]);
    assert_eq!(
        select(&swapped, "#states thead th")
            .last()
            .map(String::as_str),
        Some("Differ\u{ad}ence (AWS Engineer − AWS Architect)")
    );
}

#[tokio::test]
async fn the_state_table_sorts_by_the_difference_or_a_median() {
    let app = bundled_router();
    let order = |html: &scraper::Html| -> Vec<String> {
        state_rows(html).into_iter().map(|(name, _)| name).collect()
    };
    let html = get(&app, &format!("{PAY}?sort=difference"))
        .await
        .assert_page(
            StatusCode::OK,
            &format!("Official pay in the United States: AWS Engineer vs AWS Architect{AS}"),
        );
    let rows = state_rows(&html);
    assert_eq!(
        rows[..4],
        [
            (
                "South Dakota".to_owned(),
                vec![
                    "$75,010".to_owned(),
                    "$153,390".to_owned(),
                    "+$78,380".to_owned()
                ]
            ),
            (
                "Washington".to_owned(),
                vec![
                    "$103,910".to_owned(),
                    "$168,070".to_owned(),
                    "+$64,160".to_owned()
                ]
            ),
            (
                "Delaware".to_owned(),
                vec![
                    "$94,200".to_owned(),
                    "$148,390".to_owned(),
                    "+$54,190".to_owned()
                ]
            ),
            (
                "California".to_owned(),
                vec![
                    "$106,440".to_owned(),
                    "$158,870".to_owned(),
                    "+$52,430".to_owned()
                ]
            ),
        ]
    );
    // The smallest differences last, then the state without one.
    assert_eq!(
        order(&html)[49..],
        ["Idaho", "Mississippi", "Hawaii", "Guam"]
    );
    assert_eq!(
        attrs(&html, "#states th[aria-sort]", "aria-sort"),
        ["descending"]
    );
    let sorted = select(&html, "#states th[aria-sort]");
    assert_eq!(sorted, ["Differ\u{ad}ence (AWS Architect − AWS Engineer)"]);
    // By a role's median, highest first.
    let by_architect = get(&app, &format!("{PAY}?sort=aws-architect")).await.html();
    assert_eq!(
        order(&by_architect)[..3],
        ["Washington", "New Jersey", "Maryland"]
    );
    assert_eq!(
        state(&state_rows(&by_architect), "Washington")[1],
        "$168,070"
    );
    assert!(
        select(&by_architect, "#states th[aria-sort]")[0]
            .starts_with("AWS Architect · Computer Network Architects (15-1241)"),
        "the architects' column is the one sorted"
    );
    let by_engineer = get(&app, &format!("{PAY}?sort=aws-engineer")).await.html();
    assert_eq!(
        order(&by_engineer)[..3],
        ["Maryland", "New Jersey", "Massachusetts"]
    );
    assert_eq!(state(&state_rows(&by_engineer), "Maryland")[0], "$118,290");
    // By state, A to Z, by default.
    let by_state = get(&app, PAY).await.html();
    assert_eq!(order(&by_state)[..3], ["Alabama", "Alaska", "Arizona"]);
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
    let metro = get(&app, &format!("{PAY}/san-francisco-oakland-fremont-ca"))
        .await
        .assert_page(
            StatusCode::OK,
            &format!("Official pay in San Francisco-Oakland-Fremont, CA: AWS Engineer vs AWS Architect{AS}"),
        );
    let row = |label: &str| -> Vec<String> {
        let rows = scraper::Selector::parse(".official-pay tbody tr").expect("selector");
        let cells = scraper::Selector::parse("td").expect("selector");
        metro
            .select(&rows)
            .find(|tr| tr.text().collect::<String>().trim().starts_with(label))
            .map(|tr| {
                tr.select(&cells)
                    .map(|td| td.text().collect::<String>().trim().to_owned())
                    .collect()
            })
            .unwrap_or_else(|| panic!("no {label} row"))
    };
    // 15-1244, then 15-1241, in area 0041860.
    assert_eq!(row("10th percentile"), ["$82,760", "$121,160"]);
    assert_eq!(row("Median"), ["$129,680", "$166,760"]);
    assert_eq!(row("90th percentile"), ["$193,250", "$242,150"]);
    assert_eq!(row("Mean"), ["$134,080", "$172,850"]);
    assert_eq!(row("Employment"), ["3,910", "3,350"]);
    // The alternatives' medians in the same area.
    let why = select(&metro, ".official-why li").join(" ");
    assert!(
        why.contains("Software Developers (15-1252), median $186,640"),
        "{why}"
    );
    assert!(
        why.contains("Computer Occupations, All Other (15-1299), median $161,700"),
        "{why}"
    );
    let nowhere = get(&app, &format!("{PAY}/atlantis")).await;
    nowhere.assert_page(StatusCode::NOT_FOUND, "Page not found");
    // The nation has its own page: no area page repeats it.
    let national = get(&app, &format!("{PAY}/national")).await;
    national.assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_roles_pay_page_lists_every_area_it_has_figures_for() {
    let app = bundled_router();
    let html = get(&app, "/roles/aws-engineer/pay").await.assert_page(
        StatusCode::OK,
        "Official pay by area: AWS Engineer, as Network and Computer Systems Administrators (15-1244)",
    );
    assert_eq!(
        select(&html, "head title"),
        ["Official pay by area: AWS Engineer (15-1244) — rolecompare"]
    );
    // States first, each row with its figures and a place of its own.
    let states = select(&html, "#states tbody th[scope=row]");
    assert_eq!(states.len(), 53, "{states:?}");
    assert_eq!(
        select(&html, "#area-texas td"),
        [
            "$63,650", "$79,570", "$101,240", "$128,140", "$155,430", "34,840"
        ]
    );
    // Each state links to the pair's page for it.
    let links = attrs(&html, "#states tbody th a", "href");
    assert!(links.contains(&format!("{PAY}/texas")), "{:?}", &links[..3]);
    // Then the metropolitan and nonmetropolitan areas, by state: a
    // state's own areas, and one across state lines under each state.
    let groups = attrs(&html, "#areas details.area-group", "id");
    assert!(groups.len() >= 50, "{groups:?}");
    let in_state = |id: &str| select(&html, &format!("#{id} tbody th[scope=row]"));
    let texas = in_state("areas-texas");
    assert!(
        texas.contains(&"Austin-Round Rock-San Marcos, TX".to_owned()),
        "{texas:?}"
    );
    assert!(
        texas
            .iter()
            .all(|area| area.contains("TX") || area.contains("Texas")),
        "{texas:?}"
    );
    let boston = "Boston-Cambridge-Newton, MA-NH".to_owned();
    assert!(in_state("areas-massachusetts").contains(&boston));
    assert!(in_state("areas-new-hampshire").contains(&boston));
    assert!(!in_state("areas-maine").contains(&boston));
    let summary = select(&html, "#areas-rhode-island summary");
    assert_eq!(summary, ["Rhode Island 1 area"]);
    let areas: usize = groups.iter().map(|id| in_state(id).len()).sum();
    assert!(areas > 300, "{areas} areas");
    // Old slugs and other cases redirect as elsewhere.
    let upper = get(&app, "/roles/AWS-Engineer/pay").await;
    upper.assert_status(StatusCode::PERMANENT_REDIRECT);
    assert_eq!(upper.header("location"), "/roles/aws-engineer/pay");
}

#[tokio::test]
async fn every_figure_bls_did_not_publish_carries_its_note() {
    let app = bundled_router();
    let html = get(&app, "/roles/aws-architect/pay").await.html();
    // BLS withheld (footnote 8) figures of the architects in some areas,
    // such as Dover, DE.
    let dover = scraper::Selector::parse("#areas-delaware tbody tr").expect("selector");
    let cells = scraper::Selector::parse("td").expect("selector");
    let row = html
        .select(&dover)
        .find(|tr| tr.text().collect::<String>().contains("Dover, DE"))
        .expect("Dover's row");
    let figures: Vec<String> = row
        .select(&cells)
        .map(|td| td.text().collect::<String>())
        .collect();
    assert!(figures.iter().any(|f| f == "Not published8"), "{figures:?}");
    // Every cell without a number has a note mark linking to its note.
    let missing = scraper::Selector::parse("td:has(.none)").expect("selector");
    let mark = scraper::Selector::parse(".note-mark a").expect("selector");
    let mut count = 0;
    for td in html.select(&missing) {
        let text = td.text().collect::<String>();
        if text.starts_with("No figures") {
            continue;
        }
        count += 1;
        let marks: Vec<&str> = td
            .select(&mark)
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert!(!marks.is_empty(), "{text} has no note mark");
        for href in marks {
            let id = href.trim_start_matches('#');
            assert_eq!(
                attrs(&html, &format!("[id='{id}']"), "id").len(),
                1,
                "{href} leads nowhere"
            );
        }
    }
    assert!(count > 5, "{count} cells without a number");
    assert_eq!(
        select(&html, "#areas-note-8"),
        ["BLS note 8: Estimate not released."]
    );
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
pub fn fixture_with_pay() -> tempfile::TempDir {
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
        "Official pay in Alabama: Ferry Captain vs Harbour Pilot, as Captains, Mates, and Pilots of Water Vessels (53-5021) vs Emergency Medicine Physicians (29-1214)",
    );
    let medians = select(&alabama, ".official-pay tbody tr");
    let median = medians
        .iter()
        .find(|row| row.starts_with("Median"))
        .expect("median row");
    assert!(median.contains("$68,920"), "{median}");
    assert!(median.contains("$239,200 or more5"), "{median}");
    let notes = select(&alabama, ".official-pay p.table-note").join(" ");
    assert!(notes.contains("equal to or greater than"), "{notes}");
    let california = get(&app, &format!("{pair}/california")).await.html();
    let rows = select(&california, ".official-pay tbody tr").join(" ");
    assert!(rows.contains("Not published"), "{rows}");
    let notes = select(&california, ".official-pay p.table-note").join(" ");
    assert!(notes.contains("Estimate not released"), "{notes}");
    // Nothing is made up: the chart leaves out what BLS withheld, and
    // draws what it published.
    let chart = select(&california, ".official-pay figure.chart desc").join(" ");
    assert!(
        chart.contains("Ferry Captain · Captains, Mates, and Pilots of Water Vessels (53-5021) — 10th to 90th: $56,060 – $348,100"),
        "{chart}"
    );
    assert!(
        !chart.contains("Harbour Pilot · Emergency Medicine Physicians (29-1214) — 10th to 90th"),
        "{chart}"
    );
    // Each cell without a number carries BLS's note.
    let marked = select(&california, ".official-pay td:has(.none)");
    assert!(!marked.is_empty());
    assert!(
        marked.iter().all(|cell| cell == "Not published8"),
        "{marked:?}"
    );
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
