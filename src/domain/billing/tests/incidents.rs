//! Hand-worked examples of incident duties: which escalations cost money, and
//! an uncapped incident penalty beside a monthly cap.

use super::*;

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
    // The line keeps the incident's facts: 95 minutes against a duty of 30.
    assert_eq!(
        draft.lines[2].explanation.escalation,
        Some(Escalation {
            severity: Severity::Critical,
            deadline_minutes: 30,
            minutes_taken: Some(95),
        })
    );
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
