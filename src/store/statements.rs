//! What a vendor's statement of account is made from: its issued invoices
//! (not drafts, not void ones) with their credit notes and payments.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::invoices::money::from_minor;
use super::schema::{credit_notes, invoice_payments, invoices};
use super::{DbConnection, StoreError};
use crate::domain::invoice::InvoiceStatus;
use crate::domain::statement::{InvoiceHistory, Settled};
use crate::domain::{Currency, Scope, VendorId};

type InvoiceColumns = (
    i64,
    Option<String>,
    String,
    Option<NaiveDate>,
    Option<NaiveDate>,
    i64,
);

/// Every issued invoice of the vendor in scope, oldest first, with what settled it.
pub fn histories(
    conn: &mut DbConnection,
    scope: Scope,
    vendor: VendorId,
) -> Result<Vec<InvoiceHistory>, StoreError> {
    if !scope.sees_vendor(vendor) {
        return Ok(Vec::new());
    }
    let on_statement = || {
        invoices::table
            .filter(invoices::tenant_id.eq(scope.tenant.get()))
            .filter(invoices::vendor_id.eq(vendor.get()))
            .filter(
                invoices::status
                    .ne_all([InvoiceStatus::Draft.as_str(), InvoiceStatus::Void.as_str()]),
            )
    };
    let rows: Vec<InvoiceColumns> = on_statement()
        .order(invoices::id)
        .select((
            invoices::id,
            invoices::number,
            invoices::currency,
            invoices::issued_on,
            invoices::due_on,
            invoices::total_minor,
        ))
        .load(conn)?;
    let mut histories = Vec::with_capacity(rows.len());
    let mut index = HashMap::new();
    for (id, number, currency, issued_on, due_on, total) in rows {
        let currency = Currency::parse(&currency).map_err(StoreError::corrupt)?;
        let missing = || StoreError::corrupt(format!("issued invoice {id} has no number or dates"));
        index.insert(id, histories.len());
        histories.push(InvoiceHistory {
            invoice_id: id,
            number: number.ok_or_else(missing)?,
            currency,
            issued_on: issued_on.ok_or_else(missing)?,
            due_on: due_on.ok_or_else(missing)?,
            total: from_minor(total, currency.minor_digits()),
            credit_notes: Vec::new(),
            payments: Vec::new(),
        });
    }
    let notes: Vec<(i64, i64, NaiveDate, String, i64)> = credit_notes::table
        .filter(credit_notes::tenant_id.eq(scope.tenant.get()))
        .filter(credit_notes::invoice_id.eq_any(on_statement().select(invoices::id)))
        .order(credit_notes::id)
        .select((
            credit_notes::id,
            credit_notes::invoice_id,
            credit_notes::issued_on,
            credit_notes::number,
            credit_notes::total_minor,
        ))
        .load(conn)?;
    let payments: Vec<(i64, i64, NaiveDate, String, i64)> = invoice_payments::table
        .filter(invoice_payments::tenant_id.eq(scope.tenant.get()))
        .filter(invoice_payments::invoice_id.eq_any(on_statement().select(invoices::id)))
        .order(invoice_payments::id)
        .select((
            invoice_payments::id,
            invoice_payments::invoice_id,
            invoice_payments::paid_on,
            invoice_payments::reference,
            invoice_payments::amount_minor,
        ))
        .load(conn)?;
    let mut attach = |rows: Vec<(i64, i64, NaiveDate, String, i64)>,
                      sign: i64,
                      list: fn(&mut InvoiceHistory) -> &mut Vec<Settled>| {
        for (id, invoice, on, reference, minor) in rows {
            let Some(history) = index.get(&invoice).and_then(|i| histories.get_mut(*i)) else {
                continue;
            };
            let amount = from_minor(sign * minor, history.currency.minor_digits());
            list(history).push(Settled {
                id,
                on,
                reference,
                amount,
            });
        }
    };
    // A credit note's total is stored negative, as a correction; the statement counts it positive.
    attach(notes, -1, |h| &mut h.credit_notes);
    attach(payments, 1, |h| &mut h.payments);
    Ok(histories)
}
