//! A vendor's API keys for machine feeds. The key is shown once, at creation.
//! People make keys; keys never do.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{App, AppError, AppResult, Caller};
use crate::auth::ApiKeySecret;
use crate::domain::api_key::{ApiKeyScope, ApiKeyScopes, NAME_MAX};
use crate::domain::message::msg;
use crate::domain::text::parse_text;
use crate::domain::violation::Violations;
use crate::domain::{ApiKey, ApiKeyId, Permission, VendorId, VendorStatus};
use crate::store::{self, Page, api_keys::NewApiKey};

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiKeyView {
    pub id: i64,
    pub vendor_id: i64,
    pub name: String,
    /// The key's public part, to tell keys apart.
    pub prefix: String,
    /// What the key may do.
    pub scopes: Vec<ApiKeyScope>,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<ApiKey> for ApiKeyView {
    fn from(key: ApiKey) -> Self {
        Self {
            id: key.id.get(),
            vendor_id: key.vendor_id.get(),
            name: key.name,
            prefix: key.prefix,
            scopes: key.scopes.iter().collect(),
            created_by: key.created_by.map(|u| u.get()),
            created_at: key.created_at,
            last_used_at: key.last_used_at,
            revoked_at: key.revoked_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedApiKeyView {
    #[serde(flatten)]
    pub key: ApiKeyView,
    /// The key itself. It is not stored and cannot be shown again.
    pub secret: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApiKeyBody {
    /// What the key is for, e.g. "nightly KPI export".
    pub name: String,
    /// What the key may do; by default `send_kpi`, `log_incidents` and
    /// `read_contracts`. No key manages keys or users, whatever its scopes.
    #[serde(default)]
    pub scopes: Option<Vec<ApiKeyScope>>,
}

/// Lists a vendor's keys, revoked ones included.
pub async fn list(
    app: &App,
    caller: Caller,
    vendor: VendorId,
    page: Page,
) -> AppResult<Vec<ApiKeyView>> {
    app.read(caller, Permission::ReadApiKeys, move |conn, auth| {
        store::vendors::get(conn, auth.scope, vendor)?;
        let keys = store::api_keys::list(conn, auth.scope, vendor, page)?;
        Ok(keys.into_iter().map(ApiKeyView::from).collect())
    })
    .await
}

/// Makes a key for a vendor's feed job, with the scopes it may use. The
/// answer holds the key, once. Refused for an offboarded vendor.
pub async fn create(
    app: &App,
    caller: Caller,
    vendor: VendorId,
    body: NewApiKeyBody,
) -> AppResult<CreatedApiKeyView> {
    let mut errors = Violations::default();
    let name = errors.check("name", parse_text(&body.name, NAME_MAX));
    let scopes = match body.scopes {
        None => Some(ApiKeyScopes::DEFAULT),
        Some(scopes) => errors.check("scopes", ApiKeyScopes::of(scopes)),
    };
    let (name, scopes) = errors.finish(|| Some((name?, scopes?)))?;
    let secret = ApiKeySecret::generate();
    let (prefix, hash) = (secret.prefix.clone(), secret.hash());
    let key = app
        .write(caller, Permission::ManageApiKeys, move |conn, auth| {
            let owner = store::vendors::get(conn, auth.scope, vendor)?;
            if owner.status == VendorStatus::Offboarded {
                return Err(AppError::conflict(msg!("error-api-key-vendor-offboarded")));
            }
            let new = NewApiKey {
                vendor,
                name: &name,
                prefix: &prefix,
                secret_hash: &hash,
                scopes,
                created_by: auth.user_id(),
            };
            Ok(store::api_keys::create(conn, auth.tenant(), new)?)
        })
        .await?;
    tracing::info!(key = %key.id, vendor = %vendor, "API key created");
    Ok(CreatedApiKeyView {
        key: key.into(),
        secret: secret.key,
    })
}

/// Revokes a key: it stops working at once and stays listed as revoked.
pub async fn revoke(app: &App, caller: Caller, vendor: VendorId, key: ApiKeyId) -> AppResult<()> {
    app.write(caller, Permission::ManageApiKeys, move |conn, auth| {
        Ok(store::api_keys::revoke(conn, auth.scope, vendor, key)?)
    })
    .await?;
    tracing::info!(key = %key, vendor = %vendor, "API key revoked");
    Ok(())
}
