//! The handover plan: phases in which the vendor takes the work over.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::*;
use crate::domain::decimal;
use crate::domain::message::msg;
use crate::domain::violation::Violations;

/// Most shifts a phase names (早班, 晚班, 夜班 … with their hours).
pub const SHIFTS_MAX: usize = 10;

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
    /// At most 10, each 1 to 200 characters.
    #[serde(default)]
    pub shifts: Vec<String>,
    pub seats: u32,
    /// KPI gates that must hold before the next phase starts.
    #[serde(default)]
    pub exit_criteria: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phase {
    pub id: u32,
    #[serde(flatten)]
    pub spec: PhaseSpec,
}

impl<'de> Deserialize<'de> for Phase {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (id, spec) = crate::domain::numbered::deserialize(deserializer)?;
        Ok(Phase { id, spec })
    }
}

impl PhaseSpec {
    /// The rules of one phase on its own.
    pub fn check(&self, prefix: &str, frame: &Frame, v: &mut Violations) {
        check_name(&self.name, &format!("{prefix}name"), v);
        v.rule(
            self.end <= self.start,
            format!("{prefix}end"),
            msg!("error-phase-end"),
        );
        check_within(self.start, &format!("{prefix}start"), frame, v);
        let day_after_contract = frame.end.succ_opt().unwrap_or(frame.end);
        v.rule(
            self.end > day_after_contract,
            format!("{prefix}end"),
            msg!("error-phase-past-contract"),
        );
        v.rule(
            self.channels.is_empty(),
            format!("{prefix}channels"),
            msg!("error-channels-none"),
        );
        check_percent(self.inquiry_share, &format!("{prefix}inquiry_share"), v);
        v.rule(
            self.shifts.len() > SHIFTS_MAX,
            format!("{prefix}shifts"),
            msg!("error-at-most", max = SHIFTS_MAX),
        );
        for (i, shift) in self.shifts.iter().enumerate() {
            check_name(shift, &format!("{prefix}shifts[{i}]"), v);
        }
        for (i, criterion) in self.exit_criteria.iter().enumerate() {
            let field = format!("{prefix}exit_criteria[{i}]");
            if let Some(m) = check_metric(&criterion.metric, &format!("{field}.metric"), v) {
                check_value(m, criterion.threshold, &format!("{field}.threshold"), v);
            }
        }
    }
}

impl PhaseSpec {
    /// A phase does not overlap the others of the plan.
    pub fn check_against<'a>(
        &self,
        others: impl Iterator<Item = &'a Phase>,
        field: &str,
        v: &mut Violations,
    ) {
        for other in others {
            let overlaps = self.start < other.spec.end && other.spec.start < self.end;
            v.rule(
                overlaps,
                field,
                msg!("error-phase-overlaps", phase = &other.spec.name),
            );
        }
    }
}

/// Phases do not overlap.
pub(super) fn check_phase_plan(phases: &[Phase], field: &str, v: &mut Violations) {
    let mut ordered: Vec<(usize, &Phase)> = phases.iter().enumerate().collect();
    ordered.sort_by_key(|(_, p)| p.spec.start);
    for pair in ordered.windows(2) {
        let ((_, a), (i, b)) = (pair[0], pair[1]);
        v.rule(
            b.spec.start < a.spec.end,
            format!("{field}[{i}].start"),
            msg!("error-phase-overlaps", phase = &a.spec.name),
        );
    }
}
