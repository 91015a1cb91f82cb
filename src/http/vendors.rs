//! Vendors being onboarded and worked with. Vendor users see only their own.
//! Each handler reads its input and calls its use case in `app::vendors`.

use actix_web::{HttpResponse, delete, get, patch, post, put, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::page::{PageQuery, Paged};
use super::state::AppState;
use crate::app::vendors::{
    self, NewVendorBody, SendBackBody, VendorPatch, VendorQuery, VendorView,
};
use crate::domain::VendorId;

/// Lists vendors; a vendor user sees only its own.
#[utoipa::path(get, path = "/api/v1/vendors", tag = "vendors", security(("bearer" = [])), params(VendorQuery, PageQuery),
    responses((status = 200, body = Paged<VendorView>), (status = 401, body = Problem)))]
#[get("/vendors")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<VendorQuery>,
    paging: web::Query<PageQuery>,
) -> Result<web::Json<Paged<VendorView>>, ApiError> {
    let page = paging.page()?;
    let vendors = vendors::list(&state, caller, query.into_inner(), page).await?;
    Ok(web::Json(Paged::new(vendors, page, |v: &VendorView| v.id)))
}

/// Onboards a vendor; it starts `invited`.
#[utoipa::path(post, path = "/api/v1/vendors", tag = "vendors", security(("bearer" = [])), request_body = NewVendorBody,
    responses((status = 201, body = VendorView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, description = "The credit code is already on file", body = Problem), (status = 422, body = Problem)))]
#[post("/vendors")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<NewVendorBody>,
) -> Result<HttpResponse, ApiError> {
    let vendor = vendors::create(&state, caller, body).await?;
    Ok(HttpResponse::Created().json(vendor))
}

/// One vendor.
#[utoipa::path(get, path = "/api/v1/vendors/{id}", tag = "vendors", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The vendor")),
    responses((status = 200, body = VendorView), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/vendors/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<VendorId>,
) -> Result<web::Json<VendorView>, ApiError> {
    Ok(web::Json(
        vendors::show(&state, caller, id.into_inner()).await?,
    ))
}

/// Changes a vendor, including its onboarding status.
#[utoipa::path(patch, path = "/api/v1/vendors/{id}", tag = "vendors", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The vendor")), request_body = VendorPatch,
    responses((status = 200, body = VendorView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[patch("/vendors/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<VendorId>,
    Json(body): Json<VendorPatch>,
) -> Result<web::Json<VendorView>, ApiError> {
    Ok(web::Json(
        vendors::update(&state, caller, id.into_inner(), body).await?,
    ))
}

/// Deletes a vendor nothing refers to; one with users, keys or contracts is offboarded instead.
#[utoipa::path(delete, path = "/api/v1/vendors/{id}", tag = "vendors", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The vendor")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
#[delete("/vendors/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<VendorId>,
) -> Result<HttpResponse, ApiError> {
    vendors::remove(&state, caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The vendor's user fills in its own vendor's particulars while it is
/// `invited` and not waiting for review (vendor users only; not its status).
#[utoipa::path(put, path = "/api/v1/vendors/{id}/particulars", tag = "vendors", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The vendor")), request_body = NewVendorBody,
    responses((status = 200, body = VendorView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "The vendor is not invited, or its particulars wait for review", body = Problem),
        (status = 422, body = Problem)))]
#[put("/vendors/{id}/particulars")]
pub async fn fill_in(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<VendorId>,
    Json(body): Json<NewVendorBody>,
) -> Result<web::Json<VendorView>, ApiError> {
    Ok(web::Json(
        vendors::fill_in(&state, caller, id.into_inner(), body).await?,
    ))
}

/// The vendor's user submits its particulars for the merchant's review
/// (they need bank details: `422` on `bank` otherwise).
#[utoipa::path(post, path = "/api/v1/vendors/{id}/submit", tag = "vendors", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The vendor")),
    responses((status = 200, body = VendorView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "The vendor is not invited, or its particulars already wait for review", body = Problem),
        (status = 422, description = "No bank details", body = Problem)))]
#[post("/vendors/{id}/submit")]
pub async fn submit(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<VendorId>,
) -> Result<web::Json<VendorView>, ApiError> {
    Ok(web::Json(
        vendors::submit(&state, caller, id.into_inner()).await?,
    ))
}

/// The merchant sends submitted particulars back with a comment the vendor
/// sees. Approving is `PATCH` with `"status": "active"`.
#[utoipa::path(post, path = "/api/v1/vendors/{id}/send-back", tag = "vendors", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The vendor")), request_body = SendBackBody,
    responses((status = 200, body = VendorView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "Nothing was submitted, or the vendor is not invited", body = Problem),
        (status = 422, body = Problem)))]
#[post("/vendors/{id}/send-back")]
pub async fn send_back(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<VendorId>,
    Json(body): Json<SendBackBody>,
) -> Result<web::Json<VendorView>, ApiError> {
    Ok(web::Json(
        vendors::send_back(&state, caller, id.into_inner(), body).await?,
    ))
}
