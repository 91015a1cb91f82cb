use chrono::NaiveDate;
use serde_json::{Value, json};

use super::*;

fn frame() -> Frame {
    Frame {
        start: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        end: NaiveDate::from_ymd_opt(2027, 8, 31).unwrap(),
        minor_digits: 2,
    }
}

/// The contract a Tmall shop signs with a vendor: seats ramping 4 → 10 → 16,
/// per-consultation fees in graduated tiers, 2% commission, response-time,
/// conversion and DSR clauses with bands and per-step penalties, a 双11
/// override, a 20% monthly cap and an annual cap, an escalation duty.
pub(crate) fn tmall_terms() -> Value {
    json!({
        "commercial": {
            "payment": { "net_days": 30, "method": "bank_transfer" },
            "tax_rate": "6",
            "scope": {
                "channels": ["online_chat", "phone"],
                "lines": ["pre_sale", "after_sale", "complaints"],
                "hours": [{ "weekday": "mon", "from": "09:00", "to": "24:00" }]
            },
            "report_deemed_accepted_after_days": 5
        },
        "charges": [
            { "id": 1, "kind": "seat_monthly", "name": "座席费", "rate": "6000.00" },
            { "id": 2, "kind": "per_unit", "name": "咨询接待费", "metric": "consultations", "pricing": "graduated",
              "included": "0", "tiers": [{ "from": "0", "unit_price": "1.20" }, { "from": "20000", "unit_price": "1.00" }] },
            { "id": 3, "kind": "commission", "name": "销售提成", "percent": "2" }
        ],
        "sla_clauses": [
            { "id": 6, "name": "首次响应时间", "metric": "first_response_time", "target": "30", "min_sample": 500,
              "overrides": [{ "label": "双11", "from": "2026-11-01", "to": "2026-11-12", "target": "45" }],
              "penalty": { "type": "per_step", "step": "1", "amount": "200.00", "max": "5000.00" } },
            { "id": 7, "name": "询单转化率", "metric": "conversion_rate", "target": "40",
              "penalty": { "type": "bands", "fee_base": { "charge_kinds": ["seat_monthly", "per_unit"] },
                           "bands": [{ "threshold": "40", "percent": "5" }, { "threshold": "35", "percent": "10" },
                                     { "threshold": "30", "percent": "20" }] } },
            { "id": 8, "name": "DSR服务评分", "metric": "dsr_service", "target": "4.7", "applies_from_phase": 5,
              "grace_days": 14,
              "penalty": { "type": "fixed", "amount": "3000.00" },
              "bonus": { "schedule": { "type": "bands", "bands": [{ "threshold": "4.8", "amount": "2000.00" },
                                                                  { "threshold": "4.9", "amount": "5000.00" }] },
                         "also_requires": [{ "metric": "csat", "threshold": "90" }] } }
        ],
        "liability": {
            "monthly_cap": { "percent_of_fees": "20" },
            "annual_cap": "200000.00",
            "incident_duties": [{ "severity": "critical", "escalate_within_minutes": 30, "amount": "5000.00" }],
            "uncapped": ["data_breach", "gross_negligence"],
            "termination_after_breached_months": 3
        },
        "phases": [
            { "id": 4, "name": "试运行", "start": "2026-09-01", "end": "2026-10-01", "channels": ["online_chat"],
              "inquiry_share": "30", "seats": 4, "exit_criteria": [{ "metric": "first_response_time", "threshold": "40" }] },
            { "id": 5, "name": "扩大", "start": "2026-10-01", "end": "2026-11-01", "channels": ["online_chat", "phone"],
              "inquiry_share": "70", "seats": 10 },
            { "id": 9, "name": "全量", "start": "2026-11-01", "end": "2027-09-01", "channels": ["online_chat", "phone"],
              "inquiry_share": "100", "seats": 16 }
        ],
        "next_id": 10
    })
}

fn terms(value: Value) -> Terms {
    serde_json::from_value(value).unwrap()
}

fn fields(terms: &Terms) -> Vec<String> {
    terms
        .completeness(&frame())
        .into_iter()
        .map(|v| v.field)
        .collect()
}

#[test]
fn the_tmall_contract_is_complete_and_reads_back_exactly() {
    let written = tmall_terms();
    let parsed = terms(written.clone());
    assert_eq!(fields(&parsed), Vec::<String>::new());
    // Decimals keep the scale they were written with, and nothing is added or lost.
    let mut read_back = serde_json::to_value(&parsed).unwrap();
    assert_eq!(read_back["charges"][0]["rate"], "6000.00");
    assert_eq!(read_back["sla_clauses"][0]["overrides"][0]["target"], "45");
    // Defaults that were left out come back filled in.
    assert_eq!(read_back["commercial"]["rounding"], "half_up");
    assert_eq!(read_back["commercial"]["kpi_source"], "merchant");
    read_back["commercial"]
        .as_object_mut()
        .unwrap()
        .retain(|k, _| !["rounding", "kpi_source", "discrepancy_tolerance"].contains(&k.as_str()));
    prune(&mut read_back);
    // Of the defaults, only zero-valued ones remain; the written example states those itself.
    for part in ["charges", "phases", "liability", "commercial"] {
        assert_eq!(read_back[part], written[part], "{part}");
    }
}

/// Drops what serializing adds for fields left out: nulls, empty lists, zero counts.
fn prune(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|k, v| {
                !(v.is_null()
                    || v == &json!([])
                    || (v == &json!(0) && ["grace_days", "min_sample"].contains(&k.as_str())))
            });
            map.values_mut().for_each(prune);
        }
        Value::Array(items) => items.iter_mut().for_each(prune),
        _ => {}
    }
}

/// Each case: a change to the Tmall terms, the field it breaks, and the rule in words.
#[test]
fn every_broken_rule_names_its_field() {
    let cases: &[(&str, &str, Value, &str)] = &[
        (
            "/commercial/tax_rate",
            "commercial.tax_rate",
            json!("106"),
            "a tax rate above 100%",
        ),
        (
            "/commercial/scope/hours/0/to",
            "commercial.scope.hours[0]",
            json!("08:00"),
            "service hours ending before they start",
        ),
        (
            "/charges/0/rate",
            "charges[0].rate",
            json!("6000.001"),
            "an amount finer than a fen",
        ),
        (
            "/charges/0/rate",
            "charges[0].rate",
            json!("0"),
            "a zero seat rate",
        ),
        (
            "/charges/1/tiers/0/from",
            "charges[1].tiers[0].from",
            json!("100"),
            "tiers that do not start at zero",
        ),
        (
            "/charges/1/tiers/1/from",
            "charges[1].tiers[1].from",
            json!("0"),
            "tiers that do not increase",
        ),
        (
            "/charges/1/metric",
            "charges[1].metric",
            json!("csat"),
            "a per-unit charge on a share",
        ),
        (
            "/charges/1/metric",
            "charges[1].metric",
            json!("chats"),
            "a metric not in the catalogue",
        ),
        (
            "/charges/2/percent",
            "charges[2].percent",
            json!("120"),
            "a commission above 100%",
        ),
        (
            "/sla_clauses/0/metric",
            "sla_clauses[0].metric",
            json!("response"),
            "a clause on an unknown metric",
        ),
        (
            "/sla_clauses/0/overrides/0/to",
            "sla_clauses[0].overrides[0].to",
            json!("2026-10-31"),
            "an override ending before it starts",
        ),
        (
            "/sla_clauses/0/overrides/0/from",
            "sla_clauses[0].overrides[0].from",
            json!("2025-11-01"),
            "an override outside the contract",
        ),
        (
            "/sla_clauses/0/penalty/step",
            "sla_clauses[0].penalty.step",
            json!("0"),
            "a zero step",
        ),
        (
            "/sla_clauses/1/penalty/bands/1/threshold",
            "sla_clauses[1].penalty.bands[1].threshold",
            json!("38"),
            "penalty bands of a higher-is-better metric that do not decrease... ok",
        ),
        (
            "/sla_clauses/1/penalty/bands/1/threshold",
            "sla_clauses[1].penalty.bands[1].threshold",
            json!("45"),
            "a penalty band better than the one before",
        ),
        (
            "/sla_clauses/1/penalty/bands/0/threshold",
            "sla_clauses[1].penalty.bands[0].threshold",
            json!("41"),
            "a first penalty band better than the target",
        ),
        (
            "/sla_clauses/1/penalty/bands/2/percent",
            "sla_clauses[1].penalty.bands[2]",
            json!("8"),
            "a worse band that costs less",
        ),
        (
            "/sla_clauses/1/penalty/fee_base/charge_kinds/1",
            "sla_clauses[1].penalty.fee_base.charge_kinds[1]",
            json!("fixed"),
            "a fee base naming a charge kind the contract has not",
        ),
        (
            "/sla_clauses/2/applies_from_phase",
            "sla_clauses[2].applies_from_phase",
            json!(99),
            "a phase that does not exist",
        ),
        (
            "/sla_clauses/2/bonus/schedule/bands/1/threshold",
            "sla_clauses[2].bonus.schedule.bands[1].threshold",
            json!("4.75"),
            "bonus bands that do not increase",
        ),
        (
            "/sla_clauses/2/bonus/also_requires/0/threshold",
            "sla_clauses[2].bonus.also_requires[0].threshold",
            json!("101"),
            "a CSAT condition above 100%",
        ),
        (
            "/liability/monthly_cap/percent_of_fees",
            "liability.monthly_cap.percent_of_fees",
            json!("120"),
            "a cap above 100% of fees",
        ),
        (
            "/liability/incident_duties/0/escalate_within_minutes",
            "liability.incident_duties[0].escalate_within_minutes",
            json!(0),
            "a zero deadline",
        ),
        (
            "/liability/termination_after_breached_months",
            "liability.termination_after_breached_months",
            json!(0),
            "terminating after zero months",
        ),
        (
            "/phases/1/start",
            "phases[1].start",
            json!("2026-09-15"),
            "overlapping phases",
        ),
        (
            "/phases/0/end",
            "phases[0].end",
            json!("2026-09-01"),
            "a phase ending as it starts",
        ),
        (
            "/phases/2/end",
            "phases[2].end",
            json!("2027-10-01"),
            "a phase past the contract's end",
        ),
        (
            "/phases/0/inquiry_share",
            "phases[0].inquiry_share",
            json!("130"),
            "a share above 100%",
        ),
    ];
    for (pointer, field, value, rule) in cases {
        if rule.ends_with("... ok") {
            // 38 lies between 40 and 30: still strictly decreasing, so this one must pass.
            let mut doc = tmall_terms();
            *doc.pointer_mut(pointer).unwrap() = value.clone();
            assert_eq!(fields(&terms(doc)), Vec::<String>::new(), "{rule}");
            continue;
        }
        let mut doc = tmall_terms();
        *doc.pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{pointer} is in the example")) = value.clone();
        let found = fields(&terms(doc));
        assert!(
            found.contains(&field.to_string()),
            "{rule}: expected {field}, found {found:?}"
        );
    }
}

#[test]
fn activation_needs_a_charge_and_seats_need_phases() {
    let mut doc = tmall_terms();
    doc["charges"] = json!([]);
    doc["sla_clauses"]
        .as_array_mut()
        .unwrap()
        .retain(|c| c["id"] != 7);
    assert!(fields(&terms(doc)).contains(&"charges".to_string()));

    let mut doc = tmall_terms();
    doc["phases"] = json!([]);
    doc["sla_clauses"]
        .as_array_mut()
        .unwrap()
        .retain(|c| c["id"] != 8);
    assert!(fields(&terms(doc)).contains(&"phases".to_string()));
}

#[test]
fn a_lower_is_better_metric_runs_its_penalty_bands_upwards() {
    let mut doc = tmall_terms();
    doc["sla_clauses"][0]["penalty"] = json!({ "type": "bands", "bands": [
        { "threshold": "30", "amount": "500.00" }, { "threshold": "60", "amount": "2000.00" } ] });
    assert_eq!(fields(&terms(doc.clone())), Vec::<String>::new());
    doc["sla_clauses"][0]["penalty"]["bands"][1]["threshold"] = json!("20");
    assert!(fields(&terms(doc)).contains(&"sla_clauses[0].penalty.bands[1].threshold".to_string()));
}

#[test]
fn floats_and_unknown_fields_are_refused_when_read() {
    let mut doc = tmall_terms();
    doc["charges"][0]["rate"] = json!(6000.0);
    assert!(serde_json::from_value::<Terms>(doc).is_err());
    let mut doc = tmall_terms();
    doc["liability"]["cap"] = json!("1");
    assert!(serde_json::from_value::<Terms>(doc).is_err());
}

#[test]
fn a_phase_s_shifts_are_named_and_bounded() {
    let mut doc = tmall_terms();
    doc["phases"][0]["shifts"] = json!(["早班 9:00–18:00", " "]);
    assert_eq!(fields(&terms(doc)), ["phases[0].shifts[1]"]);
    let mut doc = tmall_terms();
    doc["phases"][1]["shifts"] = json!(vec!["班次"; 11]);
    assert_eq!(fields(&terms(doc)), ["phases[1].shifts"]);
    let mut doc = tmall_terms();
    doc["phases"][1]["shifts"] = json!(vec!["班次"; 10]);
    assert_eq!(fields(&terms(doc)), Vec::<String>::new());
}

#[test]
fn a_handover_plan_with_a_gap_is_not_complete() {
    let mut doc = tmall_terms();
    doc["phases"][1]["end"] = json!("2026-10-20");
    assert_eq!(fields(&terms(doc)), ["phases[2].start"]);
}

proptest::proptest! {
    /// Penalty bands on a higher-is-better metric are accepted exactly when their
    /// thresholds fall strictly, starting at or below the target.
    #[test]
    fn penalty_bands_are_accepted_only_when_they_fall(thresholds in proptest::collection::vec(0u32..=100, 1..6)) {
        let mut doc = tmall_terms();
        let bands: Vec<Value> = thresholds
            .iter()
            .enumerate()
            .map(|(i, t)| json!({ "threshold": t.to_string(), "amount": format!("{}.00", 100 * (i + 1)) }))
            .collect();
        doc["sla_clauses"][1]["penalty"] = json!({ "type": "bands", "bands": bands });
        let falling = thresholds.windows(2).all(|w| w[1] < w[0]);
        let from_target = thresholds[0] <= 40;
        let broken = fields(&terms(doc)).iter().any(|f| f.starts_with("sla_clauses[1].penalty.bands"));
        proptest::prop_assert_eq!(broken, !(falling && from_target), "thresholds {:?}", thresholds);
    }
}

#[test]
fn amounts_are_bounded_so_that_billing_cannot_overflow() {
    let mut doc = tmall_terms();
    doc["charges"][0]["rate"] = json!("1000000000000.00");
    assert!(fields(&terms(doc.clone())).is_empty());
    doc["charges"][0]["rate"] = json!("1000000000000.01");
    assert_eq!(fields(&terms(doc)), ["charges[0].rate"]);
}
