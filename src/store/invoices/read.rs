//! Reading invoices: one, a filtered list, and what billing asks of a
//! contract's earlier invoices (invoiced periods, capped penalties, breaches).

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::money::from_minor;

use crate::domain::invoice::{Invoice, InvoiceKind, InvoiceStatus};
use crate::domain::{
    ContractId, Currency, InvoiceId, Period, Scope, ShopId, TenantId, UserId, VendorId,
};
use crate::store::documents::json;
use crate::store::schema::{contract_shops, invoices};
use crate::store::time::utc;
use crate::store::{DbConnection, Page, StoreError};

#[derive(Queryable, Selectable)]
#[diesel(table_name = invoices)]
struct InvoiceRow {
    id: i64,
    contract_id: i64,
    vendor_id: i64,
    period: String,
    kind: String,
    adjusts: Option<i64>,
    status: String,
    number: Option<String>,
    currency: String,
    draft: String,
    inputs: Option<String>,
    inputs_hash: String,
    baseline: Option<String>,
    computed_at: NaiveDateTime,
    issued_on: Option<NaiveDate>,
    due_on: Option<NaiveDate>,
    issued_at: Option<NaiveDateTime>,
    issued_by: Option<i64>,
    dispute_override: Option<String>,
    paid_minor: i64,
    void_reason: Option<String>,
    voided_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    credited_minor: i64,
}

impl TryFrom<InvoiceRow> for Invoice {
    type Error = StoreError;

    fn try_from(row: InvoiceRow) -> Result<Self, StoreError> {
        let currency = Currency::parse(&row.currency).map_err(StoreError::corrupt)?;
        Ok(Invoice {
            id: InvoiceId::new(row.id),
            contract_id: ContractId::new(row.contract_id),
            vendor_id: VendorId::new(row.vendor_id),
            period: row.period.parse().map_err(StoreError::corrupt)?,
            kind: row.kind.parse().map_err(StoreError::corrupt)?,
            adjusts: row.adjusts.map(InvoiceId::new),
            status: row.status.parse().map_err(StoreError::corrupt)?,
            number: row.number,
            currency,
            draft: json(&row.draft)?,
            inputs: row.inputs.as_deref().map(json).transpose()?,
            inputs_hash: row.inputs_hash,
            baseline: row.baseline.as_deref().map(json).transpose()?,
            computed_at: utc(row.computed_at),
            issued_on: row.issued_on,
            due_on: row.due_on,
            issued_at: row.issued_at.map(utc),
            issued_by: row.issued_by.map(UserId::new),
            dispute_override: row.dispute_override,
            paid: from_minor(row.paid_minor, currency.minor_digits()),
            credited: from_minor(row.credited_minor, currency.minor_digits()),
            void_reason: row.void_reason,
            voided_at: row.voided_at.map(utc),
            created_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
        })
    }
}

fn in_scope<'a>(
    scope: Scope,
) -> invoices::BoxedQuery<'a, <DbConnection as diesel::Connection>::Backend> {
    let query = invoices::table
        .filter(invoices::tenant_id.eq(scope.tenant.get()))
        .into_boxed();
    match scope.vendor {
        Some(vendor) => query.filter(invoices::vendor_id.eq(vendor.get())),
        None => query,
    }
}

pub fn get(conn: &mut DbConnection, scope: Scope, id: InvoiceId) -> Result<Invoice, StoreError> {
    in_scope(scope)
        .filter(invoices::id.eq(id.get()))
        .select(InvoiceRow::as_select())
        .get_result(conn)?
        .try_into()
}

/// What a list of invoices is narrowed to.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub period: Option<Period>,
    pub status: Option<InvoiceStatus>,
    pub vendor: Option<VendorId>,
    pub shop: Option<ShopId>,
    pub contract: Option<ContractId>,
}

/// Every invoice the filter picks, oldest first, read a page at a time.
pub fn all(
    conn: &mut DbConnection,
    scope: Scope,
    filter: &Filter,
) -> Result<Vec<Invoice>, StoreError> {
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let page = list(conn, scope, filter, Page { after, limit: 500 })?;
        let Some(last) = page.last() else {
            return Ok(all);
        };
        after = Some(last.id.get());
        all.extend(page);
    }
}

pub fn list(
    conn: &mut DbConnection,
    scope: Scope,
    filter: &Filter,
    page: Page,
) -> Result<Vec<Invoice>, StoreError> {
    let mut query = in_scope(scope);
    if let Some(period) = filter.period {
        query = query.filter(invoices::period.eq(period.to_string()));
    }
    if let Some(status) = filter.status {
        query = query.filter(invoices::status.eq(status.as_str()));
    }
    if let Some(vendor) = filter.vendor {
        query = query.filter(invoices::vendor_id.eq(vendor.get()));
    }
    if let Some(contract) = filter.contract {
        query = query.filter(invoices::contract_id.eq(contract.get()));
    }
    if let Some(shop) = filter.shop {
        let of_shop = contract_shops::table
            .filter(contract_shops::tenant_id.eq(scope.tenant.get()))
            .filter(contract_shops::shop_id.eq(shop.get()))
            .select(contract_shops::contract_id);
        query = query.filter(invoices::contract_id.eq_any(of_shop));
    }
    if let Some(after) = page.after {
        query = query.filter(invoices::id.gt(after));
    }
    query
        .order(invoices::id)
        .limit(page.fetch())
        .select(InvoiceRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Invoice::try_from)
        .collect()
}

/// The numbers of the invoices among `ids` that are in scope (a draft has
/// none), for lists that name invoices they only know by id.
pub fn numbers(
    conn: &mut DbConnection,
    scope: Scope,
    ids: &[InvoiceId],
) -> Result<Vec<(InvoiceId, Option<String>)>, StoreError> {
    let ids: Vec<i64> = ids.iter().map(|id| id.get()).collect();
    let rows: Vec<(i64, Option<String>)> = in_scope(scope)
        .filter(invoices::id.eq_any(ids))
        .select((invoices::id, invoices::number))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, number)| (InvoiceId::new(id), number))
        .collect())
}

/// The contracts that already have a live invoice for the period.
pub fn invoiced_contracts(
    conn: &mut DbConnection,
    tenant: TenantId,
    period: Period,
) -> Result<HashSet<ContractId>, StoreError> {
    Ok(invoices::table
        .filter(invoices::tenant_id.eq(tenant.get()))
        .filter(invoices::period.eq(period.to_string()))
        .filter(invoices::kind.eq(InvoiceKind::Invoice.as_str()))
        .filter(invoices::status.ne(InvoiceStatus::Void.as_str()))
        .select(invoices::contract_id)
        .load::<i64>(conn)?
        .into_iter()
        .map(ContractId::new)
        .collect())
}

/// A live invoice or credit note (not void) of a month before the one being billed.
#[derive(Debug, Clone)]
pub struct Earlier {
    pub period: Period,
    /// An invoice rather than a credit note.
    pub is_invoice: bool,
    pub breached: bool,
    pub capped_penalties_minor: i64,
}

/// The live invoices and credit notes of each of `contracts` for the
/// periods from `first` up to, not including, `before`, in one statement.
pub fn earlier(
    conn: &mut DbConnection,
    tenant: TenantId,
    contracts: &[ContractId],
    first: Period,
    before: Period,
) -> Result<HashMap<ContractId, Vec<Earlier>>, StoreError> {
    let rows: Vec<(i64, String, String, bool, i64)> = invoices::table
        .filter(invoices::tenant_id.eq(tenant.get()))
        .filter(invoices::contract_id.eq_any(contracts.iter().map(|c| c.get())))
        .filter(invoices::status.ne(InvoiceStatus::Void.as_str()))
        .filter(invoices::period.ge(first.to_string()))
        .filter(invoices::period.lt(before.to_string()))
        .select((
            invoices::contract_id,
            invoices::period,
            invoices::kind,
            invoices::breached,
            invoices::capped_penalties_minor,
        ))
        .load(conn)?;
    let mut by_contract: HashMap<ContractId, Vec<Earlier>> = HashMap::new();
    for (contract, period, kind, breached, capped) in rows {
        by_contract
            .entry(ContractId::new(contract))
            .or_default()
            .push(Earlier {
                period: period.parse().map_err(StoreError::corrupt)?,
                is_invoice: kind == InvoiceKind::Invoice.as_str(),
                breached,
                capped_penalties_minor: capped,
            });
    }
    Ok(by_contract)
}

/// Whether each earlier month of the contract was breached, latest first, from its live invoices.
pub fn breached_before(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    period: Period,
) -> Result<Vec<(Period, bool)>, StoreError> {
    invoices::table
        .filter(invoices::tenant_id.eq(tenant.get()))
        .filter(invoices::contract_id.eq(contract.get()))
        .filter(invoices::kind.eq(InvoiceKind::Invoice.as_str()))
        .filter(invoices::status.ne(InvoiceStatus::Void.as_str()))
        .filter(invoices::period.lt(period.to_string()))
        .order(invoices::period.desc())
        .select((invoices::period, invoices::breached))
        .load::<(String, bool)>(conn)?
        .into_iter()
        .map(|(p, b)| Ok((p.parse().map_err(StoreError::corrupt)?, b)))
        .collect()
}

/// What a dashboard shows of a live invoice: its month's money, not its lines.
#[derive(Debug, Clone)]
pub struct InvoiceMoney {
    pub contract_id: ContractId,
    pub vendor_id: VendorId,
    pub period: Period,
    pub status: InvoiceStatus,
    pub currency: Currency,
    pub breached: bool,
    /// Σ penalty lines and what caps gave back (zero or below), as the invoice has it.
    pub penalties: Decimal,
    pub bonuses: Decimal,
}

/// The two sums of a stored draft a dashboard shows; its lines are skipped, not decoded.
#[derive(Deserialize)]
struct DraftMoney {
    penalties: Decimal,
    bonuses: Decimal,
}

/// The money of the live invoices (not credit notes, not void) of the
/// periods from `first` on, in scope, by period: one read for a dashboard,
/// of the few columns it shows (an issued invoice's snapshot of what it was
/// computed from is most of its bytes). `contract` narrows them to one contract.
pub fn money_since(
    conn: &mut DbConnection,
    scope: Scope,
    first: Period,
    contract: Option<ContractId>,
) -> Result<Vec<InvoiceMoney>, StoreError> {
    let mut query = in_scope(scope)
        .filter(invoices::kind.eq(InvoiceKind::Invoice.as_str()))
        .filter(invoices::status.ne(InvoiceStatus::Void.as_str()))
        .filter(invoices::period.ge(first.to_string()));
    if let Some(contract) = contract {
        query = query.filter(invoices::contract_id.eq(contract.get()));
    }
    query
        .order((invoices::period, invoices::id))
        .select((
            invoices::contract_id,
            invoices::vendor_id,
            invoices::period,
            invoices::status,
            invoices::currency,
            invoices::breached,
            invoices::draft,
        ))
        .load::<(i64, i64, String, String, String, bool, String)>(conn)?
        .into_iter()
        .map(
            |(contract, vendor, period, status, currency, breached, draft)| {
                let DraftMoney { penalties, bonuses } = json(&draft)?;
                Ok(InvoiceMoney {
                    contract_id: ContractId::new(contract),
                    vendor_id: VendorId::new(vendor),
                    period: period.parse().map_err(StoreError::corrupt)?,
                    status: status.parse().map_err(StoreError::corrupt)?,
                    currency: Currency::parse(&currency).map_err(StoreError::corrupt)?,
                    breached,
                    penalties,
                    bonuses,
                })
            },
        )
        .collect()
}
