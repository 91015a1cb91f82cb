//! A handover phase's gate: its exit criteria against a month's figures.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::app::{App, AppError, AppResult, AuthUser, Caller, month};
use crate::domain::kpi::{self, CriterionResult};
use crate::domain::terms::Phase;
use crate::domain::{ContractId, Period, Permission};
use crate::store::{self, DbConnection};

#[derive(Debug, Serialize, ToSchema)]
pub struct GateView {
    pub phase: u32,
    pub phase_name: String,
    #[schema(value_type = String)]
    pub period: Period,
    /// Each exit criterion against the month's figures for SLA.
    pub criteria: Vec<CriterionResult>,
    /// Every criterion holds (a phase without criteria always passes).
    pub passed: bool,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GateQuery {
    /// The month to evaluate, `YYYY-MM`.
    #[param(value_type = String, example = "2026-10")]
    pub period: Period,
}

/// Evaluates a phase's exit criteria on a month's figures.
pub(super) fn evaluate(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    phase: &Phase,
    period: Period,
) -> AppResult<GateView> {
    let month = month::load(conn, auth, id, period)?;
    let criteria = kpi::evaluate_gate(
        &phase.spec.exit_criteria,
        &month.sla_sums(),
        month.minor_digits(),
    );
    Ok(GateView {
        phase: phase.id,
        phase_name: phase.spec.name.clone(),
        period,
        passed: criteria.iter().all(|c| c.passed),
        criteria,
    })
}

/// A phase's gate: its exit criteria against a month's figures, each with the
/// actual value, the threshold and whether it holds.
pub async fn gate(
    app: &App,
    caller: Caller,
    id: ContractId,
    phase: u32,
    query: GateQuery,
) -> AppResult<GateView> {
    let period = query.period;
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let day = period
            .clip(contract.start, contract.end)
            .map_or(contract.start, |(_, to)| to);
        let terms = store::terms::in_force(conn, auth.tenant(), id, day)?
            .ok_or(AppError::NotFound)?
            .terms;
        let phase = terms
            .phases
            .iter()
            .find(|p| p.id == phase)
            .ok_or(AppError::NotFound)?;
        evaluate(conn, auth, id, phase, period)
    })
    .await
}
