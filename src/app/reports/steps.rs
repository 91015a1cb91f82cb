//! The steps of a report's review: the vendor submits it, the merchant
//! accepts or disputes it (and the vendor answers by editing and
//! resubmitting). Each step is checked by the report's status, stored, and
//! recorded in the contract's audit log.

use super::check::{DisputeBody, check_comments, figures_of};
use super::views::{self, ReportView};
use super::{month_of, summary};
use crate::app::contracts::audit;
use crate::app::month::Month;
use crate::app::{App, AppError, AppResult, AuthUser, Caller};
use crate::domain::message::msg;
use crate::domain::report::{MonthlyReport, ReportStatus};
use crate::domain::{ContractId, Period, Permission};
use crate::store::{self, DbConnection};

/// Sends the report to the merchant, once the month is over; feed figures are summed afresh.
pub async fn submit(
    app: &App,
    caller: Caller,
    id: ContractId,
    period: Period,
) -> AppResult<ReportView> {
    app.write(caller, Permission::DraftReports, move |conn, auth| {
        step(conn, auth, id, period, |month, report, status| {
            report.status = status.submit()?;
            if !super::month_is_over(month) {
                return Err(AppError::conflict(msg!("error-month-not-over")));
            }
            report.figures = figures_of(month, &report.figures);
            if report.figures.is_empty() {
                return Err(AppError::invalid(
                    "figures",
                    msg!("error-report-no-figures"),
                ));
            }
            report.submissions += 1;
            report.submitted_at = Some(month.now);
            report.answered_at = None;
            Ok("report.submitted")
        })
    })
    .await
}

/// Accepts a submitted report: the month is billed on its figures.
pub async fn accept(
    app: &App,
    caller: Caller,
    id: ContractId,
    period: Period,
) -> AppResult<ReportView> {
    app.write(caller, Permission::ReviewReports, move |conn, auth| {
        step(conn, auth, id, period, |month, report, status| {
            report.status = status.accept()?;
            report.answered_at = Some(month.now);
            report.disputes.clear();
            Ok("report.accepted")
        })
    })
    .await
}

/// Contests figures of a submitted report, with a comment on each; the vendor
/// answers by editing and resubmitting.
pub async fn dispute(
    app: &App,
    caller: Caller,
    id: ContractId,
    period: Period,
    body: DisputeBody,
) -> AppResult<ReportView> {
    app.write(caller, Permission::ReviewReports, move |conn, auth| {
        step(conn, auth, id, period, move |month, report, status| {
            let next = status.dispute()?;
            let comments = check_comments(&body, report)?;
            report.status = next;
            report.disputes = comments;
            report.answered_at = Some(month.now);
            Ok("report.disputed")
        })
    })
    .await
}

/// One step of a report's review, by the caller: `change` moves the report
/// on from its standing and names the step for the audit log.
fn step(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    period: Period,
    change: impl FnOnce(&Month, &mut MonthlyReport, ReportStatus) -> AppResult<&'static str>,
) -> AppResult<ReportView> {
    let month = month_of(conn, auth, id, period)?;
    let (stored, standing) = month.report.clone().ok_or(AppError::NotFound)?;
    let mut report = stored.clone();
    let action = change(&month, &mut report, standing.status)?;
    // Who answered: the merchant's user who accepted or disputed it.
    let answered_by = report.answered_at.and(auth.user_id());
    let saved = store::reports::save(conn, auth.tenant(), &report, answered_by)?;
    audit(
        conn,
        auth,
        id,
        action,
        Some(summary(&stored)),
        Some(summary(&saved)),
    )?;
    Ok(views::view(&saved, &month))
}
