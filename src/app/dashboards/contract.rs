//! One contract's dashboard over the last twelve months it ran: each
//! clause's metric month by month against its target, the penalties and
//! bonuses of each month (its invoice's, else the engine's on the month as
//! it stands), and the days the vendor's and the merchant's figures differ.
//!
//! Cost: the contract's invoices are one read, of their money only; the
//! months are gathered together (terms, exclusions, reports, incidents: one
//! read of each kind), the months that are over summed by the database as
//! the close sums them, once: their sums are kept until rows are merged into
//! them or their buckets change (`input::inputs_kept`); their day rows are
//! read only where two sources sent the same metric, to compare them. The
//! month still running is read day by day. A year of history costs a read of
//! eleven kept months, not a year of rows.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;

use super::{MoneySource, MonthMoney, last_months};
use crate::app::billing::input;
use crate::app::month;
use crate::app::{App, AppError, AppResult, Caller};
use crate::domain::billing::{Basis, compute};
use crate::domain::kpi::{DailyRow, Gap, Sums, gap};
use crate::domain::metric::Metric;
use crate::domain::report::ReportFigure;
use crate::domain::terms::{KpiSource, Terms};
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
        let this_month = Period::of(today);
        let last = Period::of(today.clamp(contract.start, contract.end));
        let periods: Vec<Period> = last_months(last)
            .into_iter()
            .filter(|p| p.clip(contract.start, contract.end).is_some())
            .collect();
        let invoices = match periods.first() {
            Some(first) => store::invoices::money_since(conn, auth.scope, *first, Some(id))?,
            None => Vec::new(),
        };
        // The months that are over are summed by the database, as the close
        // sums them; the month still running is read day by day, as its page
        // shows it ("if it ended today", up to its last complete day).
        let (mut over, mut running) = (Vec::new(), Vec::new());
        for (period, gathered) in month::gather_months(conn, auth.tenant(), &contract, &periods)? {
            match gathered {
                Ok(gathered) if period < this_month => over.push(gathered),
                Ok(gathered) => running.push(gathered),
                // A month before the terms were in force has nothing to show.
                Err(AppError::Conflict { .. }) => {}
                Err(other) => return Err(other),
            }
        }
        let reported: Vec<Vec<ReportFigure>> = over
            .iter()
            .map(|m| {
                m.accepted_report()
                    .map(|r| r.figures.clone())
                    .unwrap_or_default()
            })
            .collect();
        let mut shown = Shown::default();
        for ((input, rows), reported) in input::inputs_kept(conn, auth.tenant(), over)?
            .into_iter()
            .zip(reported)
        {
            let period = input.period;
            let Some(part) = input.parts.last() else {
                continue;
            };
            // The figures the month stands on for SLA: its accepted report's, else the feed's.
            let sla = |code: &str| {
                let figures = input.figures.iter().find(|f| f.metric == code)?;
                match figures.basis {
                    Basis::Report => reported
                        .iter()
                        .find(|f| f.metric == code)
                        .map(|f| f.for_sla),
                    Basis::Feed | Basis::Hypothetical => {
                        Some(figures.buckets.iter().fold(Sums::default(), |mut s, b| {
                            s.merge(b.for_sla);
                            s
                        }))
                    }
                    Basis::None => None,
                }
            };
            shown.month(period, &part.terms, input.minor_digits, sla, &rows);
            shown
                .money
                .push(match invoices.iter().find(|i| i.period == period) {
                    Some(invoice) => MonthMoney::of_invoice(invoice),
                    None => MonthMoney::of_draft(period, &compute(&input), MoneySource::SoFar),
                });
        }
        for gathered in running {
            let period = gathered.period;
            let month = gathered.with_days(conn, auth.tenant())?;
            let sums = month.sla_sums();
            shown.month(
                period,
                month.terms(),
                month.minor_digits(),
                |code| sums.get(code).copied(),
                &month.rows,
            );
            // A month still running is not money yet: it is the month page's, "if it ended today".
            if let Some(invoice) = invoices.iter().find(|i| i.period == period) {
                shown.money.push(MonthMoney::of_invoice(invoice));
            }
        }
        Ok(shown.dashboard(contract))
    })
    .await
}

/// A dashboard as its months are added, oldest first.
#[derive(Default)]
struct Shown {
    periods: Vec<Period>,
    trends: BTreeMap<String, MetricTrend>,
    money: Vec<MonthMoney>,
    differences: Vec<DayDifference>,
    tolerance: Decimal,
}

impl Shown {
    /// A month's point on each of its clauses' trends (`sla`: the sums a
    /// metric stands on for SLA), and the days its sources differ on.
    fn month(
        &mut self,
        period: Period,
        terms: &Terms,
        digits: u32,
        sla: impl Fn(&str) -> Option<Sums>,
        rows: &[DailyRow],
    ) {
        self.periods.push(period);
        self.tolerance = terms.commercial.discrepancy_tolerance;
        for clause in &terms.sla_clauses {
            let Some(metric) = Metric::find(&clause.spec.metric) else {
                continue;
            };
            let sums = sla(metric.code);
            let value = sums.and_then(|s| s.value(metric, digits));
            let short = sums
                .and_then(|s| s.ratio(metric, digits))
                .is_some_and(|r| r.falls_short(metric, clause.spec.target));
            let trend = self
                .trends
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
        self.differences
            .extend(differing_days(rows, digits, self.tolerance));
    }

    fn dashboard(self, contract: Contract) -> ContractDashboard {
        let Shown {
            periods,
            trends,
            money,
            mut differences,
            tolerance,
        } = self;
        // Every trend has a point for each month shown, empty where its clause was not a term.
        let trends = trends
            .into_values()
            .map(|mut t| {
                t.points = periods
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
        ContractDashboard {
            contract,
            periods,
            trends,
            money,
            differences,
            tolerance,
        }
    }
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
