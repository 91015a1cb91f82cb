//! Finance's month in a real browser: the close, a disputed draft issued
//! with its reason, the invoice mailed (arriving with its PDF) and
//! downloaded, a payment and a credit note changing the balance, the outbox
//! with a failure and its retry; and what other people may not do.

use fantoccini::Locator;
use mail_parser::{MessageParser, MimeHeaders};

use super::Visit;
use super::browser::Browser;
use super::finance_forms::{a_contract_that_cannot_be_computed, dispute_the_report};
use super::journeys::english_words;
use crate::documents::{pdf_text, printed};
use crate::helpers::{CREDIT_CODES, PASSWORD};
use crate::invoices::{Billing, dec};
use crate::kpi::last_month;
use crate::mail::quick;
use crate::smtp::Smtp;

async fn sign_in(browser: &Browser, email: &str) {
    browser.go("/").await;
    browser.fill("#email", email).await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    assert_eq!(browser.path().await, "/home");
}

/// Opens a step's folded form (a `<details>`) without leaving the page.
async fn unfold(browser: &Browser, step: &str) {
    let summary = format!("details#{step} > summary");
    let details = browser
        .client
        .find(Locator::Css(&format!("details#{step}")))
        .await
        .unwrap();
    if details.attr("open").await.unwrap().is_none() {
        browser
            .client
            .find(Locator::Css(&summary))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
}

async fn tick(browser: &Browser, selector: &str) {
    browser
        .client
        .find(Locator::Css(selector))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

#[tokio::test]
async fn finance_closes_the_month_issues_mails_and_settles_an_invoice() {
    let smtp = Smtp::start(Some("nobody@vendor.cn"));
    let url = smtp.url();
    let b = Billing::new_with(|s| quick(s, Some(url))).await;
    dispute_the_report(&b).await;
    a_contract_that_cannot_be_computed(&b).await;
    let Some(browser) = Browser::open(&b.s.app, "finance's month").await else {
        return;
    };
    sign_in(&browser, "finance@shop.cn").await;

    // The close: last month is offered; the summary and the drafts come back in place.
    browser.click(".main-nav a[href='/close']").await;
    let offered = browser.client.find(Locator::Css("#period")).await.unwrap();
    assert_eq!(offered.prop("value").await.unwrap().unwrap(), last_month());
    let indicator = browser.client.find(Locator::Css("#closing")).await.unwrap();
    assert!(
        !indicator.is_displayed().await.unwrap(),
        "no progress before the close"
    );
    browser.click("#close-button").await;
    browser.wait_for("#close-summary").await;
    let summary = browser.text("#close-summary").await;
    assert!(
        summary.contains(&format!("{} 月结结果", last_month())),
        "{summary}"
    );
    assert!(summary.contains("本次生成的草稿"), "{summary}");
    let failures = browser.text("#close-failures").await;
    assert!(
        failures.contains("KF-2026-002") && failures.contains("系统内部错误"),
        "{failures}"
    );
    let drafts = browser.text("#drafts").await;
    assert!(drafts.contains("KF-2026-001"), "{drafts}");
    assert!(drafts.contains("月报中的数据存在异议。"), "{drafts}");
    browser.screenshot("close-summary").await;

    // The draft: every line in Chinese; issued with the override and its reason.
    browser.click("#drafts a[href^='/invoices/']").await;
    let path = browser.path().await;
    let id: i64 = path.trim_start_matches("/invoices/").parse().unwrap();
    assert!(browser.text("#disputed").await.contains("月报数据存在异议"));
    let lines = browser.text("#lines").await;
    for expected in ["座席费", "咨询接待费", "销售提成", "询单转化率"] {
        assert!(lines.contains(expected), "{expected} not in {lines}");
    }
    // Every line explained in words, in Chinese. (The engine's notes are
    // free text in English still.)
    let page = browser.text_without(".notes").await;
    assert_eq!(english_words(&page), Vec::<String>::new(), "{page}");
    browser.screenshot("invoice-draft").await;
    browser
        .fill("#dispute_override", "争议金额不超过五百元，先行开票")
        .await;
    browser.click("#issue-button").await;
    assert_eq!(browser.text("#notice").await, "结算单已开具。");
    assert_eq!(browser.text("#invoice-status").await, "已开具");
    let number = browser.text("#invoice-number").await;
    assert!(number.starts_with("INV-"), "{number}");

    // Mailed: it arrives with its PDF, and the page sees it sent.
    unfold(&browser, "email").await;
    browser.fill("#to", "ap@vendor.cn").await;
    browser.fill("#cc", "cfo@shop.cn").await;
    browser
        .client
        .find(Locator::Css("#mail-language"))
        .await
        .unwrap()
        .select_by_value("zh-CN")
        .await
        .unwrap();
    browser.click("#email-form button[type=submit]").await;
    assert_eq!(
        browser.text("#notice").await,
        "邮件已进入发件箱，稍后发出。"
    );
    let arrived = smtp.wait_for(1).await;
    assert_eq!(arrived[0].recipients, ["ap@vendor.cn", "cfo@shop.cn"]);
    let message = MessageParser::default().parse(&arrived[0].raw).unwrap();
    let pdf = message
        .attachments()
        .find(|a| a.attachment_name() == Some(&format!("{number}.pdf")))
        .expect("the PDF is attached");
    assert!(pdf.contents().starts_with(b"%PDF"));
    browser.wait_for_text("#mails", "已发送").await;

    // Downloaded with the browser's own session.
    let cookie = browser
        .client
        .get_named_cookie("kefu_session")
        .await
        .unwrap();
    let mut visit = Visit::new(&b.s.app);
    visit
        .cookies
        .insert("kefu_session".into(), cookie.value().to_owned());
    let (status, pdf) = visit.get_bytes(&format!("/invoices/{id}.pdf")).await;
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF"));
    let text = pdf_text(&pdf);
    assert!(
        text.contains(&number) && text.contains("服务费结算单"),
        "{text}"
    );

    // A payment, then a credit note: the balance follows.
    let total = dec(&b.get(id).await["total"]);
    unfold(&browser, "pay").await;
    browser.fill("#amount", "1000.00").await;
    browser.fill("#reference", "招商银行 2026-0001").await;
    browser.click("#pay-form button[type=submit]").await;
    assert_eq!(browser.text("#notice").await, "收款已记录。");
    assert_eq!(browser.text("#paid").await, "1,000.00");
    let after_payment = dec(&b.get(id).await["balance"]);
    assert_eq!(after_payment, total - rust_decimal::Decimal::from(1000));
    unfold(&browser, "credit").await;
    tick(&browser, "#credit-form input[name=line][value='3']").await;
    browser.fill("#credit-reason", "提成按协议减免").await;
    browser.click("#credit-form button[type=submit]").await;
    assert_eq!(browser.text("#notice").await, "红字结算单已开具。");
    let invoice = b.get(id).await;
    let credited = dec(&invoice["credited"]);
    assert!(credited > rust_decimal::Decimal::ZERO);
    assert_eq!(dec(&invoice["balance"]), after_payment - credited);
    let notes = browser.text("#credit-notes").await;
    assert!(
        notes.contains("CN-") && notes.contains("提成按协议减免"),
        "{notes}"
    );
    assert!(browser.text("#lines").await.contains("已冲红"));
    browser.screenshot("invoice").await;

    // A mail the server refuses: failed, with its answer; sent again from its page.
    unfold(&browser, "email").await;
    browser.fill("#to", "nobody@vendor.cn").await;
    browser.click("#email-form button[type=submit]").await;
    browser.wait_for_text("#mails", "发送失败").await;
    browser.click(".main-nav a[href='/outbox']").await;
    let outbox = browser.text("#mails").await;
    assert!(
        outbox.contains("已发送") && outbox.contains("发送失败"),
        "{outbox}"
    );
    assert!(outbox.contains("550"), "the server's answer: {outbox}");
    browser.screenshot("outbox").await;
    browser
        .click("#outbox-tabs a[href='/outbox?status=failed']")
        .await;
    browser.click("#mails a[href^='/outbox/']").await;
    assert!(browser.text("#attempts").await.contains("550"));
    browser.screenshot("mail").await;
    browser.click("#retry-form button").await;
    assert_eq!(browser.text("#notice").await, "邮件已重新排队发送。");

    // The month's invoices, and the vendor's statement of account.
    browser.click(".main-nav a[href='/invoices']").await;
    let listed = browser.text("#invoices").await;
    assert!(
        listed.contains(&number) && listed.contains("已发送"),
        "{listed}"
    );
    browser.screenshot("invoices").await;
    browser.click(".main-nav a[href='/statements']").await;
    browser.click("#vendors a[href^='/statements/']").await;
    let statement = browser.text("#statement-CNY").await;
    assert!(
        statement.contains(&number) && statement.contains("CN-"),
        "{statement}"
    );
    let closing = printed(dec(&b.get(id).await["balance"]));
    assert!(
        statement.contains(&closing),
        "closing {closing}: {statement}"
    );
    browser.screenshot("statement").await;
    browser.close().await;
}

#[tokio::test]
async fn others_see_no_steps_and_another_tenant_s_invoice_is_no_page() {
    let b = Billing::new().await;
    let id = b.draft().await["id"].as_i64().unwrap();
    b.s.app
        .user(&b.s.owner, "audit@shop.cn", "auditor", None)
        .await;
    let other = b.s.app.signup("另一家店", "boss@other.cn").await;
    b.s.app.active_vendor(&other.token, CREDIT_CODES[3]).await;
    let Some(browser) = Browser::open(&b.s.app, "others on finance's pages").await else {
        return;
    };

    sign_in(&browser, "audit@shop.cn").await;
    browser.click(".main-nav a[href='/invoices']").await;
    browser
        .click(&format!("#invoices a[href='/invoices/{id}']"))
        .await;
    assert!(browser.text("#lines").await.contains("座席费"));
    let steps = browser.client.find(Locator::Css("#actions")).await;
    assert!(steps.is_err(), "an auditor is offered no step");
    browser.click(".top form button").await;

    sign_in(&browser, "boss@other.cn").await;
    browser.go(&format!("/invoices/{id}")).await;
    assert_eq!(browser.text("h1").await, "页面不存在");
    browser.close().await;
}
