//! One vendor's figures never stop a tenant: components are bounded by what
//! their unit can hold, and a contract that cannot be computed is listed by
//! the close while every other contract is drafted. Two closes at once draft
//! each contract once and neither calls the other's drafts failures.

use diesel::RunQueryDsl;
use futures_util::future::join;
use serde_json::{Value, json};

use crate::invoices::Billing;
use crate::kpi::{day, last_month};

#[tokio::test]
async fn a_component_beyond_what_its_unit_can_hold_is_refused_with_the_bound() {
    let b = Billing::new().await;
    let reply =
        b.s.feed(
            &b.s.vendor_key,
            json!({ "rows": [
                { "metric": "consultations", "day": day(1), "numerator": i64::MAX },
                { "metric": "first_response_time", "day": day(1), "numerator": 1000, "denominator": 2_000_000_000i64 }
            ] }),
        )
        .await;
    assert_eq!(reply.status, 422, "{:?}", reply.body);
    assert_eq!(
        reply.error_fields(),
        ["rows[0].numerator", "rows[1].denominator"]
    );
    let message = reply.body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("1000000000"), "{message}");
    // Nothing was written: the month's consultations are as fed before.
    let month = b.s.month(&b.s.owner.token).await;
    let consultations = month["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == "consultations")
        .unwrap()
        .clone();
    assert_eq!(
        consultations["for_billing"]["numerator"],
        json!(600 * days() as i64),
        "{consultations}"
    );
}

fn days() -> u64 {
    let plan = crate::helpers::Plan::now();
    (plan.third - plan.second).num_days() as u64
}

/// A second signed contract of the same vendor; its id.
pub async fn second_contract(b: &Billing) -> i64 {
    let contract = b.second_contract().await;
    let activated =
        b.s.app
            .post(
                &format!("/api/v1/contracts/{contract}/activate"),
                &b.s.owner.token,
                json!({}),
            )
            .await;
    assert_eq!(activated.status, 200, "{:?}", activated.body);
    contract
}

fn close(b: &Billing) -> impl std::future::Future<Output = crate::helpers::Reply> + '_ {
    b.s.app.post(
        "/api/v1/billing/close",
        &b.finance.token,
        json!({ "period": last_month() }),
    )
}

#[tokio::test]
async fn figures_the_database_cannot_sum_fail_one_contract_not_the_close() {
    let b = Billing::new().await;
    let broken = second_contract(&b).await;
    // Stored before components were bounded: two days of the largest integer.
    let pool = kefu::store::connect(&b.s.app.database_url).unwrap();
    let mut conn = pool.get().unwrap();
    for n in [1, 2] {
        diesel::sql_query(format!(
            "INSERT INTO kpi_rows (tenant_id, month, contract_id, day, metric, source, numerator, denominator, revision, recorded_at) \
             VALUES ({}, {}, {broken}, '{}', 'consultations', 'vendor', {}, 1, 1, CURRENT_TIMESTAMP)",
            b.s.owner.tenant_id,
            kefu::store::kpi::month_of(day(n)),
            day(n),
            i64::MAX
        ))
        .execute(&mut *conn)
        .unwrap();
    }
    drop(conn);
    let closed = close(&b).await;
    assert_eq!(closed.status, 200, "{:?}", closed.body);
    assert_eq!(
        (&closed.body["contracts"], &closed.body["created"]),
        (&json!(2), &json!(1))
    );
    let failed = closed.body["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0]["contract_id"], json!(broken));
    assert!(
        failed[0]["problem"]
            .as_str()
            .unwrap()
            .contains("internal error"),
        "{failed:?}"
    );
    // The tenant's invoices still list.
    let listed = b.s.app.get("/api/v1/invoices", &b.finance.token).await;
    assert_eq!(listed.status, 200, "{:?}", listed.body);
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn two_closes_at_once_draft_each_contract_once_and_fail_none() {
    let b = Billing::new().await;
    second_contract(&b).await;
    let (first, second) = join(close(&b), close(&b)).await;
    let summaries: Vec<&Value> = [&first, &second]
        .iter()
        .map(|r| {
            assert_eq!(r.status, 200, "{:?}", r.body);
            &r.body
        })
        .collect();
    for summary in &summaries {
        assert_eq!(summary["failed"], json!([]), "{summary}");
        assert_eq!(summary["contracts"], json!(2));
    }
    let created: i64 = summaries
        .iter()
        .map(|s| s["created"].as_i64().unwrap())
        .sum();
    let already: i64 = summaries
        .iter()
        .map(|s| s["already_invoiced"].as_i64().unwrap())
        .sum();
    assert_eq!((created, already), (2, 2), "{summaries:?}");
}
