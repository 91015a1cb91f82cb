//! The outbox seen from the use cases: invoices queued to be mailed (the
//! worker in `crate::mail` sends them), the outbox listed, a failed mail
//! queued again.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};

use super::documents::language_field;
use super::{App, AppError, AppResult, AuthUser, Caller};
use crate::documents::Language;
use crate::domain::invoice::{Invoice, InvoiceStatus};
use crate::domain::mail::{Attempt, Mail, MailStatus, Outcome, Subject};
use crate::domain::message::msg;
use crate::domain::violation::Violations;
use crate::domain::{EmailAddress, InvoiceId, MailId, Period, Permission};
use crate::store::invoices::{self as stored, Filter};
use crate::store::outbox::{self, NewMail};
use crate::store::{self, DbConnection, audit};

/// Who may queue mail.
pub const PERMISSION: Permission = Permission::SendMail;

/// At most this many addresses in `to`, and in `cc`.
const RECIPIENTS_MAX: usize = 20;

#[derive(Debug, Serialize, ToSchema)]
pub struct AttemptView {
    pub attempted_at: DateTime<Utc>,
    pub worker: String,
    pub outcome: Outcome,
    /// What the mail server answered, or why it could not be reached.
    pub response: String,
}

/// A mail of the outbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct MailView {
    pub id: i64,
    pub invoice_id: i64,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    /// `zh-CN` or `en`.
    pub language: String,
    pub status: MailStatus,
    pub attempts: u32,
    /// When it is tried (again), while pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The last failure's answer.
    pub last_error: Option<String>,
    pub message_id: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Every attempt, oldest first (one mail's view only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<AttemptView>>,
}

/// A mail's view, for a mail of an invoice: mails about accounts carry a
/// link into someone's account and are in nobody's view (not found).
impl TryFrom<Mail> for MailView {
    type Error = AppError;

    fn try_from(mail: Mail) -> AppResult<Self> {
        let invoice = mail.invoice().ok_or(AppError::NotFound)?;
        Ok(Self {
            id: mail.id.get(),
            invoice_id: invoice.get(),
            to: mail.to,
            cc: mail.cc,
            language: mail.language,
            next_attempt_at: (mail.status == MailStatus::Pending).then_some(mail.next_attempt_at),
            status: mail.status,
            attempts: mail.attempts,
            last_error: mail.last_error,
            message_id: mail.message_id,
            sent_at: mail.sent_at,
            created_at: mail.created_at,
            history: None,
        })
    }
}

fn history(attempts: Vec<Attempt>) -> Vec<AttemptView> {
    attempts
        .into_iter()
        .map(|a| AttemptView {
            attempted_at: a.attempted_at,
            worker: a.worker,
            outcome: a.outcome,
            response: a.response,
        })
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedView {
    /// The mails queued (or, for a repeated request, queued before).
    pub mails: Vec<MailView>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailBody {
    /// The vendor's billing address when left out.
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub cc: Vec<String>,
    /// `zh-CN` (the default) or `en`: the mail's text and its documents.
    pub language: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchEmailBody {
    /// Every invoice of this period that is issued and not yet sent.
    #[schema(value_type = String, example = "2026-10")]
    pub period: Period,
    /// The same recipients for every invoice; each vendor's billing address when left out.
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub cc: Vec<String>,
    pub language: Option<String>,
}

/// Checked recipients and language.
pub struct Addressing {
    to: Vec<String>,
    cc: Vec<String>,
    language: Language,
}

fn addresses(errors: &mut Violations, field: &str, raw: &[String]) -> Vec<String> {
    if raw.len() > RECIPIENTS_MAX {
        errors.add(field, msg!("error-recipients-max", max = RECIPIENTS_MAX));
        return Vec::new();
    }
    let mut out: Vec<String> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, a)| errors.check(format!("{field}[{i}]"), EmailAddress::parse(a)))
        .map(|a| a.to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

pub fn addressing(to: &[String], cc: &[String], language: Option<&str>) -> AppResult<Addressing> {
    let mut errors = Violations::default();
    let to = addresses(&mut errors, "to", to);
    let cc = addresses(&mut errors, "cc", cc);
    let language = language_field(&mut errors, language);
    Ok(errors.finish(|| {
        Some(Addressing {
            to,
            cc,
            language: language?,
        })
    })?)
}

/// What makes a queued mail the same as another: the request, the invoice, the recipients.
fn request_key(
    request: &str,
    invoice: i64,
    to: &[String],
    cc: &[String],
    language: Language,
) -> String {
    let mut hash = Sha256::new();
    for part in [
        request,
        &invoice.to_string(),
        &to.join(","),
        &cc.join(","),
        language.tag(),
    ] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hex::encode(hash.finalize())
}

/// Queues one invoice's mail in the caller's transaction.
fn queue(
    conn: &mut DbConnection,
    auth: &AuthUser,
    invoice: &Invoice,
    addressing: &Addressing,
    request: &str,
) -> AppResult<Mail> {
    if !matches!(
        invoice.status,
        InvoiceStatus::Issued | InvoiceStatus::Sent | InvoiceStatus::Paid
    ) {
        return Err(AppError::conflict_on(
            "status",
            msg!("error-mail-not-issued", status = invoice.status.word()),
        ));
    }
    let to = if addressing.to.is_empty() {
        let vendor = store::vendors::get(conn, auth.scope, invoice.vendor_id)?;
        vec![vendor.billing_email.to_string()]
    } else {
        addressing.to.clone()
    };
    let key = request_key(
        request,
        invoice.id.get(),
        &to,
        &addressing.cc,
        addressing.language,
    );
    let mail = outbox::enqueue(
        conn,
        auth.tenant(),
        NewMail {
            subject: &Subject::Invoice(invoice.id),
            request_key: &key,
            to: &to,
            cc: &addressing.cc,
            language: addressing.language.tag(),
            requested_by: auth.user_id(),
        },
    )?;
    let after = serde_json::json!({ "mail": mail.id, "to": to, "cc": addressing.cc });
    audit::record(
        conn,
        auth.tenant(),
        auth.actor(),
        audit::Change {
            entity: "invoice",
            entity_id: invoice.id.get(),
            action: "invoice.email_queued",
            before: None,
            after: Some(&after),
        },
    )?;
    Ok(mail)
}

/// Queues the mail of one issued invoice, its PDF and CSV attached.
pub fn email_invoice(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: InvoiceId,
    addressing: &Addressing,
    request: &str,
) -> AppResult<QueuedView> {
    auth.require(PERMISSION)?;
    let invoice = stored::get(conn, auth.scope, id)?;
    let mail = queue(conn, auth, &invoice, addressing, request)?;
    Ok(QueuedView {
        mails: vec![mail.try_into()?],
    })
}

/// Queues the mail of every invoice of a period that is issued and not yet
/// sent, each to its vendor's billing address unless `to` is given.
pub fn email_period(
    conn: &mut DbConnection,
    auth: &AuthUser,
    period: Period,
    addressing: &Addressing,
    request: &str,
) -> AppResult<QueuedView> {
    auth.require(PERMISSION)?;
    let filter = Filter {
        period: Some(period),
        status: Some(InvoiceStatus::Issued),
        vendor: None,
        shop: None,
        contract: None,
    };
    let mut mails = Vec::new();
    for invoice in stored::all(conn, auth.scope, &filter)? {
        mails.push(queue(conn, auth, &invoice, addressing, request)?.try_into()?);
    }
    Ok(QueuedView { mails })
}

/// Wakes this server's outbox worker: a mail was queued.
pub fn wake(app: &App) {
    app.mail_wake.notify_one();
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// `pending`, `sent` or `failed`.
    pub status: Option<String>,
    pub invoice: Option<i64>,
}

/// The outbox, newest first: what went, what waits, what failed and why.
pub async fn list(
    app: &App,
    caller: Caller,
    query: OutboxQuery,
    page: store::Page,
) -> AppResult<Vec<MailView>> {
    let status = match query.status.as_deref() {
        None => None,
        Some(raw) => Some(
            MailStatus::parse(raw)
                .ok_or_else(|| AppError::invalid("status", msg!("error-mail-status")))?,
        ),
    };
    let invoice = query.invoice;
    let mails = app
        .read(caller, Permission::ReadOutbox, move |conn, auth| {
            Ok(outbox::list(conn, auth.tenant(), status, invoice, page)?)
        })
        .await?;
    mails.into_iter().map(MailView::try_from).collect()
}

/// One mail with every attempt and the server's answers.
pub async fn show(app: &App, caller: Caller, id: MailId) -> AppResult<MailView> {
    app.read(caller, Permission::ReadOutbox, move |conn, auth| {
        let mut view = MailView::try_from(outbox::get(conn, auth.tenant(), id)?)?;
        let attempts = outbox::attempts(conn, auth.tenant(), id)?;
        view.history = Some(history(attempts));
        Ok(view)
    })
    .await
}

/// Queues a failed mail again, with a fresh set of attempts.
pub async fn retry(app: &App, caller: Caller, id: MailId) -> AppResult<MailView> {
    let mail = app
        .write(caller, Permission::SendMail, move |conn, auth| {
            // Not found unless it is a mail of an invoice.
            let invoice = MailView::try_from(outbox::get(conn, auth.tenant(), id)?)?.invoice_id;
            let mail = outbox::retry(conn, auth.tenant(), id)?;
            let after = serde_json::json!({ "mail": mail.id });
            audit::record(
                conn,
                auth.tenant(),
                auth.actor(),
                audit::Change {
                    entity: "invoice",
                    entity_id: invoice,
                    action: "invoice.email_retried",
                    before: None,
                    after: Some(&after),
                },
            )?;
            Ok(mail)
        })
        .await?;
    wake(app);
    mail.try_into()
}
