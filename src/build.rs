//! Building the site: the content folder loaded, validated and rendered,
//! for `serve`, `export` and every `serve --watch` reload.
//!
//! [`build`] does it all; [`load`] and [`render`] are its two halves, for
//! `check` (which renders nothing) and `serve` (which binds its address in
//! between, since the base URL may name it); [`reload`] loads again and
//! renders only what changed. A [`BuildError`] says whether
//! the content or the rendering failed, and reports it on stderr for a
//! command or to the log for a reload.

use std::path::{Path, PathBuf};

use crate::content::{Content, Diagnostic};
use crate::render::Settings;
use crate::store::Rendered;

/// Why no site was built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content has problems, all of them listed; nothing was rendered.
    #[error(
        "{} problem{} in {}",
        .problems.len(),
        if .problems.len() == 1 { "" } else { "s" },
        .dir.display()
    )]
    Content {
        /// The content folder, as given.
        dir: PathBuf,
        problems: Vec<Diagnostic>,
    },
    /// The content is valid, but a page could not be rendered.
    #[error("cannot render the site: {0}")]
    Render(Box<dyn std::error::Error + Send + Sync>),
}

impl BuildError {
    /// Prints the error to stderr, as the commands do: every problem as
    /// `path:line:column: message`, then how many there are and where.
    pub fn eprint(&self) {
        if let Self::Content { problems, .. } = self {
            for problem in problems {
                eprintln!("{problem}");
            }
        }
        eprintln!("{self}");
    }

    /// Logs the error as a refused reload, which keeps serving the last
    /// good site: problems as warnings, a failed rendering as an error.
    pub fn log_refused_reload(&self) {
        match self {
            Self::Content { problems, .. } => {
                for problem in problems {
                    tracing::warn!("{problem}");
                }
                tracing::warn!(
                    "{} problem(s): still serving the last good content",
                    problems.len()
                );
            }
            Self::Render(error) => {
                tracing::error!("cannot render the reloaded content: {error}");
            }
        }
    }
}

/// Loads and renders the content folder `dir`, with the settings that
/// `settings` gives for the loaded content.
pub fn build(
    dir: &Path,
    settings: impl FnOnce(&Content) -> Settings,
) -> Result<Rendered, BuildError> {
    let content = load(dir)?;
    let settings = settings(&content);
    render(content, settings)
}

/// Loads and validates the content folder `dir`.
pub fn load(dir: &Path) -> Result<Content, BuildError> {
    Content::load(dir).map_err(problems_in(dir))
}

/// The content problems found in `dir`, as a [`BuildError`].
fn problems_in(dir: &Path) -> impl FnOnce(Vec<Diagnostic>) -> BuildError + '_ {
    |problems| BuildError::Content {
        dir: dir.to_path_buf(),
        problems,
    }
}

/// Renders loaded content with `settings`.
pub fn render(content: Content, settings: Settings) -> Result<Rendered, BuildError> {
    Rendered::new(content, settings).map_err(|error| BuildError::Render(Box::new(error)))
}

/// Loads the content folder `dir` again and renders, with `settings`,
/// what changed since `current` was built ([`Rendered::renew`]).
pub fn reload(dir: &Path, current: &Rendered, settings: Settings) -> Result<Rendered, BuildError> {
    let content = Content::reload(dir, &current.content).map_err(problems_in(dir))?;
    current
        .renew(content, settings)
        .map_err(|error| BuildError::Render(Box::new(error)))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::BuildError;
    use crate::content::Diagnostic;

    fn problems(count: usize) -> BuildError {
        let problem = Diagnostic {
            path: PathBuf::from("content/roles/a.md"),
            line: 2,
            column: 1,
            message: "x".to_owned(),
        };
        BuildError::Content {
            dir: PathBuf::from("content"),
            problems: vec![problem; count],
        }
    }

    #[test]
    fn the_count_line_names_the_folder() {
        assert_eq!(problems(1).to_string(), "1 problem in content");
        assert_eq!(problems(4).to_string(), "4 problems in content");
    }

    #[test]
    fn a_missing_folder_is_a_content_problem() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("missing");
        match super::load(&missing) {
            Err(BuildError::Content { dir, problems }) => {
                assert_eq!(dir, missing);
                assert_eq!(problems.len(), 1);
            }
            other => panic!("expected content problems, got {other:?}"),
        }
    }
}
