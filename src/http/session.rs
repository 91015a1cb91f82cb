//! Signing up, logging in, and who am I.

use crate::domain::violation::Violations;
use std::time::Instant;

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::state::AppState;
use super::users::UserView;
use super::vendors::BankBody;
use crate::auth::password::{self, NewPassword};
use crate::domain::{
    Assignment, EmailAddress, Permission, Role, Scope, Tenant, VendorStatus, tenant,
    text::parse_text, user,
};
use crate::store::{self, DbConnection, users::NewUser};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignupBody {
    /// The merchant organisation's name, e.g. 杭州某某电子商务有限公司.
    pub company_name: String,
    /// The owner's name as shown to others.
    pub display_name: String,
    pub email: String,
    /// At least 10 characters.
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenView {
    /// Send as `Authorization: Bearer <access_token>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TenantView {
    pub id: i64,
    pub name: String,
    /// The registered company name printed as the buyer on invoices.
    pub legal_name: Option<String>,
    /// 统一社会信用代码.
    pub credit_code: Option<String>,
    pub address: Option<String>,
    pub bank: Option<BankBody>,
    pub created_at: DateTime<Utc>,
}

impl From<Tenant> for TenantView {
    fn from(tenant: Tenant) -> Self {
        let profile = tenant.profile;
        Self {
            id: tenant.id.get(),
            name: tenant.name,
            legal_name: profile.legal_name,
            credit_code: profile.credit_code.map(|c| c.to_string()),
            address: profile.address,
            bank: profile.bank.map(BankBody::from),
            created_at: tenant.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignupView {
    pub tenant: TenantView,
    pub user: UserView,
    pub token: TokenView,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeView {
    pub tenant: TenantView,
    /// The signed-in user; absent when the caller is a vendor API key.
    pub user: Option<UserView>,
    pub role: Role,
    /// The vendor the caller is bound to, for vendor users and API keys.
    pub vendor_id: Option<i64>,
}

/// Creates a tenant and its owner, and signs the owner in.
#[utoipa::path(post, path = "/api/v1/signup", tag = "session", request_body = SignupBody,
    responses((status = 201, body = SignupView), (status = 409, description = "The email is taken", body = Problem),
        (status = 422, body = Problem)))]
#[post("/signup")]
pub async fn signup(
    state: web::Data<AppState>,
    Json(body): Json<SignupBody>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = Violations::default();
    let company = errors.check(
        "company_name",
        parse_text(&body.company_name, tenant::NAME_MAX),
    );
    let name = errors.check(
        "display_name",
        parse_text(&body.display_name, user::DISPLAY_NAME_MAX),
    );
    let email = errors.check("email", EmailAddress::parse(&body.email));
    let password = errors.check("password", NewPassword::parse(&body.password));
    let (company, name, email, password) =
        errors.finish(|| Some((company?, name?, email?, password?)))?;
    let hash = web::block(move || password.hash())
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;

    let (tenant, user) = state
        .transaction(move |conn| {
            let tenant = store::tenants::create(conn, &company)?;
            let owner = NewUser {
                email: &email,
                display_name: &name,
                password_hash: &hash,
                assignment: Assignment::new(Role::Owner, None).map_err(ApiError::internal)?,
            };
            let user = store::users::create(conn, tenant.id, owner)?;
            Ok((tenant, user))
        })
        .await?;
    let token = issue_token(&state, &user)?;
    tracing::info!(tenant = %tenant.id, user = %user.id, "tenant signed up");
    Ok(HttpResponse::Created().json(SignupView {
        tenant: tenant.into(),
        user: user.into(),
        token,
    }))
}

/// Exchanges an email and password for a token. Wrong email and wrong password
/// answer alike. Repeated failures from one address at one account, or from one
/// address at many, answer 429; an account's failures from everywhere are
/// answered ever more slowly, but its right password is never refused for them. The
/// user of an offboarded vendor is told so (403), once its password is right.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "session", request_body = LoginBody,
    responses((status = 200, body = TokenView), (status = 401, body = Problem),
        (status = 403, description = "The user's vendor was offboarded", body = Problem), (status = 429, body = Problem)))]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    Json(body): Json<LoginBody>,
) -> Result<web::Json<TokenView>, ApiError> {
    let account = body.email.trim().to_lowercase();
    let address = req.peer_addr().map(|a| a.ip());
    if let Some(retry_after) = state.throttle.wait(&account, address, Instant::now()) {
        return Err(ApiError::TooManyRequests {
            retry_after,
            reason: "too many failed logins; try again later",
        });
    }
    let email = EmailAddress::parse(&body.email).ok();
    let found = match email {
        Some(email) => state.db(move |conn| find_for_login(conn, &email)).await?,
        None => None,
    };
    let (user, hash, offboarded) = found.map_or((None, None, false), |(user, hash, off)| {
        (Some(user), Some(hash), off)
    });
    let password = body.password;
    let matches = web::block(move || password::verify(&password, hash.as_deref()))
        .await
        .map_err(ApiError::internal)?;
    let user = match user {
        Some(user) if matches && user.is_active() => user,
        _ => {
            let now = Instant::now();
            state.throttle.record_failure(&account, address, now);
            // Slows guessing at an account from many addresses without ever
            // refusing its right password; holds no connection while it waits.
            let delay = state.throttle.failure_delay(&account, now);
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            return Err(ApiError::BadCredentials);
        }
    };
    // Said only after the right password: a stranger learns nothing about the account.
    if offboarded {
        return Err(ApiError::VendorOffboarded);
    }
    state.throttle.record_success(&account, address);
    Ok(web::Json(issue_token(&state, &user)?))
}

/// The user with this email, its password hash, and whether its vendor (for a
/// vendor user) has been offboarded: every token it got would be refused.
fn find_for_login(
    conn: &mut DbConnection,
    email: &EmailAddress,
) -> Result<Option<(user::User, String, bool)>, ApiError> {
    let Some((user, hash)) = store::users::find_for_login(conn, email)? else {
        return Ok(None);
    };
    let offboarded = match user.vendor_id {
        Some(vendor) => {
            let scope = Scope {
                tenant: user.tenant_id,
                vendor: Some(vendor),
            };
            store::vendors::get(conn, scope, vendor)?.status == VendorStatus::Offboarded
        }
        None => false,
    };
    Ok(Some((user, hash, offboarded)))
}

fn issue_token(state: &AppState, user: &user::User) -> Result<TokenView, ApiError> {
    let (access_token, expires_at) = state
        .keys
        .issue(user.tenant_id, user.id, Utc::now(), state.token_ttl)
        .map_err(ApiError::internal)?;
    Ok(TokenView {
        access_token,
        token_type: "Bearer",
        expires_at,
    })
}

/// Who the caller is: tenant, user (for a person), role and vendor.
#[utoipa::path(get, path = "/api/v1/me", tag = "session", security(("bearer" = [])),
    responses((status = 200, body = MeView), (status = 401, body = Problem)))]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<MeView>, ApiError> {
    let me = state
        .read(caller, Permission::ReadSelf, move |conn, auth| {
            let tenant = store::tenants::get(conn, auth.tenant())?;
            let user = auth
                .user_id()
                .map(|id| store::users::get(conn, auth.tenant(), id))
                .transpose()?;
            Ok(MeView {
                tenant: tenant.into(),
                user: user.map(UserView::from),
                role: auth.role,
                vendor_id: auth.scope.vendor.map(|v| v.get()),
            })
        })
        .await?;
    Ok(web::Json(me))
}
