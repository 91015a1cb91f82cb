//! What the billing engine needs for a contract's month, from the month as
//! gathered (`app::month`): the figures it stands on (day by day from the
//! feed, or the accepted report's month), incidents measured against their
//! duties, the report's standing, and what the invoices of earlier months say
//! about the contract year's cap and breached months.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Months, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::app::month::{self, Basis, Gathered};
use crate::app::{AppError, AppResult};
use crate::domain::billing::{
    BillingInput, Bucket, DiscrepancyInput, IncidentInput, MetricInput, ReportState, breakpoints,
};
use crate::domain::incident::Incident;
use crate::domain::kpi::{self, DailyRow, MetricFigures};
use crate::domain::metric::Metric;
use crate::domain::report::{ReportStatus, segments};
use crate::domain::terms::{IncidentDuty, KpiSource};
use crate::domain::{Contract, ContractId, Period, TenantId};
use crate::store::invoices::money::from_minor;
use crate::store::kpi::{BucketSums, SumsOf};
use crate::store::{self, DbConnection, month_sums};

/// The engine's input for `contract` and `period`.
pub fn gather(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: Contract,
    period: Period,
) -> AppResult<BillingInput> {
    let month = month::gather(conn, tenant, contract, period)?;
    input(conn, tenant, month)
}

/// The engine's inputs for many contracts' months of one period, with one
/// read of each kind for all of them; each contract has its own answer (a
/// month without terms is refused alone).
pub fn of_contracts(
    conn: &mut DbConnection,
    tenant: TenantId,
    contracts: Vec<Contract>,
    period: Period,
) -> AppResult<Vec<(ContractId, AppResult<BillingInput>)>> {
    let mut answers = Vec::with_capacity(contracts.len());
    let mut months = Vec::with_capacity(contracts.len());
    for (id, gathered) in month::gather_all(conn, tenant, contracts, period)? {
        match gathered {
            Ok(month) => months.push(month),
            Err(refused) => answers.push((id, Err(refused))),
        }
    }
    let ids: Vec<ContractId> = months.iter().map(|m| m.contract.id).collect();
    let inputs = inputs(conn, tenant, months)?;
    answers.extend(ids.into_iter().zip(inputs.into_iter().map(Ok)));
    Ok(answers)
}

/// The engine's input for a gathered month.
pub fn input(
    conn: &mut DbConnection,
    tenant: TenantId,
    month: Gathered,
) -> AppResult<BillingInput> {
    let id = month.contract.id;
    inputs(conn, tenant, vec![month])?
        .pop()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("no input for contract {id}")))
}

/// What one month needs summed: its days and where its buckets begin.
struct Days {
    from: NaiveDate,
    to: NaiveDate,
    starts: Vec<NaiveDate>,
    excluded: Vec<NaiveDate>,
}

impl Days {
    /// The days, the first of each bucket and the excluded ones, in words:
    /// what sums kept of the month must have been summed over.
    fn shape(&self) -> String {
        let dates = |days: &[NaiveDate]| {
            days.iter()
                .map(NaiveDate::to_string)
                .collect::<Vec<_>>()
                .join(",")
        };
        format!(
            "{}..{} buckets {} excluded {}",
            self.from,
            self.to,
            dates(&self.starts),
            dates(&self.excluded)
        )
    }

    fn of(month: &Gathered) -> Days {
        let (from, to) = (month.window.from, month.window.to);
        let breaks = breakpoints(&month.parts)
            .into_iter()
            .filter(|d| *d > from && *d <= to);
        Days {
            from,
            to,
            starts: std::iter::once(from).chain(breaks).collect(),
            excluded: month.window.excluded.iter().copied().collect(),
        }
    }
}

/// The engine's inputs for gathered months, in order, with one read of each
/// kind for all of them.
pub fn inputs(
    conn: &mut DbConnection,
    tenant: TenantId,
    months: Vec<Gathered>,
) -> AppResult<Vec<BillingInput>> {
    Ok(inputs_with_days(conn, tenant, months)?
        .into_iter()
        .map(|(input, _)| input)
        .collect())
}

/// The engine's inputs for gathered months (of many contracts, or many
/// months of one), in order, with one read of each kind for all of them;
/// each with the day rows read for it. The feed is summed in the database
/// between the terms' breakpoints; day by day rows are read only for the
/// months where two sources sent the same metric, to compare them (a month
/// of one source has no rows beside its input).
pub fn inputs_with_days(
    conn: &mut DbConnection,
    tenant: TenantId,
    months: Vec<Gathered>,
) -> AppResult<Vec<(BillingInput, Vec<DailyRow>)>> {
    let days: Vec<Days> = months.iter().map(Days::of).collect();
    let asks: Vec<(ContractId, &Days)> = months.iter().map(|m| m.contract.id).zip(&days).collect();
    let sums = summed(conn, tenant, &asks)?;
    finished(conn, tenant, months, days, sums)
}

/// [`inputs_with_days`] for months that are over, their sums kept between
/// views (`store::month_sums`): a month summed before, with the same days,
/// buckets and excluded days, and no row merged into it since, is not summed
/// again. A view of a year of history sums what changed, not the year.
pub fn inputs_kept(
    conn: &mut DbConnection,
    tenant: TenantId,
    months: Vec<Gathered>,
) -> AppResult<Vec<(BillingInput, Vec<DailyRow>)>> {
    let days: Vec<Days> = months.iter().map(Days::of).collect();
    let keys: Vec<(ContractId, Period)> =
        months.iter().map(|m| (m.contract.id, m.period)).collect();
    let periods: Vec<Period> = keys.iter().map(|(_, p)| *p).collect();
    // The versions before the sums: rows merged meanwhile leave what is kept behind them.
    let versions = month_sums::versions(conn, tenant, &periods)?;
    let mut kept: HashMap<(ContractId, Period), month_sums::Kept> =
        month_sums::kept(conn, tenant, &keys)?
            .into_iter()
            .map(|k| ((k.contract, k.period), k))
            .collect();
    let shapes: Vec<String> = days.iter().map(Days::shape).collect();
    let mut sums: Vec<Option<Vec<BucketSums>>> = keys
        .iter()
        .zip(&shapes)
        .map(|(key, shape)| {
            kept.remove(key)
                .filter(|k| Some(&k.version) == versions.get(&key.1) && &k.shape == shape)
                .map(|k| k.sums)
        })
        .collect();
    let missing: Vec<usize> = (0..sums.len()).filter(|i| sums[*i].is_none()).collect();
    if !missing.is_empty() {
        let asks: Vec<(ContractId, &Days)> =
            missing.iter().map(|i| (keys[*i].0, &days[*i])).collect();
        let fresh = summed(conn, tenant, &asks)?;
        let keep: Vec<month_sums::Kept> = missing
            .iter()
            .zip(fresh)
            .map(|(i, fresh)| month_sums::Kept {
                contract: keys[*i].0,
                period: keys[*i].1,
                version: versions.get(&keys[*i].1).copied().unwrap_or_default(),
                shape: shapes[*i].clone(),
                sums: fresh,
            })
            .collect();
        // Keeping them is for the next view: should it fail (the database
        // busy with a write), this one is shown all the same.
        if let Err(error) = store::write(conn, |conn| month_sums::keep(conn, tenant, &keep)) {
            tracing::warn!(error = %error, "months' sums not kept");
        }
        for (i, kept) in missing.into_iter().zip(keep) {
            sums[i] = Some(kept.sums);
        }
    }
    let sums = sums.into_iter().map(Option::unwrap_or_default).collect();
    finished(conn, tenant, months, days, sums)
}

/// Each month's sums, in order, summed by the database: one span of days per contract.
fn summed(
    conn: &mut DbConnection,
    tenant: TenantId,
    months: &[(ContractId, &Days)],
) -> AppResult<Vec<Vec<BucketSums>>> {
    let spans = Spans::of(months)?;
    let asks: Vec<SumsOf<'_>> = spans
        .of
        .iter()
        .map(|(contract, span)| SumsOf {
            contract: *contract,
            from: span.from,
            to: span.to,
            starts: &span.starts,
            excluded: &span.excluded,
        })
        .collect();
    Ok(spans.split(store::kpi::bucket_sums(conn, tenant, &asks)?))
}

/// The inputs of gathered months from their sums: the day rows read where
/// two sources sent the same metric, and what earlier invoices say.
fn finished(
    conn: &mut DbConnection,
    tenant: TenantId,
    months: Vec<Gathered>,
    days: Vec<Days>,
    sums: Vec<Vec<BucketSums>>,
) -> AppResult<Vec<(BillingInput, Vec<DailyRow>)>> {
    let periods = months.iter().map(|m| m.period);
    let (Some(earliest), Some(latest)) = (periods.clone().min(), periods.max()) else {
        return Ok(Vec::new());
    };
    let compared: Vec<ContractId> = months
        .iter()
        .zip(&sums)
        .filter(|(_, s)| two_sources(s))
        .map(|(m, _)| m.contract.id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut daily = match days
        .iter()
        .map(|d| d.from)
        .min()
        .zip(days.iter().map(|d| d.to).max())
    {
        Some((from, to)) if !compared.is_empty() => {
            store::kpi::daily_of(conn, tenant, &compared, from, to)?
        }
        _ => HashMap::new(),
    };
    let earlier = Earlier::of(conn, tenant, &months, (earliest, latest))?;
    months
        .into_iter()
        .zip(days)
        .zip(sums)
        .map(|((month, days), sums)| {
            let id = month.contract.id;
            let rows = if two_sources(&sums) {
                let (mine, others): (Vec<DailyRow>, Vec<DailyRow>) = daily
                    .remove(&id)
                    .unwrap_or_default()
                    .into_iter()
                    .partition(|r| r.day >= days.from && r.day <= days.to);
                daily.insert(id, others);
                mine
            } else {
                Vec::new()
            };
            let history = earlier.of_month(conn, tenant, &month)?;
            Ok((one(month, days, &sums, &rows, history), rows))
        })
        .collect()
}

/// The days summed for each contract: its months' days one after another,
/// their buckets in a row (a month's first is where the one before ended,
/// or a bucket of the days between them, which no month takes).
struct Spans {
    of: HashMap<ContractId, Span>,
    /// Per month, in order: its contract, and where its buckets begin in the contract's span.
    months: Vec<(ContractId, usize, usize)>,
}

struct Span {
    from: NaiveDate,
    to: NaiveDate,
    starts: Vec<NaiveDate>,
    excluded: Vec<NaiveDate>,
}

impl Spans {
    fn of(months: &[(ContractId, &Days)]) -> AppResult<Spans> {
        let mut order: Vec<usize> = (0..months.len()).collect();
        order.sort_by_key(|i| (months[*i].0, months[*i].1.from));
        let mut of: HashMap<ContractId, Span> = HashMap::new();
        let mut at = vec![(ContractId::new(0), 0, 0); months.len()];
        for i in order {
            let (contract, d) = months[i];
            let span = of.entry(contract).or_insert_with(|| Span {
                from: d.from,
                to: d.from.pred_opt().unwrap_or(d.from),
                starts: Vec::new(),
                excluded: Vec::new(),
            });
            if d.from <= span.to {
                return Err(AppError::internal(anyhow::anyhow!(
                    "contract {contract}'s months overlap"
                )));
            }
            if span.to.succ_opt() != Some(d.from) {
                // The days between two months (one not shown): a bucket of their own.
                span.starts.extend(span.to.succ_opt());
            }
            at[i] = (contract, span.starts.len(), d.starts.len());
            span.starts.extend_from_slice(&d.starts);
            span.excluded.extend_from_slice(&d.excluded);
            span.to = d.to;
        }
        Ok(Spans { of, months: at })
    }

    /// The sums of each month, in order, its buckets counted from its own first.
    fn split(&self, mut summed: HashMap<ContractId, Vec<BucketSums>>) -> Vec<Vec<BucketSums>> {
        self.months
            .iter()
            .map(|(contract, first, count)| {
                let Some(all) = summed.get_mut(contract) else {
                    return Vec::new();
                };
                let (mine, left): (Vec<_>, Vec<_>) = std::mem::take(all)
                    .into_iter()
                    .partition(|s| (*first..first + count).contains(&s.bucket));
                *all = left;
                mine.into_iter()
                    .map(|s| BucketSums {
                        bucket: s.bucket - first,
                        ..s
                    })
                    .collect()
            })
            .collect()
    }
}

/// A month's input from what was read for it.
fn one(
    month: Gathered,
    days: Days,
    sums: &[BucketSums],
    rows: &[DailyRow],
    (penalties_earlier_in_year, breached_months_before): (Decimal, u32),
) -> BillingInput {
    let Days {
        from,
        to,
        starts,
        excluded,
    } = days;
    let contract = &month.contract;
    let period = month.period;
    let terms = month.terms();
    let accepted = month.accepted_report();
    let figures = month
        .metrics
        .iter()
        .map(|metric| {
            let reported =
                accepted.and_then(|r| r.figures.iter().find(|f| f.metric == metric.code));
            match reported {
                // Each part of the month the report gives is judged on its own figures.
                Some(figure) => MetricInput {
                    metric: metric.code.to_owned(),
                    basis: Basis::Report,
                    buckets: segments::buckets(
                        (from, to),
                        (figure.for_billing, figure.for_sla),
                        &figure.segments,
                    ),
                },
                None => fed(metric, sums, &starts, to, terms.commercial.kpi_source),
            }
        })
        .collect();
    let discrepancies = if two_sources(sums) {
        discrepancies(&kpi::figures(
            rows,
            &month.window,
            month.source_rules(),
            &month.metrics,
        ))
    } else {
        Vec::new()
    };
    BillingInput {
        period,
        from,
        to,
        minor_digits: contract.currency.minor_digits(),
        excluded,
        figures,
        incidents: month
            .incidents
            .iter()
            .map(|(incident, duties)| incident_input(incident, duties, month.now))
            .collect(),
        report: report_state(month.report.as_ref().map(|(_, s)| s.status)),
        discrepancies,
        contract_year: contract_year(contract.start, from),
        penalties_earlier_in_year,
        breached_months_before,
        parts: month.parts,
    }
}

/// Whether two sources sent the same metric.
fn two_sources(sums: &[BucketSums]) -> bool {
    // Most months have one source for every metric: no names compared.
    if sums.windows(2).all(|w| w[0].source == w[1].source) {
        return false;
    }
    // A month has a dozen metrics or so: looked for along the few seen.
    let mut seen: Vec<(&str, KpiSource)> = Vec::new();
    sums.iter().any(
        |s| match seen.iter().find(|(metric, _)| *metric == s.metric) {
            Some((_, source)) => *source != s.source,
            None => {
                seen.push((&s.metric, s.source));
                false
            }
        },
    )
}

/// What the invoices of the twelve months before a period say, for many
/// contracts in one read: the penalties the contract year has used of its
/// cap, and the breached months in a row. A contract breached in every month
/// read has its whole history read to count further back.
struct Earlier {
    first: Period,
    invoices: HashMap<ContractId, Vec<store::invoices::Earlier>>,
}

impl Earlier {
    /// The invoices of `months` (of the periods `earliest..=latest`).
    fn of(
        conn: &mut DbConnection,
        tenant: TenantId,
        months: &[Gathered],
        (earliest, latest): (Period, Period),
    ) -> AppResult<Earlier> {
        // A contract year began at most eleven months before the month.
        let first = earliest.months_before(12);
        let ids: Vec<ContractId> = months.iter().map(|m| m.contract.id).collect();
        Ok(Earlier {
            first,
            invoices: store::invoices::earlier(conn, tenant, &ids, first, latest)?,
        })
    }

    /// The year's capped penalties so far and the breached months in a row before `month`.
    fn of_month(
        &self,
        conn: &mut DbConnection,
        tenant: TenantId,
        month: &Gathered,
    ) -> AppResult<(Decimal, u32)> {
        let contract = &month.contract;
        let period = month.period;
        let invoices = self
            .invoices
            .get(&contract.id)
            .map_or(&[][..], Vec::as_slice);
        let year = Period::of(contract_year(contract.start, month.window.from).0);
        let capped: i64 = invoices
            .iter()
            .filter(|i| i.period >= year && i.period < period)
            .map(|i| i.capped_penalties_minor)
            .sum();
        let digits = contract.currency.minor_digits();
        let mut history: Vec<(Period, bool)> = invoices
            .iter()
            .filter(|i| i.is_invoice && i.period < period)
            .map(|i| (i.period, i.breached))
            .collect();
        history.sort_by_key(|(period, _)| std::cmp::Reverse(*period));
        let mut breached = breached_in_a_row(&history, period);
        if breached > 0 && period.months_before(breached) <= self.first {
            // Breached in every month read: count on through the whole history.
            let history = store::invoices::breached_before(conn, tenant, contract.id, period)?;
            breached = breached_in_a_row(&history, period);
        }
        Ok((from_minor(capped, digits), breached))
    }
}

/// A metric's figures from the prevailing source's feed, bucket by bucket
/// (`starts` are the buckets' first days; the last runs to `to`).
fn fed(
    metric: &Metric,
    sums: &[BucketSums],
    starts: &[NaiveDate],
    to: NaiveDate,
    contract_source: KpiSource,
) -> MetricInput {
    let of_metric: Vec<&BucketSums> = sums.iter().filter(|s| s.metric == metric.code).collect();
    let source = kpi::prevailing(contract_source, |s| of_metric.iter().any(|b| b.source == s));
    let buckets = of_metric
        .iter()
        .filter(|b| Some(b.source) == source)
        .map(|b| Bucket {
            from: starts.get(b.bucket).copied().unwrap_or(to),
            to: starts
                .get(b.bucket + 1)
                .and_then(|d| d.pred_opt())
                .unwrap_or(to),
            for_sla: b.for_sla,
            for_billing: b.for_billing,
        })
        .collect();
    MetricInput {
        metric: metric.code.to_owned(),
        basis: if source.is_some() {
            Basis::Feed
        } else {
            Basis::None
        },
        buckets,
    }
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

/// An incident measured against the duty of the terms in force the day it occurred.
fn incident_input(
    incident: &Incident,
    duties: &[IncidentDuty],
    now: DateTime<Utc>,
) -> IncidentInput {
    let escalation = incident.escalation(duties, now);
    IncidentInput {
        id: incident.id.get(),
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
}

fn report_state(status: Option<ReportStatus>) -> ReportState {
    match status {
        None => ReportState::Missing,
        Some(ReportStatus::Draft) => ReportState::Draft,
        Some(ReportStatus::Submitted) => ReportState::Submitted,
        Some(ReportStatus::Accepted) => ReportState::Accepted,
        Some(ReportStatus::Disputed) => ReportState::Disputed,
    }
}

fn discrepancies(figures: &[MetricFigures]) -> Vec<DiscrepancyInput> {
    figures
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
