//! Withdraws an invoice that has no payments, with a reason. Its number stays used.

use serde::Deserialize;
use utoipa::ToSchema;

use super::record;
use super::views::{self, InvoiceView};
use crate::app::reason;
use crate::app::{App, AppResult, Caller};
use crate::domain::InvoiceId;
use crate::domain::Permission;
use crate::domain::invoice::InvoiceStatus;
use crate::store::invoices as stored;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoidBody {
    pub reason: String,
}

pub async fn void(
    app: &App,
    caller: Caller,
    id: InvoiceId,
    body: VoidBody,
) -> AppResult<InvoiceView> {
    let reason = reason("reason", &body.reason)?;
    app.write(caller, Permission::IssueInvoices, move |conn, auth| {
        let invoice = stored::get(conn, auth.scope, id)?;
        invoice.check_void()?;
        stored::void(conn, auth.tenant(), &invoice, &reason)?;
        record(
            conn,
            auth.tenant(),
            auth.actor(),
            id,
            "invoice.voided",
            Some(serde_json::json!({ "status": invoice.status })),
            Some(serde_json::json!({ "status": InvoiceStatus::Void, "reason": reason })),
        )?;
        let invoice = stored::get(conn, auth.scope, id)?;
        views::view(conn, auth.tenant(), invoice, None)
    })
    .await
}
