//! A contract's month, gathered once: the versions of the terms in force over
//! it, the exclusion days, the vendor's report and its standing, the
//! incidents with the duties they are measured against. The month's view
//! ([`Month`], with its day rows) and its invoice (`billing::input`) are both
//! built from one [`Gathered`], so they choose the same figures.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};

use super::{AppError, AppResult, AuthUser};
use crate::domain::billing::TermsPart;
use crate::domain::exclusion::ExclusionWindow;
use crate::domain::incident::Incident;
use crate::domain::kpi::{self, DailyRow, MetricFigures, SourceRules, Sums, Window};
use crate::domain::message::msg;
use crate::domain::metric::Metric;
use crate::domain::report::{MonthlyReport, ReportStatus, Standing};
use crate::domain::terms::{ChargeSpec, IncidentDuty, Terms};
use crate::domain::versions::{TermsVersion, in_force_between, in_force_on};
use crate::domain::{Contract, ContractId, Period, TenantId};
use crate::store::{self, DbConnection};

pub use crate::domain::billing::Basis;

/// What a contract's month stands on, read once.
pub struct Gathered {
    pub contract: Contract,
    pub period: Period,
    /// The versions of the terms in force over the month, each with its days.
    pub parts: Vec<TermsPart>,
    /// The days measured: the month clipped to the contract, its exclusions,
    /// its last complete day.
    pub window: Window,
    pub report: Option<(MonthlyReport, Standing)>,
    /// The month's incidents, each with the escalation duties of the terms in force the day it occurred.
    pub incidents: Vec<(Incident, Vec<IncidentDuty>)>,
    /// The metrics the month's terms measure or bill on.
    pub metrics: Vec<&'static Metric>,
    pub now: DateTime<Utc>,
}

/// Gathers a contract's month.
pub fn gather(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: Contract,
    period: Period,
) -> AppResult<Gathered> {
    let read = Read::of(conn, tenant, std::slice::from_ref(&contract), &[period])?;
    read.gathered(contract, period, None)
}

/// Gathers months of one contract with one read of each kind for all of
/// them (a dashboard's way); a month that cannot be gathered (no terms in
/// force yet, say) is its own error.
pub fn gather_months(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: &Contract,
    periods: &[Period],
) -> AppResult<Vec<(Period, AppResult<Gathered>)>> {
    if periods.is_empty() {
        return Ok(Vec::new());
    }
    let read = Read::of(conn, tenant, std::slice::from_ref(contract), periods)?;
    Ok(periods
        .iter()
        .map(|period| (*period, read.gathered(contract.clone(), *period, None)))
        .collect())
}

/// Gathers the months of many contracts with one read of each kind for all
/// of them (the close's way); a month that cannot be gathered (no terms in
/// force, say) is its own contract's error.
pub fn gather_all(
    conn: &mut DbConnection,
    tenant: TenantId,
    contracts: Vec<Contract>,
    period: Period,
) -> AppResult<Vec<(ContractId, AppResult<Gathered>)>> {
    let mut read = Read::of(conn, tenant, &contracts, &[period])?;
    Ok(contracts
        .into_iter()
        .map(|contract| {
            // Each contract's versions serve this one month: their terms
            // are moved into it, not copied.
            let versions = read.versions.remove(&contract.id).unwrap_or_default();
            let id = contract.id;
            (
                id,
                read.month(contract, period, Versions::Owned(versions), None),
            )
        })
        .collect())
}

/// Gathers a contract's month judged on `parts` (the terms over its days)
/// rather than on the versions in force: what a proposal would have made of it.
pub fn gather_on(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: Contract,
    period: Period,
    parts: Vec<TermsPart>,
) -> AppResult<Gathered> {
    let read = Read::of(conn, tenant, std::slice::from_ref(&contract), &[period])?;
    read.gathered(contract, period, Some(parts))
}

/// What some months of some contracts stand on, read once for all of them.
struct Read {
    /// The versions each contract may have in force over the months.
    versions: HashMap<ContractId, Vec<TermsVersion>>,
    exclusions: HashMap<ContractId, Vec<ExclusionWindow>>,
    reports: HashMap<(ContractId, Period), MonthlyReport>,
    incidents: HashMap<ContractId, Vec<Incident>>,
    now: DateTime<Utc>,
}

impl Read {
    /// What `periods` (one at least) of `contracts` stand on.
    fn of(
        conn: &mut DbConnection,
        tenant: TenantId,
        contracts: &[Contract],
        periods: &[Period],
    ) -> AppResult<Read> {
        let ids: Vec<ContractId> = contracts.iter().map(|c| c.id).collect();
        let (Some(first), Some(last)) = (
            periods.iter().map(|p| p.first_day()).min(),
            periods.iter().map(|p| p.last_day()).max(),
        ) else {
            return Err(AppError::internal(anyhow::anyhow!("no month to gather")));
        };
        // Each contract's month in its own time zone lies within a day of the month in UTC.
        let spans = contracts.iter().map(|c| c.time_zone.span(first, last));
        let (since, until) = spans.fold(
            (DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC),
            |(since, until), (start, end)| (since.min(start), until.max(end)),
        );
        Ok(Read {
            versions: store::terms::in_force_over(conn, tenant, &ids, first, last)?,
            exclusions: store::exclusions::overlapping(conn, tenant, &ids, first, last)?,
            reports: store::reports::of_periods(conn, tenant, &ids, periods)?,
            incidents: store::incidents::of_contracts(conn, tenant, &ids, since, until)?,
            now: Utc::now(),
        })
    }

    /// A contract's month from what was read, judged on `parts` if given,
    /// else on the versions in force.
    fn gathered(
        &self,
        contract: Contract,
        period: Period,
        parts: Option<Vec<TermsPart>>,
    ) -> AppResult<Gathered> {
        let versions = self
            .versions
            .get(&contract.id)
            .map_or(&[][..], Vec::as_slice);
        self.month(contract, period, Versions::Shared(versions), parts)
    }

    /// A contract's month from what was read and its versions, judged on
    /// `parts` if given, else on the versions in force.
    fn month(
        &self,
        contract: Contract,
        period: Period,
        versions: Versions<'_>,
        parts: Option<Vec<TermsPart>>,
    ) -> AppResult<Gathered> {
        let (from, to) = days_of(&contract, period)?;
        let incidents = self.incidents_of(&contract, versions.as_slice(), from, to);
        let parts = parts.unwrap_or_else(|| versions.parts(from, to));
        let Some(terms) = parts.last().map(|p| &p.terms) else {
            return Err(AppError::conflict(msg!("error-no-terms-in-period")));
        };
        let now = self.now;
        let today = contract.time_zone.today(now);
        let excluded = self
            .exclusions
            .get(&contract.id)
            .into_iter()
            .flatten()
            .flat_map(|w| w.from.iter_days().take_while(move |d| *d <= w.to))
            .filter(|d| *d >= from && *d <= to)
            .collect();
        let window = Window {
            from,
            to,
            excluded,
            last_complete_day: today.pred_opt().unwrap_or(today),
        };
        let deemed_days = terms.commercial.report_deemed_accepted_after_days;
        let report = self.reports.get(&(contract.id, period)).map(|r| {
            let standing = r.status_at(now, deemed_days);
            (r.clone(), standing)
        });
        let mut metrics: Vec<&'static Metric> = parts
            .iter()
            .flat_map(|p| referenced_metrics(&p.terms))
            .collect();
        metrics.sort_by_key(|m| m.code);
        metrics.dedup_by_key(|m| m.code);
        Ok(Gathered {
            contract,
            period,
            parts,
            window,
            report,
            incidents,
            metrics,
            now,
        })
    }

    /// The incidents of a contract's days `from..=to`, each with the
    /// duties of the terms in force the (local) day it occurred.
    fn incidents_of(
        &self,
        contract: &Contract,
        versions: &[TermsVersion],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<(Incident, Vec<IncidentDuty>)> {
        let (start, end) = contract.time_zone.span(from, to);
        self.incidents
            .get(&contract.id)
            .into_iter()
            .flatten()
            .filter(|i| i.occurred_at >= start && i.occurred_at < end)
            .map(|incident| {
                let day = contract.time_zone.today(incident.occurred_at);
                let duties = in_force_on(versions, day)
                    .map(|v| v.terms.liability.incident_duties.clone())
                    .unwrap_or_default();
                (incident.clone(), duties)
            })
            .collect()
    }
}

/// A contract's versions as a month is gathered from them: shared with its
/// other months, or its own.
enum Versions<'a> {
    Shared(&'a [TermsVersion]),
    Owned(Vec<TermsVersion>),
}

impl Versions<'_> {
    fn as_slice(&self) -> &[TermsVersion] {
        match self {
            Versions::Shared(versions) => versions,
            Versions::Owned(versions) => versions,
        }
    }

    /// The versions in force over `from..=to`, each with its days; a
    /// month's own versions give their terms up to it.
    fn parts(self, from: NaiveDate, to: NaiveDate) -> Vec<TermsPart> {
        match self {
            Versions::Shared(all) => in_force_between(all, from, to)
                .into_iter()
                .map(|(version, from, to, terms)| TermsPart {
                    version,
                    from,
                    to,
                    terms: terms.clone(),
                })
                .collect(),
            Versions::Owned(mut all) => {
                let spans: Vec<(u32, NaiveDate, NaiveDate)> = in_force_between(&all, from, to)
                    .into_iter()
                    .map(|(version, from, to, _)| (version, from, to))
                    .collect();
                // A version is in force over one part of the days at most.
                spans
                    .into_iter()
                    .filter_map(|(version, from, to)| {
                        let at = all.iter().position(|v| v.version == version)?;
                        Some(TermsPart {
                            version,
                            from,
                            to,
                            terms: all.swap_remove(at).terms,
                        })
                    })
                    .collect()
            }
        }
    }
}

impl Gathered {
    /// The terms in force at the month's end (or the contract's, if earlier).
    pub fn terms(&self) -> &Terms {
        // `gather` refuses a month without terms, so there is a last part.
        &self.parts[self.parts.len() - 1].terms
    }

    /// The accepted report, if the month has one (deemed acceptance included).
    pub fn accepted_report(&self) -> Option<&MonthlyReport> {
        self.report
            .as_ref()
            .filter(|(_, standing)| standing.status == ReportStatus::Accepted)
            .map(|(report, _)| report)
    }

    /// How the feeds of two sources are weighed against each other.
    pub fn source_rules(&self) -> SourceRules {
        let commercial = &self.terms().commercial;
        SourceRules {
            prevailing: commercial.kpi_source,
            tolerance: commercial.discrepancy_tolerance,
            minor_digits: self.contract.currency.minor_digits(),
        }
    }

    /// The month with its day rows and the figures of every metric it
    /// measures, bills on or was reported on: the month's view.
    pub fn with_days(self, conn: &mut DbConnection, tenant: TenantId) -> AppResult<Month> {
        let rows = store::kpi::daily(
            conn,
            tenant,
            self.contract.id,
            self.window.from,
            self.window.to,
        )?;
        let mut wanted = self.metrics.clone();
        if let Some((report, _)) = &self.report {
            wanted.extend(
                report
                    .figures
                    .iter()
                    .filter_map(|f| Metric::find(&f.metric)),
            );
        }
        let figures = kpi::figures(&rows, &self.window, self.source_rules(), &wanted);
        Ok(Month {
            gathered: self,
            rows,
            figures,
        })
    }
}

/// The figures of one metric the month stands on.
#[derive(Debug, Clone, Copy)]
pub struct Chosen {
    pub basis: Basis,
    pub for_sla: Option<Sums>,
    pub for_billing: Option<Sums>,
}

/// A contract's month with its day rows: what the month's views show.
pub struct Month {
    pub gathered: Gathered,
    /// The window's daily rows, of every source.
    pub rows: Vec<DailyRow>,
    pub figures: Vec<MetricFigures>,
}

/// Gathers a contract's month with its day rows, within the caller's scope.
pub fn load(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    period: Period,
) -> AppResult<Month> {
    let contract = store::contracts::get(conn, auth.scope, id)?;
    load_for(conn, auth.tenant(), contract, period)
}

pub fn load_for(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: Contract,
    period: Period,
) -> AppResult<Month> {
    gather(conn, tenant, contract, period)?.with_days(conn, tenant)
}

impl std::ops::Deref for Month {
    type Target = Gathered;

    fn deref(&self) -> &Gathered {
        &self.gathered
    }
}

impl Month {
    /// The figures the month stands on for one metric: the accepted report's,
    /// else the prevailing source's feed.
    pub fn chosen(&self, figures: &MetricFigures) -> Chosen {
        let reported = self
            .accepted_report()
            .and_then(|r| r.figures.iter().find(|f| f.metric == figures.metric.code));
        if let Some(figure) = reported {
            return Chosen {
                basis: Basis::Report,
                for_sla: Some(figure.for_sla),
                for_billing: Some(figure.for_billing),
            };
        }
        match figures.prevailing_figures() {
            Some(feed) => Chosen {
                basis: Basis::Feed,
                for_sla: Some(feed.for_sla),
                for_billing: Some(feed.for_billing),
            },
            None => Chosen {
                basis: Basis::None,
                for_sla: None,
                for_billing: None,
            },
        }
    }

    /// Sums for SLA of every metric, as the month stands.
    pub fn sla_sums(&self) -> BTreeMap<String, Sums> {
        self.figures
            .iter()
            .filter_map(|f| {
                self.chosen(f)
                    .for_sla
                    .map(|s| (f.metric.code.to_owned(), s))
            })
            .collect()
    }

    pub fn minor_digits(&self) -> u32 {
        self.contract.currency.minor_digits()
    }
}

/// The days of a month the contract runs: the month clipped to its dates.
pub fn days_of(contract: &Contract, period: Period) -> AppResult<(NaiveDate, NaiveDate)> {
    period.clip(contract.start, contract.end).ok_or_else(|| {
        AppError::invalid(
            "period",
            msg!(
                "error-lies-outside-contract",
                start = contract.start,
                end = contract.end
            ),
        )
    })
}

/// The escalation duties of the terms in force on the (local) day an incident occurred.
pub fn duties_on(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: &Contract,
    incident: &Incident,
) -> AppResult<Vec<IncidentDuty>> {
    let day = contract.time_zone.today(incident.occurred_at);
    Ok(store::terms::in_force(conn, tenant, contract.id, day)?
        .map(|v| v.terms.liability.incident_duties)
        .unwrap_or_default())
}

/// The metrics the terms measure or bill on: charges, clauses, bonus conditions, exit criteria.
pub fn referenced_metrics(terms: &Terms) -> Vec<&'static Metric> {
    let charges = terms.charges.iter().flat_map(|c| match &c.spec {
        ChargeSpec::PerUnit(unit) => vec![unit.metric.as_str()],
        ChargeSpec::Commission(commission) => std::iter::once("cs_sales")
            .chain(commission.kpi_metric.as_deref())
            .collect(),
        _ => Vec::new(),
    });
    let clauses = terms.sla_clauses.iter().flat_map(|c| {
        std::iter::once(c.spec.metric.as_str()).chain(
            c.spec
                .bonus
                .iter()
                .flat_map(|b| b.also_requires.iter().map(|r| r.metric.as_str())),
        )
    });
    let gates = terms
        .phases
        .iter()
        .flat_map(|p| p.spec.exit_criteria.iter().map(|c| c.metric.as_str()));
    let mut metrics: Vec<&'static Metric> = charges
        .chain(clauses)
        .chain(gates)
        .filter_map(Metric::find)
        .collect();
    metrics.sort_by_key(|m| m.code);
    metrics.dedup_by_key(|m| m.code);
    metrics
}
