//! The handover plan as the people running it read it: each phase in order
//! with its dates, scope, seats and status, the SLA targets that apply in
//! it (ramping up phase by phase, with their peak-season overrides), and its
//! exit gate judged on the month a start would be judged on.

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;

use super::ContractView;
use super::gate::{self, GateView};
use super::phases::default_gate_period;
use crate::app::{App, AppError, AppResult, Caller};
use crate::domain::terms::{Phase, Terms};
use crate::domain::versions::PhaseStatus;
use crate::domain::{ContractId, ContractStatus, Period, Permission};
use crate::store;

pub struct HandoverView {
    pub contract: ContractView,
    /// The version of the terms the plan is read from.
    pub version: u32,
    pub phases: Vec<PhaseView>,
    /// The month the gates are judged on: what starting the next phase checks
    /// unless another month is asked for.
    pub gate_period: Period,
}

pub struct PhaseView {
    pub phase: Phase,
    pub status: PhaseStatus,
    /// The SLA clauses in force during the phase, each with its target.
    pub targets: Vec<Target>,
    /// The phase's exit criteria against the gate month; `None` when that
    /// month's figures cannot be read (a draft, a month without terms).
    pub gate: Option<GateView>,
}

pub struct Target {
    pub clause: String,
    pub metric: String,
    pub target: Decimal,
    /// Days after the phase starts before the clause is measured.
    pub grace_days: u32,
    /// Other targets for some days of the phase (a peak season such as 双11).
    pub overrides: Vec<(String, NaiveDate, NaiveDate, Decimal)>,
}

/// The handover plan of a contract: the terms in force today (a draft's own
/// terms while it is a draft), each phase with its status and gate.
pub async fn plan(app: &App, caller: Caller, id: ContractId) -> AppResult<HandoverView> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let today = contract.time_zone.today(Utc::now());
        let version = if contract.status == ContractStatus::Draft {
            store::terms::editable(conn, auth.tenant(), id)?
        } else {
            let day = today.clamp(contract.start, contract.end);
            store::terms::in_force(conn, auth.tenant(), id, day)?
        }
        .ok_or(AppError::NotFound)?;
        let statuses = store::terms::phase_statuses(conn, auth.tenant(), id)?;
        let gate_period = default_gate_period(&contract, today);
        let terms = &version.terms;
        let mut phases = Vec::new();
        for (position, phase) in terms.phases_in_order().into_iter().enumerate() {
            let gate = if contract.status == ContractStatus::Draft {
                None
            } else {
                match gate::evaluate(conn, auth, id, phase, gate_period) {
                    Ok(gate) => Some(gate),
                    Err(AppError::Conflict { .. } | AppError::Invalid(_)) => None,
                    Err(other) => return Err(other),
                }
            };
            phases.push(PhaseView {
                status: statuses
                    .get(&phase.id)
                    .copied()
                    .unwrap_or(PhaseStatus::Planned),
                targets: targets(terms, position, phase),
                gate,
                phase: phase.clone(),
            });
        }
        Ok(HandoverView {
            contract: contract.into(),
            version: version.version,
            phases,
            gate_period,
        })
    })
    .await
}

/// The clauses that apply in the phase at `position` of the plan: those for
/// all phases and those from this phase or an earlier one on.
fn targets(terms: &Terms, position: usize, phase: &Phase) -> Vec<Target> {
    let ordered = terms.phases_in_order();
    let applies = |from: Option<u32>| match from {
        None => true,
        Some(id) => ordered[..=position].iter().any(|p| p.id == id),
    };
    let last_day = phase.spec.end.pred_opt().unwrap_or(phase.spec.end);
    terms
        .sla_clauses
        .iter()
        .filter(|c| applies(c.spec.applies_from_phase))
        .map(|c| Target {
            clause: c.spec.name.clone(),
            metric: c.spec.metric.clone(),
            target: c.spec.target,
            grace_days: if c.spec.applies_from_phase == Some(phase.id) {
                c.spec.grace_days
            } else {
                0
            },
            overrides: c
                .spec
                .overrides
                .iter()
                .filter(|o| o.from <= last_day && o.to >= phase.spec.start)
                .map(|o| (o.label.clone(), o.from, o.to, o.target))
                .collect(),
        })
        .collect()
}
