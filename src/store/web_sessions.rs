//! Browser sessions, kept by the hash of their secret.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::web_sessions;
use super::time::utc;
use super::{DbConnection, StoreError};
use crate::domain::{TenantId, UserId};

/// A session as stored: whose it is and when it was begun and last used.
#[derive(Debug, Clone)]
pub struct StoredSession {
    pub user: UserId,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

pub fn create(
    conn: &mut DbConnection,
    tenant: TenantId,
    id_hash: &str,
    user: UserId,
) -> Result<(), StoreError> {
    let now = super::now();
    diesel::insert_into(web_sessions::table)
        .values((
            web_sessions::tenant_id.eq(tenant.get()),
            web_sessions::id_hash.eq(id_hash),
            web_sessions::user_id.eq(user.get()),
            web_sessions::created_at.eq(now),
            web_sessions::last_seen_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find(
    conn: &mut DbConnection,
    tenant: TenantId,
    id_hash: &str,
) -> Result<Option<StoredSession>, StoreError> {
    let row = web_sessions::table
        .filter(web_sessions::tenant_id.eq(tenant.get()))
        .filter(web_sessions::id_hash.eq(id_hash))
        .select((
            web_sessions::user_id,
            web_sessions::created_at,
            web_sessions::last_seen_at,
        ))
        .get_result::<(i64, NaiveDateTime, NaiveDateTime)>(conn)
        .optional()?;
    Ok(row.map(|(user, created, seen)| StoredSession {
        user: UserId::new(user),
        created_at: utc(created),
        last_seen_at: utc(seen),
    }))
}

/// Records that the session was used now.
pub fn touch(conn: &mut DbConnection, tenant: TenantId, id_hash: &str) -> Result<(), StoreError> {
    diesel::update(
        web_sessions::table
            .filter(web_sessions::tenant_id.eq(tenant.get()))
            .filter(web_sessions::id_hash.eq(id_hash)),
    )
    .set(web_sessions::last_seen_at.eq(super::now()))
    .execute(conn)?;
    Ok(())
}

pub fn delete(conn: &mut DbConnection, tenant: TenantId, id_hash: &str) -> Result<(), StoreError> {
    diesel::delete(
        web_sessions::table
            .filter(web_sessions::tenant_id.eq(tenant.get()))
            .filter(web_sessions::id_hash.eq(id_hash)),
    )
    .execute(conn)?;
    Ok(())
}

/// Ends every session of a user: at deactivation, and when a password changes.
pub fn delete_for_user(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
) -> Result<usize, StoreError> {
    Ok(diesel::delete(
        web_sessions::table
            .filter(web_sessions::tenant_id.eq(tenant.get()))
            .filter(web_sessions::user_id.eq(user.get())),
    )
    .execute(conn)?)
}

/// Ends every session of a user but `kept` (the one that changed the password).
pub fn delete_others(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    kept: &str,
) -> Result<usize, StoreError> {
    Ok(diesel::delete(
        web_sessions::table
            .filter(web_sessions::tenant_id.eq(tenant.get()))
            .filter(web_sessions::user_id.eq(user.get()))
            .filter(web_sessions::id_hash.ne(kept)),
    )
    .execute(conn)?)
}

/// Forgets a user's sessions that ended: unused since `idle_before`, or begun before `begun_before`.
pub fn delete_ended(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    idle_before: DateTime<Utc>,
    begun_before: DateTime<Utc>,
) -> Result<usize, StoreError> {
    Ok(diesel::delete(
        web_sessions::table
            .filter(web_sessions::tenant_id.eq(tenant.get()))
            .filter(web_sessions::user_id.eq(user.get()))
            .filter(
                web_sessions::last_seen_at
                    .lt(idle_before.naive_utc())
                    .or(web_sessions::created_at.lt(begun_before.naive_utc())),
            ),
    )
    .execute(conn)?)
}
