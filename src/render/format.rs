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
    let symbol = match currency {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        _ => return format!("{} {currency}", thousands(amount)),
    };
    format!("{symbol}{}", thousands(amount))
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
}
