//! Role colours: which of the stylesheet's four role colours (the classes
//! `role-1` … `role-4`) each role wears. A role keeps one colour on every
//! page, whatever column it stands in, and no two roles on one page share
//! one. Every page, chart and card takes its colours from [`colours`].

use crate::content::{Content, Role};

/// How many role colours the stylesheet defines (`--role-1-bar` …).
pub const COUNT: usize = 4;

/// The colour (1 to [`COUNT`], for the class `role-{n}`) of each of
/// `roles`, in their order, on one page.
///
/// A role's own colour follows its place in the site-wide role order
/// ([`crate::content::RoleOrder`]: curated pairs first, then by title),
/// round the four colours, so the roles a page lists first wear the first
/// colours. When two roles on a page would share one, the one later in
/// that order takes the next free colour; so a pair has the same colours
/// in either order. With more than four roles (the
/// salaries page) every colour is taken, and each role wears its own.
pub fn colours(content: &Content, roles: &[&Role]) -> Vec<usize> {
    let own: Vec<usize> = roles
        .iter()
        .enumerate()
        .map(|(column, role)| content.rank(&role.slug).unwrap_or(column))
        .collect();
    assign(&own)
}

/// The colours of the roles named `titles` (a card's, which may leave out
/// some of the page's `roles`), as they are on the page of `roles`.
pub fn colours_of_titles(content: &Content, roles: &[&Role], titles: &[String]) -> Vec<usize> {
    let on_page = colours(content, roles);
    titles
        .iter()
        .enumerate()
        .map(|(i, title)| {
            roles
                .iter()
                .position(|role| role.title.as_str() == title)
                .map_or(i % COUNT + 1, |at| on_page[at])
        })
        .collect()
}

/// The colours of roles at the places `own` in the site-wide role order.
fn assign(own: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..own.len()).collect();
    order.sort_by_key(|&i| (own[i], i));
    let mut taken = [false; COUNT];
    let mut chosen = vec![0; own.len()];
    for i in order {
        let start = own[i] % COUNT;
        let colour = (0..COUNT)
            .map(|step| (start + step) % COUNT)
            .find(|&c| !taken[c])
            .unwrap_or(start);
        taken[colour] = true;
        chosen[i] = colour + 1;
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::{COUNT, assign};

    #[test]
    fn a_role_keeps_its_colour_in_any_column() {
        assert_eq!(assign(&[0, 1]), [1, 2]);
        assert_eq!(assign(&[1, 0]), [2, 1]);
        assert_eq!(assign(&[2, 0, 3]), [3, 1, 4]);
        // The fifth role wears the first's colour, round the four; beside
        // the first it takes the next free one, in either column.
        assert_eq!(assign(&[4]), [1]);
        assert_eq!(assign(&[4, 0]), [2, 1]);
        assert_eq!(assign(&[0, 4]), [1, 2]);
        assert_eq!(assign(&[0, 4, 1]), [1, 3, 2]);
        // Four roles always get four colours.
        let mut four = assign(&[5, 4, 1, 0]);
        four.sort_unstable();
        assert_eq!(four, [1, 2, 3, 4]);
        // Past four, each wears its own.
        assert_eq!(assign(&[0, 1, 2, 3, 4, 5]), [1, 2, 3, 4, 1, 2]);
    }

    #[test]
    fn the_stylesheet_defines_every_colour() {
        assert_eq!(crate::render::assets::role_colours().len(), COUNT);
    }
}
