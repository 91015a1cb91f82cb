//! Monthly reports and their review, incidents and their escalation, and the
//! gates between handover phases.

use chrono::TimeDelta;
use diesel::prelude::*;
use serde_json::{Value, json};

use crate::kpi::{Signed, day, last_month, metric};
use crate::routes::report;

impl Signed {
    pub fn report_path(&self, period: &str, action: &str) -> String {
        self.path(&format!("/reports/{period}{action}"))
    }

    async fn audit_actions(&self) -> Vec<String> {
        let reply = self
            .app
            .get(&self.path("/audit?limit=100"), &self.owner.token)
            .await;
        reply.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap().to_owned())
            .collect()
    }
}

fn figure<'a>(report: &'a Value, code: &str) -> &'a Value {
    report["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["metric"] == code)
        .unwrap_or_else(|| panic!("{code} not in {report}"))
}

#[tokio::test]
async fn a_report_is_drafted_from_the_feed_disputed_resubmitted_and_accepted() {
    let s = Signed::new().await;
    let period = last_month();
    let rows = json!({ "rows": [
        { "metric": "consultations", "day": day(1), "numerator": 100 },
        { "metric": "consultations", "day": day(2), "numerator": 200 },
        { "metric": "consultations", "day": day(3), "numerator": 300 },
    ] });
    assert_eq!(s.feed(&s.vendor_key, rows).await.status, 201);
    // The merchant cannot write the vendor's report.
    let by_merchant = s
        .app
        .put(&s.report_path(&period, ""), &s.owner.token, report())
        .await;
    assert_eq!(by_merchant.status, 403);
    // A fed metric cannot be entered by hand; an unfed one can.
    let mut body = report();
    body["figures"] = json!([{ "metric": "consultations", "numerator": 9999 }]);
    let refused = s
        .app
        .put(&s.report_path(&period, ""), &s.vendor_key, body.clone())
        .await;
    assert_eq!(
        (refused.status, refused.error_fields()),
        (422, vec!["figures[0].metric".to_owned()])
    );
    body["figures"] = json!([{ "metric": "dsr_service", "numerator": 480, "denominator": 100 }]);
    let draft = s
        .app
        .put(&s.report_path(&period, ""), &s.vendor_key, body)
        .await;
    assert_eq!(draft.status, 200, "{:?}", draft.body);
    assert_eq!(draft.body["status"], "draft");
    // 100 + 200 + 300 from the feed; DSR 480 / 100 = 4.8 entered.
    let consultations = figure(&draft.body, "consultations");
    assert_eq!(
        (
            &consultations["origin"],
            &consultations["for_billing"]["value"]
        ),
        (&json!("feed"), &json!("600"))
    );
    let dsr = figure(&draft.body, "dsr_service");
    assert_eq!(
        (&dsr["origin"], &dsr["for_sla"]["value"]),
        (&json!("entered"), &json!("4.8"))
    );

    let submitted = s
        .app
        .post(&s.report_path(&period, "/submit"), &s.vendor_key, json!({}))
        .await;
    assert_eq!(submitted.status, 200, "{:?}", submitted.body);
    assert_eq!(
        (&submitted.body["status"], &submitted.body["submissions"]),
        (&json!("submitted"), &json!(1))
    );
    assert!(
        submitted.body["deemed_at"].is_string(),
        "the contract deems after 5 days"
    );
    let edit_while_waiting = s
        .app
        .put(&s.report_path(&period, ""), &s.vendor_key, report())
        .await;
    assert_eq!(edit_while_waiting.status, 409);

    let bad_dispute = s
        .app
        .post(
            &s.report_path(&period, "/dispute"),
            &s.owner.token,
            json!({ "comments": [{ "metric": "csat", "comment": "?" }] }),
        )
        .await;
    assert_eq!(
        (bad_dispute.status, bad_dispute.error_fields()),
        (422, vec!["comments[0].metric".to_owned()])
    );
    let disputed = s
        .app
        .post(
            &s.report_path(&period, "/dispute"),
            &s.owner.token,
            json!({ "comments": [{ "metric": "consultations", "comment": "平台数据为580" }] }),
        )
        .await;
    assert_eq!(disputed.status, 200, "{:?}", disputed.body);
    assert_eq!(disputed.body["status"], "disputed");
    let month = s.month(&s.owner.token).await;
    assert_eq!(month["report"]["status"], "disputed");
    let consultations = metric(&month, "consultations");
    assert_eq!(
        (&consultations["disputed"], &consultations["basis"]),
        (&json!(true), &json!("feed"))
    );

    // The vendor corrects its feed and resubmits; the report sums the feed afresh.
    let fix = json!({ "rows": [{ "metric": "consultations", "day": day(3), "numerator": 280 }] });
    assert_eq!(s.feed(&s.vendor_key, fix).await.body["replaced"], 1);
    let resubmitted = s
        .app
        .post(&s.report_path(&period, "/submit"), &s.vendor_key, json!({}))
        .await;
    assert_eq!(resubmitted.body["submissions"], 2);
    assert_eq!(
        figure(&resubmitted.body, "consultations")["for_billing"]["value"],
        "580"
    );
    let by_vendor = s
        .app
        .post(&s.report_path(&period, "/accept"), &s.vendor_key, json!({}))
        .await;
    assert_eq!(
        by_vendor.status, 403,
        "a vendor does not accept its own report"
    );
    let accepted = s
        .app
        .post(
            &s.report_path(&period, "/accept"),
            &s.owner.token,
            json!({}),
        )
        .await;
    assert_eq!(
        (accepted.status, &accepted.body["status"]),
        (200, &json!("accepted"))
    );
    assert_eq!(accepted.body["deemed"], false);
    let again = s
        .app
        .post(
            &s.report_path(&period, "/accept"),
            &s.owner.token,
            json!({}),
        )
        .await;
    assert_eq!(again.status, 409);

    // The month now stands on the report: consultations 580, and DSR 4.8, which nobody fed.
    let month = s.month(&s.owner.token).await;
    let consultations = metric(&month, "consultations");
    assert_eq!(
        (
            &consultations["basis"],
            &consultations["for_billing"]["value"]
        ),
        (&json!("report"), &json!("580"))
    );
    let dsr = metric(&month, "dsr_service");
    assert_eq!(
        (&dsr["basis"], &dsr["for_sla"]["value"]),
        (&json!("report"), &json!("4.8"))
    );
    let actions = s.audit_actions().await;
    let report_steps: Vec<&str> = actions
        .iter()
        .map(String::as_str)
        .filter(|a| a.starts_with("report."))
        .collect();
    assert_eq!(
        report_steps,
        [
            "report.drafted",
            "report.submitted",
            "report.disputed",
            "report.submitted",
            "report.accepted"
        ]
    );
}

#[tokio::test]
async fn a_report_left_unanswered_past_the_contracts_days_is_deemed_accepted() {
    let s = Signed::new().await;
    // The first month of the contract is over too.
    let period = crate::helpers::Plan::now()
        .start
        .format("%Y-%m")
        .to_string();
    let first = crate::helpers::Plan::now().start;
    let rows = json!({ "rows": [{ "metric": "consultations", "day": first, "numerator": 700 }] });
    assert_eq!(s.feed(&s.vendor_key, rows).await.status, 201);
    assert_eq!(
        s.app
            .put(&s.report_path(&period, ""), &s.vendor_key, report())
            .await
            .status,
        200
    );
    let submitted = s
        .app
        .post(&s.report_path(&period, "/submit"), &s.vendor_key, json!({}))
        .await;
    assert_eq!(submitted.body["status"], "submitted");
    // Submitted six days ago: past the contract's five.
    let six_days_ago = (chrono::Utc::now() - TimeDelta::days(6)).naive_utc();
    {
        use kefu::store::schema::monthly_reports;
        let pool = kefu::store::connect(&s.app.database_url).unwrap();
        let mut conn = pool.get().unwrap();
        diesel::update(monthly_reports::table)
            .set(monthly_reports::submitted_at.eq(Some(six_days_ago)))
            .execute(&mut *conn)
            .unwrap();
    }
    let read = s.app.get(&s.report_path(&period, ""), &s.owner.token).await;
    assert_eq!(
        (&read.body["status"], &read.body["deemed"]),
        (&json!("accepted"), &json!(true))
    );
    let late_dispute = s
        .app
        .post(
            &s.report_path(&period, "/dispute"),
            &s.owner.token,
            json!({ "comments": [{ "metric": "consultations", "comment": "太晚了" }] }),
        )
        .await;
    assert_eq!(late_dispute.status, 409, "{:?}", late_dispute.body);
    let month = s
        .app
        .get(&s.path(&format!("/kpi?period={period}")), &s.owner.token)
        .await;
    assert_eq!(
        month.body["report"],
        json!({ "status": "accepted", "deemed": true })
    );
    assert_eq!(metric(&month.body, "consultations")["basis"], "report");
    // This month is not over: its report cannot be submitted yet.
    let this_month = crate::helpers::Plan::now()
        .third
        .format("%Y-%m")
        .to_string();
    assert_eq!(
        s.app
            .put(&s.report_path(&this_month, ""), &s.vendor_key, report())
            .await
            .status,
        200
    );
    let early = s
        .app
        .post(
            &s.report_path(&this_month, "/submit"),
            &s.vendor_key,
            json!({}),
        )
        .await;
    assert_eq!(early.status, 409, "{:?}", early.body);
}

#[tokio::test]
async fn incidents_are_measured_against_the_escalation_deadline() {
    let s = Signed::new().await;
    let at = |h: u32, m: u32| day(3).and_hms_opt(h, m, 0).unwrap().and_utc();
    // Critical incidents must reach the merchant within 30 minutes (the Tmall liability terms).
    let late = s
        .app
        .post(
            &s.path("/incidents"),
            &s.vendor_key,
            json!({ "severity": "critical", "category": "data_leak", "occurred_at": at(2, 0),
                    "escalated_at": at(2, 45), "description": "客服误发买家地址" }),
        )
        .await;
    assert_eq!(late.status, 201, "{:?}", late.body);
    assert_eq!(
        late.body["escalation"],
        json!({ "minutes_to_escalation": 45, "deadline_minutes": 30, "timeliness": "late" })
    );
    assert!(
        late.body["logged_by_key"].is_i64(),
        "logged by the vendor's key"
    );
    let open = s
        .app
        .post(
            &s.path("/incidents"),
            &s.owner.token,
            json!({ "severity": "critical", "category": "safety", "occurred_at": at(3, 0),
                    "description": "买家威胁自残" }),
        )
        .await;
    assert_eq!(open.body["escalation"]["timeliness"], "overdue");
    let path = s.path(&format!("/incidents/{}/escalation", open.body["id"]));
    let backwards = s
        .app
        .post(&path, &s.vendor_key, json!({ "escalated_at": at(2, 59) }))
        .await;
    assert_eq!(
        (backwards.status, backwards.error_fields()),
        (422, vec!["escalated_at".to_owned()])
    );
    let escalated = s
        .app
        .post(&path, &s.vendor_key, json!({ "escalated_at": at(3, 30) }))
        .await;
    assert_eq!(escalated.status, 200, "{:?}", escalated.body);
    assert_eq!(
        escalated.body["escalation"]["timeliness"], "in_time",
        "exactly 30 minutes is in time"
    );
    let twice = s
        .app
        .post(&path, &s.owner.token, json!({ "escalated_at": at(3, 10) }))
        .await;
    assert_eq!(twice.status, 409);
    let future = s
        .app
        .post(
            &s.path("/incidents"),
            &s.owner.token,
            json!({ "severity": "low", "category": "other", "occurred_at": chrono::Utc::now() + TimeDelta::hours(1),
                    "description": "?" }),
        )
        .await;
    assert_eq!(
        (future.status, future.error_fields()),
        (422, vec!["occurred_at".to_owned()])
    );
    let month = s.month(&s.owner.token).await;
    let timeliness: Vec<&str> = month["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["escalation"]["timeliness"].as_str().unwrap())
        .collect();
    assert_eq!(timeliness, ["late", "in_time"]);
    let actions = s.audit_actions().await;
    assert_eq!(
        actions
            .iter()
            .filter(|a| a.starts_with("incident."))
            .collect::<Vec<_>>(),
        ["incident.logged", "incident.logged", "incident.escalated"]
    );
}

#[tokio::test]
async fn the_next_phase_starts_only_when_the_gate_passes_or_an_owner_overrides() {
    let s = Signed::new().await;
    let [trial, expand, _] = s.ids.phases;
    let phase = |id: i64, action: &str| s.path(&format!("/phases/{id}/{action}"));
    let reason = json!({ "reason": "按计划" });
    assert_eq!(
        s.app
            .post(&phase(trial, "start"), &s.owner.token, reason.clone())
            .await
            .status,
        200
    );
    assert_eq!(
        s.app
            .post(&phase(trial, "complete"), &s.owner.token, reason.clone())
            .await
            .status,
        200
    );
    // The trial's exit criterion: first response at most 40 s. Last month: 450,000 ms over 10 = 45 s.
    let slow = json!({ "rows": [{ "metric": "first_response_time", "day": day(1), "numerator": 450000, "denominator": 10 }] });
    assert_eq!(s.feed(&s.owner.token, slow).await.status, 201);
    let gate = s
        .app
        .get(
            &s.path(&format!("/phases/{trial}/gate?period={}", last_month())),
            &s.vendor_key,
        )
        .await;
    assert_eq!(gate.status, 200, "{:?}", gate.body);
    assert_eq!(gate.body["passed"], false);
    assert_eq!(
        gate.body["criteria"],
        json!([{ "metric": "first_response_time", "threshold": "40", "actual": "45", "passed": false }])
    );
    let refused = s
        .app
        .post(&phase(expand, "start"), &s.owner.token, reason.clone())
        .await;
    assert_eq!(refused.status, 409, "{:?}", refused.body);
    assert!(
        refused.body["detail"]
            .as_str()
            .unwrap()
            .contains("first_response_time")
    );
    let manager = s
        .app
        .user(&s.owner, "manager@shop.cn", "manager", None)
        .await;
    let override_body = json!({ "reason": "双11前必须扩容", "override_gate": true });
    let by_manager = s
        .app
        .post(
            &phase(expand, "start"),
            &manager.token,
            override_body.clone(),
        )
        .await;
    assert_eq!(by_manager.status, 403, "only an owner overrides a gate");
    let by_owner = s
        .app
        .post(&phase(expand, "start"), &s.owner.token, override_body)
        .await;
    assert_eq!(
        (by_owner.status, &by_owner.body),
        (200, &json!("in_progress"))
    );
    let audit = s.app.get(&s.path("/audit?limit=100"), &s.owner.token).await;
    let start = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["action"] == "phase.in_progress")
        .unwrap();
    assert_eq!(start["after"]["gate"]["overridden"], true);
    assert_eq!(start["after"]["reason"], "双11前必须扩容");
    // Faster figures pass the gate: 350,000 ms over 10 = 35 s.
    let fast = json!({ "rows": [{ "metric": "first_response_time", "day": day(1), "numerator": 350000, "denominator": 10 }] });
    assert_eq!(s.feed(&s.owner.token, fast).await.status, 201);
    let gate = s
        .app
        .get(
            &s.path(&format!("/phases/{trial}/gate?period={}", last_month())),
            &s.owner.token,
        )
        .await;
    assert_eq!(
        (&gate.body["passed"], &gate.body["criteria"][0]["actual"]),
        (&json!(true), &json!("35"))
    );
}
