//! SLA clauses: the days and figures each clause is judged on, the fee base
//! its percentages are of, and whether it owes a penalty or earns a bonus.
//!
//! The penalty is written by [`super::penalty`], the bonus by
//! [`super::bonus`], both reading their schedule through
//! [`super::schedule`]; incident duties are priced in [`super::incidents`].

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::bonus::reward;
use super::days::{self, TargetSegment, count};
use super::penalty::{missing, penalty};
use super::{BillingInput, Book, Explanation, Line, LineKind, Rule, TermsPart};
use crate::domain::metric::Metric;
use crate::domain::terms::{BandsSchedule, ChargeKindName, Schedule, SlaClause};

pub(super) use super::incidents::incidents;

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

pub(super) fn evaluate(
    input: &BillingInput,
    part: &TermsPart,
    fees: &[(ChargeKindName, Decimal)],
    book: &mut Book<'_>,
) {
    let part_days = count(part.from, part.to);
    for clause in &part.terms.sla_clauses {
        let spec = &clause.spec;
        let Some(metric) = Metric::find(&spec.metric) else {
            continue;
        };
        let days = days::applicable(spec, part);
        if days.is_empty() {
            book.notes.push(format!(
                "{}: not evaluated from {} to {}: before the phase it applies from, or in grace days",
                spec.name, part.from, part.to
            ));
            continue;
        }
        let figures = input.figures.iter().find(|f| f.metric == spec.metric);
        for segment in days::by_target(spec, &days) {
            let TargetSegment {
                target,
                label,
                spans,
            } = segment;
            let (Some(&(from, _)), Some(&(_, to))) = (spans.first(), spans.last()) else {
                continue;
            };
            let label = match label {
                Some(window) => format!("{} ({window})", spec.name),
                None => spec.name.clone(),
            };
            let seg_days = days::days_in(&spans);
            let excluded = input
                .excluded
                .iter()
                .filter(|d| spans.iter().any(|(a, b)| a <= *d && *d <= b))
                .count();
            if u32::try_from(excluded).ok() == Some(seg_days) {
                book.notes.push(format!(
                    "{label}: not evaluated from {from} to {to}: every day is excluded"
                ));
                continue;
            }
            let base = fee_base(
                spec.penalty.as_ref().and_then(schedule_base),
                fees,
                seg_days,
                part_days,
            );
            let eval = Evaluation {
                clause,
                part,
                metric,
                target,
                label,
                from,
                to,
                base,
            };
            let summed = days::sum(figures, &spans);
            if summed.whole_buckets {
                book.notes.push(format!(
                    "{}: evaluated from {from} to {to} on the figures of the whole month (the accepted report)",
                    eval.label
                ));
            }
            match summed.for_sla.ratio(metric, input.minor_digits) {
                None => missing(&eval, book),
                Some(ratio) => {
                    let sample = summed.for_sla.sample(metric);
                    if sample < i64::try_from(spec.min_sample).unwrap_or(i64::MAX) {
                        book.notes.push(format!(
                            "{}: not evaluated from {from} to {to}: a sample of {sample} is below the minimum of {}",
                            eval.label, spec.min_sample
                        ));
                        continue;
                    }
                    if ratio.falls_short(metric, target) {
                        match &spec.penalty {
                            Some(schedule) => {
                                book.breached = true;
                                penalty(&eval, schedule, ratio, sample, book);
                            }
                            None => book.notes.push(format!(
                                "{}: misses its target from {from} to {to}; the clause has a bonus only",
                                eval.label
                            )),
                        }
                    } else if let Some(bonus) = &spec.bonus {
                        let met = bonus.also_requires.iter().all(|c| {
                            let m = Metric::find(&c.metric);
                            let f = input.figures.iter().find(|f| f.metric == c.metric);
                            let sums = days::sum(f, &spans).for_sla;
                            m.and_then(|m| sums.ratio(m, input.minor_digits).map(|r| (m, r)))
                                .is_some_and(|(m, r)| !r.falls_short(m, c.threshold))
                        });
                        if met {
                            let base =
                                fee_base(schedule_base(&bonus.schedule), fees, seg_days, part_days);
                            let eval = Evaluation { base, ..eval };
                            reward(&eval, &bonus.schedule, ratio, sample, book);
                        } else {
                            book.notes.push(format!(
                                "{}: no bonus from {from} to {to}: its further conditions do not all hold",
                                eval.label
                            ));
                        }
                    }
                }
            }
        }
    }
}

/// The charge kinds a schedule's percentages are of.
fn schedule_base(schedule: &Schedule) -> Option<&[ChargeKindName]> {
    match schedule {
        Schedule::Bands(BandsSchedule {
            fee_base: Some(base),
            ..
        }) => Some(&base.charge_kinds),
        _ => None,
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

fn fee_base<'a>(
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
