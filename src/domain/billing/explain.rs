//! Invoice lines and the data that explains each: enough to redo it by hand.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::decimal;
use crate::domain::terms::{ChargeKindName, PenaltyCategory, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// A fee of the schedule.
    Charge,
    /// A deduction for a breached clause or a late escalation (negative).
    Penalty,
    /// A reward for doing better than a clause asks (positive).
    Bonus,
    /// What a cap gave back of the penalties above it (positive).
    Cap,
    /// Penalties beyond the amount due, not deducted (positive).
    NotDeducted,
}

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Line {
    pub kind: LineKind,
    pub label: String,
    /// Rounded once to the minor unit; penalties are negative.
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "-1250.00")]
    pub amount: Decimal,
    /// The kind of charge, for a charge line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_kind: Option<ChargeKindName>,
    /// The kind of liability, for a penalty and the caps on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<PenaltyCategory>,
    pub explanation: Explanation,
}

/// The rule of the terms a line comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A charge of the fee schedule.
    #[default]
    Charge,
    /// An SLA clause's penalty.
    Clause,
    /// An SLA clause's bonus.
    Bonus,
    /// An incident duty.
    Incident,
    /// A clause's own maximum.
    ClauseMaximum,
    MonthlyCap,
    AnnualCap,
    /// The floor under the total.
    AmountDue,
}

/// Why a line exists and how its amount was reached. Fields that do not
/// apply to a line are left out. Its figures are computed, so they keep
/// every place they were computed with (a base pro rata to 18 of 31 days).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Explanation {
    pub rule: Rule,
    /// The charge's or clause's id in the terms, or the incident's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms_version: Option<u32>,
    /// The days the line covers (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    #[serde(
        default,
        with = "decimal::exact::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>)]
    pub target: Option<Decimal>,
    /// The measured value (six places).
    #[serde(
        default,
        with = "decimal::exact::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>)]
    pub actual: Option<Decimal>,
    /// Observations behind the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<i64>,
    /// Which band applied (1 is the nearest the target).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<usize>,
    #[serde(
        default,
        with = "decimal::exact::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>)]
    pub steps: Option<Decimal>,
    /// Units, seats or sales the rate is applied to.
    #[serde(
        default,
        with = "decimal::exact::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>)]
    pub quantity: Option<Decimal>,
    /// Price per unit, per seat-month, per step; or a percentage.
    #[serde(
        default,
        with = "decimal::exact::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>)]
    pub rate: Option<Decimal>,
    /// The fee base a percentage is of.
    #[serde(
        default,
        with = "decimal::exact::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>)]
    pub base: Option<Decimal>,
    /// The arithmetic, written out.
    pub formula: String,
    /// The amount before rounding, when rounding changed it.
    #[serde(
        default,
        with = "decimal::exact::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>)]
    pub exact: Option<Decimal>,
    /// For a bonus: its further conditions, each with the figure that met it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<ConditionMet>,
    /// For a late escalation: the incident against its duty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation: Option<Escalation>,
    /// For a line of a restatement: what the line was and what it is now
    /// (its amount is the difference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restated: Option<Restated>,
}

/// A line's amount on the invoice and on its recomputation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Restated {
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub was: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub now: Decimal,
}

/// A further condition of a bonus and the figure that met it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ConditionMet {
    pub metric: String,
    /// Met at this value or better, in the metric's direction.
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub threshold: Decimal,
    /// The measured value over the line's days (six places).
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub actual: Decimal,
}

/// An incident escalated late, or not at all, against the duty of its severity.
/// (Named apart in the API document: an incident's own `Escalation` is another.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(as = LateEscalation)]
pub struct Escalation {
    pub severity: Severity,
    /// The minutes the duty allows.
    pub deadline_minutes: u32,
    /// The minutes it took; none when it was never escalated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_taken: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// N breached months in a row: the merchant may terminate.
    TerminationRight,
    /// Sources disagree beyond the contract's tolerance.
    Discrepancy,
    /// The month is billed without an accepted report.
    ReportNotAccepted,
    /// The report's figures are disputed.
    UnderDispute,
    /// Penalties exceed the amount due: the rest is not deducted.
    PenaltiesExceedAmountDue,
    /// A clause could not be priced as written.
    ClauseNotPriced,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Warning {
    pub code: WarningCode,
    pub message: String,
}
