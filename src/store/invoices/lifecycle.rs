//! An invoice's life in the store: a draft stored and recomputed, claimed
//! and issued, voided; and the baseline a restatement is measured against.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::changed_meanwhile;
use super::money::to_minor;
use crate::domain::invoice::{Invoice, InvoiceKind, InvoiceStatus};
use crate::domain::message::msg;
use crate::domain::parties::Parties;
use crate::domain::{ContractId, Currency, InvoiceId, Period, TenantId, UserId, VendorId};
use crate::store::documents::text;
use crate::store::schema::{invoice_parties, invoices};
use crate::store::{DbConnection, StoreError};

/// An invoice to store as a draft.
pub struct NewInvoice<'a> {
    pub contract: ContractId,
    pub vendor: VendorId,
    pub period: Period,
    pub kind: InvoiceKind,
    pub adjusts: Option<InvoiceId>,
    pub currency: Currency,
    pub computed: Computed<'a>,
}

/// What the engine made, and the fingerprint of its input, ready to store.
#[derive(Clone, Copy)]
pub struct Computed<'a> {
    pub draft: &'a crate::domain::billing::InvoiceDraft,
    pub inputs_hash: &'a str,
}

struct Columns {
    subtotal: i64,
    tax: i64,
    total: i64,
    capped: i64,
    draft: String,
}

fn columns(computed: &Computed<'_>, digits: u32) -> Result<Columns, StoreError> {
    let d = computed.draft;
    Ok(Columns {
        subtotal: to_minor(d.subtotal, digits)?,
        tax: to_minor(d.tax, digits)?,
        total: to_minor(d.total, digits)?,
        capped: to_minor(d.capped_penalties, digits)?,
        draft: text(d)?,
    })
}

/// An invoice row as it is first written.
#[derive(Insertable)]
#[diesel(table_name = invoices, treat_none_as_default_value = false)]
struct Row<'a> {
    tenant_id: i64,
    contract_id: i64,
    vendor_id: i64,
    period: String,
    kind: &'static str,
    adjusts: Option<i64>,
    status: &'static str,
    currency: &'static str,
    subtotal_minor: i64,
    tax_minor: i64,
    total_minor: i64,
    capped_penalties_minor: i64,
    breached: bool,
    under_dispute: bool,
    draft: String,
    inputs_hash: &'a str,
    computed_at: NaiveDateTime,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// Stores a draft; a second live invoice for the contract and period is a conflict.
pub fn insert(
    conn: &mut DbConnection,
    tenant: TenantId,
    new: NewInvoice<'_>,
) -> Result<InvoiceId, StoreError> {
    let contract = new.contract;
    insert_many(conn, tenant, &[new])?
        .pop()
        .map(|(_, id)| id)
        .ok_or_else(|| StoreError::corrupt(format!("no invoice stored for contract {contract}")))
}

/// Stores drafts, many to a statement; the ids are given with their
/// contracts. A second live invoice for a contract and period is a conflict,
/// and then none is stored.
pub fn insert_many(
    conn: &mut DbConnection,
    tenant: TenantId,
    news: &[NewInvoice<'_>],
) -> Result<Vec<(ContractId, InvoiceId)>, StoreError> {
    let now = crate::store::now();
    let rows = news
        .iter()
        .map(|new| {
            let c = columns(&new.computed, new.currency.minor_digits())?;
            Ok(Row {
                tenant_id: tenant.get(),
                contract_id: new.contract.get(),
                vendor_id: new.vendor.get(),
                period: new.period.to_string(),
                kind: new.kind.as_str(),
                adjusts: new.adjusts.map(InvoiceId::get),
                status: InvoiceStatus::Draft.as_str(),
                currency: new.currency.code(),
                subtotal_minor: c.subtotal,
                tax_minor: c.tax,
                total_minor: c.total,
                capped_penalties_minor: c.capped,
                breached: new.computed.draft.breached,
                under_dispute: new.computed.draft.under_dispute,
                draft: c.draft,
                inputs_hash: new.computed.inputs_hash,
                computed_at: now,
                created_at: now,
                updated_at: now,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let mut stored = Vec::with_capacity(rows.len());
    // Well under SQLite's 32,766 bound values to a statement.
    for chunk in rows.chunks(500) {
        // Many rows to a statement is each backend's own statement.
        let insert = diesel::insert_into(invoices::table)
            .values(chunk)
            .returning((invoices::contract_id, invoices::id));
        let ids: Vec<(i64, i64)> = match conn {
            DbConnection::Sqlite(conn) => insert.get_results(conn),
            DbConnection::Pg(conn) => insert.get_results(conn),
        }
        .map_err(StoreError::unique("period", msg!("error-invoice-exists")))?;
        stored.extend(
            ids.into_iter()
                .map(|(contract, id)| (ContractId::new(contract), InvoiceId::new(id))),
        );
    }
    Ok(stored)
}

/// Rewrites a draft from a new computation; refused once it is no longer a draft.
pub fn recompute(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: &Invoice,
    computed: Computed<'_>,
) -> Result<(), StoreError> {
    let c = columns(&computed, invoice.currency.minor_digits())?;
    let now = crate::store::now();
    let changed = diesel::update(
        invoices::table
            .filter(invoices::tenant_id.eq(tenant.get()))
            .filter(invoices::id.eq(invoice.id.get()))
            .filter(invoices::status.eq(InvoiceStatus::Draft.as_str())),
    )
    .set((
        invoices::subtotal_minor.eq(c.subtotal),
        invoices::tax_minor.eq(c.tax),
        invoices::total_minor.eq(c.total),
        invoices::capped_penalties_minor.eq(c.capped),
        invoices::breached.eq(computed.draft.breached),
        invoices::under_dispute.eq(computed.draft.under_dispute),
        invoices::draft.eq(c.draft),
        invoices::inputs_hash.eq(computed.inputs_hash),
        invoices::computed_at.eq(now),
        invoices::updated_at.eq(now),
    ))
    .execute(conn)?;
    not_draft_any_more(changed)
}

fn not_draft_any_more(changed: usize) -> Result<(), StoreError> {
    if changed == 0 {
        return Err(StoreError::Conflict {
            field: "status",
            message: msg!("error-invoice-no-longer-draft"),
        });
    }
    Ok(())
}

/// How an invoice is issued.
pub struct Issue<'a> {
    pub number: &'a str,
    /// Everything it was computed from: the snapshot kept from now on.
    pub inputs: &'a crate::domain::billing::BillingInput,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub by: Option<UserId>,
    pub dispute_override: Option<&'a str>,
    /// Seller, buyer and contract as the document prints them from now on.
    pub parties: &'a Parties,
}

/// Moves a draft to issued; refused when it is no longer a draft (issued at the same time).
pub fn issue(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: InvoiceId,
    issue: Issue<'_>,
) -> Result<(), StoreError> {
    let now = crate::store::now();
    let changed = diesel::update(
        invoices::table
            .filter(invoices::tenant_id.eq(tenant.get()))
            .filter(invoices::id.eq(id.get()))
            .filter(invoices::status.eq(InvoiceStatus::Draft.as_str())),
    )
    .set((
        invoices::status.eq(InvoiceStatus::Issued.as_str()),
        invoices::number.eq(issue.number),
        invoices::inputs.eq(text(issue.inputs)?),
        invoices::issued_on.eq(issue.issued_on),
        invoices::due_on.eq(issue.due_on),
        invoices::issued_at.eq(now),
        invoices::issued_by.eq(issue.by.map(UserId::get)),
        invoices::dispute_override.eq(issue.dispute_override),
        invoices::updated_at.eq(now),
    ))
    .execute(conn)?;
    not_draft_any_more(changed)?;
    diesel::insert_into(invoice_parties::table)
        .values((
            invoice_parties::tenant_id.eq(tenant.get()),
            invoice_parties::invoice_id.eq(id.get()),
            invoice_parties::parties.eq(text(issue.parties)?),
        ))
        .execute(conn)?;
    Ok(())
}

/// Claims a draft for issuing: the first statement of the issuing transaction,
/// so that of two issues at once the second waits here and then finds no draft.
pub fn claim_draft(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: InvoiceId,
) -> Result<(), StoreError> {
    let changed = diesel::update(
        invoices::table
            .filter(invoices::tenant_id.eq(tenant.get()))
            .filter(invoices::id.eq(id.get()))
            .filter(invoices::status.eq(InvoiceStatus::Draft.as_str())),
    )
    .set(invoices::updated_at.eq(crate::store::now()))
    .execute(conn)?;
    not_draft_any_more(changed)
}

pub fn void(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: &Invoice,
    reason: &str,
) -> Result<(), StoreError> {
    let now = crate::store::now();
    let changed = diesel::update(
        invoices::table
            .filter(invoices::tenant_id.eq(tenant.get()))
            .filter(invoices::id.eq(invoice.id.get()))
            .filter(invoices::status.eq(invoice.status.as_str()))
            .filter(invoices::paid_minor.eq(0)),
    )
    .set((
        invoices::status.eq(InvoiceStatus::Void.as_str()),
        invoices::void_reason.eq(reason),
        invoices::voided_at.eq(now),
        invoices::updated_at.eq(now),
    ))
    .execute(conn)?;
    changed_meanwhile(changed)
}

/// Makes a restatement the baseline the next one is measured against.
pub fn set_baseline(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: InvoiceId,
    baseline: &(crate::domain::billing::InvoiceDraft, String),
) -> Result<(), StoreError> {
    diesel::update(
        invoices::table
            .filter(invoices::tenant_id.eq(tenant.get()))
            .filter(invoices::id.eq(id.get())),
    )
    .set((
        invoices::baseline.eq(text(baseline)?),
        invoices::updated_at.eq(crate::store::now()),
    ))
    .execute(conn)?;
    Ok(())
}
