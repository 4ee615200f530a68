//! Checks that need more than one value: what the types alone cannot say.
//! Each problem is reported at the location of the value at fault.

use serde_saphyr::Spanned;

use super::diagnostic::FileReport;
use super::model::{ComparisonFrontMatter, DayInTheLife, RoleFrontMatter, Salaries, Site};
use super::slug;

pub fn site(site: &Site, report: &mut FileReport<'_>) {
    not_empty("levels", &site.levels, report);
    let mut seen: Vec<&str> = Vec::new();
    for level in &site.levels.value {
        let id = level.id.value.as_str();
        if let Some(problem) = slug::problem(id) {
            report.at_value(&level.id, format!("the level id `{id}` {problem}"));
        }
        if seen.contains(&id) {
            report.at_value(&level.id, format!("the level `{id}` is declared twice"));
        }
        seen.push(id);
    }
}

pub fn role(front: &RoleFrontMatter, site: Option<&Site>, report: &mut FileReport<'_>) {
    if front.summary.value.contains('\n') {
        report.at_value(
            &front.summary,
            "the summary must be one sentence on one line",
        );
    }
    not_empty("responsibilities", &front.responsibilities, report);
    not_empty("skills", &front.skills, report);
    not_empty("day_to_day", &front.day_to_day, report);
    not_empty("career_path", &front.career_path, report);
    not_empty("job_market", &front.job_market, report);
    salaries(&front.salaries, site, report);
    if let Some(day) = &front.day_in_the_life {
        day_in_the_life(day, report);
    }
}

pub fn comparison(front: &ComparisonFrontMatter, report: &mut FileReport<'_>) {
    not_empty("key_differences", &front.key_differences, report);
    not_empty("how_to_choose", &front.how_to_choose, report);
}

/// Checks a comparison file's stem `<a>-vs-<b>` against the role files.
pub fn comparison_pair(
    stem: &str,
    role_files: &[String],
    report: &mut FileReport<'_>,
) -> Option<(String, String)> {
    let Some((a, b)) = stem.split_once("-vs-") else {
        report.file(format!(
            "the file name `{stem}` does not name a pair: call it `<role>-vs-<role>.md`"
        ));
        return None;
    };
    let mut ok = true;
    for side in [a, b] {
        if !role_files.iter().any(|slug| slug == side) {
            report.file(format!(
                "the file name names the role `{side}`, but there is no `roles/{side}.md`"
            ));
            ok = false;
        }
    }
    if ok && a == b {
        report.file(format!(
            "the file name compares `{a}` with itself: name two different roles"
        ));
        ok = false;
    }
    ok.then(|| (a.to_owned(), b.to_owned()))
}

fn not_empty<T>(key: &str, list: &Spanned<Vec<T>>, report: &mut FileReport<'_>) {
    if list.value.is_empty() {
        report.at_value(list, format!("`{key}` must list at least one item"));
    }
}

fn salaries(salaries: &Salaries, site: Option<&Site>, report: &mut FileReport<'_>) {
    let currency = salaries.currency.value.as_str();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        report.at_value(
            &salaries.currency,
            format!(
                "the currency `{currency}` is not a three-letter ISO 4217 code such as USD or EUR"
            ),
        );
    }
    not_empty("salaries.levels", &salaries.levels, report);
    let mut seen: Vec<&str> = Vec::new();
    for level in &salaries.levels.value {
        let id = level.level.value.as_str();
        if let Some(site) = site
            && site.level(id).is_none()
        {
            let declared: Vec<&str> = site
                .levels
                .value
                .iter()
                .map(|level| level.id.value.as_str())
                .collect();
            report.at_value(
                &level.level,
                format!(
                    "the salary level `{id}` is not declared in site.yaml (declared: {})",
                    declared.join(", ")
                ),
            );
        }
        if seen.contains(&id) {
            report.at_value(
                &level.level,
                format!("the salary level `{id}` is listed twice"),
            );
        }
        seen.push(id);
        if level.min.value > level.max.value {
            report.at_value(
                &level.min,
                format!(
                    "min {} is greater than max {}",
                    level.min.value, level.max.value
                ),
            );
        }
    }
}

fn day_in_the_life(day: &DayInTheLife, report: &mut FileReport<'_>) {
    let blocks = &day.blocks;
    not_empty("day_in_the_life.blocks", blocks, report);
    for block in &blocks.value {
        let kind = block.kind.value.as_str();
        if let Some(problem) = slug::problem(kind) {
            report.at_value(&block.kind, format!("the kind `{kind}` {problem}"));
        }
        if block.end.value <= block.start.value {
            report.at_value(
                &block.end,
                format!(
                    "the block ends at {}, which is not after its start at {}",
                    block.end.value, block.start.value
                ),
            );
        }
    }
    let mut ordered: Vec<_> = blocks
        .value
        .iter()
        .filter(|block| block.end.value > block.start.value)
        .collect();
    ordered.sort_by_key(|block| block.start.value);
    for pair in ordered.windows(2) {
        let (earlier, later) = (pair[0], pair[1]);
        if later.start.value < earlier.end.value {
            report.at_value(
                &later.start,
                format!(
                    "the block {}–{} overlaps the block {}–{} (line {})",
                    later.start.value,
                    later.end.value,
                    earlier.start.value,
                    earlier.end.value,
                    report.line_of(&earlier.start),
                ),
            );
        }
    }
}
