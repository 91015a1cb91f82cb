//! Large uploads without holding the database: the body is spooled to a temp
//! file first (bounded in size and in idle time), and only then read from that
//! file while a pooled connection stages and merges it. A client trickling its
//! body therefore holds a file and a task, never a connection of the pool, so
//! slow uploads of one tenant cannot starve every tenant's requests.

use std::io::Seek;
use std::path::Path;
use std::time::Duration;

use actix_web::web;
use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;

use super::error::ApiError;
use super::idempotency::BodyHash;
use crate::domain::message::msg;

/// A body received whole, on disk, with its hash; the file goes when this does.
pub struct Spooled {
    pub file: std::fs::File,
    pub hash: BodyHash,
}

/// Why a body could not be received.
#[derive(Debug)]
pub enum SpoolError {
    TooLarge(usize),
    Idle(Duration),
    BrokenOff,
    Disk(std::io::Error),
}

impl From<SpoolError> for ApiError {
    fn from(error: SpoolError) -> Self {
        match error {
            SpoolError::TooLarge(limit) => ApiError::PayloadTooLarge(limit),
            SpoolError::Idle(idle) => {
                ApiError::BadRequest(msg!("error-upload-idle", seconds = idle.as_secs()))
            }
            SpoolError::BrokenOff => ApiError::BadRequest(msg!("error-upload-broken")),
            SpoolError::Disk(error) => ApiError::internal(error),
        }
    }
}

/// Receives the whole body into a temp file under `dir`: at most `limit`
/// bytes, and no pause longer than `idle` between two chunks.
pub async fn spool(
    mut payload: web::Payload,
    dir: &Path,
    limit: usize,
    idle: Duration,
) -> Result<Spooled, SpoolError> {
    let dir = dir.to_path_buf();
    let file = web::block(move || {
        std::fs::create_dir_all(&dir)?;
        tempfile::tempfile_in(&dir)
    })
    .await
    .map_err(|e| SpoolError::Disk(std::io::Error::other(e)))?
    .map_err(SpoolError::Disk)?;
    let mut file = tokio::fs::File::from_std(file);
    let mut hash = BodyHash::default();
    let mut total = 0usize;
    loop {
        let chunk = match tokio::time::timeout(idle, payload.next()).await {
            Err(_) => return Err(SpoolError::Idle(idle)),
            Ok(None) => break,
            Ok(Some(Err(_))) => return Err(SpoolError::BrokenOff),
            Ok(Some(Ok(chunk))) => chunk,
        };
        total += chunk.len();
        if total > limit {
            return Err(SpoolError::TooLarge(limit));
        }
        hash.update(&chunk);
        file.write_all(&chunk).await.map_err(SpoolError::Disk)?;
    }
    file.flush().await.map_err(SpoolError::Disk)?;
    let mut file = file.into_std().await;
    file.rewind().map_err(SpoolError::Disk)?;
    Ok(Spooled { file, hash })
}
