//! Finance's pages over plain HTTP: what each page shows, what each form
//! refuses (no CSRF token: 403; bad input: the form again with the field's
//! rule), another tenant's invoice as a 404 page, a role's forbidden step as
//! a 403 page, and the documents fetched with the session's cookie.

use serde_json::json;

use super::{Seen, Visit};
use crate::documents::pdf_text;
use crate::helpers::{CREDIT_CODES, PASSWORD, TestApp};
use crate::invoices::Billing;
use crate::kpi::last_month;

/// A person signed in to the pages.
pub async fn visit_as(app: &TestApp, email: &str) -> Visit {
    let mut visit = Visit::new(app);
    let signed_in = visit.sign_in(email, PASSWORD).await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    visit
}

/// Last month's report submitted by the vendor and disputed by the merchant:
/// its draft needs an override to be issued.
pub async fn dispute_the_report(b: &Billing) {
    let report = b.s.path(&format!("/reports/{}", last_month()));
    let put =
        b.s.app
            .put(&report, &b.s.vendor_key, crate::routes::report())
            .await;
    assert_eq!(put.status, 200, "{:?}", put.body);
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
}

/// A second signed contract whose stored figures the database cannot sum
/// (written before components were bounded): the close fails it alone.
pub async fn a_contract_that_cannot_be_computed(b: &Billing) -> i64 {
    use diesel::RunQueryDsl;
    let broken = crate::limits::second_contract(b).await;
    let pool = kefu::store::connect(&b.s.app.database_url).unwrap();
    let mut conn = pool.get().unwrap();
    for n in [1, 2] {
        diesel::sql_query(format!(
            "INSERT INTO kpi_rows (tenant_id, month, contract_id, day, metric, source, numerator, denominator, revision, recorded_at) \
             VALUES ({}, {}, {broken}, '{}', 'consultations', 'vendor', {}, 1, 1, CURRENT_TIMESTAMP)",
            b.s.owner.tenant_id,
            kefu::store::kpi::month_of(crate::kpi::day(n)),
            crate::kpi::day(n),
            i64::MAX
        ))
        .execute(&mut *conn)
        .unwrap();
    }
    broken
}

/// An issued invoice of last month; its id.
async fn issued(b: &Billing) -> i64 {
    let id = b.draft().await["id"].as_i64().unwrap();
    let reply = b.issue(id).await;
    assert_eq!(reply.status, 200, "{:?}", reply.body);
    id
}

fn refused(seen: &Seen, status: u16, text: &str) {
    assert_eq!(seen.status, status, "{}", seen.body);
    assert!(
        seen.body.contains(text),
        "'{text}' is not in:\n{}",
        seen.body
    );
}

#[tokio::test]
async fn the_invoice_pages_list_show_and_download_with_the_session() {
    let b = Billing::new().await;
    let id = b.draft().await["id"].as_i64().unwrap();
    let mut finance = visit_as(&b.s.app, "finance@shop.cn").await;

    let list = finance
        .get(&format!("/invoices?period={}", last_month()))
        .await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(
        list.body.contains(&format!("href=\"/invoices/{id}\"")),
        "{}",
        list.body
    );
    assert!(list.body.contains("KF-2026-001") && list.body.contains("合计：1 张（CNY）"));
    let none = finance.get("/invoices?status=paid").await;
    assert!(none.body.contains("没有符合条件的结算单"), "{}", none.body);
    let bad = finance.get("/invoices?period=October").await;
    refused(&bad, 422, "月份：须为 YYYY-MM 格式的月份");

    let page = finance.get(&format!("/invoices/{id}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    for expected in [
        "座席费",
        "咨询接待费",
        "销售提成",
        "价税合计",
        "开具结算单",
        "按最新数据重算",
    ] {
        assert!(
            page.body.contains(expected),
            "'{expected}' is not on the page"
        );
    }

    let pdf = finance
        .get_bytes(&format!("/invoices/{id}.pdf?language=en"))
        .await;
    assert_eq!(pdf.0, 200);
    assert!(pdf.1.starts_with(b"%PDF"));
    assert!(pdf_text(&pdf.1).contains("Service invoice"));
    let csv = finance.get_bytes(&format!("/invoices/{id}.csv")).await;
    assert!(String::from_utf8_lossy(&csv.1).contains("座席费"));
    assert_eq!(
        finance
            .get(&format!("/invoices/{id}.pdf?language=fr"))
            .await
            .status,
        404
    );
    let export = finance
        .get_bytes(&format!(
            "/invoices/export?period={}&format=xlsx&language=en",
            last_month()
        ))
        .await;
    assert_eq!(export.0, 200);
    assert!(export.1.starts_with(b"PK"), "an .xlsx is a zip");
    let bad_export = finance.get("/invoices/export?period=&format=csv").await;
    refused(&bad_export, 422, "月份：须为 YYYY-MM 格式的月份");

    // A browser without a session is sent to sign in, and back afterwards.
    let mut stranger = Visit::new(&b.s.app);
    let sent = stranger.get(&format!("/invoices/{id}.pdf")).await;
    assert_eq!(sent.status, 303);
    assert!(
        sent.location().starts_with("/?ended=1&next="),
        "{}",
        sent.location()
    );
}

#[tokio::test]
async fn every_finance_form_without_its_csrf_token_is_refused_and_changes_nothing() {
    let b = Billing::new().await;
    let id = issued(&b).await;
    let mut finance = visit_as(&b.s.app, "finance@shop.cn").await;
    for (path, form) in [
        (format!("/invoices/{id}/recompute"), vec![]),
        (format!("/invoices/{id}/issue"), vec![]),
        (format!("/invoices/{id}/void"), vec![("reason", "开错了")]),
        (
            format!("/invoices/{id}/payments"),
            vec![
                ("paid_on", "2026-01-05"),
                ("amount", "1.00"),
                ("reference", "x"),
            ],
        ),
        (
            format!("/invoices/{id}/credit-notes"),
            vec![("line", "1"), ("reason", "减免")],
        ),
        (format!("/invoices/{id}/email"), vec![("to", "ap@shop.cn")]),
        (
            format!("/invoices/{id}/restatement"),
            vec![("reason", "重算")],
        ),
        ("/close".to_owned(), vec![("period", "2026-01")]),
        ("/outbox/1/retry".to_owned(), vec![]),
    ] {
        let seen = finance.post(&path, &form).await;
        assert_eq!(seen.status, 403, "{path} without a token: {}", seen.body);
        assert!(seen.body.contains("表单已失效"), "{path}");
    }
    // A token from another site's page: the origin gives it away.
    let token = finance.csrf().await;
    let forged = finance
        .post_from(
            &format!("/invoices/{id}/void"),
            &[("csrf", &token), ("reason", "开错了")],
            Some("https://evil.example"),
        )
        .await;
    assert_eq!(forged.status, 403);
    let invoice = b.get(id).await;
    assert_eq!(
        (&invoice["status"], &invoice["paid"]),
        (&json!("issued"), &json!("0.00"))
    );
}

#[tokio::test]
async fn bad_input_shows_the_form_again_with_the_field_s_rule() {
    let b = Billing::new().await;
    let id = issued(&b).await;
    let mut finance = visit_as(&b.s.app, "finance@shop.cn").await;
    let csrf = finance.csrf().await;
    let path = |step: &str| format!("/invoices/{id}/{step}");

    let pay = finance
        .post(
            &path("payments"),
            &[
                ("csrf", &csrf),
                ("paid_on", "2026-01-05"),
                ("amount", "1,060.00"),
                ("reference", "招商银行 0001"),
            ],
        )
        .await;
    refused(&pay, 422, "金额：“1,060.00”不是十进制数");
    assert!(
        pay.body.contains("value=\"1,060.00\""),
        "the amount typed is kept"
    );
    let overpaid = finance
        .post(
            &path("payments"),
            &[
                ("csrf", &csrf),
                ("paid_on", "2026-01-05"),
                ("amount", "99999999.00"),
                ("reference", "招商银行 0001"),
            ],
        )
        .await;
    refused(&overpaid, 422, "金额：超过未付金额");
    let void = finance
        .post(&path("void"), &[("csrf", &csrf), ("reason", "  ")])
        .await;
    refused(&void, 422, "原因：不能为空");
    let credit = finance
        .post(
            &path("credit-notes"),
            &[("csrf", &csrf), ("reason", "减免")],
        )
        .await;
    refused(&credit, 422, "请至少指定一行尚未红冲的明细");
    let mail = finance
        .post(
            &path("email"),
            &[
                ("csrf", &csrf),
                ("to", "not-an-address"),
                ("language", "zh-CN"),
            ],
        )
        .await;
    refused(&mail, 422, "收件人：须为形如 name@example.com 的邮箱地址");
    let close = finance
        .post("/close", &[("csrf", &csrf), ("period", "2026/10")])
        .await;
    refused(&close, 422, "月份：须为 YYYY-MM 格式的月份");
    // Issued already: the page says so and shows it as it is now.
    let again = finance.post(&path("issue"), &[("csrf", &csrf)]).await;
    refused(&again, 409, "只有草稿结算单可以出具");

    // In English, the use case's own words beside the field.
    finance.language = Some("en");
    let pay = finance
        .post(
            &path("payments"),
            &[
                ("csrf", &csrf),
                ("paid_on", "tomorrow"),
                ("amount", "5"),
                ("reference", "x"),
            ],
        )
        .await;
    refused(&pay, 422, "Paid on: must be a date such as 2026-10-31");
    let invoice = b.get(id).await;
    assert_eq!(
        (&invoice["status"], &invoice["paid"]),
        (&json!("issued"), &json!("0.00"))
    );
}

#[tokio::test]
async fn disputed_figures_are_issued_only_with_an_override_and_its_reason() {
    let b = Billing::new().await;
    dispute_the_report(&b).await;
    let id = b.draft().await["id"].as_i64().unwrap();
    let mut finance = visit_as(&b.s.app, "finance@shop.cn").await;
    let page = finance.get(&format!("/invoices/{id}")).await;
    assert!(
        page.body
            .contains("月报数据存在异议。如需先行开具，须填写原因。")
    );
    assert!(page.body.contains("name=\"dispute_override\""));
    let csrf = page.hidden("csrf");

    let without = finance
        .post(&format!("/invoices/{id}/issue"), &[("csrf", &csrf)])
        .await;
    refused(&without, 409, "请填写有异议仍开具的原因后再开具");
    let issued = finance
        .post(
            &format!("/invoices/{id}/issue"),
            &[
                ("csrf", &csrf),
                ("dispute_override", "争议金额不超过五百元，先行开票"),
            ],
        )
        .await;
    assert_eq!(
        (issued.status, issued.location()),
        (303, format!("/invoices/{id}?done=issued").as_str())
    );
    let page = finance.get(issued.location()).await;
    assert!(page.body.contains("结算单已开具。"));
    assert!(
        page.body
            .contains("已先行开具，原因：争议金额不超过五百元，先行开票")
    );
}

#[tokio::test]
async fn another_tenant_s_invoice_is_no_page_and_none_of_its_forms_work() {
    let b = Billing::new().await;
    let id = issued(&b).await;
    let other = b.s.app.signup("另一家店", "boss@other.cn").await;
    b.s.app.active_vendor(&other.token, CREDIT_CODES[3]).await;
    let mut stranger = visit_as(&b.s.app, "boss@other.cn").await;
    let csrf = stranger.csrf().await;
    for path in [format!("/invoices/{id}"), format!("/invoices/{id}.pdf")] {
        let seen = stranger.get(&path).await;
        refused(&seen, 404, "页面不存在");
    }
    let void = stranger
        .post(
            &format!("/invoices/{id}/void"),
            &[("csrf", &csrf), ("reason", "试试")],
        )
        .await;
    refused(&void, 404, "页面不存在");
    assert_eq!(b.get(id).await["status"], "issued");
}

#[tokio::test]
async fn an_auditor_or_a_vendor_sees_no_steps_and_a_posted_step_is_a_403_page() {
    let b = Billing::new().await;
    let draft = b.draft().await["id"].as_i64().unwrap();
    b.s.app
        .user(&b.s.owner, "audit@shop.cn", "auditor", None)
        .await;
    b.s.app
        .user(&b.s.owner, "li@vendor.cn", "vendor", Some(b.s.vendor))
        .await;
    for email in ["audit@shop.cn", "li@vendor.cn"] {
        let mut visit = visit_as(&b.s.app, email).await;
        let page = visit.get(&format!("/invoices/{draft}")).await;
        assert_eq!(page.status, 200, "{email}: {}", page.body);
        assert!(page.body.contains("座席费"), "{email} reads the invoice");
        for form in ["issue-form", "void-form", "recompute-form", "pay-form"] {
            assert!(!page.body.contains(form), "{email} sees {form}");
        }
        assert!(
            !page.body.contains("href=\"/close\""),
            "{email} sees the close"
        );
        let csrf = page.hidden("csrf");
        let issue = visit
            .post(&format!("/invoices/{draft}/issue"), &[("csrf", &csrf)])
            .await;
        refused(&issue, 403, "无权操作");
        let close = visit
            .post("/close", &[("csrf", &csrf), ("period", &last_month())])
            .await;
        refused(&close, 403, "无权操作");
        refused(&visit.get("/close").await, 403, "无权操作");
    }
    assert_eq!(b.get(draft).await["status"], "draft");
}

#[tokio::test]
async fn the_close_shows_its_totals_each_failed_contract_and_the_drafts() {
    let b = Billing::new().await;
    a_contract_that_cannot_be_computed(&b).await;
    let mut finance = visit_as(&b.s.app, "finance@shop.cn").await;
    let page = finance.get("/close").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains(&format!("<option value=\"{}\" selected>", last_month())),
        "last month is offered"
    );
    let csrf = page.hidden("csrf");
    let closed = finance
        .post("/close", &[("csrf", &csrf), ("period", &last_month())])
        .await;
    assert_eq!(closed.status, 200, "{}", closed.body);
    let listed = b.s.app.get("/api/v1/invoices", &b.finance.token).await;
    let drafted = &listed.body["items"][0];
    let total = crate::documents::printed(crate::invoices::dec(&drafted["total"]));
    for expected in [
        "figure-value good\">1<",
        "本次草稿合计（按币种）",
        total.as_str(),
        "未能生成草稿的合同",
        "KF-2026-002",
        "系统内部错误，无法计算此合同的结算单",
        &format!("href=\"/invoices/{}\"", drafted["id"]),
    ] {
        assert!(
            closed.body.contains(expected),
            "'{expected}' is not in:\n{}",
            closed.body
        );
    }
    // Closing again drafts nothing twice.
    let again = finance
        .post("/close", &[("csrf", &csrf), ("period", &last_month())])
        .await;
    assert!(
        again.body.contains("figure-value good\">0<"),
        "{}",
        again.body
    );
    let listed = b.s.app.get("/api/v1/invoices", &b.finance.token).await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn figures_corrected_after_issue_are_offered_line_by_line_and_settled() {
    let b = Billing::new().await;
    let id = issued(&b).await;
    let mut finance = visit_as(&b.s.app, "finance@shop.cn").await;
    assert!(
        !finance
            .get(&format!("/invoices/{id}"))
            .await
            .body
            .contains("restatement-lines")
    );
    // A late correction: conversion on day 1 was 100 %, so the penalty goes.
    let corrected = b
        .s
        .feed(
            &b.s.vendor_key,
            json!({ "rows": [{ "metric": "conversion_rate", "day": crate::kpi::day(1), "numerator": 100, "denominator": 100 }] }),
        )
        .await;
    assert_eq!(corrected.status, 201, "{:?}", corrected.body);
    let page = finance.get(&format!("/invoices/{id}")).await;
    for expected in [
        "数据已变化：重算差额",
        "id=\"restatement-lines\"",
        "询单转化率",
        "开具补差结算单（补收差额）",
        "按此处理差额",
    ] {
        assert!(
            page.body.contains(expected),
            "'{expected}' is not in:\n{}",
            page.body
        );
    }
    let csrf = page.hidden("csrf");
    let empty = finance
        .post(
            &format!("/invoices/{id}/restatement"),
            &[("csrf", &csrf), ("reason", "")],
        )
        .await;
    refused(&empty, 422, "原因：不能为空");
    let settled = finance
        .post(
            &format!("/invoices/{id}/restatement"),
            &[("csrf", &csrf), ("reason", "商家确认首日转化数据有误")],
        )
        .await;
    assert_eq!(settled.status, 303, "{}", settled.body);
    let adjustment = finance.get(settled.location()).await;
    assert_eq!(adjustment.status, 200);
    for expected in [
        "补差结算单",
        "补差结算单草稿已生成",
        &format!("href=\"/invoices/{id}\""),
    ] {
        assert!(
            adjustment.body.contains(expected),
            "'{expected}' is not in:\n{}",
            adjustment.body
        );
    }
    assert!(
        !finance
            .get(&format!("/invoices/{id}"))
            .await
            .body
            .contains("按此处理差额")
    );
}

#[tokio::test]
async fn every_finance_page_reads_in_english_when_asked() {
    let b = Billing::new().await;
    let id = issued(&b).await;
    let mut finance = visit_as(&b.s.app, "finance@shop.cn").await;
    finance.language = Some("en");
    let vendor = b.s.vendor;
    for (path, expected) in [
        ("/invoices".to_owned(), "Export a month's invoices"),
        (format!("/invoices/{id}"), "How it is computed"),
        ("/close".to_owned(), "Close the month"),
        ("/outbox".to_owned(), "No mails."),
        ("/statements".to_owned(), "Open the statement"),
        (format!("/statements/{vendor}"), "Opening balance"),
    ] {
        let page = finance.get(&path).await;
        assert_eq!(page.status, 200, "{path}: {}", page.body);
        assert!(
            page.body.contains(expected),
            "'{expected}' is not on {path}"
        );
        assert!(page.body.contains("<html lang=\"en\">"), "{path}");
    }
    let (status, csv) = finance
        .get_bytes(&format!("/statements/{vendor}.csv?language=en"))
        .await;
    assert_eq!(status, 200);
    assert!(
        crate::documents::csv_rows(&csv)
            .iter()
            .flatten()
            .any(|c| c.starts_with("INV-"))
    );
    let (status, _) = finance
        .get_bytes(&format!("/statements/{vendor}.csv?from=yesterday"))
        .await;
    assert_eq!(status, 404, "a date that is no date is no file");
    let refused_dates = finance
        .get(&format!("/statements/{vendor}?from=yesterday"))
        .await;
    assert_eq!(refused_dates.status, 422);
    assert!(
        refused_dates
            .body
            .contains("From: must be a date such as 2026-10-31")
    );
}

#[tokio::test]
async fn a_draft_whose_figures_changed_is_recomputed_before_it_is_issued() {
    let b = Billing::new().await;
    let id = b.draft().await["id"].as_i64().unwrap();
    let corrected = b
        .s
        .feed(
            &b.s.vendor_key,
            json!({ "rows": [{ "metric": "conversion_rate", "day": crate::kpi::day(1), "numerator": 100, "denominator": 100 }] }),
        )
        .await;
    assert_eq!(corrected.status, 201, "{:?}", corrected.body);
    let mut finance = visit_as(&b.s.app, "finance@shop.cn").await;
    let page = finance.get(&format!("/invoices/{id}")).await;
    assert!(page.body.contains("id=\"stale\""), "{}", page.body);
    let csrf = page.hidden("csrf");

    let stale = finance
        .post(&format!("/invoices/{id}/issue"), &[("csrf", &csrf)])
        .await;
    refused(&stale, 409, "请重新计算并再次核对");
    let recomputed = finance
        .post(&format!("/invoices/{id}/recompute"), &[("csrf", &csrf)])
        .await;
    assert_eq!(
        (recomputed.status, recomputed.location()),
        (303, format!("/invoices/{id}?done=recomputed").as_str())
    );
    let page = finance.get(recomputed.location()).await;
    assert!(page.body.contains("草稿已按最新数据重算。"));
    assert!(!page.body.contains("id=\"stale\""));
    let issued = finance
        .post(&format!("/invoices/{id}/issue"), &[("csrf", &csrf)])
        .await;
    assert_eq!(issued.status, 303, "{}", issued.body);
    assert_eq!(b.get(id).await["status"], "issued");
}
