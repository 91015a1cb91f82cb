//! SLA clauses: a metric, a target, and what falling short or doing better costs.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::schedule::{Side, check_schedule};
use super::*;
use crate::domain::decimal;
use crate::domain::message::msg;
use crate::domain::names::named_enum;
use crate::domain::violation::Violations;

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlaClause {
    pub id: u32,
    #[serde(flatten)]
    pub spec: SlaClauseSpec,
}

impl<'de> Deserialize<'de> for SlaClause {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (id, spec) = crate::domain::numbered::deserialize(deserializer)?;
        Ok(SlaClause { id, spec })
    }
}

impl SlaClauseSpec {
    /// The rules of one clause; `terms` are the terms it is part of (for the fee base and phases).
    pub fn check(&self, prefix: &str, terms: &Terms, frame: &Frame, v: &mut Violations) {
        check_name(&self.name, &format!("{prefix}name"), v);
        let Some(metric) = check_metric(&self.metric, &format!("{prefix}metric"), v) else {
            return;
        };
        check_value(metric, self.target, &format!("{prefix}target"), v);
        if let Some(phase) = self.applies_from_phase {
            let exists = terms.phases.iter().any(|p| p.id == phase);
            v.rule(
                !exists,
                format!("{prefix}applies_from_phase"),
                msg!("error-no-such-phase", phase = phase),
            );
        }
        v.rule(
            self.grace_days > 366,
            format!("{prefix}grace_days"),
            msg!("error-at-most", max = 366u32),
        );
        for (i, window) in self.overrides.iter().enumerate() {
            let field = format!("{prefix}overrides[{i}]");
            check_name(&window.label, &format!("{field}.label"), v);
            v.rule(
                window.to < window.from,
                format!("{field}.to"),
                msg!("error-not-before-from"),
            );
            check_within(window.from, &format!("{field}.from"), frame, v);
            check_within(window.to, &format!("{field}.to"), frame, v);
            check_value(metric, window.target, &format!("{field}.target"), v);
            let overlaps = self.overrides[..i]
                .iter()
                .any(|o| o.from <= window.to && window.from <= o.to);
            v.rule(
                overlaps,
                format!("{field}.from"),
                msg!("error-override-overlaps"),
            );
        }
        if let Some(penalty) = &self.penalty {
            check_schedule(
                penalty,
                metric,
                self.target,
                Side::Penalty,
                &format!("{prefix}penalty."),
                terms,
                frame,
                v,
            );
        }
        v.rule(
            self.penalty.is_none() && self.bonus.is_none(),
            format!("{prefix}penalty"),
            msg!("error-clause-consequence"),
        );
        if let Some(bonus) = &self.bonus {
            check_schedule(
                &bonus.schedule,
                metric,
                self.target,
                Side::Bonus,
                &format!("{prefix}bonus.schedule."),
                terms,
                frame,
                v,
            );
            for (i, condition) in bonus.also_requires.iter().enumerate() {
                let field = format!("{prefix}bonus.also_requires[{i}]");
                if let Some(m) = check_metric(&condition.metric, &format!("{field}.metric"), v) {
                    check_value(m, condition.threshold, &format!("{field}.threshold"), v);
                }
            }
        }
    }
}
