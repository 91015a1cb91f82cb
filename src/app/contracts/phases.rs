//! The handover phases of an active contract: started (behind the gate of the
//! phase before), completed, rolled back.

use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ReasonBody, audit, gate};
use crate::app::reason;
use crate::app::{App, AppError, AppResult, AuthUser, Caller};
use crate::domain::message::msg;
use crate::domain::versions::PhaseStatus;
use crate::domain::{Contract, ContractId, ContractStatus, Period, Permission, Role};
use crate::store::{self, DbConnection};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartPhaseBody {
    pub reason: String,
    /// The month the previous phase's gate is evaluated on; by default the last month that is
    /// over (in the contract's first month, that month so far).
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "2026-10")]
    pub gate_period: Option<Period>,
    /// Start although the previous phase's gate fails: owners only, and the reason says why.
    #[serde(default)]
    pub override_gate: bool,
}

/// How a phase start treats the gate of the phase before it.
#[derive(Debug, Clone, Copy)]
struct GateCheck {
    period: Option<Period>,
    override_gate: bool,
}

/// Starts a handover phase. The phase before it must be completed and its exit
/// criteria (its gate) must pass for `gate_period` — by default the last month
/// that is over — unless an owner overrides the gate with a reason.
pub async fn start(
    app: &App,
    caller: Caller,
    id: ContractId,
    phase: u32,
    body: StartPhaseBody,
) -> AppResult<PhaseStatus> {
    let reason = reason("reason", &body.reason)?;
    let gate = GateCheck {
        period: body.gate_period,
        override_gate: body.override_gate,
    };
    app.write(caller, Permission::WriteContracts, move |conn, auth| {
        let to = PhaseStatus::InProgress;
        move_phase(conn, auth, id, phase, to, &reason, Some(gate))
    })
    .await
}

/// Completes a phase in progress.
pub async fn complete(
    app: &App,
    caller: Caller,
    id: ContractId,
    phase: u32,
    body: ReasonBody,
) -> AppResult<PhaseStatus> {
    step(app, caller, id, phase, PhaseStatus::Completed, body).await
}

/// Rolls a phase in progress back: the merchant takes the work back.
pub async fn roll_back(
    app: &App,
    caller: Caller,
    id: ContractId,
    phase: u32,
    body: ReasonBody,
) -> AppResult<PhaseStatus> {
    step(app, caller, id, phase, PhaseStatus::RolledBack, body).await
}

/// A step of a phase other than its start, with its reason.
async fn step(
    app: &App,
    caller: Caller,
    id: ContractId,
    phase: u32,
    to: PhaseStatus,
    body: ReasonBody,
) -> AppResult<PhaseStatus> {
    let reason = reason("reason", &body.reason)?;
    app.write(caller, Permission::WriteContracts, move |conn, auth| {
        move_phase(conn, auth, id, phase, to, &reason, None)
    })
    .await
}

/// The month a gate is judged on unless another is asked for: the last month
/// that is over; in the contract's first month, that month so far.
pub fn default_gate_period(contract: &Contract, today: NaiveDate) -> Period {
    let last = Period::of(today).previous();
    match last.clip(contract.start, contract.end) {
        Some(_) => last,
        None => Period::of(today),
    }
}

fn move_phase(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    phase: u32,
    to: PhaseStatus,
    reason: &str,
    gate: Option<GateCheck>,
) -> AppResult<PhaseStatus> {
    let contract = store::contracts::get(conn, auth.scope, id)?;
    if contract.status_today(Utc::now()) != ContractStatus::Active {
        return Err(AppError::conflict(msg!("error-phases-need-active")));
    }
    let today = contract.time_zone.today(Utc::now());
    let terms = store::terms::in_force(conn, auth.tenant(), id, today)?
        .ok_or(AppError::NotFound)?
        .terms;
    let ordered = terms.phases_in_order();
    let position = ordered
        .iter()
        .position(|p| p.id == phase)
        .ok_or(AppError::NotFound)?;
    let statuses = store::terms::phase_statuses(conn, auth.tenant(), id)?;
    let status_of = |id: u32| statuses.get(&id).copied().unwrap_or(PhaseStatus::Planned);
    let current = status_of(phase);
    let next = current.change_to(to)?;
    let previous = position.checked_sub(1).map(|p| ordered[p]);
    if to == PhaseStatus::InProgress
        && let Some(previous) = previous
        && status_of(previous.id) != PhaseStatus::Completed
    {
        return Err(AppError::conflict(msg!(
            "error-phase-previous-open",
            phase = &previous.spec.name
        )));
    }
    let mut gate_record = serde_json::Value::Null;
    if let (Some(check), Some(previous)) = (gate, previous) {
        let period = check
            .period
            .unwrap_or_else(|| default_gate_period(&contract, today));
        let result = gate::evaluate(conn, auth, id, previous, period)?;
        if !result.passed {
            if !check.override_gate {
                let failed: Vec<String> = result
                    .criteria
                    .iter()
                    .filter(|c| !c.passed)
                    .map(|c| c.metric.clone())
                    .collect();
                return Err(AppError::conflict_on(
                    "gate_period",
                    msg!(
                        "error-phase-gate-fails",
                        phase = &previous.spec.name,
                        period = period,
                        metrics = failed.join(", ")
                    ),
                ));
            }
            if auth.role != Role::Owner {
                return Err(AppError::Forbidden);
            }
        }
        gate_record = serde_json::json!({
            "phase": previous.id,
            "period": period,
            "passed": result.passed,
            "overridden": !result.passed,
            "criteria": result.criteria,
        });
    }
    store::terms::set_phase_status(conn, auth.tenant(), id, phase, next, reason, auth.user_id())?;
    let before = serde_json::json!({ "phase": phase, "status": current });
    let mut after = serde_json::json!({ "phase": phase, "status": next, "reason": reason });
    if !gate_record.is_null() {
        after["gate"] = gate_record;
    }
    audit(
        conn,
        auth,
        id,
        &format!("phase.{next}"),
        Some(before),
        Some(after),
    )?;
    Ok(next)
}
