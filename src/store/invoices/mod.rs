//! Invoices, payments, credit notes and the number series.
//!
//! Money is stored as minor units beside the currency; this module and
//! [`money`] are where amounts cross between `Decimal` and the database.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use rust_decimal::Decimal;

use super::documents::{json, text};
use super::schema::{
    contract_shops, credit_notes, invoice_parties, invoice_payments, invoices, number_series,
};
use super::time::utc;
use super::{DbConnection, Page, StoreError};
use crate::domain::invoice::{
    Correction, CreditNote, Invoice, InvoiceKind, InvoiceStatus, Payment, Series,
};
use crate::domain::parties::Parties;
use crate::domain::{ContractId, Currency, Period, Scope, ShopId, TenantId, UserId, VendorId};

/// Amounts to and from minor units (fen), exactly.
pub mod money {
    use rust_decimal::Decimal;

    use crate::store::StoreError;

    /// An amount with at most `digits` places as minor units; anything finer is refused.
    pub fn to_minor(amount: Decimal, digits: u32) -> Result<i64, StoreError> {
        let scaled = amount * Decimal::from(10i64.pow(digits));
        if !scaled.fract().is_zero() {
            return Err(StoreError::corrupt(format!(
                "{amount} has more places than the currency's minor unit"
            )));
        }
        i64::try_from(scaled).map_err(StoreError::corrupt)
    }

    pub fn from_minor(minor: i64, digits: u32) -> Decimal {
        Decimal::new(minor, digits)
    }
}

use money::{from_minor, to_minor};

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
            id: row.id,
            contract_id: ContractId::new(row.contract_id),
            vendor_id: VendorId::new(row.vendor_id),
            period: row.period.parse().map_err(StoreError::corrupt)?,
            kind: row.kind.parse().map_err(StoreError::corrupt)?,
            adjusts: row.adjusts,
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

/// An invoice to store as a draft.
pub struct NewInvoice<'a> {
    pub contract: ContractId,
    pub vendor: VendorId,
    pub period: Period,
    pub kind: InvoiceKind,
    pub adjusts: Option<i64>,
    pub currency: Currency,
    pub computed: Computed<'a>,
}

/// What the engine made, and the fingerprint of its input, ready to store.
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

/// Stores a draft; a second live invoice for the contract and period is a conflict.
pub fn insert(
    conn: &mut DbConnection,
    tenant: TenantId,
    new: NewInvoice<'_>,
) -> Result<i64, StoreError> {
    let c = columns(&new.computed, new.currency.minor_digits())?;
    let now = super::now();
    diesel::insert_into(invoices::table)
        .values((
            invoices::tenant_id.eq(tenant.get()),
            invoices::contract_id.eq(new.contract.get()),
            invoices::vendor_id.eq(new.vendor.get()),
            invoices::period.eq(new.period.to_string()),
            invoices::kind.eq(new.kind.as_str()),
            invoices::adjusts.eq(new.adjusts),
            invoices::status.eq(InvoiceStatus::Draft.as_str()),
            invoices::currency.eq(new.currency.code()),
            invoices::subtotal_minor.eq(c.subtotal),
            invoices::tax_minor.eq(c.tax),
            invoices::total_minor.eq(c.total),
            invoices::capped_penalties_minor.eq(c.capped),
            invoices::breached.eq(new.computed.draft.breached),
            invoices::under_dispute.eq(new.computed.draft.under_dispute),
            invoices::draft.eq(c.draft),
            invoices::inputs_hash.eq(new.computed.inputs_hash),
            invoices::computed_at.eq(now),
            invoices::created_at.eq(now),
            invoices::updated_at.eq(now),
        ))
        .returning(invoices::id)
        .get_result(conn)
        .map_err(StoreError::unique(
            "period",
            "the contract already has an invoice for this period",
        ))
}

/// Rewrites a draft from a new computation; refused once it is no longer a draft.
pub fn recompute(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: &Invoice,
    computed: Computed<'_>,
) -> Result<(), StoreError> {
    let c = columns(&computed, invoice.currency.minor_digits())?;
    let now = super::now();
    let changed = diesel::update(
        invoices::table
            .filter(invoices::tenant_id.eq(tenant.get()))
            .filter(invoices::id.eq(invoice.id))
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
            message: "the invoice is no longer a draft (issued or voided meanwhile)".into(),
        });
    }
    Ok(())
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

pub fn get(conn: &mut DbConnection, scope: Scope, id: i64) -> Result<Invoice, StoreError> {
    in_scope(scope)
        .filter(invoices::id.eq(id))
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
        after = Some(last.id);
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

/// The contracts that already have a live invoice for the period.
pub fn invoiced_contracts(
    conn: &mut DbConnection,
    tenant: TenantId,
    period: Period,
) -> Result<Vec<ContractId>, StoreError> {
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

/// Capped penalties on the contract's live invoices (drafts included, void
/// ones not) for the periods from `first` up to, not including, `before`:
/// the contract year's aggregate cap is used up in the order of the months,
/// whatever order they are issued in.
pub fn capped_penalties(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    first: Period,
    before: Period,
    digits: u32,
) -> Result<Decimal, StoreError> {
    let minor: Vec<i64> = invoices::table
        .filter(invoices::tenant_id.eq(tenant.get()))
        .filter(invoices::contract_id.eq(contract.get()))
        .filter(invoices::status.ne(InvoiceStatus::Void.as_str()))
        .filter(invoices::period.ge(first.to_string()))
        .filter(invoices::period.lt(before.to_string()))
        .select(invoices::capped_penalties_minor)
        .load(conn)?;
    Ok(from_minor(minor.iter().sum(), digits))
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

/// The next number of a series for the year, taken inside the caller's transaction.
pub fn next_number(
    conn: &mut DbConnection,
    tenant: TenantId,
    series: Series,
    year: i32,
) -> Result<i32, StoreError> {
    let query = diesel::insert_into(number_series::table)
        .values((
            number_series::tenant_id.eq(tenant.get()),
            number_series::series.eq(series.as_str()),
            number_series::year.eq(year),
            number_series::last_number.eq(1),
        ))
        .on_conflict((
            number_series::tenant_id,
            number_series::series,
            number_series::year,
        ))
        .do_update()
        .set(number_series::last_number.eq(number_series::last_number + 1))
        .returning(number_series::last_number);
    // Upserts are not part of diesel's multi-backend connection: run it on each.
    let next = match conn {
        DbConnection::Sqlite(c) => query.get_result(c),
        DbConnection::Pg(c) => query.get_result(c),
    };
    next.map_err(StoreError::from)
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
    id: i64,
    issue: Issue<'_>,
) -> Result<(), StoreError> {
    let now = super::now();
    let changed = diesel::update(
        invoices::table
            .filter(invoices::tenant_id.eq(tenant.get()))
            .filter(invoices::id.eq(id))
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
            invoice_parties::invoice_id.eq(id),
            invoice_parties::parties.eq(text(issue.parties)?),
        ))
        .execute(conn)?;
    Ok(())
}

/// Seller, buyer and contract as they stand now: what a draft prints and an issue keeps.
pub fn current_parties(
    conn: &mut DbConnection,
    scope: Scope,
    contract: &crate::domain::Contract,
) -> Result<Parties, StoreError> {
    let vendor = super::vendors::get(conn, scope, contract.vendor_id)?;
    let tenant = super::tenants::get(conn, scope.tenant)?;
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
    let contract = super::contracts::get(conn, scope, invoice.contract_id)?;
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
        .filter(invoice_parties::invoice_id.eq(invoice.id))
        .select(invoice_parties::parties)
        .get_result::<String>(conn)
        .optional()?
        .map(|stored| json(&stored))
        .transpose()
}

/// Claims a draft for issuing: the first statement of the issuing transaction,
/// so that of two issues at once the second waits here and then finds no draft.
pub fn claim_draft(conn: &mut DbConnection, tenant: TenantId, id: i64) -> Result<(), StoreError> {
    let changed = diesel::update(
        invoices::table
            .filter(invoices::tenant_id.eq(tenant.get()))
            .filter(invoices::id.eq(id))
            .filter(invoices::status.eq(InvoiceStatus::Draft.as_str())),
    )
    .set(invoices::updated_at.eq(super::now()))
    .execute(conn)?;
    not_draft_any_more(changed)
}

pub fn void(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: &Invoice,
    reason: &str,
) -> Result<(), StoreError> {
    let now = super::now();
    let changed = diesel::update(
        invoices::table
            .filter(invoices::tenant_id.eq(tenant.get()))
            .filter(invoices::id.eq(invoice.id))
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

fn changed_meanwhile(changed: usize) -> Result<(), StoreError> {
    if changed == 0 {
        return Err(StoreError::Conflict {
            field: "status",
            message: "the invoice changed meanwhile; read it again".into(),
        });
    }
    Ok(())
}

/// Records a payment and the invoice's new paid amount and status, if the
/// invoice is still as it was read (no payment or credit note meanwhile).
pub fn add_payment(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: &Invoice,
    payment: &Payment,
    status: InvoiceStatus,
) -> Result<i64, StoreError> {
    let digits = invoice.currency.minor_digits();
    let amount = to_minor(payment.amount, digits)?;
    let paid_before = to_minor(invoice.paid, digits)?;
    let changed = diesel::update(
        invoices::table
            .filter(invoices::tenant_id.eq(tenant.get()))
            .filter(invoices::id.eq(invoice.id))
            .filter(invoices::status.eq(invoice.status.as_str()))
            .filter(invoices::paid_minor.eq(paid_before))
            .filter(invoices::credited_minor.eq(to_minor(invoice.credited, digits)?)),
    )
    .set((
        invoices::paid_minor.eq(paid_before + amount),
        invoices::status.eq(status.as_str()),
        invoices::updated_at.eq(super::now()),
    ))
    .execute(conn)?;
    changed_meanwhile(changed)?;
    diesel::insert_into(invoice_payments::table)
        .values((
            invoice_payments::tenant_id.eq(tenant.get()),
            invoice_payments::invoice_id.eq(invoice.id),
            invoice_payments::paid_on.eq(payment.paid_on),
            invoice_payments::amount_minor.eq(amount),
            invoice_payments::reference.eq(&payment.reference),
            invoice_payments::recorded_by.eq(payment.recorded_by.map(UserId::get)),
            invoice_payments::recorded_at.eq(super::now()),
        ))
        .returning(invoice_payments::id)
        .get_result(conn)
        .map_err(StoreError::from)
}

pub fn payments(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: &Invoice,
) -> Result<Vec<Payment>, StoreError> {
    let digits = invoice.currency.minor_digits();
    let rows: Vec<(i64, NaiveDate, i64, String, Option<i64>, NaiveDateTime)> =
        invoice_payments::table
            .filter(invoice_payments::tenant_id.eq(tenant.get()))
            .filter(invoice_payments::invoice_id.eq(invoice.id))
            .order(invoice_payments::id)
            .select((
                invoice_payments::id,
                invoice_payments::paid_on,
                invoice_payments::amount_minor,
                invoice_payments::reference,
                invoice_payments::recorded_by,
                invoice_payments::recorded_at,
            ))
            .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, paid_on, amount, reference, by, at)| Payment {
            id,
            paid_on,
            amount: from_minor(amount, digits),
            reference,
            recorded_by: by.map(UserId::new),
            recorded_at: utc(at),
        })
        .collect())
}

/// Makes a restatement the baseline the next one is measured against.
pub fn set_baseline(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: i64,
    baseline: &(crate::domain::billing::InvoiceDraft, String),
) -> Result<(), StoreError> {
    diesel::update(
        invoices::table
            .filter(invoices::tenant_id.eq(tenant.get()))
            .filter(invoices::id.eq(id)),
    )
    .set((
        invoices::baseline.eq(text(baseline)?),
        invoices::updated_at.eq(super::now()),
    ))
    .execute(conn)?;
    Ok(())
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = credit_notes)]
struct CreditNoteRow {
    id: i64,
    invoice_id: i64,
    number: String,
    reason: String,
    credited_lines: String,
    lines: String,
    subtotal_minor: i64,
    tax_minor: i64,
    total_minor: i64,
    issued_on: NaiveDate,
    issued_at: NaiveDateTime,
    issued_by: Option<i64>,
}

impl CreditNoteRow {
    fn into_note(self, digits: u32) -> Result<CreditNote, StoreError> {
        Ok(CreditNote {
            id: self.id,
            invoice_id: self.invoice_id,
            number: self.number,
            reason: self.reason,
            credited_lines: json(&self.credited_lines)?,
            correction: Correction {
                lines: json(&self.lines)?,
                subtotal: from_minor(self.subtotal_minor, digits),
                tax: from_minor(self.tax_minor, digits),
                total: from_minor(self.total_minor, digits),
            },
            issued_on: self.issued_on,
            issued_at: utc(self.issued_at),
            issued_by: self.issued_by.map(UserId::new),
        })
    }
}

pub struct NewCreditNote<'a> {
    pub number: &'a str,
    pub reason: &'a str,
    pub credited_lines: &'a [usize],
    pub correction: &'a Correction,
    pub issued_on: NaiveDate,
    pub by: Option<UserId>,
    /// The status it leaves the invoice in.
    pub status: InvoiceStatus,
}

/// Stores a credit note and what it takes off the invoice, if the invoice is
/// still as it was read (a payment or another credit meanwhile is a conflict).
pub fn add_credit_note(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: &Invoice,
    note: NewCreditNote<'_>,
) -> Result<i64, StoreError> {
    let digits = invoice.currency.minor_digits();
    let credited_before = to_minor(invoice.credited, digits)?;
    let changed = diesel::update(
        invoices::table
            .filter(invoices::tenant_id.eq(tenant.get()))
            .filter(invoices::id.eq(invoice.id))
            .filter(invoices::status.eq(invoice.status.as_str()))
            .filter(invoices::paid_minor.eq(to_minor(invoice.paid, digits)?))
            .filter(invoices::credited_minor.eq(credited_before)),
    )
    .set((
        invoices::credited_minor.eq(credited_before - to_minor(note.correction.total, digits)?),
        invoices::status.eq(note.status.as_str()),
        invoices::updated_at.eq(super::now()),
    ))
    .execute(conn)?;
    changed_meanwhile(changed)?;
    diesel::insert_into(credit_notes::table)
        .values((
            credit_notes::tenant_id.eq(tenant.get()),
            credit_notes::invoice_id.eq(invoice.id),
            credit_notes::number.eq(note.number),
            credit_notes::reason.eq(note.reason),
            credit_notes::credited_lines.eq(text(&note.credited_lines)?),
            credit_notes::lines.eq(text(&note.correction.lines)?),
            credit_notes::subtotal_minor.eq(to_minor(note.correction.subtotal, digits)?),
            credit_notes::tax_minor.eq(to_minor(note.correction.tax, digits)?),
            credit_notes::total_minor.eq(to_minor(note.correction.total, digits)?),
            credit_notes::issued_on.eq(note.issued_on),
            credit_notes::issued_at.eq(super::now()),
            credit_notes::issued_by.eq(note.by.map(UserId::get)),
        ))
        .returning(credit_notes::id)
        .get_result(conn)
        .map_err(StoreError::from)
}

/// The credit notes of an invoice, oldest first.
pub fn credit_notes_of(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: &Invoice,
) -> Result<Vec<CreditNote>, StoreError> {
    let digits = invoice.currency.minor_digits();
    credit_notes::table
        .filter(credit_notes::tenant_id.eq(tenant.get()))
        .filter(credit_notes::invoice_id.eq(invoice.id))
        .order(credit_notes::id)
        .select(CreditNoteRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|row| row.into_note(digits))
        .collect()
}

/// One credit note, within the caller's scope (through its invoice).
pub fn credit_note(
    conn: &mut DbConnection,
    scope: Scope,
    id: i64,
) -> Result<(CreditNote, Invoice), StoreError> {
    let row: CreditNoteRow = credit_notes::table
        .filter(credit_notes::tenant_id.eq(scope.tenant.get()))
        .filter(credit_notes::id.eq(id))
        .select(CreditNoteRow::as_select())
        .get_result(conn)?;
    let invoice = get(conn, scope, row.invoice_id)?;
    Ok((row.into_note(invoice.currency.minor_digits())?, invoice))
}
