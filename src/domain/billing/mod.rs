//! The invoice engine (DESIGN §3): from the terms in force, the handover
//! phases, the month's figures and incidents, what the merchant owes the
//! vendor — every line rounded once and explained.
//!
//! A pure function: the same [`BillingInput`] always gives the same
//! [`InvoiceDraft`]. No database, no clock; whoever calls it gathers the input
//! (and keeps it, so an issued invoice can be redone years later).

use std::fmt::{self, Write as _};

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Period;
use super::incident::{IncidentCategory, Timeliness};
use super::kpi::Sums;
use super::terms::{ChargeKindName, PenaltyCategory, RoundingMode, Severity, Terms};

mod bonus;
mod caps;
mod charges;
mod days;
mod evaluation;
mod explain;
mod incidents;
mod penalty;
mod schedule;
mod sla;
#[cfg(test)]
pub(crate) mod tests;

pub use charges::{graduated_pieces, scaled_to_days};
pub use days::{applicable as clause_days, breakpoints, bucketed, count as days_between};
pub use explain::{
    ConditionMet, Escalation, Explanation, Line, LineKind, Restated, Rule, Warning, WarningCode,
};
pub use schedule::runs_down;

/// Which figures a month is billed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The accepted monthly report.
    Report,
    /// The prevailing source's daily feed.
    Feed,
    /// Nothing was sent.
    None,
    /// Figures given to a simulation.
    Hypothetical,
}

/// Where the vendor's monthly report stands when the invoice is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportState {
    Missing,
    Draft,
    Submitted,
    Accepted,
    Disputed,
}

/// Everything an invoice is computed from; kept with an issued invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingInput {
    pub period: Period,
    /// The billed days: the month clipped to the contract (inclusive).
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Decimal places of the currency's minor unit.
    pub minor_digits: u32,
    /// The versions of the terms in force over the billed days, in date order, each with its days.
    pub parts: Vec<TermsPart>,
    /// Days that do not count toward SLA figures (exclusion windows).
    pub excluded: Vec<NaiveDate>,
    pub figures: Vec<MetricInput>,
    pub incidents: Vec<IncidentInput>,
    pub report: ReportState,
    /// Discrepancies between sources beyond the contract's tolerance.
    pub discrepancies: Vec<DiscrepancyInput>,
    /// The contract year the period falls in (first and last day).
    pub contract_year: (NaiveDate, NaiveDate),
    /// Capped penalties on the invoices of the contract year's earlier months.
    pub penalties_earlier_in_year: Decimal,
    /// Breached months immediately before this one.
    pub breached_months_before: u32,
}

/// One version of the terms and the days of the period it governs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermsPart {
    pub version: u32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub terms: Terms,
}

/// One metric's figures as the month stands, in buckets of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricInput {
    pub metric: String,
    pub basis: Basis,
    /// Day ranges with their summed components, in date order, not overlapping.
    /// A feed gives a bucket per day; an accepted report one for the month.
    pub buckets: Vec<Bucket>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Excluded days left out.
    pub for_sla: Sums,
    pub for_billing: Sums,
}

/// An incident of the month, measured against the duty in force the day it occurred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentInput {
    pub id: i64,
    pub severity: Severity,
    pub category: IncidentCategory,
    pub timeliness: Timeliness,
    pub minutes_to_escalation: Option<i64>,
    pub deadline_minutes: Option<u32>,
    /// What a late escalation costs under that duty.
    pub amount: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscrepancyInput {
    pub metric: String,
    pub source: String,
    /// Percent of the prevailing figure.
    pub percent: Option<Decimal>,
}

/// What the engine made of the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct InvoiceDraft {
    pub lines: Vec<Line>,
    /// Σ charge lines.
    #[schema(value_type = String)]
    pub charges: Decimal,
    /// Σ penalty lines and what caps gave back (zero or below).
    #[schema(value_type = String)]
    pub penalties: Decimal,
    #[schema(value_type = String)]
    pub bonuses: Decimal,
    /// The taxable subtotal: Σ every line.
    #[schema(value_type = String)]
    pub subtotal: Decimal,
    /// In percent.
    #[schema(value_type = String)]
    pub tax_rate: Decimal,
    #[schema(value_type = String)]
    pub tax: Decimal,
    #[schema(value_type = String)]
    pub total: Decimal,
    /// Penalties counted against the contract year's aggregate cap.
    #[schema(value_type = String)]
    pub capped_penalties: Decimal,
    /// Whether an SLA clause was breached this month.
    pub breached: bool,
    /// The figures stand on a report under dispute: issuing needs an override.
    pub under_dispute: bool,
    pub warnings: Vec<Warning>,
    /// Why a clause was not evaluated, and similar facts.
    pub notes: Vec<String>,
}

/// Rounds an amount once to the minor unit with the contract's mode.
pub fn round(amount: Decimal, mode: RoundingMode, minor_digits: u32) -> Decimal {
    let strategy = match mode {
        RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
        RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
    };
    let mut rounded = amount.round_dp_with_strategy(minor_digits, strategy);
    rounded.rescale(minor_digits);
    rounded
}

/// Room for a formula at the first go: most run 20 to 130 bytes, and
/// `format!` sizes its string by the literal text alone, growing it again
/// for the figures.
const FORMULA_ROOM: usize = 128;

/// A line's formula, written once into a string with [`FORMULA_ROOM`].
fn formula(args: fmt::Arguments<'_>) -> String {
    let mut text = String::with_capacity(FORMULA_ROOM);
    // Writing into a String does not fail.
    let _ = text.write_fmt(args);
    text
}

/// Computes the invoice for `input`.
pub fn compute(input: &BillingInput) -> InvoiceDraft {
    let mut book = Book::new(input);
    for part in &input.parts {
        let first = book.lines.len();
        charges::bill(input, part, &mut book);
        let fees: Vec<(ChargeKindName, Decimal)> = book.lines[first..]
            .iter()
            .filter_map(|l| l.charge_kind.map(|k| (k, l.amount)))
            .collect();
        sla::evaluate(input, part, &fees, &mut book);
    }
    sla::incidents(input, &mut book);
    caps::apply(input, &mut book);
    caps::finish(input, book)
}

/// The draft being written.
struct Book<'a> {
    input: &'a BillingInput,
    lines: Vec<Line>,
    warnings: Vec<Warning>,
    notes: Vec<String>,
    breached: bool,
}

impl<'a> Book<'a> {
    fn new(input: &'a BillingInput) -> Self {
        // A line for each charge and about one for each clause: room for them
        // at once rather than growing (and copying) the lines as they come.
        let expected: usize = input
            .parts
            .iter()
            .map(|p| p.terms.charges.len() + p.terms.sla_clauses.len())
            .sum();
        Book {
            input,
            lines: Vec::with_capacity(expected + 2),
            warnings: Vec::new(),
            notes: Vec::new(),
            breached: false,
        }
    }

    /// The terms governing the end of the period: tax, rounding and caps.
    fn last_terms(&self) -> Option<&'a Terms> {
        self.input.parts.last().map(|p| &p.terms)
    }

    fn mode(&self) -> RoundingMode {
        self.last_terms()
            .map_or(RoundingMode::HalfUp, |t| t.commercial.rounding)
    }

    /// Whether [`Book::push`] writes a line of `kind` for `exact`: a penalty,
    /// bonus or cap that rounds to nothing is left out (and so need not be worded).
    fn writes(&self, kind: LineKind, exact: Decimal) -> bool {
        kind == LineKind::Charge || !round(exact, self.mode(), self.input.minor_digits).is_zero()
    }

    /// Rounds `exact` and writes the line.
    fn push(&mut self, mut line: Line, exact: Decimal) {
        line.amount = round(exact, self.mode(), self.input.minor_digits);
        if line.amount.is_zero() && line.kind != LineKind::Charge {
            return;
        }
        line.explanation.exact = (exact != line.amount).then_some(exact.normalize());
        self.lines.push(line);
    }

    fn capped(&self, category: PenaltyCategory) -> bool {
        self.last_terms()
            .is_none_or(|t| !t.liability.uncapped.contains(&category))
    }
}
