//! A contract's draft invoice for a month, from the figures as they stand.

use serde::Deserialize;
use utoipa::ToSchema;

use super::input::{self, gather};
use crate::app::month;
use crate::app::invoices::audit::{brief, record};
use crate::app::invoices::views::{self, InvoiceView};
use crate::app::{App, AppError, AppResult, Caller};
use crate::domain::audit::Actor;
use crate::domain::billing::{BillingInput, InvoiceDraft, compute};
use crate::domain::invoice::{InvoiceKind, fingerprint};
use crate::domain::message::msg;
use crate::domain::{
    Contract, ContractId, ContractStatus, Currency, InvoiceId, Period, Permission, TenantId,
    VendorId,
};
use crate::store::invoices::{self as stored, Computed, NewInvoice};
use crate::store::{self, DbConnection};

/// The engine's answer for a contract's month, with its input and fingerprint.
pub struct Outcome {
    pub input: BillingInput,
    pub draft: InvoiceDraft,
    pub hash: String,
}

impl Outcome {
    pub fn computed(&self) -> Computed<'_> {
        Computed {
            draft: &self.draft,
            inputs_hash: &self.hash,
        }
    }
}

/// Computes a contract's month as it stands, storing nothing.
pub fn outcome(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: Contract,
    period: Period,
) -> AppResult<Outcome> {
    let input = gather(conn, tenant, contract, period)?;
    Ok(computed(input))
}

/// Computes the months of many contracts as they stand, storing nothing,
/// with one read of each kind for all of them; each contract has its own
/// answer (a draft contract, or a month without terms, is refused alone),
/// in no particular order.
pub fn outcomes(
    conn: &mut DbConnection,
    tenant: TenantId,
    contracts: Vec<Contract>,
    period: Period,
) -> AppResult<Vec<(ContractId, AppResult<Outcome>)>> {
    let mut answers: Vec<(ContractId, AppResult<Outcome>)> = Vec::new();
    let mut billing = Vec::new();
    for contract in contracts {
        match billable(&contract) {
            Ok(()) => billing.push(contract),
            Err(refused) => answers.push((contract.id, Err(refused))),
        }
    }
    let mut months = Vec::new();
    for (id, gathered) in month::gather_all(conn, tenant, billing, period)? {
        match gathered {
            Ok(month) => months.push(month),
            Err(refused) => answers.push((id, Err(refused))),
        }
    }
    let ids: Vec<ContractId> = months.iter().map(|m| m.contract.id).collect();
    let inputs = input::inputs(conn, tenant, months)?;
    answers.extend(
        ids.into_iter()
            .zip(inputs)
            .map(|(id, input)| (id, Ok(computed(input)))),
    );
    Ok(answers)
}

fn computed(input: BillingInput) -> Outcome {
    let draft = compute(&input);
    let hash = fingerprint(&input);
    Outcome { input, draft, hash }
}

/// Draft contracts are not billed.
fn billable(contract: &Contract) -> AppResult<()> {
    if contract.status == ContractStatus::Draft {
        return Err(AppError::conflict(msg!("error-draft-contract-bills")));
    }
    Ok(())
}

/// Stores a month's draft for a contract; the caller holds the transaction.
pub fn draft_invoice(
    conn: &mut DbConnection,
    tenant: TenantId,
    actor: Actor,
    contract: Contract,
    period: Period,
) -> AppResult<(InvoiceId, Outcome)> {
    billable(&contract)?;
    let (id_of, vendor, currency) = (contract.id, contract.vendor_id, contract.currency);
    let outcome = outcome(conn, tenant, contract, period)?;
    let id = store_draft(conn, tenant, actor, (id_of, vendor, currency), period, &outcome)?;
    Ok((id, outcome))
}

/// Stores a computed month as the contract's draft, with its audit entry;
/// the caller holds the transaction.
pub fn store_draft(
    conn: &mut DbConnection,
    tenant: TenantId,
    actor: Actor,
    (contract, vendor, currency): (ContractId, VendorId, Currency),
    period: Period,
    outcome: &Outcome,
) -> AppResult<InvoiceId> {
    let id = stored::insert(
        conn,
        tenant,
        NewInvoice {
            contract,
            vendor,
            period,
            kind: InvoiceKind::Invoice,
            adjusts: None,
            currency,
            computed: outcome.computed(),
        },
    )?;
    record(
        conn,
        tenant,
        actor,
        id,
        "invoice.drafted",
        None,
        Some(brief(&outcome.draft)),
    )?;
    Ok(id)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodBody {
    #[schema(value_type = String, example = "2026-10")]
    pub period: Period,
}

/// Makes the draft invoice of a contract's month from the figures as they stand.
pub async fn create(
    app: &App,
    caller: Caller,
    id: ContractId,
    period: Period,
) -> AppResult<InvoiceView> {
    app.write(caller, Permission::DraftInvoices, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let (invoice_id, _) = draft_invoice(conn, auth.tenant(), auth.actor(), contract, period)?;
        let invoice = stored::get(conn, auth.scope, invoice_id)?;
        views::view(conn, auth.tenant(), invoice, Some(false))
    })
    .await
}
