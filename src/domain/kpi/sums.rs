//! Summed components and the exact ratio they make: a period's value is the
//! ratio of the sums, compared with targets without rounding.

use std::cmp::Ordering;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::metric::{Direction, Metric, Unit};

/// Places a displayed KPI value is rounded to. Comparisons use the exact ratio.
pub const VALUE_PLACES: u32 = 6;

/// Summed components over some days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Sums {
    pub numerator: i64,
    pub denominator: i64,
    /// Days that contributed.
    pub days: u32,
}

impl Sums {
    /// Adds a day. Checked components cannot reach an i64's end in any
    /// period kefu sums; should stored ones, the sum stops at the end rather
    /// than wrap round.
    pub fn add(&mut self, numerator: i64, denominator: i64) {
        self.numerator = self.numerator.saturating_add(numerator);
        self.denominator = self.denominator.saturating_add(denominator);
        self.days += 1;
    }

    /// Adds the sums of other days, stopping at an i64's end as [`Sums::add`] does.
    pub fn merge(&mut self, other: Sums) {
        self.numerator = self.numerator.saturating_add(other.numerator);
        self.denominator = self.denominator.saturating_add(other.denominator);
        self.days += other.days;
    }

    /// The value as an exact fraction, in the unit people read; `None` without a sample.
    pub fn ratio(&self, metric: &Metric, minor_digits: u32) -> Option<Ratio> {
        if self.days == 0 || (!metric.is_total && self.denominator == 0) {
            return None;
        }
        let n = Decimal::from(self.numerator);
        let d = if metric.is_total {
            Decimal::ONE
        } else {
            Decimal::from(self.denominator)
        };
        let minor = Decimal::from(10i64.pow(minor_digits));
        let (num, den) = match metric.unit {
            Unit::Count | Unit::Score => (n, d),
            Unit::Percent => (n * Decimal::ONE_HUNDRED, d),
            Unit::Seconds => (n, d * Decimal::ONE_THOUSAND),
            Unit::Money => (n, d * minor),
        };
        Some(Ratio { num, den })
    }

    /// The value rounded for showing; `None` without a sample.
    pub fn value(&self, metric: &Metric, minor_digits: u32) -> Option<Decimal> {
        self.ratio(metric, minor_digits).as_ref().map(Ratio::value)
    }

    /// How many observations stand behind the value: days for a total, the denominator otherwise.
    pub fn sample(&self, metric: &Metric) -> i64 {
        if metric.is_total {
            i64::from(self.days)
        } else {
            self.denominator
        }
    }
}

/// A value kept as numerator over denominator, so that comparisons are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    num: Decimal,
    /// Always above zero.
    den: Decimal,
}

impl Ratio {
    /// The value rounded to [`VALUE_PLACES`] for showing.
    pub fn value(&self) -> Decimal {
        (self.num / self.den)
            .round_dp_with_strategy(VALUE_PLACES, RoundingStrategy::MidpointAwayFromZero)
            .normalize()
    }

    /// Compares the exact value with `other`.
    pub fn cmp_decimal(&self, other: Decimal) -> Ordering {
        match other.checked_mul(self.den) {
            Some(scaled) => self.num.cmp(&scaled),
            None => (self.num / self.den).cmp(&other),
        }
    }

    /// How many `step`s the exact value lies from `target`, either way: the
    /// whole steps and the fraction of a step begun beyond them. Counted on
    /// the components, |Σn − target·Σd| ÷ (step·Σd), so that no rounding of
    /// the value moves a step; only sums too large for that fall back to the
    /// 28-digit quotient. `None` for a step that is not above zero.
    pub fn steps_from(&self, target: Decimal, step: Decimal) -> Option<Steps> {
        if step <= Decimal::ZERO {
            return None;
        }
        let on_components = || {
            let gap = self.num.checked_sub(target.checked_mul(self.den)?)?.abs();
            let unit = step.checked_mul(self.den)?;
            let rest = gap.checked_rem(unit)?;
            Some(((gap - rest) / unit, rest / unit))
        };
        let (whole, fraction) = on_components().unwrap_or_else(|| {
            let steps = ((self.num / self.den) - target).abs() / step;
            (steps.trunc(), steps.fract())
        });
        Some(Steps {
            whole: whole.trunc(),
            fraction,
        })
    }

    /// Whether the value falls short of `target` in the metric's direction.
    pub fn falls_short(&self, metric: &Metric, target: Decimal) -> bool {
        match metric.direction {
            Direction::HigherIsBetter => self.cmp_decimal(target).is_lt(),
            Direction::LowerIsBetter => self.cmp_decimal(target).is_gt(),
        }
    }
}

/// Steps of a per-step schedule: the whole ones, and what is begun of the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Steps {
    pub whole: Decimal,
    /// From 0 (inclusive) to 1 (exclusive).
    pub fraction: Decimal,
}
