//! Why an address names no page: the reasons a request gets none, typed,
//! whether the address alone says so (too many roles, an unknown view) or
//! the content does (an unknown role, a level no salary has). What a
//! reason answers (its status code) is the HTTP layer's to say; what it
//! says to a reader is `render::errors`'s.

/// Why there is no page at an address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Missing {
    /// No page at this path.
    #[error("no page at this address")]
    NoPage,
    /// A role URL or comparison names roles that do not exist.
    #[error("unknown role: {}", unknown.join(", "))]
    UnknownRoles {
        unknown: Vec<String>,
        /// What the reader asked for, to refill the picker.
        picked: Vec<String>,
    },
    /// More roles than one comparison shows.
    #[error("too many roles: {count}")]
    TooManyRoles { count: usize },
    /// A page of two roles only (a move from one to the other) asked for
    /// three or four.
    #[error("a page of two roles named {count}")]
    PairOnly {
        count: usize,
        /// The slugs named, to refill the picker.
        picked: Vec<String>,
    },
    /// `?view=` names no view.
    #[error("unknown view: {view}")]
    UnknownView { view: String },
    /// A comparison of a role with itself.
    #[error("the same role twice: {slug}")]
    SameRole { slug: String },
    /// The picker was sent without two roles.
    #[error("the comparison form is missing a role")]
    MissingRole { picked: Vec<String> },
    /// `?sort=` names no salary level (or, on official pay, nothing the
    /// states can be sorted by).
    #[error("unknown sort key: {sort}")]
    UnknownSort { sort: String },
    /// The query string could not be read.
    #[error("malformed query string")]
    BadQuery,
}
