//! The monthly close: the draft of every contract billing in the month that
//! has none yet, in batches, one contract's failure leaving the others
//! standing. A second close adds nothing.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, PoisonError, mpsc};

use rust_decimal::Decimal;

use super::draft::{Drafted, computed, draft_invoice, store_draft, store_drafts};
use super::input;
use crate::app::{App, AppError, AppResult, Caller};
use crate::domain::audit::Actor;
use crate::domain::billing::BillingInput;
use crate::domain::message::{Explain, Message, msg};
use crate::domain::{Contract, ContractId, Period, Permission, TenantId};
use crate::store::invoices::Computed;
use crate::store::{self, DbConnection};

/// Contracts drafted per transaction: a failure costs at most one batch's retry.
const BATCH: usize = 500;

/// Connections a close takes beside its own when they are free: a second
/// reader, and a writer. Two readers keep two cores busy (a reader's thread
/// and its database's work are one after the other); the pool is left to
/// the requests beside the close.
const SPARES: usize = 2;

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
/// `progress` hears (done, of) after each batch.
///
/// Batch by batch, the stages side by side. Each connection reads batches
/// in turn on a thread of its own — a batch's months in one statement of
/// each kind — and computes them; this thread stores them in order, each
/// batch in one short write transaction, on a connection of its own when
/// there are three or more, else on the last between its reads. `conn`
/// alone does it all; `spares` are more connections, taken when free.
pub fn close(
    conn: &mut DbConnection,
    spares: Vec<&mut DbConnection>,
    tenant: TenantId,
    actor: Actor,
    period: Period,
    mut progress: impl FnMut(usize, usize),
) -> Result<CloseSummary, AppError> {
    let contracts =
        store::contracts::billable_between(conn, tenant, period.first_day(), period.last_day())?;
    let invoiced = store::invoices::invoiced_contracts(conn, tenant, period)?;
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
    progress(summary.already_invoiced, summary.contracts);
    let first = Mutex::new(conn);
    let spares: Vec<Mutex<&mut DbConnection>> = spares.into_iter().map(Mutex::new).collect();
    // With two spares or more the last only stores; else the last also reads.
    let (writer, reading_spares) = match spares.split_last() {
        Some((last, others)) if !others.is_empty() => (last, others),
        _ => (spares.last().unwrap_or(&first), &spares[..]),
    };
    let readers: Vec<&Mutex<&mut DbConnection>> =
        std::iter::once(&first).chain(reading_spares).collect();
    let batches: Vec<&[Contract]> = todo.chunks(BATCH).collect();
    std::thread::scope(|scope| {
        // Reader `i` takes batches i, i + readers, …: this thread hears them in order.
        let computed: Vec<mpsc::Receiver<Vec<(ContractId, Made)>>> = readers
            .iter()
            .enumerate()
            .map(|(i, &reader)| {
                let (send, computed) = mpsc::sync_channel(1);
                let mine: Vec<&[Contract]> = batches
                    .iter()
                    .skip(i)
                    .step_by(readers.len())
                    .copied()
                    .collect();
                scope.spawn(move || {
                    for batch in mine {
                        let read = read(&mut locked(reader), tenant, batch, period);
                        // Each input let go here, on the thread that read it.
                        let outcomes = read
                            .into_iter()
                            .map(|(id, read)| {
                                (id, read.map(|r| r.map(self::computed).map(Drafted::from)))
                            })
                            .collect();
                        if send.send(outcomes).is_err() {
                            break;
                        }
                    }
                });
                computed
            })
            .collect();
        for (batch, from) in batches.iter().zip(computed.iter().cycle()) {
            let outcomes = from.recv().map_err(|_| {
                AppError::internal(anyhow::anyhow!(
                    "one of the close's reading threads stopped"
                ))
            })?;
            let stored = store_batch(&mut locked(writer), tenant, actor, period, batch, outcomes)?;
            for (currency, total) in stored.made {
                summary.created += 1;
                *totals.entry(currency).or_default() += total;
            }
            summary.already_invoiced += stored.meanwhile;
            summary.failed.extend(stored.failed);
            progress(
                summary.already_invoiced + summary.created + summary.failed.len(),
                summary.contracts,
            );
        }
        // Should storing fail, the receivers are dropped here and the
        // readers stop at their next send.
        Ok::<_, AppError>(())
    })?;
    summary.totals = totals
        .into_iter()
        .map(|(currency, total)| CurrencyTotal {
            currency: currency.to_owned(),
            total,
        })
        .collect();
    Ok(summary)
}

/// The connection, whichever stage had it last: a stage that panicked is
/// reported by the scope, not by the next one to lock.
fn locked<'a, 'c>(
    conn: &'a Mutex<&'c mut DbConnection>,
) -> std::sync::MutexGuard<'a, &'c mut DbConnection> {
    conn.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What was read for one contract: its engine input, a refusal of its own,
/// or nothing when the batch's reads failed (it is then drafted alone).
type Read = Option<AppResult<BillingInput>>;
type Made = Option<AppResult<Drafted>>;

/// A batch's months read in one statement of each kind, in one read
/// transaction. Should that fail (a document of one contract the database
/// cannot read, say), each contract is left to be drafted on its own.
fn read(
    conn: &mut DbConnection,
    tenant: TenantId,
    batch: &[Contract],
    period: Period,
) -> Vec<(ContractId, Read)> {
    let read = store::savepoint(conn, |conn| {
        store::kpi::room_to_group(conn)?;
        input::of_contracts(conn, tenant, batch.to_vec(), period)
    });
    match read {
        Ok(inputs) => inputs
            .into_iter()
            .map(|(id, input)| (id, Some(input)))
            .collect(),
        Err(_) => batch.iter().map(|c| (c.id, None)).collect(),
    }
}

/// What storing a batch did.
struct Stored {
    made: Vec<(&'static str, Decimal)>,
    /// Drafted meanwhile by a close running beside this one.
    meanwhile: usize,
    failed: Vec<CloseFailure>,
}

/// Stores a batch's drafts in one write transaction.
fn store_batch(
    conn: &mut DbConnection,
    tenant: TenantId,
    actor: Actor,
    period: Period,
    batch: &[Contract],
    outcomes: Vec<(ContractId, Made)>,
) -> AppResult<Stored> {
    let mut outcomes: HashMap<ContractId, Made> = outcomes.into_iter().collect();
    store::write(conn, |conn| {
        let mut stored = Stored {
            made: Vec::new(),
            meanwhile: 0,
            failed: Vec::new(),
        };
        let mut ready = Vec::with_capacity(batch.len());
        let mut alone = Vec::new();
        for contract in batch {
            match outcomes.remove(&contract.id).flatten() {
                Some(Ok(outcome)) => ready.push((contract, outcome)),
                Some(Err(refused)) => stored.failed.push(failure(contract, refused)),
                None => alone.push(contract),
            }
        }
        // The batch's drafts stored together; should that fail (a close
        // beside this one drafted one of them since the list was read, say:
        // the database keeps one live invoice a month), each is stored on
        // its own, in a savepoint of its own, and one drafted meanwhile is
        // counted as such.
        let together: Vec<(&Contract, Computed<'_>)> =
            ready.iter().map(|(c, o)| (*c, o.computed())).collect();
        let all_at_once = store::savepoint(conn, |conn| {
            store_drafts(conn, tenant, actor, period, &together)
        })
        .is_ok();
        for (contract, outcome) in &ready {
            let drafted = if all_at_once {
                Ok(outcome.draft.total)
            } else {
                store::savepoint(conn, |conn| {
                    store_draft(conn, tenant, actor, contract, period, outcome.computed())
                })
                .map(|_| outcome.draft.total)
            };
            stored.count(contract, drafted);
        }
        for contract in alone {
            let drafted = store::savepoint(conn, |conn| {
                draft_invoice(conn, tenant, actor, contract.clone(), period)
            });
            stored.count(contract, drafted.map(|(_, outcome)| outcome.draft.total));
        }
        Ok(stored)
    })
}

impl Stored {
    fn count(&mut self, contract: &Contract, drafted: AppResult<Decimal>) {
        match drafted {
            Ok(total) => self.made.push((contract.currency.code(), total)),
            // A close running beside this one drafted it first.
            Err(AppError::Conflict {
                field: Some(field), ..
            }) if field == "period" => {
                self.meanwhile += 1;
            }
            Err(error) => self.failed.push(failure(contract, error)),
        }
    }
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
    let pool = app.pool.clone();
    app.read(caller, Permission::DraftInvoices, move |conn, auth| {
        // Taken only if idle now: the close never waits for more.
        let mut spares: Vec<_> = (0..SPARES).map_while(|_| pool.try_get()).collect();
        close(
            conn,
            spares.iter_mut().map(|c| &mut **c).collect(),
            auth.tenant(),
            auth.actor(),
            period,
            |_, _| {},
        )
    })
    .await
}
