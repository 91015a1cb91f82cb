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

#[derive(Insertable)]
#[diesel(table_name = audit_log, treat_none_as_default_value = false)]
struct Row<'a> {
    tenant_id: i64,
    entity: &'a str,
    entity_id: i64,
    action: &'a str,
    actor_user_id: Option<i64>,
    actor_api_key_id: Option<i64>,
    at: NaiveDateTime,
    before_value: Option<String>,
    after_value: Option<String>,
}

pub fn record(
    conn: &mut DbConnection,
    tenant: TenantId,
    actor: Actor,
    change: Change<'_>,
) -> Result<(), StoreError> {
    record_many(conn, tenant, actor, &[change])
}

/// Records changes by one actor, many to a statement.
pub fn record_many(
    conn: &mut DbConnection,
    tenant: TenantId,
    actor: Actor,
    changes: &[Change<'_>],
) -> Result<(), StoreError> {
    let at = super::now();
    let rows: Vec<Row<'_>> = changes
        .iter()
        .map(|change| Row {
            tenant_id: tenant.get(),
            entity: change.entity,
            entity_id: change.entity_id,
            action: change.action,
            actor_user_id: actor.user.map(UserId::get),
            actor_api_key_id: actor.api_key.map(ApiKeyId::get),
            at,
            before_value: change.before.map(ToString::to_string),
            after_value: change.after.map(ToString::to_string),
        })
        .collect();
    for chunk in rows.chunks(1000) {
        // Many rows to a statement is each backend's own statement.
        let insert = diesel::insert_into(audit_log::table).values(chunk);
        match conn {
            DbConnection::Sqlite(conn) => insert.execute(conn)?,
            DbConnection::Pg(conn) => insert.execute(conn)?,
        };
    }
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
