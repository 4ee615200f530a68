//! Comparison power tools: differences only, level by level, swap sides,
//! three or four roles, and pickers grouped by family.

use axum::http::StatusCode;

use crate::support::{attrs, bundled_router, content_with, fixture, get, router, select};

const PAIR: &str = "/compare/aws-engineer-vs-aws-architect";

#[tokio::test]
async fn differences_hide_shared_ground_and_count_what_differs() {
    let app = bundled_router();
    let reply = get(&app, &format!("{PAIR}?view=differences")).await;
    reply.assert_success();
    let html = reply.html();
    // Working with other teams is shared: left out on both sides. What
    // one role lists and the other does not is a list of titles, each
    // linking to its place on the full comparison.
    // The `n`th role's list (1-based).
    let only = |section: &str, n: usize| {
        select(
            &html,
            &format!("#{section} .col:nth-child({n}) .only-list a"),
        )
    };
    assert_eq!(
        only("responsibilities", 1),
        [
            "Implementation",
            "Automation",
            "Monitoring and troubleshooting",
            "Infrastructure management"
        ]
    );
    assert!(!only("responsibilities", 2).contains(&"Stakeholder engagement".to_owned()));
    assert_eq!(
        attrs(
            &html,
            "#responsibilities .col:nth-child(1) .only-list a",
            "href"
        )[0],
        format!("{PAIR}#responsibilities-aws-engineer-implementation")
    );
    assert_eq!(
        select(&html, "#responsibilities .col-head"),
        ["Only AWS Engineer", "Only AWS Architect"]
    );
    assert_eq!(
        select(&html, "#responsibilities .diff-count"),
        ["8 of 10 responsibilities differ: they are unique to one role."]
    );
    // Day to day, nothing is shared: CI/CD and troubleshooting are the
    // Engineer's, stakeholder meetings and architecture reviews the Architect's.
    assert!(only("day-to-day", 1).contains(&"Automation tasks".to_owned()));
    assert!(only("day-to-day", 1).contains(&"Troubleshooting".to_owned()));
    assert!(only("day-to-day", 2).contains(&"Stakeholder meetings".to_owned()));
    assert!(only("day-to-day", 2).contains(&"Review and guidance".to_owned()));
    assert_eq!(
        select(&html, "#day-to-day .diff-count"),
        ["10 of 10 activities differ: they are unique to one role."]
    );
    // Both value AWS certifications: the certification lists are shared
    // ground, so the skills lists name skills only.
    assert_eq!(only("skills", 1).len() + only("skills", 2).len(), 8);
    assert!(
        !only("skills", 1)
            .iter()
            .chain(&only("skills", 2))
            .any(|name| name.starts_with("AWS Certified"))
    );
    assert_eq!(
        select(&html, "#skills .diff-count"),
        ["8 of 12 skills and certifications differ: they are unique to one role."]
    );
    // Demand grows for both.
    assert_eq!(only("job-market", 1), ["Diverse opportunities"]);
    assert_eq!(only("job-market", 2), ["Strategic roles"]);
    // The pay step is a difference too.
    assert_eq!(
        select(&html, "#salaries .glance-step tbody th"),
        ["Junior", "Mid-level", "Senior"]
    );
    // What the roles share stays on the full comparison: no overview, no
    // full item text, no day, no level grid.
    for gone in [
        "#overview",
        "#career-path",
        "#levels",
        ".items",
        ".role-bar",
        "#at-a-glance",
    ] {
        assert!(select(&html, gone).is_empty(), "{gone}");
    }
    // The view says what it does, first.
    assert_eq!(select(&html, ".eyebrow"), ["Only the differences"]);
    assert!(select(&html, ".page-head .notice")[0].starts_with("Only what one role has"));
    assert_eq!(attrs(&html, ".view-tools a", "href")[0], PAIR);
}

#[tokio::test]
async fn the_full_view_shows_everything_and_links_to_differences() {
    let app = bundled_router();
    let html = get(&app, PAIR).await.html();
    assert_eq!(
        select(&html, "#responsibilities .col:nth-child(1) dt").len(),
        5
    );
    assert_eq!(select(&html, "#skills .certs li").len(), 4);
    assert!(select(&html, ".diff-count").is_empty());
    let tools = attrs(&html, ".view-tools a", "href");
    assert_eq!(
        tools,
        [
            format!("{PAIR}?view=differences"),
            "#levels".to_owned(),
            format!("{PAIR}/transition"),
            format!("{PAIR}/day-in-the-life"),
            "/compare/aws-architect-vs-aws-engineer".to_owned(),
        ]
    );
    get(&app, &format!("{PAIR}?view=nope"))
        .await
        .assert_status(StatusCode::BAD_REQUEST);
    // Trackers added to a shared link are ignored.
    get(&app, &format!("{PAIR}?view=differences&utm_source=x"))
        .await
        .assert_success();
}

#[tokio::test]
async fn swapping_sides_reverses_the_columns() {
    let app = bundled_router();
    let html = get(
        &app,
        "/compare/aws-architect-vs-aws-engineer?view=differences",
    )
    .await
    .html();
    assert_eq!(select(&html, "h1"), ["AWS Architect vs AWS Engineer"]);
    assert!(attrs(&html, ".view-tools a", "href").contains(&format!("{PAIR}?view=differences")));
}

#[tokio::test]
async fn the_level_grid_places_stages_ranges_and_steps() {
    let app = bundled_router();
    let html = get(&app, PAIR).await.html();
    assert_eq!(
        attrs(&html, "#levels tbody tr", "id"),
        ["levels-junior", "levels-mid", "levels-senior"]
    );
    // The `n`th role's cell (1-based) of the `level` row.
    let cell = |level: &str, n: usize, part: &str| {
        select(
            &html,
            &format!("#levels-{level} td:nth-of-type({n}) {part}"),
        )
        .join("|")
    };
    assert_eq!(cell("junior", 1, ".stage-name"), "Entry level");
    assert_eq!(
        cell("junior", 1, ".stage-titles"),
        "Junior DevOps Engineer · Cloud Engineer"
    );
    assert_eq!(cell("junior", 1, ".level-range"), "$80,000 – $110,000");
    assert_eq!(cell("junior", 1, ".level-step"), "");
    assert_eq!(
        cell("mid", 1, ".level-step"),
        "Step up: +$30,000 (+37.5%) at the low end, +$30,000 (+27.3%) at the high end, from Junior"
    );
    assert_eq!(
        cell("mid", 2, ".level-step"),
        "Step up: +$30,000 (+30.0%) at the low end, +$30,000 (+23.1%) at the high end, from Junior"
    );
    assert_eq!(
        cell("senior", 2, ".stage-titles"),
        "Senior Solutions Architect · Principal Architect"
    );
    assert!(select(&html, "#levels .table-note")[0].contains("as the content states it"));
    // Linkable: the table of contents points at it.
    assert!(attrs(&html, "nav.toc a", "href").contains(&"#levels".to_owned()));
}

/// The three-role fixture plus a fourth role.
fn four_roles() -> tempfile::TempDir {
    content_with(&["new-role"])
}

const FOUR: &str = "/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper-vs-tug-master";

#[tokio::test]
async fn three_and_four_roles_render_every_section() {
    let dir = four_roles();
    let app = router(dir.path());
    for path in [
        "/compare/harbour-pilot-vs-lighthouse-keeper-vs-tug-master",
        FOUR,
    ] {
        let reply = get(&app, path).await;
        reply.assert_success();
        let html = reply.html();
        let count = path.matches("-vs-").count() + 1;
        for id in [
            "overview",
            "responsibilities",
            "skills",
            "day-to-day",
            "career-path",
            "job-market",
            "salaries",
            "levels",
        ] {
            assert_eq!(
                select(&html, &format!("section#{id}")).len(),
                1,
                "{path} #{id}"
            );
        }
        assert_eq!(
            select(&html, "#responsibilities .col").len(),
            count,
            "{path}"
        );
        assert_eq!(select(&html, "#responsibilities .cols").len(), 1);
        assert_eq!(
            attrs(&html, "#responsibilities .cols", "class"),
            [format!("cols cols-{count}")]
        );
        assert_eq!(
            select(&html, "#salaries thead th.diff").len(),
            0,
            "no differences for {count}"
        );
        assert_eq!(
            select(&html, "#salaries tbody tr:first-child td").len(),
            count
        );
        assert!(!select(&html, "#salaries figure.chart").is_empty());
        // The day view works for them too.
        let day = get(&app, &format!("{path}/day-in-the-life")).await;
        day.assert_success();
        assert_eq!(select(&day.html(), "table.day thead th").len(), count + 1);
    }
    let html = get(&app, FOUR).await.html();
    assert_eq!(
        select(&html, "h1"),
        ["Ferry Captain vs Harbour Pilot vs Lighthouse Keeper vs Tug Master"]
    );
    // Four is the most: nothing left to add.
    assert!(select(&html, "#add-role").is_empty());
}

#[tokio::test]
async fn the_picker_adds_a_role() {
    let dir = four_roles();
    let app = router(dir.path());
    let html = get(&app, "/compare/harbour-pilot-vs-lighthouse-keeper")
        .await
        .html();
    assert_eq!(
        attrs(&html, "#add-role input[type=hidden]", "name"),
        ["a", "b"]
    );
    assert_eq!(
        attrs(&html, "#add-role input[type=hidden]", "value"),
        ["harbour-pilot", "lighthouse-keeper"]
    );
    assert_eq!(attrs(&html, "#add-role select", "name"), ["c"]);
    assert_eq!(
        attrs(&html, "#add-role option", "value"),
        ["", "ferry-captain", "tug-master"]
    );
    let reply = get(
        &app,
        "/compare?a=harbour-pilot&b=lighthouse-keeper&c=tug-master",
    )
    .await;
    reply.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        reply.header("location"),
        "/compare/harbour-pilot-vs-lighthouse-keeper-vs-tug-master"
    );
    let reply = get(
        &app,
        "/compare?a=harbour-pilot&b=lighthouse-keeper&c=harbour-pilot",
    )
    .await;
    reply.assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn five_roles_or_a_repeated_role_get_a_clear_400() {
    let dir = four_roles();
    let app = router(dir.path());
    let five = format!("{FOUR}-vs-ferry-captain");
    let reply = get(&app, &five).await;
    reply.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(select(&reply.html(), "h1"), ["Compare up to four roles"]);
    let repeated = "/compare/harbour-pilot-vs-tug-master-vs-harbour-pilot";
    let reply = get(&app, repeated).await;
    reply.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(select(&reply.html(), "h1"), ["Pick different roles"]);
}

#[tokio::test]
async fn pickers_group_roles_by_family() {
    let app = bundled_router();
    let html = get(&app, "/").await.html();
    assert_eq!(attrs(&html, "#picker-a optgroup", "label"), ["Cloud"]);
    assert_eq!(
        select(&html, "#picker-a optgroup[label=Cloud] option"),
        ["AWS Engineer", "AWS Architect"]
    );
    // Without families, a plain list.
    let app = router(&fixture("three-roles"));
    let html = get(&app, "/").await.html();
    assert!(select(&html, "#picker-a optgroup").is_empty());
    assert_eq!(select(&html, "#picker-a option").len(), 4);
}
