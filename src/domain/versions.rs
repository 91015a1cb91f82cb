//! Versions of a contract's terms, amendments, and handover progress.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use thiserror::Error;

use super::ids::UserId;
use super::names::named_enum;
use super::terms::Terms;

named_enum!(
    /// Where a version of the terms stands.
    TermsState {
        /// The terms of a draft contract, edited in place.
        Draft = "draft",
        /// An amendment being written; not yet in force.
        Pending = "pending",
        /// Applied: in force from its effective date until a later version's.
        InForce = "in_force",
        /// An amendment dropped before it was applied.
        Discarded = "discarded",
    }
);

/// One version of a contract's terms with what is known of its making.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermsVersion {
    pub version: u32,
    pub state: TermsState,
    /// From when it is in force; a draft's is the contract's start.
    pub effective_from: Option<NaiveDate>,
    pub reason: Option<String>,
    /// An amendment that reaches back before the current period, on purpose.
    pub correction: bool,
    /// How many times the version was saved while being written.
    pub revision: u32,
    pub terms: Terms,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub applied_by: Option<UserId>,
    pub applied_at: Option<DateTime<Utc>>,
}

/// Why an amendment cannot take effect on the date asked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EffectiveDateError {
    #[error("must lie within the contract ({start} to {end})")]
    OutsideContract { start: NaiveDate, end: NaiveDate },
    #[error("must not be before the current period ({0}); say it is a correction to reach back")]
    BeforeCurrentPeriod(NaiveDate),
}

/// An amendment takes effect within the contract and not before the first day
/// of the current month (in the contract's zone) — billed periods are not
/// rewritten — unless the caller says it is a correction.
pub fn check_effective_from(
    effective: NaiveDate,
    today: NaiveDate,
    correction: bool,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<(), EffectiveDateError> {
    if effective < start || effective > end {
        return Err(EffectiveDateError::OutsideContract { start, end });
    }
    let period_start = today.with_day(1).unwrap_or(today);
    if effective < period_start && !correction {
        return Err(EffectiveDateError::BeforeCurrentPeriod(period_start));
    }
    Ok(())
}

named_enum!(
    /// Where a handover phase stands.
    PhaseStatus {
        Planned = "planned",
        InProgress = "in_progress",
        Completed = "completed",
        /// The merchant took the work back.
        RolledBack = "rolled_back",
    }
);

/// A phase change that the handover does not allow.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("a phase cannot go from {from} to {to}")]
pub struct PhaseChangeRefused {
    pub from: PhaseStatus,
    pub to: PhaseStatus,
}

impl PhaseStatus {
    /// planned → in_progress → completed | rolled_back; a rolled-back phase may start again.
    pub fn change_to(self, to: PhaseStatus) -> Result<PhaseStatus, PhaseChangeRefused> {
        use PhaseStatus::*;
        match (self, to) {
            (Planned | RolledBack, InProgress) | (InProgress, Completed | RolledBack) => Ok(to),
            (from, to) => Err(PhaseChangeRefused { from, to }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn amendments_do_not_reach_back_into_billed_periods_unless_corrections() {
        let (start, end, today) = (day(2026, 1, 1), day(2026, 12, 31), day(2026, 11, 23));
        assert_eq!(
            check_effective_from(day(2026, 11, 1), today, false, start, end),
            Ok(())
        );
        assert_eq!(
            check_effective_from(day(2026, 10, 31), today, false, start, end),
            Err(EffectiveDateError::BeforeCurrentPeriod(day(2026, 11, 1)))
        );
        assert_eq!(
            check_effective_from(day(2026, 10, 1), today, true, start, end),
            Ok(())
        );
        assert!(check_effective_from(day(2027, 1, 1), today, true, start, end).is_err());
    }

    #[test]
    fn phases_run_planned_in_progress_completed() {
        use PhaseStatus::*;
        assert_eq!(Planned.change_to(InProgress), Ok(InProgress));
        assert_eq!(InProgress.change_to(RolledBack), Ok(RolledBack));
        assert_eq!(RolledBack.change_to(InProgress), Ok(InProgress));
        assert!(Planned.change_to(Completed).is_err());
        assert!(Completed.change_to(InProgress).is_err());
    }
}
