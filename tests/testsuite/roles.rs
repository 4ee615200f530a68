//! `/roles`: every role by family, each with its salary range, sorted by
//! plain links, in the sitemap and the export with its card.

use axum::http::{Method, StatusCode};

use crate::support::{
    BASE_URL, attrs, bundled_router, copy_tree, export_bundled, fixture, get, get_bytes, request,
    router, select,
};

/// The three-role fixture with the harbour pilot and the lighthouse
/// keeper in one family; the ferry captain names none.
fn with_families() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture("three-roles"), dir.path());
    for (slug, title) in [
        ("harbour-pilot", "Harbour Pilot"),
        ("lighthouse-keeper", "Lighthouse Keeper"),
    ] {
        let file = dir.path().join(format!("roles/{slug}.md"));
        let text = std::fs::read_to_string(&file).expect("role file");
        let titled = format!("title: {title}\n");
        let text = text.replacen(&titled, &format!("{titled}family: Maritime\n"), 1);
        std::fs::write(&file, text).expect("write role file");
    }
    dir
}

#[tokio::test]
async fn every_role_is_listed_by_family_with_its_salary_range() {
    let content = with_families();
    let site = router(content.path());
    let html = get(&site, "/roles")
        .await
        .assert_page(StatusCode::OK, "Every role");
    assert_eq!(select(&html, "section h2"), ["Maritime#", "Other roles#"]);
    assert_eq!(
        select(&html, "#family-1 tbody .role-name"),
        ["Harbour Pilot", "Lighthouse Keeper"]
    );
    assert_eq!(
        select(&html, "#role-harbour-pilot td"),
        ["$45,000", "$120,000"]
    );
    assert_eq!(select(&html, "#role-harbour-pilot .unit"), ["USD per year"]);
    assert_eq!(select(&html, "#family-2 tbody tr td"), ["€2,500", "€3,200"]);
    assert_eq!(select(&html, "#family-2 .unit"), ["EUR per month"]);
    assert_eq!(
        attrs(&html, "#family-1 tbody th a", "href"),
        ["/roles/harbour-pilot", "/roles/lighthouse-keeper"]
    );
    assert!(select(&html, "script").is_empty(), "no script");
}

#[tokio::test]
async fn links_sort_each_family_by_its_ranges() {
    let content = with_families();
    let site = router(content.path());
    let html = get(&site, "/roles?sort=low")
        .await
        .assert_page(StatusCode::OK, "Every role");
    assert_eq!(
        select(&html, "#family-1 tbody .role-name"),
        ["Lighthouse Keeper", "Harbour Pilot"]
    );
    assert_eq!(
        attrs(&html, "#family-1 th[aria-sort]", "aria-sort"),
        ["ascending"]
    );
    assert_eq!(select(&html, "#family-1 th[aria-sort]"), ["From"]);
    let html = get(&site, "/roles?sort=high")
        .await
        .assert_page(StatusCode::OK, "Every role");
    assert_eq!(
        select(&html, "#family-1 tbody .role-name"),
        ["Harbour Pilot", "Lighthouse Keeper"]
    );
    assert_eq!(select(&html, "#family-1 th[aria-sort]"), ["To"]);
    assert_eq!(
        attrs(&html, "#family-1 thead a", "href"),
        [
            "/roles#family-1",
            "/roles?sort=low#family-1",
            "/roles?sort=high#family-1"
        ]
    );
    get(&site, "/roles?sort=salary")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    get(&site, "/roles/")
        .await
        .assert_status(StatusCode::PERMANENT_REDIRECT);
}

#[tokio::test]
async fn without_families_every_role_is_in_one_group() {
    let site = router(&fixture("three-roles"));
    let html = get(&site, "/roles")
        .await
        .assert_page(StatusCode::OK, "Every role");
    assert_eq!(select(&html, "section h2"), ["All roles#"]);
    // In the site's order: the curated pair's roles first, then by title.
    assert_eq!(
        select(&html, "tbody .role-name"),
        ["Harbour Pilot", "Lighthouse Keeper", "Ferry Captain"]
    );
    let salaries = get(&site, "/salaries").await.html();
    assert_eq!(
        select(&html, "tbody .role-name"),
        select(&salaries, "tbody th[class*='role-'] .role-name")
    );
}

/// The list keeps the site's one role order, as the comparison and
/// `/salaries` do: AWS Engineer before AWS Architect, each in its colour.
#[tokio::test]
async fn without_a_sort_the_roles_are_in_the_sites_order() {
    let site = bundled_router();
    let html = get(&site, "/roles")
        .await
        .assert_page(StatusCode::OK, "Every role");
    assert_eq!(
        select(&html, "tbody .role-name"),
        ["AWS Engineer", "AWS Architect"]
    );
    let salaries = get(&site, "/salaries").await.html();
    assert_eq!(
        attrs(&html, "tbody th", "class"),
        attrs(&salaries, "tbody th[class*='role-']", "class")
    );
    assert!(attrs(&html, "th[aria-sort]", "aria-sort").is_empty());
    assert!(select(&html, "caption")[0].contains("in the site's role order"));
}

#[tokio::test]
async fn the_list_is_in_the_sitemap_with_its_card() {
    let site = bundled_router();
    let sitemap = get(&site, "/sitemap.xml").await;
    sitemap.assert_success();
    assert!(
        sitemap
            .body
            .contains(&format!("<loc>{BASE_URL}/roles</loc>")),
        "{}",
        sitemap.body
    );
    let html = get(&site, "/roles")
        .await
        .assert_page(StatusCode::OK, "Every role");
    assert_eq!(
        attrs(&html, "meta[property='og:image']", "content"),
        [format!("{BASE_URL}/cards/roles.png")]
    );
    let card = request(&site, Method::HEAD, "/cards/roles.png").await;
    card.assert_success();
    assert_eq!(card.header("content-type"), "image/png");
    assert!(
        get_bytes(&site, "/cards/roles.png")
            .await
            .starts_with(b"\x89PNG")
    );
}

#[test]
fn the_export_holds_the_list_and_its_card() {
    let out = tempfile::tempdir().expect("temp dir");
    export_bundled(out.path());
    let page = std::fs::read_to_string(out.path().join("roles/index.html")).expect("the list");
    assert!(page.contains("<h1>Every role</h1>"));
    assert!(out.path().join("cards/roles.png").is_file());
}
