//! Users of the tenant: the owner adds them, changes their role, deactivates them.

use crate::domain::violation::Violations;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::{Json, double_option};
use super::page::{PageQuery, Paged};
use super::state::AppState;
use crate::auth::password::NewPassword;
use crate::domain::{
    Assignment, EmailAddress, Permission, Role, Scope, User, UserId, VendorId, text::parse_text,
    user,
};
use crate::store::{
    self, DbConnection, StoreError,
    users::{NewUser, UserFilter},
};

#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The vendor a `vendor` user works for.
    pub vendor_id: Option<i64>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deactivated_at: Option<DateTime<Utc>>,
}

impl From<User> for UserView {
    fn from(user: User) -> Self {
        Self {
            id: user.id.get(),
            active: user.is_active(),
            email: user.email.to_string(),
            display_name: user.display_name,
            role: user.role,
            vendor_id: user.vendor_id.map(VendorId::get),
            created_at: user.created_at,
            updated_at: user.updated_at,
            deactivated_at: user.deactivated_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserBody {
    pub email: String,
    pub display_name: String,
    /// The first password; at least 10 characters.
    pub password: String,
    pub role: Role,
    /// Required for, and only for, the `vendor` role.
    pub vendor_id: Option<i64>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    /// The vendor of a `vendor` user; leaving the vendor role drops it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub vendor_id: Option<Option<i64>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    pub role: Option<Role>,
    /// `true` for active users only, `false` for deactivated ones.
    pub active: Option<bool>,
    pub vendor_id: Option<i64>,
}

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
    let filter = UserFilter {
        role: query.role,
        active: query.active,
        vendor: query.vendor_id.map(VendorId::new),
    };
    let users = state
        .read(caller, Permission::ReadUsers, move |conn, auth| {
            Ok(store::users::list(conn, auth.tenant(), filter, page)?)
        })
        .await?;
    let views = users.into_iter().map(UserView::from).collect();
    Ok(web::Json(Paged::new(views, page, |u: &UserView| u.id)))
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
    let mut errors = Violations::default();
    let email = errors.check("email", EmailAddress::parse(&body.email));
    let name = errors.check(
        "display_name",
        parse_text(&body.display_name, user::DISPLAY_NAME_MAX),
    );
    let password = errors.check("password", NewPassword::parse(&body.password));
    let assignment = errors.check(
        "vendor_id",
        Assignment::new(body.role, body.vendor_id.map(VendorId::new)),
    );
    let (email, name, password, assignment) =
        errors.finish(|| Some((email?, name?, password?, assignment?)))?;
    let hash = web::block(move || password.hash())
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;

    let user = state
        .write(caller, Permission::ManageUsers, move |conn, auth| {
            require_vendor(conn, auth.scope, assignment.vendor())?;
            let new = NewUser {
                email: &email,
                display_name: &name,
                password_hash: &hash,
                assignment,
            };
            Ok(store::users::create(conn, auth.tenant(), new)?)
        })
        .await?;
    Ok(HttpResponse::Created().json(UserView::from(user)))
}

/// One user of the tenant.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = UserView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
#[get("/users/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<UserView>, ApiError> {
    let id = UserId::new(id.into_inner());
    let user = state
        .read(caller, Permission::ReadUsers, move |conn, auth| {
            Ok(store::users::get(conn, auth.tenant(), id)?)
        })
        .await?;
    Ok(web::Json(user.into()))
}

/// Renames a user or changes its role (owner only). The tenant always keeps an active owner.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])), request_body = UserPatch,
    responses((status = 200, body = UserView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[patch("/users/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    Json(body): Json<UserPatch>,
) -> Result<web::Json<UserView>, ApiError> {
    let id = UserId::new(id.into_inner());
    let mut errors = Violations::default();
    let name = body
        .display_name
        .as_deref()
        .map(|n| errors.check("display_name", parse_text(n, user::DISPLAY_NAME_MAX)));
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let user = state
        .write(caller, Permission::ManageUsers, move |conn, auth| {
            let current = store::users::get(conn, auth.tenant(), id)?;
            let role = body.role.unwrap_or(current.role);
            let vendor = match body.vendor_id {
                Some(vendor) => vendor.map(VendorId::new),
                None if role == Role::Vendor => current.vendor_id,
                None => None,
            };
            let assignment =
                Assignment::new(role, vendor).map_err(|e| ApiError::invalid("vendor_id", e))?;
            require_vendor(conn, auth.scope, assignment.vendor())?;
            if current.role == Role::Owner && role != Role::Owner {
                keep_an_owner(conn, &current)?;
            }
            Ok(store::users::update(
                conn,
                auth.tenant(),
                id,
                name.flatten().as_deref(),
                Some(assignment),
            )?)
        })
        .await?;
    Ok(web::Json(user.into()))
}

/// Deactivates a user (owner only): its tokens stop working at once.
#[utoipa::path(post, path = "/api/v1/users/{id}/deactivate", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = UserView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, description = "The last active owner", body = Problem)))]
#[post("/users/{id}/deactivate")]
pub async fn deactivate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<UserView>, ApiError> {
    let id = UserId::new(id.into_inner());
    let user = state
        .write(caller, Permission::ManageUsers, move |conn, auth| {
            let current = store::users::get(conn, auth.tenant(), id)?;
            if current.role == Role::Owner {
                keep_an_owner(conn, &current)?;
            }
            Ok(store::users::deactivate(conn, auth.tenant(), id)?)
        })
        .await?;
    tracing::info!(user = %user.id, "user deactivated");
    Ok(web::Json(user.into()))
}

/// A named vendor must be one of the tenant's; otherwise the field is wrong.
fn require_vendor(
    conn: &mut DbConnection,
    scope: Scope,
    vendor: Option<VendorId>,
) -> Result<(), ApiError> {
    let Some(vendor) = vendor else { return Ok(()) };
    match store::vendors::get(conn, scope, vendor) {
        Ok(_) => Ok(()),
        Err(StoreError::NotFound) => Err(ApiError::invalid("vendor_id", "no such vendor")),
        Err(other) => Err(other.into()),
    }
}

/// Refuses to take away the tenant's last active owner.
fn keep_an_owner(conn: &mut DbConnection, owner: &User) -> Result<(), ApiError> {
    if owner.is_active() && store::users::active_owners(conn, owner.tenant_id)? <= 1 {
        return Err(ApiError::Conflict {
            field: Some("role".into()),
            message: "the tenant must keep an active owner; make another user owner first".into(),
        });
    }
    Ok(())
}
