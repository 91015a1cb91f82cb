//! Hand-worked examples of the caps on penalties: the monthly cap as an
//! amount or a percentage of the fees, and the contract year's annual cap.

use super::*;

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
