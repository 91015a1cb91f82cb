//! A Tmall customer-service contract with ten SLA clauses, and a month of
//! its daily figures: what the benchmarks bill.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use kefu::domain::Period;
use kefu::domain::billing::{
    Basis, BillingInput, MetricInput, ReportState, TermsPart, breakpoints, bucketed,
};
use kefu::domain::terms::Terms;
use rust_decimal::Decimal;
use serde_json::json;

pub fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("a day of 2026")
}

/// Three phases, four charges, ten clauses (bands, per-step, fixed, a bonus,
/// a 双11 override, a clause from phase 2 with grace days), caps, a duty.
pub fn terms() -> Terms {
    let band = |t: &str, p: &str| json!({ "threshold": t, "percent": p });
    let document = json!({
        "commercial": {
            "payment": { "net_days": 30, "method": "bank_transfer" }, "tax_rate": "6",
            "scope": { "channels": ["online_chat"], "lines": ["pre_sale", "after_sale"] }
        },
        "phases": [
            { "id": 1, "name": "试运行", "start": "2026-08-01", "end": "2026-09-01", "channels": ["online_chat"], "inquiry_share": "30", "seats": 4 },
            { "id": 2, "name": "扩大", "start": "2026-09-01", "end": "2026-10-16", "channels": ["online_chat"], "inquiry_share": "70", "seats": 10 },
            { "id": 3, "name": "全量", "start": "2026-10-16", "end": "2027-08-01", "channels": ["online_chat"], "inquiry_share": "100", "seats": 16 }
        ],
        "charges": [
            { "id": 4, "kind": "seat_monthly", "name": "座席费", "rate": "6000.00" },
            { "id": 5, "kind": "per_unit", "name": "咨询接待费", "metric": "consultations", "pricing": "graduated",
              "included": "1000", "tiers": [{ "from": "0", "unit_price": "1.20" }, { "from": "20000", "unit_price": "1.00" }] },
            { "id": 6, "kind": "commission", "name": "销售提成", "percent": "2" },
            { "id": 7, "kind": "fixed", "name": "管理费", "amount": "3000.00" }
        ],
        "sla_clauses": [
            { "id": 8, "name": "首次响应时间", "metric": "first_response_time", "target": "30", "min_sample": 500,
              "overrides": [{ "label": "双11", "from": "2026-10-20", "to": "2026-11-11", "target": "45" }],
              "penalty": { "type": "per_step", "step": "1", "amount": "200.00", "max": "5000.00" } },
            { "id": 9, "name": "询单转化率", "metric": "conversion_rate", "target": "40",
              "penalty": { "type": "bands", "fee_base": { "charge_kinds": ["seat_monthly", "per_unit"] },
                           "bands": [band("40", "5"), band("35", "10"), band("30", "20")] } },
            { "id": 10, "name": "DSR服务评分", "metric": "dsr_service", "target": "4.7", "applies_from_phase": 2, "grace_days": 14,
              "penalty": { "type": "fixed", "amount": "3000.00" },
              "bonus": { "schedule": { "type": "bands", "bands": [{ "threshold": "4.8", "amount": "2000.00" }, { "threshold": "4.9", "amount": "5000.00" }] },
                         "also_requires": [{ "metric": "csat", "threshold": "90" }] } },
            { "id": 11, "name": "满意度", "metric": "csat", "target": "90", "penalty": { "type": "fixed", "amount": "1000.00" } },
            { "id": 12, "name": "首次解决率", "metric": "fcr", "target": "80",
              "penalty": { "type": "bands", "bands": [{ "threshold": "80", "amount": "500.00" }, { "threshold": "70", "amount": "1500.00" }] } },
            { "id": 13, "name": "服务水平", "metric": "service_level", "target": "90",
              "penalty": { "type": "per_step", "step": "0.5", "amount": "100.00", "counting": "pro_rata", "max": "3000.00" } },
            { "id": 14, "name": "放弃率", "metric": "abandonment_rate", "target": "5",
              "penalty": { "type": "bands", "fee_base": { "charge_kinds": ["seat_monthly"] },
                           "bands": [band("5", "2"), band("10", "5")] } },
            { "id": 15, "name": "质检分", "metric": "qa_score", "target": "85", "penalty": { "type": "fixed", "amount": "800.00" } },
            { "id": 16, "name": "平均处理时长", "metric": "average_handle_time", "target": "300",
              "penalty": { "type": "per_step", "step": "10", "amount": "50.00", "max": "2000.00" } },
            { "id": 17, "name": "不满意度", "metric": "dsat", "target": "3", "missing_data": "waive",
              "penalty": { "type": "fixed", "amount": "600.00" } }
        ],
        "liability": {
            "monthly_cap": { "percent_of_fees": "20" }, "annual_cap": "200000.00",
            "incident_duties": [{ "severity": "critical", "escalate_within_minutes": 30, "amount": "5000.00" }],
            "uncapped": ["data_breach"], "termination_after_breached_months": 3
        },
        "next_id": 18
    });
    serde_json::from_value(document).expect("the fixture's terms")
}

/// Numerator and denominator of each metric on the `n`th day (0-based) of
/// contract `seed`: weekday and weekend patterns, some days worse than others.
pub fn figures_of(seed: u64, n: u32) -> [(&'static str, i64, i64); 12] {
    let wobble = ((seed * 7 + u64::from(n) * 13) % 11) as i64; // 0..10
    let weekend = n % 7 >= 5;
    let volume = if weekend { 900 } else { 650 } + wobble * 10;
    [
        ("consultations", volume, 1),
        ("cs_sales", 800_000 + wobble * 10_000, 1),
        ("first_response_time", (24 + wobble) * 1000 * volume, volume),
        ("conversion_rate", 36 + wobble / 2, 100),
        ("dsr_service", 47 + wobble / 5, 10),
        ("csat", 88 + wobble / 2, 100),
        ("fcr", 75 + wobble, 100),
        ("service_level", 85 + wobble, 100),
        ("abandonment_rate", 3 + wobble / 3, 100),
        ("qa_score", 8000 + wobble * 100, 100),
        (
            "average_handle_time",
            (280 + wobble * 5) * 1000 * volume,
            volume,
        ),
        ("dsat", 2 + wobble / 4, 100),
    ]
}

/// October 2026 of contract `seed`, the feed summed between breakpoints as
/// the close gathers it (or day by day).
pub fn october(seed: u64, summed: bool) -> BillingInput {
    let period = Period::of(day(10, 1));
    let (from, to) = (period.first_day(), period.last_day());
    let parts = vec![TermsPart {
        version: 1,
        from,
        to,
        terms: terms(),
    }];
    let breaks = if summed {
        breakpoints(&parts)
    } else {
        from.iter_days().take_while(|d| *d <= to).collect()
    };
    let days: Vec<[(&'static str, i64, i64); 12]> = (0..31).map(|n| figures_of(seed, n)).collect();
    let figures = (0..12)
        .map(|m| {
            let rows: Vec<(NaiveDate, i64, i64)> = days
                .iter()
                .enumerate()
                .map(|(n, f)| (day(10, n as u32 + 1), f[m].1, f[m].2))
                .collect();
            MetricInput {
                metric: days[0][m].0.to_owned(),
                basis: Basis::Feed,
                buckets: bucketed(&rows, &BTreeSet::new(), from, to, &breaks),
            }
        })
        .collect();
    BillingInput {
        period,
        from,
        to,
        minor_digits: 2,
        parts,
        excluded: Vec::new(),
        figures,
        incidents: Vec::new(),
        report: ReportState::Accepted,
        discrepancies: Vec::new(),
        contract_year: (
            day(8, 1),
            NaiveDate::from_ymd_opt(2027, 7, 31).expect("a day"),
        ),
        penalties_earlier_in_year: Decimal::ZERO,
        breached_months_before: 0,
    }
}
