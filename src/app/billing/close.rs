//! The monthly close: the draft of every contract billing in the month that
//! has none yet, in batches, one contract's failure leaving the others
//! standing. A second close adds nothing.

use std::collections::{BTreeMap, HashMap, HashSet};

use rust_decimal::Decimal;

use super::draft::{Outcome, draft_invoice, outcomes, store_draft};
use crate::app::{App, AppError, AppResult, Caller};
use crate::domain::audit::Actor;
use crate::domain::message::{Explain, Message, msg};
use crate::domain::{Contract, ContractId, Period, Permission, TenantId};
use crate::store::{self, DbConnection};

/// Contracts drafted per transaction: a failure costs at most one batch's retry.
const BATCH: usize = 500;

/// A contract the close could not draft. The JSON API writes `problem` in
/// the caller's language, the command line in English.
#[derive(Debug)]
pub struct CloseFailure {
    pub contract_id: i64,
    pub contract_number: String,
    /// Why no draft was made.
    pub problem: Message,
    /// The failure is ours (logged with its causes for the operators), not
    /// something the contract or its figures can be corrected for.
    pub internal: bool,
}

#[derive(Debug)]
pub struct CurrencyTotal {
    pub currency: String,
    pub total: Decimal,
}

/// What a close did.
#[derive(Debug)]
pub struct CloseSummary {
    pub period: Period,
    /// Contracts that bill in the period.
    pub contracts: usize,
    /// Drafts made by this close.
    pub created: usize,
    /// Contracts that already had an invoice for the period.
    pub already_invoiced: usize,
    pub failed: Vec<CloseFailure>,
    /// Totals of the drafts made, per currency.
    pub totals: Vec<CurrencyTotal>,
}

/// Makes the draft of every contract billing in `period` that has none yet.
/// `progress` hears (done, of) after each contract.
pub fn close(
    conn: &mut DbConnection,
    tenant: TenantId,
    actor: Actor,
    period: Period,
    mut progress: impl FnMut(usize, usize),
) -> Result<CloseSummary, AppError> {
    let contracts =
        store::contracts::billable_between(conn, tenant, period.first_day(), period.last_day())?;
    let invoiced: HashSet<ContractId> = store::invoices::invoiced_contracts(conn, tenant, period)?
        .into_iter()
        .collect();
    let (done, todo): (Vec<_>, Vec<_>) = contracts
        .into_iter()
        .partition(|c| invoiced.contains(&c.id));
    let mut summary = CloseSummary {
        period,
        contracts: done.len() + todo.len(),
        created: 0,
        already_invoiced: done.len(),
        failed: Vec::new(),
        totals: Vec::new(),
    };
    let mut totals: BTreeMap<&'static str, Decimal> = BTreeMap::new();
    let mut finished = 0;
    progress(summary.already_invoiced, summary.contracts);
    for batch in todo.chunks(BATCH) {
        let mut made = Vec::new();
        let mut failed = Vec::new();
        let mut meanwhile = 0;
        store::write(conn, |conn| {
            made.clear();
            failed.clear();
            // Another close may have drafted some since the list was read:
            // inside the write transaction the list is current (on SQLite the
            // writers queue; on PostgreSQL a race is caught below).
            let invoiced: HashSet<ContractId> =
                store::invoices::invoiced_contracts(conn, tenant, period)?
                    .into_iter()
                    .collect();
            meanwhile = 0;
            let mut todo = Vec::with_capacity(batch.len());
            for contract in batch {
                if invoiced.contains(&contract.id) {
                    meanwhile += 1;
                } else {
                    todo.push(contract);
                }
            }
            // One read of each kind for the whole batch. Should it fail (a
            // document of one contract the database cannot read, say), each
            // contract is drafted on its own, its failure its own.
            let computed = store::savepoint(conn, |conn| {
                outcomes(conn, tenant, todo.iter().map(|c| (*c).clone()).collect(), period)
            });
            let mut computed: HashMap<ContractId, AppResult<Outcome>> = match computed {
                Ok(outcomes) => outcomes.into_iter().collect(),
                Err(_) => HashMap::new(),
            };
            let skipped = meanwhile;
            for (i, contract) in todo.into_iter().enumerate() {
                progress(
                    summary.already_invoiced + finished + skipped + i + 1,
                    summary.contracts,
                );
                // A savepoint each: one contract's failure leaves the batch's others standing.
                let drafted = store::savepoint(conn, |conn| match computed.remove(&contract.id) {
                    Some(Ok(outcome)) => {
                        let of = (contract.id, contract.vendor_id, contract.currency);
                        store_draft(conn, tenant, actor, of, period, &outcome)?;
                        Ok(outcome.draft.total)
                    }
                    Some(Err(refused)) => Err(refused),
                    None => draft_invoice(conn, tenant, actor, contract.clone(), period)
                        .map(|(_, outcome)| outcome.draft.total),
                });
                match drafted {
                    Ok(total) => made.push((contract.currency.code(), total)),
                    // A close running beside this one drafted it first.
                    Err(AppError::Conflict {
                        field: Some(field), ..
                    }) if field == "period" => {
                        meanwhile += 1;
                    }
                    Err(error) => failed.push(failure(contract, error)),
                }
            }
            Ok::<_, AppError>(())
        })?;
        for (currency, total) in made.drain(..) {
            summary.created += 1;
            *totals.entry(currency).or_default() += total;
        }
        summary.already_invoiced += meanwhile;
        summary.failed.append(&mut failed);
        finished += batch.len();
    }
    summary.totals = totals
        .into_iter()
        .map(|(currency, total)| CurrencyTotal {
            currency: currency.to_owned(),
            total,
        })
        .collect();
    Ok(summary)
}

/// Why one contract could not be drafted. An internal error (figures the
/// database cannot sum, say) is logged with its causes and listed without
/// them; the close goes on with the other contracts.
fn failure(contract: &Contract, error: AppError) -> CloseFailure {
    let internal = matches!(error, AppError::Internal(_));
    let problem = match error {
        AppError::Internal(cause) => {
            tracing::error!(
                contract = contract.id.get(),
                error = format!("{cause:#}"),
                "the close could not draft a contract"
            );
            msg!("error-close-internal")
        }
        refusal => refusal.message(),
    };
    CloseFailure {
        contract_id: contract.id.get(),
        contract_number: contract.number.clone(),
        problem,
        internal,
    }
}

/// Closes a month for the caller's organisation.
pub async fn close_month(app: &App, caller: Caller, period: Period) -> AppResult<CloseSummary> {
    app.read(caller, Permission::DraftInvoices, move |conn, auth| {
        close(conn, auth.tenant(), auth.actor(), period, |_, _| {})
    })
    .await
}
