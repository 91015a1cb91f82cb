//! Hand-worked examples, one per rule: the arithmetic is written beside each.
//!
//! The examples live in the modules below, grouped by the rule they check;
//! this file holds the fixtures and helpers they (and other modules' tests) share.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::domain::terms::*;

mod bonuses;
mod caps;
mod charges;
mod days;
mod incidents;
mod penalties;
mod props;
mod schedules;
mod totals;

pub(crate) fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

pub(crate) fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

pub(crate) fn terms() -> Terms {
    Terms::new(Commercial::default())
}

/// October 2026 (31 days), one version of `terms`, an accepted report, no figures.
pub(crate) fn october(terms: Terms) -> BillingInput {
    month(10, terms)
}

pub(crate) fn month(m: u32, terms: Terms) -> BillingInput {
    let period = Period::of(date(m, 1));
    BillingInput {
        period,
        from: period.first_day(),
        to: period.last_day(),
        minor_digits: 2,
        parts: vec![TermsPart {
            version: 1,
            from: period.first_day(),
            to: period.last_day(),
            terms,
        }],
        excluded: Vec::new(),
        figures: Vec::new(),
        incidents: Vec::new(),
        report: ReportState::Accepted,
        discrepancies: Vec::new(),
        contract_year: (date(1, 1), date(12, 31)),
        penalties_earlier_in_year: Decimal::ZERO,
        breached_months_before: 0,
    }
}

pub(crate) fn charge(terms: &mut Terms, spec: ChargeSpec) -> u32 {
    let id = terms.take_id();
    terms.charges.push(Charge { id, spec });
    id
}

pub(crate) fn clause(terms: &mut Terms, spec: SlaClauseSpec) -> u32 {
    let id = terms.take_id();
    terms.sla_clauses.push(SlaClause { id, spec });
    id
}

pub(crate) fn phase(
    terms: &mut Terms,
    name: &str,
    start: NaiveDate,
    end: NaiveDate,
    seats: u32,
) -> u32 {
    let id = terms.take_id();
    terms.phases.push(Phase {
        id,
        spec: PhaseSpec {
            name: name.into(),
            start,
            end,
            channels: vec![Channel::OnlineChat],
            inquiry_share: dec("100"),
            shifts: Vec::new(),
            seats,
            exit_criteria: Vec::new(),
        },
    });
    id
}

pub(crate) fn fixed(name: &str, amount: &str) -> ChargeSpec {
    ChargeSpec::Fixed(FixedCharge {
        name: name.into(),
        amount: dec(amount),
    })
}

pub(crate) fn seats(rate: &str) -> ChargeSpec {
    ChargeSpec::SeatMonthly(SeatMonthlyCharge {
        name: "坐席费".into(),
        rate: dec(rate),
    })
}

/// A clause on `metric` with a target and a penalty schedule, all else default.
pub(crate) fn sla(metric: &str, target: &str, penalty: Schedule) -> SlaClauseSpec {
    SlaClauseSpec {
        name: format!("{metric} clause"),
        metric: metric.into(),
        target: dec(target),
        applies_from_phase: None,
        grace_days: 0,
        overrides: Vec::new(),
        min_sample: 0,
        missing_data: MissingData::Breach,
        category: PenaltyCategory::Sla,
        penalty: Some(penalty),
        bonus: None,
    }
}

pub(crate) fn fixed_penalty(amount: &str) -> Schedule {
    Schedule::Fixed(FixedSchedule {
        amount: dec(amount),
    })
}

/// First response time bands, percent of the seat fees: ≥30 s 5 %, ≥45 s 10 %, ≥60 s 20 %.
pub(crate) fn response_bands() -> Schedule {
    Schedule::Bands(BandsSchedule {
        fee_base: Some(FeeBase {
            charge_kinds: vec![ChargeKindName::SeatMonthly],
        }),
        bands: [("30", "5"), ("45", "10"), ("60", "20")]
            .iter()
            .map(|(t, p)| Band {
                threshold: dec(t),
                inclusive: true,
                amount: None,
                percent: Some(dec(p)),
            })
            .collect(),
    })
}

fn per_step(step: &str, amount: &str, counting: StepCounting, max: Option<&str>) -> Schedule {
    Schedule::PerStep(PerStepSchedule {
        step: dec(step),
        amount: dec(amount),
        counting,
        max: max.map(dec),
    })
}

/// The same numerator and denominator on every day from `from` to `to`.
pub(crate) fn feed(metric: &str, from: NaiveDate, to: NaiveDate, n: i64, d: i64) -> MetricInput {
    MetricInput {
        metric: metric.into(),
        basis: Basis::Feed,
        buckets: from
            .iter_days()
            .take_while(|day| *day <= to)
            .map(|day| day_bucket(day, n, d))
            .collect(),
    }
}

pub(crate) fn day_bucket(day: NaiveDate, n: i64, d: i64) -> Bucket {
    let sums = Sums {
        numerator: n,
        denominator: d,
        days: 1,
    };
    Bucket {
        from: day,
        to: day,
        for_sla: sums,
        for_billing: sums,
    }
}

fn amounts(draft: &InvoiceDraft) -> Vec<(LineKind, Decimal)> {
    draft.lines.iter().map(|l| (l.kind, l.amount)).collect()
}

/// Ten seats at 6,000 for all of October, and a first response time clause in bands.
fn seats_with_response_clause() -> Terms {
    let mut t = terms();
    phase(&mut t, "全量", date(10, 1), date(11, 1), 10);
    charge(&mut t, seats("6000.00"));
    clause(&mut t, sla("first_response_time", "30", response_bands()));
    t
}

/// 50 s average first response: 50,000 ms over 1 replied session a day.
fn response_of(seconds: i64) -> MetricInput {
    feed(
        "first_response_time",
        date(10, 1),
        date(10, 31),
        seconds * 1000,
        1,
    )
}
