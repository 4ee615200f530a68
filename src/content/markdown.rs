//! Markdown → HTML for role overviews and comparison intros.
//!
//! comrak in safe mode: raw HTML is dropped and `javascript:`-style link
//! schemes are removed, so content can never inject script. Headings are
//! demoted to sit under the page's own (by two levels in a comparison's
//! columns, by one on a role page and in a comparison's intro, which
//! follows the `h1`) and their ids are prefixed with an owner slug, so that
//! two roles' overviews on one page never produce the same id.

use comrak::nodes::NodeValue;
use comrak::{Arena, Options};

/// Levels added to headings in content markdown shown in a column under a
/// section's `h2` and the column's `h3`.
const HEADING_DEMOTION: u8 = 2;

/// Renders `markdown` to safe HTML; heading ids start with `{id_prefix}-`;
/// `#` becomes `h3`.
pub fn to_html(markdown: &str, id_prefix: &str) -> String {
    to_html_demoted(markdown, id_prefix, HEADING_DEMOTION)
}

/// As [`to_html`], with headings demoted by `demotion` levels: 1 on a role
/// page, which has no column heading (`##` becomes `h3` under the section's
/// `h2`), and in a comparison's intro (`#` becomes `h2` under the `h1`).
pub fn to_html_demoted(markdown: &str, id_prefix: &str, demotion: u8) -> String {
    let mut options = Options::default();
    options.extension.header_id_prefix = Some(format!("{id_prefix}-"));
    options.extension.header_id_prefix_in_href = true;
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.render.r#unsafe = false;

    let arena = Arena::new();
    let root = comrak::parse_document(&arena, markdown, &options);
    for node in root.descendants() {
        if let NodeValue::Heading(heading) = &mut node.data_mut().value {
            heading.level = (heading.level + demotion).min(6);
        }
    }
    let mut html = String::new();
    // Writing into a String cannot fail.
    let _ = comrak::format_html(root, &options, &mut html);
    html
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn raw_html_never_reaches_the_output() {
        let html = to_html(
            "Hi <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>",
            "r",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
    }

    #[test]
    fn unsafe_link_schemes_are_removed() {
        let html = to_html("[click](javascript:alert(1)) [data](data:text/html,x)", "r");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("data:text/html"), "{html}");
        assert!(html.contains("<a href=\"\">click</a>"), "{html}");
    }

    #[test]
    fn headings_are_demoted_and_ids_prefixed() {
        let html = to_html("# Where it fits\n\ntext", "aws-engineer");
        assert!(
            html.contains("<h3 id=\"aws-engineer-where-it-fits\">"),
            "{html}"
        );
        assert!(
            html.contains("href=\"#aws-engineer-where-it-fits\""),
            "{html}"
        );
    }
}
