//! Exclusion windows of a contract: recorded by the merchant as they happen.
//! Each handler reads its input and calls its use case in `app::exclusions`.

use actix_web::{HttpResponse, delete, get, post, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::state::AppState;
use crate::app::exclusions::{self, ExclusionView, NewExclusionBody};
use crate::domain::{ContractId, ExclusionId};

/// The contract's exclusion windows, in date order.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/exclusions", tag = "contract terms", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract")),
    responses((status = 200, body = Vec<ExclusionView>), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}/exclusions")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
) -> Result<web::Json<Vec<ExclusionView>>, ApiError> {
    Ok(web::Json(
        exclusions::list(&state, caller, id.into_inner()).await?,
    ))
}

/// Records days the vendor is not answerable for: they leave the SLA figures, not the bill.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/exclusions", tag = "contract terms", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract")),
    request_body = NewExclusionBody,
    responses((status = 201, body = ExclusionView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/exclusions")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
    Json(body): Json<NewExclusionBody>,
) -> Result<HttpResponse, ApiError> {
    let window = exclusions::create(&state, caller, id.into_inner(), body).await?;
    Ok(HttpResponse::Created().json(window))
}

/// Removes a window recorded by mistake; the audit log keeps it.
#[utoipa::path(delete, path = "/api/v1/contracts/{id}/exclusions/{exclusion}", tag = "contract terms",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract"), ("exclusion" = i64, Path, description = "The exclusion window")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[delete("/contracts/{id}/exclusions/{exclusion}")]
pub async fn remove(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(ContractId, ExclusionId)>,
) -> Result<HttpResponse, ApiError> {
    let (id, exclusion) = path.into_inner();
    exclusions::remove(&state, caller, id, exclusion).await?;
    Ok(HttpResponse::NoContent().finish())
}
