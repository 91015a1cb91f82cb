//! A vendor's API keys for machine feeds. The key is shown once, at creation.
//! Each handler reads its input and calls its use case in `app::api_keys`.

use actix_web::{HttpResponse, delete, get, post, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::page::{PageQuery, Paged};
use super::state::AppState;
use crate::app::api_keys::{self, ApiKeyView, CreatedApiKeyView, NewApiKeyBody};
use crate::domain::{ApiKeyId, VendorId};

/// Lists a vendor's keys, revoked ones included.
#[utoipa::path(get, path = "/api/v1/vendors/{vendor_id}/api-keys", tag = "api keys", security(("bearer" = [])),
    params(("vendor_id" = i64, Path, description = "The vendor"), PageQuery),
    responses((status = 200, body = Paged<ApiKeyView>), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
#[get("/vendors/{vendor_id}/api-keys")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    vendor: web::Path<VendorId>,
    paging: web::Query<PageQuery>,
) -> Result<web::Json<Paged<ApiKeyView>>, ApiError> {
    let page = paging.page()?;
    let keys = api_keys::list(&state, caller, vendor.into_inner(), page).await?;
    Ok(web::Json(Paged::new(keys, page, |k: &ApiKeyView| k.id)))
}

/// Makes a key for a vendor's feed job, with the scopes it may use. The
/// answer holds the key, once. People make keys; keys never do.
#[utoipa::path(post, path = "/api/v1/vendors/{vendor_id}/api-keys", tag = "api keys", security(("bearer" = [])),
    params(("vendor_id" = i64, Path, description = "The vendor")),
    request_body = NewApiKeyBody,
    responses((status = 201, body = CreatedApiKeyView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, description = "The vendor is offboarded", body = Problem),
        (status = 422, body = Problem)))]
#[post("/vendors/{vendor_id}/api-keys")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    vendor: web::Path<VendorId>,
    Json(body): Json<NewApiKeyBody>,
) -> Result<HttpResponse, ApiError> {
    let created = api_keys::create(&state, caller, vendor.into_inner(), body).await?;
    Ok(HttpResponse::Created().json(created))
}

/// Revokes a key: it stops working at once and stays listed as revoked.
#[utoipa::path(delete, path = "/api/v1/vendors/{vendor_id}/api-keys/{key_id}", tag = "api keys",
    security(("bearer" = [])),
    params(("vendor_id" = i64, Path, description = "The vendor"), ("key_id" = i64, Path, description = "The key")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[delete("/vendors/{vendor_id}/api-keys/{key_id}")]
pub async fn revoke(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(VendorId, ApiKeyId)>,
) -> Result<HttpResponse, ApiError> {
    let (vendor, key) = path.into_inner();
    api_keys::revoke(&state, caller, vendor, key).await?;
    Ok(HttpResponse::NoContent().finish())
}
