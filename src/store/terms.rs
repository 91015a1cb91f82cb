//! Versions of contract terms, stored as one JSON document each, and the
//! progress of handover phases.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{contract_terms, phase_progress};
use super::time::utc;
use super::{DbConnection, StoreError};
use crate::domain::message::msg;
use crate::domain::terms::Terms;
use crate::domain::versions::{PhaseStatus, TermsState, TermsVersion};
use crate::domain::{ContractId, TenantId, UserId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = contract_terms)]
struct TermsRow {
    version: i32,
    state: String,
    effective_from: Option<NaiveDate>,
    reason: Option<String>,
    correction: bool,
    revision: i32,
    body: String,
    created_by: Option<i64>,
    created_at: NaiveDateTime,
    applied_by: Option<i64>,
    applied_at: Option<NaiveDateTime>,
}

impl TryFrom<TermsRow> for TermsVersion {
    type Error = StoreError;

    fn try_from(row: TermsRow) -> Result<Self, StoreError> {
        Ok(TermsVersion {
            version: u32::try_from(row.version).map_err(StoreError::corrupt)?,
            state: row.state.parse().map_err(StoreError::corrupt)?,
            effective_from: row.effective_from,
            reason: row.reason,
            correction: row.correction,
            revision: u32::try_from(row.revision).map_err(StoreError::corrupt)?,
            terms: serde_json::from_str(&row.body).map_err(StoreError::corrupt)?,
            created_by: row.created_by.map(UserId::new),
            created_at: utc(row.created_at),
            applied_by: row.applied_by.map(UserId::new),
            applied_at: row.applied_at.map(utc),
        })
    }
}

fn body(terms: &Terms) -> Result<String, StoreError> {
    serde_json::to_string(terms).map_err(StoreError::corrupt)
}

/// A version to add.
pub struct NewVersion<'a> {
    pub state: TermsState,
    pub effective_from: Option<NaiveDate>,
    pub reason: Option<&'a str>,
    pub correction: bool,
    pub terms: &'a Terms,
    pub created_by: Option<UserId>,
}

/// Adds the next version of a contract's terms; returns its number.
pub fn add(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    new: NewVersion<'_>,
) -> Result<u32, StoreError> {
    let last: Option<i32> = contract_terms::table
        .filter(contract_terms::tenant_id.eq(tenant.get()))
        .filter(contract_terms::contract_id.eq(contract.get()))
        .select(diesel::dsl::max(contract_terms::version))
        .get_result(conn)?;
    let version = last.unwrap_or(0) + 1;
    diesel::insert_into(contract_terms::table)
        .values((
            contract_terms::tenant_id.eq(tenant.get()),
            contract_terms::contract_id.eq(contract.get()),
            contract_terms::version.eq(version),
            contract_terms::state.eq(new.state.as_str()),
            contract_terms::effective_from.eq(new.effective_from),
            contract_terms::reason.eq(new.reason),
            contract_terms::correction.eq(new.correction),
            contract_terms::revision.eq(0),
            contract_terms::body.eq(body(new.terms)?),
            contract_terms::created_by.eq(new.created_by.map(UserId::get)),
            contract_terms::created_at.eq(super::now()),
        ))
        .execute(conn)
        .map_err(StoreError::unique(
            "version",
            msg!("error-terms-version-taken"),
        ))?;
    u32::try_from(version).map_err(StoreError::corrupt)
}

/// Every version of a contract's terms, oldest first.
pub fn history(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
) -> Result<Vec<TermsVersion>, StoreError> {
    contract_terms::table
        .filter(contract_terms::tenant_id.eq(tenant.get()))
        .filter(contract_terms::contract_id.eq(contract.get()))
        .select(TermsRow::as_select())
        .order(contract_terms::version)
        .load(conn)?
        .into_iter()
        .map(TermsVersion::try_from)
        .collect()
}

/// The versions each of `contracts` may have in force over `from..=to`:
/// the last to take effect on or before `from` and every one taking effect
/// after it up to `to` — what `versions::in_force_between` and
/// `versions::in_force_on` choose from for those days. One statement for
/// all of them; only these versions' documents are parsed.
pub fn in_force_over(
    conn: &mut DbConnection,
    tenant: TenantId,
    contracts: &[ContractId],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<ContractId, Vec<TermsVersion>>, StoreError> {
    let rows: Vec<(i64, TermsRow)> = contract_terms::table
        .filter(contract_terms::tenant_id.eq(tenant.get()))
        .filter(contract_terms::contract_id.eq_any(contracts.iter().map(|c| c.get())))
        .filter(contract_terms::state.eq(TermsState::InForce.as_str()))
        .filter(contract_terms::effective_from.le(to))
        .select((contract_terms::contract_id, TermsRow::as_select()))
        .order((
            contract_terms::contract_id,
            contract_terms::effective_from,
            contract_terms::version,
        ))
        .load(conn)?;
    let mut by_contract: HashMap<ContractId, Vec<TermsRow>> = HashMap::new();
    for (contract, row) in rows {
        let versions = by_contract.entry(ContractId::new(contract)).or_default();
        // A later version in force on `from` hides the earlier ones.
        if row.effective_from.is_some_and(|d| d <= from) {
            versions.clear();
        }
        versions.push(row);
    }
    parsed(by_contract.into_iter().collect())
}

/// Contracts whose documents are parsed on one thread: parsing is most of
/// the cost of reading a batch, and when a close has one reader (no second
/// connection free) the other core is idle then.
const PARSED_ALONE: usize = 64;

/// The versions of each contract, their documents parsed: a long list in
/// two halves side by side.
fn parsed(
    mut rows: Vec<(ContractId, Vec<TermsRow>)>,
) -> Result<HashMap<ContractId, Vec<TermsVersion>>, StoreError> {
    fn parse(
        rows: Vec<(ContractId, Vec<TermsRow>)>,
    ) -> Result<Vec<(ContractId, Vec<TermsVersion>)>, StoreError> {
        rows.into_iter()
            .map(|(contract, rows)| {
                let versions = rows
                    .into_iter()
                    .map(TermsVersion::try_from)
                    .collect::<Result<_, _>>()?;
                Ok((contract, versions))
            })
            .collect()
    }
    if rows.len() < PARSED_ALONE {
        return Ok(parse(rows)?.into_iter().collect());
    }
    let second = rows.split_off(rows.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| parse(second));
        let mut versions: HashMap<_, _> = parse(rows)?.into_iter().collect();
        let others = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        versions.extend(others);
        Ok(versions)
    })
}

pub fn get(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    version: u32,
) -> Result<TermsVersion, StoreError> {
    contract_terms::table
        .filter(contract_terms::tenant_id.eq(tenant.get()))
        .filter(contract_terms::contract_id.eq(contract.get()))
        .filter(
            contract_terms::version.eq(i32::try_from(version).map_err(|_| StoreError::NotFound)?),
        )
        .select(TermsRow::as_select())
        .get_result(conn)?
        .try_into()
}

/// The version being written: the draft of a draft contract, or an open amendment.
pub fn editable(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
) -> Result<Option<TermsVersion>, StoreError> {
    contract_terms::table
        .filter(contract_terms::tenant_id.eq(tenant.get()))
        .filter(contract_terms::contract_id.eq(contract.get()))
        .filter(
            contract_terms::state
                .eq_any([TermsState::Draft.as_str(), TermsState::Pending.as_str()]),
        )
        .select(TermsRow::as_select())
        .order(contract_terms::version.desc())
        .get_result(conn)
        .optional()?
        .map(TermsVersion::try_from)
        .transpose()
}

/// The version in force on `date`: of the applied versions, the one with the
/// latest effective date on or before it (the later version on a tie).
pub fn in_force(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    date: NaiveDate,
) -> Result<Option<TermsVersion>, StoreError> {
    contract_terms::table
        .filter(contract_terms::tenant_id.eq(tenant.get()))
        .filter(contract_terms::contract_id.eq(contract.get()))
        .filter(contract_terms::state.eq(TermsState::InForce.as_str()))
        .filter(contract_terms::effective_from.le(date))
        .select(TermsRow::as_select())
        .order((
            contract_terms::effective_from.desc(),
            contract_terms::version.desc(),
        ))
        .get_result(conn)
        .optional()?
        .map(TermsVersion::try_from)
        .transpose()
}

/// Rewrites the body of a version still being written, if nobody saved it
/// since it was read at `revision`: two edits at once never lose one of them.
pub fn save_body(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    read: &TermsVersion,
    terms: &Terms,
) -> Result<(), StoreError> {
    let revision = i32::try_from(read.revision).map_err(StoreError::corrupt)?;
    let target = contract_terms::table
        .filter(contract_terms::tenant_id.eq(tenant.get()))
        .filter(contract_terms::contract_id.eq(contract.get()))
        .filter(
            contract_terms::version.eq(i32::try_from(read.version).map_err(StoreError::corrupt)?),
        )
        .filter(
            contract_terms::state
                .eq_any([TermsState::Draft.as_str(), TermsState::Pending.as_str()]),
        )
        .filter(contract_terms::revision.eq(revision));
    let changed = diesel::update(target)
        .set((
            contract_terms::body.eq(body(terms)?),
            contract_terms::revision.eq(revision + 1),
        ))
        .execute(conn)?;
    if changed == 0 {
        return Err(StoreError::Conflict {
            field: "version",
            message: msg!("error-terms-changed"),
        });
    }
    Ok(())
}

/// Moves a version being written to `in_force` (from `effective_from`) or `discarded`.
pub fn settle(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    version: u32,
    state: TermsState,
    effective_from: Option<NaiveDate>,
    by: Option<UserId>,
) -> Result<(), StoreError> {
    let target = contract_terms::table
        .filter(contract_terms::tenant_id.eq(tenant.get()))
        .filter(contract_terms::contract_id.eq(contract.get()))
        .filter(contract_terms::version.eq(i32::try_from(version).map_err(StoreError::corrupt)?));
    diesel::update(target)
        .set((
            contract_terms::state.eq(state.as_str()),
            effective_from.map(|d| contract_terms::effective_from.eq(d)),
            contract_terms::applied_by.eq(by.map(UserId::get)),
            contract_terms::applied_at.eq(super::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The status of each phase that has left `planned`, by phase id.
pub fn phase_statuses(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
) -> Result<HashMap<u32, PhaseStatus>, StoreError> {
    let rows: Vec<(i32, String)> = phase_progress::table
        .filter(phase_progress::tenant_id.eq(tenant.get()))
        .filter(phase_progress::contract_id.eq(contract.get()))
        .select((phase_progress::phase_id, phase_progress::status))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, status)| {
            Ok((
                u32::try_from(id).map_err(StoreError::corrupt)?,
                status.parse().map_err(StoreError::corrupt)?,
            ))
        })
        .collect()
}

pub fn set_phase_status(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    phase: u32,
    status: PhaseStatus,
    reason: &str,
    by: Option<UserId>,
) -> Result<(), StoreError> {
    let phase = i32::try_from(phase).map_err(StoreError::corrupt)?;
    let key = phase_progress::table
        .filter(phase_progress::tenant_id.eq(tenant.get()))
        .filter(phase_progress::contract_id.eq(contract.get()))
        .filter(phase_progress::phase_id.eq(phase));
    let values = (
        phase_progress::status.eq(status.as_str()),
        phase_progress::reason.eq(reason),
        phase_progress::changed_by.eq(by.map(UserId::get)),
        phase_progress::changed_at.eq(super::now()),
    );
    let updated = diesel::update(key).set(values).execute(conn)?;
    if updated == 0 {
        diesel::insert_into(phase_progress::table)
            .values((
                phase_progress::tenant_id.eq(tenant.get()),
                phase_progress::contract_id.eq(contract.get()),
                phase_progress::phase_id.eq(phase),
                values,
            ))
            .execute(conn)?;
    }
    Ok(())
}
