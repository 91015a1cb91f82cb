//! Restating an issued invoice whose figures changed: the offer (recomputed
//! against what was billed) and its settlement — a credit note for less, an
//! adjustment invoice for more.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::credit::issue_credit_note;
use super::views::{self, CreditNoteView, InvoiceView};
use super::{brief, record};
use crate::app::billing::draft::{Outcome, outcome};
use crate::app::reason;
use crate::app::{App, AppError, AppResult, AuthUser, Caller};
use crate::domain::InvoiceId;
use crate::domain::billing::{InvoiceDraft, LineKind};
use crate::domain::invoice::{self, Correction, Invoice, InvoiceKind, InvoiceStatus};
use crate::domain::message::msg;
use crate::domain::{Permission, decimal};
use crate::store::invoices::{self as stored, Computed, NewInvoice};
use crate::store::{self, DbConnection};

/// How a restatement's difference would be settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Settlement {
    /// The recomputation is lower: a credit note for the difference.
    CreditNote,
    /// The recomputation is higher: an adjustment invoice for the difference.
    AdjustmentInvoice,
    /// Nothing to settle.
    None,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RestatementView {
    pub invoice_id: i64,
    pub inputs_changed: bool,
    /// What the invoice (with earlier restatements) stands at.
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub billed_total: Decimal,
    /// The invoice computed afresh from today's figures.
    pub recomputed: InvoiceDraft,
    /// Recomputed against billed, line by line.
    pub difference: Correction,
    pub settlement: Settlement,
}

/// The restatement on offer, computed and not stored.
fn restatement(
    conn: &mut DbConnection,
    auth: &AuthUser,
    invoice: &Invoice,
) -> AppResult<(RestatementView, Outcome)> {
    if !matches!(
        invoice.status,
        InvoiceStatus::Issued | InvoiceStatus::Sent | InvoiceStatus::Paid
    ) || invoice.kind != InvoiceKind::Invoice
    {
        return Err(AppError::conflict(msg!("error-restate-not-issued")));
    }
    let contract = store::contracts::get(conn, auth.scope, invoice.contract_id)?;
    let fresh = outcome(conn, auth.tenant(), contract, invoice.period)?;
    let (baseline, hash) = invoice.baseline();
    let difference = invoice::difference(baseline, &fresh.draft);
    let settlement = if difference.total < Decimal::ZERO {
        Settlement::CreditNote
    } else if difference.total > Decimal::ZERO {
        Settlement::AdjustmentInvoice
    } else {
        Settlement::None
    };
    let view = RestatementView {
        invoice_id: invoice.id.get(),
        inputs_changed: fresh.hash != hash,
        billed_total: baseline.total,
        recomputed: fresh.draft.clone(),
        difference,
        settlement,
    };
    Ok((view, fresh))
}

/// What restating an issued invoice would come to: the invoice recomputed from
/// today's figures against what was billed.
pub async fn offer(app: &App, caller: Caller, id: InvoiceId) -> AppResult<RestatementView> {
    app.read(caller, Permission::ReadInvoices, move |conn, auth| {
        let invoice = stored::get(conn, auth.scope, id)?;
        Ok(restatement(conn, auth, &invoice)?.0)
    })
    .await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RestateBody {
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RestatedView {
    pub settlement: Settlement,
    /// The credit note issued, when the recomputation is lower.
    pub credit_note: Option<CreditNoteView>,
    /// The adjustment invoice drafted (to be issued), when it is higher.
    pub adjustment: Option<InvoiceView>,
}

/// Settles a restatement: a credit note for a lower recomputation, an
/// adjustment invoice (a draft, issued like any other) for a higher one.
pub async fn restate(
    app: &App,
    caller: Caller,
    id: InvoiceId,
    body: RestateBody,
) -> AppResult<RestatedView> {
    let reason = reason("reason", &body.reason)?;
    app.write(caller, Permission::IssueInvoices, move |conn, auth| {
        let invoice = stored::get(conn, auth.scope, id)?;
        let (offer, fresh) = restatement(conn, auth, &invoice)?;
        let mut done = RestatedView {
            settlement: offer.settlement,
            credit_note: None,
            adjustment: None,
        };
        match offer.settlement {
            Settlement::None => {
                return Err(AppError::conflict(
                    msg!("error-restate-nothing"),
                ));
            }
            Settlement::CreditNote => {
                let note = issue_credit_note(conn, auth, &invoice, &reason, &[], &offer.difference)?;
                done.credit_note = Some(views::note_view(note));
            }
            Settlement::AdjustmentInvoice => {
                let draft = adjustment_draft(&invoice, &offer, &reason);
                let adjustment = stored::insert(
                    conn,
                    auth.tenant(),
                    NewInvoice {
                        contract: invoice.contract_id,
                        vendor: invoice.vendor_id,
                        period: invoice.period,
                        kind: InvoiceKind::Adjustment,
                        adjusts: Some(invoice.id),
                        currency: invoice.currency,
                        computed: Computed {
                            draft: &draft,
                            inputs_hash: &fresh.hash,
                        },
                    },
                )?;
                record(conn, auth.tenant(), auth.actor(), adjustment, "invoice.drafted", None, Some(brief(&draft)))?;
                let stored_adjustment = stored::get(conn, auth.scope, adjustment)?;
                done.adjustment = Some(views::view(conn, auth.tenant(), stored_adjustment, Some(false))?);
            }
        }
        stored::set_baseline(conn, auth.tenant(), invoice.id, &(fresh.draft.clone(), fresh.hash.clone()))?;
        record(
            conn,
            auth.tenant(),
            auth.actor(),
            invoice.id,
            "invoice.restated",
            Some(serde_json::json!({ "total": offer.billed_total })),
            Some(serde_json::json!({ "total": fresh.draft.total, "difference": offer.difference.total, "reason": reason })),
        )?;
        Ok(done)
    })
    .await
}

/// An adjustment invoice's draft: the difference's lines and totals.
fn adjustment_draft(invoice: &Invoice, offer: &RestatementView, reason: &str) -> InvoiceDraft {
    let diff = &offer.difference;
    let by_kind = |kinds: &[LineKind]| -> Decimal {
        diff.lines
            .iter()
            .filter(|l| kinds.contains(&l.kind))
            .map(|l| l.amount)
            .sum()
    };
    let (baseline, _) = invoice.baseline();
    InvoiceDraft {
        lines: diff.lines.clone(),
        charges: by_kind(&[LineKind::Charge]),
        penalties: by_kind(&[LineKind::Penalty, LineKind::Cap, LineKind::NotDeducted]),
        bonuses: by_kind(&[LineKind::Bonus]),
        subtotal: diff.subtotal,
        tax_rate: offer.recomputed.tax_rate,
        tax: diff.tax,
        total: diff.total,
        capped_penalties: offer.recomputed.capped_penalties - baseline.capped_penalties,
        breached: false,
        under_dispute: offer.recomputed.under_dispute,
        warnings: offer.recomputed.warnings.clone(),
        notes: vec![format!(
            "Adjusts invoice {} ({}): {reason}",
            invoice.number.as_deref().unwrap_or("-"),
            invoice.period
        )],
    }
}
