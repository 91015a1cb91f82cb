//! What an invoice, a credit note and a payment look like to the people who
//! read them: the answers of the invoice use cases.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::AppResult;
use crate::domain::billing::{InvoiceDraft, Line, WarningCode};
use crate::domain::invoice::{CreditNote, Invoice, InvoiceKind, InvoiceStatus, PaymentState};
use crate::domain::{InvoiceId, Period, TenantId, decimal};
use crate::store::DbConnection;
use crate::store::invoices as stored;

#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentView {
    pub id: i64,
    pub paid_on: NaiveDate,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub amount: Decimal,
    pub reference: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreditNoteView {
    pub id: i64,
    pub invoice_id: i64,
    /// `CN-2026-000001`
    pub number: String,
    pub reason: String,
    /// The numbers (序号, from 1, as the invoice prints them) of the lines it
    /// credits; empty for a restatement's difference.
    pub credited_line_numbers: Vec<usize>,
    pub lines: Vec<Line>,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub subtotal: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub tax: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub total: Decimal,
    pub issued_on: NaiveDate,
    pub issued_at: DateTime<Utc>,
}

/// An invoice in full: every line with its explanation.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceView {
    pub id: i64,
    pub contract_id: i64,
    pub vendor_id: i64,
    #[schema(value_type = String, example = "2026-10")]
    pub period: Period,
    pub kind: InvoiceKind,
    /// For an adjustment: the invoice it restates.
    pub adjusts: Option<i64>,
    pub status: InvoiceStatus,
    /// `INV-2026-000001`, from issue on.
    pub number: Option<String>,
    pub currency: String,
    #[serde(flatten)]
    pub computed: InvoiceDraft,
    /// What its credit notes took off, as a positive amount.
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub credited: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub paid: Decimal,
    /// Total less credited less paid, never below zero: what is left to pay.
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub outstanding: Decimal,
    /// Total less credited less paid: below zero when a credit note came
    /// after payment and the vendor owes the difference back.
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub balance: Decimal,
    /// How far it is settled; absent for a draft or a void invoice.
    pub payment_state: Option<PaymentState>,
    /// Whether the figures, terms or incidents behind it changed since it was
    /// computed: a draft to recompute, or an issued invoice to restate.
    pub inputs_changed: Option<bool>,
    pub computed_at: DateTime<Utc>,
    pub issued_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub issued_at: Option<DateTime<Utc>>,
    pub dispute_override: Option<String>,
    pub void_reason: Option<String>,
    pub voided_at: Option<DateTime<Utc>>,
    pub payments: Vec<PaymentView>,
    pub credit_notes: Vec<CreditNoteView>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An invoice in a list: its totals, not its lines.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceSummary {
    pub id: i64,
    pub contract_id: i64,
    pub vendor_id: i64,
    #[schema(value_type = String)]
    pub period: Period,
    pub kind: InvoiceKind,
    pub status: InvoiceStatus,
    pub number: Option<String>,
    pub currency: String,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub subtotal: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub tax: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub total: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub credited: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub paid: Decimal,
    /// Total less credited less paid; below zero when a refund is due.
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub balance: Decimal,
    pub payment_state: Option<PaymentState>,
    pub warnings: usize,
    /// What each warning is about; their messages are on the invoice.
    pub warning_codes: Vec<WarningCode>,
    pub issued_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
}

pub fn summary(invoice: &Invoice) -> InvoiceSummary {
    InvoiceSummary {
        id: invoice.id.get(),
        contract_id: invoice.contract_id.get(),
        vendor_id: invoice.vendor_id.get(),
        period: invoice.period,
        kind: invoice.kind,
        status: invoice.status,
        number: invoice.number.clone(),
        currency: invoice.currency.code().to_owned(),
        subtotal: invoice.draft.subtotal,
        tax: invoice.draft.tax,
        total: invoice.draft.total,
        credited: invoice.credited,
        paid: invoice.paid,
        balance: invoice.balance(),
        payment_state: invoice.payment_state(),
        warnings: invoice.draft.warnings.len(),
        warning_codes: invoice.draft.warnings.iter().map(|w| w.code).collect(),
        issued_on: invoice.issued_on,
        due_on: invoice.due_on,
    }
}

pub fn note_view(note: CreditNote) -> CreditNoteView {
    CreditNoteView {
        id: note.id.get(),
        invoice_id: note.invoice_id.get(),
        number: note.number,
        reason: note.reason,
        credited_line_numbers: note.credited_lines.iter().map(|i| i + 1).collect(),
        lines: note.correction.lines,
        subtotal: note.correction.subtotal,
        tax: note.correction.tax,
        total: note.correction.total,
        issued_on: note.issued_on,
        issued_at: note.issued_at,
    }
}

/// The full view; `inputs_changed` when known.
pub fn view(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: Invoice,
    inputs_changed: Option<bool>,
) -> AppResult<InvoiceView> {
    let payments = stored::payments(conn, tenant, &invoice)?
        .into_iter()
        .map(|p| PaymentView {
            id: p.id.get(),
            paid_on: p.paid_on,
            amount: p.amount,
            reference: p.reference,
            recorded_at: p.recorded_at,
        })
        .collect();
    let credit_notes = stored::credit_notes_of(conn, tenant, &invoice)?
        .into_iter()
        .map(note_view)
        .collect();
    Ok(InvoiceView {
        id: invoice.id.get(),
        contract_id: invoice.contract_id.get(),
        vendor_id: invoice.vendor_id.get(),
        period: invoice.period,
        kind: invoice.kind,
        adjusts: invoice.adjusts.map(InvoiceId::get),
        status: invoice.status,
        outstanding: invoice.outstanding(),
        balance: invoice.balance(),
        payment_state: invoice.payment_state(),
        credited: invoice.credited,
        number: invoice.number,
        currency: invoice.currency.code().to_owned(),
        computed: invoice.draft,
        paid: invoice.paid,
        inputs_changed,
        computed_at: invoice.computed_at,
        issued_on: invoice.issued_on,
        due_on: invoice.due_on,
        issued_at: invoice.issued_at,
        dispute_override: invoice.dispute_override,
        void_reason: invoice.void_reason,
        voided_at: invoice.voided_at,
        payments,
        credit_notes,
        created_at: invoice.created_at,
        updated_at: invoice.updated_at,
    })
}
