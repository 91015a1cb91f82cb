//! Users of the tenant: the owner adds them, changes their role, deactivates
//! them. Each handler reads its input and calls its use case in `app::users`.

use actix_web::{HttpResponse, get, patch, post, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::page::{PageQuery, Paged};
use super::state::AppState;
use crate::app::users::{self, NewUserBody, UserPatch, UserQuery, UserView};
use crate::domain::UserId;

/// Lists the tenant's users.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", security(("bearer" = [])), params(UserQuery, PageQuery),
    responses((status = 200, body = Paged<UserView>), (status = 401, body = Problem), (status = 403, body = Problem)))]
#[get("/users")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<UserQuery>,
    paging: web::Query<PageQuery>,
) -> Result<web::Json<Paged<UserView>>, ApiError> {
    let page = paging.page()?;
    let users = users::list(&state, caller, query.into_inner(), page).await?;
    Ok(web::Json(Paged::new(users, page, |u: &UserView| u.id)))
}

/// Adds a user to the tenant (owner only).
#[utoipa::path(post, path = "/api/v1/users", tag = "users", security(("bearer" = [])), request_body = NewUserBody,
    responses((status = 201, body = UserView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, description = "The email is taken", body = Problem), (status = 422, body = Problem)))]
#[post("/users")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<NewUserBody>,
) -> Result<HttpResponse, ApiError> {
    let user = users::create(&state, caller, body).await?;
    Ok(HttpResponse::Created().json(user))
}

/// One user of the tenant.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The user")),
    responses((status = 200, body = UserView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
#[get("/users/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<UserId>,
) -> Result<web::Json<UserView>, ApiError> {
    Ok(web::Json(
        users::show(&state, caller, id.into_inner()).await?,
    ))
}

/// Renames a user or changes its role (owner only). The tenant always keeps an active owner.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The user")), request_body = UserPatch,
    responses((status = 200, body = UserView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[patch("/users/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<UserId>,
    Json(body): Json<UserPatch>,
) -> Result<web::Json<UserView>, ApiError> {
    Ok(web::Json(
        users::update(&state, caller, id.into_inner(), body).await?,
    ))
}

/// Deactivates a user (owner only): its tokens stop working at once.
#[utoipa::path(post, path = "/api/v1/users/{id}/deactivate", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The user")),
    responses((status = 200, body = UserView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, description = "The last active owner", body = Problem)))]
#[post("/users/{id}/deactivate")]
pub async fn deactivate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<UserId>,
) -> Result<web::Json<UserView>, ApiError> {
    Ok(web::Json(
        users::deactivate(&state, caller, id.into_inner()).await?,
    ))
}
