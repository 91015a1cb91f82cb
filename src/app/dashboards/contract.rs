//! One contract's dashboard over the last twelve months it ran: each
//! clause's metric month by month against its target, the penalties and
//! bonuses of each month (its invoice's, else the engine's on the month as
//! it stands), and the days the vendor's and the merchant's figures differ.
//!
//! Cost: the contract's invoices are one read; each month is one gathering
//! of the month (its terms, exclusions, report, incidents and day rows) and,
//! for a month with no invoice, the engine's sums.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;

use super::{MoneySource, MonthMoney, last_months};
use crate::app::billing::input;
use crate::app::month;
use crate::app::{App, AppError, AppResult, Caller};
use crate::domain::billing::compute;
use crate::domain::kpi::{DailyRow, Gap, Sums, gap};
use crate::domain::metric::Metric;
use crate::domain::terms::KpiSource;
use crate::domain::{Contract, ContractId, Period, Permission};
use crate::store;

/// The most differing days a dashboard lists, latest first.
pub const DIFFERENCES_MAX: usize = 62;

#[derive(Debug)]
pub struct ContractDashboard {
    pub contract: Contract,
    /// The months shown (those the contract ran in), oldest first.
    pub periods: Vec<Period>,
    pub trends: Vec<MetricTrend>,
    pub money: Vec<MonthMoney>,
    /// Days where both sources sent a metric and their figures differ, latest first.
    pub differences: Vec<DayDifference>,
    /// Percent of the merchant's figure within which a difference is tolerated.
    pub tolerance: Decimal,
}

/// One clause's metric month by month.
#[derive(Debug)]
pub struct MetricTrend {
    pub metric: &'static Metric,
    pub clause: String,
    /// Per month shown: the value the month stands on for SLA, and the
    /// clause's target in the terms of that month (none where it was not a term).
    pub points: Vec<TrendPoint>,
}

#[derive(Debug, Clone, Copy)]
pub struct TrendPoint {
    pub period: Period,
    pub value: Option<Decimal>,
    pub target: Option<Decimal>,
    /// The value falls short of the target.
    pub short: bool,
}

#[derive(Debug, Clone)]
pub struct DayDifference {
    pub day: NaiveDate,
    pub metric: &'static Metric,
    pub vendor: Decimal,
    pub merchant: Decimal,
    pub gap: Gap,
}

/// Contract `id`'s dashboard.
pub async fn dashboard(app: &App, caller: Caller, id: ContractId) -> AppResult<ContractDashboard> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let today = contract.time_zone.today(Utc::now());
        let last = Period::of(today.clamp(contract.start, contract.end));
        let periods: Vec<Period> = last_months(last)
            .into_iter()
            .filter(|p| p.clip(contract.start, contract.end).is_some())
            .collect();
        let invoices = match periods.first() {
            Some(first) => store::invoices::live_since(conn, auth.scope, *first, Some(id))?,
            None => Vec::new(),
        };
        let mut trends: BTreeMap<String, MetricTrend> = BTreeMap::new();
        let mut money = Vec::new();
        let mut differences = Vec::new();
        let mut tolerance = Decimal::ZERO;
        let mut shown = Vec::new();
        for &period in &periods {
            // A month before the terms were in force has nothing to show.
            let gathered = match month::gather(conn, auth.tenant(), contract.clone(), period) {
                Ok(gathered) => gathered,
                Err(AppError::Conflict { .. }) => continue,
                Err(other) => return Err(other),
            };
            shown.push(period);
            let month = gathered.with_days(conn, auth.tenant())?;
            let digits = month.minor_digits();
            let sums = month.sla_sums();
            tolerance = month.terms().commercial.discrepancy_tolerance;
            for clause in &month.terms().sla_clauses {
                let Some(metric) = Metric::find(&clause.spec.metric) else {
                    continue;
                };
                let value = sums.get(metric.code).and_then(|s| s.value(metric, digits));
                let short = sums
                    .get(metric.code)
                    .and_then(|s| s.ratio(metric, digits))
                    .is_some_and(|r| r.falls_short(metric, clause.spec.target));
                let trend = trends
                    .entry(clause.spec.name.clone())
                    .or_insert_with(|| MetricTrend {
                        metric,
                        clause: clause.spec.name.clone(),
                        points: Vec::new(),
                    });
                trend.points.push(TrendPoint {
                    period,
                    value,
                    target: Some(clause.spec.target),
                    short,
                });
            }
            differences.extend(differing_days(&month.rows, digits, tolerance));
            let invoice = invoices.iter().find(|i| i.period == period);
            // A month still running is not money yet: it is the month page's, "if it ended today".
            match invoice {
                Some(invoice) => money.push(MonthMoney::of_invoice(invoice)),
                None if period < Period::of(today) => {
                    let draft = compute(&input::input(conn, auth.tenant(), month.gathered)?);
                    money.push(MonthMoney::of_draft(period, &draft, MoneySource::SoFar));
                }
                None => {}
            }
        }
        // Every trend has a point for each month shown, empty where its clause was not a term.
        let trends = trends
            .into_values()
            .map(|mut t| {
                t.points = shown
                    .iter()
                    .map(|p| {
                        t.points
                            .iter()
                            .find(|point| point.period == *p)
                            .copied()
                            .unwrap_or(TrendPoint {
                                period: *p,
                                value: None,
                                target: None,
                                short: false,
                            })
                    })
                    .collect();
                t
            })
            .collect();
        differences.sort_by(|a: &DayDifference, b| {
            b.day.cmp(&a.day).then(a.metric.code.cmp(b.metric.code))
        });
        differences.truncate(DIFFERENCES_MAX);
        Ok(ContractDashboard {
            contract,
            periods: shown,
            trends,
            money,
            differences,
            tolerance,
        })
    })
    .await
}

/// A day's sums of one metric: the vendor's, the merchant's.
type Pair = (Option<Sums>, Option<Sums>);

/// The days of `rows` where the vendor and the merchant both sent a metric
/// and their figures differ, each with its gap against `tolerance`.
pub fn differing_days(rows: &[DailyRow], digits: u32, tolerance: Decimal) -> Vec<DayDifference> {
    let mut pairs: BTreeMap<(NaiveDate, &str), Pair> = BTreeMap::new();
    for row in rows {
        let mut sums = Sums::default();
        sums.add(row.numerator, row.denominator);
        let pair = pairs.entry((row.day, row.metric.as_str())).or_default();
        match row.source {
            KpiSource::Vendor => pair.0 = Some(sums),
            KpiSource::Merchant => pair.1 = Some(sums),
            KpiSource::System => {}
        }
    }
    pairs
        .into_iter()
        .filter_map(|((day, code), (vendor, merchant))| {
            let metric = Metric::find(code)?;
            let vendor = vendor?.value(metric, digits)?;
            let merchant = merchant?.value(metric, digits)?;
            (vendor != merchant).then(|| DayDifference {
                day,
                metric,
                vendor,
                merchant,
                gap: gap(vendor, merchant, tolerance),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(day: u32, metric: &str, source: KpiSource, n: i64, d: i64) -> DailyRow {
        DailyRow {
            day: NaiveDate::from_ymd_opt(2026, 10, day).unwrap(),
            metric: metric.into(),
            source,
            numerator: n,
            denominator: d,
        }
    }

    #[test]
    fn only_days_both_sources_sent_and_disagree_on_are_listed() {
        let rows = [
            // Day 1: the same consultations from both.
            row(1, "consultations", KpiSource::Vendor, 1000, 1),
            row(1, "consultations", KpiSource::Merchant, 1000, 1),
            // Day 2: 1030 against 1000, 3% off, beyond a 2% tolerance.
            row(2, "consultations", KpiSource::Vendor, 1030, 1),
            row(2, "consultations", KpiSource::Merchant, 1000, 1),
            // Day 3: the vendor alone.
            row(3, "consultations", KpiSource::Vendor, 900, 1),
            // Day 2: response time 28 s against 28.5 s: 1.75% off, within.
            row(2, "first_response_time", KpiSource::Vendor, 28_000, 1),
            row(2, "first_response_time", KpiSource::Merchant, 57_000, 2),
        ];
        let found = differing_days(&rows, 2, "2".parse().unwrap());
        let seen: Vec<(u32, &str, String, String, bool)> = found
            .iter()
            .map(|d| {
                use chrono::Datelike;
                (
                    d.day.day(),
                    d.metric.code,
                    d.vendor.normalize().to_string(),
                    d.merchant.normalize().to_string(),
                    d.gap.within_tolerance,
                )
            })
            .collect();
        assert_eq!(
            seen,
            vec![
                (2, "consultations", "1030".into(), "1000".into(), false),
                (2, "first_response_time", "28".into(), "28.5".into(), true),
            ]
        );
    }
}
