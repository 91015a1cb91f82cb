//! Onboarding vendors, for the merchant: the list (who waits for review
//! first), a new vendor, one vendor with its particulars and the steps of its
//! onboarding — invite its account manager, approve or send back with a
//! comment, offboard after seeing what that ends.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};

use super::error::WebError;
use super::format::local_time;
use super::shown::{Choice, word};
use super::sign_in::see_other;
use super::signed_in::SignedIn;
use super::vendor_form::{ContactRow, FieldErrors, ParticularsForm};
use crate::app::accounts::{self, Invitation};
use crate::app::users::{UserQuery, UserView};
use crate::app::vendors::{self, Offboarding, SendBackBody, VendorPatch, VendorQuery, VendorView};
use crate::app::{AppError, AppResult, session, users};
use crate::catalogue::Language;
use crate::domain::{Permission, VendorId, VendorStatus};
use crate::store::Page;

const ALL: Page = Page {
    after: None,
    limit: Page::MAX_LIMIT,
};

/// A vendor as a row of the list, or the head of its page.
#[derive(Debug, Serialize)]
pub struct VendorLine {
    id: i64,
    legal_name: String,
    credit_code: String,
    billing_email: String,
    /// `awaiting`, `invited`, `active` or `offboarded`: the badge's class and word.
    badge: String,
    badge_text: String,
    badge_class: &'static str,
    submitted_at: Option<String>,
}

impl VendorLine {
    pub(super) fn of(language: Language, vendor: &VendorView) -> Self {
        let badge = if vendor.awaits_review {
            "awaiting".to_owned()
        } else {
            vendor.status.as_str().to_owned()
        };
        Self {
            id: vendor.id,
            legal_name: vendor.legal_name.clone(),
            credit_code: vendor.credit_code.clone(),
            billing_email: vendor.billing_email.clone(),
            badge_text: word(language, "onboard-badge", &badge),
            badge_class: match badge.as_str() {
                "active" => "status-active",
                "awaiting" => "warn",
                "offboarded" => "status-terminated",
                _ => "",
            },
            badge,
            submitted_at: vendor.submitted_at.map(local_time),
        }
    }

    /// Who waits for review first (the longest waiting at the top), then the
    /// invited, the active and the offboarded.
    fn rank(vendor: &VendorView) -> (u8, i64) {
        let group = match (vendor.awaits_review, vendor.status) {
            (true, _) => 0,
            (false, VendorStatus::Invited) => 1,
            (false, VendorStatus::Active) => 2,
            (false, VendorStatus::Offboarded) => 3,
        };
        let waited = vendor.submitted_at.map_or(0, |at| at.timestamp());
        (group, if group == 0 { waited } else { vendor.id })
    }
}

#[derive(Serialize)]
struct ListPage {
    vendors: Vec<VendorLine>,
    may_write: bool,
    awaiting: usize,
}

#[get("/vendors")]
pub async fn list(signed: SignedIn) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let all = VendorQuery { status: None };
    let (me, mut found) = tokio::try_join!(
        session::me(signed.app(), signed.caller()),
        vendors::list(signed.app(), signed.caller(), all, ALL),
    )
    .map_err(|e| signed.fail(e))?;
    if let Some(own) = me.vendor_id {
        return Ok(see_other(&format!("/vendors/{own}/particulars")));
    }
    found.sort_by_key(VendorLine::rank);
    let page = ListPage {
        awaiting: found.iter().filter(|v| v.awaits_review).count(),
        vendors: found.iter().map(|v| VendorLine::of(language, v)).collect(),
        may_write: me.role.may(Permission::WriteVendors),
    };
    signed.render_for(&me, StatusCode::OK, "vendors", "onboard-list-title", &page)
}

#[derive(Serialize)]
struct NewPage {
    locked: bool,
    form: ParticularsForm,
    contacts: Vec<ContactRow>,
    errors: FieldErrors,
}

#[get("/vendors/new")]
pub async fn new(signed: SignedIn) -> Result<HttpResponse, WebError> {
    let form = ParticularsForm::default();
    let errors = FieldErrors::none();
    let page = NewPage {
        locked: false,
        contacts: form.rows(&errors),
        form,
        errors,
    };
    signed
        .render(StatusCode::OK, "vendor_new", "onboard-new-title", &page)
        .await
}

/// Onboards a vendor; it starts invited, and its page is where its account
/// manager is invited.
#[post("/vendors")]
pub async fn create(
    signed: SignedIn,
    req: HttpRequest,
    form: web::Form<ParticularsForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let form = form.into_inner();
    match vendors::create(signed.app(), signed.caller(), form.body()).await {
        Ok(vendor) => Ok(see_other(&format!("/vendors/{}?done=created", vendor.id))),
        Err(error) => {
            let (status, mut errors) =
                FieldErrors::of(signed.visitor.language, error).map_err(|e| signed.fail(e))?;
            form.realign(&mut errors);
            let page = NewPage {
                locked: false,
                contacts: form.rows(&errors),
                form,
                errors,
            };
            signed
                .render(status, "vendor_new", "onboard-new-title", &page)
                .await
        }
    }
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct InviteForm {
    #[serde(default, skip_serializing)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    language: String,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct CommentForm {
    #[serde(default, skip_serializing)]
    csrf: String,
    #[serde(default)]
    comment: String,
}

#[derive(Debug, Deserialize)]
pub struct Done {
    done: Option<String>,
    invited: Option<String>,
}

#[derive(Serialize)]
struct Person {
    name: String,
    email: String,
    active: bool,
}

#[derive(Serialize)]
struct VendorPage {
    line: VendorLine,
    vendor: VendorView,
    awaiting: bool,
    invited: bool,
    offboarded: bool,
    may_write: bool,
    shows_people: bool,
    people: Option<Vec<Person>>,
    invite: InviteForm,
    languages: Vec<Choice>,
    comment: CommentForm,
    errors: FieldErrors,
    notice: Option<String>,
}

/// What the vendor page is drawn from, beside a form's state.
struct Shown {
    invite: InviteForm,
    comment: CommentForm,
    errors: FieldErrors,
    notice: Option<String>,
}

async fn vendor_page(
    signed: &SignedIn,
    id: VendorId,
    status: StatusCode,
    shown: Shown,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let (app, caller) = (signed.app(), signed.caller());
    let (me, vendor) = tokio::try_join!(
        session::me(app, caller.clone()),
        vendors::show(app, caller.clone(), id),
    )
    .map_err(|e| signed.fail(e))?;
    if me.vendor_id.is_some() {
        return Ok(see_other(&format!("/vendors/{}/particulars", vendor.id)));
    }
    let people = if me.role.may(Permission::ReadUsers) {
        let query = UserQuery {
            role: None,
            active: None,
            vendor_id: Some(vendor.id),
        };
        let found: Vec<UserView> = users::list(app, caller, query, ALL)
            .await
            .map_err(|e| signed.fail(e))?;
        Some(
            found
                .into_iter()
                .map(|u| Person {
                    name: u.display_name,
                    email: u.email,
                    active: u.active,
                })
                .collect(),
        )
    } else {
        None
    };
    let chosen = if shown.invite.language.is_empty() {
        language.tag().to_owned()
    } else {
        shown.invite.language.clone()
    };
    let page = VendorPage {
        line: VendorLine::of(language, &vendor),
        awaiting: vendor.awaits_review,
        invited: vendor.status == VendorStatus::Invited,
        offboarded: vendor.status == VendorStatus::Offboarded,
        may_write: me.role.may(Permission::WriteVendors),
        shows_people: people.is_some(),
        people,
        languages: Language::ALL
            .into_iter()
            .map(|l| Choice {
                value: l.tag().to_owned(),
                text: l.text(&format!("language-{}", l.tag()), &[]),
                selected: chosen == l.tag(),
            })
            .collect(),
        vendor,
        invite: shown.invite,
        comment: shown.comment,
        errors: shown.errors,
        notice: shown.notice,
    };
    signed.render_for(&me, status, "vendor", "onboard-vendor-title", &page)
}

#[get("/vendors/{id}")]
pub async fn show(
    signed: SignedIn,
    id: web::Path<VendorId>,
    query: web::Query<Done>,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let query = query.into_inner();
    let notice = match (query.done.as_deref(), query.invited) {
        (_, Some(email)) => Some(language.text("onboard-done-invited", &[("email", email)])),
        (Some(done @ ("created" | "approved" | "sent-back" | "offboarded")), None) => {
            Some(language.text(&format!("onboard-done-{done}"), &[]))
        }
        _ => None,
    };
    let shown = Shown {
        invite: InviteForm::default(),
        comment: CommentForm::default(),
        errors: FieldErrors::none(),
        notice,
    };
    vendor_page(&signed, id.into_inner(), StatusCode::OK, shown).await
}

/// A refusal shown on the vendor's page, the forms as they were posted.
async fn refused(
    signed: &SignedIn,
    id: VendorId,
    error: AppError,
    invite_form: InviteForm,
    comment: CommentForm,
) -> Result<HttpResponse, WebError> {
    let (status, errors) =
        FieldErrors::of(signed.visitor.language, error).map_err(|e| signed.fail(e))?;
    let shown = Shown {
        invite: invite_form,
        comment,
        errors,
        notice: None,
    };
    vendor_page(signed, id, status, shown).await
}

/// Invites the vendor's account manager: a vendor user of this vendor, mailed
/// a link to choose a password.
#[post("/vendors/{id}/invite")]
pub async fn invite(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<VendorId>,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let (id, form) = (id.into_inner(), form.into_inner());
    let invitation = Invitation {
        email: form.email.clone(),
        display_name: form.display_name.clone(),
        role: crate::domain::Role::Vendor,
        vendor_id: Some(id.get()),
        language: Language::parse(&form.language).unwrap_or(signed.visitor.language),
    };
    match accounts::invite_vendor_user(signed.app(), signed.caller(), id, invitation).await {
        Ok(user) => {
            let query =
                serde_urlencoded::to_string([("invited", user.email.as_str())]).unwrap_or_default();
            Ok(see_other(&format!("/vendors/{}?{query}", id.get())))
        }
        Err(error) => refused(&signed, id, error, form, CommentForm::default()).await,
    }
}

#[derive(Debug, Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// Approves the vendor: invited → active (it needs bank details).
#[post("/vendors/{id}/approve")]
pub async fn approve(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<VendorId>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let id = id.into_inner();
    match status(&signed, id, VendorStatus::Active).await {
        Ok(_) => Ok(see_other(&format!("/vendors/{}?done=approved", id.get()))),
        Err(error) => {
            refused(
                &signed,
                id,
                error,
                InviteForm::default(),
                CommentForm::default(),
            )
            .await
        }
    }
}

async fn status(signed: &SignedIn, id: VendorId, to: VendorStatus) -> AppResult<VendorView> {
    let patch = VendorPatch {
        legal_name: None,
        credit_code: None,
        contacts: None,
        billing_email: None,
        bank: None,
        status: Some(to),
    };
    vendors::update(signed.app(), signed.caller(), id, patch).await
}

/// Sends the submitted particulars back with a comment the vendor sees.
#[post("/vendors/{id}/send-back")]
pub async fn send_back(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<VendorId>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let (id, form) = (id.into_inner(), form.into_inner());
    let body = SendBackBody {
        comment: form.comment.clone(),
    };
    match vendors::send_back(signed.app(), signed.caller(), id, body).await {
        Ok(_) => Ok(see_other(&format!("/vendors/{}?done=sent-back", id.get()))),
        Err(error) => refused(&signed, id, error, InviteForm::default(), form).await,
    }
}

#[derive(Serialize)]
struct OffboardPage {
    line: VendorLine,
    ends: Offboarding,
    contract_lines: Vec<ContractLine>,
    users_count: usize,
    keys_count: usize,
    contracts_count: usize,
}

#[derive(Serialize)]
struct ContractLine {
    id: i64,
    number: String,
    title: String,
    status: String,
}

/// What offboarding would end — its people, its keys, and the contracts still
/// running — before it is done.
#[get("/vendors/{id}/offboard")]
pub async fn confirm_offboard(
    signed: SignedIn,
    id: web::Path<VendorId>,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let ends = vendors::offboarding(signed.app(), signed.caller(), id.into_inner())
        .await
        .map_err(|e| signed.fail(e))?;
    if ends.vendor.status == VendorStatus::Offboarded {
        return Ok(see_other(&format!("/vendors/{}", ends.vendor.id)));
    }
    let page = OffboardPage {
        line: VendorLine::of(language, &ends.vendor),
        contract_lines: ends
            .contracts
            .iter()
            .map(|c| ContractLine {
                id: c.id,
                number: c.number.clone(),
                title: c.title.clone(),
                status: word(language, "contract-status", c.status.as_str()),
            })
            .collect(),
        users_count: ends.users.len(),
        keys_count: ends.api_keys.len(),
        contracts_count: ends.contracts.len(),
        ends,
    };
    signed
        .render(
            StatusCode::OK,
            "vendor_offboard",
            "onboard-offboard-title",
            &page,
        )
        .await
}

#[post("/vendors/{id}/offboard")]
pub async fn offboard(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<VendorId>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let id = id.into_inner();
    match status(&signed, id, VendorStatus::Offboarded).await {
        Ok(_) => Ok(see_other(&format!("/vendors/{}?done=offboarded", id.get()))),
        Err(error) => {
            refused(
                &signed,
                id,
                error,
                InviteForm::default(),
                CommentForm::default(),
            )
            .await
        }
    }
}
