//! The tenant's people: who can sign in, with which role; the owner invites
//! new ones from here.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};

use super::error::WebError;
use super::signed_in::SignedIn;
use crate::app::accounts::{self, Invitation};
use crate::app::users::{UserQuery, UserView};
use crate::app::vendors::{VendorQuery, VendorView};
use crate::app::{AppError, AppResult, session, users, vendors};
use crate::catalogue::Language;
use crate::domain::message::msg;
use crate::domain::{Permission, Role, VendorStatus};
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
    errors: Vec<String>,
}

#[derive(Serialize)]
struct UserRow {
    name: String,
    email: String,
    role: String,
    vendor: String,
    active: bool,
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
    let page = users_page(&signed, form, Vec::new()).await;
    let mut page = page.map_err(|e| signed.fail(e))?;
    page.invited = query.into_inner().invited;
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
            let page = users_page(&signed, form, messages)
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
            let page = users_page(&signed, form, vec![language.message(&message)])
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
    let active_vendors = VendorQuery {
        status: Some(VendorStatus::Active),
    };
    let (me, people, vendors) = tokio::try_join!(
        session::me(app, signed.caller()),
        users::list(app, signed.caller(), all_users, page),
        vendors::list(app, signed.caller(), active_vendors, page),
    )?;
    let vendor_name = |id: Option<i64>| {
        id.and_then(|id| vendors.iter().find(|v| v.id == id))
            .map_or_else(String::new, |v: &VendorView| v.legal_name.clone())
    };
    Ok(UsersPage {
        users: people
            .into_iter()
            .map(|u: UserView| UserRow {
                vendor: vendor_name(u.vendor_id),
                role: language.text(&format!("role-{}", u.role.as_str()), &[]),
                name: u.display_name,
                email: u.email,
                active: u.active,
            })
            .collect(),
        may_invite: me.role.may(Permission::ManageUsers),
        roles: [
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
            selected: form.role == role.as_str(),
        })
        .collect(),
        vendors: vendors
            .iter()
            .map(|v| Choice {
                value: v.id.to_string(),
                text: v.legal_name.clone(),
                selected: form.vendor_id == v.id.to_string(),
            })
            .collect(),
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
        errors,
    })
}
