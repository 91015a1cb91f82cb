//! The HTTP error: every failure a handler can answer with, each variant
//! documenting its status, rendered once as RFC 9457 `application/problem+json`.

use std::fmt::Display;
use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::AppError;
use crate::domain::violation::{Violation, Violations};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the body is not JSON at all.
    #[error("{0}")]
    BadRequest(String),
    /// 401: no credential, or one that is not (or no longer) good.
    #[error("a valid bearer token or API key is required")]
    Unauthorized,
    /// 401 at login: wrong email or password, without saying which.
    #[error("the email or password is wrong")]
    BadCredentials,
    /// 403: the caller's role may not do this.
    #[error("your role may not do this")]
    Forbidden,
    /// 403: an API key whose scopes do not allow this (no key manages keys or users).
    #[error("this API key's scopes do not allow this; no API key manages keys or users")]
    OutOfKeyScope,
    /// 403 at login: the password is right, but the user's vendor was offboarded.
    #[error("your vendor was offboarded by the merchant: its users can no longer sign in")]
    VendorOffboarded,
    /// 404: no such thing for this tenant (or this vendor).
    #[error("not found")]
    NotFound,
    /// 409: the request conflicts with what is stored.
    #[error("{message}")]
    Conflict {
        field: Option<String>,
        message: String,
    },
    /// 413: the body is larger than the route accepts.
    #[error("the request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    /// 415: the body is not sent in the type the route takes (JSON, or CSV for uploads).
    #[error("send the body as {0}")]
    UnsupportedMediaType(&'static str),
    /// 422: input that breaks a rule; every broken rule is listed with its field.
    #[error("the input breaks {} rule(s)", .0.len())]
    Invalid(Violations),
    /// 429: too many failed logins, or uploads at once; try again after the given time.
    #[error("{reason}")]
    TooManyRequests {
        retry_after: Duration,
        reason: &'static str,
    },
    /// 503: a part the service needs (the database) does not answer.
    #[error("the service is not ready: {0}")]
    Unavailable(&'static str),
    /// 500: something failed on our side; the client learns nothing more.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    /// A single broken rule.
    pub fn invalid(field: impl Into<String>, message: impl Display) -> Self {
        ApiError::Invalid(Violations::one(field, message))
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        ApiError::Conflict {
            field: None,
            message: message.into(),
        }
    }

    pub fn internal(error: impl Into<anyhow::Error>) -> Self {
        ApiError::Internal(error.into())
    }

    /// The problem document this error answers with.
    pub fn problem(&self) -> Problem {
        let status = self.status_code();
        let errors = match self {
            ApiError::Invalid(errors) => errors.iter().cloned().collect(),
            ApiError::Conflict {
                field: Some(field),
                message,
            } => {
                vec![Violation {
                    field: field.clone(),
                    message: message.clone(),
                    line: None,
                }]
            }
            _ => Vec::new(),
        };
        Problem {
            kind: format!("urn:kefu:problem:{}", self.kind()),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: self.to_string(),
            errors,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "malformed-body",
            ApiError::Unauthorized => "unauthenticated",
            ApiError::BadCredentials => "bad-credentials",
            ApiError::Forbidden => "forbidden",
            ApiError::OutOfKeyScope => "out-of-key-scope",
            ApiError::VendorOffboarded => "vendor-offboarded",
            ApiError::NotFound => "not-found",
            ApiError::Conflict { .. } => "conflict",
            ApiError::PayloadTooLarge(_) => "body-too-large",
            ApiError::UnsupportedMediaType(_) => "unsupported-media-type",
            ApiError::Invalid(_) => "invalid-input",
            ApiError::TooManyRequests { .. } => "too-many-requests",
            ApiError::Unavailable(_) => "unavailable",
            ApiError::Internal(_) => "internal",
        }
    }
}

/// The problem document (RFC 9457) every error answers with.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem, e.g. `urn:kefu:problem:invalid-input`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The status's reason phrase.
    pub title: String,
    pub status: u16,
    /// What went wrong, for a person.
    pub detail: String,
    /// For 422 and some 409 answers: the fields and the rules they break.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Violation>,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized | ApiError::BadCredentials => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden | ApiError::OutOfKeyScope | ApiError::VendorOffboarded => {
                StatusCode::FORBIDDEN
            }
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if let ApiError::Internal(cause) = self {
            tracing::error!(error = ?cause, "request failed");
        }
        let problem = self.problem();
        let mut response = HttpResponse::build(status);
        response.content_type("application/problem+json");
        match self {
            ApiError::Unauthorized => {
                response
                    .insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            }
            ApiError::TooManyRequests { retry_after, .. } => {
                response.insert_header((
                    header::RETRY_AFTER,
                    retry_after.as_secs().max(1).to_string(),
                ));
            }
            _ => {}
        }
        response.json(problem)
    }
}

/// The one place a use case's refusal becomes an HTTP answer.
impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Unauthorized => ApiError::Unauthorized,
            AppError::BadCredentials => ApiError::BadCredentials,
            AppError::Forbidden => ApiError::Forbidden,
            AppError::OutOfKeyScope => ApiError::OutOfKeyScope,
            AppError::VendorOffboarded => ApiError::VendorOffboarded,
            AppError::NotFound => ApiError::NotFound,
            AppError::Conflict { field, message } => ApiError::Conflict { field, message },
            AppError::Invalid(violations) => ApiError::Invalid(violations),
            AppError::TooManyRequests {
                retry_after,
                reason,
            } => ApiError::TooManyRequests {
                retry_after,
                reason,
            },
            AppError::Unavailable(part) => ApiError::Unavailable(part),
            AppError::Internal(cause) => ApiError::Internal(cause),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        AppError::from(error).into()
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(error: diesel::result::Error) -> Self {
        AppError::from(error).into()
    }
}

impl From<Violations> for ApiError {
    fn from(violations: Violations) -> Self {
        ApiError::Invalid(violations)
    }
}
