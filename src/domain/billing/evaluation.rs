//! One SLA clause over one target segment, as the penalty, the bonus and
//! their schedules read it, with the fee base its percentages are of.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{Explanation, Line, LineKind, Rule, TermsPart};
use crate::domain::decimal::Plain;
use crate::domain::kpi::Ratio;
use crate::domain::metric::Metric;
use crate::domain::terms::{ChargeKindName, SlaClause};

/// One clause over one target segment.
pub(super) struct Evaluation<'a> {
    pub(super) clause: &'a SlaClause,
    pub(super) part: &'a TermsPart,
    pub(super) metric: &'static Metric,
    pub(super) target: Decimal,
    pub(super) label: Label<'a>,
    pub(super) from: NaiveDate,
    pub(super) to: NaiveDate,
    /// The fee base for percentages, pro rata to the segment's days.
    pub(super) base: Option<Base<'a>>,
}

/// A clause's name on its lines, with the override's label for days under one:
/// "首次响应时间 (双11)".
#[derive(Clone, Copy)]
pub(super) struct Label<'a> {
    pub(super) name: &'a str,
    pub(super) window: Option<&'a str>,
}

impl Label<'_> {
    /// The label, then `suffix` (": bonus"), allocated once at its length.
    pub(super) fn with(&self, suffix: &str) -> String {
        match self.window {
            None => [self.name, suffix].concat(),
            Some(window) => [self.name, " (", window, ")", suffix].concat(),
        }
    }
}

impl fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.window {
            None => f.write_str(self.name),
            Some(window) => write!(f, "{} ({window})", self.name),
        }
    }
}

/// The standing in words: "metric value against a target of t".
#[derive(Clone, Copy)]
pub(super) struct Standing {
    code: &'static str,
    value: Decimal,
    target: Decimal,
}

impl fmt::Display for Standing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} against a target of {}",
            self.code,
            Plain(self.value),
            Plain(self.target)
        )
    }
}

impl Evaluation<'_> {
    /// A line of the clause's outcome with the measured value and sample, and
    /// the standing in words; its label is the clause's, then `suffix`.
    pub(super) fn judged(
        &self,
        kind: LineKind,
        rule: Rule,
        suffix: &str,
        ratio: Ratio,
        sample: i64,
    ) -> (Line, Standing) {
        let value = ratio.value();
        let mut line = self.line(kind, rule, suffix);
        line.explanation.actual = Some(value);
        line.explanation.sample = Some(sample);
        let standing = Standing {
            code: self.metric.code,
            value,
            target: self.target,
        };
        (line, standing)
    }

    /// A line of the clause, labelled with its name and then `suffix`.
    pub(super) fn line(&self, kind: LineKind, rule: Rule, suffix: &str) -> Line {
        Line {
            kind,
            label: self.label.with(suffix),
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

/// The base in words: "fee base 105300.65 (seat_monthly + per_unit)", and the
/// days it is pro rata to when the segment is not the whole part.
impl fmt::Display for Base<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fee base {} (", Plain(self.total))?;
        for (i, kind) in self.kinds.iter().enumerate() {
            if i > 0 {
                f.write_str(" + ")?;
            }
            f.write_str(kind.as_str())?;
        }
        f.write_str(")")?;
        if self.seg_days != self.part_days {
            write!(f, " × {}/{} days", self.seg_days, self.part_days)?;
        }
        Ok(())
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
