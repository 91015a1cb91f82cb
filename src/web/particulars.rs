//! The vendor's own particulars, filled in by its account manager while it
//! is being onboarded, then submitted for the merchant's review; the
//! merchant's comment, when it sent them back, is shown above the form.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};

use super::error::WebError;
use super::format::local_time;
use super::sign_in::see_other;
use super::signed_in::SignedIn;
use super::vendor_form::{ContactRow, FieldErrors, ParticularsForm};
use super::vendors::VendorLine;
use crate::app::vendors;
use crate::app::{AppError, session};
use crate::domain::{Permission, VendorId, VendorStatus};

#[derive(Serialize)]
struct ParticularsPage {
    id: i64,
    line: VendorLine,
    form: ParticularsForm,
    contacts: Vec<ContactRow>,
    errors: FieldErrors,
    /// The form can be changed: invited, not waiting for review.
    editable: bool,
    locked: bool,
    awaiting: bool,
    active: bool,
    submitted_at: Option<String>,
    review_comment: Option<String>,
    notice: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Done {
    done: Option<String>,
}

async fn page(
    signed: &SignedIn,
    id: VendorId,
    status: StatusCode,
    posted: Option<ParticularsForm>,
    errors: FieldErrors,
    notice: Option<String>,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let (app, caller) = (signed.app(), signed.caller());
    let (me, vendor) = tokio::try_join!(
        session::me(app, caller.clone()),
        vendors::show(app, caller, id),
    )
    .map_err(|e| signed.fail(e))?;
    if !me.role.may(Permission::FillParticulars) {
        // The merchant's people review on the vendor's own page.
        return Ok(see_other(&format!("/vendors/{}", vendor.id)));
    }
    let form = posted.unwrap_or_else(|| ParticularsForm::of(&vendor));
    let page = ParticularsPage {
        id: vendor.id,
        line: VendorLine::of(language, &vendor),
        contacts: form.rows(&errors),
        form,
        errors,
        editable: vendor.status == VendorStatus::Invited && !vendor.awaits_review,
        locked: vendor.status != VendorStatus::Invited || vendor.awaits_review,
        awaiting: vendor.awaits_review,
        active: vendor.status == VendorStatus::Active,
        submitted_at: vendor.submitted_at.map(local_time),
        review_comment: vendor.review_comment.clone(),
        notice,
    };
    signed.render_for(
        &me,
        status,
        "particulars",
        "onboard-particulars-title",
        &page,
    )
}

#[get("/vendors/{id}/particulars")]
pub async fn show(
    signed: SignedIn,
    id: web::Path<VendorId>,
    query: web::Query<Done>,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let notice = match query.done.as_deref() {
        Some(done @ ("saved" | "submitted")) => {
            Some(language.text(&format!("onboard-done-{done}"), &[]))
        }
        _ => None,
    };
    page(
        &signed,
        id.into_inner(),
        StatusCode::OK,
        None,
        FieldErrors::none(),
        notice,
    )
    .await
}

/// Saves the particulars; a refusal is shown beside its field, the input kept.
#[post("/vendors/{id}/particulars")]
pub async fn save(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<VendorId>,
    form: web::Form<ParticularsForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let (id, form) = (id.into_inner(), form.into_inner());
    match vendors::fill_in(signed.app(), signed.caller(), id, form.body()).await {
        Ok(_) => Ok(see_other(&format!(
            "/vendors/{}/particulars?done=saved",
            id.get()
        ))),
        Err(error) => {
            let (status, mut errors) =
                FieldErrors::of(signed.visitor.language, error).map_err(|e| signed.fail(e))?;
            form.realign(&mut errors);
            page(&signed, id, status, Some(form), errors, None).await
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// Submits the particulars as saved for the merchant's review.
#[post("/vendors/{id}/submit")]
pub async fn submit(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<VendorId>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let id = id.into_inner();
    match vendors::submit(signed.app(), signed.caller(), id).await {
        Ok(_) => Ok(see_other(&format!(
            "/vendors/{}/particulars?done=submitted",
            id.get()
        ))),
        Err(error @ (AppError::Invalid(_) | AppError::Conflict { .. })) => {
            let (status, errors) =
                FieldErrors::of(signed.visitor.language, error).map_err(|e| signed.fail(e))?;
            page(&signed, id, status, None, errors, None).await
        }
        Err(error) => Err(signed.fail(error)),
    }
}
