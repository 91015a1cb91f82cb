//! The merchant's dashboards: the tenant's on `/home` (each running
//! contract's month, penalties and bonuses by vendor and month, late
//! escalations) and one contract's on `/contracts/{id}/dashboard` (each
//! metric's monthly trend against its target, penalties and bonuses per
//! month, the days the two sources differ). Charts are drawn by the page
//! script from JSON; a table beside each says the same without it.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, web};
use rust_decimal::Decimal;
use serde::Serialize;

use super::contract_row::{ContractRow, contract_row, standing_id};
use super::error::WebError;
use super::format::{figure, measured, money, term};
use super::shown::{local_time, word};
use super::signed_in::SignedIn;
use super::watch::ContractHead;
use crate::app::contracts::{self, ContractQuery};
use crate::app::dashboards::contract::{ContractDashboard, MetricTrend};
use crate::app::dashboards::tenant::TenantDashboard;
use crate::app::dashboards::{self, MoneySource, MonthMoney, overall};
use crate::app::session::MeView;
use crate::catalogue::Language;
use crate::domain::incident::Timeliness;
use crate::domain::metric::{Metric, Unit};
use crate::domain::{ContractId, Currency};
use crate::store::Page;

#[derive(Serialize)]
struct TenantPage {
    months: Vec<MonthRow>,
    periods: Vec<String>,
    vendors: Vec<VendorBlock>,
    late: Vec<LateRow>,
    contracts: Vec<ContractRow>,
}

#[derive(Serialize)]
struct MonthRow {
    id: i64,
    number: String,
    title: String,
    period: String,
    standing: &'static str,
    standing_text: String,
    /// The clauses not on track, in words.
    trouble: Vec<String>,
    penalties: String,
    bonuses: String,
    total: String,
    report_due: Option<String>,
    report_period: String,
    /// Last month as its invoice has it: `breached` or `met`, and in words.
    last_month: Option<(String, &'static str, String)>,
}

#[derive(Serialize)]
struct VendorBlock {
    name: String,
    months: Vec<MoneyRow>,
    penalties: String,
    bonuses: String,
}

#[derive(Serialize)]
struct MoneyRow {
    period: String,
    penalties: String,
    bonuses: String,
    source: String,
    so_far: bool,
}

#[derive(Serialize)]
struct LateRow {
    contract_id: i64,
    number: String,
    severity: String,
    occurred_at: String,
    escalation: String,
    timeliness: &'static str,
    timeliness_text: String,
    cost: String,
}

/// The tenant's dashboard, the merchant's people's home.
pub async fn tenant(signed: &SignedIn, me: &MeView) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let everything = ContractQuery {
        status: None,
        vendor_id: None,
    };
    let page = Page {
        after: None,
        limit: Page::MAX_LIMIT,
    };
    let (dashboard, contracts) = tokio::try_join!(
        dashboards::tenant::dashboard(signed.app(), signed.caller()),
        contracts::list(signed.app(), signed.caller(), everything, page),
    )
    .map_err(|e| signed.fail(e))?;
    let data = tenant_page(dashboard, language, contracts);
    signed.render_for(me, StatusCode::OK, "dashboard", "home-title", &data)
}

fn source_text(money: &MonthMoney, language: Language) -> String {
    match money.source {
        MoneySource::Invoice(status) => {
            let state = word(language, "invoice-badge", status.as_str());
            language.text("watch-from-invoice", &[("status", state)])
        }
        MoneySource::SoFar => language.text("watch-so-far", &[]),
    }
}

fn money_row(m: &MonthMoney, currency: Currency, language: Language) -> MoneyRow {
    let (code, digits) = (currency.code(), currency.minor_digits());
    MoneyRow {
        period: m.period.to_string(),
        penalties: money(m.penalties, code, digits),
        bonuses: money(m.bonuses, code, digits),
        source: source_text(m, language),
        so_far: m.source == MoneySource::SoFar,
    }
}

fn tenant_page(
    dashboard: TenantDashboard,
    language: Language,
    contracts: Vec<crate::app::contracts::ContractView>,
) -> TenantPage {
    TenantPage {
        months: dashboard
            .months
            .iter()
            .map(|m| {
                let currency = m.contract.currency;
                let (code, digits) = (currency.code(), currency.minor_digits());
                let standing = standing_id(overall(m.clauses.iter().map(|c| c.standing)));
                MonthRow {
                    id: m.contract.id.get(),
                    number: m.contract.number.clone(),
                    title: m.contract.title.clone(),
                    period: m.period.to_string(),
                    standing,
                    standing_text: language.text(&format!("standing-{standing}"), &[]),
                    trouble: m
                        .clauses
                        .iter()
                        .filter(|c| {
                            matches!(
                                c.standing,
                                crate::domain::standing::Standing::Breached
                                    | crate::domain::standing::Standing::AtRisk
                            )
                        })
                        .map(|c| {
                            language.text(
                                "watch-clause-standing",
                                &[
                                    ("clause", c.clause.spec.name.clone()),
                                    (
                                        "value",
                                        c.value.map_or_else(String::new, |v| {
                                            measured(v, c.metric, &[c.target], language)
                                        }),
                                    ),
                                    ("target", term(c.target, c.metric, language)),
                                    (
                                        "standing",
                                        language.text(
                                            &format!("standing-{}", standing_id(c.standing)),
                                            &[],
                                        ),
                                    ),
                                ],
                            )
                        })
                        .collect(),
                    penalties: money(m.draft.penalties, code, digits),
                    bonuses: money(m.draft.bonuses, code, digits),
                    total: money(m.draft.total, code, digits),
                    report_due: m.report_due.as_ref().map(|due| {
                        let status = due.status.map_or("not-started", |s| s.as_str());
                        language.text(
                            &format!("report-due-{status}"),
                            &[("period", due.period.to_string())],
                        )
                    }),
                    report_period: m
                        .report_due
                        .as_ref()
                        .map_or_else(String::new, |due| due.period.to_string()),
                    last_month: dashboard.last_month.get(&m.contract.id).map(
                        |(period, breached)| {
                            let id = if *breached { "breached" } else { "met" };
                            (
                                period.to_string(),
                                id,
                                language.text(&format!("watch-last-month-{id}"), &[]),
                            )
                        },
                    ),
                }
            })
            .collect(),
        periods: dashboard.periods.iter().map(ToString::to_string).collect(),
        vendors: dashboard
            .vendors
            .iter()
            .map(|v| {
                let (code, digits) = (v.currency.code(), v.currency.minor_digits());
                let sum = |f: fn(&MonthMoney) -> Decimal| v.months.iter().map(f).sum::<Decimal>();
                VendorBlock {
                    name: v.name.clone(),
                    months: v
                        .months
                        .iter()
                        .rev()
                        .map(|m| money_row(m, v.currency, language))
                        .collect(),
                    penalties: money(sum(|m| m.penalties), code, digits),
                    bonuses: money(sum(|m| m.bonuses), code, digits),
                }
            })
            .collect(),
        late: dashboard
            .late
            .iter()
            .map(|(contract, l)| {
                let timeliness = match l.timeliness {
                    Timeliness::Overdue => "overdue",
                    _ => "late",
                };
                LateRow {
                    contract_id: contract.id.get(),
                    number: contract.number.clone(),
                    severity: word(language, "severity", l.incident.severity.as_str()),
                    occurred_at: local_time(l.incident.occurred_at),
                    escalation: match l.minutes_to_escalation {
                        Some(minutes) => language.text(
                            "watch-escalated-after-of",
                            &[
                                ("minutes", minutes.to_string()),
                                ("deadline", l.deadline_minutes.to_string()),
                            ],
                        ),
                        None => language.text(
                            "watch-not-escalated-of",
                            &[("deadline", l.deadline_minutes.to_string())],
                        ),
                    },
                    timeliness,
                    timeliness_text: word(language, "watch-timeliness", timeliness),
                    cost: money(
                        l.cost,
                        contract.currency.code(),
                        contract.currency.minor_digits(),
                    ),
                }
            })
            .collect(),
        contracts: contracts
            .into_iter()
            .map(|c| contract_row(c, language))
            .collect(),
    }
}

#[derive(Serialize)]
struct ContractPage {
    contract: ContractHead,
    periods: String,
    trends: Vec<TrendBlock>,
    money: Vec<MoneyRow>,
    money_chart: String,
    differences: Vec<DifferenceRow>,
    tolerance: String,
    differences_max: usize,
}

#[derive(Serialize)]
struct TrendBlock {
    code: &'static str,
    clause: String,
    name: &'static str,
    chart: String,
    rows: Vec<TrendRow>,
}

#[derive(Serialize)]
struct TrendRow {
    period: String,
    value: String,
    target: String,
    short: bool,
}

#[derive(Serialize)]
struct DifferenceRow {
    day: String,
    metric: &'static str,
    vendor: String,
    merchant: String,
    percent: String,
    within: bool,
}

#[get("/contracts/{id}/dashboard")]
pub async fn contract_dashboard(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let Some(id) = path
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(ContractId::new)
    else {
        return Ok(super::error::not_found_page(&req));
    };
    let language = signed.visitor.language;
    let data = async {
        let dashboard = dashboards::contract::dashboard(signed.app(), signed.caller(), id).await?;
        Ok(contract_page(dashboard, language))
    };
    signed
        .show("contract_dashboard", "watch-contract-dashboard-title", data)
        .await
}

fn contract_page(d: ContractDashboard, language: Language) -> ContractPage {
    let currency = d.contract.currency;
    let periods: Vec<String> = d.periods.iter().map(ToString::to_string).collect();
    let money_chart = chart(&Chart {
        days: periods.clone(),
        series: vec![
            Series {
                name: language.text("penalties", &[]),
                values: d
                    .money
                    .iter()
                    .map(|m| Some(m.penalties.abs().normalize().to_string()))
                    .collect(),
            },
            Series {
                name: language.text("bonuses", &[]),
                values: d
                    .money
                    .iter()
                    .map(|m| Some(m.bonuses.normalize().to_string()))
                    .collect(),
            },
        ],
        target: periods.iter().map(|_| None).collect(),
        target_name: language.text("target", &[]),
        excluded: Vec::new(),
        unit: currency.code().to_owned(),
        points: true,
        bars: true,
    });
    ContractPage {
        contract: ContractHead::of_contract(&d.contract, "dashboard"),
        periods: match (periods.first(), periods.last()) {
            (Some(first), Some(last)) => language.text(
                "watch-months-span",
                &[("from", first.clone()), ("to", last.clone())],
            ),
            _ => String::new(),
        },
        trends: d
            .trends
            .iter()
            .map(|t| trend_block(t, &periods, language))
            .collect(),
        money: d
            .money
            .iter()
            .rev()
            .map(|m| money_row(m, currency, language))
            .collect(),
        money_chart,
        differences: d
            .differences
            .iter()
            .map(|x| DifferenceRow {
                day: x.day.to_string(),
                metric: language.metric_name(x.metric),
                vendor: figure(x.vendor, x.metric, language),
                merchant: figure(x.merchant, x.metric, language),
                percent: x
                    .gap
                    .percent
                    .map_or_else(String::new, |p| format!("{}%", p.normalize())),
                within: x.gap.within_tolerance,
            })
            .collect(),
        tolerance: format!("{}%", d.tolerance.normalize()),
        differences_max: dashboards::contract::DIFFERENCES_MAX,
    }
}

fn trend_block(t: &MetricTrend, periods: &[String], language: Language) -> TrendBlock {
    let metric: &Metric = t.metric;
    let text = |v: Decimal| metric.shown_measure(v, &[]).to_string();
    TrendBlock {
        code: metric.code,
        clause: t.clause.clone(),
        name: language.metric_name(metric),
        chart: chart(&Chart {
            days: periods.to_vec(),
            series: vec![Series {
                name: language.text("watch-actual", &[]),
                values: t.points.iter().map(|p| p.value.map(text)).collect(),
            }],
            target: t
                .points
                .iter()
                .map(|p| p.target.map(|v| metric.shown_term(v).to_string()))
                .collect(),
            target_name: language.text("target", &[]),
            excluded: Vec::new(),
            unit: match metric.unit {
                Unit::Percent => "%".into(),
                Unit::Seconds => language.text("unit-seconds", &[]),
                _ => String::new(),
            },
            points: true,
            bars: false,
        }),
        rows: t
            .points
            .iter()
            .rev()
            .map(|p| TrendRow {
                period: p.period.to_string(),
                value: p.value.map_or_else(
                    || language.text("no-figure", &[]),
                    |v| measured(v, metric, p.target.as_slice(), language),
                ),
                target: p
                    .target
                    .map_or_else(String::new, |v| term(v, metric, language)),
                short: p.short,
            })
            .collect(),
    }
}

/// What the chart script draws (the month page's shape): the months, a
/// line per series, the target month by month.
#[derive(Serialize)]
struct Chart {
    days: Vec<String>,
    series: Vec<Series>,
    target: Vec<Option<String>>,
    target_name: String,
    excluded: Vec<String>,
    unit: String,
    /// A mark at each point: months are few, a lone one must show.
    points: bool,
    /// Bars rather than lines.
    bars: bool,
}

#[derive(Serialize)]
struct Series {
    name: String,
    values: Vec<Option<String>>,
}

fn chart(chart: &Chart) -> String {
    // Inside a <script> element: no `<` may close it early.
    serde_json::to_string(chart)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}
