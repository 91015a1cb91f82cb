//! A vendor's statement of account (对账单) as CSV and Excel: the opening
//! balance, every movement with the running balance, the closing balance, and
//! the aging of what is open. Amounts are exact decimals, as in the other tables.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, XlsxError};

use super::Language;
use super::tables::{csv_of, sheet};
use crate::domain::statement::{Aging, EntryKind, Statement};

/// The words of a statement, in Chinese and English.
pub struct StatementLabels {
    pub title: &'static str,
    pub aging_title: &'static str,
    pub currency: &'static str,
    pub date: &'static str,
    pub kind: &'static str,
    pub document: &'static str,
    pub invoice: &'static str,
    pub due_on: &'static str,
    pub amount: &'static str,
    pub balance: &'static str,
    pub opening: &'static str,
    pub closing: &'static str,
    pub credit_note: &'static str,
    pub payment: &'static str,
    pub as_of: &'static str,
    pub current: &'static str,
    pub days_1_30: &'static str,
    pub days_31_60: &'static str,
    pub days_61_90: &'static str,
    pub over_90: &'static str,
    pub refund_due: &'static str,
    pub open_total: &'static str,
}

impl StatementLabels {
    pub fn of(language: Language) -> &'static StatementLabels {
        match language {
            Language::Zh => &ZH,
            Language::En => &EN,
        }
    }

    fn kind(&self, kind: EntryKind) -> &'static str {
        match kind {
            EntryKind::Invoice => self.invoice,
            EntryKind::CreditNote => self.credit_note,
            EntryKind::Payment => self.payment,
        }
    }
}

static ZH: StatementLabels = StatementLabels {
    title: "对账单",
    aging_title: "账龄",
    currency: "币种",
    date: "日期",
    kind: "类型",
    document: "单据编号",
    invoice: "结算单",
    due_on: "付款截止日",
    amount: "金额",
    balance: "余额",
    opening: "期初余额",
    closing: "期末余额",
    credit_note: "红字冲销单",
    payment: "付款",
    as_of: "截至",
    current: "账龄：未到期",
    days_1_30: "账龄：逾期1–30天",
    days_31_60: "账龄：逾期31–60天",
    days_61_90: "账龄：逾期61–90天",
    over_90: "账龄：逾期90天以上",
    refund_due: "应退款（付款后冲销）",
    open_total: "未结余额合计",
};

static EN: StatementLabels = StatementLabels {
    title: "Statement of account",
    aging_title: "Aging",
    currency: "Currency",
    date: "Date",
    kind: "Kind",
    document: "Document",
    invoice: "Invoice",
    due_on: "Due on",
    amount: "Amount",
    balance: "Balance",
    opening: "Opening balance",
    closing: "Closing balance",
    credit_note: "Credit note",
    payment: "Payment",
    as_of: "As of",
    current: "Aging: not yet due",
    days_1_30: "Aging: 1–30 days past due",
    days_31_60: "Aging: 31–60 days past due",
    days_61_90: "Aging: 61–90 days past due",
    over_90: "Aging: over 90 days past due",
    refund_due: "Refund due (credited after payment)",
    open_total: "Total open",
};

type Row = [String; 8];

fn header(l: &StatementLabels) -> [&'static str; 8] {
    [
        l.currency, l.date, l.kind, l.document, l.invoice, l.due_on, l.amount, l.balance,
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
            l.opening,
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
            l.closing,
            s.closing,
        ));
    }
    rows
}

fn buckets<'a>(l: &StatementLabels, a: &'a Aging) -> [(&'static str, &'a Decimal); 7] {
    [
        (l.current, &a.current),
        (l.days_1_30, &a.days_1_30),
        (l.days_31_60, &a.days_31_60),
        (l.days_61_90, &a.days_61_90),
        (l.over_90, &a.over_90),
        (l.refund_due, &a.refund_due),
        (l.open_total, &a.total),
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
        l.title,
        header(l),
        movement_rows(l, statements, &from, &dates.to).into_iter(),
        AMOUNT_COLUMNS,
    )?;
    let aging_header = [
        l.currency,
        l.as_of,
        l.current,
        l.days_1_30,
        l.days_31_60,
        l.days_61_90,
        l.over_90,
        l.refund_due,
        l.open_total,
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
        l.aging_title,
        aging_header,
        aging,
        &[2, 3, 4, 5, 6, 7, 8],
    )?;
    workbook.save_to_buffer()
}
