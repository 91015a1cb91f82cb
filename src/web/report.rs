//! The vendor's monthly report: the figures (summed from the feed, or
//! entered), staffing and narrative; submitting it; and, once the merchant
//! disputes figures, their comment beside each with the vendor's answer.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use rust_decimal::Decimal;
use serde::Serialize;

use super::error::WebError;
use super::format::{figure, whole_number};
use super::month::contract_month;
use super::signed_in::SignedIn;
use crate::app::AppError;
use crate::app::entered::{EnteredFigure, EnteredSegment};
use crate::app::reports::check::DisputeAnswer;
use crate::app::reports::sheet::{ReportSheet, sheet};
use crate::app::reports::{ReportBody, steps, write};
use crate::app::session::MeView;
use crate::catalogue::Language;
use crate::domain::message::msg;
use crate::domain::report::{Narrative, Staffing};
use crate::domain::{ContractId, Period, Permission};

/// The form as posted: every field by name (`seats`, `n.<metric>`, `d.<metric>.<part>`, `answer.<metric>` …).
pub(super) type Fields = HashMap<String, String>;

#[derive(Serialize)]
struct ReportPage {
    id: i64,
    period: String,
    status: Option<String>,
    submissions: u32,
    rows: Vec<FigureRow>,
    /// The form, when the report may still be written by this person.
    editable: bool,
    submittable: bool,
    /// The month is not over: the report can be written, not yet submitted.
    submit_later: bool,
    seats: String,
    agents: String,
    attrition: String,
    problems: String,
    actions: String,
    requests: String,
    errors: Vec<String>,
    saved: bool,
    /// The merchant's side: each figure beside the merchant's own, accept or dispute.
    review: Option<super::report_review::Review>,
}

#[derive(Serialize)]
struct FigureRow {
    code: &'static str,
    name: &'static str,
    /// Summed from the feed: shown, not entered.
    fed: Option<String>,
    /// The report's figure as it stands.
    reported: String,
    inputs: Vec<Input>,
    comment: Option<String>,
    answer: String,
}

#[derive(Serialize)]
struct Input {
    label: String,
    numerator_name: String,
    denominator_name: String,
    numerator: String,
    denominator: String,
}

#[get("/contracts/{id}/reports/{period}")]
pub async fn show(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let Some((id, period)) = contract_month(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let saved = query.contains_key("saved");
    let done = query.get("done").cloned();
    let review = super::report_review::Posted {
        done,
        ..Default::default()
    };
    page_with(&signed, id, period, None, Vec::new(), saved, review).await
}

/// Writes the report (a new draft, or changes to a draft or disputed one).
#[post("/contracts/{id}/reports/{period}")]
pub async fn save(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<Fields>,
) -> Result<HttpResponse, WebError> {
    let Some((id, period)) = contract_month(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let fields = form.into_inner();
    signed.check_form(&req, fields.get("csrf").map_or("", String::as_str))?;
    let language = signed.visitor.language;
    let report = sheet(signed.app(), signed.caller(), id, period)
        .await
        .map_err(|e| signed.fail(e))?;
    let outcome = match body(&report, &fields) {
        Ok(body) => write::write(signed.app(), signed.caller(), id, period, body).await,
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    match outcome {
        Ok(_) => Ok(super::sign_in::see_other(&format!(
            "/contracts/{}/reports/{period}?saved=1",
            id.get()
        ))),
        Err(AppError::Invalid(errors)) => {
            let messages = errors
                .iter()
                .map(|v| format!("{}: {}", v.field, language.message(&v.message)))
                .collect();
            page(&signed, id, period, Some(fields), messages, false).await
        }
        Err(AppError::Conflict { message, .. }) => {
            let message = language.message(&message);
            page(&signed, id, period, Some(fields), vec![message], false).await
        }
        Err(error) => Err(signed.fail(error)),
    }
}

/// Submits the report to the merchant.
#[post("/contracts/{id}/reports/{period}/submit")]
pub async fn submit(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<Fields>,
) -> Result<HttpResponse, WebError> {
    let Some((id, period)) = contract_month(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    signed.check_form(&req, form.get("csrf").map_or("", String::as_str))?;
    match steps::submit(signed.app(), signed.caller(), id, period).await {
        Ok(_) => Ok(super::sign_in::see_other(&format!(
            "/contracts/{}/reports/{period}",
            id.get()
        ))),
        Err(AppError::Conflict { message, .. }) => {
            let message = signed.visitor.language.message(&message);
            page(&signed, id, period, None, vec![message], false).await
        }
        Err(error) => Err(signed.fail(error)),
    }
}

/// The report body the form says, or the fields it could not read.
fn body(
    sheet: &ReportSheet,
    fields: &Fields,
) -> Result<ReportBody, crate::domain::violation::Violations> {
    let mut errors = crate::domain::violation::Violations::default();
    let mut number = |name: &str| whole_number(fields, name, &mut errors);
    let seats = number("seats").unwrap_or_default();
    let agents = number("agents").unwrap_or_default();
    let mut figures = Vec::new();
    for m in sheet.metrics.iter().filter(|m| m.fed.is_none()) {
        let code = m.metric.code;
        if m.parts.is_empty() {
            if let Some(numerator) = number(&format!("n.{code}")) {
                figures.push(EnteredFigure {
                    metric: code.to_owned(),
                    numerator,
                    denominator: number(&format!("d.{code}")),
                    segments: Vec::new(),
                });
            }
            continue;
        }
        let mut segments = Vec::new();
        for (i, (from, to)) in m.parts.iter().enumerate() {
            if let Some(numerator) = number(&format!("n.{code}.{i}")) {
                segments.push(EnteredSegment {
                    from: *from,
                    to: *to,
                    numerator,
                    denominator: number(&format!("d.{code}.{i}")),
                });
            }
        }
        if !segments.is_empty() {
            // The month's totals are its parts added up.
            let numerator = segments.iter().map(|s| s.numerator).sum();
            let denominator = segments
                .iter()
                .map(|s| s.denominator)
                .try_fold(0i64, |sum, d| d.map(|d| sum + d));
            figures.push(EnteredFigure {
                metric: code.to_owned(),
                numerator,
                denominator,
                segments,
            });
        }
    }
    let attrition_raw = fields.get("attrition").map_or("0", |v| v.trim());
    let attrition = attrition_raw.parse::<Decimal>().unwrap_or_else(|_| {
        errors.add("attrition", msg!("number-wanted"));
        Decimal::ZERO
    });
    let answers = sheet
        .report
        .iter()
        .flat_map(|r| r.disputes.iter())
        .filter_map(|d| {
            let answer = fields.get(&format!("answer.{}", d.metric))?;
            Some(DisputeAnswer {
                metric: d.metric.clone(),
                answer: answer.clone(),
            })
        })
        .collect();
    let text = |name: &str| fields.get(name).cloned().unwrap_or_default();
    errors.finish(|| {
        Some(ReportBody {
            staffing: Staffing {
                seats: u32::try_from(seats).unwrap_or_default(),
                agents: u32::try_from(agents).unwrap_or_default(),
                attrition_percent: attrition,
            },
            narrative: Narrative {
                problems: text("problems"),
                actions: text("actions"),
                requests: text("requests"),
            },
            figures,
            answers,
        })
    })
}

async fn page(
    signed: &SignedIn,
    id: ContractId,
    period: Period,
    posted: Option<Fields>,
    errors: Vec<String>,
    saved: bool,
) -> Result<HttpResponse, WebError> {
    let review = super::report_review::Posted::default();
    page_with(signed, id, period, posted, errors, saved, review).await
}

/// The report page, with what the merchant's reviewer last posted.
pub(super) async fn page_with(
    signed: &SignedIn,
    id: ContractId,
    period: Period,
    posted: Option<Fields>,
    errors: Vec<String>,
    saved: bool,
    review: super::report_review::Posted,
) -> Result<HttpResponse, WebError> {
    let (me, sheet) = tokio::try_join!(
        signed.me(),
        sheet(signed.app(), signed.caller(), id, period)
    )
    .map_err(|e| signed.fail(e))?;
    let status = review.status.unwrap_or(if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    });
    let language = signed.visitor.language;
    let review = super::report_review::review(&me, &sheet, review, language);
    let mut data = report_page(&me, &sheet, id, period, posted, errors, saved, language);
    data.review = review;
    signed.render_for(&me, status, "report", "report-title", &data)
}

#[allow(clippy::too_many_arguments)]
fn report_page(
    me: &MeView,
    sheet: &ReportSheet,
    id: ContractId,
    period: Period,
    posted: Option<Fields>,
    errors: Vec<String>,
    saved: bool,
    language: Language,
) -> ReportPage {
    let report = sheet.report.as_ref();
    let stored = report.map(|r| r.status);
    let open = stored.is_none_or(|s| s.edit().is_ok());
    let writer = me.role.may(Permission::DraftReports);
    // What the form shows: what was just posted, else the report as stored.
    let value = |name: &str, stored: String| match &posted {
        Some(fields) => fields.get(name).cloned().unwrap_or_default(),
        None => stored,
    };
    let rows = sheet
        .metrics
        .iter()
        .map(|m| {
            let code = m.metric.code;
            let reported = report
                .and_then(|r| r.figures.iter().find(|f| f.metric == code))
                .and_then(|f| f.for_billing.value)
                .map_or_else(String::new, |v| figure(v, m.metric, language));
            let entered = report.and_then(|r| r.figures.iter().find(|f| f.metric == code));
            let inputs = if m.fed.is_some() {
                Vec::new()
            } else if m.parts.is_empty() {
                vec![Input {
                    label: String::new(),
                    numerator_name: format!("n.{code}"),
                    denominator_name: format!("d.{code}"),
                    numerator: value(
                        &format!("n.{code}"),
                        entered.map_or_else(String::new, |f| f.for_billing.numerator.to_string()),
                    ),
                    denominator: value(
                        &format!("d.{code}"),
                        entered.map_or_else(String::new, |f| f.for_billing.denominator.to_string()),
                    ),
                }]
            } else {
                m.parts
                    .iter()
                    .enumerate()
                    .map(|(i, (from, to))| {
                        let part = entered.and_then(|f| f.segments.get(i));
                        Input {
                            label: language.text(
                                "part-range",
                                &[("from", from.to_string()), ("to", to.to_string())],
                            ),
                            numerator_name: format!("n.{code}.{i}"),
                            denominator_name: format!("d.{code}.{i}"),
                            numerator: value(
                                &format!("n.{code}.{i}"),
                                part.map_or_else(String::new, |p| {
                                    p.for_billing.numerator.to_string()
                                }),
                            ),
                            denominator: value(
                                &format!("d.{code}.{i}"),
                                part.map_or_else(String::new, |p| {
                                    p.for_billing.denominator.to_string()
                                }),
                            ),
                        }
                    })
                    .collect()
            };
            let dispute = report.and_then(|r| r.disputes.iter().find(|d| d.metric == code));
            FigureRow {
                code,
                name: language.metric_name(m.metric),
                fed: m
                    .fed
                    .as_ref()
                    .and_then(|f| f.value)
                    .map(|v| figure(v, m.metric, language)),
                reported,
                inputs,
                comment: dispute.map(|d| d.comment.clone()),
                answer: value(
                    &format!("answer.{code}"),
                    dispute.and_then(|d| d.answer.clone()).unwrap_or_default(),
                ),
            }
        })
        .collect();
    let staffing = report.map(|r| &r.staffing);
    let narrative = report.map(|r| &r.narrative);
    ReportPage {
        id: id.get(),
        period: period.to_string(),
        status: stored.map(|s| language.text(&format!("report-badge-{}", s.as_str()), &[])),
        submissions: report.map_or(0, |r| r.submissions),
        rows,
        editable: writer && open,
        submittable: writer && sheet.month_over && stored.is_some_and(|s| s.submit().is_ok()),
        submit_later: writer && !sheet.month_over && open,
        seats: value(
            "seats",
            staffing.map_or_else(String::new, |s| s.seats.to_string()),
        ),
        agents: value(
            "agents",
            staffing.map_or_else(String::new, |s| s.agents.to_string()),
        ),
        attrition: value(
            "attrition",
            staffing.map_or_else(String::new, |s| s.attrition_percent.normalize().to_string()),
        ),
        problems: value(
            "problems",
            narrative.map_or_else(String::new, |n| n.problems.clone()),
        ),
        actions: value(
            "actions",
            narrative.map_or_else(String::new, |n| n.actions.clone()),
        ),
        requests: value(
            "requests",
            narrative.map_or_else(String::new, |n| n.requests.clone()),
        ),
        errors,
        saved,
        review: None,
    }
}
