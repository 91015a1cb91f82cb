//! The month so far, contract by contract: how each SLA clause stands on the
//! figures in, what the invoice would come to if the month ended today, and
//! the monthly report due. What a vendor (and the merchant) sees first.

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;

use super::billing::input;
use super::month::{self, Month};
use super::{App, AppResult, Caller};
use crate::domain::billing::{InvoiceDraft, clause_days, compute};
use crate::domain::metric::Metric;
use crate::domain::report::ReportStatus;
use crate::domain::standing::{Standing, standing};
use crate::domain::terms::SlaClause;
use crate::domain::{Contract, ContractStatus, Period, Permission};
use crate::store::{self, DbConnection, Page, contracts::ContractFilter};

/// One contract's month so far.
#[derive(Debug)]
pub struct ContractMonth {
    pub contract: Contract,
    pub period: Period,
    /// The last day that is over, when the month has one yet.
    pub through: Option<NaiveDate>,
    pub clauses: Vec<ClauseStanding>,
    /// The invoice the month would come to if it ended today; nothing is stored.
    pub draft: InvoiceDraft,
    /// Last month's report, when it is still the vendor's to write or answer.
    pub report_due: Option<ReportDue>,
}

#[derive(Debug)]
pub struct ClauseStanding {
    pub clause: SlaClause,
    pub metric: &'static Metric,
    /// The target in force today (a peak-season one, where one applies).
    pub target: Decimal,
    pub value: Option<Decimal>,
    pub standing: Standing,
}

#[derive(Debug)]
pub struct ReportDue {
    pub period: Period,
    /// `None`: not started.
    pub status: Option<ReportStatus>,
}

/// Every active contract in the caller's scope (a vendor's user: its own),
/// its month so far.
pub async fn month_so_far(app: &App, caller: Caller) -> AppResult<Vec<ContractMonth>> {
    app.read(caller, Permission::ReadContracts, |conn, auth| {
        let filter = ContractFilter {
            status: Some(ContractStatus::Active),
            vendor: None,
        };
        let page = Page {
            after: None,
            limit: Page::MAX_LIMIT,
        };
        store::contracts::list(conn, auth.scope, filter, page)?
            .into_iter()
            .map(|contract| of_contract(conn, auth.tenant(), contract))
            .collect()
    })
    .await
}

pub(crate) fn of_contract(
    conn: &mut DbConnection,
    tenant: crate::domain::TenantId,
    contract: Contract,
) -> AppResult<ContractMonth> {
    let today = contract.time_zone.today(Utc::now());
    let period = Period::of(today.clamp(contract.start, contract.end));
    let month = month::load_for(conn, tenant, contract.clone(), period)?;
    let clauses = standings(&month, today);
    let window = &month.window;
    let through = (window.last_complete_day >= window.from).then_some(window.last_complete_day);
    let report_due = report_due(conn, tenant, &contract, period)?;
    let draft = compute(&input::input(conn, tenant, month.gathered)?);
    Ok(ContractMonth {
        contract,
        period,
        through,
        clauses,
        draft,
        report_due,
    })
}

/// Each clause that applies by now, against the target in force today.
fn standings(month: &Month, today: NaiveDate) -> Vec<ClauseStanding> {
    let Some(part) = month.parts.last() else {
        return Vec::new();
    };
    let sums = month.sla_sums();
    part.terms
        .sla_clauses
        .iter()
        .filter(|clause| {
            clause_days(&clause.spec, part)
                .first()
                .is_some_and(|(from, _)| *from <= today)
        })
        .filter_map(|clause| {
            let metric = Metric::find(&clause.spec.metric)?;
            let target = clause
                .spec
                .overrides
                .iter()
                .find(|o| o.from <= today && today <= o.to)
                .map_or(clause.spec.target, |o| o.target);
            let value = sums
                .get(metric.code)
                .and_then(|s| s.value(metric, month.minor_digits()));
            Some(ClauseStanding {
                clause: clause.clone(),
                metric,
                target,
                value,
                standing: standing(metric, target, value),
            })
        })
        .collect()
}

/// Last month's report, when the vendor still owes it: not started, being
/// written, or disputed and waiting for an answer.
fn report_due(
    conn: &mut DbConnection,
    tenant: crate::domain::TenantId,
    contract: &Contract,
    period: Period,
) -> AppResult<Option<ReportDue>> {
    let last = period.previous();
    if month::days_of(contract, last).is_err() {
        return Ok(None);
    }
    let report = store::reports::find(conn, tenant, contract.id, last)?;
    let status = report.map(|r| r.status);
    let due = matches!(
        status,
        None | Some(ReportStatus::Draft) | Some(ReportStatus::Disputed)
    );
    Ok(due.then_some(ReportDue {
        period: last,
        status,
    }))
}
