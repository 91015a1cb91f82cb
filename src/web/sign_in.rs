//! Signing in and out from a browser. `/` is the sign-in page; a good email
//! and password get a new session cookie and go on to the page asked for.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};

use super::csrf;
use super::error::WebError;
use super::render::{html, page};
use super::visitor::{FORM_COOKIE, SESSION_COOKIE, Visitor};
use crate::app::session::{self, LoginBody};
use crate::app::{App, AppError};

/// The longest email and password the form takes (the API's rules say the same).
const EMAIL_MAX: usize = 254;
const PASSWORD_MAX: usize = 1024;

#[derive(Debug, Deserialize)]
pub struct SignInQuery {
    /// Set when a session ran out, to say so.
    #[serde(default)]
    ended: Option<String>,
    #[serde(default)]
    signed_out: Option<String>,
    /// Set when a password was just chosen through a link.
    #[serde(default)]
    password_set: Option<String>,
    /// Where to go after signing in.
    #[serde(default)]
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

#[derive(Serialize)]
struct SignInPage {
    form_token: String,
    email: String,
    next: String,
    /// A message above the form, already in the visitor's language.
    notice: Option<String>,
    error: Option<String>,
}

/// The sign-in page; a visitor whose session still holds goes on to the home page.
#[get("/")]
pub async fn show(
    app: web::Data<App>,
    req: HttpRequest,
    visitor: Visitor,
    query: web::Query<SignInQuery>,
) -> Result<HttpResponse, WebError> {
    if let Some(caller) = visitor.caller(&app) {
        match session::me(&app, caller).await {
            Ok(_) => return Ok(see_other("/home")),
            Err(AppError::Unauthorized) => {}
            Err(error) => return Err(WebError::app(&visitor, error)),
        }
    }
    let notice = if query.ended.is_some() {
        Some("session-ended")
    } else if query.signed_out.is_some() {
        Some("signed-out")
    } else if query.password_set.is_some() {
        Some("password-set")
    } else {
        None
    };
    let form = SignInPage {
        form_token: String::new(),
        email: String::new(),
        next: safe_next(query.next.as_deref().unwrap_or_default()).to_owned(),
        notice: notice.map(|id| visitor.language.text(id, &[])),
        error: None,
    };
    sign_in_page(&req, &visitor, StatusCode::OK, form)
}

/// Signs in. A wrong email or password shows the form again, with the email
/// kept and the password not.
#[post("/sign-in")]
pub async fn sign_in(
    app: web::Data<App>,
    req: HttpRequest,
    visitor: Visitor,
    form: web::Form<SignInForm>,
) -> Result<HttpResponse, WebError> {
    csrf::check_before_sign_in(&req, &visitor, &form.csrf)?;
    let form = form.into_inner();
    let next = safe_next(&form.next).to_owned();
    let refused = |status, error: String, email: String| {
        let page = SignInPage {
            form_token: String::new(),
            email,
            next: next.clone(),
            notice: None,
            error: Some(error),
        };
        sign_in_page(&req, &visitor, status, page)
    };
    if form.email.chars().count() > EMAIL_MAX || form.password.chars().count() > PASSWORD_MAX {
        let text = visitor.language.text("sign-in-failed", &[]);
        return refused(StatusCode::UNPROCESSABLE_ENTITY, text, String::new());
    }
    let body = LoginBody {
        email: form.email.clone(),
        password: form.password,
    };
    let address = req.peer_addr().map(|a| a.ip());
    let started = match session::start_session(&app, body, address).await {
        Ok(started) => started,
        Err(AppError::BadCredentials) => {
            let text = visitor.language.text("sign-in-failed", &[]);
            return refused(StatusCode::UNPROCESSABLE_ENTITY, text, form.email);
        }
        Err(AppError::TooManyRequests { retry_after, .. }) => {
            let minutes = retry_after.as_secs().div_ceil(60).max(1).to_string();
            let text = visitor
                .language
                .text("sign-in-throttled", &[("minutes", minutes)]);
            return refused(StatusCode::TOO_MANY_REQUESTS, text, form.email);
        }
        Err(AppError::VendorOffboarded) => {
            let text = visitor.language.text("sign-in-offboarded", &[]);
            return refused(StatusCode::FORBIDDEN, text, form.email);
        }
        Err(error) => return Err(WebError::app(&visitor, error)),
    };
    // The session the browser had before, if any, ends here: signing in
    // always starts a new one under a new secret.
    if let Some(old) = visitor.session.clone() {
        session::end_session(&app, old)
            .await
            .map_err(|e| WebError::app(&visitor, e))?;
    }
    let target = if next.is_empty() {
        "/home".to_owned()
    } else {
        next
    };
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, target))
        .cookie(visitor.cookie(SESSION_COOKIE, started.key.cookie_value()))
        .cookie(visitor.removal(FORM_COOKIE))
        .finish())
}

#[derive(Debug, Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    csrf: String,
}

/// Signs out: the session ends on the server, and the cookie is dropped.
#[post("/sign-out")]
pub async fn sign_out(
    app: web::Data<App>,
    req: HttpRequest,
    visitor: Visitor,
    form: web::Form<SignOutForm>,
) -> Result<HttpResponse, WebError> {
    csrf::check(&req, &visitor, &form.csrf)?;
    if let Some(key) = visitor.session.clone() {
        session::end_session(&app, key)
            .await
            .map_err(|e| WebError::app(&visitor, e))?;
    }
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/?signed_out=1"))
        .cookie(visitor.removal(SESSION_COOKIE))
        .finish())
}

/// The sign-in form, with a token in its cookie and in the form.
fn sign_in_page(
    req: &HttpRequest,
    visitor: &Visitor,
    status: StatusCode,
    mut form: SignInPage,
) -> Result<HttpResponse, WebError> {
    let token = csrf::form_token(req);
    form.form_token = token.clone();
    let body = page(visitor, None, "sign_in", "sign-in-title", &form)
        .map_err(|e| WebError::render(visitor, e))?;
    let mut response = csrf::with_form_cookie(visitor, html(status, body), token)?;
    if visitor.session.is_some() {
        // A session cookie that no longer holds is of no use to anyone.
        response
            .add_cookie(&visitor.removal(SESSION_COOKIE))
            .map_err(|e| WebError::render(visitor, e.to_string()))?;
    }
    Ok(response)
}

/// A `next` address that stays on this site: a path, not `//elsewhere`.
pub(super) fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if local && next.len() <= 2000 {
        next
    } else {
        ""
    }
}

pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_owned()))
        .finish()
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_addresses_on_this_site_are_followed_after_sign_in() {
        assert_eq!(safe_next("/invoices/3"), "/invoices/3");
        for away in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "home",
        ] {
            assert_eq!(safe_next(away), "", "{away}");
        }
    }
}
