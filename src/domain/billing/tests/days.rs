//! Hand-worked examples of the days a clause is judged on: a peak-season
//! override, a phase and its grace days, excluded days, and a month's report
//! counted whole for each segment.

use super::*;

/// Adds the days of `more` to a metric's feed.
fn extend(mut feed: MetricInput, more: MetricInput) -> MetricInput {
    feed.buckets.extend(more.buckets);
    feed.buckets.sort_by_key(|b| b.from);
    feed
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
