//! A contract's life: activation, suspension, termination; amendments to its
//! terms; the start, completion and roll-back of handover phases, and their
//! gates. Each handler reads its input and calls its use case in
//! `app::contracts`.

use actix_web::{HttpResponse, delete, get, post, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::state::AppState;
use crate::app::billing::would_have::{self, WouldHaveBilledBody, WouldHaveBilledView};
use crate::app::contracts::amendments::{self, AmendmentBody};
use crate::app::contracts::gate::{self, GateQuery, GateView};
use crate::app::contracts::phases::{self, StartPhaseBody};
use crate::app::contracts::{ContractView, ReasonBody, TermsVersionView, life};
use crate::domain::ContractId;
use crate::domain::versions::PhaseStatus;

/// Puts a draft in force: its terms must be complete and its vendor active.
/// Every problem is listed at once.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/activate", tag = "contract life", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract")),
    responses((status = 200, body = ContractView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, description = "The terms are not complete: every problem, by field", body = Problem)))]
#[post("/contracts/{id}/activate")]
pub async fn activate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
) -> Result<web::Json<ContractView>, ApiError> {
    Ok(web::Json(
        life::activate(&state, caller, id.into_inner()).await?,
    ))
}

/// Declares the route of a step in a signed contract's life, with its reason.
macro_rules! status_route {
    ($name:ident, $path:literal, $doc_path:literal, $step:path, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $doc_path, tag = "contract life", security(("bearer" = [])),
            params(("id" = i64, Path, description = "The contract")),
            request_body = ReasonBody,
            responses((status = 200, body = ContractView), (status = 401, body = Problem), (status = 403, body = Problem),
                (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
        #[post($path)]
        pub async fn $name(
            state: web::Data<AppState>,
            caller: Caller,
            id: web::Path<ContractId>,
            Json(body): Json<ReasonBody>,
        ) -> Result<web::Json<ContractView>, ApiError> {
            Ok(web::Json($step(&state, caller, id.into_inner(), body).await?))
        }
    };
}

status_route!(
    suspend,
    "/contracts/{id}/suspend",
    "/api/v1/contracts/{id}/suspend",
    life::suspend,
    "Pauses an active contract."
);
status_route!(
    resume,
    "/contracts/{id}/resume",
    "/api/v1/contracts/{id}/resume",
    life::resume,
    "Resumes a suspended contract."
);
status_route!(
    terminate,
    "/contracts/{id}/terminate",
    "/api/v1/contracts/{id}/terminate",
    life::terminate,
    "Ends a contract early; final."
);

/// Opens an amendment to a signed contract: a copy of the terms now in force,
/// edited through the parts' routes until it is applied or discarded.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/amendments", tag = "contract life", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract")),
    request_body = AmendmentBody,
    responses((status = 201, body = TermsVersionView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, description = "A draft, or an amendment already open", body = Problem),
        (status = 422, body = Problem)))]
#[post("/contracts/{id}/amendments")]
pub async fn open_amendment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
    Json(body): Json<AmendmentBody>,
) -> Result<HttpResponse, ApiError> {
    let version = amendments::open(&state, caller, id.into_inner(), body).await?;
    Ok(HttpResponse::Created().json(version))
}

/// Puts an open amendment in force from its effective date, once its terms are complete.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/amendments/{version}/apply", tag = "contract life",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract"),
        ("version" = u32, Path, description = "The amendment: its version of the terms")),
    responses((status = 200, body = TermsVersionView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/amendments/{version}/apply")]
pub async fn apply_amendment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(ContractId, u32)>,
) -> Result<web::Json<TermsVersionView>, ApiError> {
    let (id, version) = path.into_inner();
    Ok(web::Json(
        amendments::apply(&state, caller, id, version).await?,
    ))
}

/// Drops an open amendment; the terms in force stay as they are.
#[utoipa::path(delete, path = "/api/v1/contracts/{id}/amendments/{version}", tag = "contract life",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract"),
        ("version" = u32, Path, description = "The amendment: its version of the terms")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem)))]
#[delete("/contracts/{id}/amendments/{version}")]
pub async fn discard_amendment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(ContractId, u32)>,
) -> Result<HttpResponse, ApiError> {
    let (id, version) = path.into_inner();
    amendments::discard(&state, caller, id, version).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Starts a handover phase. The phase before it must be completed and its exit
/// criteria (its gate) must pass for `gate_period` — by default the last month
/// that is over — unless an owner overrides the gate with a reason.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/phases/{phase}/start", tag = "contract life", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract"), ("phase" = u32, Path, description = "The phase")),
    request_body = StartPhaseBody,
    responses((status = 200, body = PhaseStatus), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/phases/{phase}/start")]
pub async fn start_phase(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(ContractId, u32)>,
    Json(body): Json<StartPhaseBody>,
) -> Result<web::Json<PhaseStatus>, ApiError> {
    let (id, phase) = path.into_inner();
    Ok(web::Json(
        phases::start(&state, caller, id, phase, body).await?,
    ))
}

/// Declares the route of a step of a phase in progress, with its reason.
macro_rules! phase_route {
    ($name:ident, $path:literal, $doc_path:literal, $step:path, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $doc_path, tag = "contract life", security(("bearer" = [])),
            params(("id" = i64, Path, description = "The contract"), ("phase" = u32, Path, description = "The phase")),
            request_body = ReasonBody,
            responses((status = 200, body = PhaseStatus), (status = 401, body = Problem), (status = 403, body = Problem),
                (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
        #[post($path)]
        pub async fn $name(
            state: web::Data<AppState>,
            caller: Caller,
            path: web::Path<(ContractId, u32)>,
            Json(body): Json<ReasonBody>,
        ) -> Result<web::Json<PhaseStatus>, ApiError> {
            let (id, phase) = path.into_inner();
            Ok(web::Json($step(&state, caller, id, phase, body).await?))
        }
    };
}

phase_route!(
    complete_phase,
    "/contracts/{id}/phases/{phase}/complete",
    "/api/v1/contracts/{id}/phases/{phase}/complete",
    phases::complete,
    "Completes a phase in progress."
);
phase_route!(
    roll_back_phase,
    "/contracts/{id}/phases/{phase}/roll-back",
    "/api/v1/contracts/{id}/phases/{phase}/roll-back",
    phases::roll_back,
    "Rolls a phase in progress back: the merchant takes the work back."
);

/// A phase's gate: its exit criteria against a month's figures, each with the
/// actual value, the threshold and whether it holds.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/phases/{phase}/gate", tag = "contract life",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract"), ("phase" = u32, Path, description = "The phase"), GateQuery),
    responses((status = 200, body = GateView), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
#[get("/contracts/{id}/phases/{phase}/gate")]
pub async fn phase_gate(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(ContractId, u32)>,
    query: web::Query<GateQuery>,
) -> Result<web::Json<GateView>, ApiError> {
    let (id, phase) = path.into_inner();
    Ok(web::Json(
        gate::gate(&state, caller, id, phase, query.into_inner()).await?,
    ))
}

/// What the terms being written (a draft's, or an open amendment's) would have
/// billed over the last months that are over — their figures, or figures typed
/// in — month by month beside the terms in force. Stores nothing.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/would-have-billed", tag = "contract life",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract")),
    request_body = WouldHaveBilledBody,
    responses((status = 200, body = WouldHaveBilledView), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "No terms are being written: no draft, no open amendment", body = Problem),
        (status = 422, body = Problem)))]
#[post("/contracts/{id}/would-have-billed")]
pub async fn would_have_billed(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
    Json(body): Json<WouldHaveBilledBody>,
) -> Result<web::Json<WouldHaveBilledView>, ApiError> {
    Ok(web::Json(
        would_have::would_have_billed(&state, caller, id.into_inner(), body).await?,
    ))
}
