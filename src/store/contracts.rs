//! Contract headers and the shops they cover, scoped to the tenant and, for
//! vendor users, to their vendor.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{contract_shops, contracts};
use super::time::utc;
use super::{DbConnection, Page, StoreError};
use crate::domain::message::msg;
use crate::domain::{
    Contract, ContractId, ContractStatus, Currency, NewContract, Scope, ShopId, TenantId, TimeZone,
    UserId, VendorId,
};

#[derive(Queryable, Selectable)]
#[diesel(table_name = contracts)]
struct ContractRow {
    id: i64,
    tenant_id: i64,
    vendor_id: i64,
    number: String,
    title: String,
    start_date: NaiveDate,
    end_date: NaiveDate,
    currency: String,
    time_zone: String,
    status: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl ContractRow {
    fn into_contract(self, shop_ids: Vec<ShopId>) -> Result<Contract, StoreError> {
        Ok(Contract {
            id: ContractId::new(self.id),
            tenant_id: TenantId::new(self.tenant_id),
            vendor_id: VendorId::new(self.vendor_id),
            shop_ids,
            number: self.number,
            title: self.title,
            start: self.start_date,
            end: self.end_date,
            currency: Currency::parse(&self.currency).map_err(StoreError::corrupt)?,
            time_zone: TimeZone::parse(&self.time_zone).map_err(StoreError::corrupt)?,
            status: self.status.parse().map_err(StoreError::corrupt)?,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        })
    }
}

pub fn create(
    conn: &mut DbConnection,
    tenant: TenantId,
    new: &NewContract,
    by: Option<UserId>,
) -> Result<ContractId, StoreError> {
    let now = super::now();
    let id = diesel::insert_into(contracts::table)
        .values((
            contracts::tenant_id.eq(tenant.get()),
            contracts::vendor_id.eq(new.vendor_id.get()),
            contracts::number.eq(&new.number),
            contracts::title.eq(&new.title),
            contracts::start_date.eq(new.start),
            contracts::end_date.eq(new.end),
            contracts::currency.eq(new.currency.code()),
            contracts::time_zone.eq(new.time_zone.name()),
            contracts::status.eq(ContractStatus::Draft.as_str()),
            contracts::created_by.eq(by.map(UserId::get)),
            contracts::created_at.eq(now),
            contracts::updated_at.eq(now),
        ))
        .returning(contracts::id)
        .get_result::<i64>(conn)
        .map_err(StoreError::unique(
            "number",
            msg!("error-contract-number-taken"),
        ))?;
    let id = ContractId::new(id);
    set_shops(conn, tenant, id, &new.shop_ids)?;
    Ok(id)
}

/// Replaces the shops a contract covers.
pub fn set_shops(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: ContractId,
    shops: &[ShopId],
) -> Result<(), StoreError> {
    diesel::delete(
        contract_shops::table
            .filter(contract_shops::tenant_id.eq(tenant.get()))
            .filter(contract_shops::contract_id.eq(id.get())),
    )
    .execute(conn)?;
    let rows: Vec<_> = shops
        .iter()
        .map(|shop| {
            (
                contract_shops::tenant_id.eq(tenant.get()),
                contract_shops::contract_id.eq(id.get()),
                contract_shops::shop_id.eq(shop.get()),
            )
        })
        .collect();
    for row in rows {
        diesel::insert_into(contract_shops::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

fn shops_of(
    conn: &mut DbConnection,
    tenant: TenantId,
    ids: &[i64],
) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(contract_shops::table
        .filter(contract_shops::tenant_id.eq(tenant.get()))
        .filter(contract_shops::contract_id.eq_any(ids))
        .select((contract_shops::contract_id, contract_shops::shop_id))
        .order((contract_shops::contract_id, contract_shops::shop_id))
        .load(conn)?)
}

fn attach_shops(
    conn: &mut DbConnection,
    tenant: TenantId,
    rows: Vec<ContractRow>,
) -> Result<Vec<Contract>, StoreError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let links = shops_of(conn, tenant, &ids)?;
    with_shops(rows, links)
}

/// Joins contracts with their shops; `links` are (contract, shop) in contract order.
fn with_shops(rows: Vec<ContractRow>, links: Vec<(i64, i64)>) -> Result<Vec<Contract>, StoreError> {
    let mut shops: std::collections::HashMap<i64, Vec<ShopId>> = std::collections::HashMap::new();
    for (contract, shop) in links {
        shops.entry(contract).or_default().push(ShopId::new(shop));
    }
    rows.into_iter()
        .map(|row| {
            let of_row = shops.remove(&row.id).unwrap_or_default();
            row.into_contract(of_row)
        })
        .collect()
}

type Boxed<'a> = contracts::BoxedQuery<'a, <DbConnection as diesel::Connection>::Backend>;

/// The scope's contracts: the tenant's, and for a vendor user its vendor's only.
fn in_scope<'a>(scope: Scope) -> Boxed<'a> {
    let query = contracts::table
        .filter(contracts::tenant_id.eq(scope.tenant.get()))
        .into_boxed();
    match scope.vendor {
        Some(vendor) => query.filter(contracts::vendor_id.eq(vendor.get())),
        None => query,
    }
}

/// The one contract `query` finds, with its shops.
fn one(conn: &mut DbConnection, scope: Scope, query: Boxed<'_>) -> Result<Contract, StoreError> {
    let row = query.select(ContractRow::as_select()).get_result(conn)?;
    attach_shops(conn, scope.tenant, vec![row])?
        .pop()
        .ok_or(StoreError::NotFound)
}

pub fn get(conn: &mut DbConnection, scope: Scope, id: ContractId) -> Result<Contract, StoreError> {
    one(
        conn,
        scope,
        in_scope(scope).filter(contracts::id.eq(id.get())),
    )
}

/// The contract with this number, within the scope.
pub fn by_number(
    conn: &mut DbConnection,
    scope: Scope,
    number: &str,
) -> Result<Contract, StoreError> {
    one(
        conn,
        scope,
        in_scope(scope).filter(contracts::number.eq(number)),
    )
}

/// Filters for listing contracts.
#[derive(Debug, Default, Clone, Copy)]
pub struct ContractFilter {
    pub status: Option<ContractStatus>,
    pub vendor: Option<VendorId>,
}

pub fn list(
    conn: &mut DbConnection,
    scope: Scope,
    filter: ContractFilter,
    page: Page,
) -> Result<Vec<Contract>, StoreError> {
    let mut query = in_scope(scope)
        .filter(contracts::id.gt(page.after.unwrap_or(0)))
        .order(contracts::id)
        .limit(page.fetch());
    if let Some(vendor) = filter.vendor {
        query = query.filter(contracts::vendor_id.eq(vendor.get()));
    }
    if let Some(status) = filter.status {
        query = query.filter(contracts::status.eq(status.as_str()));
    }
    let rows = query.select(ContractRow::as_select()).load(conn)?;
    attach_shops(conn, scope.tenant, rows)
}

/// Writes back a contract's header fields and status.
pub fn save(conn: &mut DbConnection, contract: &Contract) -> Result<(), StoreError> {
    let target = contracts::table
        .filter(contracts::tenant_id.eq(contract.tenant_id.get()))
        .filter(contracts::id.eq(contract.id.get()));
    let changed = diesel::update(target)
        .set((
            contracts::number.eq(&contract.number),
            contracts::title.eq(&contract.title),
            contracts::start_date.eq(contract.start),
            contracts::end_date.eq(contract.end),
            contracts::currency.eq(contract.currency.code()),
            contracts::time_zone.eq(contract.time_zone.name()),
            contracts::status.eq(contract.status.as_str()),
            contracts::updated_at.eq(super::now()),
        ))
        .execute(conn)
        .map_err(StoreError::unique(
            "number",
            msg!("error-contract-number-taken"),
        ))?;
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    set_shops(conn, contract.tenant_id, contract.id, &contract.shop_ids)
}

/// Contracts that bill in the days `first..=last`: signed (not drafts) and
/// running on at least one of those days.
pub fn billable_between(
    conn: &mut DbConnection,
    tenant: TenantId,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<Contract>, StoreError> {
    let rows = contracts::table
        .filter(contracts::tenant_id.eq(tenant.get()))
        .filter(contracts::status.ne(ContractStatus::Draft.as_str()))
        .filter(contracts::start_date.le(last))
        .filter(contracts::end_date.ge(first))
        .order(contracts::id)
        .select(ContractRow::as_select())
        .load(conn)?;
    // Every link of the tenant: one query, however many contracts bill.
    let links = contract_shops::table
        .filter(contract_shops::tenant_id.eq(tenant.get()))
        .select((contract_shops::contract_id, contract_shops::shop_id))
        .order((contract_shops::contract_id, contract_shops::shop_id))
        .load(conn)?;
    with_shops(rows, links)
}
