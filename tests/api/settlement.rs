//! What an invoice still owes once credit notes and payments are counted:
//! total − credited − paid, settled when nothing is left, a refund due when a
//! credit note comes after payment.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::documents::csv_rows;
use crate::helpers::Plan;
use crate::invoices::{Billing, dec};
use crate::kpi::last_month;

/// Last month's issued invoice: its id, its total, and the commission line
/// printed as 序号 3 with its 6 % tax, 100.00 × D × 1.06 = 106.00 × D for a
/// month of D days (the credit note of line 3 in these tests).
async fn issued(b: &Billing) -> (i64, Decimal, Decimal) {
    let draft = b.draft().await;
    let id = draft["id"].as_i64().unwrap();
    let issued = b.issue(id).await;
    assert_eq!(issued.status, 200, "{:?}", issued.body);
    let plan = Plan::now();
    let days = Decimal::from((plan.third - plan.second).num_days());
    (id, dec(&draft["total"]), Decimal::from(106) * days)
}

fn owed(invoice: &Value) -> (Decimal, Decimal, Decimal, Decimal) {
    (
        dec(&invoice["credited"]),
        dec(&invoice["paid"]),
        dec(&invoice["outstanding"]),
        dec(&invoice["balance"]),
    )
}

#[tokio::test]
async fn an_invoice_credited_in_part_and_paid_for_the_rest_is_paid() {
    let b = Billing::new().await;
    let (id, total, commission) = issued(&b).await;
    let note = b.credit(id, json!([3])).await;
    assert_eq!(note.status, 201, "{:?}", note.body);
    assert_eq!(dec(&note.body["total"]), -commission);
    // Total T credited 106 × D: T − 106 × D is owed, nothing paid yet.
    let invoice = b.get(id).await;
    let left = total - commission;
    assert_eq!(
        owed(&invoice),
        (commission, Decimal::ZERO, left, left),
        "{invoice}"
    );
    assert_eq!(
        (&invoice["status"], &invoice["payment_state"]),
        (&json!("issued"), &json!("unpaid"))
    );
    // Paying the whole total would pay the credit too: refused, naming the amount.
    let too_much = b.pay(id, &total.to_string()).await;
    assert_eq!(
        (too_much.status, too_much.error_fields()),
        (422, vec!["amount".to_owned()]),
        "{:?}",
        too_much.body
    );
    assert!(
        too_much.body.to_string().contains(&left.to_string()),
        "the refusal says what is outstanding: {:?}",
        too_much.body
    );
    // Paying what is left settles it.
    let rest = b.pay(id, &left.to_string()).await;
    assert_eq!(rest.status, 201, "{:?}", rest.body);
    assert_eq!(
        (&rest.body["status"], &rest.body["payment_state"]),
        (&json!("paid"), &json!("paid"))
    );
    assert_eq!(
        owed(&rest.body),
        (commission, left, Decimal::ZERO, Decimal::ZERO)
    );
}

#[tokio::test]
async fn a_credit_note_after_full_payment_shows_a_refund_due() {
    let b = Billing::new().await;
    let (id, total, commission) = issued(&b).await;
    let paid = b.pay(id, &total.to_string()).await;
    assert_eq!(paid.status, 201, "{:?}", paid.body);
    assert_eq!(paid.body["payment_state"], "paid");
    assert_eq!(b.credit(id, json!([3])).await.status, 201);
    // Paid T, then credited 106 × D: the vendor owes 106 × D back. The invoice
    // stays paid and says so; nothing is outstanding, the balance is negative.
    let invoice = b.get(id).await;
    assert_eq!(
        (&invoice["status"], &invoice["payment_state"]),
        (&json!("paid"), &json!("overpaid"))
    );
    assert_eq!(
        owed(&invoice),
        (commission, total, Decimal::ZERO, -commission)
    );
    // The list shows it too.
    let listed =
        b.s.app
            .get("/api/v1/invoices?status=paid", &b.finance.token)
            .await;
    let item = &listed.body["items"][0];
    assert_eq!(
        (
            dec(&item["credited"]),
            dec(&item["balance"]),
            &item["payment_state"]
        ),
        (commission, -commission, &json!("overpaid"))
    );
    // And the period's export for finance: credited, paid and the balance owed back.
    let path = format!("/api/v1/invoices/export?period={}&format=csv", last_month());
    let (status, _, csv) = b.s.app.download(&path, &b.finance.token).await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    let amounts: Vec<Decimal> = rows[0][10..14].iter().map(|c| c.parse().unwrap()).collect();
    assert_eq!(amounts, vec![total, commission, total, -commission]);
}

#[tokio::test]
async fn a_part_payment_says_so_and_a_credit_note_of_the_rest_settles_the_invoice() {
    let b = Billing::new().await;
    let (id, total, _) = issued(&b).await;
    let part = b.pay(id, "1000.00").await;
    assert_eq!(part.status, 201, "{:?}", part.body);
    // T − 1000.00 outstanding, partly paid, still issued.
    assert_eq!(
        (&part.body["status"], &part.body["payment_state"]),
        (&json!("issued"), &json!("partly_paid"))
    );
    assert_eq!(dec(&part.body["outstanding"]), total - Decimal::from(1000));
    // Every line credited (T in all): nothing is owed and 1000.00 is owed back.
    let whole =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{id}/credit-notes"),
                &b.finance.token,
                json!({ "reason": "服务未提供" }),
            )
            .await;
    assert_eq!(whole.status, 201, "{:?}", whole.body);
    assert_eq!(dec(&whole.body["total"]), -total);
    let invoice = b.get(id).await;
    assert_eq!(
        (&invoice["status"], &invoice["payment_state"]),
        (&json!("paid"), &json!("overpaid"))
    );
    assert_eq!(
        owed(&invoice),
        (
            total,
            Decimal::from(1000),
            Decimal::ZERO,
            Decimal::from(-1000)
        )
    );
    // A settled invoice takes no more payments.
    assert_eq!(b.pay(id, "1.00").await.status, 409);
}

#[tokio::test]
async fn a_credit_note_of_the_whole_unpaid_invoice_settles_it() {
    let b = Billing::new().await;
    let (id, total, _) = issued(&b).await;
    let whole =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{id}/credit-notes"),
                &b.finance.token,
                json!({ "reason": "重复开票" }),
            )
            .await;
    assert_eq!(whole.status, 201, "{:?}", whole.body);
    let invoice = b.get(id).await;
    assert_eq!(
        (&invoice["status"], &invoice["payment_state"]),
        (&json!("paid"), &json!("paid"))
    );
    assert_eq!(
        owed(&invoice),
        (total, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO)
    );
    // Settled by its credit note, not voidable: the refusal says why.
    let void =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{id}/void"),
                &b.finance.token,
                json!({ "reason": "重复开票" }),
            )
            .await;
    assert_eq!(void.status, 409);
    assert!(
        void.body["detail"].as_str().unwrap().contains("settled"),
        "{:?}",
        void.body
    );
}
