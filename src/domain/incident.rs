//! Incidents (重大事件): events a vendor must escalate to the merchant within
//! the time its liability terms name for the severity.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use utoipa::ToSchema;

use super::ids::{ApiKeyId, ContractId, IncidentId, UserId};
use super::message::{Explain, Message, msg};
use super::names::named_enum;
use super::terms::{IncidentDuty, Severity};

named_enum!(
    IncidentCategory {
        /// A threat to someone's safety.
        Safety = "safety",
        /// Customer data reached someone it should not have.
        DataLeak = "data_leak",
        /// The service failed (an outage, a backlog).
        ServiceFailure = "service_failure",
        Other = "other",
    }
);

pub const DESCRIPTION_MAX: usize = 4000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incident {
    pub id: IncidentId,
    pub contract_id: ContractId,
    pub severity: Severity,
    pub category: IncidentCategory,
    pub occurred_at: DateTime<Utc>,
    pub escalated_at: Option<DateTime<Utc>>,
    pub description: String,
    pub logged_by: Option<UserId>,
    pub logged_by_key: Option<ApiKeyId>,
    pub logged_at: DateTime<Utc>,
}

/// Why an incident's times were refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TimeError {
    #[error("must not be in the future")]
    Future,
    #[error("must not be before the incident occurred")]
    BeforeOccurrence,
    #[error("is already recorded; the first escalation stands")]
    AlreadyEscalated,
}

impl Explain for TimeError {
    fn message(&self) -> Message {
        match self {
            Self::Future => msg!("error-not-in-future"),
            Self::BeforeOccurrence => msg!("error-incident-escalated-before"),
            Self::AlreadyEscalated => msg!("error-incident-already-escalated"),
        }
    }
}

/// Times cannot lie ahead of now; escalation cannot precede the incident.
pub fn check_times(
    occurred_at: DateTime<Utc>,
    escalated_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), (&'static str, TimeError)> {
    if occurred_at > now {
        return Err(("occurred_at", TimeError::Future));
    }
    match escalated_at {
        Some(at) if at > now => Err(("escalated_at", TimeError::Future)),
        Some(at) if at < occurred_at => Err(("escalated_at", TimeError::BeforeOccurrence)),
        _ => Ok(()),
    }
}

/// Whether an incident was escalated in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    /// Escalated within the deadline.
    InTime,
    /// Escalated after the deadline.
    Late,
    /// Not escalated, and the deadline has passed.
    Overdue,
    /// Not escalated yet; the deadline has not passed.
    Pending,
    /// The contract sets no deadline for this severity.
    NoDuty,
}

/// An incident measured against the contract's duty for its severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Escalation {
    /// Whole minutes from occurrence to escalation, rounded down.
    pub minutes_to_escalation: Option<i64>,
    pub deadline_minutes: Option<u32>,
    pub timeliness: Timeliness,
}

impl Incident {
    pub fn escalation(&self, duties: &[IncidentDuty], now: DateTime<Utc>) -> Escalation {
        let duty = duties.iter().find(|d| d.severity == self.severity);
        let taken = self.escalated_at.map(|at| at - self.occurred_at);
        let deadline = duty.map(|d| TimeDelta::minutes(i64::from(d.escalate_within_minutes)));
        let timeliness = match (deadline, taken) {
            (None, _) => Timeliness::NoDuty,
            (Some(limit), Some(taken)) if taken <= limit => Timeliness::InTime,
            (Some(_), Some(_)) => Timeliness::Late,
            (Some(limit), None) if now - self.occurred_at > limit => Timeliness::Overdue,
            (Some(_), None) => Timeliness::Pending,
        };
        Escalation {
            minutes_to_escalation: taken.map(|t| t.num_minutes()),
            deadline_minutes: duty.map(|d| d.escalate_within_minutes),
            timeliness,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use rust_decimal::Decimal;

    use super::*;

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 10, 5, h, m, s)
            .single()
            .unwrap_or_default()
    }

    fn incident(severity: Severity, escalated_at: Option<DateTime<Utc>>) -> Incident {
        Incident {
            id: IncidentId::new(1),
            contract_id: ContractId::new(1),
            severity,
            category: IncidentCategory::DataLeak,
            occurred_at: at(10, 0, 0),
            escalated_at,
            description: "客户手机号外泄".into(),
            logged_by: None,
            logged_by_key: None,
            logged_at: at(10, 0, 0),
        }
    }

    #[test]
    fn escalation_is_measured_against_the_duty_for_the_severity() {
        // Critical incidents must reach the merchant within 30 minutes.
        let duties = [IncidentDuty {
            severity: Severity::Critical,
            escalate_within_minutes: 30,
            amount: Decimal::from(5000),
        }];
        let now = at(12, 0, 0);
        // 10:00:00 → 10:30:00 is exactly 30 minutes: in time.
        let exact = incident(Severity::Critical, Some(at(10, 30, 0))).escalation(&duties, now);
        assert_eq!(
            (exact.minutes_to_escalation, exact.timeliness),
            (Some(30), Timeliness::InTime)
        );
        // 10:00:00 → 10:30:01 is one second late, though it is still "30 minutes" rounded down.
        let late = incident(Severity::Critical, Some(at(10, 30, 1))).escalation(&duties, now);
        assert_eq!(
            (late.minutes_to_escalation, late.timeliness),
            (Some(30), Timeliness::Late)
        );
        let overdue = incident(Severity::Critical, None).escalation(&duties, now);
        assert_eq!(overdue.timeliness, Timeliness::Overdue);
        let pending = incident(Severity::Critical, None).escalation(&duties, at(10, 10, 0));
        assert_eq!(pending.timeliness, Timeliness::Pending);
        let no_duty = incident(Severity::Low, None).escalation(&duties, now);
        assert_eq!(
            (no_duty.deadline_minutes, no_duty.timeliness),
            (None, Timeliness::NoDuty)
        );
    }

    #[test]
    fn times_cannot_run_backwards_or_ahead() {
        let now = at(12, 0, 0);
        assert_eq!(
            check_times(at(13, 0, 0), None, now),
            Err(("occurred_at", TimeError::Future))
        );
        assert_eq!(
            check_times(at(10, 0, 0), Some(at(9, 59, 0)), now),
            Err(("escalated_at", TimeError::BeforeOccurrence))
        );
        assert_eq!(check_times(at(10, 0, 0), Some(at(10, 5, 0)), now), Ok(()));
    }
}
