//! The docs as a reader follows them: README.md and every `docs/*.md`,
//! read as Markdown (by comrak, as the site reads content), every link
//! leading to a file of the repository and every `#fragment` into a
//! Markdown file to a heading it has; and a README short enough to read
//! whose quick start serves the site and runs its tests. External links
//! are not fetched.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Component, Path, PathBuf};

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options};

use crate::support::repo_path;

/// The README's length, at most.
const README_MAX_LINES: usize = 200;

/// A Markdown file as the link check reads it.
struct Document {
    /// Every link's and image's destination, as written.
    links: Vec<String>,
    /// Every heading's anchor, as GitHub makes them.
    anchors: BTreeSet<String>,
    /// The text of every heading with the literal of the first code block
    /// under it.
    first_code: Vec<(String, String)>,
}

fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options
}

/// The text a heading shows: its text and inline code, without markup.
fn text_of<'a>(node: &'a AstNode<'a>) -> String {
    let mut text = String::new();
    for child in node.descendants() {
        match &child.data().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::Code(code) => text.push_str(&code.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// GitHub's anchor for a heading's text: lowercase, every punctuation
/// mark but `-` and `_` dropped, each space a `-`.
fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn read(text: &str) -> Document {
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, text, &options());
    let mut document = Document {
        links: Vec::new(),
        anchors: BTreeSet::new(),
        first_code: Vec::new(),
    };
    // A heading seen again gets `-1`, `-2`… as on GitHub.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut heading: Option<String> = None;
    for node in root.descendants() {
        match &node.data().value {
            NodeValue::Link(link) | NodeValue::Image(link) => document.links.push(link.url.clone()),
            NodeValue::Heading(_) => {
                let text = text_of(node);
                let base = anchor(&text);
                let count = seen.entry(base.clone()).or_insert(0);
                document.anchors.insert(match *count {
                    0 => base,
                    n => format!("{base}-{n}"),
                });
                *count += 1;
                heading = Some(text);
            }
            NodeValue::CodeBlock(block) => {
                if let Some(text) = heading.take() {
                    document.first_code.push((text, block.literal.clone()));
                }
            }
            _ => {}
        }
    }
    document
}

/// Whether `link` names a scheme (`https:`, `mailto:`…) rather than a path.
fn scheme(link: &str) -> Option<&str> {
    let (scheme, _) = link.split_once(':')?;
    let valid = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// `relative` (a path in the repository, `/`-separated) joined to the
/// folder of `from`, with `.` and `..` resolved; `None` if it leaves the
/// repository.
fn resolve(from: &Path, relative: &str) -> Option<PathBuf> {
    let joined = match relative.strip_prefix('/') {
        Some(from_root) => PathBuf::from(from_root),
        None => from.parent().unwrap_or(Path::new("")).join(relative),
    };
    let mut resolved = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::Normal(part) => resolved.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !resolved.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(resolved)
}

/// What is wrong with the links of `files` (paths relative to `root`),
/// each as `file: link: why`. A Markdown file a fragment points into is
/// read from `root`.
fn broken_links(root: &Path, files: &[PathBuf]) -> Vec<String> {
    let mut documents: HashMap<PathBuf, Document> = HashMap::new();
    let mut document_at = |path: &Path| -> Option<BTreeSet<String>> {
        if !documents.contains_key(path) {
            let text = fs::read_to_string(root.join(path)).ok()?;
            documents.insert(path.to_owned(), read(&text));
        }
        documents.get(path).map(|document| document.anchors.clone())
    };
    let mut problems = Vec::new();
    for file in files {
        let text = fs::read_to_string(root.join(file)).expect("read a document");
        for link in read(&text).links {
            let mut problem =
                |why: &str| problems.push(format!("{}: {link}: {why}", file.display()));
            match scheme(&link) {
                // Not fetched: the test runs offline.
                Some("http" | "https" | "mailto") => continue,
                Some(other) => {
                    problem(&format!("a link of scheme `{other}`"));
                    continue;
                }
                None => {}
            }
            let (path, fragment) = match link.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (link.as_str(), None),
            };
            let path = path.split_once('?').map_or(path, |(path, _)| path);
            let target = if path.is_empty() {
                file.clone()
            } else {
                match resolve(file, path) {
                    Some(target) => target,
                    None => {
                        problem("leaves the repository");
                        continue;
                    }
                }
            };
            if !root.join(&target).exists() {
                problem(&format!("no file `{}`", target.display()));
                continue;
            }
            let Some(fragment) = fragment else { continue };
            if target.extension().is_none_or(|extension| extension != "md") {
                continue;
            }
            match document_at(&target) {
                Some(anchors) if anchors.contains(fragment) => {}
                Some(_) => problem(&format!(
                    "no heading `#{fragment}` in `{}`",
                    target.display()
                )),
                None => problem(&format!("`{}` cannot be read", target.display())),
            }
        }
    }
    problems
}

/// README.md and every `docs/*.md`, relative to the repository.
fn documents() -> Vec<PathBuf> {
    let mut files = vec![PathBuf::from("README.md")];
    let mut docs: Vec<PathBuf> = fs::read_dir(repo_path("docs"))
        .expect("read docs/")
        .map(|entry| entry.expect("docs entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .map(|path| Path::new("docs").join(path.file_name().expect("a file name")))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

#[test]
fn every_link_of_the_docs_leads_to_a_file_and_heading_that_exist() {
    let root = repo_path("");
    let files = documents();
    assert!(files.len() > 5, "README.md and docs/: {files:?}");
    let links: usize = files
        .iter()
        .map(|file| {
            let text = fs::read_to_string(root.join(file)).expect("read a document");
            read(&text).links.len()
        })
        .sum();
    // The parse finds links at all (the README alone has a dozen).
    assert!(links > 30, "only {links} links found in {files:?}");
    let problems = broken_links(&root, &files);
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_readme_links_every_page_of_the_docs() {
    let readme = read(&fs::read_to_string(repo_path("README.md")).expect("read README.md"));
    let linked: BTreeSet<PathBuf> = readme
        .links
        .iter()
        .filter(|link| scheme(link).is_none())
        .filter_map(|link| resolve(Path::new("README.md"), link.split('#').next().unwrap_or("")))
        .collect();
    for page in documents().into_iter().skip(1) {
        assert!(
            linked.contains(&page),
            "README.md does not link {}",
            page.display()
        );
    }
}

#[test]
fn the_readme_is_short_and_its_quick_start_serves_the_site_and_runs_the_tests() {
    let text = fs::read_to_string(repo_path("README.md")).expect("read README.md");
    let lines = text.lines().count();
    assert!(
        lines <= README_MAX_LINES,
        "README.md has {lines} lines, more than {README_MAX_LINES}: move the detail into docs/"
    );
    let readme = read(&text);
    let commands = readme
        .first_code
        .iter()
        .find(|(heading, _)| heading == "Quick start")
        .map(|(_, code)| code)
        .expect("a Quick start heading with a code block under it");
    let starts = |command: &str| {
        commands
            .lines()
            .any(|line| line.trim_start().starts_with(command))
    };
    assert!(
        starts("cargo run --release"),
        "the quick start:\n{commands}"
    );
    assert!(starts("cargo test"), "the quick start:\n{commands}");
    let image = readme.links.first().map(String::as_str);
    assert_eq!(
        image,
        Some("docs/screenshot-compare.png"),
        "the screenshot comes first"
    );
}

#[test]
fn headings_get_the_anchors_github_gives_them() {
    let document = read(
        "# Official pay figures\n\n## A role: `content/roles/<slug>.md`\n\n\
         ## The bundled roles' occupations\n\n## Notes\n\n## Notes\n\n## `salaries.csv`\n\n\
         ## A request's path from socket to bytes\n\n## snake_case and 1–3 kinds\n",
    );
    let expected = [
        "official-pay-figures",
        "a-role-contentrolesslugmd",
        "the-bundled-roles-occupations",
        "notes",
        "notes-1",
        "salariescsv",
        "a-requests-path-from-socket-to-bytes",
        "snake_case-and-13-kinds",
    ];
    assert_eq!(
        document.anchors,
        expected.into_iter().map(String::from).collect()
    );
}

#[test]
fn a_broken_link_or_fragment_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("docs")).expect("create docs/");
    fs::write(
        dir.path().join("docs/guide.md"),
        "# Guide\n\n## Getting `started`\n\n[back](../README.md#top) [up](../../outside.md)\n",
    )
    .expect("write the guide");
    fs::write(
        dir.path().join("README.md"),
        "# Top\n\n![a picture](docs/missing.png)\n\n\
         | page | where |\n|---|---|\n| guide | [the guide](docs/guide.md#getting-started) |\n\n\
         [gone](docs/gone.md) [no heading](docs/guide.md#nowhere) [here](#top) [not here](#bottom)\n\
         [web](https://example.org/not-fetched#x) [folder](docs/) [query](docs/guide.md?plain=1#guide)\n",
    )
    .expect("write the README");
    let files = [PathBuf::from("README.md"), PathBuf::from("docs/guide.md")];
    let problems = broken_links(dir.path(), &files);
    assert_eq!(
        problems,
        [
            "README.md: docs/missing.png: no file `docs/missing.png`",
            "README.md: docs/gone.md: no file `docs/gone.md`",
            "README.md: docs/guide.md#nowhere: no heading `#nowhere` in `docs/guide.md`",
            "README.md: #bottom: no heading `#bottom` in `README.md`",
            "docs/guide.md: ../../outside.md: leaves the repository",
        ]
    );
}
