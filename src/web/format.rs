//! Figures and amounts as a page shows them, in the page's language.

use rust_decimal::Decimal;

use crate::catalogue::Language;
use crate::documents::{amount, explain};
use crate::domain::metric::Metric;

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

/// A page shows a metric's money figure (an order value) without its currency.
fn with_unit(shown: Decimal, metric: &Metric, language: Language) -> String {
    explain::with_unit(language, metric, shown, |v| amount(v, v.scale()))
}

/// The whole number typed in the form field `name`: `None` when it is empty,
/// or when it is no whole number (the rule broken is added to `errors`).
pub fn whole_number(
    fields: &std::collections::HashMap<String, String>,
    name: &str,
    errors: &mut crate::domain::violation::Violations,
) -> Option<i64> {
    let raw = fields.get(name).map_or("", |v| v.trim());
    if raw.is_empty() {
        return None;
    }
    let parsed = raw.parse::<i64>().ok();
    if parsed.is_none() {
        errors.add(name, crate::domain::message::msg!("whole-number-wanted"));
    }
    parsed
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
