//! The handover plan as terms: its phases listed in date order with the SLA
//! targets that ramp up with them, a form to add one, and each phase's own
//! form to change or remove it — dates, scope (channels, share of
//! inquiries, shifts), seats and the exit criteria (KPI gates).

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Serialize;

use super::contracts::{Head, contract_id, read};
use super::error::WebError;
use super::format::term;
use super::signed_in::SignedIn;
use super::terms_form::{
    Choice, Field, Posted, Refusal, choices, filled_rows, refused, to_form_rows,
};
use crate::app::AppError;
use crate::app::contracts::overview::ContractOverview;
use crate::app::contracts::terms_parts;
use crate::catalogue::Language;
use crate::domain::metric::{CATALOGUE, Metric};
use crate::domain::terms::{Channel, Condition, Phase, PhaseSpec};
use crate::domain::violation::Violations;
use crate::domain::{ContractId, Permission};

const SHIFT_ROWS: usize = 3;
const GATE_ROWS: usize = 4;

type Query = web::Query<HashMap<String, String>>;

#[derive(Serialize)]
struct PhasesPage {
    #[serde(flatten)]
    head: Head,
    saved: bool,
    refusal: Refusal,
    phases: Vec<PhaseRow>,
    /// Clauses that apply in every phase.
    throughout: Vec<String>,
    form: PhaseForm,
}

#[derive(Serialize)]
struct PhaseRow {
    id: u32,
    name: String,
    start: String,
    end: String,
    channels: String,
    share: String,
    shifts: String,
    seats: u32,
    /// The SLA clauses that start to apply with this phase.
    targets: Vec<String>,
    gates: Vec<String>,
}

#[derive(Serialize)]
struct PhaseForm {
    /// `None` while adding.
    part: Option<u32>,
    name: Field,
    start: Field,
    end: Field,
    channels: Field,
    channel_choices: Vec<Choice>,
    inquiry_share: Field,
    shifts: Vec<Field>,
    seats: Field,
    gates_error: Option<String>,
    gates: Vec<GateRow>,
}

#[derive(Serialize)]
struct GateRow {
    index: usize,
    metric: Field,
    metrics: Vec<Choice>,
    threshold: Field,
}

#[derive(Serialize)]
struct PhasePage {
    #[serde(flatten)]
    head: Head,
    saved: bool,
    refusal: Refusal,
    form: PhaseForm,
}

#[get("/contracts/{id}/terms/phases")]
pub async fn list(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
    query: Query,
) -> Result<HttpResponse, WebError> {
    let Some(id) = contract_id(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let saved = query.contains_key("saved");
    list_page(
        &signed,
        id,
        &Posted::default(),
        Refusal::default(),
        StatusCode::OK,
        saved,
    )
    .await
}

#[post("/contracts/{id}/terms/phases")]
pub async fn add(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let Some(id) = contract_id(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let posted = Posted(form.into_inner());
    signed.check_form(&req, posted.csrf())?;
    write(&signed, id, None, posted).await
}

#[get("/contracts/{id}/terms/phases/{part}")]
pub async fn edit(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let (Some(id), Ok(part)) = (contract_id(&path.0), path.1.parse::<u32>()) else {
        return Ok(super::error::not_found_page(&req));
    };
    let phase = terms_parts::show::<Phase>(signed.app(), signed.caller(), id, part)
        .await
        .map_err(|e| signed.fail(e))?;
    let posted = as_posted(&phase.spec);
    edit_page(
        &signed,
        id,
        part,
        &posted,
        Refusal::default(),
        StatusCode::OK,
    )
    .await
}

#[post("/contracts/{id}/terms/phases/{part}")]
pub async fn replace(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let (Some(id), Ok(part)) = (contract_id(&path.0), path.1.parse::<u32>()) else {
        return Ok(super::error::not_found_page(&req));
    };
    let posted = Posted(form.into_inner());
    signed.check_form(&req, posted.csrf())?;
    write(&signed, id, Some(part), posted).await
}

#[post("/contracts/{id}/terms/phases/{part}/remove")]
pub async fn remove(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let (Some(id), Ok(part)) = (contract_id(&path.0), path.1.parse::<u32>()) else {
        return Ok(super::error::not_found_page(&req));
    };
    let posted = Posted(form.into_inner());
    signed.check_form(&req, posted.csrf())?;
    match terms_parts::remove::<Phase>(signed.app(), signed.caller(), id, part).await {
        Ok(()) => Ok(super::sign_in::see_other(&format!(
            "/contracts/{}/terms/phases?saved=1",
            id.get()
        ))),
        Err(error) => {
            let (status, refusal) =
                refused(signed.visitor.language, error, &[]).map_err(|e| signed.fail(e))?;
            list_page(&signed, id, &Posted::default(), refusal, status, false).await
        }
    }
}

async fn write(
    signed: &SignedIn,
    id: ContractId,
    part: Option<u32>,
    posted: Posted,
) -> Result<HttpResponse, WebError> {
    let rows = filled_rows(&posted, "exit_criteria", GATE_ROWS, &["threshold"]);
    let shift_rows: Vec<usize> = (0..SHIFT_ROWS)
        .filter(|i| !posted.text(&format!("shifts[{i}]")).is_empty())
        .collect();
    let (app, caller) = (signed.app(), signed.caller());
    let outcome = match spec(&posted, &rows) {
        Ok(spec) => match part {
            None => terms_parts::add::<Phase>(app, caller, id, spec).await,
            Some(part) => terms_parts::replace::<Phase>(app, caller, id, part, spec).await,
        }
        // The use case names the gates it was given; the form's rows may differ.
        .map_err(|error| match error {
            AppError::Invalid(v) => AppError::Invalid(to_form_rows(
                to_form_rows(v, "exit_criteria", &rows),
                "shifts",
                &shift_rows,
            )),
            other => other,
        }),
        Err(v) => Err(AppError::Invalid(v)),
    };
    match outcome {
        Ok(_) => Ok(super::sign_in::see_other(&format!(
            "/contracts/{}/terms/phases?saved=1",
            id.get()
        ))),
        Err(error) => {
            let (status, refusal) =
                refused(signed.visitor.language, error, &[]).map_err(|e| signed.fail(e))?;
            match part {
                None => list_page(signed, id, &posted, refusal, status, false).await,
                Some(part) => edit_page(signed, id, part, &posted, refusal, status).await,
            }
        }
    }
}

/// The phase the form says, or the fields it could not read (by the form's rows).
fn spec(posted: &Posted, rows: &[usize]) -> Result<PhaseSpec, Violations> {
    let mut v = Violations::default();
    let start = posted.date("start", &mut v);
    let end = posted.date("end", &mut v);
    let channels = posted.ticked::<Channel>("channels", &mut v);
    let share = posted.decimal("inquiry_share", &mut v);
    let seats = posted.whole("seats", &mut v);
    let shifts: Vec<String> = (0..SHIFT_ROWS)
        .map(|i| posted.text(&format!("shifts[{i}]")).to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    let mut gates = Vec::new();
    for i in rows {
        let threshold = posted.decimal(&format!("exit_criteria[{i}].threshold"), &mut v);
        if let Some(threshold) = threshold {
            gates.push(Condition {
                metric: posted
                    .text(&format!("exit_criteria[{i}].metric"))
                    .to_owned(),
                threshold,
            });
        }
    }
    v.finish(|| {
        Some(PhaseSpec {
            name: posted.raw("name").to_owned(),
            start: start?,
            end: end?,
            channels: channels?,
            inquiry_share: share?,
            shifts,
            seats: seats?,
            exit_criteria: gates,
        })
    })
}

fn as_posted(p: &PhaseSpec) -> Posted {
    let mut pairs: Vec<(String, String)> = vec![
        ("name".into(), p.name.clone()),
        ("start".into(), p.start.to_string()),
        ("end".into(), p.end.to_string()),
        ("inquiry_share".into(), p.inquiry_share.to_string()),
        ("seats".into(), p.seats.to_string()),
    ];
    for c in &p.channels {
        pairs.push(("channels".into(), c.as_str().into()));
    }
    for (i, s) in p.shifts.iter().enumerate() {
        pairs.push((format!("shifts[{i}]"), s.clone()));
    }
    for (i, g) in p.exit_criteria.iter().enumerate() {
        pairs.push((format!("exit_criteria[{i}].metric"), g.metric.clone()));
        pairs.push((
            format!("exit_criteria[{i}].threshold"),
            g.threshold.to_string(),
        ));
    }
    Posted(pairs)
}

fn form(
    language: Language,
    part: Option<u32>,
    posted: &Posted,
    refusal: &mut Refusal,
) -> PhaseForm {
    let mut field = |name: &str| Field::new(name, posted.raw(name), refusal);
    let name = field("name");
    let start = field("start");
    let end = field("end");
    let channels = field("channels");
    let inquiry_share = field("inquiry_share");
    let seats = field("seats");
    let shifts = (0..SHIFT_ROWS)
        .map(|i| {
            let name = format!("shifts[{i}]");
            Field::new(name.clone(), posted.raw(&name), refusal)
        })
        .collect();
    let gates_error = refusal.take("exit_criteria");
    let gates = (0..GATE_ROWS)
        .map(|i| {
            let name = |c: &str| format!("exit_criteria[{i}].{c}");
            let chosen = posted.text(&name("metric"));
            GateRow {
                index: i,
                metrics: CATALOGUE
                    .iter()
                    .map(|m| Choice {
                        value: m.code.to_owned(),
                        text: language.metric_name(m).to_owned(),
                        selected: m.code == chosen,
                    })
                    .collect(),
                metric: Field::new(name("metric"), posted.raw(&name("metric")), refusal),
                threshold: Field::new(name("threshold"), posted.raw(&name("threshold")), refusal),
            }
        })
        .collect();
    PhaseForm {
        part,
        channel_choices: choices(
            language,
            "terms-channel",
            Channel::ALL.iter().map(|c| c.as_str()),
            &posted.values("channels"),
        ),
        name,
        start,
        end,
        channels,
        inquiry_share,
        shifts,
        seats,
        gates_error,
        gates,
    }
}

fn metric_name(language: Language, code: &str) -> String {
    Metric::find(code).map_or_else(|| code.to_owned(), |m| language.metric_name(m).to_owned())
}

/// A target or threshold of `code` with its unit (`40 秒`).
fn value(language: Language, code: &str, value: rust_decimal::Decimal) -> String {
    Metric::find(code).map_or_else(|| value.to_string(), |m| term(value, m, language))
}

fn rows(seen: &ContractOverview, language: Language) -> (Vec<PhaseRow>, Vec<String>) {
    let Some(terms) = seen.terms.as_ref() else {
        return (Vec::new(), Vec::new());
    };
    let target = |c: &crate::domain::terms::SlaClause| {
        language.text(
            "terms-clause-target",
            &[
                ("clause", c.spec.name.clone()),
                ("metric", metric_name(language, &c.spec.metric)),
                ("target", value(language, &c.spec.metric, c.spec.target)),
            ],
        )
    };
    let throughout = terms
        .sla_clauses
        .iter()
        .filter(|c| c.spec.applies_from_phase.is_none())
        .map(target)
        .collect();
    let phases = terms
        .phases_in_order()
        .into_iter()
        .map(|p| PhaseRow {
            id: p.id,
            name: p.spec.name.clone(),
            start: p.spec.start.to_string(),
            end: p.spec.end.to_string(),
            channels: p
                .spec
                .channels
                .iter()
                .map(|c| {
                    language.text(
                        &format!("terms-channel-{}", c.as_str().replace('_', "-")),
                        &[],
                    )
                })
                .collect::<Vec<_>>()
                .join("、"),
            share: format!("{}%", p.spec.inquiry_share.normalize()),
            shifts: p.spec.shifts.join("、"),
            seats: p.spec.seats,
            targets: terms
                .sla_clauses
                .iter()
                .filter(|c| c.spec.applies_from_phase == Some(p.id))
                .map(target)
                .collect(),
            gates: p
                .spec
                .exit_criteria
                .iter()
                .map(|g| {
                    language.text(
                        "terms-gate",
                        &[
                            ("metric", metric_name(language, &g.metric)),
                            ("threshold", value(language, &g.metric, g.threshold)),
                        ],
                    )
                })
                .collect(),
        })
        .collect();
    (phases, throughout)
}

async fn list_page(
    signed: &SignedIn,
    id: ContractId,
    posted: &Posted,
    mut refusal: Refusal,
    status: StatusCode,
    saved: bool,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let (me, seen) = read(signed, id).await.map_err(|e| signed.fail(e))?;
    let form = form(language, None, posted, &mut refusal);
    refusal.settle();
    let (phases, throughout) = rows(&seen, language);
    let data = PhasesPage {
        head: Head::of(
            &seen,
            language,
            me.role.may(Permission::WriteContracts),
            "phases",
        ),
        saved,
        refusal,
        phases,
        throughout,
        form,
    };
    signed.render_for(&me, status, "terms_phases", "terms-phases-title", &data)
}

async fn edit_page(
    signed: &SignedIn,
    id: ContractId,
    part: u32,
    posted: &Posted,
    mut refusal: Refusal,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let (me, seen) = read(signed, id).await.map_err(|e| signed.fail(e))?;
    let form = form(language, Some(part), posted, &mut refusal);
    refusal.settle();
    let data = PhasePage {
        head: Head::of(
            &seen,
            language,
            me.role.may(Permission::WriteContracts),
            "phases",
        ),
        saved: false,
        refusal,
        form,
    };
    signed.render_for(&me, status, "terms_phase", "terms-phase-title", &data)
}
