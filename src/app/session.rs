//! Signing up, signing in, and who am I: what the JSON API and the pages both
//! use to let a person in. Sign-in is throttled per account and per address.

use std::net::IpAddr;
use std::time::Instant;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::tenant::TenantView;
use super::users::{UserView, hash};
use super::{App, AppError, AppResult, AuthUser, Caller};
use crate::auth::password::{self, NewPassword};
use crate::auth::session::SessionKey;
use crate::domain::message::msg;
use crate::domain::text::parse_text;
use crate::domain::violation::Violations;
use crate::domain::{
    Assignment, EmailAddress, Permission, Role, Scope, User, VendorStatus, tenant, user,
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
pub async fn signup(app: &App, body: SignupBody) -> AppResult<SignupView> {
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
    let hash = hash(password).await?;

    let (tenant, user) = app
        .transaction(move |conn| {
            let tenant = store::tenants::create(conn, &company)?;
            let owner = NewUser {
                email: &email,
                display_name: &name,
                password_hash: &hash,
                assignment: Assignment::new(Role::Owner, None).map_err(AppError::internal)?,
            };
            let user = store::users::create(conn, tenant.id, owner)?;
            Ok((tenant, user))
        })
        .await?;
    let token = issue_token(app, &user)?;
    tracing::info!(tenant = %tenant.id, user = %user.id, "tenant signed up");
    Ok(SignupView {
        tenant: tenant.into(),
        user: user.into(),
        token,
    })
}

/// Exchanges an email and password for a token (see [`authenticate`]).
pub async fn login(app: &App, body: LoginBody, address: Option<IpAddr>) -> AppResult<TokenView> {
    let user = authenticate(app, body, address).await?;
    issue_token(app, &user)
}

/// A browser's new session: the key its cookie carries.
#[derive(Debug)]
pub struct Started {
    pub key: SessionKey,
    pub user: User,
}

/// Signs a person in from the sign-in page (see [`authenticate`]): a new
/// session, under a new secret whatever the browser had before. The user's
/// sessions that ended are forgotten on the way.
pub async fn start_session(
    app: &App,
    body: LoginBody,
    address: Option<IpAddr>,
) -> AppResult<Started> {
    let user = authenticate(app, body, address).await?;
    let key = SessionKey::generate(user.tenant_id);
    let (hash, tenant, user_id, limits) = (key.hash(), user.tenant_id, user.id, app.sessions);
    app.transaction(move |conn| {
        let now = Utc::now();
        let ago = |d: std::time::Duration| now - chrono::Duration::from_std(d).unwrap_or_default();
        store::web_sessions::delete_ended(
            conn,
            tenant,
            user_id,
            ago(limits.idle),
            ago(limits.absolute),
        )?;
        Ok(store::web_sessions::create(conn, tenant, &hash, user_id)?)
    })
    .await?;
    tracing::info!(tenant = %user.tenant_id, user = %user.id, "signed in");
    Ok(Started { key, user })
}

/// Signs out: the session is forgotten, whether or not it still held.
pub async fn end_session(app: &App, key: SessionKey) -> AppResult<()> {
    app.transaction(move |conn| {
        Ok(store::web_sessions::delete(
            conn,
            key.tenant(),
            &key.hash(),
        )?)
    })
    .await
}

/// Checks an email and password. Wrong email and wrong password answer
/// alike. Repeated failures from one `address` at one account, or from one
/// address at many, are refused for a while; an account's failures from
/// everywhere are answered ever more slowly, but its right password is never
/// refused for them. The user of an offboarded vendor is told so, once its
/// password is right.
async fn authenticate(app: &App, body: LoginBody, address: Option<IpAddr>) -> AppResult<User> {
    let account = body.email.trim().to_lowercase();
    if let Some(retry_after) = app.throttle.wait(&account, address, Instant::now()) {
        return Err(AppError::TooManyRequests {
            retry_after,
            reason: msg!("error-login-throttled"),
        });
    }
    let email = EmailAddress::parse(&body.email).ok();
    let found = match email {
        Some(email) => app.db(move |conn| find_for_login(conn, &email)).await?,
        None => None,
    };
    let (user, hash, offboarded) = found.map_or((None, None, false), |(user, hash, off)| {
        (Some(user), Some(hash), off)
    });
    let password = body.password;
    let matches = tokio::task::spawn_blocking(move || password::verify(&password, hash.as_deref()))
        .await
        .map_err(AppError::internal)?;
    let user = match user {
        Some(user) if matches && user.is_active() => user,
        _ => {
            let now = Instant::now();
            app.throttle.record_failure(&account, address, now);
            // Slows guessing at an account from many addresses without ever
            // refusing its right password; holds no connection while it waits.
            let delay = app.throttle.failure_delay(&account, now);
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            return Err(AppError::BadCredentials);
        }
    };
    // Said only after the right password: a stranger learns nothing about the account.
    if offboarded {
        return Err(AppError::VendorOffboarded);
    }
    app.throttle.record_success(&account, address);
    Ok(user)
}

/// The user with this email, its password hash, and whether its vendor (for a
/// vendor user) has been offboarded: every token it got would be refused.
fn find_for_login(
    conn: &mut DbConnection,
    email: &EmailAddress,
) -> AppResult<Option<(User, String, bool)>> {
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

fn issue_token(app: &App, user: &User) -> AppResult<TokenView> {
    let (access_token, expires_at) = app
        .keys
        .issue(user.tenant_id, user.id, Utc::now(), app.token_ttl)
        .map_err(AppError::internal)?;
    Ok(TokenView {
        access_token,
        token_type: "Bearer",
        expires_at,
    })
}

/// Who the caller is: tenant, user (for a person), role and vendor.
pub async fn me(app: &App, caller: Caller) -> AppResult<MeView> {
    app.read(caller, Permission::ReadSelf, me_of).await
}

/// Who `auth` is, read with the rest of a use case's work.
pub(crate) fn me_of(conn: &mut DbConnection, auth: &AuthUser) -> AppResult<MeView> {
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
}
