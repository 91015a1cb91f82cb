//! Penalty and bonus lines of an SLA clause in words: the clause, the
//! metric's target and actual figure, the further conditions of a bonus,
//! the schedule as the contract writes it, and what it came to.

use rust_decimal::Decimal;

use super::{Explainer, plain, plural};
use crate::domain::billing::{Explanation, Line, round, runs_down};
use crate::domain::metric::{Direction, Metric};
use crate::domain::terms::{Band, BandsSchedule, PerStepSchedule, RoundingMode, SlaClause};
use crate::domain::terms::{FixedSchedule, Schedule, StepCounting};

/// Which of a clause's schedules a line is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Penalty,
    Bonus,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::Penalty => "penalty",
            Side::Bonus => "bonus",
        }
    }

    fn worse(self) -> bool {
        self == Side::Penalty
    }
}

pub(super) fn penalty(x: &Explainer<'_>, line: &Line, amount: Decimal) -> (String, Vec<String>) {
    clause_line(x, line, amount, Side::Penalty)
}

pub(super) fn bonus(x: &Explainer<'_>, line: &Line, amount: Decimal) -> (String, Vec<String>) {
    clause_line(x, line, amount, Side::Bonus)
}

fn clause_line(
    x: &Explainer<'_>,
    line: &Line,
    amount: Decimal,
    side: Side,
) -> (String, Vec<String>) {
    let e = &line.explanation;
    let clause = x.terms.clause(e.terms_version, e.reference);
    let label = label(x, line, side);
    let Some(metric) = e.metric.as_deref().and_then(Metric::find) else {
        return (label, Vec::new());
    };
    let schedule = clause.and_then(|c| match side {
        Side::Penalty => c.spec.penalty.as_ref(),
        Side::Bonus => c.spec.bonus.as_ref().map(|b| &b.schedule),
    });
    let mut detail = Vec::new();
    detail.extend(standing(x, e, metric, schedule));
    detail.extend(x.days("line-days-measured", e.from, e.to));
    if side == Side::Bonus {
        detail.extend(conditions(x, e, clause));
    }
    if let Some(schedule) = schedule {
        detail.extend(schedule_words(x, metric, schedule, side));
    }
    detail.extend(outcome(x, e, metric, schedule, side, amount));
    (label, detail)
}

/// 条款 8：询单转化率 — the clause's id in the terms and the line's name
/// (the clause's, with a target window's label such as 双11).
fn label(x: &Explainer<'_>, line: &Line, side: Side) -> String {
    let name = match side {
        // The engine names a bonus "<clause>: bonus"; the kind column says it.
        Side::Bonus => line.label.strip_suffix(": bonus").unwrap_or(&line.label),
        Side::Penalty => &line.label,
    };
    match line.explanation.reference {
        Some(number) => x.t(
            "line-clause",
            &[("number", number.to_string()), ("name", name.to_owned())],
        ),
        None => name.to_owned(),
    }
}

fn direction(metric: &Metric) -> String {
    match metric.direction {
        Direction::HigherIsBetter => "higher",
        Direction::LowerIsBetter => "lower",
    }
    .to_owned()
}

/// The marks a measured figure must not seem to cross when rounded: the
/// target and a bands schedule's thresholds.
fn marks(e: &Explanation, schedule: Option<&Schedule>) -> Vec<Decimal> {
    let mut marks: Vec<Decimal> = e.target.into_iter().collect();
    if let Some(Schedule::Bands(BandsSchedule { bands, .. })) = schedule {
        marks.extend(bands.iter().map(|b| b.threshold));
    }
    marks
}

/// 首次响应时间：目标不超过 30 秒，实际 41.5 秒
fn standing(
    x: &Explainer<'_>,
    e: &Explanation,
    metric: &Metric,
    schedule: Option<&Schedule>,
) -> Option<String> {
    let target = e.target?;
    let mut args = vec![
        ("metric", x.metric_name(metric).to_owned()),
        ("direction", direction(metric)),
        ("target", x.term(metric, target)),
    ];
    let id = match e.actual {
        Some(actual) => {
            args.push(("actual", x.measure(metric, actual, &marks(e, schedule))));
            "line-standing"
        }
        None => "line-no-figures",
    };
    Some(x.t(id, &args))
}

/// 同时须满足：满意度不低于 90.0%（实际 93.50%）
fn conditions(x: &Explainer<'_>, e: &Explanation, clause: Option<&SlaClause>) -> Option<String> {
    let met: Vec<String> = e
        .conditions
        .iter()
        .filter_map(|c| {
            let metric = Metric::find(&c.metric)?;
            Some(x.t(
                "line-condition",
                &[
                    ("metric", x.metric_name(metric).to_owned()),
                    ("direction", direction(metric)),
                    ("threshold", x.term(metric, c.threshold)),
                    ("actual", x.measure(metric, c.actual, &[c.threshold])),
                ],
            ))
        })
        .collect();
    // A line billed before the figures were kept names the conditions only.
    let items = if met.is_empty() {
        let required = clause?.spec.bonus.as_ref()?;
        required
            .also_requires
            .iter()
            .filter_map(|c| {
                let metric = Metric::find(&c.metric)?;
                Some(x.t(
                    "line-condition-unmeasured",
                    &[
                        ("metric", x.metric_name(metric).to_owned()),
                        ("direction", direction(metric)),
                        ("threshold", x.term(metric, c.threshold)),
                    ],
                ))
            })
            .collect()
    } else {
        met
    };
    (!items.is_empty()).then(|| x.t("line-conditions", &[("conditions", x.list(items))]))
}

/// Which way a band lies from its threshold, and whether it holds it:
/// `below` (低于, the threshold not included), `at-or-below` (以下, included) …
fn bound(metric: &Metric, band: &Band, side: Side) -> &'static str {
    match (runs_down(metric, side.worse()), band.inclusive) {
        (true, false) => "below",
        (true, true) => "at-or-below",
        (false, false) => "above",
        (false, true) => "at-or-above",
    }
}

/// "低于 99.0%", "35.0% 以下"
fn reach(x: &Explainer<'_>, metric: &Metric, band: &Band, side: Side) -> String {
    x.t(
        &format!("line-reach-{}", bound(metric, band, side)),
        &[("value", x.term(metric, band.threshold))],
    )
}

/// The schedule as the contract writes it, and the base of its percentages.
fn schedule_words(
    x: &Explainer<'_>,
    metric: &Metric,
    schedule: &Schedule,
    side: Side,
) -> Vec<String> {
    match schedule {
        Schedule::Bands(BandsSchedule { bands, fee_base }) => {
            let words: Vec<String> = bands
                .iter()
                .map(|band| {
                    let (what, figure) = match (band.amount, band.percent) {
                        (Some(amount), _) => ("amount", x.money(amount)),
                        (None, percent) => ("percent", plain(percent.unwrap_or_default())),
                    };
                    x.t(
                        &format!("line-band-{}-{what}", side.name()),
                        &[
                            ("bound", bound(metric, band, side).to_owned()),
                            ("value", x.term(metric, band.threshold)),
                            ("reach", reach(x, metric, band, side)),
                            ("amount", figure.clone()),
                            ("percent", figure),
                        ],
                    )
                })
                .collect();
            let separator = x.t("line-separator", &[]);
            let mut detail = vec![x.t("line-bands", &[("bands", words.join(&separator))])];
            let percentages = bands.iter().any(|b| b.amount.is_none());
            if let (true, Some(base)) = (percentages, fee_base) {
                detail.push(x.t(
                    "line-base-kinds",
                    &[("kinds", x.charge_kinds(&base.charge_kinds))],
                ));
            }
            detail
        }
        Schedule::PerStep(PerStepSchedule {
            step,
            amount,
            counting,
            max,
        }) => {
            let counting = match counting {
                StepCounting::Whole => "line-counting-whole",
                StepCounting::Started => "line-counting-started",
                StepCounting::ProRata => "line-counting-pro-rata",
            };
            let mut args = vec![
                ("towards", towards(x, metric, side)),
                ("step", x.gap(metric, metric.shown_term(*step))),
                ("amount", x.price(*amount)),
                ("counting", x.t(counting, &[])),
            ];
            let id = match max {
                Some(max) => {
                    args.push(("max", x.money(*max)));
                    format!("line-per-step-{}-max", side.name())
                }
                None => format!("line-per-step-{}", side.name()),
            };
            vec![x.t(&id, &args)]
        }
        Schedule::Fixed(FixedSchedule { amount }) => vec![x.t(
            &format!("line-fixed-{}", side.name()),
            &[("amount", x.money(*amount))],
        )],
    }
}

/// 低于 when the schedule counts values under the target (a penalty on a
/// higher-is-better metric, a bonus on a lower-is-better one), else 超过.
fn towards(x: &Explainer<'_>, metric: &Metric, side: Side) -> String {
    if runs_down(metric, side.worse()) {
        x.t("line-towards-below", &[])
    } else {
        x.t("line-towards-above", &[])
    }
}

/// What the schedule came to: the band reached with its base, or the steps.
fn outcome(
    x: &Explainer<'_>,
    e: &Explanation,
    metric: &Metric,
    schedule: Option<&Schedule>,
    side: Side,
    amount: Decimal,
) -> Vec<String> {
    let money = x.money(amount);
    if let Some(band) = e.band {
        let reached = match schedule {
            Some(Schedule::Bands(BandsSchedule { bands, .. })) => band
                .checked_sub(1)
                .and_then(|i| bands.get(i))
                .map(|b| reach(x, metric, b, side)),
            _ => None,
        };
        let measured = e.actual.is_some();
        let (id, percent) = match (reached.is_some(), measured, e.base.zip(e.rate)) {
            (false, _, _) => ("line-band-reached-plain", None),
            (true, true, None) => ("line-band-reached", None),
            (true, true, Some(p)) => ("line-band-reached-percent", Some(p)),
            (true, false, None) => ("line-worst-band", None),
            (true, false, Some(p)) => ("line-worst-band-percent", Some(p)),
        };
        let (base, rate) = percent.unwrap_or_default();
        let mut detail = vec![x.t(
            id,
            &[
                ("band", band.to_string()),
                ("reach", reached.unwrap_or_default()),
                ("base", x.money(base)),
                ("percent", plain(rate)),
                ("amount", money),
            ],
        )];
        if percent.is_some() && !x.whole_period(e.from, e.to) {
            detail.push(x.t("line-base-prorated", &[]));
        }
        return detail;
    }
    match (e.steps, e.rate, e.target, e.actual) {
        (Some(steps), Some(rate), Some(target), Some(actual)) => {
            let step = match schedule {
                Some(Schedule::PerStep(s)) => Some(s.step),
                _ => None,
            };
            let mut detail = vec![steps_words(
                x,
                metric,
                side,
                (target, actual),
                step,
                steps,
                rate,
            )];
            let mode = x
                .terms
                .last()
                .map_or(RoundingMode::HalfUp, |t| t.commercial.rounding);
            if side == Side::Bonus && round(steps * rate, mode, x.minor_digits) > amount {
                detail.push(x.t("line-bonus-held", &[("max", money)]));
            }
            detail
        }
        _ if e.actual.is_none() && matches!(schedule, Some(Schedule::PerStep(_))) => {
            vec![x.t("line-missing-maximum", &[("amount", money)])]
        }
        // A fixed amount: the schedule's words say it, when the terms are at hand.
        _ if schedule.is_some() => Vec::new(),
        _ => vec![x.t(&format!("line-fixed-{}", side.name()), &[("amount", money)])],
    }
}

/// 超过目标 11.5 秒，共 11 级：11 × 200.00 元 = 2,200.00 元
fn steps_words(
    x: &Explainer<'_>,
    metric: &Metric,
    side: Side,
    (target, actual): (Decimal, Decimal),
    step: Option<Decimal>,
    steps: Decimal,
    rate: Decimal,
) -> String {
    let gap = (actual - target).abs();
    // The gap shown must not seem to reach a step it does not (1.996 steps of 1 is not 2.0).
    let marks: Vec<Decimal> = step
        .filter(|s| !s.is_zero())
        .map(|s| {
            let whole = (gap / s).floor();
            vec![whole * s, (whole + Decimal::ONE) * s]
        })
        .unwrap_or_default();
    x.t(
        "line-steps",
        &[
            ("towards", towards(x, metric, side)),
            ("gap", x.gap(metric, metric.shown_measure(gap, &marks))),
            ("steps", plain(steps)),
            (
                "count",
                x.t(
                    "line-step-count",
                    &[("steps", plain(steps)), ("plural", plural(steps))],
                ),
            ),
            ("rate", x.price(rate)),
            ("amount", x.money(steps * rate)),
        ],
    )
}

/// A clause as written, in plain words, one sentence each: the target and
/// how it is measured, the penalty and the bonus as their schedules read,
/// the bonus's further conditions, the target windows (双11), from when it
/// applies, the minimum sample and what missing figures mean. For the pages
/// that write the terms; `phases` name the phase it applies from.
pub fn clause_in_words(
    language: crate::catalogue::Language,
    currency: &str,
    minor_digits: u32,
    spec: &crate::domain::terms::SlaClauseSpec,
    phases: &[crate::domain::terms::Phase],
) -> Vec<String> {
    use crate::domain::terms::{MissingData, PenaltyCategory};
    let Some(metric) = Metric::find(&spec.metric) else {
        return vec![spec.name.clone()];
    };
    let terms = super::BilledTerms::default();
    let x = Explainer {
        language,
        currency,
        minor_digits,
        // Schedules read the same in any month.
        period: crate::domain::Period::of(chrono::NaiveDate::MIN),
        terms: &terms,
        credit_note: false,
    };
    let name = x.metric_name(metric).to_owned();
    let mut words = vec![x.t(
        "clause-words-target",
        &[
            ("metric", name),
            ("direction", direction(metric)),
            ("target", x.term(metric, spec.target)),
        ],
    )];
    let separator = x.t("line-separator", &[]);
    if let Some(penalty) = &spec.penalty {
        let schedule = schedule_words(&x, metric, penalty, Side::Penalty).join(&separator);
        words.push(x.t("clause-words-penalty", &[("schedule", schedule)]));
    }
    if let Some(bonus) = &spec.bonus {
        let schedule = schedule_words(&x, metric, &bonus.schedule, Side::Bonus).join(&separator);
        words.push(x.t("clause-words-bonus", &[("schedule", schedule)]));
        let conditions: Vec<String> = bonus
            .also_requires
            .iter()
            .filter_map(|c| {
                let metric = Metric::find(&c.metric)?;
                Some(x.t(
                    "line-condition-unmeasured",
                    &[
                        ("metric", x.metric_name(metric).to_owned()),
                        ("direction", direction(metric)),
                        ("threshold", x.term(metric, c.threshold)),
                    ],
                ))
            })
            .collect();
        if !conditions.is_empty() {
            words.push(x.t(
                "clause-words-bonus-conditions",
                &[("conditions", x.list(conditions))],
            ));
        }
    }
    for window in &spec.overrides {
        words.push(x.t(
            "clause-words-override",
            &[
                ("label", window.label.clone()),
                ("from", window.from.to_string()),
                ("to", window.to.to_string()),
                ("direction", direction(metric)),
                ("target", x.term(metric, window.target)),
            ],
        ));
    }
    let phase = spec.applies_from_phase.map(|id| {
        phases
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_string(), |p| p.spec.name.clone())
    });
    words.push(match phase {
        Some(phase) => x.t("clause-words-from-phase", &[("phase", phase)]),
        None => x.t("clause-words-all-phases", &[]),
    });
    if spec.grace_days > 0 {
        words.push(x.t(
            "clause-words-grace",
            &[("days", spec.grace_days.to_string())],
        ));
    }
    if spec.min_sample > 0 {
        words.push(x.t(
            "clause-words-min-sample",
            &[("sample", spec.min_sample.to_string())],
        ));
    }
    words.push(match spec.missing_data {
        MissingData::Breach => x.t("clause-words-missing-breach", &[]),
        MissingData::Waive => x.t("clause-words-missing-waive", &[]),
    });
    if spec.category != PenaltyCategory::Sla {
        let category = x.t(
            &format!("category-{}", spec.category.as_str().replace('_', "-")),
            &[],
        );
        words.push(x.t("clause-words-category", &[("category", category)]));
    }
    words
}
