//! A contract's draft invoice for a month, from the figures as they stand.

use std::collections::HashMap;

use serde::Deserialize;
use utoipa::ToSchema;

use super::input::gather;
use crate::app::invoices::audit::brief;
use crate::app::invoices::views::{self, InvoiceView};
use crate::app::{App, AppError, AppResult, Caller};
use crate::domain::audit::Actor;
use crate::domain::billing::{BillingInput, InvoiceDraft, compute};
use crate::domain::invoice::{InvoiceKind, fingerprint};
use crate::domain::message::msg;
use crate::domain::{
    Contract, ContractId, ContractStatus, InvoiceId, Period, Permission, TenantId,
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

/// What is stored of an outcome: the draft and its input's fingerprint,
/// the input let go where it was made (a close keeps hundreds of months
/// waiting to be stored; their terms are most of an input).
pub struct Drafted {
    pub draft: InvoiceDraft,
    pub hash: String,
}

impl Drafted {
    pub fn computed(&self) -> Computed<'_> {
        Computed {
            draft: &self.draft,
            inputs_hash: &self.hash,
        }
    }
}

impl From<Outcome> for Drafted {
    fn from(outcome: Outcome) -> Self {
        Drafted {
            draft: outcome.draft,
            hash: outcome.hash,
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

/// The engine's answer for an input, with its fingerprint.
pub fn computed(input: BillingInput) -> Outcome {
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
    let outcome = outcome(conn, tenant, contract.clone(), period)?;
    let id = store_draft(conn, tenant, actor, &contract, period, outcome.computed())?;
    Ok((id, outcome))
}

/// Stores a computed month as the contract's draft, with its audit entry;
/// the caller holds the transaction.
pub fn store_draft(
    conn: &mut DbConnection,
    tenant: TenantId,
    actor: Actor,
    contract: &Contract,
    period: Period,
    computed: Computed<'_>,
) -> AppResult<InvoiceId> {
    let id = contract.id;
    store_drafts(conn, tenant, actor, period, &[(contract, computed)])?
        .pop()
        .map(|(_, invoice)| invoice)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("no draft stored for contract {id}")))
}

/// Stores computed months as their contracts' drafts, with their audit
/// entries, many to a statement; none is stored if one cannot be (a live
/// invoice for the period exists, say). The caller holds the transaction.
pub fn store_drafts(
    conn: &mut DbConnection,
    tenant: TenantId,
    actor: Actor,
    period: Period,
    drafts: &[(&Contract, Computed<'_>)],
) -> AppResult<Vec<(ContractId, InvoiceId)>> {
    let news: Vec<NewInvoice<'_>> = drafts
        .iter()
        .map(|(contract, computed)| NewInvoice {
            contract: contract.id,
            vendor: contract.vendor_id,
            period,
            kind: InvoiceKind::Invoice,
            adjusts: None,
            currency: contract.currency,
            computed: *computed,
        })
        .collect();
    let ids = stored::insert_many(conn, tenant, &news)?;
    let briefs: HashMap<ContractId, serde_json::Value> = drafts
        .iter()
        .map(|(contract, computed)| (contract.id, brief(computed.draft)))
        .collect();
    let changes: Vec<store::audit::Change<'_>> = ids
        .iter()
        .map(|(contract, invoice)| store::audit::Change {
            entity: "invoice",
            entity_id: invoice.get(),
            action: "invoice.drafted",
            before: None,
            after: briefs.get(contract),
        })
        .collect();
    store::audit::record_many(conn, tenant, actor, &changes)?;
    Ok(ids)
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
