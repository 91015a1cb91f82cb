//! The vendor's monthly report and the merchant's review of it: the reads
//! here, writing a report in [`write`], its review's steps in [`steps`], the
//! checks of what is sent in [`check`].

pub mod check;
pub mod sheet;
pub mod steps;
pub mod views;
pub mod write;

pub use check::{DisputeBody, ReportBody};
pub use views::ReportView;

use super::month::{self, Month};
use super::{App, AppError, AppResult, AuthUser, Caller};
use crate::domain::message::msg;
use crate::domain::report::MonthlyReport;
use crate::domain::{ContractId, ContractStatus, Period, Permission};
use crate::store::{self, DbConnection};

/// A contract's reports, latest month first.
pub async fn list(app: &App, caller: Caller, id: ContractId) -> AppResult<Vec<ReportView>> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let reports = store::reports::list(conn, auth.tenant(), id)?;
        reports
            .iter()
            .map(|r| {
                let month = month::load_for(conn, auth.tenant(), contract.clone(), r.period)?;
                Ok(views::view(r, &month))
            })
            .collect()
    })
    .await
}

/// The report for a month.
pub async fn show(
    app: &App,
    caller: Caller,
    id: ContractId,
    period: Period,
) -> AppResult<ReportView> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let month = month::load(conn, auth, id, period)?;
        let report = month
            .report
            .as_ref()
            .map(|(r, _)| r.clone())
            .ok_or(AppError::NotFound)?;
        Ok(views::view(&report, &month))
    })
    .await
}

/// Loads the month of a report, refusing draft contracts.
fn month_of(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    period: Period,
) -> AppResult<Month> {
    let month = month::load(conn, auth, id, period)?;
    if month.contract.status == ContractStatus::Draft {
        return Err(AppError::conflict(msg!("error-draft-contract-reports")));
    }
    Ok(month)
}

/// Whether the month is over where the contract runs: a report is submitted only then.
pub(crate) fn month_is_over(month: &Month) -> bool {
    month.contract.time_zone.today(month.now) > month.period.last_day()
}

/// A report as the audit log keeps it.
fn summary(report: &MonthlyReport) -> serde_json::Value {
    serde_json::json!({
        "period": report.period,
        "status": report.status,
        "figures": report.figures,
        "disputes": report.disputes,
        "submissions": report.submissions,
    })
}
