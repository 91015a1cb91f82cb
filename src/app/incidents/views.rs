//! An incident as the API shows it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::incident::{Escalation, Incident, IncidentCategory};
use crate::domain::terms::{IncidentDuty, Severity};

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
            id: incident.id,
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
