//! "Which role fits you?": reading answers from a query string and scoring
//! them. The questions, answers and weights live in `content/fit.yaml`.

use crate::content::{Answer, Content, Fit, Question, Role};

/// The longest answer value accepted; longer ones are refused (400).
pub const MAX_VALUE_BYTES: usize = 64;

/// Answers read from a query string: the valid ones, and what is wrong.
pub struct Reading {
    /// The chosen answer's index, per question (in questionnaire order).
    pub chosen: Vec<Option<usize>>,
    /// Problems, for readers, in questionnaire order.
    pub problems: Vec<String>,
}

impl Reading {
    /// Every question answered exactly once with a known answer.
    pub fn complete(&self) -> Option<Vec<usize>> {
        if !self.problems.is_empty() {
            return None;
        }
        self.chosen.iter().copied().collect()
    }

    /// The query string for these answers, in questionnaire order.
    pub fn query(&self, fit: &Fit) -> String {
        fit.questions
            .value
            .iter()
            .zip(&self.chosen)
            .filter_map(|(question, chosen)| {
                let answer = &question.answers.value[(*chosen)?];
                Some(format!("{}={}", question.id.value, answer.id.value))
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Reads `pairs` (a decoded query string). Parameters that are not question
/// ids (`utm_source` and the like) are ignored, so shared links keep working.
pub fn read(fit: &Fit, pairs: &[(String, String)]) -> Reading {
    let questions = &fit.questions.value;
    let mut chosen: Vec<Option<usize>> = vec![None; questions.len()];
    let mut seen = vec![false; questions.len()];
    let mut wrong: Vec<Option<String>> = vec![None; questions.len()];
    for (key, value) in pairs {
        let Some(q) = questions.iter().position(|q| q.id.value.as_str() == key) else {
            continue;
        };
        let question = &questions[q];
        if seen[q] {
            chosen[q] = None;
            wrong[q] = Some(format!(
                "“{}” was answered more than once: keep one answer.",
                question.text
            ));
            continue;
        }
        seen[q] = true;
        if value.len() > MAX_VALUE_BYTES {
            wrong[q] = Some(format!(
                "The answer given to “{}” is too long to be one of its answers.",
                question.text
            ));
            continue;
        }
        match question
            .answers
            .value
            .iter()
            .position(|a| a.id.value.as_str() == value)
        {
            Some(a) => chosen[q] = Some(a),
            None => {
                wrong[q] = Some(format!(
                    "“{value}” is not one of the answers to “{}”.",
                    question.text
                ));
            }
        }
    }
    let problems = questions
        .iter()
        .enumerate()
        .filter_map(|(q, question)| match (&wrong[q], chosen[q]) {
            (Some(problem), _) => Some(problem.clone()),
            (None, None) => Some(format!("Please answer “{}”.", question.text)),
            (None, Some(_)) => None,
        })
        .collect();
    Reading { chosen, problems }
}

/// One role's score.
pub struct RoleScore<'a> {
    pub role: &'a Role,
    pub points: u32,
    /// The most this role could score with these questions.
    pub max: u32,
    /// The answers that gave it points.
    pub reasons: Vec<(&'a Question, &'a Answer)>,
}

impl RoleScore<'_> {
    /// Points as a whole percentage of the maximum.
    pub fn percent(&self) -> u32 {
        (self.points * 100).checked_div(self.max).unwrap_or(0)
    }
}

/// Scores `chosen` (an answer index per question) for every role the
/// questionnaire names, best first; equal scores in the site-wide role
/// order.
pub fn score<'a>(content: &'a Content, fit: &'a Fit, chosen: &[usize]) -> Vec<RoleScore<'a>> {
    let questions = &fit.questions.value;
    let mut scores: Vec<RoleScore<'a>> = content
        .roles
        .iter()
        .filter(|role| {
            questions.iter().any(|q| {
                q.answers
                    .value
                    .iter()
                    .any(|a| a.weights.value.contains_key(&role.slug))
            })
        })
        .map(|role| {
            let weight =
                |answer: &Answer| u32::from(*answer.weights.value.get(&role.slug).unwrap_or(&0));
            let max = questions
                .iter()
                .map(|q| q.answers.value.iter().map(weight).max().unwrap_or(0))
                .sum();
            let reasons: Vec<(&Question, &Answer)> = questions
                .iter()
                .zip(chosen)
                .filter_map(|(q, &a)| {
                    let answer = q.answers.value.get(a)?;
                    (weight(answer) > 0).then_some((q, answer))
                })
                .collect();
            RoleScore {
                role,
                points: reasons.iter().map(|(_, answer)| weight(answer)).sum(),
                max,
                reasons,
            }
        })
        .collect();
    scores.sort_by(|a, b| {
        b.percent()
            .cmp(&a.percent())
            .then(b.points.cmp(&a.points))
            .then_with(|| content.rank(&a.role.slug).cmp(&content.rank(&b.role.slug)))
    });
    scores
}
