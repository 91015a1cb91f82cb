//! The HTTP error: what a use case answered, or one of the few failures only
//! HTTP has (a body that is not JSON, too large, of the wrong type), each
//! mapped to its status once and rendered as RFC 9457 `application/problem+json`.

use std::fmt::Display;

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
    /// 413: the body is larger than the route accepts.
    #[error("the request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    /// 415: the body is not sent in the type the route takes (JSON, or CSV for uploads).
    #[error("send the body as {0}")]
    UnsupportedMediaType(&'static str),
    /// The use case's answer: 401, 403, 404, 409, 422, 429, 503 or 500 (see [`ApiError::status`]).
    #[error(transparent)]
    App(#[from] AppError),
}

impl ApiError {
    /// A single broken rule.
    pub fn invalid(field: impl Into<String>, message: impl Display) -> Self {
        AppError::invalid(field, message).into()
    }

    pub fn internal(error: impl Into<anyhow::Error>) -> Self {
        AppError::internal(error).into()
    }

    /// No such thing: also the answer to a path that names nothing.
    pub fn not_found() -> Self {
        AppError::NotFound.into()
    }

    /// The status each error answers with: the one place a refusal becomes a status.
    fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::App(error) => match error {
                AppError::Unauthorized | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
                AppError::Forbidden | AppError::OutOfKeyScope | AppError::VendorOffboarded => {
                    StatusCode::FORBIDDEN
                }
                AppError::NotFound => StatusCode::NOT_FOUND,
                AppError::Conflict { .. } => StatusCode::CONFLICT,
                AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
                AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
                AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
                AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            },
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "malformed-body",
            ApiError::PayloadTooLarge(_) => "body-too-large",
            ApiError::UnsupportedMediaType(_) => "unsupported-media-type",
            ApiError::App(error) => match error {
                AppError::Unauthorized => "unauthenticated",
                AppError::BadCredentials => "bad-credentials",
                AppError::Forbidden => "forbidden",
                AppError::OutOfKeyScope => "out-of-key-scope",
                AppError::VendorOffboarded => "vendor-offboarded",
                AppError::NotFound => "not-found",
                AppError::Conflict { .. } => "conflict",
                AppError::Invalid(_) => "invalid-input",
                AppError::TooManyRequests { .. } => "too-many-requests",
                AppError::Unavailable(_) => "unavailable",
                AppError::Internal(_) => "internal",
            },
        }
    }

    /// The problem document this error answers with.
    pub fn problem(&self) -> Problem {
        let status = self.status();
        let errors = match self {
            ApiError::App(AppError::Invalid(errors)) => errors.iter().cloned().collect(),
            ApiError::App(AppError::Conflict {
                field: Some(field),
                message,
            }) => {
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
        self.status()
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status();
        if let ApiError::App(AppError::Internal(cause)) = self {
            tracing::error!(error = ?cause, "request failed");
        }
        let problem = self.problem();
        let mut response = HttpResponse::build(status);
        response.content_type("application/problem+json");
        match self {
            ApiError::App(AppError::Unauthorized) => {
                response
                    .insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            }
            ApiError::App(AppError::TooManyRequests { retry_after, .. }) => {
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

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        AppError::from(error).into()
    }
}

impl From<Violations> for ApiError {
    fn from(violations: Violations) -> Self {
        AppError::Invalid(violations).into()
    }
}
