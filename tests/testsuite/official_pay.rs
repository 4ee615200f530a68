//! Official pay figures: `rolecompare import-oews` reads BLS's OEWS flat
//! files (`tests/fixtures/oews/`, written by `scripts/oews_flat_files.py`
//! from the May 2025 release) into `official-pay.csv`, and the content
//! loads and checks that file and the roles' `occupation`.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use rolecompare::oews::{AreaKind, Measure, OfficialPay};

use crate::support::{content_with, copy_tree, fixture, load_ok, problems, repo_path};

/// A folder of flat files: the good fixture, with a broken variant's files
/// laid over it.
fn flat_files(variant: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture("oews/good"), dir.path());
    if let Some(variant) = variant {
        copy_tree(&fixture(&format!("oews/{variant}")), dir.path());
    }
    dir
}

fn rolecompare(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rolecompare"))
        .args(args)
        .env_remove("ROLECOMPARE_CONTENT")
        .output()
        .expect("run rolecompare")
}

fn import(from: &Path, content: &Path, more: &[&str]) -> Output {
    let mut args = vec![
        "import-oews",
        "--from",
        from.to_str().expect("utf-8 path"),
        "--content",
        content.to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(more);
    rolecompare(&args)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn read_pay(content: &Path) -> OfficialPay {
    let path = content.join("official-pay.csv");
    let text = fs::read_to_string(&path).expect("official-pay.csv written");
    OfficialPay::parse(&text)
        .unwrap_or_else(|problems| panic!("official-pay.csv does not load: {problems:?}"))
}

/// Adds `yaml` at the end of a role's front matter (line 56 of the
/// three-role fixture's `harbour-pilot.md`).
fn add_to_harbour_pilot(content: &Path, yaml: &str) {
    let path = content.join("roles/harbour-pilot.md");
    let text = fs::read_to_string(&path).expect("role file");
    let text = text.replacen(
        "      max: 120000\n---\n",
        &format!("      max: 120000\n{yaml}---\n"),
        1,
    );
    fs::write(&path, text).expect("write role file");
}

const PILOTS: &str =
    "occupation:\n  soc: \"53-5021\"\n  note: Pilots are counted with ship captains and mates.\n";

/// The files left in the content folder's top level, hidden ones too.
fn top_level(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn imports_every_occupation_with_its_figures_and_footnotes() {
    let content = content_with(&[]);
    let output = import(&fixture("oews/good"), content.path(), &["--all"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output)
            .rsplit_once(" (")
            .expect("the time taken")
            .0
            .to_owned()
            + " (",
        format!(
            "wrote {}/official-pay.csv: official pay (BLS OEWS May 2025) for 3 occupations in 5 areas, 13 rows, published 2026-05-15 (",
            content.path().display()
        ),
        "{}",
        stdout(&output)
    );
    let pay = read_pay(content.path());
    assert_eq!(pay.release.name, "May 2025");
    assert_eq!(pay.release.published.as_deref(), Some("2026-05-15"));
    assert_eq!(
        pay.release.source.as_deref(),
        Some("https://www.bls.gov/oes/")
    );
    assert_eq!(
        pay.release.data.as_deref(),
        Some("https://download.bls.gov/pub/time.series/oe/")
    );
    let occupations: Vec<(&str, &str)> = pay
        .occupations()
        .iter()
        .map(|o| (o.soc.as_str(), o.title.as_str()))
        .collect();
    assert_eq!(
        occupations,
        [
            ("27-2042", "Musicians and Singers"),
            ("29-1214", "Emergency Medicine Physicians"),
            ("53-5021", "Captains, Mates, and Pilots of Water Vessels"),
        ]
    );
    // Names and codes without BLS's padding; the nation, the states, then
    // metropolitan areas, each by code.
    let areas: Vec<(&str, AreaKind, &str, &str)> = pay
        .areas()
        .iter()
        .map(|a| (a.code.as_str(), a.kind, a.name.as_str(), a.slug.as_str()))
        .collect();
    assert_eq!(
        areas,
        [
            ("0000000", AreaKind::National, "National", "national"),
            ("0100000", AreaKind::State, "Alabama", "alabama"),
            ("0600000", AreaKind::State, "California", "california"),
            (
                "0041620",
                AreaKind::Metro,
                "Salt Lake City-Murray, UT",
                "salt-lake-city-murray-ut"
            ),
            (
                "0041860",
                AreaKind::Metro,
                "San Francisco-Oakland-Fremont, CA",
                "san-francisco-oakland-fremont-ca"
            ),
        ]
    );

    // All industries (000000), not the 000001 and 483000 lines the file
    // also holds for the nation.
    let pilots = pay.national("53-5021").expect("national pilots");
    assert_eq!(pilots.employment(), Some(36_850));
    assert_eq!(pilots.get(Measure::AnnualMean).value(), Some(103_720));
    assert_eq!(pilots.get(Measure::AnnualMedian).value(), Some(92_460));
    assert_eq!(pilots.get(Measure::AnnualP90).value(), Some(170_640));
    assert_eq!(pilots.get(Measure::HourlyP90).value(), Some(8204));
    assert!(
        Measure::ALL
            .iter()
            .all(|m| pilots.get(*m).footnotes().is_empty())
    );

    // Footnote 5: at or above the top of the survey's range; no number.
    let top = pay
        .estimates("29-1214", "0100000")
        .expect("Alabama's physicians")
        .get(Measure::AnnualMedian);
    assert_eq!(top.value(), None);
    assert!(top.is_dash());
    let notes: Vec<(&str, &str)> = pay
        .footnotes_of(top)
        .map(|f| (f.code.as_str(), f.text.as_str()))
        .collect();
    assert_eq!(
        notes,
        [(
            "5",
            "This wage is equal to or greater than $115.00 per hour or $239,200 per year."
        )]
    );
    // Footnote 8: not released, though employment is.
    let withheld = pay
        .estimates("29-1214", "0600000")
        .expect("California's physicians");
    assert_eq!(withheld.employment(), Some(4420));
    for measure in Measure::ANNUAL.into_iter().chain(Measure::HOURLY) {
        let figure = withheld.get(measure);
        assert_eq!(figure.value(), None, "{measure:?}");
        let codes: Vec<&str> = pay.footnotes_of(figure).map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["8"], "{measure:?}");
    }
    // Footnote 4: paid by the hour; no annual figure is made up.
    let musicians = pay.national("27-2042").expect("national musicians");
    assert_eq!(musicians.get(Measure::HourlyMedian).value(), Some(4780));
    for measure in Measure::ANNUAL {
        let figure = musicians.get(measure);
        assert_eq!(figure.value(), None, "{measure:?}");
        let codes: Vec<&str> = pay.footnotes_of(figure).map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["4"], "{measure:?}");
    }
    // BLS has no figures for physicians in Salt Lake City.
    assert!(pay.estimates("29-1214", "0041620").is_none());
    assert!(pay.estimates("27-2042", "0041620").is_some());

    // The same input gives the same bytes: the fixture the content tests use.
    assert_eq!(
        fs::read_to_string(content.path().join("official-pay.csv")).expect("written"),
        fs::read_to_string(fixture("official-pay/official-pay.csv")).expect("fixture"),
    );
}

#[test]
fn imports_only_the_occupations_roles_name() {
    let content = content_with(&[]);
    add_to_harbour_pilot(content.path(), PILOTS);
    let output = import(&fixture("oews/good"), content.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pay = read_pay(content.path());
    let socs: Vec<&str> = pay.occupations().iter().map(|o| o.soc.as_str()).collect();
    assert_eq!(socs, ["53-5021"]);
    assert_eq!(pay.by_area("53-5021").count(), 4);
    let check = rolecompare(&[
        "check",
        "--content",
        content.path().to_str().expect("utf-8 path"),
    ]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert_eq!(
        stdout(&check),
        format!(
            "{}: ok, 3 roles, 1 curated comparison, official pay (BLS OEWS May 2025) for 1 occupation in 4 areas\n",
            content.path().display()
        )
    );
}

#[test]
fn imports_the_alternatives_a_role_weighed_too() {
    let content = content_with(&[]);
    add_to_harbour_pilot(
        content.path(),
        &format!("{PILOTS}  alternatives:\n    - \"29-1214\"\n"),
    );
    let output = import(&fixture("oews/good"), content.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pay = read_pay(content.path());
    let socs: Vec<&str> = pay.occupations().iter().map(|o| o.soc.as_str()).collect();
    assert_eq!(socs, ["29-1214", "53-5021"]);
    let median = pay
        .national("29-1214")
        .map(|n| n.get(Measure::AnnualMedian).value());
    assert_eq!(median, Some(Some(335_550)));
    assert!(load_ok(content.path()).official_pay.is_some());
}

/// The harbour pilot's occupation with `alternatives` (YAML list items,
/// from line 60).
fn with_alternatives(items: &str) -> tempfile::TempDir {
    let content = content_with(&["official-pay"]);
    add_to_harbour_pilot(content.path(), &format!("{PILOTS}  alternatives:\n{items}"));
    content
}

#[test]
fn alternatives_are_checked_like_the_occupation() {
    let content = with_alternatives("    - \"27-2042\"\n    - \"291214\"\n");
    assert_eq!(
        problems(content.path()),
        [
            "roles/harbour-pilot.md:61:7: `291214` is not a SOC code: write it as NN-NNNN, such as 15-1241"
        ]
    );
    let content = with_alternatives("    - \"53-5021\"\n");
    assert_eq!(
        problems(content.path()),
        [
            "roles/harbour-pilot.md:60:7: `53-5021` is the chosen occupation (`soc`): list only the other occupations the note weighed"
        ]
    );
    let content = with_alternatives("    - \"27-2042\"\n    - \"27-2042\"\n");
    assert_eq!(
        problems(content.path()),
        ["roles/harbour-pilot.md:61:7: the alternative `27-2042` is listed twice"]
    );
    let content = with_alternatives("    - 27-2042\n    - \"\"\n");
    assert_eq!(
        problems(content.path()),
        ["roles/harbour-pilot.md:61:7: text must not be empty"]
    );
}

#[test]
fn check_refuses_an_alternative_without_figures() {
    let content = with_alternatives("    - \"27-2042\"\n    - \"15-1252\"\n");
    assert_eq!(
        problems(content.path()),
        [
            "roles/harbour-pilot.md:61:7: the alternative occupation 15-1252 has no national figures in `official-pay.csv`: run `rolecompare import-oews` again to add it"
        ]
    );
    let check = rolecompare(&[
        "check",
        "--content",
        content.path().to_str().expect("utf-8 path"),
    ]);
    assert_eq!(check.status.code(), Some(1));
    let said = format!("{}{}", stdout(&check), stderr(&check));
    assert!(
        said.contains("roles/harbour-pilot.md:61:7: the alternative occupation 15-1252 has no national figures"),
        "{said}"
    );
    // Listed, with figures, it loads.
    let content = with_alternatives("    - \"27-2042\"\n    - \"29-1214\"\n");
    let loaded = load_ok(content.path());
    let pilot = loaded.role("harbour-pilot").expect("role");
    let alternatives: Vec<&str> = pilot
        .occupation
        .as_ref()
        .map(|o| o.alternatives.iter().map(|a| a.value.as_str()).collect())
        .unwrap_or_default();
    assert_eq!(alternatives, ["27-2042", "29-1214"]);
}

#[test]
fn the_import_reads_the_occupation_of_a_role_with_other_problems() {
    let content = content_with(&[]);
    add_to_harbour_pilot(content.path(), &format!("{PILOTS}unknown_key: 1\n"));
    let output = import(&fixture("oews/good"), content.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(read_pay(content.path()).occupation("53-5021").is_some());
}

#[test]
fn without_a_named_occupation_the_import_needs_all() {
    let content = content_with(&[]);
    let output = import(&fixture("oews/good"), content.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with(&format!(
            "no role file in {}/roles names an occupation (`occupation: {{soc: \"15-1241\", note: …}}`): name one, or import every occupation with --all\n",
            content.path().display()
        )),
        "{}",
        stderr(&output)
    );
    assert!(!content.path().join("official-pay.csv").exists());
}

#[test]
fn an_occupation_the_flat_files_lack_is_refused() {
    let content = content_with(&[]);
    add_to_harbour_pilot(
        content.path(),
        "occupation:\n  soc: \"53-5022\"\n  note: Motorboat operators.\n",
    );
    let from = fixture("oews/good");
    let output = import(&from, content.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with(&format!(
            "{}/roles/harbour-pilot.md: names the occupation 53-5022, but {}/oe.data.0.Current has no all-industries figures for it\n",
            content.path().display(),
            from.display()
        )),
        "{}",
        stderr(&output)
    );
    assert!(!content.path().join("official-pay.csv").exists());
}

#[test]
fn extra_columns_and_trailing_tabs_change_nothing() {
    let from = flat_files(Some("extra-columns"));
    let content = content_with(&[]);
    let output = import(from.path(), content.path(), &["--all"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        fs::read_to_string(content.path().join("official-pay.csv")).expect("written"),
        fs::read_to_string(fixture("official-pay/official-pay.csv")).expect("fixture"),
    );
}

/// A failed import names the file and line, exits 1, and leaves the
/// content folder exactly as it was: the old file, no temporary file.
fn assert_refused(variant: &str, expected: &str) {
    let from = flat_files(Some(variant));
    let content = content_with(&["official-pay"]);
    let before = fs::read(content.path().join("official-pay.csv")).expect("old file");
    let names = top_level(content.path());
    let output = import(from.path(), content.path(), &["--all"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "{}/{expected}\nnothing written: {}/official-pay.csv is unchanged\n",
            from.path().display(),
            content.path().display()
        )
    );
    assert_eq!(
        fs::read(content.path().join("official-pay.csv")).expect("old file"),
        before
    );
    assert_eq!(top_level(content.path()), names);
}

#[test]
fn a_truncated_data_file_is_refused_at_its_last_line() {
    assert_refused(
        "truncated",
        "oe.data.0.Current:150: the last line does not end with a line break: the file looks cut short (download it again)",
    );
}

#[test]
fn a_missing_column_is_named() {
    assert_refused(
        "missing-column",
        "oe.area:1: the header row has no column `areatype_code` (it has `state_code`, `area_code`, `area_name`): is this BLS's oe.area?",
    );
}

#[test]
fn a_bad_value_is_refused_at_its_line() {
    assert_refused(
        "bad-value",
        "oe.data.0.Current:112: the value `92A60` of OEUN000000000000053502113 is not a number, nor `-` (not published)",
    );
}

#[test]
fn a_bad_value_writes_nothing_where_there_was_nothing() {
    let from = flat_files(Some("bad-value"));
    let content = content_with(&[]);
    let names = top_level(content.path());
    let output = import(from.path(), content.path(), &["--all"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(top_level(content.path()), names);
}

#[test]
fn a_missing_flat_file_is_named() {
    let from = flat_files(None);
    fs::remove_file(from.path().join("oe.footnote")).expect("remove");
    let content = content_with(&[]);
    let output = import(from.path(), content.path(), &["--all"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with(&format!(
            "{}/oe.footnote: cannot read the file: ",
            from.path().display()
        )),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_publication_date_comes_from_the_option_else_the_folder() {
    let from = flat_files(None);
    let content = content_with(&[]);
    let output = import(
        from.path(),
        content.path(),
        &["--all", "--published", "2026-05-16"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        read_pay(content.path()).release.published.as_deref(),
        Some("2026-05-16")
    );

    fs::remove_file(from.path().join("published.txt")).expect("remove");
    let output = import(from.path(), content.path(), &["--all"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pay = read_pay(content.path());
    assert_eq!(pay.release.published, None);
    assert_eq!(pay.release.name, "May 2025");

    let output = import(
        from.path(),
        content.path(),
        &["--all", "--published", "2026-13-01"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("invalid value '2026-13-01' for '--published <DATE>'"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_data_file_loads_with_the_content() {
    let content = content_with(&["official-pay"]);
    add_to_harbour_pilot(content.path(), PILOTS);
    let loaded = load_ok(content.path());
    let pay = loaded.official_pay.as_ref().expect("official pay");
    let pilot = loaded.role("harbour-pilot").expect("role");
    let occupation = pilot.occupation.as_ref().expect("occupation");
    assert_eq!(occupation.soc.value.as_str(), "53-5021");
    assert_eq!(
        occupation.note.as_str(),
        "Pilots are counted with ship captains and mates."
    );
    let national = pay.national("53-5021").expect("national figures");
    assert_eq!(national.get(Measure::AnnualMedian).value(), Some(92_460));
    assert!(
        loaded
            .role("ferry-captain")
            .expect("role")
            .occupation
            .is_none()
    );
}

#[test]
fn a_role_naming_an_occupation_the_file_lacks_is_located() {
    let content = content_with(&["official-pay"]);
    add_to_harbour_pilot(
        content.path(),
        "occupation:\n  soc: \"15-1241\"\n  note: Not in the file.\n",
    );
    assert_eq!(
        problems(content.path()),
        [
            "roles/harbour-pilot.md:57:8: the occupation 15-1241 has no figures in `official-pay.csv`: run `rolecompare import-oews` again to add it"
        ]
    );
}

#[test]
fn a_role_naming_an_occupation_needs_the_data_file() {
    let content = content_with(&[]);
    add_to_harbour_pilot(content.path(), PILOTS);
    assert_eq!(
        problems(content.path()),
        [
            "roles/harbour-pilot.md:57:8: the occupation 53-5021 needs official pay figures, but there is no `official-pay.csv`: write it with `rolecompare import-oews --from <BLS flat files>`"
        ]
    );
}

#[test]
fn an_occupation_needs_a_note_and_a_soc_code() {
    let content = content_with(&["official-pay"]);
    add_to_harbour_pilot(content.path(), "occupation:\n  soc: \"53-5021\"\n");
    assert_eq!(
        problems(content.path()),
        ["roles/harbour-pilot.md:57:3: missing field `note`"]
    );

    let content = content_with(&["official-pay"]);
    add_to_harbour_pilot(
        content.path(),
        "occupation:\n  soc: \"535021\"\n  note: Without its hyphen.\n",
    );
    assert_eq!(
        problems(content.path()),
        [
            "roles/harbour-pilot.md:57:8: `535021` is not a SOC code: write it as NN-NNNN, such as 15-1241"
        ]
    );
}

#[test]
fn a_malformed_data_line_is_located() {
    let content = content_with(&["official-pay"]);
    let path = content.path().join("official-pay.csv");
    let text = fs::read_to_string(&path).expect("read");
    let text = text
        .replacen(
            ",0100000,S,Alabama,350,,80400,",
            ",0100000,S,Alabama,350,,8O400,",
            1,
        )
        .replacen(
            ",0000000,N,National,32880,,",
            ",0000000,N,National,32880,9,",
            1,
        );
    fs::write(&path, text).expect("write");
    assert_eq!(
        problems(content.path()),
        [
            "official-pay.csv:21:64: the footnote `9` is not declared: add a line `# footnote 9: …` above the header",
            "official-pay.csv:26:79: annual_mean: `8O400` is not a whole number, nor `-` (no figure published)",
        ]
    );
}

#[test]
fn a_broken_data_file_is_not_held_against_the_roles() {
    let content = content_with(&["official-pay"]);
    add_to_harbour_pilot(content.path(), PILOTS);
    let path = content.path().join("official-pay.csv");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replacen("# release: May 2025\n", "", 1)).expect("write");
    assert_eq!(
        problems(content.path()),
        [
            "official-pay.csv:1:1: the file does not say which release it holds: add a line `# release: May 2025` above the header"
        ]
    );
}

#[test]
fn a_site_without_the_data_file_is_as_before() {
    let content = content_with(&[]);
    assert!(load_ok(content.path()).official_pay.is_none());
    let check = rolecompare(&[
        "check",
        "--content",
        content.path().to_str().expect("utf-8 path"),
    ]);
    assert!(check.status.success());
    assert_eq!(
        stdout(&check),
        format!(
            "{}: ok, 3 roles, 1 curated comparison\n",
            content.path().display()
        )
    );
}

#[test]
fn the_bundled_roles_have_national_figures() {
    let content = load_ok(&repo_path("content"));
    let pay = content.official_pay.as_ref().expect("bundled official pay");
    assert_eq!(pay.release.name, "May 2025");
    assert_eq!(pay.release.published.as_deref(), Some("2026-05-15"));
    for (slug, soc, title) in [
        (
            "aws-engineer",
            "15-1244",
            "Network and Computer Systems Administrators",
        ),
        ("aws-architect", "15-1241", "Computer Network Architects"),
    ] {
        let role = content.role(slug).expect("bundled role");
        let occupation = role.occupation.as_ref().expect("an occupation");
        assert_eq!(occupation.soc.value.as_str(), soc);
        assert!(!occupation.note.as_str().is_empty());
        assert_eq!(pay.occupation(soc).map(|o| o.title.as_str()), Some(title));
        let national = pay.national(soc).expect("national figures");
        assert!(national.get(Measure::AnnualMedian).value().is_some());
        // Every state and the District of Columbia.
        let states = pay
            .by_area(soc)
            .filter(|(area, _)| area.kind == AreaKind::State)
            .count();
        assert!(states >= 51, "{soc}: {states} states");
    }
    assert_eq!(
        pay.area_by_slug("california").map(|a| a.code.as_str()),
        Some("0600000")
    );
}
