//! Caps and late escalations in words: which cap (a clause's maximum, the
//! month's, the contract year's, the amount due) cut how much of what, and
//! what an incident's late escalation cost.

use rust_decimal::Decimal;

use super::{Explainer, plain};
use crate::domain::billing::{Line, Rule};
use crate::domain::terms::{Liability, PenaltyCategory};

pub(super) fn cap(x: &Explainer<'_>, line: &Line, amount: Decimal) -> (String, Vec<String>) {
    let e = &line.explanation;
    let label = x.language.labels().rule(e.rule).to_owned();
    // What the cap was measured against: the clause's penalty, the capped
    // penalties, or the amount due; the line gives back what lay above it.
    let above = e.base.unwrap_or_default();
    let limit = above - amount;
    let liability = x.terms.last().map(|t| &t.liability);
    let detail = match e.rule {
        Rule::ClauseMaximum => {
            let name = x
                .terms
                .clause(e.terms_version, e.reference)
                .map(|c| c.spec.name.clone())
                .unwrap_or_else(|| {
                    line.label
                        .strip_suffix(": clause maximum")
                        .unwrap_or(&line.label)
                        .to_owned()
                });
            vec![x.t(
                "line-clause-maximum-detail",
                &[
                    ("number", e.reference.unwrap_or_default().to_string()),
                    ("name", name),
                    ("charged", x.money(above)),
                    ("max", x.money(limit)),
                    ("amount", x.money(amount)),
                ],
            )]
        }
        Rule::MonthlyCap => {
            let percent = liability
                .and_then(|l| l.monthly_cap.as_ref())
                .and_then(|c| c.percent_of_fees);
            let mut detail = vec![match percent {
                Some(percent) => x.t(
                    "line-monthly-cap-percent",
                    &[("percent", plain(percent)), ("limit", x.money(limit))],
                ),
                None => x.t("line-monthly-cap-amount", &[("limit", x.money(limit))]),
            }];
            detail.push(cut(x, above, limit, amount));
            detail.extend(uncapped(x, liability));
            detail
        }
        Rule::AnnualCap => {
            let mut detail: Vec<String> = liability
                .and_then(|l| l.annual_cap)
                .map(|annual| {
                    if limit > Decimal::ZERO {
                        x.t(
                            "line-annual-cap-left",
                            &[
                                ("cap", x.money(annual)),
                                ("earlier", x.money(annual - limit)),
                                ("limit", x.money(limit)),
                            ],
                        )
                    } else {
                        x.t("line-annual-cap-used", &[("cap", x.money(annual))])
                    }
                })
                .into_iter()
                .collect();
            detail.push(cut(x, above, limit, amount));
            detail.extend(uncapped(x, liability));
            detail
        }
        _ => vec![x.t(
            "line-amount-due-detail",
            &[("due", x.money(above)), ("amount", x.money(amount))],
        )],
    };
    (label, detail)
}

/// 计入上限的扣款合计 9,000.00 元，超出部分返还：9,000.00 元 − 6,000.00 元 = 3,000.00 元
fn cut(x: &Explainer<'_>, penalties: Decimal, limit: Decimal, amount: Decimal) -> String {
    x.t(
        "line-cap-cut",
        &[
            ("penalties", x.money(penalties)),
            ("limit", x.money(limit)),
            ("amount", x.money(amount)),
        ],
    )
}

/// The kinds of penalty no cap limits, when the contract names any.
fn uncapped(x: &Explainer<'_>, liability: Option<&Liability>) -> Option<String> {
    let categories = &liability?.uncapped;
    if categories.is_empty() {
        return None;
    }
    let names = categories
        .iter()
        .map(|c| {
            let id = match c {
                PenaltyCategory::Sla => "category-sla",
                PenaltyCategory::Incident => "category-incident",
                PenaltyCategory::DataBreach => "category-data-breach",
                PenaltyCategory::GrossNegligence => "category-gross-negligence",
            };
            x.t(id, &[])
        })
        .collect();
    Some(x.t("line-uncapped", &[("categories", x.list(names))]))
}

/// 事件 12 未按时上报: the duty of its severity, how long it took, what it costs.
pub(super) fn incident(x: &Explainer<'_>, line: &Line, amount: Decimal) -> (String, Vec<String>) {
    let e = &line.explanation;
    let labels = x.language.labels();
    let label = match e.reference {
        Some(incident) => x.t(
            "line-late-escalation-of",
            &[("incident", incident.to_string())],
        ),
        None => labels.late_escalation.clone(),
    };
    let facts = match &e.escalation {
        Some(escalation) => {
            let severity = x.t(&format!("severity-{}", escalation.severity.as_str()), &[]);
            let mut args = vec![
                ("severity", severity),
                ("deadline", escalation.deadline_minutes.to_string()),
            ];
            match escalation.minutes_taken {
                Some(minutes) => {
                    args.push(("minutes", minutes.to_string()));
                    x.t("line-escalation-late", &args)
                }
                None => x.t("line-escalation-missed", &args),
            }
        }
        None => x.t("line-escalation-unknown", &[]),
    };
    let cost = x.t("line-escalation-amount", &[("amount", x.money(amount))]);
    (label, vec![facts, cost])
}
