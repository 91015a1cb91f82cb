//! The statement of account of a vendor (对账单): its issued invoices (what
//! the merchant owes, +), credit notes and payments (−) in date order with a
//! running balance, and the aging of what is open by due date (账龄).
//!
//! A balance below zero is what the vendor owes back (a credit note after
//! payment): it is carried, never dropped, and the aging shows it as a refund due.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use utoipa::ToSchema;

use super::Currency;
use super::names::named_enum;

named_enum!(
    /// What a line of a statement records.
    EntryKind {
        /// An issued invoice: owed from its issue date.
        Invoice = "invoice",
        /// A credit note: lowers what is owed from its issue date.
        CreditNote = "credit_note",
        /// A payment received.
        Payment = "payment",
    }
);

/// A credit note or a payment against an invoice, as a positive amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    pub id: i64,
    pub on: NaiveDate,
    /// The credit note's number, or the payment's bank reference.
    pub reference: String,
    pub amount: Decimal,
}

/// An issued invoice (not a draft, not void) and what settled it so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceHistory {
    pub invoice_id: i64,
    pub number: String,
    pub currency: Currency,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub total: Decimal,
    pub credit_notes: Vec<Settled>,
    pub payments: Vec<Settled>,
}

impl InvoiceHistory {
    /// What is open on it at the end of `day`: total less credits and
    /// payments dated up to then; below zero when a refund is due.
    fn open_on(&self, day: NaiveDate) -> Decimal {
        let settled: Decimal = self
            .credit_notes
            .iter()
            .chain(&self.payments)
            .filter(|s| s.on <= day)
            .map(|s| s.amount)
            .sum();
        self.total - settled
    }
}

/// The dates a statement covers: movements from `from` (the whole history
/// when absent) to `to`, both included; the aging as of `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: Option<NaiveDate>,
    pub to: NaiveDate,
    pub as_of: NaiveDate,
}

/// One line of a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Entry {
    pub date: NaiveDate,
    pub kind: EntryKind,
    /// The invoice's or credit note's number, or the payment's reference.
    pub document: String,
    pub invoice_id: i64,
    /// The invoice it belongs to.
    pub invoice_number: String,
    /// For an invoice: when it falls due.
    pub due_on: Option<NaiveDate>,
    /// Positive for an invoice, negative for a credit note or a payment.
    #[schema(value_type = String)]
    pub amount: Decimal,
    /// The running balance after this line.
    #[schema(value_type = String)]
    pub balance: Decimal,
}

/// What is open as of a day, by how long past its due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Aging {
    pub as_of: NaiveDate,
    /// Not yet due.
    #[schema(value_type = String)]
    pub current: Decimal,
    #[schema(value_type = String)]
    pub days_1_30: Decimal,
    #[schema(value_type = String)]
    pub days_31_60: Decimal,
    #[schema(value_type = String)]
    pub days_61_90: Decimal,
    #[schema(value_type = String)]
    pub over_90: Decimal,
    /// Credited after payment: what the vendor owes back, as a positive amount.
    #[schema(value_type = String)]
    pub refund_due: Decimal,
    /// The buckets less the refund due: the balance as of that day.
    #[schema(value_type = String)]
    pub total: Decimal,
}

/// A vendor's statement in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Statement {
    pub currency: String,
    /// The balance before `from`.
    #[schema(value_type = String)]
    pub opening: Decimal,
    pub entries: Vec<Entry>,
    #[schema(value_type = String)]
    pub closing: Decimal,
    pub aging: Aging,
}

/// One statement per currency (by currency code), from the vendor's issued invoices.
pub fn statements(invoices: &[InvoiceHistory], window: Window) -> Vec<Statement> {
    let mut by_currency: BTreeMap<&str, Vec<&InvoiceHistory>> = BTreeMap::new();
    for invoice in invoices {
        by_currency
            .entry(invoice.currency.code())
            .or_default()
            .push(invoice);
    }
    by_currency
        .into_iter()
        .map(|(currency, invoices)| statement(currency, &invoices, window))
        .collect()
}

fn statement(currency: &str, invoices: &[&InvoiceHistory], window: Window) -> Statement {
    let mut movements = movements(invoices);
    // Same day: the invoice before what settles it, so the balance never dips for a moment.
    movements.sort_by_key(|m| (m.date, m.kind, m.id));
    let before = |date: NaiveDate| window.from.is_some_and(|from| date < from);
    let opening: Decimal = movements
        .iter()
        .filter(|m| before(m.date))
        .map(|m| m.amount)
        .sum();
    let mut balance = opening;
    let mut entries = Vec::new();
    for m in movements
        .into_iter()
        .filter(|m| !before(m.date) && m.date <= window.to)
    {
        balance += m.amount;
        entries.push(Entry {
            date: m.date,
            kind: m.kind,
            document: m.document,
            invoice_id: m.invoice.invoice_id,
            invoice_number: m.invoice.number.clone(),
            due_on: (m.kind == EntryKind::Invoice).then_some(m.invoice.due_on),
            amount: m.amount,
            balance,
        });
    }
    Statement {
        currency: currency.to_owned(),
        opening,
        entries,
        closing: balance,
        aging: aging(invoices, window.as_of),
    }
}

struct Movement<'a> {
    date: NaiveDate,
    kind: EntryKind,
    id: i64,
    document: String,
    amount: Decimal,
    invoice: &'a InvoiceHistory,
}

fn movements<'a>(invoices: &[&'a InvoiceHistory]) -> Vec<Movement<'a>> {
    let mut all = Vec::new();
    for invoice in invoices {
        all.push(Movement {
            date: invoice.issued_on,
            kind: EntryKind::Invoice,
            id: invoice.invoice_id,
            document: invoice.number.clone(),
            amount: invoice.total,
            invoice,
        });
        for (kind, settled) in [
            (EntryKind::CreditNote, &invoice.credit_notes),
            (EntryKind::Payment, &invoice.payments),
        ] {
            all.extend(settled.iter().map(|s| Movement {
                date: s.on,
                kind,
                id: s.id,
                document: s.reference.clone(),
                amount: -s.amount,
                invoice,
            }));
        }
    }
    all
}

/// What each invoice issued by `as_of` still has open then, by days past its
/// due date: not yet due, 1–30, 31–60, 61–90, over 90; an invoice credited
/// below what was paid on it counts as a refund due.
fn aging(invoices: &[&InvoiceHistory], as_of: NaiveDate) -> Aging {
    let mut aging = Aging {
        as_of,
        current: Decimal::ZERO,
        days_1_30: Decimal::ZERO,
        days_31_60: Decimal::ZERO,
        days_61_90: Decimal::ZERO,
        over_90: Decimal::ZERO,
        refund_due: Decimal::ZERO,
        total: Decimal::ZERO,
    };
    for invoice in invoices.iter().filter(|i| i.issued_on <= as_of) {
        let open = invoice.open_on(as_of);
        aging.total += open;
        if open < Decimal::ZERO {
            aging.refund_due -= open;
            continue;
        }
        let bucket = match (as_of - invoice.due_on).num_days() {
            ..=0 => &mut aging.current,
            1..=30 => &mut aging.days_1_30,
            31..=60 => &mut aging.days_31_60,
            61..=90 => &mut aging.days_61_90,
            _ => &mut aging.over_90,
        };
        *bucket += open;
    }
    aging
}

#[cfg(test)]
mod tests;
