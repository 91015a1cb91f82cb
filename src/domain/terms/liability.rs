//! Liability terms: caps on penalties, incident duties, the termination flag.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::*;
use crate::domain::decimal;
use crate::domain::message::msg;
use crate::domain::names::named_enum;
use crate::domain::violation::Violations;

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

impl Liability {
    pub(super) fn check(&self, prefix: &str, frame: &Frame, v: &mut Violations) {
        if let Some(cap) = &self.monthly_cap {
            let field = format!("{prefix}monthly_cap");
            match (cap.amount, cap.percent_of_fees) {
                (Some(amount), None) => {
                    check_positive_amount(amount, &format!("{field}.amount"), frame, v)
                }
                (None, Some(percent)) => {
                    check_percent(percent, &format!("{field}.percent_of_fees"), v)
                }
                _ => v.add(field, msg!("error-cap-amount-or-percent")),
            }
        }
        if let Some(cap) = self.annual_cap {
            check_positive_amount(cap, &format!("{prefix}annual_cap"), frame, v);
        }
        for (i, duty) in self.incident_duties.iter().enumerate() {
            let field = format!("{prefix}incident_duties[{i}]");
            v.rule(
                duty.escalate_within_minutes == 0,
                format!("{field}.escalate_within_minutes"),
                msg!("error-more-than-zero"),
            );
            check_positive_amount(duty.amount, &format!("{field}.amount"), frame, v);
            let twice = self.incident_duties[..i]
                .iter()
                .any(|d| d.severity == duty.severity);
            v.rule(
                twice,
                format!("{field}.severity"),
                msg!("error-duty-per-severity"),
            );
        }
        if let Some(months) = self.termination_after_breached_months {
            v.rule(
                months == 0 || months > 24,
                format!("{prefix}termination_after_breached_months"),
                msg!("error-range", min = 1u32, max = 24u32),
            );
        }
    }
}
