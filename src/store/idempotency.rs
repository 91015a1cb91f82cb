//! Idempotency keys (DESIGN §6): a retried write with the same key and body
//! gets the first answer again instead of running twice.

use chrono::TimeDelta;
use diesel::prelude::*;

use super::schema::idempotency_keys;
use super::{DbConnection, StoreError};
use crate::domain::TenantId;
use crate::domain::message::msg;

/// How long a key is remembered: the same key later starts afresh.
pub const KEPT_FOR: TimeDelta = TimeDelta::hours(24);
/// How long a first request may run before a retry may take its key over
/// (the first one crashed, or its connection died).
pub const LEASE: TimeDelta = TimeDelta::minutes(15);

/// The first answer to a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub fingerprint: String,
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

/// What claiming a key found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The key is ours: run the request, then [`complete`] or [`release`] it.
    Claimed,
    /// A request with this key is running.
    Running,
    /// A request with this key has finished.
    Done(Stored),
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = idempotency_keys)]
struct KeyRow {
    fingerprint: Option<String>,
    status_code: Option<i32>,
    content_type: Option<String>,
    response: Option<String>,
    created_at: chrono::NaiveDateTime,
}

/// Claims `key` for a request, in a transaction of its own so that a retry sees it at once.
pub fn claim(conn: &mut DbConnection, tenant: TenantId, key: &str) -> Result<Claim, StoreError> {
    let claimed = super::write(conn, |conn| {
        let now = super::now();
        let found = idempotency_keys::table
            .filter(idempotency_keys::tenant_id.eq(tenant.get()))
            .filter(idempotency_keys::idempotency_key.eq(key))
            .select(KeyRow::as_select())
            .get_result(conn)
            .optional()?;
        let expired = match &found {
            None => None,
            Some(row) => {
                let age = now - row.created_at;
                match (row.status_code, &row.fingerprint, &row.response) {
                    (Some(status), Some(fingerprint), Some(body)) if age < KEPT_FOR => {
                        return Ok(Claim::Done(Stored {
                            fingerprint: fingerprint.clone(),
                            status: u16::try_from(status).map_err(StoreError::corrupt)?,
                            content_type: row.content_type.clone().unwrap_or_default(),
                            body: body.clone(),
                        }));
                    }
                    (None, _, _) if age < LEASE => return Ok(Claim::Running),
                    _ => Some(()),
                }
            }
        };
        if expired.is_some() {
            release(conn, tenant, key)?;
        }
        diesel::insert_into(idempotency_keys::table)
            .values((
                idempotency_keys::tenant_id.eq(tenant.get()),
                idempotency_keys::idempotency_key.eq(key),
                idempotency_keys::created_at.eq(now),
            ))
            .execute(conn)
            .map_err(StoreError::unique(
                "idempotency_key",
                msg!("error-idempotency-running"),
            ))?;
        Ok(Claim::Claimed)
    });
    match claimed {
        // Another request claimed it between our read and our write.
        Err(StoreError::Conflict { .. }) => Ok(Claim::Running),
        other => other,
    }
}

/// Records the answer to a claimed key.
pub fn complete(
    conn: &mut DbConnection,
    tenant: TenantId,
    key: &str,
    stored: &Stored,
) -> Result<(), StoreError> {
    diesel::update(
        idempotency_keys::table
            .filter(idempotency_keys::tenant_id.eq(tenant.get()))
            .filter(idempotency_keys::idempotency_key.eq(key)),
    )
    .set((
        idempotency_keys::fingerprint.eq(&stored.fingerprint),
        idempotency_keys::status_code.eq(i32::from(stored.status)),
        idempotency_keys::content_type.eq(&stored.content_type),
        idempotency_keys::response.eq(&stored.body),
    ))
    .execute(conn)?;
    Ok(())
}

/// Lets a claimed key go, so that a retry runs afresh (the request failed on our side).
pub fn release(conn: &mut DbConnection, tenant: TenantId, key: &str) -> Result<(), StoreError> {
    diesel::delete(
        idempotency_keys::table
            .filter(idempotency_keys::tenant_id.eq(tenant.get()))
            .filter(idempotency_keys::idempotency_key.eq(key)),
    )
    .execute(conn)?;
    Ok(())
}
