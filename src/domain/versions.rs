//! Versions of a contract's terms, amendments, and handover progress.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use thiserror::Error;

use super::ids::UserId;
use super::message::{Explain, Message, msg};
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

impl Explain for EffectiveDateError {
    fn message(&self) -> Message {
        match *self {
            Self::OutsideContract { start, end } => {
                msg!("error-within-contract", start = start, end = end)
            }
            Self::BeforeCurrentPeriod(first) => {
                msg!("error-amendment-before-period", first = first)
            }
        }
    }
}

impl TermsState {
    /// The state in words, for a person.
    pub fn word(self) -> Message {
        match self {
            Self::Draft => msg!("terms-state-draft"),
            Self::Pending => msg!("terms-state-pending"),
            Self::InForce => msg!("terms-state-in-force"),
            Self::Discarded => msg!("terms-state-discarded"),
        }
    }
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

impl Explain for PhaseChangeRefused {
    fn message(&self) -> Message {
        msg!(
            "error-phase-status-change",
            from = self.from.word(),
            to = self.to.word()
        )
    }
}

impl PhaseStatus {
    /// The status in words, for a person.
    pub fn word(self) -> Message {
        match self {
            Self::Planned => msg!("phase-status-planned"),
            Self::InProgress => msg!("phase-status-in-progress"),
            Self::Completed => msg!("phase-status-completed"),
            Self::RolledBack => msg!("phase-status-rolled-back"),
        }
    }

    /// planned → in_progress → completed | rolled_back; a rolled-back phase may start again.
    pub fn change_to(self, to: PhaseStatus) -> Result<PhaseStatus, PhaseChangeRefused> {
        use PhaseStatus::*;
        match (self, to) {
            (Planned | RolledBack, InProgress) | (InProgress, Completed | RolledBack) => Ok(to),
            (from, to) => Err(PhaseChangeRefused { from, to }),
        }
    }
}

/// The versions in force over `from..=to`, each with the days it governs:
/// the version in force on `from`, then each that takes effect later in the
/// span (the later version when two take effect the same day).
pub fn in_force_between(
    versions: &[TermsVersion],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(u32, NaiveDate, NaiveDate, &Terms)> {
    let mut applied: Vec<(NaiveDate, &TermsVersion)> = versions
        .iter()
        .filter(|v| v.state == TermsState::InForce)
        .filter_map(|v| v.effective_from.map(|d| (d, v)))
        .filter(|(d, _)| *d <= to)
        .collect();
    applied.sort_by_key(|(d, v)| (*d, v.version));
    // Of versions taking effect the same day, the later one.
    applied.dedup_by(|later, earlier| {
        if later.0 == earlier.0 {
            *earlier = *later;
            true
        } else {
            false
        }
    });
    let first = applied.iter().rposition(|(d, _)| *d <= from);
    let Some(first) = first else {
        // Nothing in force on `from`: parts begin where versions take effect.
        return spans(&applied, to);
    };
    let mut parts = spans(&applied[first..], to);
    if let Some(part) = parts.first_mut() {
        part.1 = from;
    }
    parts
}

/// The version in force on `day`: of those in force that took effect on or
/// before it, the latest to take effect (the later version when two took
/// effect the same day).
pub fn in_force_on(versions: &[TermsVersion], day: NaiveDate) -> Option<&TermsVersion> {
    versions
        .iter()
        .filter(|v| v.state == TermsState::InForce)
        .filter_map(|v| v.effective_from.filter(|d| *d <= day).map(|d| (d, v)))
        .max_by_key(|(d, v)| (*d, v.version))
        .map(|(_, v)| v)
}

fn spans<'a>(
    applied: &[(NaiveDate, &'a TermsVersion)],
    to: NaiveDate,
) -> Vec<(u32, NaiveDate, NaiveDate, &'a Terms)> {
    applied
        .iter()
        .enumerate()
        .map(|(i, (start, v))| {
            let end = applied
                .get(i + 1)
                .and_then(|(next, _)| next.pred_opt())
                .unwrap_or(to);
            (v.version, *start, end, &v.terms)
        })
        .collect()
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

    fn applied(version: u32, effective: NaiveDate) -> TermsVersion {
        TermsVersion {
            version,
            state: TermsState::InForce,
            effective_from: Some(effective),
            reason: None,
            correction: false,
            revision: 0,
            terms: Terms::new(crate::domain::terms::Commercial::default()),
            created_by: None,
            created_at: DateTime::<Utc>::MIN_UTC,
            applied_by: None,
            applied_at: None,
        }
    }

    #[test]
    fn a_month_splits_where_an_amendment_takes_effect() {
        // v1 from Jan 1, v2 and v3 both from Oct 16 (v3 wins), v4 from Nov 1.
        let versions = [
            applied(1, day(2026, 1, 1)),
            applied(2, day(2026, 10, 16)),
            applied(3, day(2026, 10, 16)),
            applied(4, day(2026, 11, 1)),
        ];
        let parts: Vec<(u32, NaiveDate, NaiveDate)> =
            in_force_between(&versions, day(2026, 10, 1), day(2026, 10, 31))
                .into_iter()
                .map(|(v, from, to, _)| (v, from, to))
                .collect();
        assert_eq!(
            parts,
            vec![
                (1, day(2026, 10, 1), day(2026, 10, 15)),
                (3, day(2026, 10, 16), day(2026, 10, 31))
            ]
        );
    }
}
