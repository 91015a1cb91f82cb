//! An SLA clause's bonus: what beating the target earns under its schedule.

use std::fmt::Write as _;

use super::evaluation::Evaluation;
use super::schedule::{band_reached, counting_words, reaches, steps};
use super::{Book, ConditionMet, LineKind, Rule, formula};
use crate::domain::decimal::Plain;
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
    // Beating the target by less than the first band pays nothing: no line to word.
    if let Schedule::Bands(BandsSchedule { bands, .. }) = schedule
        && !bands.iter().any(|b| reaches(eval.metric, ratio, b, false))
    {
        return;
    }
    let (mut line, standing) = eval.judged(LineKind::Bonus, Rule::Bonus, ": bonus", ratio, sample);
    line.explanation.conditions = conditions;
    match schedule {
        Schedule::Bands(BandsSchedule { bands, .. }) => {
            let Some((amount, words)) = band_reached(eval, bands, ratio, false, &mut line) else {
                return;
            };
            line.explanation.formula = formula(format_args!("{standing}: bonus {words}"));
            book.push(line, amount);
        }
        Schedule::PerStep(schedule) => {
            let steps = steps(schedule, ratio, eval.target);
            let earned = steps * schedule.amount;
            let amount = schedule.max.map_or(earned, |max| earned.min(max));
            line.explanation.steps = Some(steps);
            line.explanation.rate = Some(schedule.amount);
            let mut written = formula(format_args!(
                "{standing}: {} step(s) of {} ({}) × {}",
                Plain(steps),
                Plain(schedule.step),
                counting_words(schedule),
                Plain(schedule.amount)
            ));
            if let Some(max) = schedule.max
                && earned > max
            {
                let _ = write!(written, ", at most {}", Plain(max));
            }
            line.explanation.formula = written;
            book.push(line, amount);
        }
        Schedule::Fixed(FixedSchedule { amount }) => {
            line.explanation.formula = formula(format_args!(
                "{standing}: {} for meeting it",
                Plain(*amount)
            ));
            book.push(line, *amount);
        }
    }
}
