//! The code's layout, as the code map in docs/ARCHITECTURE.md promises
//! it: modules whose imports run one way, files small enough to read,
//! render and content without HTTP types, and one module that spells the
//! URL grammar.

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
