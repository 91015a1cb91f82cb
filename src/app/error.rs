//! The application's error: why a use case did not do what it was asked,
//! in words a person can act on ([`Explain`]: a message of the catalogue,
//! written in the reader's language where it is shown). The JSON API maps it
//! to a problem response (`http::error`), the pages to a message, the CLI
//! prints its causes (in English, its `Display`).

use std::time::Duration;

use crate::domain::message::{Explain, Message, msg};
use crate::domain::violation::Violations;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No credential, or one that is not (or no longer) good.
    #[error("a valid bearer token or API key is required")]
    Unauthorized,
    /// At sign-in: wrong email or password, without saying which.
    #[error("the email or password is wrong")]
    BadCredentials,
    /// The caller's role may not do this.
    #[error("your role may not do this")]
    Forbidden,
    /// An API key whose scopes do not allow this (no key manages keys or users).
    #[error("this API key's scopes do not allow this; no API key manages keys or users")]
    OutOfKeyScope,
    /// At sign-in: the password is right, but the user's vendor was offboarded.
    #[error("your vendor was offboarded by the merchant: its users can no longer sign in")]
    VendorOffboarded,
    /// No such thing for this tenant (or this vendor).
    #[error("not found")]
    NotFound,
    /// The request conflicts with what is stored.
    #[error("{message}")]
    Conflict {
        field: Option<String>,
        message: Message,
    },
    /// Input that breaks a rule; every broken rule is listed with its field.
    #[error("the input breaks {} rule(s)", .0.len())]
    Invalid(Violations),
    /// Too many failed sign-ins, or uploads at once; try again after the given time.
    #[error("{reason}")]
    TooManyRequests {
        retry_after: Duration,
        reason: Message,
    },
    /// A part the service needs (the database) does not answer: which, and how.
    #[error("the service is not ready: {0}")]
    Unavailable(Message),
    /// Something failed on our side; the caller learns nothing more, the log everything.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// A single broken rule.
    pub fn invalid(field: impl Into<String>, message: impl Explain) -> Self {
        AppError::Invalid(Violations::one(field, message))
    }

    pub fn conflict(message: impl Explain) -> Self {
        AppError::Conflict {
            field: None,
            message: message.message(),
        }
    }

    /// A conflict with what is stored, on one field.
    pub fn conflict_on(field: impl Into<String>, message: impl Explain) -> Self {
        AppError::Conflict {
            field: Some(field.into()),
            message: message.message(),
        }
    }

    pub fn internal(error: impl Into<anyhow::Error>) -> Self {
        AppError::Internal(error.into())
    }
}

/// What the answer says of the error as a whole (a problem's `detail`); the
/// rules an input broke are listed beside it, each with its own message.
impl Explain for AppError {
    fn message(&self) -> Message {
        match self {
            AppError::Unauthorized => msg!("error-unauthenticated"),
            AppError::BadCredentials => msg!("error-bad-credentials"),
            AppError::Forbidden => msg!("error-forbidden"),
            AppError::OutOfKeyScope => msg!("error-out-of-key-scope"),
            AppError::VendorOffboarded => msg!("error-vendor-offboarded"),
            AppError::NotFound => msg!("error-not-found"),
            AppError::Conflict { message, .. } => message.clone(),
            AppError::Invalid(violations) => {
                msg!("error-invalid-input", count = violations.len())
            }
            AppError::TooManyRequests { reason, .. } => reason.clone(),
            AppError::Unavailable(reason) => msg!("error-unavailable", reason = reason.clone()),
            AppError::Internal(_) => msg!("error-internal"),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict { field, message } => AppError::Conflict {
                field: Some(field.to_owned()),
                message,
            },
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(error: diesel::result::Error) -> Self {
        StoreError::from(error).into()
    }
}

impl From<Violations> for AppError {
    fn from(violations: Violations) -> Self {
        AppError::Invalid(violations)
    }
}
