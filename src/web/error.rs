//! What a page answers when it cannot show what was asked: the sign-in page
//! when the session has ended, otherwise an error page in the site's style
//! and the visitor's language — 403, 404, 429, 500, 503 — that never shows
//! a cause from inside.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;

use super::render::{html, page};
use super::visitor::Visitor;
use crate::app::AppError;
use crate::catalogue::Language;

#[derive(Debug, thiserror::Error)]
#[error("{kind}")]
pub struct WebError {
    language: Language,
    path: String,
    request: String,
    kind: Kind,
}

#[derive(Debug, thiserror::Error)]
enum Kind {
    #[error(transparent)]
    App(AppError),
    /// A form without its CSRF token, or from another site.
    #[error("form refused: no valid CSRF token or a foreign origin")]
    FormRefused,
    /// A page failed to render.
    #[error("rendering: {0}")]
    Render(String),
    /// A form that could not be read: too large, or not a form at all.
    #[error("unreadable form: {0}")]
    BadForm(String),
}

impl WebError {
    pub fn app(visitor: &Visitor, error: AppError) -> Self {
        Self::new(visitor, Kind::App(error))
    }

    pub fn form_refused(language: Language) -> Self {
        Self {
            language,
            path: "/".into(),
            request: String::new(),
            kind: Kind::FormRefused,
        }
    }

    pub fn bad_form(visitor: &Visitor, message: String) -> Self {
        Self::new(visitor, Kind::BadForm(message))
    }

    pub fn render(visitor: &Visitor, message: String) -> Self {
        Self::new(visitor, Kind::Render(message))
    }

    fn new(visitor: &Visitor, kind: Kind) -> Self {
        Self {
            language: visitor.language,
            path: visitor.path.clone(),
            request: visitor.request.clone(),
            kind,
        }
    }

    /// The page's title and text in the catalogue.
    fn texts(&self) -> (&'static str, &'static str) {
        match self.status_code() {
            StatusCode::FORBIDDEN if matches!(self.kind, Kind::FormRefused) => {
                ("error-form-expired-title", "error-form-expired-body")
            }
            StatusCode::FORBIDDEN => ("error-forbidden-title", "error-forbidden-body"),
            StatusCode::NOT_FOUND => ("error-not-found-title", "error-not-found-body"),
            StatusCode::BAD_REQUEST => ("error-bad-form-title", "error-bad-form-body"),
            StatusCode::TOO_MANY_REQUESTS => ("error-too-many-title", "error-too-many-body"),
            StatusCode::SERVICE_UNAVAILABLE => {
                ("error-unavailable-title", "error-unavailable-body")
            }
            StatusCode::CONFLICT | StatusCode::UNPROCESSABLE_ENTITY => {
                ("error-refused-title", "error-refused-body")
            }
            _ => ("error-server-title", "error-server-body"),
        }
    }
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match &self.kind {
            Kind::FormRefused => StatusCode::FORBIDDEN,
            Kind::BadForm(_) => StatusCode::BAD_REQUEST,
            Kind::Render(_) => StatusCode::INTERNAL_SERVER_ERROR,
            Kind::App(error) => match error {
                AppError::Unauthorized => StatusCode::SEE_OTHER,
                AppError::Forbidden | AppError::OutOfKeyScope | AppError::VendorOffboarded => {
                    StatusCode::FORBIDDEN
                }
                AppError::NotFound => StatusCode::NOT_FOUND,
                AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
                AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
                // A page shows the rules a form broke beside its fields; one
                // that reaches here (a month outside the contract in an
                // address …) is said on the error page.
                AppError::Conflict { .. } => StatusCode::CONFLICT,
                AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
                AppError::BadCredentials | AppError::Internal(_) => {
                    StatusCode::INTERNAL_SERVER_ERROR
                }
            },
        }
    }

    fn error_response(&self) -> HttpResponse {
        match &self.kind {
            Kind::App(AppError::Unauthorized) => {
                return HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, sign_in_address(&self.path)))
                    .finish();
            }
            Kind::App(AppError::Internal(cause)) => {
                tracing::error!(error = ?cause, "page failed");
            }
            Kind::Render(message) => tracing::error!(%message, "page failed to render"),
            Kind::App(error) if self.status_code().is_server_error() => {
                tracing::error!(%error, "page failed");
            }
            _ => {}
        }
        let (title, body) = self.texts();
        let rules = match &self.kind {
            Kind::App(AppError::Conflict { message, .. }) => vec![self.language.message(message)],
            Kind::App(AppError::Invalid(violations)) => violations
                .iter()
                .map(|v| self.language.message(&v.message))
                .collect(),
            _ => Vec::new(),
        };
        let visitor = Visitor::anonymous(self.language, &self.request);
        let data = ErrorPage {
            status: self.status_code().as_u16(),
            body: self
                .language
                .text(body, &[("request", self.request.clone())]),
            rules,
        };
        render_error(&visitor, self.status_code(), title, &data)
    }
}

/// Where a visitor whose session ended is sent: the sign-in page, which
/// brings them back to `path` afterwards.
fn sign_in_address(path: &str) -> String {
    if path == "/" || path.starts_with("/sign-") {
        return "/?ended=1".into();
    }
    let query = serde_urlencoded::to_string([("ended", "1"), ("next", path)]).unwrap_or_default();
    format!("/?{query}")
}

#[derive(Serialize)]
struct ErrorPage {
    status: u16,
    body: String,
    /// What was refused, in the visitor's language.
    rules: Vec<String>,
}

fn error_page(
    language: Language,
    request: &str,
    status: StatusCode,
    title: &str,
    body: &str,
) -> HttpResponse {
    let visitor = Visitor::anonymous(language, request);
    let data = ErrorPage {
        status: status.as_u16(),
        body: language.text(body, &[("request", request.to_owned())]),
        rules: Vec::new(),
    };
    render_error(&visitor, status, title, &data)
}

fn render_error(
    visitor: &Visitor,
    status: StatusCode,
    title: &str,
    data: &ErrorPage,
) -> HttpResponse {
    match page(visitor, None, "error", title, data) {
        Ok(text) => html(status, text),
        Err(message) => {
            tracing::error!(%message, "the error page failed to render");
            HttpResponse::build(status)
                .content_type("text/plain; charset=utf-8")
                .body(visitor.language.text(title, &[]))
        }
    }
}

/// The 404 page for an address kefu has no page for.
pub fn not_found_page(req: &HttpRequest) -> HttpResponse {
    let visitor = Visitor::read(req);
    error_page(
        visitor.language,
        &visitor.request,
        StatusCode::NOT_FOUND,
        "error-not-found-title",
        "error-not-found-body",
    )
}
