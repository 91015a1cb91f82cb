//! Exclusion windows (免责期): days for which the vendor is not answerable —
//! they do not count toward SLA figures, while volume still bills. Recorded as
//! they happen, with who recorded them, rather than written into the terms.

use chrono::{DateTime, NaiveDate, Utc};
use thiserror::Error;

use super::ids::{ExclusionId, UserId};
use super::message::{Explain, Message, msg};
use super::names::named_enum;

named_enum!(
    ExclusionCategory {
        /// 不可抗力
        ForceMajeure = "force_majeure",
        /// The merchant caused the outage.
        MerchantCaused = "merchant_caused",
        /// The shop platform was down.
        PlatformOutage = "platform_outage",
        Other = "other",
    }
);

pub const NOTE_MAX: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExclusionWindow {
    pub id: ExclusionId,
    /// First day, inclusive.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    pub category: ExclusionCategory,
    pub note: String,
    pub recorded_by: Option<UserId>,
    pub recorded_at: DateTime<Utc>,
}

/// Why a window's dates were refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WindowError {
    #[error("must not be before 'from'")]
    EndsBeforeStart,
    #[error("must lie within the contract ({start} to {end})")]
    OutsideContract { start: NaiveDate, end: NaiveDate },
}

impl Explain for WindowError {
    fn message(&self) -> Message {
        match *self {
            Self::EndsBeforeStart => msg!("error-not-before-from"),
            Self::OutsideContract { start, end } => {
                msg!("error-within-contract", start = start, end = end)
            }
        }
    }
}

/// A window lies within the contract and does not end before it starts.
pub fn check_window(
    from: NaiveDate,
    to: NaiveDate,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<(), (&'static str, WindowError)> {
    if to < from {
        return Err(("to", WindowError::EndsBeforeStart));
    }
    if from < start || from > end {
        return Err(("from", WindowError::OutsideContract { start, end }));
    }
    if to > end {
        return Err(("to", WindowError::OutsideContract { start, end }));
    }
    Ok(())
}
