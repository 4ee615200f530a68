//! Data for reuse: JSON-LD on pages, the JSON API, the salaries CSV and the
//! front matter's JSON Schema.

use axum::http::{Method, StatusCode};
use rolecompare::http::SECURITY_HEADERS;
use serde_json::{Value, json};

use crate::support::{
    BASE_URL, bundled_router, content_with, get, repo_path, request, router, router_with, select,
};

const PAIR: &str = "/compare/aws-engineer-vs-aws-architect";

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("invalid JSON ({e}): {body}"))
}

#[tokio::test]
async fn comparison_and_role_pages_embed_occupations_as_json_ld() {
    let app = bundled_router();
    for (path, count) in [(PAIR, 2), ("/roles/aws-architect", 1)] {
        let html = get(&app, path).await.html();
        let blocks = select(&html, "script[type='application/ld+json']");
        assert_eq!(blocks.len(), 1, "{path}");
        let data = json(&blocks[0]);
        assert_eq!(data["@context"], "https://schema.org");
        let graph = data["@graph"].as_array().expect("graph");
        assert_eq!(graph.len(), count, "{path}");
        for occupation in graph {
            assert_eq!(occupation["@type"], "Occupation");
            assert_eq!(
                occupation["responsibilities"].as_array().map(Vec::len),
                Some(5)
            );
            // The source is attached as a CreativeWork about the
            // occupation (`subjectOf`, a property of every Thing).
            assert!(occupation.get("isBasedOn").is_none(), "{path}");
            assert_eq!(occupation["subjectOf"]["@type"], "CreativeWork");
            assert_eq!(
                occupation["subjectOf"]["name"],
                "AWS Engineer vs AWS Architect"
            );
            // The article names NovelVista as its author's employer, not as
            // its publisher.
            assert_eq!(
                occupation["subjectOf"]["author"],
                json!({
                    "@type": "Person",
                    "name": "Vaibhav Umarvaishya",
                    "affiliation": {"@type": "Organization", "name": "NovelVista"},
                })
            );
            assert!(occupation["subjectOf"].get("publisher").is_none(), "{path}");
            for amount in occupation["estimatedSalary"].as_array().expect("salary") {
                assert!(amount.get("unitText").is_none(), "{path}: {amount}");
            }
        }
    }
    let html = get(&app, PAIR).await.html();
    let data = json(&select(&html, "script[type='application/ld+json']")[0]);
    let architect = &data["@graph"][1];
    assert_eq!(architect["name"], "AWS Architect");
    let senior = &architect["estimatedSalary"][2];
    assert_eq!(senior["@type"], "MonetaryAmount");
    assert_eq!(senior["name"], "Senior");
    assert_eq!(senior["currency"], "USD");
    assert_eq!(senior["minValue"], 160_000);
    // "$160,000 – $200,000+": the source states no maximum, so none is
    // published, and the description says so.
    assert!(senior.get("maxValue").is_none(), "{senior}");
    assert_eq!(
        senior["description"],
        "$160,000 – $200,000+ USD per year (open-ended: the source states no maximum)"
    );
    let junior = &architect["estimatedSalary"][0];
    assert_eq!(junior["minValue"], 100_000);
    assert_eq!(junior["maxValue"], 130_000);
    assert_eq!(junior["description"], "$100,000 – $130,000 USD per year");
    assert_eq!(
        architect["qualifications"][1],
        "AWS Certified Security – Specialty"
    );
}

#[tokio::test]
async fn json_ld_can_never_close_its_script_element() {
    let app = router(&crate::support::fixture("three-roles"));
    let reply = get(&app, "/roles/lighthouse-keeper").await;
    // The summary holds "<light>": escaped inside the JSON as \u003c.
    let start = reply.body.find("application/ld+json").expect("json-ld");
    let block = &reply.body[start..];
    let block = &block[..block.find("</script>").expect("end")];
    assert!(!block.contains("<light>"), "{block}");
    assert!(block.contains("\\u003clight\\u003e"), "{block}");
}

#[tokio::test]
async fn the_api_serves_roles_and_comparisons_as_json() {
    let app = bundled_router();
    let reply = get(&app, "/api/roles").await;
    reply.assert_success();
    assert_eq!(reply.header("content-type"), "application/json");
    assert_eq!(reply.header("access-control-allow-origin"), "*");
    let list = json(&reply.body);
    let roles = list["roles"].as_array().expect("roles");
    assert_eq!(roles.len(), 2);
    assert_eq!(roles[0]["slug"], "aws-architect");
    assert_eq!(
        roles[0]["api"],
        format!("{BASE_URL}/api/roles/aws-architect")
    );

    let role = json(&get(&app, "/api/roles/aws-engineer").await.body);
    assert_eq!(role["title"], "AWS Engineer");
    assert_eq!(role["family"], "Cloud");
    assert_eq!(role["responsibilities"][1]["name"], "Automation");
    assert_eq!(
        role["responsibilities"][1]["anchor"],
        "responsibilities-aws-engineer-automation"
    );
    assert_eq!(role["salaries"]["levels"][2]["max"], 180_000);
    assert_eq!(role["salaries"]["levels"][2]["open_ended"], true);
    assert_eq!(
        role["salaries"]["source"]["author_affiliation"],
        "NovelVista"
    );
    assert!(role["salaries"]["source"]["publisher"].is_null());
    assert!(
        role["salaries"]["note"]
            .as_str()
            .is_some_and(|note| note.contains("US dollars")),
        "{}",
        role["salaries"]
    );
    assert_eq!(role["day_in_the_life"]["illustrative"], true);
    assert_eq!(
        role["career_path"][3]["titles"].as_array().map(Vec::len),
        Some(0)
    );

    let pair = get(&app, &format!("/api{PAIR}")).await;
    pair.assert_success();
    assert_eq!(pair.header("access-control-allow-origin"), "*");
    let pair = json(&pair.body);
    assert_eq!(pair["title"], "AWS Engineer vs AWS Architect");
    assert_eq!(pair["roles"].as_array().map(Vec::len), Some(2));
    assert_eq!(pair["salary_differences"][0]["level"], "junior");
    assert_eq!(
        pair["salary_differences"][0]["low_end"],
        "+$20,000 (+25.0%)"
    );
    assert!(
        pair["curated"]["key_differences"]
            .as_array()
            .is_some_and(|d| !d.is_empty())
    );

    get(&app, "/api/roles/nope")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    get(&app, "/api/compare/aws-engineer-vs-aws-engineer")
        .await
        .assert_status(StatusCode::BAD_REQUEST);
}

/// Every error under `/api/` is a small JSON object any origin may read,
/// with the right status and the headers every response carries; at the
/// root and under a base path.
#[tokio::test]
async fn the_apis_errors_are_json() {
    let root = bundled_router();
    let settings = crate::support::settings_under("/careers");
    let careers = router_with(&repo_path("content"), settings);
    let long = format!("/api/roles/{}", "a".repeat(4096));
    for (base, app) in [("", &root), ("/careers", &careers)] {
        for (method, path, status, message) in [
            (
                Method::GET,
                "/api/roles/nope",
                404,
                "We have no role called “nope”.",
            ),
            (
                Method::GET,
                "/api/compare/nope-vs-aws-engineer",
                404,
                "We have no role called “nope”.",
            ),
            (
                Method::GET,
                "/api/compare/nope-vs-aws-engineer-vs-nix",
                404,
                "We have no role called “nope” or “nix”.",
            ),
            (
                Method::GET,
                "/api/nope",
                404,
                "There is no data at this address.",
            ),
            (
                Method::GET,
                "/api/compare/aws-engineer",
                404,
                "There is no data at this address.",
            ),
            (
                Method::GET,
                "/api/compare/a-vs-b-vs-c-vs-d-vs-e",
                400,
                "This address names 5 roles; a comparison has two, three or four.",
            ),
            (
                Method::GET,
                "/api/compare/aws-engineer-vs-aws-engineer",
                400,
                "A comparison needs different roles, and “aws-engineer” appears more than once.",
            ),
            (
                Method::POST,
                "/api/roles",
                405,
                "This site only answers GET and HEAD requests.",
            ),
            (
                Method::DELETE,
                "/api/roles/nope",
                405,
                "This site only answers GET and HEAD requests.",
            ),
            (
                Method::GET,
                long.as_str(),
                414,
                "This address is longer than any on this site.",
            ),
        ] {
            let path = format!("{base}{path}");
            let reply = request(app, method, &path).await;
            let short = &path[..path.len().min(60)];
            assert_eq!(reply.status.as_u16(), status, "{short}: {}", reply.body);
            assert_eq!(reply.header("content-type"), "application/json", "{short}");
            assert_eq!(reply.header("access-control-allow-origin"), "*", "{short}");
            assert_eq!(reply.header("cache-control"), "no-store", "{short}");
            for (name, value) in SECURITY_HEADERS {
                assert_eq!(reply.header(name.as_str()), value, "{short}");
            }
            let reason = reply
                .status
                .canonical_reason()
                .expect("reason")
                .to_lowercase();
            assert_eq!(
                json(&reply.body),
                serde_json::json!({"status": status, "error": reason, "message": message}),
                "{short}"
            );
            if status == 405 {
                assert_eq!(reply.header("allow"), "GET, HEAD", "{short}");
            }
        }
    }
    // The exact bytes: small, in this order.
    let reply = get(&root, "/api/roles/nope").await;
    assert_eq!(
        reply.body,
        r#"{"status":404,"error":"not found","message":"We have no role called “nope”."}"#
    );
    // Elsewhere, errors are pages; under a base path, `/api/` outside the
    // prefix is outside the site.
    for (app, path) in [
        (&root, "/roles/nope"),
        (&root, "/apinope"),
        (&careers, "/api/roles/nope"),
    ] {
        let reply = get(app, path).await;
        reply.assert_status(StatusCode::NOT_FOUND);
        assert_eq!(
            reply.header("content-type"),
            "text/html; charset=utf-8",
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_api_follows_renamed_roles() {
    let dir = content_with(&["alias"]);
    let app = router(dir.path());
    let reply = get(&app, "/api/roles/sea-pilot").await;
    reply.assert_status(StatusCode::MOVED_PERMANENTLY);
    assert_eq!(reply.header("location"), "/api/roles/harbour-pilot");
    let reply = get(&app, "/api/compare/sea-pilot-vs-ferry-captain").await;
    reply.assert_status(StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        reply.header("location"),
        "/api/compare/harbour-pilot-vs-ferry-captain"
    );
}

#[tokio::test]
async fn salaries_csv_has_a_row_per_role_and_level() {
    let app = bundled_router();
    let reply = get(&app, "/salaries.csv").await;
    reply.assert_success();
    assert_eq!(reply.header("content-type"), "text/csv; charset=utf-8");
    let rows: Vec<&str> = reply.body.lines().collect();
    // The content's columns first, then the official figures'
    // (`official_data.rs` tests those).
    assert!(
        rows[0].starts_with(
            "role,title,level,level_label,currency,period,min,max,open_ended,source,official_soc,"
        ),
        "{}",
        rows[0]
    );
    assert_eq!(rows.len(), 7);
    assert!(rows.iter().any(|row| row.starts_with("aws-engineer,AWS Engineer,senior,Senior,USD,year,140000,180000,true,AWS Engineer vs AWS Architect,15-1244,")));
    assert!(rows.iter().any(|row| row.starts_with("aws-architect,AWS Architect,junior,Junior,USD,year,100000,130000,false,AWS Engineer vs AWS Architect,15-1241,")));
}

#[tokio::test]
async fn the_schema_describes_the_front_matter() {
    let app = bundled_router();
    let reply = get(&app, "/schema/role.json").await;
    reply.assert_success();
    assert_eq!(reply.header("content-type"), "application/schema+json");
    let schema = json(&reply.body);
    assert_eq!(schema["$id"], format!("{BASE_URL}/schema/role.json"));
    assert_eq!(schema["additionalProperties"], false);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .expect("required")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for key in [
        "title",
        "summary",
        "responsibilities",
        "skills",
        "day_to_day",
        "career_path",
        "job_market",
        "salaries",
    ] {
        assert!(required.contains(&key), "{key} is required");
    }
    assert!(!required.contains(&"certifications"));
    for key in [
        "aliases",
        "family",
        "certifications",
        "day_in_the_life",
        "occupation",
    ] {
        assert!(schema["properties"][key].is_object(), "{key} is described");
    }
    assert_eq!(schema["properties"]["responsibilities"]["type"], "array");
}

/// Text from content that a spreadsheet would read as a formula (a cell
/// starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written
/// with a leading `'`, as OWASP recommends against CSV injection; numbers
/// and the rest are written as they are, and the file still parses.
#[tokio::test]
async fn salaries_csv_neutralises_cells_that_would_start_a_formula() {
    let dir = content_with(&[]);
    let file = dir.path().join("roles/ferry-captain.md");
    let text = std::fs::read_to_string(&file).expect("read role");
    let text = text
        .replacen(
            "title: Ferry Captain",
            "title: '=HYPERLINK(\"x\",\"y\")'",
            1,
        )
        .replacen("name: Invented for testing", "name: '@SUM(1+1)'", 1);
    std::fs::write(&file, text).expect("write role");
    let app = router(dir.path());
    let reply = get(&app, "/salaries.csv").await;
    reply.assert_success();
    assert!(
        reply
            .body
            .contains("ferry-captain,\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",mid,"),
        "{}",
        reply.body
    );
    let mut reader = csv::Reader::from_reader(reply.body.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(headers.len(), 28);
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("the CSV parses");
    let captain: Vec<&csv::StringRecord> =
        rows.iter().filter(|r| &r[0] == "ferry-captain").collect();
    assert!(!captain.is_empty());
    for row in captain {
        assert_eq!(&row[1], "'=HYPERLINK(\"x\",\"y\")");
        assert_eq!(&row[9], "'@SUM(1+1)");
        assert!(row[6].parse::<u64>().is_ok(), "{row:?}");
    }
    // Other roles' text is untouched.
    assert!(rows.iter().any(|r| &r[1] == "Harbour Pilot"), "{rows:?}");
}

/// `+` and `-` start a formula too: such a cell gets the same leading
/// `'`. (Content is trimmed, so a cell cannot start with a tab or a carriage
/// return from it; `render::data`'s unit test covers those.)
#[tokio::test]
async fn salaries_csv_neutralises_cells_starting_with_plus_or_minus_too() {
    let dir = content_with(&[]);
    let edit = |role: &str, title: &str, source: &str| {
        let file = dir.path().join(format!("roles/{role}.md"));
        let text = std::fs::read_to_string(&file).expect("read role");
        let heading = text.lines().nth(1).expect("title line").to_owned();
        let text = text
            .replacen(&heading, &format!("title: {title}"), 1)
            .replacen("name: Invented for testing", &format!("name: {source}"), 1);
        std::fs::write(&file, text).expect("write role");
    };
    edit("ferry-captain", "'+SUM(1,1)'", "'-1+cmd|'' /C calc''!A0'");
    edit("harbour-pilot", "'-2+3'", "'+A1'");
    let app = router(dir.path());
    let reply = get(&app, "/salaries.csv").await;
    reply.assert_success();
    let mut reader = csv::Reader::from_reader(reply.body.as_bytes());
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("the CSV parses");
    let cells = |slug: &str| -> (String, String) {
        let row = rows
            .iter()
            .find(|r| &r[0] == slug)
            .unwrap_or_else(|| panic!("{slug} has rows"));
        (row[1].to_owned(), row[9].to_owned())
    };
    assert_eq!(
        cells("ferry-captain"),
        ("'+SUM(1,1)".to_owned(), "'-1+cmd|' /C calc'!A0".to_owned())
    );
    assert_eq!(
        cells("harbour-pilot"),
        ("'-2+3".to_owned(), "'+A1".to_owned())
    );
}
