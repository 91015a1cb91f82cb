//! The auth extractor: handlers that take a [`Caller`] cannot forget to
//! authenticate; the [`AuthUser`] it resolves to carries the tenant (and
//! vendor) scope every query is bound to.

use std::future::{Ready, ready};

use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};

use super::error::ApiError;
use super::state::AppState;
use crate::auth::{api_key, token::Claims};
use crate::domain::api_key::ApiKeyScopes;
use crate::domain::{ApiKeyId, Permission, Role, Scope, TenantId, UserId, VendorId, VendorStatus};
use crate::store::{self, DbConnection, StoreError};

/// Who is calling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Principal {
    User(UserId),
    /// A key, with what its scopes allow on top of its role.
    ApiKey(ApiKeyId, ApiKeyScopes),
}

/// An authenticated caller: its scope, its role, and how it signed in.
#[derive(Debug, Clone, Copy)]
pub struct AuthUser {
    pub scope: Scope,
    pub role: Role,
    pub principal: Principal,
}

impl AuthUser {
    pub fn tenant(&self) -> TenantId {
        self.scope.tenant
    }

    pub fn user_id(&self) -> Option<UserId> {
        match self.principal {
            Principal::User(id) => Some(id),
            Principal::ApiKey(..) => None,
        }
    }

    pub fn api_key_id(&self) -> Option<ApiKeyId> {
        match self.principal {
            Principal::ApiKey(id, _) => Some(id),
            Principal::User(_) => None,
        }
    }

    /// Who the audit log and the revisions name for this caller.
    pub fn actor(&self) -> crate::store::audit::Actor {
        crate::store::audit::Actor {
            user: self.user_id(),
            api_key: self.api_key_id(),
        }
    }

    /// 403 unless the caller's role allows `permission` and, for an API key,
    /// its scopes do too.
    pub fn require(&self, permission: Permission) -> Result<(), ApiError> {
        if !self.role.may(permission) {
            return Err(ApiError::Forbidden);
        }
        match self.principal {
            Principal::ApiKey(_, scopes) if !scopes.allows(permission) => {
                Err(ApiError::OutOfKeyScope)
            }
            _ => Ok(()),
        }
    }
}

/// A credential whose form, signature and expiry have been checked, not yet
/// looked up: who it stands for is read with the request's own database work
/// (see [`AppState::read`]), so that a request costs one trip to the database pool.
#[derive(Clone)]
pub enum Caller {
    Token(Claims),
    ApiKey(String),
}

/// Never prints an API key: a `Caller` may end up in a log line.
impl std::fmt::Debug for Caller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Caller::Token(claims) => f.debug_tuple("Token").field(claims).finish(),
            Caller::ApiKey(key) => f
                .debug_tuple("ApiKey")
                .field(&api_key::prefix_of(key))
                .finish(),
        }
    }
}

impl Caller {
    /// Looks the credential up: a token is good only while its user is active
    /// (and its vendor not offboarded), a key only while not revoked.
    pub fn resolve(&self, conn: &mut DbConnection) -> Result<AuthUser, ApiError> {
        match self {
            Caller::Token(claims) => by_token(conn, claims),
            Caller::ApiKey(key) => by_api_key(conn, key),
        }
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(caller(req))
    }
}

fn caller(req: &HttpRequest) -> Result<Caller, ApiError> {
    let credential = bearer(req).ok_or(ApiError::Unauthorized)?;
    if api_key::looks_like_api_key(&credential) {
        return Ok(Caller::ApiKey(credential));
    }
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("no app state")))?;
    let claims = state.keys.verify(&credential).map_err(|error| {
        tracing::info!(%error, "token refused");
        ApiError::Unauthorized
    })?;
    Ok(Caller::Token(claims))
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, credential) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| credential.trim().to_owned())
}

/// A token is good only while its user is active and, for a vendor user, its vendor is not offboarded.
fn by_token(conn: &mut DbConnection, claims: &Claims) -> Result<AuthUser, ApiError> {
    let user_id = claims.user_id().ok_or(ApiError::Unauthorized)?;
    let user =
        store::users::get(conn, claims.tenant_id(), user_id).map_err(unauthorized_if_missing)?;
    if !user.is_active() {
        return Err(ApiError::Unauthorized);
    }
    let scope = Scope {
        tenant: user.tenant_id,
        vendor: user.vendor_id,
    };
    if let Some(vendor) = user.vendor_id {
        require_working_vendor(conn, scope, vendor)?;
    }
    Ok(AuthUser {
        scope,
        role: user.role,
        principal: Principal::User(user.id),
    })
}

/// An API key acts as a user of the `vendor` role, bound to the key's vendor,
/// within the scopes it was made with.
fn by_api_key(conn: &mut DbConnection, presented: &str) -> Result<AuthUser, ApiError> {
    let prefix = api_key::prefix_of(presented).ok_or(ApiError::Unauthorized)?;
    let (key, hash) =
        store::api_keys::find_by_prefix(conn, prefix)?.ok_or(ApiError::Unauthorized)?;
    if !api_key::matches(presented, &hash) || key.revoked_at.is_some() {
        return Err(ApiError::Unauthorized);
    }
    let scope = Scope {
        tenant: key.tenant_id,
        vendor: Some(key.vendor_id),
    };
    require_working_vendor(conn, scope, key.vendor_id)?;
    store::api_keys::touch(conn, &key)?;
    Ok(AuthUser {
        scope,
        role: Role::Vendor,
        principal: Principal::ApiKey(key.id, key.scopes),
    })
}

fn require_working_vendor(
    conn: &mut DbConnection,
    scope: Scope,
    vendor: VendorId,
) -> Result<(), ApiError> {
    let vendor = store::vendors::get(conn, scope, vendor).map_err(unauthorized_if_missing)?;
    if vendor.status == VendorStatus::Offboarded {
        return Err(ApiError::Unauthorized);
    }
    Ok(())
}

fn unauthorized_if_missing(error: StoreError) -> ApiError {
    match error {
        StoreError::NotFound => ApiError::Unauthorized,
        other => other.into(),
    }
}
