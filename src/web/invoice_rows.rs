//! The rows of an invoice's page: its lines (and a restatement's) with how
//! each is computed, payments, credit notes and mails, written for people.

use serde::Serialize;

use super::shown::{Link, local_time, money, word};
use crate::app::invoices::InvoiceView;
use crate::app::invoices::restate::{RestatementView, Settlement};
use crate::app::outbox::MailView;
use crate::catalogue::Language;
use crate::documents::{self, DocumentLine};
use crate::domain::billing::Line;
use crate::domain::mail::MailStatus;

#[derive(Serialize)]
pub struct LineRow {
    pub position: usize,
    pub kind: String,
    pub kind_class: &'static str,
    pub label: String,
    pub quantity: String,
    pub unit_price: String,
    pub amount: String,
    pub explanation: String,
    pub credited: bool,
}

#[derive(Serialize)]
pub struct PaymentRow {
    paid_on: String,
    amount: String,
    reference: String,
    recorded_at: String,
}

#[derive(Serialize)]
pub struct NoteRow {
    number: String,
    issued_on: String,
    reason: String,
    /// The printed numbers of the lines it credits; empty for a restatement.
    lines: String,
    total: String,
    downloads: Vec<Link>,
}

#[derive(Serialize)]
pub struct MailRow {
    pub id: i64,
    pub created_at: String,
    pub to: String,
    pub cc: String,
    pub language: String,
    pub status: &'static str,
    pub status_text: String,
    /// Given up: to be sent again by hand.
    pub failed: bool,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub sent_at: Option<String>,
}

#[derive(Serialize)]
pub struct Offer {
    billed_total: String,
    recomputed_total: String,
    difference: String,
    settlement: String,
    /// Something to settle: the form is shown.
    settles: bool,
    lines: Vec<LineRow>,
}

/// The invoice's lines as its documents print them, each explained in words
/// by the documents' presenter.
pub fn line_rows(printed: &[DocumentLine], credited: &[usize]) -> Vec<LineRow> {
    printed
        .iter()
        .map(|printed| LineRow {
            position: printed.position,
            kind: printed.kind_label.to_owned(),
            kind_class: kind_class(printed),
            credited: credited.contains(&printed.position),
            label: printed.label.clone(),
            quantity: printed.quantity.clone(),
            unit_price: printed.unit_price.clone(),
            amount: printed.amount.clone(),
            explanation: printed.detail_text.clone(),
        })
        .collect()
}

/// Lines that are no document's (a restatement's differences): their kind,
/// name and amount.
fn difference_rows(lines: &[Line], language: Language, digits: u32) -> Vec<LineRow> {
    let labels = language.labels();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| LineRow {
            position: i + 1,
            kind: labels.line_kind(line.kind).to_owned(),
            kind_class: if line.amount.is_sign_negative() && !line.amount.is_zero() {
                "minus"
            } else {
                "plus"
            },
            credited: false,
            label: line.label.clone(),
            quantity: String::new(),
            unit_price: String::new(),
            amount: documents::amount(line.amount, digits),
            explanation: String::new(),
        })
        .collect()
}

pub fn kind_class(line: &DocumentLine) -> &'static str {
    if line.exact_amount.is_sign_negative() && !line.exact_amount.is_zero() {
        "minus"
    } else {
        "plus"
    }
}

pub fn offer_rows(
    language: Language,
    digits: u32,
    view: &InvoiceView,
    offer: RestatementView,
) -> Offer {
    let m = |d| money(d, &view.currency);
    let settlement = match offer.settlement {
        Settlement::CreditNote => "credit_note",
        Settlement::AdjustmentInvoice => "adjustment_invoice",
        Settlement::None => "none",
    };
    Offer {
        billed_total: m(offer.billed_total),
        recomputed_total: m(offer.recomputed.total),
        difference: m(offer.difference.total),
        settlement: word(language, "settlement", settlement),
        settles: offer.settlement != Settlement::None,
        lines: difference_rows(&offer.difference.lines, language, digits),
    }
}

pub fn mail_rows(language: Language, mails: Vec<MailView>) -> Vec<MailRow> {
    mails
        .into_iter()
        .map(|mail| MailRow {
            id: mail.id,
            created_at: local_time(mail.created_at),
            to: mail.to.join(", "),
            cc: mail.cc.join(", "),
            language: language.text(&format!("document-language-{}", mail.language), &[]),
            status: mail.status.as_str(),
            status_text: word(language, "mail-badge", mail.status.as_str()),
            failed: mail.status == MailStatus::Failed,
            attempts: mail.attempts,
            last_error: mail.last_error,
            sent_at: mail.sent_at.map(local_time),
        })
        .collect()
}

/// A credit note's PDF in each language.
pub fn note_links(language: Language, id: i64) -> Vec<Link> {
    Language::ALL
        .into_iter()
        .map(|l| Link {
            href: format!("/credit-notes/{id}.pdf?language={}", l.tag()),
            text: format!(
                "PDF {}",
                language.text(&format!("document-language-{}", l.tag()), &[])
            ),
        })
        .collect()
}

pub fn payment_rows(view: &InvoiceView) -> Vec<PaymentRow> {
    view.payments
        .iter()
        .map(|p| PaymentRow {
            paid_on: p.paid_on.to_string(),
            amount: money(p.amount, &view.currency),
            reference: p.reference.clone(),
            recorded_at: local_time(p.recorded_at),
        })
        .collect()
}

pub fn note_rows(language: Language, view: &InvoiceView) -> Vec<NoteRow> {
    view.credit_notes
        .iter()
        .map(|n| NoteRow {
            number: n.number.clone(),
            issued_on: n.issued_on.to_string(),
            reason: n.reason.clone(),
            lines: n
                .credited_line_numbers
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            total: money(n.total, &view.currency),
            downloads: note_links(language, n.id),
        })
        .collect()
}
