//! Why a request gets no page: one error type, with the HTTP status it
//! answers. The HTTP layer answers it (`http::error`); what its page and
//! its JSON say is rendered like any page (`render::errors`). Nothing
//! internal ever reaches the client.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    /// No page at this path.
    #[error("no page at this address")]
    NotFound,
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
    /// `/salaries?sort=` names no salary level.
    #[error("unknown sort key: {sort}")]
    UnknownSort { sort: String },
    /// The query string could not be read.
    #[error("malformed query string")]
    BadQuery,
    /// A request line longer than the site's longest sensible URL.
    #[error("URI too long")]
    UriTooLong,
    /// Request headers larger than any browser sends.
    #[error("request headers too large")]
    HeadersTooLarge,
    /// A request with a body: no page here takes one.
    #[error("request body not allowed")]
    BodyNotAllowed,
    /// An HTTP/1.1 request without a `Host` header.
    #[error("HTTP/1.1 request without Host")]
    MissingHost,
    /// A request with more than one `Host` header.
    #[error("more than one Host header")]
    RepeatedHost,
    /// The server is too busy to answer now: the page could not be
    /// rendered in time, or the connection gave way to another at the cap.
    #[error("too busy to answer now")]
    Busy,
    /// Any method but GET and HEAD.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A bug or an I/O failure; logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        match self {
            Self::NotFound | Self::UnknownRoles { .. } => 404,
            Self::SameRole { .. }
            | Self::TooManyRoles { .. }
            | Self::PairOnly { .. }
            | Self::UnknownView { .. }
            | Self::MissingRole { .. }
            | Self::BadQuery
            | Self::UnknownSort { .. } => 400,
            Self::MethodNotAllowed => 405,
            Self::UriTooLong => 414,
            Self::HeadersTooLarge => 431,
            Self::BodyNotAllowed | Self::MissingHost | Self::RepeatedHost => 400,
            Self::Internal(_) => 500,
            Self::Busy => 503,
        }
    }

    /// Whether the server is at fault (logged). Being busy is not a fault.
    pub fn is_server_error(&self) -> bool {
        self.status() >= 500 && !matches!(self, Self::Busy)
    }
}
