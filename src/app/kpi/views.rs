//! A month's figures: per metric, per source, for SLA and for billing, what
//! prevails and why, discrepancies, missing days, and the month's incidents.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::incidents::IncidentView;
use crate::app::month::{self, Basis, Month};
use crate::app::{App, AppResult, Caller};
use crate::domain::kpi::{MetricFigures, Sums};
use crate::domain::metric::{Direction, Metric, Unit};
use crate::domain::report::ReportStatus;
use crate::domain::terms::KpiSource;
use crate::domain::{ContractId, Period, Permission, decimal};

/// A figure: the exact components and the value they give.
#[derive(Debug, Serialize, ToSchema)]
pub struct FigureView {
    /// Σnumerator ÷ Σdenominator in the metric's unit, to six places; absent without a sample.
    #[serde(with = "decimal::option")]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub value: Option<rust_decimal::Decimal>,
    pub numerator: i64,
    pub denominator: i64,
    /// Observations behind the value: the denominator, or days for a metric counted per day.
    pub sample: i64,
    pub days: u32,
}

impl FigureView {
    pub fn of(sums: Sums, metric: &Metric, minor_digits: u32) -> Self {
        FigureView {
            value: sums.value(metric, minor_digits),
            numerator: sums.numerator,
            denominator: sums.denominator,
            sample: sums.sample(metric),
            days: sums.days,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SourceView {
    pub source: KpiSource,
    /// Exclusion days removed.
    pub for_sla: FigureView,
    /// Every day.
    pub for_billing: FigureView,
    /// Days that are over and have no row from this source.
    pub days_missing: Vec<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DiscrepancyView {
    /// The source compared with the prevailing one.
    pub source: KpiSource,
    /// Days both sent, over which they are compared.
    pub days_compared: u32,
    #[serde(with = "decimal::option")]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub prevailing_value: Option<rust_decimal::Decimal>,
    #[serde(with = "decimal::option")]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub other_value: Option<rust_decimal::Decimal>,
    /// The difference in percent of the prevailing value.
    #[serde(with = "decimal::option")]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub percent: Option<rust_decimal::Decimal>,
    pub exceeds_tolerance: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MetricView {
    pub metric: &'static str,
    pub unit: Unit,
    pub direction: Direction,
    /// What the month stands on: the accepted report, the prevailing feed, or nothing.
    pub basis: Basis,
    /// The figure SLA clauses are measured on.
    pub for_sla: Option<FigureView>,
    /// The figure volume is billed on.
    pub for_billing: Option<FigureView>,
    /// Whose feed prevails for this metric.
    pub prevailing_source: Option<KpiSource>,
    pub sources: Vec<SourceView>,
    pub discrepancies: Vec<DiscrepancyView>,
    /// The merchant contests this figure in the month's report.
    pub disputed: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportStanding {
    pub status: ReportStatus,
    /// Accepted because the merchant did not answer in time.
    pub deemed: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PeriodView {
    pub contract_id: i64,
    #[schema(value_type = String)]
    pub period: Period,
    /// The month's days within the contract.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The contract's prevailing source.
    pub kpi_source: KpiSource,
    /// Percent beyond which sources' figures are flagged.
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub discrepancy_tolerance: rust_decimal::Decimal,
    /// Days of exclusion windows: out of SLA figures, in billing figures.
    pub excluded_days: Vec<NaiveDate>,
    pub report: Option<ReportStanding>,
    pub metrics: Vec<MetricView>,
    pub incidents: Vec<IncidentView>,
}

/// A month's figures: per metric, per source, for SLA and for billing, what
/// prevails and why, discrepancies, missing days, and the month's incidents.
pub async fn month(
    app: &App,
    caller: Caller,
    id: ContractId,
    period: Period,
) -> AppResult<PeriodView> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        Ok(period_view(&month::load(conn, auth, id, period)?))
    })
    .await
}

fn metric_view(month: &Month, figures: &MetricFigures) -> MetricView {
    let metric = figures.metric;
    let digits = month.minor_digits();
    let chosen = month.chosen(figures);
    let disputed = month.report.as_ref().is_some_and(|(r, s)| {
        s.status == ReportStatus::Disputed && r.disputes.iter().any(|d| d.metric == metric.code)
    });
    MetricView {
        metric: metric.code,
        unit: metric.unit,
        direction: metric.direction,
        basis: chosen.basis,
        for_sla: chosen.for_sla.map(|s| FigureView::of(s, metric, digits)),
        for_billing: chosen
            .for_billing
            .map(|s| FigureView::of(s, metric, digits)),
        prevailing_source: figures.prevailing,
        sources: figures
            .sources
            .iter()
            .map(|s| SourceView {
                source: s.source,
                for_sla: FigureView::of(s.for_sla, metric, digits),
                for_billing: FigureView::of(s.for_billing, metric, digits),
                days_missing: s.days_missing.clone(),
            })
            .collect(),
        discrepancies: figures
            .discrepancies
            .iter()
            .map(|d| DiscrepancyView {
                source: d.source,
                days_compared: d.days_compared,
                prevailing_value: d.prevailing_value,
                other_value: d.other_value,
                percent: d.percent,
                exceeds_tolerance: d.exceeds_tolerance,
            })
            .collect(),
        disputed,
    }
}

/// The view of a month's figures.
pub fn period_view(month: &Month) -> PeriodView {
    PeriodView {
        contract_id: month.contract.id.get(),
        period: month.period,
        from: month.window.from,
        to: month.window.to,
        kpi_source: month.terms().commercial.kpi_source,
        discrepancy_tolerance: month.terms().commercial.discrepancy_tolerance,
        excluded_days: month.window.excluded.iter().copied().collect(),
        report: month.report.as_ref().map(|(_, s)| ReportStanding {
            status: s.status,
            deemed: s.deemed,
        }),
        metrics: month
            .figures
            .iter()
            .map(|f| metric_view(month, f))
            .collect(),
        incidents: month
            .incidents
            .iter()
            .map(|(incident, duties)| IncidentView::of(incident, duties, month.now))
            .collect(),
    }
}
