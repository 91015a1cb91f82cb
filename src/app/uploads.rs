//! Uploads in flight, counted per tenant: one tenant's bulk feeds cannot
//! take every worker, file handle and byte of disk from the others.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::AppError;
use crate::domain::TenantId;
use crate::domain::message::msg;

/// Uploads one tenant may have in flight at once. Bulk feeds come one at a
/// time from a vendor's job; more at once would only fill the disk faster.
pub const PER_TENANT: usize = 2;
/// When a refused upload may try again: long enough for a small file to go in.
const RETRY_AFTER: Duration = Duration::from_secs(5);

/// The uploads in flight, counted per tenant.
#[derive(Default)]
pub struct UploadGate {
    running: Arc<Mutex<HashMap<TenantId, usize>>>,
}

/// One upload's place; given back when dropped.
pub struct UploadPermit {
    running: Arc<Mutex<HashMap<TenantId, usize>>>,
    tenant: TenantId,
}

impl UploadGate {
    /// A place for one more upload of `tenant`, or 429 when it has [`PER_TENANT`] running.
    pub fn enter(&self, tenant: TenantId) -> Result<UploadPermit, AppError> {
        let mut running = lock(&self.running);
        let count = running.entry(tenant).or_default();
        if *count >= PER_TENANT {
            return Err(AppError::TooManyRequests {
                retry_after: RETRY_AFTER,
                reason: msg!("error-uploads-busy"),
            });
        }
        *count += 1;
        Ok(UploadPermit {
            running: Arc::clone(&self.running),
            tenant,
        })
    }
}

impl Drop for UploadPermit {
    fn drop(&mut self) {
        let mut running = lock(&self.running);
        if let Some(count) = running.get_mut(&self.tenant) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                running.remove(&self.tenant);
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while counting leaves only counts behind; they are still usable.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tenant_gets_its_places_and_one_more_once_one_is_given_back() {
        let gate = UploadGate::default();
        let (a, b) = (TenantId::new(1), TenantId::new(2));
        let first = gate.enter(a).unwrap();
        let _second = gate.enter(a).unwrap();
        let refused = gate.enter(a);
        assert!(
            matches!(refused, Err(AppError::TooManyRequests { .. })),
            "a third upload of one tenant waits"
        );
        assert!(gate.enter(b).is_ok(), "another tenant is not held up");
        drop(first);
        assert!(gate.enter(a).is_ok(), "a place given back is free again");
    }
}
