//! The metric catalogue, for forms that write SLA clauses and feeds.

use actix_web::{get, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::state::AppState;
use crate::app::access;
use crate::domain::metric::{CATALOGUE, Metric};

/// Every metric kefu knows: code, names, unit, which way is better, components.
#[utoipa::path(get, path = "/api/v1/metrics", tag = "contract terms", security(("bearer" = [])),
    responses((status = 200, body = Vec<Metric>), (status = 401, body = Problem)))]
#[get("/metrics")]
pub async fn catalogue(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<web::Json<&'static [Metric]>, ApiError> {
    access::signed_in(&state, caller).await?;
    Ok(web::Json(CATALOGUE))
}
