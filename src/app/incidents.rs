//! Incidents of a contract, logged by either side, measured against the
//! escalation duty of the contract's liability terms.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::contracts::{audit, to_json};
use super::{App, AppError, AppResult, AuthUser, Caller, month};
use crate::domain::incident::{
    DESCRIPTION_MAX, Escalation, Incident, IncidentCategory, TimeError, check_times,
};
use crate::domain::message::msg;
use crate::domain::terms::{IncidentDuty, Severity};
use crate::domain::violation::Violations;
use crate::domain::{Contract, ContractId, IncidentId, Period, Permission, text::parse_text};
use crate::store::{self, DbConnection, incidents::NewIncident};

#[derive(Debug, Serialize, ToSchema)]
pub struct IncidentView {
    pub id: i64,
    pub contract_id: i64,
    pub severity: Severity,
    pub category: IncidentCategory,
    pub occurred_at: DateTime<Utc>,
    pub escalated_at: Option<DateTime<Utc>>,
    pub description: String,
    pub logged_by: Option<i64>,
    pub logged_by_key: Option<i64>,
    pub logged_at: DateTime<Utc>,
    /// Measured against the duty for its severity in the terms in force when it occurred.
    pub escalation: Escalation,
}

impl IncidentView {
    pub fn of(incident: &Incident, duties: &[IncidentDuty], now: DateTime<Utc>) -> Self {
        IncidentView {
            id: incident.id.get(),
            contract_id: incident.contract_id.get(),
            severity: incident.severity,
            category: incident.category,
            occurred_at: incident.occurred_at,
            escalated_at: incident.escalated_at,
            description: incident.description.clone(),
            logged_by: incident.logged_by.map(|u| u.get()),
            logged_by_key: incident.logged_by_key.map(|k| k.get()),
            logged_at: incident.logged_at,
            escalation: incident.escalation(duties, now),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewIncidentBody {
    pub severity: Severity,
    pub category: IncidentCategory,
    pub occurred_at: DateTime<Utc>,
    /// When the merchant was told; may be added later.
    #[serde(default)]
    pub escalated_at: Option<DateTime<Utc>>,
    pub description: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EscalationBody {
    pub escalated_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IncidentQuery {
    /// Only incidents that occurred in this month (`YYYY-MM`, the contract's zone).
    #[param(value_type = Option<String>, example = "2026-10")]
    pub period: Option<Period>,
}

/// The view of an incident, measured against the terms in force on the day it occurred.
fn view(
    conn: &mut DbConnection,
    auth: &AuthUser,
    contract: &Contract,
    incident: &Incident,
) -> AppResult<IncidentView> {
    let duties = month::duties_on(conn, auth.tenant(), contract, incident)?;
    Ok(IncidentView::of(incident, &duties, Utc::now()))
}

/// A contract's incidents, oldest first.
pub async fn list(
    app: &App,
    caller: Caller,
    id: ContractId,
    query: IncidentQuery,
) -> AppResult<Vec<IncidentView>> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let (first, last) = match query.period {
            Some(p) => (p.first_day(), p.last_day()),
            None => (contract.start, contract.end),
        };
        let (from, until) = contract.time_zone.span(first, last);
        store::incidents::list(conn, auth.tenant(), id, from, until)?
            .iter()
            .map(|i| view(conn, auth, &contract, i))
            .collect()
    })
    .await
}

/// Logs an incident; the contract's audit log records who did.
pub async fn create(
    app: &App,
    caller: Caller,
    id: ContractId,
    body: NewIncidentBody,
) -> AppResult<IncidentView> {
    let mut errors = Violations::default();
    let description = errors.check(
        "description",
        parse_text(&body.description, DESCRIPTION_MAX),
    );
    if let Err((field, error)) = check_times(body.occurred_at, body.escalated_at, Utc::now()) {
        errors.add(field, error);
    }
    let description = errors.finish(|| description)?;
    app.write(caller, Permission::LogIncidents, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let occurred = contract.time_zone.today(body.occurred_at);
        if !contract.covers(occurred) {
            return Err(AppError::invalid(
                "occurred_at",
                msg!(
                    "error-lies-outside-contract",
                    start = contract.start,
                    end = contract.end
                ),
            ));
        }
        let new = NewIncident {
            severity: body.severity,
            category: body.category,
            occurred_at: body.occurred_at,
            escalated_at: body.escalated_at,
            description: &description,
        };
        let incident = store::incidents::create(conn, auth.tenant(), id, new, auth.actor())?;
        let view = view(conn, auth, &contract, &incident)?;
        audit(
            conn,
            auth,
            id,
            "incident.logged",
            None,
            Some(to_json(&view)?),
        )?;
        Ok(view)
    })
    .await
}

/// One incident.
pub async fn show(
    app: &App,
    caller: Caller,
    id: ContractId,
    incident: IncidentId,
) -> AppResult<IncidentView> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let incident = store::incidents::get(conn, auth.tenant(), id, incident)?;
        view(conn, auth, &contract, &incident)
    })
    .await
}

/// Records when the merchant was told of the incident. The first record stands.
pub async fn escalate(
    app: &App,
    caller: Caller,
    id: ContractId,
    incident: IncidentId,
    body: EscalationBody,
) -> AppResult<IncidentView> {
    app.write(caller, Permission::LogIncidents, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let before = store::incidents::get(conn, auth.tenant(), id, incident)?;
        if before.escalated_at.is_some() {
            return Err(AppError::conflict_on(
                "escalated_at",
                TimeError::AlreadyEscalated,
            ));
        }
        check_times(before.occurred_at, Some(body.escalated_at), Utc::now())
            .map_err(|(field, error)| AppError::invalid(field, error))?;
        let before_view = view(conn, auth, &contract, &before)?;
        let after =
            store::incidents::set_escalated(conn, auth.tenant(), id, incident, body.escalated_at)?;
        let after_view = view(conn, auth, &contract, &after)?;
        audit(
            conn,
            auth,
            id,
            "incident.escalated",
            Some(to_json(&before_view)?),
            Some(to_json(&after_view)?),
        )?;
        Ok(after_view)
    })
    .await
}

/// A contract's incidents as the incidents page shows them: latest first,
/// each with its escalation deadline and what a late escalation costs, and
/// the duties of the terms in force today.
#[derive(Debug)]
pub struct IncidentSheet {
    pub contract: Contract,
    pub incidents: Vec<SheetIncident>,
    pub duties: Vec<IncidentDuty>,
    pub now: DateTime<Utc>,
}

#[derive(Debug)]
pub struct SheetIncident {
    pub view: IncidentView,
    /// When it must be escalated by, where the terms set a duty for its severity.
    pub deadline: Option<DateTime<Utc>>,
    /// What escalating it late costs (the duty's amount).
    pub cost: Option<rust_decimal::Decimal>,
}

/// Contract `id`'s incidents with their deadlines and costs.
pub async fn sheet(app: &App, caller: Caller, id: ContractId) -> AppResult<IncidentSheet> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let now = Utc::now();
        let (from, until) = contract.time_zone.span(contract.start, contract.end);
        let mut incidents = Vec::new();
        for incident in store::incidents::list(conn, auth.tenant(), id, from, until)? {
            let duties = month::duties_on(conn, auth.tenant(), &contract, &incident)?;
            let duty = duties.iter().find(|d| d.severity == incident.severity);
            incidents.push(SheetIncident {
                deadline: duty.map(|d| {
                    incident.occurred_at
                        + chrono::TimeDelta::minutes(i64::from(d.escalate_within_minutes))
                }),
                cost: duty.map(|d| d.amount),
                view: IncidentView::of(&incident, &duties, now),
            });
        }
        incidents.reverse();
        let today = contract
            .time_zone
            .today(now)
            .clamp(contract.start, contract.end);
        let duties = store::terms::in_force(conn, auth.tenant(), id, today)?
            .map(|v| v.terms.liability.incident_duties)
            .unwrap_or_default();
        Ok(IncidentSheet {
            contract,
            incidents,
            duties,
            now,
        })
    })
    .await
}
