//! Property tests over the content parser and the markdown renderer: no
//! input panics, every problem carries a location inside the file, and
//! markdown never lets script through. Bounded: a few seconds in CI.

use std::path::Path;

use proptest::prelude::*;
use rolecompare::content::{markdown, parse_role};

use crate::support::repo_path;

fn bundled_role() -> String {
    std::fs::read_to_string(repo_path("content/roles/aws-engineer.md")).expect("role file")
}

/// Parses `text` as a role file and checks every problem's location.
fn check_role(text: &str) {
    let path = Path::new("roles/fuzzed-role.md");
    if let Err(problems) = parse_role(path, text, None) {
        assert!(!problems.is_empty(), "an error without a message");
        let lines = text.split('\n').count() as u64;
        for problem in problems {
            assert!(problem.line >= 1, "no line: {problem}");
            assert!(problem.column >= 1, "no column: {problem}");
            assert!(
                problem.line <= lines + 1,
                "line past the end ({lines} lines): {problem}"
            );
            assert!(!problem.message.is_empty());
        }
    }
}

/// A random edit of a valid file.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, String),
    DuplicateLine(usize),
    SwapLines(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 1..40usize).prop_map(|(at, len)| Edit::Delete(at, len)),
        (any::<usize>(), "[ -~\\t\\n:#\\-\\[\\]{}'\"|>&*!%@`]{1,12}")
            .prop_map(|(at, s)| Edit::Insert(at, s)),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
    ]
}

fn apply(text: &str, edit: &Edit) -> String {
    let boundary = |at: usize| {
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    match edit {
        Edit::Delete(at, len) => {
            let start = boundary(*at);
            let end = boundary(start.saturating_add(*len).min(text.len()));
            format!("{}{}", &text[..start], &text[end.max(start)..])
        }
        Edit::Insert(at, inserted) => {
            let at = boundary(*at);
            format!("{}{inserted}{}", &text[..at], &text[at..])
        }
        Edit::DuplicateLine(n) | Edit::SwapLines(n, _) => {
            let mut lines: Vec<&str> = text.split('\n').collect();
            let i = n % lines.len();
            match edit {
                Edit::SwapLines(_, m) => {
                    let j = m % lines.len();
                    lines.swap(i, j);
                }
                _ => lines.insert(i, lines[i]),
            }
            lines.join("\n")
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gets_located_problems_never_a_panic(body in "\\PC{0,400}", front in any::<bool>()) {
        let text = if front { format!("---\n{body}\n---\nOverview\n") } else { body };
        check_role(&text);
    }

    #[test]
    fn edited_role_files_get_located_problems(edits in prop::collection::vec(edit(), 1..6)) {
        let mut text = bundled_role();
        for edit in &edits {
            text = apply(&text, edit);
        }
        check_role(&text);
    }

    #[test]
    fn markdown_never_lets_script_through(
        text in "(\\PC|<script>|<img src=x onerror=alert(1)>|\\[a\\]\\(javascript:alert\\(1\\)\\)|<a href=\"javascript:x\">|\\n){0,60}"
    ) {
        let html = markdown::to_html(&text, "fuzz");
        // Parse the output as a browser would: text that merely looks like
        // markup is escaped and harmless; elements are what could run.
        let fragment = scraper::Html::parse_fragment(&html);
        for element in fragment.tree.values().filter_map(scraper::Node::as_element) {
            prop_assert!(!matches!(element.name(), "script" | "iframe" | "object" | "embed" | "style"), "{}", html);
            for (name, value) in element.attrs() {
                prop_assert!(!name.to_ascii_lowercase().starts_with("on"), "{}", html);
                let value = value.trim().to_ascii_lowercase();
                prop_assert!(!value.starts_with("javascript:") && !value.starts_with("data:"), "{}", html);
            }
        }
    }
}
