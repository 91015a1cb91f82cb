//! The HTTP error: what a use case answered, or one of the few failures only
//! HTTP has (a body that is not JSON, too large, of the wrong type), each
//! mapped to its status once and rendered as RFC 9457 `application/problem+json`
//! in the caller's language (see [`super::language`]).

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::AppError;
use crate::catalogue::Language;
use crate::domain::message::{Explain, Message, msg};
use crate::domain::violation::{Violation, Violations};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the body is not JSON at all, or did not arrive whole.
    #[error("{0}")]
    BadRequest(Message),
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
    pub fn invalid(field: impl Into<String>, message: impl Explain) -> Self {
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

    /// The problem's title: the status's reason phrase, in words of the catalogue.
    fn title(&self) -> Message {
        match self.status() {
            StatusCode::BAD_REQUEST => msg!("error-title-400"),
            StatusCode::UNAUTHORIZED => msg!("error-title-401"),
            StatusCode::FORBIDDEN => msg!("error-title-403"),
            StatusCode::NOT_FOUND => msg!("error-title-404"),
            StatusCode::CONFLICT => msg!("error-title-409"),
            StatusCode::PAYLOAD_TOO_LARGE => msg!("error-title-413"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => msg!("error-title-415"),
            StatusCode::UNPROCESSABLE_ENTITY => msg!("error-title-422"),
            StatusCode::TOO_MANY_REQUESTS => msg!("error-title-429"),
            StatusCode::SERVICE_UNAVAILABLE => msg!("error-title-503"),
            _ => msg!("error-title-500"),
        }
    }

    /// What went wrong, as a whole.
    fn detail(&self) -> Message {
        match self {
            ApiError::BadRequest(message) => message.clone(),
            ApiError::PayloadTooLarge(limit) => msg!("error-body-too-large", limit = *limit),
            ApiError::UnsupportedMediaType(media) => {
                msg!("error-unsupported-media-type", media = *media)
            }
            ApiError::App(error) => error.message(),
        }
    }

    /// The problem document this error answers with, in `language`.
    pub fn problem(&self, language: Language) -> Problem {
        let violations = match self {
            ApiError::App(AppError::Invalid(violations)) => violations.clone(),
            ApiError::App(AppError::Conflict {
                field: Some(field),
                message,
            }) => Violations::one(field.clone(), message.clone()),
            _ => Violations::default(),
        };
        Problem {
            kind: format!("urn:kefu:problem:{}", self.kind()),
            title: language.message(&self.title()),
            status: self.status().as_u16(),
            detail: language.message(&self.detail()),
            errors: violations
                .iter()
                .map(|v| FieldError::of(v, language))
                .collect(),
        }
    }

    /// The answer to the request, its problem written in `language`.
    pub fn response_in(&self, language: Language) -> HttpResponse {
        let mut response = HttpResponse::build(self.status());
        response
            .content_type("application/problem+json")
            .insert_header((header::CONTENT_LANGUAGE, language.tag()));
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
        response.json(self.problem(language))
    }
}

/// The problem document (RFC 9457) every error answers with.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem, e.g. `urn:kefu:problem:invalid-input`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The status's reason phrase, in the language `Content-Language` names.
    pub title: String,
    pub status: u16,
    /// What went wrong, for a person, in the language `Content-Language` names.
    pub detail: String,
    /// For 422 and some 409 answers: the fields and the rules they break.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// One broken rule: which field, and what the rule is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The field, as a path into the body (`bank.account_number`, `contacts[1].phone`) or the query parameter.
    pub field: String,
    /// The rule it breaks, in words, in the language `Content-Language` names.
    pub message: String,
    /// For a CSV upload: the line of the file (the header is line 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

impl FieldError {
    /// A broken rule, written in `language`.
    pub fn of(violation: &Violation, language: Language) -> Self {
        FieldError {
            field: violation.field.clone(),
            message: language.message(&violation.message),
            line: violation.line,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status()
    }

    /// In Chinese, the API's own language; [`super::language::answer_in`]
    /// writes it again in the caller's.
    fn error_response(&self) -> HttpResponse {
        if let ApiError::App(AppError::Internal(cause)) = self {
            tracing::error!(error = ?cause, "request failed");
        }
        self.response_in(Language::default())
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
