//! Invoices after their draft (`app::billing` makes drafts): issue with a
//! gap-free number, void, payments, credit notes and restatements — one file
//! per action — and the reads.

pub mod audit;
pub mod credit;
pub mod issue;
pub mod pay;
pub mod recompute;
pub mod restate;
pub mod views;
pub mod void;

use serde::Deserialize;
use utoipa::IntoParams;

pub(crate) use audit::{brief, record};
pub use views::{CreditNoteView, InvoiceSummary, InvoiceView, PaymentView};

use super::billing::draft::outcome;
use super::{App, AppResult, AuthUser, Caller};
use crate::domain::invoice::{Invoice, InvoiceStatus};
use crate::domain::violation::Violations;
use crate::domain::{ContractId, CreditNoteId, InvoiceId, Period, Permission, ShopId, VendorId};
use crate::store::invoices as stored;
use crate::store::{self, DbConnection, Page};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvoiceQuery {
    /// `2026-10`
    pub period: Option<String>,
    pub status: Option<String>,
    pub vendor: Option<i64>,
    pub shop: Option<i64>,
    pub contract: Option<i64>,
}

/// Invoices, oldest first, narrowed by period, status, vendor, shop or contract.
pub async fn list(
    app: &App,
    caller: Caller,
    query: InvoiceQuery,
    page: Page,
) -> AppResult<Vec<InvoiceSummary>> {
    let mut errors = Violations::default();
    let filter = stored::Filter {
        period: query
            .period
            .as_deref()
            .and_then(|p| errors.check("period", p.parse::<Period>())),
        status: query
            .status
            .as_deref()
            .and_then(|s| errors.check("status", s.parse::<InvoiceStatus>())),
        vendor: query.vendor.map(VendorId::new),
        shop: query.shop.map(ShopId::new),
        contract: query.contract.map(ContractId::new),
    };
    let filter = errors.finish(|| Some(filter))?;
    app.read(caller, Permission::ReadInvoices, move |conn, auth| {
        Ok(stored::list(conn, auth.scope, &filter, page)?
            .iter()
            .map(views::summary)
            .collect())
    })
    .await
}

/// One invoice with every line and its explanation.
pub async fn show(app: &App, caller: Caller, id: InvoiceId) -> AppResult<InvoiceView> {
    app.read(caller, Permission::ReadInvoices, move |conn, auth| {
        let invoice = stored::get(conn, auth.scope, id)?;
        let changed = inputs_changed(conn, auth, &invoice)?;
        views::view(conn, auth.tenant(), invoice, changed)
    })
    .await
}

/// The numbers of some invoices by id (a draft has none), for a list that
/// knows invoices by id only, such as the outbox. Ids out of the caller's
/// scope are left out.
pub async fn numbers(
    app: &App,
    caller: Caller,
    ids: Vec<InvoiceId>,
) -> AppResult<Vec<(InvoiceId, Option<String>)>> {
    app.read(caller, Permission::ReadInvoices, move |conn, auth| {
        Ok(stored::numbers(conn, auth.scope, &ids)?)
    })
    .await
}

/// One credit note.
pub async fn credit_note(app: &App, caller: Caller, id: CreditNoteId) -> AppResult<CreditNoteView> {
    app.read(caller, Permission::ReadInvoices, move |conn, auth| {
        let (note, _) = stored::credit_note(conn, auth.scope, id)?;
        Ok(views::note_view(note))
    })
    .await
}

/// Whether the inputs behind an invoice changed since it was computed (for
/// an issued one: since it was issued or last restated).
fn inputs_changed(
    conn: &mut DbConnection,
    auth: &AuthUser,
    invoice: &Invoice,
) -> AppResult<Option<bool>> {
    if invoice.status == InvoiceStatus::Void {
        return Ok(None);
    }
    let contract = store::contracts::get(conn, auth.scope, invoice.contract_id)?;
    let now = outcome(conn, auth.tenant(), contract, invoice.period)?;
    let (_, hash) = invoice.baseline();
    Ok(Some(now.hash != hash))
}
