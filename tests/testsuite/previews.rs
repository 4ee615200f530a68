//! What a shared link shows: a section's share page describes the section
//! in a line a link preview shows whole and has one heading structure, and
//! every kind of page previews a card of its own, drawn from what the page
//! is about.

use std::fs;
use std::path::Path;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use resvg::tiny_skia::Pixmap;
use rolecompare::http::App;
use scraper::{Html, Selector};
use tower::ServiceExt;

use crate::support::{
    BASE_URL, SECTIONS, attrs, bundled_router, content_with, get, router, select,
};

const PAIR: &str = "/compare/aws-engineer-vs-aws-architect";

/// Link previews cut a description at about this many characters.
const PREVIEW_CHARS: usize = 160;

/// The page's description, the same in its Open Graph tag.
fn description(html: &Html, path: &str) -> String {
    let text = attrs(html, "meta[name=description]", "content");
    assert_eq!(
        attrs(html, "meta[property='og:description']", "content"),
        text,
        "{path}"
    );
    text.into_iter().next().unwrap_or_default()
}

/// Checks that `text` says something in fewer characters than a preview
/// shows, and returns how many it has.
fn assert_short(text: &str, path: &str) -> usize {
    let length = text.chars().count();
    assert!(
        length > 20 && length < PREVIEW_CHARS,
        "{path}: the description has {length} characters: {text}"
    );
    length
}

#[tokio::test]
async fn share_pages_describe_their_section_in_a_line_a_preview_shows_whole() {
    let app = bundled_router();
    for (id, _) in SECTIONS {
        let path = format!("{PAIR}/{id}");
        let html = get(&app, &path).await.html();
        let text = description(&html, &path);
        assert_short(&text, &path);
        assert!(text.contains("AWS Engineer"), "{path}: {text}");
        // It says what the section shows, not what its tables say.
        for cell in select(&html, &format!("section#{id} td, section#{id} caption")) {
            assert!(
                cell.len() < 4 || !text.contains(&cell),
                "{path}: the description repeats the table's {cell:?}"
            );
        }
        assert!(!text.contains('$'), "{path}: figures in {text}");
    }
}

#[tokio::test]
async fn share_page_descriptions_stay_short_with_any_titles() {
    let dir = content_with(&["new-role"]);
    for entry in fs::read_dir(dir.path().join("roles")).expect("roles") {
        let file = entry.expect("role file").path();
        let text = fs::read_to_string(&file).expect("read role");
        let text = text.replacen(
            "\ntitle: ",
            "\ntitle: Senior Principal Coordinator of Offshore Operations and Maritime Safety, ",
            1,
        );
        fs::write(&file, text).expect("write role");
    }
    let app = router(dir.path());
    for pair in [
        "harbour-pilot-vs-lighthouse-keeper",
        "tug-master-vs-ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper",
    ] {
        for (id, _) in SECTIONS {
            let path = format!("/compare/{pair}/{id}");
            let reply = get(&app, &path).await;
            reply.assert_success();
            assert_short(&description(&reply.html(), &path), &path);
        }
    }
}

/// The headings of the page's main content, in document order, as
/// `(level, text)`.
fn headings(html: &Html) -> Vec<(usize, String)> {
    let selector = Selector::parse("main :is(h1, h2, h3, h4, h5, h6)").expect("selector");
    html.select(&selector)
        .map(|el| {
            let level = el.value().name()[1..].parse().expect("h1 to h6");
            let text = el.text().collect::<String>();
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            (level, text.trim_end_matches('#').to_owned())
        })
        .collect()
}

#[tokio::test]
async fn share_pages_have_one_heading_structure() {
    let app = bundled_router();
    for (id, heading) in SECTIONS {
        let path = format!("{PAIR}/{id}");
        let html = get(&app, &path).await.html();
        let found = headings(&html);
        assert_eq!(select(&html, "h1").len(), 1, "{path}: one h1, in {found:?}");
        assert_eq!(found.first().map(|h| h.0), Some(1), "{path}: {found:?}");
        for pair in found.windows(2) {
            assert!(
                pair[1].0 <= pair[0].0 + 1,
                "{path}: {:?} follows {:?}, skipping a level",
                pair[1],
                pair[0]
            );
        }
        let naming: Vec<&(usize, String)> = found
            .iter()
            .filter(|(_, text)| text.to_lowercase().contains(&heading.to_lowercase()))
            .collect();
        assert_eq!(
            naming.len(),
            1,
            "{path}: one heading names {heading:?}, not {naming:?}"
        );
    }
}

/// A response's status, content type and bytes.
async fn fetch(app: &App, path: &str) -> (StatusCode, String, Vec<u8>) {
    let request = Request::builder()
        .uri(path)
        .body(Body::empty())
        .expect("request");
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().expect("ascii").to_owned())
        .unwrap_or_default();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (status, kind, body.to_vec())
}

/// The card `page` previews: its address, checked to be a 1200×630 PNG.
async fn card_of(app: &App, page: &str) -> (String, Pixmap) {
    let html = get(app, page).await.html();
    let image = attrs(&html, "meta[property='og:image']", "content");
    let [image] = image.as_slice() else {
        panic!("{page}: og:image {image:?}");
    };
    let path = image
        .strip_prefix(BASE_URL)
        .unwrap_or_else(|| panic!("{page}: {image}"))
        .to_owned();
    let (status, kind, bytes) = fetch(app, &path).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::OK, "image/png"),
        "{path}"
    );
    let pixmap = Pixmap::decode_png(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!((pixmap.width(), pixmap.height()), (1200, 630), "{path}");
    (path, pixmap)
}

#[tokio::test]
async fn role_pages_and_day_views_preview_their_own_card() {
    let app = bundled_router();
    let day = format!("/cards{PAIR}/day-in-the-life.png");
    for (page, card) in [
        ("/roles/aws-engineer", "/cards/roles/aws-engineer.png"),
        ("/roles/aws-architect", "/cards/roles/aws-architect.png"),
        (&format!("{PAIR}/day-in-the-life"), &day),
        (
            "/compare/aws-architect-vs-aws-engineer/day-in-the-life",
            &day,
        ),
    ] {
        assert_eq!(card_of(&app, page).await.0, card, "{page}");
    }
    for path in [
        "/cards/roles/nope.png",
        "/cards/compare/aws-engineer-vs-nope/day-in-the-life.png",
    ] {
        assert_eq!(fetch(&app, path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
}

/// Whether two cards differ below their eyebrow line (the label naming
/// the kind of card, and the site's name).
fn differ_below_the_label(a: &Pixmap, b: &Pixmap) -> bool {
    let from = 120 * 1200;
    a.pixels()[from..] != b.pixels()[from..]
}

#[tokio::test]
async fn every_kind_of_page_previews_a_card_of_its_own() {
    let app = bundled_router();
    let mut pages: Vec<String> = [
        "/",
        "/roles/aws-engineer",
        "/roles/aws-architect",
        PAIR,
        &format!("{PAIR}/day-in-the-life"),
        &format!("{PAIR}/pay"),
    ]
    .map(str::to_owned)
    .to_vec();
    pages.extend(SECTIONS.iter().map(|(id, _)| format!("{PAIR}/{id}")));
    let mut cards: Vec<(String, String, Pixmap)> = Vec::new();
    for page in pages {
        let (path, pixmap) = card_of(&app, &page).await;
        for (other, other_path, other_pixmap) in &cards {
            assert_ne!(&path, other_path, "{page} and {other} preview one card");
            assert!(
                differ_below_the_label(&pixmap, other_pixmap),
                "the cards of {page} and {other} differ only in their label"
            );
        }
        cards.push((page, path, pixmap));
    }
}

#[test]
fn an_export_writes_the_card_each_page_previews() {
    let out = tempfile::tempdir().expect("temp dir");
    let site = rolecompare::store::Rendered::new(
        crate::support::load_ok(&crate::support::repo_path("content")),
        crate::support::settings_under(""),
    )
    .expect("render");
    let summary = rolecompare::export::export(&site, out.path()).expect("export");
    let mut checked = 0;
    for path in &summary.paths {
        let page = crate::support::address(path).expect("address");
        let file = out.path().join(rolecompare::export::file_for(&page));
        if file.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = Html::parse_document(&fs::read_to_string(&file).expect("page"));
        for image in attrs(&html, "meta[property='og:image']", "content") {
            let card = image.strip_prefix(BASE_URL).expect("absolute");
            let written = out.path().join(card.trim_start_matches('/'));
            assert!(
                Path::new(&written).is_file(),
                "{path} previews {card}, which the export did not write"
            );
            checked += 1;
        }
    }
    assert!(checked > 10, "{checked} pages checked");
}
