//! The code's layout, as the code map in docs/ARCHITECTURE.md promises
//! it: modules whose imports run one way, down the layers, files small
//! enough to read, render and content without HTTP types, one module that
//! spells the URL grammar, one dispatch over kinds of page, each kind at
//! home in its own module, and each type's methods beside it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::support::repo_path;

/// Every `.rs` file under `src/`, with its module path (`render::site`;
/// `lib.rs` and `main.rs` are the crate root, ``).
fn modules() -> BTreeMap<String, (PathBuf, String)> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    let src = repo_path("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .map(|file| {
            let relative = file.strip_prefix(&src).expect("under src");
            let mut parts: Vec<String> = relative
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") || parts == ["lib"] || parts == ["main"] {
                parts.pop();
            }
            let text = std::fs::read_to_string(&file).expect("read source");
            (parts.join("::"), (file, text))
        })
        .collect()
}

/// The source without comments (line comments and doc comments), so that
/// what prose says is not counted as code.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            // Keep `//` inside string literals such as "http://".
            Some(at) if line[..at].matches('"').count() % 2 == 0 => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a module names: every `crate::…`, `super::…` and `self::…`
/// path, with `use` groups (`super::{a, b::C}`) expanded, resolved to
/// absolute module paths (segments, not yet matched to modules).
fn named_paths(module: &str, code: &str) -> Vec<Vec<String>> {
    let here: Vec<String> = module
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    // A file `a/b.rs` is module `a::b` and a folder's `a/mod.rs` module
    // `a`: either way `super` is the module path without its last step.
    let parent: Vec<String> = here[..here.len().saturating_sub(1)].to_vec();
    let mut paths = Vec::new();
    // `use child::Item;`: a path from a submodule of this one.
    for statement in code.split(';') {
        let statement = statement.trim_start();
        let statement = statement
            .strip_prefix("pub ")
            .or_else(|| statement.strip_prefix("pub(crate) "))
            .or_else(|| statement.strip_prefix("pub(super) "))
            .unwrap_or(statement);
        if let Some(path) = statement.strip_prefix("use ")
            && !path.starts_with("crate::")
            && !path.starts_with("super::")
            && !path.starts_with("self::")
        {
            for tail in expand(path) {
                let mut path = here.clone();
                path.extend(tail);
                paths.push(path);
            }
        }
    }
    let bytes = code.as_bytes();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(found) = code[from..].find(start) {
            let at = from + found;
            from = at + start.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || b"_:".contains(&bytes[at - 1])) {
                continue;
            }
            let mut base = match start {
                "crate::" => Vec::new(),
                "super::" => parent.clone(),
                _ => here.clone(),
            };
            // `super::super::x`: one step up per `super`.
            let mut rest = &code[from..];
            while let Some(next) = rest.strip_prefix("super::") {
                base.pop();
                rest = next;
            }
            for tail in expand(rest) {
                let mut path = base.clone();
                path.extend(tail);
                paths.push(path);
            }
        }
    }
    paths
}

/// The paths after a `crate::`-like prefix: `a::b::C` or `a::{b, c::D}`.
fn expand(rest: &str) -> Vec<Vec<String>> {
    if let Some(group) = rest.strip_prefix('{') {
        let close = group.find('}').unwrap_or(group.len());
        return group[..close]
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .flat_map(expand)
            .collect();
    }
    let mut segments = Vec::new();
    let mut rest = rest;
    loop {
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end > 0 {
            segments.push(rest[..end].to_owned());
        }
        rest = &rest[end..];
        if let Some(next) = rest.strip_prefix("::") {
            if next.starts_with('{') {
                return expand(next)
                    .into_iter()
                    .map(|tail| {
                        let mut path = segments.clone();
                        path.extend(tail);
                        path
                    })
                    .collect();
            }
            rest = next;
        } else {
            return vec![segments];
        }
    }
}

/// Which module each module imports (other than itself and its own
/// submodules' declarations), by the longest module path each named path
/// starts with.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let known: BTreeSet<&str> = modules.keys().map(String::as_str).collect();
    let mut graph = BTreeMap::new();
    for (module, (_, text)) in &modules {
        let mut targets = BTreeSet::new();
        // Unit tests (`mod tests { use super::*; }`, at the end of a file)
        // are not what the module imports.
        let code = code_of(text);
        let code = code.split("#[cfg(test)]").next().unwrap_or_default();
        for path in named_paths(module, code) {
            let target = (0..=path.len())
                .rev()
                .map(|n| path[..n].join("::"))
                .find(|candidate| known.contains(candidate.as_str()))
                .unwrap_or_default();
            if target != *module && !target.is_empty() {
                targets.insert(target);
            }
        }
        graph.insert(module.clone(), targets);
    }
    graph
}

#[test]
fn no_two_modules_import_each_other_directly_or_round_a_loop() {
    let graph = imports();
    assert!(
        graph
            .get("http::handlers")
            .is_some_and(|t| t.contains("render")),
        "the scan sees imports: {graph:#?}"
    );
    // An import is in a circle when what it imports leads back to it.
    let reaches = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_owned()];
        while let Some(node) = todo.pop() {
            if node == to {
                return true;
            }
            if seen.insert(node.clone()) {
                todo.extend(graph.get(&node).into_iter().flatten().cloned());
            }
        }
        false
    };
    let circular: Vec<String> = graph
        .iter()
        .flat_map(|(from, targets)| targets.iter().map(move |to| (from, to)))
        .filter(|(from, to)| reaches(to, from))
        .map(|(from, to)| format!("{from} → {to}"))
        .collect();
    assert!(circular.is_empty(), "imports in a circle: {circular:#?}");
}

#[test]
fn no_source_file_is_over_500_lines() {
    for (module, (file, text)) in modules() {
        let lines = text.lines().count();
        assert!(lines <= 500, "{} ({module}): {lines} lines", file.display());
    }
}

#[test]
fn render_and_content_know_no_http() {
    for (module, (file, text)) in modules() {
        if module.starts_with("render") || module.starts_with("content") {
            let code = code_of(&text);
            for http in ["axum", "hyper", "tower_http"] {
                let names = code.match_indices(http).any(|(at, _)| {
                    let before = at.checked_sub(1).map(|i| code.as_bytes()[i]);
                    !before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
                });
                assert!(!names, "{} names {http}", file.display());
            }
        }
    }
}

#[test]
fn only_the_address_module_spells_the_comparison_separator() {
    let modules = modules();
    let spells = |module: &str| code_of(&modules[module].1).contains("-vs-");
    assert!(spells("address"), "the scan sees the separator");
    // The content model owns the slug rule and the names of curated files.
    let others: Vec<&String> = modules
        .keys()
        .filter(|module| !module.starts_with("address") && !module.starts_with("content"))
        .filter(|module| spells(module))
        .collect();
    assert!(others.is_empty(), "spelled outside address: {others:?}");
}

/// The module comment of every folder of `src/` says what it owns and what
/// it must not touch.
#[test]
fn every_folder_says_what_it_owns_and_must_not_touch() {
    for (module, (file, text)) in modules() {
        // The folders of `src/`: the layers and the command line.
        if !file.ends_with("mod.rs") || module.contains("::") {
            continue;
        }
        let comment: String = text
            .lines()
            .take_while(|line| line.starts_with("//!"))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            comment.contains("owns") && comment.contains("must not"),
            "{module} ({}) does not say what it owns and must not touch",
            file.display()
        );
    }
}

/// The layers, bottom up: each imports only those below it.
const LAYERS: [&str; 6] = ["address", "content", "render", "pages", "store", "http"];

#[test]
fn layers_import_only_those_below_them() {
    let graph = imports();
    let layer = |module: &str| {
        let top = module.split("::").next().unwrap_or_default();
        LAYERS.iter().position(|layer| *layer == top)
    };
    let mut upward = Vec::new();
    for (from, targets) in &graph {
        // Unit tests in a file of their own may use what is above.
        if from.ends_with("::tests") {
            continue;
        }
        let Some(at) = layer(from) else { continue };
        for to in targets {
            if layer(to).is_some_and(|above| above > at) {
                upward.push(format!("{from} → {to}"));
            }
        }
    }
    assert!(upward.is_empty(), "imports up the layers: {upward:#?}");
}

/// The variants of `Page`, read from its definition.
fn page_kinds() -> Vec<String> {
    let modules = modules();
    let text = &modules["address"].1;
    let body = text
        .split("pub enum Page {")
        .nth(1)
        .and_then(|rest| rest.split("\n}").next())
        .expect("the address module defines Page");
    let kinds: Vec<String> = body
        .lines()
        .filter_map(|line| line.strip_prefix("    "))
        .filter(|line| line.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|line| {
            line.split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert!(kinds.len() > 20, "the scan sees the kinds: {kinds:?}");
    kinds
}

#[test]
fn one_dispatch_over_kinds_names_every_kind_without_a_catch_all() {
    let dispatching: Vec<(String, String)> = modules()
        .into_iter()
        .filter(|(_, (_, text))| code_of(text).contains("kinds! {"))
        .map(|(module, (_, text))| (module, code_of(&text)))
        .collect();
    let [(module, code)] = dispatching.as_slice() else {
        panic!("one dispatch over kinds, not {}", dispatching.len());
    };
    assert_eq!(module, "pages");
    let table = code
        .split("kinds! {")
        .nth(1)
        .and_then(|t| t.split('}').next());
    let table = table.expect("the dispatch's table");
    for kind in page_kinds() {
        let named = table
            .match_indices(&format!("Page::{kind}"))
            .any(|(at, found)| {
                !table[at + found.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
            });
        assert!(named, "the dispatch has no line for Page::{kind}");
    }
    assert!(!table.contains("_ =>"), "the dispatch has a catch-all");
}

/// The files whose patterns (match arms, `matches!`, `let … else`) name
/// each kind of page, other than the address module's.
fn files_matching_each_kind() -> BTreeMap<String, BTreeSet<String>> {
    let kinds = page_kinds();
    let mut named: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, (_, text)) in modules() {
        if module.starts_with("address") || module.ends_with("tests") {
            continue;
        }
        let code = code_of(&text);
        let code = code
            .split("#[cfg(test)]")
            .next()
            .unwrap_or_default()
            .to_owned();
        let mut patterns: Vec<String> = Vec::new();
        let lines: Vec<&str> = code.lines().map(str::trim).collect();
        for (i, line) in lines.iter().enumerate() {
            // An arm, or a line of an or-pattern spread over lines.
            let continued = lines.get(i + 1).is_some_and(|next| next.starts_with("| "));
            if let Some((pattern, _)) = line.split_once("=>") {
                patterns.push(pattern.to_owned());
            } else if line.starts_with("| Page::") || (line.starts_with("Page::") && continued) {
                patterns.push((*line).to_owned());
            }
        }
        for (at, found) in code.match_indices("matches!(") {
            // The macro's arguments, to its closing parenthesis.
            let open = at + found.len() - 1;
            let mut depth = 0usize;
            let close = code[open..].char_indices().find_map(|(i, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(open + i)
            });
            patterns.push(code[open..close.unwrap_or(open)].to_owned());
        }
        for (at, _) in code.match_indices("let ") {
            patterns.push(code[at..].split('=').next().unwrap_or_default().to_owned());
        }
        for kind in &kinds {
            let spelled = format!("Page::{kind}");
            let names = patterns.iter().any(|pattern| {
                pattern.match_indices(&spelled).any(|(at, found)| {
                    !pattern[at + found.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
                })
            });
            if names {
                named
                    .entry(kind.clone())
                    .or_default()
                    .insert(module.clone());
            }
        }
    }
    named
}

#[test]
fn no_page_kind_is_named_in_the_patterns_of_more_than_three_files() {
    let named = files_matching_each_kind();
    assert!(
        named
            .get("Transition")
            .is_some_and(|files| files.contains("pages")),
        "the scan sees patterns: {named:#?}"
    );
    // The address module, the dispatch and the kind's own module.
    let spread: Vec<String> = named
        .iter()
        .filter(|(_, files)| files.len() > 2)
        .map(|(kind, files)| format!("{kind}: address, {files:?}"))
        .collect();
    assert!(
        spread.is_empty(),
        "kinds named in too many files: {spread:#?}"
    );
}

#[test]
fn a_types_methods_live_beside_it_in_at_most_three_files() {
    let modules = modules();
    let src = repo_path("src");
    let mut defined: BTreeMap<String, BTreeSet<PathBuf>> = BTreeMap::new();
    let mut extended: BTreeMap<String, BTreeSet<PathBuf>> = BTreeMap::new();
    for (file, text) in modules.values() {
        let code = code_of(text);
        for line in code.lines() {
            let line = line.trim_start();
            let line = ["pub(crate) ", "pub(super) ", "pub "]
                .iter()
                .find_map(|vis| line.strip_prefix(vis))
                .unwrap_or(line);
            let name = |rest: &str| {
                rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            };
            if let Some(rest) = line
                .strip_prefix("struct ")
                .or_else(|| line.strip_prefix("enum "))
            {
                defined.entry(name(rest)).or_default().insert(file.clone());
            }
            // `impl Type {` or `impl<'a> Type<'a> {`, not `impl Trait for Type`.
            if let Some(rest) = line.strip_prefix("impl")
                && line.trim_end().ends_with('{')
                && !line.contains(" for ")
            {
                let rest = rest.trim_start();
                let rest = match rest.strip_prefix('<') {
                    Some(generics) => generics.split_once('>').map_or("", |(_, r)| r).trim_start(),
                    None => rest,
                };
                extended.entry(name(rest)).or_default().insert(file.clone());
            }
        }
    }
    assert!(
        extended.contains_key("Rendered"),
        "the scan sees impls: {extended:#?}"
    );
    let mut astray = Vec::new();
    for (name, files) in &extended {
        let homes = defined.get(name).cloned().unwrap_or_default();
        let folders: Vec<&Path> = homes.iter().filter_map(|home| home.parent()).collect();
        let others: Vec<&PathBuf> = files.iter().filter(|file| !homes.contains(*file)).collect();
        let away = others
            .iter()
            .any(|file| !folders.iter().any(|folder| file.starts_with(folder)));
        if away || others.len() > 2 {
            let shown: Vec<String> = files
                .iter()
                .map(|f| f.strip_prefix(&src).unwrap_or(f).display().to_string())
                .collect();
            astray.push(format!("{name}: {shown:?}"));
        }
    }
    assert!(
        astray.is_empty(),
        "methods away from their type: {astray:#?}"
    );
}
