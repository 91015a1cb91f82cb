//! The fee schedule: the kinds of charge and how each is written.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::check::*;
use super::{Frame, Terms};
use crate::domain::decimal;
use crate::domain::message::msg;
use crate::domain::names::named_enum;
use crate::domain::violation::Violations;

named_enum!(
    ChargeKindName {
        SeatMonthly = "seat_monthly",
        PerUnit = "per_unit",
        Commission = "commission",
        Fixed = "fixed",
        OneTime = "one_time",
        MinimumCommitment = "minimum_commitment",
    }
);

named_enum!(
    TierPricing {
        /// Each unit at the rate of its own tier.
        Graduated = "graduated",
        /// Every unit at the rate of the tier the total reaches.
        Volume = "volume",
    }
);

/// One line of the fee schedule, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChargeSpec {
    /// Seats × rate per seat-month, the seats from the handover phase in force, prorated by day.
    SeatMonthly(SeatMonthlyCharge),
    /// Per unit of a volume metric (consultations, tickets, call minutes), in tiers.
    PerUnit(PerUnitCharge),
    /// A percentage of CS-assisted sales: flat, or tiered by sales or by a KPI.
    Commission(CommissionCharge),
    /// A fixed amount each month (a management fee).
    Fixed(FixedCharge),
    /// Once, in the month of `date` (setup, training).
    OneTime(OneTimeCharge),
    /// A monthly floor under the charges it names: a top-up when they fall short.
    MinimumCommitment(MinimumCommitmentCharge),
}

/// Seats × rate per seat-month, the seats from the handover phase in force, prorated by day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeatMonthlyCharge {
    pub name: String,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "6000.00")]
    pub rate: Decimal,
}

/// Per unit of a volume metric (consultations, tickets, call minutes), in tiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PerUnitCharge {
    pub name: String,
    pub metric: String,
    pub pricing: TierPricing,
    /// Units each month that are free.
    #[serde(with = "decimal", default)]
    #[schema(value_type = crate::domain::decimal::Text, example = "0")]
    pub included: Decimal,
    /// From zero, each tier starting where the one before ends.
    pub tiers: Vec<PriceTier>,
}

/// A percentage of CS-assisted sales: flat, or tiered by sales or by a KPI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommissionCharge {
    pub name: String,
    /// A flat percentage; or leave out and give `tiers`.
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<crate::domain::decimal::Text>, example = "2")]
    pub percent: Option<Decimal>,
    /// What the tiers are of: `sales` (the month's CS-assisted sales) or `kpi`.
    #[serde(default)]
    pub tier_by: Option<TierBy>,
    /// The metric of `kpi` tiers, e.g. conversion_rate.
    #[serde(default)]
    pub kpi_metric: Option<String>,
    #[serde(default)]
    pub tiers: Vec<PercentTier>,
}

/// A fixed amount each month (a management fee).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FixedCharge {
    pub name: String,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub amount: Decimal,
}

/// Once, in the month of `date` (setup, training).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OneTimeCharge {
    pub name: String,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub amount: Decimal,
    pub date: NaiveDate,
}

/// A monthly floor under the charges it names: a top-up when they fall short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MinimumCommitmentCharge {
    pub name: String,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub amount: Decimal,
    /// Ids of the charges the floor is under.
    pub covers: Vec<u32>,
}

named_enum!(
    TierBy {
        Sales = "sales",
        Kpi = "kpi",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceTier {
    /// Where the tier starts, in units; the first starts at "0".
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "0")]
    pub from: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "1.20")]
    pub unit_price: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PercentTier {
    /// Where the tier starts: sales in the currency, or the KPI's value; the first starts at "0".
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "0")]
    pub from: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "2")]
    pub percent: Decimal,
}

/// A charge as stored: its id within the contract and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Charge {
    pub id: u32,
    #[serde(flatten)]
    pub spec: ChargeSpec,
}

impl<'de> Deserialize<'de> for Charge {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (id, spec) = crate::domain::numbered::deserialize(deserializer)?;
        Ok(Charge { id, spec })
    }
}

impl ChargeSpec {
    pub fn kind(&self) -> ChargeKindName {
        match self {
            ChargeSpec::SeatMonthly(_) => ChargeKindName::SeatMonthly,
            ChargeSpec::PerUnit(_) => ChargeKindName::PerUnit,
            ChargeSpec::Commission(_) => ChargeKindName::Commission,
            ChargeSpec::Fixed(_) => ChargeKindName::Fixed,
            ChargeSpec::OneTime(_) => ChargeKindName::OneTime,
            ChargeSpec::MinimumCommitment(_) => ChargeKindName::MinimumCommitment,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            ChargeSpec::SeatMonthly(SeatMonthlyCharge { name, .. })
            | ChargeSpec::PerUnit(PerUnitCharge { name, .. })
            | ChargeSpec::Commission(CommissionCharge { name, .. })
            | ChargeSpec::Fixed(FixedCharge { name, .. })
            | ChargeSpec::OneTime(OneTimeCharge { name, .. })
            | ChargeSpec::MinimumCommitment(MinimumCommitmentCharge { name, .. }) => name,
        }
    }
}

impl<'de> Deserialize<'de> for ChargeSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::domain::tagged::deserialize(deserializer)
    }
}

impl crate::domain::tagged::Tagged for ChargeSpec {
    const TAG: &'static str = "kind";
    const VARIANTS: &'static [&'static str] = &[
        "seat_monthly",
        "per_unit",
        "commission",
        "fixed",
        "one_time",
        "minimum_commitment",
    ];

    fn variant<'de, B: serde::Deserializer<'de>>(
        kind: &str,
        body: B,
    ) -> Option<Result<Self, B::Error>> {
        Some(match kind {
            "seat_monthly" => Deserialize::deserialize(body).map(ChargeSpec::SeatMonthly),
            "per_unit" => Deserialize::deserialize(body).map(ChargeSpec::PerUnit),
            "commission" => Deserialize::deserialize(body).map(ChargeSpec::Commission),
            "fixed" => Deserialize::deserialize(body).map(ChargeSpec::Fixed),
            "one_time" => Deserialize::deserialize(body).map(ChargeSpec::OneTime),
            "minimum_commitment" => {
                Deserialize::deserialize(body).map(ChargeSpec::MinimumCommitment)
            }
            _ => return None,
        })
    }
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
                    msg!("error-per-unit-metric"),
                );
                v.rule(
                    *included < Decimal::ZERO,
                    format!("{prefix}included"),
                    msg!("error-not-negative"),
                );
                let starts: Vec<Decimal> = tiers.iter().map(|t| t.from).collect();
                check_tiers(&starts, &format!("{prefix}tiers"), v);
                for (i, tier) in tiers.iter().enumerate() {
                    v.rule(
                        tier.unit_price < Decimal::ZERO,
                        format!("{prefix}tiers[{i}].unit_price"),
                        msg!("error-not-negative"),
                    );
                    v.rule(
                        tier.unit_price > AMOUNT_MAX,
                        format!("{prefix}tiers[{i}].unit_price"),
                        msg!("error-at-most", max = AMOUNT_MAX_UNITS),
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
                    msg!("error-floor-covers-none"),
                );
                for (i, id) in covers.iter().enumerate() {
                    let target = terms.charges.iter().find(|c| c.id == *id);
                    match target {
                        None => v.add(
                            format!("{prefix}covers[{i}]"),
                            msg!("error-no-such-charge", id = *id),
                        ),
                        Some(c) if c.spec.kind() == ChargeKindName::MinimumCommitment => v.add(
                            format!("{prefix}covers[{i}]"),
                            msg!("error-floor-under-floor"),
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
                msg!("error-commission-flat-tiers"),
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
                    msg!("error-commission-metric-missing"),
                ),
                (TierBy::Sales, Some(_)) => v.add(
                    format!("{prefix}kpi_metric"),
                    msg!("error-commission-metric-not-allowed"),
                ),
                (TierBy::Sales, None) => {}
            }
        }
        (Some(_), Some(_)) => v.add(format!("{prefix}percent"), msg!("error-commission-both")),
        (None, None) => v.add(format!("{prefix}percent"), msg!("error-commission-neither")),
    }
}
