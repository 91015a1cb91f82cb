//! Onboarding a vendor in the pages: the merchant creates it and invites its
//! account manager, who fills in its particulars and submits them; the
//! merchant sends them back or approves; offboarding says what it ends. And
//! the owner's users (role, deactivation) and the tenant's particulars.

use std::time::Duration;

use mail_parser::MessageParser;
use serde_json::json;

use super::browser::Browser;
use super::journeys::english_words;
use super::{Seen, Visit};
use crate::helpers::{CREDIT_CODES, PASSWORD, Session, TestApp, spawn_app, spawn_app_with};
use crate::smtp::{Received, Smtp};

/// The right code ends in W: one character off fails the check character.
const WRONG_CODE: &str = "91310115MA1K3Y1X2X";

async fn visit_as(app: &TestApp, email: &str) -> Visit {
    let mut visit = Visit::new(app);
    visit.language = Some("zh-CN");
    let signed = visit.sign_in(email, PASSWORD).await;
    assert_eq!(signed.status, 303, "{email} signs in: {}", signed.body);
    visit
}

/// A vendor as the merchant first records it: no bank details yet.
async fn invited_vendor(app: &TestApp, owner: &Session, code: &str) -> i64 {
    let mut body = crate::helpers::vendor_body(code);
    body.as_object_mut().unwrap().remove("bank");
    let created = app.post("/api/v1/vendors", &owner.token, body).await;
    assert_eq!(created.status, 201, "{:?}", created.body);
    created.body["id"].as_i64().unwrap()
}

/// The particulars form as a vendor fills it in.
fn particulars<'a>(csrf: &'a str, code: &'a str, with_bank: bool) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("csrf", csrf),
        ("legal_name", "上海某某客服外包有限公司"),
        ("credit_code", code),
        ("billing_email", "billing@vendor.cn"),
        ("contact0_name", "李经理"),
        ("contact0_title", "客户经理"),
        ("contact0_phone", "+86 21 5555 0101"),
        ("contact0_email", "li@vendor.cn"),
    ];
    if with_bank {
        form.extend([
            ("bank_name", "招商银行上海分行"),
            ("account_name", "上海某某客服外包有限公司"),
            ("account_number", "6225 8802 1234 5678"),
        ]);
    }
    form
}

/// The text of the element with `id`, tags left out.
fn beside(page: &Seen, id: &str) -> String {
    let marker = format!("id=\"{id}\">");
    page.body
        .split_once(&marker)
        .and_then(|(_, rest)| rest.split_once('<'))
        .map(|(text, _)| text.to_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_vendor_user_fills_in_only_its_own_particulars_and_approves_nothing() {
    let app = spawn_app().await;
    let owner = app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    let mine = invited_vendor(&app, &owner, CREDIT_CODES[0]).await;
    let other = invited_vendor(&app, &owner, CREDIT_CODES[1]).await;
    app.user(&owner, "li@vendor.cn", "vendor", Some(mine)).await;
    let mut visit = visit_as(&app, "li@vendor.cn").await;
    let csrf = visit.csrf().await;

    // Its nav leads to its own form; the vendors list sends it there too.
    let home = visit.get("/home").await;
    assert!(
        home.body
            .contains(&format!("href=\"/vendors/{mine}/particulars\""))
    );
    let list = visit.get("/vendors").await;
    assert_eq!(list.location(), format!("/vendors/{mine}/particulars"));

    for path in [
        format!("/vendors/{other}/particulars"),
        format!("/vendors/{other}"),
    ] {
        assert_eq!(visit.get(&path).await.status, 404, "{path}");
    }
    // Another valid code than the vendor's own, so that a write would show.
    let form = particulars(&csrf, CREDIT_CODES[2], true);
    let theirs = visit
        .post(&format!("/vendors/{other}/particulars"), &form)
        .await;
    assert_eq!(theirs.status, 404);
    let submit = visit
        .post(&format!("/vendors/{other}/submit"), &[("csrf", &csrf)])
        .await;
    assert_eq!(submit.status, 404);
    let approve = visit
        .post(&format!("/vendors/{mine}/approve"), &[("csrf", &csrf)])
        .await;
    assert_eq!(
        approve.status, 403,
        "a vendor approves nothing, not even itself"
    );
    let offboard = visit
        .post(&format!("/vendors/{mine}/offboard"), &[("csrf", &csrf)])
        .await;
    assert_eq!(offboard.status, 403);

    // Nothing was written: the other vendor is as the merchant recorded it.
    let seen = app
        .get(&format!("/api/v1/vendors/{other}"), &owner.token)
        .await;
    assert_eq!(seen.body["credit_code"], CREDIT_CODES[1]);
    assert_eq!(seen.body["bank"], json!(null));
    assert_eq!(
        app.get(&format!("/api/v1/vendors/{mine}"), &owner.token)
            .await
            .body["status"],
        "invited"
    );
}

#[tokio::test]
async fn a_wrong_credit_code_is_named_beside_its_field_in_chinese_and_nothing_is_kept() {
    let app = spawn_app().await;
    let owner = app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    let id = invited_vendor(&app, &owner, CREDIT_CODES[0]).await;
    app.user(&owner, "li@vendor.cn", "vendor", Some(id)).await;
    let mut visit = visit_as(&app, "li@vendor.cn").await;
    let csrf = visit.csrf().await;
    let path = format!("/vendors/{id}/particulars");

    let mut form = particulars(&csrf, WRONG_CODE, true);
    form.push(("contact1_phone", "call me"));
    let refused = visit.post(&path, &form).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        beside(&refused, "credit_code-error"),
        "校验码为“X”，但按前 17 位计算应为“W”"
    );
    // The second row has a phone and no name: its rules are on its own row.
    assert!(
        !beside(&refused, "contact-1-error").is_empty(),
        "{}",
        refused.body
    );
    assert!(!refused.body.contains("id=\"contact-0-error\""));
    // The input is kept, to be corrected.
    assert!(refused.body.contains(&format!("value=\"{WRONG_CODE}\"")));
    assert!(refused.body.contains("value=\"6225 8802 1234 5678\""));
    let kept = app
        .get(&format!("/api/v1/vendors/{id}"), &owner.token)
        .await;
    assert_eq!(kept.body["bank"], json!(null), "nothing half written");

    // Submitting without a bank account is refused beside the bank section.
    let early = visit
        .post(&format!("/vendors/{id}/submit"), &[("csrf", &csrf)])
        .await;
    assert_eq!(early.status, 422);
    assert_eq!(beside(&early, "bank-error"), "提交审核前须填写银行账户");

    let saved = visit
        .post(&path, &particulars(&csrf, CREDIT_CODES[0], true))
        .await;
    assert_eq!(saved.location(), format!("{path}?done=saved"));
    let submitted = visit
        .post(&format!("/vendors/{id}/submit"), &[("csrf", &csrf)])
        .await;
    assert_eq!(submitted.location(), format!("{path}?done=submitted"));
    let locked = visit.get(&path).await;
    assert!(locked.body.contains("id=\"awaiting\""));
    assert!(
        !locked.body.contains("id=\"save\""),
        "locked while reviewed"
    );
    let again = visit
        .post(&path, &particulars(&csrf, CREDIT_CODES[0], true))
        .await;
    assert_eq!(again.status, 409);
    assert!(again.body.contains("资料已提交，正等待商家审核"));
}

#[tokio::test]
async fn approving_without_bank_details_is_refused_beside_the_bank() {
    let app = spawn_app().await;
    app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    let mut visit = visit_as(&app, "boss@shop.cn").await;
    let csrf = visit.csrf().await;

    // A new vendor from the page: a wrong code named beside its field first.
    let wrong = visit
        .post("/vendors", &particulars(&csrf, WRONG_CODE, false))
        .await;
    assert_eq!(wrong.status, 422);
    assert!(beside(&wrong, "credit_code-error").starts_with("校验码"));
    let created = visit
        .post("/vendors", &particulars(&csrf, CREDIT_CODES[0], false))
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    let page = created.location().split('?').next().unwrap().to_owned();
    let shown = visit.get(created.location()).await;
    assert!(shown.body.contains("已新增服务商"), "{}", shown.body);

    let refused = visit
        .post(&format!("{page}/approve"), &[("csrf", &csrf)])
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        beside(&refused, "bank-error"),
        "合作中的服务商须有银行账户信息才能收款"
    );
    assert!(refused.body.contains("待完善资料"), "still invited");
    // Nothing submitted: nothing to send back.
    let back = visit
        .post(
            &format!("{page}/send-back"),
            &[("csrf", &csrf), ("comment", "请补充")],
        )
        .await;
    assert_eq!(back.status, 409);
}

#[tokio::test]
async fn an_auditor_and_another_tenant_are_refused() {
    let app = spawn_app().await;
    let owner = app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    let id = invited_vendor(&app, &owner, CREDIT_CODES[0]).await;
    app.user(&owner, "audit@shop.cn", "auditor", None).await;
    app.signup("另一家商家", "other@shop.cn").await;

    let mut auditor = visit_as(&app, "audit@shop.cn").await;
    let csrf = auditor.csrf().await;
    let seen = auditor.get(&format!("/vendors/{id}")).await;
    assert_eq!(seen.status, 200, "an auditor reads");
    assert!(!seen.body.contains("id=\"approve\""), "but sees no step");
    for (path, form) in [
        (
            format!("/vendors/{id}/approve"),
            vec![("csrf", csrf.as_str())],
        ),
        (
            format!("/vendors/{id}/send-back"),
            vec![("csrf", csrf.as_str()), ("comment", "x")],
        ),
        (
            format!("/vendors/{id}/invite"),
            vec![
                ("csrf", csrf.as_str()),
                ("email", "x@vendor.cn"),
                ("display_name", "x"),
            ],
        ),
        (
            "/vendors".to_owned(),
            particulars(&csrf, CREDIT_CODES[1], true),
        ),
    ] {
        assert_eq!(auditor.post(&path, &form).await.status, 403, "{path}");
    }
    assert_eq!(
        auditor.get(&format!("/vendors/{id}/offboard")).await.status,
        403
    );

    let mut stranger = visit_as(&app, "other@shop.cn").await;
    let csrf = stranger.csrf().await;
    for path in [
        format!("/vendors/{id}"),
        format!("/vendors/{id}/offboard"),
        format!("/vendors/{id}/particulars"),
    ] {
        assert_eq!(stranger.get(&path).await.status, 404, "{path}");
    }
    let approve = stranger
        .post(&format!("/vendors/{id}/approve"), &[("csrf", &csrf)])
        .await;
    assert_eq!(approve.status, 404);
    let list = stranger.get("/vendors").await;
    assert!(list.body.contains("id=\"no-vendors\""));
    assert_eq!(
        app.get(&format!("/api/v1/vendors/{id}"), &owner.token)
            .await
            .body["status"],
        "invited"
    );
}

#[tokio::test]
async fn offboarding_lists_what_it_ends_before_it_ends_it() {
    let app = spawn_app().await;
    let owner = app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    app.user(&owner, "li@vendor.cn", "vendor", Some(vendor))
        .await;
    let (_, key) = app
        .api_key_with(&owner.token, vendor, json!({ "name": "夜间数据同步" }))
        .await;
    let shop = app
        .post(
            "/api/v1/shops",
            &owner.token,
            json!({ "platform": "tmall", "name": "天猫旗舰店" }),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let ids = app
        .tmall_contract(&owner.token, "KF-2026-007", vendor, shop)
        .await;
    let activated = app
        .post(
            &format!("/api/v1/contracts/{}/activate", ids.contract),
            &owner.token,
            json!({}),
        )
        .await;
    assert_eq!(activated.status, 200, "{:?}", activated.body);

    let mut visit = visit_as(&app, "boss@shop.cn").await;
    let csrf = visit.csrf().await;
    let confirm = visit.get(&format!("/vendors/{vendor}/offboard")).await;
    assert_eq!(confirm.status, 200);
    assert!(
        confirm.body.contains("无法再登录的用户（1 位）"),
        "{}",
        confirm.body
    );
    assert!(confirm.body.contains("li@vendor.cn"));
    assert!(confirm.body.contains("将失效的 API 密钥（1 个）"));
    assert!(confirm.body.contains("夜间数据同步"));
    assert!(confirm.body.contains("仍在执行的合同（1 份）"));
    assert!(confirm.body.contains("KF-2026-007"));
    // Reading it changed nothing.
    assert_eq!(app.login("li@vendor.cn", PASSWORD).await.status, 200);

    let done = visit
        .post(&format!("/vendors/{vendor}/offboard"), &[("csrf", &csrf)])
        .await;
    assert_eq!(
        done.location(),
        format!("/vendors/{vendor}?done=offboarded")
    );
    assert_eq!(app.login("li@vendor.cn", PASSWORD).await.status, 403);
    assert_eq!(app.get("/api/v1/vendors", &key).await.status, 401);
    let page = visit.get(&format!("/vendors/{vendor}")).await;
    assert!(page.body.contains("已解除合作"));
    assert!(!page.body.contains("id=\"invite-form\""), "no new users");
    let invited = visit
        .post(
            &format!("/vendors/{vendor}/invite"),
            &[
                ("csrf", &csrf),
                ("email", "new@vendor.cn"),
                ("display_name", "新人"),
                ("language", "zh-CN"),
            ],
        )
        .await;
    assert_eq!(invited.status, 409);
    assert!(invited.body.contains("该服务商已解除合作，不能再邀请用户"));
}

#[tokio::test]
async fn the_owner_changes_roles_and_deactivates_but_keeps_an_owner() {
    let app = spawn_app().await;
    let owner = app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    let clerk = app.user(&owner, "zhao@shop.cn", "finance", None).await;
    let mut visit = visit_as(&app, "boss@shop.cn").await;
    let csrf = visit.csrf().await;

    let last = visit
        .post(
            &format!("/users/{}/role", owner.user_id),
            &[("csrf", &csrf), ("role", "manager"), ("vendor_id", "")],
        )
        .await;
    assert_eq!(last.status, 409, "{}", last.body);
    let why = beside(&last, &format!("user-{}-error", owner.user_id));
    assert!(why.contains("所有者"), "{why}");

    let vendor_id = vendor.to_string();
    let moved = visit
        .post(
            &format!("/users/{}/role", clerk.user_id),
            &[
                ("csrf", &csrf),
                ("role", "vendor"),
                ("vendor_id", &vendor_id),
            ],
        )
        .await;
    assert_eq!(moved.location(), "/users?done=role");
    let seen = app
        .get(&format!("/api/v1/users/{}", clerk.user_id), &owner.token)
        .await;
    assert_eq!(
        (seen.body["role"].as_str(), seen.body["vendor_id"].as_i64()),
        (Some("vendor"), Some(vendor))
    );

    let confirm = visit
        .get(&format!("/users/{}/deactivate", clerk.user_id))
        .await;
    assert!(confirm.body.contains("zhao@shop.cn"));
    assert!(confirm.body.contains("id=\"deactivate\""));
    let gone = visit
        .post(
            &format!("/users/{}/deactivate", clerk.user_id),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(gone.location(), "/users?done=deactivated");
    assert_eq!(app.login("zhao@shop.cn", PASSWORD).await.status, 401);
    let refused = visit
        .post(
            &format!("/users/{}/deactivate", owner.user_id),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(refused.status, 409);
    assert!(
        refused
            .body
            .contains(&format!("id=\"user-{}-error\"", owner.user_id))
    );

    // A manager sees the people but changes no one.
    app.user(&owner, "wang@shop.cn", "manager", None).await;
    let mut manager = visit_as(&app, "wang@shop.cn").await;
    let csrf = manager.csrf().await;
    let page = manager.get("/users").await;
    assert!(!page.body.contains("/deactivate\""));
    let tried = manager
        .post(
            &format!("/users/{}/role", owner.user_id),
            &[("csrf", &csrf), ("role", "auditor"), ("vendor_id", "")],
        )
        .await;
    assert_eq!(tried.status, 403);
}

#[tokio::test]
async fn the_tenant_particulars_are_checked_and_kept_by_the_owner_and_finance() {
    let app = spawn_app().await;
    let owner = app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    app.user(&owner, "zhao@shop.cn", "finance", None).await;
    app.user(&owner, "wang@shop.cn", "manager", None).await;
    let mut visit = visit_as(&app, "zhao@shop.cn").await;
    let csrf = visit.csrf().await;
    let form = |code: &'static str| {
        vec![
            ("legal_name", "杭州某某电子商务有限公司"),
            ("credit_code", code),
            ("address", "杭州市余杭区文一西路 969 号"),
            ("bank_name", "招商银行杭州分行"),
            ("account_name", "杭州某某电子商务有限公司"),
            ("account_number", "571908765432101"),
        ]
    };
    let mut wrong = form(WRONG_CODE);
    wrong.push(("csrf", &csrf));
    let refused = visit.post("/tenant", &wrong).await;
    assert_eq!(refused.status, 422);
    assert!(beside(&refused, "credit_code-error").starts_with("校验码"));
    assert!(refused.body.contains("杭州市余杭区文一西路 969 号"), "kept");
    let mut right = form(CREDIT_CODES[2]);
    right.push(("csrf", &csrf));
    let saved = visit.post("/tenant", &right).await;
    assert_eq!(saved.location(), "/tenant?done=saved");
    let page = visit.get("/tenant?done=saved").await;
    assert!(
        page.body
            .contains(&format!("value=\"{}\"", CREDIT_CODES[2]))
    );
    assert!(page.body.contains("企业资料已保存"));

    let mut manager = visit_as(&app, "wang@shop.cn").await;
    assert_eq!(manager.get("/tenant").await.status, 403);
}

async fn with_mail(smtp: &Smtp) -> TestApp {
    let url = smtp.url();
    spawn_app_with(move |settings| {
        settings.mail.smtp_url = Some(url);
        settings.mail.poll = Duration::from_millis(100);
        settings.mail.smtp_timeout = Duration::from_secs(5);
    })
    .await
}

/// The path of the account link in a mail, to visit on the test server.
fn link_in(mail: &Received) -> String {
    let message = MessageParser::default().parse(&mail.raw).unwrap();
    let body = message.body_text(0).unwrap_or_default().into_owned();
    let link = body
        .split_whitespace()
        .find(|word| word.contains("/account/"))
        .unwrap_or_default()
        .to_owned();
    let after_scheme = link
        .split_once("://")
        .map_or(link.as_str(), |(_, rest)| rest);
    after_scheme[after_scheme.find('/').unwrap()..].to_owned()
}

async fn sign_in(browser: &Browser, email: &str, password: &str) {
    browser.go("/").await;
    browser.fill("#email", email).await;
    browser.fill("#password", password).await;
    browser.click("button[type=submit]").await;
    assert_eq!(browser.path().await, "/home");
}

async fn sign_out(browser: &Browser) {
    browser.click(".top form button").await;
}

#[tokio::test]
async fn in_the_browser_a_merchant_onboards_a_vendor_who_is_sent_back_once_and_approved() {
    let smtp = Smtp::start(None);
    let app = with_mail(&smtp).await;
    let owner = app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    app.user(&owner, "wang@shop.cn", "manager", None).await;
    let Some(browser) = Browser::open(&app, "onboarding a vendor").await else {
        return;
    };

    // The manager records the vendor and invites its account manager.
    sign_in(&browser, "wang@shop.cn", PASSWORD).await;
    browser.click("a[href='/vendors']").await;
    browser.click("#new-vendor").await;
    browser
        .fill("#legal_name", "上海某某客服外包有限公司")
        .await;
    browser.fill("#credit_code", CREDIT_CODES[0]).await;
    browser.fill("#billing_email", "billing@vendor.cn").await;
    browser.click("#create-vendor").await;
    browser.wait_for_text("#notice", "已新增服务商").await;
    let vendor_page = browser.path().await.split('?').next().unwrap().to_owned();
    browser.fill("#invite-email", "li@vendor.cn").await;
    browser.fill("#invite-name", "李经理").await;
    browser.click("#send-invitation").await;
    browser.wait_for_text("#notice", "li@vendor.cn").await;
    assert!(browser.text("#people").await.contains("李经理"));
    sign_out(&browser).await;

    // The vendor follows the mail, chooses a password and signs in.
    let link = link_in(&smtp.wait_for(1).await[0]);
    browser.go(&link).await;
    browser.fill("#password", "vendor long passphrase").await;
    browser
        .fill("#password_again", "vendor long passphrase")
        .await;
    browser.click("main form button").await;
    sign_in(&browser, "li@vendor.cn", "vendor long passphrase").await;
    browser.click("a[href$='/particulars']").await;
    assert_eq!(browser.path().await, format!("{vendor_page}/particulars"));

    // A wrong credit code, named beside its field in Chinese; then corrected.
    browser.fill("#credit_code", WRONG_CODE).await;
    browser.fill("input[name=contact0_name]", "李经理").await;
    browser
        .fill("input[name=contact0_phone]", "+86 21 5555 0101")
        .await;
    browser.fill("#bank_name", "招商银行上海分行").await;
    browser
        .fill("#account_name", "上海某某客服外包有限公司")
        .await;
    browser.fill("#account_number", "6225880212345678").await;
    browser.click("#save").await;
    let error = browser.text("#credit_code-error").await;
    assert_eq!(error, "校验码为“X”，但按前 17 位计算应为“W”");
    assert_eq!(
        browser.text("label[for=credit_code]").await,
        "统一社会信用代码"
    );
    browser.fill("#credit_code", CREDIT_CODES[0]).await;
    browser.click("#save").await;
    browser.wait_for_text("#notice", "资料已保存").await;
    browser.click("#submit").await;
    browser.wait_for_text("#notice", "等待商家审核").await;
    sign_out(&browser).await;

    // The merchant sees it waiting first, and sends it back once.
    sign_in(&browser, "wang@shop.cn", PASSWORD).await;
    browser.click("a[href='/vendors']").await;
    assert!(browser.text("#awaiting").await.contains("1 家"));
    assert!(browser.text("#vendors tbody tr").await.contains("待审核"));
    browser.screenshot("merchant-vendors-list").await;
    browser.go(&vendor_page).await;
    browser
        .fill("#comment", "开户名须与营业执照一致，请补充开户行支行")
        .await;
    browser.click("#send-back").await;
    browser.wait_for_text("#notice", "已退回").await;
    sign_out(&browser).await;

    // The vendor sees the comment on its form, and resubmits.
    sign_in(&browser, "li@vendor.cn", "vendor long passphrase").await;
    browser.go(&format!("{vendor_page}/particulars")).await;
    assert!(
        browser
            .text("#review-comment")
            .await
            .contains("请补充开户行支行")
    );
    browser.fill("#bank_name", "招商银行上海分行张江支行").await;
    browser.click("#save").await;
    browser.wait_for_text("#notice", "资料已保存").await;
    browser.screenshot("merchant-vendor-particulars").await;
    let page = browser.text("main").await;
    assert_eq!(english_words(&page), Vec::<String>::new(), "{page}");
    browser.click("#submit").await;
    browser.wait_for_text("#notice", "等待商家审核").await;
    sign_out(&browser).await;

    // The merchant approves: the vendor is active.
    sign_in(&browser, "wang@shop.cn", PASSWORD).await;
    browser.go(&vendor_page).await;
    assert!(browser.text("#bank").await.contains("张江支行"));
    browser.screenshot("merchant-vendor").await;
    let page = browser.text("main").await;
    assert_eq!(english_words(&page), Vec::<String>::new(), "{page}");
    browser.click("#approve").await;
    browser.wait_for_text("#notice", "已审核通过").await;
    assert_eq!(browser.text("#vendor-status").await, "合作中");
    browser.click("a[href='/vendors']").await;
    assert!(browser.text("#vendors").await.contains("合作中"));
    sign_out(&browser).await;

    // The owner's people and the company's particulars.
    sign_in(&browser, "boss@shop.cn", PASSWORD).await;
    browser.click("a[href='/users']").await;
    assert!(browser.text("#users").await.contains("李经理"));
    browser.screenshot("merchant-users").await;
    browser.click("a[href='/tenant']").await;
    browser
        .fill("#legal_name", "杭州某某电子商务有限公司")
        .await;
    browser.fill("#credit_code", CREDIT_CODES[2]).await;
    browser
        .fill("#address", "杭州市余杭区文一西路 969 号")
        .await;
    browser.click("#save-tenant").await;
    browser.wait_for_text("#notice", "企业资料已保存").await;
    browser.screenshot("merchant-tenant").await;
    let page = browser.text("main").await;
    assert_eq!(english_words(&page), Vec::<String>::new(), "{page}");
    browser.close().await;
}
