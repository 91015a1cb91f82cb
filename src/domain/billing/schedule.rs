//! Reading a clause's schedule against its figure: the band reached and
//! what it costs or pays, the steps counted from the target, and the words
//! the formula gives each.

use rust_decimal::Decimal;

use super::Line;
use super::evaluation::Evaluation;
use crate::domain::kpi::Ratio;
use crate::domain::metric::{Direction, Metric};
use crate::domain::terms::{Band, PerStepSchedule, StepCounting};

/// Whether a band moving away from the target runs down (to lower values):
/// worse for a penalty on a higher-is-better metric, and so on.
pub fn runs_down(metric: &Metric, worse: bool) -> bool {
    (metric.direction == Direction::HigherIsBetter) == worse
}

/// Whether the exact `ratio` lies in `band`, moving away from the target
/// (worse for a penalty, better for a bonus): beyond its threshold, or at it
/// when the band includes it.
pub(super) fn reaches(metric: &Metric, ratio: Ratio, band: &Band, worse: bool) -> bool {
    let ordering = ratio.cmp_decimal(band.threshold);
    match (runs_down(metric, worse), band.inclusive) {
        (true, true) => ordering.is_le(),
        (true, false) => ordering.is_lt(),
        (false, true) => ordering.is_ge(),
        (false, false) => ordering.is_gt(),
    }
}

/// The band's reach in words: "below 99", "99 or below".
pub(super) fn band_reach(metric: &Metric, band: &Band, worse: bool) -> String {
    let side = if runs_down(metric, worse) {
        "below"
    } else {
        "above"
    };
    if band.inclusive {
        format!("{} or {side}", band.threshold)
    } else {
        format!("{side} {}", band.threshold)
    }
}

pub(super) fn band_amount(eval: &Evaluation<'_>, band: &Band, line: &mut Line) -> Decimal {
    match (band.amount, band.percent, eval.base) {
        (Some(amount), _, _) => amount,
        (None, Some(percent), Some(base)) => {
            line.explanation.rate = Some(percent);
            line.explanation.base = Some(base.amount);
            base.amount * percent / Decimal::ONE_HUNDRED
        }
        _ => Decimal::ZERO,
    }
}

pub(super) fn band_formula(eval: &Evaluation<'_>, band: &Band) -> String {
    match (band.amount, band.percent) {
        (Some(amount), _) => format!("{amount}"),
        (None, Some(percent)) => format!(
            "{percent}% of {}",
            eval.base.map(|b| b.describe()).unwrap_or_default()
        ),
        _ => String::new(),
    }
}

/// The steps the exact value lies from the target, counted as the schedule says.
pub(super) fn steps(schedule: &PerStepSchedule, ratio: Ratio, target: Decimal) -> Decimal {
    // A step is more than zero by the terms' rules; none would count no steps.
    let Some(steps) = ratio.steps_from(target, schedule.step) else {
        return Decimal::ZERO;
    };
    let counted = match schedule.counting {
        StepCounting::Whole => steps.whole,
        StepCounting::Started if steps.fraction.is_zero() => steps.whole,
        StepCounting::Started => steps.whole + Decimal::ONE,
        StepCounting::ProRata => steps.whole + steps.fraction,
    };
    counted.normalize()
}

/// How the schedule counts a started step, for the formula.
pub(super) fn counting_words(schedule: &PerStepSchedule) -> &'static str {
    match schedule.counting {
        StepCounting::Whole => "whole steps only",
        StepCounting::Started => "a started step counts whole",
        StepCounting::ProRata => "pro rata",
    }
}

/// The furthest of `bands` that `ratio` reaches (`worse`: a penalty's, else a
/// bonus's), its amount, and in words "band n (reach): formula"; the band's
/// number and base go on `line`.
pub(super) fn band_reached(
    eval: &Evaluation<'_>,
    bands: &[Band],
    ratio: Ratio,
    worse: bool,
    line: &mut Line,
) -> Option<(Decimal, String)> {
    let index = bands
        .iter()
        .rposition(|b| reaches(eval.metric, ratio, b, worse))?;
    let band = &bands[index];
    let amount = band_amount(eval, band, line);
    line.explanation.band = Some(index + 1);
    let words = format!(
        "band {} ({}): {}",
        index + 1,
        band_reach(eval.metric, band, worse),
        band_formula(eval, band)
    );
    Some((amount, words))
}
