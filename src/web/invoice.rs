//! One invoice as finance reads it: the header and its totals, every line
//! with why it is there, warnings, payments, credit notes, mails, the
//! restatement on offer when its inputs changed after issue, the steps its
//! status allows, and its documents in either language.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::error::WebError;
use super::invoice_forms::Forms;
use super::invoice_rows::{
    LineRow, MailRow, NoteRow, Offer, PaymentRow, line_rows, mail_rows, note_rows, offer_rows,
    payment_rows,
};
use super::shown::{self, Downloads, local_time, money, word};
use super::signed_in::SignedIn;
use crate::app::documents::{self as files, Format};
use crate::app::invoices::{self, restate};
use crate::app::outbox::{self, OutboxQuery};
use crate::app::{AppResult, session};
use crate::catalogue::Language;
use crate::domain::invoice::{InvoiceKind, InvoiceStatus};
use crate::domain::{Currency, InvoiceId, Permission, TimeZone};
use crate::store::Page;

#[derive(Serialize)]
pub struct InvoicePage {
    id: i64,
    /// The number, or "draft" in words.
    number: String,
    has_number: bool,
    status: &'static str,
    status_text: String,
    payment_state: Option<String>,
    adjustment: bool,
    adjusts: Option<i64>,
    period: String,
    contract_number: String,
    contract_title: String,
    vendor_id: i64,
    seller: String,
    buyer: String,
    currency: String,
    computed_at: String,
    issued_on: Option<String>,
    due_on: Option<String>,
    subtotal: String,
    tax_rate: String,
    tax: String,
    total: String,
    total_in_words: Option<String>,
    credited: String,
    paid: String,
    balance: String,
    /// Credited after payment: the vendor owes the difference back.
    refund_due: bool,
    under_dispute: bool,
    dispute_override: Option<String>,
    void_reason: Option<String>,
    /// A draft whose figures changed since it was computed.
    stale_draft: bool,
    warnings: Vec<String>,
    notes: Vec<String>,
    lines: Vec<LineRow>,
    payments: Vec<PaymentRow>,
    credit_notes: Vec<NoteRow>,
    /// Whether this person may read the outbox, and the invoice's mails there.
    sees_mails: bool,
    mails: Vec<MailRow>,
    /// A mail still waits: the list refreshes itself.
    mails_waiting: bool,
    restatement: Option<Offer>,
    downloads: Vec<Downloads>,
    may: Steps,
    /// Lines a credit note can still take, by their printed number.
    creditable: Vec<Creditable>,
    languages: Vec<shown::Choice>,
    forms: Forms,
    /// Why a step was refused, when its form is no longer offered.
    refused: Vec<String>,
    notice: Option<String>,
}

impl InvoicePage {
    /// An issue refused because the figures are disputed and no override was
    /// given: says so in the page's words.
    pub fn wants_override(&mut self, language: Language) {
        if self.under_dispute && self.status == InvoiceStatus::Draft.as_str() {
            self.forms.issue.errors = vec![language.text("refused-dispute", &[])];
        }
    }
}

#[derive(Serialize)]
struct Creditable {
    position: usize,
    label: String,
    amount: String,
    checked: bool,
}

/// The steps this person may take on this invoice in its status. The use
/// case decides; this only spares people buttons that would be refused.
#[derive(Serialize, Default)]
struct Steps {
    recompute: bool,
    issue: bool,
    void: bool,
    pay: bool,
    credit: bool,
    email: bool,
    restate: bool,
    any: bool,
}

#[derive(Debug, Deserialize)]
pub struct ShowQuery {
    done: Option<String>,
}

const DONE: &[&str] = &[
    "recomputed",
    "issued",
    "voided",
    "paid",
    "credited",
    "emailed",
    "restated",
    "adjustment",
];

#[get("/invoices/{id:\\d+}")]
pub async fn show(
    signed: SignedIn,
    id: web::Path<InvoiceId>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let mut page = invoice_page(&signed, id.into_inner(), Forms::default())
        .await
        .map_err(|e| signed.fail(e))?;
    page.notice = shown::notice(language, query.done.as_deref(), DONE);
    signed
        .render(StatusCode::OK, "invoice", "invoice-title", &page)
        .await
}

/// The invoice's page, its forms as given (filled in and refused, or empty).
pub async fn invoice_page(
    signed: &SignedIn,
    id: InvoiceId,
    mut forms: Forms,
) -> AppResult<InvoicePage> {
    let (app, language) = (signed.app(), signed.visitor.language);
    if forms.pay.paid_on.is_empty() {
        forms.pay.paid_on = TimeZone::SHANGHAI.today(Utc::now()).to_string();
    }
    if forms.email.request.is_empty() {
        forms.email.request = hex::encode(crate::auth::random_bytes::<16>());
    }
    let (me, view, printed) = tokio::try_join!(
        session::me(app, signed.caller()),
        invoices::show(app, signed.caller(), id),
        files::invoice_document(app, signed.caller(), id, language),
    )?;
    let role = me.role;
    let live = matches!(
        view.status,
        InvoiceStatus::Issued | InvoiceStatus::Sent | InvoiceStatus::Paid
    );
    let changed = view.inputs_changed == Some(true);
    let restatable = live && view.kind == InvoiceKind::Invoice && changed;
    let mails = async {
        if !role.may(Permission::ReadOutbox) {
            return Ok(None);
        }
        let query = OutboxQuery {
            status: None,
            invoice: Some(view.id),
        };
        let page = Page {
            after: None,
            limit: Page::MAX_LIMIT,
        };
        outbox::list(app, signed.caller(), query, page)
            .await
            .map(Some)
    };
    let offer = async {
        if restatable {
            restate::offer(app, signed.caller(), id).await.map(Some)
        } else {
            Ok(None)
        }
    };
    let (mails, offer) = tokio::try_join!(mails, offer)?;

    let digits = Currency::parse(&view.currency).map_or(2, Currency::minor_digits);
    let credited: Vec<usize> = view
        .credit_notes
        .iter()
        .flat_map(|n| n.credited_line_numbers.clone())
        .collect();
    let lines = line_rows(&printed.lines, &credited);
    let creditable: Vec<Creditable> = lines
        .iter()
        .filter(|l| !l.credited)
        .map(|l| Creditable {
            position: l.position,
            label: l.label.clone(),
            amount: l.amount.clone(),
            checked: forms.credit.lines.contains(&l.position),
        })
        .collect();
    let may_issue = role.may(Permission::IssueInvoices);
    let draft = view.status == InvoiceStatus::Draft;
    let mut may = Steps {
        recompute: draft
            && view.kind == InvoiceKind::Invoice
            && role.may(Permission::DraftInvoices),
        issue: draft && may_issue,
        void: may_issue
            && view.paid.is_zero()
            && matches!(
                view.status,
                InvoiceStatus::Draft | InvoiceStatus::Issued | InvoiceStatus::Sent
            ),
        pay: may_issue && matches!(view.status, InvoiceStatus::Issued | InvoiceStatus::Sent),
        credit: may_issue && live && !creditable.is_empty(),
        email: live && role.may(Permission::SendMail),
        restate: restatable && may_issue,
        any: false,
    };
    may.any = may.recompute || may.issue || may.void || may.pay || may.credit || may.email;
    // A step refused whose form the invoice no longer offers (issued
    // meanwhile, say): its reasons go above everything.
    let mut refused = Vec::new();
    for (shown, errors) in [
        (may.recompute, &mut forms.recompute.errors),
        (may.issue, &mut forms.issue.errors),
        (may.void, &mut forms.void.errors),
        (may.pay, &mut forms.pay.errors),
        (may.credit, &mut forms.credit.errors),
        (may.email, &mut forms.email.errors),
        (may.restate, &mut forms.restate.errors),
    ] {
        if !shown {
            refused.append(errors);
        }
    }
    let sees_mails = mails.is_some();
    let mails = mails.map(|m| mail_rows(language, m)).unwrap_or_default();
    let mails_waiting = mails.iter().any(|r| r.status == "pending");
    let currency = view.currency.clone();
    let m = |d| money(d, &currency);
    Ok(InvoicePage {
        id: view.id,
        number: printed.number.clone(),
        has_number: view.number.is_some(),
        status: view.status.as_str(),
        status_text: word(language, "invoice-badge", view.status.as_str()),
        payment_state: view
            .payment_state
            .map(|s| word(language, "payment-state", s.as_str())),
        adjustment: view.kind == InvoiceKind::Adjustment,
        adjusts: view.adjusts,
        period: view.period.to_string(),
        contract_number: printed.contract_number,
        contract_title: printed.contract_title,
        vendor_id: view.vendor_id,
        seller: printed.seller.name,
        buyer: printed.buyer.name,
        currency: view.currency.clone(),
        computed_at: local_time(view.computed_at),
        issued_on: view.issued_on.map(|d| d.to_string()),
        due_on: view.due_on.map(|d| d.to_string()),
        subtotal: m(view.computed.subtotal),
        tax_rate: printed.tax_rate,
        tax: m(view.computed.tax),
        total: m(view.computed.total),
        total_in_words: printed.total_in_words,
        credited: m(view.credited),
        paid: m(view.paid),
        balance: m(view.balance),
        refund_due: view.balance.is_sign_negative() && !view.balance.is_zero(),
        under_dispute: view.computed.under_dispute,
        dispute_override: view.dispute_override.clone(),
        void_reason: view.void_reason.clone(),
        stale_draft: draft && changed,
        warnings: view
            .computed
            .warnings
            .iter()
            .map(|w| match language {
                Language::En => w.message.clone(),
                Language::Zh => shown::warning(language, w.code),
            })
            .collect(),
        notes: view.computed.notes.clone(),
        payments: payment_rows(&view),
        credit_notes: note_rows(language, &view),
        sees_mails,
        mails,
        mails_waiting,
        restatement: offer.map(|o| offer_rows(language, digits, &view, o)),
        downloads: shown::downloads(
            language,
            &format!("/invoices/{}", view.id),
            "",
            &[Format::Pdf, Format::Html, Format::Csv, Format::Xlsx],
        ),
        may,
        creditable,
        languages: shown::languages(language, &forms.email.language),
        forms,
        refused,
        notice: None,
        lines,
    })
}
