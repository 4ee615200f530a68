//! Figures as readers see them: `$110,000`, `$180,000+`, `USD per year`.

use crate::content::{Period, SalaryLevel};

/// `1234567` → `1,234,567`.
pub fn thousands(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// An amount with its currency: a symbol for the common ones, else the code.
pub fn money(amount: u64, currency: &str) -> String {
    match symbol(currency) {
        Some(symbol) => format!("{symbol}{}", thousands(amount)),
        None => format!("{} {currency}", thousands(amount)),
    }
}

fn symbol(currency: &str) -> Option<&'static str> {
    Some(match currency {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        _ => return None,
    })
}

/// Short figures for chart axes: `$80k`, `$1.2M`, `€950`.
pub fn compact_money(amount: u64, currency: &str) -> String {
    let short = if amount >= 1_000_000 {
        trim_decimal(amount as f64 / 1_000_000.0, "M")
    } else if amount >= 1_000 {
        trim_decimal(amount as f64 / 1_000.0, "k")
    } else {
        amount.to_string()
    };
    match symbol(currency) {
        Some(symbol) => format!("{symbol}{short}"),
        None => format!("{short} {currency}"),
    }
}

fn trim_decimal(value: f64, suffix: &str) -> String {
    let text = format!("{value:.1}");
    format!("{}{suffix}", text.trim_end_matches(".0"))
}

/// A signed difference: `+$20,000`, `−$5,000`, `$0`.
pub fn signed_money(difference: i128, currency: &str) -> String {
    let amount = money(difference.unsigned_abs() as u64, currency);
    match difference.signum() {
        1 => format!("+{amount}"),
        -1 => format!("−{amount}"),
        _ => amount,
    }
}

/// A signed percentage with one decimal: `+25.0%`, `−4.2%`, `0.0%`.
pub fn signed_percent(part: i128, whole: u64) -> String {
    if whole == 0 {
        return "n/a".to_owned();
    }
    let percent = part as f64 * 100.0 / whole as f64;
    let text = format!("{:.1}%", percent.abs());
    if text == "0.0%" {
        text
    } else if percent > 0.0 {
        format!("+{text}")
    } else {
        format!("−{text}")
    }
}

/// `$80,000 – $110,000`, or `$140,000 – $180,000+` when open-ended.
pub fn range(level: &SalaryLevel, currency: &str) -> String {
    let plus = if level.open_ended { "+" } else { "" };
    format!(
        "{} – {}{plus}",
        money(level.min.value, currency),
        money(level.max.value, currency)
    )
}

/// `90` → `1.5 h`, `60` → `1 h`, `45` → `0.75 h`.
pub fn hours(minutes: u16) -> String {
    let hours = f64::from(minutes) / 60.0;
    let text = format!("{hours:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text} h")
}

/// A count as prose writes it: words up to twelve (`ten`), digits above.
pub fn number_word(count: usize) -> String {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(count)
        .map_or_else(|| count.to_string(), |word| (*word).to_owned())
}

/// `USD per year`.
pub fn unit(currency: &str, period: Period) -> String {
    format!("{currency} per {}", period.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(110_000), "110,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn names_the_currency() {
        assert_eq!(money(110_000, "USD"), "$110,000");
        assert_eq!(money(2500, "EUR"), "€2,500");
        assert_eq!(money(2500, "CHF"), "2,500 CHF");
    }

    #[test]
    fn compacts_axis_figures() {
        assert_eq!(compact_money(80_000, "USD"), "$80k");
        assert_eq!(compact_money(125_000, "USD"), "$125k");
        assert_eq!(compact_money(2_500, "EUR"), "€2.5k");
        assert_eq!(compact_money(1_200_000, "USD"), "$1.2M");
        assert_eq!(compact_money(950, "CHF"), "950 CHF");
    }

    #[test]
    fn formats_hours() {
        assert_eq!(hours(60), "1 h");
        assert_eq!(hours(90), "1.5 h");
        assert_eq!(hours(45), "0.75 h");
        assert_eq!(hours(20), "0.33 h");
        assert_eq!(hours(480), "8 h");
    }

    #[test]
    fn spells_small_numbers() {
        assert_eq!(number_word(1), "one");
        assert_eq!(number_word(10), "ten");
        assert_eq!(number_word(12), "twelve");
        assert_eq!(number_word(13), "13");
    }

    #[test]
    fn signs_differences() {
        assert_eq!(signed_money(20_000, "USD"), "+$20,000");
        assert_eq!(signed_money(-5_000, "USD"), "−$5,000");
        assert_eq!(signed_money(0, "USD"), "$0");
        assert_eq!(signed_percent(20_000, 80_000), "+25.0%");
        assert_eq!(signed_percent(20_000, 110_000), "+18.2%");
        assert_eq!(signed_percent(-1, 3), "−33.3%");
        assert_eq!(signed_percent(0, 3), "0.0%");
    }
}
