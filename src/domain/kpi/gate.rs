//! The exit criteria of a handover phase, evaluated against a period's sums.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;
use utoipa::ToSchema;

use super::Sums;
use crate::domain::metric::Metric;
use crate::domain::terms::Condition;

/// One exit criterion of a handover phase, evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct CriterionResult {
    pub metric: String,
    #[schema(value_type = String)]
    pub threshold: Decimal,
    /// The period's value for SLA; absent when there are no figures.
    #[schema(value_type = Option<String>)]
    pub actual: Option<Decimal>,
    pub passed: bool,
    /// Why it failed, when it did for want of figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Evaluates exit criteria against period sums for SLA (metric code → sums).
pub fn evaluate_gate(
    criteria: &[Condition],
    sums: &BTreeMap<String, Sums>,
    minor_digits: u32,
) -> Vec<CriterionResult> {
    criteria
        .iter()
        .map(|c| {
            let ratio = Metric::find(&c.metric).and_then(|metric| {
                sums.get(&c.metric)
                    .and_then(|s| s.ratio(metric, minor_digits))
                    .map(|r| (metric, r))
            });
            match ratio {
                Some((metric, ratio)) => CriterionResult {
                    metric: c.metric.clone(),
                    threshold: c.threshold,
                    actual: Some(ratio.value()),
                    passed: !ratio.falls_short(metric, c.threshold),
                    note: None,
                },
                None => CriterionResult {
                    metric: c.metric.clone(),
                    threshold: c.threshold,
                    actual: None,
                    passed: false,
                    note: Some("no figures for the period".into()),
                },
            }
        })
        .collect()
}
