//! Incidents of a contract.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::incidents;
use super::time::{stored, utc};
use super::{DbConnection, StoreError};
use crate::domain::audit::Actor;
use crate::domain::incident::{Incident, IncidentCategory};
use crate::domain::terms::Severity;
use crate::domain::{ApiKeyId, ContractId, IncidentId, TenantId, UserId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = incidents)]
struct IncidentRow {
    id: i64,
    contract_id: i64,
    severity: String,
    category: String,
    occurred_at: NaiveDateTime,
    escalated_at: Option<NaiveDateTime>,
    description: String,
    logged_by: Option<i64>,
    logged_by_key: Option<i64>,
    logged_at: NaiveDateTime,
}

impl TryFrom<IncidentRow> for Incident {
    type Error = StoreError;

    fn try_from(row: IncidentRow) -> Result<Self, StoreError> {
        Ok(Incident {
            id: IncidentId::new(row.id),
            contract_id: ContractId::new(row.contract_id),
            severity: row.severity.parse().map_err(StoreError::corrupt)?,
            category: row.category.parse().map_err(StoreError::corrupt)?,
            occurred_at: utc(row.occurred_at),
            escalated_at: row.escalated_at.map(utc),
            description: row.description,
            logged_by: row.logged_by.map(UserId::new),
            logged_by_key: row.logged_by_key.map(ApiKeyId::new),
            logged_at: utc(row.logged_at),
        })
    }
}

/// An incident to log.
pub struct NewIncident<'a> {
    pub severity: Severity,
    pub category: IncidentCategory,
    pub occurred_at: DateTime<Utc>,
    pub escalated_at: Option<DateTime<Utc>>,
    pub description: &'a str,
}

pub fn create(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    new: NewIncident<'_>,
    by: Actor,
) -> Result<Incident, StoreError> {
    let id = diesel::insert_into(incidents::table)
        .values((
            incidents::tenant_id.eq(tenant.get()),
            incidents::contract_id.eq(contract.get()),
            incidents::severity.eq(new.severity.as_str()),
            incidents::category.eq(new.category.as_str()),
            incidents::occurred_at.eq(stored(new.occurred_at)),
            incidents::escalated_at.eq(new.escalated_at.map(stored)),
            incidents::description.eq(new.description),
            incidents::logged_by.eq(by.user.map(UserId::get)),
            incidents::logged_by_key.eq(by.api_key.map(ApiKeyId::get)),
            incidents::logged_at.eq(super::now()),
        ))
        .returning(incidents::id)
        .get_result::<i64>(conn)?;
    get(conn, tenant, contract, IncidentId::new(id))
}

pub fn get(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    id: IncidentId,
) -> Result<Incident, StoreError> {
    incidents::table
        .filter(incidents::tenant_id.eq(tenant.get()))
        .filter(incidents::contract_id.eq(contract.get()))
        .filter(incidents::id.eq(id.get()))
        .select(IncidentRow::as_select())
        .get_result(conn)?
        .try_into()
}

/// A contract's incidents that occurred in `from..until`, oldest first.
pub fn list(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<Incident>, StoreError> {
    incidents::table
        .filter(incidents::tenant_id.eq(tenant.get()))
        .filter(incidents::contract_id.eq(contract.get()))
        .filter(incidents::occurred_at.ge(stored(from)))
        .filter(incidents::occurred_at.lt(stored(until)))
        .order((incidents::occurred_at, incidents::id))
        .select(IncidentRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Incident::try_from)
        .collect()
}

/// The incidents of each of `contracts` that occurred in `from..until`, in one statement.
pub fn of_contracts(
    conn: &mut DbConnection,
    tenant: TenantId,
    contracts: &[ContractId],
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<HashMap<ContractId, Vec<Incident>>, StoreError> {
    let mut by_contract: HashMap<ContractId, Vec<Incident>> = HashMap::new();
    for row in incidents::table
        .filter(incidents::tenant_id.eq(tenant.get()))
        .filter(incidents::contract_id.eq_any(contracts.iter().map(|c| c.get())))
        .filter(incidents::occurred_at.ge(stored(from)))
        .filter(incidents::occurred_at.lt(stored(until)))
        .order((
            incidents::contract_id,
            incidents::occurred_at,
            incidents::id,
        ))
        .select(IncidentRow::as_select())
        .load(conn)?
    {
        let incident = Incident::try_from(row)?;
        by_contract
            .entry(incident.contract_id)
            .or_default()
            .push(incident);
    }
    Ok(by_contract)
}

pub fn set_escalated(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    id: IncidentId,
    at: DateTime<Utc>,
) -> Result<Incident, StoreError> {
    diesel::update(
        incidents::table
            .filter(incidents::tenant_id.eq(tenant.get()))
            .filter(incidents::contract_id.eq(contract.get()))
            .filter(incidents::id.eq(id.get())),
    )
    .set(incidents::escalated_at.eq(Some(stored(at))))
    .execute(conn)?;
    get(conn, tenant, contract, id)
}

/// The tenant's incidents (every contract) that occurred from `from` on,
/// oldest first: one read for a dashboard.
pub fn since(
    conn: &mut DbConnection,
    tenant: TenantId,
    from: DateTime<Utc>,
) -> Result<Vec<Incident>, StoreError> {
    incidents::table
        .filter(incidents::tenant_id.eq(tenant.get()))
        .filter(incidents::occurred_at.ge(stored(from)))
        .order((incidents::occurred_at, incidents::id))
        .select(IncidentRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Incident::try_from)
        .collect()
}
