//! Gathers what the billing engine needs for a contract's month: the versions
//! of the terms over it, the figures the month stands on (day by day from the
//! feed, or the accepted report's month), exclusions, incidents measured
//! against their duties, the report's standing, and what the invoices of
//! earlier months say about the contract year's cap and breached months.

use chrono::{Months, NaiveDate};

use super::error::ApiError;
use super::figures::{self, Basis, Month};
use crate::domain::billing::{
    BillingInput, Bucket, DiscrepancyInput, IncidentInput, MetricInput, ReportState, TermsPart,
    breakpoints, bucketed,
};
use crate::domain::report::ReportStatus;
use crate::domain::versions::in_force_between;
use crate::domain::{Contract, Period, TenantId};
use crate::store::{self, DbConnection};

/// The engine's input for `contract` and `period`.
pub fn gather(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: Contract,
    period: Period,
) -> Result<BillingInput, ApiError> {
    let month = figures::load_for(conn, tenant, contract, period)?;
    let versions = store::terms::history(conn, tenant, month.contract.id)?;
    let (from, to) = (month.window.from, month.window.to);
    let parts: Vec<TermsPart> = in_force_between(&versions, from, to)
        .into_iter()
        .map(|(version, from, to, terms)| TermsPart {
            version,
            from,
            to,
            terms: terms.clone(),
        })
        .collect();
    if parts.is_empty() {
        return Err(ApiError::conflict(
            "the contract has no terms in force in the period",
        ));
    }
    let id = month.contract.id;
    let digits = month.minor_digits();
    let year = contract_year(month.contract.start, from);
    let penalties_earlier_in_year =
        store::invoices::capped_penalties(conn, tenant, id, Period::of(year.0), period, digits)?;
    let history = store::invoices::breached_before(conn, tenant, id, period)?;
    let figures = metric_inputs(&month, &parts);
    Ok(BillingInput {
        period,
        from,
        to,
        minor_digits: digits,
        parts,
        excluded: month.window.excluded.iter().copied().collect(),
        figures,
        incidents: incidents(&month),
        report: report_state(&month),
        discrepancies: discrepancies(&month),
        contract_year: year,
        penalties_earlier_in_year,
        breached_months_before: breached_in_a_row(&history, period),
    })
}

/// The contract year `day` falls in: from the start's anniversary to the day before the next.
fn contract_year(start: NaiveDate, day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let mut first = start;
    for years in 1u32.. {
        let Some(next) = start.checked_add_months(Months::new(12 * years)) else {
            break;
        };
        if next > day {
            let last = next.pred_opt().unwrap_or(next);
            return (first, last);
        }
        first = next;
    }
    (first, first)
}

/// Breached months immediately before `period`, from the latest back.
fn breached_in_a_row(history: &[(Period, bool)], period: Period) -> u32 {
    let mut expected = period.previous();
    let mut count = 0;
    for (p, breached) in history {
        if *p != expected || !breached {
            break;
        }
        count += 1;
        expected = expected.previous();
    }
    count
}

/// Each metric's figures as the month stands: the accepted report's month,
/// or the prevailing feed summed between the breakpoints of the terms.
fn metric_inputs(month: &Month, parts: &[TermsPart]) -> Vec<MetricInput> {
    let (from, to) = (month.window.from, month.window.to);
    let breaks = breakpoints(parts);
    month
        .figures
        .iter()
        .map(|f| {
            let chosen = month.chosen(f);
            let buckets = match chosen.basis {
                Basis::Report => vec![Bucket {
                    from,
                    to,
                    for_sla: chosen.for_sla.unwrap_or_default(),
                    for_billing: chosen.for_billing.unwrap_or_default(),
                }],
                Basis::Feed => {
                    let days: Vec<(NaiveDate, i64, i64)> = month
                        .rows
                        .iter()
                        .filter(|r| r.metric == f.metric.code && Some(r.source) == f.prevailing)
                        .map(|r| (r.day, r.numerator, r.denominator))
                        .collect();
                    bucketed(&days, &month.window.excluded, from, to, &breaks)
                }
                Basis::None | Basis::Hypothetical => Vec::new(),
            };
            MetricInput {
                metric: f.metric.code.to_owned(),
                basis: chosen.basis,
                buckets,
            }
        })
        .collect()
}

fn incidents(month: &Month) -> Vec<IncidentInput> {
    month
        .incidents
        .iter()
        .map(|(incident, duties)| {
            let escalation = incident.escalation(duties, month.now);
            IncidentInput {
                id: incident.id,
                severity: incident.severity,
                category: incident.category,
                timeliness: escalation.timeliness,
                minutes_to_escalation: escalation.minutes_to_escalation,
                deadline_minutes: escalation.deadline_minutes,
                amount: duties
                    .iter()
                    .find(|d| d.severity == incident.severity)
                    .map(|d| d.amount),
            }
        })
        .collect()
}

fn report_state(month: &Month) -> ReportState {
    match &month.report {
        None => ReportState::Missing,
        Some((_, standing)) => match standing.status {
            ReportStatus::Draft => ReportState::Draft,
            ReportStatus::Submitted => ReportState::Submitted,
            ReportStatus::Accepted => ReportState::Accepted,
            ReportStatus::Disputed => ReportState::Disputed,
        },
    }
}

fn discrepancies(month: &Month) -> Vec<DiscrepancyInput> {
    month
        .figures
        .iter()
        .flat_map(|f| {
            f.discrepancies
                .iter()
                .filter(|d| d.exceeds_tolerance)
                .map(|d| DiscrepancyInput {
                    metric: f.metric.code.to_owned(),
                    source: d.source.as_str().to_owned(),
                    percent: d.percent,
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn a_contract_year_runs_from_the_start_to_the_day_before_its_anniversary() {
        let start = day(3, 15);
        assert_eq!(
            contract_year(start, day(10, 1)),
            (day(3, 15), NaiveDate::from_ymd_opt(2027, 3, 14).unwrap())
        );
        let next = NaiveDate::from_ymd_opt(2027, 4, 1).unwrap();
        assert_eq!(
            contract_year(start, next).0,
            NaiveDate::from_ymd_opt(2027, 3, 15).unwrap()
        );
    }

    #[test]
    fn breached_months_count_back_while_unbroken() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        let history = [
            (p("2026-09"), true),
            (p("2026-08"), true),
            (p("2026-07"), false),
            (p("2026-06"), true),
        ];
        assert_eq!(breached_in_a_row(&history, p("2026-10")), 2);
        // A month without an invoice breaks the run.
        assert_eq!(breached_in_a_row(&history[1..], p("2026-10")), 0);
    }
}
