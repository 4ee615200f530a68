//! Self-hosting: a base path for reverse proxies, staging sites, robots and
//! sitemap, and the health check (`serve --watch` is in `watch.rs`).

use std::collections::BTreeSet;
use std::fs;
use std::process::Command;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use rolecompare::render::Settings;

use crate::serve::spawn_server;
use crate::support::{BASE_URL, attrs, fixture, get, repo_path, router, router_with};

fn settings(base_path: &str, noindex: bool) -> Settings {
    Settings {
        base_url: BASE_URL.to_owned(),
        base_path: base_path.to_owned(),
        noindex,
        page_max_age: 300,
        ..Settings::default()
    }
}

#[tokio::test]
async fn under_a_base_path_no_link_escapes_the_prefix() {
    let app = router_with(&fixture("three-roles"), settings("/careers", false));
    let mut queue = vec!["/careers".to_owned()];
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
        let inside = |url: &str| {
            url == "/careers"
                || url.starts_with("/careers/")
                || url.starts_with("/careers#")
                || url.starts_with("/careers?")
        };
        for action in attrs(&html, "form[action]", "action") {
            assert!(inside(&action), "{path}: the form posts to {action}");
        }
        for href in attrs(&html, "[href]", "href") {
            if href.starts_with('#') || href.starts_with("http") {
                continue;
            }
            assert!(inside(&href), "{path}: {href} escapes /careers");
            queue.push(href.split('#').next().unwrap_or_default().to_owned());
        }
        for canonical in attrs(&html, "link[rel=canonical]", "href") {
            assert!(
                canonical.starts_with(&format!("{BASE_URL}/careers")),
                "{canonical}"
            );
        }
    }
    assert!(visited.len() > 12, "{visited:?}");
}

#[tokio::test]
async fn under_a_base_path_redirects_stay_inside() {
    let app = router_with(&fixture("three-roles"), settings("/careers", false));
    let location = |reply: &crate::support::Reply| reply.header("location").to_owned();
    let reply = get(&app, "/careers/").await;
    reply.assert_status(StatusCode::PERMANENT_REDIRECT);
    assert_eq!(location(&reply), "/careers");
    let reply = get(&app, "/careers/roles/Harbour-Pilot").await;
    reply.assert_status(StatusCode::PERMANENT_REDIRECT);
    assert_eq!(location(&reply), "/careers/roles/harbour-pilot");
    let reply = get(&app, "/careers/roles/harbour-pilot/").await;
    reply.assert_status(StatusCode::PERMANENT_REDIRECT);
    assert_eq!(location(&reply), "/careers/roles/harbour-pilot");
    let reply = get(&app, "/careers/compare?a=harbour-pilot&b=ferry-captain").await;
    reply.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        location(&reply),
        "/careers/compare/harbour-pilot-vs-ferry-captain"
    );
    // Outside the prefix: a themed 404 whose links point inside.
    for path in ["/", "/roles/harbour-pilot", "/healthz", "/careersx"] {
        let reply = get(&app, path).await;
        reply.assert_status(StatusCode::NOT_FOUND);
        assert_eq!(
            attrs(&reply.html(), "a.brand", "href"),
            ["/careers"],
            "{path}"
        );
    }
    get(&app, "/careers/healthz").await.assert_success();
}

#[tokio::test]
async fn the_sitemap_lists_every_canonical_page_absolutely() {
    let app = router_with(&fixture("three-roles"), settings("/careers", false));
    let reply = get(&app, "/careers/sitemap.xml").await;
    reply.assert_success();
    assert_eq!(
        reply.header("content-type"),
        "application/xml; charset=utf-8"
    );
    let locs: Vec<&str> = reply
        .body
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .collect();
    // Home, salaries, 3 roles, the list of roles, and each of the 3 pairs
    // once, by its
    // comparison's canonical address (the curated file's order, else
    // alphabetical). A pair's day view, moves, share pages and pay are
    // reached from its comparison, not listed.
    assert_eq!(
        locs,
        [
            "http://rolecompare.test/careers",
            "http://rolecompare.test/careers/salaries",
            "http://rolecompare.test/careers/roles/ferry-captain",
            "http://rolecompare.test/careers/roles/harbour-pilot",
            "http://rolecompare.test/careers/roles/lighthouse-keeper",
            "http://rolecompare.test/careers/roles",
            "http://rolecompare.test/careers/compare/ferry-captain-vs-harbour-pilot",
            "http://rolecompare.test/careers/compare/ferry-captain-vs-lighthouse-keeper",
            "http://rolecompare.test/careers/compare/harbour-pilot-vs-lighthouse-keeper",
        ]
    );
    assert!(locs.contains(&"http://rolecompare.test/careers"));
    assert!(
        locs.contains(
            &"http://rolecompare.test/careers/compare/harbour-pilot-vs-lighthouse-keeper"
        )
    );
    assert!(
        !locs.contains(
            &"http://rolecompare.test/careers/compare/lighthouse-keeper-vs-harbour-pilot"
        )
    );
    for loc in &locs {
        let path = loc.strip_prefix(BASE_URL).expect("absolute");
        get(&app, path).await.assert_success();
    }
    let robots = get(&app, "/careers/robots.txt").await;
    robots.assert_success();
    assert_eq!(
        robots.body,
        "User-agent: *\nAllow: /\n\nSitemap: http://rolecompare.test/careers/sitemap.xml\n"
    );
}

#[tokio::test]
async fn a_staging_site_asks_not_to_be_indexed() {
    let app = router_with(&repo_path("content"), settings("", true));
    let robots = get(&app, "/robots.txt").await;
    assert_eq!(robots.body, "User-agent: *\nDisallow: /\n");
    for path in ["/", "/compare/aws-engineer-vs-aws-architect"] {
        let html = get(&app, path).await.html();
        assert_eq!(
            attrs(&html, "meta[name=robots]", "content"),
            ["noindex"],
            "{path}"
        );
    }
    let public = router(&repo_path("content"));
    let html = get(&public, "/").await.html();
    assert!(attrs(&html, "meta[name=robots]", "content").is_empty());
}

fn healthcheck(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rolecompare"))
        .arg("healthcheck")
        .args(args)
        .env_remove("ROLECOMPARE_ADDR")
        .env_remove("ROLECOMPARE_BASE_PATH")
        .output()
        .expect("run healthcheck")
}

#[test]
fn healthcheck_passes_against_a_live_server_and_fails_otherwise() {
    let server = spawn_server(&["--base-path", "/careers"]);
    let port = server.port;
    let ok = healthcheck(&["--url", &format!("http://127.0.0.1:{port}/careers/healthz")]);
    assert!(ok.status.success(), "{ok:?}");
    // The default URL comes from ROLECOMPARE_ADDR and the base path.
    let default = Command::new(env!("CARGO_BIN_EXE_rolecompare"))
        .arg("healthcheck")
        .env("ROLECOMPARE_ADDR", format!("0.0.0.0:{port}"))
        .env("ROLECOMPARE_BASE_PATH", "/careers")
        .output()
        .expect("run healthcheck");
    assert!(default.status.success(), "{default:?}");
    // A 404 is not healthy.
    let wrong = healthcheck(&["--url", &format!("http://127.0.0.1:{port}/healthz")]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("answered 404"),
        "{wrong:?}"
    );
    drop(server);
    // Nothing listening: unhealthy, quickly.
    let started = Instant::now();
    let down = healthcheck(&["--url", &format!("http://127.0.0.1:{port}/careers/healthz")]);
    assert_eq!(down.status.code(), Some(1));
    assert!(started.elapsed() < Duration::from_secs(3));
}

/// Past 50,000 URLs, the sitemap protocol's limit for one file,
/// `/sitemap.xml` becomes an index of `/sitemaps/{n}.xml`, each made on
/// request. 316 roles make 49,770 pairs, each listed once, plus home,
/// salaries, the list of roles and each role's page and pay page: 50,405
/// URLs, so a full first file and a second of 405.
#[tokio::test]
async fn past_fifty_thousand_urls_the_sitemap_becomes_an_index() {
    const ROLES: usize = 316;
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("roles")).expect("roles folder");
    fs::copy(repo_path("content/site.yaml"), dir.path().join("site.yaml")).expect("site.yaml");
    fs::copy(
        repo_path("content/official-pay.csv"),
        dir.path().join("official-pay.csv"),
    )
    .expect("official-pay.csv");
    let template =
        fs::read_to_string(repo_path("content/roles/aws-engineer.md")).expect("template role");
    for i in 0..ROLES {
        let text = template.replacen("title: AWS Engineer", &format!("title: Role {i:03}"), 1);
        fs::write(dir.path().join(format!("roles/role-{i:03}.md")), text).expect("write role");
    }
    let app = router_with(dir.path(), settings("", false));

    let index = get(&app, "/sitemap.xml").await;
    index.assert_success();
    assert_eq!(
        index.header("content-type"),
        "application/xml; charset=utf-8"
    );
    assert!(index.body.contains("<sitemapindex "), "not an index");
    let files: Vec<&str> = index
        .body
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .collect();
    assert_eq!(
        files,
        [
            format!("{BASE_URL}/sitemaps/1.xml"),
            format!("{BASE_URL}/sitemaps/2.xml")
        ]
    );

    let mut all = BTreeSet::new();
    let mut sizes = Vec::new();
    for file in &files {
        let reply = get(&app, file.strip_prefix(BASE_URL).expect("absolute")).await;
        reply.assert_success();
        assert!(reply.body.contains("<urlset "), "{file} is not a URL set");
        // The protocol's limits for one file: 50,000 URLs and 50 MB.
        assert!(reply.body.len() <= 50 * 1024 * 1024, "{file} is too large");
        let locs: Vec<String> = reply
            .body
            .split("<loc>")
            .skip(1)
            .filter_map(|s| s.split("</loc>").next())
            .map(str::to_owned)
            .collect();
        sizes.push(locs.len());
        all.extend(locs);
    }
    assert_eq!(sizes, [50_000, 405]);
    assert_eq!(all.len(), 50_405, "a URL is listed twice");
    // Every pair once, in its canonical (alphabetical) order, and nothing
    // else of a pair's.
    let pairs: Vec<&String> = all.iter().filter(|url| url.contains("/compare/")).collect();
    assert_eq!(pairs.len(), ROLES * (ROLES - 1) / 2);
    for url in pairs {
        let pair = url
            .strip_prefix(&format!("{BASE_URL}/compare/"))
            .expect("a comparison");
        let (a, b) = pair.split_once("-vs-").expect("two roles");
        assert!(a < b && !b.contains('/'), "{url}");
    }
    for path in [
        "/",
        "/salaries",
        "/roles/role-000",
        "/roles/role-315/pay",
        "/compare/role-000-vs-role-315",
        "/compare/role-314-vs-role-315",
    ] {
        assert!(all.contains(&format!("{BASE_URL}{path}")), "{path} missing");
    }
    // A sample of the second file answers.
    for loc in all.iter().filter(|loc| loc.contains("role-315")).take(20) {
        get(&app, loc.strip_prefix(BASE_URL).expect("absolute"))
            .await
            .assert_success();
    }
    // Each file has one name.
    for path in [
        "/sitemaps/3.xml",
        "/sitemaps/0.xml",
        "/sitemaps/01.xml",
        "/sitemaps/+1.xml",
    ] {
        assert_eq!(
            get(&app, path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

/// Sitemap URLs are XML-escaped as the sitemap protocol requires: `&`,
/// `<`, `>`, `'` and `"` as entities.
#[tokio::test]
async fn sitemap_urls_are_xml_escaped() {
    let settings = Settings {
        base_url: "http://rolecompare.test/a&b'c\"d".to_owned(),
        ..Settings::default()
    };
    let app = router_with(&fixture("three-roles"), settings);
    let reply = get(&app, "/sitemap.xml").await;
    reply.assert_success();
    assert!(
        reply.body.contains(
            "<loc>http://rolecompare.test/a&amp;b&apos;c&quot;d/roles/ferry-captain</loc>"
        ),
        "{}",
        reply.body
    );
}
