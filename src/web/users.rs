//! The tenant's people: who can sign in, with which role; the owner invites
//! new ones from here.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};

use super::error::WebError;
use super::shown::refused;
use super::signed_in::SignedIn;
use crate::app::accounts::{self, Invitation};
use crate::app::users::{UserPatch, UserQuery, UserView};
use crate::app::vendors::{VendorQuery, VendorView};
use crate::app::{AppError, AppResult, session, users, vendors};
use crate::catalogue::Language;
use crate::domain::message::msg;
use crate::domain::{Permission, Role, UserId, VendorStatus};
use crate::store::Page;

#[derive(Serialize)]
struct UsersPage {
    users: Vec<UserRow>,
    /// The invitation form, for those who may invite.
    may_invite: bool,
    roles: Vec<Choice>,
    vendors: Vec<Choice>,
    languages: Vec<Choice>,
    form: InviteForm,
    invited: Option<String>,
    /// What the last change of a user did.
    changed: Option<String>,
    /// The role and vendor forms and deactivation, for those who manage users.
    may_manage: bool,
    errors: Vec<String>,
}

#[derive(Serialize)]
struct UserRow {
    id: i64,
    name: String,
    email: String,
    role: String,
    vendor: String,
    active: bool,
    /// The role and vendor to choose from, this user's chosen.
    roles: Vec<Choice>,
    vendors: Vec<Choice>,
    /// Why changing this user was refused.
    error: Option<String>,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    text: String,
    selected: bool,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct InviteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    vendor_id: String,
    #[serde(default)]
    language: String,
}

#[derive(Debug, Deserialize)]
pub struct UsersQuery {
    invited: Option<String>,
    done: Option<String>,
}

#[get("/users")]
pub async fn list(
    signed: SignedIn,
    query: web::Query<UsersQuery>,
) -> Result<HttpResponse, WebError> {
    let form = InviteForm {
        language: signed.visitor.language.tag().to_owned(),
        ..InviteForm::default()
    };
    let page = users_page(&signed, form, Vec::new(), None).await;
    let mut page = page.map_err(|e| signed.fail(e))?;
    let query = query.into_inner();
    page.invited = query.invited;
    page.changed = match query.done.as_deref() {
        Some(done @ ("role" | "deactivated")) => Some(
            signed
                .visitor
                .language
                .text(&format!("onboard-done-user-{done}"), &[]),
        ),
        _ => None,
    };
    signed
        .render(StatusCode::OK, "users", "users-title", &page)
        .await
}

/// Invites a person; their mail goes out through the outbox.
#[post("/users/invite")]
pub async fn invite(
    signed: SignedIn,
    req: HttpRequest,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let form = form.into_inner();
    let language = signed.visitor.language;
    let role = form.role.parse::<Role>().ok();
    let vendor = form.vendor_id.parse::<i64>().ok();
    let outcome = match role {
        None => Err(AppError::invalid("role", msg!("choose-a-role"))),
        Some(role) => {
            let invitation = Invitation {
                email: form.email.clone(),
                display_name: form.display_name.clone(),
                role,
                vendor_id: vendor,
                language: Language::parse(&form.language).unwrap_or(language),
            };
            accounts::invite(signed.app(), signed.caller(), invitation).await
        }
    };
    match outcome {
        Ok(user) => {
            let query =
                serde_urlencoded::to_string([("invited", user.email.as_str())]).unwrap_or_default();
            Ok(super::sign_in::see_other(&format!("/users?{query}")))
        }
        Err(AppError::Invalid(errors)) => {
            let messages = errors
                .iter()
                .map(|v| language.message(&v.message))
                .collect();
            let page = users_page(&signed, form, messages, None)
                .await
                .map_err(|e| signed.fail(e))?;
            signed
                .render(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "users",
                    "users-title",
                    &page,
                )
                .await
        }
        Err(AppError::Conflict { message, .. }) => {
            let page = users_page(&signed, form, vec![language.message(&message)], None)
                .await
                .map_err(|e| signed.fail(e))?;
            signed
                .render(StatusCode::CONFLICT, "users", "users-title", &page)
                .await
        }
        Err(error) => Err(signed.fail(error)),
    }
}

async fn users_page(
    signed: &SignedIn,
    form: InviteForm,
    errors: Vec<String>,
    refused: Option<(i64, String)>,
) -> AppResult<UsersPage> {
    let (app, language) = (signed.app(), signed.visitor.language);
    let page = Page {
        after: None,
        limit: Page::MAX_LIMIT,
    };
    let all_users = UserQuery {
        role: None,
        active: None,
        vendor_id: None,
    };
    let every_vendor = VendorQuery { status: None };
    let (me, people, vendors) = tokio::try_join!(
        session::me(app, signed.caller()),
        users::list(app, signed.caller(), all_users, page),
        vendors::list(app, signed.caller(), every_vendor, page),
    )?;
    // Those still onboarded or working: an offboarded vendor gets no users.
    let open: Vec<&VendorView> = vendors
        .iter()
        .filter(|v| v.status != VendorStatus::Offboarded)
        .collect();
    let role_choices = |chosen: &str| -> Vec<Choice> {
        [
            Role::Manager,
            Role::Finance,
            Role::Vendor,
            Role::Auditor,
            Role::Owner,
        ]
        .into_iter()
        .map(|role| Choice {
            value: role.as_str().to_owned(),
            text: language.text(&format!("role-{}", role.as_str()), &[]),
            selected: chosen == role.as_str(),
        })
        .collect()
    };
    let vendor_choices = |chosen: &str| -> Vec<Choice> {
        open.iter()
            .map(|v| Choice {
                value: v.id.to_string(),
                text: v.legal_name.clone(),
                selected: chosen == v.id.to_string(),
            })
            .collect()
    };
    let vendor_name = |id: Option<i64>| {
        id.and_then(|id| vendors.iter().find(|v| v.id == id))
            .map_or_else(String::new, |v: &VendorView| v.legal_name.clone())
    };
    Ok(UsersPage {
        users: people
            .into_iter()
            .map(|u: UserView| UserRow {
                id: u.id,
                vendor: vendor_name(u.vendor_id),
                role: language.text(&format!("role-{}", u.role.as_str()), &[]),
                roles: role_choices(u.role.as_str()),
                vendors: vendor_choices(&u.vendor_id.map(|v| v.to_string()).unwrap_or_default()),
                error: refused
                    .as_ref()
                    .filter(|(id, _)| *id == u.id)
                    .map(|(_, why)| why.clone()),
                name: u.display_name,
                email: u.email,
                active: u.active,
            })
            .collect(),
        may_invite: me.role.may(Permission::ManageUsers),
        may_manage: me.role.may(Permission::ManageUsers),
        roles: role_choices(&form.role),
        vendors: vendor_choices(&form.vendor_id),
        languages: Language::ALL
            .into_iter()
            .map(|l| Choice {
                value: l.tag().to_owned(),
                text: l.text(&format!("language-{}", l.tag()), &[]),
                selected: form.language == l.tag(),
            })
            .collect(),
        form: InviteForm {
            csrf: String::new(),
            ..form
        },
        invited: None,
        changed: None,
        errors,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    vendor_id: String,
}

/// The owner changes a user's role (and, for the vendor role, its vendor).
/// The tenant always keeps an active owner: that refusal is shown on the row.
#[post("/users/{id}/role")]
pub async fn change_role(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<RoleForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let id = id.into_inner();
    let outcome = match form.role.parse::<Role>() {
        Err(_) => Err(AppError::invalid("role", msg!("choose-a-role"))),
        Ok(role) => {
            let vendor = form.vendor_id.parse::<i64>().ok();
            let patch = UserPatch {
                display_name: None,
                role: Some(role),
                vendor_id: Some(vendor.filter(|_| role == Role::Vendor)),
            };
            users::update(signed.app(), signed.caller(), UserId::new(id), patch).await
        }
    };
    match outcome {
        Ok(_) => Ok(super::sign_in::see_other("/users?done=role")),
        Err(error) => row_refused(&signed, id, error).await,
    }
}

/// The users page again, with why changing user `id` was refused on its row.
async fn row_refused(
    signed: &SignedIn,
    id: i64,
    error: AppError,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let (status, reasons) = refused(language, error).map_err(|e| signed.fail(e))?;
    let form = InviteForm {
        language: language.tag().to_owned(),
        ..InviteForm::default()
    };
    let page = users_page(signed, form, Vec::new(), Some((id, reasons.join(" "))))
        .await
        .map_err(|e| signed.fail(e))?;
    signed.render(status, "users", "users-title", &page).await
}

#[derive(Serialize)]
struct DeactivatePage {
    id: i64,
    name: String,
    email: String,
    role: String,
    active: bool,
}

/// What deactivating a user means, before it is done.
#[get("/users/{id}/deactivate")]
pub async fn confirm_deactivate(
    signed: SignedIn,
    id: web::Path<i64>,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let user = users::show(signed.app(), signed.caller(), UserId::new(id.into_inner()))
        .await
        .map_err(|e| signed.fail(e))?;
    let page = DeactivatePage {
        id: user.id,
        role: language.text(&format!("role-{}", user.role.as_str()), &[]),
        name: user.display_name,
        email: user.email,
        active: user.active,
    };
    signed
        .render(
            StatusCode::OK,
            "user_deactivate",
            "onboard-deactivate-title",
            &page,
        )
        .await
}

#[derive(Debug, Default, Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// Deactivates a user: their sessions end at once.
#[post("/users/{id}/deactivate")]
pub async fn deactivate(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let id = id.into_inner();
    match users::deactivate(signed.app(), signed.caller(), UserId::new(id)).await {
        Ok(_) => Ok(super::sign_in::see_other("/users?done=deactivated")),
        Err(error) => row_refused(&signed, id, error).await,
    }
}
