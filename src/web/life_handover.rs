//! The handover, step by step (逐步移交): a timeline of the phases — dates,
//! scope, seats, the SLA targets that ramp up, status — and each phase's exit
//! gate against last month's figures. A phase is started (through the gate
//! of the one before; an owner may override a failed gate with a reason),
//! completed or rolled back with a reason.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};

use super::error::WebError;
use super::format::{figure, term};
use super::life::{Head, Refusal, value_text};
use super::sign_in::see_other;
use super::signed_in::SignedIn;
use crate::app::contracts::ReasonBody;
use crate::app::contracts::handover::{self, HandoverView, PhaseView};
use crate::app::contracts::phases::{self, StartPhaseBody};
use crate::app::{AppError, AppResult, session};
use crate::catalogue::Language;
use crate::domain::metric::{Direction, Metric};
use crate::domain::versions::PhaseStatus;
use crate::domain::{ContractId, ContractStatus, Permission, Role};

#[derive(Serialize)]
struct HandoverPage {
    head: Head,
    notice: Option<String>,
    gate_period: String,
    /// Phases move only while the contract is active.
    moves: bool,
    draft: bool,
    may_write: bool,
    owner: bool,
    phases: Vec<PhaseRow>,
}

#[derive(Serialize)]
struct PhaseRow {
    id: u32,
    position: usize,
    name: String,
    first_day: String,
    last_day: String,
    channels: String,
    share: String,
    seats: u32,
    shifts: String,
    status: &'static str,
    status_word: String,
    targets: Vec<TargetRow>,
    gate: Option<GateRows>,
    /// The gate a start of this phase goes through: the previous phase's.
    entry: Option<Entry>,
    may_start: bool,
    may_finish: bool,
    start: StartForm,
    complete: ReasonForm,
    roll_back: ReasonForm,
}

#[derive(Serialize)]
struct TargetRow {
    clause: String,
    metric: String,
    target: String,
    grace_days: u32,
    overrides: Vec<String>,
}

#[derive(Serialize, Clone)]
struct GateRows {
    passed: bool,
    criteria: Vec<CriterionRow>,
    /// Without exit criteria a gate always holds.
    empty: bool,
}

#[derive(Serialize, Clone)]
struct CriterionRow {
    metric: String,
    threshold: String,
    actual: String,
    passed: bool,
}

#[derive(Serialize)]
struct Entry {
    phase: String,
    passed: bool,
    /// Its figures could not be read.
    unknown: bool,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct StartForm {
    #[serde(default, skip_serializing)]
    csrf: String,
    #[serde(default)]
    reason: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    override_gate: Option<String>,
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
pub struct Done {
    done: Option<String>,
}

/// A form of one phase as posted and refused.
enum Refused {
    Start(StartForm),
    Complete(ReasonForm),
    RollBack(ReasonForm),
}

const DONE: &[&str] = &["started", "completed", "rolled-back"];

#[get("/contracts/{id:\\d+}/handover")]
pub async fn show(
    signed: SignedIn,
    id: web::Path<ContractId>,
    query: web::Query<Done>,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let notice = query
        .into_inner()
        .done
        .filter(|d| DONE.contains(&d.as_str()))
        .map(|d| language.text(&format!("life-handover-done-{d}"), &[]));
    draw(&signed, id.into_inner(), None, notice, StatusCode::OK).await
}

async fn draw(
    signed: &SignedIn,
    id: ContractId,
    refused: Option<(u32, Refused)>,
    notice: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let page = handover_page(signed, id, refused, notice)
        .await
        .map_err(|e| signed.fail(e))?;
    signed
        .render(status, "life_handover", "life-handover-title", &page)
        .await
}

async fn handover_page(
    signed: &SignedIn,
    id: ContractId,
    mut refused: Option<(u32, Refused)>,
    notice: Option<String>,
) -> AppResult<HandoverPage> {
    let (app, language) = (signed.app(), signed.visitor.language);
    let (me, plan) = tokio::try_join!(
        session::me(app, signed.caller()),
        handover::plan(app, signed.caller(), id),
    )?;
    let HandoverView {
        contract,
        phases,
        gate_period,
        ..
    } = plan;
    let moves = contract.status == ContractStatus::Active;
    let statuses: Vec<PhaseStatus> = phases.iter().map(|p| p.status).collect();
    let gates: Vec<Option<GateRows>> = phases
        .iter()
        .map(|p| p.gate.as_ref().map(|g| gate_rows(g, language)))
        .collect();
    let rows = phases
        .into_iter()
        .enumerate()
        .map(|(i, phase)| {
            let previous_done = i == 0 || statuses[i - 1] == PhaseStatus::Completed;
            let entry = (i > 0).then(|| Entry {
                phase: String::new(),
                passed: gates[i - 1].as_ref().is_some_and(|g| g.passed),
                unknown: gates[i - 1].is_none(),
            });
            let mine = refused
                .take_if(|(p, _)| *p == phase.phase.id)
                .map(|(_, f)| f);
            phase_row(
                i,
                phase,
                entry,
                previous_done && moves,
                moves,
                mine,
                language,
            )
        })
        .collect::<Vec<_>>();
    // Each entry names the phase before it.
    let names: Vec<String> = rows.iter().map(|r| r.name.clone()).collect();
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, mut row)| {
            if let Some(entry) = row.entry.as_mut() {
                entry.phase = names[i - 1].clone();
            }
            row
        })
        .collect();
    Ok(HandoverPage {
        head: Head::of(&contract, "handover", language),
        notice,
        gate_period: gate_period.to_string(),
        moves,
        draft: contract.status == ContractStatus::Draft,
        may_write: me.role.may(Permission::WriteContracts),
        owner: me.role == Role::Owner,
        phases: rows,
    })
}

fn phase_row(
    position: usize,
    view: PhaseView,
    entry: Option<Entry>,
    startable: bool,
    moves: bool,
    refused: Option<Refused>,
    language: Language,
) -> PhaseRow {
    let spec = &view.phase.spec;
    let status = view.status.as_str();
    let (mut start_form, mut complete_form, mut roll_back_form) = Default::default();
    match refused {
        Some(Refused::Start(form)) => start_form = form,
        Some(Refused::Complete(form)) => complete_form = form,
        Some(Refused::RollBack(form)) => roll_back_form = form,
        None => {}
    }
    let channels: Vec<serde_json::Value> = spec
        .channels
        .iter()
        .filter_map(|c| serde_json::to_value(c).ok())
        .collect();
    PhaseRow {
        id: view.phase.id,
        position: position + 1,
        name: spec.name.clone(),
        first_day: spec.start.to_string(),
        last_day: spec.end.pred_opt().unwrap_or(spec.end).to_string(),
        channels: value_text(language, Some(&serde_json::Value::Array(channels))),
        share: format!("{}%", spec.inquiry_share.normalize()),
        seats: spec.seats,
        shifts: spec.shifts.join(" / "),
        status,
        status_word: language.text(&format!("life-phase-{}", status.replace('_', "-")), &[]),
        targets: view
            .targets
            .iter()
            .filter_map(|t| target_row(t, language))
            .collect(),
        gate: view.gate.as_ref().map(|g| gate_rows(g, language)),
        entry,
        may_start: startable && view.status == PhaseStatus::Planned,
        may_finish: moves && view.status == PhaseStatus::InProgress,
        start: start_form,
        complete: complete_form,
        roll_back: roll_back_form,
    }
}

fn target_row(target: &handover::Target, language: Language) -> Option<TargetRow> {
    let metric = Metric::find(&target.metric)?;
    Some(TargetRow {
        clause: target.clause.clone(),
        metric: language.metric_name(metric).to_owned(),
        target: bound(metric, &term(target.target, metric, language), language),
        grace_days: target.grace_days,
        overrides: target
            .overrides
            .iter()
            .map(|(label, from, to, value)| {
                language.text(
                    "life-handover-override",
                    &[
                        ("label", label.clone()),
                        ("from", from.to_string()),
                        ("to", to.to_string()),
                        (
                            "target",
                            bound(metric, &term(*value, metric, language), language),
                        ),
                    ],
                )
            })
            .collect(),
    })
}

/// A target or threshold with its direction: `≤ 30 秒`, `≥ 40%`.
fn bound(metric: &Metric, shown: &str, language: Language) -> String {
    let id = match metric.direction {
        Direction::LowerIsBetter => "life-at-most",
        Direction::HigherIsBetter => "life-at-least",
    };
    language.text(id, &[("value", shown.to_owned())])
}

fn gate_rows(gate: &crate::app::contracts::gate::GateView, language: Language) -> GateRows {
    GateRows {
        passed: gate.passed,
        empty: gate.criteria.is_empty(),
        criteria: gate
            .criteria
            .iter()
            .map(|c| {
                let metric = Metric::find(&c.metric);
                CriterionRow {
                    metric: metric
                        .map_or_else(|| c.metric.clone(), |m| language.metric_name(m).to_owned()),
                    threshold: metric.map_or_else(
                        || c.threshold.to_string(),
                        |m| bound(m, &term(c.threshold, m, language), language),
                    ),
                    actual: match (c.actual, metric) {
                        (Some(v), Some(m)) => figure(v, m, language),
                        (Some(v), None) => v.to_string(),
                        (None, _) => language.text("no-figure", &[]),
                    },
                    passed: c.passed,
                }
            })
            .collect(),
    }
}

fn done(id: ContractId, what: &str) -> HttpResponse {
    see_other(&format!("/contracts/{}/handover?done={what}", id.get()))
}

#[post("/contracts/{id:\\d+}/handover/{phase:\\d+}/start")]
pub async fn start(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(ContractId, u32)>,
    form: web::Form<StartForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let ((id, phase), form) = (path.into_inner(), form.into_inner());
    let language = signed.visitor.language;
    let body = StartPhaseBody {
        reason: form.reason.clone(),
        gate_period: None,
        override_gate: form.override_gate.is_some(),
    };
    match phases::start(signed.app(), signed.caller(), id, phase, body).await {
        Ok(_) => Ok(done(id, "started")),
        // A manager asking to override a failed gate: said beside the form, not an error page.
        Err(AppError::Forbidden) if form.override_gate.is_some() => {
            let refused = StartForm {
                errors: vec![language.text("life-handover-override-owner-only", &[])],
                ..form
            };
            let refused = Some((phase, Refused::Start(refused)));
            draw(&signed, id, refused, None, StatusCode::FORBIDDEN).await
        }
        Err(error) => {
            let mut refusal = Refusal::of(language, error).map_err(|e| signed.fail(e))?;
            let status = refusal.status.unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let refused = StartForm {
                reason_errors: refusal.take("reason"),
                errors: {
                    let mut gate = refusal.take("gate_period");
                    gate.extend(refusal.rest(language));
                    gate
                },
                ..form
            };
            draw(
                &signed,
                id,
                Some((phase, Refused::Start(refused))),
                None,
                status,
            )
            .await
        }
    }
}

#[post("/contracts/{id:\\d+}/handover/{phase:\\d+}/{step:complete|roll-back}")]
pub async fn step(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(ContractId, u32, String)>,
    form: web::Form<ReasonForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let ((id, phase, step), form) = (path.into_inner(), form.into_inner());
    let language = signed.visitor.language;
    let body = ReasonBody {
        reason: form.reason.clone(),
    };
    let completing = step == "complete";
    let outcome = if completing {
        phases::complete(signed.app(), signed.caller(), id, phase, body).await
    } else {
        phases::roll_back(signed.app(), signed.caller(), id, phase, body).await
    };
    match outcome {
        Ok(_) => Ok(done(
            id,
            if completing {
                "completed"
            } else {
                "rolled-back"
            },
        )),
        Err(error) => {
            let mut refusal = Refusal::of(language, error).map_err(|e| signed.fail(e))?;
            let status = refusal.status.unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let refused = ReasonForm {
                reason_errors: refusal.take("reason"),
                errors: refusal.rest(language),
                ..form
            };
            let refused = if completing {
                Refused::Complete(refused)
            } else {
                Refused::RollBack(refused)
            };
            draw(&signed, id, Some((phase, refused)), None, status).await
        }
    }
}
