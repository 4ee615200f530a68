//! The money axis of range charts: what figures it must span, and where
//! its ticks go. Charts on one page that share a unit share one axis by
//! drawing on the union of their spans ([`Span::union`]).

/// The figures a range chart must show: its lowest and highest, and
/// whether some range is open-ended (an arrowhead past the highest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub low: u64,
    pub high: u64,
    pub open: bool,
}

impl Span {
    /// The span of `ranges` (`(min, max, open_ended)`), or `None` if
    /// there are none.
    pub fn of(ranges: impl IntoIterator<Item = (u64, u64, bool)>) -> Option<Self> {
        ranges.into_iter().fold(None, |span, (min, max, open)| {
            let range = Self {
                low: min,
                high: max,
                open,
            };
            Some(span.map_or(range, |span: Self| span.union(range)))
        })
    }

    /// Both spans on one axis.
    pub fn union(self, other: Self) -> Self {
        Self {
            low: self.low.min(other.low),
            high: self.high.max(other.high),
            open: self.open || other.open,
        }
    }
}

/// An axis over `span` with about `count` ticks: `(start, end, step)`,
/// with room past the highest figure for an open end's arrow.
pub fn axis(span: Span, count: f64) -> (f64, f64, f64) {
    let Span { low, high, open } = span;
    let headroom = if open {
        (high - low) as f64 * 0.08
    } else {
        0.0
    };
    // Ranges that are all one figure still get an axis a tenth of it wide.
    let width = ((high - low) as f64 + headroom).max(high.max(10) as f64 / 10.0);
    let step = nice_step(width, count);
    let start = (low as f64 / step).floor() * step;
    let end = ((high as f64 + headroom) / step)
        .ceil()
        .max(start / step + 1.0)
        * step;
    (start, end, step)
}

/// A "nice" tick step (1, 2, 2.5 or 5 × 10ⁿ) giving about `count` ticks
/// over `width`.
pub fn nice_step(width: f64, count: f64) -> f64 {
    let raw = (width / count).max(f64::MIN_POSITIVE);
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|m| m * magnitude >= raw)
        .unwrap_or(10.0);
    step * magnitude
}

#[cfg(test)]
mod tests {
    use super::{Span, axis, nice_step};

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(120_000.0, 5.0), 25_000.0);
        assert_eq!(nice_step(100.0, 5.0), 20.0);
        assert_eq!(nice_step(7.0, 5.0), 2.0);
    }

    #[test]
    fn two_spans_share_one_axis() {
        let article = Span::of([(80_000, 110_000, false), (160_000, 200_000, true)]);
        let official = Span::of([(62_640, 202_680, false)]);
        let (Some(article), Some(official)) = (article, official) else {
            panic!("spans");
        };
        let both = article.union(official);
        assert_eq!(
            both,
            Span {
                low: 62_640,
                high: 202_680,
                open: true
            }
        );
        let (start, end, _) = axis(both, 5.0);
        assert!(start <= 62_640.0 && end >= 202_680.0, "{start} {end}");
        assert_eq!(Span::of([]), None);
    }
}
