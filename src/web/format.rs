//! Figures and amounts as a page shows them, in the page's language.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::catalogue::Language;
use crate::documents::amount;
use crate::domain::metric::{Metric, Unit};

/// A metric's name in `language`.
pub fn metric_name(metric: &Metric, language: Language) -> &'static str {
    match language {
        Language::Zh => metric.name_zh,
        Language::En => metric.name_en,
    }
}

/// A figure of `metric` with its unit: `28.4 秒`, `36.25%`, `4.82 分`.
pub fn figure(value: Decimal, metric: &Metric, language: Language) -> String {
    let places = match metric.unit {
        Unit::Count => 0,
        Unit::Seconds => 1,
        Unit::Percent | Unit::Score | Unit::Money => 2,
    };
    let shown = value
        .round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    match metric.unit {
        Unit::Percent => format!("{shown}%"),
        Unit::Count | Unit::Money => amount(shown, places),
        Unit::Seconds => language.text("figure-seconds", &[("value", shown.to_string())]),
        Unit::Score => language.text("figure-score", &[("value", shown.to_string())]),
    }
}

/// Money with thousands separators and its currency: `12,345.60 CNY`.
pub fn money(value: Decimal, currency: &str, minor_digits: u32) -> String {
    format!("{} {currency}", amount(value, minor_digits))
}
