//! SLA clauses and incident duties: penalties and bonuses.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::days::{self, TargetSegment, count};
use super::{
    BillingInput, Book, Explanation, Line, LineKind, Rule, TermsPart, Warning, WarningCode,
};
use crate::domain::incident::Timeliness;
use crate::domain::kpi::Ratio;
use crate::domain::metric::{Direction, Metric};
use crate::domain::terms::{
    Band, BandsSchedule, ChargeKindName, FixedSchedule, MissingData, PenaltyCategory,
    PerStepSchedule, Schedule, SlaClause, StepCounting,
};

/// One clause over one target segment.
struct Evaluation<'a> {
    clause: &'a SlaClause,
    part: &'a TermsPart,
    metric: &'static Metric,
    target: Decimal,
    label: String,
    from: NaiveDate,
    to: NaiveDate,
    /// The fee base for percentages, pro rata to the segment's days.
    base: Option<Base<'a>>,
}

impl Evaluation<'_> {
    fn line(&self, kind: LineKind, rule: Rule) -> Line {
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
struct Base<'a> {
    amount: Decimal,
    total: Decimal,
    kinds: &'a [ChargeKindName],
    seg_days: u32,
    part_days: u32,
}

impl Base<'_> {
    fn describe(&self) -> String {
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

/// How far the value lies from the target, as shown (six places).
fn distance(ratio: Ratio, target: Decimal) -> Decimal {
    (ratio.value() - target).abs()
}

/// Whether a band moving away from the target runs down (to lower values):
/// worse for a penalty on a higher-is-better metric, and so on.
fn runs_down(metric: &Metric, worse: bool) -> bool {
    (metric.direction == Direction::HigherIsBetter) == worse
}

/// Whether the exact `ratio` lies in `band`, moving away from the target
/// (worse for a penalty, better for a bonus): beyond its threshold, or at it
/// when the band includes it.
fn reaches(metric: &Metric, ratio: Ratio, band: &Band, worse: bool) -> bool {
    let ordering = ratio.cmp_decimal(band.threshold);
    match (runs_down(metric, worse), band.inclusive) {
        (true, true) => ordering.is_le(),
        (true, false) => ordering.is_lt(),
        (false, true) => ordering.is_ge(),
        (false, false) => ordering.is_gt(),
    }
}

/// The band's reach in words: "below 99", "99 or below".
fn band_reach(metric: &Metric, band: &Band, worse: bool) -> String {
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

fn band_amount(eval: &Evaluation<'_>, band: &Band, line: &mut Line) -> Decimal {
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

fn band_formula(eval: &Evaluation<'_>, band: &Band) -> String {
    match (band.amount, band.percent) {
        (Some(amount), _) => format!("{amount}"),
        (None, Some(percent)) => format!(
            "{percent}% of {}",
            eval.base.map(|b| b.describe()).unwrap_or_default()
        ),
        _ => String::new(),
    }
}

fn penalty(
    eval: &Evaluation<'_>,
    schedule: &Schedule,
    ratio: Ratio,
    sample: i64,
    book: &mut Book<'_>,
) {
    let value = ratio.value();
    let mut line = eval.line(LineKind::Penalty, Rule::Clause);
    line.explanation.actual = Some(value);
    line.explanation.sample = Some(sample);
    let shortfall = format!(
        "{} {value} against a target of {}",
        eval.metric.code, eval.target
    );
    match schedule {
        Schedule::Bands(BandsSchedule { bands, .. }) => {
            let Some(index) = bands
                .iter()
                .rposition(|b| reaches(eval.metric, ratio, b, true))
            else {
                book.notes.push(format!(
                    "{}: {shortfall} misses the target but reaches no band",
                    eval.label
                ));
                return;
            };
            let band = &bands[index];
            let amount = band_amount(eval, band, &mut line);
            line.explanation.band = Some(index + 1);
            line.explanation.formula = format!(
                "{shortfall}: band {} ({}): {}",
                index + 1,
                band_reach(eval.metric, band, true),
                band_formula(eval, band)
            );
            book.push(line, -amount);
        }
        Schedule::PerStep(schedule) => {
            let steps = steps(schedule, ratio, eval.target);
            line.explanation.steps = Some(steps);
            line.explanation.rate = Some(schedule.amount);
            line.explanation.formula = format!(
                "{shortfall}: {} short = {steps} step(s) of {} ({}) × {}",
                distance(ratio, eval.target).normalize(),
                schedule.step,
                counting_words(schedule),
                schedule.amount
            );
            push_with_maximum(eval, line, steps * schedule.amount, schedule.max, book);
        }
        Schedule::Fixed(FixedSchedule { amount }) => {
            line.explanation.formula = format!("{shortfall}: {amount} for the breach");
            book.push(line, -*amount);
        }
    }
}

/// The steps the exact value lies from the target, counted as the schedule says.
fn steps(schedule: &PerStepSchedule, ratio: Ratio, target: Decimal) -> Decimal {
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
fn counting_words(schedule: &PerStepSchedule) -> &'static str {
    match schedule.counting {
        StepCounting::Whole => "whole steps only",
        StepCounting::Started => "a started step counts whole",
        StepCounting::ProRata => "pro rata",
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
        let mut relief = eval.line(LineKind::Cap, Rule::ClauseMaximum);
        relief.label = format!("{}: clause maximum", eval.label);
        relief.category = category;
        relief.explanation.base = Some(charged);
        relief.explanation.formula =
            format!("{charged} above the clause's maximum of {max}: {charged} − {max}");
        book.push(relief, charged - max);
    }
}

/// No figures for the days: the clause's rule for missing data.
fn missing(eval: &Evaluation<'_>, book: &mut Book<'_>) {
    let spec = &eval.clause.spec;
    if spec.missing_data == MissingData::Waive {
        book.notes.push(format!(
            "{}: no {} figures from {} to {}: waived, as the clause says",
            eval.label, spec.metric, eval.from, eval.to
        ));
        return;
    }
    let mut line = eval.line(LineKind::Penalty, Rule::Clause);
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

fn reward(
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

/// Each late (or overdue) escalation costs what its severity's duty names.
pub(super) fn incidents(input: &BillingInput, book: &mut Book<'_>) {
    for incident in &input.incidents {
        let (Some(amount), Some(deadline)) = (incident.amount, incident.deadline_minutes) else {
            continue;
        };
        let how = match (incident.timeliness, incident.minutes_to_escalation) {
            (Timeliness::Late, Some(minutes)) => {
                format!("escalated after {minutes} minutes, the duty is {deadline}")
            }
            (Timeliness::Overdue, _) => {
                format!("not escalated, and the duty's {deadline} minutes have passed")
            }
            (Timeliness::Pending, _) => {
                book.notes.push(format!(
                    "incident {}: not escalated yet, within its {deadline} minutes",
                    incident.id
                ));
                continue;
            }
            _ => continue,
        };
        let line = Line {
            kind: LineKind::Penalty,
            label: format!(
                "Late escalation: {} incident {}",
                incident.severity, incident.id
            ),
            amount: Decimal::ZERO,
            charge_kind: None,
            category: Some(PenaltyCategory::Incident),
            explanation: Explanation {
                rule: Rule::Incident,
                reference: Some(incident.id),
                formula: format!("{how}: {amount}"),
                ..Explanation::default()
            },
        };
        book.push(line, -amount);
    }
}
