//! Hand-worked examples of an SLA clause's penalty: the band reached, steps
//! counted whole or pro rata, the clause's own maximum, a sample below the
//! minimum, and missing figures treated as a breach or waived.

use super::*;

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
    // What the vendor reads beside the amount.
    assert_eq!(
        e.formula,
        "first_response_time 50 against a target of 30: band 2 (45 or above): \
         10% of fee base 60000.00 (seat_monthly)"
    );
    assert!(draft.breached);
    assert_eq!(draft.subtotal, dec("54000.00"));
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
