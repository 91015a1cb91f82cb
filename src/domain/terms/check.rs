//! The rules of the terms: each names the field it concerns by its path.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::domain::decimal::is_percent;
use crate::domain::metric::{Direction, Metric};
use crate::domain::violation::Violations;

fn check_name(name: &str, field: &str, v: &mut Violations) {
    let broken = !name.chars().any(crate::domain::text::is_visible) || name.chars().count() > 200;
    v.rule(
        broken,
        field,
        "must be 1 to 200 characters, at least one of them visible",
    );
}

/// Largest amount a line of the terms may name: far above any contract, and
/// far enough below `Decimal`'s range that the engine's products cannot overflow.
const AMOUNT_MAX_UNITS: u64 = 1_000_000_000_000;
const AMOUNT_MAX: Decimal = Decimal::from_parts(
    AMOUNT_MAX_UNITS as u32,
    (AMOUNT_MAX_UNITS >> 32) as u32,
    0,
    false,
    0,
);

fn check_amount(amount: Decimal, field: &str, frame: &Frame, v: &mut Violations) {
    if amount < Decimal::ZERO {
        v.add(field, "must not be negative");
    } else if amount > AMOUNT_MAX {
        v.add(field, "must be at most 1000000000000");
    } else if amount.scale() > frame.minor_digits {
        v.add(
            field,
            format!(
                "must have at most {} decimal places (the currency's minor unit)",
                frame.minor_digits
            ),
        );
    }
}

fn check_positive_amount(amount: Decimal, field: &str, frame: &Frame, v: &mut Violations) {
    v.rule(amount <= Decimal::ZERO, field, "must be more than 0");
    if amount > Decimal::ZERO {
        check_amount(amount, field, frame, v);
    }
}

fn check_percent(value: Decimal, field: &str, v: &mut Violations) {
    v.rule(
        !is_percent(value),
        field,
        "must be a percentage from 0 to 100",
    );
}

fn check_metric(code: &str, field: &str, v: &mut Violations) -> Option<&'static Metric> {
    let metric = Metric::find(code);
    v.rule(
        metric.is_none(),
        field,
        format!("'{code}' is not a metric of the catalogue"),
    );
    metric
}

fn check_within(date: NaiveDate, field: &str, frame: &Frame, v: &mut Violations) {
    let outside = date < frame.start || date > frame.end;
    v.rule(
        outside,
        field,
        format!(
            "must lie within the contract ({} to {})",
            frame.start, frame.end
        ),
    );
}

/// Tiers start at zero and each starts above the one before.
fn check_tiers(starts: &[Decimal], field: &str, v: &mut Violations) {
    if starts.is_empty() {
        v.add(field, "needs at least one tier");
        return;
    }
    v.rule(
        starts[0] != Decimal::ZERO,
        format!("{field}[0].from"),
        "the first tier starts at 0",
    );
    for (i, pair) in starts.windows(2).enumerate() {
        v.rule(
            pair[1] <= pair[0],
            format!("{field}[{}].from", i + 1),
            "each tier starts above the one before",
        );
    }
}

impl Commercial {
    pub(super) fn check(&self, prefix: &str, v: &mut Violations) {
        check_percent(self.tax_rate, &format!("{prefix}tax_rate"), v);
        check_percent(
            self.discrepancy_tolerance,
            &format!("{prefix}discrepancy_tolerance"),
            v,
        );
        v.rule(
            self.payment.net_days > 365,
            format!("{prefix}payment.net_days"),
            "must be at most 365",
        );
        v.rule(
            self.scope.channels.is_empty(),
            format!("{prefix}scope.channels"),
            "name at least one channel",
        );
        v.rule(
            self.scope.lines.is_empty(),
            format!("{prefix}scope.lines"),
            "name at least one service line",
        );
        for (i, hours) in self.scope.hours.iter().enumerate() {
            let field = format!("{prefix}scope.hours[{i}]");
            match (minutes_of(&hours.from), minutes_of(&hours.to)) {
                (Some(from), Some(to)) if from < to => {}
                (Some(_), Some(_)) => v.add(field, "'from' must be before 'to'"),
                _ => v.add(field, "times are HH:MM, 00:00 to 24:00"),
            }
        }
    }
}

fn minutes_of(time: &str) -> Option<u32> {
    if time.len() != 5 {
        return None;
    }
    let (h, m) = time.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

impl ChargeSpec {
    /// The rules of one charge; `terms` are the terms it is part of (for references).
    pub fn check(&self, prefix: &str, terms: &Terms, frame: &Frame, v: &mut Violations) {
        check_name(self.name(), &format!("{prefix}name"), v);
        match self {
            ChargeSpec::SeatMonthly(SeatMonthlyCharge { rate, .. }) => {
                check_positive_amount(*rate, &format!("{prefix}rate"), frame, v)
            }
            ChargeSpec::PerUnit(PerUnitCharge {
                metric,
                included,
                tiers,
                ..
            }) => {
                let found = check_metric(metric, &format!("{prefix}metric"), v);
                v.rule(
                    found.is_some_and(|m| !m.is_volume),
                    format!("{prefix}metric"),
                    "a per-unit charge counts a volume metric (consultations, tickets, call minutes)",
                );
                v.rule(
                    *included < Decimal::ZERO,
                    format!("{prefix}included"),
                    "must not be negative",
                );
                let starts: Vec<Decimal> = tiers.iter().map(|t| t.from).collect();
                check_tiers(&starts, &format!("{prefix}tiers"), v);
                for (i, tier) in tiers.iter().enumerate() {
                    v.rule(
                        tier.unit_price < Decimal::ZERO,
                        format!("{prefix}tiers[{i}].unit_price"),
                        "must not be negative",
                    );
                    v.rule(
                        tier.unit_price > AMOUNT_MAX,
                        format!("{prefix}tiers[{i}].unit_price"),
                        "must be at most 1000000000000",
                    );
                }
            }
            ChargeSpec::Commission(CommissionCharge {
                percent,
                tier_by,
                kpi_metric,
                tiers,
                ..
            }) => check_commission(prefix, *percent, *tier_by, kpi_metric.as_deref(), tiers, v),
            ChargeSpec::Fixed(FixedCharge { amount, .. }) => {
                check_positive_amount(*amount, &format!("{prefix}amount"), frame, v)
            }
            ChargeSpec::OneTime(OneTimeCharge { amount, date, .. }) => {
                check_positive_amount(*amount, &format!("{prefix}amount"), frame, v);
                check_within(*date, &format!("{prefix}date"), frame, v);
            }
            ChargeSpec::MinimumCommitment(MinimumCommitmentCharge { amount, covers, .. }) => {
                check_positive_amount(*amount, &format!("{prefix}amount"), frame, v);
                v.rule(
                    covers.is_empty(),
                    format!("{prefix}covers"),
                    "name the charges the floor is under",
                );
                for (i, id) in covers.iter().enumerate() {
                    let target = terms.charges.iter().find(|c| c.id == *id);
                    match target {
                        None => v.add(
                            format!("{prefix}covers[{i}]"),
                            format!("there is no charge {id}"),
                        ),
                        Some(c) if c.spec.kind() == ChargeKindName::MinimumCommitment => v.add(
                            format!("{prefix}covers[{i}]"),
                            "a floor cannot be under another floor",
                        ),
                        Some(_) => {}
                    }
                }
            }
        }
    }
}

fn check_commission(
    prefix: &str,
    percent: Option<Decimal>,
    tier_by: Option<TierBy>,
    kpi_metric: Option<&str>,
    tiers: &[PercentTier],
    v: &mut Violations,
) {
    match (percent, tier_by) {
        (Some(percent), None) => {
            check_percent(percent, &format!("{prefix}percent"), v);
            v.rule(
                !tiers.is_empty(),
                format!("{prefix}tiers"),
                "a flat commission has no tiers",
            );
        }
        (None, Some(by)) => {
            let starts: Vec<Decimal> = tiers.iter().map(|t| t.from).collect();
            check_tiers(&starts, &format!("{prefix}tiers"), v);
            for (i, tier) in tiers.iter().enumerate() {
                check_percent(tier.percent, &format!("{prefix}tiers[{i}].percent"), v);
            }
            match (by, kpi_metric) {
                (TierBy::Kpi, Some(code)) => {
                    check_metric(code, &format!("{prefix}kpi_metric"), v);
                }
                (TierBy::Kpi, None) => v.add(
                    format!("{prefix}kpi_metric"),
                    "tiers by KPI name the metric",
                ),
                (TierBy::Sales, Some(_)) => v.add(
                    format!("{prefix}kpi_metric"),
                    "only tiers by KPI name a metric",
                ),
                (TierBy::Sales, None) => {}
            }
        }
        (Some(_), Some(_)) => v.add(
            format!("{prefix}percent"),
            "give a flat percent or tiers, not both",
        ),
        (None, None) => v.add(
            format!("{prefix}percent"),
            "give a flat percent, or tier_by with tiers",
        ),
    }
}

impl SlaClauseSpec {
    /// The rules of one clause; `terms` are the terms it is part of (for the fee base and phases).
    pub fn check(&self, prefix: &str, terms: &Terms, frame: &Frame, v: &mut Violations) {
        check_name(&self.name, &format!("{prefix}name"), v);
        let Some(metric) = check_metric(&self.metric, &format!("{prefix}metric"), v) else {
            return;
        };
        check_value(metric, self.target, &format!("{prefix}target"), v);
        if let Some(phase) = self.applies_from_phase {
            let exists = terms.phases.iter().any(|p| p.id == phase);
            v.rule(
                !exists,
                format!("{prefix}applies_from_phase"),
                format!("there is no phase {phase}"),
            );
        }
        v.rule(
            self.grace_days > 366,
            format!("{prefix}grace_days"),
            "must be at most 366",
        );
        for (i, window) in self.overrides.iter().enumerate() {
            let field = format!("{prefix}overrides[{i}]");
            check_name(&window.label, &format!("{field}.label"), v);
            v.rule(
                window.to < window.from,
                format!("{field}.to"),
                "must not be before 'from'",
            );
            check_within(window.from, &format!("{field}.from"), frame, v);
            check_within(window.to, &format!("{field}.to"), frame, v);
            check_value(metric, window.target, &format!("{field}.target"), v);
            let overlaps = self.overrides[..i]
                .iter()
                .any(|o| o.from <= window.to && window.from <= o.to);
            v.rule(
                overlaps,
                format!("{field}.from"),
                "overlaps another override",
            );
        }
        if let Some(penalty) = &self.penalty {
            check_schedule(
                penalty,
                metric,
                self.target,
                Side::Penalty,
                &format!("{prefix}penalty."),
                terms,
                frame,
                v,
            );
        }
        v.rule(
            self.penalty.is_none() && self.bonus.is_none(),
            format!("{prefix}penalty"),
            "a clause needs a penalty, a bonus, or both",
        );
        if let Some(bonus) = &self.bonus {
            check_schedule(
                &bonus.schedule,
                metric,
                self.target,
                Side::Bonus,
                &format!("{prefix}bonus.schedule."),
                terms,
                frame,
                v,
            );
            for (i, condition) in bonus.also_requires.iter().enumerate() {
                let field = format!("{prefix}bonus.also_requires[{i}]");
                if let Some(m) = check_metric(&condition.metric, &format!("{field}.metric"), v) {
                    check_value(m, condition.threshold, &format!("{field}.threshold"), v);
                }
            }
        }
    }
}

/// A target or threshold must be a value the metric can take.
fn check_value(metric: &Metric, value: Decimal, field: &str, v: &mut Violations) {
    use crate::domain::metric::Unit;
    match metric.unit {
        Unit::Percent => check_percent(value, field, v),
        Unit::Score if metric.code == "nps" => v.rule(
            value < Decimal::from(-100) || value > Decimal::ONE_HUNDRED,
            field,
            "NPS lies from -100 to 100",
        ),
        _ => v.rule(value < Decimal::ZERO, field, "must not be negative"),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Penalty,
    Bonus,
}

#[expect(
    clippy::too_many_arguments,
    reason = "the context a schedule's rules need, each named"
)]
fn check_schedule(
    schedule: &Schedule,
    metric: &Metric,
    target: Decimal,
    side: Side,
    prefix: &str,
    terms: &Terms,
    frame: &Frame,
    v: &mut Violations,
) {
    match schedule {
        Schedule::Fixed(FixedSchedule { amount }) => {
            check_positive_amount(*amount, &format!("{prefix}amount"), frame, v)
        }
        Schedule::PerStep(PerStepSchedule {
            step, amount, max, ..
        }) => {
            v.rule(
                *step <= Decimal::ZERO,
                format!("{prefix}step"),
                "must be more than 0",
            );
            check_positive_amount(*amount, &format!("{prefix}amount"), frame, v);
            if let Some(max) = max {
                check_positive_amount(*max, &format!("{prefix}max"), frame, v);
            }
        }
        Schedule::Bands(BandsSchedule { fee_base, bands }) => {
            check_bands(bands, metric, target, side, prefix, frame, v);
            let uses_percent = bands.iter().any(|b| b.percent.is_some());
            match fee_base {
                None if uses_percent => {
                    v.add(format!("{prefix}fee_base"), "percentages need a fee base")
                }
                None => {}
                Some(base) => {
                    v.rule(
                        base.charge_kinds.is_empty(),
                        format!("{prefix}fee_base.charge_kinds"),
                        "name at least one charge kind",
                    );
                    for (i, kind) in base.charge_kinds.iter().enumerate() {
                        let exists = terms.charges.iter().any(|c| c.spec.kind() == *kind);
                        v.rule(
                            !exists,
                            format!("{prefix}fee_base.charge_kinds[{i}]"),
                            format!("the contract has no {kind} charge"),
                        );
                    }
                }
            }
        }
    }
}

/// Bands run from the target outwards: for a penalty each threshold is worse
/// than the one before (and no better than the target), for a bonus each is
/// better; a band further out never pays less.
fn check_bands(
    bands: &[Band],
    metric: &Metric,
    target: Decimal,
    side: Side,
    prefix: &str,
    frame: &Frame,
    v: &mut Violations,
) {
    v.rule(
        bands.is_empty(),
        format!("{prefix}bands"),
        "needs at least one band",
    );
    // Moving outwards means the value decreasing for a penalty on a higher-is-better
    // metric, and so on.
    let outwards_is_down =
        (metric.direction == Direction::HigherIsBetter) == (side == Side::Penalty);
    let (word, direction) = if outwards_is_down {
        ("below", "decreasing")
    } else {
        ("above", "increasing")
    };
    for (i, band) in bands.iter().enumerate() {
        let field = format!("{prefix}bands[{i}]");
        check_value(metric, band.threshold, &format!("{field}.threshold"), v);
        match (band.amount, band.percent) {
            (Some(amount), None) => {
                check_positive_amount(amount, &format!("{field}.amount"), frame, v)
            }
            (None, Some(percent)) => {
                check_percent(percent, &format!("{field}.percent"), v);
                v.rule(
                    percent.is_zero(),
                    format!("{field}.percent"),
                    "must be more than 0",
                );
            }
            _ => v.add(
                format!("{field}.amount"),
                "give an amount or a percent, one of them",
            ),
        }
        let beyond_target = if outwards_is_down {
            band.threshold > target
        } else {
            band.threshold < target
        };
        if i == 0 && beyond_target {
            v.add(
                format!("{field}.threshold"),
                format!("the first band starts at the target or {word} it"),
            );
        }
        if let Some(previous) = i.checked_sub(1).map(|p| &bands[p]) {
            let ordered = if outwards_is_down {
                band.threshold < previous.threshold
            } else {
                band.threshold > previous.threshold
            };
            v.rule(
                !ordered,
                format!("{field}.threshold"),
                format!("thresholds must be strictly {direction}"),
            );
            let pays_less = match (band.amount, previous.amount, band.percent, previous.percent) {
                (Some(a), Some(b), _, _) | (_, _, Some(a), Some(b)) => a < b,
                _ => false,
            };
            v.rule(
                pays_less,
                field.clone(),
                "a band further from the target must not pay less",
            );
        }
    }
}

impl Liability {
    pub(super) fn check(&self, prefix: &str, frame: &Frame, v: &mut Violations) {
        if let Some(cap) = &self.monthly_cap {
            let field = format!("{prefix}monthly_cap");
            match (cap.amount, cap.percent_of_fees) {
                (Some(amount), None) => {
                    check_positive_amount(amount, &format!("{field}.amount"), frame, v)
                }
                (None, Some(percent)) => {
                    check_percent(percent, &format!("{field}.percent_of_fees"), v)
                }
                _ => v.add(field, "give an amount or a percent_of_fees, one of them"),
            }
        }
        if let Some(cap) = self.annual_cap {
            check_positive_amount(cap, &format!("{prefix}annual_cap"), frame, v);
        }
        for (i, duty) in self.incident_duties.iter().enumerate() {
            let field = format!("{prefix}incident_duties[{i}]");
            v.rule(
                duty.escalate_within_minutes == 0,
                format!("{field}.escalate_within_minutes"),
                "must be more than 0",
            );
            check_positive_amount(duty.amount, &format!("{field}.amount"), frame, v);
            let twice = self.incident_duties[..i]
                .iter()
                .any(|d| d.severity == duty.severity);
            v.rule(twice, format!("{field}.severity"), "one duty per severity");
        }
        if let Some(months) = self.termination_after_breached_months {
            v.rule(
                months == 0 || months > 24,
                format!("{prefix}termination_after_breached_months"),
                "must be 1 to 24",
            );
        }
    }
}

impl PhaseSpec {
    /// The rules of one phase on its own.
    pub fn check(&self, prefix: &str, frame: &Frame, v: &mut Violations) {
        check_name(&self.name, &format!("{prefix}name"), v);
        v.rule(
            self.end <= self.start,
            format!("{prefix}end"),
            "must be after 'start' (phases are half-open: end is the day after the last)",
        );
        check_within(self.start, &format!("{prefix}start"), frame, v);
        let day_after_contract = frame.end.succ_opt().unwrap_or(frame.end);
        v.rule(
            self.end > day_after_contract,
            format!("{prefix}end"),
            "must not run past the contract's last day",
        );
        v.rule(
            self.channels.is_empty(),
            format!("{prefix}channels"),
            "name at least one channel",
        );
        check_percent(self.inquiry_share, &format!("{prefix}inquiry_share"), v);
        for (i, criterion) in self.exit_criteria.iter().enumerate() {
            let field = format!("{prefix}exit_criteria[{i}]");
            if let Some(m) = check_metric(&criterion.metric, &format!("{field}.metric"), v) {
                check_value(m, criterion.threshold, &format!("{field}.threshold"), v);
            }
        }
    }
}

impl PhaseSpec {
    /// A phase does not overlap the others of the plan.
    pub fn check_against<'a>(
        &self,
        others: impl Iterator<Item = &'a Phase>,
        field: &str,
        v: &mut Violations,
    ) {
        for other in others {
            let overlaps = self.start < other.spec.end && other.spec.start < self.end;
            v.rule(
                overlaps,
                field,
                format!("overlaps phase '{}'", other.spec.name),
            );
        }
    }
}

/// Phases do not overlap.
pub(super) fn check_phase_plan(phases: &[Phase], field: &str, v: &mut Violations) {
    let mut ordered: Vec<(usize, &Phase)> = phases.iter().enumerate().collect();
    ordered.sort_by_key(|(_, p)| p.spec.start);
    for pair in ordered.windows(2) {
        let ((_, a), (i, b)) = (pair[0], pair[1]);
        v.rule(
            b.spec.start < a.spec.end,
            format!("{field}[{i}].start"),
            format!("overlaps phase '{}'", a.spec.name),
        );
    }
}
