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
