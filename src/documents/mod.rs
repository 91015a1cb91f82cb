//! Invoices and credit notes as documents: HTML (handlebars), PDF (krilla,
//! with a Chinese font embedded as a subset), and CSV and Excel exports.
//!
//! Every rendering starts from one [`Document`]: the invoice's lines as stored
//! (frozen at issue) and the parties as they stood at issue, written out in
//! one language. No figure is computed here; each is formatted once.

pub mod explain;
pub mod html;
pub mod labels;
pub mod pdf;
pub mod statement;
pub mod tables;
pub mod words;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::domain::billing::{Line, LineKind};
use crate::domain::invoice::{Invoice, InvoiceKind, InvoiceStatus};
pub use crate::domain::parties::{Parties, Party};
use crate::domain::terms::ChargeKindName;
pub use explain::{BilledTerms, Explained, Explainer};
pub use labels::{Labels, Language};

/// A credit note, as the document of the invoice it corrects shows it.
#[derive(Debug, Clone)]
pub struct CreditNoteSource<'a> {
    pub number: &'a str,
    pub reason: &'a str,
    pub issued_on: NaiveDate,
    pub lines: &'a [Line],
    pub subtotal: Decimal,
    pub tax: Decimal,
    pub total: Decimal,
}

/// What a document is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Invoice,
    Adjustment,
    CreditNote,
}

/// An invoice or credit note written out for people: every figure a string
/// formatted to the currency's minor unit, every label in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub kind: DocumentKind,
    pub language: &'static str,
    pub labels: &'static Labels,
    pub title: &'static str,
    /// The invoice or credit note number; a draft has none and says so.
    pub number: String,
    pub draft: bool,
    pub void: bool,
    /// For a credit note or adjustment: the invoice it refers to.
    pub refers_to: Option<String>,
    pub reason: Option<String>,
    pub period: String,
    pub issued_on: Option<String>,
    pub due_on: Option<String>,
    pub currency: String,
    pub seller: Party,
    pub buyer: Party,
    pub contract_number: String,
    pub contract_title: String,
    pub lines: Vec<DocumentLine>,
    pub subtotal: String,
    pub tax_rate: String,
    pub tax: String,
    pub total: String,
    /// 大写金额, for an amount in CNY.
    pub total_in_words: Option<String>,
    pub warnings: Vec<String>,
    pub notes: Vec<String>,
}

/// One line as printed: what it is, how much of what at which price, and why.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentLine {
    pub position: usize,
    pub kind: LineKind,
    pub kind_label: &'static str,
    pub label: String,
    pub quantity: String,
    pub unit_price: String,
    pub amount: String,
    /// Why the line is there and how its amount was reached, sentence by
    /// sentence, in the document's language.
    pub detail: Vec<String>,
    /// The same sentences as one text, for a cell of an export.
    #[serde(skip)]
    pub detail_text: String,
    /// The exact amount as a decimal, for exports.
    #[serde(skip)]
    pub exact_amount: Decimal,
}

/// What every document needs besides its lines.
pub struct Header<'a> {
    pub parties: &'a Parties,
    pub language: Language,
    pub minor_digits: u32,
    /// The terms the invoice was billed on, which its lines' words quote.
    pub terms: &'a BilledTerms,
}

impl Header<'_> {
    fn explainer<'a>(&'a self, invoice: &'a Invoice, credit_note: bool) -> Explainer<'a> {
        Explainer {
            language: self.language,
            currency: invoice.currency.code(),
            minor_digits: self.minor_digits,
            period: invoice.period,
            terms: self.terms,
            credit_note,
        }
    }
}

impl Document {
    /// An invoice (or adjustment invoice) as a document.
    pub fn invoice(invoice: &Invoice, header: Header<'_>) -> Self {
        let labels = header.language.labels();
        let kind = match invoice.kind {
            InvoiceKind::Invoice => DocumentKind::Invoice,
            InvoiceKind::Adjustment => DocumentKind::Adjustment,
        };
        let draft = &invoice.draft;
        let money = |d: Decimal| amount(d, header.minor_digits);
        Self {
            kind,
            language: header.language.tag(),
            labels,
            title: match kind {
                DocumentKind::Adjustment => &labels.adjustment_title,
                _ => &labels.invoice_title,
            },
            number: invoice
                .number
                .clone()
                .unwrap_or_else(|| labels.draft.clone()),
            draft: invoice.status == InvoiceStatus::Draft,
            void: invoice.status == InvoiceStatus::Void,
            refers_to: None,
            reason: invoice.void_reason.clone(),
            period: invoice.period.to_string(),
            issued_on: invoice.issued_on.map(|d| d.to_string()),
            due_on: invoice.due_on.map(|d| d.to_string()),
            currency: invoice.currency.code().to_owned(),
            seller: header.parties.seller.clone(),
            buyer: header.parties.buyer.clone(),
            contract_number: header.parties.contract_number.clone(),
            contract_title: header.parties.contract_title.clone(),
            lines: lines(&draft.lines, &header, &header.explainer(invoice, false)),
            subtotal: money(draft.subtotal),
            tax_rate: format!("{}%", draft.tax_rate.normalize()),
            tax: money(draft.tax),
            total: money(draft.total),
            total_in_words: in_words(invoice.currency.code(), draft.total),
            warnings: draft.warnings.iter().map(|w| w.message.clone()).collect(),
            notes: draft.notes.clone(),
        }
    }

    /// A credit note against `invoice`.
    pub fn credit_note(invoice: &Invoice, note: CreditNoteSource<'_>, header: Header<'_>) -> Self {
        let labels = header.language.labels();
        let money = |d: Decimal| amount(d, header.minor_digits);
        Self {
            kind: DocumentKind::CreditNote,
            language: header.language.tag(),
            labels,
            title: &labels.credit_note_title,
            number: note.number.to_owned(),
            draft: false,
            void: false,
            refers_to: invoice.number.clone(),
            reason: Some(note.reason.to_owned()),
            period: invoice.period.to_string(),
            issued_on: Some(note.issued_on.to_string()),
            due_on: None,
            currency: invoice.currency.code().to_owned(),
            seller: header.parties.seller.clone(),
            buyer: header.parties.buyer.clone(),
            contract_number: header.parties.contract_number.clone(),
            contract_title: header.parties.contract_title.clone(),
            lines: lines(note.lines, &header, &header.explainer(invoice, true)),
            subtotal: money(note.subtotal),
            tax_rate: format!("{}%", invoice.draft.tax_rate.normalize()),
            tax: money(note.tax),
            total: money(note.total),
            total_in_words: in_words(invoice.currency.code(), note.total),
            warnings: Vec::new(),
            notes: Vec::new(),
        }
    }
}

fn in_words(currency: &str, total: Decimal) -> Option<String> {
    (currency == "CNY")
        .then(|| words::yuan_in_words(total))
        .flatten()
}

/// Lines written out as a document prints them, numbered from 1 (序号), each
/// explained in words: for the documents, and for the pages that show the
/// same lines.
pub fn lines(lines: &[Line], header: &Header<'_>, explainer: &Explainer<'_>) -> Vec<DocumentLine> {
    let labels = header.language.labels();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let e = &line.explanation;
            // A charge's quantity and rate have columns of their own; a
            // top-up's base is what it tops up, not a quantity.
            let per_unit = matches!(line.kind, LineKind::Charge) && e.base.is_none();
            let Explained { label, detail } = explainer.explain(line);
            let detail_text = explainer.joined(&detail);
            DocumentLine {
                position: i + 1,
                kind: line.kind,
                kind_label: labels.line_kind(line.kind),
                label,
                quantity: e
                    .quantity
                    .filter(|_| per_unit)
                    .map(plain)
                    .unwrap_or_default(),
                unit_price: e
                    .rate
                    .filter(|_| per_unit)
                    .map(|rate| match line.charge_kind {
                        // A commission's rate is a percentage of the sales it counts.
                        Some(ChargeKindName::Commission) => format!("{}%", plain(rate)),
                        _ => plain(rate),
                    })
                    .unwrap_or_default(),
                amount: amount(line.amount, header.minor_digits),
                detail,
                detail_text,
                exact_amount: line.amount,
            }
        })
        .collect()
}

/// A decimal without trailing zeros: `99.500000` → `99.5`.
fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// Money to the minor unit with thousands separators: `-12345.6` → `-12,345.60`.
pub fn amount(value: Decimal, minor_digits: u32) -> String {
    let mut value = value;
    value.rescale(minor_digits);
    let text = value.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::with_capacity(text.len() + whole.len() / 3 + 1);
    if value.is_sign_negative() && !value.is_zero() {
        grouped.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if !fraction.is_empty() {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn money_reads_with_separators_and_the_minor_unit() {
        for (value, digits, expected) in [
            ("0", 2, "0.00"),
            ("5", 2, "5.00"),
            ("-12345.6", 2, "-12,345.60"),
            ("1234567.891", 2, "1,234,567.89"),
            ("100", 0, "100"),
            ("-999", 2, "-999.00"),
            ("-0.00", 2, "0.00"),
        ] {
            let value = Decimal::from_str(value).unwrap_or_default();
            assert_eq!(amount(value, digits), expected);
        }
    }
}
