//! Official pay figures as data for reuse: a role's `official` object in
//! the JSON API, the `official_*` columns of `/salaries.csv` and the
//! occupation's SOC code and BLS wage distribution in JSON-LD, for the
//! bundled roles and for a made-up site whose national figures are
//! top-coded, withheld or hourly only.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde_json::{Value, json};

use crate::support::{bundled_router, content_with, get, load_ok, repo_path, router, select};

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("invalid JSON ({e}): {body}"))
}

/// The national row of `soc` in an `official-pay.csv`, by column name.
fn national_row(file: &Path, soc: &str) -> HashMap<String, String> {
    let text = fs::read_to_string(file).expect("official-pay.csv");
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|record| record.expect("a row"))
        .find(|record| &record[0] == soc && &record[2] == "0000000")
        .map(|record| {
            headers
                .iter()
                .zip(record.iter())
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect()
        })
        .unwrap_or_else(|| panic!("no national row for {soc}"))
}

/// The JSON-LD graph of a page.
async fn json_ld(app: &rolecompare::http::App, path: &str) -> Vec<Value> {
    let html = get(app, path).await.html();
    let blocks = select(&html, "script[type='application/ld+json']");
    assert_eq!(blocks.len(), 1, "{path}");
    json(&blocks[0])["@graph"]
        .as_array()
        .expect("a graph")
        .clone()
}

/// `/salaries.csv` as rows of named cells.
async fn salaries_csv(app: &rolecompare::http::App) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let reply = get(app, "/salaries.csv").await;
    reply.assert_success();
    let mut reader = csv::Reader::from_reader(reply.body.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|record| {
            let record = record.expect("the CSV parses");
            headers
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    (headers, rows)
}

const WAGES: [&str; 6] = ["p10", "p25", "median", "p75", "p90", "mean"];

#[tokio::test]
async fn the_api_gives_the_bundled_roles_blss_national_figures() {
    let app = bundled_router();
    let content = load_ok(&repo_path("content"));
    let file = repo_path("content/official-pay.csv");
    let pair = json(
        &get(&app, "/api/compare/aws-engineer-vs-aws-architect")
            .await
            .body,
    );
    for (n, (slug, soc, title)) in [
        (
            "aws-engineer",
            "15-1244",
            "Network and Computer Systems Administrators",
        ),
        ("aws-architect", "15-1241", "Computer Network Architects"),
    ]
    .into_iter()
    .enumerate()
    {
        let role = json(&get(&app, &format!("/api/roles/{slug}")).await.body);
        let official = &role["official"];
        let note = content.role(slug).and_then(|r| r.occupation.as_ref());
        let note = note.expect("an occupation").note.as_str();
        assert_eq!(
            official["occupation"],
            json!({"soc": soc, "title": title, "note": note})
        );
        assert_eq!(
            official["source"],
            json!({
                "name": "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics",
                "release": "May 2025",
                "published": "2026-05-15",
                "url": "https://www.bls.gov/oes/",
                "data": "https://download.bls.gov/pub/time.series/oe/",
            })
        );
        assert_eq!(
            official["area"],
            json!({"code": "0000000", "name": "National", "kind": "national"})
        );
        assert_eq!(official["currency"], "USD");
        // Every figure as official-pay.csv has it for the nation: jobs and
        // dollars a year whole, an hourly wage in dollars and cents.
        let row = national_row(&file, soc);
        let whole = |column: &str| row[column].parse::<u64>().expect(column);
        assert_eq!(
            official["employment"],
            json!({"value": whole("employment"), "status": "published", "at_least": null, "footnotes": []})
        );
        for key in WAGES {
            let annual = &official["annual"][key];
            assert_eq!(
                annual["value"],
                whole(&format!("annual_{key}")),
                "{slug} {key}"
            );
            assert_eq!(annual["status"], "published");
            assert_eq!(annual["at_least"], Value::Null);
            let hourly: f64 = row[&format!("hourly_{key}")].parse().expect("hourly");
            assert_eq!(official["hourly"][key]["value"].as_f64(), Some(hourly));
        }
        assert_eq!(official["notes"], json!([]));
        // A comparison gives each role the same object.
        assert_eq!(pair["roles"][n]["slug"], slug);
        assert_eq!(&pair["roles"][n]["official"], official);
    }
    // The numbers themselves, from the May 2025 release.
    let architect = json(&get(&app, "/api/roles/aws-architect").await.body);
    let official = &architect["official"];
    assert_eq!(official["employment"]["value"], 179_740);
    assert_eq!(official["annual"]["median"]["value"], 134_050);
    assert_eq!(official["annual"]["p90"]["value"], 202_680);
    assert_eq!(official["hourly"]["mean"]["value"], 67.11);
    let engineer = json(&get(&app, "/api/roles/aws-engineer").await.body);
    assert_eq!(engineer["official"]["annual"]["p10"]["value"], 62_640);
    assert_eq!(engineer["official"]["hourly"]["median"]["value"], 47.66);
}

/// A copy of the three-role site with `official-pay.csv`, in which the
/// Harbour Pilot is counted with emergency physicians, whose national
/// median, 90th percentile and mean are top-coded (footnote 5) and 75th
/// percentile withheld (8), and the Lighthouse Keeper with musicians, paid
/// only by the hour (4). The Ferry Captain names no occupation.
fn site_with_gaps() -> tempfile::TempDir {
    let dir = content_with(&["official-pay"]);
    let path = dir.path().join("official-pay.csv");
    let text = fs::read_to_string(&path).expect("official-pay.csv");
    let national = "29-1214,Emergency Medicine Physicians,0000000,N,National,32880,,317480,,103610,,184830,,335550,,418890,,495910,,152.64,,49.81,,88.86,,161.32,,201.39,,238.42,";
    assert!(text.contains(national), "the fixture's physicians");
    let gaps = "29-1214,Emergency Medicine Physicians,0000000,N,National,32880,,-,5,103610,,184830,,-,5,-,8,-,5,-,5,49.81,,88.86,,-,5,-,8,-,5";
    // A title a spreadsheet would take for a formula.
    let text = text
        .replacen(national, gaps, 1)
        .replace(",Musicians and Singers,", ",=Musicians and Singers,");
    fs::write(&path, text).expect("write official-pay.csv");
    for (slug, soc) in [
        ("harbour-pilot", "29-1214"),
        ("lighthouse-keeper", "27-2042"),
    ] {
        let path = dir.path().join(format!("roles/{slug}.md"));
        let text = fs::read_to_string(&path).expect("role file");
        let end = text[3..].find("\n---\n").expect("front matter") + 4;
        let text = format!(
            "{}occupation:\n  soc: \"{soc}\"\n  note: Invented for testing.\n{}",
            &text[..end],
            &text[end..]
        );
        fs::write(&path, text).expect("write role file");
    }
    dir
}

#[tokio::test]
async fn a_figure_without_a_number_is_null_with_the_reason() {
    let dir = site_with_gaps();
    let app = router(dir.path());
    let pilot = json(&get(&app, "/api/roles/harbour-pilot").await.body);
    let official = &pilot["official"];
    assert_eq!(official["occupation"]["soc"], "29-1214");
    // Top-coded: no number, but the floor BLS states for it.
    assert_eq!(
        official["annual"]["p90"],
        json!({"value": null, "status": "top_coded", "at_least": 239_200, "footnotes": ["5"]})
    );
    assert_eq!(
        official["hourly"]["median"],
        json!({"value": null, "status": "top_coded", "at_least": 115.0, "footnotes": ["5"]})
    );
    assert_eq!(official["annual"]["mean"]["status"], "top_coded");
    // Not released: no number and no floor.
    assert_eq!(
        official["annual"]["p75"],
        json!({"value": null, "status": "not_released", "at_least": null, "footnotes": ["8"]})
    );
    // What BLS did publish is there, and nothing else is filled in.
    assert_eq!(official["annual"]["p25"]["value"], 184_830);
    assert_eq!(official["hourly"]["p10"]["value"], 49.81);
    assert_eq!(
        official["notes"],
        json!([
            {"code": "5", "text": "This wage is equal to or greater than $115.00 per hour or $239,200 per year."},
            {"code": "8", "text": "Estimate not released."},
        ])
    );

    // Paid only by the hour: no annual wage is made up from the hourly.
    let keeper = json(&get(&app, "/api/roles/lighthouse-keeper").await.body);
    let official = &keeper["official"];
    assert_eq!(official["occupation"]["title"], "=Musicians and Singers");
    for key in WAGES {
        assert_eq!(
            official["annual"][key],
            json!({"value": null, "status": "hourly_only", "at_least": null, "footnotes": ["4"]}),
            "{key}"
        );
    }
    assert_eq!(official["hourly"]["median"]["value"], 47.8);
    assert_eq!(official["hourly"]["p90"]["value"], 132.56);

    // A role without an occupation has `official: null`, in a comparison too.
    let captain = json(&get(&app, "/api/roles/ferry-captain").await.body);
    assert_eq!(captain.get("official"), Some(&Value::Null));
    let pair = json(
        &get(&app, "/api/compare/ferry-captain-vs-harbour-pilot")
            .await
            .body,
    );
    assert_eq!(pair["roles"][0]["official"], Value::Null);
    assert_eq!(pair["roles"][1]["official"]["occupation"]["soc"], "29-1214");
}

#[tokio::test]
async fn salaries_csv_ends_each_row_with_the_official_figures() {
    let app = bundled_router();
    let (headers, rows) = salaries_csv(&app).await;
    assert_eq!(
        headers.join(","),
        "role,title,level,level_label,currency,period,min,max,open_ended,source,\
         official_soc,official_title,official_release,official_area,official_employment,\
         official_annual_p10,official_annual_p25,official_annual_median,official_annual_p75,\
         official_annual_p90,official_annual_mean,official_hourly_p10,official_hourly_p25,\
         official_hourly_median,official_hourly_p75,official_hourly_p90,official_hourly_mean,\
         official_footnotes"
    );
    let file = repo_path("content/official-pay.csv");
    for (slug, soc) in [("aws-engineer", "15-1244"), ("aws-architect", "15-1241")] {
        let national = national_row(&file, soc);
        let own: Vec<_> = rows.iter().filter(|row| row["role"] == slug).collect();
        assert_eq!(own.len(), 3, "{slug}: a row per level");
        for row in own {
            assert_eq!(row["official_soc"], soc);
            assert_eq!(row["official_title"], national["occupation"]);
            assert_eq!(row["official_release"], "May 2025");
            assert_eq!(row["official_area"], "National");
            assert_eq!(row["official_footnotes"], "");
            for column in national.keys().filter(|c| {
                !c.ends_with("_footnotes") && (c.starts_with("annual_") || c.starts_with("hourly_"))
            }) {
                // As BLS writes them: hourly wages with two decimals.
                assert_eq!(
                    row[&format!("official_{column}")],
                    national[column],
                    "{column}"
                );
            }
            assert_eq!(row["official_employment"], national["employment"]);
        }
    }
    let architect = rows
        .iter()
        .find(|row| row["role"] == "aws-architect" && row["level"] == "junior")
        .expect("a row");
    assert_eq!(architect["official_annual_median"], "134050");
    assert_eq!(architect["official_hourly_p25"], "50.30");
}

#[tokio::test]
async fn salaries_csv_writes_a_top_coded_wage_as_at_least_its_floor() {
    let dir = site_with_gaps();
    let app = router(dir.path());
    let (headers, rows) = salaries_csv(&app).await;
    assert_eq!(headers.len(), 28);
    let pilot = rows
        .iter()
        .find(|row| row["role"] == "harbour-pilot")
        .expect("the pilot");
    assert_eq!(pilot["official_annual_p10"], "103610");
    assert_eq!(pilot["official_annual_median"], ">=239200");
    assert_eq!(pilot["official_annual_p75"], "");
    assert_eq!(pilot["official_annual_p90"], ">=239200");
    assert_eq!(pilot["official_hourly_p90"], ">=115.00");
    assert_eq!(
        pilot["official_footnotes"],
        "annual_median:5; annual_p75:8; annual_p90:5; annual_mean:5; \
         hourly_median:5; hourly_p75:8; hourly_p90:5; hourly_mean:5"
    );
    let keeper = rows
        .iter()
        .find(|row| row["role"] == "lighthouse-keeper")
        .expect("the keeper");
    // Text from official-pay.csv is neutralised like the content's.
    assert_eq!(keeper["official_title"], "'=Musicians and Singers");
    assert_eq!(keeper["official_annual_median"], "");
    assert_eq!(keeper["official_hourly_median"], "47.80");
    assert!(keeper["official_footnotes"].starts_with("annual_p10:4; "));
    // No occupation: the official cells are empty.
    let captain = rows
        .iter()
        .find(|row| row["role"] == "ferry-captain")
        .expect("the captain");
    for column in headers.iter().filter(|c| c.starts_with("official_")) {
        assert_eq!(captain[column], "", "{column}");
    }
}

#[tokio::test]
async fn json_ld_gives_the_soc_code_and_blss_wage_distribution() {
    let app = bundled_router();
    let graph = json_ld(&app, "/roles/aws-architect").await;
    let architect = &graph[0];
    assert_eq!(
        architect["occupationalCategory"],
        json!({
            "@type": "CategoryCode",
            "codeValue": "15-1241",
            "name": "Computer Network Architects",
            "inCodeSet": {
                "@type": "CategoryCodeSet",
                "name": "Standard Occupational Classification (SOC)",
                "url": "https://www.bls.gov/soc/",
            },
        })
    );
    assert_eq!(
        architect["occupationLocation"],
        json!({"@type": "Country", "name": "United States"})
    );
    // The article's levels first, then BLS's distribution.
    let salaries = architect["estimatedSalary"].as_array().expect("a list");
    assert_eq!(salaries.len(), 4);
    assert!(salaries[..3].iter().all(|s| s["@type"] == "MonetaryAmount"));
    let bls = &salaries[3];
    assert_eq!(bls["@type"], "MonetaryAmountDistribution");
    assert_eq!(
        bls["name"],
        "BLS OEWS May 2025 national estimate for AWS Architect: Computer Network Architects (SOC 15-1241)"
    );
    assert_eq!(bls["currency"], "USD");
    assert_eq!(bls["duration"], "P1Y");
    for (property, value) in [
        ("percentile10", 79_900),
        ("percentile25", 104_620),
        ("median", 134_050),
        ("percentile75", 168_200),
        ("percentile90", 202_680),
    ] {
        assert_eq!(bls[property], value, "{property}");
    }
    let description = bls["description"].as_str().expect("a description");
    // The figures are named for what they are: the occupation, next to the
    // role it stands for, and whom BLS counts.
    assert!(
        description.starts_with("Annual wages of wage and salary workers (the self-employed are not included) in Computer Network Architects (SOC 15-1241), the official occupation this site counts AWS Architect in, in the United States"),
        "{description}"
    );
    assert!(description.contains("mean $139,580"), "{description}");
    assert!(
        description.ends_with("Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May 2025, published 2026-05-15."),
        "{description}"
    );
    // A comparison's occupations carry the same.
    let pair = json_ld(&app, "/compare/aws-engineer-vs-aws-architect").await;
    assert_eq!(pair[0]["occupationalCategory"]["codeValue"], "15-1244");
    assert_eq!(pair[1]["estimatedSalary"][3], *bls);
}

#[tokio::test]
async fn json_ld_leaves_out_a_percentile_without_a_number_and_says_why() {
    let dir = site_with_gaps();
    let app = router(dir.path());
    let pilot = &json_ld(&app, "/roles/harbour-pilot").await[0];
    let bls = pilot["estimatedSalary"]
        .as_array()
        .and_then(|s| s.last())
        .expect("a distribution");
    assert_eq!(bls["@type"], "MonetaryAmountDistribution");
    assert_eq!(bls["percentile10"], 103_610);
    assert_eq!(bls["percentile25"], 184_830);
    for property in ["median", "percentile75", "percentile90"] {
        assert!(bls.get(property).is_none(), "{property}: {bls}");
    }
    let description = bls["description"].as_str().expect("a description");
    for said in [
        "median $239,200 or more",
        "75th percentile not released",
        "90th percentile $239,200 or more",
        "top-coded: BLS publishes no number for it",
        "A percentile without a number is left out here.",
    ] {
        assert!(description.contains(said), "{said}: {description}");
    }
    // Paid by the hour only: BLS's hourly distribution, per hour.
    let keeper = &json_ld(&app, "/roles/lighthouse-keeper").await[0];
    let bls = keeper["estimatedSalary"]
        .as_array()
        .and_then(|s| s.last())
        .expect("a distribution");
    assert_eq!(bls["@type"], "MonetaryAmountDistribution");
    assert_eq!(bls["duration"], "PT1H");
    assert_eq!(bls["median"], 47.8);
    assert_eq!(bls["percentile90"], 132.56);
    // No occupation: none of it.
    let captain = &json_ld(&app, "/roles/ferry-captain").await[0];
    assert!(captain.get("occupationalCategory").is_none());
    assert!(captain.get("occupationLocation").is_none());
    assert!(
        captain["estimatedSalary"]
            .as_array()
            .expect("a list")
            .iter()
            .all(|s| s["@type"] == "MonetaryAmount")
    );
}
