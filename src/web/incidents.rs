//! A contract's incidents (重大事件): severity, when each occurred and was
//! escalated, and for those the terms set a duty for, the escalation
//! deadline counting down (server-rendered; the script ticks it) and what a
//! late escalation costs. Log an incident; record its escalation.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::contracts::contract_id;
use super::error::WebError;
use super::format::money;
use super::shown::{Choice, local_time, word};
use super::signed_in::SignedIn;
use super::watch::{ContractHead, by_field, instant, instant_field};
use crate::app::incidents::{self, EscalationBody, IncidentSheet, NewIncidentBody};
use crate::app::{AppError, AppResult};
use crate::catalogue::Language;
use crate::domain::incident::{IncidentCategory, Timeliness};
use crate::domain::message::msg;
use crate::domain::terms::Severity;
use crate::domain::violation::Violations;
use crate::domain::{ContractId, IncidentId, Permission};

#[derive(Serialize)]
struct IncidentsPage {
    contract: ContractHead,
    incidents: Vec<IncidentRow>,
    duties: Vec<String>,
    may_log: bool,
    severities: Vec<Choice>,
    categories: Vec<Choice>,
    form: IncidentForm,
    errors: FormErrors,
    now: String,
    done: Option<String>,
}

#[derive(Serialize)]
struct IncidentRow {
    id: i64,
    severity: &'static str,
    severity_text: String,
    category: String,
    description: String,
    occurred_at: String,
    escalated_at: Option<String>,
    minutes: Option<String>,
    deadline: Option<String>,
    /// RFC 3339, for the script's countdown; only while it is pending.
    countdown_to: Option<String>,
    /// `HH:MM:SS` left (or over), as the page was drawn.
    clock: Option<String>,
    timeliness: &'static str,
    timeliness_text: String,
    /// What its lateness costs, or would cost.
    cost: Option<String>,
    late: bool,
    may_escalate: bool,
    escalate_error: Option<String>,
}

#[derive(Debug, Default, Deserialize, Serialize, Clone)]
pub struct IncidentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    severity: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    occurred_at: String,
    #[serde(default)]
    escalated_at: String,
    #[serde(default)]
    description: String,
}

#[derive(Debug, Default, Serialize)]
struct FormErrors {
    severity: Option<String>,
    category: Option<String>,
    occurred_at: Option<String>,
    escalated_at: Option<String>,
    description: Option<String>,
    other: Vec<String>,
}

impl FormErrors {
    fn of(language: Language, violations: &Violations) -> Self {
        let mut errors = FormErrors::default();
        for (field, text) in by_field(language, violations) {
            match field.as_str() {
                "severity" => errors.severity = Some(text),
                "category" => errors.category = Some(text),
                "occurred_at" => errors.occurred_at = Some(text),
                "escalated_at" => errors.escalated_at = Some(text),
                "description" => errors.description = Some(text),
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

#[get("/contracts/{id}/incidents")]
pub async fn list(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<Done>,
) -> Result<HttpResponse, WebError> {
    let Some(id) = contract_id(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let form = IncidentForm {
        severity: Severity::Critical.as_str().to_owned(),
        category: IncidentCategory::ServiceFailure.as_str().to_owned(),
        occurred_at: instant_field(Utc::now()),
        ..IncidentForm::default()
    };
    let view = View {
        form,
        errors: FormErrors::default(),
        escalation_error: None,
        done: query.into_inner().done,
    };
    render(&signed, id, view, StatusCode::OK).await
}

/// Logs an incident; refused fields come back beside themselves.
#[post("/contracts/{id}/incidents")]
pub async fn create(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<IncidentForm>,
) -> Result<HttpResponse, WebError> {
    let Some(id) = contract_id(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    signed.check_form(&req, &form.csrf)?;
    let form = form.into_inner();
    let mut errors = Violations::default();
    let severity = form.severity.parse::<Severity>().ok();
    if severity.is_none() {
        errors.add("severity", msg!("watch-choose-one"));
    }
    let category = form.category.parse::<IncidentCategory>().ok();
    if category.is_none() {
        errors.add("category", msg!("watch-choose-one"));
    }
    let occurred_at = instant(&form.occurred_at);
    if occurred_at.is_none() {
        errors.add("occurred_at", msg!("watch-time-wanted"));
    }
    let escalated_at = if form.escalated_at.trim().is_empty() {
        Some(None)
    } else {
        instant(&form.escalated_at).map(Some)
    };
    if escalated_at.is_none() {
        errors.add("escalated_at", msg!("watch-time-wanted"));
    }
    let outcome = match (severity, category, occurred_at, escalated_at) {
        (Some(severity), Some(category), Some(occurred_at), Some(escalated_at))
            if errors.is_empty() =>
        {
            let body = NewIncidentBody {
                severity,
                category,
                occurred_at,
                escalated_at,
                description: form.description.clone(),
            };
            incidents::create(signed.app(), signed.caller(), id, body)
                .await
                .map(|_| ())
        }
        _ => Err(AppError::Invalid(errors)),
    };
    match outcome {
        Ok(()) => Ok(super::sign_in::see_other(&format!(
            "/contracts/{}/incidents?done=logged",
            id.get()
        ))),
        Err(AppError::Invalid(violations)) => {
            let view = View {
                errors: FormErrors::of(signed.visitor.language, &violations),
                form,
                escalation_error: None,
                done: None,
            };
            render(&signed, id, view, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(error) => Err(signed.fail(error)),
    }
}

#[derive(Debug, Deserialize)]
pub struct EscalationForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    escalated_at: String,
}

/// Records when the merchant was told of an incident.
#[post("/contracts/{id}/incidents/{incident}/escalate")]
pub async fn escalate(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<EscalationForm>,
) -> Result<HttpResponse, WebError> {
    let (Some(id), Some(incident)) = (
        contract_id(&path.0),
        path.1.parse::<i64>().ok().filter(|i| *i > 0),
    ) else {
        return Ok(super::error::not_found_page(&req));
    };
    signed.check_form(&req, &form.csrf)?;
    let outcome = match instant(&form.escalated_at) {
        Some(escalated_at) => incidents::escalate(
            signed.app(),
            signed.caller(),
            id,
            IncidentId::new(incident),
            EscalationBody { escalated_at },
        )
        .await
        .map(|_| ()),
        None => Err(AppError::invalid("escalated_at", msg!("watch-time-wanted"))),
    };
    let language = signed.visitor.language;
    let refusal = match outcome {
        Ok(()) => {
            return Ok(super::sign_in::see_other(&format!(
                "/contracts/{}/incidents?done=escalated",
                id.get()
            )));
        }
        Err(AppError::Invalid(violations)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            by_field(language, &violations)
                .into_values()
                .collect::<Vec<_>>()
                .join("；"),
        ),
        Err(AppError::Conflict { message, .. }) => {
            (StatusCode::CONFLICT, language.message(&message))
        }
        Err(error) => return Err(signed.fail(error)),
    };
    let view = View {
        form: IncidentForm {
            severity: Severity::Critical.as_str().to_owned(),
            category: IncidentCategory::ServiceFailure.as_str().to_owned(),
            occurred_at: instant_field(Utc::now()),
            ..IncidentForm::default()
        },
        errors: FormErrors::default(),
        escalation_error: Some((incident, refusal.1)),
        done: None,
    };
    render(&signed, id, view, refusal.0).await
}

struct View {
    form: IncidentForm,
    errors: FormErrors,
    escalation_error: Option<(i64, String)>,
    done: Option<String>,
}

async fn render(
    signed: &SignedIn,
    id: ContractId,
    view: View,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let page = incidents_page(signed, id, view)
        .await
        .map_err(|e| signed.fail(e))?;
    signed
        .render(status, "incidents", "watch-incidents-title", &page)
        .await
}

/// `HH:MM:SS` of a span of seconds, whatever its sign.
fn clock(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

async fn incidents_page(signed: &SignedIn, id: ContractId, view: View) -> AppResult<IncidentsPage> {
    let language = signed.visitor.language;
    let (me, sheet) = tokio::try_join!(
        signed.me(),
        incidents::sheet(signed.app(), signed.caller(), id),
    )?;
    let may_log = me.role.may(Permission::LogIncidents);
    let IncidentSheet {
        contract,
        incidents,
        duties,
        now,
    } = sheet;
    let currency = contract.currency.code();
    let digits = contract.currency.minor_digits();
    let rows = incidents
        .into_iter()
        .map(|i| {
            let v = &i.view;
            let timeliness = timeliness_id(v.escalation.timeliness);
            let pending = v.escalation.timeliness == Timeliness::Pending;
            let overdue = v.escalation.timeliness == Timeliness::Overdue;
            let late = matches!(
                v.escalation.timeliness,
                Timeliness::Late | Timeliness::Overdue
            );
            let left = |deadline: DateTime<Utc>| (deadline - now).num_seconds();
            let cost = i.cost.map(|c| money(c, currency, digits)).map(|amount| {
                let id = if late {
                    "watch-late-costs"
                } else {
                    "watch-late-would-cost"
                };
                language.text(id, &[("amount", amount)])
            });
            IncidentRow {
                id: v.id,
                severity: v.severity.as_str(),
                severity_text: word(language, "severity", v.severity.as_str()),
                category: word(language, "watch-incident-category", v.category.as_str()),
                description: v.description.clone(),
                occurred_at: local_time(v.occurred_at),
                escalated_at: v.escalated_at.map(local_time),
                minutes: v
                    .escalation
                    .minutes_to_escalation
                    .map(|m| language.text("watch-escalated-after", &[("minutes", m.to_string())])),
                deadline: i.deadline.map(local_time),
                countdown_to: i
                    .deadline
                    .filter(|_| pending)
                    .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                clock: i
                    .deadline
                    .filter(|_| pending || overdue)
                    .map(|d| clock(left(d))),
                timeliness,
                timeliness_text: word(language, "watch-timeliness", timeliness),
                cost: cost.filter(|_| late || pending),
                late,
                may_escalate: may_log && v.escalated_at.is_none(),
                escalate_error: view
                    .escalation_error
                    .as_ref()
                    .filter(|(incident, _)| *incident == v.id)
                    .map(|(_, text)| text.clone()),
            }
        })
        .collect();
    Ok(IncidentsPage {
        contract: ContractHead::of_contract(&contract, "incidents"),
        incidents: rows,
        duties: duties
            .iter()
            .map(|d| {
                language.text(
                    "watch-duty",
                    &[
                        ("severity", word(language, "severity", d.severity.as_str())),
                        ("minutes", d.escalate_within_minutes.to_string()),
                        ("amount", money(d.amount, currency, digits)),
                    ],
                )
            })
            .collect(),
        may_log,
        severities: Severity::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                text: word(language, "severity", s.as_str()),
                selected: view.form.severity == s.as_str(),
            })
            .collect(),
        categories: IncidentCategory::ALL
            .iter()
            .map(|c| Choice {
                value: c.as_str().to_owned(),
                text: word(language, "watch-incident-category", c.as_str()),
                selected: view.form.category == c.as_str(),
            })
            .collect(),
        form: IncidentForm {
            csrf: String::new(),
            ..view.form
        },
        errors: view.errors,
        now: instant_field(now),
        done: view
            .done
            .filter(|d| d == "logged" || d == "escalated")
            .map(|d| language.text(&format!("watch-incident-{d}"), &[])),
    })
}

fn timeliness_id(t: Timeliness) -> &'static str {
    match t {
        Timeliness::InTime => "in-time",
        Timeliness::Late => "late",
        Timeliness::Overdue => "overdue",
        Timeliness::Pending => "pending",
        Timeliness::NoDuty => "no-duty",
    }
}
