//! An SLA clause's bonus: what beating the target earns under its schedule.

use super::evaluation::Evaluation;
use super::schedule::{band_amount, band_formula, band_reach, counting_words, reaches, steps};
use super::{Book, LineKind, Rule};
use crate::domain::kpi::Ratio;
use crate::domain::terms::{BandsSchedule, FixedSchedule, Schedule};

pub(super) fn reward(
    eval: &Evaluation<'_>,
    schedule: &Schedule,
    ratio: Ratio,
    sample: i64,
    book: &mut Book<'_>,
) {
    let value = ratio.value();
    let mut line = eval.line(LineKind::Bonus, Rule::Bonus);
    line.label = format!("{}: bonus", eval.label);
    line.explanation.actual = Some(value);
    line.explanation.sample = Some(sample);
    let standing = format!(
        "{} {value} against a target of {}",
        eval.metric.code, eval.target
    );
    match schedule {
        Schedule::Bands(BandsSchedule { bands, .. }) => {
            let Some(index) = bands
                .iter()
                .rposition(|b| reaches(eval.metric, ratio, b, false))
            else {
                return;
            };
            let band = &bands[index];
            let amount = band_amount(eval, band, &mut line);
            line.explanation.band = Some(index + 1);
            line.explanation.formula = format!(
                "{standing}: bonus band {} ({}): {}",
                index + 1,
                band_reach(eval.metric, band, false),
                band_formula(eval, band)
            );
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
