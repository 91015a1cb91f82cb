use super::*;
use crate::domain::billing::tests::{charge, clause, dec, fixed, fixed_penalty, october, sla};
use crate::domain::billing::{Bucket, MetricInput, Restated, compute};
use crate::domain::kpi::Sums;
use crate::domain::terms::RoundingMode;

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
    // The penalty went: the line keeps what it was and what it is now.
    assert_eq!(
        diff.lines[0].explanation.restated,
        Some(Restated {
            was: dec("-1500.00"),
            now: Decimal::ZERO
        })
    );
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
        id: InvoiceId::new(1),
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

/// Fingerprints are stored with every invoice and compared with later
/// recomputations: the same input must keep the same fingerprint from one
/// release to the next.
#[test]
fn a_fingerprint_stays_the_same_from_release_to_release() {
    let mut t = crate::domain::billing::tests::terms();
    clause(&mut t, sla("csat", "90", fixed_penalty("1500.00")));
    let mut input = october(t);
    let sums = Sums {
        numerator: 88,
        denominator: 100,
        days: 31,
    };
    input.figures.push(MetricInput {
        metric: "csat".into(),
        basis: crate::domain::billing::Basis::Feed,
        buckets: vec![Bucket {
            from: input.from,
            to: input.to,
            for_sla: sums,
            for_billing: sums,
        }],
    });
    assert_eq!(
        fingerprint(&input),
        "7c30622dd960b367d9af85fd5a79f19b2d05a215602f745bdbd988430e8fd78e"
    );
}
