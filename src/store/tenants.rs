//! Tenants.

use diesel::prelude::*;

use super::schema::tenants;
use super::time::utc;
use super::{DbConnection, StoreError};
use crate::domain::{Tenant, TenantId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = tenants)]
struct TenantRow {
    id: i64,
    name: String,
    created_at: chrono::NaiveDateTime,
}

impl From<TenantRow> for Tenant {
    fn from(row: TenantRow) -> Self {
        Tenant {
            id: TenantId::new(row.id),
            name: row.name,
            created_at: utc(row.created_at),
        }
    }
}

pub fn create(conn: &mut DbConnection, name: &str) -> Result<Tenant, StoreError> {
    let id = diesel::insert_into(tenants::table)
        .values((tenants::name.eq(name), tenants::created_at.eq(super::now())))
        .returning(tenants::id)
        .get_result::<i64>(conn)?;
    get(conn, TenantId::new(id))
}

pub fn get(conn: &mut DbConnection, id: TenantId) -> Result<Tenant, StoreError> {
    let row = tenants::table
        .filter(tenants::id.eq(id.get()))
        .select(TenantRow::as_select())
        .get_result(conn)?;
    Ok(row.into())
}
