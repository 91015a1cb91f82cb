//! Vendor API keys: only their hash is stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::api_keys;
use super::time::utc;
use super::{DbConnection, Page, StoreError};
use crate::domain::api_key::ApiKeyScopes;
use crate::domain::{ApiKey, ApiKeyId, Scope, TenantId, UserId, VendorId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = api_keys)]
struct ApiKeyRow {
    id: i64,
    tenant_id: i64,
    vendor_id: i64,
    name: String,
    prefix: String,
    created_by: Option<i64>,
    created_at: NaiveDateTime,
    last_used_at: Option<NaiveDateTime>,
    revoked_at: Option<NaiveDateTime>,
    scopes: String,
}

impl TryFrom<ApiKeyRow> for ApiKey {
    type Error = StoreError;

    fn try_from(row: ApiKeyRow) -> Result<Self, StoreError> {
        Ok(ApiKey {
            id: ApiKeyId::new(row.id),
            tenant_id: TenantId::new(row.tenant_id),
            vendor_id: VendorId::new(row.vendor_id),
            name: row.name,
            prefix: row.prefix,
            scopes: ApiKeyScopes::parse_stored(&row.scopes).map_err(StoreError::corrupt)?,
            created_by: row.created_by.map(UserId::new),
            created_at: utc(row.created_at),
            last_used_at: row.last_used_at.map(utc),
            revoked_at: row.revoked_at.map(utc),
        })
    }
}

/// A key to store: its name, lookup prefix and hash.
pub struct NewApiKey<'a> {
    pub vendor: VendorId,
    pub name: &'a str,
    pub prefix: &'a str,
    pub secret_hash: &'a str,
    pub scopes: ApiKeyScopes,
    pub created_by: Option<UserId>,
}

pub fn create(
    conn: &mut DbConnection,
    tenant: TenantId,
    new: NewApiKey<'_>,
) -> Result<ApiKey, StoreError> {
    super::directory::list_key_prefix(conn, tenant, new.prefix)?;
    let row = diesel::insert_into(api_keys::table)
        .values((
            api_keys::tenant_id.eq(tenant.get()),
            api_keys::vendor_id.eq(new.vendor.get()),
            api_keys::name.eq(new.name),
            api_keys::prefix.eq(new.prefix),
            api_keys::secret_hash.eq(new.secret_hash),
            api_keys::scopes.eq(new.scopes.to_stored()),
            api_keys::created_by.eq(new.created_by.map(UserId::get)),
            api_keys::created_at.eq(super::now()),
        ))
        .returning(api_keys::id)
        .get_result::<i64>(conn)?;
    get(
        conn,
        Scope {
            tenant,
            vendor: None,
        },
        new.vendor,
        ApiKeyId::new(row),
    )
}

type Boxed = api_keys::BoxedQuery<'static, <DbConnection as diesel::Connection>::Backend>;

/// The keys of one vendor within the scope; nothing at all if the scope does not see that vendor.
fn scoped(scope: Scope, vendor: VendorId) -> Result<Boxed, StoreError> {
    if !scope.sees_vendor(vendor) {
        return Err(StoreError::NotFound);
    }
    Ok(api_keys::table
        .filter(api_keys::tenant_id.eq(scope.tenant.get()))
        .filter(api_keys::vendor_id.eq(vendor.get()))
        .into_boxed())
}

pub fn get(
    conn: &mut DbConnection,
    scope: Scope,
    vendor: VendorId,
    id: ApiKeyId,
) -> Result<ApiKey, StoreError> {
    let row = scoped(scope, vendor)?
        .filter(api_keys::id.eq(id.get()))
        .select(ApiKeyRow::as_select())
        .get_result(conn)?;
    row.try_into()
}

pub fn list(
    conn: &mut DbConnection,
    scope: Scope,
    vendor: VendorId,
    page: Page,
) -> Result<Vec<ApiKey>, StoreError> {
    let rows = scoped(scope, vendor)?
        .filter(api_keys::id.gt(page.after.unwrap_or(0)))
        .select(ApiKeyRow::as_select())
        .order(api_keys::id)
        .limit(page.fetch())
        .load(conn)?;
    rows.into_iter().map(ApiKey::try_from).collect()
}

/// Revokes a key; revoking a revoked key keeps the first time.
pub fn revoke(
    conn: &mut DbConnection,
    scope: Scope,
    vendor: VendorId,
    id: ApiKeyId,
) -> Result<ApiKey, StoreError> {
    let key = get(conn, scope, vendor, id)?;
    if key.revoked_at.is_none() {
        let target = api_keys::table
            .filter(api_keys::tenant_id.eq(key.tenant_id.get()))
            .filter(api_keys::id.eq(key.id.get()));
        diesel::update(target)
            .set(api_keys::revoked_at.eq(super::now()))
            .execute(conn)?;
    }
    get(conn, scope, vendor, id)
}

/// The key with this prefix and its stored hash, whichever tenant it belongs to:
/// the key itself says which tenant it acts for, through the sign-in directory;
/// the key is then read within that tenant.
pub fn find_by_prefix(
    conn: &mut DbConnection,
    prefix: &str,
) -> Result<Option<(ApiKey, String)>, StoreError> {
    let Some(tenant) = super::directory::tenant_of_key_prefix(conn, prefix)? else {
        return Ok(None);
    };
    let found = api_keys::table
        .filter(api_keys::tenant_id.eq(tenant.get()))
        .filter(api_keys::prefix.eq(prefix))
        .select((ApiKeyRow::as_select(), api_keys::secret_hash))
        .get_result::<(ApiKeyRow, String)>(conn)
        .optional()?;
    found
        .map(|(row, hash)| Ok((row.try_into()?, hash)))
        .transpose()
}

/// Records that a key was used, at most once a minute so that a busy feed does
/// not turn every read into a write.
pub fn touch(conn: &mut DbConnection, key: &ApiKey) -> Result<(), StoreError> {
    let now = super::now();
    let stale = key
        .last_used_at
        .is_none_or(|used| now.and_utc() - used > chrono::Duration::minutes(1));
    if stale {
        let target = api_keys::table
            .filter(api_keys::tenant_id.eq(key.tenant_id.get()))
            .filter(api_keys::id.eq(key.id.get()));
        diesel::update(target)
            .set(api_keys::last_used_at.eq(now))
            .execute(conn)?;
    }
    Ok(())
}
