//! Upload bodies of the JSON API, spooled to disk before a connection of the
//! pool is taken (see [`crate::app::uploads`]), their hash kept for idempotency.

use std::path::Path;
use std::time::Duration;

use actix_web::web;

use crate::app::uploads::{self, SpoolError};

use super::error::ApiError;
use super::idempotency::BodyHash;
use crate::domain::message::msg;

/// A body received whole, on disk, with its hash; the file goes when this does.
pub struct Spooled {
    pub file: std::fs::File,
    pub hash: BodyHash,
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

/// Receives the whole body into a temp file under `dir` (see
/// [`crate::app::uploads::spool`]), hashing it on the way.
pub async fn spool(
    payload: web::Payload,
    dir: &Path,
    limit: usize,
    idle: Duration,
) -> Result<Spooled, SpoolError> {
    let mut hash = BodyHash::default();
    let file = uploads::spool(payload, dir, limit, idle, |chunk| hash.update(chunk)).await?;
    Ok(Spooled { file, hash })
}
