//! Hand-worked example of an SLA bonus: the target beaten and every further
//! condition met.

use super::*;

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
        // The bonus line keeps the figure that met each further condition.
        let conditions: Vec<_> = draft
            .lines
            .iter()
            .filter(|l| l.kind == LineKind::Bonus)
            .flat_map(|l| l.explanation.conditions.clone())
            .collect();
        let met = (dsr == 49).then(|| ConditionMet {
            metric: "dsr_service".into(),
            threshold: dec("4.8"),
            actual: dec("4.9"),
        });
        assert_eq!(conditions, Vec::from_iter(met), "DSR {dsr}");
    }
}
