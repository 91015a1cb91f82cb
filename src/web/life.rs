//! What the pages of a contract's life share (signing, what it would have
//! billed, versions, audit trail, handover): the head naming the contract,
//! a use case's refusal split by the field it concerns, and the words for the
//! fields and values of the terms.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use serde::Serialize;
use serde_json::Value;

use crate::app::AppError;
use crate::app::contracts::ContractView;
use crate::catalogue::Language;
use crate::domain::metric::Metric;

/// The contract a page is about, and the links between its life's pages.
#[derive(Debug, Serialize)]
pub struct Head {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub status: String,
    pub status_word: String,
    pub start: String,
    pub end: String,
    /// The page shown, to mark its link.
    pub here: &'static str,
}

impl Head {
    pub fn of(contract: &ContractView, here: &'static str, language: Language) -> Self {
        let status = contract.status.as_str().to_owned();
        Self {
            id: contract.id,
            number: contract.number.clone(),
            title: contract.title.clone(),
            status_word: language.text(&format!("status-{status}"), &[]),
            status,
            start: contract.start.to_string(),
            end: contract.end.to_string(),
            here,
        }
    }
}

/// A refusal split by field: the rules broken beside the fields they
/// concern (by the name the use case gives them), the rest above the form.
#[derive(Debug, Default)]
pub struct Refusal {
    pub status: Option<StatusCode>,
    pub fields: HashMap<String, Vec<String>>,
    pub general: Vec<String>,
}

impl Refusal {
    /// The refusal of a form, or the error when it is not the form's to show
    /// (not found, forbidden, a failure of ours).
    pub fn of(language: Language, error: AppError) -> Result<Self, AppError> {
        let mut refusal = Refusal::default();
        match error {
            AppError::Invalid(violations) => {
                refusal.status = Some(StatusCode::UNPROCESSABLE_ENTITY);
                for v in violations.iter() {
                    refusal
                        .fields
                        .entry(v.field.clone())
                        .or_default()
                        .push(language.message(&v.message));
                }
            }
            AppError::Conflict { field, message } => {
                refusal.status = Some(StatusCode::CONFLICT);
                let text = language.message(&message);
                match field {
                    Some(field) => refusal.fields.entry(field).or_default().push(text),
                    None => refusal.general.push(text),
                }
            }
            other => return Err(other),
        }
        Ok(refusal)
    }

    /// The rules broken on `field`, taken out.
    pub fn take(&mut self, field: &str) -> Vec<String> {
        self.fields.remove(field).unwrap_or_default()
    }

    /// Whatever no field of the form took: shown above it, each with its field's words.
    pub fn rest(mut self, language: Language) -> Vec<String> {
        let mut fields: Vec<(String, Vec<String>)> = self.fields.drain().collect();
        fields.sort();
        for (field, rules) in fields {
            for rule in rules {
                self.general.push(if field.is_empty() {
                    rule
                } else {
                    language.text(
                        "field-rule",
                        &[("field", field_label(language, &field)), ("rule", rule)],
                    )
                });
            }
        }
        self.general
    }
}

/// The fields of the terms that have words in the catalogue (`life-field-…`).
const FIELDS: &[&str] = &[
    "also_requires",
    "amount",
    "annual_cap",
    "applies_from_phase",
    "bands",
    "bonus",
    "category",
    "channels",
    "charge_kinds",
    "charges",
    "commercial",
    "counting",
    "covers",
    "date",
    "discrepancy_tolerance",
    "effective_from",
    "end",
    "escalate_within_minutes",
    "exit_criteria",
    "fee_base",
    "figures_from",
    "from",
    "gate_period",
    "grace_days",
    "hours",
    "incident_duties",
    "included",
    "inclusive",
    "inquiry_share",
    "kind",
    "kpi_metric",
    "kpi_source",
    "label",
    "last",
    "liability",
    "lines",
    "max",
    "method",
    "metric",
    "min_sample",
    "missing_data",
    "monthly_cap",
    "name",
    "net_days",
    "overrides",
    "payment",
    "penalty",
    "percent",
    "percent_of_fees",
    "period",
    "phases",
    "pricing",
    "rate",
    "reason",
    "report_deemed_accepted_after_days",
    "rounding",
    "schedule",
    "scope",
    "seats",
    "severity",
    "shifts",
    "sla_clauses",
    "start",
    "status",
    "step",
    "target",
    "tax_rate",
    "termination_after_breached_months",
    "threshold",
    "tier_by",
    "tiers",
    "to",
    "type",
    "uncapped",
    "unit_price",
    "vendor_id",
    "weekday",
];

/// The values of the terms that are words (`life-value-…`).
const VALUES: &[&str] = &[
    "after_sale",
    "alipay",
    "bands",
    "bank_transfer",
    "breach",
    "commission",
    "complaints",
    "critical",
    "data_breach",
    "data_leak",
    "email",
    "fixed",
    "fri",
    "graduated",
    "gross_negligence",
    "half_even",
    "half_up",
    "high",
    "incident",
    "kpi",
    "low",
    "medium",
    "merchant",
    "minimum_commitment",
    "mon",
    "one_time",
    "online_chat",
    "other",
    "per_step",
    "per_unit",
    "phone",
    "pre_sale",
    "pro_rata",
    "safety",
    "sales",
    "sat",
    "seat_monthly",
    "service_failure",
    "sla",
    "started",
    "sun",
    "system",
    "thu",
    "tickets",
    "tue",
    "vendor",
    "volume",
    "waive",
    "wechat",
    "wechat_pay",
    "wed",
    "whole",
];

/// A field's path in words: `payment.net_days` → 付款条件 · 账期天数,
/// `tiers[1].unit_price` → 阶梯 2 · 单价.
pub fn field_label(language: Language, path: &str) -> String {
    path.split('.')
        .map(|segment| {
            let (key, index) = match segment.split_once('[') {
                Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
                None => (segment, None),
            };
            let word = if FIELDS.contains(&key) {
                language.text(&format!("life-field-{}", key.replace('_', "-")), &[])
            } else {
                key.to_owned()
            };
            match index {
                Some(i) => format!("{word} {}", i + 1),
                None => word,
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A value of the terms in words: a metric by its name, a kind or a channel
/// in the page's language, yes or no, a list joined.
pub fn value_text(language: Language, value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "—".to_owned(),
        Some(Value::Bool(yes)) => language.text(if *yes { "life-yes" } else { "life-no" }, &[]),
        Some(Value::String(text)) => word_of(language, text),
        Some(Value::Array(list)) if list.is_empty() => "—".to_owned(),
        Some(Value::Array(list)) => list
            .iter()
            .map(|v| value_text(language, Some(v)))
            .collect::<Vec<_>>()
            .join(language.text("life-list-separator", &[]).as_str()),
        Some(other) => other.to_string(),
    }
}

fn word_of(language: Language, text: &str) -> String {
    if let Some(metric) = Metric::find(text) {
        return language.metric_name(metric).to_owned();
    }
    if VALUES.contains(&text) {
        return language.text(&format!("life-value-{}", text.replace('_', "-")), &[]);
    }
    text.to_owned()
}

/// The catalogue's word for a metric's code, or the code.
pub fn metric_word(language: Language, code: &str) -> String {
    Metric::find(code).map_or_else(|| code.to_owned(), |m| language.metric_name(m).to_owned())
}
