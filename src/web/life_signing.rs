//! Signing and changing a contract: a draft put in force (what activation
//! checks, and every problem it finds, each with the page to mend it on); an
//! amendment opened from an effective date with a reason, then applied or
//! discarded; the contract suspended, resumed or terminated with a reason.
//! Each form calls its use case; on success the browser comes back here, on
//! a refusal the page is drawn again with the form as typed and why.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::WebError;
use super::life::{Head, Refusal, field_label};
use super::sign_in::see_other;
use super::signed_in::SignedIn;
use crate::app::contracts::amendments::{self, AmendmentBody};
use crate::app::contracts::{self, ReasonBody, TermsVersionView, history, life};
use crate::app::session;
use crate::app::{AppError, AppResult};
use crate::catalogue::Language;
use crate::domain::message::msg;
use crate::domain::versions::TermsState;
use crate::domain::{ContractId, ContractStatus, Permission};

#[derive(Serialize)]
struct SigningPage {
    head: Head,
    notice: Option<String>,
    may_write: bool,
    draft: bool,
    active: bool,
    suspended: bool,
    /// The version in force now, if any.
    in_force: Option<u32>,
    activation: Activation,
    amendment: Option<OpenAmendment>,
    open_form: AmendForm,
    suspend: ReasonForm,
    resume: ReasonForm,
    terminate: ReasonForm,
    /// The first day of this month: an earlier effective date is a correction.
    this_month: String,
}

#[derive(Serialize, Default)]
struct Activation {
    /// Every problem found, each with where to mend it.
    problems: Vec<Problem>,
    errors: Vec<String>,
}

#[derive(Serialize)]
struct Problem {
    part: String,
    message: String,
    href: Option<String>,
}

#[derive(Serialize)]
struct OpenAmendment {
    version: u32,
    effective_from: String,
    reason: String,
    correction: bool,
    /// The version it would replace, to compare with.
    compare_with: Option<u32>,
    errors: Vec<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct AmendForm {
    #[serde(default, skip_serializing)]
    csrf: String,
    #[serde(default)]
    effective_from: String,
    #[serde(default)]
    reason: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    correction: Option<String>,
    #[serde(skip_deserializing)]
    effective_from_errors: Vec<String>,
    #[serde(skip_deserializing)]
    reason_errors: Vec<String>,
    #[serde(skip_deserializing)]
    errors: Vec<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ReasonForm {
    #[serde(default, skip_serializing)]
    csrf: String,
    #[serde(default)]
    reason: String,
    #[serde(skip_deserializing)]
    reason_errors: Vec<String>,
    #[serde(skip_deserializing)]
    errors: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Bare {
    #[serde(default)]
    csrf: String,
}

#[derive(Debug, Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// The forms of the page: empty, or one as posted and refused.
#[derive(Default)]
struct Forms {
    activation: Activation,
    amendment_errors: Vec<String>,
    open_form: AmendForm,
    suspend: ReasonForm,
    resume: ReasonForm,
    terminate: ReasonForm,
}

/// The steps whose success the page announces (`?done=…`).
const DONE: &[&str] = &[
    "activated",
    "amendment-opened",
    "amendment-applied",
    "amendment-discarded",
    "suspended",
    "resumed",
    "terminated",
];

#[get("/contracts/{id:\\d+}/signing")]
pub async fn show(
    signed: SignedIn,
    id: web::Path<ContractId>,
    query: web::Query<Done>,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let shown = query
        .into_inner()
        .done
        .filter(|d| DONE.contains(&d.as_str()))
        .map(|d| language.text(&format!("life-done-{d}"), &[]));
    draw(&signed, id.into_inner(), Forms::default(), shown).await
}

async fn draw(
    signed: &SignedIn,
    id: ContractId,
    forms: Forms,
    notice: Option<String>,
) -> Result<HttpResponse, WebError> {
    draw_with(signed, id, forms, notice, StatusCode::OK).await
}

async fn draw_with(
    signed: &SignedIn,
    id: ContractId,
    forms: Forms,
    notice: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let page = signing_page(signed, id, forms, notice)
        .await
        .map_err(|e| signed.fail(e))?;
    signed
        .render(status, "life_signing", "life-signing-title", &page)
        .await
}

async fn signing_page(
    signed: &SignedIn,
    id: ContractId,
    forms: Forms,
    notice: Option<String>,
) -> AppResult<SigningPage> {
    let (app, language) = (signed.app(), signed.visitor.language);
    let (me, contract, versions) = tokio::try_join!(
        session::me(app, signed.caller()),
        contracts::show(app, signed.caller(), id),
        history::versions(app, signed.caller(), id),
    )?;
    let in_force = versions
        .iter()
        .filter(|v| v.state == TermsState::InForce)
        .max_by_key(|v| (v.effective_from, v.version))
        .map(|v| v.version);
    let amendment = versions
        .iter()
        .find(|v| v.state == TermsState::Pending)
        .map(|v: &TermsVersionView| OpenAmendment {
            version: v.version,
            effective_from: v.effective_from.map(|d| d.to_string()).unwrap_or_default(),
            reason: v.reason.clone().unwrap_or_default(),
            correction: v.correction,
            compare_with: in_force,
            errors: forms.amendment_errors.clone(),
        });
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    let this_month = today.format("%Y-%m-01").to_string();
    Ok(SigningPage {
        head: Head::of(&contract, "signing", language),
        notice,
        may_write: me.role.may(Permission::WriteContracts),
        draft: contract.status == ContractStatus::Draft,
        active: contract.status == ContractStatus::Active,
        suspended: contract.status == ContractStatus::Suspended,
        in_force,
        activation: forms.activation,
        amendment,
        open_form: forms.open_form,
        suspend: forms.suspend,
        resume: forms.resume,
        terminate: forms.terminate,
        this_month,
    })
}

/// Back to the page, saying what was done.
fn done(id: ContractId, what: &str) -> HttpResponse {
    see_other(&format!("/contracts/{}/signing?done={what}", id.get()))
}

/// The part of the terms a problem concerns, and the page it is mended on.
fn problem(language: Language, id: ContractId, field: &str, message: String) -> Problem {
    let head = field
        .split(['.', '['])
        .next()
        .unwrap_or_default()
        .to_owned();
    let base = format!("/contracts/{}", id.get());
    let href = match head.as_str() {
        "commercial" => Some(format!("{base}/terms/commercial")),
        "charges" => Some(format!("{base}/terms/charges")),
        "sla_clauses" => Some(format!("{base}/terms/clauses")),
        "liability" => Some(format!("{base}/terms/liability")),
        "phases" => Some(format!("{base}/terms/phases")),
        "" => None,
        _ => Some(base),
    };
    Problem {
        part: if field.is_empty() {
            String::new()
        } else {
            field_label(language, field)
        },
        message,
        href,
    }
}

#[post("/contracts/{id:\\d+}/signing/activate")]
pub async fn activate(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<ContractId>,
    form: web::Form<Bare>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let (id, language) = (id.into_inner(), signed.visitor.language);
    match life::activate(signed.app(), signed.caller(), id).await {
        Ok(_) => Ok(done(id, "activated")),
        Err(error) => {
            let refusal = Refusal::of(language, error).map_err(|e| signed.fail(e))?;
            let status = refusal.status.unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let mut fields: Vec<(String, Vec<String>)> = refusal.fields.into_iter().collect();
            fields.sort();
            let problems = fields
                .into_iter()
                .flat_map(|(field, rules)| {
                    rules
                        .into_iter()
                        .map(move |rule| (field.clone(), rule))
                        .collect::<Vec<_>>()
                })
                .map(|(field, rule)| problem(language, id, &field, rule))
                .collect();
            let forms = Forms {
                activation: Activation {
                    problems,
                    errors: refusal.general,
                },
                ..Forms::default()
            };
            draw_with(&signed, id, forms, None, status).await
        }
    }
}

/// The amendment the form asks for; the date read as `2026-11-01`.
fn amendment_body(form: &AmendForm) -> AppResult<AmendmentBody> {
    let effective_from = NaiveDate::parse_from_str(form.effective_from.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::invalid("effective_from", msg!("error-date-wanted")))?;
    Ok(AmendmentBody {
        effective_from,
        reason: form.reason.clone(),
        correction: form.correction.is_some(),
    })
}

#[post("/contracts/{id:\\d+}/signing/amendments")]
pub async fn open_amendment(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<ContractId>,
    form: web::Form<AmendForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let (id, form, language) = (id.into_inner(), form.into_inner(), signed.visitor.language);
    let opened = async {
        // The reason is checked too when the date cannot be read: every rule at once.
        let body = match amendment_body(&form) {
            Ok(body) => body,
            Err(AppError::Invalid(mut broken)) => {
                if let Err(AppError::Invalid(reason)) = crate::app::reason("reason", &form.reason) {
                    for v in reason.iter() {
                        broken.add(v.field.clone(), v.message.clone());
                    }
                }
                return Err(AppError::Invalid(broken));
            }
            Err(other) => return Err(other),
        };
        amendments::open(signed.app(), signed.caller(), id, body).await
    };
    match opened.await {
        Ok(_) => Ok(done(id, "amendment-opened")),
        Err(error) => {
            let mut refusal = Refusal::of(language, error).map_err(|e| signed.fail(e))?;
            let status = refusal.status.unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let open_form = AmendForm {
                effective_from_errors: refusal.take("effective_from"),
                reason_errors: refusal.take("reason"),
                errors: refusal.rest(language),
                ..form
            };
            let forms = Forms {
                open_form,
                ..Forms::default()
            };
            draw_with(&signed, id, forms, None, status).await
        }
    }
}

#[post("/contracts/{id:\\d+}/signing/amendments/{version:\\d+}/{step:apply|discard}")]
pub async fn settle_amendment(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(ContractId, u32, String)>,
    form: web::Form<Bare>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let (id, version, step) = path.into_inner();
    let language = signed.visitor.language;
    let (app, caller) = (signed.app(), signed.caller());
    let (outcome, what) = if step == "apply" {
        (
            amendments::apply(app, caller, id, version)
                .await
                .map(|_| ()),
            "amendment-applied",
        )
    } else {
        (
            amendments::discard(app, caller, id, version).await,
            "amendment-discarded",
        )
    };
    match outcome {
        Ok(()) => Ok(done(id, what)),
        Err(error) => {
            let refusal = Refusal::of(language, error).map_err(|e| signed.fail(e))?;
            let status = refusal.status.unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let forms = Forms {
                amendment_errors: refusal.rest(language),
                ..Forms::default()
            };
            draw_with(&signed, id, forms, None, status).await
        }
    }
}

#[post("/contracts/{id:\\d+}/signing/{step:suspend|resume|terminate}")]
pub async fn change_status(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(ContractId, String)>,
    form: web::Form<ReasonForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let (id, step) = path.into_inner();
    let (form, language) = (form.into_inner(), signed.visitor.language);
    let body = ReasonBody {
        reason: form.reason.clone(),
    };
    let (app, caller) = (signed.app(), signed.caller());
    let (outcome, what) = match step.as_str() {
        "suspend" => (life::suspend(app, caller, id, body).await, "suspended"),
        "resume" => (life::resume(app, caller, id, body).await, "resumed"),
        _ => (life::terminate(app, caller, id, body).await, "terminated"),
    };
    match outcome {
        Ok(_) => Ok(done(id, what)),
        Err(error) => {
            let mut refusal = Refusal::of(language, error).map_err(|e| signed.fail(e))?;
            let status = refusal.status.unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let refused = ReasonForm {
                reason_errors: refusal.take("reason"),
                errors: refusal.rest(language),
                ..form
            };
            let mut forms = Forms::default();
            match step.as_str() {
                "suspend" => forms.suspend = refused,
                "resume" => forms.resume = refused,
                _ => forms.terminate = refused,
            }
            draw_with(&signed, id, forms, None, status).await
        }
    }
}
