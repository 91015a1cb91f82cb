//! The handover plan: phases in which the vendor takes the work over.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::*;
use crate::domain::decimal;

/// One phase of the handover plan, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PhaseSpec {
    pub name: String,
    /// First day, inclusive.
    pub start: NaiveDate,
    /// The day after the last (half-open).
    pub end: NaiveDate,
    pub channels: Vec<Channel>,
    /// Share of inquiries the vendor takes, in percent.
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "30")]
    pub inquiry_share: Decimal,
    #[serde(default)]
    pub shifts: Vec<String>,
    pub seats: u32,
    /// KPI gates that must hold before the next phase starts.
    #[serde(default)]
    pub exit_criteria: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    pub id: u32,
    #[serde(flatten)]
    pub spec: PhaseSpec,
}
