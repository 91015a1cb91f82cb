//! A contract's exclusion windows (免责期): days the vendor is not
//! answerable for — force majeure, platform outages, outages the merchant
//! caused. The merchant's people list them, record one, remove one recorded
//! by mistake.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};

use super::contracts::contract_id;
use super::error::WebError;
use super::shown::{Choice, local_time, word};
use super::signed_in::SignedIn;
use super::watch::{ContractHead, by_field, day};
use crate::app::exclusions::{self, NewExclusionBody};
use crate::app::{AppError, AppResult, contracts};
use crate::catalogue::Language;
use crate::domain::exclusion::ExclusionCategory;
use crate::domain::message::msg;
use crate::domain::violation::Violations;
use crate::domain::{ContractId, ExclusionId, Permission};

#[derive(Serialize)]
struct ExclusionsPage {
    contract: ContractHead,
    windows: Vec<WindowRow>,
    may_write: bool,
    categories: Vec<Choice>,
    form: ExclusionForm,
    errors: FormErrors,
    done: Option<String>,
}

#[derive(Serialize)]
struct WindowRow {
    id: i64,
    from: String,
    to: String,
    days: i64,
    category: String,
    note: String,
    recorded_at: String,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ExclusionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    note: String,
}

/// Each field's refusal, beside it; `other` above the form.
#[derive(Debug, Default, Serialize)]
struct FormErrors {
    from: Option<String>,
    to: Option<String>,
    category: Option<String>,
    note: Option<String>,
    other: Vec<String>,
}

impl FormErrors {
    fn of(language: Language, violations: &Violations) -> Self {
        let mut errors = FormErrors::default();
        for (field, text) in by_field(language, violations) {
            match field.as_str() {
                "from" => errors.from = Some(text),
                "to" => errors.to = Some(text),
                "category" => errors.category = Some(text),
                "note" => errors.note = Some(text),
                _ => errors.other.push(text),
            }
        }
        errors
    }
}

#[derive(Debug, Deserialize)]
pub struct Done {
    done: Option<String>,
}

#[get("/contracts/{id}/exclusions")]
pub async fn list(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<Done>,
) -> Result<HttpResponse, WebError> {
    let Some(id) = contract_id(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let form = ExclusionForm {
        category: ExclusionCategory::ForceMajeure.as_str().to_owned(),
        ..ExclusionForm::default()
    };
    let done = query.into_inner().done;
    render(
        &signed,
        id,
        form,
        FormErrors::default(),
        done,
        StatusCode::OK,
    )
    .await
}

/// Records a window; refused fields come back beside themselves.
#[post("/contracts/{id}/exclusions")]
pub async fn create(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<ExclusionForm>,
) -> Result<HttpResponse, WebError> {
    let Some(id) = contract_id(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    signed.check_form(&req, &form.csrf)?;
    let form = form.into_inner();
    let mut errors = Violations::default();
    let from = day(&form.from);
    if from.is_none() {
        errors.add("from", msg!("error-date-wanted"));
    }
    let to = day(&form.to);
    if to.is_none() {
        errors.add("to", msg!("error-date-wanted"));
    }
    let category = form.category.parse::<ExclusionCategory>().ok();
    if category.is_none() {
        errors.add("category", msg!("watch-choose-one"));
    }
    let outcome = match (from, to, category) {
        (Some(from), Some(to), Some(category)) if errors.is_empty() => {
            let body = NewExclusionBody {
                from,
                to,
                category,
                note: form.note.clone(),
            };
            exclusions::create(signed.app(), signed.caller(), id, body)
                .await
                .map(|_| ())
        }
        _ => Err(AppError::Invalid(errors)),
    };
    match outcome {
        Ok(()) => Ok(super::sign_in::see_other(&format!(
            "/contracts/{}/exclusions?done=recorded",
            id.get()
        ))),
        Err(AppError::Invalid(violations)) => {
            let errors = FormErrors::of(signed.visitor.language, &violations);
            render(
                &signed,
                id,
                form,
                errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(error) => Err(signed.fail(error)),
    }
}

#[derive(Debug, Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// Removes a window recorded by mistake; the audit log keeps it.
#[post("/contracts/{id}/exclusions/{exclusion}/remove")]
pub async fn remove(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, WebError> {
    let (Some(id), Some(exclusion)) = (
        contract_id(&path.0),
        path.1.parse::<i64>().ok().filter(|i| *i > 0),
    ) else {
        return Ok(super::error::not_found_page(&req));
    };
    signed.check_form(&req, &form.csrf)?;
    exclusions::remove(
        signed.app(),
        signed.caller(),
        id,
        ExclusionId::new(exclusion),
    )
    .await
    .map_err(|e| signed.fail(e))?;
    Ok(super::sign_in::see_other(&format!(
        "/contracts/{}/exclusions?done=removed",
        id.get()
    )))
}

async fn render(
    signed: &SignedIn,
    id: ContractId,
    form: ExclusionForm,
    errors: FormErrors,
    done: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let page = exclusions_page(signed, id, form, errors, done)
        .await
        .map_err(|e| signed.fail(e))?;
    signed
        .render(status, "exclusions", "watch-exclusions-title", &page)
        .await
}

async fn exclusions_page(
    signed: &SignedIn,
    id: ContractId,
    form: ExclusionForm,
    errors: FormErrors,
    done: Option<String>,
) -> AppResult<ExclusionsPage> {
    let language = signed.visitor.language;
    let (me, contract, windows) = tokio::try_join!(
        signed.me(),
        contracts::show(signed.app(), signed.caller(), id),
        exclusions::list(signed.app(), signed.caller(), id),
    )?;
    Ok(ExclusionsPage {
        contract: ContractHead::of(&contract, "exclusions"),
        windows: windows
            .into_iter()
            .map(|w| WindowRow {
                id: w.id,
                from: w.from.to_string(),
                to: w.to.to_string(),
                days: (w.to - w.from).num_days() + 1,
                category: word(language, "watch-exclusion", w.category.as_str()),
                note: w.note,
                recorded_at: local_time(w.recorded_at),
            })
            .collect(),
        may_write: me.vendor_id.is_none() && me.role.may(Permission::WriteContracts),
        categories: ExclusionCategory::ALL
            .iter()
            .map(|c| Choice {
                value: c.as_str().to_owned(),
                text: word(language, "watch-exclusion", c.as_str()),
                selected: form.category == c.as_str(),
            })
            .collect(),
        form: ExclusionForm {
            csrf: String::new(),
            ..form
        },
        errors,
        done: done
            .filter(|d| d == "recorded" || d == "removed")
            .map(|d| language.text(&format!("watch-exclusion-{d}"), &[])),
    })
}
