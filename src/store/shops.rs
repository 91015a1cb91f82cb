//! Shops, scoped to one tenant.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::shops;
use super::time::utc;
use super::{DbConnection, Page, StoreError};
use crate::domain::message::msg;
use crate::domain::{NewShop, Platform, Shop, ShopChanges, ShopId, TenantId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = shops)]
struct ShopRow {
    id: i64,
    tenant_id: i64,
    platform: String,
    name: String,
    external_id: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl TryFrom<ShopRow> for Shop {
    type Error = StoreError;

    fn try_from(row: ShopRow) -> Result<Self, StoreError> {
        Ok(Shop {
            id: ShopId::new(row.id),
            tenant_id: TenantId::new(row.tenant_id),
            platform: row.platform.parse().map_err(StoreError::corrupt)?,
            name: row.name,
            external_id: row.external_id,
            created_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
        })
    }
}

pub fn create(
    conn: &mut DbConnection,
    tenant: TenantId,
    new: &NewShop,
) -> Result<Shop, StoreError> {
    let now = super::now();
    let id = diesel::insert_into(shops::table)
        .values((
            shops::tenant_id.eq(tenant.get()),
            shops::platform.eq(new.platform.as_str()),
            shops::name.eq(&new.name),
            shops::external_id.eq(new.external_id.as_deref()),
            shops::created_at.eq(now),
            shops::updated_at.eq(now),
        ))
        .returning(shops::id)
        .get_result::<i64>(conn)
        .map_err(StoreError::unique(
            "external_id",
            msg!("error-shop-external-id-taken"),
        ))?;
    get(conn, tenant, ShopId::new(id))
}

pub fn get(conn: &mut DbConnection, tenant: TenantId, id: ShopId) -> Result<Shop, StoreError> {
    shops::table
        .filter(shops::tenant_id.eq(tenant.get()))
        .filter(shops::id.eq(id.get()))
        .select(ShopRow::as_select())
        .get_result(conn)?
        .try_into()
}

pub fn list(
    conn: &mut DbConnection,
    tenant: TenantId,
    platform: Option<Platform>,
    page: Page,
) -> Result<Vec<Shop>, StoreError> {
    let mut query = shops::table
        .filter(shops::tenant_id.eq(tenant.get()))
        .filter(shops::id.gt(page.after.unwrap_or(0)))
        .select(ShopRow::as_select())
        .order(shops::id)
        .limit(page.fetch())
        .into_boxed();
    if let Some(platform) = platform {
        query = query.filter(shops::platform.eq(platform.as_str()));
    }
    query.load(conn)?.into_iter().map(Shop::try_from).collect()
}

pub fn update(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: ShopId,
    changes: &ShopChanges,
) -> Result<Shop, StoreError> {
    let target = shops::table
        .filter(shops::tenant_id.eq(tenant.get()))
        .filter(shops::id.eq(id.get()));
    let changed = diesel::update(target)
        .set((
            changes.platform.map(|p| shops::platform.eq(p.as_str())),
            changes.name.as_deref().map(|name| shops::name.eq(name)),
            changes
                .external_id
                .as_ref()
                .map(|ext| shops::external_id.eq(ext.as_deref())),
            shops::updated_at.eq(super::now()),
        ))
        .execute(conn)
        .map_err(StoreError::unique(
            "external_id",
            msg!("error-shop-external-id-taken"),
        ))?;
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    get(conn, tenant, id)
}

pub fn delete(conn: &mut DbConnection, tenant: TenantId, id: ShopId) -> Result<(), StoreError> {
    let target = shops::table
        .filter(shops::tenant_id.eq(tenant.get()))
        .filter(shops::id.eq(id.get()));
    let deleted = diesel::delete(target)
        .execute(conn)
        .map_err(StoreError::referenced("id", msg!("error-shop-in-contract")))?;
    if deleted == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
