use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};

/// The current time as stored: UTC, to the microsecond, which is what
/// PostgreSQL keeps (SQLite would keep nanoseconds and the backends would differ).
pub fn now() -> NaiveDateTime {
    stored(Utc::now())
}

/// An instant as stored: UTC, to the microsecond.
pub(crate) fn stored(at: DateTime<Utc>) -> NaiveDateTime {
    at.naive_utc().trunc_subsecs(6)
}

/// A stored timestamp, back in UTC.
pub(crate) fn utc(stored: NaiveDateTime) -> DateTime<Utc> {
    stored.and_utc()
}
