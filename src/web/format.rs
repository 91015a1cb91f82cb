//! Figures and amounts as a page shows them, in the page's language.

use rust_decimal::Decimal;

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

/// A measured figure of `metric` with its unit (`28.4 秒`, `36.25%`, `4.82 分`),
/// to the metric's places — more where fewer would misstate it against one of
/// `against` (its targets).
pub fn figure(value: Decimal, metric: &Metric, language: Language) -> String {
    measured(value, metric, &[], language)
}

/// Like [`figure`], against targets.
pub fn measured(
    value: Decimal,
    metric: &Metric,
    against: &[Decimal],
    language: Language,
) -> String {
    with_unit(metric.shown_measure(value, against), metric, language)
}

/// A figure of the terms (a target) with its unit, every place it was written with.
pub fn term(value: Decimal, metric: &Metric, language: Language) -> String {
    with_unit(metric.shown_term(value), metric, language)
}

fn with_unit(shown: Decimal, metric: &Metric, language: Language) -> String {
    match metric.unit {
        Unit::Percent => format!("{shown}%"),
        Unit::Count | Unit::Money => amount(shown, shown.scale()),
        Unit::Seconds => language.text("figure-seconds", &[("value", shown.to_string())]),
        Unit::Score => language.text("figure-score", &[("value", shown.to_string())]),
    }
}

/// Money with thousands separators and its currency: `12,345.60 CNY`.
pub fn money(value: Decimal, currency: &str, minor_digits: u32) -> String {
    format!("{} {currency}", amount(value, minor_digits))
}

/// An instant as people here read it: China Standard Time, to the minute.
/// (kefu's users are in China; a tenant's own zone is for a later day.)
pub fn local_time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}
