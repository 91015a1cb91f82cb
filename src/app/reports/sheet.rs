//! What the report page shows and asks for: the report as it stands (if the
//! vendor has started it), and each metric of the month — summed from the
//! vendor's feed, or to be entered, whole or part by part.

use chrono::NaiveDate;

use super::views::{self, ReportView, split_of};
use crate::app::kpi::FigureView;
use crate::app::month;
use crate::app::{App, AppResult, Caller};
use crate::domain::kpi::{Gap, gap};
use crate::domain::metric::Metric;
use crate::domain::terms::KpiSource;
use crate::domain::{ContractId, Period, Permission};

#[derive(Debug)]
pub struct ReportSheet {
    pub report: Option<ReportView>,
    /// Whether the month is over: a report is submitted only then.
    pub month_over: bool,
    pub metrics: Vec<SheetMetric>,
    /// Percent of the merchant's figure within which a reported one is not flagged.
    pub tolerance: rust_decimal::Decimal,
}

#[derive(Debug)]
pub struct SheetMetric {
    pub metric: &'static Metric,
    /// The vendor's feed for the month, when it sends this metric daily:
    /// the report takes it as it is (correct the feed to change it).
    pub fed: Option<FigureView>,
    /// The parts the terms judge the month in; empty when judged whole.
    pub parts: Vec<(NaiveDate, NaiveDate)>,
    /// The merchant's own source (the shop platform's export) for the month.
    pub merchant: Option<FigureView>,
    /// How far the report's figure lies from the merchant's, when both have one.
    pub gap: Option<Gap>,
}

/// The report of contract `id`'s month `period`, and what it is made of.
pub async fn sheet(
    app: &App,
    caller: Caller,
    id: ContractId,
    period: Period,
) -> AppResult<ReportSheet> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let month = month::load(conn, auth, id, period)?;
        let digits = month.minor_digits();
        let tolerance = month.terms().commercial.discrepancy_tolerance;
        let reported = |code: &str| {
            let (report, _) = month.report.as_ref()?;
            let figure = report.figures.iter().find(|f| f.metric == code)?;
            let metric = Metric::find(code)?;
            figure.for_billing.value(metric, digits)
        };
        let metrics = month
            .figures
            .iter()
            .map(|f| {
                let merchant = f
                    .sources
                    .iter()
                    .find(|s| s.source == KpiSource::Merchant)
                    .map(|s| FigureView::of(s.for_billing, f.metric, digits));
                let gap = match (
                    reported(f.metric.code),
                    merchant.as_ref().and_then(|m| m.value),
                ) {
                    (Some(r), Some(m)) => Some(gap(r, m, tolerance)),
                    _ => None,
                };
                SheetMetric {
                    metric: f.metric,
                    fed: f
                        .sources
                        .iter()
                        .find(|s| s.source == KpiSource::Vendor)
                        .map(|s| FigureView::of(s.for_billing, f.metric, digits)),
                    parts: split_of(&month, f.metric.code),
                    merchant,
                    gap,
                }
            })
            .collect();
        let report = month.report.as_ref().map(|(r, _)| views::view(r, &month));
        Ok(ReportSheet {
            report,
            month_over: super::month_is_over(&month),
            metrics,
            tolerance,
        })
    })
    .await
}
