//! Incidents of a contract, logged by either side, measured against the
//! escalation duty of the contract's liability terms. Each handler reads its
//! input and calls its use case in `app::incidents`.

use actix_web::{HttpResponse, get, post, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::state::AppState;
use crate::app::incidents::{self, EscalationBody, IncidentQuery, NewIncidentBody};
use crate::domain::{ContractId, IncidentId};

/// The view lives with its use cases; named here too for the routes that still show it.
use crate::app::incidents::IncidentView;

/// A contract's incidents, oldest first.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/incidents", tag = "incidents", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract"), IncidentQuery),
    responses((status = 200, body = Vec<IncidentView>), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}/incidents")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
    query: web::Query<IncidentQuery>,
) -> Result<web::Json<Vec<IncidentView>>, ApiError> {
    Ok(web::Json(
        incidents::list(&state, caller, id.into_inner(), query.into_inner()).await?,
    ))
}

/// Logs an incident; the contract's audit log records who did.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/incidents", tag = "incidents", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract")),
    request_body = NewIncidentBody,
    responses((status = 201, body = IncidentView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/incidents")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
    Json(body): Json<NewIncidentBody>,
) -> Result<HttpResponse, ApiError> {
    let view = incidents::create(&state, caller, id.into_inner(), body).await?;
    Ok(HttpResponse::Created().json(view))
}

/// One incident.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/incidents/{incident}", tag = "incidents",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract"), ("incident" = i64, Path, description = "The incident")),
    responses((status = 200, body = IncidentView), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}/incidents/{incident}")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(ContractId, IncidentId)>,
) -> Result<web::Json<IncidentView>, ApiError> {
    let (id, incident) = path.into_inner();
    Ok(web::Json(
        incidents::show(&state, caller, id, incident).await?,
    ))
}

/// Records when the merchant was told of the incident. The first record stands.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/incidents/{incident}/escalation", tag = "incidents",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract"), ("incident" = i64, Path, description = "The incident")),
    request_body = EscalationBody,
    responses((status = 200, body = IncidentView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/incidents/{incident}/escalation")]
pub async fn escalate(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(ContractId, IncidentId)>,
    Json(body): Json<EscalationBody>,
) -> Result<web::Json<IncidentView>, ApiError> {
    let (id, incident) = path.into_inner();
    Ok(web::Json(
        incidents::escalate(&state, caller, id, incident, body).await?,
    ))
}
