//! Scale: what a start keeps grows with the roles, not their square; a
//! reload renders again only what shows what changed, and keeps nothing of
//! the sites before it; replicas on the same content answer alike.

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use rolecompare::content::{Content, Role};
use rolecompare::render::Settings;
use rolecompare::store::{Rendered, Resource};

use crate::serve::spawn_server;
use crate::support::{BASE_URL, address, copy_tree, load_ok, many_roles, repo_path, resource_at};

fn settings() -> Settings {
    Settings {
        base_url: BASE_URL.to_owned(),
        page_max_age: 300,
        ..Settings::default()
    }
}

fn site_of(dir: &Path) -> Rendered {
    Rendered::new(load_ok(dir), settings()).expect("render")
}

/// Five times the roles cost a start at most five times the pages, bytes
/// and renders: what grows with the square of the roles (pairs, sitemap
/// files) or whose every page grows with the roles (role pages, which link
/// to every other role) is made on request.
#[test]
fn what_a_start_renders_and_keeps_grows_with_the_roles() {
    let (small, large) = (many_roles(200), many_roles(1000));
    let (small, large) = (site_of(small.path()), site_of(large.path()));
    let (small_bytes, small_pages) = small.stored_usage();
    let (large_bytes, large_pages) = large.stored_usage();
    assert!(
        large_pages <= 5 * small_pages,
        "{small_pages} pages kept for 200 roles, {large_pages} for 1,000"
    );
    assert!(
        large_bytes <= 5 * small_bytes,
        "{small_bytes} bytes kept for 200 roles, {large_bytes} for 1,000"
    );
    assert!(
        large.renders() <= 5 * small.renders(),
        "{} renders at the start of 200 roles, {} of 1,000",
        small.renders(),
        large.renders()
    );
    // The sitemap lists all the same: home, salaries, the list of roles,
    // each role and its official pay, and every pair, in files made on
    // request.
    assert_eq!(large.listed_count(), 3 + 2 * 1000 + 1000 * 999 / 2);
    assert!(resource_at(&large, "/sitemaps/10.xml").is_some());
}

/// The role file `slug` of `dir` with its summary replaced.
fn edit_summary(dir: &Path, slug: &str, summary: &str) {
    let path = dir.join(format!("roles/{slug}.md"));
    let text = fs::read_to_string(&path).expect("read role");
    let (head, tail) = text.split_once("\nsummary: ").expect("a summary");
    let (_, tail) = tail.split_once('\n').expect("more after the summary");
    fs::write(&path, format!("{head}\nsummary: {summary}\n{tail}")).expect("write role");
}

/// `site` reloaded from `dir`, as `serve --watch` reloads it.
fn reloaded(site: &Rendered, dir: &Path) -> Rendered {
    let content = Content::reload(dir, &site.content).expect("valid content");
    site.renew(content, site.settings.clone()).expect("render")
}

fn same(a: &Arc<Resource>, b: &Arc<Resource>) -> bool {
    Arc::ptr_eq(a, b)
}

#[test]
fn an_edit_to_one_role_renders_again_only_what_shows_it() {
    let dir = many_roles(30);
    let site = site_of(dir.path());
    let (x, y, z) = (
        "generated-role-007",
        "generated-role-011",
        "generated-role-012",
    );
    // Made on request before the edit: pages that do not show the edited
    // role, and pages that do.
    let others = [
        format!("/roles/{y}"),
        format!("/compare/{y}-vs-{z}"),
        format!("/compare/{z}-vs-{y}/skills"),
        format!("/cards/compare/{y}-vs-{z}.png"),
        format!("/api/compare/{y}-vs-{z}"),
    ];
    let naming = [
        format!("/roles/{x}"),
        format!("/compare/{x}-vs-{y}"),
        format!("/compare/{y}-vs-{x}/day-in-the-life"),
        format!("/cards/roles/{x}.png"),
    ];
    let kept: Vec<Arc<Resource>> = others
        .iter()
        .map(|path| resource_at(&site, path).expect(path))
        .collect();
    for path in &naming {
        resource_at(&site, path).expect(path);
    }
    let stored = |site: &Rendered, path: &str| {
        site.lookup(&address(path).expect("address"))
            .expect("stored")
    };
    let before: Vec<Arc<Resource>> = site
        .content
        .roles
        .iter()
        .map(|role| stored(&site, &format!("/api/roles/{}", role.slug)))
        .collect();
    let lists = ["/", "/salaries", "/salaries.csv", "/api/roles"];
    let lists_before: Vec<Arc<Resource>> = lists.iter().map(|path| stored(&site, path)).collect();

    edit_summary(dir.path(), x, "Edited, and nothing else.");
    let content = Content::reload(dir.path(), &site.content).expect("valid content");
    // The other files were read again, but not parsed: their roles are the
    // ones read before.
    for role in content.roles.iter().filter(|role| role.slug != x) {
        let old = site.content.role(&role.slug).expect("a role");
        assert!(role.shares_data_with(old), "{} was parsed again", role.slug);
    }
    let renewed = site.renew(content, site.settings.clone()).expect("render");

    // Rendered again: the four lists that show every role, and the edited
    // role's data; whatever the number of roles.
    assert_eq!(renewed.renders(), lists.len() as u64 + 1);
    for (path, old) in lists.iter().zip(&lists_before) {
        assert!(!same(&stored(&renewed, path), old), "{path} kept");
    }
    for (role, old) in site.content.roles.iter().zip(&before) {
        let now = stored(&renewed, &format!("/api/roles/{}", role.slug));
        assert_eq!(same(&now, old), role.slug != x, "/api/roles/{}", role.slug);
    }
    // The cache keeps what does not show the edited role and drops what
    // does, which shows the edit when asked for again.
    for (path, old) in others.iter().zip(&kept) {
        let now = renewed.lookup(&address(path).expect("address"));
        assert!(now.is_some_and(|now| same(&now, old)), "{path} not kept");
    }
    for path in &naming {
        assert!(
            renewed.lookup(&address(path).expect("address")).is_none(),
            "{path} kept"
        );
    }
    let page = resource_at(&renewed, &format!("/roles/{x}")).expect("role page");
    assert!(String::from_utf8_lossy(page.identity()).contains("Edited, and nothing else."));
}

/// Every page of `paths` in `site`: its bytes, or `None` if it has no such
/// page.
fn bytes_of(site: &Rendered, paths: &[String]) -> Vec<Option<Vec<u8>>> {
    paths
        .iter()
        .map(|path| resource_at(site, path).map(|page| page.identity().to_vec()))
        .collect()
}

/// `pages`, then the bundled pair's pages at `/compare/{pair}{rest}` for
/// each of `rests`.
fn bundled_paths(pages: &[&str], rests: &[&str]) -> Vec<String> {
    let pair = "/compare/aws-engineer-vs-aws-architect";
    let mut paths: Vec<String> = pages.iter().map(|&page| page.to_owned()).collect();
    paths.extend(rests.iter().map(|rest| format!("{pair}{rest}")));
    paths
}

/// An edit to a content folder, named.
type Edit<'a> = (&'static str, Box<dyn Fn() + 'a>);

/// After any kind of edit, a reloaded site serves what a site started on
/// the edited content would, stored pages and pages cached before the
/// edit alike.
#[test]
fn a_reloaded_site_answers_as_a_fresh_start_would() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&repo_path("content"), dir.path());
    let roles = dir.path().join("roles");
    let pair = "aws-engineer-vs-aws-architect";
    let paths = bundled_paths(
        &[
            "/roles/aws-engineer",
            "/roles/aws-architect",
            "/roles/new-role",
            "/roles/aws-engineer/pay",
            "/compare/aws-architect-vs-aws-engineer",
            "/compare/aws-engineer-vs-new-role",
            "/salaries?sort=senior",
            "/sitemap.xml",
            "/cards/site.png",
            "/api/compare/aws-engineer-vs-aws-architect",
            "/cards/compare/aws-engineer-vs-aws-architect.png",
        ],
        &[
            "",
            "/skills",
            "/transition",
            "/day-in-the-life",
            "/pay",
            "/pay/texas",
        ],
    );
    let edits: [Edit; 6] = [
        (
            "a role's summary",
            Box::new(|| edit_summary(dir.path(), "aws-engineer", "Edited.")),
        ),
        (
            "a role's title",
            Box::new(|| {
                let path = roles.join("aws-architect.md");
                let text = fs::read_to_string(&path).expect("read");
                fs::write(
                    &path,
                    text.replacen("title: AWS Architect", "title: Cloud Architect", 1),
                )
                .expect("write");
            }),
        ),
        (
            "a new role",
            Box::new(|| {
                let text = fs::read_to_string(roles.join("aws-engineer.md")).expect("read");
                fs::write(
                    roles.join("new-role.md"),
                    text.replacen("title: AWS Engineer", "title: New Role", 1),
                )
                .expect("write");
            }),
        ),
        (
            "a role removed",
            Box::new(|| fs::remove_file(roles.join("new-role.md")).expect("remove")),
        ),
        (
            "site.yaml",
            Box::new(|| {
                let path = dir.path().join("site.yaml");
                let text = fs::read_to_string(&path).expect("read");
                let (head, tail) = text.split_once("\ntagline: ").expect("a tagline");
                let (_, tail) = tail.split_once('\n').expect("more");
                fs::write(&path, format!("{head}\ntagline: Edited.\n{tail}")).expect("write");
            }),
        ),
        (
            "a curated pair",
            Box::new(|| {
                let path = dir.path().join(format!("comparisons/{pair}.md"));
                let text = fs::read_to_string(&path).expect("read");
                fs::write(&path, format!("{text}\nOne more line.\n")).expect("write");
            }),
        ),
    ];
    let mut site = site_of(dir.path());
    for (what, edit) in &edits {
        // Cached before the edit.
        let _ = bytes_of(&site, &paths);
        edit();
        site = reloaded(&site, dir.path());
        let fresh = site_of(dir.path());
        let mut all: Vec<String> = fresh
            .stored_pages()
            .iter()
            .map(|page| page.path())
            .collect();
        all.extend(paths.iter().cloned());
        for (path, (reloaded, fresh)) in all.iter().zip(
            bytes_of(&site, &all)
                .into_iter()
                .zip(bytes_of(&fresh, &all)),
        ) {
            assert!(
                reloaded == fresh,
                "after {what}, {path} differs from a fresh start"
            );
        }
    }
}

/// `serve --watch` keeps memory at its level at rest, by construction: each
/// reload holds what a fresh start holds, shares what did not change with
/// the site before (the same roles and pages, not copies), and lets go of
/// that site at once.
#[test]
fn reloads_keep_nothing_of_the_sites_before_them() {
    let dir = many_roles(30);
    let first = site_of(dir.path());
    let read_first: Vec<Role> = first.content.roles.clone();
    let api = |site: &Rendered| resource_at(site, "/api/roles/generated-role-020").expect("stored");
    let api_first = Arc::downgrade(&api(&first));
    let mut site = Arc::new(first);
    for n in 1..=5 {
        // Pages made on request, then an edit.
        for path in [
            "/roles/generated-role-003",
            "/compare/generated-role-003-vs-generated-role-004",
        ] {
            resource_at(&site, path).expect(path);
        }
        edit_summary(dir.path(), "generated-role-003", &format!("Edit {n}."));
        let before: Weak<Rendered> = Arc::downgrade(&site);
        site = Arc::new(reloaded(&site, dir.path()));
        assert!(
            before.upgrade().is_none(),
            "edit {n}: the site before is still held"
        );
    }
    let fresh = site_of(dir.path());
    assert_eq!(site.stored_usage(), fresh.stored_usage());
    assert!(site.on_demand_usage().0 <= settings().cache_bytes);
    for role in site
        .content
        .roles
        .iter()
        .filter(|r| r.slug != "generated-role-003")
    {
        let first = read_first
            .iter()
            .find(|r| r.slug == role.slug)
            .expect("a role");
        assert!(role.shares_data_with(first), "{} was copied", role.slug);
    }
    let api_now = api(&site);
    assert!(
        api_first
            .upgrade()
            .is_some_and(|first| Arc::ptr_eq(&first, &api_now))
    );
}

/// One GET with `Accept-Encoding: accept` over a socket: the head, as
/// text, and the body's bytes.
fn fetch(port: u16, path: &str, accept: &str) -> (String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: {accept}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8_lossy(&response[..end]).to_lowercase();
    (head, response[end + 4..].to_vec())
}

/// The value of `name` in a lowercased head.
fn field<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
        .map(str::trim)
}

/// More than one machine: two servers started on the same content (and
/// base URL) answer every page with the same bytes and ETags, pages made
/// on request included, so a load balancer or CDN may ask either and
/// revalidate with the other.
#[test]
fn replicas_on_the_same_content_answer_the_same_bytes_and_tags() {
    let flags = [
        "--base-url",
        "https://careers.example.org",
        "--page-max-age",
        "300",
    ];
    let replicas = [spawn_server(&flags), spawn_server(&flags)];
    let pair = "/compare/aws-engineer-vs-aws-architect";
    let paths = bundled_paths(
        &[
            "/",
            "/salaries",
            "/sitemap.xml",
            "/api/roles",
            "/roles/aws-engineer",
            "/roles/aws-engineer/pay",
            "/compare/aws-architect-vs-aws-engineer?view=differences",
            "/cards/roles/aws-architect.png",
            "/api/compare/aws-engineer-vs-aws-architect",
        ],
        &[
            "",
            "/skills",
            "/transition",
            "/day-in-the-life",
            "/pay/california",
        ],
    );
    for path in &paths {
        for accept in ["identity", "gzip"] {
            let [(head_a, body_a), (head_b, body_b)] = replicas
                .each_ref()
                .map(|server| fetch(server.port, path, accept));
            assert!(head_a.starts_with("http/1.1 200"), "{path}: {head_a}");
            assert!(body_a == body_b, "{path} ({accept}): the bytes differ");
            for name in ["etag", "cache-control", "content-type", "content-encoding"] {
                assert_eq!(
                    field(&head_a, name),
                    field(&head_b, name),
                    "{path} ({accept}): {name}"
                );
            }
        }
    }
    // Brotli forms too, once each replica has made its own.
    for path in ["/", pair] {
        let deadline = Instant::now() + Duration::from_secs(20);
        let forms = replicas.each_ref().map(|server| {
            loop {
                let (head, body) = fetch(server.port, path, "br");
                if field(&head, "content-encoding") == Some("br") {
                    break (field(&head, "etag").map(str::to_owned), body);
                }
                assert!(Instant::now() < deadline, "{path} never came as brotli");
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        assert!(forms[0] == forms[1], "{path}: the brotli forms differ");
    }
}
