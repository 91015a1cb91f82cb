//! The tenant's shops.

use crate::domain::violation::Violations;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::{Json, double_option};
use super::page::{PageQuery, Paged};
use super::state::AppState;
use crate::domain::shop::{EXTERNAL_ID_MAX, NAME_MAX};
use crate::domain::{NewShop, Permission, Platform, Shop, ShopChanges, ShopId, text::parse_text};
use crate::store;

#[derive(Debug, Serialize, ToSchema)]
pub struct ShopView {
    pub id: i64,
    pub platform: Platform,
    pub name: String,
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Shop> for ShopView {
    fn from(shop: Shop) -> Self {
        Self {
            id: shop.id.get(),
            platform: shop.platform,
            name: shop.name,
            external_id: shop.external_id,
            created_at: shop.created_at,
            updated_at: shop.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewShopBody {
    pub platform: Platform,
    /// The shop's name, e.g. 某某旗舰店.
    pub name: String,
    /// The shop's id on its platform, unique per platform within the tenant.
    pub external_id: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShopPatch {
    pub platform: Option<Platform>,
    pub name: Option<String>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub external_id: Option<Option<String>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShopQuery {
    pub platform: Option<Platform>,
}

fn parse_external_id(errors: &mut Violations, raw: Option<&str>) -> Option<Option<String>> {
    match raw {
        None => Some(None),
        Some(raw) => errors
            .check("external_id", parse_text(raw, EXTERNAL_ID_MAX))
            .map(Some),
    }
}

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
    let platform = query.platform;
    let shops = state
        .read(caller, Permission::ReadShops, move |conn, auth| {
            Ok(store::shops::list(conn, auth.tenant(), platform, page)?)
        })
        .await?;
    Ok(web::Json(Paged::new(
        shops.into_iter().map(ShopView::from).collect(),
        page,
        |s: &ShopView| s.id,
    )))
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
    let mut errors = Violations::default();
    let name = errors.check("name", parse_text(&body.name, NAME_MAX));
    let external_id = parse_external_id(&mut errors, body.external_id.as_deref());
    let new = errors.finish(|| {
        Some(NewShop {
            platform: body.platform,
            name: name?,
            external_id: external_id?,
        })
    })?;
    let shop = state
        .write(caller, Permission::WriteShops, move |conn, auth| {
            Ok(store::shops::create(conn, auth.tenant(), &new)?)
        })
        .await?;
    Ok(HttpResponse::Created().json(ShopView::from(shop)))
}

/// One shop.
#[utoipa::path(get, path = "/api/v1/shops/{id}", tag = "shops", security(("bearer" = [])),
    responses((status = 200, body = ShopView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
#[get("/shops/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<ShopView>, ApiError> {
    let id = ShopId::new(id.into_inner());
    let shop = state
        .read(caller, Permission::ReadShops, move |conn, auth| {
            Ok(store::shops::get(conn, auth.tenant(), id)?)
        })
        .await?;
    Ok(web::Json(shop.into()))
}

/// Changes a shop.
#[utoipa::path(patch, path = "/api/v1/shops/{id}", tag = "shops", security(("bearer" = [])), request_body = ShopPatch,
    responses((status = 200, body = ShopView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[patch("/shops/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    Json(body): Json<ShopPatch>,
) -> Result<web::Json<ShopView>, ApiError> {
    let id = ShopId::new(id.into_inner());
    let mut errors = Violations::default();
    let name = body
        .name
        .as_deref()
        .map(|n| errors.check("name", parse_text(n, NAME_MAX)));
    let external_id = body
        .external_id
        .as_ref()
        .map(|ext| parse_external_id(&mut errors, ext.as_deref()));
    // Outer option: the field was sent; inner: it passed its check (always, once errors are empty).
    let changes = errors.finish(|| {
        Some(ShopChanges {
            platform: body.platform,
            name: name.flatten(),
            external_id: external_id.flatten(),
        })
    })?;
    let shop = state
        .write(caller, Permission::WriteShops, move |conn, auth| {
            Ok(store::shops::update(conn, auth.tenant(), id, &changes)?)
        })
        .await?;
    Ok(web::Json(shop.into()))
}

/// Deletes a shop that no contract names.
#[utoipa::path(delete, path = "/api/v1/shops/{id}", tag = "shops", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
#[delete("/shops/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = ShopId::new(id.into_inner());
    state
        .write(caller, Permission::WriteShops, move |conn, auth| {
            Ok(store::shops::delete(conn, auth.tenant(), id)?)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
