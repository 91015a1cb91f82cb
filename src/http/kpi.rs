//! Daily KPI feeds: taken in as JSON for one contract or as CSV for many,
//! all or nothing and idempotently; read back as a month's figures, a trend,
//! the days, and the revisions. Each handler reads its input and calls its
//! use case in `app::kpi`.

use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, post, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::idempotency::{self, Begun, BodyHash, Claimed};
use super::json;
use super::state::AppState;
use super::upload;
use crate::app::kpi::days::{DayView, RevisionView};
use crate::app::kpi::feed::FeedBody;
use crate::app::kpi::import::SourceQuery;
use crate::app::kpi::trend::{RangeQuery, TrendMonth};
use crate::app::kpi::views::PeriodView;
use crate::app::kpi::{self, IngestSummary, PERMISSION, PeriodQuery};
use crate::app::{AppError, AppResult};
use crate::domain::ContractId;

/// Takes in a contract's daily figures: all rows or none. The same row again
/// changes nothing; new values replace old ones, which are kept as revisions.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/kpi", tag = "kpi", security(("bearer" = [])),
    request_body = FeedBody,
    params(("id" = i64, Path, description = "The contract"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer to the same request")),
    responses((status = 201, body = IngestSummary), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/kpi")]
pub async fn ingest(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<ContractId>,
    body: Bytes,
) -> Result<HttpResponse, ApiError> {
    json::require_json(&req)?;
    let id = id.into_inner();
    let parsed: FeedBody = json::parse(&body)?;
    let mut hash = BodyHash::default();
    hash.update(&body);
    idempotency::respond(
        &state,
        caller,
        PERMISSION,
        &req,
        hash,
        StatusCode::CREATED,
        move |conn, auth| kpi::feed::ingest(conn, auth, id, parsed),
    )
    .await
}

/// Takes in a CSV file of daily figures for any of the caller's contracts:
/// columns `contract,metric,day,numerator,denominator` (the contract by its
/// number). All rows or none; every bad row is listed with its line. The file
/// is received whole before any of it is staged; a tenant sends at most
/// [`upload::PER_TENANT`] at once (429 beyond).
#[utoipa::path(post, path = "/api/v1/kpi/imports", tag = "kpi", security(("bearer" = [])),
    params(SourceQuery, ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer to the same upload")),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 201, body = IngestSummary), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem), (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem),
        (status = 429, description = "The tenant has the most uploads running at once", body = Problem)))]
#[post("/kpi/imports")]
pub async fn import(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    query: web::Query<SourceQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    // Who calls is known before a byte of the body is taken: a stranger fills no disk.
    let uploader = kpi::import::uploader(&state, caller.clone()).await?;
    if !is_csv(&req) {
        return Err(ApiError::UnsupportedMediaType("text/csv"));
    }
    let upload = uploader.admit(&state, query.source)?;
    let receive =
        |payload| upload::spool(payload, &state.spool_dir, kpi::CSV_LIMIT, kpi::UPLOAD_IDLE);
    let claimed = match idempotency::begin(&state, caller.clone(), PERMISSION, &req).await? {
        None => None,
        Some(Begun::Run(claimed)) => Some(claimed),
        Some(Begun::Replay(stored)) => {
            // Only a body received whole is known to be the same request.
            let spooled = receive(payload).await?;
            let hash = spooled.hash;
            return idempotency::replay_for(&state, caller, PERMISSION, &req, hash, &stored).await;
        }
    };
    let spooled = match receive(payload).await {
        Ok(spooled) => spooled,
        Err(error) => {
            // A body that never arrived whole is no answer to replay: a retry runs afresh.
            if let Some(claimed) = claimed {
                claimed.release(&state, caller).await;
            }
            return Err(error.into());
        }
    };
    let guard = claimed.clone();
    let (source, file, hash) = (upload.source, spooled.file, spooled.hash);
    let outcome = state
        .read(caller.clone(), PERMISSION, move |conn, auth| {
            kpi::import::import(conn, auth, source, file, |conn, summary| {
                // The answer is kept for a replay in the import's own transaction.
                let body = serde_json::to_value(&summary).map_err(AppError::internal)?;
                if let Some(claimed) = &guard {
                    claimed.complete(conn, auth, hash, StatusCode::CREATED, &body)?;
                }
                Ok(body)
            })
        })
        .await;
    settle(&state, caller, claimed, outcome).await
}

fn is_csv(req: &HttpRequest) -> bool {
    req.headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("text/csv"))
}

/// Answers an import; one that failed lets its `Idempotency-Key` go.
async fn settle(
    state: &AppState,
    caller: Caller,
    claimed: Option<Claimed>,
    outcome: AppResult<serde_json::Value>,
) -> Result<HttpResponse, ApiError> {
    match outcome {
        Ok(body) => Ok(HttpResponse::Created().json(body)),
        Err(error) => {
            if let Some(claimed) = claimed {
                claimed.release(state, caller).await;
            }
            Err(error.into())
        }
    }
}

/// A month's figures: per metric, per source, for SLA and for billing, what
/// prevails and why, discrepancies, missing days, and the month's incidents.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/kpi", tag = "kpi", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract"), PeriodQuery),
    responses((status = 200, body = PeriodView), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
#[get("/contracts/{id}/kpi")]
pub async fn figures_of_month(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
    query: web::Query<PeriodQuery>,
) -> Result<web::Json<PeriodView>, ApiError> {
    Ok(web::Json(
        kpi::views::month(&state, caller, id.into_inner(), query.period).await?,
    ))
}

/// Each metric's value month by month: what a chart draws.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/kpi/trend", tag = "kpi", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract"), RangeQuery),
    responses((status = 200, body = Vec<TrendMonth>), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
#[get("/contracts/{id}/kpi/trend")]
pub async fn trend(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
    query: web::Query<RangeQuery>,
) -> Result<web::Json<Vec<TrendMonth>>, ApiError> {
    Ok(web::Json(
        kpi::trend::trend(&state, caller, id.into_inner(), query.into_inner()).await?,
    ))
}

/// A month day by day, every metric and source: what a daily chart draws.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/kpi/days", tag = "kpi", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract"), PeriodQuery),
    responses((status = 200, body = Vec<DayView>), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
#[get("/contracts/{id}/kpi/days")]
pub async fn days(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
    query: web::Query<PeriodQuery>,
) -> Result<web::Json<Vec<DayView>>, ApiError> {
    Ok(web::Json(
        kpi::days::days(&state, caller, id.into_inner(), query.period).await?,
    ))
}

/// Values that later rows replaced, with who sent and who replaced them.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/kpi/revisions", tag = "kpi", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract"), PeriodQuery),
    responses((status = 200, body = Vec<RevisionView>), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
#[get("/contracts/{id}/kpi/revisions")]
pub async fn revisions(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
    query: web::Query<PeriodQuery>,
) -> Result<web::Json<Vec<RevisionView>>, ApiError> {
    Ok(web::Json(
        kpi::days::revisions(&state, caller, id.into_inner(), query.period).await?,
    ))
}
