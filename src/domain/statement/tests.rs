//! The statement with hand-worked figures (the dates, balances and buckets worked out by hand in each comment).

use super::*;

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn settled(id: i64, on: &str, reference: &str, amount: &str) -> Settled {
    Settled {
        id,
        on: day(on),
        reference: reference.into(),
        amount: dec(amount),
    }
}

fn invoice(id: i64, issued: &str, due: &str, total: &str) -> InvoiceHistory {
    InvoiceHistory {
        invoice_id: id,
        number: format!("INV-2026-{id:06}"),
        currency: Currency::CNY,
        issued_on: day(issued),
        due_on: day(due),
        total: dec(total),
        credit_notes: Vec::new(),
        payments: Vec::new(),
    }
}

/// INV-1: 10600.00 issued 06-01, due 07-01, 4000.00 paid 07-10.
/// INV-2: 5300.00 issued 08-01, due 08-31, credited 530.00 on 08-15, 2000.00 paid 09-05.
/// INV-3: 2120.00 issued 09-20, due 10-20.
fn three() -> Vec<InvoiceHistory> {
    let mut first = invoice(1, "2026-06-01", "2026-07-01", "10600.00");
    first
        .payments
        .push(settled(1, "2026-07-10", "招商银行 0710", "4000.00"));
    let mut second = invoice(2, "2026-08-01", "2026-08-31", "5300.00");
    second
        .credit_notes
        .push(settled(1, "2026-08-15", "CN-2026-000001", "530.00"));
    second
        .payments
        .push(settled(2, "2026-09-05", "招商银行 0905", "2000.00"));
    vec![
        first,
        second,
        invoice(3, "2026-09-20", "2026-10-20", "2120.00"),
    ]
}

fn window(from: &str, to: &str, as_of: &str) -> Window {
    Window {
        from: Some(day(from)),
        to: day(to),
        as_of: day(as_of),
    }
}

#[test]
fn a_statement_runs_its_balance_from_the_opening_to_the_closing() {
    // Before 08-01: 10600.00 − 4000.00 = 6600.00 opening.
    // 08-01 INV-2 +5300.00 → 11900.00; 08-15 CN −530.00 → 11370.00;
    // 09-05 payment −2000.00 → 9370.00; 09-20 INV-3 +2120.00 → 11490.00.
    let all = statements(&three(), window("2026-08-01", "2026-09-30", "2026-09-30"));
    assert_eq!(all.len(), 1);
    let s = &all[0];
    assert_eq!((s.currency.as_str(), s.opening), ("CNY", dec("6600.00")));
    let lines: Vec<(EntryKind, &str, Decimal, Decimal)> = s
        .entries
        .iter()
        .map(|e| (e.kind, e.document.as_str(), e.amount, e.balance))
        .collect();
    assert_eq!(
        lines,
        vec![
            (
                EntryKind::Invoice,
                "INV-2026-000002",
                dec("5300.00"),
                dec("11900.00")
            ),
            (
                EntryKind::CreditNote,
                "CN-2026-000001",
                dec("-530.00"),
                dec("11370.00")
            ),
            (
                EntryKind::Payment,
                "招商银行 0905",
                dec("-2000.00"),
                dec("9370.00")
            ),
            (
                EntryKind::Invoice,
                "INV-2026-000003",
                dec("2120.00"),
                dec("11490.00")
            ),
        ]
    );
    assert_eq!(s.entries[0].due_on, Some(day("2026-08-31")));
    assert_eq!(s.entries[1].due_on, None);
    assert_eq!(s.closing, dec("11490.00"));
}

#[test]
fn aging_puts_what_is_open_in_buckets_by_days_past_due() {
    // As of 09-30: INV-1 6600.00 open, due 07-01, 91 days past due (> 90);
    // INV-2 5300 − 530 − 2000 = 2770.00, due 08-31, 30 days (1–30);
    // INV-3 2120.00 not yet due. Total 11490.00, the closing balance.
    let a = &statements(&three(), window("2026-08-01", "2026-09-30", "2026-09-30"))[0].aging;
    assert_eq!(
        (
            a.current,
            a.days_1_30,
            a.days_31_60,
            a.days_61_90,
            a.over_90
        ),
        (
            dec("2120.00"),
            dec("2770.00"),
            Decimal::ZERO,
            Decimal::ZERO,
            dec("6600.00")
        )
    );
    assert_eq!((a.refund_due, a.total), (Decimal::ZERO, dec("11490.00")));
    // As of 09-15: INV-1 76 days (61–90); INV-2 2770.00 15 days (1–30); INV-3 not issued.
    let a = &statements(&three(), window("2026-08-01", "2026-09-30", "2026-09-15"))[0].aging;
    assert_eq!(
        (a.current, a.days_1_30, a.days_61_90, a.total),
        (
            Decimal::ZERO,
            dec("2770.00"),
            dec("6600.00"),
            dec("9370.00")
        )
    );
    // As of 08-20: INV-1 50 days (31–60); INV-2 4770.00 after its credit, not yet due.
    let a = &statements(&three(), window("2026-08-01", "2026-09-30", "2026-08-20"))[0].aging;
    assert_eq!(
        (a.current, a.days_31_60, a.total),
        (dec("4770.00"), dec("6600.00"), dec("11370.00"))
    );
}

#[test]
fn a_credit_after_payment_is_carried_as_a_refund_due() {
    // 1060.00 paid in full on 09-01, 106.00 credited on 09-10: −106.00.
    let mut paid = invoice(4, "2026-08-01", "2026-08-31", "1060.00");
    paid.payments
        .push(settled(3, "2026-09-01", "招商银行 0901", "1060.00"));
    paid.credit_notes
        .push(settled(2, "2026-09-10", "CN-2026-000002", "106.00"));
    let s = &statements(&[paid], window("2026-09-01", "2026-09-30", "2026-09-30"))[0];
    assert_eq!((s.opening, s.closing), (dec("1060.00"), dec("-106.00")));
    assert_eq!(
        (s.aging.refund_due, s.aging.total, s.aging.current),
        (dec("106.00"), dec("-106.00"), Decimal::ZERO)
    );
}

#[test]
fn each_currency_has_its_own_statement_and_no_window_means_the_whole_history() {
    let mut dollars = invoice(5, "2026-09-01", "2026-10-01", "500.00");
    dollars.currency = Currency::parse("USD").unwrap();
    let mut all = three();
    all.push(dollars);
    let whole = Window {
        from: None,
        to: day("2026-09-30"),
        as_of: day("2026-09-30"),
    };
    let statements = statements(&all, whole);
    let currencies: Vec<&str> = statements.iter().map(|s| s.currency.as_str()).collect();
    assert_eq!(currencies, ["CNY", "USD"]);
    assert_eq!(statements[0].opening, Decimal::ZERO);
    assert_eq!(statements[0].entries.len(), 6);
    assert_eq!(statements[0].closing, dec("11490.00"));
    assert_eq!(
        (statements[1].closing, statements[1].aging.current),
        (dec("500.00"), dec("500.00"))
    );
}
