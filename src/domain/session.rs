//! How long a browser session lives: it ends after a while without use, and
//! after a fixed time however busy it is.

use std::time::Duration;

use chrono::{DateTime, Utc};

/// The two limits on a session's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionLimits {
    /// Ended when unused this long (30 minutes by default).
    pub idle: Duration,
    /// Ended this long after sign-in, whatever happens (12 hours by default).
    pub absolute: Duration,
}

impl Default for SessionLimits {
    fn default() -> Self {
        Self {
            idle: Duration::from_secs(30 * 60),
            absolute: Duration::from_secs(12 * 3600),
        }
    }
}

impl SessionLimits {
    /// Whether a session begun at `created` and last used at `last_seen` still holds at `now`.
    pub fn holds(
        &self,
        created: DateTime<Utc>,
        last_seen: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> bool {
        let within = |since: DateTime<Utc>, limit: Duration| {
            (now - since)
                .to_std()
                .map_or(true, |elapsed| elapsed < limit)
        };
        within(last_seen, self.idle) && within(created, self.absolute)
    }

    /// Whether the last use is old enough to be written again: a session is
    /// touched at most once a minute, not at every page.
    pub fn worth_touching(last_seen: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now - last_seen >= chrono::Duration::seconds(60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn a_session_ends_after_thirty_idle_minutes() {
        let limits = SessionLimits::default();
        assert!(limits.holds(at(9, 0), at(9, 0), at(9, 29)));
        assert!(!limits.holds(at(9, 0), at(9, 0), at(9, 30)));
        // Used at 9:20, so good until 9:50.
        assert!(limits.holds(at(9, 0), at(9, 20), at(9, 49)));
    }

    #[test]
    fn a_busy_session_still_ends_twelve_hours_after_sign_in() {
        let limits = SessionLimits::default();
        assert!(limits.holds(at(8, 0), at(19, 50), at(19, 59)));
        assert!(!limits.holds(at(8, 0), at(19, 59), at(20, 0)));
    }

    #[test]
    fn a_clock_set_back_does_not_end_a_session() {
        let limits = SessionLimits::default();
        assert!(limits.holds(at(9, 0), at(9, 10), at(9, 5)));
    }
}
