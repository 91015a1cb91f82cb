//! An SLA clause's penalty: the band or steps its shortfall reaches, the
//! clause's own maximum beside it, and the rule for missing figures.

use rust_decimal::Decimal;

use super::evaluation::Evaluation;
use super::schedule::{band_amount, band_formula, band_reached, counting_words, steps};
use super::{Book, Line, LineKind, Rule, Warning, WarningCode, formula};
use crate::domain::decimal::Plain;
use crate::domain::kpi::Ratio;
use crate::domain::terms::{BandsSchedule, FixedSchedule, MissingData, PerStepSchedule, Schedule};

/// How far the value lies from the target, as shown (six places).
fn distance(ratio: Ratio, target: Decimal) -> Decimal {
    (ratio.value() - target).abs()
}

pub(super) fn penalty(
    eval: &Evaluation<'_>,
    schedule: &Schedule,
    ratio: Ratio,
    sample: i64,
    book: &mut Book<'_>,
) {
    let judged = || eval.judged(LineKind::Penalty, Rule::Clause, "", ratio, sample);
    match schedule {
        Schedule::Bands(BandsSchedule { bands, .. }) => {
            let (mut line, shortfall) = judged();
            let Some((amount, words)) = band_reached(eval, bands, ratio, true, &mut line) else {
                book.notes.push(format!(
                    "{}: {shortfall} misses the target but reaches no band",
                    eval.label
                ));
                return;
            };
            if !book.writes(LineKind::Penalty, -amount) {
                return;
            }
            line.explanation.formula = formula(format_args!("{shortfall}: {words}"));
            book.push(line, -amount);
        }
        Schedule::PerStep(schedule) => {
            let steps = steps(schedule, ratio, eval.target);
            // Short of a whole step, most often: nothing is charged, and no
            // maximum gives anything back.
            if !book.writes(LineKind::Penalty, -(steps * schedule.amount))
                && schedule.max.is_none_or(|max| max >= Decimal::ZERO)
            {
                return;
            }
            let (mut line, shortfall) = judged();
            line.explanation.steps = Some(steps);
            line.explanation.rate = Some(schedule.amount);
            line.explanation.formula = formula(format_args!(
                "{shortfall}: {} short = {} step(s) of {} ({}) × {}",
                Plain(distance(ratio, eval.target).normalize()),
                Plain(steps),
                Plain(schedule.step),
                counting_words(schedule),
                Plain(schedule.amount)
            ));
            push_with_maximum(eval, line, steps * schedule.amount, schedule.max, book);
        }
        Schedule::Fixed(FixedSchedule { amount }) => {
            if !book.writes(LineKind::Penalty, -*amount) {
                return;
            }
            let (mut line, shortfall) = judged();
            line.explanation.formula = formula(format_args!(
                "{shortfall}: {} for the breach",
                Plain(*amount)
            ));
            book.push(line, -*amount);
        }
    }
}

/// A penalty line, and beside it what the clause's own maximum gives back.
fn push_with_maximum(
    eval: &Evaluation<'_>,
    line: Line,
    amount: Decimal,
    max: Option<Decimal>,
    book: &mut Book<'_>,
) {
    let category = line.category;
    let written = book.lines.len();
    book.push(line, -amount);
    let Some(max) = max else { return };
    // The line just written, if it was: a penalty that rounds to nothing is
    // not, and the line before it is another clause's.
    let charged = book.lines.get(written).map_or(Decimal::ZERO, |l| -l.amount);
    if charged > max {
        let mut relief = eval.line(LineKind::Cap, Rule::ClauseMaximum, ": clause maximum");
        relief.category = category;
        relief.explanation.base = Some(charged);
        let (written, limit) = (Plain(charged), Plain(max));
        relief.explanation.formula = formula(format_args!(
            "{written} above the clause's maximum of {limit}: {written} − {limit}"
        ));
        book.push(relief, charged - max);
    }
}

/// No figures for the days: the clause's rule for missing data.
pub(super) fn missing(eval: &Evaluation<'_>, book: &mut Book<'_>) {
    let spec = &eval.clause.spec;
    if spec.missing_data == MissingData::Waive {
        book.notes.push(format!(
            "{}: no {} figures from {} to {}: waived, as the clause says",
            eval.label, spec.metric, eval.from, eval.to
        ));
        return;
    }
    let mut line = eval.line(LineKind::Penalty, Rule::Clause, "");
    let why = format!("no {} figures: treated as a breach", spec.metric);
    let Some(penalty) = &spec.penalty else {
        book.notes.push(format!(
            "{}: no {} figures from {} to {}; the clause has a bonus only",
            eval.label, spec.metric, eval.from, eval.to
        ));
        return;
    };
    book.breached = true;
    match penalty {
        Schedule::Bands(BandsSchedule { bands, .. }) => {
            let Some(band) = bands.last() else { return };
            let amount = band_amount(eval, band, &mut line);
            line.explanation.band = Some(bands.len());
            line.explanation.formula = format!(
                "{why}, the worst band {}: {}",
                bands.len(),
                band_formula(eval, band)
            );
            book.push(line, -amount);
        }
        Schedule::PerStep(PerStepSchedule { max: Some(max), .. }) => {
            line.explanation.formula = format!("{why}, the clause's maximum: {max}");
            book.push(line, -*max);
        }
        Schedule::PerStep(PerStepSchedule { max: None, .. }) => {
            book.warnings.push(Warning {
                code: WarningCode::ClauseNotPriced,
                message: format!(
                    "{}: {why}, but a per-step penalty without a maximum has no amount for it",
                    eval.label
                ),
            });
        }
        Schedule::Fixed(FixedSchedule { amount }) => {
            line.explanation.formula = format!("{why}: {amount}");
            book.push(line, -*amount);
        }
    }
}
