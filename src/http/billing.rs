//! The monthly close and what-if simulations.

use std::collections::{BTreeMap, HashSet};

use actix_web::{post, web};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::billing_input::gather;
use super::contracts::frame;
use super::error::{ApiError, FieldErrors, Problem};
use super::extract::Caller;
use super::figures;
use super::invoices::{PeriodBody, draft_invoice};
use super::json::Json;
use super::reports::{EnteredFigure, check_totals};
use super::state::AppState;
use crate::domain::billing::{Basis, InvoiceDraft, MetricInput, TermsPart, compute};
use crate::domain::report::segments;
use crate::domain::terms::Terms;
use crate::domain::{ContractId, Period, Permission, TenantId, decimal};
use crate::store::{self, DbConnection, audit};

/// Contracts drafted per transaction: a failure costs at most one batch's retry.
const BATCH: usize = 500;

#[derive(Debug, Serialize, ToSchema)]
pub struct CloseFailure {
    pub contract_id: i64,
    pub contract_number: String,
    /// Why no draft was made.
    pub problem: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CurrencyTotal {
    pub currency: String,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub total: Decimal,
}

/// What a close did.
#[derive(Debug, Serialize, ToSchema)]
pub struct CloseSummary {
    #[schema(value_type = String, example = "2026-10")]
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
    actor: audit::Actor,
    period: Period,
    mut progress: impl FnMut(usize, usize),
) -> Result<CloseSummary, ApiError> {
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
            for (i, contract) in batch.iter().enumerate() {
                progress(
                    summary.already_invoiced + finished + i + 1,
                    summary.contracts,
                );
                if invoiced.contains(&contract.id) {
                    meanwhile += 1;
                    continue;
                }
                // A savepoint each: one contract's failure leaves the batch's others standing.
                let drafted = store::savepoint(conn, |conn| {
                    draft_invoice(conn, tenant, actor, contract.clone(), period)
                });
                match drafted {
                    Ok((_, outcome)) => made.push((contract.currency.code(), outcome.draft.total)),
                    // A close running beside this one drafted it first.
                    Err(ApiError::Conflict {
                        field: Some(field), ..
                    }) if field == "period" => {
                        meanwhile += 1;
                    }
                    Err(error) => failed.push(failure(contract, error)),
                }
            }
            Ok::<_, ApiError>(())
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
fn failure(contract: &crate::domain::Contract, error: ApiError) -> CloseFailure {
    let problem = match error {
        ApiError::Internal(cause) => {
            tracing::error!(
                contract = contract.id.get(),
                error = format!("{cause:#}"),
                "the close could not draft a contract"
            );
            "the invoice could not be computed: an internal error, logged for the operators"
                .to_owned()
        }
        refusal => refusal.to_string(),
    };
    CloseFailure {
        contract_id: contract.id.get(),
        contract_number: contract.number.clone(),
        problem,
    }
}

/// Closes a month: the draft invoice of every contract billing in it that has
/// none yet. A second close adds nothing.
#[utoipa::path(post, path = "/api/v1/billing/close", tag = "invoices", security(("bearer" = [])),
    request_body = PeriodBody,
    responses((status = 200, body = CloseSummary), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
#[post("/billing/close")]
pub async fn close_month(
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<PeriodBody>,
) -> Result<web::Json<CloseSummary>, ApiError> {
    let summary = state
        .read(caller, Permission::DraftInvoices, move |conn, auth| {
            close(conn, auth.tenant(), auth.actor(), body.period, |_, _| {})
        })
        .await?;
    Ok(web::Json(summary))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulateBody {
    #[schema(value_type = String, example = "2026-10")]
    pub period: Period,
    /// Figures to use instead of the month's own, as the month's totals.
    #[serde(default)]
    pub figures: Vec<EnteredFigure>,
    /// Terms to use instead of those in force (a negotiation's proposal).
    #[serde(default)]
    pub terms: Option<Terms>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SimulationView {
    #[schema(value_type = String)]
    pub period: Period,
    /// The metrics whose figures were replaced.
    pub hypothetical: Vec<String>,
    pub terms_replaced: bool,
    /// The invoice that would result; nothing is stored.
    pub draft: InvoiceDraft,
}

/// What the month's invoice would come to with other figures or terms: a
/// merchant weighing a proposal, a vendor seeing what a figure would cost.
/// Stores nothing.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/simulate", tag = "invoices", security(("bearer" = [])),
    request_body = SimulateBody,
    responses((status = 200, body = SimulationView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/simulate")]
pub async fn simulate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    Json(body): Json<SimulateBody>,
) -> Result<web::Json<SimulationView>, ApiError> {
    let id = ContractId::new(id.into_inner());
    let view = state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            let contract = store::contracts::get(conn, auth.scope, id)?;
            let mut errors = FieldErrors::default();
            if let Some(terms) = &body.terms {
                for v in terms.check(&frame(&contract)).0 {
                    errors.add(format!("terms.{}", v.field), v.message);
                }
            }
            let (from, to) = figures::days_of(&contract, body.period)?;
            let totals = check_totals(&body.figures, (from, to), &mut errors, |_| None);
            errors.finish(|| Some(()))?;
            let mut input = gather(conn, auth.tenant(), contract, body.period)?;
            let mut hypothetical = Vec::new();
            for figure in totals {
                let metric = figure.metric;
                let replacement = MetricInput {
                    metric: metric.code.to_owned(),
                    basis: Basis::Hypothetical,
                    buckets: segments::buckets(
                        (from, to),
                        (figure.sums, figure.sums),
                        &figure.segments,
                    ),
                };
                input.figures.retain(|f| f.metric != metric.code);
                input.figures.push(replacement);
                hypothetical.push(metric.code.to_owned());
            }
            let terms_replaced = body.terms.is_some();
            if let Some(terms) = body.terms {
                input.parts = vec![TermsPart {
                    version: 0,
                    from: input.from,
                    to: input.to,
                    terms,
                }];
            }
            Ok(SimulationView {
                period: body.period,
                hypothetical,
                terms_replaced,
                draft: compute(&input),
            })
        })
        .await?;
    Ok(web::Json(view))
}
