//! Linking and sharing: a page and a preview card per section, row anchors,
//! and renamed roles keeping their links.

use std::collections::BTreeMap;
use std::path::Path;

use axum::http::StatusCode;
use resvg::tiny_skia::Pixmap;
use scraper::Html;

use crate::support::{
    BASE_URL, SECTIONS, attrs, bundled_router, content_with, get, repo_path, router, select,
};

const PAIR: &str = "/compare/aws-engineer-vs-aws-architect";

fn meta(html: &Html, property: &str) -> String {
    let by_property = attrs(html, &format!("meta[property='{property}']"), "content");
    let by_name = attrs(html, &format!("meta[name='{property}']"), "content");
    by_property
        .into_iter()
        .chain(by_name)
        .next()
        .unwrap_or_else(|| panic!("no {property}"))
}

#[tokio::test]
async fn every_section_has_a_share_page_with_its_own_preview() {
    let app = bundled_router();
    for (id, heading) in SECTIONS {
        let path = format!("{PAIR}/{id}");
        let reply = get(&app, &path).await;
        reply.assert_success();
        let html = reply.html();
        assert_eq!(
            select(&html, "head > title"),
            [format!(
                "{heading}: AWS Engineer vs AWS Architect — rolecompare"
            )],
            "{id}"
        );
        assert_eq!(
            meta(&html, "og:title"),
            format!("{heading}: AWS Engineer vs AWS Architect")
        );
        assert_eq!(meta(&html, "og:type"), "article");
        assert_eq!(meta(&html, "og:site_name"), "rolecompare");
        assert_eq!(meta(&html, "og:url"), format!("{BASE_URL}{path}"));
        assert_eq!(meta(&html, "twitter:card"), "summary_large_image");
        assert_eq!(
            meta(&html, "og:image"),
            format!("{BASE_URL}/cards{path}.png")
        );
        assert!(meta(&html, "og:image:alt").starts_with(heading), "{id}");
        assert_eq!(meta(&html, "og:description"), meta(&html, "description"));
        assert_eq!(
            attrs(&html, "link[rel=canonical]", "href"),
            [format!("{BASE_URL}{path}")]
        );
        // The section itself, and a way back to it in the full comparison.
        assert_eq!(
            select(&html, &format!("main section#{id}")).len(),
            1,
            "{id}"
        );
        assert_eq!(select(&html, "main section.section").len(), 1, "only {id}");
        assert_eq!(
            attrs(&html, ".page-head a.button-link", "href"),
            [format!("{PAIR}#{id}")]
        );
        // Its card answers (decoded in the next test).
        let card = crate::support::get_bytes(&app, &format!("/cards{path}.png")).await;
        assert!(card.starts_with(b"\x89PNG"), "{id}");
    }
    // The description says what the table shows, not the table again.
    let html = get(&app, &format!("{PAIR}/salaries")).await.html();
    assert_eq!(
        meta(&html, "description"),
        "Salary ranges of AWS Engineer and AWS Architect at 3 levels, Junior to Senior, in USD per year, with the difference at each level and official U.S. figures."
    );
    get(&app, &format!("{PAIR}/nope"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    get(
        &app,
        "/cards/compare/aws-engineer-vs-aws-architect/nope.png",
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    // The other order names the same canonical page.
    let html = get(&app, "/compare/aws-architect-vs-aws-engineer/salaries")
        .await
        .html();
    assert_eq!(
        attrs(&html, "link[rel=canonical]", "href"),
        [format!("{BASE_URL}{PAIR}/salaries")]
    );
}

#[tokio::test]
async fn cards_decode_to_1200_by_630_and_are_not_blank() {
    let app = bundled_router();
    for path in [
        "/cards/site.png",
        &format!("/cards{PAIR}.png"),
        &format!("/cards{PAIR}/salaries.png"),
    ] {
        let response = crate::support::get_bytes(&app, path).await;
        let pixmap = Pixmap::decode_png(&response).expect("a PNG");
        assert_eq!((pixmap.width(), pixmap.height()), (1200, 630), "{path}");
        let pixels = pixmap.pixels();
        let first = pixels[0];
        let different = pixels.iter().filter(|p| **p != first).count();
        assert!(different > pixels.len() / 50, "{path} looks blank");
    }
}

#[tokio::test]
async fn section_headings_offer_their_share_link() {
    let app = bundled_router();
    let html = get(&app, PAIR).await.html();
    for (id, _) in SECTIONS {
        assert_eq!(
            attrs(&html, &format!("section#{id} .share-link"), "href"),
            [format!("{PAIR}/{id}")],
            "{id}"
        );
        assert_eq!(
            attrs(&html, &format!("section#{id} .self-link"), "href"),
            [format!("#{id}")]
        );
    }
    // The comparison's own preview.
    assert_eq!(
        meta(&html, "og:image"),
        format!("{BASE_URL}/cards{PAIR}.png")
    );
    assert_eq!(meta(&html, "og:type"), "website");
}

#[tokio::test]
async fn row_anchors_are_stable_and_documented_ones_exist() {
    let app = bundled_router();
    let html = get(&app, PAIR)
        .await
        .assert_page(StatusCode::OK, "AWS Engineer vs AWS Architect");
    let ids = attrs(&html, "[id]", "id");
    for id in [
        "salaries-senior",
        "career-path-2",
        "levels-mid",
        "responsibilities-aws-engineer-automation",
        "responsibilities-aws-architect-stakeholder-engagement",
        "skills-aws-engineer-scripting-and-automation",
        "day-to-day-aws-architect-stakeholder-meetings",
        "job-market-aws-engineer-diverse-opportunities",
        "certifications-aws-architect-aws-certified-security-specialty",
    ] {
        assert!(ids.contains(&id.to_owned()), "{id}");
    }
    // Each item links to itself.
    assert_eq!(
        attrs(
            &html,
            "#responsibilities-aws-engineer-automation a.item-link",
            "href"
        ),
        ["#responsibilities-aws-engineer-automation"]
    );
    // The same ids on the next render: from a fresh build of the same
    // content (a restart, a reload), on every kind of page with anchors,
    // whatever order the pages are rendered in.
    let bundled = anchored_pages(&[
        "aws-engineer-vs-aws-architect",
        "aws-architect-vs-aws-engineer",
    ]);
    let more_roles = content_with(&["new-role"]);
    let fixture = anchored_pages(&[
        "harbour-pilot-vs-lighthouse-keeper",
        "harbour-pilot-vs-lighthouse-keeper-vs-ferry-captain",
        "tug-master-vs-ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper",
    ]);
    for (dir, paths) in [
        (repo_path("content").as_path(), &bundled),
        (more_roles.path(), &fixture),
    ] {
        let first = ids_from_a_fresh_build(dir, paths.iter()).await;
        let second = ids_from_a_fresh_build(dir, paths.iter().rev()).await;
        for path in paths {
            let (first, second) = (&first[path], &second[path]);
            if let Some(at) =
                (0..first.len().max(second.len())).find(|&i| first.get(i) != second.get(i))
            {
                panic!(
                    "{path}: id {at} was {:?}, then {:?} from another build",
                    first.get(at),
                    second.get(at)
                );
            }
        }
    }
}

/// Every page with anchors for each of `pairs` (`a-vs-b…`): the
/// comparison, its differences view, its day in the life, each section's
/// share page, and each role's page.
fn anchored_pages(pairs: &[&str]) -> Vec<String> {
    let mut paths = Vec::new();
    for pair in pairs {
        let path = format!("/compare/{pair}");
        paths.push(path.clone());
        paths.push(format!("{path}?view=differences"));
        paths.push(format!("{path}/day-in-the-life"));
        paths.extend(SECTIONS.iter().map(|(id, _)| format!("{path}/{id}")));
        for slug in pair.split("-vs-") {
            let role = format!("/roles/{slug}");
            if !paths.contains(&role) {
                paths.push(role);
            }
        }
    }
    paths
}

/// The ids on each of `paths`, in document order, as a new build of the
/// site in `dir` renders them when asked for them in this order.
async fn ids_from_a_fresh_build<'a>(
    dir: &Path,
    paths: impl Iterator<Item = &'a String>,
) -> BTreeMap<&'a String, Vec<String>> {
    let app = router(dir);
    let mut ids = BTreeMap::new();
    for path in paths {
        let reply = get(&app, path).await;
        reply.assert_success();
        let on_page = attrs(&reply.html(), "[id]", "id");
        // The page's main content, with ids of its own.
        assert!(
            on_page.len() > 1 && on_page.contains(&"main".to_owned()),
            "{path}: {on_page:?}"
        );
        ids.insert(path, on_page);
    }
    ids
}

#[tokio::test]
async fn renamed_roles_keep_their_links() {
    let dir = content_with(&["alias"]);
    let app = router(dir.path());
    for (old, new) in [
        ("/roles/sea-pilot", "/roles/harbour-pilot"),
        (
            "/compare/sea-pilot-vs-ferry-captain",
            "/compare/harbour-pilot-vs-ferry-captain",
        ),
        (
            "/compare/ferry-captain-vs-port-pilot/salaries",
            "/compare/ferry-captain-vs-harbour-pilot/salaries",
        ),
        (
            "/compare/port-pilot-vs-ferry-captain/day-in-the-life",
            "/compare/harbour-pilot-vs-ferry-captain/day-in-the-life",
        ),
        (
            "/compare/sea-pilot-vs-ferry-captain?view=differences",
            "/compare/harbour-pilot-vs-ferry-captain?view=differences",
        ),
    ] {
        let reply = get(&app, old).await;
        reply.assert_status(StatusCode::MOVED_PERMANENTLY);
        assert_eq!(reply.header("location"), new, "{old}");
        get(&app, new).await.assert_success();
    }
}
