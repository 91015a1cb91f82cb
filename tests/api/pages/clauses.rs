//! A contract's SLA clauses in the pages: the forms' rules over plain HTTP
//! (refusals beside their fields with nothing saved, each schedule shape
//! saved and read back exactly, who may write, a signed contract), and the
//! merchant's journey in a real browser.

use serde_json::{Value, json};

use super::Visit;
use super::browser::Browser;
use super::journeys::english_words;
use crate::helpers::{CREDIT_CODES, ContractIds, PASSWORD, Plan, Session, TestApp, spawn_app};

struct Merchant {
    app: TestApp,
    owner: Session,
    ids: ContractIds,
    vendor: i64,
}

impl Merchant {
    async fn new() -> Self {
        let app = spawn_app().await;
        let owner = app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
        let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
        let shop = app
            .post(
                "/api/v1/shops",
                &owner.token,
                json!({ "platform": "tmall", "name": "某某旗舰店" }),
            )
            .await;
        let shop = shop.body["id"].as_i64().unwrap();
        let ids = app
            .tmall_contract(&owner.token, "KF-2026-001", vendor, shop)
            .await;
        Merchant {
            app,
            owner,
            ids,
            vendor,
        }
    }

    /// A browser-less visitor signed in as `email`, reading Chinese.
    async fn visit(&self, email: &str) -> Visit {
        let mut visit = Visit::new(&self.app);
        visit.language = Some("zh-CN");
        let signed = visit.sign_in(email, PASSWORD).await;
        assert_eq!(signed.status, 303, "{}", signed.body);
        visit
    }

    fn page(&self, tail: &str) -> String {
        format!("/contracts/{}/terms/clauses{tail}", self.ids.contract)
    }

    /// The clauses as the API reads them.
    async fn clauses(&self) -> Vec<Value> {
        let reply = self
            .app
            .get(
                &format!("/api/v1/contracts/{}/sla-clauses", self.ids.contract),
                &self.owner.token,
            )
            .await;
        assert_eq!(reply.status, 200, "{:?}", reply.body);
        reply.body.as_array().unwrap().clone()
    }
}

/// Posts `fields` with the visitor's CSRF token.
async fn post(visit: &mut Visit, path: &str, fields: &[(&str, &str)]) -> super::Seen {
    let token = visit.csrf().await;
    let mut form = vec![("csrf", token.as_str())];
    form.extend_from_slice(fields);
    visit.post(path, &form).await
}

/// The refusals a page shows beside the field `path`.
fn beside(body: &str, path: &str) -> Vec<String> {
    let marker = format!("data-field=\"{path}\">");
    body.match_indices(&marker)
        .filter_map(|(at, _)| {
            let rest = &body[at + marker.len()..];
            rest.split_once("</span>").map(|(text, _)| text.to_owned())
        })
        .collect()
}

/// A clause on conversion with a penalty in bands (row 1 left blank, so the
/// second band kept is the API's `bands[1]`).
fn banded(second_threshold: &str) -> Vec<(&str, &str)> {
    vec![
        ("name", "咨询转化率"),
        ("metric", "conversion_rate"),
        ("target", "40"),
        ("missing_data", "breach"),
        ("category", "sla"),
        ("penalty.type", "bands"),
        ("penalty.bands[0].threshold", "38"),
        ("penalty.bands[0].amount", "1000.00"),
        ("penalty.bands[2].threshold", second_threshold),
        ("penalty.bands[2].amount", "3000.00"),
        ("bonus.schedule.type", "none"),
    ]
}

#[tokio::test]
async fn a_refused_clause_shows_each_rule_beside_its_field_keeps_the_input_and_saves_nothing() {
    let m = Merchant::new().await;
    let mut visit = m.visit("boss@shop.cn").await;
    let before = m.clauses().await;

    // Thresholds out of order: the second band is refused beside its own field.
    let refused = post(&mut visit, &m.page(""), &banded("39")).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        beside(&refused.body, "penalty.bands[1].threshold"),
        ["各档阈值须严格递减"]
    );
    // What was typed is kept, the blank row taken out so the rows read as the API numbers them.
    assert!(
        refused
            .body
            .contains(r#"name="penalty.bands[1].threshold" value="39""#)
    );
    assert!(
        refused
            .body
            .contains(r#"name="penalty.bands[1].amount" value="3000.00""#)
    );
    assert!(refused.body.contains(r#"name="name" value="咨询转化率""#));
    assert_eq!(m.clauses().await, before, "nothing saved");

    // A date that is no date, and a window ending before it starts.
    let mut fields = banded("35");
    fields.extend([
        ("overrides[0].label", "双11"),
        ("overrides[0].from", "2026-11-31"),
        ("overrides[0].to", "2026-11-12"),
        ("overrides[0].target", "35"),
    ]);
    let refused = post(&mut visit, &m.page(""), &fields).await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        beside(&refused.body, "overrides[0].from"),
        ["请按 年-月-日 填写日期"]
    );
    let plan = Plan::now();
    let (from, to) = (plan.start.to_string(), plan.second.to_string());
    let mut fields = banded("35");
    fields.extend([
        ("overrides[0].label", "双11"),
        ("overrides[0].from", to.as_str()),
        ("overrides[0].to", from.as_str()),
        ("overrides[0].target", "35"),
    ]);
    let refused = post(&mut visit, &m.page(""), &fields).await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        beside(&refused.body, "overrides[0].to"),
        ["不能早于开始日期"]
    );
    // A percentage with no fee base, and neither penalty nor bonus.
    let refused = post(
        &mut visit,
        &m.page(""),
        &[
            ("name", "满意度"),
            ("metric", "csat"),
            ("target", "90"),
            ("penalty.type", "bands"),
            ("penalty.bands[0].threshold", "90"),
            ("penalty.bands[0].percent", "5"),
        ],
    )
    .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        beside(&refused.body, "penalty.fee_base").len(),
        1,
        "{}",
        refused.body
    );
    let refused = post(
        &mut visit,
        &m.page(""),
        &[
            ("name", "满意度"),
            ("metric", "csat"),
            ("target", "90"),
            ("penalty.type", "none"),
        ],
    )
    .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        beside(&refused.body, "penalty").len(),
        1,
        "{}",
        refused.body
    );
    assert_eq!(m.clauses().await, before, "nothing saved");
}

#[tokio::test]
async fn per_step_and_fixed_schedules_are_saved_and_read_back_exactly() {
    let m = Merchant::new().await;
    let mut visit = m.visit("boss@shop.cn").await;
    let saved = post(
        &mut visit,
        &m.page(""),
        &[
            ("name", "平均处理时长"),
            ("metric", "average_handle_time"),
            ("target", "180"),
            ("grace_days", "7"),
            ("min_sample", "200"),
            ("missing_data", "waive"),
            ("category", "sla"),
            ("applies_from_phase", &m.ids.phases[1].to_string()),
            ("penalty.type", "per_step"),
            ("penalty.step", "0.5"),
            ("penalty.amount", "50.25"),
            ("penalty.counting", "started"),
            ("penalty.max", "2000.00"),
            ("bonus.schedule.type", "fixed"),
            ("bonus.schedule.fixed_amount", "800.10"),
            ("bonus.also_requires[1].metric", "csat"),
            ("bonus.also_requires[1].threshold", "92.5"),
        ],
    )
    .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(saved.location(), m.page("?done=added"));
    let clauses = m.clauses().await;
    let clause = clauses
        .iter()
        .find(|c| c["name"] == "平均处理时长")
        .expect("saved");
    assert_eq!(
        clause["penalty"],
        json!({ "type": "per_step", "step": "0.5", "amount": "50.25", "counting": "started", "max": "2000.00" })
    );
    assert_eq!(
        clause["bonus"],
        json!({ "schedule": { "type": "fixed", "amount": "800.10" },
                "also_requires": [{ "metric": "csat", "threshold": "92.5" }] })
    );
    assert_eq!(
        (
            &clause["grace_days"],
            &clause["min_sample"],
            &clause["missing_data"],
            &clause["applies_from_phase"]
        ),
        (
            &json!(7),
            &json!(200),
            &json!("waive"),
            &json!(m.ids.phases[1])
        )
    );

    // The list says it in words; the form shows it as stored.
    let list = visit.get(&m.page("?done=added")).await;
    assert!(list.body.contains("条款已添加。"));
    let id = clause["id"].as_i64().unwrap();
    let words = list
        .body
        .split_once(&format!("id=\"clause-{id}-words\">"))
        .and_then(|(_, rest)| rest.split_once("</td>"))
        .map(|(words, _)| words.to_owned())
        .unwrap();
    for expected in [
        "平均处理时长按月考核，目标不超过 180 秒",
        "扣款：每超过目标 0.5 秒扣 50.25 元，不足一级按一级计，最多扣 2,000.00 元",
        "奖励：达到目标奖励 800.10 元",
        "奖励须同时满足：满意度不低于 92.5%",
        "自“扩大”阶段起适用",
        "每个阶段开始后 7 天内不考核",
        "当月样本量不足 200 时不考核",
        "缺少数据时不考核",
    ] {
        assert!(words.contains(expected), "{expected} not in {words}");
    }
    // In English, the same clause in English words.
    visit.language = Some("en");
    let english = visit.get(&m.page("")).await;
    assert!(
        english
            .body
            .contains("Average handle time, measured monthly: target at most 180 s."),
        "{}",
        english.body
    );
    assert!(english.body.contains("Penalty: CNY 50.25 for every 0.5 s"));
    visit.language = Some("zh-CN");
    let form = visit.get(&m.page(&format!("/{id}"))).await;
    assert_eq!(form.status, 200);
    for kept in [
        r#"name="penalty.amount" value="50.25""#,
        r#"name="penalty.max" value="2000.00""#,
        r#"name="bonus.schedule.fixed_amount" value="800.10""#,
        r#"name="bonus.also_requires[0].threshold" value="92.5""#,
    ] {
        assert!(form.body.contains(kept), "{kept}");
    }

    // Changed to a fixed penalty and no bonus: read back as posted.
    let changed = post(
        &mut visit,
        &m.page(&format!("/{id}")),
        &[
            ("name", "平均处理时长"),
            ("metric", "average_handle_time"),
            ("target", "200"),
            ("penalty.type", "fixed"),
            ("penalty.fixed_amount", "1234.56"),
            // Fields of the shapes not chosen are not read.
            ("penalty.step", "not a number"),
            ("bonus.schedule.type", "none"),
        ],
    )
    .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    assert_eq!(changed.location(), m.page("?done=saved"));
    let clauses = m.clauses().await;
    let clause = clauses.iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(
        clause["penalty"],
        json!({ "type": "fixed", "amount": "1234.56" })
    );
    assert_eq!(clause["target"], "200");
    assert!(clause.get("bonus").is_none_or(Value::is_null), "{clause}");
    assert_eq!(clauses.len(), 4);
}

#[tokio::test]
async fn a_vendor_user_and_an_auditor_read_the_clauses_but_cannot_write_them() {
    let m = Merchant::new().await;
    m.app
        .user(&m.owner, "li@vendor.cn", "vendor", Some(m.vendor))
        .await;
    m.app.user(&m.owner, "audit@shop.cn", "auditor", None).await;
    let before = m.clauses().await;
    let clause = m.ids.response_clause;
    for email in ["li@vendor.cn", "audit@shop.cn"] {
        let mut visit = m.visit(email).await;
        let list = visit.get(&m.page("")).await;
        assert_eq!(list.status, 200, "{email}");
        assert!(list.body.contains("首次响应时间"), "{email}");
        assert!(!list.body.contains("id=\"add-clause\""), "{email}");
        let form = visit.get(&m.page(&format!("/{clause}"))).await;
        assert_eq!(form.status, 200, "{email}");
        assert!(
            form.body.contains("<fieldset class=\"whole\" disabled>"),
            "{email}"
        );
        assert!(!form.body.contains("id=\"save-clause\""), "{email}");
        let added = post(&mut visit, &m.page(""), &banded("35")).await;
        assert_eq!(added.status, 403, "{email}");
        let replaced = post(&mut visit, &m.page(&format!("/{clause}")), &banded("35")).await;
        assert_eq!(replaced.status, 403, "{email}");
        let removed = post(&mut visit, &m.page(&format!("/{clause}/remove")), &[]).await;
        assert_eq!(removed.status, 403, "{email}");
    }
    assert_eq!(m.clauses().await, before, "nothing written");
}

#[tokio::test]
async fn another_tenants_contract_is_not_found() {
    let m = Merchant::new().await;
    m.app.signup("另一家店", "other@shop.cn").await;
    let mut visit = m.visit("other@shop.cn").await;
    let clause = m.ids.response_clause;
    assert_eq!(visit.get(&m.page("")).await.status, 404);
    assert_eq!(visit.get(&m.page("/new")).await.status, 404);
    assert_eq!(visit.get(&m.page(&format!("/{clause}"))).await.status, 404);
    assert_eq!(
        post(&mut visit, &m.page(""), &banded("35")).await.status,
        404
    );
    let removed = post(&mut visit, &m.page(&format!("/{clause}/remove")), &[]).await;
    assert_eq!(removed.status, 404);
    // Nor is a clause the contract does not have, or an address that is none.
    let mut owner = m.visit("boss@shop.cn").await;
    assert_eq!(owner.get(&m.page("/999")).await.status, 404);
    assert_eq!(owner.get("/contracts/x/terms/clauses").await.status, 404);
    assert_eq!(m.clauses().await.len(), 3);
}

#[tokio::test]
async fn a_clause_is_removed_and_a_signed_contract_says_where_its_terms_change() {
    let m = Merchant::new().await;
    let mut visit = m.visit("boss@shop.cn").await;
    let removed = post(
        &mut visit,
        &m.page(&format!("/{}/remove", m.ids.conversion_clause)),
        &[],
    )
    .await;
    assert_eq!(removed.status, 303);
    assert_eq!(removed.location(), m.page("?done=removed"));
    let list = visit.get(removed.location()).await;
    assert!(list.body.contains("条款已删除。"));
    assert!(!list.body.contains("询单转化率"));
    assert_eq!(m.clauses().await.len(), 2);

    // Signed: the page says so and points to signing; a write is refused with the same link.
    let base = format!("/api/v1/contracts/{}", m.ids.contract);
    let activated = m
        .app
        .post(&format!("{base}/activate"), &m.owner.token, json!({}))
        .await;
    assert_eq!(activated.status, 200, "{:?}", activated.body);
    let signing = format!("href=\"/contracts/{}/signing\"", m.ids.contract);
    let list = visit.get(&m.page("")).await;
    assert!(list.body.contains("合同已签署，且没有拟订中的补充协议"));
    assert!(list.body.contains(&signing));
    assert!(!list.body.contains("id=\"add-clause\""));
    let before = m.clauses().await;
    let refused = post(&mut visit, &m.page(""), &banded("35")).await;
    assert_eq!(refused.status, 409);
    assert!(refused.body.contains("未保存：合同已签署"));
    assert!(refused.body.contains(&signing));
    assert!(
        refused.body.contains(r#"name="name" value="咨询转化率""#),
        "input kept"
    );
    let refused = post(
        &mut visit,
        &m.page(&format!("/{}/remove", m.ids.dsr_clause)),
        &[],
    )
    .await;
    assert_eq!(refused.status, 409);
    assert!(refused.body.contains(&signing));
    assert_eq!(m.clauses().await, before, "nothing written");

    // With an amendment open, the edits go to it.
    let opened = m
        .app
        .post(
            &format!("{base}/amendments"),
            &m.owner.token,
            json!({ "effective_from": Plan::now().third, "reason": "旺季调整" }),
        )
        .await;
    assert_eq!(opened.status, 201, "{:?}", opened.body);
    let added = post(&mut visit, &m.page(""), &banded("35")).await;
    assert_eq!(added.status, 303, "{}", added.body);
    let list = visit.get(&m.page("")).await;
    assert!(list.body.contains("当前显示的条款版本：拟订中"));
    assert!(list.body.contains("咨询转化率"));
}

/// Chooses a radio button or ticks a box.
async fn choose(browser: &Browser, selector: &str) {
    browser
        .client
        .find(fantoccini::Locator::Css(selector))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

async fn select(browser: &Browser, selector: &str, value: &str) {
    browser
        .client
        .find(fantoccini::Locator::Css(selector))
        .await
        .unwrap()
        .select_by_value(value)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_merchant_writes_a_clause_with_bands_a_bonus_and_a_double_eleven_target() {
    let m = Merchant::new().await;
    let Some(browser) = Browser::open(&m.app, "a merchant writes an SLA clause").await else {
        return;
    };
    browser.go("/").await;
    browser.fill("#email", "boss@shop.cn").await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    assert_eq!(browser.path().await, "/home");

    browser.go(&m.page("")).await;
    browser.click("#add-clause").await;
    assert_eq!(browser.path().await, m.page("/new"));
    // Only the chosen shape's fields show.
    let per_step = browser
        .client
        .find(fantoccini::Locator::Css("#penalty-per_step"))
        .await
        .unwrap();
    assert!(!per_step.is_displayed().await.unwrap());

    browser.fill("#name", "服务水平").await;
    select(&browser, "#metric", "service_level").await;
    browser.fill("#target", "95").await;
    choose(&browser, "#penalty-type-bands").await;
    choose(
        &browser,
        "input[name='penalty.fee_base.charge_kinds.seat_monthly']",
    )
    .await;
    // The second band is out of order: worse than the target means lower.
    browser.fill("#penalty-bands-0-threshold", "95").await;
    browser.fill("#penalty-bands-0-percent", "5").await;
    choose(&browser, "input[name='penalty.bands[0].inclusive']").await;
    browser.fill("#penalty-bands-1-threshold", "96").await;
    browser.fill("#penalty-bands-1-percent", "10").await;
    browser.fill("#penalty-bands-2-threshold", "85").await;
    browser.fill("#penalty-bands-2-percent", "20").await;
    choose(&browser, "#bonus-type-bands").await;
    browser
        .fill("#bonus-schedule-bands-0-threshold", "98")
        .await;
    browser
        .fill("#bonus-schedule-bands-0-amount", "2000.00")
        .await;
    select(&browser, "#bonus-also_requires-0-metric", "dsr_service").await;
    browser
        .fill("#bonus-also_requires-0-threshold", "4.8")
        .await;
    let plan = Plan::now();
    let (from, to) = (plan.third, plan.third + chrono::Days::new(11));
    browser.fill("#overrides-0-label", "双11").await;
    browser.fill("#overrides-0-from", &from.to_string()).await;
    browser.fill("#overrides-0-to", &to.to_string()).await;
    browser.fill("#overrides-0-target", "90").await;
    browser.click("#save-clause").await;

    let refusal = browser
        .text("span[data-field='penalty.bands[1].threshold']")
        .await;
    assert_eq!(refusal, "各档阈值须严格递减");
    assert_eq!(
        browser.text("#refused").await,
        "未保存：请按标出的说明修改后再保存。"
    );
    let page = browser.text("body").await;
    assert_eq!(english_words(&page), Vec::<String>::new(), "{page}");
    browser.screenshot("merchant-clause-form").await;
    assert_eq!(m.clauses().await.len(), 3, "nothing saved");
    browser.fill("#penalty-bands-1-threshold", "90").await;
    browser.click("#save-clause").await;
    assert_eq!(browser.path().await, m.page("?done=added"));
    assert_eq!(browser.text("#notice").await, "条款已添加。");

    // Changed: the bonus's band raised; the list says the clause in words.
    let clauses = m.clauses().await;
    let id = clauses.iter().find(|c| c["name"] == "服务水平").unwrap()["id"]
        .as_i64()
        .unwrap();
    browser.click(&format!("#clause-{id} a")).await;
    assert_eq!(browser.path().await, m.page(&format!("/{id}")));
    browser
        .fill("#bonus-schedule-bands-0-amount", "2500.00")
        .await;
    browser.click("#save-clause").await;
    assert_eq!(browser.text("#notice").await, "条款已保存。");
    let words = browser.text(&format!("#clause-{id}-words")).await;
    for expected in [
        "服务水平按月考核，目标不低于 95.0%",
        "扣款：档位：95.0% 以下扣基数的 5%",
        "基数：当期座席费合计",
        "奖励：档位：超过 98.0% 奖励 2,500.00 元",
        "奖励须同时满足：DSR服务评分不低于 4.80 分",
        &format!("双11期间（{from} 至 {to}）目标不低于 90.0%"),
    ] {
        assert!(words.contains(expected), "{expected} not in {words}");
    }
    let page = browser.text("body").await;
    assert_eq!(english_words(&page), Vec::<String>::new(), "{page}");
    browser.screenshot("merchant-clauses").await;
    browser.close().await;
}
