//! "Did you mean…?" for unknown role slugs.
//!
//! The work is bounded whatever the address holds: only the first
//! [`MAX_COMPARED_CHARS`] characters of a slug are compared, and a role
//! whose slug and title are too far from it by a linear-time lower bound
//! (the difference in length, then characters one has and the other
//! lacks) is skipped without computing an edit distance.

use crate::content::{Content, Role};

/// How much of an unknown slug is compared with the roles' slugs and
/// titles; the rest is ignored. Real slugs are far shorter.
pub const MAX_COMPARED_CHARS: usize = 64;

/// Up to three roles whose slug or title is close to `wanted`, closest first.
pub fn closest_roles<'a>(content: &'a Content, wanted: &str) -> Vec<&'a Role> {
    let wanted: String = wanted
        .chars()
        .take(MAX_COMPARED_CHARS)
        .collect::<String>()
        .to_lowercase();
    let length = wanted.chars().count();
    let most = (length / 3).max(2);
    let mut scored: Vec<(usize, &Role)> = content
        .roles
        .iter()
        .filter_map(|role| {
            let contains = wanted.len() >= 3
                && (role.slug.contains(&wanted) || wanted.contains(role.slug.as_str()));
            if contains {
                return Some((0, role));
            }
            let title = role.title.to_lowercase().replace(' ', "-");
            let distance = [role.slug.as_str(), title.as_str()]
                .into_iter()
                .filter(|name| {
                    name.chars().count().abs_diff(length) <= most
                        && distance_at_least(&wanted, name) <= most
                })
                .map(|name| strsim::levenshtein(&wanted, name))
                .min()?;
            (distance <= most).then_some((distance, role))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.slug.cmp(&b.1.slug)));
    scored.into_iter().take(3).map(|(_, role)| role).collect()
}

/// A lower bound of the edit distance between `a` and `b`, in linear time:
/// each edit removes at most one of the characters that `a` has more of
/// than `b`, and at most one of those `b` has more of. Characters share
/// 128 buckets, which can only lower the bound.
fn distance_at_least(a: &str, b: &str) -> usize {
    let mut counts = [0_i32; 128];
    for c in a.chars() {
        counts[c as usize % 128] += 1;
    }
    for c in b.chars() {
        counts[c as usize % 128] -= 1;
    }
    let (mut surplus, mut deficit) = (0_u32, 0_u32);
    for count in counts {
        if count > 0 {
            surplus += count.unsigned_abs();
        } else {
            deficit += count.unsigned_abs();
        }
    }
    surplus.max(deficit) as usize
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::distance_at_least;

    #[test]
    fn bounds_the_distance_from_below() {
        assert_eq!(distance_at_least("aws-enginer", "aws-engineer"), 1);
        assert_eq!(distance_at_least("kitten", "sitting"), 3);
        assert_eq!(distance_at_least("", "abc"), 3);
        assert_eq!(distance_at_least("qzxj-000", "role-000"), 4);
    }

    proptest! {
        #[test]
        fn never_above_the_edit_distance(a in "[a-e0-9é-]{0,12}", b in "[a-e0-9é-]{0,12}") {
            prop_assert!(distance_at_least(&a, &b) <= strsim::levenshtein(&a, &b));
        }
    }
}
