//! The site-wide order of roles: every page that lists roles (home, the
//! pickers, `/salaries`, a questionnaire's result) lists them in it, and a
//! role's colour follows its place in it. Curated pairs come first, in
//! their files' order, each as its file names it (`a-vs-b`: `a`, then
//! `b`); then every other role by title (then slug, for equal titles).

use super::model::{Comparison, Role};

/// Where each role stands in the site-wide order.
#[derive(Debug, Clone, Default)]
pub struct RoleOrder {
    /// Indexes into the content's roles (ordered by slug), in site order.
    order: Vec<usize>,
    /// The place in `order` of each role, by its index in the roles.
    ranks: Vec<usize>,
}

impl RoleOrder {
    /// The order of `roles` (sorted by slug), given the curated
    /// `comparisons` (sorted by file name).
    pub fn new(roles: &[Role], comparisons: &[Comparison]) -> Self {
        let index = |slug: &str| roles.iter().position(|role| role.slug == slug);
        let mut order: Vec<usize> = Vec::with_capacity(roles.len());
        for comparison in comparisons {
            for slug in [&comparison.a, &comparison.b] {
                if let Some(i) = index(slug)
                    && !order.contains(&i)
                {
                    order.push(i);
                }
            }
        }
        let mut rest: Vec<usize> = (0..roles.len()).filter(|i| !order.contains(i)).collect();
        rest.sort_by(|&a, &b| {
            (roles[a].title.as_str(), roles[a].slug.as_str())
                .cmp(&(roles[b].title.as_str(), roles[b].slug.as_str()))
        });
        order.extend(rest);
        let mut ranks = vec![0; roles.len()];
        for (rank, &i) in order.iter().enumerate() {
            ranks[i] = rank;
        }
        Self { order, ranks }
    }

    /// Indexes into the roles, in site order.
    pub fn indexes(&self) -> &[usize] {
        &self.order
    }

    /// The place in the site order of the role at `index` in the roles.
    pub fn rank(&self, index: usize) -> Option<usize> {
        self.ranks.get(index).copied()
    }
}
