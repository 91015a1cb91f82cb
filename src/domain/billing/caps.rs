//! Caps on penalties, the floor under the total, tax and warnings.
//!
//! Caps apply in order: each clause's own maximum (written beside its
//! penalty), the monthly cap, the contract year's aggregate cap. Penalties of
//! categories the liability terms leave uncapped bypass the last two.

use rust_decimal::Decimal;

use super::{
    BillingInput, Book, Explanation, InvoiceDraft, Line, LineKind, ReportState, Rule, Warning,
    WarningCode, round,
};

/// What capped penalties add up to so far (a positive amount).
fn capped_total(book: &Book<'_>) -> Decimal {
    -book
        .lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Penalty | LineKind::Cap))
        .filter(|l| l.category.is_none_or(|c| book.capped(c)))
        .map(|l| l.amount)
        .sum::<Decimal>()
}

fn cap_line(rule: Rule, label: &str, formula: String) -> Line {
    Line {
        kind: LineKind::Cap,
        label: label.into(),
        amount: Decimal::ZERO,
        charge_kind: None,
        category: None,
        explanation: Explanation {
            rule,
            formula,
            ..Explanation::default()
        },
    }
}

pub(super) fn apply(input: &BillingInput, book: &mut Book<'_>) {
    let Some(terms) = book.last_terms() else {
        return;
    };
    let liability = &terms.liability;
    if let Some(cap) = &liability.monthly_cap {
        let charges = charges(book);
        let limit = match (cap.amount, cap.percent_of_fees) {
            (Some(amount), _) => amount,
            (None, Some(percent)) => round(
                charges * percent / Decimal::ONE_HUNDRED,
                book.mode(),
                input.minor_digits,
            ),
            (None, None) => Decimal::MAX,
        };
        let penalties = capped_total(book);
        if penalties > limit {
            // Worded only for the line: most months stay under the cap.
            let how = match (cap.amount, cap.percent_of_fees) {
                (Some(amount), _) => format!("{amount}"),
                (None, Some(percent)) => {
                    format!("{percent}% of the month's fees {charges} = {limit}")
                }
                (None, None) => String::new(),
            };
            let mut line = cap_line(
                Rule::MonthlyCap,
                "Monthly cap on penalties",
                format!(
                    "capped penalties {penalties} above the monthly cap ({how}): {penalties} − {limit}"
                ),
            );
            line.explanation.base = Some(penalties);
            book.push(line, penalties - limit);
        }
    }
    if let Some(annual) = liability.annual_cap {
        let earlier = input.penalties_earlier_in_year;
        let remaining = (annual - earlier).max(Decimal::ZERO);
        let penalties = capped_total(book);
        if penalties > remaining {
            let (first, last) = input.contract_year;
            let mut line = cap_line(
                Rule::AnnualCap,
                "Aggregate cap for the contract year",
                format!(
                    "cap {annual} for {first} to {last}, {earlier} on earlier months' invoices, \
                     {remaining} left; capped penalties {penalties}: {penalties} − {remaining}"
                ),
            );
            line.explanation.base = Some(penalties);
            book.push(line, penalties - remaining);
        }
    }
}

fn charges(book: &Book<'_>) -> Decimal {
    sum(book, LineKind::Charge)
}

fn sum(book: &Book<'_>, kind: LineKind) -> Decimal {
    book.lines
        .iter()
        .filter(|l| l.kind == kind)
        .map(|l| l.amount)
        .sum()
}

pub(super) fn finish(input: &BillingInput, mut book: Book<'_>) -> InvoiceDraft {
    let charges = charges(&book);
    let bonuses = sum(&book, LineKind::Bonus);
    let subtotal: Decimal = book.lines.iter().map(|l| l.amount).sum();
    let mut not_deducted = Decimal::ZERO;
    if subtotal < Decimal::ZERO {
        not_deducted = -subtotal;
        let due = charges + bonuses;
        let line = Line {
            kind: LineKind::NotDeducted,
            label: "Penalties beyond the amount due, not deducted".into(),
            amount: Decimal::ZERO,
            charge_kind: None,
            category: None,
            explanation: Explanation {
                rule: Rule::AmountDue,
                base: Some(due),
                formula: format!(
                    "penalties exceed the amount due {due} by {not_deducted}: the total is not negative"
                ),
                ..Explanation::default()
            },
        };
        book.push(line, not_deducted);
        book.warnings.push(Warning {
            code: WarningCode::PenaltiesExceedAmountDue,
            message: format!(
                "penalties exceed the amount due by {not_deducted}; that much is not deducted"
            ),
        });
    }
    let capped_penalties = (capped_total(&book) - not_deducted).max(Decimal::ZERO);
    warn(input, &mut book);
    let mode = book.mode();
    let terms = book.last_terms();
    let tax_rate = terms.map_or(Decimal::ZERO, |t| t.commercial.tax_rate);
    let penalties = book
        .lines
        .iter()
        .filter(|l| {
            matches!(
                l.kind,
                LineKind::Penalty | LineKind::Cap | LineKind::NotDeducted
            )
        })
        .map(|l| l.amount)
        .sum();
    let subtotal: Decimal = book.lines.iter().map(|l| l.amount).sum();
    let tax = round(
        subtotal * tax_rate / Decimal::ONE_HUNDRED,
        mode,
        input.minor_digits,
    );
    let scaled = |d: Decimal| round(d, mode, input.minor_digits);
    InvoiceDraft {
        charges: scaled(charges),
        penalties: scaled(penalties),
        bonuses: scaled(bonuses),
        subtotal: scaled(subtotal),
        tax_rate,
        tax,
        total: scaled(subtotal + tax),
        capped_penalties: scaled(capped_penalties),
        breached: book.breached,
        under_dispute: input.report == ReportState::Disputed,
        lines: book.lines,
        warnings: book.warnings,
        notes: book.notes,
    }
}

fn warn(input: &BillingInput, book: &mut Book<'_>) {
    let terms = book.last_terms();
    let months = terms.and_then(|t| t.liability.termination_after_breached_months);
    if let Some(n) = months
        && book.breached
        && input.breached_months_before + 1 >= n
    {
        book.warnings.push(Warning {
            code: WarningCode::TerminationRight,
            message: format!(
                "{} breached months in a row: the contract allows termination after {n}",
                input.breached_months_before + 1
            ),
        });
    }
    let report = match input.report {
        ReportState::Accepted => None,
        ReportState::Disputed => Some((
            WarningCode::UnderDispute,
            "the monthly report is disputed: the figures may still change",
        )),
        ReportState::Missing => Some((
            WarningCode::ReportNotAccepted,
            "no monthly report: billed on the daily feed",
        )),
        ReportState::Draft | ReportState::Submitted => Some((
            WarningCode::ReportNotAccepted,
            "the monthly report is not accepted yet: billed on the daily feed",
        )),
    };
    if let Some((code, message)) = report {
        book.warnings.push(Warning {
            code,
            message: message.into(),
        });
    }
    for d in &input.discrepancies {
        let percent = d.percent.map_or_else(|| "an".into(), |p| format!("a {p}%"));
        book.warnings.push(Warning {
            code: WarningCode::Discrepancy,
            message: format!(
                "{}: the {} figures show {percent} difference from the prevailing source, beyond the contract's tolerance",
                d.metric, d.source
            ),
        });
    }
}
