//! Invoices over HTTP: a month drafted and explained, issued with the next
//! number, never changed after; restated, paid, credited, voided; the
//! monthly close; what-if simulations; numbers without gaps under load.

use chrono::{Datelike, NaiveDate};
use futures_util::future::join_all;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::helpers::{Plan, Session};
use crate::kpi::{Signed, last_month};

pub fn dec(value: &Value) -> Decimal {
    value
        .as_str()
        .unwrap_or_else(|| panic!("{value} is not a decimal string"))
        .parse()
        .unwrap()
}

fn days_in_last_month() -> i64 {
    let plan = Plan::now();
    (plan.third - plan.second).num_days()
}

/// Today's year where the contracts are: the year in the numbers.
fn year() -> i32 {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .year()
}

/// Every day of last month: 600 consultations, sales of 5,000.00, first
/// response 28 s (over 100 sessions), conversion 38 %, DSR 4.9, CSAT 95 %.
fn a_month_of_figures() -> Value {
    let mut rows = Vec::new();
    for n in 0..days_in_last_month() {
        let day = Plan::now().second + chrono::Days::new(n as u64);
        for (metric, numerator, denominator) in [
            ("consultations", 600, None),
            ("cs_sales", 500_000, None),
            ("first_response_time", 2_800_000, Some(100)),
            ("conversion_rate", 38, Some(100)),
            ("dsr_service", 49, Some(10)),
            ("csat", 95, Some(100)),
        ] {
            rows.push(json!({ "metric": metric, "day": day, "numerator": numerator, "denominator": denominator }));
        }
    }
    json!({ "rows": rows })
}

pub struct Billing {
    pub s: Signed,
    pub finance: Session,
    pub manager: Session,
}

impl Billing {
    pub async fn new() -> Billing {
        Billing::new_with(|_| {}).await
    }

    /// The same, on a server whose settings the test adjusts.
    pub async fn new_with(adjust: impl FnOnce(&mut kefu::config::Settings)) -> Billing {
        let s = Signed::new_with(adjust).await;
        let finance = s
            .app
            .user(&s.owner, "finance@shop.cn", "finance", None)
            .await;
        let manager = s
            .app
            .user(&s.owner, "manager@shop.cn", "manager", None)
            .await;
        let fed = s.feed(&s.vendor_key, a_month_of_figures()).await;
        assert_eq!(fed.status, 201, "{:?}", fed.body);
        Billing {
            s,
            finance,
            manager,
        }
    }

    /// A second contract of the same vendor, for a JD shop, left a draft; its id.
    pub async fn second_contract(&self) -> i64 {
        let shop = self
            .s
            .app
            .post(
                "/api/v1/shops",
                &self.s.owner.token,
                json!({ "platform": "jd", "name": "京东店" }),
            )
            .await
            .body["id"]
            .as_i64()
            .unwrap();
        self.s
            .app
            .tmall_contract(&self.s.owner.token, "KF-2026-002", self.s.vendor, shop)
            .await
            .contract
    }

    pub async fn draft(&self) -> Value {
        let reply = self
            .s
            .app
            .post(
                &self.s.path("/invoices"),
                &self.manager.token,
                json!({ "period": last_month() }),
            )
            .await;
        assert_eq!(reply.status, 201, "{:?}", reply.body);
        reply.body
    }

    pub async fn issue(&self, id: i64) -> crate::helpers::Reply {
        self.s
            .app
            .post(
                &format!("/api/v1/invoices/{id}/issue"),
                &self.finance.token,
                json!({}),
            )
            .await
    }

    pub async fn issue_with_key(&self, id: i64, key: &str) -> crate::helpers::Reply {
        self.s
            .app
            .send(
                reqwest::Method::POST,
                &format!("/api/v1/invoices/{id}/issue"),
                &self.finance.token,
                "application/json",
                "{}",
                &[("Idempotency-Key", key)],
            )
            .await
    }

    pub async fn pay(&self, id: i64, amount: &str) -> crate::helpers::Reply {
        let body = json!({ "paid_on": Plan::now().third, "amount": amount, "reference": "招商银行 2026-0001" });
        self.s
            .app
            .post(
                &format!("/api/v1/invoices/{id}/payments"),
                &self.finance.token,
                body,
            )
            .await
    }

    pub async fn credit(&self, id: i64, lines: Value) -> crate::helpers::Reply {
        let body = json!({ "reason": "提成按协议减免", "line_numbers": lines });
        self.s
            .app
            .post(
                &format!("/api/v1/invoices/{id}/credit-notes"),
                &self.finance.token,
                body,
            )
            .await
    }

    pub async fn get(&self, id: i64) -> Value {
        let reply = self
            .s
            .app
            .get(&format!("/api/v1/invoices/{id}"), &self.finance.token)
            .await;
        assert_eq!(reply.status, 200, "{:?}", reply.body);
        reply.body
    }
}

fn amounts(invoice: &Value) -> Vec<(String, Decimal)> {
    invoice["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["kind"].as_str().unwrap().to_owned(), dec(&l["amount"])))
        .collect()
}

#[tokio::test]
async fn a_month_is_drafted_with_every_line_explained_and_issued_once_with_the_next_number() {
    let b = Billing::new().await;
    let d = Decimal::from(days_in_last_month());
    let draft = b.draft().await;
    // Phase 2 (10 seats) covers last month: 10 × 6000.00 = 60000.00.
    // 600 consultations a day, all in the first tier: 600 × D × 1.20 = 720 × D.
    // Commission 2 % of 5000.00 a day = 100 × D.
    // Conversion 38 % misses 40 %, reaching the first band (40, 5 %) but not the
    // second (35): 5 % of the seat and unit fees = 0.05 × (60000 + 720 × D).
    // DSR 4.9 (from day 15, after the grace days) reaches the 4.9 bonus band,
    // CSAT 95 % ≥ 90 %: bonus 5000.00. First response 28 s meets 30 s.
    let units = Decimal::from(720) * d;
    let commission = Decimal::from(100) * d;
    let penalty = (Decimal::from(60000) + units) * Decimal::new(5, 2);
    assert_eq!(
        amounts(&draft),
        vec![
            ("charge".to_owned(), Decimal::from(60000)),
            ("charge".to_owned(), units),
            ("charge".to_owned(), commission),
            ("penalty".to_owned(), -penalty),
            ("bonus".to_owned(), Decimal::from(5000)),
        ]
    );
    // Subtotal 62000 + 784 × D; 6 % tax on it, rounded once.
    let subtotal = Decimal::from(62000) + Decimal::from(784) * d;
    let tax = subtotal * Decimal::new(6, 2);
    assert_eq!(
        (dec(&draft["subtotal"]), dec(&draft["tax"])),
        (subtotal, tax)
    );
    assert_eq!(dec(&draft["total"]), subtotal + tax);
    let explained = &draft["lines"][3]["explanation"];
    assert_eq!(
        (
            &explained["metric"],
            &explained["target"],
            &explained["actual"],
            &explained["band"],
            &explained["rate"]
        ),
        (
            &json!("conversion_rate"),
            &json!("40"),
            &json!("38"),
            &json!(1),
            &json!("5")
        )
    );
    assert_eq!(dec(&explained["base"]), Decimal::from(60000) + units);
    assert!(
        explained["formula"].as_str().unwrap().contains("band 1"),
        "{explained}"
    );
    let warnings: Vec<&str> = draft["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(warnings, ["report_not_accepted"]);
    assert_eq!(
        (&draft["status"], &draft["number"]),
        (&json!("draft"), &Value::Null)
    );

    // One invoice per contract and month.
    let again =
        b.s.app
            .post(
                &b.s.path("/invoices"),
                &b.manager.token,
                json!({ "period": last_month() }),
            )
            .await;
    assert_eq!(again.status, 409, "{:?}", again.body);

    // Managers draft; finance issues.
    let id = draft["id"].as_i64().unwrap();
    let by_manager =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{id}/issue"),
                &b.manager.token,
                json!({}),
            )
            .await;
    assert_eq!(by_manager.status, 403);
    let issued = b.issue_with_key(id, "issue-october").await;
    assert_eq!(issued.status, 200, "{:?}", issued.body);
    let number = format!("INV-{}-000001", year());
    assert_eq!(
        (&issued.body["status"], &issued.body["number"]),
        (&json!("issued"), &json!(number))
    );
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    assert_eq!(issued.body["issued_on"], json!(today));
    assert_eq!(issued.body["due_on"], json!(today + chrono::Days::new(30)));
    // The same request again replays the answer; without the key it is refused.
    let replayed = b.issue_with_key(id, "issue-october").await;
    assert_eq!(
        (replayed.status, &replayed.body["number"]),
        (200, &json!(number))
    );
    assert_eq!(
        replayed
            .headers
            .get("idempotent-replayed")
            .map(|v| v.to_str().unwrap()),
        Some("true")
    );
    assert_eq!(b.issue(id).await.status, 409);

    // The vendor sees its invoice.
    let seen =
        b.s.app
            .get(&format!("/api/v1/invoices/{id}"), &b.s.vendor_key)
            .await;
    assert_eq!((seen.status, &seen.body["number"]), (200, &json!(number)));

    // A late correction: conversion on day 1 was 100 %. The issued invoice
    // does not change; it says its inputs changed.
    let corrected = b
        .s
        .feed(
            &b.s.vendor_key,
            json!({ "rows": [{ "metric": "conversion_rate", "day": Plan::now().second, "numerator": 100, "denominator": 100 }] }),
        )
        .await;
    assert_eq!(corrected.status, 201);
    let now = b.get(id).await;
    assert_eq!(now["inputs_changed"], true);
    assert_eq!(amounts(&now), amounts(&draft));
    assert_eq!(now["total"], draft["total"]);
    let recompute =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{id}/recompute"),
                &b.manager.token,
                json!({}),
            )
            .await;
    assert_eq!(recompute.status, 409);

    // Restated: conversion is now (38 × D + 62) / 100 D ≥ 40 %, so the penalty
    // goes: the difference is +penalty, and 6 % tax on it.
    let offer =
        b.s.app
            .get(
                &format!("/api/v1/invoices/{id}/restatement"),
                &b.finance.token,
            )
            .await;
    assert_eq!(offer.status, 200, "{:?}", offer.body);
    assert_eq!(offer.body["settlement"], "adjustment_invoice");
    let difference = penalty * Decimal::new(106, 2);
    assert_eq!(dec(&offer.body["difference"]["total"]), difference);
    let restated =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{id}/restatement"),
                &b.finance.token,
                json!({ "reason": "商家确认首日转化数据有误" }),
            )
            .await;
    assert_eq!(restated.status, 201, "{:?}", restated.body);
    let adjustment = &restated.body["adjustment"];
    assert_eq!(
        (&adjustment["kind"], &adjustment["adjusts"]),
        (&json!("adjustment"), &json!(id))
    );
    assert_eq!(dec(&adjustment["total"]), difference);
    let adjustment_id = adjustment["id"].as_i64().unwrap();
    let second = b.issue(adjustment_id).await;
    assert_eq!(
        second.body["number"],
        json!(format!("INV-{}-000002", year()))
    );
    // Nothing is left to restate.
    let settled =
        b.s.app
            .get(
                &format!("/api/v1/invoices/{id}/restatement"),
                &b.finance.token,
            )
            .await;
    assert_eq!(
        (&settled.body["settlement"], &settled.body["inputs_changed"]),
        (&json!("none"), &json!(false))
    );
}

#[tokio::test]
async fn payments_add_up_and_credit_notes_take_their_own_numbers() {
    let b = Billing::new().await;
    let draft = b.draft().await;
    let id = draft["id"].as_i64().unwrap();
    // Not payable before issue.
    assert_eq!(b.pay(id, "1000.00").await.status, 409);
    assert_eq!(b.issue(id).await.status, 200);
    let total = dec(&draft["total"]);
    let first = b.pay(id, "1000.00").await;
    assert_eq!(first.status, 201, "{:?}", first.body);
    assert_eq!(
        (&first.body["status"], dec(&first.body["outstanding"])),
        (&json!("issued"), total - Decimal::from(1000))
    );
    // More than is outstanding, or finer than a fen, is refused and changes nothing.
    let too_much = b.pay(id, &(total).to_string()).await;
    assert_eq!(
        (too_much.status, too_much.error_fields()),
        (422, vec!["amount".to_owned()])
    );
    assert_eq!(b.pay(id, "0.001").await.status, 422);
    let rest = b.pay(id, &(total - Decimal::from(1000)).to_string()).await;
    assert_eq!(rest.status, 201, "{:?}", rest.body);
    assert_eq!(
        (&rest.body["status"], dec(&rest.body["paid"])),
        (&json!("paid"), total)
    );
    assert_eq!(rest.body["payments"].as_array().unwrap().len(), 2);
    // A paid invoice is not voided: it is credited.
    let void =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{id}/void"),
                &b.finance.token,
                json!({ "reason": "重复开票" }),
            )
            .await;
    assert_eq!(void.status, 409);
    // The commission line, printed as 序号 3: 100 × D, and 6 % tax on it.
    let d = Decimal::from(days_in_last_month());
    let note = b.credit(id, json!([3])).await;
    assert_eq!(note.status, 201, "{:?}", note.body);
    assert_eq!(note.body["credited_line_numbers"], json!([3]));
    assert_eq!(note.body["lines"][0]["label"], draft["lines"][2]["label"]);
    assert_eq!(draft["lines"][2]["kind"], "charge");
    assert_eq!(draft["lines"][2]["charge_kind"], "commission");
    assert_eq!(note.body["number"], json!(format!("CN-{}-000001", year())));
    assert_eq!(
        dec(&note.body["total"]),
        -(Decimal::from(100) * d * Decimal::new(106, 2))
    );
    let twice = b.credit(id, json!([3])).await;
    assert_eq!(
        (twice.status, twice.error_fields()),
        (422, vec!["line_numbers[0]".to_owned()])
    );
    // A penalty alone would be given back, raising what is owed: not a credit note.
    let penalty = draft["lines"]
        .as_array()
        .unwrap()
        .iter()
        .position(|l| l["kind"] == "penalty")
        .expect("the month has a penalty")
        + 1;
    let raising = b.credit(id, json!([penalty])).await;
    assert_eq!(
        (raising.status, raising.error_fields()),
        (422, vec!["line_numbers".to_owned()]),
        "{:?}",
        raising.body
    );
    // There is no line 0, nor one past the last.
    let lines = draft["lines"].as_array().unwrap().len();
    let outside = b.credit(id, json!([0, lines + 1])).await;
    assert_eq!(
        (outside.status, outside.error_fields()),
        (
            422,
            vec!["line_numbers[0]".to_owned(), "line_numbers[1]".to_owned()]
        )
    );
    let listed = b.get(id).await;
    assert_eq!(listed["credit_notes"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_voided_invoice_keeps_its_number_and_the_month_can_be_drafted_again() {
    let b = Billing::new().await;
    let id = b.draft().await["id"].as_i64().unwrap();
    assert_eq!(b.issue(id).await.status, 200);
    let no_reason =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{id}/void"),
                &b.finance.token,
                json!({ "reason": " " }),
            )
            .await;
    assert_eq!(
        (no_reason.status, no_reason.error_fields()),
        (422, vec!["reason".to_owned()])
    );
    let void =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{id}/void"),
                &b.finance.token,
                json!({ "reason": "开票主体有误" }),
            )
            .await;
    assert_eq!(void.status, 200, "{:?}", void.body);
    assert_eq!(
        (
            &void.body["status"],
            &void.body["number"],
            &void.body["void_reason"]
        ),
        (
            &json!("void"),
            &json!(format!("INV-{}-000001", year())),
            &json!("开票主体有误")
        )
    );
    let redrafted = b.draft().await["id"].as_i64().unwrap();
    let reissued = b.issue(redrafted).await;
    assert_eq!(
        reissued.body["number"],
        json!(format!("INV-{}-000002", year()))
    );
}

#[tokio::test]
async fn figures_under_dispute_need_an_override_with_a_reason_to_issue() {
    let b = Billing::new().await;
    let period = last_month();
    let report = b.s.path(&format!("/reports/{period}"));
    assert_eq!(
        b.s.app
            .put(&report, &b.s.vendor_key, crate::routes::report())
            .await
            .status,
        200
    );
    let submitted =
        b.s.app
            .post(&format!("{report}/submit"), &b.s.vendor_key, json!({}))
            .await;
    assert_eq!(submitted.status, 200, "{:?}", submitted.body);
    let disputed = b
        .s
        .app
        .post(
            &format!("{report}/dispute"),
            &b.s.owner.token,
            json!({ "comments": [{ "metric": "conversion_rate", "comment": "与生意参谋数据不符" }] }),
        )
        .await;
    assert_eq!(disputed.status, 200, "{:?}", disputed.body);
    let draft = b.draft().await;
    assert_eq!(draft["under_dispute"], true);
    let id = draft["id"].as_i64().unwrap();
    let refused = b.issue(id).await;
    assert_eq!(refused.status, 409, "{:?}", refused.body);
    assert!(refused.body["detail"].as_str().unwrap().contains("dispute"));
    let overridden =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{id}/issue"),
                &b.finance.token,
                json!({ "dispute_override": "争议金额不超过五百元，先行开票" }),
            )
            .await;
    assert_eq!(overridden.status, 200, "{:?}", overridden.body);
    assert_eq!(
        overridden.body["dispute_override"],
        "争议金额不超过五百元，先行开票"
    );
}

#[tokio::test]
async fn a_close_drafts_every_signed_contract_once() {
    let b = Billing::new().await;
    // A second contract, left a draft: it does not bill.
    b.second_contract().await;
    let close = || {
        b.s.app.post(
            "/api/v1/billing/close",
            &b.finance.token,
            json!({ "period": last_month() }),
        )
    };
    let first = close().await;
    assert_eq!(first.status, 200, "{:?}", first.body);
    assert_eq!(
        (
            &first.body["contracts"],
            &first.body["created"],
            &first.body["already_invoiced"]
        ),
        (&json!(1), &json!(1), &json!(0))
    );
    let second = close().await;
    assert_eq!(
        (&second.body["created"], &second.body["already_invoiced"]),
        (&json!(0), &json!(1))
    );
    let listed =
        b.s.app
            .get(
                &format!("/api/v1/invoices?period={}", last_month()),
                &b.finance.token,
            )
            .await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        listed.body["items"][0]["total"],
        first.body["totals"][0]["total"]
    );
    // Vendors do not close months.
    let by_vendor =
        b.s.app
            .post(
                "/api/v1/billing/close",
                &b.s.vendor_key,
                json!({ "period": last_month() }),
            )
            .await;
    assert_eq!(by_vendor.status, 403);
}

#[tokio::test]
async fn a_simulation_prices_hypothetical_figures_and_stores_nothing() {
    let b = Billing::new().await;
    // Conversion 30 % reaches the third band: 20 % of (60000 + 720 × D).
    let d = Decimal::from(days_in_last_month());
    let reply = b
        .s
        .app
        .post(
            &b.s.path("/simulate"),
            &b.s.vendor_key,
            json!({ "period": last_month(), "figures": [{ "metric": "conversion_rate", "numerator": 30, "denominator": 100 }] }),
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.body);
    assert_eq!(reply.body["hypothetical"], json!(["conversion_rate"]));
    let penalty = &reply.body["draft"]["lines"][3];
    assert_eq!(penalty["explanation"]["band"], 3);
    assert_eq!(
        dec(&penalty["amount"]),
        -((Decimal::from(60000) + Decimal::from(720) * d) * Decimal::new(20, 2))
    );
    let bad = b
        .s
        .app
        .post(
            &b.s.path("/simulate"),
            &b.s.owner.token,
            json!({ "period": last_month(), "figures": [{ "metric": "conversion_rate", "numerator": 130, "denominator": 100 }] }),
        )
        .await;
    assert_eq!(
        (bad.status, bad.error_fields()),
        (422, vec!["figures[0].numerator".to_owned()])
    );
    let listed = b.s.app.get("/api/v1/invoices", &b.finance.token).await;
    assert_eq!(listed.body["items"], json!([]));
}

#[tokio::test]
async fn concurrent_issues_take_consecutive_numbers_and_one_invoice_is_issued_once() {
    let b = Billing::new().await;
    // Three more signed contracts: twelve invoices over three months.
    for n in 2..=4 {
        let shop =
            b.s.app
                .post(
                    "/api/v1/shops",
                    &b.s.owner.token,
                    json!({ "platform": "tmall", "name": format!("分店{n}") }),
                )
                .await
                .body["id"]
                .as_i64()
                .unwrap();
        let ids =
            b.s.app
                .tmall_contract(
                    &b.s.owner.token,
                    &format!("KF-2026-00{n}"),
                    b.s.vendor,
                    shop,
                )
                .await;
        let activated =
            b.s.app
                .post(
                    &format!("/api/v1/contracts/{}/activate", ids.contract),
                    &b.s.owner.token,
                    json!({}),
                )
                .await;
        assert_eq!(activated.status, 200, "{:?}", activated.body);
    }
    let plan = Plan::now();
    let periods: Vec<String> = [plan.start, plan.second, plan.third]
        .iter()
        .map(|d: &NaiveDate| d.format("%Y-%m").to_string())
        .collect();
    for period in &periods {
        let closed =
            b.s.app
                .post(
                    "/api/v1/billing/close",
                    &b.finance.token,
                    json!({ "period": period }),
                )
                .await;
        assert_eq!(closed.body["created"], 4, "{:?}", closed.body);
    }
    let ids: Vec<i64> = b.s.app.get("/api/v1/invoices", &b.finance.token).await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 12);
    // The first invoice, issued twice at once: once.
    let twice = join_all([b.issue(ids[0]), b.issue(ids[0])]).await;
    let mut statuses: Vec<u16> = twice.iter().map(|r| r.status).collect();
    statuses.sort();
    assert_eq!(
        statuses,
        [200, 409],
        "{:?}",
        twice.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    // The other eleven at once.
    let rest = join_all(ids[1..].iter().map(|id| b.issue(*id))).await;
    for reply in &rest {
        assert_eq!(reply.status, 200, "{:?}", reply.body);
    }
    let mut numbers: Vec<String> = twice
        .iter()
        .chain(&rest)
        .filter(|r| r.status == 200)
        .map(|r| r.body["number"].as_str().unwrap().to_owned())
        .collect();
    numbers.sort();
    let expected: Vec<String> = (1..=12).map(|n| format!("INV-{}-{n:06}", year())).collect();
    assert_eq!(numbers, expected);
}

#[tokio::test]
async fn excluded_days_leave_the_sla_figures_but_still_bill_their_volume() {
    let b = Billing::new().await;
    let first = Plan::now().second;
    let third = first + chrono::Days::new(2);
    // A platform outage on days 1–3: conversion fell to 0 % on them.
    let outage: Vec<Value> = (0..3)
        .map(|n| json!({ "metric": "conversion_rate", "day": first + chrono::Days::new(n), "numerator": 0, "denominator": 100 }))
        .collect();
    assert_eq!(
        b.s.feed(&b.s.vendor_key, json!({ "rows": outage }))
            .await
            .status,
        201
    );
    let d = Decimal::from(days_in_last_month());
    let base = Decimal::from(60000) + Decimal::from(720) * d;
    // Counted, the outage drags conversion to 38 × (D − 3) / D % < 35 %: the second band, 10 %.
    let counted = b.draft().await;
    let id = counted["id"].as_i64().unwrap();
    assert_eq!(
        dec(&counted["lines"][3]["amount"]),
        -(base * Decimal::new(10, 2))
    );
    // Excluded, the month is 38 % on the other days: the first band, 5 %. The
    // consultations of the outage days are still billed (720 × D).
    let window =
        json!({ "from": first, "to": third, "category": "platform_outage", "note": "平台宕机" });
    let excluded =
        b.s.app
            .post(&b.s.path("/exclusions"), &b.s.owner.token, window)
            .await;
    assert_eq!(excluded.status, 201, "{:?}", excluded.body);
    let recomputed =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{id}/recompute"),
                &b.manager.token,
                json!({}),
            )
            .await;
    assert_eq!(recomputed.status, 200, "{:?}", recomputed.body);
    let lines = &recomputed.body["lines"];
    assert_eq!(dec(&lines[1]["amount"]), Decimal::from(720) * d);
    assert_eq!(dec(&lines[3]["amount"]), -(base * Decimal::new(5, 2)));
    assert_eq!(lines[3]["explanation"]["actual"], "38");
    assert_eq!(
        lines[3]["explanation"]["sample"],
        json!(100 * (days_in_last_month() - 3))
    );
}

#[tokio::test]
async fn a_restatement_that_lowers_an_issued_invoice_is_settled_by_a_credit_note() {
    let b = Billing::new().await;
    let id = b.draft().await["id"].as_i64().unwrap();
    assert_eq!(b.issue(id).await.status, 200);
    // The merchant's platform data arrives late and prevails: conversion 30 %
    // every day, the third band (20 %) instead of the first (5 %).
    let rows: Vec<Value> = (0..days_in_last_month())
        .map(|n| {
            let day = Plan::now().second + chrono::Days::new(n as u64);
            json!({ "metric": "conversion_rate", "day": day, "numerator": 30, "denominator": 100 })
        })
        .collect();
    let fed = b.s.feed(&b.s.owner.token, json!({ "rows": rows })).await;
    assert_eq!(fed.status, 201, "{:?}", fed.body);
    let d = Decimal::from(days_in_last_month());
    let base = Decimal::from(60000) + Decimal::from(720) * d;
    // 15 % more of the base is deducted, and 6 % tax on it.
    let difference = -(base * Decimal::new(15, 2) * Decimal::new(106, 2));
    let restated =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{id}/restatement"),
                &b.finance.token,
                json!({ "reason": "以平台数据为准" }),
            )
            .await;
    assert_eq!(restated.status, 201, "{:?}", restated.body);
    assert_eq!(restated.body["settlement"], "credit_note");
    let note = &restated.body["credit_note"];
    assert_eq!(note["number"], json!(format!("CN-{}-000001", year())));
    assert_eq!(dec(&note["total"]), difference);
    // The invoice itself is as it was issued, and lists the credit note.
    let invoice = b.get(id).await;
    assert_eq!(invoice["status"], "issued");
    assert_eq!(invoice["credit_notes"][0]["number"], note["number"]);
    assert_eq!(invoice["inputs_changed"], false);
}

#[tokio::test]
async fn a_key_refused_with_its_request_is_free_for_the_corrected_one() {
    let b = Billing::new().await;
    let id = b.draft().await["id"].as_i64().unwrap();
    let path = format!("/api/v1/invoices/{id}/issue");
    let issue = |body: &'static str| {
        b.s.app.send(
            reqwest::Method::POST,
            &path,
            &b.finance.token,
            "application/json",
            body,
            &[("Idempotency-Key", "issue-october")],
        )
    };
    // Invalid: a field the route does not take (422).
    let invalid = issue(r#"{"number": "INV-1"}"#).await;
    assert_eq!(invalid.status, 422, "{:?}", invalid.body);
    // In conflict: a void invoice is not issued (409) ...
    let voided =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{id}/void"),
                &b.finance.token,
                json!({ "reason": "重新计算" }),
            )
            .await;
    assert_eq!(voided.status, 200, "{:?}", voided.body);
    let conflict = issue("{}").await;
    assert_eq!(conflict.status, 409, "{:?}", conflict.body);
    // ... and the month drafted again is issued under the same key.
    let redrafted = b.draft().await["id"].as_i64().unwrap();
    let corrected =
        b.s.app
            .send(
                reqwest::Method::POST,
                &format!("/api/v1/invoices/{redrafted}/issue"),
                &b.finance.token,
                "application/json",
                "{}",
                &[("Idempotency-Key", "issue-october")],
            )
            .await;
    assert_eq!(corrected.status, 200, "{:?}", corrected.body);
    assert_eq!(corrected.body["status"], "issued");
    // From then on the key replays that answer.
    let replayed = b.issue_with_key(redrafted, "issue-october").await;
    assert_eq!(replayed.headers["idempotent-replayed"], "true");
}
