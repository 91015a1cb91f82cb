//! A contract's life in the browser: signing and amendments, what a draft or
//! an amendment would have billed (against a hand-worked month), the versions
//! side by side, the audit trail and the handover with its gates — over plain
//! HTTP for each form's rules, and as the merchant's journey in a real browser.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::Visit;
use super::browser::Browser;
use crate::helpers::{CREDIT_CODES, ContractIds, PASSWORD, Plan, Session, TestApp};
use crate::invoices::dec;
use crate::kpi::last_month;

/// A merchant with a vendor, a signed contract with last month's figures
/// (KF-2026-001), and a second contract with the same vendor left a draft
/// (KF-2026-002), whose second phase's gate asks for a 40 % conversion.
struct Life {
    app: TestApp,
    owner: Session,
    manager: Session,
    vendor: i64,
    vendor_key: String,
    signed: i64,
    draft: ContractIds,
}

impl Life {
    async fn new() -> Life {
        let app = crate::helpers::spawn_app().await;
        let owner = app.signup("天猫旗舰店", "owner@shop.cn").await;
        let manager = app.user(&owner, "manager@shop.cn", "manager", None).await;
        let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
        let shop = |name: &'static str| {
            let app = &app;
            let token = owner.token.clone();
            async move {
                app.post(
                    "/api/v1/shops",
                    &token,
                    json!({ "platform": "tmall", "name": name }),
                )
                .await
                .body["id"]
                    .as_i64()
                    .unwrap()
            }
        };
        let first = app
            .tmall_contract(
                &owner.token,
                "KF-2026-001",
                vendor,
                shop("某某旗舰店").await,
            )
            .await
            .contract;
        let draft = app
            .tmall_contract(
                &owner.token,
                "KF-2026-002",
                vendor,
                shop("某某专卖店").await,
            )
            .await;
        let plan = Plan::now();
        let gate = app
            .call(
                reqwest::Method::PUT,
                &format!(
                    "/api/v1/contracts/{}/phases/{}",
                    draft.contract, draft.phases[1]
                ),
                Some(&owner.token),
                Some(&json!({
                    "name": "扩大", "start": plan.second, "end": plan.third, "channels": ["online_chat"],
                    "inquiry_share": "70", "seats": 10,
                    "exit_criteria": [{ "metric": "conversion_rate", "threshold": "40" }]
                })),
            )
            .await;
        assert_eq!(gate.status, 200, "{:?}", gate.body);
        let activated = app
            .post(
                &format!("/api/v1/contracts/{first}/activate"),
                &owner.token,
                json!({}),
            )
            .await;
        assert_eq!(activated.status, 200, "{:?}", activated.body);
        let scopes = json!(["send_kpi", "read_contracts"]);
        let (_, vendor_key) = app
            .api_key_with(
                &owner.token,
                vendor,
                json!({ "name": "vendor system", "scopes": scopes }),
            )
            .await;
        let life = Life {
            app,
            owner,
            manager,
            vendor,
            vendor_key,
            signed: first,
            draft,
        };
        life.feed(first).await;
        life
    }

    /// Last month's figures for a contract, day by day: 1,000 consultations,
    /// sales of 5,000.00, first response 28 s, conversion 38 %, DSR 4.9, CSAT 95 %.
    async fn feed(&self, contract: i64) {
        let plan = Plan::now();
        let mut rows = Vec::new();
        let mut day = plan.second;
        while day < plan.third {
            for (metric, numerator, denominator) in [
                ("consultations", 1_000, None),
                ("cs_sales", 500_000, None),
                ("first_response_time", 2_800_000, Some(100)),
                ("conversion_rate", 38, Some(100)),
                ("dsr_service", 49, Some(10)),
                ("csat", 95, Some(100)),
            ] {
                rows.push(json!({ "metric": metric, "day": day, "numerator": numerator, "denominator": denominator }));
            }
            day = day.succ_opt().unwrap();
        }
        let fed = self
            .app
            .post(
                &format!("/api/v1/contracts/{contract}/kpi"),
                &self.vendor_key,
                json!({ "rows": rows }),
            )
            .await;
        assert_eq!(fed.status, 201, "{:?}", fed.body);
    }

    fn draft_path(&self, rest: &str) -> String {
        format!("/api/v1/contracts/{}{rest}", self.draft.contract)
    }

    async fn activate_draft(&self) {
        let activated = self
            .app
            .post(&self.draft_path("/activate"), &self.owner.token, json!({}))
            .await;
        assert_eq!(activated.status, 200, "{:?}", activated.body);
    }

    /// Opens an amendment of the second contract from next month; its version.
    async fn amend(&self) -> i64 {
        let next_month = Plan::now()
            .third
            .checked_add_months(chrono::Months::new(1))
            .unwrap();
        let opened = self
            .app
            .post(
                &self.draft_path("/amendments"),
                &self.owner.token,
                json!({ "effective_from": next_month, "reason": "座席单价上调" }),
            )
            .await;
        assert_eq!(opened.status, 201, "{:?}", opened.body);
        opened.body["version"].as_i64().unwrap()
    }

    /// Raises the seat rate of the terms being written to 6,500.00.
    async fn raise_the_seat_rate(&self) {
        let reply = self
            .app
            .call(
                reqwest::Method::PUT,
                &self.draft_path(&format!("/charges/{}", self.draft.seat_charge)),
                Some(&self.owner.token),
                Some(&json!({ "kind": "seat_monthly", "name": "座席费", "rate": "6500.00" })),
            )
            .await;
        assert_eq!(reply.status, 200, "{:?}", reply.body);
    }

    async fn visit(&self, email: &str) -> Visit {
        let mut visit = Visit::new(&self.app);
        let signed_in = visit.sign_in(email, PASSWORD).await;
        assert_eq!(signed_in.status, 303, "{}", signed_in.body);
        visit
    }

    fn page(&self, rest: &str) -> String {
        format!("/contracts/{}{rest}", self.draft.contract)
    }
}

/// Last month's figures typed in, every one the terms bill or judge on:
/// 30,000 consultations, sales of 150,000.00, first response 35 s over 1,000
/// sessions, conversion 45 %, DSR 4.75.
fn typed_month() -> Value {
    json!([{ "period": last_month(), "figures": [
        { "metric": "consultations", "numerator": 30_000 },
        { "metric": "cs_sales", "numerator": 15_000_000 },
        { "metric": "first_response_time", "numerator": 35_000_000, "denominator": 1_000 },
        { "metric": "conversion_rate", "numerator": 450, "denominator": 1_000 },
        { "metric": "dsr_service", "numerator": 475, "denominator": 100 }
    ]}])
}

fn month<'a>(answer: &'a Value, period: &str) -> &'a Value {
    answer["months"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["period"] == period)
        .unwrap_or_else(|| panic!("{period} not in {answer}"))
}

/// The hand-worked month, on the draft's terms (the month is the draft's
/// second phase, 扩大, 10 seats):
///   seats        10 × 6,000.00                              = 60,000.00
///   consultations graduated: 20,000 × 1.20 + 10,000 × 1.00   = 34,000.00
///   commission   2 % × 150,000.00                            =  3,000.00
///   first response 35 s against 30 s: 5 steps × 200.00       = −1,000.00
///   conversion 45 % (target 40 %), DSR 4.75 (target 4.7, no bonus below 4.8): nothing
///   subtotal 96,000.00; VAT 6 % 5,760.00; total               = 101,760.00
/// With the seat rate amended to 6,500.00 the seats come to 65,000.00: subtotal
/// 101,000.00, VAT 6,060.00, total 107,060.00 — 5,300.00 more.
#[tokio::test]
async fn what_a_draft_and_then_an_amendment_would_have_billed_is_the_hand_worked_month() {
    let life = Life::new().await;
    let body = json!({ "last": 3, "figures": typed_month() });
    let draft = life
        .app
        .post(
            &life.draft_path("/would-have-billed"),
            &life.owner.token,
            body.clone(),
        )
        .await;
    assert_eq!(draft.status, 200, "{:?}", draft.body);
    let answer = &draft.body;
    assert_eq!(answer["proposed_state"], "draft");
    // A draft has no months of its own: the figures are the vendor's signed contract's.
    assert_eq!(answer["figures_from"]["number"], "KF-2026-001");
    assert_eq!(answer["months"].as_array().unwrap().len(), 3);
    let typed = month(answer, &last_month());
    assert_eq!(
        dec(&typed["proposed"]["charges"]),
        Decimal::new(97_000_00, 2)
    );
    assert_eq!(
        dec(&typed["proposed"]["penalties"]),
        Decimal::new(-1_000_00, 2)
    );
    assert_eq!(dec(&typed["proposed"]["bonuses"]), Decimal::ZERO);
    assert_eq!(dec(&typed["proposed"]["tax"]), Decimal::new(5_760_00, 2));
    assert_eq!(
        dec(&typed["proposed"]["total"]),
        Decimal::new(101_760_00, 2)
    );
    assert!(typed["current"].is_null(), "a draft has no terms in force");
    assert_eq!(typed["typed"].as_array().unwrap().len(), 5);

    life.activate_draft().await;
    life.feed(life.draft.contract).await;
    let version = life.amend().await;
    life.raise_the_seat_rate().await;
    let amended = life
        .app
        .post(
            &life.draft_path("/would-have-billed"),
            &life.owner.token,
            body,
        )
        .await;
    assert_eq!(amended.status, 200, "{:?}", amended.body);
    let answer = &amended.body;
    assert_eq!(answer["proposed_state"], "pending");
    assert_eq!(answer["proposed_version"], version);
    assert_eq!(answer["figures_from"]["number"], "KF-2026-002");
    let typed = month(answer, &last_month());
    assert_eq!(
        dec(&typed["proposed"]["total"]),
        Decimal::new(107_060_00, 2)
    );
    assert_eq!(dec(&typed["current"]["total"]), Decimal::new(101_760_00, 2));
    assert_eq!(dec(&typed["difference"]), Decimal::new(5_300_00, 2));
}

#[tokio::test]
async fn what_it_would_have_billed_refuses_bad_figures_by_field_and_stores_nothing() {
    let life = Life::new().await;
    let body = json!({ "last": 9, "figures_from": 999_999, "figures": [{ "period": last_month(), "figures": [
        { "metric": "consultations", "numerator": -5 }
    ]}]});
    let refused = life
        .app
        .post(
            &life.draft_path("/would-have-billed"),
            &life.owner.token,
            body,
        )
        .await;
    assert_eq!(refused.status, 422, "{:?}", refused.body);
    let fields = refused.error_fields();
    for field in ["last", "figures_from", "figures[0].figures[0].numerator"] {
        assert!(
            fields.iter().any(|f| f == field),
            "{field} not in {fields:?}"
        );
    }
    // A signed contract with no amendment open has nothing being written.
    let nothing = life
        .app
        .post(
            &format!("/api/v1/contracts/{}/would-have-billed", life.signed),
            &life.owner.token,
            json!({}),
        )
        .await;
    assert_eq!(nothing.status, 409, "{:?}", nothing.body);
    let invoices = life.app.get("/api/v1/invoices", &life.owner.token).await;
    assert_eq!(
        invoices.body["items"].as_array().map(Vec::len),
        Some(0),
        "{:?}",
        invoices.body
    );
}

#[tokio::test]
async fn every_page_of_a_contract_s_life_shows_in_chinese() {
    let life = Life::new().await;
    let mut owner = life.visit("owner@shop.cn").await;
    for (rest, words) in [
        ("/signing", "使合同生效"),
        ("/would-have-billed", "结算测算"),
        ("/versions", "版本对比"),
        ("/audit", "新建合同"),
        ("/handover", "逐步移交"),
    ] {
        let seen = owner.get(&life.page(rest)).await;
        assert_eq!(seen.status, 200, "{rest}: {}", seen.body);
        assert!(
            seen.body.contains(words),
            "{rest} lacks {words}: {}",
            seen.body
        );
    }
}
