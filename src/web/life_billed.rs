//! What would this contract have billed? The terms being written (a draft's,
//! or an open amendment's) run on the last months that are over, beside the
//! terms in force, month by month; the merchant may type figures in for any
//! month. Nothing is stored, so the form is a plain GET.

use std::collections::{BTreeMap, HashMap};

use actix_web::{HttpResponse, get, web};
use rust_decimal::Decimal;
use serde::Serialize;

use super::error::WebError;
use super::format::{figure, whole_number};
use super::life::{Head, Refusal};
use super::signed_in::SignedIn;
use crate::app::AppError;
use crate::app::billing::would_have::{
    self, FiguresSource, MAX_MONTHS, MonthFigures, WouldHaveBilledBody, WouldHaveBilledView,
};
use crate::app::contracts;
use crate::app::entered::EnteredFigure;
use crate::catalogue::Language;
use crate::documents::amount;
use crate::domain::metric::Metric;
use crate::domain::violation::Violations;
use crate::domain::{ContractId, Currency, Period};

#[derive(Serialize)]
struct BilledPage {
    head: Head,
    /// Whose terms are run: the draft, or amendment N.
    proposal: String,
    /// Nothing is being written: the reason, and no table.
    nothing: Option<String>,
    /// No draft, no amendment: the terms in force are run on both sides.
    in_force_only: bool,
    source: String,
    sources: Vec<Choice>,
    lasts: Vec<Choice>,
    compares: bool,
    currency: String,
    months: Vec<MonthRow>,
    total_proposed: String,
    total_current: String,
    total_difference: String,
    total_moved: &'static str,
    errors: Vec<String>,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    text: String,
    selected: bool,
}

#[derive(Serialize)]
struct MonthRow {
    period: String,
    charges: String,
    penalties: String,
    bonuses: String,
    total: String,
    current: String,
    difference: String,
    /// up, down or same: how the proposal moves the month.
    moved: &'static str,
    breached: bool,
    typed: bool,
    inputs: Vec<FigureInput>,
}

#[derive(Serialize)]
struct FigureInput {
    code: String,
    name: String,
    /// The figure the month ran on.
    now: String,
    numerator: String,
    denominator: String,
    /// What the month's own figures are, as a hint in the empty fields.
    numerator_hint: String,
    denominator_hint: String,
    total: bool,
    typed: bool,
    errors: Vec<String>,
}

/// Figures typed in, month by month: where each field went in the body.
struct Typed {
    body: Vec<MonthFigures>,
    /// (month index, figure index) → (period, metric code), to put a refusal beside its field.
    at: BTreeMap<(usize, usize), (String, String)>,
    errors: Vec<(String, String, String)>,
}

#[get("/contracts/{id:\\d+}/would-have-billed")]
pub async fn show(
    signed: SignedIn,
    id: web::Path<ContractId>,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let (id, asked, language) = (id.into_inner(), query.into_inner(), signed.visitor.language);
    let data = async {
        let typed = typed(&asked, language);
        let last = asked.get("last").and_then(|l| l.parse::<u32>().ok());
        let from = asked.get("from").and_then(|f| f.parse::<i64>().ok());
        let body = |figures| WouldHaveBilledBody {
            last,
            figures_from: from,
            figures,
        };
        let (app, caller) = (signed.app(), signed.caller());
        let (contract, sources) = tokio::try_join!(
            contracts::show(app, caller.clone(), id),
            would_have::sources(app, caller.clone(), id),
        )?;
        let head = Head::of(&contract, "billed", language);
        let mut beside: Vec<(String, String, String)> = typed.errors.clone();
        let mut errors = Vec::new();
        let outcome = if typed.errors.is_empty() {
            would_have::would_have_billed(app, caller.clone(), id, body(typed.body)).await
        } else {
            Err(AppError::Invalid(Violations::default()))
        };
        let result = match outcome {
            Ok(result) => result,
            Err(error @ (AppError::Invalid(_) | AppError::Conflict { .. })) => {
                let conflict = matches!(error, AppError::Conflict { .. });
                let mut refusal = Refusal::of(language, error)?;
                if conflict {
                    return Ok(nothing(head, refusal.rest(language)));
                }
                let mut fields: Vec<String> = refusal.fields.keys().cloned().collect();
                fields.sort();
                for field in fields {
                    if let Some((period, code)) = place(&field, &typed.at) {
                        for rule in refusal.take(&field) {
                            beside.push((period.clone(), code.clone(), rule));
                        }
                    }
                }
                errors = refusal.rest(language);
                // The months as they are, the refused fields kept as typed.
                let plain = WouldHaveBilledBody {
                    last: last.filter(|l| (1..=MAX_MONTHS).contains(l)),
                    figures_from: None,
                    figures: Vec::new(),
                };
                would_have::would_have_billed(app, caller, id, plain).await?
            }
            Err(other) => return Err(other),
        };
        Ok(page(
            head, result, sources, &asked, beside, errors, language,
        ))
    };
    signed.show("life_billed", "life-billed-title", data).await
}

/// The figures typed in the form, by month: `n.2026-10.consultations` and
/// `d.2026-10.consultations` (the numerator and denominator of a month's total).
fn typed(asked: &HashMap<String, String>, language: Language) -> Typed {
    let mut keys: Vec<(&str, &str)> = asked
        .keys()
        .filter_map(|k| k.strip_prefix("n."))
        .filter_map(|k| k.split_once('.'))
        .collect();
    keys.sort_unstable();
    let mut typed = Typed {
        body: Vec::new(),
        at: BTreeMap::new(),
        errors: Vec::new(),
    };
    for (period_text, code) in keys {
        let Ok(period) = period_text.parse::<Period>() else {
            continue;
        };
        let mut broken = Violations::default();
        let numerator = whole_number(asked, &format!("n.{period_text}.{code}"), &mut broken);
        let denominator = whole_number(asked, &format!("d.{period_text}.{code}"), &mut broken);
        for v in broken.iter() {
            typed.errors.push((
                period_text.to_owned(),
                code.to_owned(),
                language.message(&v.message),
            ));
        }
        let Some(numerator) = numerator else {
            continue;
        };
        let month = match typed.body.iter().position(|m| m.period == period) {
            Some(i) => i,
            None => {
                typed.body.push(MonthFigures {
                    period,
                    figures: Vec::new(),
                });
                typed.body.len() - 1
            }
        };
        let figures = &mut typed.body[month].figures;
        typed.at.insert(
            (month, figures.len()),
            (period_text.to_owned(), code.to_owned()),
        );
        figures.push(EnteredFigure {
            metric: code.to_owned(),
            numerator,
            denominator,
            segments: Vec::new(),
        });
    }
    typed
}

/// The month and metric a refused field (`figures[0].figures[1].numerator`) was typed for.
fn place<'a>(
    field: &str,
    at: &'a BTreeMap<(usize, usize), (String, String)>,
) -> Option<&'a (String, String)> {
    let index =
        |text: &str| -> Option<usize> { text.split_once('[')?.1.split_once(']')?.0.parse().ok() };
    let mut parts = field.split('.');
    let month = index(parts.next()?)?;
    let figure = index(parts.next()?)?;
    at.get(&(month, figure))
}

fn nothing(head: Head, why: Vec<String>) -> BilledPage {
    BilledPage {
        head,
        proposal: String::new(),
        nothing: Some(why.join(" ")),
        in_force_only: false,
        source: String::new(),
        sources: Vec::new(),
        lasts: Vec::new(),
        compares: false,
        currency: String::new(),
        months: Vec::new(),
        total_proposed: String::new(),
        total_current: String::new(),
        total_difference: String::new(),
        total_moved: "same",
        errors: Vec::new(),
    }
}

/// A change with its sign: `+1,250.00`, `-500.00`.
fn signed(change: Decimal, digits: u32) -> String {
    let text = amount(change, digits);
    if change > Decimal::ZERO {
        format!("+{text}")
    } else {
        text
    }
}

fn moved(change: Option<Decimal>) -> &'static str {
    match change {
        Some(c) if c > Decimal::ZERO => "up",
        Some(c) if c < Decimal::ZERO => "down",
        _ => "same",
    }
}

fn page(
    head: Head,
    result: WouldHaveBilledView,
    sources: Vec<FiguresSource>,
    asked: &HashMap<String, String>,
    beside: Vec<(String, String, String)>,
    errors: Vec<String>,
    language: Language,
) -> BilledPage {
    let digits = Currency::parse(&result.currency).map_or(2, Currency::minor_digits);
    let money = |v: Decimal| amount(v, digits);
    let in_force_only = result.proposed_state.as_str() == "in_force";
    let proposal = if in_force_only {
        language.text(
            "life-billed-proposal-in-force",
            &[("version", result.proposed_version.to_string())],
        )
    } else if result.proposed_state.as_str() == "pending" {
        language.text(
            "life-billed-proposal-amendment",
            &[("version", result.proposed_version.to_string())],
        )
    } else {
        language.text("life-billed-proposal-draft", &[])
    };
    let this = head.id;
    let mut choices = vec![Choice {
        value: this.to_string(),
        text: language.text(
            "life-billed-source-this",
            &[("number", head.number.clone())],
        ),
        selected: result.figures_from.contract_id == this,
    }];
    choices.extend(sources.iter().map(|s| Choice {
        value: s.contract_id.to_string(),
        text: format!("{} · {}", s.number, s.title),
        selected: result.figures_from.contract_id == s.contract_id,
    }));
    let last = asked
        .get("last")
        .and_then(|l| l.parse::<usize>().ok())
        .filter(|l| (1..=MAX_MONTHS as usize).contains(l))
        .unwrap_or(would_have::DEFAULT_MONTHS as usize);
    let lasts = (1..=MAX_MONTHS as usize)
        .map(|n| Choice {
            value: n.to_string(),
            text: language.text("life-billed-last", &[("months", n.to_string())]),
            selected: n == last,
        })
        .collect();
    let compares = result.total_current.is_some();
    let months = result
        .months
        .iter()
        .map(|m| {
            let period = m.period.to_string();
            let inputs = m
                .figures
                .iter()
                .filter_map(|f| {
                    let metric = Metric::find(&f.metric)?;
                    let key = |side: &str| format!("{side}.{period}.{}", f.metric);
                    let own = !f.typed && f.value.is_some();
                    Some(FigureInput {
                        code: f.metric.clone(),
                        name: language.metric_name(metric).to_owned(),
                        now: f.value.map_or_else(
                            || language.text("no-figure", &[]),
                            |v| figure(v, metric, language),
                        ),
                        numerator: asked.get(&key("n")).cloned().unwrap_or_default(),
                        denominator: asked.get(&key("d")).cloned().unwrap_or_default(),
                        numerator_hint: if own {
                            f.numerator.to_string()
                        } else {
                            String::new()
                        },
                        denominator_hint: if own {
                            f.denominator.to_string()
                        } else {
                            String::new()
                        },
                        total: metric.is_total,
                        typed: f.typed,
                        errors: beside
                            .iter()
                            .filter(|(p, c, _)| *p == period && *c == f.metric)
                            .map(|(_, _, rule)| rule.clone())
                            .collect(),
                    })
                })
                .collect();
            MonthRow {
                charges: money(m.proposed.charges),
                penalties: money(m.proposed.penalties),
                bonuses: money(m.proposed.bonuses),
                total: money(m.proposed.total),
                current: m
                    .current
                    .as_ref()
                    .map_or_else(|| "—".into(), |c| money(c.total)),
                difference: m.difference.map_or_else(String::new, |d| signed(d, digits)),
                moved: moved(m.difference),
                breached: m.proposed.breached,
                typed: !m.typed.is_empty(),
                period,
                inputs,
            }
        })
        .collect();
    BilledPage {
        proposal,
        nothing: None,
        in_force_only,
        source: format!(
            "{} · {}",
            result.figures_from.number, result.figures_from.title
        ),
        sources: choices,
        lasts,
        compares,
        currency: result.currency.clone(),
        months,
        total_proposed: money(result.total_proposed),
        total_current: result.total_current.map_or_else(|| "—".into(), money),
        total_difference: result
            .total_difference
            .map_or_else(String::new, |d| signed(d, digits)),
        total_moved: moved(result.total_difference),
        errors,
        head,
    }
}
