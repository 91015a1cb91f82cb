//! How SLA schedules read, written over the API, stored and billed: whether
//! a band's threshold belongs to it, how a started step counts, clauses that
//! only reward; and terms written before these choices keep their meaning.

use diesel::RunQueryDsl;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::helpers::{Session, TestApp};
use crate::invoices::dec;
use crate::prorated::{activate, seat_contract_draft};

/// A draft contract for July 2026 on: ten seats at 5500.00 and `clauses`.
async fn contract_with(app: &TestApp, owner: &Session, clauses: &[Value]) -> (i64, Vec<i64>) {
    let contract = seat_contract_draft(
        app,
        owner,
        "2026-07-01",
        &[("2026-07-01", "2027-07-01", 10)],
    )
    .await;
    let mut ids = Vec::new();
    for clause in clauses {
        let added = app
            .post(
                &format!("/api/v1/contracts/{contract}/sla-clauses"),
                &owner.token,
                clause.clone(),
            )
            .await;
        assert_eq!(added.status, 201, "{clause}: {:?}", added.body);
        ids.push(added.body["id"].as_i64().unwrap());
    }
    (contract, ids)
}

fn clauses() -> Vec<Value> {
    vec![
        // 低于90%扣1000元，低于85%扣2500元: the thresholds belong to the milder band.
        json!({ "name": "服务水平", "metric": "service_level", "target": "90",
                "penalty": { "type": "bands", "bands": [{ "threshold": "90", "amount": "1000.00" },
                                                        { "threshold": "85", "amount": "2500.00" }] } }),
        // 90%以下扣1000元，85%以下扣2500元: the thresholds are in their bands.
        json!({ "name": "满意度", "metric": "csat", "target": "90",
                "penalty": { "type": "bands", "bands": [{ "threshold": "90", "inclusive": true, "amount": "1000.00" },
                                                        { "threshold": "85", "inclusive": true, "amount": "2500.00" }] } }),
        // 每超过1秒扣100元，不足一级按一级计.
        json!({ "name": "首次响应时间", "metric": "first_response_time", "target": "30",
                "penalty": { "type": "per_step", "step": "1", "amount": "100.00", "counting": "started" } }),
        // A bonus only: 500.00 for a DSR of 4.8 or better.
        json!({ "name": "DSR奖励", "metric": "dsr_service", "target": "4.8",
                "bonus": { "schedule": { "type": "fixed", "amount": "500.00" } } }),
    ]
}

fn amounts(draft: &Value) -> Vec<(String, Decimal)> {
    draft["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["label"].as_str().unwrap().to_owned(), dec(&l["amount"])))
        .collect()
}

#[tokio::test]
async fn band_boundaries_started_steps_and_bonus_only_clauses_bill_as_written() {
    let app = crate::helpers::spawn_app().await;
    let owner = app.signup("天猫旗舰店", "owner@shop.cn").await;
    let (contract, ids) = contract_with(&app, &owner, &clauses()).await;
    // Stored as written, with the defaults spelled out.
    let first = app
        .get(
            &format!("/api/v1/contracts/{contract}/sla-clauses/{}", ids[0]),
            &owner.token,
        )
        .await;
    assert_eq!(first.status, 200, "{:?}", first.body);
    assert_eq!(first.body["penalty"]["bands"][1]["inclusive"], false);
    let third = app
        .get(
            &format!("/api/v1/contracts/{contract}/sla-clauses/{}", ids[2]),
            &owner.token,
        )
        .await;
    assert_eq!(third.body["penalty"]["counting"], "started");
    let bonus_only = app
        .get(
            &format!("/api/v1/contracts/{contract}/sla-clauses/{}", ids[3]),
            &owner.token,
        )
        .await;
    assert_eq!(bonus_only.body["penalty"], Value::Null);
    activate(&app, &owner, contract).await;
    // Service level and CSAT exactly at 85 %, first response 32.4 s, DSR 4.9.
    let simulated = app
        .post(
            &format!("/api/v1/contracts/{contract}/simulate"),
            &owner.token,
            json!({ "period": "2026-07", "figures": [
                { "metric": "service_level", "numerator": 850, "denominator": 1000 },
                { "metric": "csat", "numerator": 85, "denominator": 100 },
                { "metric": "first_response_time", "numerator": 32400, "denominator": 1 },
                { "metric": "dsr_service", "numerator": 49, "denominator": 10 }
            ] }),
        )
        .await;
    assert_eq!(simulated.status, 200, "{:?}", simulated.body);
    // Seats 10 × 5500.00 = 55000.00.
    // 服务水平 85 % is not below 85 %: the first band, −1000.00.
    // 满意度 85 % is at 85 % and below: the second band, −2500.00.
    // 首次响应时间 32.4 s is 2.4 steps over 30 s; the started third counts: −300.00.
    // DSR 4.9 ≥ 4.8: +500.00, and no penalty is possible.
    assert_eq!(
        amounts(&simulated.body["draft"]),
        vec![
            ("座席费 — 第1阶段".to_owned(), dec(&json!("55000.00"))),
            ("服务水平".to_owned(), dec(&json!("-1000.00"))),
            ("满意度".to_owned(), dec(&json!("-2500.00"))),
            ("首次响应时间".to_owned(), dec(&json!("-300.00"))),
            ("DSR奖励: bonus".to_owned(), dec(&json!("500.00"))),
        ]
    );
}

#[tokio::test]
async fn a_clause_needs_a_penalty_a_bonus_or_both() {
    let app = crate::helpers::spawn_app().await;
    let owner = app.signup("天猫旗舰店", "owner@shop.cn").await;
    let (contract, _) = contract_with(&app, &owner, &[]).await;
    let neither = app
        .post(
            &format!("/api/v1/contracts/{contract}/sla-clauses"),
            &owner.token,
            json!({ "name": "服务水平", "metric": "service_level", "target": "90" }),
        )
        .await;
    assert_eq!(
        (neither.status, neither.error_fields()),
        (422, vec!["penalty".to_owned()]),
        "{:?}",
        neither.body
    );
    let unknown = app
        .post(
            &format!("/api/v1/contracts/{contract}/sla-clauses"),
            &owner.token,
            json!({ "name": "服务水平", "metric": "service_level", "target": "90",
                    "penalty": { "type": "per_step", "step": "1", "amount": "100.00", "counting": "rounded" } }),
        )
        .await;
    assert_eq!(unknown.status, 422, "{:?}", unknown.body);
    assert_eq!(unknown.error_fields(), vec!["penalty.counting".to_owned()]);
}

#[tokio::test]
async fn terms_written_before_keep_the_meaning_they_were_written_with() {
    let app = crate::helpers::spawn_app().await;
    let owner = app.signup("天猫旗舰店", "owner@shop.cn").await;
    let (contract, ids) = contract_with(
        &app,
        &owner,
        &[json!({ "name": "服务水平", "metric": "service_level", "target": "90",
                  "penalty": { "type": "per_step", "step": "1", "amount": "100.00", "counting": "pro_rata" },
                  "bonus": { "schedule": { "type": "bands", "bands": [{ "threshold": "95", "amount": "800.00" }] } } })],
    )
    .await;
    // The terms as the version before stored them: bands without `inclusive`
    // (they applied at their threshold), per-step schedules with `partial_steps`.
    let pool = kefu::store::connect(&app.database_url).unwrap();
    let mut conn = pool.get().unwrap();
    diesel::sql_query(
        "UPDATE contract_terms SET body = REPLACE(REPLACE(body, '\"inclusive\":false,', ''), \
         '\"counting\":\"pro_rata\"', '\"partial_steps\":true')",
    )
    .execute(&mut *conn)
    .unwrap();
    let forgotten = diesel::sql_query(
        "DELETE FROM __diesel_schema_migrations WHERE version = '20261201000006'",
    )
    .execute(&mut *conn)
    .unwrap();
    assert_eq!(forgotten, 1, "the migration is known by its version");
    drop(conn);
    let applied = kefu::store::migrate(&pool).unwrap();
    assert_eq!(applied.len(), 1, "{applied:?}");
    let clause = app
        .get(
            &format!("/api/v1/contracts/{contract}/sla-clauses/{}", ids[0]),
            &owner.token,
        )
        .await;
    assert_eq!(clause.status, 200, "{:?}", clause.body);
    assert_eq!(clause.body["penalty"]["counting"], "pro_rata");
    assert_eq!(
        clause.body["bonus"]["schedule"]["bands"][0]["inclusive"],
        true
    );
}

/// The parts of July a first-response clause with a 双11-style override from
/// 10 to 20 July is judged in.
const PARTS: [(&str, &str); 3] = [
    ("2026-07-01", "2026-07-09"),
    ("2026-07-10", "2026-07-20"),
    ("2026-07-21", "2026-07-31"),
];

#[tokio::test]
async fn a_report_gives_each_part_of_a_split_month_and_each_is_judged_on_its_own() {
    let app = crate::helpers::spawn_app().await;
    let owner = app.signup("天猫旗舰店", "owner@shop.cn").await;
    // 每超过目标1秒扣100元; 目标30秒, 7月10日至20日大促期间45秒.
    let (contract, _) = contract_with(
        &app,
        &owner,
        &[json!({ "name": "首次响应时间", "metric": "first_response_time", "target": "30",
                  "overrides": [{ "label": "大促", "from": PARTS[1].0, "to": PARTS[1].1, "target": "45" }],
                  "penalty": { "type": "per_step", "step": "1", "amount": "100.00" } })],
    )
    .await;
    activate(&app, &owner, contract).await;
    let vendor = app
        .get(&format!("/api/v1/contracts/{contract}"), &owner.token)
        .await
        .body["vendor_id"]
        .as_i64()
        .unwrap();
    let (_, key) = app
        .api_key_with(
            &owner.token,
            vendor,
            json!({ "name": "月报", "scopes": ["read_contracts", "write_reports"] }),
        )
        .await;
    let path = format!("/api/v1/contracts/{contract}/reports/2026-07");
    // 900 sessions at 40 s, 1,100 at 50 s, 1,000 at 30 s: 121,000 s over 3,000.
    let totals =
        json!({ "metric": "first_response_time", "numerator": 121_000_000, "denominator": 3000 });
    let mut body = crate::routes::report();
    body["figures"] = json!([totals]);
    let whole = app.put(&path, &key, body.clone()).await;
    assert_eq!(
        (whole.status, whole.error_fields()),
        (422, vec!["figures[0].segments".to_owned()]),
        "{:?}",
        whole.body
    );
    let message = whole.body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("2026-07-10 to 2026-07-20"), "{message}");
    // Parts that do not add up to the totals are refused too.
    let mut parts = totals.clone();
    parts["segments"] = json!([
        { "from": PARTS[0].0, "to": PARTS[0].1, "numerator": 36_000_000, "denominator": 900 },
        { "from": PARTS[1].0, "to": PARTS[1].1, "numerator": 55_000_000, "denominator": 1100 },
        { "from": PARTS[2].0, "to": PARTS[2].1, "numerator": 30_000_000, "denominator": 999 }
    ]);
    body["figures"] = json!([parts]);
    let wrong = app.put(&path, &key, body.clone()).await;
    assert_eq!(
        (wrong.status, wrong.error_fields()),
        (422, vec!["figures[0].segments".to_owned()])
    );
    parts["segments"][2]["denominator"] = json!(1000);
    body["figures"] = json!([parts]);
    let written = app.put(&path, &key, body).await;
    assert_eq!(written.status, 200, "{:?}", written.body);
    // The report asks for the parts, and shows them.
    assert_eq!(
        written.body["splits"],
        json!([{ "metric": "first_response_time", "parts": PARTS.map(|(from, to)| json!({ "from": from, "to": to })) }])
    );
    assert_eq!(
        written.body["figures"][0]["segments"][1]["for_sla"]["value"],
        "50"
    );
    let submitted = app.post(&format!("{path}/submit"), &key, json!({})).await;
    assert_eq!(submitted.status, 200, "{:?}", submitted.body);
    let accepted = app
        .post(&format!("{path}/accept"), &owner.token, json!({}))
        .await;
    assert_eq!(accepted.status, 200, "{:?}", accepted.body);
    let draft = app
        .post(
            &format!("/api/v1/contracts/{contract}/invoices"),
            &owner.token,
            json!({ "period": "2026-07" }),
        )
        .await;
    assert_eq!(draft.status, 201, "{:?}", draft.body);
    // Own target, 1–9 and 21–31 July: 66,000 s over 1,900 = 34.74 s, 4 whole
    // steps over 30 s: −400.00. The override, 10–20 July: 50 s against 45 s,
    // 5 steps: −500.00. (On the month's 40.33 s the override would have been
    // met and the rest charged 10 steps.)
    assert_eq!(
        amounts(&draft.body),
        vec![
            ("座席费 — 第1阶段".to_owned(), dec(&json!("55000.00"))),
            ("首次响应时间".to_owned(), dec(&json!("-400.00"))),
            ("首次响应时间 (大促)".to_owned(), dec(&json!("-500.00"))),
        ]
    );
    let notes = draft.body["notes"].to_string();
    assert!(!notes.contains("whole month"), "{notes}");
}
