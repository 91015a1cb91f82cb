//! The merchant watching a contract: exclusion windows, incidents and their
//! escalation deadlines, the monthly report reviewed figure by figure
//! against the merchant's own source, and the dashboards — over plain HTTP
//! for the rules, in a real browser for the journey.

use chrono::{Days, TimeDelta, Utc};
use serde_json::{Value, json};

use super::Visit;
use super::browser::Browser;
use super::journeys::english_words;
use crate::helpers::{CREDIT_CODES, PASSWORD, Plan};
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
    let written = b
        .s
        .app
        .put(&b.s.report_path(&period, ""), &b.s.vendor_key, report())
        .await;
    assert_eq!(written.status, 200, "{:?}", written.body);
    let sent = b
        .s
        .app
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
    &rest[..rest.len().min(1600)]
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
    assert!(part(&refused.body, "to-error").contains("不能早于"), "{}", refused.body);
    assert!(!refused.body.contains("id=\"from-error\""));
    assert!(refused.body.contains("天猫后台宕机"), "the note is kept");
    // Not a date; outside the contract.
    let refused = visit
        .post(
            &path,
            &[("csrf", &csrf), ("category", "force_majeure"), ("from", "昨天"), ("to", &from.to_string()), ("note", "台风")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(part(&refused.body, "from-error").contains("须为日期"));
    let before_start = (plan.start - Days::new(3)).to_string();
    let refused = visit
        .post(
            &path,
            &[("csrf", &csrf), ("category", "force_majeure"), ("from", &before_start), ("to", &from.to_string()), ("note", "台风")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(part(&refused.body, "from-error").contains("合同期限"), "{}", refused.body);
    // Nothing was written by the refusals.
    let listed = b.s.app.get(&b.s.path("/exclusions"), &b.s.owner.token).await;
    assert_eq!(listed.body.as_array().map(Vec::len), Some(0), "{:?}", listed.body);

    let recorded = visit
        .post(
            &path,
            &[("csrf", &csrf), ("category", "platform_outage"), ("from", &from.to_string()), ("to", &to.to_string()), ("note", "天猫后台宕机")],
        )
        .await;
    assert_eq!(recorded.status, 303);
    let page = visit.get(recorded.location()).await;
    assert!(part(&page.body, "exclusion-done").contains("已登记"));
    let table = part(&page.body, "exclusions");
    assert!(table.contains("平台故障") && table.contains("天猫后台宕机") && table.contains(">2<"), "{table}");
    let listed = b.s.app.get(&b.s.path("/exclusions"), &b.s.owner.token).await;
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
            &[("csrf", &csrf), ("severity", "critical"), ("category", "data_leak"), ("occurred_at", "今天上午"), ("escalated_at", ""), ("description", "客户手机号外泄")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(part(&refused.body, "occurred_at-error").contains("日期和时间"));
    let refused = visit
        .post(
            &path,
            &[("csrf", &csrf), ("severity", "critical"), ("category", "data_leak"), ("occurred_at", &local(now + TimeDelta::hours(2))), ("escalated_at", ""), ("description", "客户手机号外泄")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(part(&refused.body, "occurred_at-error").contains("将来"), "{}", refused.body);
    assert!(refused.body.contains("客户手机号外泄"), "the description is kept");
    let logged = b.s.app.get(&b.s.path("/incidents"), &b.s.owner.token).await;
    assert_eq!(logged.body.as_array().map(Vec::len), Some(0));

    // Ten minutes ago, not escalated: 20 of its 30 minutes left, the cost if late.
    let pending = visit
        .post(
            &path,
            &[("csrf", &csrf), ("severity", "critical"), ("category", "data_leak"), ("occurred_at", &local(now - TimeDelta::minutes(10))), ("escalated_at", ""), ("description", "客户手机号外泄")],
        )
        .await;
    assert_eq!(pending.status, 303, "{}", pending.body);
    // Two hours ago, escalated after 45 minutes: late, it costs the duty's 5,000.00.
    let two_hours_ago = now - TimeDelta::hours(2);
    let late = visit
        .post(
            &path,
            &[("csrf", &csrf), ("severity", "critical"), ("category", "safety"), ("occurred_at", &local(two_hours_ago)), ("escalated_at", &local(two_hours_ago + TimeDelta::minutes(45))), ("description", "顾客威胁到店")],
        )
        .await;
    assert_eq!(late.status, 303);
    let page = visit.get(&path).await;
    assert!(part(&page.body, "duties").contains("30 分钟内上报"));
    let ids: Vec<i64> = b.s.app.get(&b.s.path("/incidents"), &b.s.owner.token).await.body
        .as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
    let (late_id, pending_id) = (ids[0], ids[1]);
    let row = part(&page.body, &format!("incident-{pending_id}"));
    assert!(row.contains("待上报") && row.contains("剩余") && row.contains("data-countdown"), "{row}");
    assert!(row.contains("00:19:") || row.contains("00:20:") || row.contains("00:18:"), "{row}");
    assert!(row.contains("逾期将扣款 5,000.00 CNY"), "{row}");
    let row = part(&page.body, &format!("incident-{late_id}"));
    assert!(row.contains("逾期上报") && row.contains("逾期扣款 5,000.00 CNY"), "{row}");
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
    assert!(part(&again.body, &format!("escalate-error-{late_id}")).contains("以首次升级为准"), "{}", again.body);
}
