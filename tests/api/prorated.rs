//! Months that do not divide evenly: seats that change mid-month because a
//! handover phase begins, and a contract that starts mid-month, in July (31
//! days). Every amount kefu writes it must read back: the draft, the list,
//! the issued invoice, its PDF and its restatement.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::helpers::{CREDIT_CODES, Session, TestApp};
use crate::invoices::dec;

const PERIOD: &str = "2026-07";

/// A signed contract for July 2026 onwards with a seat charge of 5500.00 per
/// seat-month and the given phases `(start, end, seats)`.
async fn seat_contract(
    app: &TestApp,
    owner: &Session,
    start: &str,
    phases: &[(&str, &str, u32)],
) -> i64 {
    let contract = seat_contract_draft(app, owner, start, phases).await;
    activate(app, owner, contract).await;
    contract
}

pub async fn activate(app: &TestApp, owner: &Session, contract: i64) {
    let activated = app
        .post(
            &format!("/api/v1/contracts/{contract}/activate"),
            &owner.token,
            json!({}),
        )
        .await;
    assert_eq!(activated.status, 200, "{:?}", activated.body);
}

/// The same contract, left a draft for more terms.
pub async fn seat_contract_draft(
    app: &TestApp,
    owner: &Session,
    start: &str,
    phases: &[(&str, &str, u32)],
) -> i64 {
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    let shop = app
        .post(
            "/api/v1/shops",
            &owner.token,
            json!({ "platform": "tmall", "name": "某某旗舰店" }),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let created = app
        .post(
            "/api/v1/contracts",
            &owner.token,
            json!({
                "number": "KF-2026-031", "title": "座席外包合同", "vendor_id": vendor, "shop_ids": [shop],
                "start": start, "end": "2027-06-30",
                "commercial": { "payment": { "net_days": 30, "method": "bank_transfer" }, "tax_rate": "6",
                                "scope": { "channels": ["online_chat"], "lines": ["after_sale"], "hours": [] } }
            }),
        )
        .await;
    assert_eq!(created.status, 201, "{:?}", created.body);
    let contract = created.body["id"].as_i64().unwrap();
    for (i, (from, to, seats)) in phases.iter().enumerate() {
        let phase = app
            .post(
                &format!("/api/v1/contracts/{contract}/phases"),
                &owner.token,
                json!({ "name": format!("第{}阶段", i + 1), "start": from, "end": to,
                        "channels": ["online_chat"], "inquiry_share": "100", "seats": seats }),
            )
            .await;
        assert_eq!(phase.status, 201, "{:?}", phase.body);
    }
    let charge = app
        .post(
            &format!("/api/v1/contracts/{contract}/charges"),
            &owner.token,
            json!({ "kind": "seat_monthly", "name": "座席费", "rate": "5500.00" }),
        )
        .await;
    assert_eq!(charge.status, 201, "{:?}", charge.body);
    contract
}

fn amounts(invoice: &Value) -> Vec<Decimal> {
    invoice["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| dec(&l["amount"]))
        .collect()
}

/// Drafts July, then reads it back every way finance does: the list, the
/// invoice, issue, its PDF, the restatement on offer. Returns the issued invoice.
async fn draft_and_read_back(app: &TestApp, owner: &Session, contract: i64) -> Value {
    let drafted = app
        .post(
            &format!("/api/v1/contracts/{contract}/invoices"),
            &owner.token,
            json!({ "period": PERIOD }),
        )
        .await;
    assert_eq!(drafted.status, 201, "{:?}", drafted.body);
    let id = drafted.body["id"].as_i64().unwrap();
    let listed = app
        .get(&format!("/api/v1/invoices?period={PERIOD}"), &owner.token)
        .await;
    assert_eq!(listed.status, 200, "{:?}", listed.body);
    assert_eq!(listed.body["items"][0]["total"], drafted.body["total"]);
    let issued = app
        .post(
            &format!("/api/v1/invoices/{id}/issue"),
            &owner.token,
            json!({}),
        )
        .await;
    assert_eq!(issued.status, 200, "{:?}", issued.body);
    assert_eq!(amounts(&issued.body), amounts(&drafted.body));
    let (status, content_type, pdf) = app
        .download(&format!("/api/v1/invoices/{id}.pdf"), &owner.token)
        .await;
    assert_eq!((status, content_type.as_str()), (200, "application/pdf"));
    assert!(pdf.starts_with(b"%PDF"));
    let restatement = app
        .get(&format!("/api/v1/invoices/{id}/restatement"), &owner.token)
        .await;
    assert_eq!(restatement.status, 200, "{:?}", restatement.body);
    let again = app
        .get(&format!("/api/v1/invoices/{id}"), &owner.token)
        .await;
    assert_eq!(again.status, 200, "{:?}", again.body);
    again.body
}

#[tokio::test]
async fn seats_that_change_when_a_phase_begins_mid_month_bill_each_part_to_the_fen() {
    let app = crate::helpers::spawn_app().await;
    let owner = app.signup("天猫旗舰店", "owner@shop.cn").await;
    // 4 seats from 1 to 13 July, 9 from 14 July.
    let contract = seat_contract(
        &app,
        &owner,
        "2026-07-01",
        &[
            ("2026-07-01", "2026-07-14", 4),
            ("2026-07-14", "2027-07-01", 9),
        ],
    )
    .await;
    let invoice = draft_and_read_back(&app, &owner, contract).await;
    // 4 × 5500.00 × 13/31 = 286000/31 = 9225.806451… → 9225.81
    // 9 × 5500.00 × 18/31 = 891000/31 = 28741.935483… → 28741.94
    // subtotal 37967.75, 6 % tax 2278.065 → 2278.07, total 40245.82.
    assert_eq!(
        amounts(&invoice),
        vec![dec(&json!("9225.81")), dec(&json!("28741.94"))]
    );
    assert_eq!(dec(&invoice["total"]), dec(&json!("40245.82")));
    // The exact amount before rounding is kept in full, as it was computed.
    let exact = dec(&invoice["lines"][0]["explanation"]["exact"]);
    assert_eq!(exact, Decimal::from(286000) / Decimal::from(31));
    assert!(exact.scale() > 6, "{exact}");
}

#[tokio::test]
async fn a_contract_that_starts_mid_month_bills_its_days_to_the_fen() {
    let app = crate::helpers::spawn_app().await;
    let owner = app.signup("天猫旗舰店", "owner@shop.cn").await;
    // From 10 July: 22 of 31 days, 5 seats.
    let contract = seat_contract(
        &app,
        &owner,
        "2026-07-10",
        &[("2026-07-10", "2027-07-01", 5)],
    )
    .await;
    let invoice = draft_and_read_back(&app, &owner, contract).await;
    // 5 × 5500.00 × 22/31 = 605000/31 = 19516.129032… → 19516.13
    // 6 % tax 1170.9678 → 1170.97, total 20687.10.
    assert_eq!(amounts(&invoice), vec![dec(&json!("19516.13"))]);
    assert_eq!(dec(&invoice["total"]), dec(&json!("20687.10")));
}
