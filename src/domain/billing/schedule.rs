//! Reading a clause's schedule against its figure: the band reached and
//! what it costs or pays, the steps counted from the target, and the words
//! the formula gives each.

use std::fmt;

use rust_decimal::Decimal;

use super::Line;
use super::evaluation::{Base, Evaluation};
use crate::domain::decimal::Plain;
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
struct Reach<'a> {
    band: &'a Band,
    down: bool,
}

impl fmt::Display for Reach<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = if self.down { "below" } else { "above" };
        let threshold = Plain(self.band.threshold);
        if self.band.inclusive {
            write!(f, "{threshold} or {side}")
        } else {
            write!(f, "{side} {threshold}")
        }
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

/// What a band costs or pays in words: its amount, or "p% of" the base.
pub(super) struct BandFormula<'a> {
    band: &'a Band,
    base: Option<Base<'a>>,
}

pub(super) fn band_formula<'a>(eval: &Evaluation<'a>, band: &'a Band) -> BandFormula<'a> {
    BandFormula {
        band,
        base: eval.base,
    }
}

impl fmt::Display for BandFormula<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.band.amount, self.band.percent) {
            (Some(amount), _) => write!(f, "{}", Plain(amount)),
            (None, Some(percent)) => {
                write!(f, "{}% of ", Plain(percent))?;
                match &self.base {
                    Some(base) => write!(f, "{base}"),
                    None => Ok(()),
                }
            }
            _ => Ok(()),
        }
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

/// The band reached in words: "band n (reach): formula".
pub(super) struct BandWords<'a> {
    number: usize,
    reach: Reach<'a>,
    formula: BandFormula<'a>,
}

impl fmt::Display for BandWords<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "band {} ({}): {}", self.number, self.reach, self.formula)
    }
}

/// The furthest of `bands` that `ratio` reaches (`worse`: a penalty's, else a
/// bonus's), its amount, and in words "band n (reach): formula"; the band's
/// number and base go on `line`.
pub(super) fn band_reached<'a>(
    eval: &Evaluation<'a>,
    bands: &'a [Band],
    ratio: Ratio,
    worse: bool,
    line: &mut Line,
) -> Option<(Decimal, BandWords<'a>)> {
    let index = bands
        .iter()
        .rposition(|b| reaches(eval.metric, ratio, b, worse))?;
    let band = &bands[index];
    let amount = band_amount(eval, band, line);
    line.explanation.band = Some(index + 1);
    let words = BandWords {
        number: index + 1,
        reach: Reach {
            band,
            down: runs_down(eval.metric, worse),
        },
        formula: band_formula(eval, band),
    };
    Some((amount, words))
}
