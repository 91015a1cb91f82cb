//! Figures entered by hand as a month's totals — in a vendor's report, or in
//! a what-if simulation — checked against the metric's rules and, where the
//! terms judge the month in parts, part by part.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::billing::days_between;
use crate::domain::kpi::{self, Sums};
use crate::domain::message::{Message, msg};
use crate::domain::metric::Metric;
use crate::domain::report::segments::SegmentFigure;
use crate::domain::violation::Violations;

/// A figure the vendor enters for a metric it has no daily feed for, as period totals.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnteredFigure {
    pub metric: String,
    pub numerator: i64,
    /// May be left out (it is then 1) for a metric counted per day.
    #[serde(default)]
    pub denominator: Option<i64>,
    /// The same, part by part, adding up to the totals: required in a report
    /// where the terms judge the metric in parts (the report's `splits`).
    #[serde(default)]
    pub segments: Vec<EnteredSegment>,
}

/// The totals of a part of the month.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnteredSegment {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub numerator: i64,
    #[serde(default)]
    pub denominator: Option<i64>,
}

/// A checked figure: its metric, the totals and the parts.
pub struct Checked {
    pub index: usize,
    pub metric: &'static Metric,
    pub sums: Sums,
    pub segments: Vec<SegmentFigure>,
}

/// Checks figures given as a month's totals (from `days.0` to `days.1`):
/// each a metric of the catalogue, named once, with components its rules
/// allow, not refused by `refuse` (which says why), and parts, if given,
/// that follow one another through the month and add up to the totals.
pub fn check_totals(
    figures: &[EnteredFigure],
    (first, last): (NaiveDate, NaiveDate),
    errors: &mut Violations,
    refuse: impl Fn(&Metric) -> Option<Message>,
) -> Vec<Checked> {
    let days = days_between(first, last);
    let mut checked = Vec::new();
    for (i, figure) in figures.iter().enumerate() {
        let field = |name: &str| format!("figures[{i}].{name}");
        let Some(metric) = Metric::find(&figure.metric) else {
            errors.add(field("metric"), kpi::RowError::UnknownMetric);
            continue;
        };
        if figures[..i].iter().any(|f| f.metric == figure.metric) {
            errors.add(field("metric"), msg!("error-named-twice"));
            continue;
        }
        if let Some(why) = refuse(metric) {
            errors.add(field("metric"), why);
            continue;
        }
        let Some(denominator) = figure.denominator.or(metric.is_total.then_some(1)) else {
            errors.add(field("denominator"), kpi::RowError::DenominatorRequired);
            continue;
        };
        if let Err((name, error)) = kpi::check_totals(metric, figure.numerator, denominator, days) {
            errors.add(field(name), error);
            continue;
        }
        let sums = Sums {
            numerator: figure.numerator,
            denominator,
            days,
        };
        let Some(segments) = check_segments(metric, figure, (first, last), sums, &field, errors)
        else {
            continue;
        };
        checked.push(Checked {
            index: i,
            metric,
            sums,
            segments,
        });
    }
    checked
}

/// A figure's parts: one after another from the month's first day to its
/// last, each with components its rules allow, adding up to the totals.
fn check_segments(
    metric: &'static Metric,
    figure: &EnteredFigure,
    (first, last): (NaiveDate, NaiveDate),
    totals: Sums,
    field: &dyn Fn(&str) -> String,
    errors: &mut Violations,
) -> Option<Vec<SegmentFigure>> {
    let before = errors.len();
    let mut next = first;
    let mut parts = Vec::with_capacity(figure.segments.len());
    for (j, segment) in figure.segments.iter().enumerate() {
        let at = |name: &str| field(&format!("segments[{j}].{name}"));
        if segment.from != next || segment.to < segment.from || segment.to > last {
            errors.add(
                at("from"),
                msg!(
                    "error-segment-begins",
                    first = first,
                    last = last,
                    next = next
                ),
            );
            return None;
        }
        next = segment.to.succ_opt().unwrap_or(segment.to);
        let Some(denominator) = segment.denominator.or(metric.is_total.then_some(1)) else {
            errors.add(at("denominator"), kpi::RowError::DenominatorRequired);
            continue;
        };
        let days = days_between(segment.from, segment.to);
        if let Err((name, error)) = kpi::check_totals(metric, segment.numerator, denominator, days)
        {
            errors.add(at(name), error);
            continue;
        }
        let sums = Sums {
            numerator: segment.numerator,
            denominator: if metric.is_total { 1 } else { denominator },
            days,
        };
        parts.push(SegmentFigure {
            from: segment.from,
            to: segment.to,
            for_billing: sums,
            for_sla: sums,
        });
    }
    if !figure.segments.is_empty() && next <= last {
        errors.add(
            field("segments"),
            msg!("error-segment-ends-early", first = first, last = last),
        );
    }
    let (numerator, denominator) = parts.iter().fold((0i64, 0i64), |(n, d), p| {
        (
            n.saturating_add(p.for_billing.numerator),
            d.saturating_add(p.for_billing.denominator),
        )
    });
    let denominator = if metric.is_total { 1 } else { denominator };
    if !parts.is_empty() && (numerator, denominator) != (totals.numerator, totals.denominator) {
        errors.add(
            field("segments"),
            msg!(
                "error-segment-sums",
                numerator = numerator,
                denominator = denominator,
                total_numerator = totals.numerator,
                total_denominator = totals.denominator
            ),
        );
    }
    (errors.len() == before).then_some(parts)
}
