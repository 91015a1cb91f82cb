//! The `Idempotency-Key` header (DESIGN §6): the same key and body replay the
//! first answer; the same key with another body is a 422; a retry while the
//! first request still runs is a 409. Kept per tenant for 24 hours.
//!
//! A handler claims the key before its work (committed at once, so that a
//! retry sees it) and records the answer in the same transaction as the work.
//! A request that fails changed nothing: its key is let go, so the request
//! corrected (or retried after a failure of ours) may use it again.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

use super::error::ApiError;
use super::extract::{AuthUser, Caller, Principal};
use super::state::AppState;
use crate::app::{AppError, AppResult};
use crate::domain::message::msg;
use crate::domain::{Permission, TenantId};
use crate::store::{DbConnection, idempotency};

pub const HEADER: &str = "Idempotency-Key";
const MAX_LEN: usize = 255;

/// The header's value, if sent: 1 to 255 visible ASCII characters.
fn key_of(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(value) = req.headers().get(HEADER) else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .ok()
        .filter(|k| !k.is_empty() && k.len() <= MAX_LEN && k.bytes().all(|b| b.is_ascii_graphic()))
        .ok_or_else(|| ApiError::invalid(HEADER, msg!("error-idempotency-key", max = MAX_LEN)))?;
    Ok(Some(key.to_owned()))
}

/// Hashes a request body as it streams by.
#[derive(Default, Clone)]
pub struct BodyHash(Sha256);

impl BodyHash {
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// What makes two requests "the same": who sends it, where, and the body.
    fn fingerprint(self, auth: &AuthUser, req: &RequestLine) -> String {
        let mut hash = Sha256::new();
        let who = match auth.principal {
            Principal::User(id) => format!("user:{}", id.get()),
            Principal::ApiKey(id, _) => format!("key:{}", id.get()),
        };
        for part in [who.as_str(), req.method.as_str(), req.target.as_str()] {
            hash.update(part.as_bytes());
            hash.update([0]);
        }
        hash.update(self.0.finalize());
        hex::encode(hash.finalize())
    }
}

/// Method and path with query: part of what makes a request the same.
#[derive(Debug, Clone)]
struct RequestLine {
    method: String,
    target: String,
}

impl RequestLine {
    fn of(req: &HttpRequest) -> Self {
        RequestLine {
            method: req.method().to_string(),
            target: req.uri().to_string(),
        }
    }
}

/// A claimed key: the request runs, and its answer is recorded under it.
#[derive(Clone)]
pub struct Claimed {
    tenant: TenantId,
    key: String,
    line: RequestLine,
}

/// What a claim came to.
pub enum Begun {
    /// Run the request.
    Run(Claimed),
    /// The first answer, to send again once the body is known to be the same.
    Replay(Box<idempotency::Stored>),
}

/// Claims the request's `Idempotency-Key` for the caller's tenant; `None` when
/// the request has no key.
pub async fn begin(
    state: &AppState,
    caller: Caller,
    permission: Permission,
    req: &HttpRequest,
) -> Result<Option<Begun>, ApiError> {
    let Some(key) = key_of(req)? else {
        return Ok(None);
    };
    let line = RequestLine::of(req);
    let begun = state
        .read(
            caller,
            permission,
            move |conn, auth| match idempotency::claim(conn, auth.tenant(), &key)? {
                idempotency::Claim::Claimed => Ok(Some(Begun::Run(Claimed {
                    tenant: auth.tenant(),
                    key,
                    line,
                }))),
                idempotency::Claim::Running => {
                    Err(AppError::conflict(msg!("error-idempotency-running")))
                }
                idempotency::Claim::Done(stored) => Ok(Some(Begun::Replay(Box::new(stored)))),
            },
        )
        .await?;
    Ok(begun)
}

/// The first answer if the fingerprints match, else 422.
fn replay(stored: &idempotency::Stored, auth_fingerprint: &str) -> Result<HttpResponse, ApiError> {
    if stored.fingerprint != auth_fingerprint {
        return Err(ApiError::invalid(HEADER, msg!("error-idempotency-reused")));
    }
    let status = StatusCode::from_u16(stored.status).map_err(ApiError::internal)?;
    Ok(HttpResponse::build(status)
        .content_type(stored.content_type.as_str())
        .insert_header(("Idempotent-Replayed", "true"))
        .body(stored.body.clone()))
}

/// Answers a replay for the caller, once the body's hash is known: the first
/// answer if this is the same request, else 422.
pub async fn replay_for(
    state: &AppState,
    caller: Caller,
    permission: Permission,
    req: &HttpRequest,
    hash: BodyHash,
    stored: &idempotency::Stored,
) -> Result<HttpResponse, ApiError> {
    let line = RequestLine::of(req);
    let fingerprint = state
        .read(caller, permission, move |_, auth| {
            Ok(hash.fingerprint(auth, &line))
        })
        .await?;
    replay(stored, &fingerprint)
}

impl Claimed {
    /// Records a successful answer, inside the request's own transaction.
    pub fn complete(
        &self,
        conn: &mut DbConnection,
        auth: &AuthUser,
        hash: BodyHash,
        status: StatusCode,
        body: &serde_json::Value,
    ) -> AppResult<()> {
        let stored = idempotency::Stored {
            fingerprint: hash.fingerprint(auth, &self.line),
            status: status.as_u16(),
            content_type: "application/json".into(),
            body: body.to_string(),
        };
        Ok(idempotency::complete(
            conn,
            self.tenant,
            &self.key,
            &stored,
        )?)
    }

    /// Lets the key go without an answer: a request that failed kept
    /// nothing (its transaction rolled back, or its body never arrived
    /// whole), so the corrected request, or a retry, may use the key — as
    /// Stripe does, only a request that ran to its answer keeps one.
    pub async fn release(self, state: &AppState, caller: Caller) {
        let outcome = state
            .read(caller, Permission::ReadSelf, move |conn, _| {
                Ok(idempotency::release(conn, self.tenant, &self.key)?)
            })
            .await;
        if let Err(error) = outcome {
            tracing::warn!(?error, "could not let an idempotency key go");
        }
    }
}

/// Runs a write under the request's `Idempotency-Key`, if it has one: claims
/// the key, records the answer in the write's own transaction, replays the
/// first answer to a repeat, and lets the key go when the request fails.
pub async fn respond<T, F>(
    state: &AppState,
    caller: Caller,
    permission: Permission,
    req: &HttpRequest,
    hash: BodyHash,
    status: StatusCode,
    run: F,
) -> Result<HttpResponse, ApiError>
where
    T: serde::Serialize,
    F: FnOnce(&mut DbConnection, &AuthUser) -> AppResult<T> + Send + 'static,
{
    let claimed = match begin(state, caller.clone(), permission, req).await? {
        None => None,
        Some(Begun::Run(claimed)) => Some(claimed),
        Some(Begun::Replay(stored)) => {
            return replay_for(state, caller, permission, req, hash, &stored).await;
        }
    };
    let guard = claimed.clone();
    let finish_hash = hash.clone();
    let outcome = state
        .write(caller.clone(), permission, move |conn, auth| {
            let answer = run(conn, auth)?;
            let body = serde_json::to_value(&answer).map_err(AppError::internal)?;
            if let Some(claimed) = &guard {
                claimed.complete(conn, auth, finish_hash, status, &body)?;
            }
            Ok(body)
        })
        .await;
    match outcome {
        Ok(body) => Ok(HttpResponse::build(status).json(body)),
        Err(error) => {
            if let Some(claimed) = claimed {
                claimed.release(state, caller).await;
            }
            Err(error.into())
        }
    }
}
