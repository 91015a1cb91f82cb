//! The tenant's shops. Each handler reads its input and calls its use case in
//! `app::shops`.

use actix_web::{HttpResponse, delete, get, patch, post, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::page::{PageQuery, Paged};
use super::state::AppState;
use crate::app::shops::{self, NewShopBody, ShopPatch, ShopQuery, ShopView};
use crate::domain::ShopId;

/// Lists the tenant's shops.
#[utoipa::path(get, path = "/api/v1/shops", tag = "shops", security(("bearer" = [])), params(ShopQuery, PageQuery),
    responses((status = 200, body = Paged<ShopView>), (status = 401, body = Problem), (status = 403, body = Problem)))]
#[get("/shops")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ShopQuery>,
    paging: web::Query<PageQuery>,
) -> Result<web::Json<Paged<ShopView>>, ApiError> {
    let page = paging.page()?;
    let shops = shops::list(&state, caller, query.into_inner(), page).await?;
    Ok(web::Json(Paged::new(shops, page, |s: &ShopView| s.id)))
}

/// Adds a shop.
#[utoipa::path(post, path = "/api/v1/shops", tag = "shops", security(("bearer" = [])), request_body = NewShopBody,
    responses((status = 201, body = ShopView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/shops")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<NewShopBody>,
) -> Result<HttpResponse, ApiError> {
    let shop = shops::create(&state, caller, body).await?;
    Ok(HttpResponse::Created().json(shop))
}

/// One shop.
#[utoipa::path(get, path = "/api/v1/shops/{id}", tag = "shops", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The shop")),
    responses((status = 200, body = ShopView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
#[get("/shops/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ShopId>,
) -> Result<web::Json<ShopView>, ApiError> {
    Ok(web::Json(
        shops::show(&state, caller, id.into_inner()).await?,
    ))
}

/// Changes a shop.
#[utoipa::path(patch, path = "/api/v1/shops/{id}", tag = "shops", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The shop")), request_body = ShopPatch,
    responses((status = 200, body = ShopView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[patch("/shops/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ShopId>,
    Json(body): Json<ShopPatch>,
) -> Result<web::Json<ShopView>, ApiError> {
    Ok(web::Json(
        shops::update(&state, caller, id.into_inner(), body).await?,
    ))
}

/// Deletes a shop that no contract names.
#[utoipa::path(delete, path = "/api/v1/shops/{id}", tag = "shops", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The shop")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
#[delete("/shops/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ShopId>,
) -> Result<HttpResponse, ApiError> {
    shops::remove(&state, caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
