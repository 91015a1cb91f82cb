//! Exclusion windows of a contract.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::exclusion_windows;
use super::time::utc;
use super::{DbConnection, StoreError};
use crate::domain::exclusion::{ExclusionCategory, ExclusionWindow};
use crate::domain::{ContractId, ExclusionId, TenantId, UserId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = exclusion_windows)]
struct WindowRow {
    id: i64,
    from_date: NaiveDate,
    to_date: NaiveDate,
    category: String,
    note: String,
    recorded_by: Option<i64>,
    recorded_at: NaiveDateTime,
}

impl TryFrom<WindowRow> for ExclusionWindow {
    type Error = StoreError;

    fn try_from(row: WindowRow) -> Result<Self, StoreError> {
        Ok(ExclusionWindow {
            id: ExclusionId::new(row.id),
            from: row.from_date,
            to: row.to_date,
            category: row.category.parse().map_err(StoreError::corrupt)?,
            note: row.note,
            recorded_by: row.recorded_by.map(UserId::new),
            recorded_at: utc(row.recorded_at),
        })
    }
}

/// A window to record.
pub struct NewWindow<'a> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub category: ExclusionCategory,
    pub note: &'a str,
    pub recorded_by: Option<UserId>,
}

pub fn create(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    new: NewWindow<'_>,
) -> Result<ExclusionWindow, StoreError> {
    let id = diesel::insert_into(exclusion_windows::table)
        .values((
            exclusion_windows::tenant_id.eq(tenant.get()),
            exclusion_windows::contract_id.eq(contract.get()),
            exclusion_windows::from_date.eq(new.from),
            exclusion_windows::to_date.eq(new.to),
            exclusion_windows::category.eq(new.category.as_str()),
            exclusion_windows::note.eq(new.note),
            exclusion_windows::recorded_by.eq(new.recorded_by.map(UserId::get)),
            exclusion_windows::recorded_at.eq(super::now()),
        ))
        .returning(exclusion_windows::id)
        .get_result::<i64>(conn)?;
    get(conn, tenant, contract, ExclusionId::new(id))
}

fn of_contract(
    tenant: TenantId,
    contract: ContractId,
) -> exclusion_windows::BoxedQuery<'static, <DbConnection as diesel::Connection>::Backend> {
    exclusion_windows::table
        .filter(exclusion_windows::tenant_id.eq(tenant.get()))
        .filter(exclusion_windows::contract_id.eq(contract.get()))
        .into_boxed()
}

pub fn get(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    id: ExclusionId,
) -> Result<ExclusionWindow, StoreError> {
    of_contract(tenant, contract)
        .filter(exclusion_windows::id.eq(id.get()))
        .select(WindowRow::as_select())
        .get_result(conn)?
        .try_into()
}

/// A contract's windows in date order.
pub fn list(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
) -> Result<Vec<ExclusionWindow>, StoreError> {
    of_contract(tenant, contract)
        .select(WindowRow::as_select())
        .order((exclusion_windows::from_date, exclusion_windows::id))
        .load(conn)?
        .into_iter()
        .map(ExclusionWindow::try_from)
        .collect()
}

/// The windows of each of `contracts` with a day in `from..=to`, in one statement.
pub fn overlapping(
    conn: &mut DbConnection,
    tenant: TenantId,
    contracts: &[ContractId],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<ContractId, Vec<ExclusionWindow>>, StoreError> {
    let rows: Vec<(i64, WindowRow)> = exclusion_windows::table
        .filter(exclusion_windows::tenant_id.eq(tenant.get()))
        .filter(exclusion_windows::contract_id.eq_any(contracts.iter().map(|c| c.get())))
        .filter(exclusion_windows::from_date.le(to))
        .filter(exclusion_windows::to_date.ge(from))
        .select((exclusion_windows::contract_id, WindowRow::as_select()))
        .order((
            exclusion_windows::contract_id,
            exclusion_windows::from_date,
            exclusion_windows::id,
        ))
        .load(conn)?;
    let mut windows: HashMap<ContractId, Vec<ExclusionWindow>> = HashMap::new();
    for (contract, row) in rows {
        windows
            .entry(ContractId::new(contract))
            .or_default()
            .push(row.try_into()?);
    }
    Ok(windows)
}

pub fn delete(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    id: ExclusionId,
) -> Result<(), StoreError> {
    let target = exclusion_windows::table
        .filter(exclusion_windows::tenant_id.eq(tenant.get()))
        .filter(exclusion_windows::contract_id.eq(contract.get()))
        .filter(exclusion_windows::id.eq(id.get()));
    let deleted = diesel::delete(target).execute(conn)?;
    if deleted == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
