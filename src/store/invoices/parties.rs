//! The parties an invoice prints: seller, buyer and contract, kept at issue
//! or read as they stand for a draft.

use diesel::prelude::*;

use crate::domain::invoice::Invoice;
use crate::domain::parties::Parties;
use crate::domain::{Scope, TenantId};
use crate::store::documents::json;
use crate::store::schema::invoice_parties;
use crate::store::{DbConnection, StoreError};

/// Seller, buyer and contract as they stand now: what a draft prints and an issue keeps.
pub fn current_parties(
    conn: &mut DbConnection,
    scope: Scope,
    contract: &crate::domain::Contract,
) -> Result<Parties, StoreError> {
    let vendor = crate::store::vendors::get(conn, scope, contract.vendor_id)?;
    let tenant = crate::store::tenants::get(conn, scope.tenant)?;
    Ok(Parties::of(&vendor, &tenant, contract))
}

/// The parties an invoice prints: as kept at issue, or as they stand for a draft.
pub fn parties_of(
    conn: &mut DbConnection,
    scope: Scope,
    invoice: &Invoice,
) -> Result<Parties, StoreError> {
    if let Some(kept) = parties(conn, scope.tenant, invoice)? {
        return Ok(kept);
    }
    let contract = crate::store::contracts::get(conn, scope, invoice.contract_id)?;
    current_parties(conn, scope, &contract)
}

/// The parties an issued invoice printed at issue; `None` for a draft.
pub fn parties(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: &Invoice,
) -> Result<Option<Parties>, StoreError> {
    invoice_parties::table
        .filter(invoice_parties::tenant_id.eq(tenant.get()))
        .filter(invoice_parties::invoice_id.eq(invoice.id.get()))
        .select(invoice_parties::parties)
        .get_result::<String>(conn)
        .optional()?
        .map(|stored| json(&stored))
        .transpose()
}
