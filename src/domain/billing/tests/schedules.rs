//! Hand-worked examples of how schedules read their thresholds and steps:
//! the exact shortfall, how a started step counts, whether a band's
//! threshold belongs to it, and clauses that only reward.

use super::*;

/// A management fee of 10,000.00 and a service-level clause (target 90 %)
/// with `penalty` and `bonus`; the month's figure is `answered` of `offered`
/// as one bucket.
fn service_level(
    answered: i64,
    offered: i64,
    penalty: Option<Schedule>,
    bonus: Option<Schedule>,
) -> InvoiceDraft {
    let mut t = terms();
    charge(&mut t, fixed("管理费", "10000.00"));
    let mut spec = sla("service_level", "90", fixed_penalty("1.00"));
    spec.penalty = penalty;
    spec.bonus = bonus.map(|schedule| Bonus {
        schedule,
        also_requires: Vec::new(),
    });
    clause(&mut t, spec);
    let mut input = october(t);
    let sums = Sums {
        numerator: answered,
        denominator: offered,
        days: 31,
    };
    input.figures.push(MetricInput {
        metric: "service_level".into(),
        basis: Basis::Feed,
        buckets: vec![Bucket {
            from: date(10, 1),
            to: date(10, 31),
            for_sla: sums,
            for_billing: sums,
        }],
    });
    compute(&input)
}

fn steps_of(step: &str, amount: &str, counting: StepCounting) -> Schedule {
    Schedule::PerStep(PerStepSchedule {
        step: dec(step),
        amount: dec(amount),
        counting,
        max: None,
    })
}

fn line(draft: &InvoiceDraft, kind: LineKind) -> Option<&Line> {
    draft.lines.iter().find(|l| l.kind == kind)
}

#[test]
fn the_shortfall_is_measured_on_the_exact_ratio_not_the_shown_value() {
    // 890,000,004 answered of 1,000,000,000: exactly 89.0000004 %, shown as
    // 89 % (six places). Against 90 % it is 0.9999996 points short: one whole
    // step of 0.5, so 100.00. Measured on the shown 89 % it would be a full
    // point, two steps, 200.00.
    let draft = service_level(
        890_000_004,
        1_000_000_000,
        Some(steps_of("0.5", "100.00", StepCounting::Whole)),
        None,
    );
    let penalty = line(&draft, LineKind::Penalty).unwrap();
    assert_eq!(penalty.amount, dec("-100.00"));
    assert_eq!(penalty.explanation.steps, Some(dec("1")));
    assert_eq!(penalty.explanation.actual, Some(dec("89")));
    // A started step: 1.9999992 steps begin the second, 2 × 100.00.
    let started = service_level(
        890_000_004,
        1_000_000_000,
        Some(steps_of("0.5", "100.00", StepCounting::Started)),
        None,
    );
    assert_eq!(started.penalties, dec("-200.00"));
    // Pro rata: 1.9999992 × 100.00 = 199.99992 → 200.00, on the exact steps.
    let pro_rata = service_level(
        890_000_004,
        1_000_000_000,
        Some(steps_of("0.5", "100.00", StepCounting::ProRata)),
        None,
    );
    let line = line(&pro_rata, LineKind::Penalty).unwrap();
    assert_eq!(line.explanation.steps, Some(dec("1.9999992")));
    assert_eq!(line.explanation.exact, Some(dec("-199.99992")));
}

#[test]
fn a_started_step_counts_as_the_schedule_says() {
    // 88.7 % against 90 %: 1.3 points short, steps of 0.5 at 100.00: 2.6 steps.
    //   whole steps only:               2 × 100.00 = 200.00
    //   a started step counts whole:    3 × 100.00 = 300.00 (不足一级按一级计)
    //   pro rata:                     2.6 × 100.00 = 260.00
    for (counting, expected) in [
        (StepCounting::Whole, "-200.00"),
        (StepCounting::Started, "-300.00"),
        (StepCounting::ProRata, "-260.00"),
    ] {
        let draft = service_level(887, 1000, Some(steps_of("0.5", "100.00", counting)), None);
        assert_eq!(draft.penalties, dec(expected), "{counting}");
    }
    // Exactly on a step (89.0 %, 2 steps) nothing is started: 200.00 all three ways.
    for counting in StepCounting::ALL {
        let draft = service_level(890, 1000, Some(steps_of("0.5", "100.00", *counting)), None);
        assert_eq!(draft.penalties, dec("-200.00"), "{counting}");
    }
}

#[test]
fn a_started_step_of_a_bonus_counts_as_the_schedule_says() {
    // 92.2 % against 90 %: 2.2 points better, steps of 1 at 50.00.
    //   whole: 2 × 50 = 100.00; started: 3 × 50 = 150.00; pro rata: 2.2 × 50 = 110.00.
    for (counting, expected) in [
        (StepCounting::Whole, "100.00"),
        (StepCounting::Started, "150.00"),
        (StepCounting::ProRata, "110.00"),
    ] {
        let draft = service_level(
            922,
            1000,
            Some(fixed_penalty("500.00")),
            Some(steps_of("1", "50.00", counting)),
        );
        assert_eq!(draft.bonuses, dec(expected), "{counting}");
    }
}

/// Bands below 90 %: 10 % of the fee, and below 85 % (or at it, when
/// `inclusive`) 25 %.
fn banded(inclusive: bool) -> Schedule {
    Schedule::Bands(BandsSchedule {
        fee_base: Some(FeeBase {
            charge_kinds: vec![ChargeKindName::Fixed],
        }),
        bands: vec![
            Band {
                threshold: dec("90"),
                inclusive,
                amount: None,
                percent: Some(dec("10")),
            },
            Band {
                threshold: dec("85"),
                inclusive,
                amount: None,
                percent: Some(dec("25")),
            },
        ],
    })
}

#[test]
fn a_threshold_belongs_to_the_milder_band_unless_the_band_includes_it() {
    // Exactly 85 %. "低于85%扣25%": 85 % is not below 85 %, so the milder band
    // (below 90 %) applies: 10 % of 10,000.00 = 1,000.00.
    let excluded = service_level(850, 1000, Some(banded(false)), None);
    assert_eq!(excluded.penalties, dec("-1000.00"));
    let band = line(&excluded, LineKind::Penalty).unwrap();
    assert_eq!(band.explanation.band, Some(1));
    assert!(band.explanation.formula.contains("below 90"));
    // "85%以下扣25%": 85 % is in it: 25 % = 2,500.00.
    let included = service_level(850, 1000, Some(banded(true)), None);
    assert_eq!(included.penalties, dec("-2500.00"));
    let band = line(&included, LineKind::Penalty).unwrap();
    assert_eq!(band.explanation.band, Some(2));
    assert!(band.explanation.formula.contains("85 or below"));
    // Just below the threshold both readings agree: 84.9 % → 2,500.00.
    for inclusive in [false, true] {
        let draft = service_level(849, 1000, Some(banded(inclusive)), None);
        assert_eq!(draft.penalties, dec("-2500.00"));
    }
}

#[test]
fn a_bonus_band_threshold_is_met_only_when_included() {
    // Bonus of 800.00 above 95 % (超过95%), or at 95 % and above (95%以上).
    let bonus = |inclusive| {
        Schedule::Bands(BandsSchedule {
            fee_base: None,
            bands: vec![Band {
                threshold: dec("95"),
                inclusive,
                amount: Some(dec("800.00")),
                percent: None,
            }],
        })
    };
    let at = |inclusive| {
        service_level(
            950,
            1000,
            Some(fixed_penalty("500.00")),
            Some(bonus(inclusive)),
        )
    };
    assert_eq!(at(false).bonuses, dec("0"));
    assert_eq!(at(true).bonuses, dec("800.00"));
}

#[test]
fn a_clause_may_reward_without_a_penalty() {
    // Only a bonus: 1,000.00 for a service level of 90 % or better.
    let reward = || Some(fixed_penalty("1000.00"));
    // 96 %: the bonus is paid, 10,000.00 + 1,000.00.
    let met = service_level(960, 1000, None, reward());
    assert_eq!(
        (met.charges, met.bonuses),
        (dec("10000.00"), dec("1000.00"))
    );
    // 80 %: nothing is deducted, the month is not a breach, a note says why.
    let missed = service_level(800, 1000, None, reward());
    assert_eq!((missed.penalties, missed.bonuses), (dec("0"), dec("0")));
    assert!(!missed.breached);
    assert!(missed.notes.iter().any(|n| n.contains("bonus only")));
}

#[test]
fn a_clause_maximum_caps_only_its_own_clause() {
    // CSAT 85 % misses 90 %: a fixed 800.00. Service level 89.6 % misses 90 % by
    // 0.4 points: no whole step of 0.5, so nothing, and its maximum of 100.00
    // has nothing to give back — not a part of the CSAT penalty.
    let mut t = terms();
    charge(&mut t, fixed("管理费", "10000.00"));
    clause(&mut t, sla("csat", "90", fixed_penalty("800.00")));
    let mut level = sla(
        "service_level",
        "90",
        Schedule::PerStep(PerStepSchedule {
            step: dec("0.5"),
            amount: dec("100.00"),
            counting: StepCounting::Whole,
            max: Some(dec("100.00")),
        }),
    );
    level.name = "服务水平".into();
    clause(&mut t, level);
    let mut input = october(t);
    input
        .figures
        .push(feed("csat", date(10, 1), date(10, 31), 85, 100));
    input
        .figures
        .push(feed("service_level", date(10, 1), date(10, 31), 896, 1000));
    let draft = compute(&input);
    assert_eq!(draft.penalties, dec("-800.00"));
    assert!(
        draft.lines.iter().all(|l| l.kind != LineKind::Cap),
        "{:?}",
        draft.lines
    );
}
