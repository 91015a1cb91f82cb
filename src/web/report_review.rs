//! The merchant's review of a monthly report, on the report's own page: each
//! reported figure beside the merchant's own source and how far apart they
//! are against the contract's tolerance; accept it, or dispute it figure by
//! figure with a comment on each. The vendor's side of the page is
//! `report.rs`.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use rust_decimal::Decimal;
use serde::Serialize;

use super::error::WebError;
use super::format::figure;
use super::month::contract_month;
use super::report::{Fields, page_with};
use super::shown::local_time;
use super::signed_in::SignedIn;
use crate::app::AppError;
use crate::app::reports::check::{ContestedFigure, DisputeBody};
use crate::app::reports::sheet::ReportSheet;
use crate::app::reports::steps;
use crate::app::session::MeView;
use crate::catalogue::Language;
use crate::domain::Permission;
use crate::domain::report::ReportStatus;

/// What the reviewer last posted, and how the page answers it.
#[derive(Debug, Default)]
pub struct Posted {
    /// `accepted` or `disputed`, after the step went through.
    pub done: Option<String>,
    /// The comments typed, by metric.
    pub comments: HashMap<String, String>,
    /// A refusal beside the figure it concerns, by metric.
    pub errors: HashMap<String, String>,
    /// Refusals of the whole step, above the form.
    pub general: Vec<String>,
    pub status: Option<StatusCode>,
}

#[derive(Debug, Serialize)]
pub struct Review {
    /// The vendor has a report for the month.
    pub started: bool,
    pub status: Option<String>,
    pub rows: Vec<ReviewRow>,
    pub tolerance: String,
    /// Accept and dispute are offered: the report waits for this person's answer.
    pub reviewable: bool,
    /// When the report reads as accepted without an answer, or that it did.
    pub deemed: Option<String>,
    pub staffing: Option<String>,
    pub problems: String,
    pub actions: String,
    pub requests: String,
    pub errors: Vec<String>,
    pub done: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ReviewRow {
    code: &'static str,
    name: &'static str,
    reported: String,
    merchant: String,
    difference: String,
    percent: String,
    /// `Some(true)` within the tolerance, `Some(false)` beyond, `None` not compared.
    within: Option<bool>,
    gap_text: String,
    /// The merchant's comment of the dispute in force, and the vendor's answer.
    comment: Option<String>,
    answer: Option<String>,
    /// What the reviewer typed for it.
    typed: String,
    error: Option<String>,
}

/// The review part of the report page, for the merchant's people; `None`
/// for the vendor's (theirs is the report's form).
pub fn review(
    me: &MeView,
    sheet: &ReportSheet,
    posted: Posted,
    language: Language,
) -> Option<Review> {
    if me.vendor_id.is_some() {
        return None;
    }
    let report = sheet.report.as_ref();
    let tolerance = format!("{}%", sheet.tolerance.normalize());
    let rows = sheet
        .metrics
        .iter()
        .filter_map(|m| {
            let code = m.metric.code;
            let reported = report?
                .figures
                .iter()
                .find(|f| f.metric == code)?
                .for_billing
                .value;
            let merchant = m.merchant.as_ref().and_then(|f| f.value);
            let shown = |v: Option<Decimal>| {
                v.map_or_else(
                    || language.text("watch-no-source-figure", &[]),
                    |v| figure(v, m.metric, language),
                )
            };
            let contested = report?.disputes.iter().find(|d| d.metric == code);
            Some(ReviewRow {
                code,
                name: language.metric_name(m.metric),
                reported: shown(reported),
                merchant: shown(merchant),
                difference: m.gap.map_or_else(String::new, |g| {
                    let sign = if g.difference.is_sign_negative() {
                        "−"
                    } else {
                        "+"
                    };
                    if g.difference.is_zero() {
                        figure(Decimal::ZERO, m.metric, language)
                    } else {
                        format!("{sign}{}", figure(g.difference.abs(), m.metric, language))
                    }
                }),
                percent: m
                    .gap
                    .and_then(|g| g.percent)
                    .map_or_else(String::new, |p| format!("{}%", p.normalize())),
                within: m.gap.map(|g| g.within_tolerance),
                gap_text: match m.gap {
                    None => language.text("watch-gap-none", &[]),
                    Some(g) if g.within_tolerance => {
                        language.text("watch-gap-within", &[("tolerance", tolerance.clone())])
                    }
                    Some(_) => {
                        language.text("watch-gap-beyond", &[("tolerance", tolerance.clone())])
                    }
                },
                comment: contested.map(|d| d.comment.clone()),
                answer: contested.and_then(|d| d.answer.clone()),
                typed: posted.comments.get(code).cloned().unwrap_or_default(),
                error: posted.errors.get(code).cloned(),
            })
        })
        .collect();
    let submitted = report.is_some_and(|r| r.status == ReportStatus::Submitted);
    let deemed = report.and_then(|r| {
        if r.deemed {
            Some(language.text("watch-deemed-accepted", &[]))
        } else {
            r.deemed_at
                .filter(|_| submitted)
                .map(|at| language.text("watch-deemed-on", &[("date", local_time(at))]))
        }
    });
    Some(Review {
        started: report.is_some(),
        status: report.map(|r| {
            let status = if r.deemed {
                "accepted"
            } else {
                r.status.as_str()
            };
            language.text(&format!("report-badge-{status}"), &[])
        }),
        rows,
        tolerance,
        reviewable: submitted && me.role.may(Permission::ReviewReports),
        deemed,
        staffing: report.map(|r| {
            language.text(
                "watch-staffing",
                &[
                    ("seats", r.staffing.seats.to_string()),
                    ("agents", r.staffing.agents.to_string()),
                    (
                        "attrition",
                        r.staffing.attrition_percent.normalize().to_string(),
                    ),
                ],
            )
        }),
        problems: report.map_or_else(String::new, |r| r.narrative.problems.clone()),
        actions: report.map_or_else(String::new, |r| r.narrative.actions.clone()),
        requests: report.map_or_else(String::new, |r| r.narrative.requests.clone()),
        errors: posted.general,
        done: posted
            .done
            .filter(|d| d == "accepted" || d == "disputed")
            .map(|d| language.text(&format!("watch-report-{d}"), &[])),
    })
}

/// Accepts a submitted report: the month is billed on its figures.
#[post("/contracts/{id}/reports/{period}/accept")]
pub async fn accept_report(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<Fields>,
) -> Result<HttpResponse, WebError> {
    let Some((id, period)) = contract_month(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    signed.check_form(&req, form.get("csrf").map_or("", String::as_str))?;
    match steps::accept(signed.app(), signed.caller(), id, period).await {
        Ok(_) => Ok(super::sign_in::see_other(&format!(
            "/contracts/{}/reports/{period}?done=accepted",
            id.get()
        ))),
        Err(AppError::Conflict { message, .. }) => {
            let posted = Posted {
                general: vec![signed.visitor.language.message(&message)],
                status: Some(StatusCode::CONFLICT),
                ..Posted::default()
            };
            page_with(&signed, id, period, None, Vec::new(), false, posted).await
        }
        Err(error) => Err(signed.fail(error)),
    }
}

/// Disputes figures of a submitted report: a comment on each contested one
/// (`comment.<metric>`); figures left blank are not contested.
#[post("/contracts/{id}/reports/{period}/dispute")]
pub async fn dispute_report(
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
    let mut typed: Vec<(String, String)> = fields
        .iter()
        .filter_map(|(name, value)| {
            let metric = name.strip_prefix("comment.")?;
            Some((metric.to_owned(), value.clone()))
        })
        .collect();
    typed.sort();
    let contested: Vec<&(String, String)> =
        typed.iter().filter(|(_, c)| !c.trim().is_empty()).collect();
    let body = DisputeBody {
        comments: contested
            .iter()
            .map(|(metric, comment)| ContestedFigure {
                metric: metric.clone(),
                comment: comment.clone(),
            })
            .collect(),
    };
    let language = signed.visitor.language;
    let outcome = steps::dispute(signed.app(), signed.caller(), id, period, body).await;
    let mut posted = Posted {
        comments: typed.iter().cloned().collect(),
        ..Posted::default()
    };
    match outcome {
        Ok(_) => {
            return Ok(super::sign_in::see_other(&format!(
                "/contracts/{}/reports/{period}?done=disputed",
                id.get()
            )));
        }
        Err(AppError::Invalid(violations)) => {
            for v in violations.iter() {
                let text = language.message(&v.message);
                // `comments[2].comment` is the third contested figure's.
                let metric = v
                    .field
                    .strip_prefix("comments[")
                    .and_then(|rest| rest.split(']').next())
                    .and_then(|i| i.parse::<usize>().ok())
                    .and_then(|i| contested.get(i));
                match metric {
                    Some((metric, _)) => {
                        posted.errors.insert(metric.clone(), text);
                    }
                    None => posted.general.push(text),
                }
            }
            posted.status = Some(StatusCode::UNPROCESSABLE_ENTITY);
        }
        Err(AppError::Conflict { message, .. }) => {
            posted.general.push(language.message(&message));
            posted.status = Some(StatusCode::CONFLICT);
        }
        Err(error) => return Err(signed.fail(error)),
    }
    page_with(&signed, id, period, None, Vec::new(), false, posted).await
}
