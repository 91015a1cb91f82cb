//! The brake on password guessing: failed logins are counted per account and
//! per client address over a sliding window; past the limit, logins are refused
//! (429) until the oldest failure leaves the window.
//!
//! The counts live in this process. Several servers behind one balancer each
//! count on their own, which multiplies the allowance by their number.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed logins allowed per account in one window.
pub const PER_ACCOUNT: usize = 5;
/// Failed logins allowed per client address in one window (offices share addresses).
pub const PER_ADDRESS: usize = 20;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Beyond this many tracked keys, stale ones are swept on the next failure.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<Key, VecDeque<Instant>>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Address(IpAddr),
}

impl LoginThrottle {
    /// How long the caller must wait before trying again, if it must.
    pub fn wait(&self, account: &str, address: Option<IpAddr>, now: Instant) -> Option<Duration> {
        let mut failures = self.lock();
        let mut wait = wait_for(
            &mut failures,
            Key::Account(account.to_owned()),
            PER_ACCOUNT,
            now,
        );
        if let Some(address) = address {
            wait = wait.max(wait_for(
                &mut failures,
                Key::Address(address),
                PER_ADDRESS,
                now,
            ));
        }
        wait
    }

    pub fn record_failure(&self, account: &str, address: Option<IpAddr>, now: Instant) {
        let mut failures = self.lock();
        if failures.len() > SWEEP_ABOVE {
            failures.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|&t| now.duration_since(t) < WINDOW)
            });
        }
        let keys =
            std::iter::once(Key::Account(account.to_owned())).chain(address.map(Key::Address));
        for key in keys {
            failures.entry(key).or_default().push_back(now);
        }
    }

    /// A successful login clears the account's count (not the address's).
    pub fn record_success(&self, account: &str) {
        self.lock().remove(&Key::Account(account.to_owned()));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, VecDeque<Instant>>> {
        // A panic while holding the lock leaves only counts behind; they are still usable.
        self.failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn wait_for(
    failures: &mut HashMap<Key, VecDeque<Instant>>,
    key: Key,
    limit: usize,
    now: Instant,
) -> Option<Duration> {
    let times = failures.get_mut(&key)?;
    while times
        .front()
        .is_some_and(|&t| now.duration_since(t) >= WINDOW)
    {
        times.pop_front();
    }
    if times.len() < limit {
        return None;
    }
    let oldest = *times.front()?;
    Some(WINDOW.saturating_sub(now.duration_since(oldest)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    const ADDRESS: Option<IpAddr> = Some(IpAddr::V4(Ipv4Addr::LOCALHOST));

    #[test]
    fn the_sixth_failure_in_a_window_is_refused_until_the_first_expires() {
        let throttle = LoginThrottle::default();
        let start = Instant::now();
        for i in 0..PER_ACCOUNT {
            assert_eq!(
                throttle.wait("a@shop.cn", ADDRESS, start),
                None,
                "attempt {i}"
            );
            throttle.record_failure("a@shop.cn", ADDRESS, start + Duration::from_secs(i as u64));
        }
        let later = start + Duration::from_secs(60);
        assert_eq!(
            throttle.wait("a@shop.cn", ADDRESS, later),
            Some(WINDOW - Duration::from_secs(60))
        );
        // Another account from the same address is not locked out by the first one's failures.
        assert_eq!(throttle.wait("b@shop.cn", ADDRESS, later), None);
        assert_eq!(throttle.wait("a@shop.cn", ADDRESS, start + WINDOW), None);
    }

    #[test]
    fn one_address_trying_many_accounts_is_refused() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for i in 0..PER_ADDRESS {
            throttle.record_failure(&format!("user{i}@shop.cn"), ADDRESS, now);
        }
        assert!(throttle.wait("fresh@shop.cn", ADDRESS, now).is_some());
        assert_eq!(throttle.wait("fresh@shop.cn", None, now), None);
    }

    #[test]
    fn success_clears_the_account() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..PER_ACCOUNT {
            throttle.record_failure("a@shop.cn", None, now);
        }
        throttle.record_success("a@shop.cn");
        assert_eq!(throttle.wait("a@shop.cn", None, now), None);
    }
}
