//! "Which role fits you?": the form, scoring, the shareable result and the
//! 400 cases.

use axum::http::StatusCode;

use crate::support::{attrs, bundled_router, content_with, fixture, get, router, select};

/// Every question of the bundled questionnaire answered for the Engineer,
/// except two for the Architect and one "a bit of both".
const MOSTLY_ENGINEER: &str = "favourite-part=build-it&ideal-afternoon=pipelines-and-scripts\
&when-an-alert-fires=on-it&time-horizon=years-ahead&who-you-work-with=dev-and-ops\
&skills-to-sharpen=tooling&next-certification=associate-or-devops&requirements=from-the-start\
&career-goal=lead-or-specialise&known-for=both-equally";

const ALL_ARCHITECT: &str = "favourite-part=design-it&ideal-afternoon=diagrams-and-reviews\
&when-an-alert-fires=rather-plan&time-horizon=years-ahead&who-you-work-with=business-and-tech\
&skills-to-sharpen=principles&next-certification=professional-or-security&requirements=from-the-start\
&career-goal=principal-or-cto&known-for=sound-decisions";

#[tokio::test]
async fn the_form_is_plain_html_with_radio_buttons() {
    let app = bundled_router();
    let reply = get(&app, "/fit").await;
    reply.assert_success();
    let html = reply.html();
    assert_eq!(attrs(&html, "form.fit-form", "action"), ["/fit/result"]);
    assert_eq!(attrs(&html, "form.fit-form", "method"), ["get"]);
    assert_eq!(select(&html, "fieldset.question").len(), 10);
    assert_eq!(
        attrs(
            &html,
            "fieldset#question-favourite-part input[type=radio]",
            "value"
        ),
        ["build-it", "design-it", "both"]
    );
    assert!(select(&html, "input[checked]").is_empty());
    // Linked from the home page, the comparison and the header.
    for path in ["/", "/compare/aws-engineer-vs-aws-architect"] {
        let page = get(&app, path).await.html();
        assert!(
            attrs(&page, "main a", "href").contains(&"/fit".to_owned()),
            "{path}"
        );
        assert!(
            attrs(&page, "header nav a", "href").contains(&"/fit".to_owned()),
            "{path}"
        );
    }
}

#[tokio::test]
async fn scores_follow_the_weights() {
    let app = bundled_router();
    let reply = get(&app, &format!("/fit/result?{MOSTLY_ENGINEER}")).await;
    reply.assert_success();
    let html = reply.html();
    assert_eq!(
        select(&html, ".score-role"),
        ["AWS Engineer", "AWS Architect"]
    );
    assert_eq!(
        select(&html, ".score-figure"),
        ["15 of 20 points (75%)", "5 of 20 points (25%)"]
    );
    assert_eq!(attrs(&html, ".score-fill", "width"), ["150", "50"]);
    // The answers that drove it, with the reason from the content.
    let reasons = select(&html, "#reasons dt");
    assert!(reasons.contains(&"Deploying and configuring the services myself".to_owned()));
    assert!(reasons.contains(&"Shaping where the systems should be in a few years".to_owned()));
    // Links into the comparison of the two roles, best first.
    let links = attrs(&html, "#explore li a", "href");
    assert_eq!(
        links,
        [
            "/compare/aws-engineer-vs-aws-architect/day-in-the-life",
            "/compare/aws-engineer-vs-aws-architect#salaries",
            "/compare/aws-engineer-vs-aws-architect#career-path",
            "/compare/aws-engineer-vs-aws-architect",
        ]
    );
    // Honest framing.
    assert!(select(&html, ".page-head .lede")[0].contains("not an assessment"));

    let html = get(&app, &format!("/fit/result?{ALL_ARCHITECT}"))
        .await
        .html();
    assert_eq!(
        select(&html, ".score-figure"),
        ["20 of 20 points (100%)", "0 of 20 points (0%)"]
    );
    assert_eq!(select(&html, ".score-role")[0], "AWS Architect");
}

#[tokio::test]
async fn the_result_url_is_shareable_and_canonical() {
    let app = bundled_router();
    // Extra parameters (link shorteners, trackers) and a different order.
    let mut shuffled: Vec<&str> = MOSTLY_ENGINEER.split('&').collect();
    shuffled.reverse();
    let query = format!("utm_source=newsletter&{}&fbclid=abc", shuffled.join("&"));
    let reply = get(&app, &format!("/fit/result?{query}")).await;
    reply.assert_success();
    let html = reply.html();
    assert_eq!(
        attrs(&html, "link[rel=canonical]", "href"),
        [format!(
            "{}/fit/result?{MOSTLY_ENGINEER}",
            crate::support::BASE_URL
        )]
    );
    // "Change your answers" brings the form back with them checked.
    let change = attrs(&html, "#your-answers p a", "href");
    assert_eq!(change, [format!("/fit?{MOSTLY_ENGINEER}")]);
    let form = get(&app, &change[0]).await;
    form.assert_success();
    let checked = attrs(&form.html(), "input[checked]", "value");
    assert_eq!(checked.len(), 10);
    assert_eq!(checked[0], "build-it");
}

/// Asserts a 400 form page listing `problem` and keeping `kept` checked.
async fn assert_400(query: &str, problem: &str, kept: usize) {
    let app = bundled_router();
    let reply = get(&app, &format!("/fit/result?{query}")).await;
    reply.assert_status(StatusCode::BAD_REQUEST);
    let html = reply.html();
    let problems = select(&html, ".notice-error li");
    assert!(problems.iter().any(|p| p == problem), "{problems:?}");
    assert_eq!(select(&html, "input[checked]").len(), kept, "{query}");
    assert_eq!(select(&html, "form.fit-form").len(), 1);
}

#[tokio::test]
async fn missing_answers_are_a_400_that_keeps_the_rest() {
    let partial = "favourite-part=build-it&time-horizon=today";
    assert_400(
        partial,
        "Please answer “Which afternoon sounds more satisfying?”.",
        2,
    )
    .await;
    let app = bundled_router();
    let html = get(&app, &format!("/fit/result?{partial}")).await.html();
    assert_eq!(select(&html, ".notice-error li").len(), 8);
    assert_400(
        "",
        "Please answer “Which part of a cloud project would you most like to own?”.",
        0,
    )
    .await;
}

#[tokio::test]
async fn unknown_repeated_and_overlong_answers_are_a_400() {
    let unknown = MOSTLY_ENGINEER.replace("favourite-part=build-it", "favourite-part=nap");
    assert_400(&unknown, "“nap” is not one of the answers to “Which part of a cloud project would you most like to own?”.", 9).await;
    let repeated = format!("{MOSTLY_ENGINEER}&time-horizon=today");
    assert_400(
        &repeated,
        "“Which horizon do you want to work on?” was answered more than once: keep one answer.",
        9,
    )
    .await;
    let overlong = MOSTLY_ENGINEER.replace(
        "known-for=both-equally",
        &format!("known-for={}", "x".repeat(100)),
    );
    assert_400(&overlong, "The answer given to “What would you most like colleagues to rely on you for?” is too long to be one of its answers.", 9).await;
    let app = bundled_router();
    get(&app, "/fit/result?a=%ZZ")
        .await
        .assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn roles_the_questionnaire_does_not_name_are_not_scored() {
    let dir = content_with(&["with-fit", "new-role"]);
    let app = router(dir.path());
    let reply = get(&app, "/fit/result?sea-or-shore=sea&company=crowds").await;
    reply.assert_success();
    let html = reply.html();
    // The tug master exists but no answer names it.
    assert_eq!(
        select(&html, ".score-role"),
        ["Ferry Captain", "Harbour Pilot", "Lighthouse Keeper"]
    );
    assert_eq!(
        select(&html, ".score-figure"),
        [
            "3 of 3 points (100%)",
            "3 of 5 points (60%)",
            "0 of 5 points (0%)"
        ]
    );
}

#[tokio::test]
async fn without_fit_yaml_there_is_no_questionnaire() {
    let app = router(&fixture("three-roles"));
    get(&app, "/fit").await.assert_status(StatusCode::NOT_FOUND);
    get(&app, "/fit/result?a=b")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let html = get(&app, "/").await.html();
    assert!(!attrs(&html, "a", "href").contains(&"/fit".to_owned()));
}
