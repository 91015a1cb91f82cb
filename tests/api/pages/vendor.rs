//! The vendor's month in the browser: each contract's month so far, a
//! month day by day with its charts and figures.

use chrono::Utc;

use super::Visit;
use super::browser::Browser;
use super::journeys::english_words;
use crate::helpers::{PASSWORD, TestApp, spawn_app};
use crate::kpi::{Signed, day, last_month};

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

#[actix_web::test]
async fn a_vendor_uploads_a_feed_sees_its_bad_row_named_and_sends_it_corrected() {
    let app = demo().await;
    let Some(browser) = Browser::open(&app, "uploading a feed").await else {
        return;
    };
    sign_in(&browser, kefu::demo::VENDOR).await;
    let november = demo_november();
    browser.go(&format!("/contracts/1/months/{november}")).await;
    browser.click("a[href^='/kpi/upload']").await;
    assert_eq!(browser.text("h1").await, "上传每日数据");

    let day = format!("{november}-30");
    let folder = tempfile::tempdir().unwrap();
    let bad = folder.path().join("feed.csv");
    std::fs::write(
        &bad,
        format!(
            "contract,metric,day,numerator,denominator\n\
             KF-2026-001,first_response_time,{day},842000,30500\n\
             KF-2026-001,first_response_time,{day}x,1,1\n"
        ),
    )
    .unwrap();
    browser.send_file("#file", &bad).await;
    browser.click("#upload-form button[type=submit]").await;
    let problems = browser.text("#upload-problems").await;
    assert!(problems.contains("整个文件均未写入"), "{problems}");
    let row = browser.text("#upload-problems tbody tr").await;
    assert!(row.starts_with("3 day"), "line 3, field day: {row}");
    browser.screenshot("upload-refused").await;

    let good = folder.path().join("corrected.csv");
    std::fs::write(
        &good,
        format!(
            "contract,metric,day,numerator,denominator\n\
             KF-2026-001,first_response_time,{day},842000,30500\n"
        ),
    )
    .unwrap();
    browser.send_file("#file", &good).await;
    browser.click("#upload-form button[type=submit]").await;
    let done = browser.text("#upload-done").await;
    assert!(
        done.contains("共 1 行") && done.contains("更正 1 行"),
        "{done}"
    );
    browser.click("main a").await;
    assert_eq!(
        browser.path().await,
        format!("/contracts/1/months/{november}")
    );
    browser.close().await;
}

#[actix_web::test]
async fn an_upload_without_its_csrf_token_is_refused_before_its_file_is_read() {
    let app = demo().await;
    let mut visit = Visit::new(&app);
    visit
        .sign_in(kefu::demo::VENDOR, kefu::demo::PASSWORD)
        .await;
    let day = format!("{}-30", demo_november());
    let file = format!(
        "contract,metric,day,numerator,denominator\nKF-2026-001,first_response_time,{day},1000,1\n"
    );

    let refused = visit.post_file("/kpi/upload", "", &file).await;
    assert_eq!(refused.status, 403);
    let csrf = visit.csrf().await;
    let forged = visit.post_file("/kpi/upload", &"0".repeat(64), &file).await;
    assert_eq!(forged.status, 403);

    // Nothing was written: the same row now goes in as a correction of the demo's own.
    let taken = visit.post_file("/kpi/upload", &csrf, &file).await;
    assert_eq!(taken.status, 200, "{}", taken.body);
    assert!(taken.body.contains("更正 1 行"), "{}", taken.body);
    let again = visit.post_file("/kpi/upload", &csrf, &file).await;
    assert!(again.body.contains("未变 1 行"), "{}", again.body);
}

#[tokio::test]
async fn a_vendor_writes_and_submits_a_report_and_answers_the_merchant_s_dispute() {
    let s = Signed::new().await;
    let period = last_month();
    let rows = serde_json::json!({ "rows": [
        { "metric": "consultations", "day": day(1), "numerator": 1200 },
        { "metric": "consultations", "day": day(2), "numerator": 1300 },
    ] });
    assert_eq!(s.feed(&s.vendor_key, rows).await.status, 201);
    s.app
        .user(&s.owner, "li@vendor.cn", "vendor", Some(s.vendor))
        .await;
    let Some(browser) = Browser::open(&s.app, "writing a report").await else {
        return;
    };
    let contract = s.ids.contract;
    browser.go("/").await;
    browser.fill("#email", "li@vendor.cn").await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    browser
        .go(&format!("/contracts/{contract}/reports/{period}"))
        .await;
    assert_eq!(browser.text("#report-status").await, "尚未填写");
    let consultations = browser.text("#figure-consultations").await;
    assert!(
        consultations.contains("2,500"),
        "summed from the feed: {consultations}"
    );
    browser.fill("input[name='n.dsr_service']", "480").await;
    browser.fill("input[name='d.dsr_service']", "100").await;
    browser.fill("input[name=seats]", "16").await;
    browser.fill("input[name=agents]", "18").await;
    browser.fill("input[name=attrition]", "5.5").await;
    browser.fill("#problems", "双12 前咨询量上升").await;
    browser.click("#save-report").await;
    assert!(browser.text("#report-saved").await.contains("已保存"));
    assert_eq!(browser.text("#report-status").await, "草稿");
    assert!(browser.text("#figure-dsr_service").await.contains("4.8"));
    browser.click("#submit-report").await;
    assert_eq!(browser.text("#report-status").await, "已提交");

    // The merchant disputes a figure.
    let disputed = s
        .app
        .post(
            &s.report_path(&period, "/dispute"),
            &s.owner.token,
            serde_json::json!({ "comments": [
                { "metric": "dsr_service", "comment": "与平台后台的评分不一致" }
            ] }),
        )
        .await;
    assert_eq!(disputed.status, 200, "{:?}", disputed.body);

    browser
        .go(&format!("/contracts/{contract}/reports/{period}"))
        .await;
    assert_eq!(browser.text("#report-status").await, "有异议");
    let row = browser.text("#report-figures .dispute-row").await;
    assert!(row.contains("与平台后台的评分不一致"), "{row}");
    browser.fill("input[name='n.dsr_service']", "476").await;
    browser
        .fill("#answer-dsr_service", "已按平台口径重新核对并更正")
        .await;
    browser.screenshot("report-disputed").await;
    browser.click("#save-report").await;
    browser.click("#submit-report").await;
    assert_eq!(browser.text("#report-status").await, "已提交");
    let report = s.app.get(&s.report_path(&period, ""), &s.owner.token).await;
    assert_eq!(report.body["submissions"], 2);
    assert_eq!(
        report.body["disputes"][0]["answer"],
        "已按平台口径重新核对并更正"
    );
    browser.close().await;
}

#[actix_web::test]
async fn what_if_a_figure_were_worse_shows_each_line_change() {
    let app = demo().await;
    let Some(browser) = Browser::open(&app, "what if").await else {
        return;
    };
    sign_in(&browser, kefu::demo::VENDOR).await;
    let november = demo_november();
    browser
        .go(&format!("/contracts/1/months/{november}/what-if"))
        .await;
    let before = browser.text("#total-after").await;
    // Twice the seconds to first reply: the response-time clause falls short.
    let numerator = browser
        .client
        .find(fantoccini::Locator::Css(
            "input[name='n.first_response_time']",
        ))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    let doubled = (numerator.parse::<i64>().unwrap() * 2).to_string();
    browser
        .fill("input[name='n.first_response_time']", &doubled)
        .await;
    browser.click("#what-if-form button").await;
    let after = browser.text("#total-after").await;
    assert_ne!(before, after, "the total moves");
    let lines = browser.text("#what-if-lines").await;
    assert!(lines.contains("首次响应时间"), "{lines}");
    assert!(
        browser
            .client
            .find(fantoccini::Locator::Css("tr.moved-down"))
            .await
            .is_ok()
    );
    let page = browser.text("main").await;
    assert_eq!(english_words(&page), Vec::<String>::new(), "{page}");
    browser.screenshot("what-if").await;
    browser.close().await;
}

#[actix_web::test]
async fn a_vendor_makes_a_key_for_its_feed_job_sees_it_once_and_revokes_it() {
    let app = demo().await;
    let Some(browser) = Browser::open(&app, "API keys").await else {
        return;
    };
    sign_in(&browser, kefu::demo::VENDOR).await;
    browser.click("a[href='/api-keys']").await;
    browser.fill("#key-name", "每日 KPI 上报任务").await;
    browser.click("#new-key button").await;
    let secret = browser.text("#key-secret").await;
    assert!(secret.starts_with("kefu_"), "{secret}");
    browser.screenshot("api-keys").await;
    // The key works on the API, with the scopes ticked by default.
    let reply = app.get("/api/v1/contracts", &secret).await;
    assert_eq!(reply.status, 200, "{:?}", reply.body);

    browser.go("/api-keys").await;
    assert!(
        !browser.text("main").await.contains(&secret),
        "shown once only"
    );
    browser.click("#keys form button").await;
    assert!(browser.text("#keys").await.contains("已停用"));
    assert_eq!(app.get("/api/v1/contracts", &secret).await.status, 401);
    browser.close().await;
}
