//! Credit notes, numbered in their own series.

use chrono::Utc;
use rust_decimal::Decimal;
use serde::Deserialize;
use utoipa::ToSchema;

use super::record;
use super::views::{self, CreditNoteView};
use crate::app::reason;
use crate::app::{App, AppError, AppResult, AuthUser, Caller};
use crate::domain::InvoiceId;
use crate::domain::Permission;
use crate::domain::invoice::{self, Correction, CreditNote, Invoice, Series};
use crate::domain::message::msg;
use crate::domain::violation::Violations;
use crate::store::invoices as stored;
use crate::store::{self, DbConnection};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditBody {
    pub reason: String,
    /// The numbers of the lines to credit as the invoice prints them (序号,
    /// from 1); every line not yet credited when left out.
    #[serde(default)]
    pub line_numbers: Option<Vec<usize>>,
}

/// Issues a credit note for some or all lines of an issued invoice, numbered in
/// its own series. It lowers what is owed: one that leaves nothing outstanding
/// settles the invoice (`paid`); on a paid invoice it leaves a refund due
/// (a negative `balance`).
pub async fn credit(
    app: &App,
    caller: Caller,
    id: InvoiceId,
    body: CreditBody,
) -> AppResult<CreditNoteView> {
    let reason = reason("reason", &body.reason)?;
    app.write(caller, Permission::IssueInvoices, move |conn, auth| {
        let invoice = stored::get(conn, auth.scope, id)?;
        invoice.check_credit()?;
        let earlier = stored::credit_notes_of(conn, auth.tenant(), &invoice)?;
        let indexes = credit_lines(&invoice, &earlier, body.line_numbers)?;
        let mode = invoice
            .inputs
            .as_ref()
            .and_then(|i| i.parts.last())
            .map_or(crate::domain::terms::RoundingMode::HalfUp, |p| {
                p.terms.commercial.rounding
            });
        let correction = invoice::credit(
            &invoice.draft,
            &indexes,
            mode,
            invoice.currency.minor_digits(),
        );
        // Crediting a penalty alone gives it back: that raises what is owed,
        // which is an adjustment (a restatement), not a credit note.
        if correction.total >= Decimal::ZERO {
            return Err(AppError::invalid(
                "line_numbers",
                msg!("error-credit-not-lower", total = -correction.total),
            ));
        }
        let credited_before = invoice.credited;
        if credited_before - correction.total > invoice.draft.total {
            return Err(AppError::invalid(
                "line_numbers",
                msg!(
                    "error-credit-exceeds-total",
                    credited = credited_before - correction.total,
                    total = invoice.draft.total
                ),
            ));
        }
        let note = issue_credit_note(conn, auth, &invoice, &reason, &indexes, &correction)?;
        Ok(views::note_view(note))
    })
    .await
}

/// The lines to credit, by the numbers the invoice prints (from 1): each a
/// line of the invoice, none credited before, none twice. Returns their indexes.
fn credit_lines(
    invoice: &Invoice,
    earlier: &[CreditNote],
    asked: Option<Vec<usize>>,
) -> AppResult<Vec<usize>> {
    let credited: Vec<usize> = earlier
        .iter()
        .flat_map(|n| n.credited_lines.clone())
        .collect();
    let count = invoice.draft.lines.len();
    let numbers = asked.unwrap_or_else(|| {
        (1..=count)
            .filter(|n| !credited.contains(&(n - 1)))
            .collect()
    });
    let indexes: Vec<usize> = numbers.iter().map(|n| n.wrapping_sub(1)).collect();
    let mut errors = Violations::default();
    if indexes.is_empty() {
        errors.add("line_numbers", msg!("error-credit-no-lines"));
    }
    for (n, i) in indexes.iter().enumerate() {
        let field = format!("line_numbers[{n}]");
        if *i >= count {
            errors.add(field, msg!("error-credit-line-number", count = count));
        } else if credited.contains(i) {
            errors.add(field, msg!("error-credit-line-credited"));
        } else if indexes[..n].contains(i) {
            errors.add(field, msg!("error-named-twice"));
        }
    }
    Ok(errors.finish(|| Some(indexes))?)
}

pub(super) fn issue_credit_note(
    conn: &mut DbConnection,
    auth: &AuthUser,
    invoice: &Invoice,
    reason: &str,
    indexes: &[usize],
    correction: &Correction,
) -> AppResult<CreditNote> {
    let contract = store::contracts::get(conn, auth.scope, invoice.contract_id)?;
    let today = contract.time_zone.today(Utc::now());
    let year = chrono::Datelike::year(&today);
    let seq = stored::next_number(conn, auth.tenant(), Series::CreditNote, year)?;
    let number = invoice::number(Series::CreditNote, year, seq);
    let note_id = stored::add_credit_note(
        conn,
        auth.tenant(),
        invoice,
        stored::NewCreditNote {
            number: &number,
            reason,
            credited_lines: indexes,
            correction,
            issued_on: today,
            by: auth.user_id(),
            status: invoice.status_after_credit(correction.total),
        },
    )?;
    record(
        conn,
        auth.tenant(),
        auth.actor(),
        invoice.id,
        "invoice.credited",
        None,
        Some(
            serde_json::json!({ "credit_note": number, "total": correction.total, "reason": reason, "status": invoice.status_after_credit(correction.total) }),
        ),
    )?;
    let (note, _) = stored::credit_note(conn, auth.scope, note_id)?;
    Ok(note)
}
