//! The contract and its terms in the pages: the list and a new draft, the
//! overview, and one form per part of the terms. Over plain HTTP, each form's
//! refusal beside the field it concerns with nothing saved, a vendor's user
//! and an auditor who may read but not write, a signed contract's terms
//! refused with the way to an amendment, another tenant's contract a 404;
//! in a real browser, a merchant writing a contract from nothing.

use serde_json::{Value, json};

use super::browser::Browser;
use super::finance_forms::visit_as;
use super::journeys::english_words;
use super::{Seen, Visit};
use crate::helpers::{CREDIT_CODES, PASSWORD, Plan, Session, TestApp, spawn_app};

/// A tenant with an active vendor, a shop and a draft contract with no parts yet.
struct Desk {
    app: TestApp,
    owner: Session,
    vendor: i64,
    shop: i64,
    contract: i64,
}

async fn desk() -> Desk {
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
    let plan = Plan::now();
    let created = app
        .post(
            "/api/v1/contracts",
            &owner.token,
            json!({ "number": "KF-2026-009", "title": "天猫旗舰店客服外包合同", "vendor_id": vendor,
                    "shop_ids": [shop], "start": plan.start, "end": plan.end }),
        )
        .await;
    assert_eq!(created.status, 201, "{:?}", created.body);
    Desk {
        contract: created.body["id"].as_i64().unwrap(),
        app,
        owner,
        vendor,
        shop,
    }
}

impl Desk {
    fn page(&self, part: &str) -> String {
        format!("/contracts/{}{part}", self.contract)
    }

    async fn api(&self, part: &str) -> Value {
        let reply = self
            .app
            .get(
                &format!("/api/v1/contracts/{}{part}", self.contract),
                &self.owner.token,
            )
            .await;
        assert_eq!(reply.status, 200, "{:?}", reply.body);
        reply.body
    }
}

/// The text of the refusal shown beside the field whose element id is `id`.
fn beside(seen: &Seen, id: &str) -> String {
    let marker = format!("id=\"error-{id}\"");
    let Some((_, rest)) = seen.body.split_once(&marker) else {
        panic!("no refusal beside {id}: {}", seen.body);
    };
    let text = rest.split_once('>').map_or("", |(_, t)| t);
    text.split_once('<').map_or(text, |(t, _)| t).to_owned()
}

async fn post(visit: &mut Visit, path: &str, fields: &[(&str, &str)]) -> Seen {
    let csrf = visit.csrf().await;
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    visit.post(path, &form).await
}

#[tokio::test]
async fn a_wrong_tier_is_named_beside_its_row_in_chinese_and_nothing_is_saved() {
    let d = desk().await;
    let mut visit = visit_as(&d.app, "boss@shop.cn").await;
    let path = d.page("/terms/charges");
    // The first row filled, the second left blank, the third starting below the first.
    let seen = post(
        &mut visit,
        &path,
        &[
            ("kind", "per_unit"),
            ("name", "咨询接待费"),
            ("metric", "consultations"),
            ("pricing", "graduated"),
            ("included", ""),
            ("tiers[0].from", "0"),
            ("tiers[0].unit_price", "1.20"),
            ("tiers[2].from", "0"),
            ("tiers[2].unit_price", "1.00"),
        ],
    )
    .await;
    assert_eq!(seen.status, 422, "{}", seen.body);
    assert_eq!(beside(&seen, "tiers-2-from"), "每个阶梯的起点须高于前一个");
    assert!(
        !seen.body.contains("id=\"error-tiers-1-from\""),
        "the blank row is not blamed"
    );
    assert!(
        seen.body.contains("value=\"咨询接待费\""),
        "the input is kept"
    );
    assert_eq!(d.api("/charges").await, json!([]), "nothing saved");

    // A decimal the API would refuse is refused the same way, beside its field.
    let seen = post(
        &mut visit,
        &path,
        &[
            ("kind", "seat_monthly"),
            ("name", "座席费"),
            ("rate", "6,000"),
        ],
    )
    .await;
    assert_eq!(seen.status, 422);
    assert!(
        beside(&seen, "rate").contains("不是十进制数"),
        "{}",
        beside(&seen, "rate")
    );
    let seen = post(
        &mut visit,
        &path,
        &[("kind", "seat_monthly"), ("name", "座席费"), ("rate", "0")],
    )
    .await;
    assert_eq!(beside(&seen, "rate"), "须大于 0");
    assert_eq!(d.api("/charges").await, json!([]), "nothing saved");

    // Put right, it is saved and listed.
    let seen = post(
        &mut visit,
        &path,
        &[
            ("kind", "seat_monthly"),
            ("name", "座席费"),
            ("rate", "6000.00"),
        ],
    )
    .await;
    assert_eq!(seen.status, 303, "{}", seen.body);
    assert_eq!(d.api("/charges").await[0]["rate"], "6000.00");
    let list = visit.get(&path).await;
    assert!(
        list.body.contains("每座席每月 6,000.00 CNY"),
        "{}",
        list.body
    );
}

#[tokio::test]
async fn every_kind_of_charge_is_added_changed_and_removed_through_its_form() {
    let d = desk().await;
    let mut visit = visit_as(&d.app, "boss@shop.cn").await;
    let path = d.page("/terms/charges");
    let plan = Plan::now();
    let date = plan.start.to_string();
    let forms: Vec<Vec<(&str, &str)>> = vec![
        vec![
            ("kind", "seat_monthly"),
            ("name", "座席费"),
            ("rate", "6000.00"),
        ],
        vec![
            ("kind", "per_unit"),
            ("name", "咨询接待费"),
            ("metric", "consultations"),
            ("pricing", "volume"),
            ("included", "1000"),
            ("tiers[0].from", "0"),
            ("tiers[0].unit_price", "1.20"),
            ("tiers[1].from", "20000"),
            ("tiers[1].unit_price", "1.00"),
        ],
        vec![
            ("kind", "commission"),
            ("name", "销售提成"),
            ("percent", "2"),
            ("tier_by", ""),
        ],
        vec![
            ("kind", "commission"),
            ("name", "转化提成"),
            ("percent", ""),
            ("tier_by", "kpi"),
            ("kpi_metric", "conversion_rate"),
            ("tiers[0].from", "0"),
            ("tiers[0].percent", "1"),
            ("tiers[1].from", "40"),
            ("tiers[1].percent", "2"),
        ],
        vec![("kind", "fixed"), ("name", "管理费"), ("amount", "3000.00")],
        vec![
            ("kind", "one_time"),
            ("name", "培训费"),
            ("amount", "8000.00"),
            ("date", &date),
        ],
        vec![
            ("kind", "minimum_commitment"),
            ("name", "保底"),
            ("amount", "50000.00"),
            ("covers", "1"),
            ("covers", "2"),
        ],
    ];
    for form in &forms {
        let seen = post(&mut visit, &path, form).await;
        assert_eq!(seen.status, 303, "{form:?}: {}", seen.body);
    }
    let charges = d.api("/charges").await;
    let kinds: Vec<&str> = charges
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "seat_monthly",
            "per_unit",
            "commission",
            "commission",
            "fixed",
            "one_time",
            "minimum_commitment"
        ]
    );
    assert_eq!(charges[1]["pricing"], "volume");
    assert_eq!(charges[1]["tiers"][1]["unit_price"], "1.00");
    assert_eq!(charges[3]["tier_by"], "kpi");
    assert_eq!(charges[6]["covers"], json!([1, 2]));

    // Both a flat percent and tiers: refused as the API refuses it, beside the percent.
    let seen = post(
        &mut visit,
        &path,
        &[
            ("kind", "commission"),
            ("name", "提成"),
            ("percent", "2"),
            ("tier_by", "sales"),
            ("tiers[0].from", "0"),
            ("tiers[0].percent", "1"),
        ],
    )
    .await;
    assert_eq!(seen.status, 422);
    assert!(!beside(&seen, "percent").is_empty());

    // Each edit form shows the charge as stored; a change is saved.
    let edit = visit.get(&d.page("/terms/charges/2")).await;
    assert_eq!(edit.status, 200);
    assert!(edit.body.contains("value=\"20000\""), "{}", edit.body);
    let seen = post(
        &mut visit,
        &d.page("/terms/charges/2"),
        &[
            ("kind", "per_unit"),
            ("name", "咨询接待费"),
            ("metric", "consultations"),
            ("pricing", "graduated"),
            ("included", "0"),
            ("tiers[0].from", "0"),
            ("tiers[0].unit_price", "1.10"),
        ],
    )
    .await;
    assert_eq!(seen.status, 303, "{}", seen.body);
    assert_eq!(
        d.api("/charges/2").await["tiers"],
        json!([{ "from": "0", "unit_price": "1.10" }])
    );

    // A charge under the floor cannot go while the floor names it: said, nothing removed.
    let seen = post(&mut visit, &d.page("/terms/charges/1/remove"), &[]).await;
    assert_eq!(seen.status, 422, "{}", seen.body);
    assert_eq!(d.api("/charges").await.as_array().unwrap().len(), 7);
    let seen = post(&mut visit, &d.page("/terms/charges/7/remove"), &[]).await;
    assert_eq!(seen.status, 303);
    assert_eq!(d.api("/charges").await.as_array().unwrap().len(), 6);
}

#[tokio::test]
async fn commercial_terms_refuse_beside_each_field_and_save_whole() {
    let d = desk().await;
    let mut visit = visit_as(&d.app, "boss@shop.cn").await;
    let path = d.page("/terms/commercial");
    let before = d.api("/commercial").await;
    let page = visit.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("value=\"30\""), "net days as stored");
    let seen = post(
        &mut visit,
        &path,
        &[
            ("payment.net_days", "400"),
            ("payment.method", "alipay"),
            ("tax_rate", "120"),
            ("rounding", "half_even"),
            ("kpi_source", "vendor"),
            ("discrepancy_tolerance", "3"),
            ("report_deemed_accepted_after_days", "5"),
            ("scope.lines", "pre_sale"),
            ("scope.hours[0].weekday", "mon"),
            ("scope.hours[0].from", "09:00"),
            ("scope.hours[0].to", "24:00"),
            ("scope.hours[3].weekday", "sat"),
            ("scope.hours[3].from", "18:00"),
            ("scope.hours[3].to", "09:00"),
        ],
    )
    .await;
    assert_eq!(seen.status, 422, "{}", seen.body);
    assert_eq!(
        beside(&seen, "tax_rate"),
        "须为 0 至 100 的百分数（含 0 和 100）"
    );
    assert!(!beside(&seen, "payment-net_days").is_empty());
    assert!(
        !beside(&seen, "scope-channels").is_empty(),
        "no channel ticked"
    );
    assert!(
        !beside(&seen, "scope-hours-3").is_empty(),
        "the fourth row of hours, as the form has it"
    );
    assert_eq!(d.api("/commercial").await, before, "nothing saved");

    let seen = post(
        &mut visit,
        &path,
        &[
            ("payment.net_days", "45"),
            ("payment.method", "alipay"),
            ("tax_rate", "6"),
            ("rounding", "half_even"),
            ("kpi_source", "vendor"),
            ("discrepancy_tolerance", "3.5"),
            ("report_deemed_accepted_after_days", "5"),
            ("scope.channels", "online_chat"),
            ("scope.channels", "phone"),
            ("scope.lines", "pre_sale"),
            ("scope.hours[3].weekday", "sat"),
            ("scope.hours[3].from", "09:00"),
            ("scope.hours[3].to", "18:00"),
        ],
    )
    .await;
    assert_eq!(seen.status, 303, "{}", seen.body);
    let saved = d.api("/commercial").await;
    assert_eq!(
        saved["payment"],
        json!({ "net_days": 45, "method": "alipay" })
    );
    assert_eq!(saved["rounding"], "half_even");
    assert_eq!(saved["discrepancy_tolerance"], "3.5");
    assert_eq!(saved["scope"]["channels"], json!(["online_chat", "phone"]));
    assert_eq!(
        saved["scope"]["hours"],
        json!([{ "weekday": "sat", "from": "09:00", "to": "18:00" }])
    );
}

#[tokio::test]
async fn liability_refuses_beside_each_field_and_saves_whole() {
    let d = desk().await;
    let mut visit = visit_as(&d.app, "boss@shop.cn").await;
    let path = d.page("/terms/liability");
    let seen = post(
        &mut visit,
        &path,
        &[
            ("monthly_cap.kind", "percent"),
            ("monthly_cap.percent_of_fees", "150"),
            ("annual_cap", "-1"),
            ("uncapped", "data_breach"),
            // The first row blank: the refusal names the row the person filled.
            ("incident_duties[1].severity", "critical"),
            ("incident_duties[1].escalate_within_minutes", "0"),
            ("incident_duties[1].amount", "5000.00"),
            ("termination_after_breached_months", "30"),
        ],
    )
    .await;
    assert_eq!(seen.status, 422, "{}", seen.body);
    assert_eq!(
        beside(&seen, "monthly_cap-percent_of_fees"),
        "须为 0 至 100 的百分数（含 0 和 100）"
    );
    assert_eq!(beside(&seen, "annual_cap"), "须大于 0");
    assert_eq!(
        beside(&seen, "incident_duties-1-escalate_within_minutes"),
        "须大于 0"
    );
    assert!(!beside(&seen, "termination_after_breached_months").is_empty());
    assert_eq!(
        d.api("/liability").await["monthly_cap"],
        Value::Null,
        "nothing saved"
    );

    let seen = post(
        &mut visit,
        &path,
        &[
            ("monthly_cap.kind", "amount"),
            ("monthly_cap.amount", "30000.00"),
            ("annual_cap", "200000.00"),
            ("uncapped", "data_breach"),
            ("uncapped", "gross_negligence"),
            ("incident_duties[0].severity", "critical"),
            ("incident_duties[0].escalate_within_minutes", "30"),
            ("incident_duties[0].amount", "5000.00"),
            ("termination_after_breached_months", "3"),
        ],
    )
    .await;
    assert_eq!(seen.status, 303, "{}", seen.body);
    let saved = d.api("/liability").await;
    assert_eq!(
        saved["monthly_cap"],
        json!({ "amount": "30000.00", "percent_of_fees": null })
    );
    assert_eq!(
        saved["uncapped"],
        json!(["data_breach", "gross_negligence"])
    );
    assert_eq!(saved["incident_duties"][0]["escalate_within_minutes"], 30);
}

#[tokio::test]
async fn phases_refuse_beside_each_field_and_are_changed_and_removed() {
    let d = desk().await;
    let mut visit = visit_as(&d.app, "boss@shop.cn").await;
    let plan = Plan::now();
    let (start, second, third) = (
        plan.start.to_string(),
        plan.second.to_string(),
        plan.third.to_string(),
    );
    let long_shift = "班".repeat(201);
    let path = d.page("/terms/phases");
    let seen = post(
        &mut visit,
        &path,
        &[
            ("name", "试运行"),
            ("start", &second),
            ("end", &start),
            ("channels", "online_chat"),
            ("inquiry_share", "30"),
            ("seats", "4"),
            ("exit_criteria[0].metric", "first_response_time"),
            ("exit_criteria[0].threshold", "-1"),
            ("shifts[2]", &long_shift),
        ],
    )
    .await;
    assert_eq!(seen.status, 422, "{}", seen.body);
    assert_eq!(
        beside(&seen, "end"),
        "须晚于开始日期（阶段不含结束日：结束日期填最后一天的次日）"
    );
    assert_eq!(beside(&seen, "exit_criteria-0-threshold"), "不能为负数");
    assert_eq!(
        beside(&seen, "shifts-2"),
        "须为 1 至 200 个字符，且至少有一个可见字符",
        "the third row, though the first two were blank"
    );
    assert_eq!(d.api("/phases").await, json!([]), "nothing saved");

    let first = [
        ("name", "试运行"),
        ("start", start.as_str()),
        ("end", second.as_str()),
        ("channels", "online_chat"),
        ("inquiry_share", "30"),
        ("seats", "4"),
        ("shifts[0]", "早班"),
        ("exit_criteria[0].metric", "first_response_time"),
        ("exit_criteria[0].threshold", "40"),
    ];
    assert_eq!(post(&mut visit, &path, &first).await.status, 303);
    // Overlapping the first: refused beside its start.
    let seen = post(
        &mut visit,
        &path,
        &[
            ("name", "扩大"),
            ("start", &start),
            ("end", &third),
            ("channels", "online_chat"),
            ("inquiry_share", "70"),
            ("seats", "10"),
        ],
    )
    .await;
    assert_eq!(seen.status, 422);
    assert!(
        beside(&seen, "start").contains("试运行"),
        "{}",
        beside(&seen, "start")
    );
    assert_eq!(d.api("/phases").await.as_array().unwrap().len(), 1);

    let phase = d.api("/phases").await[0]["id"].as_i64().unwrap();
    let edit = visit.get(&d.page(&format!("/terms/phases/{phase}"))).await;
    assert!(edit.body.contains("value=\"早班\""), "{}", edit.body);
    let mut changed = first.to_vec();
    changed[5] = ("seats", "6");
    let seen = post(
        &mut visit,
        &d.page(&format!("/terms/phases/{phase}")),
        &changed,
    )
    .await;
    assert_eq!(seen.status, 303, "{}", seen.body);
    assert_eq!(d.api("/phases").await[0]["seats"], 6);
    let seen = post(
        &mut visit,
        &d.page(&format!("/terms/phases/{phase}/remove")),
        &[],
    )
    .await;
    assert_eq!(seen.status, 303);
    assert_eq!(d.api("/phases").await, json!([]));
}

#[tokio::test]
async fn a_new_contract_is_refused_beside_its_fields_then_written_as_a_draft() {
    let d = desk().await;
    let mut visit = visit_as(&d.app, "boss@shop.cn").await;
    let vendor = d.vendor.to_string();
    let shop = d.shop.to_string();
    let seen = post(
        &mut visit,
        "/contracts",
        &[
            ("number", "KF-2026-009"),
            ("title", "京东客服"),
            ("vendor_id", &vendor),
            ("start", "2027-01-01"),
            ("end", "2026-12-31"),
            ("currency", "CNY"),
            ("time_zone", "Asia/Shanghai"),
        ],
    )
    .await;
    assert_eq!(seen.status, 422, "{}", seen.body);
    assert_eq!(beside(&seen, "end"), "不能早于开始日期");
    assert!(
        seen.body.contains("value=\"京东客服\""),
        "the input is kept"
    );
    let seen = post(
        &mut visit,
        "/contracts",
        &[
            ("number", "KF-2026-010"),
            ("title", "京东客服"),
            ("vendor_id", &vendor),
            ("start", "2027-01-01"),
            ("end", "2027-12-31"),
            ("currency", "CNY"),
            ("time_zone", "Asia/Shanghai"),
        ],
    )
    .await;
    assert_eq!(seen.status, 422, "{}", seen.body);
    assert_eq!(beside(&seen, "shop_ids"), "请至少指定一个店铺");
    let listed = d.app.get("/api/v1/contracts", &d.owner.token).await;
    assert_eq!(
        listed.body["items"].as_array().unwrap().len(),
        1,
        "nothing saved"
    );

    let seen = post(
        &mut visit,
        "/contracts",
        &[
            ("number", "KF-2026-010"),
            ("title", "京东客服"),
            ("vendor_id", &vendor),
            ("shop_ids", &shop),
            ("start", "2027-01-01"),
            ("end", "2027-12-31"),
            ("currency", "CNY"),
            ("time_zone", "Asia/Shanghai"),
        ],
    )
    .await;
    assert_eq!(seen.status, 303, "{}", seen.body);
    let overview = visit.get(seen.location()).await;
    assert!(overview.body.contains("KF-2026-010"));
    assert!(overview.body.contains("草稿"));
    let list = visit.get("/contracts").await;
    assert!(list.body.contains("KF-2026-009") && list.body.contains("KF-2026-010"));
}

#[tokio::test]
async fn a_vendor_s_user_and_an_auditor_read_the_terms_but_cannot_write_them() {
    let d = desk().await;
    d.app
        .user(&d.owner, "li@vendor.cn", "vendor", Some(d.vendor))
        .await;
    d.app.user(&d.owner, "audit@shop.cn", "auditor", None).await;
    for email in ["li@vendor.cn", "audit@shop.cn"] {
        let mut visit = visit_as(&d.app, email).await;
        let list = visit.get("/contracts").await;
        assert_eq!(list.status, 200, "{email}");
        assert!(list.body.contains("KF-2026-009"), "{email}");
        assert!(
            !list.body.contains("id=\"new-contract\""),
            "{email}: no form for a new contract"
        );
        for part in [
            "",
            "/terms/commercial",
            "/terms/charges",
            "/terms/liability",
            "/terms/phases",
        ] {
            let page = visit.get(&d.page(part)).await;
            assert_eq!(page.status, 200, "{email} {part}");
            assert!(
                !page.body.contains("class=\"primary\""),
                "{email} {part}: nothing to save"
            );
        }
        let seen = post(
            &mut visit,
            &d.page("/terms/charges"),
            &[
                ("kind", "seat_monthly"),
                ("name", "座席费"),
                ("rate", "6000.00"),
            ],
        )
        .await;
        assert_eq!(seen.status, 403, "{email}");
        let seen = post(
            &mut visit,
            &d.page("/terms/liability"),
            &[
                ("monthly_cap.kind", "amount"),
                ("monthly_cap.amount", "1000.00"),
            ],
        )
        .await;
        assert_eq!(seen.status, 403, "{email}");
    }
    assert_eq!(d.api("/charges").await, json!([]));

    // Another vendor's user does not see the contract at all.
    let other = d.app.active_vendor(&d.owner.token, CREDIT_CODES[1]).await;
    d.app
        .user(&d.owner, "wang@other.cn", "vendor", Some(other))
        .await;
    let mut visit = visit_as(&d.app, "wang@other.cn").await;
    assert!(!visit.get("/contracts").await.body.contains("KF-2026-009"));
    assert_eq!(visit.get(&d.page("")).await.status, 404);
    assert_eq!(visit.get(&d.page("/terms/charges")).await.status, 404);
}

#[tokio::test]
async fn a_signed_contract_s_terms_need_an_amendment_and_say_where_to_open_one() {
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
    let ids = app
        .tmall_contract(
            &owner.token,
            "KF-2026-001",
            vendor,
            shop.body["id"].as_i64().unwrap(),
        )
        .await;
    let id = ids.contract;
    let activated = app
        .post(
            &format!("/api/v1/contracts/{id}/activate"),
            &owner.token,
            json!({}),
        )
        .await;
    assert_eq!(activated.status, 200, "{:?}", activated.body);
    let before = app
        .get(&format!("/api/v1/contracts/{id}/liability"), &owner.token)
        .await
        .body;

    let mut visit = visit_as(&app, "boss@shop.cn").await;
    let page = visit.get(&format!("/contracts/{id}/terms/liability")).await;
    assert!(
        page.body.contains("id=\"terms-signed\""),
        "said before any edit"
    );
    assert!(
        page.body
            .contains(&format!("href=\"/contracts/{id}/signing\""))
    );
    let seen = post(
        &mut visit,
        &format!("/contracts/{id}/terms/liability"),
        &[
            ("monthly_cap.kind", "amount"),
            ("monthly_cap.amount", "1000.00"),
        ],
    )
    .await;
    assert_eq!(seen.status, 409, "{}", seen.body);
    let refused = seen.body.split_once("id=\"refused-signed\"").unwrap().1;
    assert!(refused.contains("请先发起补充协议"), "{refused}");
    assert!(refused.contains(&format!("href=\"/contracts/{id}/signing\"")));
    let after = app
        .get(&format!("/api/v1/contracts/{id}/liability"), &owner.token)
        .await
        .body;
    assert_eq!(after, before, "nothing saved");

    // With an amendment open, the edit goes into it, and the overview says so.
    let plan = Plan::now();
    let opened = app
        .post(
            &format!("/api/v1/contracts/{id}/amendments"),
            &owner.token,
            json!({ "effective_from": plan.third, "reason": "调整上限" }),
        )
        .await;
    assert_eq!(opened.status, 201, "{:?}", opened.body);
    let seen = post(
        &mut visit,
        &format!("/contracts/{id}/terms/liability"),
        &[
            ("monthly_cap.kind", "amount"),
            ("monthly_cap.amount", "1000.00"),
        ],
    )
    .await;
    assert_eq!(seen.status, 303, "{}", seen.body);
    let overview = visit.get(&format!("/contracts/{id}")).await;
    let amendment = overview.body.split_once("id=\"amendment-open\"").unwrap().1;
    assert!(amendment.contains("调整上限"), "{amendment}");
    assert!(
        overview.body.contains("月度扣款上限 1,000.00 CNY"),
        "{}",
        overview.body
    );
}

#[tokio::test]
async fn another_tenant_s_contract_is_not_found_on_any_terms_page() {
    let d = desk().await;
    d.app.signup("另一家店", "other@shop.cn").await;
    let mut visit = visit_as(&d.app, "other@shop.cn").await;
    for part in [
        "",
        "/terms/commercial",
        "/terms/charges",
        "/terms/charges/1",
        "/terms/liability",
        "/terms/phases",
    ] {
        let page = visit.get(&d.page(part)).await;
        assert_eq!(page.status, 404, "{part}");
        assert!(!page.body.contains("KF-2026-009"));
    }
    let seen = post(
        &mut visit,
        &d.page("/terms/charges"),
        &[
            ("kind", "seat_monthly"),
            ("name", "座席费"),
            ("rate", "6000.00"),
        ],
    )
    .await;
    assert_eq!(seen.status, 404);
    let list = visit.get("/contracts").await;
    assert!(!list.body.contains("KF-2026-009"));
    assert_eq!(d.api("/charges").await, json!([]));
}

/// Sets a field's value as a person choosing it would: a select's option, a date.
async fn set(browser: &Browser, selector: &str, value: &str) {
    browser
        .client
        .execute(
            "const e = document.querySelector(arguments[0]); e.value = arguments[1]; \
             if (e.value !== arguments[1]) throw new Error('no such option: ' + arguments[1]);",
            vec![json!(selector), json!(value)],
        )
        .await
        .unwrap_or_else(|e| panic!("{selector} = {value}: {e}"));
}

/// Ticks a checkbox.
async fn tick(browser: &Browser, selector: &str) {
    browser
        .client
        .execute(
            "document.querySelector(arguments[0]).checked = true;",
            vec![json!(selector)],
        )
        .await
        .unwrap_or_else(|e| panic!("{selector}: {e}"));
}

/// The page's words, leaving out codes written as they are (a time zone).
async fn no_english(browser: &Browser) {
    let text = browser.text_without(".mono").await;
    assert_eq!(english_words(&text), Vec::<String>::new(), "{text}");
}

#[tokio::test]
async fn a_merchant_writes_a_contract_s_terms_in_the_browser_in_chinese() {
    let app = spawn_app().await;
    let owner = app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    app.post(
        "/api/v1/shops",
        &owner.token,
        json!({ "platform": "tmall", "name": "某某旗舰店" }),
    )
    .await;
    let Some(browser) = Browser::open(&app, "writing a contract's terms").await else {
        return;
    };
    let plan = Plan::now();
    browser.go("/").await;
    browser.fill("#email", "boss@shop.cn").await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    assert_eq!(browser.path().await, "/home");

    // A new draft contract for the active vendor.
    browser.go("/contracts").await;
    assert_eq!(browser.text("h1").await, "合同");
    browser.fill("#number", "KF-2026-001").await;
    browser.fill("#title", "天猫旗舰店客服外包合同").await;
    let vendor = browser
        .client
        .execute(
            "return document.querySelector('#vendor_id option:nth-child(2)').value",
            vec![],
        )
        .await
        .unwrap();
    set(&browser, "#vendor_id", vendor.as_str().unwrap()).await;
    tick(&browser, "input[name=shop_ids]").await;
    set(&browser, "#start", &plan.start.to_string()).await;
    set(&browser, "#end", &plan.end.to_string()).await;
    browser.click("#create-contract").await;
    let overview = browser.path().await;
    assert!(overview.starts_with("/contracts/"), "{overview}");
    assert_eq!(browser.text("#contract-status").await, "草稿");

    // Commercial terms.
    browser.go(&format!("{overview}/terms/commercial")).await;
    browser.fill("#payment-net_days", "45").await;
    browser.fill("#tax_rate", "6").await;
    set(&browser, "#kpi_source", "merchant").await;
    browser
        .fill("#report_deemed_accepted_after_days", "5")
        .await;
    tick(&browser, "input[name='scope.channels'][value=phone]").await;
    tick(&browser, "input[name='scope.lines'][value=complaints]").await;
    browser
        .fill("input[name='scope.hours[0].from']", "09:00")
        .await;
    browser
        .fill("input[name='scope.hours[0].to']", "24:00")
        .await;
    browser.click("#save-commercial").await;
    assert_eq!(browser.text("#saved").await, "已保存。");
    no_english(&browser).await;
    browser.screenshot("merchant-terms-commercial").await;

    // A seat charge, then a per-unit charge whose second tier is wrong at first.
    browser.go(&format!("{overview}/terms/charges")).await;
    browser.click("#add-seat_monthly").await;
    browser.fill("#name", "座席费").await;
    browser.fill("#rate", "6000.00").await;
    browser.click("#save-charge").await;
    browser.click("#add-per_unit").await;
    browser.fill("#name", "咨询接待费").await;
    set(&browser, "#metric", "consultations").await;
    set(&browser, "#pricing", "graduated").await;
    browser.fill("#tiers-0-from", "0").await;
    browser.fill("#tiers-0-unit_price", "1.20").await;
    browser.fill("#tiers-1-from", "0").await;
    browser.fill("#tiers-1-unit_price", "1.00").await;
    browser.click("#save-charge").await;
    assert_eq!(
        browser.text("#error-tiers-1-from").await,
        "每个阶梯的起点须高于前一个"
    );
    browser.screenshot("merchant-terms-charge-refused").await;
    browser.fill("#tiers-1-from", "20000").await;
    browser.click("#save-charge").await;
    let charges = browser.text("#charges").await;
    assert!(
        charges.contains("座席费") && charges.contains("每座席每月 6,000.00 CNY"),
        "{charges}"
    );
    assert!(charges.contains("20000 件起 1.00/件"), "{charges}");
    no_english(&browser).await;
    browser.screenshot("merchant-terms-charges").await;

    // Liability caps.
    browser.go(&format!("{overview}/terms/liability")).await;
    set(&browser, "#monthly_cap-kind", "percent").await;
    browser.fill("#monthly_cap-percent_of_fees", "20").await;
    browser.fill("#annual_cap", "200000.00").await;
    tick(&browser, "input[name=uncapped][value=data_breach]").await;
    set(&browser, "#incident_duties-0-severity", "critical").await;
    browser
        .fill("#incident_duties-0-escalate_within_minutes", "30")
        .await;
    browser.fill("#incident_duties-0-amount", "5000.00").await;
    browser
        .fill("#termination_after_breached_months", "3")
        .await;
    browser.click("#save-liability").await;
    assert_eq!(browser.text("#saved").await, "已保存。");
    no_english(&browser).await;
    browser.screenshot("merchant-terms-liability").await;

    // A handover plan in two phases.
    browser.go(&format!("{overview}/terms/phases")).await;
    let day_after = (plan.end + chrono::Days::new(1)).to_string();
    for (name, start, end, share, seats) in [
        (
            "试运行",
            plan.start.to_string(),
            plan.second.to_string(),
            "30",
            "4",
        ),
        ("全量", plan.second.to_string(), day_after, "100", "16"),
    ] {
        browser.fill("#name", name).await;
        set(&browser, "#start", &start).await;
        set(&browser, "#end", &end).await;
        tick(&browser, "input[name=channels][value=online_chat]").await;
        browser.fill("#inquiry_share", share).await;
        browser.fill("#seats", seats).await;
        browser.fill("#shifts-0", "早班 9:00–18:00").await;
        set(&browser, "#exit_criteria-0-metric", "first_response_time").await;
        browser.fill("#exit_criteria-0-threshold", "40").await;
        browser.click("#save-phase").await;
        assert_eq!(browser.text("#saved").await, "已保存。");
    }
    let phases = browser.text("#phases").await;
    assert!(
        phases.contains("试运行") && phases.contains("全量"),
        "{phases}"
    );
    assert!(phases.contains("首次响应时间达到 40 秒"), "{phases}");
    no_english(&browser).await;
    browser.screenshot("merchant-terms-phases").await;

    // The overview shows it all.
    browser.go(&overview).await;
    let charges = browser.text("#summary-charges").await;
    assert!(
        charges.contains("座席费") && charges.contains("咨询接待费"),
        "{charges}"
    );
    let commercial = browser.text("#summary-commercial").await;
    assert!(commercial.contains("账期 45 天"), "{commercial}");
    let liability = browser.text("#summary-liability").await;
    assert!(liability.contains("当月服务费的 20%"), "{liability}");
    assert!(liability.contains("200,000.00 CNY"), "{liability}");
    let phases = browser.text("#summary-phases").await;
    assert!(
        phases.contains("试运行") && phases.contains("16 个座席"),
        "{phases}"
    );
    let links = browser.text("#contract-links").await;
    assert!(
        links.contains("签署与变更") && links.contains("本月"),
        "{links}"
    );
    no_english(&browser).await;
    browser.screenshot("merchant-contract").await;

    browser.go("/contracts").await;
    let list = browser.text("#contracts").await;
    assert!(
        list.contains("KF-2026-001") && list.contains("草稿"),
        "{list}"
    );
    assert!(list.contains("上海某某客服外包有限公司"), "{list}");
    no_english(&browser).await;
    browser.screenshot("merchant-contracts").await;
    browser.close().await;
}

#[tokio::test]
async fn a_whole_contract_reads_on_every_terms_page_in_either_language() {
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
    let ids = app
        .tmall_contract(
            &owner.token,
            "KF-2026-001",
            vendor,
            shop.body["id"].as_i64().unwrap(),
        )
        .await;
    let id = ids.contract;
    let mut visit = visit_as(&app, "boss@shop.cn").await;
    let overview = visit.get(&format!("/contracts/{id}")).await;
    for shown in [
        "首次响应时间 目标 30 秒",
        "DSR服务评分",
        "（自“扩大”阶段起）",
        "销售提成",
        "客服销售额的 2%",
        "月度扣款上限为当月服务费的 20%",
        "严重事件须在 30 分钟内上报",
        "全量",
    ] {
        assert!(
            overview.body.contains(shown),
            "'{shown}' is not on the overview"
        );
    }
    for link in [
        "signing",
        "would-have-billed",
        "versions",
        "audit",
        "handover",
        "dashboard",
        "exclusions",
        "incidents",
        "reports",
        "terms/clauses",
    ] {
        assert!(
            overview
                .body
                .contains(&format!("href=\"/contracts/{id}/{link}\"")),
            "{link}"
        );
    }
    assert!(
        overview
            .body
            .contains(&format!("href=\"/contracts/{id}/months/"))
    );
    let phases = visit.get(&format!("/contracts/{id}/terms/phases")).await;
    let second = phases
        .body
        .split_once(&format!("id=\"phase-{}\"", ids.phases[1]))
        .unwrap()
        .1;
    let second = second.split_once("</tr>").unwrap().0;
    assert!(
        second.contains("DSR服务评分目标 4.7"),
        "the target that starts with it: {second}"
    );

    visit.language = Some("en");
    let seat = ids.seat_charge;
    let unit = ids.unit_charge;
    let phase = ids.phases[0];
    for (path, expected) in [
        ("/contracts".to_owned(), "New contract"),
        (format!("/contracts/{id}"), "The contract's other pages"),
        (
            format!("/contracts/{id}/terms/commercial"),
            "Whose figures prevail",
        ),
        (format!("/contracts/{id}/terms/charges"), "Add a charge"),
        (
            format!("/contracts/{id}/terms/charges/{seat}"),
            "Rate per seat and month",
        ),
        (
            format!("/contracts/{id}/terms/charges/{unit}"),
            "Tier pricing",
        ),
        (
            format!("/contracts/{id}/terms/charges/new?kind=commission"),
            "Tiers by",
        ),
        (
            format!("/contracts/{id}/terms/charges/new?kind=minimum_commitment"),
            "Charges under the floor",
        ),
        (
            format!("/contracts/{id}/terms/liability"),
            "Incident duties",
        ),
        (format!("/contracts/{id}/terms/phases"), "Exit criteria"),
        (
            format!("/contracts/{id}/terms/phases/{phase}"),
            "Share of inquiries",
        ),
    ] {
        let page = visit.get(&path).await;
        assert_eq!(page.status, 200, "{path}: {}", page.body);
        assert!(
            page.body.contains(expected),
            "'{expected}' is not on {path}"
        );
        assert!(page.body.contains("<html lang=\"en\">"), "{path}");
        for id in [
            ">terms-",
            ">charge-kind-",
            ">severity-",
            ">contract-status-",
        ] {
            assert!(
                !page.body.contains(id),
                "a text missing from the catalogue on {path}"
            );
        }
    }
}

#[tokio::test]
async fn a_month_the_contract_does_not_run_in_says_why_instead_of_failing() {
    let d = desk().await;
    let mut visit = visit_as(&d.app, "boss@shop.cn").await;
    let plan = Plan::now();
    let before = plan.start - chrono::Months::new(1);
    let before = before.format("%Y-%m").to_string();

    // An address for a month before the contract starts: the rule it breaks, not a server error.
    let seen = visit.get(&d.page(&format!("/months/{before}"))).await;
    assert_eq!(seen.status, 422, "{}", seen.body);
    assert!(seen.body.contains("无法完成"), "{}", seen.body);
    assert!(seen.body.contains("id=\"refused-rules\""), "{}", seen.body);
    assert!(!seen.body.contains("出错了"), "{}", seen.body);

    // The overview's link to "this month" lies within the contract, and its month page has
    // no link to a month before the contract.
    let overview = visit.get(&d.page("")).await;
    assert!(!overview.body.contains(&format!("/months/{before}")));
}
