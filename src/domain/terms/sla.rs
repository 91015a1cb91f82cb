//! SLA clauses: a metric, a target, and what falling short or doing better costs.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::*;
use crate::domain::decimal;
use crate::domain::names::named_enum;

named_enum!(
    /// What kind of liability a penalty is, so that the liability terms can
    /// leave some kinds outside every cap.
    PenaltyCategory {
        Sla = "sla",
        Incident = "incident",
        DataBreach = "data_breach",
        GrossNegligence = "gross_negligence",
    }
);

named_enum!(
    MissingData {
        /// No figures: the worst band (or the maximum) applies.
        Breach = "breach",
        /// No figures: no line, a note.
        Waive = "waive",
    }
);

/// A service-level clause, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SlaClauseSpec {
    pub name: String,
    /// A metric of the catalogue; its direction says which way is better.
    pub metric: String,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "30")]
    pub target: Decimal,
    /// The id of the phase from which the clause applies; absent for all phases.
    #[serde(default)]
    pub applies_from_phase: Option<u32>,
    /// Days after a phase starts during which the clause is not evaluated.
    #[serde(default)]
    pub grace_days: u32,
    /// Other targets for date windows, such as 双11.
    #[serde(default)]
    pub overrides: Vec<TargetOverride>,
    /// Below this sample (the metric's denominator) the clause is not evaluated that month.
    #[serde(default)]
    pub min_sample: u64,
    #[serde(default = "default_missing_data")]
    pub missing_data: MissingData,
    #[serde(default = "default_category")]
    pub category: PenaltyCategory,
    /// What falling short costs; a clause may have a penalty, a bonus, or both.
    #[serde(default)]
    pub penalty: Option<Schedule>,
    #[serde(default)]
    pub bonus: Option<Bonus>,
}

fn default_missing_data() -> MissingData {
    MissingData::Breach
}

fn default_category() -> PenaltyCategory {
    PenaltyCategory::Sla
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetOverride {
    /// e.g. 双11
    pub label: String,
    /// First day, inclusive.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub target: Decimal,
}

/// What falling short (or doing better) costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Schedule {
    /// Thresholds, each with an amount or a percentage of the fee base; the worst band reached applies.
    Bands(BandsSchedule),
    /// An amount per step beyond the target, up to a maximum.
    PerStep(PerStepSchedule),
    /// One amount whenever the target is missed.
    Fixed(FixedSchedule),
}

/// Thresholds, each with an amount or a percentage of the fee base; the worst band reached applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BandsSchedule {
    #[serde(default)]
    pub fee_base: Option<FeeBase>,
    pub bands: Vec<Band>,
}

/// An amount per step beyond the target, up to a maximum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PerStepSchedule {
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "0.1")]
    pub step: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "50.00")]
    pub amount: Decimal,
    /// How a started step counts: only whole steps (the default), a started
    /// step as a whole one (不足一级按一级计), or pro rata.
    #[serde(default = "whole_steps")]
    pub counting: StepCounting,
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub max: Option<Decimal>,
}

named_enum!(
    /// How the part of a step beyond the last whole one counts.
    StepCounting {
        /// Only whole steps count: 2.6 steps are 2.
        Whole = "whole",
        /// A started step counts as a whole one (不足一级按一级计): 2.6 steps are 3.
        Started = "started",
        /// Pro rata: 2.6 steps are 2.6.
        ProRata = "pro_rata",
    }
);

fn whole_steps() -> StepCounting {
    StepCounting::Whole
}

/// One amount whenever the target is missed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FixedSchedule {
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub amount: Decimal,
}

impl<'de> Deserialize<'de> for Schedule {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use crate::domain::tagged::variant;
        crate::domain::tagged::deserialize(
            deserializer,
            "type",
            &["bands", "per_step", "fixed"],
            |kind, body| {
                Some(match kind {
                    "bands" => variant(body).map(Schedule::Bands),
                    "per_step" => variant(body).map(Schedule::PerStep),
                    "fixed" => variant(body).map(Schedule::Fixed),
                    _ => return None,
                })
            },
        )
    }
}

/// The charges whose period total a percentage is of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeBase {
    pub charge_kinds: Vec<ChargeKindName>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The value at which the band begins: a penalty band applies to values
    /// worse than it, a bonus band to values better than it.
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "99")]
    pub threshold: Decimal,
    /// Whether the threshold itself belongs to the band. By default it does
    /// not: "below 99.0 %" (低于, 超过, 不满) leaves 99.0 % to the milder band, as
    /// SLA credit tables read; `true` reads "99.0 % or below" (以上, 以下).
    #[serde(default)]
    pub inclusive: bool,
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub amount: Option<Decimal>,
    /// Percent of the fee base.
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub percent: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Bonus {
    pub schedule: Schedule,
    /// Further conditions that must all hold too (DSR ≥ 4.8 and CSAT ≥ 90%).
    #[serde(default)]
    pub also_requires: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub metric: String,
    /// Met when the value is this or better, in the metric's direction.
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub threshold: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaClause {
    pub id: u32,
    #[serde(flatten)]
    pub spec: SlaClauseSpec,
}
