//! The people's journeys, in a real browser.

use serde_json::json;

use super::browser::Browser;
use crate::helpers::{CREDIT_CODES, PASSWORD, spawn_app};

/// Words of Latin letters a Chinese page may still show: codes and
/// abbreviations that Chinese back offices write this way.
const KEPT_AS_THEY_ARE: &[&str] = &[
    "CNY", "KPI", "SLA", "DSR", "CSAT", "DSAT", "NPS", "FCR", "QA", "PDF", "CSV", "HTML", "Excel",
    "API", "English",
];

/// The words of English left in a text meant to be Chinese: runs of Latin
/// letters that are not a code, an address, a number or a kept abbreviation.
pub fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || "，。：；、（）()·|/".contains(c))
        .filter(|token| !token.contains('@') && !token.chars().any(|c| c.is_ascii_digit()))
        .flat_map(|token| token.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|word| word.len() >= 2 && !KEPT_AS_THEY_ARE.contains(word))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn a_merchant_signs_in_sees_their_contracts_in_chinese_and_signs_out() {
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
    app.tmall_contract(
        &owner.token,
        "KF-2026-001",
        vendor,
        shop.body["id"].as_i64().unwrap(),
    )
    .await;
    let Some(browser) = Browser::open(&app, "signing in").await else {
        return;
    };

    browser.go("/").await;
    assert_eq!(browser.text("h1").await, "登录");
    browser.screenshot("sign-in").await;
    browser.fill("#email", "boss@shop.cn").await;
    browser.fill("#password", "wrong password").await;
    browser.click("button[type=submit]").await;
    assert_eq!(browser.text("#sign-in-error").await, "邮箱或密码不正确。");

    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    assert_eq!(browser.path().await, "/home");
    let contracts = browser.text("#contracts").await;
    assert!(contracts.contains("KF-2026-001"), "{contracts}");
    assert!(contracts.contains("草稿"), "{contracts}");
    let page = browser.text("body").await;
    assert_eq!(english_words(&page), Vec::<String>::new(), "{page}");
    browser.screenshot("home").await;

    browser.click(".top form button").await;
    assert_eq!(browser.path().await, "/?signed_out=1");
    assert!(browser.text("main").await.contains("您已退出登录"));
    browser.go("/home").await;
    assert_eq!(
        browser.path().await,
        "/?ended=1&next=%2Fhome",
        "signed out for good"
    );
    browser.close().await;
}

#[tokio::test]
async fn a_form_posted_without_its_csrf_token_is_refused_in_the_browser() {
    let app = spawn_app().await;
    app.signup("某某店", "boss@shop.cn").await;
    let Some(browser) = Browser::open(&app, "a form without its token").await else {
        return;
    };
    browser.go("/").await;
    browser.fill("#email", "boss@shop.cn").await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    assert_eq!(browser.path().await, "/home");

    // As a forged form would: the sign-out form, its token taken out.
    browser
        .client
        .execute(
            "document.querySelector('.top form input[name=csrf]').remove()",
            vec![],
        )
        .await
        .unwrap();
    browser.click(".top form button").await;
    assert_eq!(browser.text("h1").await, "表单已失效");
    browser.screenshot("form-refused").await;
    browser.go("/home").await;
    assert_eq!(
        browser.path().await,
        "/home",
        "still signed in: nothing changed"
    );
    browser.close().await;
}

#[tokio::test]
async fn an_address_with_no_page_shows_the_404_page_in_the_site_s_style() {
    let app = spawn_app().await;
    let Some(browser) = Browser::open(&app, "the 404 page").await else {
        return;
    };
    browser.go("/invoices/no-such-invoice").await;
    assert_eq!(browser.text("h1").await, "页面不存在");
    browser.screenshot("not-found").await;
    browser.close().await;
}

#[test]
fn english_words_are_found_and_codes_are_not() {
    assert_eq!(
        english_words("合同编号 KF-2026-001 币种 CNY 状态 生效中"),
        Vec::<String>::new()
    );
    assert_eq!(
        english_words("当前用户：boss@shop.cn"),
        Vec::<String>::new()
    );
    assert_eq!(
        english_words("16 seats × 5500.00 per seat-month"),
        ["seats", "per", "seat", "month"]
    );
}
