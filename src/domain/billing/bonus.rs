//! An SLA clause's bonus: what beating the target earns under its schedule.

use super::evaluation::Evaluation;
use super::schedule::{band_reached, counting_words, steps};
use super::{Book, ConditionMet, LineKind, Rule};
use crate::domain::kpi::Ratio;
use crate::domain::terms::{BandsSchedule, FixedSchedule, Schedule};

/// The bonus `schedule` pays for `ratio`, its further `conditions` met.
pub(super) fn reward(
    eval: &Evaluation<'_>,
    schedule: &Schedule,
    (ratio, sample): (Ratio, i64),
    conditions: Vec<ConditionMet>,
    book: &mut Book<'_>,
) {
    let (mut line, standing) = eval.judged(LineKind::Bonus, Rule::Bonus, ratio, sample);
    line.label = format!("{}: bonus", eval.label);
    line.explanation.conditions = conditions;
    match schedule {
        Schedule::Bands(BandsSchedule { bands, .. }) => {
            let Some((amount, words)) = band_reached(eval, bands, ratio, false, &mut line) else {
                return;
            };
            line.explanation.formula = format!("{standing}: bonus {words}");
            book.push(line, amount);
        }
        Schedule::PerStep(schedule) => {
            let steps = steps(schedule, ratio, eval.target);
            let earned = steps * schedule.amount;
            let amount = schedule.max.map_or(earned, |max| earned.min(max));
            line.explanation.steps = Some(steps);
            line.explanation.rate = Some(schedule.amount);
            line.explanation.formula = format!(
                "{standing}: {steps} step(s) of {} ({}) × {}{}",
                schedule.step,
                counting_words(schedule),
                schedule.amount,
                match schedule.max {
                    Some(max) if earned > max => format!(", at most {max}"),
                    _ => String::new(),
                }
            );
            book.push(line, amount);
        }
        Schedule::Fixed(FixedSchedule { amount }) => {
            line.explanation.formula = format!("{standing}: {amount} for meeting it");
            book.push(line, *amount);
        }
    }
}
