//! KPI arithmetic (DESIGN §2): daily components in, exact period figures out.
//!
//! A day's measurement is a numerator and a denominator in the metric's stored
//! unit (counts, milliseconds, minor units). A period's value is the ratio of
//! the sums — never an average of daily ratios — compared with targets exactly.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use utoipa::ToSchema;

use super::metric::{Metric, Unit};
use super::terms::{Condition, KpiSource};

mod revision;

pub use revision::Revision;

/// Places a displayed KPI value is rounded to. Comparisons use the exact ratio.
pub const VALUE_PLACES: u32 = 6;

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
    TooLarge { max: i64, why: &'static str },
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
fn numerator_max(metric: &Metric, denominator: i64, days: i64) -> (i64, &'static str) {
    let per_day = |max: i64| max.saturating_mul(days);
    let (max, why) = match metric.unit {
        Unit::Count => (per_day(DAY_OBSERVATIONS_MAX), "1,000,000,000 a day"),
        Unit::Percent => (denominator, "the denominator: the metric is a share"),
        Unit::Seconds => (
            denominator.saturating_mul(86_400_000),
            "86,400,000 ms, a whole day, per observation",
        ),
        Unit::Money => (
            per_day(100_000_000_000_000),
            "100,000,000,000,000 minor units a day",
        ),
        Unit::Score => (denominator.saturating_mul(100), "100 per observation"),
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
                why: "1,000,000,000 observations a day",
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
            super::metric::Direction::HigherIsBetter => self.cmp_decimal(target).is_lt(),
            super::metric::Direction::LowerIsBetter => self.cmp_decimal(target).is_gt(),
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

/// One stored day of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyRow {
    pub day: NaiveDate,
    pub metric: String,
    pub source: KpiSource,
    pub numerator: i64,
    pub denominator: i64,
}

/// The days a period view covers and what is known about them.
#[derive(Debug, Clone)]
pub struct Window {
    /// First and last day (inclusive), the month clipped to the contract.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Days that do not count toward SLA figures.
    pub excluded: BTreeSet<NaiveDate>,
    /// The last day that is over: later days are not yet missing.
    pub last_complete_day: NaiveDate,
}

impl Window {
    fn expected_days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.from
            .iter_days()
            .take_while(|d| *d <= self.to && *d <= self.last_complete_day)
    }
}

/// What the contract says about sources.
#[derive(Debug, Clone, Copy)]
pub struct SourceRules {
    pub prevailing: KpiSource,
    /// Percent of the prevailing figure beyond which a difference is flagged.
    pub tolerance: Decimal,
    pub minor_digits: u32,
}

/// One source's figures for one metric over the window.
#[derive(Debug, Clone)]
pub struct SourceFigures {
    pub source: KpiSource,
    pub for_sla: Sums,
    pub for_billing: Sums,
    pub days_missing: Vec<NaiveDate>,
    daily: Daily,
}

/// Where a prevailing figure and another source disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discrepancy {
    pub source: KpiSource,
    /// Days both sources reported, over which they are compared.
    pub days_compared: u32,
    pub prevailing_value: Option<Decimal>,
    pub other_value: Option<Decimal>,
    /// |other − prevailing| ÷ |prevailing| in percent, to two places; `None` when the prevailing value is 0.
    pub percent: Option<Decimal>,
    pub exceeds_tolerance: bool,
}

/// One metric's figures for the window, from every source that sent it.
#[derive(Debug, Clone)]
pub struct MetricFigures {
    pub metric: &'static Metric,
    pub sources: Vec<SourceFigures>,
    /// The source whose feed counts: the contract's, or the first that sent anything when it sent nothing.
    pub prevailing: Option<KpiSource>,
    pub discrepancies: Vec<Discrepancy>,
}

impl MetricFigures {
    pub fn prevailing_figures(&self) -> Option<&SourceFigures> {
        let source = self.prevailing?;
        self.sources.iter().find(|s| s.source == source)
    }
}

/// One source's days of one metric: day → (numerator, denominator).
type Daily = BTreeMap<NaiveDate, (i64, i64)>;

/// Order in which sources stand in when the contract's own sent nothing.
const FALLBACK: [KpiSource; 3] = [KpiSource::Merchant, KpiSource::System, KpiSource::Vendor];

/// The source whose figures count: the contract's, if it sent any; else the
/// first of merchant, system, vendor that did.
pub fn prevailing(contract: KpiSource, sent: impl Fn(KpiSource) -> bool) -> Option<KpiSource> {
    if sent(contract) {
        Some(contract)
    } else {
        FALLBACK.into_iter().find(|s| sent(*s))
    }
}

/// Builds every metric's figures from the window's daily rows. `wanted` are
/// metrics to show even without rows (those the terms refer to).
pub fn figures(
    rows: &[DailyRow],
    window: &Window,
    rules: SourceRules,
    wanted: &[&'static Metric],
) -> Vec<MetricFigures> {
    let mut by_metric: BTreeMap<&str, BTreeMap<KpiSource, Daily>> = BTreeMap::new();
    for metric in wanted {
        by_metric.entry(metric.code).or_default();
    }
    for row in rows
        .iter()
        .filter(|r| r.day >= window.from && r.day <= window.to)
    {
        by_metric
            .entry(row.metric.as_str())
            .or_default()
            .entry(row.source)
            .or_default()
            .insert(row.day, (row.numerator, row.denominator));
    }
    by_metric
        .into_iter()
        .filter_map(|(code, sources)| {
            let metric = Metric::find(code)?;
            let sources: Vec<SourceFigures> = sources
                .into_iter()
                .map(|(source, daily)| source_figures(source, daily, window))
                .collect();
            let prevailing =
                prevailing(rules.prevailing, |s| sources.iter().any(|f| f.source == s));
            let discrepancies = prevailing
                .and_then(|p| sources.iter().find(|s| s.source == p))
                .map(|main| {
                    sources
                        .iter()
                        .filter(|other| other.source != main.source)
                        .map(|other| discrepancy(metric, main, other, rules))
                        .collect()
                })
                .unwrap_or_default();
            Some(MetricFigures {
                metric,
                sources,
                prevailing,
                discrepancies,
            })
        })
        .collect()
}

fn source_figures(source: KpiSource, daily: Daily, window: &Window) -> SourceFigures {
    let mut for_sla = Sums::default();
    let mut for_billing = Sums::default();
    for (day, (n, d)) in &daily {
        for_billing.add(*n, *d);
        if !window.excluded.contains(day) {
            for_sla.add(*n, *d);
        }
    }
    let days_missing = window
        .expected_days()
        .filter(|d| !daily.contains_key(d))
        .collect();
    SourceFigures {
        source,
        for_sla,
        for_billing,
        days_missing,
        daily,
    }
}

fn discrepancy(
    metric: &Metric,
    main: &SourceFigures,
    other: &SourceFigures,
    rules: SourceRules,
) -> Discrepancy {
    let mut ours = Sums::default();
    let mut theirs = Sums::default();
    for (day, (n, d)) in &main.daily {
        if let Some((on, od)) = other.daily.get(day) {
            ours.add(*n, *d);
            theirs.add(*on, *od);
        }
    }
    let prevailing_value = ours.ratio(metric, rules.minor_digits).map(|r| r.value());
    let other_value = theirs.ratio(metric, rules.minor_digits).map(|r| r.value());
    let (percent, exceeds_tolerance) = match (prevailing_value, other_value) {
        (Some(p), Some(o)) if p.is_zero() => (None, !o.is_zero()),
        (Some(p), Some(o)) => {
            let percent = ((o - p).abs() / p.abs() * Decimal::ONE_HUNDRED)
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            (Some(percent), percent > rules.tolerance)
        }
        _ => (None, false),
    };
    Discrepancy {
        source: other.source,
        days_compared: ours.days,
        prevailing_value,
        other_value,
        percent,
        exceeds_tolerance,
    }
}

/// One exit criterion of a handover phase, evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct CriterionResult {
    pub metric: String,
    #[schema(value_type = String)]
    pub threshold: Decimal,
    /// The period's value for SLA; absent when there are no figures.
    #[schema(value_type = Option<String>)]
    pub actual: Option<Decimal>,
    pub passed: bool,
    /// Why it failed, when it did for want of figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Evaluates exit criteria against period sums for SLA (metric code → sums).
pub fn evaluate_gate(
    criteria: &[Condition],
    sums: &BTreeMap<String, Sums>,
    minor_digits: u32,
) -> Vec<CriterionResult> {
    criteria
        .iter()
        .map(|c| {
            let ratio = Metric::find(&c.metric).and_then(|metric| {
                sums.get(&c.metric)
                    .and_then(|s| s.ratio(metric, minor_digits))
                    .map(|r| (metric, r))
            });
            match ratio {
                Some((metric, ratio)) => CriterionResult {
                    metric: c.metric.clone(),
                    threshold: c.threshold,
                    actual: Some(ratio.value()),
                    passed: !ratio.falls_short(metric, c.threshold),
                    note: None,
                },
                None => CriterionResult {
                    metric: c.metric.clone(),
                    threshold: c.threshold,
                    actual: None,
                    passed: false,
                    note: Some("no figures for the period".into()),
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
