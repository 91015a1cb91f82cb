//! The merchant's dashboards: the tenant's (every running contract's month,
//! penalties and bonuses by vendor and month, late escalations) in
//! [`tenant`], and one contract's (each metric's trend against its target,
//! penalties and bonuses per month, the days the two sources differ) in
//! [`contract`]. Both look back twelve months at most, and read by month or
//! by the whole span, never once per object of a list.

pub mod contract;
pub mod tenant;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::Period;
use crate::domain::billing::InvoiceDraft;
use crate::domain::incident::{Incident, Timeliness};
use crate::domain::invoice::InvoiceStatus;
use crate::domain::standing::Standing;
use crate::domain::terms::IncidentDuty;
use crate::domain::versions::{TermsVersion, in_force_between};
use crate::store::invoices::InvoiceMoney;

/// How many months a dashboard looks back over, the current one included.
pub const MONTHS: u32 = 12;

/// The `MONTHS` months up to `last`, oldest first.
pub fn last_months(last: Period) -> Vec<Period> {
    let mut first = last;
    for _ in 1..MONTHS {
        first = first.previous();
    }
    first.through(last).collect()
}

/// A month's penalties and bonuses, and where they come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthMoney {
    pub period: Period,
    /// Σ penalty lines and what caps gave back (zero or below), as the invoice has it.
    pub penalties: Decimal,
    pub bonuses: Decimal,
    pub source: MoneySource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneySource {
    /// The month's invoice, in this state.
    Invoice(InvoiceStatus),
    /// A month that is over with no invoice yet: the engine on its figures as they stand.
    SoFar,
}

impl MonthMoney {
    pub fn of_invoice(invoice: &InvoiceMoney) -> Self {
        Self {
            period: invoice.period,
            penalties: invoice.penalties,
            bonuses: invoice.bonuses,
            source: MoneySource::Invoice(invoice.status),
        }
    }

    pub fn of_draft(period: Period, draft: &InvoiceDraft, source: MoneySource) -> Self {
        Self {
            period,
            penalties: draft.penalties,
            bonuses: draft.bonuses,
            source,
        }
    }
}

/// How a contract's month stands as a whole: breached if any clause is,
/// else at risk if any is, else on track if any clause has figures.
pub fn overall(clauses: impl IntoIterator<Item = Standing>) -> Standing {
    let all: Vec<Standing> = clauses.into_iter().collect();
    [Standing::Breached, Standing::AtRisk, Standing::OnTrack]
        .into_iter()
        .find(|s| all.contains(s))
        .unwrap_or(Standing::NoFigures)
}

/// An incident escalated late, or not escalated past its deadline, and what
/// it costs under the duty it is measured against.
#[derive(Debug, Clone)]
pub struct LateEscalation {
    pub incident: Incident,
    pub timeliness: Timeliness,
    pub minutes_to_escalation: Option<i64>,
    pub deadline_minutes: u32,
    pub cost: Decimal,
}

/// The duties of the terms in force on `day`, from a contract's versions read once.
pub fn duties_on(versions: &[TermsVersion], day: NaiveDate) -> Vec<IncidentDuty> {
    in_force_between(versions, day, day)
        .last()
        .map(|(_, _, _, terms)| terms.liability.incident_duties.clone())
        .unwrap_or_default()
}

/// `incident` measured against `duties` at `now`, if it is late (or overdue).
pub fn late(
    incident: &Incident,
    duties: &[IncidentDuty],
    now: chrono::DateTime<chrono::Utc>,
) -> Option<LateEscalation> {
    let escalation = incident.escalation(duties, now);
    if !matches!(
        escalation.timeliness,
        Timeliness::Late | Timeliness::Overdue
    ) {
        return None;
    }
    let duty = duties.iter().find(|d| d.severity == incident.severity)?;
    Some(LateEscalation {
        incident: incident.clone(),
        timeliness: escalation.timeliness,
        minutes_to_escalation: escalation.minutes_to_escalation,
        deadline_minutes: duty.escalate_within_minutes,
        cost: duty.amount,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{TimeDelta, TimeZone, Utc};

    use super::*;
    use crate::domain::incident::IncidentCategory;
    use crate::domain::terms::Severity;
    use crate::domain::{ContractId, IncidentId};

    #[test]
    fn the_last_months_are_twelve_ending_with_the_given_one() {
        let months = last_months("2026-11".parse().unwrap());
        assert_eq!(months.len(), 12);
        assert_eq!(months[0].to_string(), "2025-12");
        assert_eq!(months[11].to_string(), "2026-11");
    }

    #[test]
    fn a_month_stands_as_its_worst_clause() {
        use Standing::*;
        assert_eq!(overall([OnTrack, Breached, AtRisk]), Breached);
        assert_eq!(overall([OnTrack, AtRisk, NoFigures]), AtRisk);
        assert_eq!(overall([NoFigures, OnTrack]), OnTrack);
        assert_eq!(overall([NoFigures]), NoFigures);
        assert_eq!(overall([]), NoFigures);
    }

    fn incident(escalated_after: Option<i64>) -> Incident {
        let occurred = Utc.with_ymd_and_hms(2026, 10, 5, 2, 0, 0).unwrap();
        Incident {
            id: IncidentId::new(1),
            contract_id: ContractId::new(1),
            severity: Severity::Critical,
            category: IncidentCategory::DataLeak,
            occurred_at: occurred,
            escalated_at: escalated_after.map(|m| occurred + TimeDelta::minutes(m)),
            description: "客户信息外泄".into(),
            logged_by: None,
            logged_by_key: None,
            logged_at: occurred,
        }
    }

    #[test]
    fn a_late_or_overdue_escalation_costs_the_duty_s_amount_an_in_time_one_nothing() {
        let duties = [IncidentDuty {
            severity: Severity::Critical,
            escalate_within_minutes: 30,
            amount: "5000.00".parse().unwrap(),
        }];
        let now = Utc.with_ymd_and_hms(2026, 10, 6, 0, 0, 0).unwrap();
        assert!(late(&incident(Some(30)), &duties, now).is_none());
        let escalated_late = late(&incident(Some(45)), &duties, now).unwrap();
        assert_eq!(escalated_late.timeliness, Timeliness::Late);
        assert_eq!(escalated_late.minutes_to_escalation, Some(45));
        assert_eq!(escalated_late.cost.to_string(), "5000.00");
        let overdue = late(&incident(None), &duties, now).unwrap();
        assert_eq!(overdue.timeliness, Timeliness::Overdue);
        // A severity the terms set no duty for is never late.
        assert!(late(&incident(None), &[], now).is_none());
    }
}
