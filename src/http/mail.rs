//! Mail: invoices queued to be mailed, the outbox, retries.

use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, post, web};

use super::error::{ApiError, Problem};
use super::extract::{AuthUser, Caller};
use super::idempotency::{self, BodyHash};
use super::json;
use super::page::{PageQuery, Paged};
use super::state::AppState;
use crate::app::AppResult;
use crate::app::outbox::{
    self, BatchEmailBody, EmailBody, MailView, OutboxQuery, QueuedView, addressing,
};
use crate::domain::{InvoiceId, MailId};
use crate::store::DbConnection;

/// The request's own name: its `Idempotency-Key`, or a fresh one.
fn request_id(req: &HttpRequest) -> String {
    req.headers()
        .get(idempotency::HEADER)
        .and_then(|v| v.to_str().ok())
        .map_or_else(
            || hex::encode(crate::auth::random_bytes::<16>()),
            |key| format!("key:{key}"),
        )
}

/// Records the request and its mails in one transaction (replaying a repeated
/// `Idempotency-Key`), answers 202, and wakes this server's worker.
async fn queue_and_wake(
    state: &AppState,
    caller: Caller,
    req: &HttpRequest,
    hash: BodyHash,
    run: impl FnOnce(&mut DbConnection, &AuthUser) -> AppResult<QueuedView> + Send + 'static,
) -> Result<HttpResponse, ApiError> {
    let answer = idempotency::respond(
        state,
        caller,
        outbox::PERMISSION,
        req,
        hash,
        StatusCode::ACCEPTED,
        run,
    )
    .await;
    outbox::wake(state);
    answer
}

/// Mails an issued invoice, its PDF and CSV attached. Answers at once with the
/// queued mail; the outbox sends it, and retries until the server takes it.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/email", tag = "mail", security(("bearer" = [])),
    request_body = EmailBody, params(("id" = i64, Path, description = "The invoice"), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 202, body = QueuedView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/invoices/{id}/email")]
pub async fn email_invoice(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<InvoiceId>,
    body: Bytes,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let parsed: EmailBody = json::parse_optional(&req, &body)?;
    let addressing = addressing(&parsed.to, &parsed.cc, parsed.language.as_deref())?;
    let request = request_id(&req);
    let mut hash = BodyHash::default();
    hash.update(&body);
    let run = move |conn: &mut DbConnection, auth: &AuthUser| {
        outbox::email_invoice(conn, auth, id, &addressing, &request)
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
        outbox::email_period(conn, auth, period, &addressing, &request)
    };
    queue_and_wake(&state, caller, &req, hash, run).await
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
    let mails = outbox::list(&state, caller, query.into_inner(), page).await?;
    Ok(web::Json(Paged::new(mails, page, |m: &MailView| m.id)))
}

/// One mail with every attempt and the server's answers.
#[utoipa::path(get, path = "/api/v1/outbox/{id}", tag = "mail", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The mail")),
    responses((status = 200, body = MailView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
#[get("/outbox/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<MailId>,
) -> Result<web::Json<MailView>, ApiError> {
    Ok(web::Json(
        outbox::show(&state, caller, id.into_inner()).await?,
    ))
}

/// Queues a failed mail again, with a fresh set of attempts.
#[utoipa::path(post, path = "/api/v1/outbox/{id}/retry", tag = "mail", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The mail")),
    responses((status = 200, body = MailView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
#[post("/outbox/{id}/retry")]
pub async fn retry(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<MailId>,
) -> Result<web::Json<MailView>, ApiError> {
    Ok(web::Json(
        outbox::retry(&state, caller, id.into_inner()).await?,
    ))
}
