//! Invoices and credit notes: their lifecycle, numbers and the arithmetic of
//! corrections. An issued invoice never changes; corrections are credit notes
//! or adjustment invoices that reference it.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use thiserror::Error;

use super::billing::{BillingInput, InvoiceDraft};
use super::ids::{ContractId, InvoiceId, UserId, VendorId};
use super::message::{Explain, Message, msg};
use super::names::named_enum;
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoice {
    pub id: InvoiceId,
    pub contract_id: ContractId,
    pub vendor_id: VendorId,
    pub period: Period,
    pub kind: InvoiceKind,
    pub adjusts: Option<InvoiceId>,
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
    #[error("only a draft can be recomputed; this invoice is {0}")]
    RecomputeNotDraft(InvoiceStatus),
    #[error("only a draft can be issued; this invoice is {0}")]
    IssueNotDraft(InvoiceStatus),
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

impl Explain for LifecycleError {
    fn message(&self) -> Message {
        match *self {
            Self::RecomputeNotDraft(status) => {
                msg!("error-invoice-recompute-not-draft", status = status.word())
            }
            Self::IssueNotDraft(status) => {
                msg!("error-invoice-issue-not-draft", status = status.word())
            }
            Self::UnderDispute => msg!("error-invoice-under-dispute"),
            Self::Void => msg!("error-invoice-void"),
            Self::HasPayments => msg!("error-invoice-has-payments"),
            Self::Settled => msg!("error-invoice-settled"),
            Self::NotPayable(status) => {
                msg!("error-invoice-not-payable", status = status.word())
            }
            Self::Overpaid(outstanding) => {
                msg!("error-invoice-overpaid", outstanding = outstanding)
            }
            Self::NotCreditable(status) => {
                msg!("error-invoice-not-creditable", status = status.word())
            }
        }
    }
}

impl InvoiceStatus {
    /// The status in words, for a person.
    pub fn word(self) -> Message {
        match self {
            Self::Draft => msg!("invoice-status-draft"),
            Self::Issued => msg!("invoice-status-issued"),
            Self::Sent => msg!("invoice-status-sent"),
            Self::Paid => msg!("invoice-status-paid"),
            Self::Void => msg!("invoice-status-void"),
        }
    }
}

impl Invoice {
    pub fn check_recompute(&self) -> Result<(), LifecycleError> {
        match self.status {
            InvoiceStatus::Draft => Ok(()),
            other => Err(LifecycleError::RecomputeNotDraft(other)),
        }
    }

    pub fn check_issue(&self, override_reason: Option<&str>) -> Result<(), LifecycleError> {
        if self.status != InvoiceStatus::Draft {
            return Err(LifecycleError::IssueNotDraft(self.status));
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

mod correction;
mod fingerprint;
mod payment;

pub use correction::{Correction, CreditNote, credit, difference};
pub use fingerprint::fingerprint;
pub use payment::Payment;

#[cfg(test)]
mod tests;
