//! Issues a draft: the next number of the tenant's series for the year, the
//! inputs and lines frozen from then on. Refused when the figures changed
//! since the draft was computed (recompute and check it first).

use chrono::Utc;

use super::record;
use super::views::{self, InvoiceView};
use crate::app::billing::draft::outcome;
use crate::app::reason;
use crate::app::{AppError, AppResult, AuthUser};
use crate::domain::InvoiceId;
use crate::domain::Permission;
use crate::domain::invoice::{self, LifecycleError, Series};
use crate::domain::message::msg;
use crate::store::{self, DbConnection, StoreError, invoices as stored};

/// What issuing takes besides the invoice.
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueBody {
    /// Needed when the figures are under dispute: why the invoice goes out anyway.
    #[serde(default)]
    pub dispute_override: Option<String>,
}

/// Who may issue.
pub const PERMISSION: Permission = Permission::IssueInvoices;

/// Checks the body before any work: a dispute override is a reason.
pub fn check(body: IssueBody) -> AppResult<Option<String>> {
    body.dispute_override
        .as_deref()
        .map(|text| reason("dispute_override", text))
        .transpose()
}

/// Issues invoice `id`, inside the caller's write transaction.
pub fn issue(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: InvoiceId,
    dispute_override: Option<String>,
) -> AppResult<InvoiceView> {
    auth.require(PERMISSION)?;
    // First: claim the draft, so that a second issue waits here and then finds none.
    stored::claim_draft(conn, auth.tenant(), id).map_err(|e| match e {
        StoreError::Conflict { .. } => match stored::get(conn, auth.scope, id) {
            Ok(invoice) => LifecycleError::IssueNotDraft(invoice.status).into(),
            Err(e) => e.into(),
        },
        other => AppError::from(other),
    })?;
    let invoice = stored::get(conn, auth.scope, id)?;
    invoice.check_issue(dispute_override.as_deref())?;
    let contract = store::contracts::get(conn, auth.scope, invoice.contract_id)?;
    let parties = stored::current_parties(conn, auth.scope, &contract)?;
    let zone = contract.time_zone;
    let fresh = outcome(conn, auth.tenant(), contract, invoice.period)?;
    if fresh.hash != invoice.inputs_hash {
        return Err(AppError::conflict_on(
            "inputs",
            msg!("error-invoice-inputs-changed"),
        ));
    }
    let today = zone.today(Utc::now());
    let year = chrono::Datelike::year(&today);
    let seq = stored::next_number(conn, auth.tenant(), Series::Invoice, year)?;
    let number = invoice::number(Series::Invoice, year, seq);
    let net_days = fresh
        .input
        .parts
        .last()
        .map_or(30, |p| p.terms.commercial.payment.net_days);
    let due_on = today + chrono::Days::new(u64::from(net_days));
    stored::issue(
        conn,
        auth.tenant(),
        id,
        stored::Issue {
            number: &number,
            inputs: &fresh.input,
            issued_on: today,
            due_on,
            by: auth.user_id(),
            dispute_override: dispute_override.as_deref(),
            parties: &parties,
        },
    )?;
    record(
        conn,
        auth.tenant(),
        auth.actor(),
        id,
        "invoice.issued",
        None,
        Some(
            serde_json::json!({ "number": number, "total": invoice.draft.total, "dispute_override": dispute_override }),
        ),
    )?;
    let invoice = stored::get(conn, auth.scope, id)?;
    views::view(conn, auth.tenant(), invoice, Some(false))
}
