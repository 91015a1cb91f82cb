//! What every handler shares: the pool, the keys, the login brake.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use actix_web::web;

use super::error::ApiError;
use super::extract::{AuthUser, Caller};
use super::upload::UploadGate;
use crate::auth::{JwtKeys, LoginThrottle};
use crate::domain::Permission;
use crate::store::{DbConnection, Pool, StoreError};

pub struct AppState {
    pub pool: Pool,
    pub keys: JwtKeys,
    pub throttle: LoginThrottle,
    pub token_ttl: Duration,
    /// Wakes this server's outbox worker when a mail is queued.
    pub mail_wake: Arc<Notify>,
    /// Uploads in flight per tenant.
    pub uploads: UploadGate,
    /// Where upload bodies wait, on disk, until they have arrived whole.
    pub spool_dir: PathBuf,
}

impl AppState {
    /// Runs blocking diesel work on actix's blocking pool, inside the request's span.
    pub async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let pool = self.pool.clone();
        let span = tracing::Span::current();
        web::block(move || {
            let _entered = span.enter();
            let mut conn = pool.get().map_err(StoreError::from)?;
            work(&mut conn)
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Like [`AppState::db`], inside one write transaction: all of it or none of it.
    pub async fn transaction<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        self.db(move |conn| crate::store::write(conn, work)).await
    }

    /// Authenticates the caller, checks its role allows `permission`, then reads:
    /// all in one trip to the blocking pool.
    pub async fn read<T, F>(
        &self,
        caller: Caller,
        permission: Permission,
        work: F,
    ) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, &AuthUser) -> Result<T, ApiError> + Send + 'static,
    {
        self.db(move |conn| {
            let auth = authorize(conn, &caller, permission)?;
            work(conn, &auth)
        })
        .await
    }

    /// Like [`AppState::read`], the work inside one write transaction.
    pub async fn write<T, F>(
        &self,
        caller: Caller,
        permission: Permission,
        work: F,
    ) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, &AuthUser) -> Result<T, ApiError> + Send + 'static,
    {
        self.db(move |conn| {
            let auth = authorize(conn, &caller, permission)?;
            crate::store::write(conn, |conn| work(conn, &auth))
        })
        .await
    }
}

fn authorize(
    conn: &mut DbConnection,
    caller: &Caller,
    permission: Permission,
) -> Result<AuthUser, ApiError> {
    let auth = caller.resolve(conn)?;
    auth.require(permission)?;
    Ok(auth)
}

impl From<diesel::result::Error> for ApiError {
    fn from(error: diesel::result::Error) -> Self {
        StoreError::from(error).into()
    }
}
