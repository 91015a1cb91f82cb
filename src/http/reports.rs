//! The vendor's monthly report and the merchant's review of it.

use crate::domain::violation::Violations;
use actix_web::{get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiError, Problem};
use super::extract::{AuthUser, Caller};
use super::json::Json;
use super::state::AppState;
use crate::app::contracts::audit;
use crate::app::entered::{EnteredFigure, check_totals};
use crate::app::kpi::FigureView;
use crate::app::month::{self as figures, Month};
use crate::domain::kpi::Sums;
use crate::domain::metric::Metric;
use crate::domain::report::{
    DisputeComment, FigureOrigin, MonthlyReport, Narrative, ReportFigure, ReportStatus, Staffing,
    TEXT_MAX, segments,
};
use crate::domain::terms::KpiSource;
use crate::domain::{ContractId, ContractStatus, Period, Permission, decimal, text::parse_text};
use crate::store::{self, DbConnection};

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportFigureView {
    pub metric: String,
    pub origin: FigureOrigin,
    pub for_sla: FigureView,
    pub for_billing: FigureView,
    /// Part by part, where the terms judge the metric against another target
    /// for some days (see `splits`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<SegmentView>,
}

/// A part of the month's figures.
#[derive(Debug, Serialize, ToSchema)]
pub struct SegmentView {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub for_sla: FigureView,
    pub for_billing: FigureView,
}

/// The parts a metric's month is judged in: a report gives a figure for each.
#[derive(Debug, Serialize, ToSchema)]
pub struct MetricSplit {
    pub metric: String,
    pub parts: Vec<Span>,
}

/// Days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportView {
    pub id: i64,
    pub contract_id: i64,
    #[schema(value_type = String)]
    pub period: Period,
    /// Where it stands now: a submitted report the merchant left unanswered past
    /// the contract's days reads as accepted.
    pub status: ReportStatus,
    /// Accepted because the merchant did not answer in time.
    pub deemed: bool,
    /// When a submitted report will be deemed accepted, if the contract says so.
    pub deemed_at: Option<DateTime<Utc>>,
    pub figures: Vec<ReportFigureView>,
    /// Metrics whose month the terms judge in parts (a 双11 override): their
    /// figures are given part by part.
    pub splits: Vec<MetricSplit>,
    pub staffing: Staffing,
    pub narrative: Narrative,
    /// The merchant's comments of the latest dispute.
    pub disputes: Vec<DisputeComment>,
    pub submissions: u32,
    pub submitted_at: Option<DateTime<Utc>>,
    pub answered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportBody {
    pub staffing: Staffing,
    #[serde(default)]
    pub narrative: Narrative,
    /// Figures for metrics without a daily feed; the rest are summed from the feed.
    #[serde(default)]
    pub figures: Vec<EnteredFigure>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisputeBody {
    /// One comment per contested figure.
    pub comments: Vec<DisputeComment>,
}

fn report_view(report: &MonthlyReport, month: &Month) -> ReportView {
    let standing = report.status_at(
        month.now,
        month.terms.commercial.report_deemed_accepted_after_days,
    );
    let digits = month.minor_digits();
    let view = |metric: &Metric, sums: Sums| FigureView::of(sums, metric, digits);
    ReportView {
        id: report.id,
        contract_id: report.contract_id.get(),
        period: report.period,
        status: standing.status,
        deemed: standing.deemed,
        deemed_at: standing.deemed_at,
        figures: report
            .figures
            .iter()
            .filter_map(|f| {
                let metric = Metric::find(&f.metric)?;
                Some(ReportFigureView {
                    metric: f.metric.clone(),
                    origin: f.origin,
                    for_sla: view(metric, f.for_sla),
                    for_billing: view(metric, f.for_billing),
                    segments: f
                        .segments
                        .iter()
                        .map(|s| SegmentView {
                            from: s.from,
                            to: s.to,
                            for_sla: view(metric, s.for_sla),
                            for_billing: view(metric, s.for_billing),
                        })
                        .collect(),
                })
            })
            .collect(),
        splits: splits(month),
        staffing: report.staffing.clone(),
        narrative: report.narrative.clone(),
        disputes: report.disputes.clone(),
        submissions: report.submissions,
        submitted_at: report.submitted_at,
        answered_at: report.answered_at,
        created_at: report.created_at,
        updated_at: report.updated_at,
    }
}

/// The parts each metric's month is judged in, where the terms cut it.
fn splits(month: &Month) -> Vec<MetricSplit> {
    figures::referenced_metrics(&month.terms)
        .into_iter()
        .filter_map(|metric| {
            let parts = split_of(month, metric.code);
            (!parts.is_empty()).then(|| MetricSplit {
                metric: metric.code.to_owned(),
                parts: parts
                    .into_iter()
                    .map(|(from, to)| Span { from, to })
                    .collect(),
            })
        })
        .collect()
}

fn split_of(month: &Month, metric: &str) -> Vec<(NaiveDate, NaiveDate)> {
    segments::split(&month.terms, metric, month.window.from, month.window.to)
}

/// The vendor's feed, summed for the report (part by part where the terms
/// cut the month); then the entered figures.
fn figures_of(month: &Month, entered: &[ReportFigure]) -> Vec<ReportFigure> {
    let fed = month.figures.iter().filter_map(|f| {
        let vendor = f.sources.iter().find(|s| s.source == KpiSource::Vendor)?;
        let code = f.metric.code;
        Some(ReportFigure {
            metric: code.to_owned(),
            origin: FigureOrigin::Feed,
            for_billing: vendor.for_billing,
            for_sla: vendor.for_sla,
            segments: segments::summed(
                &month.rows,
                code,
                KpiSource::Vendor,
                &month.window.excluded,
                &split_of(month, code),
            ),
        })
    });
    let mut figures: Vec<ReportFigure> = fed.collect();
    figures.extend(
        entered
            .iter()
            .filter(|e| e.origin == FigureOrigin::Entered)
            .filter(|e| figures.iter().all(|f| f.metric != e.metric))
            .cloned()
            .collect::<Vec<_>>(),
    );
    figures
}

fn vendor_feeds(month: &Month, metric: &str) -> bool {
    month
        .figures
        .iter()
        .any(|f| f.metric.code == metric && f.sources.iter().any(|s| s.source == KpiSource::Vendor))
}

fn check_body(
    body: &ReportBody,
    month: &Month,
) -> Result<(Vec<ReportFigure>, Narrative), ApiError> {
    let mut errors = Violations::default();
    if body.staffing.attrition_percent < rust_decimal::Decimal::ZERO
        || body.staffing.attrition_percent > rust_decimal::Decimal::ONE_HUNDRED
    {
        errors.add("staffing.attrition_percent", "must be between 0 and 100");
    }
    if body.staffing.attrition_percent.scale() > decimal::MAX_SCALE {
        errors.add(
            "staffing.attrition_percent",
            format!("has more than {} decimal places", decimal::MAX_SCALE),
        );
    }
    let text = |errors: &mut Violations, field: &str, value: &str| {
        if value.is_empty() {
            return String::new();
        }
        errors
            .check(field.to_owned(), parse_text(value, TEXT_MAX))
            .unwrap_or_default()
    };
    let narrative = Narrative {
        problems: text(&mut errors, "narrative.problems", &body.narrative.problems),
        actions: text(&mut errors, "narrative.actions", &body.narrative.actions),
        requests: text(&mut errors, "narrative.requests", &body.narrative.requests),
    };
    let month_days = (month.window.from, month.window.to);
    let checked = check_totals(&body.figures, month_days, &mut errors, |metric| {
        vendor_feeds(month, metric.code)
            .then_some("comes from the daily feed; correct the feed instead of entering it")
    });
    let mut entered = Vec::with_capacity(checked.len());
    for figure in checked {
        let wanted = split_of(month, figure.metric.code);
        let given: Vec<(NaiveDate, NaiveDate)> =
            figure.segments.iter().map(|s| (s.from, s.to)).collect();
        if given != wanted {
            errors.add(
                format!("figures[{}].segments", figure.index),
                parts_wanted(&wanted),
            );
            continue;
        }
        entered.push(ReportFigure {
            metric: figure.metric.code.to_owned(),
            origin: FigureOrigin::Entered,
            for_billing: figure.sums,
            for_sla: figure.sums,
            segments: figure.segments,
        });
    }
    Ok(errors.finish(|| Some((figures_of(month, &entered), narrative)))?)
}

/// What a report must say of a metric's parts.
fn parts_wanted(wanted: &[(NaiveDate, NaiveDate)]) -> String {
    if wanted.is_empty() {
        return "the terms judge this metric on the whole month: give its totals only".into();
    }
    let parts: Vec<String> = wanted
        .iter()
        .map(|(from, to)| format!("{from} to {to}"))
        .collect();
    format!(
        "the terms judge this metric against different targets from {}: give the figures of each part",
        parts.join(", ")
    )
}

/// Loads the month of a report, refusing draft contracts.
fn month_of(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    period: Period,
) -> Result<Month, ApiError> {
    let month = figures::load(conn, auth, id, period)?;
    if month.contract.status == ContractStatus::Draft {
        return Err(ApiError::conflict(
            "the contract is a draft: reports start once it is signed",
        ));
    }
    Ok(month)
}

fn parse_period(raw: &str) -> Result<Period, ApiError> {
    raw.parse().map_err(|_| ApiError::NotFound)
}

fn existing(month: &Month) -> Result<MonthlyReport, ApiError> {
    month
        .report
        .as_ref()
        .map(|(r, _)| r.clone())
        .ok_or(ApiError::NotFound)
}

fn refused(error: crate::domain::report::StepRefused) -> ApiError {
    ApiError::Conflict {
        field: Some("status".into()),
        message: error.to_string(),
    }
}

fn summary(report: &MonthlyReport) -> serde_json::Value {
    serde_json::json!({
        "period": report.period,
        "status": report.status,
        "figures": report.figures,
        "disputes": report.disputes,
        "submissions": report.submissions,
    })
}

/// A contract's reports, latest month first.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/reports", tag = "reports", security(("bearer" = [])),
    responses((status = 200, body = Vec<ReportView>), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}/reports")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<Vec<ReportView>>, ApiError> {
    let id = ContractId::new(id.into_inner());
    let views = state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            let contract = store::contracts::get(conn, auth.scope, id)?;
            let reports = store::reports::list(conn, auth.tenant(), id)?;
            reports
                .iter()
                .map(|r| {
                    let month = figures::load_for(conn, auth.tenant(), contract.clone(), r.period)?;
                    Ok(report_view(r, &month))
                })
                .collect::<Result<Vec<_>, ApiError>>()
        })
        .await?;
    Ok(web::Json(views))
}

/// The report for a month.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/reports/{period}", tag = "reports",
    security(("bearer" = [])),
    responses((status = 200, body = ReportView), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}/reports/{period}")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, String)>,
) -> Result<web::Json<ReportView>, ApiError> {
    let (id, period) = path.into_inner();
    let (id, period) = (ContractId::new(id), parse_period(&period)?);
    let view = state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            let month = figures::load(conn, auth, id, period)?;
            Ok(report_view(&existing(&month)?, &month))
        })
        .await?;
    Ok(web::Json(view))
}

/// Writes the vendor's report for a month: a new draft, or changes to a draft
/// or disputed one. Figures of metrics the vendor feeds daily are summed from
/// the feed; others are entered here.
#[utoipa::path(put, path = "/api/v1/contracts/{id}/reports/{period}", tag = "reports",
    security(("bearer" = [])), request_body = ReportBody,
    responses((status = 200, body = ReportView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[put("/contracts/{id}/reports/{period}")]
pub async fn write(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, String)>,
    Json(body): Json<ReportBody>,
) -> Result<web::Json<ReportView>, ApiError> {
    let (id, period) = path.into_inner();
    let (id, period) = (ContractId::new(id), parse_period(&period)?);
    let view = state
        .write(caller, Permission::DraftReports, move |conn, auth| {
            let month = month_of(conn, auth, id, period)?;
            let (figures, narrative) = check_body(&body, &month)?;
            let (report, action, before) = match &month.report {
                Some((stored, standing)) => {
                    standing.status.edit().map_err(refused)?;
                    let before = summary(stored);
                    let mut report = stored.clone();
                    report.figures = figures;
                    report.staffing = body.staffing;
                    report.narrative = narrative;
                    (report, "report.edited", Some(before))
                }
                None => {
                    let now = month.now;
                    let report = MonthlyReport {
                        id: 0,
                        contract_id: id,
                        period,
                        status: ReportStatus::Draft,
                        figures,
                        staffing: body.staffing,
                        narrative,
                        disputes: Vec::new(),
                        submissions: 0,
                        submitted_at: None,
                        answered_at: None,
                        created_at: now,
                        updated_at: now,
                    };
                    (report, "report.drafted", None)
                }
            };
            let saved = store::reports::save(conn, auth.tenant(), &report, None)?;
            audit(conn, auth, id, action, before, Some(summary(&saved)))?;
            Ok(report_view(&saved, &month))
        })
        .await?;
    Ok(web::Json(view))
}

/// One step of a report's review, by the caller.
fn step(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    period: Period,
    change: impl FnOnce(&Month, &mut MonthlyReport, ReportStatus) -> Result<&'static str, ApiError>,
) -> Result<ReportView, ApiError> {
    let month = month_of(conn, auth, id, period)?;
    let (stored, standing) = month.report.clone().ok_or(ApiError::NotFound)?;
    let mut report = stored.clone();
    let action = change(&month, &mut report, standing.status)?;
    // Who answered: the merchant's user who accepted or disputed it.
    let answered_by = report.answered_at.and(auth.user_id());
    let saved = store::reports::save(conn, auth.tenant(), &report, answered_by)?;
    audit(
        conn,
        auth,
        id,
        action,
        Some(summary(&stored)),
        Some(summary(&saved)),
    )?;
    Ok(report_view(&saved, &month))
}

macro_rules! report_step {
    ($name:ident, $path:literal, $doc_path:literal, $permission:expr, $doc:literal, $change:expr) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $doc_path, tag = "reports", security(("bearer" = [])),
            responses((status = 200, body = ReportView), (status = 401, body = Problem), (status = 403, body = Problem),
                (status = 404, body = Problem), (status = 409, body = Problem)))]
        #[post($path)]
        pub async fn $name(
            state: web::Data<AppState>,
            caller: Caller,
            path: web::Path<(i64, String)>,
        ) -> Result<web::Json<ReportView>, ApiError> {
            let (id, period) = path.into_inner();
            let (id, period) = (ContractId::new(id), parse_period(&period)?);
            let view = state
                .write(caller, $permission, move |conn, auth| {
                    step(conn, auth, id, period, $change)
                })
                .await?;
            Ok(web::Json(view))
        }
    };
}

report_step!(
    submit,
    "/contracts/{id}/reports/{period}/submit",
    "/api/v1/contracts/{id}/reports/{period}/submit",
    Permission::DraftReports,
    "Sends the report to the merchant, once the month is over; feed figures are summed afresh.",
    |month: &Month, report: &mut MonthlyReport, status: ReportStatus| {
        report.status = status.submit().map_err(refused)?;
        let today = month.contract.time_zone.today(month.now);
        if today <= month.period.last_day() {
            return Err(ApiError::conflict(
                "the month is not over yet: submit the report once it is",
            ));
        }
        report.figures = figures_of(month, &report.figures);
        if report.figures.is_empty() {
            return Err(ApiError::invalid(
                "figures",
                "the report has no figures: send the daily feed or enter them",
            ));
        }
        report.submissions += 1;
        report.submitted_at = Some(month.now);
        report.answered_at = None;
        Ok("report.submitted")
    }
);

report_step!(
    accept,
    "/contracts/{id}/reports/{period}/accept",
    "/api/v1/contracts/{id}/reports/{period}/accept",
    Permission::ReviewReports,
    "Accepts a submitted report: the month is billed on its figures.",
    |month: &Month, report: &mut MonthlyReport, status: ReportStatus| {
        report.status = status.accept().map_err(refused)?;
        report.answered_at = Some(month.now);
        report.disputes.clear();
        Ok("report.accepted")
    }
);

/// Contests figures of a submitted report, with a comment on each; the vendor
/// answers by editing and resubmitting.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/reports/{period}/dispute", tag = "reports",
    security(("bearer" = [])), request_body = DisputeBody,
    responses((status = 200, body = ReportView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/reports/{period}/dispute")]
pub async fn dispute(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, String)>,
    Json(body): Json<DisputeBody>,
) -> Result<web::Json<ReportView>, ApiError> {
    let (id, period) = path.into_inner();
    let (id, period) = (ContractId::new(id), parse_period(&period)?);
    let view = state
        .write(caller, Permission::ReviewReports, move |conn, auth| {
            step(conn, auth, id, period, move |month, report, status| {
                let next = status.dispute().map_err(refused)?;
                let mut errors = Violations::default();
                if body.comments.is_empty() {
                    errors.add("comments", "name at least one contested figure");
                }
                let mut comments = Vec::new();
                for (i, c) in body.comments.iter().enumerate() {
                    if !report.figures.iter().any(|f| f.metric == c.metric) {
                        errors.add(
                            format!("comments[{i}].metric"),
                            "is not a figure of the report",
                        );
                    } else if body.comments[..i].iter().any(|o| o.metric == c.metric) {
                        errors.add(format!("comments[{i}].metric"), "is named twice");
                    }
                    let comment = errors.check(
                        format!("comments[{i}].comment"),
                        parse_text(&c.comment, TEXT_MAX),
                    );
                    comments.extend(comment.map(|comment| DisputeComment {
                        metric: c.metric.clone(),
                        comment,
                    }));
                }
                let comments = errors.finish(|| Some(comments))?;
                report.status = next;
                report.disputes = comments;
                report.answered_at = Some(month.now);
                Ok("report.disputed")
            })
        })
        .await?;
    Ok(web::Json(view))
}
