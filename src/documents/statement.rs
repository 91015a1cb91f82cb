//! A vendor's statement of account (对账单) as CSV and Excel: the opening
//! balance, every movement with the running balance, the closing balance, and
//! the aging of what is open. Amounts are exact decimals, as in the other tables.

use std::sync::LazyLock;

use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, XlsxError};

use super::Language;
use super::tables::{csv_of, sheet};
use crate::domain::statement::{Aging, EntryKind, Statement};

/// The words of a statement, from the catalogue (`statement-…`), read once per language.
pub struct StatementLabels {
    pub title: String,
    pub aging_title: String,
    pub currency: String,
    pub date: String,
    pub kind: String,
    pub document: String,
    pub invoice: String,
    pub due_on: String,
    pub amount: String,
    pub balance: String,
    pub opening: String,
    pub closing: String,
    pub credit_note: String,
    pub payment: String,
    pub as_of: String,
    pub current: String,
    pub days_1_30: String,
    pub days_31_60: String,
    pub days_61_90: String,
    pub over_90: String,
    pub refund_due: String,
    pub open_total: String,
}

static ZH: LazyLock<StatementLabels> = LazyLock::new(|| StatementLabels::load(Language::Zh));
static EN: LazyLock<StatementLabels> = LazyLock::new(|| StatementLabels::load(Language::En));

impl StatementLabels {
    pub fn of(language: Language) -> &'static StatementLabels {
        match language {
            Language::Zh => &ZH,
            Language::En => &EN,
        }
    }

    fn load(language: Language) -> Self {
        Self {
            title: language.text("statement-title", &[]),
            aging_title: language.text("statement-aging-title", &[]),
            currency: language.text("statement-currency", &[]),
            date: language.text("statement-date", &[]),
            kind: language.text("statement-kind", &[]),
            document: language.text("statement-document", &[]),
            invoice: language.text("statement-invoice", &[]),
            due_on: language.text("statement-due-on", &[]),
            amount: language.text("statement-amount", &[]),
            balance: language.text("statement-balance", &[]),
            opening: language.text("statement-opening", &[]),
            closing: language.text("statement-closing", &[]),
            credit_note: language.text("statement-credit-note", &[]),
            payment: language.text("statement-payment", &[]),
            as_of: language.text("statement-as-of", &[]),
            current: language.text("statement-current", &[]),
            days_1_30: language.text("statement-days-1-30", &[]),
            days_31_60: language.text("statement-days-31-60", &[]),
            days_61_90: language.text("statement-days-61-90", &[]),
            over_90: language.text("statement-over-90", &[]),
            refund_due: language.text("statement-refund-due", &[]),
            open_total: language.text("statement-open-total", &[]),
        }
    }

    fn kind(&self, kind: EntryKind) -> &str {
        match kind {
            EntryKind::Invoice => &self.invoice,
            EntryKind::CreditNote => &self.credit_note,
            EntryKind::Payment => &self.payment,
        }
    }
}

type Row = [String; 8];

fn header(l: &StatementLabels) -> [&str; 8] {
    [
        &l.currency,
        &l.date,
        &l.kind,
        &l.document,
        &l.invoice,
        &l.due_on,
        &l.amount,
        &l.balance,
    ]
}

/// Columns holding amounts, written as numbers so Excel can sum them.
const AMOUNT_COLUMNS: &[usize] = &[6, 7];

/// A balance line: the opening or the closing.
fn balance_row(currency: &str, date: String, label: &str, balance: Decimal) -> Row {
    let blank = String::new;
    [
        currency.to_owned(),
        date,
        label.to_owned(),
        blank(),
        blank(),
        blank(),
        blank(),
        balance.to_string(),
    ]
}

/// The opening, every movement and the closing of each currency.
fn movement_rows(l: &StatementLabels, statements: &[Statement], from: &str, to: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for s in statements {
        rows.push(balance_row(
            &s.currency,
            from.to_owned(),
            &l.opening,
            s.opening,
        ));
        for e in &s.entries {
            rows.push([
                s.currency.clone(),
                e.date.to_string(),
                l.kind(e.kind).to_owned(),
                e.document.clone(),
                e.invoice_number.clone(),
                e.due_on.map(|d| d.to_string()).unwrap_or_default(),
                e.amount.to_string(),
                e.balance.to_string(),
            ]);
        }
        rows.push(balance_row(
            &s.currency,
            to.to_owned(),
            &l.closing,
            s.closing,
        ));
    }
    rows
}

fn buckets<'a>(l: &'a StatementLabels, a: &'a Aging) -> [(&'a str, &'a Decimal); 7] {
    [
        (&l.current, &a.current),
        (&l.days_1_30, &a.days_1_30),
        (&l.days_31_60, &a.days_31_60),
        (&l.days_61_90, &a.days_61_90),
        (&l.over_90, &a.over_90),
        (&l.refund_due, &a.refund_due),
        (&l.open_total, &a.total),
    ]
}

/// The aging as lines under the movements: one per bucket, dated as of.
fn aging_rows(l: &StatementLabels, statements: &[Statement]) -> Vec<Row> {
    let mut rows = Vec::new();
    for s in statements {
        for (label, amount) in buckets(l, &s.aging) {
            rows.push([
                s.currency.clone(),
                s.aging.as_of.to_string(),
                label.to_owned(),
                String::new(),
                String::new(),
                String::new(),
                amount.to_string(),
                String::new(),
            ]);
        }
    }
    rows
}

/// The dates a statement prints: `from` (blank for the whole history) and `to`.
pub struct Dates {
    pub from: Option<String>,
    pub to: String,
}

/// The statement as one CSV: movements, then the aging lines.
pub fn statement_csv(
    language: Language,
    statements: &[Statement],
    dates: &Dates,
) -> Result<Vec<u8>, csv::Error> {
    let l = StatementLabels::of(language);
    let from = dates.from.clone().unwrap_or_default();
    let mut rows = movement_rows(l, statements, &from, &dates.to);
    rows.extend(aging_rows(l, statements));
    csv_of(header(l), rows.into_iter())
}

/// The statement as a workbook: a sheet of movements and a sheet of aging, one row per currency.
pub fn statement_xlsx(
    language: Language,
    statements: &[Statement],
    dates: &Dates,
) -> Result<Vec<u8>, XlsxError> {
    let l = StatementLabels::of(language);
    let from = dates.from.clone().unwrap_or_default();
    let mut workbook = Workbook::new();
    sheet(
        workbook.add_worksheet(),
        &l.title,
        header(l),
        movement_rows(l, statements, &from, &dates.to).into_iter(),
        AMOUNT_COLUMNS,
    )?;
    let aging_header: [&str; 9] = [
        &l.currency,
        &l.as_of,
        &l.current,
        &l.days_1_30,
        &l.days_31_60,
        &l.days_61_90,
        &l.over_90,
        &l.refund_due,
        &l.open_total,
    ];
    let aging = statements.iter().map(|s| {
        let [b0, b1, b2, b3, b4, b5, b6] = buckets(l, &s.aging).map(|(_, a)| a.to_string());
        [
            s.currency.clone(),
            s.aging.as_of.to_string(),
            b0,
            b1,
            b2,
            b3,
            b4,
            b5,
            b6,
        ]
    });
    sheet(
        workbook.add_worksheet(),
        &l.aging_title,
        aging_header,
        aging,
        &[2, 3, 4, 5, 6, 7, 8],
    )?;
    workbook.save_to_buffer()
}
