//! What if: change a month's figures and see each line of the invoice change.
//! Nothing is stored, so the form is a plain GET.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, get, web};
use rust_decimal::Decimal;
use serde::Serialize;

use super::error::WebError;
use super::format::{figure, whole_number};
use super::month::contract_month;
use super::signed_in::SignedIn;
use crate::app::AppError;
use crate::app::billing::simulate::{WhatIf, what_if};
use crate::app::entered::EnteredFigure;
use crate::catalogue::Language;
use crate::documents::amount;
use crate::documents::explain::Explainer;
use crate::domain::Period;
use crate::domain::billing::{InvoiceDraft, Line};
use crate::domain::violation::Violations;

#[derive(Serialize)]
struct WhatIfPage {
    id: i64,
    number: String,
    period: String,
    inputs: Vec<FigureInput>,
    lines: Vec<LineRow>,
    total_before: String,
    total_after: String,
    total_change: String,
    changed: bool,
    errors: Vec<String>,
}

#[derive(Serialize)]
struct FigureInput {
    code: &'static str,
    name: &'static str,
    now: String,
    numerator: String,
    denominator: String,
    /// Counted per day: a total, with no denominator to give.
    total: bool,
}

#[derive(Serialize)]
struct LineRow {
    label: String,
    before: String,
    after: String,
    change: String,
    /// up, down or same: how the line moved.
    moved: &'static str,
    detail: Vec<String>,
}

#[get("/contracts/{id}/months/{period}/what-if")]
pub async fn show(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let Some((id, period)) = contract_month(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let language = signed.visitor.language;
    let asked = query.into_inner();
    let mut errors = Violations::default();
    let figures = entered(&asked, &mut errors);
    let data = async {
        let outcome = what_if(signed.app(), signed.caller(), id, period, figures).await;
        let (result, mut messages) = match outcome {
            Ok(result) => (result, Vec::new()),
            Err(AppError::Invalid(broken)) => {
                let messages = broken
                    .iter()
                    .map(|v| format!("{}: {}", v.field, language.message(&v.message)))
                    .collect();
                let unchanged =
                    what_if(signed.app(), signed.caller(), id, period, Vec::new()).await?;
                (unchanged, messages)
            }
            Err(error) => return Err(error),
        };
        messages.extend(
            errors
                .iter()
                .map(|v| format!("{}: {}", v.field, language.message(&v.message))),
        );
        Ok(page(result, period, &asked, messages, language))
    };
    signed.show("what_if", "what-if-title", data).await
}

/// The figures the form asks about: a numerator (and denominator) per metric, as month totals.
fn entered(asked: &HashMap<String, String>, errors: &mut Violations) -> Vec<EnteredFigure> {
    let mut figures = Vec::new();
    let mut codes: Vec<&str> = asked.keys().filter_map(|k| k.strip_prefix("n.")).collect();
    codes.sort_unstable();
    for code in codes {
        let number = |errors: &mut Violations, name: String| whole_number(asked, &name, errors);
        let Some(numerator) = number(errors, format!("n.{code}")) else {
            continue;
        };
        figures.push(EnteredFigure {
            metric: code.to_owned(),
            numerator,
            denominator: number(errors, format!("d.{code}")),
            segments: Vec::new(),
        });
    }
    figures
}

fn page(
    result: WhatIf,
    period: Period,
    asked: &HashMap<String, String>,
    errors: Vec<String>,
    language: Language,
) -> WhatIfPage {
    let currency = result.contract.currency.code();
    let digits = result.contract.currency.minor_digits();
    let explainer = Explainer {
        language,
        currency,
        minor_digits: digits,
        period,
        terms: &result.terms,
        credit_note: false,
    };
    let money = |v: Decimal| amount(v, digits);
    let after = &result.simulation.draft;
    let lines = paired(&result.baseline, after)
        .into_iter()
        .map(|(before, after)| {
            let shown = after.or(before);
            let explained = shown.map(|l| explainer.explain(l));
            let (b, a) = (
                before.map_or(Decimal::ZERO, |l| l.amount),
                after.map_or(Decimal::ZERO, |l| l.amount),
            );
            LineRow {
                label: explained
                    .as_ref()
                    .map_or_else(String::new, |e| e.label.clone()),
                before: before.map_or_else(|| "—".into(), |l| money(l.amount)),
                after: after.map_or_else(|| "—".into(), |l| money(l.amount)),
                change: if a == b {
                    String::new()
                } else {
                    signed(a - b, digits)
                },
                moved: if a > b {
                    "up"
                } else if a < b {
                    "down"
                } else {
                    "same"
                },
                detail: explained.map(|e| e.detail).unwrap_or_default(),
            }
        })
        .collect();
    let inputs = result
        .figures
        .iter()
        .map(|(metric, sums)| {
            let code = metric.code;
            let now = sums.and_then(|s| s.value(metric, digits)).map_or_else(
                || language.text("no-figure", &[]),
                |v| figure(v, metric, language),
            );
            let given = |name: String, stored: Option<i64>| {
                asked
                    .get(&name)
                    .cloned()
                    .unwrap_or_else(|| stored.map_or_else(String::new, |n| n.to_string()))
            };
            FigureInput {
                code,
                name: language.metric_name(metric),
                now,
                numerator: given(format!("n.{code}"), sums.map(|s| s.numerator)),
                denominator: given(format!("d.{code}"), sums.map(|s| s.denominator)),
                total: metric.is_total,
            }
        })
        .collect();
    WhatIfPage {
        id: result.contract.id.get(),
        number: result.contract.number.clone(),
        period: period.to_string(),
        inputs,
        lines,
        total_before: money(result.baseline.total),
        total_after: money(after.total),
        total_change: signed(after.total - result.baseline.total, digits),
        changed: !result.simulation.hypothetical.is_empty(),
        errors,
    }
}

/// A change with its sign: `+1,250.00`, `-500.00`, `0.00`.
fn signed(change: Decimal, digits: u32) -> String {
    let text = amount(change, digits);
    if change > Decimal::ZERO {
        format!("+{text}")
    } else {
        text
    }
}

/// Each line of the invoice as it stands beside its counterpart with other
/// figures: the same kind, name and source; a line only one has stands alone.
fn paired<'a>(
    before: &'a InvoiceDraft,
    after: &'a InvoiceDraft,
) -> Vec<(Option<&'a Line>, Option<&'a Line>)> {
    let same = |a: &Line, b: &Line| {
        a.kind == b.kind
            && a.label == b.label
            && a.explanation.reference == b.explanation.reference
            && a.explanation.from == b.explanation.from
    };
    let mut taken = vec![false; after.lines.len()];
    let mut pairs = Vec::new();
    for line in &before.lines {
        let found = after
            .lines
            .iter()
            .enumerate()
            .find(|(i, other)| !taken[*i] && same(line, other))
            .map(|(i, other)| {
                taken[i] = true;
                other
            });
        pairs.push((Some(line), found));
    }
    for (i, line) in after.lines.iter().enumerate() {
        if !taken[i] {
            pairs.push((None, Some(line)));
        }
    }
    pairs
}
