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
    vendor: i64,
    vendor_key: String,
    signed: i64,
    draft: ContractIds,
}

impl Life {
    async fn new() -> Life {
        let app = crate::helpers::spawn_app().await;
        let owner = app.signup("天猫旗舰店", "owner@shop.cn").await;
        app.user(&owner, "manager@shop.cn", "manager", None).await;
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

fn yuan(amount: &str) -> Decimal {
    amount.parse().unwrap()
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
    // Of the last three months that are over, the two that contract ran in.
    let months: Vec<&str> = answer["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["period"].as_str().unwrap())
        .collect();
    let plan = Plan::now();
    let first = plan.start.format("%Y-%m").to_string();
    assert_eq!(months, [first.as_str(), last_month().as_str()]);
    let typed = month(answer, &last_month());
    assert_eq!(dec(&typed["proposed"]["charges"]), yuan("97000.00"));
    assert_eq!(dec(&typed["proposed"]["penalties"]), yuan("-1000.00"));
    assert_eq!(dec(&typed["proposed"]["bonuses"]), Decimal::ZERO);
    assert_eq!(dec(&typed["proposed"]["tax"]), yuan("5760.00"));
    assert_eq!(dec(&typed["proposed"]["total"]), yuan("101760.00"));
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
    assert_eq!(dec(&typed["proposed"]["total"]), yuan("107060.00"));
    assert_eq!(dec(&typed["current"]["total"]), yuan("101760.00"));
    assert_eq!(dec(&typed["difference"]), yuan("5300.00"));
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
    // A signed contract with no amendment open runs its terms in force beside themselves.
    let nothing = life
        .app
        .post(
            &format!("/api/v1/contracts/{}/would-have-billed", life.signed),
            &life.owner.token,
            json!({}),
        )
        .await;
    assert_eq!(nothing.status, 200, "{:?}", nothing.body);
    assert_eq!(nothing.body["proposed_state"], "in_force");
    assert_eq!(dec(&nothing.body["total_difference"]), Decimal::ZERO);
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
    let mut english = life.visit("owner@shop.cn").await;
    english.language = Some("en");
    for (rest, words) in [
        ("/signing", "Put in force"),
        ("/would-have-billed", "What would it have billed?"),
        ("/versions", "Versions side by side"),
        ("/audit", "Contract created"),
        ("/handover", "Exit criteria"),
    ] {
        let seen = english.get(&life.page(rest)).await;
        assert_eq!(seen.status, 200, "{rest}: {}", seen.body);
        assert!(seen.body.contains(words), "{rest} lacks {words}");
        assert!(!seen.body.contains(">life-"), "{rest} shows a catalogue id");
    }
}

/// The typed month of [`typed_month`] as the page's form sends it.
fn typed_query() -> String {
    let m = last_month();
    format!(
        "?last=3&n.{m}.consultations=30000&n.{m}.cs_sales=15000000\
         &n.{m}.first_response_time=35000000&d.{m}.first_response_time=1000\
         &n.{m}.conversion_rate=450&d.{m}.conversion_rate=1000\
         &n.{m}.dsr_service=475&d.{m}.dsr_service=100"
    )
}

#[tokio::test]
async fn the_would_have_billed_page_shows_the_hand_worked_month_and_a_bad_figure_beside_its_field()
{
    let life = Life::new().await;
    let mut owner = life.visit("owner@shop.cn").await;
    let seen = owner
        .get(&life.page(&format!("/would-have-billed{}", typed_query())))
        .await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert!(seen.body.contains("101,760.00"), "{}", seen.body);
    assert!(
        seen.body.contains("KF-2026-001"),
        "the figures' contract is named"
    );
    assert!(
        seen.body.contains("含填写数据"),
        "the typed month is marked"
    );
    let m = last_month();
    let bad = owner
        .get(&life.page(&format!("/would-have-billed?n.{m}.consultations=abc")))
        .await;
    assert_eq!(bad.status, 200, "{}", bad.body);
    let (_, after_input) = bad
        .body
        .split_once(&format!("name=\"n.{m}.consultations\" value=\"abc\""))
        .expect("the figure is kept as typed");
    let beside = &after_input[..after_input.find("</td>").unwrap()];
    assert!(
        beside.contains("field-error"),
        "the rule is beside the field: {beside}"
    );
    // Another tenant's contract is no page at all.
    life.app.signup("别的商家", "other@shop.cn").await;
    let mut other = life.visit("other@shop.cn").await;
    for rest in [
        "/would-have-billed",
        "/signing",
        "/versions",
        "/audit",
        "/handover",
    ] {
        let seen = other.get(&life.page(rest)).await;
        assert_eq!(seen.status, 404, "{rest}: {}", seen.body);
    }
}

#[tokio::test]
async fn an_amendment_refused_shows_each_rule_beside_its_field_and_writes_nothing() {
    let life = Life::new().await;
    life.activate_draft().await;
    let mut owner = life.visit("owner@shop.cn").await;
    let token = owner.csrf().await;
    let refused = owner
        .post(
            &life.page("/signing/amendments"),
            &[
                ("csrf", &token),
                ("effective_from", "下个月"),
                ("reason", " "),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    for field in ["effective_from", "reason"] {
        assert!(
            refused.body.contains(&format!("data-field=\"{field}\"")),
            "no rule beside {field}: {}",
            refused.body
        );
    }
    assert!(
        refused.body.contains("value=\"下个月\""),
        "the date is kept as typed"
    );
    // Before this month, without saying it is a correction: refused beside the date.
    let past = Plan::now().second.to_string();
    let refused = owner
        .post(
            &life.page("/signing/amendments"),
            &[
                ("csrf", &token),
                ("effective_from", &past),
                ("reason", "补签"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("data-field=\"effective_from\""),
        "{}",
        refused.body
    );
    let versions = life
        .app
        .get(&life.draft_path("/terms/versions"), &life.owner.token)
        .await;
    assert_eq!(
        versions.body.as_array().unwrap().len(),
        1,
        "nothing was opened"
    );
    // As a correction it is opened.
    let opened = owner
        .post(
            &life.page("/signing/amendments"),
            &[
                ("csrf", &token),
                ("effective_from", &past),
                ("reason", "补签"),
                ("correction", "1"),
            ],
        )
        .await;
    assert_eq!(opened.status, 303, "{}", opened.body);
    assert!(
        opened
            .location()
            .ends_with("/signing?done=amendment-opened")
    );
    let page = owner.get(opened.location()).await;
    assert!(page.body.contains("更正以往期间"), "{}", page.body);
    // Without a token nothing happens.
    let forged = owner
        .post(&life.page("/signing/suspend"), &[("reason", "暂停")])
        .await;
    assert_eq!(forged.status, 403, "{}", forged.body);
}

#[tokio::test]
async fn activation_lists_every_problem_with_where_to_mend_it_and_others_may_not_sign() {
    let life = Life::new().await;
    let plan = Plan::now();
    let bare = life
        .app
        .post(
            "/api/v1/contracts",
            &life.owner.token,
            json!({ "number": "KF-2026-009", "title": "空白合同", "vendor_id": life.vendor,
                    "shop_ids": [life.app.get("/api/v1/shops", &life.owner.token).await.body["items"][0]["id"]],
                    "start": plan.start, "end": plan.end }),
        )
        .await;
    assert_eq!(bare.status, 201, "{:?}", bare.body);
    let bare = bare.body["id"].as_i64().unwrap();
    let mut owner = life.visit("owner@shop.cn").await;
    let token = owner.csrf().await;
    let refused = owner
        .post(
            &format!("/contracts/{bare}/signing/activate"),
            &[("csrf", &token)],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("activation-problems"),
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains(&format!("href=\"/contracts/{bare}/terms/charges\"")),
        "the charges' problem links to the charges page: {}",
        refused.body
    );
    let status = life
        .app
        .get(&format!("/api/v1/contracts/{bare}"), &life.owner.token)
        .await;
    assert_eq!(status.body["status"], "draft");

    // An auditor and the vendor's own user read the page but may not sign.
    life.app
        .user(&life.owner, "audit@shop.cn", "auditor", None)
        .await;
    life.app
        .user(&life.owner, "li@vendor.cn", "vendor", Some(life.vendor))
        .await;
    for email in ["audit@shop.cn", "li@vendor.cn"] {
        let mut visit = life.visit(email).await;
        let page = visit.get(&life.page("/signing")).await;
        assert_eq!(page.status, 200, "{email}: {}", page.body);
        assert!(
            !page.body.contains("id=\"activate\""),
            "{email} sees no button"
        );
        let token = visit.csrf().await;
        let tried = visit
            .post(&life.page("/signing/activate"), &[("csrf", &token)])
            .await;
        assert_eq!(tried.status, 403, "{email}: {}", tried.body);
        let first = life.draft.phases[0];
        for (path, form) in [
            (
                life.page("/signing/amendments"),
                vec![("effective_from", "2030-01-01"), ("reason", "改价")],
            ),
            (life.page("/signing/terminate"), vec![("reason", "终止")]),
            (
                life.page(&format!("/handover/{first}/start")),
                vec![("reason", "开始")],
            ),
        ] {
            let mut form = form;
            form.push(("csrf", &token));
            let tried = visit.post(&path, &form).await;
            assert_eq!(tried.status, 403, "{email} {path}: {}", tried.body);
        }
    }
    let draft = life.app.get(&life.draft_path(""), &life.owner.token).await;
    assert_eq!(
        draft.body["status"], "draft",
        "nobody but the merchant signed it"
    );
    // Another tenant cannot sign it either: there is no such contract for them.
    life.app.signup("别的商家", "other@shop.cn").await;
    let mut other = life.visit("other@shop.cn").await;
    let token = other.csrf().await;
    let tried = other
        .post(&life.page("/signing/activate"), &[("csrf", &token)])
        .await;
    assert_eq!(tried.status, 404, "{}", tried.body);
}

/// Phase 1 started and completed, phase 2 started and completed, through the API.
async fn two_phases_done(life: &Life) {
    for (phase, steps) in [
        (life.draft.phases[0], ["start", "complete"]),
        (life.draft.phases[1], ["start", "complete"]),
    ] {
        for step in steps {
            let reply = life
                .app
                .post(
                    &life.draft_path(&format!("/phases/{phase}/{step}")),
                    &life.owner.token,
                    json!({ "reason": "按计划推进" }),
                )
                .await;
            assert_eq!(reply.status, 200, "{step} {phase}: {:?}", reply.body);
        }
    }
}

#[tokio::test]
async fn a_failed_gate_is_refused_a_manager_may_not_override_it_and_an_owner_may_with_a_reason() {
    let life = Life::new().await;
    life.activate_draft().await;
    life.feed(life.draft.contract).await;
    two_phases_done(&life).await;
    let third = life.draft.phases[2];
    let start = life.page(&format!("/handover/{third}/start"));

    let mut manager = life.visit("manager@shop.cn").await;
    let page = manager.get(&life.page("/handover")).await;
    assert!(
        page.body
            .contains(&format!("id=\"override-owner-only-{third}\"")),
        "{}",
        page.body
    );
    let token = manager.csrf().await;
    let refused = manager
        .post(&start, &[("csrf", &token), ("reason", "按计划推进")])
        .await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert!(refused.body.contains("未达标"), "{}", refused.body);
    let overriding = manager
        .post(
            &start,
            &[
                ("csrf", &token),
                ("reason", "按计划推进"),
                ("override_gate", "1"),
            ],
        )
        .await;
    assert_eq!(overriding.status, 403, "{}", overriding.body);
    assert!(
        overriding.body.contains("只有所有者可以强制推进"),
        "{}",
        overriding.body
    );

    let mut owner = life.visit("owner@shop.cn").await;
    let token = owner.csrf().await;
    let no_reason = owner
        .post(
            &start,
            &[("csrf", &token), ("reason", ""), ("override_gate", "1")],
        )
        .await;
    assert_eq!(no_reason.status, 422, "{}", no_reason.body);
    assert!(
        no_reason.body.contains("data-field=\"reason\""),
        "{}",
        no_reason.body
    );
    let statuses = |body: &str| body.matches("data-status=\"in_progress\"").count();
    assert_eq!(statuses(&no_reason.body), 0, "nothing started");
    let overridden = owner
        .post(
            &start,
            &[
                ("csrf", &token),
                ("reason", "大促临近，所有者决定推进"),
                ("override_gate", "1"),
            ],
        )
        .await;
    assert_eq!(overridden.status, 303, "{}", overridden.body);
    let page = owner.get(&life.page("/handover")).await;
    assert_eq!(statuses(&page.body), 1, "{}", page.body);
    let audit = owner.get(&life.page("/audit")).await;
    assert!(audit.body.contains("所有者强制推进"), "{}", audit.body);
    assert!(
        audit.body.contains("大促临近，所有者决定推进"),
        "{}",
        audit.body
    );
}

async fn sign_in(browser: &Browser, email: &str) {
    browser.go("/").await;
    browser.fill("#email", email).await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    assert_eq!(browser.path().await, "/home");
}

async fn write_reason(browser: &Browser, field: &str, reason: &str, button: &str) {
    browser.fill(field, reason).await;
    browser.click(button).await;
}

#[tokio::test]
async fn a_merchant_tries_signs_amends_compares_and_hands_over_a_contract() {
    let life = Life::new().await;
    let Some(browser) = Browser::open(&life.app, "the contract's life").await else {
        return;
    };
    sign_in(&browser, "owner@shop.cn").await;
    let id = life.draft.contract;
    let last = last_month();

    // What would the draft have billed? On the vendor's signed contract's months.
    browser
        .go(&format!("/contracts/{id}/would-have-billed"))
        .await;
    let before = browser.text("#billed-total").await;
    assert!(browser.text("main").await.contains("KF-2026-001"));
    browser
        .fill(&format!("input[name='n.{last}.consultations']"), "60000")
        .await;
    browser.click("#billed-run").await;
    let row = browser.text(&format!("tr[data-period='{last}']")).await;
    assert!(row.contains("含填写数据"), "{row}");
    let after = browser.text("#billed-total").await;
    assert_ne!(before, after, "the typed figure changed the total");
    browser.screenshot("merchant-would-have-billed").await;

    // Signing.
    browser.go(&format!("/contracts/{id}/signing")).await;
    browser.click("#activate").await;
    browser.wait_for_text("#life-notice", "合同已生效").await;
    assert_eq!(browser.text("#contract-status").await, "生效中");
    life.feed(id).await;

    // An amendment from next month, with a reason.
    let next_month = Plan::now()
        .third
        .checked_add_months(chrono::Months::new(1))
        .unwrap();
    browser
        .client
        .execute(
            "document.querySelector('#effective-from').value = arguments[0]",
            vec![json!(next_month.to_string())],
        )
        .await
        .unwrap();
    write_reason(
        &browser,
        "#amend-reason",
        "座席单价上调",
        "#open-amendment-button",
    )
    .await;
    browser
        .wait_for_text("#open-amendment", "座席单价上调")
        .await;
    browser.screenshot("merchant-signing").await;

    // The fee changed through the API (the terms pages are another area's).
    life.raise_the_seat_rate().await;
    browser.click("#compare-amendment").await;
    let changed = browser.text("#part-charges tr.changed").await;
    assert!(
        changed.contains("6000.00") && changed.contains("6500.00"),
        "{changed}"
    );
    assert!(browser.text("#versions-summary").await.contains('1'));
    browser.screenshot("merchant-versions").await;

    browser.go(&format!("/contracts/{id}/signing")).await;
    browser.click("#apply-amendment").await;
    browser
        .wait_for_text("#life-notice", "补充协议已生效")
        .await;
    browser.go(&format!("/contracts/{id}/audit")).await;
    let trail = browser.text("#audit").await;
    assert!(
        trail.contains("补充协议生效") && trail.contains("座席单价上调"),
        "{trail}"
    );
    assert!(trail.contains("店主"), "who did it is named: {trail}");
    assert!(
        trail.contains("收费项目 1 · 单价：6000.00 → 6500.00"),
        "the amendment applied says what it changed: {trail}"
    );
    browser.screenshot("merchant-audit").await;

    // The handover: phase 1 started and completed, phase 2 through its gate.
    let [first, second, third] = life.draft.phases;
    browser.go(&format!("/contracts/{id}/handover")).await;
    write_reason(
        &browser,
        &format!("#start-reason-{first}"),
        "试运行开始",
        &format!("#start-{first}"),
    )
    .await;
    browser.wait_for_text("#life-notice", "阶段已开始").await;
    write_reason(
        &browser,
        &format!("#complete-reason-{first}"),
        "试运行达标",
        &format!("#complete-{first}"),
    )
    .await;
    browser.wait_for_text("#life-notice", "阶段已完成").await;
    let entry = browser.text(&format!("#phase-{second} .gate-entry")).await;
    assert!(entry.contains("已达标"), "{entry}");
    write_reason(
        &browser,
        &format!("#start-reason-{second}"),
        "扩大承接范围",
        &format!("#start-{second}"),
    )
    .await;
    browser.wait_for_text("#life-notice", "阶段已开始").await;
    write_reason(
        &browser,
        &format!("#complete-reason-{second}"),
        "扩大阶段结束",
        &format!("#complete-{second}"),
    )
    .await;
    // Phase 3's gate (conversion ≥ 40 %) fails on last month's 38 %: refused, then overridden.
    write_reason(
        &browser,
        &format!("#start-reason-{third}"),
        "全量接手",
        &format!("#start-{third}"),
    )
    .await;
    let refused = browser.text(&format!("#phase-{third} .error")).await;
    assert!(refused.contains("未达标"), "{refused}");
    browser
        .client
        .find(fantoccini::Locator::Css(&format!("#override-{third}")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    write_reason(
        &browser,
        &format!("#start-reason-{third}"),
        "大促临近，所有者决定推进",
        &format!("#start-{third}"),
    )
    .await;
    browser.wait_for_text("#life-notice", "阶段已开始").await;
    let status = browser
        .client
        .find(fantoccini::Locator::Css(&format!("#phase-{third}")))
        .await
        .unwrap()
        .attr("data-status")
        .await
        .unwrap();
    assert_eq!(status.as_deref(), Some("in_progress"));
    browser.screenshot("merchant-handover").await;
    browser.close().await;
}
