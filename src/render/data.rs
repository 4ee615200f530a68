//! The content as data for reuse: the JSON API, the salaries CSV, the JSON
//! Schema of role front matter, and schema.org JSON-LD for pages. Field
//! names here are a public contract (documented in docs/api.md): add,
//! never rename.

use serde::Serialize;
use serde_json::{Value, json};

use crate::address::Page;
use crate::content::{Certification, Content, Item, Role, Source};

use super::format;
use super::official_data;
use super::settings::Settings;
use super::views::{self, CompareView, anchors};

#[derive(Serialize)]
struct ItemJson<'a> {
    name: &'a str,
    detail: &'a str,
    tags: Vec<&'a str>,
    /// The item's id on role and comparison pages.
    anchor: String,
}

fn items<'a>(section: &str, role: &'a Role, list: &'a [Item]) -> Vec<ItemJson<'a>> {
    let ids = anchors(section, &role.slug, list.iter().map(|i| i.name.as_str()));
    list.iter()
        .zip(ids)
        .map(|(item, anchor)| ItemJson {
            name: &item.name,
            detail: &item.detail,
            tags: item.tags.iter().map(|t| t.value.as_str()).collect(),
            anchor,
        })
        .collect()
}

fn certifications(list: &[Certification]) -> Vec<Value> {
    list.iter()
        .map(|c| {
            json!({
                "name": c.name.as_str(),
                "note": c.note.as_str(),
                "tags": c.tags.iter().map(|t| t.value.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// A source's author as a schema.org `Person`, with the organization the
/// source says they work for.
fn author(name: &str, source: &Source) -> Value {
    without_nulls(json!({
        "@type": "Person",
        "name": name,
        "affiliation": source.author_affiliation.as_ref().map(|a| json!({
            "@type": "Organization",
            "name": a.value.as_str(),
        })),
    }))
}

fn source(source: &Source) -> Value {
    json!({
        "name": source.name.as_str(),
        "author": source.author.as_deref(),
        "author_affiliation": source.author_affiliation.as_ref().map(|a| a.value.as_str()),
        "publisher": source.publisher.as_deref(),
        "url": source.url.as_deref(),
        "as_of": source.as_of.as_deref(),
    })
}

/// One role, in full: `official` is BLS's national figures for the role's
/// occupation, or `null` when the role names none (or the data lacks it).
pub fn role(content: &Content, settings: &Settings, role: &Role) -> Value {
    let day = role.day_in_the_life.as_ref().map(|day| {
        json!({
            "illustrative": day.illustrative,
            "blocks": day.blocks.value.iter().map(|b| json!({
                "start": b.start.value.to_string(),
                "end": b.end.value.to_string(),
                "activity": b.activity.as_str(),
                "detail": b.detail.as_str(),
                "kind": b.kind.value.as_str(),
            })).collect::<Vec<_>>(),
        })
    });
    json!({
        "slug": role.slug,
        "title": role.title.as_str(),
        "family": role.family.as_deref(),
        "aliases": role.aliases.iter().map(|a| a.value.as_str()).collect::<Vec<_>>(),
        "summary": role.summary.as_str(),
        "url": settings.absolute(&Page::Role(role.slug.clone()).path()),
        "overview_html": views::overview_html(role, true),
        "responsibilities": items("responsibilities", role, &role.responsibilities),
        "skills": items("skills", role, &role.skills),
        "certifications": certifications(&role.certifications),
        "day_to_day": items("day-to-day", role, &role.day_to_day),
        "day_in_the_life": day,
        "career_path": role.career_path.iter().enumerate().map(|(i, s)| json!({
            "n": i + 1,
            "stage": s.stage.as_str(),
            "titles": s.titles.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            "detail": s.detail.as_str(),
            "level": s.level.as_ref().map(|l| l.value.as_str()),
        })).collect::<Vec<_>>(),
        "job_market": items("job-market", role, &role.job_market),
        "salaries": salaries(content, role),
        "official": official_data::national(content, role).map(|national| official_data::api(&national)),
    })
}

/// A role's salary ranges by level, with their source.
fn salaries(content: &Content, role: &Role) -> Value {
    let levels: Vec<Value> = role
        .salaries
        .levels
        .value
        .iter()
        .map(|l| {
            let id = l.level.value.as_str();
            json!({
                "level": id,
                "label": content.site.level(id).map(|d| d.label.as_str()),
                "min": l.min.value,
                "max": l.max.value,
                "open_ended": l.open_ended,
            })
        })
        .collect();
    json!({
        "currency": role.salaries.currency.value.as_str(),
        "period": role.salaries.period.as_str(),
        "basis": role.salaries.basis.as_deref(),
        "note": role.salaries.note.as_deref(),
        "source": source(&role.salaries.source),
        "levels": levels,
    })
}

/// `/api/roles`: every role, briefly.
pub fn roles(content: &Content, settings: &Settings) -> Value {
    json!({
        "roles": content.roles.iter().map(|role| json!({
            "slug": role.slug,
            "title": role.title.as_str(),
            "family": role.family.as_deref(),
            "summary": role.summary.as_str(),
            "url": settings.absolute(&Page::Role(role.slug.clone()).path()),
            "api": settings.absolute(&Page::ApiRole(role.slug.clone()).path()),
        })).collect::<Vec<_>>(),
    })
}

/// `/api/compare/{a}-vs-{b}`: the roles in full, the curated text, and the
/// salary differences when the units match.
pub fn compare(content: &Content, settings: &Settings, roles: &[&Role]) -> Value {
    let view = CompareView::new(content, roles);
    let differences: Option<Vec<Value>> = view.salaries.difference.as_ref().map(|_| {
        view.salaries
            .rows
            .iter()
            .filter_map(|row| {
                let (low, high) = row.difference.as_ref()?;
                Some(json!({ "level": row.id, "low_end": low, "high_end": high }))
            })
            .collect()
    });
    json!({
        "title": view.title,
        "url": settings.absolute(&view.canonical.path()),
        "roles": roles.iter().map(|r| role(content, settings, r)).collect::<Vec<_>>(),
        "curated": view.curated.map(|c| json!({
            "summary": c.summary.as_deref(),
            "intro_html": views::intro_html(c),
            "key_differences": c.key_differences.iter().map(|i| json!({"name": i.name.as_str(), "detail": i.detail.as_str()})).collect::<Vec<_>>(),
            "how_to_choose": c.how_to_choose.iter().map(|i| json!({"name": i.name.as_str(), "detail": i.detail.as_str()})).collect::<Vec<_>>(),
        })),
        "salary_differences": differences,
    })
}

/// A cell of text from content, made safe to open in a spreadsheet: one
/// that would start a formula (`=`, `+`, `-`, `@`, a tab or a carriage
/// return) gets a leading `'`, as OWASP recommends against CSV injection.
fn csv_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// `/salaries.csv`: one row per role and level, CRLF-terminated, quoted
/// where needed by the `csv` crate, then the role's official national
/// figures (the same on each of its rows; empty without them). Text from
/// content and from `official-pay.csv` goes through [`csv_text`]; ids,
/// numbers and booleans are the site's own.
pub fn salaries_csv(content: &Content) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header: Vec<String> = [
        "role",
        "title",
        "level",
        "level_label",
        "currency",
        "period",
        "min",
        "max",
        "open_ended",
        "source",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    header.extend(official_data::csv_header());
    // Writing into a Vec cannot fail.
    let _ = writer.write_record(&header);
    for role in &content.roles {
        let official: Vec<String> =
            official_data::csv_cells(official_data::national(content, role).as_ref())
                .iter()
                .map(|cell| csv_text(cell))
                .collect();
        for level in &role.salaries.levels.value {
            let id = level.level.value.as_str();
            let label = content
                .site
                .level(id)
                .map(|d| d.label.as_str())
                .unwrap_or_default();
            let mut record = vec![
                role.slug.clone(),
                csv_text(role.title.as_str()),
                id.to_owned(),
                csv_text(label),
                csv_text(role.salaries.currency.value.as_str()),
                role.salaries.period.as_str().to_owned(),
                level.min.value.to_string(),
                level.max.value.to_string(),
                level.open_ended.to_string(),
                csv_text(role.salaries.source.name.as_str()),
            ];
            record.extend(official.iter().cloned());
            let _ = writer.write_record(&record);
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The JSON Schema of a role file's front matter, generated from the Rust
/// types that parse it.
pub fn role_schema(settings: &Settings) -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(crate::content::RoleFrontMatter))
        .unwrap_or(Value::Null);
    if let Value::Object(map) = &mut schema {
        map.insert(
            "$id".to_owned(),
            Value::String(settings.absolute(&Page::RoleSchema.path())),
        );
        map.insert(
            "title".to_owned(),
            Value::String("rolecompare role front matter".to_owned()),
        );
    }
    schema
}

/// schema.org `Occupation`s for `roles`, as the text of a JSON-LD script
/// element: `<`, `>` and `&` are escaped so the text can never close the
/// element.
///
/// Only properties the vocabulary gives each type are used: a salary level
/// is a `MonetaryAmount` (`currency`, `minValue`, `maxValue`, and its range
/// and period in words as `description`); an open-ended top publishes no
/// `maxValue`, since the source states none. The source is a `CreativeWork`
/// about the occupation (`subjectOf`, which every `Thing` has).
///
/// A role whose occupation has official national figures also gets the
/// SOC code (`occupationalCategory`, a `CategoryCode`), the country the
/// figures are for (`occupationLocation`) and BLS's wage distribution as
/// one more `estimatedSalary`, a `MonetaryAmountDistribution` (see
/// [`official_data::salary_distribution`]).
pub fn json_ld(content: &Content, settings: &Settings, roles: &[&Role]) -> String {
    let occupations: Vec<Value> = roles
        .iter()
        .map(|role| {
            let currency = role.salaries.currency.value.as_str();
            let unit = format::unit(currency, role.salaries.period);
            let source = &role.salaries.source;
            let mut occupation = json!({
                "@type": "Occupation",
                "name": role.title.as_str(),
                "description": role.summary.as_str(),
                "url": settings.absolute(&Page::Role(role.slug.clone()).path()),
                "responsibilities": role.responsibilities.iter().map(|i| format!("{}: {}", i.name, i.detail)).collect::<Vec<_>>(),
                "skills": role.skills.iter().map(|i| format!("{}: {}", i.name, i.detail)).collect::<Vec<_>>(),
                "qualifications": role.certifications.iter().map(|c| c.name.to_string()).collect::<Vec<_>>(),
                "estimatedSalary": role.salaries.levels.value.iter().map(|l| {
                    let id = l.level.value.as_str();
                    let range = format::range(l, currency);
                    let mut amount = json!({
                        "@type": "MonetaryAmount",
                        "name": content.site.level(id).map_or(id, |d| d.label.as_str()),
                        "currency": currency,
                        "minValue": l.min.value,
                    });
                    if l.open_ended {
                        amount["description"] = format!(
                            "{range} {unit} (open-ended: the source states no maximum)"
                        )
                        .into();
                    } else {
                        amount["maxValue"] = l.max.value.into();
                        amount["description"] = format!("{range} {unit}").into();
                    }
                    amount
                }).collect::<Vec<_>>(),
                "subjectOf": without_nulls(json!({
                    "@type": "CreativeWork",
                    "name": source.name.as_str(),
                    "author": source.author.as_deref().map(|name| author(name, source)),
                    "publisher": source.publisher.as_deref(),
                    "url": source.url.as_deref(),
                })),
            });
            if let Some(national) = official_data::national(content, role) {
                add_official(&mut occupation, &national);
            }
            occupation
        })
        .collect();
    let document = json!({ "@context": "https://schema.org", "@graph": occupations });
    serde_json::to_string(&document)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// BLS's code, country and wage distribution on a JSON-LD `Occupation`.
fn add_official(occupation: &mut Value, national: &official_data::National<'_>) {
    occupation["occupationalCategory"] = official_data::occupational_category(national);
    occupation["occupationLocation"] = official_data::occupation_location();
    if let (Some(distribution), Some(Value::Array(salaries))) = (
        official_data::salary_distribution(national),
        occupation.get_mut("estimatedSalary"),
    ) {
        salaries.push(distribution);
    }
}

/// `value` without the members that are `null` (unknown, so left out).
fn without_nulls(mut value: Value) -> Value {
    if let Value::Object(map) = &mut value {
        map.retain(|_, v| !v.is_null());
    }
    value
}

#[cfg(test)]
mod tests {
    use super::csv_text;

    #[test]
    fn cells_that_would_start_a_formula_get_a_leading_quote() {
        for (text, written) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\tcmd", "'\tcmd"),
            ("\r=1", "'\r=1"),
            ("Harbour Pilot", "Harbour Pilot"),
            ("a=b", "a=b"),
        ] {
            assert_eq!(csv_text(text), written, "{text:?}");
        }
    }
}
