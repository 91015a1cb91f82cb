//! The audit log.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::audit_log;
use super::time::utc;
use super::{DbConnection, Page, StoreError};
use crate::domain::audit::{Actor, AuditEntry};
use crate::domain::{ApiKeyId, TenantId, UserId};

/// One change to record.
pub struct Change<'a> {
    pub entity: &'a str,
    pub entity_id: i64,
    pub action: &'a str,
    pub before: Option<&'a serde_json::Value>,
    pub after: Option<&'a serde_json::Value>,
}

pub fn record(
    conn: &mut DbConnection,
    tenant: TenantId,
    actor: Actor,
    change: Change<'_>,
) -> Result<(), StoreError> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::tenant_id.eq(tenant.get()),
            audit_log::entity.eq(change.entity),
            audit_log::entity_id.eq(change.entity_id),
            audit_log::action.eq(change.action),
            audit_log::actor_user_id.eq(actor.user.map(UserId::get)),
            audit_log::actor_api_key_id.eq(actor.api_key.map(ApiKeyId::get)),
            audit_log::at.eq(super::now()),
            audit_log::before_value.eq(change.before.map(ToString::to_string)),
            audit_log::after_value.eq(change.after.map(ToString::to_string)),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = audit_log)]
struct AuditRow {
    id: i64,
    entity: String,
    entity_id: i64,
    action: String,
    actor_user_id: Option<i64>,
    actor_api_key_id: Option<i64>,
    at: NaiveDateTime,
    before_value: Option<String>,
    after_value: Option<String>,
}

fn json(text: Option<String>) -> Result<Option<serde_json::Value>, StoreError> {
    text.map(|t| serde_json::from_str(&t).map_err(StoreError::corrupt))
        .transpose()
}

/// The entries for one thing, oldest first.
pub fn list(
    conn: &mut DbConnection,
    tenant: TenantId,
    entity: &str,
    entity_id: i64,
    page: Page,
) -> Result<Vec<AuditEntry>, StoreError> {
    let rows = audit_log::table
        .filter(audit_log::tenant_id.eq(tenant.get()))
        .filter(audit_log::entity.eq(entity))
        .filter(audit_log::entity_id.eq(entity_id))
        .filter(audit_log::id.gt(page.after.unwrap_or(0)))
        .select(AuditRow::as_select())
        .order(audit_log::id)
        .limit(page.fetch())
        .load(conn)?;
    rows.into_iter()
        .map(|row| {
            Ok(AuditEntry {
                id: row.id,
                entity: row.entity,
                entity_id: row.entity_id,
                action: row.action,
                actor_user_id: row.actor_user_id.map(UserId::new),
                actor_api_key_id: row.actor_api_key_id.map(ApiKeyId::new),
                at: utc(row.at),
                before: json(row.before_value)?,
                after: json(row.after_value)?,
            })
        })
        .collect()
}
