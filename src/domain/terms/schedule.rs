//! How a clause pays: the schedules of penalties and bonuses (bands, per
//! step, fixed) and their rules.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::*;
use crate::domain::decimal;
use crate::domain::message::msg;
use crate::domain::metric::{Direction, Metric};
use crate::domain::names::named_enum;
use crate::domain::violation::Violations;

/// What falling short (or doing better) costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Schedule {
    /// Thresholds, each with an amount or a percentage of the fee base; the worst band reached applies.
    Bands(BandsSchedule),
    /// An amount per step beyond the target, up to a maximum.
    PerStep(PerStepSchedule),
    /// One amount whenever the target is missed.
    Fixed(FixedSchedule),
}

/// Thresholds, each with an amount or a percentage of the fee base; the worst band reached applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BandsSchedule {
    #[serde(default)]
    pub fee_base: Option<FeeBase>,
    pub bands: Vec<Band>,
}

/// An amount per step beyond the target, up to a maximum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PerStepSchedule {
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "0.1")]
    pub step: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "50.00")]
    pub amount: Decimal,
    /// How a started step counts: only whole steps (the default), a started
    /// step as a whole one (不足一级按一级计), or pro rata.
    #[serde(default = "whole_steps")]
    pub counting: StepCounting,
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub max: Option<Decimal>,
}

named_enum!(
    /// How the part of a step beyond the last whole one counts.
    StepCounting {
        /// Only whole steps count: 2.6 steps are 2.
        Whole = "whole",
        /// A started step counts as a whole one (不足一级按一级计): 2.6 steps are 3.
        Started = "started",
        /// Pro rata: 2.6 steps are 2.6.
        ProRata = "pro_rata",
    }
);

fn whole_steps() -> StepCounting {
    StepCounting::Whole
}

/// One amount whenever the target is missed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FixedSchedule {
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub amount: Decimal,
}

impl<'de> Deserialize<'de> for Schedule {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::domain::tagged::deserialize(deserializer)
    }
}

impl crate::domain::tagged::Tagged for Schedule {
    const TAG: &'static str = "type";
    const VARIANTS: &'static [&'static str] = &["bands", "per_step", "fixed"];

    fn variant<'de, B: serde::Deserializer<'de>>(
        kind: &str,
        body: B,
    ) -> Option<Result<Self, B::Error>> {
        Some(match kind {
            "bands" => Deserialize::deserialize(body).map(Schedule::Bands),
            "per_step" => Deserialize::deserialize(body).map(Schedule::PerStep),
            "fixed" => Deserialize::deserialize(body).map(Schedule::Fixed),
            _ => return None,
        })
    }
}

/// The charges whose period total a percentage is of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeBase {
    pub charge_kinds: Vec<ChargeKindName>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The value at which the band begins: a penalty band applies to values
    /// worse than it, a bonus band to values better than it.
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "99")]
    pub threshold: Decimal,
    /// Whether the threshold itself belongs to the band. By default it does
    /// not: "below 99.0 %" (低于, 超过, 不满) leaves 99.0 % to the milder band, as
    /// SLA credit tables read; `true` reads "99.0 % or below" (以上, 以下).
    #[serde(default)]
    pub inclusive: bool,
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub amount: Option<Decimal>,
    /// Percent of the fee base.
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub percent: Option<Decimal>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Penalty,
    Bonus,
}

#[expect(
    clippy::too_many_arguments,
    reason = "the context a schedule's rules need, each named"
)]
pub(super) fn check_schedule(
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
                msg!("error-more-than-zero"),
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
                    v.add(format!("{prefix}fee_base"), msg!("error-fee-base-missing"))
                }
                None => {}
                Some(base) => {
                    v.rule(
                        base.charge_kinds.is_empty(),
                        format!("{prefix}fee_base.charge_kinds"),
                        msg!("error-fee-base-kinds"),
                    );
                    for (i, kind) in base.charge_kinds.iter().enumerate() {
                        let exists = terms.charges.iter().any(|c| c.spec.kind() == *kind);
                        v.rule(
                            !exists,
                            format!("{prefix}fee_base.charge_kinds[{i}]"),
                            msg!("error-fee-base-no-charge", kind = kind.as_str()),
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
        msg!("error-bands-none"),
    );
    // Moving outwards means the value decreasing for a penalty on a higher-is-better
    // metric, and so on.
    let outwards_is_down =
        (metric.direction == Direction::HigherIsBetter) == (side == Side::Penalty);
    let (first_band, thresholds) = if outwards_is_down {
        (
            msg!("error-band-first-below"),
            msg!("error-bands-decreasing"),
        )
    } else {
        (
            msg!("error-band-first-above"),
            msg!("error-bands-increasing"),
        )
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
                    msg!("error-more-than-zero"),
                );
            }
            _ => v.add(
                format!("{field}.amount"),
                msg!("error-band-amount-or-percent"),
            ),
        }
        let beyond_target = if outwards_is_down {
            band.threshold > target
        } else {
            band.threshold < target
        };
        if i == 0 && beyond_target {
            v.add(format!("{field}.threshold"), first_band.clone());
        }
        if let Some(previous) = i.checked_sub(1).map(|p| &bands[p]) {
            let ordered = if outwards_is_down {
                band.threshold < previous.threshold
            } else {
                band.threshold > previous.threshold
            };
            v.rule(!ordered, format!("{field}.threshold"), thresholds.clone());
            let pays_less = match (band.amount, previous.amount, band.percent, previous.percent) {
                (Some(a), Some(b), _, _) | (_, _, Some(a), Some(b)) => a < b,
                _ => false,
            };
            v.rule(pays_less, field.clone(), msg!("error-band-pays-less"));
        }
    }
}
