//! Corrections of an issued invoice: a credit note for some of its lines, or
//! the difference between what was billed and a recomputation.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::billing::{Explanation, InvoiceDraft, Line, LineKind, Restated, Rule, round};
use crate::domain::ids::{CreditNoteId, InvoiceId, UserId};
use crate::domain::terms::RoundingMode;

/// A credit note as issued: its number, why, the lines it credits (by index)
/// and the correction they come to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditNote {
    pub id: CreditNoteId,
    pub invoice_id: InvoiceId,
    pub number: String,
    pub reason: String,
    pub credited_lines: Vec<usize>,
    pub correction: Correction,
    pub issued_on: NaiveDate,
    pub issued_at: DateTime<Utc>,
    pub issued_by: Option<UserId>,
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
            restated: Some(Restated { was, now }),
            ..line.explanation.clone()
        },
        ..line.clone()
    }
}
