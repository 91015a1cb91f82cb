//! A contract's month: a daily chart per metric against its target (and a
//! peak-season target where one holds), excluded days shaded, and the
//! figures table — for SLA and for billing, each source, discrepancies.

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::error::WebError;
use super::format::{figure, term};
use super::signed_in::SignedIn;
use crate::app::kpi::in_full::{MonthInFull, Target, month_in_full};
use crate::app::kpi::views::{FigureView, MetricView};
use crate::catalogue::Language;
use crate::domain::metric::{Metric, Unit};
use crate::domain::{ContractId, Period};

#[derive(Serialize)]
struct MonthPage {
    id: i64,
    number: String,
    title: String,
    period: String,
    /// The months beside it, where the contract runs in them.
    previous: Option<String>,
    next: Option<String>,
    excluded: Vec<String>,
    report: Option<String>,
    metrics: Vec<MetricBlock>,
}

#[derive(Serialize)]
struct MetricBlock {
    code: &'static str,
    name: &'static str,
    /// What the month stands on, in a sentence.
    stands_on: String,
    for_sla: String,
    for_billing: String,
    disputed: bool,
    targets: Vec<String>,
    sources: Vec<SourceRow>,
    discrepancies: Vec<String>,
    /// What the chart script draws, as JSON.
    chart: String,
}

#[derive(Serialize)]
struct SourceRow {
    source: String,
    for_sla: String,
    for_billing: String,
    missing: String,
}

/// `/contracts/{id}/months/{period}`, the period as `YYYY-MM`.
#[get("/contracts/{id}/months/{period}")]
pub async fn show(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let Some((id, period)) = contract_month(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let language = signed.visitor.language;
    let data = async {
        let month = month_in_full(signed.app(), signed.caller(), id, period).await?;
        Ok(month_page(month, period, language))
    };
    signed.show("month", "month-title", data).await
}

/// A contract id and a period from a page address; `None` for anything else.
pub fn contract_month(path: &(String, String)) -> Option<(ContractId, Period)> {
    let id = path.0.parse::<i64>().ok().filter(|id| *id > 0)?;
    let period = path.1.parse::<Period>().ok()?;
    Some((ContractId::new(id), period))
}

/// `period` when the contract runs in it, for a link to it.
fn within(month: &MonthInFull, period: Period) -> Option<String> {
    let contract = &month.contract;
    period
        .clip(contract.start, contract.end)
        .map(|_| period.to_string())
}

fn month_page(month: MonthInFull, period: Period, language: Language) -> MonthPage {
    let figures = &month.figures;
    let days: Vec<NaiveDate> = figures
        .from
        .iter_days()
        .take_while(|d| *d <= figures.to)
        .collect();
    MonthPage {
        id: month.contract.id,
        number: month.contract.number.clone(),
        title: month.contract.title.clone(),
        period: period.to_string(),
        previous: within(&month, period.previous()),
        next: within(&month, period.next()),
        excluded: figures
            .excluded_days
            .iter()
            .map(ToString::to_string)
            .collect(),
        report: figures
            .report
            .as_ref()
            .map(|r| language.text(&format!("report-badge-{}", r.status.as_str()), &[])),
        metrics: figures
            .metrics
            .iter()
            .filter_map(|m| {
                let metric = Metric::find(m.metric)?;
                Some(metric_block(&month, m, metric, &days, language))
            })
            .collect(),
    }
}

fn metric_block(
    month: &MonthInFull,
    view: &MetricView,
    metric: &'static Metric,
    days: &[NaiveDate],
    language: Language,
) -> MetricBlock {
    let shown = |f: &Option<FigureView>| {
        f.as_ref().and_then(|f| f.value).map_or_else(
            || language.text("no-figure", &[]),
            |v| figure(v, metric, language),
        )
    };
    let source_name =
        |s: crate::domain::terms::KpiSource| language.text(&format!("source-{}", s.as_str()), &[]);
    let targets: Vec<&Target> = month
        .targets
        .iter()
        .filter(|t| t.metric == metric.code)
        .collect();
    MetricBlock {
        code: metric.code,
        name: language.metric_name(metric),
        stands_on: {
            let basis = language.text(&format!("basis-{}", basis_id(view)), &[]);
            match view.prevailing_source {
                Some(source) => language.text(
                    "month-stands-on-source",
                    &[("basis", basis), ("source", source_name(source))],
                ),
                None => language.text("month-stands-on", &[("basis", basis)]),
            }
        },
        for_sla: shown(&view.for_sla),
        for_billing: shown(&view.for_billing),
        disputed: view.disputed,
        targets: targets
            .iter()
            .flat_map(|t| {
                let base = language.text(
                    "target-of-clause",
                    &[
                        ("clause", t.clause.clone()),
                        ("target", term(t.target, metric, language)),
                    ],
                );
                std::iter::once(base).chain(t.overrides.iter().map(|(label, from, to, target)| {
                    language.text(
                        "target-override",
                        &[
                            ("label", label.clone()),
                            ("from", from.to_string()),
                            ("to", to.to_string()),
                            ("target", term(*target, metric, language)),
                        ],
                    )
                }))
            })
            .collect(),
        sources: view
            .sources
            .iter()
            .map(|s| SourceRow {
                source: source_name(s.source),
                for_sla: s
                    .for_sla
                    .value
                    .map_or_else(String::new, |v| figure(v, metric, language)),
                for_billing: s
                    .for_billing
                    .value
                    .map_or_else(String::new, |v| figure(v, metric, language)),
                missing: if s.days_missing.is_empty() {
                    String::new()
                } else {
                    language.text(
                        "days-missing",
                        &[("count", s.days_missing.len().to_string())],
                    )
                },
            })
            .collect(),
        discrepancies: view
            .discrepancies
            .iter()
            .filter(|d| d.exceeds_tolerance)
            .map(|d| {
                language.text(
                    "discrepancy",
                    &[
                        ("source", source_name(d.source)),
                        (
                            "percent",
                            d.percent.map_or_else(String::new, |p| {
                                p.round_dp(2).normalize().to_string()
                            }),
                        ),
                        ("days", d.days_compared.to_string()),
                    ],
                )
            })
            .collect(),
        chart: chart(month, metric, targets.first().copied(), days, language),
    }
}

fn basis_id(view: &MetricView) -> &'static str {
    match view.basis {
        crate::domain::billing::Basis::Report => "report",
        crate::domain::billing::Basis::Feed => "feed",
        crate::domain::billing::Basis::None => "none",
        crate::domain::billing::Basis::Hypothetical => "hypothetical",
    }
}

/// The chart's data: the days, a line per source, the target day by day,
/// the excluded days.
#[derive(Serialize)]
struct Chart {
    days: Vec<String>,
    series: Vec<Series>,
    target: Vec<Option<String>>,
    target_name: String,
    excluded: Vec<String>,
    unit: String,
}

#[derive(Serialize)]
struct Series {
    name: String,
    values: Vec<Option<String>>,
}

fn chart(
    month: &MonthInFull,
    metric: &Metric,
    target: Option<&Target>,
    days: &[NaiveDate],
    language: Language,
) -> String {
    let mut by_source: BTreeMap<&'static str, BTreeMap<NaiveDate, Decimal>> = BTreeMap::new();
    for day in month.days.iter().filter(|d| d.metric == metric.code) {
        if let Some(value) = day.value {
            by_source
                .entry(day.source.as_str())
                .or_default()
                .insert(day.day, value);
        }
    }
    // Each point at the places the metric is shown with, the target as written.
    let text = |v: Decimal| metric.shown_measure(v, &[]).to_string();
    let chart = Chart {
        days: days.iter().map(|d| d.format("%m-%d").to_string()).collect(),
        series: by_source
            .into_iter()
            .map(|(source, values)| Series {
                name: language.text(&format!("source-{source}"), &[]),
                values: days
                    .iter()
                    .map(|d| values.get(d).map(|v| text(*v)))
                    .collect(),
            })
            .collect(),
        target: days
            .iter()
            .map(|day| {
                target.map(|t| {
                    let over = t
                        .overrides
                        .iter()
                        .find(|(_, from, to, _)| from <= day && day <= to);
                    metric
                        .shown_term(over.map_or(t.target, |o| o.3))
                        .to_string()
                })
            })
            .collect(),
        target_name: language.text("target", &[]),
        excluded: month
            .figures
            .excluded_days
            .iter()
            .map(|d| d.format("%m-%d").to_string())
            .collect(),
        unit: match metric.unit {
            Unit::Percent => "%".into(),
            Unit::Seconds => language.text("unit-seconds", &[]),
            _ => String::new(),
        },
    };
    // Inside a <script> element: no `<` may close it early.
    serde_json::to_string(&chart)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}
