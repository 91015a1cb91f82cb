//! The vendor's month in the browser: each contract's month so far, a
//! month day by day with its charts and figures.

use chrono::Utc;

use super::browser::Browser;
use super::journeys::english_words;
use crate::helpers::{TestApp, spawn_app};

/// A server holding the demo's merchant, vendor and three months.
async fn demo() -> TestApp {
    let app = spawn_app().await;
    let today = Utc::now().date_naive();
    kefu::demo::seed(&app.address, today, false).await.unwrap();
    app
}

/// The month the demo's figures end in: the last November that is over.
fn demo_november() -> String {
    let today = Utc::now().date_naive();
    let year = if today.format("%m").to_string() == "12" {
        today.format("%Y").to_string().parse::<i32>().unwrap()
    } else {
        today.format("%Y").to_string().parse::<i32>().unwrap() - 1
    };
    format!("{year}-11")
}

async fn sign_in(browser: &Browser, email: &str) {
    browser.go("/").await;
    browser.fill("#email", email).await;
    browser.fill("#password", kefu::demo::PASSWORD).await;
    browser.click("button[type=submit]").await;
    assert_eq!(browser.path().await, "/home");
}

// The demo is seeded through actix's own client: an actix runtime.
#[actix_web::test]
async fn a_vendor_sees_the_month_so_far_and_a_month_day_by_day_in_chinese() {
    let app = demo().await;
    let Some(browser) = Browser::open(&app, "the vendor's month").await else {
        return;
    };
    sign_in(&browser, kefu::demo::VENDOR).await;

    let card = browser.text(".month-card").await;
    for expected in [
        "首次响应时间",
        "目标",
        "若本月于今日结束",
        "合计（含税）",
        "CNY",
    ] {
        assert!(card.contains(expected), "{expected} in {card}");
    }
    let page = browser.text("main").await;
    assert_eq!(english_words(&page), Vec::<String>::new(), "{page}");
    browser.screenshot("vendor-home").await;

    let november = demo_november();
    browser.go(&format!("/contracts/1/months/{november}")).await;
    assert!(browser.text("h1").await.contains("KF-2026-001"));
    let response = browser.text("#metric-first_response_time").await;
    assert!(
        response.contains("用于 SLA 考核") && response.contains("秒"),
        "{response}"
    );
    // The chart script drew every metric's chart.
    let drawn = browser
        .client
        .execute(
            "await new Promise(r => setTimeout(r, 300)); return document.querySelectorAll('.chart.drawn canvas').length",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        drawn.as_u64().unwrap_or_default() >= 3,
        "charts drawn: {drawn}"
    );
    let page = browser.text("main").await;
    assert_eq!(english_words(&page), Vec::<String>::new(), "{page}");
    browser.screenshot("contract-month").await;
    browser.close().await;
}
