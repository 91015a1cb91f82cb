//! One SLA clause over one target segment, as the penalty, the bonus and
//! their schedules read it, with the fee base its percentages are of.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{Explanation, Line, LineKind, Rule, TermsPart};
use crate::domain::kpi::Ratio;
use crate::domain::metric::Metric;
use crate::domain::terms::{ChargeKindName, SlaClause};

/// One clause over one target segment.
pub(super) struct Evaluation<'a> {
    pub(super) clause: &'a SlaClause,
    pub(super) part: &'a TermsPart,
    pub(super) metric: &'static Metric,
    pub(super) target: Decimal,
    pub(super) label: String,
    pub(super) from: NaiveDate,
    pub(super) to: NaiveDate,
    /// The fee base for percentages, pro rata to the segment's days.
    pub(super) base: Option<Base<'a>>,
}

impl Evaluation<'_> {
    /// A line of the clause's outcome with the measured value and sample, and
    /// the standing in words ("metric value against a target of t").
    pub(super) fn judged(
        &self,
        kind: LineKind,
        rule: Rule,
        ratio: Ratio,
        sample: i64,
    ) -> (Line, String) {
        let value = ratio.value();
        let mut line = self.line(kind, rule);
        line.explanation.actual = Some(value);
        line.explanation.sample = Some(sample);
        let standing = format!(
            "{} {value} against a target of {}",
            self.metric.code, self.target
        );
        (line, standing)
    }

    pub(super) fn line(&self, kind: LineKind, rule: Rule) -> Line {
        Line {
            kind,
            label: self.label.clone(),
            amount: Decimal::ZERO,
            charge_kind: None,
            category: (kind == LineKind::Penalty).then_some(self.clause.spec.category),
            explanation: Explanation {
                rule,
                reference: Some(i64::from(self.clause.id)),
                terms_version: Some(self.part.version),
                from: Some(self.from),
                to: Some(self.to),
                metric: Some(self.metric.code.to_owned()),
                target: Some(self.target),
                ..Explanation::default()
            },
        }
    }
}

/// A percentage's base: the period's charges of the named kinds, pro rata to
/// the segment's days.
#[derive(Clone, Copy)]
pub(super) struct Base<'a> {
    pub(super) amount: Decimal,
    total: Decimal,
    kinds: &'a [ChargeKindName],
    seg_days: u32,
    part_days: u32,
}

impl Base<'_> {
    pub(super) fn describe(&self) -> String {
        let names: Vec<&str> = self.kinds.iter().map(|k| k.as_str()).collect();
        let mut text = format!("fee base {} ({})", self.total, names.join(" + "));
        if self.seg_days != self.part_days {
            text.push_str(&format!(" × {}/{} days", self.seg_days, self.part_days));
        }
        text
    }
}

pub(super) fn fee_base<'a>(
    kinds: Option<&'a [ChargeKindName]>,
    fees: &[(ChargeKindName, Decimal)],
    seg_days: u32,
    part_days: u32,
) -> Option<Base<'a>> {
    let kinds = kinds?;
    let total: Decimal = fees
        .iter()
        .filter(|(k, _)| kinds.contains(k))
        .map(|(_, a)| *a)
        .sum();
    let amount = if seg_days == part_days {
        total
    } else {
        total * Decimal::from(seg_days) / Decimal::from(part_days)
    };
    Some(Base {
        amount,
        total,
        kinds,
        seg_days,
        part_days,
    })
}
