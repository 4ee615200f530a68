//! Checks that need more than one value: what the types alone cannot say.
//! Each problem is reported at the location of the value at fault.

use serde_saphyr::Spanned;

use super::diagnostic::FileReport;
use super::model::{
    ComparisonFrontMatter, DayInTheLife, Fit, RoleFrontMatter, RoleOccupation, Salaries, Site,
    Source,
};
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
    for source in &site.sources {
        self::source(source, report);
    }
}

/// An author's affiliation says whom the author works for, so it needs
/// an author.
fn source(source: &Source, report: &mut FileReport<'_>) {
    if let (Some(affiliation), None) = (&source.author_affiliation, &source.author) {
        report.at_value(
            affiliation,
            format!(
                "`author_affiliation` ({}) names the author's employer, but the source has no `author`",
                affiliation.value
            ),
        );
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
    if let Some(occupation) = &front.occupation {
        occupation_codes(occupation, report);
    }
    if let Some(day) = &front.day_in_the_life {
        day_in_the_life(day, report);
    }
    let items = front
        .responsibilities
        .value
        .iter()
        .chain(&front.skills.value)
        .chain(&front.day_to_day.value)
        .chain(&front.job_market.value);
    let tags = items
        .flat_map(|item| &item.tags)
        .chain(front.certifications.iter().flat_map(|c| &c.tags));
    for tag in tags {
        if let Some(problem) = slug::problem(tag.value.as_str()) {
            report.at_value(tag, format!("the tag `{}` {problem}", tag.value));
        }
    }
    let mut stage_levels: Vec<&str> = Vec::new();
    for stage in &front.career_path.value {
        let Some(level) = &stage.level else { continue };
        let id = level.value.as_str();
        if let Some(site) = site
            && site.level(id).is_none()
        {
            report.at_value(
                level,
                format!("the career stage's level `{id}` is not declared in site.yaml"),
            );
        }
        if stage_levels.contains(&id) {
            report.at_value(level, format!("two career stages name the level `{id}`"));
        }
        stage_levels.push(id);
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
    source(&salaries.source, report);
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

/// The occupation's SOC code and its alternatives': each written
/// NN-NNNN, and no alternative the chosen code or listed twice.
fn occupation_codes(occupation: &RoleOccupation, report: &mut FileReport<'_>) {
    let chosen = occupation.soc.value.as_str();
    for code in std::iter::once(&occupation.soc).chain(&occupation.alternatives) {
        let soc = code.value.as_str();
        if !crate::oews::is_soc(soc) {
            report.at_value(
                code,
                format!("`{soc}` is not a SOC code: write it as NN-NNNN, such as 15-1241"),
            );
        }
    }
    for (i, code) in occupation.alternatives.iter().enumerate() {
        let soc = code.value.as_str();
        if soc == chosen {
            report.at_value(
                code,
                format!("`{soc}` is the chosen occupation (`soc`): list only the other occupations the note weighed"),
            );
        } else if occupation.alternatives[..i]
            .iter()
            .any(|seen| seen.value.as_str() == soc)
        {
            report.at_value(code, format!("the alternative `{soc}` is listed twice"));
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

/// The questionnaire: ids are slugs and unique, every question has at least
/// two answers, weights name existing roles and lie in 1–5.
pub fn fit(fit: &Fit, role_files: &[String], report: &mut FileReport<'_>) {
    not_empty("questions", &fit.questions, report);
    let mut question_ids: Vec<&str> = Vec::new();
    for question in &fit.questions.value {
        let id = question.id.value.as_str();
        if let Some(problem) = slug::problem(id) {
            report.at_value(&question.id, format!("the question id `{id}` {problem}"));
        }
        if question_ids.contains(&id) {
            report.at_value(
                &question.id,
                format!("the question id `{id}` is used twice"),
            );
        }
        question_ids.push(id);
        if question.answers.value.len() < 2 {
            report.at_value(
                &question.answers,
                format!("the question `{id}` needs at least two answers to choose from"),
            );
        }
        let mut answer_ids: Vec<&str> = Vec::new();
        for answer in &question.answers.value {
            let answer_id = answer.id.value.as_str();
            if let Some(problem) = slug::problem(answer_id) {
                report.at_value(&answer.id, format!("the answer id `{answer_id}` {problem}"));
            }
            if answer_ids.contains(&answer_id) {
                report.at_value(
                    &answer.id,
                    format!("the answer id `{answer_id}` is used twice in the question `{id}`"),
                );
            }
            answer_ids.push(answer_id);
            for (role, weight) in &answer.weights.value {
                if !role_files.iter().any(|slug| slug == role) {
                    report.at_value(
                        &answer.weights,
                        format!(
                            "the weights name the role `{role}`, but there is no `roles/{role}.md`"
                        ),
                    );
                }
                if !(1..=5).contains(weight) {
                    report.at_value(
                        &answer.weights,
                        format!("the weight for `{role}` is {weight}: weights go from 1 to 5"),
                    );
                }
            }
        }
    }
}
