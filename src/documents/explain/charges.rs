//! Charge lines in words: seats by the day, units by tier, commission,
//! fixed and one-time fees, the top-up to a minimum.

use rust_decimal::Decimal;

use super::{Explainer, count, plain, plural};
use crate::domain::billing::{
    Explanation, Line, days_between, graduated_pieces, round, scaled_to_days,
};
use crate::domain::metric::Metric;
use crate::domain::terms::{
    ChargeKindName, ChargeSpec, CommissionCharge, PerUnitCharge, RoundingMode, TierBy, TierPricing,
};

/// The days a charge line covers and the days of its month.
struct Days {
    days: u32,
    month: u32,
}

impl Days {
    fn of(x: &Explainer<'_>, e: &Explanation) -> Self {
        let month = x.period.days_in_month();
        let days = match (e.from, e.to) {
            (Some(from), Some(to)) => days_between(from, to),
            _ => month,
        };
        Days { days, month }
    }

    fn whole(&self) -> bool {
        self.days == self.month
    }

    fn scale(&self, monthly: Decimal) -> Decimal {
        scaled_to_days(monthly, self.days, self.month)
    }

    fn args(&self) -> [(&'static str, String); 2] {
        [
            ("days", self.days.to_string()),
            ("month", self.month.to_string()),
        ]
    }
}

pub(super) fn explain(x: &Explainer<'_>, line: &Line, amount: Decimal) -> Vec<String> {
    let e = &line.explanation;
    let spec = x
        .terms
        .charge(e.terms_version, e.reference)
        .map(|c| &c.spec);
    let days = Days::of(x, e);
    let mut detail = match (line.charge_kind, spec) {
        (Some(ChargeKindName::SeatMonthly), _) => seats(x, e, &days, amount),
        (Some(ChargeKindName::PerUnit), Some(ChargeSpec::PerUnit(unit))) => {
            per_unit(x, e, unit, &days, amount)
        }
        (Some(ChargeKindName::PerUnit), _) => e
            .quantity
            .map(|q| x.t("line-billable", &[("billable", count(q))]))
            .into_iter()
            .collect(),
        (Some(ChargeKindName::Commission), spec) => {
            let spec = match spec {
                Some(ChargeSpec::Commission(c)) => Some(c),
                _ => None,
            };
            commission(x, e, spec, &days, amount)
        }
        (Some(ChargeKindName::Fixed), Some(ChargeSpec::Fixed(fixed))) if !days.whole() => {
            let mut args = vec![
                ("monthly", x.money(fixed.amount)),
                ("amount", x.money(amount)),
            ];
            args.extend(days.args());
            vec![x.t("line-fixed-prorated", &args)]
        }
        (Some(ChargeKindName::Fixed), _) => vec![x.t("line-fixed", &[("amount", x.money(amount))])],
        (Some(ChargeKindName::OneTime), Some(ChargeSpec::OneTime(once))) => {
            vec![x.t("line-one-time", &[("date", once.date.to_string())])]
        }
        (Some(ChargeKindName::OneTime), _) => vec![x.t("line-one-time-undated", &[])],
        (Some(ChargeKindName::MinimumCommitment), spec) => minimum(x, line, spec, &days, amount),
        (None, _) => Vec::new(),
    };
    // Seats give their own days (a phase's); the rest bill the part of the month.
    if line.charge_kind != Some(ChargeKindName::OneTime) {
        detail.extend(x.days("line-days-billed", e.from, e.to));
    }
    detail
}

/// 座席 16 个 × 5,500.00 元/座席·月 × 31/31 天 = 88,000.00 元
fn seats(x: &Explainer<'_>, e: &Explanation, days: &Days, amount: Decimal) -> Vec<String> {
    let (Some(seats), Some(rate)) = (e.quantity, e.rate) else {
        return Vec::new();
    };
    let seats = x.t(
        "line-seat-count",
        &[("seats", count(seats)), ("plural", plural(seats))],
    );
    let mut args = vec![
        ("count", seats),
        ("rate", x.price(rate)),
        ("amount", x.money(amount)),
    ];
    args.extend(days.args());
    vec![x.t("line-seats", &args)]
}

fn per_unit(
    x: &Explainer<'_>,
    e: &Explanation,
    unit: &PerUnitCharge,
    days: &Days,
    amount: Decimal,
) -> Vec<String> {
    let billable = e.quantity.unwrap_or_default();
    let metric = Metric::find(&unit.metric).map_or(unit.metric.as_str(), |m| x.metric_name(m));
    let included = days.scale(unit.included);
    let units = billable + included;
    let mut detail = vec![if included.is_zero() {
        x.t(
            "line-units-all",
            &[("metric", metric.to_owned()), ("units", count(units))],
        )
    } else if billable.is_zero() {
        x.t(
            "line-units-within",
            &[("metric", metric.to_owned()), ("included", count(included))],
        )
    } else {
        x.t(
            "line-units-counted",
            &[
                ("metric", metric.to_owned()),
                ("units", count(units)),
                ("included", count(included)),
                ("billable", count(billable)),
            ],
        )
    }];
    if !days.whole() && (!unit.included.is_zero() || unit.tiers.len() > 1) {
        detail.push(x.t("line-units-prorated", &days.args()));
    }
    if billable.is_zero() {
        return detail;
    }
    let starts: Vec<Decimal> = unit.tiers.iter().map(|t| days.scale(t.from)).collect();
    match unit.pricing {
        TierPricing::Graduated => {
            let pieces: Vec<String> = graduated_pieces(&unit.tiers, &starts, billable)
                .into_iter()
                .map(|(units, price)| format!("{} × {}", count(units), x.price(price)))
                .collect();
            detail.push(x.t(
                "line-graduated",
                &[("pieces", pieces.join(" + ")), ("amount", x.money(amount))],
            ));
        }
        TierPricing::Volume => {
            let tier = e.band.unwrap_or(1);
            let from = starts.get(tier - 1).copied().unwrap_or_default();
            let price = e.rate.unwrap_or_default();
            let id = if from.is_zero() {
                "line-volume-first"
            } else {
                "line-volume"
            };
            detail.push(x.t(
                id,
                &[
                    ("tier", tier.to_string()),
                    ("from", count(from)),
                    ("price", x.price(price)),
                    ("billable", count(billable)),
                    ("amount", x.money(amount)),
                ],
            ));
        }
    }
    detail
}

/// The tier a commission's rate came from, then the sales times the rate.
fn commission(
    x: &Explainer<'_>,
    e: &Explanation,
    spec: Option<&CommissionCharge>,
    days: &Days,
    amount: Decimal,
) -> Vec<String> {
    let percent = plain(e.rate.unwrap_or_default());
    let tier = e.band.unwrap_or(1);
    let mut detail = Vec::new();
    let tiers = spec.filter(|c| c.percent.is_none());
    match tiers.and_then(|c| c.tier_by.map(|by| (c, by))) {
        Some((c, TierBy::Sales)) => {
            let from = c.tiers.get(tier - 1).map_or(Decimal::ZERO, |t| t.from);
            detail.push(x.t(
                "line-commission-sales-tier",
                &[
                    ("tier", tier.to_string()),
                    ("from", x.money(days.scale(from))),
                    ("percent", percent.clone()),
                ],
            ));
        }
        Some((c, TierBy::Kpi)) => {
            let code = c.kpi_metric.as_deref().unwrap_or_default();
            if let Some(metric) = Metric::find(code) {
                let starts: Vec<Decimal> = c.tiers.iter().map(|t| t.from).collect();
                let name = x.metric_name(metric).to_owned();
                detail.push(match e.actual {
                    Some(actual) => x.t(
                        "line-commission-kpi-tier",
                        &[
                            ("metric", name),
                            ("actual", x.measure(metric, actual, &starts)),
                            ("tier", tier.to_string()),
                            (
                                "from",
                                x.term(metric, starts.get(tier - 1).copied().unwrap_or_default()),
                            ),
                            ("percent", percent.clone()),
                        ],
                    ),
                    None => x.t(
                        "line-commission-no-kpi",
                        &[("metric", name), ("percent", percent.clone())],
                    ),
                });
            }
        }
        None => {}
    }
    detail.push(x.t(
        "line-commission",
        &[
            ("sales", x.money(e.quantity.unwrap_or_default())),
            ("percent", percent),
            ("amount", x.money(amount)),
        ],
    ));
    detail
}

/// The floor (prorated when the part is short of the month), then the top-up.
fn minimum(
    x: &Explainer<'_>,
    line: &Line,
    spec: Option<&ChargeSpec>,
    days: &Days,
    amount: Decimal,
) -> Vec<String> {
    let e = &line.explanation;
    let covered = x.money(e.base.unwrap_or_default());
    let Some(ChargeSpec::MinimumCommitment(floor)) = spec else {
        return vec![x.t(
            "line-minimum-top-up-unnamed",
            &[("covered", covered), ("amount", x.money(amount))],
        )];
    };
    // Shown to the minor unit, as the top-up it gives was rounded.
    let mode = x
        .terms
        .last()
        .map_or(RoundingMode::HalfUp, |t| t.commercial.rounding);
    let minimum = x.money(round(days.scale(floor.amount), mode, x.minor_digits));
    let mut detail = vec![if days.whole() {
        x.t("line-minimum", &[("minimum", minimum.clone())])
    } else {
        let mut args = vec![
            ("monthly", x.money(floor.amount)),
            ("minimum", minimum.clone()),
        ];
        args.extend(days.args());
        x.t("line-minimum-prorated", &args)
    }];
    let names: Vec<String> = floor
        .covers
        .iter()
        .filter_map(|id| {
            x.terms
                .charge(e.terms_version, Some(i64::from(*id)))
                .map(|c| c.spec.name().to_owned())
        })
        .collect();
    detail.push(x.t(
        "line-minimum-top-up",
        &[
            ("charges", x.list(names)),
            ("covered", covered),
            ("minimum", minimum),
            ("amount", x.money(amount)),
        ],
    ));
    detail
}
