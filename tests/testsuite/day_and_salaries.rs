//! The day in the life, salary differences, the range chart and `/salaries`.

use axum::http::StatusCode;
use scraper::{Html, Selector};

use crate::support::{attrs, bundled_router, fixture, get, router, select};

const DAY: &str = "/compare/aws-engineer-vs-aws-architect/day-in-the-life";

/// The activities of the blocks of `role` that start on the row whose
/// `data-time` is `time`.
fn block_starting(html: &Html, time: &str, role: &str) -> Vec<String> {
    select(
        html,
        &format!("tr[data-time='{time}'] td.block[data-role='{role}'] .block-activity"),
    )
}

const ENGINEER: &str = "AWS Engineer";
const ARCHITECT: &str = "AWS Architect";

#[tokio::test]
async fn the_day_view_puts_the_same_hour_on_the_same_row() {
    let app = bundled_router();
    let reply = get(&app, DAY).await;
    reply.assert_success();
    let html = reply.html();
    assert_eq!(
        select(&html, "table.day thead th"),
        ["Time", "AWS Engineer", "AWS Architect"]
    );
    // 09:00 to 17:30 in 15-minute rows (the Architect has a 16:15 boundary).
    let rows = attrs(&html, "table.day tbody tr", "data-time");
    assert_eq!(rows.len(), 34);
    assert_eq!(rows.first().map(String::as_str), Some("09:00"));
    assert_eq!(rows.last().map(String::as_str), Some("17:15"));
    // Both roles start a block at 09:00 on the same row…
    assert_eq!(
        block_starting(&html, "09:00", ENGINEER),
        ["Check overnight alerts"]
    );
    assert_eq!(block_starting(&html, "09:00", ARCHITECT).len(), 1);
    // …the Engineer's 10:00 block sits on the 10:00 row and spans 1.5 hours.
    assert_eq!(
        block_starting(&html, "10:00", ENGINEER),
        ["Deploy and configure resources"]
    );
    assert_eq!(
        attrs(
            &html,
            "tr[data-time='10:00'] td.block[data-role='AWS Engineer']",
            "rowspan"
        ),
        ["6"]
    );
    assert_eq!(
        select(
            &html,
            "tr[data-time='10:00'] td.block[data-role='AWS Engineer'] .block-time"
        ),
        ["10:00–11:30 · 1.5 h"]
    );
    // The Architect's 10:30 block is on the 10:30 row.
    assert_eq!(block_starting(&html, "10:30", ARCHITECT).len(), 1);
    assert_eq!(block_starting(&html, "10:30", ENGINEER).len(), 0);
    // Each block shows activity, detail and kind.
    assert_eq!(select(&html, "td.block .block-detail").len(), 18);
    assert!(select(&html, "td.block .block-kind").contains(&"hands-on".to_owned()));
    // The lunch gap is a gap in both columns.
    assert_eq!(select(&html, "tr[data-time='12:30'] td.gap").len(), 2);
}

#[tokio::test]
async fn every_row_adds_up_to_one_cell_per_role() {
    // With rowspans, each role's column must cover each row exactly once.
    let app = bundled_router();
    let html = get(&app, DAY).await.html();
    let row_selector = Selector::parse("table.day tbody tr").expect("selector");
    let cell_selector = Selector::parse("td").expect("selector");
    let rows: Vec<_> = html.select(&row_selector).collect();
    let mut covered = [0usize; 2];
    let mut open_until = [0usize; 2];
    for (index, row) in rows.iter().enumerate() {
        for cell in row.select(&cell_selector) {
            let role = usize::from(cell.value().attr("data-role") == Some(ARCHITECT));
            assert!(
                open_until[role] <= index,
                "row {index}: overlapping cells for column {role}"
            );
            let span: usize = cell
                .value()
                .attr("rowspan")
                .unwrap_or("1")
                .parse()
                .expect("rowspan");
            open_until[role] = index + span;
            covered[role] += span;
        }
    }
    assert_eq!(covered, [rows.len(), rows.len()]);
}

#[tokio::test]
async fn the_share_of_day_adds_up_to_the_schedule() {
    let app = bundled_router();
    let html = get(&app, DAY).await.html();
    // The Engineer: 09:00–12:30 and 13:30–17:30 = 7.5 h scheduled.
    assert_eq!(select(&html, "table.shares tfoot td"), ["7.5 h", "7.5 h"]);
    let kinds = select(&html, "table.shares tbody th");
    let cells = select(&html, "table.shares tbody td");
    let engineer: f64 = cells
        .iter()
        .step_by(2)
        .map(|c| c.trim_end_matches(" h").parse::<f64>().expect("hours"))
        .sum();
    assert!((engineer - 7.5).abs() < 1e-9, "{kinds:?} {cells:?}");
    let row = |kind: &str| {
        let i = kinds.iter().position(|k| k == kind).expect("kind");
        (cells[2 * i].clone(), cells[2 * i + 1].clone())
    };
    // Hands-on: 10:00–12:30 and 13:30–16:30 = 5.5 h for the Engineer, none for the Architect.
    assert_eq!(row("hands-on"), ("5.5 h".to_owned(), "0 h".to_owned()));
    // The chart draws one bar per role per kind, labelled with the same
    // hours; the Engineer in the Engineer's colour.
    let colour = attrs(&html, "table.shares thead th[class*=role-]", "class")[0].clone();
    let bars = select(
        &html,
        &format!("#share-of-day svg.chart-wide .bar.{colour} .bar-label"),
    );
    assert_eq!(bars.len(), kinds.len());
    assert_eq!(bars, cells.iter().step_by(2).cloned().collect::<Vec<_>>());
    assert_eq!(
        select(&html, "#share-of-day svg > title"),
        ["Hours by kind of work"]
    );
}

#[tokio::test]
async fn the_day_view_is_labelled_illustrative_and_linked_from_the_comparison() {
    let app = bundled_router();
    let html = get(&app, DAY).await.html();
    assert!(select(&html, ".notice")[0].starts_with("Illustrative."));
    let compare = get(&app, "/compare/aws-engineer-vs-aws-architect")
        .await
        .html();
    assert_eq!(
        attrs(&compare, "#day-to-day .section-link a", "href"),
        [DAY]
    );
    assert_eq!(
        attrs(&html, ".page-head a", "href"),
        ["/compare/aws-engineer-vs-aws-architect#day-to-day"]
    );
}

#[tokio::test]
async fn a_role_without_a_schedule_shows_its_day_to_day_list() {
    let app = router(&fixture("three-roles"));
    let reply = get(
        &app,
        "/compare/ferry-captain-vs-harbour-pilot/day-in-the-life",
    )
    .await;
    reply.assert_success();
    let html = reply.html();
    let rows = attrs(&html, "table.day tbody tr", "data-time");
    assert_eq!(
        attrs(
            &html,
            "td.no-schedule[data-role='Ferry Captain']",
            "rowspan"
        ),
        [rows.len().to_string()]
    );
    assert_eq!(select(&html, "td.no-schedule dt"), ["Timetable"]);
    // The harbour pilot's schedule starts at 08:00 on the first row.
    assert_eq!(rows[0], "08:00");
    assert_eq!(
        block_starting(&html, "08:00", "Harbour Pilot"),
        ["Tide tables"]
    );
    // Only roles with a schedule are in the share table.
    assert_eq!(
        select(&html, "table.shares thead th"),
        ["Kind of work", "Harbour Pilot"]
    );
}

#[tokio::test]
async fn day_view_paths_are_checked_like_comparisons() {
    let app = bundled_router();
    get(&app, "/compare/aws-engineer-vs-aws-architect/nope")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    get(
        &app,
        "/compare/aws-engineer-vs-aws-engineer/day-in-the-life",
    )
    .await
    .assert_status(StatusCode::BAD_REQUEST);
    get(&app, "/compare/aws-engineer-vs-nope/day-in-the-life")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let reply = get(
        &app,
        "/compare/AWS-Engineer-vs-aws-architect/day-in-the-life",
    )
    .await;
    reply.assert_status(StatusCode::PERMANENT_REDIRECT);
    assert_eq!(reply.header("location"), DAY);
}

#[tokio::test]
async fn salary_differences_are_exact() {
    let app = bundled_router();
    let html = get(&app, "/compare/aws-engineer-vs-aws-architect")
        .await
        .html();
    let diff = |level: &str| select(&html, &format!("tr#salaries-{level} td.diff"));
    // Architect minus Engineer, as a share of the Engineer's figure.
    assert_eq!(diff("junior"), ["+$20,000 (+25.0%)", "+$20,000 (+18.2%)"]);
    assert_eq!(diff("mid"), ["+$20,000 (+18.2%)", "+$20,000 (+14.3%)"]);
    assert_eq!(diff("senior"), ["+$20,000 (+14.3%)", "+$20,000 (+11.1%)"]);
    let note = select(&html, "#salaries .table-note");
    assert!(
        note[0].starts_with("Differences are AWS Architect minus AWS Engineer"),
        "{note:?}"
    );
    assert!(note[0].contains("open-ended"), "{note:?}");
    // The other order reverses the sign.
    let reverse = get(&app, "/compare/aws-architect-vs-aws-engineer")
        .await
        .html();
    assert_eq!(
        select(&reverse, "tr#salaries-junior td.diff"),
        ["−$20,000 (−20.0%)", "−$20,000 (−15.4%)"]
    );
}

#[tokio::test]
async fn no_differences_when_currency_or_period_differ() {
    let app = router(&fixture("three-roles"));
    let html = get(&app, "/compare/ferry-captain-vs-harbour-pilot")
        .await
        .html();
    assert!(select(&html, "#salaries .diff").is_empty());
    // Two charts: one per unit, since they cannot share an axis.
    assert_eq!(select(&html, "#salaries svg > title").len(), 2);
    // Same unit: differences shown.
    let html = get(&app, "/compare/harbour-pilot-vs-lighthouse-keeper")
        .await
        .html();
    assert_eq!(
        select(&html, "tr#salaries-junior td.diff"),
        ["−$15,000 (−33.3%)", "−$20,000 (−33.3%)"]
    );
    // A level only one role lists has no difference.
    assert_eq!(select(&html, "tr#salaries-mid td.diff"), ["n/a", "n/a"]);
}

#[tokio::test]
async fn the_range_chart_has_one_bar_per_role_and_level() {
    let app = bundled_router();
    let html = get(&app, "/compare/aws-engineer-vs-aws-architect")
        .await
        .html();
    let svg = "#salaries > .section-fold > figure.chart svg.chart-wide";
    assert_eq!(attrs(&html, svg, "role"), ["img"]);
    assert_eq!(
        attrs(&html, svg, "aria-labelledby"),
        ["salary-chart-title salary-chart-desc"]
    );
    assert_eq!(
        select(&html, &format!("{svg} > title")),
        ["Salary ranges by level, USD per year"]
    );
    let desc = select(&html, &format!("{svg} > desc"));
    assert!(
        desc[0].contains("AWS Engineer — Junior: $80,000 – $110,000"),
        "{desc:?}"
    );
    let bars = select(&html, &format!("{svg} .bar > title"));
    assert_eq!(bars.len(), 6);
    assert_eq!(select(&html, &format!("{svg} .bar.role-1")).len(), 3);
    assert_eq!(select(&html, &format!("{svg} .bar.role-2")).len(), 3);
    // Only the two senior ranges are open-ended.
    assert_eq!(
        select(&html, &format!("{svg} .bar polygon.open-end")).len(),
        2
    );
    // The axis names formatted figures.
    let ticks = select(&html, &format!("{svg} .tick-label"));
    assert!(ticks.contains(&"$100k".to_owned()), "{ticks:?}");
    // Bars run from min to max on one scale: the Architect's junior bar
    // starts where the Engineer's junior bar… does not.
    let x = attrs(&html, &format!("{svg} .bar rect"), "x");
    let width = attrs(&html, &format!("{svg} .bar rect"), "width");
    let (x0, w0): (f64, f64) = (x[0].parse().expect("x"), width[0].parse().expect("w"));
    let (x1, w1): (f64, f64) = (x[1].parse().expect("x"), width[1].parse().expect("w"));
    assert!(x1 > x0, "the Architect's junior range starts higher");
    assert!((w0 - w1).abs() < 0.2, "both junior ranges span $30,000");
}

#[tokio::test]
async fn salaries_page_lists_every_role_and_sorts_by_level() {
    let app = router(&fixture("three-roles"));
    let reply = get(&app, "/salaries").await;
    reply.assert_success();
    let html = reply.html();
    // The site-wide order: the curated pair as its file names it, then
    // the others by title.
    assert_eq!(
        select(&html, "table.all-salaries tbody th"),
        ["Harbour Pilot", "Lighthouse Keeper", "Ferry Captain"]
    );
    assert_eq!(
        attrs(&html, "table.all-salaries thead a.sort-link", "href"),
        [
            "/salaries",
            "/salaries?sort=junior",
            "/salaries?sort=mid",
            "/salaries?sort=senior"
        ]
    );
    assert_eq!(
        select(&html, "tr#salaries-lighthouse-keeper td"),
        [
            "$30,000 – $40,000",
            "Not listed",
            "$50,000 – $65,000+",
            "USD per year"
        ]
    );
    assert!(!select(&html, "figure.chart svg").is_empty());

    let sorted = get(&app, "/salaries?sort=senior").await;
    sorted.assert_success();
    let html = sorted.html();
    // Highest senior range first; a role without a senior figure last.
    assert_eq!(
        select(&html, "table.all-salaries tbody th"),
        ["Harbour Pilot", "Lighthouse Keeper", "Ferry Captain"]
    );
    assert_eq!(
        select(&html, "table.all-salaries thead th[aria-sort]"),
        ["Senior"]
    );
    get(&app, "/salaries?sort=ceo")
        .await
        .assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_header_links_to_salaries() {
    let app = bundled_router();
    let html = get(&app, "/").await.html();
    assert!(attrs(&html, "header nav a", "href").contains(&"/salaries".to_owned()));
}

/// Salary ranges that are all one figure (a level paid exactly $50,000)
/// are valid content: the site starts and draws them on an axis of a few
/// ticks. Such a chart's axis once had no width, and drawing its ticks
/// never ended.
#[tokio::test]
async fn ranges_of_a_single_figure_are_drawn() {
    let dir = crate::support::content_with(&[]);
    let file = dir.path().join("roles/lighthouse-keeper.md");
    let text = std::fs::read_to_string(&file).expect("role file");
    let levels = "  levels:\n    - level: junior\n      min: 30000\n      max: 40000\n    - level: senior\n      min: 50000\n      max: 65000\n      open_ended: true\n";
    assert!(text.contains(levels), "the fixture's levels have changed");
    let flat = text.replace(
        levels,
        "  levels:\n    - level: senior\n      min: 50000\n      max: 50000\n",
    );
    std::fs::write(&file, flat).expect("write role file");
    let app = router(dir.path());
    let reply = get(&app, "/roles/lighthouse-keeper").await;
    assert_eq!(reply.status, StatusCode::OK);
    let html = reply.html();
    let ticks = select(&html, "#salaries svg.chart-wide .tick-label");
    assert!(
        (2..=12).contains(&ticks.len()) && ticks.contains(&"$50k".to_owned()),
        "{ticks:?}"
    );
}
