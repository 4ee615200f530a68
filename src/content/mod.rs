//! Content: the typed model, loading it from a folder, and validating it.
//! This module owns what the content folder means and every problem in it;
//! it must not know addresses, pages, HTML or HTTP (it reads the official
//! figures through `oews`).
//!
//! ```text
//! content/
//!   site.yaml                    site title, tagline, description, base_url, salary levels, sources
//!   roles/<slug>.md              one role per file; the slug is the file stem
//!   comparisons/<a>-vs-<b>.md    optional curated text for one pair
//!   fit.yaml                     optional "Which role fits you?" questionnaire
//!   official-pay.csv             optional BLS OEWS figures (`rolecompare import-oews`)
//! ```
//!
//! [`Content::load`] checks every file in one run and returns either the
//! whole model or every problem it found, each as `path:line:column: message`.
//! Files are read only from inside the content folder: a symbolic link that
//! resolves outside it is a problem, never followed.

mod diagnostic;
mod frontmatter;
pub mod markdown;
pub mod model;
mod official_pay;
mod order;
pub mod slug;
mod validate;

use std::fs;
use std::path::{Path, PathBuf};

pub use diagnostic::Diagnostic;
use diagnostic::FileReport;
pub use model::*;
pub use order::RoleOrder;

/// Everything under `content/`, parsed and validated.
#[derive(Debug, Clone)]
pub struct Content {
    pub site: Site,
    /// Every role, ordered by slug.
    pub roles: Vec<Role>,
    /// The site-wide order pages list roles in (see [`RoleOrder`]).
    pub order: RoleOrder,
    /// Curated pair texts, ordered by file name.
    pub comparisons: Vec<Comparison>,
    /// The questionnaire, when `fit.yaml` exists.
    pub fit: Option<Fit>,
    /// BLS's figures, when `official-pay.csv` exists.
    pub official_pay: Option<crate::oews::OfficialPay>,
}

impl Content {
    /// Loads and validates the content folder at `dir`.
    pub fn load(dir: &Path) -> Result<Self, Vec<Diagnostic>> {
        Self::load_after(dir, None)
    }

    /// Loads and validates `dir` again, after `previous` was loaded from
    /// it. Every file is read, but a role file whose text has not changed
    /// keeps its role from `previous` (the same, shared) rather than being
    /// parsed and checked again, unless `site.yaml`, which roles are
    /// checked against, changed. What spans files (aliases, curated pairs,
    /// the questionnaire, the official figures) is checked in full.
    pub fn reload(dir: &Path, previous: &Self) -> Result<Self, Vec<Diagnostic>> {
        Self::load_after(dir, Some(previous))
    }

    fn load_after(dir: &Path, previous: Option<&Self>) -> Result<Self, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        if let Err(error) = fs::read_dir(dir) {
            problems.push(Diagnostic {
                path: dir.to_path_buf(),
                line: 0,
                column: 0,
                message: format!("cannot read the content folder: {error}"),
            });
            return Err(problems);
        }

        // Symbolic links are followed only when they stay inside it.
        let root = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let root = root.as_path();
        let site = load_site(root, &dir.join("site.yaml"), &mut problems);
        // Roles read before, if they were checked against the same site.
        let known = previous
            .filter(|previous| site.as_ref() == Some(&previous.site))
            .map_or(&[][..], |previous| &previous.roles[..]);
        let (roles, role_files) = load_roles(
            root,
            &dir.join("roles"),
            site.as_ref(),
            known,
            &mut problems,
        );
        let comparisons =
            load_comparisons(root, &dir.join("comparisons"), &role_files, &mut problems);
        let fit = load_fit(root, &dir.join("fit.yaml"), &role_files, &mut problems);
        check_aliases(&dir.join("roles"), &roles, &role_files, &mut problems);
        let official_pay = official_pay::load(root, dir, &roles, &mut problems);

        match site {
            Some(site) if problems.is_empty() => Ok(Self {
                site,
                order: RoleOrder::new(&roles, &comparisons),
                roles,
                comparisons,
                fit,
                official_pay,
            }),
            _ => Err(problems),
        }
    }

    /// The role a former slug (an alias) now names.
    pub fn aliased(&self, alias: &str) -> Option<&Role> {
        self.roles
            .iter()
            .find(|role| role.aliases.iter().any(|a| a.value.as_str() == alias))
    }

    pub fn role(&self, slug: &str) -> Option<&Role> {
        self.roles
            .binary_search_by(|role| role.slug.as_str().cmp(slug))
            .ok()
            .map(|index| &self.roles[index])
    }

    /// Every role, in the site-wide order (see [`RoleOrder`]).
    pub fn ordered(&self) -> impl Iterator<Item = &Role> {
        self.order
            .indexes()
            .iter()
            .filter_map(|&index| self.roles.get(index))
    }

    /// The place of the role `slug` in the site-wide order.
    pub fn rank(&self, slug: &str) -> Option<usize> {
        let index = self
            .roles
            .binary_search_by(|role| role.slug.as_str().cmp(slug))
            .ok()?;
        self.order.rank(index)
    }

    /// The curated text for a pair, whichever order the pair is named in.
    pub fn comparison(&self, a: &str, b: &str) -> Option<&Comparison> {
        self.comparisons
            .iter()
            .find(|c| (c.a == a && c.b == b) || (c.a == b && c.b == a))
    }
}

/// Reports `path` if a symbolic link takes it outside the content folder
/// `root` (canonical), saying where it leads; true if it does.
fn leads_outside(root: &Path, path: &Path, problems: &mut Vec<Diagnostic>) -> bool {
    let Ok(real) = fs::canonicalize(path) else {
        // Missing or a broken link: reading it says so.
        return false;
    };
    if real.starts_with(root) {
        return false;
    }
    let mut report = FileReport::new(path, 0);
    report.file(format!(
        "a symbolic link to `{}`, which is outside the content folder: content is read only from inside it",
        real.display()
    ));
    problems.append(&mut report.diagnostics);
    true
}

/// Reads a file of the content folder `root` as UTF-8, reporting files
/// outside it, unreadable files and non-UTF-8 files.
fn read_text(root: &Path, path: &Path, problems: &mut Vec<Diagnostic>) -> Option<String> {
    if leads_outside(root, path, problems) {
        return None;
    }
    let mut report = FileReport::new(path, 0);
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            report.file(format!("cannot read the file: {error}"));
            problems.append(&mut report.diagnostics);
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(error) => {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            // The prefix is valid UTF-8 by construction.
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() as u64 + 1;
            let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
            let column = valid[line_start..].chars().count() as u64 + 1;
            report.at_line(
                line,
                column,
                "the file is not valid UTF-8: save it with UTF-8 encoding",
            );
            problems.append(&mut report.diagnostics);
            None
        }
    }
}

fn load_site(root: &Path, path: &Path, problems: &mut Vec<Diagnostic>) -> Option<Site> {
    let text = read_text(root, path, problems)?;
    let mut report = FileReport::new(path, 0);
    let site = frontmatter::parse_yaml::<Site>(&text, &mut report);
    if let Some(site) = &site {
        validate::site(site, &mut report);
    }
    let ok = report.diagnostics.is_empty();
    problems.append(&mut report.diagnostics);
    site.filter(|_| ok)
}

/// Aliases must be valid slugs and name no role file and no other alias.
fn check_aliases(
    dir: &Path,
    roles: &[Role],
    role_files: &[String],
    problems: &mut Vec<Diagnostic>,
) {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for role in roles {
        let path = dir.join(format!("{}.md", role.slug));
        let mut report = FileReport::new(&path, 1);
        for alias in &role.aliases {
            let name = alias.value.as_str();
            if let Some(problem) = slug::problem(name) {
                report.at_value(alias, format!("the alias `{name}` {problem}"));
            } else if role_files.iter().any(|slug| slug == name) {
                report.at_value(
                    alias,
                    format!("the alias `{name}` is the slug of `roles/{name}.md`: an alias must be a former slug no role uses"),
                );
            } else if let Some((_, owner)) = seen.iter().find(|(a, _)| *a == name) {
                report.at_value(
                    alias,
                    format!("the alias `{name}` is already an alias of `{owner}`"),
                );
            }
            seen.push((name, role.slug.as_str()));
        }
        problems.append(&mut report.diagnostics);
    }
}

/// `fit.yaml`, if present.
fn load_fit(
    root: &Path,
    path: &Path,
    role_files: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Option<Fit> {
    if !path.exists() {
        return None;
    }
    let text = read_text(root, path, problems)?;
    let mut report = FileReport::new(path, 0);
    let fit = frontmatter::parse_yaml::<Fit>(&text, &mut report);
    if let Some(fit) = &fit {
        validate::fit(fit, role_files, &mut report);
    }
    let ok = report.diagnostics.is_empty();
    problems.append(&mut report.diagnostics);
    fit.filter(|_| ok)
}

/// The `.md` files of a folder of the content folder `root`, sorted by
/// name; other entries are reported (dotfiles are ignored). A missing
/// folder holds no files; `None` if the folder is outside `root`.
fn markdown_files(root: &Path, dir: &Path, problems: &mut Vec<Diagnostic>) -> Option<Vec<PathBuf>> {
    if leads_outside(root, dir, problems) {
        return None;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return Some(Vec::new());
    };
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        if path.is_file() && name.ends_with(".md") {
            files.push(path);
        } else {
            problems.push(Diagnostic {
                path,
                line: 0,
                column: 0,
                message: "not a content file: this folder holds only `.md` files".to_owned(),
            });
        }
    }
    files.sort();
    Some(files)
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Loads every role file; returns the valid roles and the slugs of all role
/// files, valid or not (so a comparison is not blamed for a broken role).
/// A file whose text is that of a role in `known` (sorted by slug) gives
/// that role.
fn load_roles(
    root: &Path,
    dir: &Path,
    site: Option<&Site>,
    known: &[Role],
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Role>, Vec<String>) {
    let Some(files) = markdown_files(root, dir, problems) else {
        return (Vec::new(), Vec::new());
    };
    if files.is_empty() {
        problems.push(Diagnostic {
            path: dir.to_path_buf(),
            line: 0,
            column: 0,
            message: "no roles: add at least one `<slug>.md` role file".to_owned(),
        });
    }
    let mut roles: Vec<Role> = files
        .iter()
        .filter_map(|path| load_role(root, path, site, known, problems))
        .collect();
    roles.sort_by(|a, b| a.slug.cmp(&b.slug));
    (roles, files.iter().map(|path| file_stem(path)).collect())
}

fn load_role(
    root: &Path,
    path: &Path,
    site: Option<&Site>,
    known: &[Role],
    problems: &mut Vec<Diagnostic>,
) -> Option<Role> {
    let text = read_text(root, path, problems)?;
    let slug = file_stem(path);
    if let Ok(at) = known.binary_search_by(|role| role.slug.cmp(&slug))
        && known[at].read_from(&text)
    {
        return Some(known[at].clone());
    }
    match parse_role(path, &text, site) {
        Ok(role) => Some(role),
        Err(mut found) => {
            problems.append(&mut found);
            None
        }
    }
}

/// Parses and validates one role file's text; the slug is `path`'s stem.
/// With `site`, salary levels are checked against its declared levels.
pub fn parse_role(path: &Path, text: &str, site: Option<&Site>) -> Result<Role, Vec<Diagnostic>> {
    let slug = file_stem(path);
    let mut report = FileReport::new(path, 0);
    if let Some(problem) = slug::problem(&slug) {
        report.file(format!(
            "the file name `{slug}` is not a valid role slug: it {problem}"
        ));
    }
    let role = match frontmatter::split(text) {
        Err(message) => {
            report.file(message);
            None
        }
        Ok(split) => {
            let mut report_yaml = FileReport::new(path, split.yaml_line_offset);
            let front = frontmatter::parse_yaml::<RoleFrontMatter>(split.yaml, &mut report_yaml);
            if let Some(front) = &front {
                validate::role(front, site, &mut report_yaml);
            }
            if split.body.trim().is_empty() {
                report_yaml.file(
                    "the overview is missing: write the role's overview in markdown after the closing `---`",
                );
            }
            report.diagnostics.append(&mut report_yaml.diagnostics);
            front.map(|front| Role::from_file(RoleData::new(slug, front, split.body), text))
        }
    };
    match role {
        Some(role) if report.diagnostics.is_empty() => Ok(role),
        _ => Err(report.diagnostics),
    }
}

impl RoleData {
    fn new(slug: String, front: RoleFrontMatter, body: &str) -> Self {
        Self {
            slug,
            title: front.title,
            aliases: front.aliases,
            family: front.family,
            summary: front.summary.value,
            overview: body.to_owned(),
            responsibilities: front.responsibilities.value,
            skills: front.skills.value,
            certifications: front.certifications,
            day_to_day: front.day_to_day.value,
            day_in_the_life: front.day_in_the_life,
            career_path: front.career_path.value,
            job_market: front.job_market.value,
            salaries: front.salaries,
            occupation: front.occupation,
        }
    }
}

fn load_comparisons(
    root: &Path,
    dir: &Path,
    role_files: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Comparison> {
    let mut comparisons: Vec<Comparison> = Vec::new();
    for path in markdown_files(root, dir, problems).unwrap_or_default() {
        let Some(text) = read_text(root, &path, problems) else {
            continue;
        };
        let mut report = FileReport::new(&path, 0);
        let pair = validate::comparison_pair(&file_stem(&path), role_files, &mut report);
        if let Some((a, b)) = &pair
            && let Some(existing) = comparisons
                .iter()
                .find(|c| (&c.a, &c.b) == (b, a) || (&c.a, &c.b) == (a, b))
        {
            report.file(format!(
                "this pair already has curated text in `{}-vs-{}.md`: keep one file per pair",
                existing.a, existing.b
            ));
        }
        let comparison = match frontmatter::split(&text) {
            Err(message) => {
                report.file(message);
                None
            }
            Ok(split) => {
                let mut report_yaml = FileReport::new(&path, split.yaml_line_offset);
                let front =
                    frontmatter::parse_yaml::<ComparisonFrontMatter>(split.yaml, &mut report_yaml);
                if let Some(front) = &front {
                    validate::comparison(front, &mut report_yaml);
                }
                if split.body.trim().is_empty() {
                    report_yaml.file(
                        "the introduction is missing: write it in markdown after the closing `---`",
                    );
                }
                report.diagnostics.append(&mut report_yaml.diagnostics);
                front.zip(pair).map(|(front, (a, b))| Comparison {
                    a,
                    b,
                    summary: front.summary,
                    intro: split.body.to_owned(),
                    key_differences: front.key_differences.value,
                    how_to_choose: front.how_to_choose.value,
                })
            }
        };
        if report.diagnostics.is_empty()
            && let Some(comparison) = comparison
        {
            comparisons.push(comparison);
        }
        problems.append(&mut report.diagnostics);
    }
    comparisons
}
