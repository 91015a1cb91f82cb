//! Liveness and readiness, for load balancers and orchestrators.

use std::time::Duration;

use actix_web::{HttpResponse, get, web};

use super::error::{ApiError, Problem};
use super::state::AppState;

/// How long readiness waits for a pooled connection: a request that waits
/// longer than this is already badly served.
const READY_WAIT: Duration = Duration::from_secs(1);

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "health", responses((status = 200, description = "Up")))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
}

/// Requests can be served: a pooled database connection comes free within a
/// second, and the database answers on it.
#[utoipa::path(get, path = "/readyz", tag = "health",
    responses((status = 200, description = "Ready"),
        (status = 503, description = "No database connection comes free, or the database does not answer", body = Problem)))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state.ready(READY_WAIT).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "status": "ready" })))
}
