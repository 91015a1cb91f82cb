//! A monthly report as the API shows it: where it stands, its figures (part
//! by part where the terms cut the month), and the parts a report must give.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::app::kpi::FigureView;
use crate::app::month::{self, Month};
use crate::domain::Period;
use crate::domain::kpi::Sums;
use crate::domain::metric::Metric;
use crate::domain::report::{
    DisputeComment, FigureOrigin, MonthlyReport, Narrative, ReportStatus, Staffing, segments,
};

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

/// The view of a report of `month`.
pub fn view(report: &MonthlyReport, month: &Month) -> ReportView {
    let standing = report.status_at(
        month.now,
        month.terms().commercial.report_deemed_accepted_after_days,
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
    month::referenced_metrics(month.terms())
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

/// The parts the terms cut a metric's month in; none when it is judged whole.
pub(super) fn split_of(month: &Month, metric: &str) -> Vec<(NaiveDate, NaiveDate)> {
    segments::split(month.terms(), metric, month.window.from, month.window.to)
}
