//! The brake on password guessing. Failed logins are counted over a sliding
//! window three ways:
//!
//! - per account *and* address: past [`PER_PAIR`], that address is refused
//!   (429) for that account until the oldest failure leaves the window;
//! - per address, across accounts: past [`PER_ADDRESS`], the address is refused;
//! - per account, across addresses: past [`ACCOUNT_FREE`], each further wrong
//!   password is answered more slowly, up to [`MAX_DELAY`]. The account is never
//!   locked: a stranger hammering it must not keep its owner out, and the
//!   right password from another address is neither refused nor slowed.
//!
//! The counts live in this process. Several servers behind one balancer each
//! count on their own, which multiplies the allowance by their number.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed logins allowed from one address against one account in one window.
pub const PER_PAIR: usize = 5;
/// Failed logins allowed per client address in one window (offices share addresses).
pub const PER_ADDRESS: usize = 20;
/// Failed logins on one account, from anywhere, before its failures are slowed down.
pub const ACCOUNT_FREE: usize = 5;
/// The first slowed failure waits this long; each further one twice as long as the last.
pub const FIRST_DELAY: Duration = Duration::from_millis(500);
/// The longest a wrong password waits for its answer.
pub const MAX_DELAY: Duration = Duration::from_secs(8);
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Beyond this many tracked keys, stale ones are swept on the next failure.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<Key, VecDeque<Instant>>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    /// An address unknown (no peer address) counts as one address of its own.
    Pair(String, Option<IpAddr>),
    Address(IpAddr),
    Account(String),
}

impl LoginThrottle {
    /// How long this address must wait before trying this account again, if it must.
    pub fn wait(&self, account: &str, address: Option<IpAddr>, now: Instant) -> Option<Duration> {
        let mut failures = self.lock();
        let pair = Key::Pair(account.to_owned(), address);
        let mut wait = over_limit(&mut failures, pair, PER_PAIR, now);
        if let Some(address) = address {
            wait = wait.max(over_limit(
                &mut failures,
                Key::Address(address),
                PER_ADDRESS,
                now,
            ));
        }
        wait
    }

    /// How long a wrong password for this account, already recorded, waits
    /// before it is answered: nothing for the first [`ACCOUNT_FREE`] failures
    /// in a window, then doubling up to [`MAX_DELAY`].
    pub fn failure_delay(&self, account: &str, now: Instant) -> Duration {
        let mut failures = self.lock();
        let Some(times) = failures.get_mut(&Key::Account(account.to_owned())) else {
            return Duration::ZERO;
        };
        forget_old(times, now);
        let Some(beyond) = times.len().checked_sub(ACCOUNT_FREE + 1) else {
            return Duration::ZERO;
        };
        let doublings = u32::try_from(beyond).unwrap_or(u32::MAX).min(16);
        FIRST_DELAY.saturating_mul(1 << doublings).min(MAX_DELAY)
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
        let keys = [
            Some(Key::Pair(account.to_owned(), address)),
            Some(Key::Account(account.to_owned())),
            address.map(Key::Address),
        ];
        for key in keys.into_iter().flatten() {
            failures.entry(key).or_default().push_back(now);
        }
    }

    /// A successful login clears the account's counts: its own from this
    /// address and its slowing down (not the address's count across accounts).
    pub fn record_success(&self, account: &str, address: Option<IpAddr>) {
        let mut failures = self.lock();
        failures.remove(&Key::Pair(account.to_owned(), address));
        failures.remove(&Key::Account(account.to_owned()));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, VecDeque<Instant>>> {
        // A panic while holding the lock leaves only counts behind; they are still usable.
        self.failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn forget_old(times: &mut VecDeque<Instant>, now: Instant) {
    while times
        .front()
        .is_some_and(|&t| now.duration_since(t) >= WINDOW)
    {
        times.pop_front();
    }
}

fn over_limit(
    failures: &mut HashMap<Key, VecDeque<Instant>>,
    key: Key,
    limit: usize,
    now: Instant,
) -> Option<Duration> {
    let times = failures.get_mut(&key)?;
    forget_old(times, now);
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

    const HERE: Option<IpAddr> = Some(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1)));
    const THERE: Option<IpAddr> = Some(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2)));

    #[test]
    fn the_sixth_failure_from_one_address_is_refused_until_the_first_expires() {
        let throttle = LoginThrottle::default();
        let start = Instant::now();
        for i in 0..PER_PAIR {
            assert_eq!(throttle.wait("a@shop.cn", HERE, start), None, "attempt {i}");
            throttle.record_failure("a@shop.cn", HERE, start + Duration::from_secs(i as u64));
        }
        let later = start + Duration::from_secs(60);
        assert_eq!(
            throttle.wait("a@shop.cn", HERE, later),
            Some(WINDOW - Duration::from_secs(60))
        );
        // Another account from the same address is not refused for the first one's failures.
        assert_eq!(throttle.wait("b@shop.cn", HERE, later), None);
        assert_eq!(throttle.wait("a@shop.cn", HERE, start + WINDOW), None);
    }

    #[test]
    fn one_address_hammering_an_account_does_not_keep_another_address_out() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..PER_PAIR * 3 {
            throttle.record_failure("a@shop.cn", THERE, now);
        }
        assert!(throttle.wait("a@shop.cn", THERE, now).is_some());
        assert_eq!(throttle.wait("a@shop.cn", HERE, now), None);
    }

    #[test]
    fn an_accounts_failures_from_anywhere_are_slowed_down_ever_more_up_to_a_cap() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        let mut delays = Vec::new();
        for i in 0..ACCOUNT_FREE + 6 {
            // Each from its own address: no address reaches its own limit.
            let address = Some(IpAddr::V4(Ipv4Addr::new(10, 0, 1, i as u8)));
            throttle.record_failure("a@shop.cn", address, now);
            delays.push(throttle.failure_delay("a@shop.cn", now));
        }
        let ms: Vec<u128> = delays.iter().map(Duration::as_millis).collect();
        assert_eq!(ms, [0, 0, 0, 0, 0, 500, 1000, 2000, 4000, 8000, 8000]);
        assert_eq!(throttle.failure_delay("b@shop.cn", now), Duration::ZERO);
        assert_eq!(
            throttle.failure_delay("a@shop.cn", now + WINDOW),
            Duration::ZERO,
            "failures older than the window no longer count"
        );
    }

    #[test]
    fn one_address_trying_many_accounts_is_refused() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for i in 0..PER_ADDRESS {
            throttle.record_failure(&format!("user{i}@shop.cn"), HERE, now);
        }
        assert!(throttle.wait("fresh@shop.cn", HERE, now).is_some());
        assert_eq!(throttle.wait("fresh@shop.cn", THERE, now), None);
    }

    #[test]
    fn success_clears_the_account_but_not_the_address() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for i in 0..PER_PAIR {
            throttle.record_failure("a@shop.cn", HERE, now);
            throttle.record_failure(&format!("other{i}@shop.cn"), HERE, now);
        }
        throttle.record_success("a@shop.cn", HERE);
        assert_eq!(throttle.wait("a@shop.cn", HERE, now), None);
        assert_eq!(throttle.failure_delay("a@shop.cn", now), Duration::ZERO);
        for i in 0..PER_ADDRESS {
            throttle.record_failure(&format!("more{i}@shop.cn"), HERE, now);
        }
        assert!(throttle.wait("a@shop.cn", HERE, now).is_some());
    }
}
