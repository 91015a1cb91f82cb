//! The SLA clauses of a contract's terms: the list, each clause in plain
//! words, and the form that adds, changes or removes one, with its schedule
//! builder (bands, per step, fixed; a bonus and its conditions; target
//! windows such as 双11). Edits go to the version being written; a signed
//! contract with no amendment open says so and points to its signing page.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};

use super::clause_form::{Draft, Errors, Fields, FormView};
use super::contracts::contract_id;
use super::error::WebError;
use super::signed_in::SignedIn;
use crate::app::AppError;
use crate::app::contracts::clause_sheet::{ClauseSheet, clause_sheet};
use crate::app::contracts::terms_parts;
use crate::catalogue::Language;
use crate::documents::explain::clause_in_words;
use crate::domain::message::Message;
use crate::domain::metric::Metric;
use crate::domain::terms::{Schedule, SlaClause};
use crate::domain::{ContractId, ContractStatus, Currency};

/// What the clauses pages show of the contract above their own part.
#[derive(Serialize)]
struct Head {
    id: i64,
    number: String,
    title: String,
    /// The version the page shows, in words (草稿, 拟订中, 生效中).
    version: String,
    /// Forms are offered: a version is being written and the visitor may write.
    editable: bool,
    /// Signed, and no amendment open: the sentence pointing to the signing page.
    signed: bool,
    /// Terminated or expired: nothing more is written.
    closed: bool,
}

#[derive(Serialize)]
struct ListPage {
    head: Head,
    clauses: Vec<ClauseRow>,
    notice: Option<String>,
    errors: Vec<String>,
    /// A refusal because the contract is signed: shown with the link to signing.
    signed_refusal: bool,
}

#[derive(Serialize)]
struct ClauseRow {
    id: u32,
    name: String,
    metric: String,
    target: String,
    direction: String,
    costs: String,
    applies: String,
    /// The clause in plain words, one sentence after the other.
    words: String,
}

#[derive(Serialize)]
struct FormPage {
    head: Head,
    /// The clause being changed; `None` for a new one.
    clause: Option<u32>,
    action: String,
    form: FormView,
    /// The stored clause in plain words (the edit page).
    words: Option<String>,
    errors: Vec<String>,
    signed_refusal: bool,
    /// The form was refused for what it holds: nothing was saved.
    refused: bool,
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    done: Option<String>,
}

fn head(sheet: &ClauseSheet, language: Language) -> Head {
    let closed = matches!(
        sheet.contract.status,
        ContractStatus::Terminated | ContractStatus::Expired
    );
    Head {
        id: sheet.contract.id,
        number: sheet.contract.number.clone(),
        title: sheet.contract.title.clone(),
        version: language.message(&match sheet.writing {
            Some(state) => state.word(),
            None => crate::domain::versions::TermsState::InForce.word(),
        }),
        editable: sheet.editable() && !closed,
        signed: sheet.writing.is_none() && !closed,
        closed,
    }
}

fn minor_digits(sheet: &ClauseSheet) -> u32 {
    Currency::parse(&sheet.contract.currency).map_or(2, Currency::minor_digits)
}

/// A clause in plain words, one sentence after the other.
fn words(sheet: &ClauseSheet, clause: &SlaClause, language: Language) -> String {
    let sentences = clause_in_words(
        language,
        &sheet.contract.currency,
        minor_digits(sheet),
        &clause.spec,
        &sheet.terms.phases,
    );
    let end = language.text("line-sentence-end", &[]);
    sentences
        .iter()
        .map(|s| format!("{s}{end}"))
        .collect::<Vec<_>>()
        .join(match language {
            Language::Zh => "",
            Language::En => " ",
        })
}

fn shape_word(schedule: Option<&Schedule>, language: Language) -> Option<String> {
    let shape = match schedule? {
        Schedule::Bands(_) => "bands",
        Schedule::PerStep(_) => "per-step",
        Schedule::Fixed(_) => "fixed",
    };
    Some(language.text(&format!("clause-shape-{shape}"), &[]))
}

fn row(sheet: &ClauseSheet, clause: &SlaClause, language: Language) -> ClauseRow {
    let spec = &clause.spec;
    let metric = Metric::find(&spec.metric);
    let penalty = shape_word(spec.penalty.as_ref(), language);
    let bonus = shape_word(spec.bonus.as_ref().map(|b| &b.schedule), language);
    let mut costs = Vec::new();
    if let Some(shape) = penalty {
        costs.push(language.text("clause-costs-penalty", &[("shape", shape)]));
    }
    if let Some(shape) = bonus {
        costs.push(language.text("clause-costs-bonus", &[("shape", shape)]));
    }
    let phase = spec.applies_from_phase.map(|id| {
        sheet
            .terms
            .phases
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_string(), |p| p.spec.name.clone())
    });
    let mut applies = vec![match phase {
        Some(phase) => language.text("clause-applies-from", &[("phase", phase)]),
        None => language.text("clause-all-phases", &[]),
    }];
    if spec.grace_days > 0 {
        applies.push(language.text(
            "clause-applies-grace",
            &[("days", spec.grace_days.to_string())],
        ));
    }
    if !spec.overrides.is_empty() {
        let labels: Vec<&str> = spec.overrides.iter().map(|o| o.label.as_str()).collect();
        applies.push(language.text(
            "clause-applies-windows",
            &[(
                "labels",
                labels.join(&language.text("line-list-separator", &[])),
            )],
        ));
    }
    ClauseRow {
        id: clause.id,
        name: spec.name.clone(),
        metric: metric.map_or_else(
            || spec.metric.clone(),
            |m| language.metric_name(m).to_owned(),
        ),
        target: metric.map_or_else(
            || spec.target.to_string(),
            |m| super::format::term(spec.target, m, language),
        ),
        direction: metric.map_or_else(String::new, |m| {
            let better = match m.direction {
                crate::domain::metric::Direction::HigherIsBetter => "at-least",
                crate::domain::metric::Direction::LowerIsBetter => "at-most",
            };
            language.text(&format!("clause-direction-{better}"), &[])
        }),
        costs: costs.join(&language.text("line-list-separator", &[])),
        applies: applies.join(&language.text("line-separator", &[])),
        words: words(sheet, clause, language),
    }
}

/// Whether a refusal is the contract being signed with no amendment open.
fn signed(message: &Message) -> bool {
    message.id() == "error-terms-signed"
}

/// A refusal of a form: its status, the sentences above the form and
/// whether it is the contract being signed; any other error is not the form's.
fn refusal(
    error: AppError,
    language: Language,
) -> Result<(StatusCode, Errors, Vec<String>, bool), AppError> {
    match error {
        AppError::Invalid(violations) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Errors::new(language, &violations),
            Vec::new(),
            false,
        )),
        AppError::Conflict { message, .. } if signed(&message) => {
            Ok((StatusCode::CONFLICT, Errors::none(), Vec::new(), true))
        }
        AppError::Conflict { message, .. } => Ok((
            StatusCode::CONFLICT,
            Errors::none(),
            vec![language.message(&message)],
            false,
        )),
        other => Err(other),
    }
}

#[get("/contracts/{id}/terms/clauses")]
pub async fn list(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let Some(id) = contract_id(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let language = signed.visitor.language;
    let notice = query
        .into_inner()
        .done
        .filter(|d| ["added", "saved", "removed"].contains(&d.as_str()))
        .map(|d| language.text(&format!("clause-done-{d}"), &[]));
    list_page(&signed, id, StatusCode::OK, notice, Vec::new(), false).await
}

async fn list_page(
    signed: &SignedIn,
    id: ContractId,
    status: StatusCode,
    notice: Option<String>,
    errors: Vec<String>,
    signed_refusal: bool,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let sheet = clause_sheet(signed.app(), signed.caller(), id)
        .await
        .map_err(|e| signed.fail(e))?;
    let page = ListPage {
        head: head(&sheet, language),
        clauses: sheet
            .terms
            .sla_clauses
            .iter()
            .map(|c| row(&sheet, c, language))
            .collect(),
        notice,
        errors,
        signed_refusal,
    };
    signed
        .render(status, "clauses", "clause-list-title", &page)
        .await
}

#[get("/contracts/{id}/terms/clauses/new")]
pub async fn new(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let Some(id) = contract_id(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let draft = Draft::blank();
    form_page(
        &signed,
        id,
        None,
        &draft,
        StatusCode::OK,
        Errors::none(),
        Vec::new(),
        false,
    )
    .await
}

#[get("/contracts/{id}/terms/clauses/{clause}")]
pub async fn show(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let (Some(id), Ok(clause)) = (contract_id(&path.0), path.1.parse::<u32>()) else {
        return Ok(super::error::not_found_page(&req));
    };
    let draft = Draft::of(None);
    form_page(
        &signed,
        id,
        Some((clause, true)),
        &draft,
        StatusCode::OK,
        Errors::none(),
        Vec::new(),
        false,
    )
    .await
}

/// Adds a clause to the version being written.
#[post("/contracts/{id}/terms/clauses")]
pub async fn add(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<Fields>,
) -> Result<HttpResponse, WebError> {
    let Some(id) = contract_id(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let fields = form.into_inner();
    signed.check_form(&req, fields.get("csrf").map_or("", String::as_str))?;
    let draft = Draft::read(&fields);
    let outcome = match draft.spec() {
        Ok(spec) => terms_parts::add::<SlaClause>(signed.app(), signed.caller(), id, spec)
            .await
            .map(|_| ()),
        Err(violations) => Err(AppError::Invalid(violations)),
    };
    saved(&signed, id, None, &draft, outcome, "added").await
}

/// Replaces a clause in the version being written.
#[post("/contracts/{id}/terms/clauses/{clause}")]
pub async fn replace(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<Fields>,
) -> Result<HttpResponse, WebError> {
    let (Some(id), Ok(clause)) = (contract_id(&path.0), path.1.parse::<u32>()) else {
        return Ok(super::error::not_found_page(&req));
    };
    let fields = form.into_inner();
    signed.check_form(&req, fields.get("csrf").map_or("", String::as_str))?;
    let draft = Draft::read(&fields);
    let outcome = match draft.spec() {
        Ok(spec) => {
            terms_parts::replace::<SlaClause>(signed.app(), signed.caller(), id, clause, spec)
                .await
                .map(|_| ())
        }
        Err(violations) => Err(AppError::Invalid(violations)),
    };
    saved(&signed, id, Some(clause), &draft, outcome, "saved").await
}

#[derive(Debug, Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    csrf: String,
}

/// Removes a clause from the version being written.
#[post("/contracts/{id}/terms/clauses/{clause}/remove")]
pub async fn remove(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<RemoveForm>,
) -> Result<HttpResponse, WebError> {
    let (Some(id), Ok(clause)) = (contract_id(&path.0), path.1.parse::<u32>()) else {
        return Ok(super::error::not_found_page(&req));
    };
    signed.check_form(&req, &form.csrf)?;
    let language = signed.visitor.language;
    match terms_parts::remove::<SlaClause>(signed.app(), signed.caller(), id, clause).await {
        Ok(()) => Ok(see_list(id, "removed")),
        Err(error) => match refusal(error, language) {
            Ok((status, errors, mut sentences, signed_refusal)) => {
                // Whatever the terms would break, named in words above the list.
                sentences.extend(errors.rest());
                list_page(&signed, id, status, None, sentences, signed_refusal).await
            }
            Err(error) => Err(signed.fail(error)),
        },
    }
}

fn see_list(id: ContractId, done: &str) -> HttpResponse {
    super::sign_in::see_other(&format!(
        "/contracts/{}/terms/clauses?done={done}",
        id.get()
    ))
}

/// After a form was posted: to the list when saved, else the form again
/// with what was typed and each refusal beside its field.
async fn saved(
    signed: &SignedIn,
    id: ContractId,
    clause: Option<u32>,
    draft: &Draft,
    outcome: Result<(), AppError>,
    done: &str,
) -> Result<HttpResponse, WebError> {
    let error = match outcome {
        Ok(()) => return Ok(see_list(id, done)),
        Err(error) => error,
    };
    match refusal(error, signed.visitor.language) {
        Ok((status, errors, sentences, signed_refusal)) => {
            let clause = clause.map(|c| (c, false));
            form_page(
                signed,
                id,
                clause,
                draft,
                status,
                errors,
                sentences,
                signed_refusal,
            )
            .await
        }
        Err(error) => Err(signed.fail(error)),
    }
}

/// The form page; `clause` is the clause changed, and whether the form is
/// to show it as stored (rather than `draft`, as posted).
#[allow(clippy::too_many_arguments)]
async fn form_page(
    signed: &SignedIn,
    id: ContractId,
    clause: Option<(u32, bool)>,
    draft: &Draft,
    status: StatusCode,
    errors: Errors,
    sentences: Vec<String>,
    signed_refusal: bool,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let sheet = clause_sheet(signed.app(), signed.caller(), id)
        .await
        .map_err(|e| signed.fail(e))?;
    let stored = match clause {
        Some((n, _)) => Some(
            sheet
                .terms
                .sla_clauses
                .iter()
                .find(|c| c.id == n)
                .ok_or_else(|| signed.fail(AppError::NotFound))?,
        ),
        None => None,
    };
    let shown = match (clause, stored) {
        (Some((_, true)), Some(stored)) => Draft::of(Some(&stored.spec)),
        _ => draft.clone(),
    };
    let form = shown.view(language, &sheet.terms, errors);
    let mut errors = sentences;
    errors.extend(form.other_errors.iter().cloned());
    let page = FormPage {
        head: head(&sheet, language),
        clause: clause.map(|(n, _)| n),
        action: match clause {
            Some((n, _)) => format!("/contracts/{}/terms/clauses/{n}", id.get()),
            None => format!("/contracts/{}/terms/clauses", id.get()),
        },
        words: stored.map(|c| words(&sheet, c, language)),
        form,
        errors,
        signed_refusal,
        refused: status == StatusCode::UNPROCESSABLE_ENTITY,
    };
    let title = if clause.is_some() {
        "clause-edit-title"
    } else {
        "clause-new-title"
    };
    signed.render(status, "clause_form", title, &page).await
}
