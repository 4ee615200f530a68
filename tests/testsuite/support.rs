//! Helpers shared by the test modules.

use std::fs;
use std::path::{Path, PathBuf};

use rolecompare::content::{Content, Diagnostic};

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

pub fn fixture(name: &str) -> PathBuf {
    repo_path("tests/fixtures").join(name)
}

/// Copies `dir` into `into`, file by file, replacing what is there.
pub fn copy_tree(dir: &Path, into: &Path) {
    for entry in fs::read_dir(dir).expect("read fixture folder") {
        let entry = entry.expect("fixture entry");
        let target = into.join(entry.file_name());
        if entry.path().is_dir() {
            fs::create_dir_all(&target).expect("create folder");
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// A temporary content folder: the three-role fixture with the files of
/// `overlays` (fixture folders) laid over it.
pub fn content_with(overlays: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture("three-roles"), dir.path());
    for overlay in overlays {
        copy_tree(&fixture(overlay), dir.path());
    }
    dir
}

/// Loads a content folder that must be valid.
pub fn load_ok(dir: &Path) -> Content {
    match Content::load(dir) {
        Ok(content) => content,
        Err(problems) => panic!(
            "{} should load, but:\n{}",
            dir.display(),
            lines(&problems, dir)
        ),
    }
}

/// Every problem of a content folder that must be invalid, as
/// `relative/path:line:column: message` lines.
pub fn problems(dir: &Path) -> Vec<String> {
    match Content::load(dir) {
        Ok(_) => panic!("{} should not load", dir.display()),
        Err(problems) => lines(&problems, dir).lines().map(str::to_owned).collect(),
    }
}

fn lines(problems: &[Diagnostic], dir: &Path) -> String {
    let prefix = format!("{}/", dir.display());
    problems
        .iter()
        .map(|problem| problem.to_string().replacen(&prefix, "", 1))
        .collect::<Vec<_>>()
        .join("\n")
}
