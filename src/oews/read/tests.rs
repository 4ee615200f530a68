use crate::oews::figures::{format_value, is_date, is_soc, parse_value};
use crate::oews::header::field_column;
use crate::oews::{AreaKind, Builder, Estimates, Figure, Measure, OfficialPay, Release, Unit};

const HEADER: &str = "soc,occupation,area,area_type,area_name,employment,employment_footnotes,annual_mean,annual_mean_footnotes,annual_p10,annual_p10_footnotes,annual_p25,annual_p25_footnotes,annual_median,annual_median_footnotes,annual_p75,annual_p75_footnotes,annual_p90,annual_p90_footnotes,hourly_mean,hourly_mean_footnotes,hourly_p10,hourly_p10_footnotes,hourly_p25,hourly_p25_footnotes,hourly_median,hourly_median_footnotes,hourly_p75,hourly_p75_footnotes,hourly_p90,hourly_p90_footnotes";

fn file(rows: &[&str]) -> String {
    let mut text = String::from(
        "# A comment: not a key\n# release: May 2025\n# published: 2026-05-15\n# footnote 5: Top-coded.\n# footnote 8: Not released.\n",
    );
    text.push_str(HEADER);
    text.push('\n');
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text
}

const ARCHITECTS: &str = "15-1241,Computer Network Architects,0000000,N,National,179740,,139580,,79900,,104620,,134050,,168200,,202680,,67.11,,38.42,,50.30,,64.45,,80.86,,97.44,";
const ARCHITECTS_SF: &str = "15-1241,Computer Network Architects,0041860,M,\"San Francisco-Oakland-Fremont, CA\",3350,,172850,,121160,,128690,,166760,,211740,,242150,,83.10,,58.25,,61.87,,80.18,,101.80,,116.42,";
const PHYSICIANS_AL: &str = "29-1214,Emergency Medicine Physicians,0100000,S,Alabama,90,,-,5,-,5,-,5,-,5,-,5,-,5,-,5,-,5,-,5,-,5,-,5,-,5";
const ARCHITECTS_CA: &str = "15-1241,Computer Network Architects,0600000,S,California,14870,,,,-,8,-,8,-,8,-,8,-,8,-,8,-,8,-,8,-,8,-,8,-,8";

/// Problems as `check` prints them.
fn parse(text: &str) -> Result<OfficialPay, Vec<String>> {
    OfficialPay::parse(text).map_err(|problems| {
        problems
            .iter()
            .map(|p| {
                if p.line == 0 {
                    format!("official-pay.csv: {}", p.message)
                } else {
                    format!("official-pay.csv:{}:{}: {}", p.line, p.column, p.message)
                }
            })
            .collect()
    })
}

#[test]
fn reads_the_release_the_figures_and_their_footnotes() {
    let pay = parse(&file(&[
        PHYSICIANS_AL,
        ARCHITECTS_SF,
        ARCHITECTS,
        ARCHITECTS_CA,
    ]))
    .expect("parses");
    assert_eq!(pay.release.name, "May 2025");
    assert_eq!(pay.release.published.as_deref(), Some("2026-05-15"));
    assert_eq!(pay.release.source, None);
    assert_eq!(pay.len(), 4);
    let socs: Vec<&str> = pay.occupations().iter().map(|o| o.soc.as_str()).collect();
    assert_eq!(socs, ["15-1241", "29-1214"]);
    let areas: Vec<(&str, &str)> = pay
        .areas()
        .iter()
        .map(|a| (a.code.as_str(), a.slug.as_str()))
        .collect();
    assert_eq!(
        areas,
        [
            ("0000000", "national"),
            ("0100000", "alabama"),
            ("0600000", "california"),
            ("0041860", "san-francisco-oakland-fremont-ca"),
        ]
    );
    let national = pay.national("15-1241").expect("national figures");
    assert_eq!(national.employment(), Some(179_740));
    assert_eq!(national.get(Measure::AnnualMedian).value(), Some(134_050));
    assert_eq!(national.get(Measure::HourlyMean).value(), Some(6711));
    assert!(national.get(Measure::AnnualP90).footnotes().is_empty());

    let top = pay
        .estimates("29-1214", "0100000")
        .expect("Alabama")
        .get(Measure::AnnualP90);
    assert_eq!(top.value(), None);
    assert!(top.is_dash());
    let notes: Vec<&str> = pay.footnotes_of(top).map(|f| f.code.as_str()).collect();
    assert_eq!(notes, ["5"]);

    let california = pay.estimates("15-1241", "0600000").expect("California");
    assert_eq!(california.get(Measure::AnnualMean), Figure::ABSENT);
    assert!(!california.get(Measure::AnnualMean).is_dash());
    let withheld = california.get(Measure::AnnualMedian);
    assert_eq!(
        pay.footnotes_of(withheld)
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>(),
        ["Not released."]
    );

    assert_eq!(pay.estimates("29-1214", "0000000"), None);
    assert_eq!(pay.estimates("11-1011", "0000000"), None);
    assert_eq!(
        pay.area_by_slug("san-francisco-oakland-fremont-ca")
            .map(|a| a.name.as_str()),
        Some("San Francisco-Oakland-Fremont, CA")
    );
    let by_area: Vec<&str> = pay
        .by_area("15-1241")
        .map(|(area, _)| area.slug.as_str())
        .collect();
    assert_eq!(
        by_area,
        ["national", "california", "san-francisco-oakland-fremont-ca"]
    );
}

#[test]
fn writing_and_reading_back_gives_the_same_figures() {
    let text = file(&[ARCHITECTS, ARCHITECTS_SF, PHYSICIANS_AL, ARCHITECTS_CA]);
    let pay = parse(&text).expect("parses");
    let mut written = Vec::new();
    pay.write(&mut written).expect("writes");
    let written = String::from_utf8(written).expect("utf-8");
    let again = parse(&written).expect("reads back");
    assert_eq!(again, pay);
    // Rows come out by SOC code, then nation, states, metropolitan areas.
    let rows: Vec<&str> = written.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(rows[0], HEADER);
    assert_eq!(
        &rows[1..],
        [ARCHITECTS, ARCHITECTS_CA, ARCHITECTS_SF, PHYSICIANS_AL]
    );
    assert!(written.contains("\n# release: May 2025\n# published: 2026-05-15\n"));
}

#[test]
fn problems_are_located_at_the_value() {
    let bad_value = ARCHITECTS.replacen(",134050,", ",134O50,", 1);
    let bad_note = ARCHITECTS_SF.replacen("3350,,", "3350,7,", 1);
    let text = file(&[
        &bad_value,
        "15-1241,Computer Network Architects,0000000",
        &bad_note,
    ]);
    let problems = parse(&text).expect_err("refused");
    assert_eq!(
        problems,
        [
            "official-pay.csv:7:87: annual_median: `134O50` is not a whole number, nor `-` (no figure published)",
            "official-pay.csv:8:1: the row has 3 fields, but the header has 31",
            "official-pay.csv:9:88: the footnote `7` is not declared: add a line `# footnote 7: …` above the header",
        ]
    );
}

#[test]
fn comments_between_rows_keep_line_numbers() {
    let bad = ARCHITECTS_SF.replacen("0041860,M", "0041860,X", 1);
    let mut text = file(&[ARCHITECTS]);
    text.push_str("# a note between rows\n\n");
    text.push_str(&bad);
    text.push('\n');
    assert_eq!(
        parse(&text).expect_err("refused"),
        [
            "official-pay.csv:10:45: the area type `X` is not N (national), S (state) or M (metropolitan or nonmetropolitan area)"
        ]
    );
}

#[test]
fn repeated_and_inconsistent_rows_are_refused() {
    let renamed = ARCHITECTS_SF.replacen("Computer Network Architects", "Network Architects", 1);
    let text = file(&[ARCHITECTS, ARCHITECTS, &renamed]);
    assert_eq!(
        parse(&text).expect_err("refused"),
        [
            "official-pay.csv:8:1: line 7 already gives the figures for 15-1241 in area 0000000",
            "official-pay.csv:9:9: the occupation 15-1241 is called `Network Architects` here, but `Computer Network Architects` on line 7",
        ]
    );
}

#[test]
fn the_header_is_checked_by_name() {
    let text = file(&[]).replacen(",annual_p90_footnotes,", ",annual_p90_notes,", 1);
    assert_eq!(
        parse(&text).expect_err("refused"),
        [
            "official-pay.csv:6:252: unknown column `annual_p90_notes`",
            "official-pay.csv:6:1: the header has no column `annual_p90_footnotes`",
        ]
    );
    let text = file(&[ARCHITECTS]).replacen("# release: May 2025\n", "", 1);
    assert_eq!(
        parse(&text).expect_err("refused"),
        [
            "official-pay.csv:1:1: the file does not say which release it holds: add a line `# release: May 2025` above the header"
        ]
    );
    let text = file(&[ARCHITECTS]).replacen("2026-05-15", "2026-02-30", 1);
    assert_eq!(
        parse(&text).expect_err("refused"),
        ["official-pay.csv:3:14: `2026-02-30` is not a date such as 2026-05-15"]
    );
}

#[test]
fn a_file_of_many_problems_reports_the_first_twenty_and_a_count() {
    let bad = ARCHITECTS.replacen("15-1241", "15-12411", 1);
    let rows = vec![bad.as_str(); 25];
    let problems = parse(&file(&rows)).expect_err("refused");
    assert_eq!(problems.len(), 21);
    assert_eq!(problems[20], "official-pay.csv: 5 more problems not shown");
}

#[test]
fn values() {
    assert_eq!(parse_value("179740", Unit::Jobs), Ok(179_740));
    assert_eq!(parse_value("67.11", Unit::CentsPerHour), Ok(6711));
    assert_eq!(parse_value("100.00", Unit::CentsPerHour), Ok(10_000));
    assert_eq!(parse_value("67.1", Unit::CentsPerHour), Ok(6710));
    assert_eq!(parse_value("67", Unit::CentsPerHour), Ok(6700));
    for bad in ["", "1.5", "-1", "1e5", "1,000", "9999999999"] {
        assert!(parse_value(bad, Unit::DollarsPerYear).is_err(), "{bad}");
    }
    for bad in ["", "67.", ".5", "67.111", "6.7.1", "x"] {
        assert!(parse_value(bad, Unit::CentsPerHour).is_err(), "{bad}");
    }
    assert_eq!(format_value(6711, Unit::CentsPerHour), "67.11");
    assert_eq!(format_value(6700, Unit::CentsPerHour), "67.00");
    assert_eq!(format_value(139_580, Unit::DollarsPerYear), "139580");
}

#[test]
fn codes_and_dates() {
    assert!(is_soc("15-1241"));
    assert!(is_soc("00-0000"));
    for bad in ["151241", "15-124", "15–1241", "1a-1241", "15-12411"] {
        assert!(!is_soc(bad), "{bad}");
    }
    assert!(is_date("2026-05-15"));
    assert!(is_date("2024-02-29"));
    for bad in [
        "2026-5-15",
        "2026-02-30",
        "2025-02-29",
        "2026-13-01",
        "15/05/2026",
    ] {
        assert!(!is_date(bad), "{bad}");
    }
}

#[test]
fn every_datatype_is_one_measure() {
    for measure in Measure::ALL {
        assert_eq!(
            Measure::from_datatype(measure.datatype().as_bytes()),
            Some(measure)
        );
    }
    assert_eq!(Measure::from_datatype(b"02"), None);
    assert_eq!(Measure::from_datatype(b"16"), None);
}

#[test]
fn area_slugs_are_unique() {
    let mut builder = Builder::new(Release::default(), Vec::new());
    let a = builder.area("0100001", AreaKind::Metro, "Springfield, XX");
    let b = builder.area("0100002", AreaKind::Metro, "Springfield XX");
    let c = builder.area("0000000", AreaKind::National, "National");
    for area in [a, b, c].into_iter().flatten() {
        let occupation = builder.occupation("15-1241", "Architects");
        builder.push(occupation, area, Estimates::default());
    }
    let pay = builder.build();
    let slugs: Vec<&str> = pay.areas().iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(slugs, ["national", "springfield-xx", "springfield-xx-2"]);
    assert_eq!(
        pay.area_by_slug("springfield-xx-2")
            .map(|a| a.code.as_str()),
        Some("0100002")
    );
}

#[test]
fn columns_of_fields() {
    assert_eq!(field_column("a,b,c", 0), 1);
    assert_eq!(field_column("a,b,c", 2), 5);
    assert_eq!(field_column("\"x, y\",é,c", 2), 10);
    assert_eq!(field_column("a", 3), 2);
}
