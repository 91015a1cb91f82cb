//! Emailing invoices through the outbox, and the outbox itself for finance.

use crate::domain::violation::Violations;
use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};

use super::documents::language_field;
use super::error::{ApiError, Problem};
use super::extract::{AuthUser, Caller};
use super::idempotency::{self, BodyHash};
use super::json;
use super::page::{PageQuery, Paged};
use super::state::AppState;
use crate::documents::Language;
use crate::domain::invoice::{Invoice, InvoiceStatus};
use crate::domain::mail::{MailStatus, Outcome};
use crate::domain::{EmailAddress, Period, Permission};
use crate::store::invoices::{self as stored, Filter};
use crate::store::outbox::{self, Attempt, Mail, NewMail};
use crate::store::{self, DbConnection, audit};

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

impl From<Mail> for MailView {
    fn from(mail: Mail) -> Self {
        Self {
            id: mail.id,
            invoice_id: mail.invoice_id,
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
        }
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
struct Addressing {
    to: Vec<String>,
    cc: Vec<String>,
    language: Language,
}

fn addresses(errors: &mut Violations, field: &str, raw: &[String]) -> Vec<String> {
    if raw.len() > RECIPIENTS_MAX {
        errors.add(field, format!("at most {RECIPIENTS_MAX} addresses"));
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

fn addressing(
    to: &[String],
    cc: &[String],
    language: Option<&str>,
) -> Result<Addressing, ApiError> {
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

/// The request's own name: its `Idempotency-Key`, or a fresh one.
fn request_id(req: &HttpRequest) -> String {
    req.headers()
        .get("Idempotency-Key")
        .and_then(|v| v.to_str().ok())
        .map_or_else(
            || hex::encode(crate::auth::random_bytes::<16>()),
            |key| format!("key:{key}"),
        )
}

/// Queues one invoice's mail in the caller's transaction.
fn queue(
    conn: &mut DbConnection,
    auth: &AuthUser,
    invoice: &Invoice,
    addressing: &Addressing,
    request: &str,
) -> Result<Mail, ApiError> {
    if !matches!(
        invoice.status,
        InvoiceStatus::Issued | InvoiceStatus::Sent | InvoiceStatus::Paid
    ) {
        return Err(ApiError::Conflict {
            field: Some("status".into()),
            message: format!(
                "only an issued invoice is mailed; this one is {}",
                invoice.status.as_str()
            ),
        });
    }
    let to = if addressing.to.is_empty() {
        let vendor = store::vendors::get(conn, auth.scope, invoice.vendor_id)?;
        vec![vendor.billing_email.to_string()]
    } else {
        addressing.to.clone()
    };
    let key = request_key(
        request,
        invoice.id,
        &to,
        &addressing.cc,
        addressing.language,
    );
    let mail = outbox::enqueue(
        conn,
        auth.tenant(),
        NewMail {
            invoice_id: invoice.id,
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
            entity_id: invoice.id,
            action: "invoice.email_queued",
            before: None,
            after: Some(&after),
        },
    )?;
    Ok(mail)
}

/// Records the request and its mails in one transaction (replaying a repeated
/// `Idempotency-Key`), answers 202, and wakes this server's worker.
async fn queue_and_wake(
    state: &AppState,
    caller: Caller,
    req: &HttpRequest,
    hash: BodyHash,
    run: impl FnOnce(&mut DbConnection, &AuthUser) -> Result<QueuedView, ApiError> + Send + 'static,
) -> Result<HttpResponse, ApiError> {
    let answer = idempotency::respond(
        state,
        caller,
        Permission::SendMail,
        req,
        hash,
        StatusCode::ACCEPTED,
        run,
    )
    .await;
    state.mail_wake.notify_one();
    answer
}

/// Mails an issued invoice, its PDF and CSV attached. Answers at once with the
/// queued mail; the outbox sends it, and retries until the server takes it.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/email", tag = "mail", security(("bearer" = [])),
    request_body = EmailBody, params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 202, body = QueuedView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/invoices/{id}/email")]
pub async fn email_invoice(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Bytes,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let parsed: EmailBody = json::parse_optional(&req, &body)?;
    let addressing = addressing(&parsed.to, &parsed.cc, parsed.language.as_deref())?;
    let request = request_id(&req);
    let mut hash = BodyHash::default();
    hash.update(&body);
    let run = move |conn: &mut DbConnection, auth: &AuthUser| {
        let invoice = stored::get(conn, auth.scope, id)?;
        let mail = queue(conn, auth, &invoice, &addressing, &request)?;
        Ok(QueuedView {
            mails: vec![mail.into()],
        })
    };
    queue_and_wake(&state, caller, &req, hash, run).await
}

/// Mails every invoice of a period that is issued and not yet sent, each to
/// its vendor's billing address unless `to` is given.
#[utoipa::path(post, path = "/api/v1/invoices/email", tag = "mail", security(("bearer" = [])),
    request_body = BatchEmailBody, params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 202, body = QueuedView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
#[post("/invoices/email")]
pub async fn email_period(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: Bytes,
) -> Result<HttpResponse, ApiError> {
    json::require_json(&req)?;
    let parsed: BatchEmailBody = json::parse(&body)?;
    let addressing = addressing(&parsed.to, &parsed.cc, parsed.language.as_deref())?;
    let period = parsed.period;
    let request = request_id(&req);
    let mut hash = BodyHash::default();
    hash.update(&body);
    let run = move |conn: &mut DbConnection, auth: &AuthUser| {
        let filter = Filter {
            period: Some(period),
            status: Some(InvoiceStatus::Issued),
            vendor: None,
            shop: None,
            contract: None,
        };
        let mut mails = Vec::new();
        for invoice in stored::all(conn, auth.scope, &filter)? {
            mails.push(queue(conn, auth, &invoice, &addressing, &request)?.into());
        }
        Ok(QueuedView { mails })
    };
    queue_and_wake(&state, caller, &req, hash, run).await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// `pending`, `sent` or `failed`.
    pub status: Option<String>,
    pub invoice: Option<i64>,
}

/// The outbox, newest first: what went, what waits, what failed and why.
#[utoipa::path(get, path = "/api/v1/outbox", tag = "mail", security(("bearer" = [])), params(OutboxQuery, PageQuery),
    responses((status = 200, body = Paged<MailView>), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
#[get("/outbox")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<OutboxQuery>,
    paging: web::Query<PageQuery>,
) -> Result<web::Json<Paged<MailView>>, ApiError> {
    let page = paging.page()?;
    let status = match query.status.as_deref() {
        None => None,
        Some(raw) => Some(
            MailStatus::parse(raw)
                .ok_or_else(|| ApiError::invalid("status", "must be pending, sent or failed"))?,
        ),
    };
    let invoice = query.invoice;
    let mails = state
        .read(caller, Permission::ReadOutbox, move |conn, auth| {
            Ok(outbox::list(conn, auth.tenant(), status, invoice, page)?)
        })
        .await?;
    Ok(web::Json(Paged::new(
        mails.into_iter().map(MailView::from).collect(),
        page,
        |m: &MailView| m.id,
    )))
}

/// One mail with every attempt and the server's answers.
#[utoipa::path(get, path = "/api/v1/outbox/{id}", tag = "mail", security(("bearer" = [])),
    responses((status = 200, body = MailView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
#[get("/outbox/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<MailView>, ApiError> {
    let id = id.into_inner();
    let view = state
        .read(caller, Permission::ReadOutbox, move |conn, auth| {
            let mail = outbox::get(conn, auth.tenant(), id)?;
            let attempts = outbox::attempts(conn, auth.tenant(), id)?;
            let mut view = MailView::from(mail);
            view.history = Some(history(attempts));
            Ok(view)
        })
        .await?;
    Ok(web::Json(view))
}

/// Queues a failed mail again, with a fresh set of attempts.
#[utoipa::path(post, path = "/api/v1/outbox/{id}/retry", tag = "mail", security(("bearer" = [])),
    responses((status = 200, body = MailView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
#[post("/outbox/{id}/retry")]
pub async fn retry(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<MailView>, ApiError> {
    let id = id.into_inner();
    let mail = state
        .write(caller, Permission::SendMail, move |conn, auth| {
            let mail = outbox::retry(conn, auth.tenant(), id)?;
            let after = serde_json::json!({ "mail": mail.id });
            audit::record(
                conn,
                auth.tenant(),
                auth.actor(),
                audit::Change {
                    entity: "invoice",
                    entity_id: mail.invoice_id,
                    action: "invoice.email_retried",
                    before: None,
                    after: Some(&after),
                },
            )?;
            Ok(mail)
        })
        .await?;
    state.mail_wake.notify_one();
    Ok(web::Json(mail.into()))
}
