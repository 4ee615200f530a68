//! "Did you mean…?" for unknown role slugs.

use crate::content::{Content, Role};

/// Up to three roles whose slug or title is close to `wanted`, closest first.
pub fn closest_roles<'a>(content: &'a Content, wanted: &str) -> Vec<&'a Role> {
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(usize, &Role)> = content
        .roles
        .iter()
        .filter_map(|role| {
            let title = role.title.to_lowercase().replace(' ', "-");
            let distance = edit_distance(&wanted, &role.slug).min(edit_distance(&wanted, &title));
            let contains = wanted.len() >= 3
                && (role.slug.contains(&wanted) || wanted.contains(role.slug.as_str()));
            let close = distance <= (wanted.chars().count() / 3).max(2);
            (close || contains).then_some((if contains { 0 } else { distance }, role))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.slug.cmp(&b.1.slug)));
    scored.into_iter().take(3).map(|(_, role)| role).collect()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn counts_edits() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("aws-enginer", "aws-engineer"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
