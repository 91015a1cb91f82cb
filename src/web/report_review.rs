//! The merchant's review of a monthly report, on the report's own page: each
//! reported figure beside the merchant's own source and how far apart they
//! are against the contract's tolerance; accept it, or dispute it figure by
//! figure with a comment on each. The vendor's side of the page is
//! `report.rs`.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use rust_decimal::Decimal;
use serde::Serialize;

use super::format::figure;
use super::shown::local_time;
use crate::app::reports::sheet::ReportSheet;
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
