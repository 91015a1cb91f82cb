//! What every handler shares: the pool, the keys, the login brake.

use std::time::Duration;

use actix_web::web;

use super::error::ApiError;
use crate::auth::{JwtKeys, LoginThrottle};
use crate::store::{DbConnection, Pool, StoreError};

pub struct AppState {
    pub pool: Pool,
    pub keys: JwtKeys,
    pub throttle: LoginThrottle,
    pub token_ttl: Duration,
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
    pub async fn write<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        self.db(move |conn| crate::store::write(conn, work)).await
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(error: diesel::result::Error) -> Self {
        StoreError::from(error).into()
    }
}
