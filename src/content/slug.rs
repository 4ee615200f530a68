//! The slug rule: lowercase `a-z`, `0-9` and single hyphens, no leading or
//! trailing hyphen, and nothing that could be confused with the `-vs-`
//! separator in comparison URLs.

/// Why `slug` is not a valid slug, or `None` when it is.
pub fn problem(slug: &str) -> Option<&'static str> {
    if slug.is_empty() {
        return Some("is empty");
    }
    if !slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Some("may only use lowercase letters a-z, digits 0-9 and hyphens");
    }
    if slug.starts_with('-') || slug.ends_with('-') {
        return Some("must not start or end with a hyphen");
    }
    if slug.contains("--") {
        return Some("must not contain two hyphens in a row");
    }
    if slug.starts_with("vs-") || slug.ends_with("-vs") || slug.contains("-vs-") || slug == "vs" {
        return Some(
            "must not contain `vs` as a word of its own (it separates roles in comparison URLs)",
        );
    }
    None
}

/// A slug made from free text, for anchors: lowercase ASCII letters and
/// digits, other runs of characters as one hyphen (`CI/CD pipelines` →
/// `ci-cd-pipelines`). Letters outside ASCII are dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "item".to_owned()
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    fn is_valid(slug: &str) -> bool {
        super::problem(slug).is_none()
    }

    #[test]
    fn accepts_good_slugs() {
        for slug in [
            "aws-engineer",
            "a",
            "role-2",
            "canvas",
            "vsphere-admin",
            "devs",
        ] {
            assert!(is_valid(slug), "{slug}");
        }
    }

    #[test]
    fn slugifies_text() {
        use super::slugify;
        assert_eq!(
            slugify("Monitoring and Troubleshooting"),
            "monitoring-and-troubleshooting"
        );
        assert_eq!(slugify("CI/CD pipelines"), "ci-cd-pipelines");
        assert_eq!(
            slugify("AWS Certified Security – Specialty"),
            "aws-certified-security-specialty"
        );
        assert_eq!(slugify("  ---  "), "item");
    }

    #[test]
    fn rejects_bad_slugs() {
        for slug in [
            "",
            "AWS",
            "aws_engineer",
            "-aws",
            "aws-",
            "aws--engineer",
            "vs-code",
            "dev-vs",
            "a-vs-b",
            "vs",
            "café",
        ] {
            assert!(!is_valid(slug), "{slug}");
        }
    }
}
