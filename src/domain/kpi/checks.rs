//! Checks on a feed's rows: a day's components and a month's totals within
//! the metric's bounds, and a day within the contract and not in the future.

use chrono::NaiveDate;
use thiserror::Error;

use crate::domain::message::{Explain, Message, msg};
use crate::domain::metric::{Metric, Unit};

/// Why one row of a feed was refused; the field it names is given beside it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RowError {
    #[error("is not a metric of the catalogue (see GET /api/v1/metrics)")]
    UnknownMetric,
    #[error("must not be below zero")]
    Negative,
    #[error("must be 1 for a metric counted per day")]
    NotOnePerDay,
    #[error("is required for this metric")]
    DenominatorRequired,
    #[error("must not exceed the denominator: the metric is a share")]
    AboveDenominator,
    #[error("must be 0 when the denominator is 0")]
    WithoutDenominator,
    #[error("lies outside the contract ({start} to {end})")]
    OutsideContract { start: NaiveDate, end: NaiveDate },
    #[error("is in the future: only days that have begun can be reported")]
    Future,
    #[error("must be at most {max} ({why})")]
    TooLarge { max: i64, why: Bound },
}

/// What a bound on a row's components stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// Observations (a denominator) in a day.
    ObservationsPerDay,
    /// A count in a day.
    CountPerDay,
    /// A share's numerator: its denominator.
    Share,
    /// Milliseconds: a whole day per observation.
    WholeDay,
    /// An amount in a day, in minor units.
    MoneyPerDay,
    /// A score: 100 per observation.
    ScorePerObservation,
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::ObservationsPerDay => "1,000,000,000 observations a day",
            Self::CountPerDay => "1,000,000,000 a day",
            Self::Share => "the denominator: the metric is a share",
            Self::WholeDay => "86,400,000 ms, a whole day, per observation",
            Self::MoneyPerDay => "100,000,000,000,000 minor units a day",
            Self::ScorePerObservation => "100 per observation",
        })
    }
}

impl Bound {
    fn word(self) -> Message {
        match self {
            Self::ObservationsPerDay => msg!("kpi-bound-observations-per-day"),
            Self::CountPerDay => msg!("kpi-bound-count-per-day"),
            Self::Share => msg!("kpi-bound-share"),
            Self::WholeDay => msg!("kpi-bound-whole-day"),
            Self::MoneyPerDay => msg!("kpi-bound-money-per-day"),
            Self::ScorePerObservation => msg!("kpi-bound-score"),
        }
    }
}

impl Explain for RowError {
    fn message(&self) -> Message {
        match *self {
            Self::UnknownMetric => msg!("error-kpi-unknown-metric"),
            Self::Negative => msg!("error-kpi-negative"),
            Self::NotOnePerDay => msg!("error-kpi-not-one-per-day"),
            Self::DenominatorRequired => msg!("error-kpi-denominator-required"),
            Self::AboveDenominator => msg!("error-kpi-above-denominator"),
            Self::WithoutDenominator => msg!("error-kpi-without-denominator"),
            Self::OutsideContract { start, end } => {
                msg!("error-lies-outside-contract", start = start, end = end)
            }
            Self::Future => msg!("error-kpi-future"),
            Self::TooLarge { max, why } => msg!("error-kpi-too-large", max = max, why = why.word()),
        }
    }
}

/// Most observations (a denominator) a day may hold: far beyond the busiest
/// day of any shop, and small enough that years of days sum inside an i64.
pub const DAY_OBSERVATIONS_MAX: i64 = 1_000_000_000;
/// Most a day's numerator may reach in any unit (a trillion yuan of sales in
/// fen is 10^14; a day of a billion observations of a second is 10^12 ms):
/// 366 such days sum to under 4 × 10^17, far inside an i64 (9.2 × 10^18).
pub const DAY_NUMERATOR_MAX: i64 = 1_000_000_000_000_000;

/// The largest numerator `days` days of `metric` can hold with `denominator`
/// observations, and what the bound stands for.
fn numerator_max(metric: &Metric, denominator: i64, days: i64) -> (i64, Bound) {
    let per_day = |max: i64| max.saturating_mul(days);
    let (max, why) = match metric.unit {
        Unit::Count => (per_day(DAY_OBSERVATIONS_MAX), Bound::CountPerDay),
        Unit::Percent => (denominator, Bound::Share),
        Unit::Seconds => (denominator.saturating_mul(86_400_000), Bound::WholeDay),
        Unit::Money => (per_day(100_000_000_000_000), Bound::MoneyPerDay),
        Unit::Score => (denominator.saturating_mul(100), Bound::ScorePerObservation),
    };
    (max.min(per_day(DAY_NUMERATOR_MAX)), why)
}

/// Checks one day's components for `metric`; names the field at fault.
pub fn check_components(
    metric: &Metric,
    numerator: i64,
    denominator: i64,
) -> Result<(), (&'static str, RowError)> {
    check_totals(metric, numerator, denominator, 1)
}

/// Checks the components of `days` days summed (a month's totals in a
/// report), with each bound `days` times a day's; names the field at fault.
pub fn check_totals(
    metric: &Metric,
    numerator: i64,
    denominator: i64,
    days: u32,
) -> Result<(), (&'static str, RowError)> {
    let days = i64::from(days.max(1));
    let observations = DAY_OBSERVATIONS_MAX.saturating_mul(days);
    if denominator > observations {
        return Err((
            "denominator",
            RowError::TooLarge {
                max: observations,
                why: Bound::ObservationsPerDay,
            },
        ));
    }
    if numerator < 0 && !metric.is_signed {
        return Err(("numerator", RowError::Negative));
    }
    if denominator < 0 {
        return Err(("denominator", RowError::Negative));
    }
    if metric.is_total && denominator != 1 {
        return Err(("denominator", RowError::NotOnePerDay));
    }
    if denominator == 0 && numerator != 0 {
        return Err(("numerator", RowError::WithoutDenominator));
    }
    if metric.is_share && numerator > denominator {
        return Err(("numerator", RowError::AboveDenominator));
    }
    let (max, why) = numerator_max(metric, denominator, days);
    if numerator.unsigned_abs() > max.unsigned_abs() {
        return Err(("numerator", RowError::TooLarge { max, why }));
    }
    Ok(())
}

/// Checks a day against the contract's dates and today (in the contract's zone).
pub fn check_day(
    day: NaiveDate,
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
) -> Result<(), RowError> {
    if day < start || day > end {
        return Err(RowError::OutsideContract { start, end });
    }
    if day > today {
        return Err(RowError::Future);
    }
    Ok(())
}
