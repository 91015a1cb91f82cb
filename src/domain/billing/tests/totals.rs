//! Hand-worked examples of the draft's totals and warnings: the floor under
//! the total, rounding a midpoint, tax on the subtotal, the right to
//! terminate, and a disputed report.

use super::*;

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
