//! `rolecompare check`: every kind of bad content is reported with its file,
//! line and column, and the exact message.

use std::process::Command;

use crate::support::{content_with, copy_tree, fixture, load_ok, problems, repo_path};

/// Lays `tests/fixtures/invalid/<case>` over the three-role fixture and
/// asserts the exact list of problems.
fn assert_problems(case: &str, expected: &[&str]) {
    let dir = content_with(&[&format!("invalid/{case}")]);
    assert_eq!(problems(dir.path()), expected, "fixture invalid/{case}");
}

#[test]
fn affiliation_without_author() {
    assert_problems(
        "affiliation-without-author",
        &[
            "site.yaml:14:25: `author_affiliation` (Harbour Board) names the author's employer, but the source has no `author`",
        ],
    );
}

#[test]
fn bad_currency() {
    assert_problems(
        "bad-currency",
        &[
            "roles/tug-master.md:34:13: the currency `dollars` is not a three-letter ISO 4217 code such as USD or EUR",
        ],
    );
}

#[test]
fn bad_slug() {
    assert_problems(
        "bad-slug",
        &[
            "roles/Tug_Master.md:1:1: the file name `Tug_Master` is not a valid role slug: it may only use lowercase letters a-z, digits 0-9 and hyphens",
        ],
    );
}

#[test]
fn comparison_both_orders() {
    assert_problems(
        "comparison-both-orders",
        &[
            "comparisons/lighthouse-keeper-vs-harbour-pilot.md:1:1: this pair already has curated text in `harbour-pilot-vs-lighthouse-keeper.md`: keep one file per pair",
        ],
    );
}

#[test]
fn comparison_same_role() {
    assert_problems(
        "comparison-same-role",
        &[
            "comparisons/harbour-pilot-vs-harbour-pilot.md:1:1: the file name compares `harbour-pilot` with itself: name two different roles",
        ],
    );
}

#[test]
fn comparison_unknown_role() {
    assert_problems(
        "comparison-unknown-role",
        &[
            "comparisons/harbour-pilot-vs-tug-master.md:1:1: the file name names the role `tug-master`, but there is no `roles/tug-master.md`",
        ],
    );
}

#[test]
fn duplicate_key() {
    assert_problems(
        "duplicate-key",
        &["roles/tug-master.md:7:1: duplicate mapping key `title` is not allowed here"],
    );
}

#[test]
fn empty_list() {
    assert_problems(
        "empty-list",
        &["roles/tug-master.md:4:19: `responsibilities` must list at least one item"],
    );
}

#[test]
fn empty_text() {
    assert_problems(
        "empty-text",
        &["roles/tug-master.md:9:13: text must not be empty"],
    );
}

#[test]
fn end_before_start() {
    assert_problems(
        "end-before-start",
        &[
            "roles/tug-master.md:22:12: the block ends at 09:30, which is not after its start at 10:00",
        ],
    );
}

#[test]
fn malformed_time() {
    assert_problems(
        "malformed-time",
        &[
            "roles/tug-master.md:21:14: `10.00` is not a time of day: write it as \"HH:MM\", from \"00:00\" to \"24:00\"",
        ],
    );
}

#[test]
fn many_problems() {
    assert_problems(
        "many-problems",
        &[
            "roles/dredger.md:3:1: unknown field `sumary`, expected one of title, aliases, family, summary, responsibilities, skills, certifications, day_to_day, day_in_the_life, career_path, job_market, salaries, occupation",
            "roles/tug-master.md:34:13: the currency `usd` is not a three-letter ISO 4217 code such as USD or EUR",
            "roles/tug-master.md:39:14: the salary level `trainee` is not declared in site.yaml (declared: junior, mid, senior)",
            "roles/tug-master.md:43:12: min 90000 is greater than max 80000",
        ],
    );
}

#[test]
fn min_greater_than_max() {
    assert_problems(
        "min-greater-than-max",
        &["roles/tug-master.md:43:12: min 90000 is greater than max 80000"],
    );
}

#[test]
fn missing_key() {
    assert_problems(
        "missing-key",
        &["roles/tug-master.md:32:1: missing field `summary`"],
    );
}

#[test]
fn missing_overview() {
    assert_problems(
        "missing-overview",
        &[
            "roles/tug-master.md:1:1: the overview is missing: write the role's overview in markdown after the closing `---`",
        ],
    );
}

#[test]
fn no_front_matter() {
    assert_problems(
        "no-front-matter",
        &[
            "roles/tug-master.md:1:1: a content file starts with a line `---`, then YAML front matter, then another `---` line",
        ],
    );
}

#[test]
fn not_utf8() {
    assert_problems(
        "not-utf8",
        &["roles/tug-master.md:3:27: the file is not valid UTF-8: save it with UTF-8 encoding"],
    );
}

#[test]
fn overlapping_blocks() {
    assert_problems(
        "overlapping-blocks",
        &[
            "roles/tug-master.md:21:14: the block 09:45–11:00 overlaps the block 09:00–10:00 (line 16)",
        ],
    );
}

#[test]
fn site_level_twice() {
    assert_problems(
        "site-level-twice",
        &["site.yaml:10:9: the level `mid` is declared twice"],
    );
}

#[test]
fn unclosed_front_matter() {
    assert_problems(
        "unclosed-front-matter",
        &[
            "roles/tug-master.md:1:1: the front matter is never closed: add a line `---` after the YAML",
        ],
    );
}

#[test]
fn undeclared_level() {
    assert_problems(
        "undeclared-level",
        &[
            "roles/tug-master.md:42:14: the salary level `principal` is not declared in site.yaml (declared: junior, mid, senior)",
        ],
    );
}

#[test]
fn unknown_key() {
    assert_problems(
        "unknown-key",
        &[
            "roles/tug-master.md:3:1: unknown field `sumary`, expected one of title, aliases, family, summary, responsibilities, skills, certifications, day_to_day, day_in_the_life, career_path, job_market, salaries, occupation",
        ],
    );
}

#[test]
fn yaml_syntax() {
    assert_problems(
        "yaml-syntax",
        &["roles/tug-master.md:29:11: illegal placement of ':' indicator"],
    );
}

#[test]
fn a_single_new_role_file_is_valid_on_its_own() {
    let dir = content_with(&["new-role"]);
    let content = load_ok(dir.path());
    assert_eq!(content.roles.len(), 4);
    assert!(content.role("tug-master").is_some());
}

#[test]
fn a_missing_content_folder_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope");
    let problems = rolecompare::content::Content::load(&missing).expect_err("missing folder");
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].to_string().starts_with(&format!(
            "{}: cannot read the content folder: ",
            missing.display()
        )),
        "{}",
        problems[0]
    );
}

fn rolecompare(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rolecompare"))
        .args(args)
        .env_remove("ROLECOMPARE_CONTENT")
        .output()
        .expect("run rolecompare")
}

#[test]
fn check_passes_the_bundled_content_with_a_summary() {
    let content = repo_path("content");
    let output = rolecompare(&["check", "--content", content.to_str().expect("utf-8 path")]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!(
            "{}: ok, 2 roles, 1 curated comparison, official pay (BLS OEWS May 2025) for 4 occupations in 577 areas\n",
            content.display()
        )
    );
}

#[test]
fn check_prints_every_problem_and_exits_1() {
    let dir = content_with(&["invalid/many-problems"]);
    let output = rolecompare(&[
        "check",
        "--content",
        dir.path().to_str().expect("utf-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let root = dir.path().display();
    assert!(
        stderr.starts_with(&format!(
            "{root}/roles/dredger.md:3:1: unknown field `sumary`"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{root}/roles/tug-master.md:43:12: min 90000 is greater than max 80000\n"
        )),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(&format!("4 problems in {root}\n")),
        "{stderr}"
    );
}

#[test]
fn check_reads_the_content_folder_from_the_environment() {
    let output = Command::new(env!("CARGO_BIN_EXE_rolecompare"))
        .arg("check")
        .env("ROLECOMPARE_CONTENT", fixture("three-roles"))
        .output()
        .expect("run rolecompare");
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("ok, 3 roles, 1 curated comparison"));
}

#[test]
fn fit_unknown_role() {
    assert_problems(
        "fit-unknown-role",
        &[
            "fit.yaml:12:18: the weights name the role `lighthouse-keepr`, but there is no `roles/lighthouse-keepr.md`",
        ],
    );
}

#[test]
fn fit_ids_twice() {
    assert_problems(
        "fit-ids-twice",
        &[
            "fit.yaml:14:9: the question id `sea-or-shore` is used twice",
            "fit.yaml:25:13: the answer id `some` is used twice in the question `sea-or-shore`",
        ],
    );
}

#[test]
fn fit_one_answer() {
    assert_problems(
        "fit-one-answer",
        &["fit.yaml:6:7: the question `sea-or-shore` needs at least two answers to choose from"],
    );
}

#[test]
fn fit_bad_weight() {
    assert_problems(
        "fit-bad-weight",
        &["fit.yaml:19:18: the weight for `ferry-captain` is 9: weights go from 1 to 5"],
    );
}

#[test]
fn alias_is_a_slug() {
    assert_problems(
        "alias-is-a-slug",
        &[
            "roles/harbour-pilot.md:3:11: the alias `ferry-captain` is the slug of `roles/ferry-captain.md`: an alias must be a former slug no role uses",
        ],
    );
}

/// What `check` says of a symbolic link that resolves to `target`, outside
/// the content folder.
#[cfg(unix)]
fn outside_message(target: &std::path::Path) -> String {
    let real = std::fs::canonicalize(target).expect("target exists");
    format!(
        "a symbolic link to `{}`, which is outside the content folder: content is read only from inside it",
        real.display()
    )
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_content_folder_are_refused() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture("new-role"), outside.path());
    std::fs::create_dir(outside.path().join("three-roles")).expect("folder");
    copy_tree(&fixture("three-roles"), &outside.path().join("three-roles"));
    std::fs::write(outside.path().join("secret.txt"), "not content\n").expect("write");

    // A role file.
    let dir = content_with(&[]);
    let role = outside.path().join("roles/tug-master.md");
    symlink(&role, dir.path().join("roles/tug-master.md")).expect("symlink");
    assert_eq!(
        problems(dir.path()),
        [format!(
            "roles/tug-master.md:1:1: {}",
            outside_message(&role)
        )]
    );

    // site.yaml, pointing at a file that is not content at all.
    let dir = content_with(&[]);
    let secret = outside.path().join("secret.txt");
    std::fs::remove_file(dir.path().join("site.yaml")).expect("remove");
    symlink(&secret, dir.path().join("site.yaml")).expect("symlink");
    assert_eq!(
        problems(dir.path()),
        [format!("site.yaml:1:1: {}", outside_message(&secret))]
    );

    // A whole folder, through a relative link.
    let dir = content_with(&[]);
    std::fs::remove_dir_all(dir.path().join("comparisons")).expect("remove");
    let comparisons = outside.path().join("three-roles/comparisons");
    let relative = std::path::Path::new("..").join(
        comparisons
            .strip_prefix(dir.path().parent().expect("parent"))
            .unwrap_or(&comparisons),
    );
    symlink(&relative, dir.path().join("comparisons")).expect("symlink");
    assert_eq!(
        problems(dir.path()),
        [format!(
            "comparisons:1:1: {}",
            outside_message(&comparisons)
        )]
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_inside_the_content_folder_are_followed() {
    use std::os::unix::fs::symlink;
    // A role file kept in another folder of the content, and the content
    // folder itself reached through a link.
    let dir = content_with(&[]);
    std::fs::create_dir(dir.path().join("drafts")).expect("folder");
    copy_tree(&fixture("new-role"), &dir.path().join("drafts"));
    symlink(
        "../drafts/roles/tug-master.md",
        dir.path().join("roles/tug-master.md"),
    )
    .expect("symlink");
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let link = elsewhere.path().join("content");
    symlink(dir.path(), &link).expect("symlink");
    let content = load_ok(&link);
    assert_eq!(content.roles.len(), 4);
    assert!(content.role("tug-master").is_some());
}
