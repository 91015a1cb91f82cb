//! Incidents of a contract, logged by either side, measured against the
//! escalation duty of the contract's liability terms.

use crate::domain::violation::Violations;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, Problem};
use super::extract::{AuthUser, Caller};
use super::json::Json;
use super::state::AppState;
use crate::app::contracts::{audit, to_json};
use crate::app::incidents::IncidentView;
use crate::app::month as figures;
use crate::domain::incident::{
    DESCRIPTION_MAX, Incident, IncidentCategory, TimeError, check_times,
};
use crate::domain::terms::Severity;
use crate::domain::{Contract, ContractId, Period, Permission, text::parse_text};
use crate::store::{self, DbConnection, incidents::NewIncident};

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
) -> Result<IncidentView, ApiError> {
    let duties = figures::duties_on(conn, auth.tenant(), contract, incident)?;
    Ok(IncidentView::of(incident, &duties, Utc::now()))
}

/// A contract's incidents, oldest first.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/incidents", tag = "incidents", security(("bearer" = [])),
    params(IncidentQuery),
    responses((status = 200, body = Vec<IncidentView>), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}/incidents")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    query: web::Query<IncidentQuery>,
) -> Result<web::Json<Vec<IncidentView>>, ApiError> {
    let id = ContractId::new(id.into_inner());
    let period = query.period;
    let views = state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            let contract = store::contracts::get(conn, auth.scope, id)?;
            let (first, last) = match period {
                Some(p) => (p.first_day(), p.last_day()),
                None => (contract.start, contract.end),
            };
            let (from, until) = contract.time_zone.span(first, last);
            store::incidents::list(conn, auth.tenant(), id, from, until)?
                .iter()
                .map(|i| view(conn, auth, &contract, i))
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(web::Json(views))
}

/// Logs an incident; the contract's audit log records who did.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/incidents", tag = "incidents", security(("bearer" = [])),
    request_body = NewIncidentBody,
    responses((status = 201, body = IncidentView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/incidents")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    Json(body): Json<NewIncidentBody>,
) -> Result<HttpResponse, ApiError> {
    let id = ContractId::new(id.into_inner());
    let mut errors = Violations::default();
    let description = errors.check(
        "description",
        parse_text(&body.description, DESCRIPTION_MAX),
    );
    if let Err((field, error)) = check_times(body.occurred_at, body.escalated_at, Utc::now()) {
        errors.add(field, error);
    }
    let description = errors.finish(|| description)?;
    let view = state
        .write(caller, Permission::LogIncidents, move |conn, auth| {
            let contract = store::contracts::get(conn, auth.scope, id)?;
            let occurred = contract.time_zone.today(body.occurred_at);
            if !contract.covers(occurred) {
                return Err(ApiError::invalid(
                    "occurred_at",
                    format!(
                        "lies outside the contract ({} to {})",
                        contract.start, contract.end
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
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// One incident.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/incidents/{incident}", tag = "incidents",
    security(("bearer" = [])),
    responses((status = 200, body = IncidentView), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}/incidents/{incident}")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, i64)>,
) -> Result<web::Json<IncidentView>, ApiError> {
    let (id, incident) = path.into_inner();
    let id = ContractId::new(id);
    let view = state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            let contract = store::contracts::get(conn, auth.scope, id)?;
            let incident = store::incidents::get(conn, auth.tenant(), id, incident)?;
            view(conn, auth, &contract, &incident)
        })
        .await?;
    Ok(web::Json(view))
}

/// Records when the merchant was told of the incident. The first record stands.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/incidents/{incident}/escalation", tag = "incidents",
    security(("bearer" = [])), request_body = EscalationBody,
    responses((status = 200, body = IncidentView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/incidents/{incident}/escalation")]
pub async fn escalate(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, i64)>,
    Json(body): Json<EscalationBody>,
) -> Result<web::Json<IncidentView>, ApiError> {
    let (id, incident) = path.into_inner();
    let id = ContractId::new(id);
    let view = state
        .write(caller, Permission::LogIncidents, move |conn, auth| {
            let contract = store::contracts::get(conn, auth.scope, id)?;
            let before = store::incidents::get(conn, auth.tenant(), id, incident)?;
            if before.escalated_at.is_some() {
                return Err(ApiError::Conflict {
                    field: Some("escalated_at".into()),
                    message: TimeError::AlreadyEscalated.to_string(),
                });
            }
            check_times(before.occurred_at, Some(body.escalated_at), Utc::now())
                .map_err(|(field, error)| ApiError::invalid(field, error))?;
            let before_view = view(conn, auth, &contract, &before)?;
            let after = store::incidents::set_escalated(
                conn,
                auth.tenant(),
                id,
                incident,
                body.escalated_at,
            )?;
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
        .await?;
    Ok(web::Json(view))
}
