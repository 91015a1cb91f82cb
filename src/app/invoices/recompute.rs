//! Refreshes a draft from the current figures, terms and incidents.

use super::views::{self, InvoiceView};
use super::{brief, record};
use crate::app::billing::draft::outcome;
use crate::app::{App, AppError, AppResult, Caller};
use crate::domain::InvoiceId;
use crate::domain::Permission;
use crate::domain::invoice::InvoiceKind;
use crate::domain::message::msg;
use crate::store::{self, invoices as stored};

pub async fn recompute(app: &App, caller: Caller, id: InvoiceId) -> AppResult<InvoiceView> {
    app.write(caller, Permission::DraftInvoices, move |conn, auth| {
        let invoice = stored::get(conn, auth.scope, id)?;
        invoice.check_recompute()?;
        if invoice.kind == InvoiceKind::Adjustment {
            return Err(AppError::conflict(msg!("error-adjustment-not-recomputed")));
        }
        let contract = store::contracts::get(conn, auth.scope, invoice.contract_id)?;
        let fresh = outcome(conn, auth.tenant(), contract, invoice.period)?;
        stored::recompute(conn, auth.tenant(), &invoice, fresh.computed())?;
        record(
            conn,
            auth.tenant(),
            auth.actor(),
            id,
            "invoice.recomputed",
            Some(brief(&invoice.draft)),
            Some(brief(&fresh.draft)),
        )?;
        let invoice = stored::get(conn, auth.scope, id)?;
        views::view(conn, auth.tenant(), invoice, Some(false))
    })
    .await
}
