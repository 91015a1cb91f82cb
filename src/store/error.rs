use diesel::result::{DatabaseErrorKind, Error as DieselError};
use thiserror::Error;

use crate::domain::message::Message;

/// What can go wrong in storage, as the layers above need to tell it apart.
#[derive(Debug, Error)]
pub enum StoreError {
    /// No such row for this tenant (and vendor, for vendor users).
    #[error("not found")]
    NotFound,
    /// The write would break a uniqueness or reference rule; says which, in words for the user.
    #[error("conflict on {field}: {message}")]
    Conflict {
        field: &'static str,
        message: Message,
    },
    #[error("database error")]
    Database(#[source] DieselError),
    #[error("no database connection available")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
}

impl From<DieselError> for StoreError {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::NotFound => StoreError::NotFound,
            other => StoreError::Database(other),
        }
    }
}

impl StoreError {
    /// Maps a unique violation to a conflict on `field`; other errors pass through.
    pub(crate) fn unique(
        field: &'static str,
        message: Message,
    ) -> impl FnOnce(DieselError) -> StoreError {
        conflict_on(DatabaseErrorKind::UniqueViolation, field, message)
    }

    /// Maps a foreign-key violation (something still refers to the row) to a conflict.
    pub(crate) fn referenced(
        field: &'static str,
        message: Message,
    ) -> impl FnOnce(DieselError) -> StoreError {
        conflict_on(DatabaseErrorKind::ForeignKeyViolation, field, message)
    }

    /// A value read back from a column failed to parse: the database holds what we never wrote.
    pub(crate) fn corrupt(what: impl std::fmt::Display) -> StoreError {
        StoreError::Corrupt(what.to_string())
    }
}

fn conflict_on(
    kind: DatabaseErrorKind,
    field: &'static str,
    message: Message,
) -> impl FnOnce(DieselError) -> StoreError {
    move |error| match error {
        DieselError::DatabaseError(found, _) if found == kind => {
            StoreError::Conflict { field, message }
        }
        other => other.into(),
    }
}
