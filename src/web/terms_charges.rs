//! The fee schedule of a contract: its charges listed, and one form per kind
//! of charge to add or change one — seats, per unit in tiers, commission
//! flat or tiered, fixed, one-time, a minimum commitment — and removing one.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Serialize;

use super::contracts::{Head, charge_summary, contract_id, read};
use super::error::WebError;
use super::signed_in::SignedIn;
use super::terms_form::{
    Choice, Field, Posted, Refusal, choices, filled_rows, refused, to_form_rows,
};
use crate::app::AppError;
use crate::app::contracts::terms_parts;
use crate::catalogue::Language;
use crate::domain::message::msg;
use crate::domain::metric::CATALOGUE;
use crate::domain::terms::{
    Charge, ChargeKindName, ChargeSpec, CommissionCharge, FixedCharge, MinimumCommitmentCharge,
    OneTimeCharge, PerUnitCharge, PercentTier, PriceTier, SeatMonthlyCharge, TierBy, TierPricing,
};
use crate::domain::violation::Violations;
use crate::domain::{ContractId, Permission};

/// Rows of tiers a form offers; blank rows are left out.
pub const TIER_ROWS: usize = 5;

type Query = web::Query<HashMap<String, String>>;

#[derive(Serialize)]
struct ChargesPage {
    #[serde(flatten)]
    head: Head,
    saved: bool,
    refusal: Refusal,
    charges: Vec<ChargeRow>,
    kinds: Vec<Choice>,
}

#[derive(Serialize)]
struct ChargeRow {
    id: u32,
    name: String,
    kind: String,
    what: String,
}

#[get("/contracts/{id}/terms/charges")]
pub async fn list(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
    query: Query,
) -> Result<HttpResponse, WebError> {
    let Some(id) = contract_id(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let saved = query.contains_key("saved");
    list_page(&signed, id, Refusal::default(), StatusCode::OK, saved).await
}

async fn list_page(
    signed: &SignedIn,
    id: ContractId,
    mut refusal: Refusal,
    status: StatusCode,
    saved: bool,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let (me, seen) = read(signed, id).await.map_err(|e| signed.fail(e))?;
    let currency = seen.contract.currency.clone();
    let charges = seen
        .terms
        .as_ref()
        .map(|t| t.charges.clone())
        .unwrap_or_default();
    refusal.settle();
    let data = ChargesPage {
        head: Head::of(
            &seen,
            language,
            me.role.may(Permission::WriteContracts),
            "charges",
        ),
        saved,
        refusal,
        charges: charges
            .iter()
            .map(|c| ChargeRow {
                id: c.id,
                name: c.spec.name().to_owned(),
                kind: kind_word(language, c.spec.kind()),
                what: charge_summary(language, &c.spec, &currency),
            })
            .collect(),
        kinds: ChargeKindName::ALL
            .iter()
            .map(|k| Choice {
                value: k.as_str().to_owned(),
                text: kind_word(language, *k),
                selected: false,
            })
            .collect(),
    };
    signed.render_for(&me, status, "terms_charges", "terms-charges-title", &data)
}

pub fn kind_word(language: Language, kind: ChargeKindName) -> String {
    language.text(
        &format!("charge-kind-{}", kind.as_str().replace('_', "-")),
        &[],
    )
}

#[derive(Serialize)]
struct ChargeForm {
    #[serde(flatten)]
    head: Head,
    kind: &'static str,
    kind_word: String,
    /// `None` while adding.
    part: Option<u32>,
    saved: bool,
    seat: bool,
    per_unit: bool,
    commission: bool,
    fixed: bool,
    one_time: bool,
    minimum: bool,
    refusal: Refusal,
    name: Field,
    rate: Field,
    metric: Field,
    metrics: Vec<Choice>,
    pricing: Field,
    pricings: Vec<Choice>,
    included: Field,
    percent: Field,
    tier_by: Field,
    tier_bys: Vec<Choice>,
    kpi_metric: Field,
    kpi_metrics: Vec<Choice>,
    tiers_error: Option<String>,
    tiers: Vec<TierRow>,
    amount: Field,
    date: Field,
    covers: Field,
    cover_choices: Vec<Choice>,
}

#[derive(Serialize)]
struct TierRow {
    index: usize,
    /// As people count rows: from 1.
    number: usize,
    from: Field,
    value: Field,
}

#[get("/contracts/{id}/terms/charges/new")]
pub async fn new(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
    query: Query,
) -> Result<HttpResponse, WebError> {
    let id = contract_id(&path);
    let kind = query
        .get("kind")
        .and_then(|k| k.parse::<ChargeKindName>().ok());
    let (Some(id), Some(kind)) = (id, kind) else {
        return Ok(super::error::not_found_page(&req));
    };
    let posted = Posted(vec![("pricing".into(), "graduated".into())]);
    form_page(
        &signed,
        id,
        kind,
        None,
        &posted,
        Refusal::default(),
        StatusCode::OK,
    )
    .await
}

#[post("/contracts/{id}/terms/charges")]
pub async fn add(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let posted = Posted(form.into_inner());
    let kind = posted.text("kind").parse::<ChargeKindName>().ok();
    let (Some(id), Some(kind)) = (contract_id(&path), kind) else {
        return Ok(super::error::not_found_page(&req));
    };
    signed.check_form(&req, posted.csrf())?;
    write(&signed, id, kind, None, posted).await
}

#[get("/contracts/{id}/terms/charges/{part}")]
pub async fn edit(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let (Some(id), Ok(part)) = (contract_id(&path.0), path.1.parse::<u32>()) else {
        return Ok(super::error::not_found_page(&req));
    };
    let charge = terms_parts::show::<Charge>(signed.app(), signed.caller(), id, part)
        .await
        .map_err(|e| signed.fail(e))?;
    let posted = as_posted(&charge.spec);
    form_page(
        &signed,
        id,
        charge.spec.kind(),
        Some(part),
        &posted,
        Refusal::default(),
        StatusCode::OK,
    )
    .await
}

#[post("/contracts/{id}/terms/charges/{part}")]
pub async fn replace(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let posted = Posted(form.into_inner());
    let kind = posted.text("kind").parse::<ChargeKindName>().ok();
    let (Some(id), Ok(part), Some(kind)) = (contract_id(&path.0), path.1.parse::<u32>(), kind)
    else {
        return Ok(super::error::not_found_page(&req));
    };
    signed.check_form(&req, posted.csrf())?;
    write(&signed, id, kind, Some(part), posted).await
}

#[post("/contracts/{id}/terms/charges/{part}/remove")]
pub async fn remove(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let posted = Posted(form.into_inner());
    let (Some(id), Ok(part)) = (contract_id(&path.0), path.1.parse::<u32>()) else {
        return Ok(super::error::not_found_page(&req));
    };
    signed.check_form(&req, posted.csrf())?;
    match terms_parts::remove::<Charge>(signed.app(), signed.caller(), id, part).await {
        Ok(()) => Ok(super::sign_in::see_other(&format!(
            "/contracts/{}/terms/charges?saved=1",
            id.get()
        ))),
        Err(error) => {
            let (status, refusal) =
                refused(signed.visitor.language, error, &[]).map_err(|e| signed.fail(e))?;
            list_page(&signed, id, refusal, status, false).await
        }
    }
}

async fn write(
    signed: &SignedIn,
    id: ContractId,
    kind: ChargeKindName,
    part: Option<u32>,
    posted: Posted,
) -> Result<HttpResponse, WebError> {
    let rows = filled_rows(
        &posted,
        "tiers",
        TIER_ROWS,
        &["from", "unit_price", "percent"],
    );
    let (app, caller) = (signed.app(), signed.caller());
    let outcome = match spec(kind, &posted, &rows) {
        Ok(spec) => match part {
            None => terms_parts::add::<Charge>(app, caller, id, spec).await,
            Some(part) => terms_parts::replace::<Charge>(app, caller, id, part, spec).await,
        }
        // The use case names the tiers it was given; the form's rows may differ.
        .map_err(|error| match error {
            AppError::Invalid(v) => AppError::Invalid(to_form_rows(v, "tiers", &rows)),
            other => other,
        }),
        Err(v) => Err(AppError::Invalid(v)),
    };
    match outcome {
        Ok(_) => Ok(super::sign_in::see_other(&format!(
            "/contracts/{}/terms/charges?saved=1",
            id.get()
        ))),
        Err(error) => {
            let error = match error {
                AppError::Invalid(v) => AppError::Invalid(covers_as_one(v)),
                other => other,
            };
            let (status, refusal) =
                refused(signed.visitor.language, error, &[]).map_err(|e| signed.fail(e))?;
            form_page(signed, id, kind, part, &posted, refusal, status).await
        }
    }
}

/// `covers[2]` is a rule of the charges ticked: shown beside the list.
fn covers_as_one(v: Violations) -> Violations {
    let mut out = Violations::default();
    for x in v {
        let field = if x.field.starts_with("covers[") {
            "covers".to_owned()
        } else {
            x.field
        };
        out.add(field, x.message);
    }
    out
}

/// The charge the form says, or the fields it could not read (by the form's rows).
fn spec(kind: ChargeKindName, posted: &Posted, rows: &[usize]) -> Result<ChargeSpec, Violations> {
    let mut v = Violations::default();
    let name = posted.raw("name").to_owned();
    let spec = match kind {
        ChargeKindName::SeatMonthly => {
            let rate = posted.decimal("rate", &mut v);
            rate.map(|rate| ChargeSpec::SeatMonthly(SeatMonthlyCharge { name, rate }))
        }
        ChargeKindName::PerUnit => {
            let pricing = posted.choice::<TierPricing>("pricing", &mut v);
            let included = posted.optional_decimal("included", &mut v);
            let mut tiers = Vec::new();
            for i in rows {
                let from = posted.decimal(&format!("tiers[{i}].from"), &mut v);
                let price = posted.decimal(&format!("tiers[{i}].unit_price"), &mut v);
                if let (Some(from), Some(unit_price)) = (from, price) {
                    tiers.push(PriceTier { from, unit_price });
                }
            }
            match (pricing, included) {
                (Some(pricing), Some(included)) => Some(ChargeSpec::PerUnit(PerUnitCharge {
                    name,
                    metric: posted.text("metric").to_owned(),
                    pricing,
                    included: included.unwrap_or_default(),
                    tiers,
                })),
                _ => None,
            }
        }
        ChargeKindName::Commission => {
            let percent = posted.optional_decimal("percent", &mut v);
            let tier_by = match posted.text("tier_by") {
                "" => Some(None),
                _ => posted.choice::<TierBy>("tier_by", &mut v).map(Some),
            };
            let kpi_metric = match posted.text("kpi_metric") {
                "" => None,
                code => Some(code.to_owned()),
            };
            let mut tiers = Vec::new();
            for i in rows {
                let from = posted.decimal(&format!("tiers[{i}].from"), &mut v);
                let percent = posted.decimal(&format!("tiers[{i}].percent"), &mut v);
                if let (Some(from), Some(percent)) = (from, percent) {
                    tiers.push(PercentTier { from, percent });
                }
            }
            match (percent, tier_by) {
                (Some(percent), Some(tier_by)) => Some(ChargeSpec::Commission(CommissionCharge {
                    name,
                    percent,
                    tier_by,
                    kpi_metric,
                    tiers,
                })),
                _ => None,
            }
        }
        ChargeKindName::Fixed => {
            let amount = posted.decimal("amount", &mut v);
            amount.map(|amount| ChargeSpec::Fixed(FixedCharge { name, amount }))
        }
        ChargeKindName::OneTime => {
            let amount = posted.decimal("amount", &mut v);
            let date = posted.date("date", &mut v);
            match (amount, date) {
                (Some(amount), Some(date)) => {
                    Some(ChargeSpec::OneTime(OneTimeCharge { name, amount, date }))
                }
                _ => None,
            }
        }
        ChargeKindName::MinimumCommitment => {
            let amount = posted.decimal("amount", &mut v);
            let mut covers = Vec::new();
            for raw in posted.values("covers") {
                match raw.trim().parse::<u32>() {
                    Ok(id) => covers.push(id),
                    Err(_) => v.add("covers", msg!("terms-error-choose")),
                }
            }
            amount.map(|amount| {
                ChargeSpec::MinimumCommitment(MinimumCommitmentCharge {
                    name,
                    amount,
                    covers,
                })
            })
        }
    };
    v.finish(|| spec)
}

/// A stored charge as its form would post it.
fn as_posted(spec: &ChargeSpec) -> Posted {
    let mut pairs: Vec<(String, String)> = vec![("name".into(), spec.name().to_owned())];
    let mut put = |k: String, v: String| pairs.push((k, v));
    match spec {
        ChargeSpec::SeatMonthly(s) => put("rate".into(), s.rate.to_string()),
        ChargeSpec::PerUnit(p) => {
            put("metric".into(), p.metric.clone());
            put("pricing".into(), p.pricing.as_str().into());
            put("included".into(), p.included.to_string());
            for (i, t) in p.tiers.iter().enumerate() {
                put(format!("tiers[{i}].from"), t.from.to_string());
                put(format!("tiers[{i}].unit_price"), t.unit_price.to_string());
            }
        }
        ChargeSpec::Commission(c) => {
            put(
                "percent".into(),
                c.percent.map_or_else(String::new, |p| p.to_string()),
            );
            put(
                "tier_by".into(),
                c.tier_by.map_or("", |t| t.as_str()).to_owned(),
            );
            put(
                "kpi_metric".into(),
                c.kpi_metric.clone().unwrap_or_default(),
            );
            for (i, t) in c.tiers.iter().enumerate() {
                put(format!("tiers[{i}].from"), t.from.to_string());
                put(format!("tiers[{i}].percent"), t.percent.to_string());
            }
        }
        ChargeSpec::Fixed(f) => put("amount".into(), f.amount.to_string()),
        ChargeSpec::OneTime(o) => {
            put("amount".into(), o.amount.to_string());
            put("date".into(), o.date.to_string());
        }
        ChargeSpec::MinimumCommitment(m) => {
            put("amount".into(), m.amount.to_string());
            for id in &m.covers {
                put("covers".into(), id.to_string());
            }
        }
    }
    Posted(pairs)
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    signed: &SignedIn,
    id: ContractId,
    kind: ChargeKindName,
    part: Option<u32>,
    posted: &Posted,
    mut refusal: Refusal,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let (me, seen) = read(signed, id).await.map_err(|e| signed.fail(e))?;
    let others: Vec<Charge> = seen
        .terms
        .as_ref()
        .map(|t| t.charges.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|c| Some(c.id) != part && c.spec.kind() != ChargeKindName::MinimumCommitment)
        .collect();
    let second = if kind == ChargeKindName::Commission {
        "percent"
    } else {
        "unit_price"
    };
    let mut field = |name: &str| Field::new(name, posted.raw(name), &mut refusal);
    let name = field("name");
    let rate = field("rate");
    let metric = field("metric");
    let pricing = field("pricing");
    let included = field("included");
    let percent = field("percent");
    let tier_by = field("tier_by");
    let kpi_metric = field("kpi_metric");
    let amount = field("amount");
    let date = field("date");
    let covers = field("covers");
    let tiers_error = refusal.take("tiers");
    let tiers = (0..TIER_ROWS)
        .map(|i| TierRow {
            index: i,
            number: i + 1,
            from: Field::new(
                format!("tiers[{i}].from"),
                posted.raw(&format!("tiers[{i}].from")),
                &mut refusal,
            ),
            value: Field::new(
                format!("tiers[{i}].{second}"),
                posted.raw(&format!("tiers[{i}].{second}")),
                &mut refusal,
            ),
        })
        .collect();
    refusal.settle();
    let metric_choices = |volume_only: bool, chosen: &str| {
        CATALOGUE
            .iter()
            .filter(|m| !volume_only || m.is_volume)
            .map(|m| Choice {
                value: m.code.to_owned(),
                text: language.metric_name(m).to_owned(),
                selected: m.code == chosen,
            })
            .collect::<Vec<_>>()
    };
    let chosen_covers = posted.values("covers");
    let data = ChargeForm {
        head: Head::of(
            &seen,
            language,
            me.role.may(Permission::WriteContracts),
            "charges",
        ),
        kind: kind.as_str(),
        kind_word: kind_word(language, kind),
        part,
        saved: false,
        seat: kind == ChargeKindName::SeatMonthly,
        per_unit: kind == ChargeKindName::PerUnit,
        commission: kind == ChargeKindName::Commission,
        fixed: kind == ChargeKindName::Fixed,
        one_time: kind == ChargeKindName::OneTime,
        minimum: kind == ChargeKindName::MinimumCommitment,
        refusal,
        metrics: metric_choices(true, posted.text("metric")),
        kpi_metrics: metric_choices(false, posted.text("kpi_metric")),
        pricings: choices(
            language,
            "terms-pricing",
            TierPricing::ALL.iter().map(|p| p.as_str()),
            &[posted.text("pricing")],
        ),
        tier_bys: choices(
            language,
            "terms-tier-by",
            TierBy::ALL.iter().map(|p| p.as_str()),
            &[posted.text("tier_by")],
        ),
        cover_choices: others
            .iter()
            .map(|c| Choice {
                value: c.id.to_string(),
                text: c.spec.name().to_owned(),
                selected: chosen_covers.contains(&c.id.to_string().as_str()),
            })
            .collect(),
        name,
        rate,
        metric,
        pricing,
        included,
        percent,
        tier_by,
        kpi_metric,
        tiers_error,
        tiers,
        amount,
        date,
        covers,
    };
    signed.render_for(&me, status, "terms_charge", "terms-charge-title", &data)
}
