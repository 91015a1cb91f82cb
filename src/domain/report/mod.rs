//! The vendor's monthly report (月报) and its review: drafted, submitted,
//! accepted or disputed figure by figure, resubmitted; deemed accepted when
//! the merchant leaves it unanswered longer than the contract allows.

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use utoipa::ToSchema;

use super::decimal;
use super::ids::ContractId;
use super::kpi::Sums;
use super::message::{Explain, Message, msg};
use super::names::named_enum;
use super::period::Period;

pub mod segments;

pub use segments::SegmentFigure;

named_enum!(
    ReportStatus {
        /// Being written by the vendor.
        Draft = "draft",
        /// Sent to the merchant for review.
        Submitted = "submitted",
        /// The merchant agreed (or let the deadline pass).
        Accepted = "accepted",
        /// The merchant contests some figures; the vendor answers by resubmitting.
        Disputed = "disputed",
    }
);

named_enum!(
    /// Where a report figure came from.
    FigureOrigin {
        /// Summed from the vendor's daily feed.
        Feed = "feed",
        /// Entered in the report: the vendor has no daily feed for the metric.
        Entered = "entered",
    }
);

pub const TEXT_MAX: usize = 4000;

/// One KPI of the report, as period sums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFigure {
    pub metric: String,
    pub origin: FigureOrigin,
    /// Over every day of the period: what volume is billed on.
    pub for_billing: Sums,
    /// With the days of exclusion windows removed: what SLA clauses are measured on.
    pub for_sla: Sums,
    /// The same, part by part, where the terms judge the metric against
    /// another target for some days ([`segments::split`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<SegmentFigure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Staffing {
    pub seats: u32,
    pub agents: u32,
    /// Agents who left in the month, in percent of agents.
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "4.5")]
    pub attrition_percent: Decimal,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Narrative {
    #[serde(default)]
    pub problems: String,
    #[serde(default)]
    pub actions: String,
    /// What the vendor asks of the merchant.
    #[serde(default)]
    pub requests: String,
}

/// The merchant's objection to one figure, and the vendor's answer to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisputeComment {
    pub metric: String,
    pub comment: String,
    /// The vendor's answer, given with the report it resubmits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyReport {
    pub id: i64,
    pub contract_id: ContractId,
    pub period: Period,
    /// As stored; see [`MonthlyReport::status_at`] for deemed acceptance.
    pub status: ReportStatus,
    pub figures: Vec<ReportFigure>,
    pub staffing: Staffing,
    pub narrative: Narrative,
    /// The merchant's comments of the latest dispute.
    pub disputes: Vec<DisputeComment>,
    /// How many times it was submitted.
    pub submissions: u32,
    pub submitted_at: Option<DateTime<Utc>>,
    pub answered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Where a report stands at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub status: ReportStatus,
    /// Accepted because the merchant did not answer in time.
    pub deemed: bool,
    /// When a submitted report will be deemed accepted.
    pub deemed_at: Option<DateTime<Utc>>,
}

/// A step the report's life does not allow.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("a report that is {from} cannot be {step}")]
pub struct StepRefused {
    pub from: ReportStatus,
    pub step: Step,
}

/// A step of a report's life: what the vendor or the merchant does to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Edit,
    Submit,
    Accept,
    Dispute,
}

/// As the English refusal reads: "cannot be submitted".
impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Edit => "edited",
            Self::Submit => "submitted",
            Self::Accept => "accepted",
            Self::Dispute => "disputed",
        })
    }
}

impl Step {
    fn word(self) -> Message {
        match self {
            Self::Edit => msg!("report-step-edit"),
            Self::Submit => msg!("report-step-submit"),
            Self::Accept => msg!("report-step-accept"),
            Self::Dispute => msg!("report-step-dispute"),
        }
    }
}

impl Explain for StepRefused {
    fn message(&self) -> Message {
        msg!(
            "error-report-step",
            from = self.from.word(),
            step = self.step.word()
        )
    }
}

impl MonthlyReport {
    /// The status at `now`: a submitted report left unanswered for the contract's
    /// days is accepted, computed when read.
    pub fn status_at(&self, now: DateTime<Utc>, deemed_after_days: Option<u32>) -> Standing {
        let deemed_at = match (self.status, self.submitted_at, deemed_after_days) {
            (ReportStatus::Submitted, Some(at), Some(days)) => {
                Some(at + TimeDelta::days(i64::from(days)))
            }
            _ => None,
        };
        let deemed = deemed_at.is_some_and(|at| now >= at);
        Standing {
            status: if deemed {
                ReportStatus::Accepted
            } else {
                self.status
            },
            deemed,
            deemed_at,
        }
    }
}

impl ReportStatus {
    /// The status in words, for a person.
    pub fn word(self) -> Message {
        match self {
            Self::Draft => msg!("report-status-draft"),
            Self::Submitted => msg!("report-status-submitted"),
            Self::Accepted => msg!("report-status-accepted"),
            Self::Disputed => msg!("report-status-disputed"),
        }
    }

    /// The vendor edits a draft, or a disputed report before resubmitting it.
    pub fn edit(self) -> Result<ReportStatus, StepRefused> {
        self.step(
            matches!(self, Self::Draft | Self::Disputed),
            self,
            Step::Edit,
        )
    }

    pub fn submit(self) -> Result<ReportStatus, StepRefused> {
        self.step(
            matches!(self, Self::Draft | Self::Disputed),
            Self::Submitted,
            Step::Submit,
        )
    }

    pub fn accept(self) -> Result<ReportStatus, StepRefused> {
        self.step(self == Self::Submitted, Self::Accepted, Step::Accept)
    }

    pub fn dispute(self) -> Result<ReportStatus, StepRefused> {
        self.step(self == Self::Submitted, Self::Disputed, Step::Dispute)
    }

    fn step(
        self,
        allowed: bool,
        to: ReportStatus,
        step: Step,
    ) -> Result<ReportStatus, StepRefused> {
        if allowed {
            Ok(to)
        } else {
            Err(StepRefused { from: self, step })
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn report(status: ReportStatus, submitted_at: Option<DateTime<Utc>>) -> MonthlyReport {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 3, 9, 0, 0)
            .single()
            .unwrap_or_default();
        MonthlyReport {
            id: 1,
            contract_id: ContractId::new(1),
            period: "2026-10".parse().unwrap_or(Period::of(at.date_naive())),
            status,
            figures: Vec::new(),
            staffing: Staffing {
                seats: 10,
                agents: 12,
                attrition_percent: Decimal::ZERO,
            },
            narrative: Narrative::default(),
            disputes: Vec::new(),
            submissions: 1,
            submitted_at,
            answered_at: None,
            created_at: at,
            updated_at: at,
        }
    }

    #[test]
    fn an_unanswered_report_is_deemed_accepted_after_the_contracts_days() {
        // Submitted 3 Nov 09:00; the contract allows 5 days: deemed accepted 8 Nov 09:00.
        let submitted = Utc.with_ymd_and_hms(2026, 11, 3, 9, 0, 0).single();
        let r = report(ReportStatus::Submitted, submitted);
        let just_before = Utc
            .with_ymd_and_hms(2026, 11, 8, 8, 59, 59)
            .single()
            .unwrap_or_default();
        let on_time = Utc
            .with_ymd_and_hms(2026, 11, 8, 9, 0, 0)
            .single()
            .unwrap_or_default();
        let before = r.status_at(just_before, Some(5));
        assert_eq!(
            (before.status, before.deemed),
            (ReportStatus::Submitted, false)
        );
        assert_eq!(before.deemed_at, Some(on_time));
        let after = r.status_at(on_time, Some(5));
        assert_eq!((after.status, after.deemed), (ReportStatus::Accepted, true));
        // A contract without the clause never deems.
        let never = r.status_at(on_time + TimeDelta::days(365), None);
        assert_eq!(
            (never.status, never.deemed),
            (ReportStatus::Submitted, false)
        );
        // A disputed report is waiting for the vendor, not the merchant: it is never deemed.
        let disputed = report(ReportStatus::Disputed, submitted).status_at(on_time, Some(5));
        assert_eq!(disputed.status, ReportStatus::Disputed);
    }

    #[test]
    fn the_review_goes_draft_submitted_disputed_resubmitted_accepted() {
        use ReportStatus::*;
        assert_eq!(Draft.submit(), Ok(Submitted));
        assert_eq!(Submitted.dispute(), Ok(Disputed));
        assert_eq!(Disputed.edit(), Ok(Disputed));
        assert_eq!(Disputed.submit(), Ok(Submitted));
        assert_eq!(Submitted.accept(), Ok(Accepted));
        assert!(Accepted.edit().is_err() && Accepted.dispute().is_err());
        assert!(
            Submitted.edit().is_err(),
            "a submitted report waits for the merchant"
        );
        assert!(Draft.accept().is_err(), "a draft cannot be accepted");
    }
}
