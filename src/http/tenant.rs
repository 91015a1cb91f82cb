//! The tenant's own legal particulars: what its invoices print as the buyer.
//! The handler reads its input and calls its use case in `app::tenant`.

use actix_web::{put, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::state::AppState;
use crate::app::tenant::{self, ProfileBody, TenantView};

/// Sets the legal name, credit code, address and bank details printed as the
/// buyer on the tenant's invoices. Invoices issued before keep what they printed.
#[utoipa::path(put, path = "/api/v1/tenant/profile", tag = "session", security(("bearer" = [])), request_body = ProfileBody,
    responses((status = 200, body = TenantView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
#[put("/tenant/profile")]
pub async fn set_profile(
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<ProfileBody>,
) -> Result<web::Json<TenantView>, ApiError> {
    Ok(web::Json(tenant::set_profile(&state, caller, body).await?))
}
