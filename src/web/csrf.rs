//! Cross-site request forgery: every form that changes something carries a
//! token bound to the session (or, before sign-in, to a cookie of its own),
//! and must come from a page of this site by its `Origin`. A form that fails
//! either is refused before anything is read or written.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};

use super::error::WebError;
use super::visitor::{FORM_COOKIE, Visitor};
use crate::auth::session::same_token;

/// Checks a signed-in visitor's form: its origin and its session's token.
pub fn check(req: &HttpRequest, visitor: &Visitor, presented: &str) -> Result<(), WebError> {
    let token_ok = visitor
        .session
        .as_ref()
        .is_some_and(|key| key.csrf_matches(presented));
    if !same_origin(req) || !token_ok {
        return Err(WebError::form_refused(visitor.language));
    }
    Ok(())
}

/// Checks a form shown before sign-in: its origin, and the token of its cookie.
pub fn check_before_sign_in(
    req: &HttpRequest,
    visitor: &Visitor,
    presented: &str,
) -> Result<(), WebError> {
    let token_ok = req
        .cookie(FORM_COOKIE)
        .is_some_and(|cookie| !presented.is_empty() && same_token(cookie.value(), presented));
    if !same_origin(req) || !token_ok {
        return Err(WebError::form_refused(visitor.language));
    }
    Ok(())
}

/// The token for a form shown before sign-in: the one the browser's cookie
/// already holds, or a new one.
pub fn form_token(req: &HttpRequest) -> String {
    req.cookie(FORM_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|t| t.len() == 64)
        .unwrap_or_else(crate::auth::session::form_token)
}

/// A page with a form shown before sign-in, its token set in the cookie too.
pub fn with_form_cookie(
    visitor: &Visitor,
    mut response: HttpResponse,
    token: String,
) -> Result<HttpResponse, WebError> {
    response
        .add_cookie(&visitor.cookie(FORM_COOKIE, token))
        .map_err(|e| WebError::render(visitor, e.to_string()))?;
    Ok(response)
}

/// Whether the request says it comes from this site: its `Origin` (every
/// browser sends one with a form post), else its `Referer`, names this host.
fn same_origin(req: &HttpRequest) -> bool {
    let info = req.connection_info();
    let ours = format!("{}://{}", info.scheme(), info.host());
    let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok());
    match (header(header::ORIGIN), header(header::REFERER)) {
        (Some(origin), _) => origin == ours,
        (None, Some(referer)) => referer
            .strip_prefix(&ours)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/')),
        (None, None) => false,
    }
}
