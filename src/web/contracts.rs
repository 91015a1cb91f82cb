//! The tenant's contracts: the list (a vendor's user sees its own), a new
//! draft, and each contract's overview — its parties, its terms in short,
//! whether an amendment is open, and links to every page of the contract.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Utc;
use serde::Serialize;

use super::error::WebError;
use super::shown::money;
use super::signed_in::SignedIn;
use super::terms_form::{Choice, Field, Posted, Refusal, refused};
use crate::app::contracts::create::NewContractBody;
use crate::app::contracts::overview::{ContractOverview, Writing, overview};
use crate::app::contracts::{self, ContractQuery, ContractView};
use crate::app::shops::ShopQuery;
use crate::app::vendors::VendorQuery;
use crate::app::{AppError, AppResult, shops, vendors};
use crate::catalogue::Language;
use crate::domain::metric::Metric;
use crate::domain::terms::{ChargeSpec, Terms, TierBy};
use crate::domain::violation::Violations;
use crate::domain::{ContractId, Period, Permission, TimeZone, VendorStatus};
use crate::store::Page;

/// The contract an address names, if it names one.
pub fn contract_id(raw: &str) -> Option<ContractId> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(ContractId::new)
}

#[derive(Serialize)]
struct ContractsPage {
    contracts: Vec<ContractRow>,
    may_write: bool,
    vendors: Vec<Choice>,
    shops: Vec<Choice>,
    form: NewForm,
    refusal: Refusal,
}

#[derive(Serialize)]
struct ContractRow {
    id: i64,
    number: String,
    title: String,
    vendor: String,
    status: &'static str,
    status_word: String,
    start: String,
    end: String,
}

#[derive(Serialize)]
struct NewForm {
    number: Field,
    title: Field,
    vendor_id: Field,
    shop_ids: Field,
    start: Field,
    end: Field,
    currency: Field,
    time_zone: Field,
}

const ALL: Page = Page {
    after: None,
    limit: Page::MAX_LIMIT,
};

#[get("/contracts")]
pub async fn list(signed: SignedIn) -> Result<HttpResponse, WebError> {
    let posted = Posted(vec![
        ("currency".into(), "CNY".into()),
        ("time_zone".into(), TimeZone::SHANGHAI.name().into()),
    ]);
    contracts_page(&signed, &posted, Refusal::default(), StatusCode::OK).await
}

/// Writes a new draft contract and shows it.
#[post("/contracts")]
pub async fn create(
    signed: SignedIn,
    req: HttpRequest,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let posted = Posted(form.into_inner());
    signed.check_form(&req, posted.csrf())?;
    let language = signed.visitor.language;
    let outcome = match new_contract(&posted) {
        Ok(body) => contracts::create::create(signed.app(), signed.caller(), body).await,
        Err(v) => Err(AppError::Invalid(v)),
    };
    match outcome {
        Ok(view) => Ok(super::sign_in::see_other(&format!(
            "/contracts/{}",
            view.id
        ))),
        Err(error) => {
            let (status, mut refusal) =
                refused(language, error, &[]).map_err(|e| signed.fail(e))?;
            // `shop_ids[1]` is a rule of the shops chosen.
            let fields = std::mem::take(&mut refusal.fields);
            for (field, text) in fields {
                let field = if field.starts_with("shop_ids") {
                    "shop_ids".to_owned()
                } else {
                    field
                };
                refusal.fields.entry(field).or_insert(text);
            }
            contracts_page(&signed, &posted, refusal, status).await
        }
    }
}

fn new_contract(posted: &Posted) -> Result<NewContractBody, Violations> {
    let mut v = Violations::default();
    let vendor = posted.text("vendor_id").parse::<i64>().ok();
    if vendor.is_none() {
        v.add(
            "vendor_id",
            crate::domain::message::msg!("terms-error-choose"),
        );
    }
    let shop_ids: Vec<i64> = posted
        .values("shop_ids")
        .iter()
        .filter_map(|s| {
            let id = s.trim().parse().ok();
            if id.is_none() {
                v.add(
                    "shop_ids",
                    crate::domain::message::msg!("terms-error-choose"),
                );
            }
            id
        })
        .collect();
    let start = posted.date("start", &mut v);
    let end = posted.date("end", &mut v);
    let optional = |name: &str| {
        let text = posted.text(name);
        (!text.is_empty()).then(|| text.to_owned())
    };
    v.finish(|| {
        Some(NewContractBody {
            number: posted.raw("number").to_owned(),
            title: posted.raw("title").to_owned(),
            vendor_id: vendor?,
            shop_ids,
            start: start?,
            end: end?,
            currency: optional("currency"),
            time_zone: optional("time_zone"),
            commercial: None,
        })
    })
}

async fn contracts_page(
    signed: &SignedIn,
    posted: &Posted,
    mut refusal: Refusal,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let (app, language) = (signed.app(), signed.visitor.language);
    let all = ContractQuery {
        status: None,
        vendor_id: None,
    };
    let (me, listed, known) = tokio::try_join!(
        signed.me(),
        contracts::list(app, signed.caller(), all, ALL),
        vendors::list(app, signed.caller(), VendorQuery { status: None }, ALL),
    )
    .map_err(|e| signed.fail(e))?;
    let may_write = me.role.may(Permission::WriteContracts);
    let shop_list = if may_write {
        shops::list(app, signed.caller(), ShopQuery { platform: None }, ALL)
            .await
            .map_err(|e| signed.fail(e))?
    } else {
        Vec::new()
    };
    let vendor_name = |id: i64| {
        known
            .iter()
            .find(|v| v.id == id)
            .map_or_else(String::new, |v| v.legal_name.clone())
    };
    let chosen_shops = posted.values("shop_ids");
    let page = ContractsPage {
        contracts: listed
            .into_iter()
            .map(|c: ContractView| ContractRow {
                vendor: vendor_name(c.vendor_id),
                status: c.status.as_str(),
                status_word: status_word(language, c.status.as_str()),
                id: c.id,
                number: c.number,
                title: c.title,
                start: c.start.to_string(),
                end: c.end.to_string(),
            })
            .collect(),
        may_write,
        vendors: known
            .iter()
            .filter(|v| v.status == VendorStatus::Active)
            .map(|v| Choice {
                value: v.id.to_string(),
                text: v.legal_name.clone(),
                selected: posted.text("vendor_id") == v.id.to_string(),
            })
            .collect(),
        shops: shop_list
            .iter()
            .map(|s| Choice {
                value: s.id.to_string(),
                text: s.name.clone(),
                selected: chosen_shops.contains(&s.id.to_string().as_str()),
            })
            .collect(),
        form: NewForm {
            number: Field::new("number", posted.raw("number"), &mut refusal),
            title: Field::new("title", posted.raw("title"), &mut refusal),
            vendor_id: Field::new("vendor_id", posted.raw("vendor_id"), &mut refusal),
            shop_ids: Field::new("shop_ids", "", &mut refusal),
            start: Field::new("start", posted.raw("start"), &mut refusal),
            end: Field::new("end", posted.raw("end"), &mut refusal),
            currency: Field::new("currency", posted.raw("currency"), &mut refusal),
            time_zone: Field::new("time_zone", posted.raw("time_zone"), &mut refusal),
        },
        refusal: {
            refusal.settle();
            refusal
        },
    };
    signed.render_for(
        &me,
        status,
        "terms_contracts",
        "terms-contracts-title",
        &page,
    )
}

pub fn status_word(language: Language, status: &str) -> String {
    language.text(&format!("contract-status-{status}"), &[])
}

#[derive(Serialize)]
struct OverviewPage {
    #[serde(flatten)]
    head: Head,
    saved: bool,
    refusal: Refusal,
    shops: String,
    start: String,
    end: String,
    currency: String,
    time_zone: String,
    period: String,
    charges: Vec<Line>,
    clauses: Vec<Line>,
    phases: Vec<Line>,
    liability: Vec<String>,
    commercial: Vec<String>,
}

/// What every page of a contract's terms shows at its head.
#[derive(Serialize)]
pub struct Head {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub vendor: String,
    pub status: &'static str,
    pub status_word: String,
    /// Edits would be taken now.
    pub open: bool,
    pub draft: bool,
    /// The open amendment, in words.
    pub amendment: Option<String>,
    /// Signed with no amendment open: the sentence with its link.
    pub signed: bool,
    pub closed: bool,
    /// The person may write contracts (and the terms are open).
    pub may_write: bool,
    /// The page shown: `overview`, or the part of the terms (`commercial`, `charges` …).
    pub tab: String,
}

impl Head {
    /// The head of the page `tab` (`overview`, `commercial`, `charges` …).
    pub fn of(overview: &ContractOverview, language: Language, may_write: bool, tab: &str) -> Self {
        let c = &overview.contract;
        let amendment = match &overview.writing {
            Writing::Amendment {
                version,
                effective_from,
                reason,
            } => Some(language.text(
                "terms-amendment-open",
                &[
                    ("version", version.to_string()),
                    (
                        "from",
                        effective_from.map_or_else(String::new, |d| d.to_string()),
                    ),
                    ("reason", reason.clone().unwrap_or_default()),
                ],
            )),
            _ => None,
        };
        Head {
            id: c.id,
            number: c.number.clone(),
            title: c.title.clone(),
            vendor: overview.vendor.clone(),
            status: c.status.as_str(),
            status_word: status_word(language, c.status.as_str()),
            open: overview.writing.open(),
            draft: overview.writing == Writing::Draft,
            amendment,
            signed: overview.writing == Writing::Signed,
            closed: overview.writing == Writing::Closed,
            may_write: may_write && overview.writing.open(),
            tab: tab.to_owned(),
        }
    }
}

#[derive(Serialize)]
struct Line {
    name: String,
    what: String,
}

#[get("/contracts/{id}")]
pub async fn show(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let Some(id) = contract_id(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let language = signed.visitor.language;
    let (me, seen) = tokio::try_join!(signed.me(), overview(signed.app(), signed.caller(), id))
        .map_err(|e| signed.fail(e))?;
    let may_write = me.role.may(Permission::WriteContracts);
    let page = overview_page(&seen, language, may_write);
    signed.render_for(
        &me,
        StatusCode::OK,
        "terms_contract",
        "terms-overview-title",
        &page,
    )
}

fn overview_page(seen: &ContractOverview, language: Language, may_write: bool) -> OverviewPage {
    let c = &seen.contract;
    let zone = TimeZone::parse(&c.time_zone).unwrap_or(TimeZone::SHANGHAI);
    let empty = Terms::new(Default::default());
    let terms = seen.terms.as_ref().unwrap_or(&empty);
    let currency = c.currency.as_str();
    let phase_name = |id: u32| {
        terms
            .phases
            .iter()
            .find(|p| p.id == id)
            .map_or_else(String::new, |p| p.spec.name.clone())
    };
    OverviewPage {
        head: Head::of(seen, language, may_write, "overview"),
        saved: false,
        refusal: Refusal::default(),
        shops: seen.shops.join("、"),
        start: c.start.to_string(),
        end: c.end.to_string(),
        currency: c.currency.clone(),
        time_zone: c.time_zone.clone(),
        // This month, or the contract's first or last when it runs in another.
        period: Period::of(zone.today(Utc::now()).clamp(c.start, c.end)).to_string(),
        charges: terms
            .charges
            .iter()
            .map(|ch| Line {
                name: ch.spec.name().to_owned(),
                what: charge_summary(language, &ch.spec, currency),
            })
            .collect(),
        clauses: terms
            .sla_clauses
            .iter()
            .map(|cl| {
                let found = Metric::find(&cl.spec.metric);
                let metric = found.map_or(cl.spec.metric.as_str(), |m| language.metric_name(m));
                let target = found.map_or_else(
                    || cl.spec.target.to_string(),
                    |m| super::format::term(cl.spec.target, m, language),
                );
                let from = cl
                    .spec
                    .applies_from_phase
                    .map(|p| language.text("terms-from-phase", &[("phase", phase_name(p))]))
                    .unwrap_or_default();
                Line {
                    name: cl.spec.name.clone(),
                    what: format!(
                        "{} {}{}",
                        metric,
                        language.text("terms-target", &[("target", target)]),
                        from
                    ),
                }
            })
            .collect(),
        phases: terms
            .phases_in_order()
            .into_iter()
            .map(|p| Line {
                name: p.spec.name.clone(),
                what: language.text(
                    "terms-phase-summary",
                    &[
                        ("start", p.spec.start.to_string()),
                        ("end", p.spec.end.to_string()),
                        ("seats", p.spec.seats.to_string()),
                        ("share", p.spec.inquiry_share.normalize().to_string()),
                        ("gates", p.spec.exit_criteria.len().to_string()),
                    ],
                ),
            })
            .collect(),
        liability: liability_summary(language, terms, currency),
        commercial: commercial_summary(language, terms),
    }
}

fn amount(value: rust_decimal::Decimal, currency: &str) -> String {
    format!("{} {currency}", money(value, currency))
}

/// One charge in a line of words.
pub fn charge_summary(language: Language, spec: &ChargeSpec, currency: &str) -> String {
    let t = |id: &str, args: &[(&str, String)]| language.text(id, args);
    match spec {
        ChargeSpec::SeatMonthly(s) => t("terms-sum-seat", &[("rate", amount(s.rate, currency))]),
        ChargeSpec::PerUnit(p) => {
            let metric =
                Metric::find(&p.metric).map_or(p.metric.as_str(), |m| language.metric_name(m));
            let tiers = p
                .tiers
                .iter()
                .map(|tier| {
                    t(
                        "terms-sum-tier",
                        &[
                            ("from", tier.from.to_string()),
                            ("price", tier.unit_price.to_string()),
                        ],
                    )
                })
                .collect::<Vec<_>>()
                .join("；");
            t(
                "terms-sum-per-unit",
                &[
                    ("metric", metric.to_owned()),
                    (
                        "pricing",
                        t(&format!("terms-pricing-{}", p.pricing.as_str()), &[]),
                    ),
                    ("included", p.included.to_string()),
                    ("tiers", tiers),
                ],
            )
        }
        ChargeSpec::Commission(c) => match (c.percent, c.tier_by) {
            (Some(percent), _) => t(
                "terms-sum-commission-flat",
                &[("percent", percent.to_string())],
            ),
            (None, by) => {
                let by = match (by, c.kpi_metric.as_deref().and_then(Metric::find)) {
                    (Some(TierBy::Kpi), Some(m)) => language.metric_name(m).to_owned(),
                    _ => t("terms-tier-by-sales", &[]),
                };
                let tiers = c
                    .tiers
                    .iter()
                    .map(|tier| format!("{}+ → {}%", tier.from, tier.percent))
                    .collect::<Vec<_>>()
                    .join("；");
                t(
                    "terms-sum-commission-tiered",
                    &[("by", by), ("tiers", tiers)],
                )
            }
        },
        ChargeSpec::Fixed(f) => t("terms-sum-fixed", &[("amount", amount(f.amount, currency))]),
        ChargeSpec::OneTime(o) => t(
            "terms-sum-one-time",
            &[
                ("amount", amount(o.amount, currency)),
                ("date", o.date.to_string()),
            ],
        ),
        ChargeSpec::MinimumCommitment(m) => t(
            "terms-sum-minimum",
            &[
                ("amount", amount(m.amount, currency)),
                ("count", m.covers.len().to_string()),
            ],
        ),
    }
}

fn liability_summary(language: Language, terms: &Terms, currency: &str) -> Vec<String> {
    let l = &terms.liability;
    let t = |id: &str, args: &[(&str, String)]| language.text(id, args);
    let mut out = Vec::new();
    match &l.monthly_cap {
        Some(cap) => match (cap.amount, cap.percent_of_fees) {
            (Some(a), _) => out.push(t(
                "terms-sum-cap-amount",
                &[("amount", amount(a, currency))],
            )),
            (_, Some(p)) => out.push(t("terms-sum-cap-percent", &[("percent", p.to_string())])),
            _ => {}
        },
        None => out.push(t("terms-sum-no-monthly-cap", &[])),
    }
    match l.annual_cap {
        Some(a) => out.push(t(
            "terms-sum-annual-cap",
            &[("amount", amount(a, currency))],
        )),
        None => out.push(t("terms-sum-no-annual-cap", &[])),
    }
    if !l.uncapped.is_empty() {
        let names = l
            .uncapped
            .iter()
            .map(|c| {
                t(
                    &format!("terms-category-{}", c.as_str().replace('_', "-")),
                    &[],
                )
            })
            .collect::<Vec<_>>()
            .join("、");
        out.push(t("terms-sum-uncapped", &[("categories", names)]));
    }
    for duty in &l.incident_duties {
        out.push(t(
            "terms-sum-duty",
            &[
                (
                    "severity",
                    t(&format!("severity-{}", duty.severity.as_str()), &[]),
                ),
                ("minutes", duty.escalate_within_minutes.to_string()),
                ("amount", amount(duty.amount, currency)),
            ],
        ));
    }
    if let Some(months) = l.termination_after_breached_months {
        out.push(t(
            "terms-sum-termination",
            &[("months", months.to_string())],
        ));
    }
    out
}

fn commercial_summary(language: Language, terms: &Terms) -> Vec<String> {
    let c = &terms.commercial;
    let t = |id: &str, args: &[(&str, String)]| language.text(id, args);
    let channels = c
        .scope
        .channels
        .iter()
        .map(|ch| {
            t(
                &format!("terms-channel-{}", ch.as_str().replace('_', "-")),
                &[],
            )
        })
        .collect::<Vec<_>>()
        .join("、");
    vec![
        t(
            "terms-sum-payment",
            &[
                ("days", c.payment.net_days.to_string()),
                (
                    "method",
                    t(
                        &format!(
                            "terms-method-{}",
                            c.payment.method.as_str().replace('_', "-")
                        ),
                        &[],
                    ),
                ),
            ],
        ),
        t("terms-sum-tax", &[("rate", c.tax_rate.to_string())]),
        t("terms-sum-scope", &[("channels", channels)]),
    ]
}

/// The overview a terms page starts from, read with who is signed in.
pub async fn read(
    signed: &SignedIn,
    id: ContractId,
) -> AppResult<(crate::app::session::MeView, ContractOverview)> {
    tokio::try_join!(signed.me(), overview(signed.app(), signed.caller(), id))
}
