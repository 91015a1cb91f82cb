//! What every handler shares: the application, and where upload bodies wait.

use std::ops::Deref;
use std::path::PathBuf;

use super::error::ApiError;
use super::extract::{AuthUser, Caller};
use crate::app::App;
use crate::domain::Permission;
use crate::store::DbConnection;

pub struct AppState {
    pub app: App,
    /// Where upload bodies wait, on disk, until they have arrived whole.
    pub spool_dir: PathBuf,
}

impl Deref for AppState {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}

impl AppState {
    /// Runs blocking diesel work on the blocking pool, inside the request's span.
    pub async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        // The work's own error passes through whole; only the pool's is mapped.
        self.app
            .db(move |conn| Ok(work(conn)))
            .await
            .map_err(ApiError::from)?
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
            let auth = caller.authorize(conn, permission)?;
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
            let auth = caller.authorize(conn, permission)?;
            crate::store::write(conn, |conn| work(conn, &auth))
        })
        .await
    }
}
