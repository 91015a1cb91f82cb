//! The rules every part of the terms shares — names, amounts, percentages,
//! metrics, dates, tiers — each naming the field it concerns by its path.
//! Each part's own rules sit beside its type.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::domain::decimal::is_percent;
use crate::domain::message::msg;
use crate::domain::metric::Metric;
use crate::domain::violation::Violations;

pub(super) fn check_name(name: &str, field: &str, v: &mut Violations) {
    let broken = !name.chars().any(crate::domain::text::is_visible) || name.chars().count() > 200;
    v.rule(broken, field, msg!("error-terms-name"));
}

/// Largest amount a line of the terms may name: far above any contract, and
/// far enough below `Decimal`'s range that the engine's products cannot overflow.
pub(super) const AMOUNT_MAX_UNITS: u64 = 1_000_000_000_000;
pub(super) const AMOUNT_MAX: Decimal = Decimal::from_parts(
    AMOUNT_MAX_UNITS as u32,
    (AMOUNT_MAX_UNITS >> 32) as u32,
    0,
    false,
    0,
);

pub(super) fn check_amount(amount: Decimal, field: &str, frame: &Frame, v: &mut Violations) {
    if amount < Decimal::ZERO {
        v.add(field, msg!("error-not-negative"));
    } else if amount > AMOUNT_MAX {
        v.add(field, msg!("error-at-most", max = AMOUNT_MAX_UNITS));
    } else if amount.scale() > frame.minor_digits {
        v.add(
            field,
            msg!("error-minor-unit-places", places = frame.minor_digits),
        );
    }
}

pub(super) fn check_positive_amount(
    amount: Decimal,
    field: &str,
    frame: &Frame,
    v: &mut Violations,
) {
    v.rule(amount <= Decimal::ZERO, field, msg!("error-more-than-zero"));
    if amount > Decimal::ZERO {
        check_amount(amount, field, frame, v);
    }
}

pub(super) fn check_percent(value: Decimal, field: &str, v: &mut Violations) {
    v.rule(!is_percent(value), field, msg!("error-percent"));
}

pub(super) fn check_metric(code: &str, field: &str, v: &mut Violations) -> Option<&'static Metric> {
    let metric = Metric::find(code);
    v.rule(
        metric.is_none(),
        field,
        msg!("error-unknown-metric", code = code),
    );
    metric
}

pub(super) fn check_within(date: NaiveDate, field: &str, frame: &Frame, v: &mut Violations) {
    let outside = date < frame.start || date > frame.end;
    v.rule(
        outside,
        field,
        msg!(
            "error-within-contract",
            start = frame.start,
            end = frame.end
        ),
    );
}

/// Tiers start at zero and each starts above the one before.
pub(super) fn check_tiers(starts: &[Decimal], field: &str, v: &mut Violations) {
    if starts.is_empty() {
        v.add(field, msg!("error-tiers-none"));
        return;
    }
    v.rule(
        starts[0] != Decimal::ZERO,
        format!("{field}[0].from"),
        msg!("error-tiers-first"),
    );
    for (i, pair) in starts.windows(2).enumerate() {
        v.rule(
            pair[1] <= pair[0],
            format!("{field}[{}].from", i + 1),
            msg!("error-tiers-order"),
        );
    }
}

/// A target or threshold must be a value the metric can take.
pub(super) fn check_value(metric: &Metric, value: Decimal, field: &str, v: &mut Violations) {
    use crate::domain::metric::Unit;
    match metric.unit {
        Unit::Percent => check_percent(value, field, v),
        Unit::Score if metric.code == "nps" => v.rule(
            value < Decimal::from(-100) || value > Decimal::ONE_HUNDRED,
            field,
            msg!("error-nps-range"),
        ),
        _ => v.rule(value < Decimal::ZERO, field, msg!("error-not-negative")),
    }
}
