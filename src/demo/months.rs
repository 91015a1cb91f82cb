//! What happens in the demo's months beside the KPI figures: two critical
//! incidents, and the vendor's monthly reports with one dispute.

use chrono::{NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Asia::Shanghai;
use serde_json::json;

use super::api::{Api, id};
use super::figures::Calendar;

/// A moment of a day, Beijing time, as the API takes it.
fn at(day: NaiveDate, hour: u32, minute: u32) -> String {
    let local = day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default());
    Shanghai
        .from_local_datetime(&local)
        .single()
        .map(|t| t.to_utc().to_rfc3339())
        .unwrap_or_default()
}

/// Two critical incidents: one escalated in time, one 55 minutes late.
pub(super) async fn incidents(
    api: &Api,
    owner: &str,
    vendor: &str,
    path: &str,
    calendar: &Calendar,
) -> anyhow::Result<()> {
    let [september, october, ..] = calendar.months();
    let on_time = september + chrono::Days::new(19);
    api.post(&format!("{path}/incidents"), vendor, json!({
        "severity": "critical", "category": "data_leak", "occurred_at": at(on_time, 14, 5),
        "escalated_at": at(on_time, 14, 17), "description": "客服误将一位买家的收货地址发给另一位买家，已撤回并致歉"
    }))
    .await?;
    let late = october + chrono::Days::new(8);
    let incident = api
        .post(
            &format!("{path}/incidents"),
            owner,
            json!({
                "severity": "critical", "category": "safety", "occurred_at": at(late, 21, 40),
                "description": "买家在咨询中称有轻生念头，客服未按预案及时上报"
            }),
        )
        .await?;
    api.post(
        &format!("{path}/incidents/{}/escalation", id(&incident)?),
        vendor,
        json!({ "escalated_at": at(late, 22, 35) }),
    )
    .await?;
    Ok(())
}

/// The vendor's monthly reports: September and November accepted; October disputed,
/// answered and then accepted.
pub(super) async fn reports(
    api: &Api,
    owner: &str,
    vendor: &str,
    path: &str,
    calendar: &Calendar,
) -> anyhow::Result<()> {
    let narratives = [
        (8, 9, "试运行期间售后咨询平稳", "完成知识库梳理与话术培训"),
        (
            16,
            19,
            "国庆后咨询量上升，人手紧张导致响应变慢",
            "已招聘四名新客服，十月下旬到岗",
        ),
        (
            24,
            30,
            "双11大促咨询量达平日四倍",
            "启用临时排班与快捷短语，大促后恢复常规",
        ),
    ];
    for (period, (seats, agents, problems, actions)) in calendar.periods().iter().zip(narratives) {
        let report = format!("{path}/reports/{period}");
        let body = json!({
            "staffing": { "seats": seats, "agents": agents, "attrition_percent": "5.0" },
            "narrative": { "problems": problems, "actions": actions, "requests": "" }
        });
        api.put(&report, vendor, body.clone()).await?;
        api.post(&format!("{report}/submit"), vendor, json!({}))
            .await?;
        if period.ends_with("-10") {
            api.post(&format!("{report}/dispute"), owner, json!({ "comments": [
                { "metric": "first_response_time", "comment": "平台后台显示十月中旬响应时间更长，请核对并说明原因" }
            ]}))
            .await?;
            let mut answered = body;
            answered["narrative"]["actions"] = json!(
                "已核对：10月14日至15日平台故障期间的数据按合同排除；其余日期数据无误。已招聘四名新客服，十月下旬到岗"
            );
            api.put(&report, vendor, answered).await?;
            api.post(&format!("{report}/submit"), vendor, json!({}))
                .await?;
        }
        api.post(&format!("{report}/accept"), owner, json!({}))
            .await?;
    }
    Ok(())
}
