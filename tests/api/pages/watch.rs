//! The merchant watching a contract: exclusion windows, incidents and their
//! escalation deadlines, the monthly report reviewed figure by figure
//! against the merchant's own source, and the dashboards — over plain HTTP
//! for the rules, in a real browser for the journey.

use chrono::{Days, TimeDelta, Utc};
use serde_json::{Value, json};

use super::Visit;
use super::browser::Browser;
use super::journeys::english_words;
use crate::helpers::{PASSWORD, Plan};
use crate::invoices::Billing;
use crate::kpi::last_month;
use crate::routes::report;

/// A month of figures from the vendor (conversion 38 %, a breach of the 40 %
/// clause) and the merchant's platform export saying 36 % each day.
async fn watched() -> Billing {
    let b = Billing::new().await;
    let plan = Plan::now();
    let days = (plan.third - plan.second).num_days();
    let rows: Vec<Value> = (0..days)
        .map(|n| {
            json!({ "metric": "conversion_rate", "day": plan.second + Days::new(n as u64),
                    "numerator": 36, "denominator": 100 })
        })
        .collect();
    let fed = b.s.feed(&b.s.owner.token, json!({ "rows": rows })).await;
    assert_eq!(fed.status, 201, "{:?}", fed.body);
    b
}

/// The vendor writes last month's report and submits it, over the API.
async fn submitted(b: &Billing) {
    let period = last_month();
    let written =
        b.s.app
            .put(&b.s.report_path(&period, ""), &b.s.vendor_key, report())
            .await;
    assert_eq!(written.status, 200, "{:?}", written.body);
    let sent =
        b.s.app
            .post(
                &b.s.report_path(&period, "/submit"),
                &b.s.vendor_key,
                json!({}),
            )
            .await;
    assert_eq!(sent.status, 200, "{:?}", sent.body);
}

async fn signed_in(b: &Billing, email: &str) -> Visit {
    let mut visit = Visit::new(&b.s.app);
    let seen = visit.sign_in(email, PASSWORD).await;
    assert_eq!(seen.status, 303, "{}", seen.body);
    visit
}

/// The text of the element with `id` (up to its closing tag's line), for asserting on.
fn part<'a>(body: &'a str, id: &str) -> &'a str {
    let start = body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in {body}"));
    let rest = &body[start..];
    let mut end = rest.len().min(1600);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    &rest[..end]
}

#[tokio::test]
async fn an_exclusion_window_refused_names_its_field_and_one_recorded_can_be_removed() {
    let b = watched().await;
    let mut visit = signed_in(&b, "owner@shop.cn").await;
    let csrf = visit.csrf().await;
    let path = format!("/contracts/{}/exclusions", b.s.ids.contract);
    let plan = Plan::now();
    let (from, to) = (plan.second + Days::new(9), plan.second + Days::new(10));

    // The end before the start: refused beside "to", the input kept.
    let refused = visit
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("category", "platform_outage"),
                ("from", &to.to_string()),
                ("to", &from.to_string()),
                ("note", "天猫后台宕机"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        part(&refused.body, "to-error").contains("不能早于"),
        "{}",
        refused.body
    );
    assert!(!refused.body.contains("id=\"from-error\""));
    assert!(refused.body.contains("天猫后台宕机"), "the note is kept");
    // Not a date; outside the contract.
    let refused = visit
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("category", "force_majeure"),
                ("from", "昨天"),
                ("to", &from.to_string()),
                ("note", "台风"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(part(&refused.body, "from-error").contains("须为日期"));
    let before_start = (plan.start - Days::new(3)).to_string();
    let refused = visit
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("category", "force_majeure"),
                ("from", &before_start),
                ("to", &from.to_string()),
                ("note", "台风"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        part(&refused.body, "from-error").contains("合同期限"),
        "{}",
        refused.body
    );
    // Nothing was written by the refusals.
    let listed =
        b.s.app
            .get(&b.s.path("/exclusions"), &b.s.owner.token)
            .await;
    assert_eq!(
        listed.body.as_array().map(Vec::len),
        Some(0),
        "{:?}",
        listed.body
    );

    let recorded = visit
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("category", "platform_outage"),
                ("from", &from.to_string()),
                ("to", &to.to_string()),
                ("note", "天猫后台宕机"),
            ],
        )
        .await;
    assert_eq!(recorded.status, 303);
    let page = visit.get(recorded.location()).await;
    assert!(part(&page.body, "exclusion-done").contains("已登记"));
    let table = part(&page.body, "exclusions");
    assert!(
        table.contains("平台故障") && table.contains("天猫后台宕机") && table.contains(">2<"),
        "{table}"
    );
    let listed =
        b.s.app
            .get(&b.s.path("/exclusions"), &b.s.owner.token)
            .await;
    let id = listed.body[0]["id"].as_i64().unwrap();

    let removed = visit
        .post(&format!("{path}/{id}/remove"), &[("csrf", &csrf)])
        .await;
    assert_eq!(removed.status, 303);
    let page = visit.get(&path).await;
    assert!(page.body.contains("暂无免责期"), "{}", page.body);
}

#[tokio::test]
async fn a_critical_incident_counts_down_to_its_deadline_and_a_late_one_shows_its_cost() {
    let b = watched().await;
    let mut visit = signed_in(&b, "owner@shop.cn").await;
    let csrf = visit.csrf().await;
    let path = format!("/contracts/{}/incidents", b.s.ids.contract);
    let local = |t: chrono::DateTime<Utc>| {
        t.with_timezone(&chrono_tz::Asia::Shanghai)
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let now = Utc::now();

    // An unreadable time, a time to come: each beside its field; nothing logged.
    let refused = visit
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("severity", "critical"),
                ("category", "data_leak"),
                ("occurred_at", "今天上午"),
                ("escalated_at", ""),
                ("description", "客户手机号外泄"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(part(&refused.body, "occurred_at-error").contains("日期和时间"));
    let refused = visit
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("severity", "critical"),
                ("category", "data_leak"),
                ("occurred_at", &local(now + TimeDelta::hours(2))),
                ("escalated_at", ""),
                ("description", "客户手机号外泄"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        part(&refused.body, "occurred_at-error").contains("将来"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("客户手机号外泄"),
        "the description is kept"
    );
    let logged = b.s.app.get(&b.s.path("/incidents"), &b.s.owner.token).await;
    assert_eq!(logged.body.as_array().map(Vec::len), Some(0));

    // Ten minutes ago, not escalated: 20 of its 30 minutes left, the cost if late.
    let pending = visit
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("severity", "critical"),
                ("category", "data_leak"),
                ("occurred_at", &local(now - TimeDelta::minutes(10))),
                ("escalated_at", ""),
                ("description", "客户手机号外泄"),
            ],
        )
        .await;
    assert_eq!(pending.status, 303, "{}", pending.body);
    // Two hours ago, escalated after 45 minutes: late, it costs the duty's 5,000.00.
    let two_hours_ago = now - TimeDelta::hours(2);
    let late = visit
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("severity", "critical"),
                ("category", "safety"),
                ("occurred_at", &local(two_hours_ago)),
                (
                    "escalated_at",
                    &local(two_hours_ago + TimeDelta::minutes(45)),
                ),
                ("description", "顾客威胁到店"),
            ],
        )
        .await;
    assert_eq!(late.status, 303);
    let page = visit.get(&path).await;
    assert!(part(&page.body, "duties").contains("30 分钟内上报"));
    let ids: Vec<i64> =
        b.s.app
            .get(&b.s.path("/incidents"), &b.s.owner.token)
            .await
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect();
    let (late_id, pending_id) = (ids[0], ids[1]);
    let row = part(&page.body, &format!("incident-{pending_id}"));
    assert!(
        row.contains("待上报") && row.contains("剩余") && row.contains("data-countdown"),
        "{row}"
    );
    assert!(
        row.contains("00:19:") || row.contains("00:20:") || row.contains("00:18:"),
        "{row}"
    );
    assert!(row.contains("逾期将扣款 5,000.00 CNY"), "{row}");
    let row = part(&page.body, &format!("incident-{late_id}"));
    assert!(
        row.contains("逾期上报") && row.contains("逾期扣款 5,000.00 CNY"),
        "{row}"
    );
    assert!(row.contains("发生后 45 分钟上报"), "{row}");

    // Its escalation recorded now: in time. A second record is refused beside it.
    let escalated = visit
        .post(
            &format!("{path}/{pending_id}/escalate"),
            &[("csrf", &csrf), ("escalated_at", &local(Utc::now()))],
        )
        .await;
    assert_eq!(escalated.status, 303, "{}", escalated.body);
    let page = visit.get(escalated.location()).await;
    assert!(part(&page.body, &format!("incident-{pending_id}")).contains("按时上报"));
    let again = visit
        .post(
            &format!("{path}/{late_id}/escalate"),
            &[("csrf", &csrf), ("escalated_at", &local(Utc::now()))],
        )
        .await;
    assert_eq!(again.status, 409);
    assert!(
        part(&again.body, &format!("escalate-error-{late_id}")).contains("以首次升级为准"),
        "{}",
        again.body
    );
}

#[tokio::test]
async fn the_merchant_reviews_a_report_figure_by_figure_and_disputes_one_with_a_comment() {
    let b = watched().await;
    submitted(&b).await;
    let period = last_month();
    let page_path = format!("/contracts/{}/reports/{period}", b.s.ids.contract);
    let mut visit = signed_in(&b, "manager@shop.cn").await;
    let page = visit.get(&page_path).await;
    assert_eq!(page.status, 200);
    // Conversion: 38 % reported, 36 % on the merchant's platform, 5.56 % apart, beyond 2 %.
    let row = part(&page.body, "review-conversion_rate");
    assert!(
        row.contains("38") && row.contains("36") && row.contains("5.56%"),
        "{row}"
    );
    assert!(row.contains("超出允差 2%"), "{row}");
    // Consultations: the vendor's alone, nothing to compare.
    assert!(part(&page.body, "review-consultations").contains("无可比数据"));
    assert!(part(&page.body, "deemed").contains("视同确认"));
    let csrf = page.hidden("csrf");
    let dispute = format!("{page_path}/dispute");

    // No comment at all: refused above the form; a comment too long: beside its figure.
    let refused = visit
        .post(
            &dispute,
            &[
                ("csrf", &csrf),
                ("comment.conversion_rate", " "),
                ("comment.consultations", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("role=\"alert\""), "{}", refused.body);
    let long = "长".repeat(4001);
    let refused = visit
        .post(
            &dispute,
            &[
                ("csrf", &csrf),
                ("comment.conversion_rate", &long),
                ("comment.consultations", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("id=\"comment-conversion_rate-error\""),
        "{}",
        refused.body
    );
    let report =
        b.s.app
            .get(&b.s.report_path(&period, ""), &b.s.owner.token)
            .await;
    assert_eq!(report.body["status"], "submitted", "nothing half written");

    let disputed = visit
        .post(
            &dispute,
            &[
                ("csrf", &csrf),
                ("comment.conversion_rate", "与生意参谋的询单转化率不一致"),
                ("comment.consultations", ""),
            ],
        )
        .await;
    assert_eq!(disputed.status, 303, "{}", disputed.body);
    let report =
        b.s.app
            .get(&b.s.report_path(&period, ""), &b.s.owner.token)
            .await;
    assert_eq!(report.body["status"], "disputed");
    assert_eq!(
        report.body["disputes"],
        json!([{ "metric": "conversion_rate", "comment": "与生意参谋的询单转化率不一致" }])
    );
    let page = visit.get(disputed.location()).await;
    assert!(part(&page.body, "review-done").contains("已提出异议"));
    assert!(
        !page.body.contains("id=\"accept-report\""),
        "a disputed report waits for the vendor"
    );

    // The vendor's own page shows the comment, with its form to answer.
    b.s.app
        .user(&b.s.owner, "li@vendor.cn", "vendor", Some(b.s.vendor))
        .await;
    let mut vendor = signed_in(&b, "li@vendor.cn").await;
    let page = vendor.get(&page_path).await;
    assert!(page.body.contains("id=\"report-form\"") && !page.body.contains("id=\"dispute-form\""));
    assert!(
        page.body.contains("与生意参谋的询单转化率不一致"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_vendor_user_cannot_accept_or_dispute_and_an_auditor_writes_nothing() {
    let b = watched().await;
    submitted(&b).await;
    let period = last_month();
    let contract = b.s.ids.contract;
    let report_path = format!("/contracts/{contract}/reports/{period}");
    b.s.app
        .user(&b.s.owner, "li@vendor.cn", "vendor", Some(b.s.vendor))
        .await;
    b.s.app
        .user(&b.s.owner, "audit@shop.cn", "auditor", None)
        .await;

    let mut vendor = signed_in(&b, "li@vendor.cn").await;
    let csrf = vendor.csrf().await;
    assert_eq!(
        vendor
            .post(&format!("{report_path}/accept"), &[("csrf", &csrf)])
            .await
            .status,
        403
    );
    let refused = vendor
        .post(
            &format!("{report_path}/dispute"),
            &[("csrf", &csrf), ("comment.conversion_rate", "自己提异议")],
        )
        .await;
    assert_eq!(refused.status, 403);
    // The vendor's home is still its months, not the merchant's dashboard.
    let home = vendor.get("/home").await;
    assert!(home.body.contains("month-card") && !home.body.contains("id=\"late-escalations\""));

    let mut auditor = signed_in(&b, "audit@shop.cn").await;
    let csrf = auditor.csrf().await;
    let page = auditor.get(&report_path).await;
    assert!(
        part(&page.body, "review-conversion_rate").contains("36"),
        "the auditor reads the review"
    );
    assert!(
        !page.body.contains("id=\"accept-report\"") && !page.body.contains("id=\"dispute-report\"")
    );
    assert_eq!(
        auditor
            .post(&format!("{report_path}/accept"), &[("csrf", &csrf)])
            .await
            .status,
        403
    );
    let day = Plan::now().second.to_string();
    let window = [
        ("csrf", csrf.as_str()),
        ("category", "force_majeure"),
        ("from", &day),
        ("to", &day),
        ("note", "台风"),
    ];
    assert_eq!(
        auditor
            .post(&format!("/contracts/{contract}/exclusions"), &window)
            .await
            .status,
        403
    );
    let incident = [
        ("csrf", csrf.as_str()),
        ("severity", "critical"),
        ("category", "safety"),
        ("occurred_at", "2026-01-01T10:00"),
        ("escalated_at", ""),
        ("description", "测试"),
    ];
    assert_eq!(
        auditor
            .post(&format!("/contracts/{contract}/incidents"), &incident)
            .await
            .status,
        403
    );
    let page = auditor
        .get(&format!("/contracts/{contract}/exclusions"))
        .await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("id=\"exclusion-form\""));
    let report =
        b.s.app
            .get(&b.s.report_path(&period, ""), &b.s.owner.token)
            .await;
    assert_eq!(report.body["status"], "submitted");
    assert_eq!(
        b.s.app
            .get(&b.s.path("/exclusions"), &b.s.owner.token)
            .await
            .body,
        json!([])
    );

    // The manager accepts it.
    let mut manager = signed_in(&b, "manager@shop.cn").await;
    let csrf = manager.csrf().await;
    let accepted = manager
        .post(&format!("{report_path}/accept"), &[("csrf", &csrf)])
        .await;
    assert_eq!(accepted.status, 303);
    let report =
        b.s.app
            .get(&b.s.report_path(&period, ""), &b.s.owner.token)
            .await;
    assert_eq!(report.body["status"], "accepted");
    // Accepting twice is refused in words, not an error page.
    let again = manager
        .post(&format!("{report_path}/accept"), &[("csrf", &csrf)])
        .await;
    assert_eq!(again.status, 409);
    assert!(again.body.contains("role=\"alert\""));
}

#[tokio::test]
async fn another_tenant_s_contract_is_not_found_on_any_watch_page() {
    let b = watched().await;
    let other = b.s.app.signup("另一家店", "other@shop.cn").await;
    let _ = other;
    let mut visit = signed_in(&b, "other@shop.cn").await;
    let csrf = visit.csrf().await;
    let contract = b.s.ids.contract;
    let period = last_month();
    for path in [
        format!("/contracts/{contract}/exclusions"),
        format!("/contracts/{contract}/incidents"),
        format!("/contracts/{contract}/reports"),
        format!("/contracts/{contract}/reports/{period}"),
        format!("/contracts/{contract}/dashboard"),
    ] {
        assert_eq!(visit.get(&path).await.status, 404, "{path}");
    }
    let day = Plan::now().second.to_string();
    let window = [
        ("csrf", csrf.as_str()),
        ("category", "force_majeure"),
        ("from", &day),
        ("to", &day),
        ("note", "台风"),
    ];
    assert_eq!(
        visit
            .post(&format!("/contracts/{contract}/exclusions"), &window)
            .await
            .status,
        404
    );
    assert_eq!(
        visit
            .post(
                &format!("/contracts/{contract}/reports/{period}/accept"),
                &[("csrf", &csrf)]
            )
            .await
            .status,
        404
    );
    // Its own home is an empty dashboard.
    let home = visit.get("/home").await;
    assert!(home.body.contains("暂无执行中的合同"), "{}", home.body);
}

#[tokio::test]
async fn the_dashboards_penalties_are_the_invoice_s_and_the_breached_month_shows() {
    let b = watched().await;
    let invoice = b.draft().await;
    let penalties: rust_decimal::Decimal = invoice["penalties"].as_str().unwrap().parse().unwrap();
    let bonuses: rust_decimal::Decimal = invoice["bonuses"].as_str().unwrap().parse().unwrap();
    assert!(
        penalties < rust_decimal::Decimal::ZERO,
        "conversion 36 % is a breach: {invoice}"
    );
    let shown = |v| format!("{} CNY", kefu::documents::amount(v, 2));
    let period = last_month();
    let mut visit = signed_in(&b, "finance@shop.cn").await;

    let home = visit.get("/home").await;
    assert_eq!(home.status, 200);
    let row = part(&home.body, "vendor-money-0");
    let month = &row[row
        .find(&format!("money-{period}"))
        .unwrap_or_else(|| panic!("{row}"))..];
    let month = &month[..month.find("</tr>").unwrap()];
    assert!(
        month.contains(&shown(penalties)) && month.contains(&shown(bonuses)),
        "{month}"
    );
    assert!(month.contains("结算单（草稿）"), "{month}");
    let contract = part(&home.body, &format!("month-{}", b.s.ids.contract));
    assert!(
        contract.contains(&period) && contract.contains("未达标"),
        "{contract}"
    );

    let page = visit
        .get(&format!("/contracts/{}/dashboard", b.s.ids.contract))
        .await;
    assert_eq!(page.status, 200);
    let row = part(&page.body, &format!("money-{period}"));
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains(&shown(penalties)), "{row}");
    // Conversion's trend: last month 36 %, short of the 40 % target.
    let trend = part(&page.body, "trend-conversion_rate");
    assert!(
        trend.contains("36.0%") && trend.contains("40.0%") && trend.contains("class=\"short\""),
        "{trend}"
    );
    // The days the two sources differ: every day of the month, 38 % against 36 %.
    let differences = part(&page.body, "differences");
    assert!(
        differences.contains("38.0%")
            && differences.contains("36.0%")
            && differences.contains("5.56%"),
        "{differences}"
    );
}

// The journey drafts an invoice through actix's own runtime-free client: a tokio test.
#[tokio::test]
async fn a_merchant_reviews_the_month_disputes_a_figure_logs_an_exclusion_and_an_incident() {
    let b = watched().await;
    submitted(&b).await;
    b.draft().await;
    b.s.app
        .user(&b.s.owner, "li@vendor.cn", "vendor", Some(b.s.vendor))
        .await;
    let Some(browser) = Browser::open(&b.s.app, "the merchant's month").await else {
        return;
    };
    let contract = b.s.ids.contract;
    let period = last_month();
    let sign_in = |email: &'static str| {
        let browser = &browser;
        async move {
            browser.go("/").await;
            browser.fill("#email", email).await;
            browser.fill("#password", PASSWORD).await;
            browser.click("button[type=submit]").await;
            assert_eq!(browser.path().await, "/home");
        }
    };
    sign_in("owner@shop.cn").await;
    let months = browser.text("#contract-months").await;
    assert!(
        months.contains("KF-2026-001") && months.contains("未达标"),
        "{months}"
    );
    let page = browser.text("main").await;
    assert_eq!(english_words(&page), Vec::<String>::new(), "{page}");
    browser.screenshot("merchant-dashboard").await;

    // The report: the discrepancy, disputed with a comment.
    browser.go(&format!("/contracts/{contract}/reports")).await;
    browser.click(&format!("#report-{period} a")).await;
    let row = browser.text("#review-conversion_rate").await;
    assert!(row.contains("超出允差 2%"), "{row}");
    browser
        .fill(
            "#comment-conversion_rate",
            "与生意参谋的询单转化率不一致，请按平台口径更正",
        )
        .await;
    let page = browser.text("main").await;
    assert_eq!(english_words(&page), Vec::<String>::new(), "{page}");
    browser.screenshot("merchant-report-review").await;
    browser.click("#dispute-report").await;
    assert!(browser.text("#review-done").await.contains("已提出异议"));

    // An exclusion window: a platform outage of two days.
    browser
        .go(&format!("/contracts/{contract}/exclusions"))
        .await;
    let plan = Plan::now();
    let set = |selector: &'static str, value: String| {
        let browser = &browser;
        async move {
            browser
                .client
                .execute(
                    "document.querySelector(arguments[0]).value = arguments[1]",
                    vec![json!(selector), json!(value)],
                )
                .await
                .unwrap();
        }
    };
    set("#from", (plan.second + Days::new(9)).to_string()).await;
    set("#to", (plan.second + Days::new(10)).to_string()).await;
    set("#category", "platform_outage".into()).await;
    browser.fill("#note", "天猫后台宕机，无法接待").await;
    browser.click("#record-exclusion").await;
    assert!(browser.text("#exclusions").await.contains("天猫后台宕机"));
    let page = browser.text("main").await;
    assert_eq!(english_words(&page), Vec::<String>::new(), "{page}");
    browser.screenshot("merchant-exclusions").await;

    // A critical incident ten minutes ago: its deadline counts down.
    browser
        .go(&format!("/contracts/{contract}/incidents"))
        .await;
    let ten_minutes_ago = (Utc::now() - TimeDelta::minutes(10))
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    set("#occurred_at", ten_minutes_ago).await;
    set("#category", "data_leak".into()).await;
    browser
        .fill("#description", "客服误将买家手机号发给他人")
        .await;
    browser.click("#log-incident").await;
    let first = browser.text("#incidents tbody tr .clock").await;
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let later = browser.text("#incidents tbody tr .clock").await;
    assert!(
        first.starts_with("00:") && first != later,
        "ticking: {first} then {later}"
    );
    let table = browser.text("#incidents").await;
    assert!(
        table.contains("待上报") && table.contains("逾期将扣款 5,000.00 CNY"),
        "{table}"
    );
    let page = browser.text("main").await;
    assert_eq!(english_words(&page), Vec::<String>::new(), "{page}");
    browser.screenshot("merchant-incidents").await;

    // The contract's dashboard: the trend, its chart drawn.
    browser
        .go(&format!("/contracts/{contract}/dashboard"))
        .await;
    let trend = browser.text("#trend-conversion_rate").await;
    assert!(
        trend.contains("36.0%") && trend.contains("40.0%"),
        "{trend}"
    );
    let drawn = browser
        .client
        .execute(
            "await new Promise(r => setTimeout(r, 300)); return document.querySelectorAll('.chart.drawn canvas').length",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        drawn.as_u64().unwrap_or_default() >= 2,
        "charts drawn: {drawn}"
    );
    let page = browser.text("main").await;
    assert_eq!(english_words(&page), Vec::<String>::new(), "{page}");
    browser.screenshot("merchant-contract-dashboard").await;

    // The vendor sees the merchant's comment on its report.
    browser.client.delete_all_cookies().await.unwrap();
    sign_in("li@vendor.cn").await;
    browser
        .go(&format!("/contracts/{contract}/reports/{period}"))
        .await;
    assert_eq!(browser.text("#report-status").await, "有异议");
    let row = browser.text("#report-figures .dispute-row").await;
    assert!(row.contains("与生意参谋的询单转化率不一致"), "{row}");
    browser.close().await;
}
