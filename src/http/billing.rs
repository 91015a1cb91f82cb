//! The monthly close and what-if simulations.

use actix_web::{HttpRequest, post, web};
use rust_decimal::Decimal;
use serde::Serialize;
use utoipa::ToSchema;

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::language;
use super::state::AppState;
use crate::app::billing::draft::PeriodBody;
use crate::app::billing::simulate::{SimulateBody, SimulationView};
use crate::app::billing::{close, simulate as what_if};
use crate::catalogue::Language;
use crate::domain::{ContractId, Period, decimal};

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

impl CloseSummary {
    /// The close's summary, its failures written in `language`.
    fn of(summary: close::CloseSummary, language: Language) -> Self {
        Self {
            period: summary.period,
            contracts: summary.contracts,
            created: summary.created,
            already_invoiced: summary.already_invoiced,
            failed: summary
                .failed
                .into_iter()
                .map(|f| CloseFailure {
                    contract_id: f.contract_id,
                    contract_number: f.contract_number,
                    problem: language.message(&f.problem),
                })
                .collect(),
            totals: summary
                .totals
                .into_iter()
                .map(|t| CurrencyTotal {
                    currency: t.currency,
                    total: t.total,
                })
                .collect(),
        }
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
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<PeriodBody>,
) -> Result<web::Json<CloseSummary>, ApiError> {
    let summary = close::close_month(&state, caller, body.period).await?;
    Ok(web::Json(CloseSummary::of(summary, language::asked(&req))))
}

/// What the month's invoice would come to with other figures or terms: a
/// merchant weighing a proposal, a vendor seeing what a figure would cost.
/// Stores nothing.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/simulate", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract")),
    request_body = SimulateBody,
    responses((status = 200, body = SimulationView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/simulate")]
pub async fn simulate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
    Json(body): Json<SimulateBody>,
) -> Result<web::Json<SimulationView>, ApiError> {
    Ok(web::Json(
        what_if::simulate(&state, caller, id.into_inner(), body).await?,
    ))
}
