//! Invoices: drafts from the engine, issue with a gap-free number, void,
//! payments, credit notes and restatements. Each handler reads its input and
//! calls its use case in `app::billing` or `app::invoices`.

use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, post, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::idempotency::{self, BodyHash};
use super::json::{self, Json};
use super::page::{PageQuery, Paged};
use super::state::AppState;
use crate::app::billing::draft::{self, PeriodBody};
use crate::app::invoices::credit::CreditBody;
use crate::app::invoices::issue::IssueBody;
use crate::app::invoices::pay::PaymentBody;
use crate::app::invoices::restate::{RestateBody, RestatedView, RestatementView};
use crate::app::invoices::void::VoidBody;
use crate::app::invoices::{self, CreditNoteView, InvoiceQuery, InvoiceSummary, InvoiceView};
use crate::domain::{ContractId, CreditNoteId, InvoiceId};

/// Makes the draft invoice of a contract's month from the figures as they stand.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/invoices", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract")),
    request_body = PeriodBody,
    responses((status = 201, body = InvoiceView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/invoices")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
    Json(body): Json<PeriodBody>,
) -> Result<HttpResponse, ApiError> {
    let view = draft::create(&state, caller, id.into_inner(), body.period).await?;
    Ok(HttpResponse::Created().json(view))
}

/// Invoices, oldest first, narrowed by period, status, vendor, shop or contract.
#[utoipa::path(get, path = "/api/v1/invoices", tag = "invoices", security(("bearer" = [])),
    params(InvoiceQuery, PageQuery),
    responses((status = 200, body = Paged<InvoiceSummary>), (status = 401, body = Problem), (status = 422, body = Problem)))]
#[get("/invoices")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<InvoiceQuery>,
    paging: web::Query<PageQuery>,
) -> Result<web::Json<Paged<InvoiceSummary>>, ApiError> {
    let page = paging.page()?;
    let items = invoices::list(&state, caller, query.into_inner(), page).await?;
    Ok(web::Json(Paged::new(items, page, |i: &InvoiceSummary| {
        i.id
    })))
}

/// One invoice with every line and its explanation.
#[utoipa::path(get, path = "/api/v1/invoices/{id}", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The invoice")),
    responses((status = 200, body = InvoiceView), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/invoices/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<InvoiceId>,
) -> Result<web::Json<InvoiceView>, ApiError> {
    Ok(web::Json(
        invoices::show(&state, caller, id.into_inner()).await?,
    ))
}

/// Refreshes a draft from the current figures, terms and incidents.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/recompute", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The invoice")),
    responses((status = 200, body = InvoiceView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
#[post("/invoices/{id}/recompute")]
pub async fn recompute(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<InvoiceId>,
) -> Result<web::Json<InvoiceView>, ApiError> {
    Ok(web::Json(
        invoices::recompute::recompute(&state, caller, id.into_inner()).await?,
    ))
}

/// Issues a draft: the next number of the tenant's series for the year, the
/// inputs and lines frozen from then on. Refused when the figures changed
/// since the draft was computed (recompute and check it first).
#[utoipa::path(post, path = "/api/v1/invoices/{id}/issue", tag = "invoices", security(("bearer" = [])),
    request_body = IssueBody,
    params(("id" = i64, Path, description = "The invoice"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer to the same request")),
    responses((status = 200, body = InvoiceView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/invoices/{id}/issue")]
pub async fn issue(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<InvoiceId>,
    body: Bytes,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let dispute_override = invoices::issue::check(json::parse_optional::<IssueBody>(&req, &body)?)?;
    let mut hash = BodyHash::default();
    hash.update(&body);
    idempotency::respond(
        &state,
        caller,
        invoices::issue::PERMISSION,
        &req,
        hash,
        StatusCode::OK,
        move |conn, auth| invoices::issue::issue(conn, auth, id, dispute_override),
    )
    .await
}

/// Withdraws an invoice that has no payments, with a reason. Its number stays used.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/void", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The invoice")),
    request_body = VoidBody,
    responses((status = 200, body = InvoiceView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/invoices/{id}/void")]
pub async fn void(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<InvoiceId>,
    Json(body): Json<VoidBody>,
) -> Result<web::Json<InvoiceView>, ApiError> {
    Ok(web::Json(
        invoices::void::void(&state, caller, id.into_inner(), body).await?,
    ))
}

/// Records a payment received; payments add up, refused above what is
/// outstanding after credit notes, and the invoice is paid once they cover it.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/payments", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The invoice")),
    request_body = PaymentBody,
    responses((status = 201, body = InvoiceView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/invoices/{id}/payments")]
pub async fn pay(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<InvoiceId>,
    Json(body): Json<PaymentBody>,
) -> Result<HttpResponse, ApiError> {
    let view = invoices::pay::pay(&state, caller, id.into_inner(), body).await?;
    Ok(HttpResponse::Created().json(view))
}

/// Issues a credit note for some or all lines of an issued invoice, numbered in
/// its own series. It lowers what is owed: one that leaves nothing outstanding
/// settles the invoice (`paid`); on a paid invoice it leaves a refund due
/// (a negative `balance`).
#[utoipa::path(post, path = "/api/v1/invoices/{id}/credit-notes", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The invoice")),
    request_body = CreditBody,
    responses((status = 201, body = CreditNoteView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/invoices/{id}/credit-notes")]
pub async fn credit(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<InvoiceId>,
    Json(body): Json<CreditBody>,
) -> Result<HttpResponse, ApiError> {
    let note = invoices::credit::credit(&state, caller, id.into_inner(), body).await?;
    Ok(HttpResponse::Created().json(note))
}

/// One credit note.
#[utoipa::path(get, path = "/api/v1/credit-notes/{id}", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The credit note")),
    responses((status = 200, body = CreditNoteView), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/credit-notes/{id}")]
pub async fn credit_note(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<CreditNoteId>,
) -> Result<web::Json<CreditNoteView>, ApiError> {
    Ok(web::Json(
        invoices::credit_note(&state, caller, id.into_inner()).await?,
    ))
}

/// What restating an issued invoice would come to: the invoice recomputed from
/// today's figures against what was billed.
#[utoipa::path(get, path = "/api/v1/invoices/{id}/restatement", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The invoice")),
    responses((status = 200, body = RestatementView), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem)))]
#[get("/invoices/{id}/restatement")]
pub async fn show_restatement(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<InvoiceId>,
) -> Result<web::Json<RestatementView>, ApiError> {
    Ok(web::Json(
        invoices::restate::offer(&state, caller, id.into_inner()).await?,
    ))
}

/// Settles a restatement: a credit note for a lower recomputation, an
/// adjustment invoice (a draft, issued like any other) for a higher one.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/restatement", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The invoice")),
    request_body = RestateBody,
    responses((status = 201, body = RestatedView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/invoices/{id}/restatement")]
pub async fn restate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<InvoiceId>,
    Json(body): Json<RestateBody>,
) -> Result<HttpResponse, ApiError> {
    let done: RestatedView =
        invoices::restate::restate(&state, caller, id.into_inner(), body).await?;
    Ok(HttpResponse::Created().json(done))
}
