//! What the audit log keeps of an invoice's steps.

use crate::app::AppResult;
use crate::domain::audit::Actor;
use crate::domain::billing::InvoiceDraft;
use crate::domain::{InvoiceId, TenantId};
use crate::store::{DbConnection, audit};

/// The invoice's line in the audit log.
pub fn record(
    conn: &mut DbConnection,
    tenant: TenantId,
    actor: Actor,
    id: InvoiceId,
    action: &str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> AppResult<()> {
    let change = audit::Change {
        entity: "invoice",
        entity_id: id.get(),
        action,
        before: before.as_ref(),
        after: after.as_ref(),
    };
    Ok(audit::record(conn, tenant, actor, change)?)
}

/// A draft's totals, as the audit log keeps them.
pub fn brief(draft: &InvoiceDraft) -> serde_json::Value {
    serde_json::json!({
        "subtotal": draft.subtotal,
        "tax": draft.tax,
        "total": draft.total,
        "lines": draft.lines.len(),
    })
}
