//! A day's figure that a later feed replaced: kept, with who sent each.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::audit::Actor;
use crate::domain::terms::KpiSource;

/// Values that were replaced, and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub day: NaiveDate,
    pub metric: String,
    pub source: KpiSource,
    pub revision: i32,
    pub numerator: i64,
    pub denominator: i64,
    pub recorded: Actor,
    pub recorded_at: DateTime<Utc>,
    pub replaced: Actor,
    pub replaced_at: DateTime<Utc>,
}
