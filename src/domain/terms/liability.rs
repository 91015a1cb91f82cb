//! Liability terms: caps on penalties, incident duties, the termination flag.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::*;
use crate::domain::decimal;
use crate::domain::names::named_enum;

named_enum!(
    Severity {
        Critical = "critical",
        High = "high",
        Medium = "medium",
        Low = "low",
    }
);

/// The limits on penalties and the duties around incidents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Liability {
    #[serde(default)]
    pub monthly_cap: Option<Cap>,
    /// Most penalties may add up to in one contract year.
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub annual_cap: Option<Decimal>,
    #[serde(default)]
    pub incident_duties: Vec<IncidentDuty>,
    /// Penalty categories no cap limits.
    #[serde(default)]
    pub uncapped: Vec<PenaltyCategory>,
    /// After this many breached months in a row the merchant may terminate; kefu flags it.
    #[serde(default)]
    pub termination_after_breached_months: Option<u32>,
}

/// A monthly cap: an amount, or a percentage of the period's fees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Cap {
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub amount: Option<Decimal>,
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<crate::domain::decimal::Text>, example = "20")]
    pub percent_of_fees: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentDuty {
    pub severity: Severity,
    /// Minutes from occurrence within which the merchant must be told.
    pub escalate_within_minutes: u32,
    /// What each late escalation costs.
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub amount: Decimal,
}
