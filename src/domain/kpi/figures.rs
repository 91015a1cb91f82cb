//! A period's figures per metric and source: the days each source sent, the
//! sums for SLA and for billing, the source that prevails and where the
//! others disagree with it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use super::Sums;
use crate::domain::metric::Metric;
use crate::domain::terms::KpiSource;

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
