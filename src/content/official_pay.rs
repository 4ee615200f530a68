//! `official-pay.csv`, BLS's figures for the occupations roles name, and
//! the roles' `occupation` checked against it.

use std::path::Path;

use super::diagnostic::FileReport;
use super::{Diagnostic, Role, read_text};
use crate::oews::{FILE_NAME, OfficialPay};

/// Loads `official-pay.csv` from the content folder `dir` (inside `root`)
/// if it is there, and checks that every role's occupation has figures in
/// it. A data file with problems of its own is not held against the roles.
pub(super) fn load(
    root: &Path,
    dir: &Path,
    roles: &[Role],
    problems: &mut Vec<Diagnostic>,
) -> Option<OfficialPay> {
    let path = dir.join(FILE_NAME);
    let pay = read(root, &path, problems);
    if pay.is_some() || !path.exists() {
        check_occupations(&dir.join("roles"), roles, pay.as_ref(), problems);
    }
    pay
}

/// `official-pay.csv`, if present.
fn read(root: &Path, path: &Path, problems: &mut Vec<Diagnostic>) -> Option<OfficialPay> {
    if !path.exists() {
        return None;
    }
    let text = read_text(root, path, problems)?;
    OfficialPay::parse(&text)
        .map_err(|found| {
            problems.extend(found.into_iter().map(|problem| Diagnostic {
                path: path.to_path_buf(),
                line: problem.line,
                column: problem.column,
                message: problem.message,
            }));
        })
        .ok()
}

/// A role's occupation must have figures in `official-pay.csv`.
fn check_occupations(
    dir: &Path,
    roles: &[Role],
    pay: Option<&OfficialPay>,
    problems: &mut Vec<Diagnostic>,
) {
    for role in roles {
        let Some(occupation) = &role.occupation else {
            continue;
        };
        let path = dir.join(format!("{}.md", role.slug));
        let mut report = FileReport::new(&path, 1);
        let soc = occupation.soc.value.as_str();
        match pay {
            None => report.at_value(
                &occupation.soc,
                format!(
                    "the occupation {soc} needs official pay figures, but there is no `{}`: write it with `rolecompare import-oews --from <BLS flat files>`",
                    FILE_NAME
                ),
            ),
            Some(pay) => {
                if pay.occupation(soc).is_none() {
                    report.at_value(
                        &occupation.soc,
                        format!(
                            "the occupation {soc} has no figures in `{FILE_NAME}`: run `rolecompare import-oews` again to add it"
                        ),
                    );
                }
                for alternative in &occupation.alternatives {
                    let soc = alternative.value.as_str();
                    if pay.national(soc).is_none() {
                        report.at_value(
                            alternative,
                            format!(
                                "the alternative occupation {soc} has no national figures in `{FILE_NAME}`: run `rolecompare import-oews` again to add it"
                            ),
                        );
                    }
                }
            }
        }
        problems.append(&mut report.diagnostics);
    }
}
