//! Incident duties: what a late or overdue escalation costs.

use rust_decimal::Decimal;

use super::{BillingInput, Book, Escalation, Explanation, Line, LineKind, Rule};
use crate::domain::incident::Timeliness;
use crate::domain::terms::PenaltyCategory;

/// Each late (or overdue) escalation costs what its severity's duty names.
pub(super) fn incidents(input: &BillingInput, book: &mut Book<'_>) {
    for incident in &input.incidents {
        let (Some(amount), Some(deadline)) = (incident.amount, incident.deadline_minutes) else {
            continue;
        };
        let how = match (incident.timeliness, incident.minutes_to_escalation) {
            (Timeliness::Late, Some(minutes)) => {
                format!("escalated after {minutes} minutes, the duty is {deadline}")
            }
            (Timeliness::Overdue, _) => {
                format!("not escalated, and the duty's {deadline} minutes have passed")
            }
            (Timeliness::Pending, _) => {
                book.notes.push(format!(
                    "incident {}: not escalated yet, within its {deadline} minutes",
                    incident.id
                ));
                continue;
            }
            _ => continue,
        };
        let line = Line {
            kind: LineKind::Penalty,
            label: format!(
                "Late escalation: {} incident {}",
                incident.severity, incident.id
            ),
            amount: Decimal::ZERO,
            charge_kind: None,
            category: Some(PenaltyCategory::Incident),
            explanation: Explanation {
                rule: Rule::Incident,
                reference: Some(incident.id),
                formula: format!("{how}: {amount}"),
                escalation: Some(Escalation {
                    severity: incident.severity,
                    deadline_minutes: deadline,
                    minutes_taken: match incident.timeliness {
                        Timeliness::Late => incident.minutes_to_escalation,
                        _ => None,
                    },
                }),
                ..Explanation::default()
            },
        };
        book.push(line, -amount);
    }
}
