//! A person's own account: the link of an invitation or a reset, where they
//! choose a password; "forgot password"; changing a password when signed in.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};

use super::csrf;
use super::error::WebError;
use super::render::{html, page};
use super::signed_in::SignedIn;
use super::visitor::Visitor;
use crate::app::{App, AppError, accounts};
use crate::auth::session::SessionKey;
use crate::domain::account::LinkPurpose;
use crate::domain::violation::Violations;

#[derive(Debug, Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
}

#[derive(Serialize, Default)]
struct ForgotPage {
    form_token: String,
    email: String,
    sent: bool,
    error: Option<String>,
}

#[get("/forgot-password")]
pub async fn forgot(req: HttpRequest, visitor: Visitor) -> Result<HttpResponse, WebError> {
    forgot_page(&req, &visitor, StatusCode::OK, ForgotPage::default())
}

/// Mails a reset link when the address is an account's; answers the same either way.
#[post("/forgot-password")]
pub async fn send_reset(
    app: web::Data<App>,
    req: HttpRequest,
    visitor: Visitor,
    form: web::Form<EmailForm>,
) -> Result<HttpResponse, WebError> {
    csrf::check_before_sign_in(&req, &visitor, &form.csrf)?;
    let email: String = form.email.chars().take(254).collect();
    match accounts::request_reset(&app, &email, visitor.language).await {
        Ok(()) => {
            let sent = ForgotPage {
                sent: true,
                email,
                ..ForgotPage::default()
            };
            forgot_page(&req, &visitor, StatusCode::OK, sent)
        }
        Err(AppError::Invalid(errors)) => {
            let refused = ForgotPage {
                email,
                error: first_message(&errors, visitor.language),
                ..ForgotPage::default()
            };
            forgot_page(&req, &visitor, StatusCode::UNPROCESSABLE_ENTITY, refused)
        }
        Err(error) => Err(WebError::app(&visitor, error)),
    }
}

fn forgot_page(
    req: &HttpRequest,
    visitor: &Visitor,
    status: StatusCode,
    mut data: ForgotPage,
) -> Result<HttpResponse, WebError> {
    let token = csrf::form_token(req);
    data.form_token = token.clone();
    let body = page(visitor, None, "forgot_password", "forgot-title", &data)
        .map_err(|e| WebError::render(visitor, e))?;
    csrf::with_form_cookie(visitor, html(status, body), token)
}

#[derive(Debug, Deserialize)]
pub struct ChooseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

#[derive(Serialize)]
struct ChoosePage {
    form_token: String,
    /// `invitation` or `reset`.
    kind: &'static str,
    intro: String,
    error: Option<String>,
}

/// The page behind a link: choose a password, or learn the link no longer opens.
#[get("/account/{kind}/{key}")]
pub async fn open_link(
    app: web::Data<App>,
    req: HttpRequest,
    visitor: Visitor,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let (kind, key) = path.into_inner();
    let Some((purpose, key)) = link(&kind, &key) else {
        return link_closed(&visitor);
    };
    match accounts::open_link(&app, purpose, key).await {
        Ok(holder) => {
            let intro = visitor.language.text(
                intro_text(purpose),
                &[("name", holder.display_name), ("email", holder.email)],
            );
            choose_page(&req, &visitor, StatusCode::OK, purpose, intro, None)
        }
        Err(AppError::NotFound) => link_closed(&visitor),
        Err(error) => Err(WebError::app(&visitor, error)),
    }
}

#[post("/account/{kind}/{key}")]
pub async fn choose_password(
    app: web::Data<App>,
    req: HttpRequest,
    visitor: Visitor,
    path: web::Path<(String, String)>,
    form: web::Form<ChooseForm>,
) -> Result<HttpResponse, WebError> {
    csrf::check_before_sign_in(&req, &visitor, &form.csrf)?;
    let (kind, key) = path.into_inner();
    let Some((purpose, key)) = link(&kind, &key) else {
        return link_closed(&visitor);
    };
    let again = |error: String| {
        let intro = visitor.language.text("choose-password-again", &[]);
        choose_page(
            &req,
            &visitor,
            StatusCode::UNPROCESSABLE_ENTITY,
            purpose,
            intro,
            Some(error),
        )
    };
    if form.password != form.password_again {
        return again(visitor.language.text("passwords-differ", &[]));
    }
    match accounts::choose_password(&app, purpose, key, &form.password).await {
        Ok(()) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, "/?password_set=1"))
            .finish()),
        Err(AppError::Invalid(errors)) => {
            again(first_message(&errors, visitor.language).unwrap_or_default())
        }
        Err(AppError::NotFound) => link_closed(&visitor),
        Err(error) => Err(WebError::app(&visitor, error)),
    }
}

fn link(kind: &str, key: &str) -> Option<(LinkPurpose, SessionKey)> {
    let purpose = match kind {
        "invitation" => LinkPurpose::Invitation,
        "reset" => LinkPurpose::PasswordReset,
        _ => return None,
    };
    Some((purpose, SessionKey::parse(key)?))
}

fn intro_text(purpose: LinkPurpose) -> &'static str {
    match purpose {
        LinkPurpose::Invitation => "choose-password-invitation",
        LinkPurpose::PasswordReset => "choose-password-reset",
    }
}

fn choose_page(
    req: &HttpRequest,
    visitor: &Visitor,
    status: StatusCode,
    purpose: LinkPurpose,
    intro: String,
    error: Option<String>,
) -> Result<HttpResponse, WebError> {
    let token = csrf::form_token(req);
    let data = ChoosePage {
        form_token: token.clone(),
        kind: match purpose {
            LinkPurpose::Invitation => "invitation",
            LinkPurpose::PasswordReset => "reset",
        },
        intro,
        error,
    };
    let body = page(
        visitor,
        None,
        "choose_password",
        "choose-password-title",
        &data,
    )
    .map_err(|e| WebError::render(visitor, e))?;
    csrf::with_form_cookie(visitor, html(status, body), token)
}

/// A used, expired or unknown link: said so, with the way to a new one.
fn link_closed(visitor: &Visitor) -> Result<HttpResponse, WebError> {
    let body = page(visitor, None, "link_closed", "link-closed-title", &())
        .map_err(|e| WebError::render(visitor, e))?;
    Ok(html(StatusCode::NOT_FOUND, body))
}

#[derive(Debug, Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    new_password_again: String,
}

#[derive(Serialize, Default)]
struct ChangePage {
    changed: bool,
    error: Option<String>,
}

#[get("/account/password")]
pub async fn password(signed: SignedIn) -> Result<HttpResponse, WebError> {
    signed
        .render(
            StatusCode::OK,
            "change_password",
            "change-password-title",
            &ChangePage::default(),
        )
        .await
}

#[post("/account/password")]
pub async fn change_password(
    signed: SignedIn,
    req: HttpRequest,
    form: web::Form<ChangeForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let language = signed.visitor.language;
    let form = form.into_inner();
    let outcome = if form.new_password != form.new_password_again {
        Err(language.text("passwords-differ", &[]))
    } else {
        match accounts::change_password(
            signed.app(),
            signed.caller(),
            form.current_password,
            &form.new_password,
        )
        .await
        {
            Ok(()) => Ok(()),
            Err(AppError::Invalid(errors)) => {
                Err(first_message(&errors, language).unwrap_or_default())
            }
            Err(error) => return Err(signed.fail(error)),
        }
    };
    let (status, data) = match outcome {
        Ok(()) => (
            StatusCode::OK,
            ChangePage {
                changed: true,
                error: None,
            },
        ),
        Err(error) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            ChangePage {
                changed: false,
                error: Some(error),
            },
        ),
    };
    signed
        .render(status, "change_password", "change-password-title", &data)
        .await
}

/// The first broken rule, as a sentence for the form.
fn first_message(errors: &Violations, language: crate::catalogue::Language) -> Option<String> {
    errors.iter().next().map(|v| language.message(&v.message))
}
