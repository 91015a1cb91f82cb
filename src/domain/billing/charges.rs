//! The fee schedule, billed over one part of the period.
//!
//! Monthly quantities — a fixed fee, a floor, included units, tier
//! boundaries — scale with the part's share of the month when the part is
//! not the whole month (a contract starting mid-month, an amendment).

use std::fmt::{self, Write as _};

use rust_decimal::Decimal;

use super::days::{self, count, share};
use super::{
    BillingInput, Book, Explanation, Line, LineKind, MetricInput, Rule, TermsPart, formula,
};
use crate::domain::decimal::Plain;
use crate::domain::metric::Metric;
use crate::domain::terms::{
    Charge, ChargeKindName, ChargeSpec, CommissionCharge, MinimumCommitmentCharge, PerUnitCharge,
    PercentTier, PriceTier, TierBy, TierPricing,
};

/// What a part of the period is, for the charges.
struct PartDays {
    days: u32,
    in_month: u32,
    /// The part's share of the month; one for a whole month.
    share: Decimal,
}

impl PartDays {
    fn whole(&self) -> bool {
        self.days == self.in_month
    }

    /// Scales a monthly quantity to the part.
    fn scale(&self, monthly: Decimal) -> Decimal {
        if self.whole() {
            monthly
        } else {
            monthly * self.share
        }
    }
}

/// How the scaling reads in a formula: nothing for a whole month, else " × d/m days".
impl fmt::Display for PartDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.whole() {
            Ok(())
        } else {
            write!(f, " × {}/{} days", self.days, self.in_month)
        }
    }
}

pub(super) fn bill(input: &BillingInput, part: &TermsPart, book: &mut Book<'_>) {
    let in_month = input.period.days_in_month();
    let days = count(part.from, part.to);
    let part_days = PartDays {
        days,
        in_month,
        share: share(days, in_month),
    };
    let first = book.lines.len();
    for charge in &part.terms.charges {
        let line = |label: String| charge_line(part, charge, charge.spec.kind(), label);
        match &charge.spec {
            ChargeSpec::SeatMonthly(seat) => {
                for (from, to, phase) in days::phase_segments(part) {
                    let d = count(from, to);
                    let seats = Decimal::from(phase.spec.seats);
                    let mut l = line([seat.name.as_str(), " — ", &phase.spec.name].concat());
                    l.explanation.from = Some(from);
                    l.explanation.to = Some(to);
                    l.explanation.quantity = Some(seats);
                    l.explanation.rate = Some(seat.rate);
                    l.explanation.formula = formula(format_args!(
                        "{} seats × {} per seat-month × {d}/{in_month} days",
                        Plain(seats),
                        Plain(seat.rate)
                    ));
                    let exact = seats * seat.rate * Decimal::from(d) / Decimal::from(in_month);
                    book.push(l, exact);
                }
            }
            ChargeSpec::PerUnit(unit) => {
                let figures = find(input, &unit.metric);
                let units = Decimal::from(days::billing_sum(figures, part.from, part.to).numerator);
                let mut l = line(unit.name.clone());
                let exact = per_unit(unit, units, &part_days, &mut l.explanation);
                l.explanation.metric = Some(unit.metric.clone());
                book.push(l, exact);
            }
            ChargeSpec::Commission(commission) => {
                let mut l = line(commission.name.clone());
                let exact = commission_amount(input, part, commission, &part_days, &mut l, book);
                book.push(l, exact);
            }
            ChargeSpec::Fixed(fixed) => {
                let mut l = line(fixed.name.clone());
                l.explanation.formula = formula(format_args!("{}{part_days}", Plain(fixed.amount)));
                book.push(l, part_days.scale(fixed.amount));
            }
            ChargeSpec::OneTime(once) => {
                if part.from <= once.date && once.date <= part.to {
                    let mut l = line(once.name.clone());
                    l.explanation.formula = formula(format_args!(
                        "{} once, on {}",
                        Plain(once.amount),
                        once.date
                    ));
                    book.push(l, once.amount);
                }
            }
            ChargeSpec::MinimumCommitment(_) => {}
        }
    }
    for charge in &part.terms.charges {
        if let ChargeSpec::MinimumCommitment(floor) = &charge.spec {
            top_up(part, charge, floor, &part_days, first, book);
        }
    }
}

fn find<'a>(input: &'a BillingInput, metric: &str) -> Option<&'a MetricInput> {
    input.figures.iter().find(|f| f.metric == metric)
}

/// Units beyond the included quantity, priced by the tiers.
fn per_unit(
    unit: &PerUnitCharge,
    units: Decimal,
    part: &PartDays,
    explanation: &mut Explanation,
) -> Decimal {
    let included = part.scale(unit.included);
    let billable = (units - included).max(Decimal::ZERO);
    let starts: Vec<Decimal> = unit.tiers.iter().map(|t| part.scale(t.from)).collect();
    explanation.quantity = Some(billable);
    let mut written = formula(format_args!(
        "{} units − {} included",
        Plain(units),
        Plain(included.normalize())
    ));
    if !part.whole() {
        let _ = write!(
            written,
            " (monthly quantities {}/{} days)",
            part.days, part.in_month
        );
    }
    let billable_written = Plain(billable);
    match unit.pricing {
        TierPricing::Volume => {
            let tier = reached(&starts, billable);
            let price = unit.tiers.get(tier).map_or(Decimal::ZERO, |t| t.unit_price);
            explanation.rate = Some(price);
            explanation.band = Some(tier + 1);
            let _ = write!(
                written,
                " = {billable_written} billable, all at tier {} (from {}): {billable_written} × {}",
                tier + 1,
                Plain(starts.get(tier).copied().unwrap_or_default().normalize()),
                Plain(price)
            );
            explanation.formula = written;
            billable * price
        }
        TierPricing::Graduated => {
            let _ = write!(written, " = {billable_written} billable: ");
            let amount = graduated(&unit.tiers, &starts, billable, &mut written);
            explanation.formula = written;
            amount
        }
    }
}

/// Each unit at the price of its own tier: the amount, and how it was reached
/// written into `formula` ("20000 × 1.20 + 2720 × 1.00").
fn graduated(
    tiers: &[PriceTier],
    starts: &[Decimal],
    billable: Decimal,
    formula: &mut String,
) -> Decimal {
    let mut amount = Decimal::ZERO;
    let mut any = false;
    for (units, price) in pieces(tiers, starts, billable) {
        amount += units * price;
        if any {
            formula.push_str(" + ");
        }
        any = true;
        let _ = write!(formula, "{} × {}", Plain(units.normalize()), Plain(price));
    }
    if !any {
        formula.push('0');
    }
    amount
}

/// How `billable` units fall into graduated tiers starting at `starts`:
/// the units in each tier reached, with the tier's price.
pub fn graduated_pieces(
    tiers: &[PriceTier],
    starts: &[Decimal],
    billable: Decimal,
) -> Vec<(Decimal, Decimal)> {
    pieces(tiers, starts, billable).collect()
}

fn pieces<'a>(
    tiers: &'a [PriceTier],
    starts: &'a [Decimal],
    billable: Decimal,
) -> impl Iterator<Item = (Decimal, Decimal)> + 'a {
    tiers
        .iter()
        .zip(starts)
        .enumerate()
        .take_while(move |(_, (_, lo))| billable > **lo)
        .map(move |(i, (tier, &lo))| {
            let upper = starts.get(i + 1).map_or(billable, |h| billable.min(*h));
            (upper - lo, tier.unit_price)
        })
}

/// A monthly quantity (a fee, a floor, included units, a tier's start)
/// scaled to `days` of a month of `in_month` days, as the charges bill it.
pub fn scaled_to_days(monthly: Decimal, days: u32, in_month: u32) -> Decimal {
    PartDays {
        days,
        in_month,
        share: share(days, in_month),
    }
    .scale(monthly)
}

/// The index of the last tier whose start `value` reaches.
fn reached(starts: &[Decimal], value: Decimal) -> usize {
    starts.iter().rposition(|s| *s <= value).unwrap_or(0)
}

fn commission_amount(
    input: &BillingInput,
    part: &TermsPart,
    commission: &CommissionCharge,
    part_days: &PartDays,
    line: &mut Line,
    book: &mut Book<'_>,
) -> Decimal {
    let minor = Decimal::from(10i64.pow(input.minor_digits));
    let sales_minor = days::billing_sum(find(input, "cs_sales"), part.from, part.to).numerator;
    let sales = Decimal::from(sales_minor) / minor;
    let e = &mut line.explanation;
    e.metric = Some("cs_sales".into());
    e.quantity = Some(sales);
    let (percent, how) = match (commission.percent, commission.tier_by) {
        (Some(percent), _) => (percent, String::new()),
        (None, Some(TierBy::Sales)) => {
            let starts = scaled_starts(&commission.tiers, part_days);
            let tier = reached(&starts, sales);
            e.band = Some(tier + 1);
            let from = starts.get(tier).copied().unwrap_or_default().normalize();
            (
                tier_percent(&commission.tiers, tier),
                format!(" (sales reach tier {} from {from})", tier + 1),
            )
        }
        (None, Some(TierBy::Kpi)) => {
            let code = commission.kpi_metric.as_deref().unwrap_or_default();
            let summed = days::sum(find(input, code), &[(part.from, part.to)]).for_sla;
            let value = Metric::find(code).and_then(|m| summed.ratio(m, input.minor_digits));
            let starts: Vec<Decimal> = commission.tiers.iter().map(|t| t.from).collect();
            e.metric = Some(code.to_owned());
            match value {
                Some(ratio) => {
                    let tier = starts
                        .iter()
                        .rposition(|s| ratio.cmp_decimal(*s).is_ge())
                        .unwrap_or(0);
                    e.actual = Some(ratio.value());
                    e.band = Some(tier + 1);
                    (
                        tier_percent(&commission.tiers, tier),
                        format!(
                            " ({code} {} reaches tier {} from {})",
                            ratio.value(),
                            tier + 1,
                            starts[tier].normalize()
                        ),
                    )
                }
                None => {
                    book.notes.push(format!(
                        "{}: no {code} figures, so the first tier's rate applies",
                        commission.name
                    ));
                    e.band = Some(1);
                    (
                        tier_percent(&commission.tiers, 0),
                        format!(" (no {code} figures: tier 1)"),
                    )
                }
            }
        }
        (None, None) => (Decimal::ZERO, String::new()),
    };
    e.rate = Some(percent);
    e.formula = formula(format_args!(
        "{} CS-assisted sales × {}%{how}",
        Plain(sales),
        Plain(percent)
    ));
    sales * percent / Decimal::ONE_HUNDRED
}

fn scaled_starts(tiers: &[PercentTier], part: &PartDays) -> Vec<Decimal> {
    tiers.iter().map(|t| part.scale(t.from)).collect()
}

fn tier_percent(tiers: &[PercentTier], index: usize) -> Decimal {
    tiers.get(index).map_or(Decimal::ZERO, |t| t.percent)
}

/// A top-up when the charges under a floor fall short of it.
fn top_up(
    part: &TermsPart,
    charge: &Charge,
    floor: &MinimumCommitmentCharge,
    part_days: &PartDays,
    first: usize,
    book: &mut Book<'_>,
) {
    let covered: Decimal = book.lines[first..]
        .iter()
        .filter(|l| l.kind == LineKind::Charge)
        .filter(|l| {
            l.explanation
                .reference
                .is_some_and(|r| floor.covers.iter().any(|c| i64::from(*c) == r))
        })
        .map(|l| l.amount)
        .sum();
    let minimum = part_days.scale(floor.amount);
    if covered >= minimum {
        return;
    }
    let mut line = charge_line(
        part,
        charge,
        ChargeKindName::MinimumCommitment,
        floor.name.clone(),
    );
    line.explanation.base = Some(covered);
    line.explanation.formula = format!(
        "minimum {}{part_days} − {covered} charged under it (charges {})",
        floor.amount,
        floor
            .covers
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    );
    book.push(line, minimum - covered);
}

/// A charge's line over a part, its amount still to come.
fn charge_line(part: &TermsPart, charge: &Charge, kind: ChargeKindName, label: String) -> Line {
    Line {
        kind: LineKind::Charge,
        label,
        amount: Decimal::ZERO,
        charge_kind: Some(kind),
        category: None,
        explanation: Explanation {
            rule: Rule::Charge,
            reference: Some(i64::from(charge.id)),
            terms_version: Some(part.version),
            from: Some(part.from),
            to: Some(part.to),
            ..Explanation::default()
        },
    }
}
