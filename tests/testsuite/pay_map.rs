//! The map of the states on the official pay pages: every state a shape
//! in a link named by its figures, shaded by the difference of the pair's
//! medians (a scale centred on zero, in the colour of the role paid more)
//! or by one role's median, hatched where there is no figure.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use scraper::{Html, Selector};

use crate::official_pages::fixture_with_pay;
use crate::support::{attrs, bundled_router, get, router_with, select, settings_under};

const PAY: &str = "/compare/aws-engineer-vs-aws-architect/pay";

/// The map's states: the link, its title and its shape's classes, by the
/// state's name (the title's start).
fn map_states(html: &Html) -> BTreeMap<String, (String, String, String)> {
    let link = Selector::parse("svg.us-map-svg a.map-area").expect("selector");
    let title = Selector::parse("title").expect("selector");
    let shape = Selector::parse(".map-shape").expect("selector");
    html.select(&link)
        .map(|a| {
            let title = a
                .select(&title)
                .next()
                .map(|t| t.text().collect::<String>())
                .unwrap_or_default();
            let class = a
                .select(&shape)
                .next()
                .and_then(|s| s.value().attr("class"))
                .unwrap_or_default()
                .to_owned();
            let name = title.split(':').next().unwrap_or_default().to_owned();
            // A territory's box is its shape.
            let class = class.replace(" map-box", "");
            let href = a.value().attr("href").unwrap_or_default().to_owned();
            (name, (href, title, class))
        })
        .collect()
}

#[tokio::test]
async fn the_pairs_map_shades_each_state_by_the_difference() {
    let app = bundled_router();
    let html = get(&app, PAY).await.html();
    let states = map_states(&html);
    // The 50 states, DC and the two territories BLS publishes figures of
    // for these occupations, as many as the table's rows.
    assert_eq!(states.len(), 53, "{:?}", states.keys());
    assert_eq!(select(&html, "#states tbody tr").len(), 53);
    for name in [
        "District of Columbia",
        "Puerto Rico",
        "Guam",
        "Alaska",
        "Hawaii",
    ] {
        assert!(states.contains_key(name), "{name} is on the map");
    }
    // Each links to the pair's page for the state, and is named by its
    // figures.
    let (href, title, _) = &states["Alabama"];
    assert_eq!(href, &format!("{PAY}/alabama"));
    assert_eq!(
        title,
        "Alabama: AWS Engineer median $81,400; AWS Architect median $130,810; difference +$49,410"
    );
    // Paid more as an architect: the architects' colour, as in the table.
    let architect = attrs(&html, "#states thead th[class*=role-]", "class");
    let architect = architect.last().expect("the architects' column");
    let shade = |name: &str| states[name].2.replace("map-shape ", "");
    assert_eq!(shade("Alabama"), format!("{architect} shade-3"));
    assert_eq!(shade("South Dakota"), format!("{architect} shade-5"));
    assert_eq!(shade("Hawaii"), format!("{architect} shade-1"));
    // Guam has no difference: hatched, and its title says why.
    assert_eq!(shade("Guam"), "no-figure");
    assert_eq!(
        states["Guam"].1,
        "Guam: AWS Engineer median $59,820; AWS Architect: no figures published; no difference"
    );
    // The legend is in dollars, centred on zero.
    assert_eq!(
        select(&html, ".map-ramp text"),
        ["−$90k", "−$60k", "−$30k", "$0", "+$30k", "+$60k", "+$90k"]
    );
    assert_eq!(
        select(&html, ".map-ends span"),
        ["← AWS Engineer’s higher", "AWS Architect’s higher →"]
    );
    // Small states have a labelled box beside the map, in their link.
    assert_eq!(
        select(&html, "a.map-area text.map-label"),
        [
            "CT", "DE", "DC", "MD", "MA", "NH", "NJ", "RI", "VT", "GU", "PR"
        ]
    );
    // The other order swaps the colours' meaning, not the map.
    let swapped = get(&app, "/compare/aws-architect-vs-aws-engineer/pay")
        .await
        .html();
    let swapped = map_states(&swapped);
    assert_eq!(
        swapped["Alabama"].0,
        format!("{PAY}/alabama"),
        "one page per area"
    );
    assert!(swapped["Alabama"].1.ends_with("difference −$49,410"));
    assert_eq!(
        swapped["Alabama"].2.replace("map-shape ", ""),
        format!("{architect} shade-3")
    );
}

#[tokio::test]
async fn a_roles_map_links_each_state_to_its_row() {
    let app = bundled_router();
    let html = get(&app, "/roles/aws-architect/pay").await.html();
    let states = map_states(&html);
    assert_eq!(states.len(), 52, "the architects' figures: no Guam");
    let ids = attrs(&html, "[id]", "id");
    for (name, (href, title, class)) in &states {
        let id = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{name}: {href}"));
        assert!(id.starts_with("area-"), "{href}");
        assert!(ids.iter().any(|i| i == id), "{name}: {href} leads nowhere");
        assert!(title.starts_with(&format!("{name}: median $")), "{title}");
        assert!(class.contains("shade-"), "{name}: {class}");
    }
    assert_eq!(states["Washington"].0, "#area-washington");
    assert_eq!(states["Washington"].1, "Washington: median $168,070");
    // The highest medians are the deepest shade, the lowest the palest.
    assert!(
        states["Washington"].2.ends_with("shade-5"),
        "{}",
        states["Washington"].2
    );
    assert!(
        states["Puerto Rico"].2.ends_with("shade-1"),
        "{}",
        states["Puerto Rico"].2
    );
    assert_eq!(
        select(&html, ".map-ramp text"),
        ["$60k", "$80k", "$100k", "$120k", "$140k", "$160k", "$180k"]
    );
}

#[tokio::test]
async fn a_state_without_figures_is_hatched_and_says_so() {
    let content = fixture_with_pay();
    let app = router_with(content.path(), settings_under(""));
    let pay = "/compare/ferry-captain-vs-harbour-pilot/pay";
    let html = get(&app, pay).await;
    html.assert_status(StatusCode::OK);
    let html = html.html();
    // BLS's figures for these occupations cover Alabama and California:
    // both are links, both hatched (the pilots' median is top-coded in
    // one and withheld in the other), and every other state is drawn
    // hatched with no link.
    let states = map_states(&html);
    assert_eq!(states.keys().collect::<Vec<_>>(), ["Alabama", "California"]);
    assert!(
        states
            .values()
            .all(|(_, _, class)| class.ends_with("no-figure"))
    );
    assert_eq!(
        states["Alabama"].1,
        "Alabama: Ferry Captain median $68,920; Harbour Pilot median: $239,200 or more; no difference"
    );
    assert_eq!(
        states["California"].1,
        "California: Ferry Captain median $110,090; Harbour Pilot median: Not published; no difference"
    );
    let blanks = select(&html, "svg.us-map-svg g.map-blank title");
    assert_eq!(blanks.len(), 49);
    assert!(blanks.contains(&"Texas: no figures published".to_owned()));
    assert_eq!(
        select(&html, ".map-none"),
        ["Hatched: no figure published (51 on this map)"]
    );
}

#[tokio::test]
async fn the_comparisons_charts_in_dollars_a_year_share_one_axis() {
    let app = bundled_router();
    let html = get(&app, "/compare/aws-engineer-vs-aws-architect")
        .await
        .html();
    let charts = Selector::parse("#salaries figure.chart svg.chart-wide").expect("selector");
    let ticks = Selector::parse(".tick-label").expect("selector");
    let axes: Vec<Vec<(String, String)>> = html
        .select(&charts)
        .map(|svg| {
            svg.select(&ticks)
                .map(|t| {
                    let x = t.value().attr("x").unwrap_or_default().to_owned();
                    (t.text().collect(), x)
                })
                .collect()
        })
        .collect();
    assert_eq!(
        axes.len(),
        2,
        "the article's ranges and the official percentiles"
    );
    assert_eq!(axes[0], axes[1], "one axis");
    let labels: Vec<&str> = axes[0].iter().map(|(label, _)| label.as_str()).collect();
    // Wide enough for both: the official 10th percentile ($62,640) and
    // the article's open-ended top ($200,000+).
    assert_eq!(labels.first(), Some(&"$50k"));
    assert_eq!(labels.last(), Some(&"$250k"));
    // The official median is a mark 6 units wide, on the axis of both.
    let marks = attrs(
        &html,
        "#salaries .official-pay svg.chart-wide .bar-median rect",
        "width",
    );
    assert_eq!(marks, ["6", "6"]);
}
