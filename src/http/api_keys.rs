//! A vendor's API keys for machine feeds. The key is shown once, at creation.

use crate::domain::violation::Violations;
use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::page::{PageQuery, Paged};
use super::state::AppState;
use crate::auth::ApiKeySecret;
use crate::domain::api_key::{ApiKeyScope, ApiKeyScopes, NAME_MAX};
use crate::domain::{ApiKey, ApiKeyId, Permission, VendorId, VendorStatus, text::parse_text};
use crate::store::{self, api_keys::NewApiKey};

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
#[utoipa::path(get, path = "/api/v1/vendors/{vendor_id}/api-keys", tag = "api keys", security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, body = Paged<ApiKeyView>), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
#[get("/vendors/{vendor_id}/api-keys")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    vendor: web::Path<i64>,
    paging: web::Query<PageQuery>,
) -> Result<web::Json<Paged<ApiKeyView>>, ApiError> {
    let page = paging.page()?;
    let vendor = VendorId::new(vendor.into_inner());
    let keys = state
        .read(caller, Permission::ReadApiKeys, move |conn, auth| {
            store::vendors::get(conn, auth.scope, vendor)?;
            Ok(store::api_keys::list(conn, auth.scope, vendor, page)?)
        })
        .await?;
    Ok(web::Json(Paged::new(
        keys.into_iter().map(ApiKeyView::from).collect(),
        page,
        |k: &ApiKeyView| k.id,
    )))
}

/// Makes a key for a vendor's feed job, with the scopes it may use. The
/// answer holds the key, once. People make keys; keys never do.
#[utoipa::path(post, path = "/api/v1/vendors/{vendor_id}/api-keys", tag = "api keys", security(("bearer" = [])),
    request_body = NewApiKeyBody,
    responses((status = 201, body = CreatedApiKeyView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, description = "The vendor is offboarded", body = Problem),
        (status = 422, body = Problem)))]
#[post("/vendors/{vendor_id}/api-keys")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    vendor: web::Path<i64>,
    Json(body): Json<NewApiKeyBody>,
) -> Result<HttpResponse, ApiError> {
    let vendor = VendorId::new(vendor.into_inner());
    let mut errors = Violations::default();
    let name = errors.check("name", parse_text(&body.name, NAME_MAX));
    let scopes = match body.scopes {
        None => Some(ApiKeyScopes::DEFAULT),
        Some(scopes) => errors.check("scopes", ApiKeyScopes::of(scopes)),
    };
    let (name, scopes) = errors.finish(|| Some((name?, scopes?)))?;
    let secret = ApiKeySecret::generate();
    let (prefix, hash) = (secret.prefix.clone(), secret.hash());
    let key = state
        .write(caller, Permission::ManageApiKeys, move |conn, auth| {
            let owner = store::vendors::get(conn, auth.scope, vendor)?;
            if owner.status == VendorStatus::Offboarded {
                return Err(ApiError::conflict(
                    "the vendor is offboarded; it cannot get new keys",
                ));
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
    Ok(HttpResponse::Created().json(CreatedApiKeyView {
        key: key.into(),
        secret: secret.key,
    }))
}

/// Revokes a key: it stops working at once and stays listed as revoked.
#[utoipa::path(delete, path = "/api/v1/vendors/{vendor_id}/api-keys/{key_id}", tag = "api keys",
    security(("bearer" = [])),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[delete("/vendors/{vendor_id}/api-keys/{key_id}")]
pub async fn revoke(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (vendor, key) = path.into_inner();
    let (vendor, key) = (VendorId::new(vendor), ApiKeyId::new(key));
    state
        .write(caller, Permission::ManageApiKeys, move |conn, auth| {
            Ok(store::api_keys::revoke(conn, auth.scope, vendor, key)?)
        })
        .await?;
    tracing::info!(key = %key, vendor = %vendor, "API key revoked");
    Ok(HttpResponse::NoContent().finish())
}
