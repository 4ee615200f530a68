//! The sections of a comparison or role page, by their anchors.

use std::fmt;

/// A section of a comparison or role page, in page order. Its id is its
/// anchor and the last step of its share page's address (SPEC: section
/// anchors; `levels` extends SPEC's seven).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Overview,
    Responsibilities,
    Skills,
    DayToDay,
    CareerPath,
    JobMarket,
    Salaries,
    Levels,
}

impl Section {
    /// Every section, in page order.
    pub const ALL: [Self; 8] = [
        Self::Overview,
        Self::Responsibilities,
        Self::Skills,
        Self::DayToDay,
        Self::CareerPath,
        Self::JobMarket,
        Self::Salaries,
        Self::Levels,
    ];

    /// The anchor: `#day-to-day`, and `/compare/{pair}/day-to-day`.
    pub fn id(self) -> &'static str {
        match self {
            Self::Overview => "overview",
            Self::Responsibilities => "responsibilities",
            Self::Skills => "skills",
            Self::DayToDay => "day-to-day",
            Self::CareerPath => "career-path",
            Self::JobMarket => "job-market",
            Self::Salaries => "salaries",
            Self::Levels => "levels",
        }
    }

    /// The heading the section has on every page.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Overview => "Overview",
            Self::Responsibilities => "Responsibilities",
            Self::Skills => "Skills and certifications",
            Self::DayToDay => "Day to day",
            Self::CareerPath => "Career path",
            Self::JobMarket => "Job market",
            Self::Salaries => "Salaries",
            Self::Levels => "Level by level",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|section| section.id() == id)
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
