//! The demo contract: phases, charges, SLA clauses, liability, an exclusion; signed.

use serde_json::json;

use super::api::{Api, id};
use super::figures::Calendar;

/// The contract: three handover phases, seats, per-consultation fees, commission and a
/// management fee; response, conversion and DSR clauses; caps, an escalation duty, the
/// outage excluded; signed.
pub(super) async fn contract(
    api: &Api,
    owner: &str,
    calendar: &Calendar,
    vendor: i64,
    shops: &[i64; 2],
) -> anyhow::Result<i64> {
    let [september, october, november, _] = calendar.months();
    let created = api.post("/api/v1/contracts", owner, json!({
        "number": format!("KF-{}-001", calendar.year), "title": "天猫、京东店铺客服外包服务合同",
        "vendor_id": vendor, "shop_ids": shops, "start": september, "end": calendar.contract_end(),
        "commercial": {
            "payment": { "net_days": 30, "method": "bank_transfer" }, "tax_rate": "6",
            "scope": { "channels": ["online_chat", "phone"], "lines": ["pre_sale", "after_sale", "complaints"],
                       "hours": [{ "weekday": "mon", "from": "09:00", "to": "24:00" }] },
            "report_deemed_accepted_after_days": 5
        }
    }))
    .await?;
    let contract = id(&created)?;
    let path = format!("/api/v1/contracts/{contract}");
    let phases = [
        ("试运行：售后在线咨询", september, october, 8, "30"),
        ("扩大：售前售后在线咨询", october, november, 16, "60"),
        (
            "全量：在线咨询与电话",
            november,
            calendar.contract_end() + chrono::Days::new(1),
            24,
            "100",
        ),
    ];
    let mut phase_ids = Vec::new();
    for (name, start, end, seats, share) in phases {
        let phase = api
            .post(
                &format!("{path}/phases"),
                owner,
                json!({
                    "name": name, "start": start, "end": end, "channels": ["online_chat"],
                    "inquiry_share": share, "seats": seats,
                    "exit_criteria": [{ "metric": "first_response_time", "threshold": "40" }]
                }),
            )
            .await?;
        phase_ids.push(id(&phase)?);
    }
    for charge in [
        json!({ "kind": "seat_monthly", "name": "座席费", "rate": "5500.00" }),
        json!({ "kind": "per_unit", "name": "咨询接待费", "metric": "consultations", "pricing": "graduated",
                "tiers": [{ "from": "0", "unit_price": "0.80" }, { "from": "60000", "unit_price": "0.60" }] }),
        json!({ "kind": "commission", "name": "客服销售额提成", "percent": "1.5" }),
        json!({ "kind": "fixed", "name": "项目管理费", "amount": "3000.00" }),
    ] {
        api.post(&format!("{path}/charges"), owner, charge).await?;
    }
    let (rush_from, rush_to) = calendar.double_eleven();
    for clause in [
        json!({ "name": "首次响应时间", "metric": "first_response_time", "target": "30", "min_sample": 500,
                "overrides": [{ "label": "双11", "from": rush_from, "to": rush_to, "target": "45" }],
                "penalty": { "type": "per_step", "step": "1", "amount": "300.00", "max": "6000.00" } }),
        json!({ "name": "询单转化率", "metric": "conversion_rate", "target": "40",
                "penalty": { "type": "bands", "fee_base": { "charge_kinds": ["seat_monthly", "per_unit"] },
                             "bands": [{ "threshold": "40", "percent": "5" }, { "threshold": "35", "percent": "10" },
                                       { "threshold": "30", "percent": "20" }] } }),
        json!({ "name": "DSR服务评分", "metric": "dsr_service", "target": "4.75", "applies_from_phase": phase_ids[1],
                "penalty": { "type": "fixed", "amount": "2000.00" },
                "bonus": { "schedule": { "type": "bands", "bands": [{ "threshold": "4.8", "amount": "3000.00" }] },
                           "also_requires": [{ "metric": "csat", "threshold": "90" }] } }),
    ] {
        api.post(&format!("{path}/sla-clauses"), owner, clause)
            .await?;
    }
    api.put(&format!("{path}/liability"), owner, json!({
        "monthly_cap": { "percent_of_fees": "20" },
        "annual_cap": "300000.00",
        "incident_duties": [{ "severity": "critical", "escalate_within_minutes": 30, "amount": "5000.00" }],
        "uncapped": ["data_breach", "gross_negligence"],
        "termination_after_breached_months": 3
    }))
    .await?;
    let (outage_from, outage_to) = calendar.outage();
    api.post(&format!("{path}/exclusions"), owner, json!({
        "from": outage_from, "to": outage_to, "category": "platform_outage", "note": "平台消息系统故障，客服无法接入"
    }))
    .await?;
    api.post(&format!("{path}/activate"), owner, json!({}))
        .await?;
    Ok(contract)
}
