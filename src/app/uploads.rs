//! Uploads in flight, counted per tenant: one tenant's bulk feeds cannot
//! take every worker, file handle and byte of disk from the others.
//!
//! Large uploads are taken without holding the database: the body is spooled
//! to a temp file first (bounded in size and in idle time), and only then read
//! from that file while a pooled connection stages and merges it. A client
//! trickling its body therefore holds a file and a task, never a connection
//! of the pool, so slow uploads of one tenant cannot starve every tenant's
//! requests. The JSON API and the upload page both receive through [`spool`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use std::io::Seek;
use std::path::Path;

use futures_util::{Stream, StreamExt};
use tokio::io::AsyncWriteExt;

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

/// Why a body could not be received.
#[derive(Debug)]
pub enum SpoolError {
    TooLarge(usize),
    Idle(Duration),
    BrokenOff,
    Disk(std::io::Error),
}

/// Receives a whole body into a temp file under `dir`: at most `limit` bytes,
/// and no pause longer than `idle` between two chunks; `seen` is shown every
/// chunk on its way (to hash the body, say). The file is rewound, ready to read.
pub async fn spool<S, B, E>(
    mut body: S,
    dir: &Path,
    limit: usize,
    idle: Duration,
    mut seen: impl FnMut(&[u8]),
) -> Result<std::fs::File, SpoolError>
where
    S: Stream<Item = Result<B, E>> + Unpin,
    B: AsRef<[u8]>,
{
    let dir = dir.to_path_buf();
    let file = tokio::task::spawn_blocking(move || {
        std::fs::create_dir_all(&dir)?;
        tempfile::tempfile_in(&dir)
    })
    .await
    .map_err(|e| SpoolError::Disk(std::io::Error::other(e)))?
    .map_err(SpoolError::Disk)?;
    let mut file = tokio::fs::File::from_std(file);
    let mut total = 0usize;
    loop {
        let chunk = match tokio::time::timeout(idle, body.next()).await {
            Err(_) => return Err(SpoolError::Idle(idle)),
            Ok(None) => break,
            Ok(Some(Err(_))) => return Err(SpoolError::BrokenOff),
            Ok(Some(Ok(chunk))) => chunk,
        };
        let chunk = chunk.as_ref();
        total += chunk.len();
        if total > limit {
            return Err(SpoolError::TooLarge(limit));
        }
        seen(chunk);
        file.write_all(chunk).await.map_err(SpoolError::Disk)?;
    }
    file.flush().await.map_err(SpoolError::Disk)?;
    let mut file = file.into_std().await;
    file.rewind().map_err(SpoolError::Disk)?;
    Ok(file)
}
