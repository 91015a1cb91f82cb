//! The monthly close and what-if simulations.

use actix_web::{post, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::state::AppState;
use crate::app::billing::close::CloseSummary;
use crate::app::billing::draft::PeriodBody;
use crate::app::billing::simulate::{SimulateBody, SimulationView};
use crate::app::billing::{close, simulate as what_if};
use crate::domain::ContractId;

/// Closes a month: the draft invoice of every contract billing in it that has
/// none yet. A second close adds nothing.
#[utoipa::path(post, path = "/api/v1/billing/close", tag = "invoices", security(("bearer" = [])),
    request_body = PeriodBody,
    responses((status = 200, body = CloseSummary), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
#[post("/billing/close")]
pub async fn close_month(
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<PeriodBody>,
) -> Result<web::Json<CloseSummary>, ApiError> {
    Ok(web::Json(
        close::close_month(&state, caller, body.period).await?,
    ))
}

/// What the month's invoice would come to with other figures or terms: a
/// merchant weighing a proposal, a vendor seeing what a figure would cost.
/// Stores nothing.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/simulate", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract")),
    request_body = SimulateBody,
    responses((status = 200, body = SimulationView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/simulate")]
pub async fn simulate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
    Json(body): Json<SimulateBody>,
) -> Result<web::Json<SimulationView>, ApiError> {
    Ok(web::Json(
        what_if::simulate(&state, caller, id.into_inner(), body).await?,
    ))
}
