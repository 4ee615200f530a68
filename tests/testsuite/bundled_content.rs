//! The bundled content loads, and the source article's facts and figures
//! survive into the model.

use rolecompare::content::{Content, Period, Role};

use crate::support::{load_ok, repo_path};

fn bundled() -> Content {
    load_ok(&repo_path("content"))
}

fn role<'a>(content: &'a Content, slug: &str) -> &'a Role {
    content.role(slug).unwrap_or_else(|| panic!("role {slug}"))
}

/// (level, min, max, open_ended) per salary level.
fn ranges(role: &Role) -> Vec<(&str, u64, u64, bool)> {
    role.salaries
        .levels
        .value
        .iter()
        .map(|l| {
            (
                l.level.value.as_str(),
                l.min.value,
                l.max.value,
                l.open_ended,
            )
        })
        .collect()
}

fn all_text(role: &Role) -> String {
    let items = role
        .responsibilities
        .iter()
        .chain(&role.skills)
        .chain(&role.day_to_day)
        .chain(&role.job_market);
    let mut text: Vec<String> = items.map(|i| format!("{} {}", i.name, i.detail)).collect();
    text.extend(
        role.certifications
            .iter()
            .map(|c| format!("{} {}", c.name, c.note)),
    );
    text.extend(role.career_path.iter().map(|s| {
        let titles: Vec<&str> = s.titles.iter().map(|t| t.as_str()).collect();
        format!("{} {} {}", s.stage, titles.join(", "), s.detail)
    }));
    text.join("\n")
}

#[test]
fn the_salary_ranges_are_the_articles() {
    let content = bundled();
    let engineer = role(&content, "aws-engineer");
    let architect = role(&content, "aws-architect");
    assert_eq!(
        ranges(engineer),
        [
            ("junior", 80_000, 110_000, false),
            ("mid", 110_000, 140_000, false),
            ("senior", 140_000, 180_000, true),
        ]
    );
    assert_eq!(
        ranges(architect),
        [
            ("junior", 100_000, 130_000, false),
            ("mid", 130_000, 160_000, false),
            ("senior", 160_000, 200_000, true),
        ]
    );
    for role in [engineer, architect] {
        assert_eq!(role.salaries.currency.value.as_str(), "USD");
        assert_eq!(role.salaries.period, Period::Year);
        let source = &role.salaries.source;
        assert_eq!(source.name.as_str(), "AWS Engineer vs AWS Architect");
        assert_eq!(source.author.as_deref(), Some("Vaibhav Umarvaishya"));
        // The article names NovelVista as the author's employer; it names
        // no publisher.
        assert_eq!(
            source.author_affiliation.as_ref().map(|a| a.value.as_str()),
            Some("NovelVista")
        );
        assert!(source.publisher.is_none());
        // The figures are in dollars with no country named: the content
        // says how the site reads them.
        let note = role
            .salaries
            .note
            .as_deref()
            .expect("a note on the currency");
        assert!(note.contains("US dollars"), "{note}");
        // The article gives no URL, date or pay basis: none is invented.
        assert!(source.url.is_none() && source.as_of.is_none());
        assert!(role.salaries.basis.is_none());
    }
}

#[test]
fn each_role_has_the_articles_five_responsibilities_and_activities() {
    let content = bundled();
    for slug in ["aws-engineer", "aws-architect"] {
        let role = role(&content, slug);
        assert_eq!(role.responsibilities.len(), 5, "{slug}");
        assert_eq!(role.day_to_day.len(), 5, "{slug}");
    }
    let engineer = role(&content, "aws-engineer");
    assert!(
        engineer
            .responsibilities
            .iter()
            .any(|r| r.detail.contains("CI/CD pipelines")),
        "one Engineer responsibility is about CI/CD pipelines"
    );
}

#[test]
fn the_named_tools_and_services_are_all_there() {
    let content = bundled();
    let engineer = all_text(role(&content, "aws-engineer"));
    for tool in [
        "EC2",
        "S3",
        "RDS",
        "Jenkins",
        "Docker",
        "AWS CodePipeline",
        "CloudFormation",
        "Terraform",
        "CloudWatch",
        "Python",
        "Bash",
    ] {
        assert!(
            engineer.contains(tool),
            "the Engineer's content names {tool}"
        );
    }
}

#[test]
fn certifications_carry_how_the_article_rates_them() {
    let content = bundled();
    let engineer = role(&content, "aws-engineer");
    let architect = role(&content, "aws-architect");
    let names = |role: &Role| -> Vec<String> {
        role.certifications
            .iter()
            .map(|c| c.name.to_string())
            .collect()
    };
    assert_eq!(
        names(engineer),
        [
            "AWS Certified Solutions Architect – Associate",
            "AWS Certified DevOps Engineer – Professional"
        ]
    );
    assert_eq!(
        names(architect),
        [
            "AWS Certified Solutions Architect – Professional",
            "AWS Certified Security – Specialty"
        ]
    );
    assert!(
        engineer
            .certifications
            .iter()
            .all(|c| c.note.contains("advantage"))
    );
    assert!(
        architect
            .certifications
            .iter()
            .all(|c| c.note.contains("highly valued"))
    );
}

#[test]
fn career_paths_keep_the_articles_stages_and_titles() {
    let content = bundled();
    let titles = |role: &Role| -> Vec<Vec<String>> {
        role.career_path
            .iter()
            .map(|s| s.titles.iter().map(ToString::to_string).collect())
            .collect()
    };
    let engineer = role(&content, "aws-engineer");
    assert_eq!(
        titles(engineer),
        [
            vec!["Junior DevOps Engineer", "Cloud Engineer"],
            vec!["DevOps Engineer", "Systems Administrator"],
            vec!["Senior AWS Engineer", "DevOps Lead"],
            vec![],
        ]
    );
    let specialization = &engineer.career_path[3].detail;
    for area in ["DevSecOps", "containerization", "cloud automation"] {
        assert!(specialization.contains(area), "specialization names {area}");
    }
    assert!(engineer.career_path[2].detail.contains("oversee teams"));

    let architect = role(&content, "aws-architect");
    assert_eq!(
        titles(architect),
        [
            vec!["Cloud Engineer", "Technical Consultant"],
            vec!["AWS Solutions Architect"],
            vec!["Senior Solutions Architect", "Principal Architect"],
            vec!["Cloud Architect Manager", "Chief Technology Officer (CTO)"],
        ]
    );
    assert!(architect.career_path[1].detail.contains("clients"));
    assert!(architect.career_path[2].detail.contains("lead"));
}

#[test]
fn the_job_market_points_are_kept() {
    let content = bundled();
    let engineer = all_text(role(&content, "aws-engineer"));
    for industry in ["tech", "finance", "healthcare", "retail"] {
        assert!(
            engineer.contains(industry),
            "Engineers are sought in {industry}"
        );
    }
    let architect = all_text(role(&content, "aws-architect"));
    assert!(architect.contains("high-level decisions"));
}

#[test]
fn schedules_are_labelled_illustrative() {
    let content = bundled();
    for role in &content.roles {
        let day = role.day_in_the_life.as_ref().expect("a day in the life");
        assert!(day.illustrative, "{}", role.slug);
        let first = &day.blocks.value[0];
        let last = day.blocks.value.last().expect("blocks");
        assert_eq!(first.start.value.to_string(), "09:00");
        assert_eq!(last.end.value.to_string(), "17:30");
    }
}

#[test]
fn the_site_declares_levels_and_credits_the_source_and_no_domain() {
    let site = bundled().site;
    let levels: Vec<(String, String)> = site
        .levels
        .value
        .iter()
        .map(|l| (l.id.value.to_string(), l.label.to_string()))
        .collect();
    assert_eq!(
        levels,
        [
            ("junior".into(), "Junior".into()),
            ("mid".into(), "Mid-level".into()),
            ("senior".into(), "Senior".into())
        ]
    );
    assert_eq!(site.base_url, "");
    assert_eq!(
        site.sources[0].author.as_deref(),
        Some("Vaibhav Umarvaishya")
    );
    assert!(site.sources[0].publisher.is_none());
}

/// Lines that said more than the article, or copied its words, read
/// against it line by line; each has been rewritten in the site's words.
#[test]
fn wording_says_what_the_article_says_in_our_words() {
    let root = repo_path("content");
    let mut text = String::new();
    for file in [
        "fit.yaml",
        "roles/aws-engineer.md",
        "roles/aws-architect.md",
    ] {
        text.push_str(&std::fs::read_to_string(root.join(file)).expect("content file"));
    }
    for said in [
        // An 11-word run of the article.
        "work closely with development and operations teams to improve application delivery",
        // More than the article says.
        "rarely work alone",
        "delivered faster",
        "fill much of an Engineer's day",
        "usual starting point",
        "typical start",
    ] {
        assert!(!text.contains(said), "the content still says “{said}”");
    }
}

#[test]
fn the_curated_pair_is_loaded() {
    let content = bundled();
    let pair = content
        .comparison("aws-architect", "aws-engineer")
        .expect("curated text, either order");
    assert_eq!(
        (pair.a.as_str(), pair.b.as_str()),
        ("aws-engineer", "aws-architect")
    );
    assert!(
        pair.key_differences
            .iter()
            .any(|d| d.name.contains("Hands-on operations"))
    );
    assert!(!pair.intro.trim().is_empty());
}
