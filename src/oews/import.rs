//! `rolecompare import-oews`: BLS's flat files in, the content folder's
//! `official-pay.csv` out.
//!
//! Keeps the all-industries figures of the occupations role files name in
//! `occupation.soc` and `occupation.alternatives` (or of every
//! occupation), for every area the files
//! hold, and writes them as one file, through a temporary file in the same
//! folder renamed over it: a failed import leaves the old file as it was.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::data::{self, Data, Wanted};
use super::figures::{is_date, is_soc};
use super::flat::{self, FlatError};
use super::model::{
    AreaKind, Builder, DATA_URL, FILE_NAME, Footnote, OfficialPay, Release, SOURCE_URL,
};

/// What to import, and where to.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder holding the flat files.
    pub from: PathBuf,
    /// The content folder: roles are read from it, the file written into it.
    pub content: PathBuf,
    /// Every occupation, not only those role files name.
    pub all: bool,
    /// The day BLS published the release (`YYYY-MM-DD`); else
    /// `published.txt` in `from`, if there is one.
    pub published: Option<String>,
}

/// What an import wrote.
#[derive(Debug)]
pub struct Summary {
    pub path: PathBuf,
    pub pay: OfficialPay,
    /// Role files whose occupation could not be read, with why.
    pub warnings: Vec<String>,
}

#[derive(Debug)]
pub enum ImportError {
    /// Problems in the flat files, each at its file and line.
    Flat(Vec<FlatError>),
    /// Anything else, in a sentence.
    Other(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Flat(problems) => {
                let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
                f.write_str(&lines.join("\n"))
            }
            Self::Other(message) => f.write_str(message),
        }
    }
}

impl From<Vec<FlatError>> for ImportError {
    fn from(problems: Vec<FlatError>) -> Self {
        Self::Flat(problems)
    }
}

/// The name of the optional file in the flat files' folder that gives the
/// publication date (`scripts/oews_flat_files.py` writes it).
pub const PUBLISHED_FILE: &str = "published.txt";

/// Reads the flat files in `options.from` and writes the content folder's
/// `official-pay.csv` from them: the occupations role files name, or
/// every one with `--all`.
pub fn import(options: &Options) -> Result<Summary, ImportError> {
    check_folders(options)?;
    let (named, warnings) = named_occupations(&options.content.join("roles"));
    if !options.all && named.is_empty() {
        return Err(ImportError::Other(format!(
            "no role file in {} names an occupation (`occupation: {{soc: \"15-1241\", note: …}}`): name one, or import every occupation with --all",
            options.content.join("roles").display()
        )));
    }
    let published = published(options)?;
    let flat = read_flat_files(options, &named)?;
    check_named_found(options, &named, &flat.data)?;
    let pay = build(flat, published)?;
    let path = options.content.join(FILE_NAME);
    write_atomically(&path, &pay)
        .map_err(|error| ImportError::Other(format!("cannot write {}: {error}", path.display())))?;
    Ok(Summary {
        path,
        pay,
        warnings,
    })
}

/// Checks that the content folder and the flat files' folder exist.
fn check_folders(options: &Options) -> Result<(), ImportError> {
    if !options.content.is_dir() {
        return Err(ImportError::Other(format!(
            "{}: the content folder does not exist (--content / ROLECOMPARE_CONTENT)",
            options.content.display()
        )));
    }
    if !options.from.is_dir() {
        return Err(ImportError::Other(format!(
            "{}: not a folder: --from names the folder holding BLS's OEWS flat files",
            options.from.display()
        )));
    }
    Ok(())
}

/// What the flat files hold: the lists of areas, occupations and
/// footnotes, and the figures kept.
struct FlatFiles {
    areas: HashMap<String, (AreaKind, String)>,
    occupations: HashMap<String, String>,
    footnotes: Vec<Footnote>,
    data: Data,
}

/// Reads the lists, checks the datatypes, then reads the figures of the
/// `named` occupations (or of every one, with `--all`).
fn read_flat_files(
    options: &Options,
    named: &[(String, PathBuf)],
) -> Result<FlatFiles, ImportError> {
    let areas = flat::areas(&options.from)?;
    let occupations = flat::occupations(&options.from)?;
    let footnotes = flat::footnotes(&options.from)?;
    flat::check_datatypes(&options.from)?;
    let wanted: HashSet<[u8; 6]> = named
        .iter()
        .filter_map(|(soc, _)| soc.replace('-', "").as_bytes().try_into().ok())
        .collect();
    let data = data::data(
        &options.from,
        &if options.all {
            Wanted::All
        } else {
            Wanted::Only(&wanted)
        },
        &areas,
        &occupations,
        &footnotes,
    )?;
    Ok(FlatFiles {
        areas,
        occupations,
        footnotes,
        data,
    })
}

/// Checks that every occupation a role file names has figures, and that
/// there are figures at all.
fn check_named_found(
    options: &Options,
    named: &[(String, PathBuf)],
    data: &Data,
) -> Result<(), ImportError> {
    let missing: Vec<String> = named
        .iter()
        .filter(|(soc, _)| {
            let code: Option<[u8; 6]> = soc.replace('-', "").as_bytes().try_into().ok();
            !data
                .cells
                .keys()
                .any(|(occupation, _)| Some(*occupation) == code)
        })
        .map(|(soc, path)| {
            format!(
                "{}: names the occupation {soc}, but {} has no all-industries figures for it",
                path.display(),
                options.from.join(flat::DATA).display()
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::Other(missing.join("\n")));
    }
    if data.cells.is_empty() {
        return Err(ImportError::Other(format!(
            "{}: no all-industries figures to import",
            options.from.join(flat::DATA).display()
        )));
    }
    Ok(())
}

/// The model of the figures read, as the release of their year.
fn build(flat: FlatFiles, published: Option<String>) -> Result<OfficialPay, ImportError> {
    let release = Release {
        name: format!("May {}", flat.data.year),
        published,
        source: Some(SOURCE_URL.to_owned()),
        data: Some(DATA_URL.to_owned()),
    };
    let mut builder = Builder::new(release, flat.footnotes);
    let mut cells: Vec<_> = flat.data.cells.into_iter().collect();
    cells.sort_unstable_by_key(|cell| cell.0);
    for ((occupation, area), estimates) in cells {
        let code = String::from_utf8_lossy(&occupation).into_owned();
        let area = String::from_utf8_lossy(&area).into_owned();
        // Both were checked against the lists while reading.
        let (Some(title), Some((kind, name))) =
            (flat.occupations.get(&code), flat.areas.get(&area))
        else {
            continue;
        };
        let soc = format!("{}-{}", &code[..2], &code[2..]);
        let Some(area) = builder.area(&area, *kind, name) else {
            return Err(ImportError::Other(
                "more than 65,536 areas: not an OEWS release".to_owned(),
            ));
        };
        let occupation = builder.occupation(&soc, title);
        builder.push(occupation, area, estimates);
    }
    Ok(builder.build())
}

/// `--published`, else the date in `published.txt`, else none.
fn published(options: &Options) -> Result<Option<String>, ImportError> {
    if let Some(date) = &options.published {
        return Ok(Some(date.clone()));
    }
    let path = options.from.join(PUBLISHED_FILE);
    match fs::read_to_string(&path) {
        Ok(text) => {
            let date = text.trim();
            if is_date(date) {
                Ok(Some(date.to_owned()))
            } else {
                Err(ImportError::Other(format!(
                    "{}:1: `{date}` is not a date such as 2026-05-15",
                    path.display()
                )))
            }
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(ImportError::Other(format!(
            "{}: cannot read the file: {error}",
            path.display()
        ))),
    }
}

/// Writes `pay` to a hidden temporary file beside `path`, then renames it
/// over `path`; the temporary file is removed if anything fails.
fn write_atomically(path: &Path, pay: &OfficialPay) -> io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = fs::File::create(&temporary)?;
        pay.write(&mut file)?;
        file.flush()?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// The part of a role's front matter the import reads; everything else is
/// ignored, so a role with other problems still names its occupation.
#[derive(Deserialize)]
struct Named {
    occupation: Option<NamedOccupation>,
}

#[derive(Deserialize)]
struct NamedOccupation {
    soc: Option<String>,
    #[serde(default)]
    alternatives: Vec<String>,
}

/// The SOC codes role files name, each with the first file naming it,
/// by code; and the role files whose occupation could not be read.
pub fn named_occupations(roles: &Path) -> (Vec<(String, PathBuf)>, Vec<String>) {
    let mut named: Vec<(String, PathBuf)> = Vec::new();
    let mut warnings = Vec::new();
    let Ok(entries) = fs::read_dir(roles) else {
        return (named, warnings);
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension().is_some_and(|e| e == "md")
                && !path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    for path in files {
        match named_in(&path) {
            Ok(codes) => {
                for soc in codes {
                    if !named.iter().any(|(known, _)| *known == soc) {
                        named.push((soc, path.clone()));
                    }
                }
            }
            Err(warning) => warnings.push(warning),
        }
    }
    named.sort();
    (named, warnings)
}

/// The SOC codes the role file at `path` names: its occupation's, then
/// the alternatives'; a warning if the file or its occupation cannot be
/// read.
fn named_in(path: &Path) -> Result<Vec<String>, String> {
    let text = fs::read_to_string(path)
        .map_err(|error| format!("{}: cannot read the file: {error}", path.display()))?;
    let Some(yaml) = front_matter(&text) else {
        return Err(format!(
            "{}: no front matter, so no occupation read",
            path.display()
        ));
    };
    let front: Named = serde_saphyr::from_str(yaml).map_err(|error| {
        format!(
            "{}: its occupation cannot be read: {}",
            path.display(),
            error.to_string().lines().next().unwrap_or_default()
        )
    })?;
    let Some(occupation) = front.occupation else {
        return Ok(Vec::new());
    };
    let codes: Vec<String> = occupation
        .soc
        .into_iter()
        .chain(occupation.alternatives)
        .map(|soc| soc.trim().to_owned())
        .collect();
    match codes.iter().find(|soc| !is_soc(soc)) {
        Some(soc) => Err(format!(
            "{}: `{soc}` is not a SOC code such as 15-1241",
            path.display()
        )),
        None => Ok(codes),
    }
}

/// The YAML between a role file's `---` lines (`check` reports the file's
/// problems; here a file without them only names no occupation).
fn front_matter(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text.strip_prefix("---")?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let mut end = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end_matches(['\n', '\r']) == "---" {
            return Some(&rest[..end]);
        }
        end += line.len();
    }
    None
}
