//! Monthly reports, one per contract and period.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::documents::{json, text};
use super::schema::monthly_reports;
use super::time::{stored, utc};
use super::{DbConnection, StoreError};
use crate::domain::message::msg;
use crate::domain::report::MonthlyReport;
use crate::domain::{ContractId, Period, TenantId, UserId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = monthly_reports)]
struct ReportRow {
    id: i64,
    contract_id: i64,
    period: String,
    status: String,
    figures: String,
    staffing: String,
    narrative: String,
    disputes: String,
    submissions: i32,
    submitted_at: Option<NaiveDateTime>,
    answered_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl TryFrom<ReportRow> for MonthlyReport {
    type Error = StoreError;

    fn try_from(row: ReportRow) -> Result<Self, StoreError> {
        Ok(MonthlyReport {
            id: row.id,
            contract_id: ContractId::new(row.contract_id),
            period: row.period.parse().map_err(StoreError::corrupt)?,
            status: row.status.parse().map_err(StoreError::corrupt)?,
            figures: json(&row.figures)?,
            staffing: json(&row.staffing)?,
            narrative: json(&row.narrative)?,
            disputes: json(&row.disputes)?,
            submissions: u32::try_from(row.submissions).map_err(StoreError::corrupt)?,
            submitted_at: row.submitted_at.map(utc),
            answered_at: row.answered_at.map(utc),
            created_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
        })
    }
}

fn of_contract(
    tenant: TenantId,
    contract: ContractId,
) -> monthly_reports::BoxedQuery<'static, <DbConnection as diesel::Connection>::Backend> {
    monthly_reports::table
        .filter(monthly_reports::tenant_id.eq(tenant.get()))
        .filter(monthly_reports::contract_id.eq(contract.get()))
        .into_boxed()
}

/// The contract's report for the period, if the vendor has started one.
pub fn find(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    period: Period,
) -> Result<Option<MonthlyReport>, StoreError> {
    of_contract(tenant, contract)
        .filter(monthly_reports::period.eq(period.to_string()))
        .select(ReportRow::as_select())
        .get_result(conn)
        .optional()?
        .map(MonthlyReport::try_from)
        .transpose()
}

/// The reports of `contracts` for `periods`, in one statement.
pub fn of_periods(
    conn: &mut DbConnection,
    tenant: TenantId,
    contracts: &[ContractId],
    periods: &[Period],
) -> Result<HashMap<(ContractId, Period), MonthlyReport>, StoreError> {
    monthly_reports::table
        .filter(monthly_reports::tenant_id.eq(tenant.get()))
        .filter(monthly_reports::contract_id.eq_any(contracts.iter().map(|c| c.get())))
        .filter(monthly_reports::period.eq_any(periods.iter().map(Period::to_string)))
        .select(ReportRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|row| {
            let report = MonthlyReport::try_from(row)?;
            Ok(((report.contract_id, report.period), report))
        })
        .collect()
}

/// The contract's reports, latest period first.
pub fn list(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
) -> Result<Vec<MonthlyReport>, StoreError> {
    of_contract(tenant, contract)
        .order(monthly_reports::period.desc())
        .select(ReportRow::as_select())
        .load(conn)?
        .into_iter()
        .map(MonthlyReport::try_from)
        .collect()
}

/// Writes a report: a new one, or the stored one with its changes — refused if
/// someone else changed it since it was read (two answers at once).
pub fn save(
    conn: &mut DbConnection,
    tenant: TenantId,
    report: &MonthlyReport,
    answered_by: Option<UserId>,
) -> Result<MonthlyReport, StoreError> {
    let stamp = |at: Option<DateTime<Utc>>| at.map(stored);
    let now = super::now();
    let figures = text(&report.figures)?;
    let staffing = text(&report.staffing)?;
    let narrative = text(&report.narrative)?;
    let disputes = text(&report.disputes)?;
    let submissions = i32::try_from(report.submissions).map_err(StoreError::corrupt)?;
    if report.id == 0 {
        diesel::insert_into(monthly_reports::table)
            .values((
                monthly_reports::tenant_id.eq(tenant.get()),
                monthly_reports::contract_id.eq(report.contract_id.get()),
                monthly_reports::period.eq(report.period.to_string()),
                monthly_reports::status.eq(report.status.as_str()),
                monthly_reports::figures.eq(&figures),
                monthly_reports::staffing.eq(&staffing),
                monthly_reports::narrative.eq(&narrative),
                monthly_reports::disputes.eq(&disputes),
                monthly_reports::submissions.eq(submissions),
                monthly_reports::created_at.eq(now),
                monthly_reports::updated_at.eq(now),
            ))
            .returning(monthly_reports::id)
            .get_result::<i64>(conn)
            .map_err(StoreError::unique("period", msg!("error-report-exists")))?;
    } else {
        let updated = diesel::update(
            monthly_reports::table
                .filter(monthly_reports::tenant_id.eq(tenant.get()))
                .filter(monthly_reports::id.eq(report.id))
                .filter(monthly_reports::updated_at.eq(stored(report.updated_at))),
        )
        .set((
            monthly_reports::status.eq(report.status.as_str()),
            monthly_reports::figures.eq(&figures),
            monthly_reports::staffing.eq(&staffing),
            monthly_reports::narrative.eq(&narrative),
            monthly_reports::disputes.eq(&disputes),
            monthly_reports::submissions.eq(submissions),
            monthly_reports::submitted_at.eq(stamp(report.submitted_at)),
            monthly_reports::answered_at.eq(stamp(report.answered_at)),
            monthly_reports::answered_by.eq(answered_by.map(UserId::get)),
            monthly_reports::updated_at.eq(now),
        ))
        .execute(conn)?;
        if updated == 0 {
            return Err(StoreError::Conflict {
                field: "status",
                message: msg!("error-report-changed"),
            });
        }
    }
    find(conn, tenant, report.contract_id, report.period)?.ok_or(StoreError::NotFound)
}
