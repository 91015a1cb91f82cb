//! Hand-worked examples, one per rule: the arithmetic is written beside each.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::domain::terms::*;

mod props;
mod schedules;

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

fn per_unit(pricing: TierPricing, included: &str, tiers: &[(&str, &str)]) -> ChargeSpec {
    ChargeSpec::PerUnit(PerUnitCharge {
        name: "咨询计件".into(),
        metric: "consultations".into(),
        pricing,
        included: dec(included),
        tiers: tiers
            .iter()
            .map(|(from, price)| PriceTier {
                from: dec(from),
                unit_price: dec(price),
            })
            .collect(),
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

/// Adds the days of `more` to a metric's feed.
fn extend(mut feed: MetricInput, more: MetricInput) -> MetricInput {
    feed.buckets.extend(more.buckets);
    feed.buckets.sort_by_key(|b| b.from);
    feed
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

#[test]
fn seats_are_prorated_across_two_phases_in_a_31_day_month() {
    // Phase 1: Oct 1–10 (end Oct 11 exclusive) = 10 days, 5 seats:
    //   5 × 6000 × 10/31 = 300000/31 = 9677.419354… → 9677.42
    // Phase 2: Oct 11–31 = 21 days, 10 seats:
    //   10 × 6000 × 21/31 = 1260000/31 = 40645.161290… → 40645.16
    // Charges 50322.58; tax 6 % = 3019.3548 → 3019.35; total 53341.93.
    let mut t = terms();
    phase(&mut t, "试点", date(10, 1), date(10, 11), 5);
    phase(&mut t, "扩量", date(10, 11), date(11, 1), 10);
    charge(&mut t, seats("6000.00"));
    let draft = compute(&october(t));
    assert_eq!(
        amounts(&draft),
        vec![
            (LineKind::Charge, dec("9677.42")),
            (LineKind::Charge, dec("40645.16"))
        ]
    );
    assert_eq!(draft.lines[0].explanation.from, Some(date(10, 1)));
    assert_eq!(draft.lines[0].explanation.to, Some(date(10, 10)));
    assert_eq!(
        draft.lines[0].explanation.exact,
        Some(dec("9677.4193548387096774193548387"))
    );
    assert_eq!(draft.charges, dec("50322.58"));
    assert_eq!(draft.tax, dec("3019.35"));
    assert_eq!(draft.total, dec("53341.93"));
}

#[test]
fn graduated_and_volume_tiers_price_the_same_usage_differently() {
    // 1500 consultations; tiers from 0 at 1.20, from 1000 at 1.00.
    // Graduated: 1000 × 1.20 + 500 × 1.00 = 1700.00
    // Volume: 1500 reach the second tier, all at 1.00 = 1500.00
    let tiers = [("0", "1.20"), ("1000", "1.00")];
    let usage = feed("consultations", date(10, 1), date(10, 30), 50, 1); // 30 × 50 = 1500
    for (pricing, expected) in [
        (TierPricing::Graduated, "1700.00"),
        (TierPricing::Volume, "1500.00"),
    ] {
        let mut t = terms();
        charge(&mut t, per_unit(pricing, "0", &tiers));
        let mut input = october(t);
        input.figures.push(usage.clone());
        let draft = compute(&input);
        assert_eq!(draft.charges, dec(expected), "{pricing}");
        assert_eq!(draft.lines[0].explanation.quantity, Some(dec("1500")));
    }
}

#[test]
fn included_units_are_free_and_tiers_count_the_rest() {
    // 1500 consultations, 200 included: 1300 billable.
    // Graduated: 1000 × 1.20 + 300 × 1.00 = 1500.00
    let mut t = terms();
    charge(
        &mut t,
        per_unit(
            TierPricing::Graduated,
            "200",
            &[("0", "1.20"), ("1000", "1.00")],
        ),
    );
    let mut input = october(t);
    input
        .figures
        .push(feed("consultations", date(10, 1), date(10, 30), 50, 1));
    let draft = compute(&input);
    assert_eq!(draft.charges, dec("1500.00"));
    assert_eq!(draft.lines[0].explanation.quantity, Some(dec("1300")));
}

fn commission(
    percent: Option<&str>,
    tier_by: Option<TierBy>,
    kpi: Option<&str>,
    tiers: &[(&str, &str)],
) -> ChargeSpec {
    ChargeSpec::Commission(CommissionCharge {
        name: "销售提成".into(),
        percent: percent.map(dec),
        tier_by,
        kpi_metric: kpi.map(str::to_owned),
        tiers: tiers
            .iter()
            .map(|(from, p)| PercentTier {
                from: dec(from),
                percent: dec(p),
            })
            .collect(),
    })
}

/// CS-assisted sales: `fen` minor units on one day.
fn sales(fen: i64) -> MetricInput {
    feed("cs_sales", date(10, 5), date(10, 5), fen, 1)
}

#[test]
fn a_flat_commission_is_a_percentage_of_cs_assisted_sales() {
    // Sales 12,345.67 × 2 % = 246.9134 → 246.91
    let mut t = terms();
    charge(&mut t, commission(Some("2"), None, None, &[]));
    let mut input = october(t);
    input.figures.push(sales(1_234_567));
    let draft = compute(&input);
    assert_eq!(draft.charges, dec("246.91"));
    assert_eq!(draft.lines[0].explanation.quantity, Some(dec("12345.67")));
}

#[test]
fn a_commission_tiered_by_sales_takes_the_rate_of_the_tier_reached() {
    // Tiers: from 0 at 1 %, from 100,000 at 2 %. Sales 150,000.00 reach tier 2:
    // 150000 × 2 % = 3000.00
    let mut t = terms();
    charge(
        &mut t,
        commission(
            None,
            Some(TierBy::Sales),
            None,
            &[("0", "1"), ("100000", "2")],
        ),
    );
    let mut input = october(t);
    input.figures.push(sales(15_000_000));
    let draft = compute(&input);
    assert_eq!(draft.charges, dec("3000.00"));
    assert_eq!(draft.lines[0].explanation.band, Some(2));
}

#[test]
fn a_kpi_tiered_commission_takes_the_rate_of_the_band_the_kpi_reaches() {
    // Conversion: 31 days × 35 ordered / 100 inquired = 1085/3100 = 35 %.
    // Tiers: from 0 at 1 %, from 30 at 1.5 %, from 40 at 2 % → 1.5 %.
    // Sales 200,000.00 × 1.5 % = 3000.00
    let mut t = terms();
    charge(
        &mut t,
        commission(
            None,
            Some(TierBy::Kpi),
            Some("conversion_rate"),
            &[("0", "1"), ("30", "1.5"), ("40", "2")],
        ),
    );
    let mut input = october(t);
    input.figures.push(sales(20_000_000));
    input
        .figures
        .push(feed("conversion_rate", date(10, 1), date(10, 31), 35, 100));
    let draft = compute(&input);
    assert_eq!(draft.charges, dec("3000.00"));
    let e = &draft.lines[0].explanation;
    assert_eq!(
        (e.actual, e.band, e.rate),
        (Some(dec("35")), Some(2), Some(dec("1.5")))
    );
}

#[test]
fn fixed_fees_every_month_and_one_time_fees_in_their_month() {
    // October: management fee 5000.00 + setup 2000.00 (Oct 15) = 7000.00
    // November: 5000.00 only.
    let mut t = terms();
    charge(&mut t, fixed("管理费", "5000.00"));
    charge(
        &mut t,
        ChargeSpec::OneTime(OneTimeCharge {
            name: "培训费".into(),
            amount: dec("2000.00"),
            date: date(10, 15),
        }),
    );
    assert_eq!(compute(&october(t.clone())).charges, dec("7000.00"));
    assert_eq!(compute(&month(11, t)).charges, dec("5000.00"));
}

#[test]
fn a_minimum_commitment_tops_up_the_charges_it_covers() {
    // 100 consultations × 10.00 = 1000.00; the floor of 3000.00 covers it:
    // top-up 3000.00 − 1000.00 = 2000.00. The fixed fee is not under the floor.
    let mut t = terms();
    let unit = charge(
        &mut t,
        per_unit(TierPricing::Volume, "0", &[("0", "10.00")]),
    );
    charge(&mut t, fixed("管理费", "500.00"));
    charge(
        &mut t,
        ChargeSpec::MinimumCommitment(MinimumCommitmentCharge {
            name: "最低消费".into(),
            amount: dec("3000.00"),
            covers: vec![unit],
        }),
    );
    let mut input = october(t);
    input
        .figures
        .push(feed("consultations", date(10, 1), date(10, 10), 10, 1));
    let draft = compute(&input);
    assert_eq!(
        amounts(&draft),
        vec![
            (LineKind::Charge, dec("1000.00")),
            (LineKind::Charge, dec("500.00")),
            (LineKind::Charge, dec("2000.00"))
        ]
    );
    assert_eq!(
        draft.lines[2].charge_kind,
        Some(ChargeKindName::MinimumCommitment)
    );
}

#[test]
fn the_worst_band_reached_applies_as_a_percentage_of_the_fee_base() {
    // Seats 10 × 6000 = 60000.00. First response 50 s against a target of 30 s:
    // bands at 30 (5 %), 45 (10 %), 60 (20 %): 50 reaches the 45 band, not 60.
    // 10 % × 60000.00 = 6000.00
    let mut input = october(seats_with_response_clause());
    input.figures.push(response_of(50));
    let draft = compute(&input);
    let penalty = &draft.lines[1];
    assert_eq!(
        (penalty.kind, penalty.amount),
        (LineKind::Penalty, dec("-6000.00"))
    );
    let e = &penalty.explanation;
    assert_eq!(
        (e.band, e.actual, e.target, e.base, e.rate),
        (
            Some(2),
            Some(dec("50")),
            Some(dec("30")),
            Some(dec("60000.00")),
            Some(dec("10"))
        )
    );
    assert_eq!(e.sample, Some(31));
    assert!(draft.breached);
    assert_eq!(draft.subtotal, dec("54000.00"));
}

#[test]
fn a_band_penalty_above_the_monthly_cap_is_cut_back_to_it() {
    // Penalty 6000.00 as above; monthly cap 4000.00: a cap line gives back 2000.00.
    let mut t = seats_with_response_clause();
    t.liability.monthly_cap = Some(Cap {
        amount: Some(dec("4000.00")),
        percent_of_fees: None,
    });
    let mut input = october(t);
    input.figures.push(response_of(50));
    let draft = compute(&input);
    assert_eq!(
        amounts(&draft)[1..],
        [
            (LineKind::Penalty, dec("-6000.00")),
            (LineKind::Cap, dec("2000.00"))
        ]
    );
    assert_eq!(draft.lines[2].explanation.rule, Rule::MonthlyCap);
    assert_eq!(draft.penalties, dec("-4000.00"));
    assert_eq!(draft.capped_penalties, dec("4000.00"));
}

#[test]
fn a_monthly_cap_as_a_percentage_of_the_fees() {
    // Cap 5 % of fees 60000.00 = 3000.00; penalty 6000.00 → cap line 3000.00.
    let mut t = seats_with_response_clause();
    t.liability.monthly_cap = Some(Cap {
        amount: None,
        percent_of_fees: Some(dec("5")),
    });
    let mut input = october(t);
    input.figures.push(response_of(50));
    let draft = compute(&input);
    assert_eq!(draft.penalties, dec("-3000.00"));
}

#[test]
fn an_annual_cap_nearly_used_up_leaves_only_what_remains() {
    // Annual cap 10000.00, 9000.00 on the invoices of earlier months: 1000.00 left.
    // Penalty 6000.00 → the annual cap gives back 5000.00; 1000.00 is deducted.
    let mut t = seats_with_response_clause();
    t.liability.annual_cap = Some(dec("10000.00"));
    let mut input = october(t);
    input.figures.push(response_of(50));
    input.penalties_earlier_in_year = dec("9000.00");
    let draft = compute(&input);
    let cap = draft.lines.last().unwrap();
    assert_eq!((cap.kind, cap.amount), (LineKind::Cap, dec("5000.00")));
    assert_eq!(cap.explanation.rule, Rule::AnnualCap);
    assert_eq!(draft.penalties, dec("-1000.00"));
}

fn late_incident(amount: &str) -> IncidentInput {
    IncidentInput {
        id: 7,
        severity: Severity::Critical,
        category: IncidentCategory::DataLeak,
        timeliness: Timeliness::Late,
        minutes_to_escalation: Some(95),
        deadline_minutes: Some(30),
        amount: Some(dec(amount)),
    }
}

#[test]
fn an_uncapped_incident_penalty_bypasses_the_monthly_cap() {
    // SLA penalty 6000.00 and a late escalation 3000.00; monthly cap 1000.00;
    // incidents uncapped. The cap applies to the SLA penalty only: it gives
    // back 5000.00; penalties −6000 − 3000 + 5000 = −4000.00.
    let mut t = seats_with_response_clause();
    t.liability.monthly_cap = Some(Cap {
        amount: Some(dec("1000.00")),
        percent_of_fees: None,
    });
    t.liability.uncapped = vec![PenaltyCategory::Incident];
    let mut input = october(t);
    input.figures.push(response_of(50));
    input.incidents.push(late_incident("3000.00"));
    let draft = compute(&input);
    assert_eq!(
        amounts(&draft)[1..],
        [
            (LineKind::Penalty, dec("-6000.00")),
            (LineKind::Penalty, dec("-3000.00")),
            (LineKind::Cap, dec("5000.00"))
        ]
    );
    assert_eq!(draft.penalties, dec("-4000.00"));
    assert_eq!(draft.capped_penalties, dec("1000.00"));
}

#[test]
fn only_late_or_overdue_escalations_cost_money() {
    let mut t = terms();
    charge(&mut t, fixed("管理费", "5000.00"));
    let mut input = october(t);
    let mut in_time = late_incident("3000.00");
    in_time.timeliness = Timeliness::InTime;
    let mut overdue = late_incident("1000.00");
    overdue.timeliness = Timeliness::Overdue;
    overdue.minutes_to_escalation = None;
    let mut pending = late_incident("1000.00");
    pending.timeliness = Timeliness::Pending;
    input.incidents = vec![in_time, overdue, pending];
    let draft = compute(&input);
    assert_eq!(draft.penalties, dec("-1000.00"));
    assert!(draft.notes.iter().any(|n| n.contains("not escalated yet")));
}

/// Service level at 90 % or better; `answered` of 1000 offered on each day.
fn service_level_draft(answered: i64, schedule: Schedule) -> InvoiceDraft {
    let mut t = terms();
    charge(&mut t, fixed("管理费", "10000.00"));
    clause(&mut t, sla("service_level", "90", schedule));
    let mut input = october(t);
    input.figures.push(feed(
        "service_level",
        date(10, 1),
        date(10, 31),
        answered,
        1000,
    ));
    compute(&input)
}

#[test]
fn per_step_penalties_count_whole_steps_unless_partial_steps_are_allowed() {
    // 88.7 % against 90 %: 1.3 points short, steps of 0.5 at 100.00.
    // Whole steps: 2 × 100 = 200.00. Partial: 2.6 × 100 = 260.00.
    let whole = service_level_draft(887, per_step("0.5", "100.00", StepCounting::Whole, None));
    assert_eq!(whole.penalties, dec("-200.00"));
    assert_eq!(whole.lines[1].explanation.steps, Some(dec("2")));
    let partial = service_level_draft(887, per_step("0.5", "100.00", StepCounting::ProRata, None));
    assert_eq!(partial.penalties, dec("-260.00"));
}

#[test]
fn a_clause_maximum_caps_its_own_per_step_penalty() {
    // 85 % against 90 %: 5 points = 10 steps × 100.00 = 1000.00, maximum 500.00:
    // a clause-maximum line gives back 500.00.
    let draft = service_level_draft(
        850,
        per_step("0.5", "100.00", StepCounting::Whole, Some("500.00")),
    );
    assert_eq!(
        amounts(&draft)[1..],
        [
            (LineKind::Penalty, dec("-1000.00")),
            (LineKind::Cap, dec("500.00"))
        ]
    );
    assert_eq!(draft.lines[2].explanation.rule, Rule::ClauseMaximum);
}

#[test]
fn a_peak_season_override_splits_the_month_and_prorates_the_base() {
    // Fixed fee 31000.00 is the base. Target 30 s; 双11 override Oct 20–31 at 60 s.
    // Oct 1–19 (19 days) at 40 s misses 30 s; of the bands 30 (5 %), 45 (10 %),
    // 60 (20 %) it reaches the first: 5 % of 31000 × 19/31 = 5 % of 19000 = 950.00.
    // Oct 20–31 at 50 s meets the override's 60 s: no penalty.
    let mut t = terms();
    charge(&mut t, fixed("管理费", "31000.00"));
    let mut spec = sla("first_response_time", "30", response_bands());
    if let Some(Schedule::Bands(b)) = &mut spec.penalty {
        b.fee_base = Some(FeeBase {
            charge_kinds: vec![ChargeKindName::Fixed],
        });
    }
    spec.overrides.push(TargetOverride {
        label: "双11预热".into(),
        from: date(10, 20),
        to: date(10, 31),
        target: dec("60"),
    });
    clause(&mut t, spec);
    let mut input = october(t);
    input.figures.push(extend(
        feed("first_response_time", date(10, 1), date(10, 19), 40_000, 1),
        feed("first_response_time", date(10, 20), date(10, 31), 50_000, 1),
    ));
    let draft = compute(&input);
    assert_eq!(amounts(&draft)[1..], [(LineKind::Penalty, dec("-950.00"))]);
    let e = &draft.lines[1].explanation;
    assert_eq!(
        (e.from, e.to, e.base),
        (Some(date(10, 1)), Some(date(10, 19)), Some(dec("19000")))
    );
}

#[test]
fn a_sample_below_the_minimum_is_not_evaluated() {
    // 31 replied sessions in the month, minimum 100: no line, a note.
    let mut t = seats_with_response_clause();
    t.sla_clauses[0].spec.min_sample = 100;
    let mut input = october(t);
    input.figures.push(response_of(90));
    let draft = compute(&input);
    assert_eq!(draft.penalties, Decimal::ZERO);
    assert!(
        draft
            .notes
            .iter()
            .any(|n| n.contains("below the minimum of 100"))
    );
    assert!(!draft.breached);
}

#[test]
fn missing_data_treated_as_breach_takes_the_worst_band() {
    // No first response figures, rule `breach`: the worst band, 20 % × 60000 = 12000.00
    let draft = compute(&october(seats_with_response_clause()));
    assert_eq!(draft.penalties, dec("-12000.00"));
    assert_eq!(draft.lines[1].explanation.band, Some(3));
    assert!(draft.breached);
}

#[test]
fn missing_data_waived_writes_no_line_but_a_note() {
    let mut t = seats_with_response_clause();
    t.sla_clauses[0].spec.missing_data = MissingData::Waive;
    let draft = compute(&october(t));
    assert_eq!(draft.penalties, Decimal::ZERO);
    assert!(draft.notes.iter().any(|n| n.contains("waived")));
}

#[test]
fn a_total_below_zero_is_floored_and_the_rest_not_deducted() {
    // Fee 1000.00; an uncapped breach of 3000.00: subtotal −2000.00.
    // 2000.00 is not deducted; subtotal 0, tax 0, total 0, and a warning.
    let mut t = terms();
    charge(&mut t, fixed("管理费", "1000.00"));
    clause(&mut t, sla("csat", "90", fixed_penalty("3000.00")));
    let mut input = october(t);
    input
        .figures
        .push(feed("csat", date(10, 1), date(10, 31), 80, 100));
    let draft = compute(&input);
    assert_eq!(
        draft.lines.last().map(|l| (l.kind, l.amount)),
        Some((LineKind::NotDeducted, dec("2000.00")))
    );
    assert_eq!(
        (draft.subtotal, draft.tax, draft.total),
        (dec("0.00"), dec("0.00"), dec("0.00"))
    );
    assert!(
        draft
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::PenaltiesExceedAmountDue)
    );
    assert_eq!(draft.capped_penalties, dec("1000.00"));
}

#[test]
fn half_up_and_half_even_round_a_midpoint_differently() {
    // November has 30 days. 1 seat × 100.01 × 15/30 = 50.005:
    // half-up → 50.01, half-even → 50.00.
    for (mode, expected) in [
        (RoundingMode::HalfUp, "50.01"),
        (RoundingMode::HalfEven, "50.00"),
    ] {
        let mut t = terms();
        t.commercial.rounding = mode;
        phase(&mut t, "试点", date(11, 16), date(12, 1), 1);
        charge(&mut t, seats("100.01"));
        let draft = compute(&month(11, t));
        assert_eq!(draft.charges, dec(expected), "{mode}");
    }
}

#[test]
fn tax_is_computed_once_on_the_subtotal() {
    // Three fees of 10.05: subtotal 30.15; 6 % = 1.809 → 1.81
    // (rounding each line's tax would give 3 × 0.60 = 1.80).
    let mut t = terms();
    for name in ["甲", "乙", "丙"] {
        charge(&mut t, fixed(name, "10.05"));
    }
    let draft = compute(&october(t));
    assert_eq!(
        (draft.subtotal, draft.tax, draft.total),
        (dec("30.15"), dec("1.81"), dec("31.96"))
    );
}

#[test]
fn a_bonus_needs_its_target_beaten_and_every_further_condition() {
    // CSAT 95 % against 90 %: bonus 500.00 if DSR ≥ 4.8 too.
    // DSR 4.9 (49/10 a day) → bonus; DSR 4.5 → no bonus, a note.
    for (dsr, expected) in [(49, "500.00"), (45, "0")] {
        let mut t = terms();
        charge(&mut t, fixed("管理费", "1000.00"));
        let mut spec = sla("csat", "90", fixed_penalty("300.00"));
        spec.bonus = Some(Bonus {
            schedule: Schedule::Fixed(FixedSchedule {
                amount: dec("500.00"),
            }),
            also_requires: vec![Condition {
                metric: "dsr_service".into(),
                threshold: dec("4.8"),
            }],
        });
        clause(&mut t, spec);
        let mut input = october(t);
        input
            .figures
            .push(feed("csat", date(10, 1), date(10, 31), 95, 100));
        input
            .figures
            .push(feed("dsr_service", date(10, 1), date(10, 31), dsr, 10));
        let draft = compute(&input);
        assert_eq!(draft.bonuses, dec(expected), "DSR {dsr}");
        assert!(!draft.breached);
    }
}

#[test]
fn an_amendment_mid_month_bills_each_part_on_its_own_terms() {
    // Version 1 (Oct 1–15): fee 3100.00 × 15/31 = 1500.00
    // Version 2 (Oct 16–31): fee 6200.00 × 16/31 = 3200.00
    let mut one = terms();
    charge(&mut one, fixed("管理费", "3100.00"));
    let mut two = terms();
    charge(&mut two, fixed("管理费", "6200.00"));
    let mut input = october(one.clone());
    input.parts = vec![
        TermsPart {
            version: 1,
            from: date(10, 1),
            to: date(10, 15),
            terms: one,
        },
        TermsPart {
            version: 2,
            from: date(10, 16),
            to: date(10, 31),
            terms: two,
        },
    ];
    let draft = compute(&input);
    assert_eq!(
        amounts(&draft),
        vec![
            (LineKind::Charge, dec("1500.00")),
            (LineKind::Charge, dec("3200.00"))
        ]
    );
    assert_eq!(draft.lines[1].explanation.terms_version, Some(2));
}

#[test]
fn a_clause_waits_for_its_phase_and_grace_days() {
    // Phase 2 starts Oct 11; the clause applies from it with 5 grace days:
    // evaluated Oct 16–31 only. Oct 1–15 at 90 s do not count; Oct 16–31 at
    // 20 s meet 30 s: no penalty.
    let mut t = terms();
    phase(&mut t, "试点", date(10, 1), date(10, 11), 5);
    let second = phase(&mut t, "扩量", date(10, 11), date(11, 1), 10);
    charge(&mut t, seats("6000.00"));
    let mut spec = sla("first_response_time", "30", response_bands());
    spec.applies_from_phase = Some(second);
    spec.grace_days = 5;
    clause(&mut t, spec);
    let mut input = october(t);
    input.figures.push(extend(
        feed("first_response_time", date(10, 1), date(10, 15), 90_000, 1),
        feed("first_response_time", date(10, 16), date(10, 31), 20_000, 1),
    ));
    let draft = compute(&input);
    assert_eq!(draft.penalties, Decimal::ZERO);
    assert!(!draft.breached);
}

#[test]
fn excluded_days_do_not_count_toward_the_clause() {
    // Oct 1–3 at 300 s are excluded (a platform outage); the rest at 20 s meet 30 s.
    let mut input = october(seats_with_response_clause());
    let mut figures = response_of(20);
    for bucket in figures.buckets.iter_mut().take(3) {
        bucket.for_billing.numerator = 300_000;
        bucket.for_sla = Sums::default();
        input.excluded.push(bucket.from);
    }
    input.figures.push(figures);
    assert_eq!(compute(&input).penalties, Decimal::ZERO);
}

#[test]
fn breached_months_in_a_row_flag_the_right_to_terminate() {
    let mut t = seats_with_response_clause();
    t.liability.termination_after_breached_months = Some(3);
    let mut input = october(t);
    input.figures.push(response_of(50));
    input.breached_months_before = 1;
    assert!(
        !compute(&input)
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::TerminationRight)
    );
    input.breached_months_before = 2;
    assert!(
        compute(&input)
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::TerminationRight)
    );
}

#[test]
fn a_disputed_report_marks_the_draft_and_warns() {
    let mut input = october(seats_with_response_clause());
    input.report = ReportState::Disputed;
    let draft = compute(&input);
    assert!(draft.under_dispute);
    assert!(
        draft
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::UnderDispute)
    );
}

#[test]
fn a_month_report_counts_whole_for_each_segment_and_says_so() {
    // An accepted report gives one bucket for October: 40 s. The override splits
    // the month; each segment is evaluated on the month's figures, and a note says so.
    let mut t = seats_with_response_clause();
    t.sla_clauses[0].spec.overrides.push(TargetOverride {
        label: "双11预热".into(),
        from: date(10, 20),
        to: date(10, 31),
        target: dec("60"),
    });
    let mut input = october(t);
    let sums = Sums {
        numerator: 40_000 * 100,
        denominator: 100,
        days: 31,
    };
    input.figures.push(MetricInput {
        metric: "first_response_time".into(),
        basis: Basis::Report,
        buckets: vec![Bucket {
            from: date(10, 1),
            to: date(10, 31),
            for_sla: sums,
            for_billing: sums,
        }],
    });
    let draft = compute(&input);
    // Oct 1–19: 40 s reaches the 30 band: 5 % × 60000 × 19/31 = 1838.709… → 1838.71
    assert_eq!(draft.penalties, dec("-1838.71"));
    assert!(draft.notes.iter().any(|n| n.contains("whole month")));
}
