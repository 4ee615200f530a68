//! The card of a comparison's official pay: each role with the official
//! occupation its figures are of, the medians and the middle 80% in
//! words, and each occupation's wage distribution drawn on one axis.

use crate::content::{Content, Role};
use crate::oews::{Estimates, Measure, OfficialPay};

use super::super::card::Card;
use super::super::card_ranges::CardRange;
use super::super::views::{PayTable, officials_with_pay};

/// The card of a comparison's official pay. `None` if no role has
/// official figures.
pub fn pay_card(content: &Content, roles: &[&Role]) -> Option<Card> {
    let (pay, officials) = officials_with_pay(content, roles)?;
    let table = PayTable::national(pay, officials)?;
    let cells = |row: usize| -> Vec<String> {
        table.rows.get(row).map_or_else(Vec::new, |row| {
            row.cells.iter().map(|cell| cell.text.clone()).collect()
        })
    };
    let middle = cells(0)
        .into_iter()
        .zip(cells(4))
        .map(|(low, high)| format!("{low} – {high}"))
        .collect();
    let rows = vec![
        (
            "Occupation".to_owned(),
            table.columns.iter().map(|o| o.occupation()).collect(),
        ),
        ("Median".to_owned(), cells(2)),
        ("10th–90th".to_owned(), middle),
    ];
    let ranges: Option<Vec<CardRange>> = table
        .columns
        .iter()
        .map(|o| range(pay, pay.national(o.soc)?))
        .collect();
    Some(Card {
        eyebrow: "Official pay".to_owned(),
        title: roles
            .iter()
            .map(|role| role.title.as_str())
            .collect::<Vec<_>>()
            .join(" vs "),
        roles: table
            .columns
            .iter()
            .map(|o| o.role.title.to_string())
            .collect(),
        rows,
        site: content.site.title.to_string(),
        footer: format!(
            "U.S. Bureau of Labor Statistics, OEWS, {}: wage and salary workers, all levels. Bars: 10th to 90th percentile; box: 25th to 75th; mark: median",
            table.release.name
        ),
        ranges: ranges.unwrap_or_default(),
    })
}

/// An occupation's five annual percentiles, top-coded ones at their
/// floor; `None` if BLS published one without a number or floor.
fn range(pay: &OfficialPay, estimates: &Estimates) -> Option<CardRange> {
    let value = |measure: Measure| {
        let figure = estimates.get(measure);
        figure
            .value()
            .or_else(|| pay.at_least(measure, figure))
            .map(u64::from)
    };
    Some(CardRange {
        p10: value(Measure::AnnualP10)?,
        p25: value(Measure::AnnualP25)?,
        median: value(Measure::AnnualMedian)?,
        p75: value(Measure::AnnualP75)?,
        p90: value(Measure::AnnualP90)?,
    })
}
