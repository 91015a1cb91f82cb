//! A contract's life: activation, suspension, termination; amendments to its
//! terms; the start, completion and roll-back of handover phases.

use crate::domain::terms::Frame;
use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::contracts::{ContractView, ReasonBody, TermsVersionView};
use super::error::{ApiError, Problem};
use super::extract::{AuthUser, Caller};
use super::json::Json;
use super::state::AppState;
use crate::app::contracts::{audit, to_json};
use crate::app::month as figures;
use crate::domain::kpi::{self, CriterionResult};
use crate::domain::terms::Phase;
use crate::domain::text::parse_text;
use crate::domain::versions::{PhaseStatus, TermsState, check_effective_from};
use crate::domain::{Contract, ContractId, ContractStatus, Period, Permission, Role, VendorStatus};
use crate::store::{self, DbConnection, terms::NewVersion};

const REASON_MAX: usize = 1000;

fn reason(body: &ReasonBody) -> Result<String, ApiError> {
    parse_text(&body.reason, REASON_MAX).map_err(|e| ApiError::invalid("reason", e))
}

/// Moves a contract to `to`, if its life allows, and audits it.
fn change_status(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    to: ContractStatus,
    reason: Option<&str>,
) -> Result<Contract, ApiError> {
    let mut contract = store::contracts::get(conn, auth.scope, id)?;
    let now = contract.status_today(Utc::now());
    if now == ContractStatus::Expired {
        return Err(ApiError::Conflict {
            field: Some("status".into()),
            message: "the contract has expired".into(),
        });
    }
    contract.status = contract
        .status
        .change_to(to)
        .map_err(|refused| ApiError::Conflict {
            field: Some("status".into()),
            message: refused.to_string(),
        })?;
    let ended = contract.end;
    if to == ContractStatus::Terminated {
        // Terminated today: it runs, and bills, no further (a contract
        // terminated before it began keeps its first day).
        let today = contract.time_zone.today(Utc::now());
        contract.end = today.clamp(contract.start, contract.end);
    }
    store::contracts::save(conn, &contract)?;
    let mut detail = serde_json::json!({ "status": to, "reason": reason });
    if contract.end != ended {
        detail["end"] = serde_json::json!(contract.end);
    }
    audit(
        conn,
        auth,
        id,
        &format!("contract.{to}"),
        Some(serde_json::json!({ "status": now })),
        Some(detail),
    )?;
    Ok(contract)
}

/// Puts a draft in force: its terms must be complete and its vendor active.
/// Every problem is listed at once.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/activate", tag = "contract life", security(("bearer" = [])),
    responses((status = 200, body = ContractView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, description = "The terms are not complete: every problem, by field", body = Problem)))]
#[post("/contracts/{id}/activate")]
pub async fn activate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<ContractView>, ApiError> {
    let id = ContractId::new(id.into_inner());
    let contract = state
        .write(caller, Permission::WriteContracts, move |conn, auth| {
            let contract = store::contracts::get(conn, auth.scope, id)?;
            if contract.status != ContractStatus::Draft {
                return Err(ApiError::Conflict {
                    field: Some("status".into()),
                    message: format!(
                        "only a draft can be activated; this contract is {}",
                        contract.status
                    ),
                });
            }
            let vendor = store::vendors::get(conn, auth.scope, contract.vendor_id)?;
            if vendor.status != VendorStatus::Active {
                return Err(ApiError::invalid("vendor_id", "the vendor is not active"));
            }
            let draft =
                store::terms::editable(conn, auth.tenant(), id)?.ok_or(ApiError::NotFound)?;
            draft
                .terms
                .completeness(&Frame::of(&contract))
                .into_result()?;
            store::terms::settle(
                conn,
                auth.tenant(),
                id,
                draft.version,
                TermsState::InForce,
                Some(contract.start),
                auth.user_id(),
            )?;
            change_status(conn, auth, id, ContractStatus::Active, None)
        })
        .await?;
    Ok(web::Json(contract.into()))
}

macro_rules! status_route {
    ($name:ident, $path:literal, $doc_path:literal, $to:expr, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $doc_path, tag = "contract life", security(("bearer" = [])), request_body = ReasonBody,
            responses((status = 200, body = ContractView), (status = 401, body = Problem), (status = 403, body = Problem),
                (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
        #[post($path)]
        pub async fn $name(
            state: web::Data<AppState>,
            caller: Caller,
            id: web::Path<i64>,
            Json(body): Json<ReasonBody>,
        ) -> Result<web::Json<ContractView>, ApiError> {
            let id = ContractId::new(id.into_inner());
            let reason = reason(&body)?;
            let contract = state
                .write(caller, Permission::WriteContracts, move |conn, auth| {
                    change_status(conn, auth, id, $to, Some(&reason))
                })
                .await?;
            Ok(web::Json(contract.into()))
        }
    };
}

status_route!(
    suspend,
    "/contracts/{id}/suspend",
    "/api/v1/contracts/{id}/suspend",
    ContractStatus::Suspended,
    "Pauses an active contract."
);
status_route!(
    resume,
    "/contracts/{id}/resume",
    "/api/v1/contracts/{id}/resume",
    ContractStatus::Active,
    "Resumes a suspended contract."
);
status_route!(
    terminate,
    "/contracts/{id}/terminate",
    "/api/v1/contracts/{id}/terminate",
    ContractStatus::Terminated,
    "Ends a contract early; final."
);

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AmendmentBody {
    /// From when the amended terms apply: within the contract, not before the current month unless a correction.
    pub effective_from: NaiveDate,
    pub reason: String,
    /// Says the amendment reaches back into a past period on purpose.
    #[serde(default)]
    pub correction: bool,
}

/// Opens an amendment to a signed contract: a copy of the terms now in force,
/// edited through the parts' routes until it is applied or discarded.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/amendments", tag = "contract life", security(("bearer" = [])),
    request_body = AmendmentBody,
    responses((status = 201, body = TermsVersionView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, description = "A draft, or an amendment already open", body = Problem),
        (status = 422, body = Problem)))]
#[post("/contracts/{id}/amendments")]
pub async fn open_amendment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    Json(body): Json<AmendmentBody>,
) -> Result<HttpResponse, ApiError> {
    let id = ContractId::new(id.into_inner());
    let reason =
        parse_text(&body.reason, REASON_MAX).map_err(|e| ApiError::invalid("reason", e))?;
    let version = state
        .write(caller, Permission::WriteContracts, move |conn, auth| {
            let contract = store::contracts::get(conn, auth.scope, id)?;
            let status = contract.status_today(Utc::now());
            if !matches!(status, ContractStatus::Active | ContractStatus::Suspended) {
                return Err(ApiError::conflict(format!("only a signed, running contract is amended; this one is {status}")));
            }
            if store::terms::editable(conn, auth.tenant(), id)?.is_some() {
                return Err(ApiError::conflict("an amendment is already open; apply or discard it first"));
            }
            let today = contract.time_zone.today(Utc::now());
            check_effective_from(body.effective_from, today, body.correction, contract.start, contract.end)
                .map_err(|e| ApiError::invalid("effective_from", e))?;
            let current = store::terms::history(conn, auth.tenant(), id)?
                .into_iter()
                .filter(|v| v.state == TermsState::InForce)
                .max_by_key(|v| (v.effective_from, v.version))
                .ok_or(ApiError::NotFound)?;
            let pending = NewVersion {
                state: TermsState::Pending,
                effective_from: Some(body.effective_from),
                reason: Some(&reason),
                correction: body.correction,
                terms: &current.terms,
                created_by: auth.user_id(),
            };
            let number = store::terms::add(conn, auth.tenant(), id, pending)?;
            let detail = serde_json::json!({ "version": number, "effective_from": body.effective_from, "reason": reason, "correction": body.correction });
            audit(conn, auth, id, "amendment.opened", None, Some(detail))?;
            Ok(store::terms::get(conn, auth.tenant(), id, number)?)
        })
        .await?;
    Ok(HttpResponse::Created().json(TermsVersionView::from(version)))
}

/// Puts an open amendment in force from its effective date, once its terms are complete.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/amendments/{version}/apply", tag = "contract life",
    security(("bearer" = [])),
    responses((status = 200, body = TermsVersionView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/amendments/{version}/apply")]
pub async fn apply_amendment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, u32)>,
) -> Result<web::Json<TermsVersionView>, ApiError> {
    let (id, number) = path.into_inner();
    let id = ContractId::new(id);
    let version = state
        .write(caller, Permission::WriteContracts, move |conn, auth| {
            let contract = store::contracts::get(conn, auth.scope, id)?;
            let pending = open_amendment_numbered(conn, auth, id, number)?;
            // Checked again now: an amendment opened last month may have become one
            // that reaches back into a period since billed.
            let effective = pending.effective_from.unwrap_or(contract.start);
            let today = contract.time_zone.today(Utc::now());
            check_effective_from(
                effective,
                today,
                pending.correction,
                contract.start,
                contract.end,
            )
            .map_err(|e| ApiError::invalid("effective_from", e))?;
            pending
                .terms
                .completeness(&Frame::of(&contract))
                .into_result()?;
            let before = store::terms::in_force(
                conn,
                auth.tenant(),
                id,
                pending.effective_from.unwrap_or(contract.start),
            )?;
            store::terms::settle(
                conn,
                auth.tenant(),
                id,
                number,
                TermsState::InForce,
                None,
                auth.user_id(),
            )?;
            let before = before.map(|v| to_json(&v.terms)).transpose()?;
            audit(
                conn,
                auth,
                id,
                "amendment.applied",
                before,
                Some(to_json(&pending.terms)?),
            )?;
            Ok(store::terms::get(conn, auth.tenant(), id, number)?)
        })
        .await?;
    Ok(web::Json(version.into()))
}

/// Drops an open amendment; the terms in force stay as they are.
#[utoipa::path(delete, path = "/api/v1/contracts/{id}/amendments/{version}", tag = "contract life",
    security(("bearer" = [])),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem)))]
#[delete("/contracts/{id}/amendments/{version}")]
pub async fn discard_amendment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, u32)>,
) -> Result<HttpResponse, ApiError> {
    let (id, number) = path.into_inner();
    let id = ContractId::new(id);
    state
        .write(caller, Permission::WriteContracts, move |conn, auth| {
            store::contracts::get(conn, auth.scope, id)?;
            open_amendment_numbered(conn, auth, id, number)?;
            store::terms::settle(
                conn,
                auth.tenant(),
                id,
                number,
                TermsState::Discarded,
                None,
                auth.user_id(),
            )?;
            audit(
                conn,
                auth,
                id,
                "amendment.discarded",
                None,
                Some(serde_json::json!({ "version": number })),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

fn open_amendment_numbered(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    number: u32,
) -> Result<crate::domain::versions::TermsVersion, ApiError> {
    let version = store::terms::get(conn, auth.tenant(), id, number)?;
    if version.state != TermsState::Pending {
        return Err(ApiError::conflict(format!(
            "version {number} is {}, not an open amendment",
            version.state
        )));
    }
    Ok(version)
}

macro_rules! phase_route {
    ($name:ident, $path:literal, $doc_path:literal, $to:expr, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $doc_path, tag = "contract life", security(("bearer" = [])), request_body = ReasonBody,
            responses((status = 200, body = PhaseStatus), (status = 401, body = Problem), (status = 403, body = Problem),
                (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
        #[post($path)]
        pub async fn $name(
            state: web::Data<AppState>,
            caller: Caller,
            path: web::Path<(i64, u32)>,
            Json(body): Json<ReasonBody>,
        ) -> Result<web::Json<PhaseStatus>, ApiError> {
            let (id, phase) = path.into_inner();
            let reason = reason(&body)?;
            let status = state
                .write(caller, Permission::WriteContracts, move |conn, auth| {
                    move_phase(conn, auth, ContractId::new(id), phase, $to, &reason, None)
                })
                .await?;
            Ok(web::Json(status))
        }
    };
}

/// Starts a handover phase. The phase before it must be completed and its exit
/// criteria (its gate) must pass for `gate_period` — by default the last month
/// that is over — unless an owner overrides the gate with a reason.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/phases/{phase}/start", tag = "contract life", security(("bearer" = [])),
    request_body = StartPhaseBody,
    responses((status = 200, body = PhaseStatus), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/phases/{phase}/start")]
pub async fn start_phase(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, u32)>,
    Json(body): Json<StartPhaseBody>,
) -> Result<web::Json<PhaseStatus>, ApiError> {
    let (id, phase) = path.into_inner();
    let reason =
        parse_text(&body.reason, REASON_MAX).map_err(|e| ApiError::invalid("reason", e))?;
    let gate = GateCheck {
        period: body.gate_period,
        override_gate: body.override_gate,
    };
    let status = state
        .write(caller, Permission::WriteContracts, move |conn, auth| {
            move_phase(
                conn,
                auth,
                ContractId::new(id),
                phase,
                PhaseStatus::InProgress,
                &reason,
                Some(gate),
            )
        })
        .await?;
    Ok(web::Json(status))
}

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

/// Evaluates a phase's exit criteria on a month's figures.
fn evaluate_gate(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    phase: &Phase,
    period: Period,
) -> Result<GateView, ApiError> {
    let month = figures::load(conn, auth, id, period)?;
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

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GateQuery {
    /// The month to evaluate, `YYYY-MM`.
    #[param(value_type = String, example = "2026-10")]
    pub period: Period,
}

/// A phase's gate: its exit criteria against a month's figures, each with the
/// actual value, the threshold and whether it holds.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/phases/{phase}/gate", tag = "contract life",
    security(("bearer" = [])), params(GateQuery),
    responses((status = 200, body = GateView), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
#[get("/contracts/{id}/phases/{phase}/gate")]
pub async fn phase_gate(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, u32)>,
    query: web::Query<GateQuery>,
) -> Result<web::Json<GateView>, ApiError> {
    let (id, phase) = path.into_inner();
    let id = ContractId::new(id);
    let period = query.period;
    let view = state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            let contract = store::contracts::get(conn, auth.scope, id)?;
            let day = period
                .clip(contract.start, contract.end)
                .map_or(contract.start, |(_, to)| to);
            let terms = store::terms::in_force(conn, auth.tenant(), id, day)?
                .ok_or(ApiError::NotFound)?
                .terms;
            let phase = terms
                .phases
                .iter()
                .find(|p| p.id == phase)
                .ok_or(ApiError::NotFound)?;
            evaluate_gate(conn, auth, id, phase, period)
        })
        .await?;
    Ok(web::Json(view))
}

phase_route!(
    complete_phase,
    "/contracts/{id}/phases/{phase}/complete",
    "/api/v1/contracts/{id}/phases/{phase}/complete",
    PhaseStatus::Completed,
    "Completes a phase in progress."
);
phase_route!(
    roll_back_phase,
    "/contracts/{id}/phases/{phase}/roll-back",
    "/api/v1/contracts/{id}/phases/{phase}/roll-back",
    PhaseStatus::RolledBack,
    "Rolls a phase in progress back: the merchant takes the work back."
);

fn move_phase(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    phase: u32,
    to: PhaseStatus,
    reason: &str,
    gate: Option<GateCheck>,
) -> Result<PhaseStatus, ApiError> {
    let contract = store::contracts::get(conn, auth.scope, id)?;
    if contract.status_today(Utc::now()) != ContractStatus::Active {
        return Err(ApiError::conflict(
            "phases move only while the contract is active",
        ));
    }
    let today = contract.time_zone.today(Utc::now());
    let terms = store::terms::in_force(conn, auth.tenant(), id, today)?
        .ok_or(ApiError::NotFound)?
        .terms;
    let ordered = terms.phases_in_order();
    let position = ordered
        .iter()
        .position(|p| p.id == phase)
        .ok_or(ApiError::NotFound)?;
    let statuses = store::terms::phase_statuses(conn, auth.tenant(), id)?;
    let status_of = |id: u32| statuses.get(&id).copied().unwrap_or(PhaseStatus::Planned);
    let current = status_of(phase);
    let next = current
        .change_to(to)
        .map_err(|refused| ApiError::Conflict {
            field: Some("status".into()),
            message: refused.to_string(),
        })?;
    if to == PhaseStatus::InProgress
        && let Some(previous) = position.checked_sub(1).map(|p| ordered[p])
        && status_of(previous.id) != PhaseStatus::Completed
    {
        return Err(ApiError::conflict(format!(
            "phase '{}' before it is not completed",
            previous.spec.name
        )));
    }
    let mut gate_record = serde_json::Value::Null;
    if let (Some(check), Some(previous)) = (gate, position.checked_sub(1).map(|p| ordered[p])) {
        // By default the last month that is over; in the contract's first month, that month so far.
        let period = check.period.unwrap_or_else(|| {
            let last = Period::of(today).previous();
            match last.clip(contract.start, contract.end) {
                Some(_) => last,
                None => Period::of(today),
            }
        });
        let result = evaluate_gate(conn, auth, id, previous, period)?;
        if !result.passed {
            if !check.override_gate {
                let failed: Vec<String> = result
                    .criteria
                    .iter()
                    .filter(|c| !c.passed)
                    .map(|c| c.metric.clone())
                    .collect();
                return Err(ApiError::Conflict {
                    field: Some("gate_period".into()),
                    message: format!(
                        "the gate of phase '{}' fails for {period} on: {}; an owner may override it with a reason",
                        previous.spec.name,
                        failed.join(", ")
                    ),
                });
            }
            if auth.role != Role::Owner {
                return Err(ApiError::Forbidden);
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
