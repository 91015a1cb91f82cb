//! Payments against an invoice: recorded with the invoice's new paid amount, and listed.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::changed_meanwhile;
use super::money::{from_minor, to_minor};
use crate::domain::invoice::{Invoice, InvoiceStatus, Payment};
use crate::domain::{PaymentId, TenantId, UserId};
use crate::store::schema::{invoice_payments, invoices};
use crate::store::time::utc;
use crate::store::{DbConnection, StoreError};

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
            .filter(invoices::id.eq(invoice.id.get()))
            .filter(invoices::status.eq(invoice.status.as_str()))
            .filter(invoices::paid_minor.eq(paid_before))
            .filter(invoices::credited_minor.eq(to_minor(invoice.credited, digits)?)),
    )
    .set((
        invoices::paid_minor.eq(paid_before + amount),
        invoices::status.eq(status.as_str()),
        invoices::updated_at.eq(crate::store::now()),
    ))
    .execute(conn)?;
    changed_meanwhile(changed)?;
    diesel::insert_into(invoice_payments::table)
        .values((
            invoice_payments::tenant_id.eq(tenant.get()),
            invoice_payments::invoice_id.eq(invoice.id.get()),
            invoice_payments::paid_on.eq(payment.paid_on),
            invoice_payments::amount_minor.eq(amount),
            invoice_payments::reference.eq(&payment.reference),
            invoice_payments::recorded_by.eq(payment.recorded_by.map(UserId::get)),
            invoice_payments::recorded_at.eq(crate::store::now()),
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
            .filter(invoice_payments::invoice_id.eq(invoice.id.get()))
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
            id: PaymentId::new(id),
            paid_on,
            amount: from_minor(amount, digits),
            reference,
            recorded_by: by.map(UserId::new),
            recorded_at: utc(at),
        })
        .collect())
}
