//! SLA clauses: the days and figures each clause is judged on, the fee base
//! its percentages are of (see [`super::evaluation`]), and whether it owes a
//! penalty or earns a bonus.
//!
//! The penalty is written by [`super::penalty`], the bonus by
//! [`super::bonus`], both reading their schedule through
//! [`super::schedule`]; incident duties are priced in [`super::incidents`].

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::bonus::reward;
use super::days::{self, TargetSegment, count};
use super::evaluation::{Evaluation, Label, fee_base};
use super::penalty::{missing, penalty};
use super::{BillingInput, Book, ConditionMet, TermsPart};
use crate::domain::metric::Metric;
use crate::domain::terms::{BandsSchedule, ChargeKindName, Condition, Schedule};

pub(super) use super::incidents::incidents;

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
        for segment in days::by_target(spec, days) {
            let TargetSegment {
                target,
                label,
                spans,
            } = segment;
            let (Some(&(from, _)), Some(&(_, to))) = (spans.first(), spans.last()) else {
                continue;
            };
            let label = Label {
                name: &spec.name,
                window: label,
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
                        let met: Option<Vec<ConditionMet>> = bonus
                            .also_requires
                            .iter()
                            .map(|c| condition_met(input, c, &spans))
                            .collect();
                        match met {
                            Some(conditions) => {
                                let base = fee_base(
                                    schedule_base(&bonus.schedule),
                                    fees,
                                    seg_days,
                                    part_days,
                                );
                                let eval = Evaluation { base, ..eval };
                                let figure = (ratio, sample);
                                reward(&eval, &bonus.schedule, figure, conditions, book);
                            }
                            None => book.notes.push(format!(
                                "{}: no bonus from {from} to {to}: its further conditions do not all hold",
                                eval.label
                            )),
                        }
                    }
                }
            }
        }
    }
}

/// A bonus's further condition over the days of `spans`, with its figure, if it holds.
fn condition_met(
    input: &BillingInput,
    condition: &Condition,
    spans: &[(NaiveDate, NaiveDate)],
) -> Option<ConditionMet> {
    let metric = Metric::find(&condition.metric)?;
    let figures = input.figures.iter().find(|f| f.metric == condition.metric);
    let ratio = days::sum(figures, spans)
        .for_sla
        .ratio(metric, input.minor_digits)?;
    (!ratio.falls_short(metric, condition.threshold)).then(|| ConditionMet {
        metric: condition.metric.clone(),
        threshold: condition.threshold,
        actual: ratio.value(),
    })
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
