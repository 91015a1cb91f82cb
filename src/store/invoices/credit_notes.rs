//! Credit notes: stored with what they take off the invoice, and read back.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::changed_meanwhile;
use super::money::{from_minor, to_minor};
use super::read::get;
use crate::domain::invoice::{Correction, CreditNote, Invoice, InvoiceStatus};
use crate::domain::{CreditNoteId, InvoiceId, Scope, TenantId, UserId};
use crate::store::documents::{json, text};
use crate::store::schema::{credit_notes, invoices};
use crate::store::time::utc;
use crate::store::{DbConnection, StoreError};

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
            id: CreditNoteId::new(self.id),
            invoice_id: InvoiceId::new(self.invoice_id),
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
) -> Result<CreditNoteId, StoreError> {
    let digits = invoice.currency.minor_digits();
    let credited_before = to_minor(invoice.credited, digits)?;
    let changed = diesel::update(
        invoices::table
            .filter(invoices::tenant_id.eq(tenant.get()))
            .filter(invoices::id.eq(invoice.id.get()))
            .filter(invoices::status.eq(invoice.status.as_str()))
            .filter(invoices::paid_minor.eq(to_minor(invoice.paid, digits)?))
            .filter(invoices::credited_minor.eq(credited_before)),
    )
    .set((
        invoices::credited_minor.eq(credited_before - to_minor(note.correction.total, digits)?),
        invoices::status.eq(note.status.as_str()),
        invoices::updated_at.eq(crate::store::now()),
    ))
    .execute(conn)?;
    changed_meanwhile(changed)?;
    diesel::insert_into(credit_notes::table)
        .values((
            credit_notes::tenant_id.eq(tenant.get()),
            credit_notes::invoice_id.eq(invoice.id.get()),
            credit_notes::number.eq(note.number),
            credit_notes::reason.eq(note.reason),
            credit_notes::credited_lines.eq(text(&note.credited_lines)?),
            credit_notes::lines.eq(text(&note.correction.lines)?),
            credit_notes::subtotal_minor.eq(to_minor(note.correction.subtotal, digits)?),
            credit_notes::tax_minor.eq(to_minor(note.correction.tax, digits)?),
            credit_notes::total_minor.eq(to_minor(note.correction.total, digits)?),
            credit_notes::issued_on.eq(note.issued_on),
            credit_notes::issued_at.eq(crate::store::now()),
            credit_notes::issued_by.eq(note.by.map(UserId::get)),
        ))
        .returning(credit_notes::id)
        .get_result(conn)
        .map(CreditNoteId::new)
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
        .filter(credit_notes::invoice_id.eq(invoice.id.get()))
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
    id: CreditNoteId,
) -> Result<(CreditNote, Invoice), StoreError> {
    let row: CreditNoteRow = credit_notes::table
        .filter(credit_notes::tenant_id.eq(scope.tenant.get()))
        .filter(credit_notes::id.eq(id.get()))
        .select(CreditNoteRow::as_select())
        .get_result(conn)?;
    let invoice = get(conn, scope, InvoiceId::new(row.invoice_id))?;
    Ok((row.into_note(invoice.currency.minor_digits())?, invoice))
}
