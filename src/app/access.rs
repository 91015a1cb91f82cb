//! Who is calling, and what they may do: a credential is looked up once per
//! request, in the request's own database work, and every use case receives
//! the [`AuthUser`] it stands for — the tenant (and vendor) scope every query
//! is bound to, the role, and how the caller signed in.

use crate::auth::{api_key, session::SessionKey, token::Claims};
use crate::domain::api_key::ApiKeyScopes;
use crate::domain::audit::Actor;
use crate::domain::session::SessionLimits;
use crate::domain::{ApiKeyId, Permission, Role, Scope, TenantId, UserId, VendorId, VendorStatus};
use crate::store::{self, DbConnection, StoreError};

use super::AppError;

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
    pub fn actor(&self) -> Actor {
        Actor {
            user: self.user_id(),
            api_key: self.api_key_id(),
        }
    }

    /// Refused unless the caller's role allows `permission` and, for an API
    /// key, its scopes do too.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if !self.role.may(permission) {
            return Err(AppError::Forbidden);
        }
        match self.principal {
            Principal::ApiKey(_, scopes) if !scopes.allows(permission) => {
                Err(AppError::OutOfKeyScope)
            }
            _ => Ok(()),
        }
    }
}

/// A credential whose form, signature and expiry have been checked, not yet
/// looked up: who it stands for is read with the use case's own database
/// work, so that a request costs one trip to the database pool.
#[derive(Clone)]
pub enum Caller {
    Token(Claims),
    ApiKey(String),
    /// A browser's session cookie, good within the limits on a session's life.
    Session(SessionKey, SessionLimits),
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
            Caller::Session(key, _) => f.debug_tuple("Session").field(key).finish(),
        }
    }
}

impl Caller {
    /// The credential a bearer presents: an API key as it is (looked up with
    /// the use case's work), a token once its signature and expiry check out.
    pub fn from_bearer(keys: &crate::auth::JwtKeys, credential: String) -> Result<Self, AppError> {
        if api_key::looks_like_api_key(&credential) {
            return Ok(Caller::ApiKey(credential));
        }
        let claims = keys.verify(&credential).map_err(|error| {
            tracing::info!(%error, "token refused");
            AppError::Unauthorized
        })?;
        Ok(Caller::Token(claims))
    }

    /// Looks the credential up: a token is good only while its user is active
    /// (and its vendor not offboarded), a key only while not revoked.
    pub fn resolve(&self, conn: &mut DbConnection) -> Result<AuthUser, AppError> {
        match self {
            Caller::Token(claims) => by_token(conn, claims),
            Caller::ApiKey(key) => by_api_key(conn, key),
            Caller::Session(key, limits) => by_session(conn, key, limits),
        }
    }

    /// Looks the credential up and checks it may do `permission`.
    pub fn authorize(
        &self,
        conn: &mut DbConnection,
        permission: Permission,
    ) -> Result<AuthUser, AppError> {
        let auth = self.resolve(conn)?;
        auth.require(permission)?;
        Ok(auth)
    }
}

fn by_token(conn: &mut DbConnection, claims: &Claims) -> Result<AuthUser, AppError> {
    let user_id = claims.user_id().ok_or(AppError::Unauthorized)?;
    as_user(conn, claims.tenant_id(), user_id)
}

/// A session is good within its limits, and while its user is; its last use
/// is written at most once a minute.
fn by_session(
    conn: &mut DbConnection,
    key: &SessionKey,
    limits: &SessionLimits,
) -> Result<AuthUser, AppError> {
    let hash = key.hash();
    let session =
        store::web_sessions::find(conn, key.tenant(), &hash)?.ok_or(AppError::Unauthorized)?;
    let now = chrono::Utc::now();
    if !limits.holds(session.created_at, session.last_seen_at, now) {
        store::web_sessions::delete(conn, key.tenant(), &hash)?;
        return Err(AppError::Unauthorized);
    }
    let auth = as_user(conn, key.tenant(), session.user)?;
    if SessionLimits::worth_touching(session.last_seen_at, now) {
        store::web_sessions::touch(conn, key.tenant(), &hash)?;
    }
    Ok(auth)
}

/// A person's credential is good only while they are active and, for a vendor
/// user, their vendor is not offboarded.
fn as_user(
    conn: &mut DbConnection,
    tenant: TenantId,
    user_id: UserId,
) -> Result<AuthUser, AppError> {
    let user = store::users::get(conn, tenant, user_id).map_err(unauthorized_if_missing)?;
    if !user.is_active() {
        return Err(AppError::Unauthorized);
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
fn by_api_key(conn: &mut DbConnection, presented: &str) -> Result<AuthUser, AppError> {
    let prefix = api_key::prefix_of(presented).ok_or(AppError::Unauthorized)?;
    let (key, hash) =
        store::api_keys::find_by_prefix(conn, prefix)?.ok_or(AppError::Unauthorized)?;
    if !api_key::matches(presented, &hash) || key.revoked_at.is_some() {
        return Err(AppError::Unauthorized);
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
) -> Result<(), AppError> {
    let vendor = store::vendors::get(conn, scope, vendor).map_err(unauthorized_if_missing)?;
    if vendor.status == VendorStatus::Offboarded {
        return Err(AppError::Unauthorized);
    }
    Ok(())
}

fn unauthorized_if_missing(error: StoreError) -> AppError {
    match error {
        StoreError::NotFound => AppError::Unauthorized,
        other => other.into(),
    }
}

/// Anyone signed in: the metric catalogue, say, is no secret among users.
pub async fn signed_in(app: &super::App, caller: Caller) -> Result<AuthUser, AppError> {
    app.read(caller, Permission::ReadSelf, |_, auth| Ok(*auth))
        .await
}
