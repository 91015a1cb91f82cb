//! Invoices and credit notes: their lifecycle, numbers and the arithmetic of
//! corrections. An issued invoice never changes; corrections are credit notes
//! or adjustment invoices that reference it.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use sha2::{Digest, Sha256};
use thiserror::Error;
use utoipa::ToSchema;

use super::billing::{BillingInput, Explanation, InvoiceDraft, Line, LineKind, Rule, round};
use super::ids::{ContractId, UserId, VendorId};
use super::names::named_enum;
use super::terms::RoundingMode;
use super::{Currency, Period};

named_enum!(
    InvoiceStatus {
        /// Recomputed freely; no number yet.
        Draft = "draft",
        /// Numbered and frozen.
        Issued = "issued",
        /// Emailed to the buyer.
        Sent = "sent",
        /// Payments and credit notes cover the total: nothing is left to pay.
        Paid = "paid",
        /// Withdrawn, with a reason.
        Void = "void",
    }
);

named_enum!(
    InvoiceKind {
        /// The month's invoice of a contract.
        Invoice = "invoice",
        /// The difference a restatement adds to an issued invoice.
        Adjustment = "adjustment",
    }
);

named_enum!(
    /// How far an issued invoice is settled, by its payments and credit notes.
    PaymentState {
        /// Nothing paid yet (credit notes may have lowered what is owed).
        Unpaid = "unpaid",
        /// Some paid, some still outstanding.
        PartlyPaid = "partly_paid",
        /// Payments and credit notes cover the total exactly.
        Paid = "paid",
        /// Credited after payment: the vendor owes the difference back (a
        /// refund, or a credit against the next invoice).
        Overpaid = "overpaid",
    }
);

named_enum!(
    /// The number series of a tenant, each gap-free per year.
    Series {
        Invoice = "INV",
        CreditNote = "CN",
    }
);

/// `INV-2026-000001`.
pub fn number(series: Series, year: i32, seq: i32) -> String {
    format!("{}-{year}-{seq:06}", series.as_str())
}

/// A fingerprint of the inputs: equal inputs, equal fingerprint. A version
/// of the terms in force never changes, so it stands for its terms by its
/// number (hashing the terms' text would cost more than computing the invoice).
pub fn fingerprint(input: &BillingInput) -> String {
    use super::billing::{DiscrepancyInput, IncidentInput, MetricInput, ReportState};
    #[derive(Serialize)]
    struct Printed<'a> {
        period: Period,
        days: (NaiveDate, NaiveDate),
        minor_digits: u32,
        versions: Vec<(u32, NaiveDate, NaiveDate)>,
        excluded: &'a [NaiveDate],
        figures: &'a [MetricInput],
        incidents: &'a [IncidentInput],
        report: ReportState,
        discrepancies: &'a [DiscrepancyInput],
        contract_year: (NaiveDate, NaiveDate),
        penalties_earlier_in_year: Decimal,
        breached_months_before: u32,
    }
    let printed = Printed {
        period: input.period,
        days: (input.from, input.to),
        minor_digits: input.minor_digits,
        versions: input
            .parts
            .iter()
            .map(|p| (p.version, p.from, p.to))
            .collect(),
        excluded: &input.excluded,
        figures: &input.figures,
        incidents: &input.incidents,
        report: input.report,
        discrepancies: &input.discrepancies,
        contract_year: input.contract_year,
        penalties_earlier_in_year: input.penalties_earlier_in_year,
        breached_months_before: input.breached_months_before,
    };
    let json = serde_json::to_vec(&printed).unwrap_or_default();
    hex::encode(Sha256::digest(json))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoice {
    pub id: i64,
    pub contract_id: ContractId,
    pub vendor_id: VendorId,
    pub period: Period,
    pub kind: InvoiceKind,
    pub adjusts: Option<i64>,
    pub status: InvoiceStatus,
    pub number: Option<String>,
    pub currency: Currency,
    pub draft: InvoiceDraft,
    /// Everything it was computed from, kept from issue on.
    pub inputs: Option<BillingInput>,
    pub inputs_hash: String,
    /// The last restatement's recomputation, which the next is measured against.
    pub baseline: Option<(InvoiceDraft, String)>,
    pub computed_at: DateTime<Utc>,
    pub issued_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub issued_at: Option<DateTime<Utc>>,
    pub issued_by: Option<UserId>,
    pub dispute_override: Option<String>,
    pub paid: Decimal,
    /// What its credit notes took off, as a positive amount.
    pub credited: Decimal,
    pub void_reason: Option<String>,
    pub voided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Why a step of the lifecycle is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LifecycleError {
    #[error("only a draft can be {0}; this invoice is {1}")]
    NotDraft(&'static str, InvoiceStatus),
    #[error("the figures are under dispute: issuing needs an override with a reason")]
    UnderDispute,
    #[error("a void invoice cannot be changed")]
    Void,
    #[error("an invoice with payments cannot be voided; issue a credit note")]
    HasPayments,
    #[error("a settled invoice cannot be voided: its credit notes cover it")]
    Settled,
    #[error("only an issued or sent invoice takes payments; this one is {0}")]
    NotPayable(InvoiceStatus),
    #[error("exceeds what is outstanding ({0})")]
    Overpaid(Decimal),
    #[error("only an issued, sent or paid invoice can be credited; this one is {0}")]
    NotCreditable(InvoiceStatus),
}

impl Invoice {
    pub fn check_recompute(&self) -> Result<(), LifecycleError> {
        match self.status {
            InvoiceStatus::Draft => Ok(()),
            other => Err(LifecycleError::NotDraft("recomputed", other)),
        }
    }

    pub fn check_issue(&self, override_reason: Option<&str>) -> Result<(), LifecycleError> {
        if self.status != InvoiceStatus::Draft {
            return Err(LifecycleError::NotDraft("issued", self.status));
        }
        if self.draft.under_dispute && override_reason.is_none() {
            return Err(LifecycleError::UnderDispute);
        }
        Ok(())
    }

    pub fn check_void(&self) -> Result<(), LifecycleError> {
        match self.status {
            InvoiceStatus::Void => Err(LifecycleError::Void),
            _ if !self.paid.is_zero() => Err(LifecycleError::HasPayments),
            InvoiceStatus::Paid => Err(LifecycleError::Settled),
            _ => Ok(()),
        }
    }

    /// Total less credit notes less payments: what the buyer still owes, or,
    /// below zero, what the vendor owes back. Nothing for a void invoice.
    pub fn balance(&self) -> Decimal {
        if self.status == InvoiceStatus::Void {
            return Decimal::ZERO;
        }
        self.draft.total - self.credited - self.paid
    }

    /// What is left to pay: the balance, never below zero.
    pub fn outstanding(&self) -> Decimal {
        self.balance().max(Decimal::ZERO)
    }

    /// How far it is settled; `None` while it is a draft or once it is void,
    /// when nothing is owed on it.
    pub fn payment_state(&self) -> Option<PaymentState> {
        if matches!(self.status, InvoiceStatus::Draft | InvoiceStatus::Void) {
            return None;
        }
        let balance = self.balance();
        Some(if balance < Decimal::ZERO {
            PaymentState::Overpaid
        } else if balance.is_zero() {
            PaymentState::Paid
        } else if self.paid > Decimal::ZERO {
            PaymentState::PartlyPaid
        } else {
            PaymentState::Unpaid
        })
    }

    /// Checks a payment against what is outstanding after credit notes;
    /// returns the status it leaves the invoice in.
    pub fn check_payment(&self, amount: Decimal) -> Result<InvoiceStatus, LifecycleError> {
        if !matches!(self.status, InvoiceStatus::Issued | InvoiceStatus::Sent) {
            return Err(LifecycleError::NotPayable(self.status));
        }
        let outstanding = self.outstanding();
        if amount > outstanding {
            return Err(LifecycleError::Overpaid(outstanding));
        }
        Ok(if amount == outstanding {
            InvoiceStatus::Paid
        } else {
            self.status
        })
    }

    pub fn check_credit(&self) -> Result<(), LifecycleError> {
        match self.status {
            InvoiceStatus::Issued | InvoiceStatus::Sent | InvoiceStatus::Paid => Ok(()),
            other => Err(LifecycleError::NotCreditable(other)),
        }
    }

    /// The status a credit note of `total` (negative, as a correction is)
    /// leaves the invoice in: one that brings what is outstanding to zero or
    /// below settles it; a paid invoice stays paid, with a refund due.
    pub fn status_after_credit(&self, total: Decimal) -> InvoiceStatus {
        let settles = self.balance() + total <= Decimal::ZERO;
        match self.status {
            InvoiceStatus::Issued | InvoiceStatus::Sent if settles => InvoiceStatus::Paid,
            other => other,
        }
    }

    /// What restatements are measured against: the last one's recomputation, else the issued draft.
    pub fn baseline(&self) -> (&InvoiceDraft, &str) {
        match &self.baseline {
            Some((draft, hash)) => (draft, hash),
            None => (&self.draft, &self.inputs_hash),
        }
    }
}

/// A correction's lines and totals (negative for a credit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Correction {
    pub lines: Vec<Line>,
    #[schema(value_type = String)]
    pub subtotal: Decimal,
    #[schema(value_type = String)]
    pub tax: Decimal,
    #[schema(value_type = String)]
    pub total: Decimal,
}

/// Credits some lines of an issued invoice: each line negated, tax on their
/// sum at the invoice's rate, rounded once.
pub fn credit(
    draft: &InvoiceDraft,
    indexes: &[usize],
    mode: RoundingMode,
    minor_digits: u32,
) -> Correction {
    let lines: Vec<Line> = indexes
        .iter()
        .filter_map(|i| draft.lines.get(*i))
        .map(|line| {
            let mut credited = line.clone();
            credited.amount = -line.amount;
            credited
        })
        .collect();
    let subtotal: Decimal = lines.iter().map(|l| l.amount).sum();
    let tax = if indexes.len() == draft.lines.len() {
        -draft.tax
    } else {
        round(
            subtotal * draft.tax_rate / Decimal::ONE_HUNDRED,
            mode,
            minor_digits,
        )
    };
    Correction {
        lines,
        subtotal,
        tax,
        total: subtotal + tax,
    }
}

/// The recomputed invoice against the one it restates, line by line: each
/// line whose amount changed, appeared or went, with the difference. The
/// tax is the difference of the taxes, so the invoice and its corrections
/// add up to the recomputation exactly.
pub fn difference(issued: &InvoiceDraft, recomputed: &InvoiceDraft) -> Correction {
    type Key<'a> = (
        LineKind,
        Rule,
        Option<i64>,
        Option<u32>,
        Option<NaiveDate>,
        &'a str,
    );
    fn key(line: &Line) -> Key<'_> {
        let e = &line.explanation;
        (
            line.kind,
            e.rule,
            e.reference,
            e.terms_version,
            e.from,
            &line.label,
        )
    }
    let mut lines = Vec::new();
    for new in &recomputed.lines {
        let old = issued.lines.iter().find(|o| key(o) == key(new));
        let was = old.map_or(Decimal::ZERO, |o| o.amount);
        if new.amount != was {
            lines.push(changed(new, was, new.amount));
        }
    }
    for old in &issued.lines {
        if !recomputed.lines.iter().any(|n| key(n) == key(old)) {
            lines.push(changed(old, old.amount, Decimal::ZERO));
        }
    }
    let subtotal = recomputed.subtotal - issued.subtotal;
    let tax = recomputed.tax - issued.tax;
    Correction {
        lines,
        subtotal,
        tax,
        total: subtotal + tax,
    }
}

fn changed(line: &Line, was: Decimal, now: Decimal) -> Line {
    Line {
        amount: now - was,
        explanation: Explanation {
            formula: format!(
                "was {was}, now {now}: {} (recomputed: {})",
                now - was,
                line.explanation.formula
            ),
            ..line.explanation.clone()
        },
        ..line.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::billing::tests::{charge, clause, dec, fixed, fixed_penalty, october, sla};
    use crate::domain::billing::{Bucket, MetricInput, compute};
    use crate::domain::kpi::Sums;

    #[test]
    fn numbers_have_six_digits_after_the_year() {
        assert_eq!(number(Series::Invoice, 2026, 1), "INV-2026-000001");
        assert_eq!(number(Series::CreditNote, 2027, 123456), "CN-2027-123456");
    }

    fn draft_with(csat_percent: i64) -> InvoiceDraft {
        let mut t = crate::domain::billing::tests::terms();
        charge(&mut t, fixed("管理费", "10000.00"));
        clause(&mut t, sla("csat", "90", fixed_penalty("1500.00")));
        let mut input = october(t);
        let sums = Sums {
            numerator: csat_percent,
            denominator: 100,
            days: 31,
        };
        input.figures.push(MetricInput {
            metric: "csat".into(),
            basis: crate::domain::billing::Basis::Report,
            buckets: vec![Bucket {
                from: input.from,
                to: input.to,
                for_sla: sums,
                for_billing: sums,
            }],
        });
        compute(&input)
    }

    #[test]
    fn a_restatement_adds_up_to_the_recomputed_invoice() {
        // Issued with CSAT 85 %: 10000 − 1500 = 8500.00 + 6 % 510.00 = 9010.00.
        // The dispute is resolved at 92 %: no penalty, 10000 + 600 = 10600.00.
        // Difference: the penalty line +1500.00, tax +90.00, total +1590.00.
        let issued = draft_with(85);
        let recomputed = draft_with(92);
        assert_eq!(
            (issued.total, recomputed.total),
            (dec("9010.00"), dec("10600.00"))
        );
        let diff = difference(&issued, &recomputed);
        assert_eq!(diff.lines.len(), 1);
        assert_eq!(diff.lines[0].amount, dec("1500.00"));
        assert_eq!(
            (diff.subtotal, diff.tax, diff.total),
            (dec("1500.00"), dec("90.00"), dec("1590.00"))
        );
        assert_eq!(issued.total + diff.total, recomputed.total);
        // The other way round is a credit of the same size.
        assert_eq!(difference(&recomputed, &issued).total, dec("-1590.00"));
    }

    /// An issued invoice of 1060.00 (1000.00 and 6 % tax) with what was
    /// credited and paid so far.
    fn issued(credited: &str, paid: &str, status: InvoiceStatus) -> Invoice {
        let mut draft = draft_with(95);
        draft.total = dec("1060.00");
        let now = chrono::Utc::now();
        Invoice {
            id: 1,
            contract_id: ContractId::new(1),
            vendor_id: VendorId::new(1),
            period: "2026-10".parse().unwrap(),
            kind: InvoiceKind::Invoice,
            adjusts: None,
            status,
            number: Some("INV-2026-000001".into()),
            currency: crate::domain::Currency::CNY,
            draft,
            inputs: None,
            inputs_hash: String::new(),
            baseline: None,
            computed_at: now,
            issued_on: None,
            due_on: None,
            issued_at: None,
            issued_by: None,
            dispute_override: None,
            paid: dec(paid),
            credited: dec(credited),
            void_reason: None,
            voided_at: None,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn credit_notes_lower_what_is_owed_and_a_payment_of_the_rest_settles_it() {
        // 1060.00 credited 106.00 (a line of 100.00 and its tax): 954.00 is owed.
        let credited = issued("106.00", "0", InvoiceStatus::Sent);
        assert_eq!(credited.outstanding(), dec("954.00"));
        assert_eq!(credited.payment_state(), Some(PaymentState::Unpaid));
        // The full 1060.00 is more than is owed; 954.00 settles it.
        assert_eq!(
            credited.check_payment(dec("1060.00")),
            Err(LifecycleError::Overpaid(dec("954.00")))
        );
        assert_eq!(
            credited.check_payment(dec("954.00")),
            Ok(InvoiceStatus::Paid)
        );
        let settled = issued("106.00", "954.00", InvoiceStatus::Paid);
        assert_eq!(
            (settled.balance(), settled.payment_state()),
            (dec("0.00"), Some(PaymentState::Paid))
        );
    }

    #[test]
    fn a_credit_after_full_payment_leaves_a_refund_due() {
        // Paid 1060.00, then credited 106.00: the balance is −106.00, owed back.
        let paid = issued("0", "1060.00", InvoiceStatus::Paid);
        assert_eq!(
            paid.status_after_credit(dec("-106.00")),
            InvoiceStatus::Paid
        );
        let refund = issued("106.00", "1060.00", InvoiceStatus::Paid);
        assert_eq!(refund.balance(), dec("-106.00"));
        assert_eq!(refund.outstanding(), Decimal::ZERO);
        assert_eq!(refund.payment_state(), Some(PaymentState::Overpaid));
    }

    #[test]
    fn a_part_payment_says_so_and_a_credit_of_the_rest_settles_it() {
        // 1060.00 less 500.00 paid: 560.00 outstanding, partly paid.
        let part = issued("0", "500.00", InvoiceStatus::Issued);
        assert_eq!(part.outstanding(), dec("560.00"));
        assert_eq!(part.payment_state(), Some(PaymentState::PartlyPaid));
        // A credit of 100.00 leaves it open; one of 560.00 settles it.
        assert_eq!(
            part.status_after_credit(dec("-100.00")),
            InvoiceStatus::Issued
        );
        assert_eq!(
            part.status_after_credit(dec("-560.00")),
            InvoiceStatus::Paid
        );
        // A void invoice owes nothing; a draft has no payment state yet.
        let void = issued("0", "0", InvoiceStatus::Void);
        assert_eq!(
            (void.balance(), void.payment_state()),
            (Decimal::ZERO, None)
        );
        assert_eq!(issued("0", "0", InvoiceStatus::Draft).payment_state(), None);
    }

    #[test]
    fn crediting_every_line_credits_the_whole_invoice() {
        // 8500.00 + tax 510.00: crediting both lines is −9010.00. The fee alone:
        // −10000.00 and 6 % tax −600.00 = −10600.00.
        let draft = draft_with(85);
        let all = credit(&draft, &[0, 1], RoundingMode::HalfUp, 2);
        assert_eq!(all.total, -draft.total);
        let fee = credit(&draft, &[0], RoundingMode::HalfUp, 2);
        assert_eq!(
            (fee.subtotal, fee.tax, fee.total),
            (dec("-10000.00"), dec("-600.00"), dec("-10600.00"))
        );
    }
}
