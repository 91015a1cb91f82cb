//! Invariants of the engine over generated contracts and months.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;

/// A month of ten seats, a first response clause, caps and incidents, generated.
#[derive(Debug, Clone)]
struct Case {
    rate_fen: i64,
    seconds: Vec<i64>,
    schedule: u8,
    monthly_cap_fen: Option<i64>,
    annual_cap_fen: Option<i64>,
    earlier_fen: i64,
    incidents: Vec<i64>,
    uncapped_incidents: bool,
    bonus: bool,
    half_even: bool,
    /// The day the second phase (10 seats) follows the first (4 seats); 1 for one phase all month.
    split: u32,
}

fn cases() -> impl Strategy<Value = Case> {
    (
        1i64..2_000_000,
        prop::collection::vec(1i64..120, 31),
        0u8..3,
        prop::option::of(0i64..5_000_000),
        prop::option::of(1i64..20_000_000),
        0i64..20_000_000,
        prop::collection::vec(1i64..1_000_000, 0..4),
        any::<bool>(),
        any::<bool>(),
        (any::<bool>(), 1u32..=31),
    )
        .prop_map(
            |(
                rate_fen,
                seconds,
                schedule,
                monthly,
                annual,
                earlier_fen,
                incidents,
                uncapped,
                bonus,
                (half_even, split),
            )| Case {
                rate_fen,
                seconds,
                schedule,
                monthly_cap_fen: monthly.filter(|c| *c > 0),
                annual_cap_fen: annual,
                earlier_fen,
                incidents,
                uncapped_incidents: uncapped,
                bonus,
                half_even,
                split,
            },
        )
}

fn fen(amount: i64) -> Decimal {
    Decimal::new(amount, 2)
}

fn schedule(kind: u8) -> Schedule {
    match kind {
        0 => response_bands(),
        1 => Schedule::PerStep(PerStepSchedule {
            step: dec("0.5"),
            amount: dec("120.00"),
            counting: StepCounting::ProRata,
            max: Some(dec("5000.00")),
        }),
        _ => fixed_penalty("800.00"),
    }
}

fn input(case: &Case, seconds: &[i64]) -> BillingInput {
    let mut t = terms();
    if case.half_even {
        t.commercial.rounding = RoundingMode::HalfEven;
    }
    if case.split > 1 {
        phase(&mut t, "试点", date(10, 1), date(10, case.split), 4);
    }
    phase(&mut t, "全量", date(10, case.split), date(11, 1), 10);
    charge(&mut t, seats(&fen(case.rate_fen).to_string()));
    let mut spec = sla("first_response_time", "30", schedule(case.schedule));
    if case.bonus {
        spec.bonus = Some(Bonus {
            schedule: Schedule::PerStep(PerStepSchedule {
                step: dec("1"),
                amount: dec("50.00"),
                counting: StepCounting::Whole,
                max: Some(dec("600.00")),
            }),
            also_requires: Vec::new(),
        });
    }
    clause(&mut t, spec);
    t.liability.monthly_cap = case.monthly_cap_fen.map(|c| Cap {
        amount: Some(fen(c)),
        percent_of_fees: None,
    });
    t.liability.annual_cap = case.annual_cap_fen.map(fen);
    if case.uncapped_incidents {
        t.liability.uncapped = vec![PenaltyCategory::Incident];
    }
    let mut input = october(t);
    input.penalties_earlier_in_year = fen(case.earlier_fen);
    input.figures.push(MetricInput {
        metric: "first_response_time".into(),
        basis: Basis::Feed,
        buckets: seconds
            .iter()
            .enumerate()
            .map(|(i, s)| day_bucket(date(10, 1 + i as u32), s * 1000, 1))
            .collect(),
    });
    input.incidents = case
        .incidents
        .iter()
        .enumerate()
        .map(|(i, amount)| IncidentInput {
            id: i as i64 + 1,
            severity: Severity::High,
            category: IncidentCategory::ServiceFailure,
            timeliness: Timeliness::Late,
            minutes_to_escalation: Some(90),
            deadline_minutes: Some(60),
            amount: Some(fen(*amount)),
        })
        .collect();
    input
}

fn penalty_lines(draft: &InvoiceDraft) -> Decimal {
    draft
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Penalty)
        .map(|l| l.amount)
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn totals_are_sums_of_rounded_lines(case in cases()) {
        let draft = compute(&input(&case, &case.seconds));
        let sum: Decimal = draft.lines.iter().map(|l| l.amount).sum();
        prop_assert_eq!(draft.subtotal, sum);
        prop_assert_eq!(draft.total, draft.subtotal + draft.tax);
        prop_assert_eq!(draft.charges + draft.penalties + draft.bonuses, draft.subtotal);
        prop_assert!(draft.total >= Decimal::ZERO);
        for line in &draft.lines {
            prop_assert_eq!(line.amount.scale(), 2, "{:?}", line);
        }
    }

    #[test]
    fn no_cap_is_ever_exceeded(case in cases()) {
        let draft = compute(&input(&case, &case.seconds));
        let uncapped: Decimal = if case.uncapped_incidents {
            case.incidents.iter().map(|a| fen(*a)).sum()
        } else {
            Decimal::ZERO
        };
        // What capped penalties cost after every cap (before the floor).
        let deducted = -(draft.penalties
            - draft.lines.iter().filter(|l| l.kind == LineKind::NotDeducted).map(|l| l.amount).sum::<Decimal>())
            - uncapped;
        if let Some(cap) = case.monthly_cap_fen {
            prop_assert!(deducted <= fen(cap), "{} > monthly {}", deducted, fen(cap));
        }
        if let Some(cap) = case.annual_cap_fen {
            let left = (fen(cap) - fen(case.earlier_fen)).max(Decimal::ZERO);
            prop_assert!(deducted <= left, "{} > left {}", deducted, left);
        }
        // The per-step clause's own maximum.
        if case.schedule == 1 {
            let clause: Decimal = draft.lines.iter()
                .filter(|l| matches!(l.explanation.rule, Rule::Clause | Rule::ClauseMaximum))
                .map(|l| l.amount).sum();
            prop_assert!(-clause <= dec("5000.00"));
        }
    }

    #[test]
    fn a_worse_figure_never_lowers_a_penalty_nor_raises_a_bonus(
        case in cases(),
        worse_by in prop::collection::vec(0i64..60, 31),
    ) {
        let better = compute(&input(&case, &case.seconds));
        let slower: Vec<i64> = case.seconds.iter().zip(&worse_by).map(|(s, w)| s + w).collect();
        let worse = compute(&input(&case, &slower));
        prop_assert!(penalty_lines(&worse) <= penalty_lines(&better),
            "penalty fell from {} to {}", penalty_lines(&better), penalty_lines(&worse));
        prop_assert!(worse.bonuses <= better.bonuses);
    }

    #[test]
    fn the_same_input_gives_the_same_invoice(case in cases()) {
        let input = input(&case, &case.seconds);
        let first = compute(&input);
        let kept: BillingInput = serde_json::from_str(&serde_json::to_string(&input).unwrap()).unwrap();
        prop_assert_eq!(&first, &compute(&kept));
    }

    /// Whatever the engine computes, the store writes and reads back unchanged:
    /// exact amounts of 28 digits (a 31-day month split by a phase) included.
    #[test]
    fn any_engine_output_survives_the_store(case in cases()) {
        let draft = compute(&input(&case, &case.seconds));
        let written = crate::store::documents::text(&draft).unwrap();
        let read: InvoiceDraft = crate::store::documents::json(&written).unwrap();
        prop_assert_eq!(&draft, &read);
        for (line, back) in draft.lines.iter().zip(&read.lines) {
            prop_assert_eq!(
                line.explanation.exact.map(|e| e.to_string()),
                back.explanation.exact.map(|e| e.to_string())
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Summing a feed between the terms' breakpoints bills exactly as its days one by one.
    #[test]
    fn a_feed_summed_between_breakpoints_bills_as_its_days(
        seconds in prop::collection::vec(prop::option::of(1i64..120), 31),
        excluded in prop::collection::btree_set(1u32..=31, 0..4),
        window in (1u32..=31, 0u32..10),
        second_phase in 2u32..=31,
        grace in 0u32..10,
    ) {
        let mut t = terms();
        phase(&mut t, "试点", date(10, 1), date(10, second_phase), 5);
        let later = phase(&mut t, "全量", date(10, second_phase), date(11, 1), 10);
        charge(&mut t, seats("6000.00"));
        let mut spec = sla("first_response_time", "30", response_bands());
        spec.grace_days = grace;
        spec.min_sample = 3;
        let (start, length) = window;
        spec.overrides.push(TargetOverride {
            label: "双11".into(),
            from: date(10, start),
            to: date(10, (start + length).min(31)),
            target: dec("45"),
        });
        clause(&mut t, spec);
        let mut per_step = sla("first_response_time", "40", Schedule::PerStep(PerStepSchedule {
            step: dec("1"),
            amount: dec("10.00"),
            counting: StepCounting::Whole,
            max: None,
        }));
        per_step.applies_from_phase = Some(later);
        clause(&mut t, per_step);
        let mut daily = october(t);
        let excluded: std::collections::BTreeSet<NaiveDate> = excluded.iter().map(|d| date(10, *d)).collect();
        daily.excluded = excluded.iter().copied().collect();
        let days: Vec<(NaiveDate, i64, i64)> = seconds
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.map(|s| (date(10, i as u32 + 1), s * 1000, 1)))
            .collect();
        daily.figures.push(MetricInput {
            metric: "first_response_time".into(),
            basis: Basis::Feed,
            buckets: days
                .iter()
                .map(|(day, n, d)| {
                    let mut b = day_bucket(*day, *n, *d);
                    if excluded.contains(day) {
                        b.for_sla = Sums::default();
                    }
                    b
                })
                .collect(),
        });
        let mut summed = daily.clone();
        summed.figures[0].buckets =
            bucketed(&days, &excluded, daily.from, daily.to, &breakpoints(&daily.parts));
        prop_assert!(summed.figures[0].buckets.len() <= 31);
        prop_assert_eq!(compute(&daily), compute(&summed));
    }
}
