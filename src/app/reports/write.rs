//! Writes the vendor's report for a month: a new draft, or changes to a draft
//! or disputed one. Figures of metrics the vendor feeds daily are summed from
//! the feed; others are entered.

use super::check::{ReportBody, answered, check_body};
use super::views::{self, ReportView};
use super::{month_of, summary};
use crate::app::contracts::audit;
use crate::app::{App, AppResult, Caller};
use crate::domain::report::{MonthlyReport, ReportStatus};
use crate::domain::{ContractId, Period, Permission};
use crate::store;

/// Writes the report of contract `id`'s month `period`.
pub async fn write(
    app: &App,
    caller: Caller,
    id: ContractId,
    period: Period,
    body: ReportBody,
) -> AppResult<ReportView> {
    app.write(caller, Permission::DraftReports, move |conn, auth| {
        let month = month_of(conn, auth, id, period)?;
        let (figures, narrative) = check_body(&body, &month)?;
        let (report, action, before) = match &month.report {
            Some((stored, standing)) => {
                standing.status.edit()?;
                let disputed = standing.status == ReportStatus::Disputed;
                let disputes = answered(&body.answers, disputed, &stored.disputes)?;
                let before = summary(stored);
                let mut report = stored.clone();
                report.disputes = disputes;
                report.figures = figures;
                report.staffing = body.staffing;
                report.narrative = narrative;
                (report, "report.edited", Some(before))
            }
            None => {
                answered(&body.answers, false, &[])?;
                let now = month.now;
                let report = MonthlyReport {
                    id: 0,
                    contract_id: id,
                    period,
                    status: ReportStatus::Draft,
                    figures,
                    staffing: body.staffing,
                    narrative,
                    disputes: Vec::new(),
                    submissions: 0,
                    submitted_at: None,
                    answered_at: None,
                    created_at: now,
                    updated_at: now,
                };
                (report, "report.drafted", None)
            }
        };
        let saved = store::reports::save(conn, auth.tenant(), &report, None)?;
        audit(conn, auth, id, action, before, Some(summary(&saved)))?;
        Ok(views::view(&saved, &month))
    })
    .await
}
