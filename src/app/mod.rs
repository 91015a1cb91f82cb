//! The use cases: what merchants, vendors and finance do with kefu, each
//! behind one authorization path, whoever asks — the JSON API, the pages,
//! the command line or a worker. Nothing here knows of HTTP.
//!
//! A use case takes the [`App`] (the pool and what the services share), the
//! caller's credential and its input, checks the caller may do it, and does
//! its database work in one trip to the blocking pool — inside one
//! transaction when it writes.

pub mod access;
pub mod accounts;
pub mod api_keys;
pub mod billing;
pub mod contracts;
pub mod dashboards;
pub mod documents;
pub mod entered;
pub mod error;
pub mod exclusions;
pub mod incidents;
pub mod invoices;
pub mod kpi;
pub mod month;
pub mod outbox;
pub mod patch;
mod refusals;
pub mod reports;
pub mod session;
pub mod shops;
pub mod standing;
pub mod statements;
pub mod tenant;
pub mod uploads;
pub mod users;
pub mod vendors;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

pub use access::{AuthUser, Caller, Principal};
pub use error::{AppError, AppResult};

use crate::auth::{JwtKeys, LoginThrottle};
use crate::domain::Permission;
use crate::domain::message::msg;
use crate::domain::session::SessionLimits;
use crate::domain::text::parse_text;
use crate::store::{self, DbConnection, Pool, StoreError};

/// What every use case shares: the pool, the keys, the brakes.
pub struct App {
    pub pool: Pool,
    pub keys: JwtKeys,
    pub throttle: LoginThrottle,
    pub token_ttl: Duration,
    /// How long a browser session lives.
    pub sessions: SessionLimits,
    /// Where people reach kefu: the start of the links in its mails.
    pub public_url: String,
    /// Wakes this server's outbox worker when a mail is queued.
    pub mail_wake: Arc<Notify>,
    /// Uploads in flight per tenant.
    pub uploads: uploads::UploadGate,
    /// Where upload bodies wait, on disk, until they have arrived whole.
    pub spool_dir: std::path::PathBuf,
}

impl App {
    /// Runs blocking diesel work on the blocking pool, inside the caller's span.
    pub async fn db<T, F>(&self, work: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || {
            let _entered = span.enter();
            let mut conn = pool.get().map_err(StoreError::from)?;
            work(&mut conn)
        })
        .await
        .map_err(AppError::internal)?
    }

    /// Like [`App::db`], inside one write transaction: all of it or none of it.
    pub async fn transaction<T, F>(&self, work: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
    {
        self.db(move |conn| store::write(conn, work)).await
    }

    /// Whether requests can be served: a pooled database connection comes free
    /// within `wait`, and the database answers on it.
    pub async fn ready(&self, wait: Duration) -> AppResult<()> {
        use crate::store::pool::{NotReady, check_ready};
        let pool = self.pool.clone();
        let ready = tokio::task::spawn_blocking(move || check_ready(&pool, wait))
            .await
            .map_err(AppError::internal)?;
        ready.map_err(|error| {
            tracing::warn!(error = %error, "not ready");
            AppError::Unavailable(match error {
                NotReady::Starved(_) => msg!("error-database-starved"),
                NotReady::Down(_) => msg!("error-database-down"),
            })
        })
    }

    /// The caller a browser's session cookie stands for.
    pub fn session_caller(&self, key: crate::auth::session::SessionKey) -> Caller {
        Caller::Session(key, self.sessions)
    }

    /// Authenticates the caller, checks it may do `permission`, then reads:
    /// all in one trip to the blocking pool.
    pub async fn read<T, F>(&self, caller: Caller, permission: Permission, work: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, &AuthUser) -> AppResult<T> + Send + 'static,
    {
        self.db(move |conn| {
            let auth = caller.authorize(conn, permission)?;
            work(conn, &auth)
        })
        .await
    }

    /// Like [`App::read`], the work inside one write transaction.
    pub async fn write<T, F>(&self, caller: Caller, permission: Permission, work: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, &AuthUser) -> AppResult<T> + Send + 'static,
    {
        self.db(move |conn| {
            let auth = caller.authorize(conn, permission)?;
            store::write(conn, |conn| work(conn, &auth))
        })
        .await
    }
}

/// The longest reason a step takes (a void, a credit note, a suspension …), in characters.
pub const REASON_MAX: usize = 1000;

/// A reason given for a step, under `field`: required, plain text, at most
/// [`REASON_MAX`] characters.
pub fn reason(field: &str, raw: &str) -> AppResult<String> {
    parse_text(raw, REASON_MAX).map_err(|e| AppError::invalid(field, e))
}
