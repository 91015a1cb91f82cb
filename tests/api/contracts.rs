//! Contracts: written part by part, activated, amended, read back as of any date.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{CREDIT_CODES, ContractIds, Plan, Session, TestApp, spawn_app, vendor_body};

struct Merchant {
    app: TestApp,
    owner: Session,
    vendor: i64,
    shop: i64,
}

async fn merchant() -> Merchant {
    let app = spawn_app().await;
    let owner = app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    let shop = app
        .post(
            "/api/v1/shops",
            &owner.token,
            json!({ "platform": "tmall", "name": "某某旗舰店" }),
        )
        .await;
    let shop = shop.body["id"].as_i64().unwrap();
    Merchant {
        app,
        owner,
        vendor,
        shop,
    }
}

impl Merchant {
    async fn contract(&self) -> ContractIds {
        self.app
            .tmall_contract(&self.owner.token, "KF-2026-001", self.vendor, self.shop)
            .await
    }

    fn path(&self, ids: &ContractIds, rest: &str) -> String {
        format!("/api/v1/contracts/{}{rest}", ids.contract)
    }

    async fn put(&self, path: &str, body: Value) -> crate::helpers::Reply {
        self.app
            .call(Method::PUT, path, Some(&self.owner.token), Some(&body))
            .await
    }

    async fn activate(&self, ids: &ContractIds) {
        let reply = self
            .app
            .post(&self.path(ids, "/activate"), &self.owner.token, json!({}))
            .await;
        assert_eq!(reply.status, 200, "activate: {:?}", reply.body);
    }
}

#[tokio::test]
async fn the_tmall_contract_is_written_activated_and_read_back_exactly() {
    let m = merchant().await;
    let ids = m.contract().await;
    let plan = Plan::now();

    let draft = m.app.get(&m.path(&ids, "/terms"), &m.owner.token).await;
    assert_eq!(
        (draft.status, draft.body["state"].as_str()),
        (200, Some("draft"))
    );
    let terms = &draft.body["terms"];
    assert_eq!(
        terms["charges"][0],
        json!({ "id": ids.seat_charge, "kind": "seat_monthly", "name": "座席费", "rate": "6000.00" })
    );
    assert_eq!(
        terms["charges"][1]["tiers"],
        json!([{ "from": "0", "unit_price": "1.20" }, { "from": "20000", "unit_price": "1.00" }])
    );
    assert_eq!(
        (&terms["charges"][2]["id"], &terms["charges"][2]["percent"]),
        (&json!(ids.commission), &json!("2"))
    );
    let phase_ids: Vec<i64> = terms["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(phase_ids, ids.phases, "phases read in date order");
    let clause_ids: Vec<i64> = terms["sla_clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        clause_ids,
        [ids.response_clause, ids.conversion_clause, ids.dsr_clause]
    );
    let seats: Vec<i64> = terms["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["seats"].as_i64().unwrap())
        .collect();
    assert_eq!(seats, [4, 10, 16]);
    assert_eq!(terms["sla_clauses"][0]["overrides"][0]["target"], "45");
    assert_eq!(
        terms["sla_clauses"][1]["penalty"]["bands"][2],
        json!({ "threshold": "30", "inclusive": true, "percent": "20", "amount": null })
    );
    assert_eq!(
        terms["sla_clauses"][2]["bonus"]["also_requires"][0],
        json!({ "metric": "csat", "threshold": "90" })
    );
    assert_eq!(terms["liability"]["monthly_cap"]["percent_of_fees"], "20");
    assert_eq!(terms["liability"]["annual_cap"], "200000.00");

    m.activate(&ids).await;
    let contract = m.app.get(&m.path(&ids, ""), &m.owner.token).await;
    assert_eq!(contract.body["status"], "active");

    let as_of_start = m
        .app
        .get(
            &m.path(&ids, &format!("/terms?as_of={}", plan.start)),
            &m.owner.token,
        )
        .await;
    assert_eq!(
        (
            as_of_start.body["version"].as_i64(),
            as_of_start.body["state"].as_str()
        ),
        (Some(1), Some("in_force"))
    );
    assert_eq!(
        as_of_start.body["terms"], *terms,
        "the terms in force are the draft as written"
    );
    let before_start = plan.start.pred_opt().unwrap();
    let none = m
        .app
        .get(
            &m.path(&ids, &format!("/terms?as_of={before_start}")),
            &m.owner.token,
        )
        .await;
    assert_eq!(
        none.status, 404,
        "no terms are in force before the contract starts"
    );
    let after_end = plan.end.succ_opt().unwrap();
    let none = m
        .app
        .get(
            &m.path(&ids, &format!("/terms?as_of={after_end}")),
            &m.owner.token,
        )
        .await;
    assert_eq!(none.status, 404, "nor after it ends");
}

#[tokio::test]
async fn activation_lists_every_problem_at_once() {
    let m = merchant().await;
    let plan = Plan::now();
    let body = json!({ "number": "KF-EMPTY", "title": "空合同", "vendor_id": m.vendor, "shop_ids": [m.shop],
                       "start": plan.start, "end": plan.end });
    let created = m.app.post("/api/v1/contracts", &m.owner.token, body).await;
    let base = format!("/api/v1/contracts/{}", created.body["id"]);
    let empty = m
        .app
        .post(&format!("{base}/activate"), &m.owner.token, json!({}))
        .await;
    assert_eq!(
        (empty.status, empty.error_fields()),
        (422, vec!["charges".to_owned()])
    );

    let seat = json!({ "kind": "seat_monthly", "name": "座席费", "rate": "6000.00" });
    m.app
        .post(&format!("{base}/charges"), &m.owner.token, seat)
        .await;
    let no_phases = m
        .app
        .post(&format!("{base}/activate"), &m.owner.token, json!({}))
        .await;
    assert_eq!(
        (no_phases.status, no_phases.error_fields()),
        (422, vec!["phases".to_owned()])
    );
    let still = m.app.get(&base, &m.owner.token).await;
    assert_eq!(
        still.body["status"], "draft",
        "a refused activation changes nothing"
    );
}

#[tokio::test]
async fn a_signed_contract_changes_only_by_amendment_and_keeps_its_history() {
    let m = merchant().await;
    let ids = m.contract().await;
    let plan = Plan::now();
    m.activate(&ids).await;

    let seat_path = m.path(&ids, &format!("/charges/{}", ids.seat_charge));
    let raise = json!({ "kind": "seat_monthly", "name": "座席费", "rate": "6500.00" });
    let direct = m.put(&seat_path, raise.clone()).await;
    assert_eq!(
        direct.status, 409,
        "a signed contract is not edited in place: {:?}",
        direct.body
    );

    let opened = m
        .app
        .post(
            &m.path(&ids, "/amendments"),
            &m.owner.token,
            json!({ "effective_from": plan.third, "reason": "旺季加价" }),
        )
        .await;
    assert_eq!(
        (opened.status, opened.body["state"].as_str()),
        (201, Some("pending")),
        "{:?}",
        opened.body
    );
    let version = opened.body["version"].as_i64().unwrap();
    assert_eq!(m.put(&seat_path, raise).await.status, 200);

    // Until applied, the amendment is not in force.
    let today = m
        .app
        .get(
            &m.path(&ids, &format!("/terms?as_of={}", plan.third)),
            &m.owner.token,
        )
        .await;
    assert_eq!(today.body["terms"]["charges"][0]["rate"], "6000.00");

    let applied = m
        .app
        .post(
            &m.path(&ids, &format!("/amendments/{version}/apply")),
            &m.owner.token,
            json!({}),
        )
        .await;
    assert_eq!(applied.status, 200, "{:?}", applied.body);
    let after = m
        .app
        .get(
            &m.path(&ids, &format!("/terms?as_of={}", plan.third)),
            &m.owner.token,
        )
        .await;
    assert_eq!(
        (
            after.body["version"].as_i64(),
            &after.body["terms"]["charges"][0]["rate"]
        ),
        (Some(version), &json!("6500.00"))
    );
    let earlier = m
        .app
        .get(
            &m.path(&ids, &format!("/terms?as_of={}", plan.second)),
            &m.owner.token,
        )
        .await;
    assert_eq!(
        (
            earlier.body["version"].as_i64(),
            &earlier.body["terms"]["charges"][0]["rate"]
        ),
        (Some(1), &json!("6000.00"))
    );

    let history = m
        .app
        .get(&m.path(&ids, "/terms/versions"), &m.owner.token)
        .await;
    let states: Vec<(i64, &str, Option<&str>)> = history
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version"].as_i64().unwrap(),
                v["state"].as_str().unwrap(),
                v["reason"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        states,
        [
            (1, "in_force", None),
            (version, "in_force", Some("旺季加价"))
        ]
    );

    let audit = m
        .app
        .get(&m.path(&ids, "/audit?limit=100"), &m.owner.token)
        .await;
    let entries = audit.body["items"].as_array().unwrap();
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions.first(), Some(&"contract.created"));
    assert_eq!(
        &actions[actions.len() - 4..],
        [
            "contract.active",
            "amendment.opened",
            "charge.replaced",
            "amendment.applied"
        ]
    );
    let replaced = entries
        .iter()
        .find(|e| e["action"] == "charge.replaced")
        .unwrap();
    assert_eq!(
        (&replaced["before"]["rate"], &replaced["after"]["rate"]),
        (&json!("6000.00"), &json!("6500.00"))
    );
    assert_eq!(replaced["actor_user_id"], m.owner.user_id);
}

#[tokio::test]
async fn amendments_do_not_reach_into_past_periods_unless_corrections() {
    let m = merchant().await;
    let ids = m.contract().await;
    let plan = Plan::now();
    m.activate(&ids).await;
    let path = m.path(&ids, "/amendments");
    let past = m
        .app
        .post(
            &path,
            &m.owner.token,
            json!({ "effective_from": plan.second, "reason": "补录" }),
        )
        .await;
    assert_eq!(
        (past.status, past.error_fields()),
        (422, vec!["effective_from".to_owned()])
    );
    let correction =
        json!({ "effective_from": plan.second, "reason": "更正座席数", "correction": true });
    let opened = m.app.post(&path, &m.owner.token, correction).await;
    assert_eq!(opened.status, 201, "{:?}", opened.body);
    let second = m
        .app
        .post(
            &path,
            &m.owner.token,
            json!({ "effective_from": plan.third, "reason": "再改" }),
        )
        .await;
    assert_eq!(second.status, 409, "one amendment open at a time");
    let version = opened.body["version"].as_i64().unwrap();
    let discarded = m
        .app
        .delete(
            &m.path(&ids, &format!("/amendments/{version}")),
            &m.owner.token,
        )
        .await;
    assert_eq!(discarded.status, 204);
    let history = m
        .app
        .get(&m.path(&ids, "/terms/versions"), &m.owner.token)
        .await;
    assert_eq!(history.body[1]["state"], "discarded");
}

#[tokio::test]
async fn invalid_parts_name_their_field_and_rule_and_change_nothing() {
    let m = merchant().await;
    let ids = m.contract().await;
    let plan = Plan::now();
    let charges = m.path(&ids, "/charges");
    let clauses = m.path(&ids, "/sla-clauses");
    let phases = m.path(&ids, "/phases");
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            &charges,
            json!({ "kind": "seat_monthly", "name": "座席费", "rate": 6000.5 }),
            "rate",
            "a float amount",
        ),
        (
            &charges,
            json!({ "kind": "per_unit", "name": "接待", "metric": "consultations", "pricing": "tiered", "tiers": [] }),
            "pricing",
            "a pricing that does not exist",
        ),
        (
            &charges,
            json!({ "kind": "per_unit", "name": "接待", "metric": "consultations", "pricing": "volume",
                           "tiers": [{ "from": "0", "unit_price": 1.2 }] }),
            "tiers[0].unit_price",
            "a float unit price",
        ),
        (
            &charges,
            json!({ "kind": "fixed", "name": "管理费", "amount": "1.00", "tenant_id": 2 }),
            "tenant_id",
            "an unknown field in a charge",
        ),
        (
            &charges,
            json!({ "name": "管理费", "amount": "1.00" }),
            "kind",
            "a charge without its kind",
        ),
        (
            &clauses,
            json!({ "name": "满意度", "metric": "csat", "target": "90", "penalty": { "type": "per_step", "step": "1", "amount": 50 } }),
            "penalty.amount",
            "a float inside a penalty schedule",
        ),
        (
            &charges,
            json!({ "kind": "fixed", "name": "管理费", "amount": "100.001" }),
            "amount",
            "an amount finer than a fen",
        ),
        (
            &charges,
            json!({ "kind": "per_unit", "name": "接待", "metric": "consultations", "pricing": "volume",
                           "tiers": [{ "from": "10", "unit_price": "1" }] }),
            "tiers[0].from",
            "tiers not from zero",
        ),
        (
            &charges,
            json!({ "kind": "commission", "name": "提成", "tier_by": "kpi", "kpi_metric": "conversion_rate",
                           "tiers": [{ "from": "0", "percent": "2" }, { "from": "40", "percent": "300" }] }),
            "tiers[1].percent",
            "a percentage above 100",
        ),
        (
            &charges,
            json!({ "kind": "minimum_commitment", "name": "保底", "amount": "50000.00", "covers": [999] }),
            "covers[0]",
            "a floor under a charge that does not exist",
        ),
        (
            &charges,
            json!({ "kind": "bonus", "name": "x" }),
            "kind",
            "a charge kind that does not exist",
        ),
        (
            &clauses,
            json!({ "name": "响应", "metric": "reply_speed", "target": "30", "penalty": { "type": "fixed", "amount": "1.00" } }),
            "metric",
            "a metric not in the catalogue",
        ),
        (
            &clauses,
            json!({ "name": "转化", "metric": "conversion_rate", "target": "40",
                           "penalty": { "type": "bands", "bands": [{ "threshold": "35", "amount": "100.00" }, { "threshold": "38", "amount": "200.00" }] } }),
            "penalty.bands[1].threshold",
            "penalty bands of a higher-is-better metric that rise",
        ),
        (
            &clauses,
            json!({ "name": "转化", "metric": "conversion_rate", "target": "40",
                           "penalty": { "type": "bands", "fee_base": { "charge_kinds": ["fixed"] }, "bands": [{ "threshold": "40", "percent": "5" }] } }),
            "penalty.fee_base.charge_kinds[0]",
            "a fee base naming a charge kind the contract has not",
        ),
        (
            &clauses,
            json!({ "name": "满意度", "metric": "csat", "target": "190", "penalty": { "type": "fixed", "amount": "1.00" } }),
            "target",
            "a share above 100%",
        ),
        (
            &phases,
            json!({ "name": "延长", "start": plan.end, "end": plan.end + chrono::Days::new(30), "channels": ["phone"], "inquiry_share": "10", "seats": 1 }),
            "end",
            "a phase past the contract's end",
        ),
        (
            &phases,
            json!({ "name": "重叠", "start": plan.start, "end": plan.second, "channels": ["phone"], "inquiry_share": "10", "seats": 1 }),
            "start",
            "a phase overlapping another",
        ),
    ];
    let before = m
        .app
        .get(&m.path(&ids, "/terms"), &m.owner.token)
        .await
        .body["terms"]
        .clone();
    for (path, body, field, rule) in cases {
        let reply = m.app.post(path, &m.owner.token, body).await;
        assert_eq!(reply.status, 422, "{rule}: {:?}", reply.body);
        assert!(
            reply.error_fields().contains(&field.to_owned()),
            "{rule}: expected {field} in {:?}",
            reply.body
        );
    }
    let float = m
        .app
        .post(
            &charges,
            &m.owner.token,
            json!({ "kind": "fixed", "name": "管理费", "amount": 100 }),
        )
        .await;
    assert!(
        float.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("as strings"),
        "{:?}",
        float.body
    );
    let cap = m
        .put(
            &m.path(&ids, "/liability"),
            json!({ "monthly_cap": { "percent_of_fees": "120" } }),
        )
        .await;
    assert_eq!(
        (cap.status, cap.error_fields()),
        (
            422,
            vec!["liability.monthly_cap.percent_of_fees".to_owned()]
        )
    );
    let after = m
        .app
        .get(&m.path(&ids, "/terms"), &m.owner.token)
        .await
        .body["terms"]
        .clone();
    assert_eq!(after, before, "no refused write changed the terms");
}

#[tokio::test]
async fn a_charge_the_fee_base_needs_cannot_be_removed() {
    let m = merchant().await;
    let ids = m.contract().await;
    m.app
        .delete(
            &m.path(&ids, &format!("/charges/{}", ids.unit_charge)),
            &m.owner.token,
        )
        .await;
    let reply = m
        .app
        .delete(
            &m.path(&ids, &format!("/charges/{}", ids.seat_charge)),
            &m.owner.token,
        )
        .await;
    assert_eq!(reply.status, 422, "{:?}", reply.body);
    assert!(
        reply
            .error_fields()
            .iter()
            .any(|f| f.ends_with("penalty.fee_base.charge_kinds[0]")),
        "{:?}",
        reply.body
    );
    let clause = m
        .app
        .delete(
            &m.path(&ids, &format!("/sla-clauses/{}", ids.conversion_clause)),
            &m.owner.token,
        )
        .await;
    assert_eq!(clause.status, 204);
    let phase = m
        .app
        .delete(
            &m.path(&ids, &format!("/phases/{}", ids.phases[1])),
            &m.owner.token,
        )
        .await;
    assert_eq!(
        phase.status, 422,
        "the DSR clause applies from that phase: {:?}",
        phase.body
    );
}

#[tokio::test]
async fn a_contract_lives_draft_active_suspended_terminated() {
    let m = merchant().await;
    let ids = m.contract().await;
    let reason = json!({ "reason": "双方协商" });
    let suspend_draft = m
        .app
        .post(&m.path(&ids, "/suspend"), &m.owner.token, reason.clone())
        .await;
    assert_eq!(
        (suspend_draft.status, suspend_draft.error_fields()),
        (409, vec!["status".to_owned()])
    );
    m.activate(&ids).await;
    for (action, status) in [
        ("/suspend", "suspended"),
        ("/resume", "active"),
        ("/terminate", "terminated"),
    ] {
        let reply = m
            .app
            .post(&m.path(&ids, action), &m.owner.token, reason.clone())
            .await;
        assert_eq!(
            (reply.status, reply.body["status"].as_str()),
            (200, Some(status)),
            "{action}: {:?}",
            reply.body
        );
        if action == "/terminate" {
            // It ends today: nothing after it is billed or fed.
            let today = chrono::Utc::now()
                .with_timezone(&chrono_tz::Asia::Shanghai)
                .date_naive();
            assert_eq!(reply.body["end"], json!(today));
        }
    }
    assert_eq!(
        m.app
            .post(&m.path(&ids, "/resume"), &m.owner.token, reason.clone())
            .await
            .status,
        409
    );
    let amend = json!({ "effective_from": Plan::now().third, "reason": "终止后修改" });
    assert_eq!(
        m.app
            .post(&m.path(&ids, "/amendments"), &m.owner.token, amend)
            .await
            .status,
        409,
        "a terminated contract is not amended"
    );
    let no_reason = m
        .app
        .post(
            &m.path(&ids, "/suspend"),
            &m.owner.token,
            json!({ "reason": " " }),
        )
        .await;
    assert_eq!(
        (no_reason.status, no_reason.error_fields()),
        (422, vec!["reason".to_owned()])
    );
}

#[tokio::test]
async fn phases_start_in_order_with_a_reason() {
    let m = merchant().await;
    let ids = m.contract().await;
    m.activate(&ids).await;
    let m = &m;
    let step = |phase: i64, action: &'static str| {
        let path = m.path(&ids, &format!("/phases/{phase}/{action}"));
        async move {
            m.app
                .post(&path, &m.owner.token, json!({ "reason": "按计划" }))
                .await
        }
    };
    let early = step(ids.phases[1], "start").await;
    assert_eq!(
        early.status, 409,
        "the phase before is not completed: {:?}",
        early.body
    );
    assert_eq!(
        step(ids.phases[0], "complete").await.status,
        409,
        "a planned phase is not completed"
    );
    assert_eq!(step(ids.phases[0], "start").await.body, "in_progress");
    assert_eq!(step(ids.phases[0], "complete").await.body, "completed");
    // The trial's gate (first response at most 40 s) holds last month: 35 s.
    let day = Plan::now().second;
    let rows = json!({ "rows": [{ "metric": "first_response_time", "day": day, "numerator": 350000, "denominator": 10 }] });
    let fed = m
        .app
        .post(&m.path(&ids, "/kpi"), &m.owner.token, rows)
        .await;
    assert_eq!(fed.status, 201, "{:?}", fed.body);
    assert_eq!(step(ids.phases[1], "start").await.body, "in_progress");
    assert_eq!(step(ids.phases[1], "roll-back").await.body, "rolled_back");
}

#[tokio::test]
async fn contracts_are_checked_when_created() {
    let m = merchant().await;
    let plan = Plan::now();
    let other = m.app.signup("乙", "other@shop.cn").await;
    let foreign_shop = m
        .app
        .post(
            "/api/v1/shops",
            &other.token,
            json!({ "platform": "jd", "name": "京东店" }),
        )
        .await;
    let invited = m
        .app
        .post(
            "/api/v1/vendors",
            &m.owner.token,
            vendor_body(CREDIT_CODES[1]),
        )
        .await;
    let valid = json!({ "number": "KF-1", "title": "合同", "vendor_id": m.vendor, "shop_ids": [m.shop], "start": plan.start, "end": plan.end });
    let with = |change: Value| {
        let mut body = valid.clone();
        body.as_object_mut()
            .unwrap()
            .extend(change.as_object().unwrap().clone());
        body
    };
    let cases = [
        (with(json!({ "currency": "RMB" })), "currency"),
        (with(json!({ "time_zone": "Beijing" })), "time_zone"),
        (
            with(json!({ "end": plan.start.pred_opt().unwrap() })),
            "end",
        ),
        (
            with(json!({ "vendor_id": invited.body["id"] })),
            "vendor_id",
        ),
        (
            with(json!({ "shop_ids": [foreign_shop.body["id"]] })),
            "shop_ids[0]",
        ),
        (with(json!({ "shop_ids": [] })), "shop_ids"),
    ];
    for (body, field) in cases {
        let reply = m.app.post("/api/v1/contracts", &m.owner.token, body).await;
        assert_eq!(
            (reply.status, reply.error_fields()),
            (422, vec![field.to_owned()]),
            "{:?}",
            reply.body
        );
    }
    assert_eq!(
        m.app
            .post("/api/v1/contracts", &m.owner.token, valid.clone())
            .await
            .status,
        201
    );
    let again = m.app.post("/api/v1/contracts", &m.owner.token, valid).await;
    assert_eq!(
        (again.status, again.error_fields()),
        (409, vec!["number".to_owned()])
    );
}

#[tokio::test]
async fn a_vendor_user_reads_its_contracts_and_writes_none() {
    let m = merchant().await;
    let ids = m.contract().await;
    let staff = m
        .app
        .user(&m.owner, "staff@vendor.cn", "vendor", Some(m.vendor))
        .await;
    let listed = m.app.get("/api/v1/contracts", &staff.token).await;
    assert_eq!(listed.body["items"][0]["id"], ids.contract);
    let clauses = m.app.get(&m.path(&ids, "/sla-clauses"), &staff.token).await;
    assert_eq!(clauses.body.as_array().map(Vec::len), Some(3));
    let write = m
        .app
        .post(
            &m.path(&ids, "/charges"),
            &staff.token,
            json!({ "kind": "fixed", "name": "x", "amount": "1.00" }),
        )
        .await;
    assert_eq!(write.status, 403);
}

#[tokio::test]
async fn exclusion_windows_are_recorded_with_who_and_why() {
    let m = merchant().await;
    let ids = m.contract().await;
    let plan = Plan::now();
    let path = m.path(&ids, "/exclusions");
    let body = json!({ "from": plan.second, "to": plan.second + chrono::Days::new(2), "category": "force_majeure", "note": "台风停电" });
    let recorded = m.app.post(&path, &m.owner.token, body).await;
    assert_eq!(recorded.status, 201, "{:?}", recorded.body);
    assert_eq!(
        (
            recorded.body["recorded_by"].as_i64(),
            recorded.body["category"].as_str()
        ),
        (Some(m.owner.user_id), Some("force_majeure"))
    );

    let cases = [
        (
            json!({ "from": plan.second, "to": plan.start, "category": "other", "note": "x" }),
            "to",
        ),
        (
            json!({ "from": plan.end + chrono::Days::new(1), "to": plan.end + chrono::Days::new(2), "category": "other", "note": "x" }),
            "from",
        ),
        (
            json!({ "from": plan.second, "to": plan.second, "category": "weather", "note": "x" }),
            "category",
        ),
        (
            json!({ "from": plan.second, "to": plan.second, "category": "other", "note": "" }),
            "note",
        ),
    ];
    for (body, field) in cases {
        let reply = m.app.post(&path, &m.owner.token, body).await;
        assert_eq!(
            (reply.status, reply.error_fields()),
            (422, vec![field.to_owned()]),
            "{:?}",
            reply.body
        );
    }
    let listed = m.app.get(&path, &m.owner.token).await;
    assert_eq!(listed.body.as_array().map(Vec::len), Some(1));
    let removed = m
        .app
        .delete(&format!("{path}/{}", recorded.body["id"]), &m.owner.token)
        .await;
    assert_eq!(removed.status, 204);
    let audit = m
        .app
        .get(&m.path(&ids, "/audit?limit=100"), &m.owner.token)
        .await;
    let actions: Vec<&str> = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        &actions[actions.len() - 2..],
        ["exclusion.recorded", "exclusion.removed"]
    );
}

#[tokio::test]
async fn the_handover_plan_reads_in_date_order() {
    let m = merchant().await;
    let plan = Plan::now();
    let body = json!({ "number": "KF-ORDER", "title": "合同", "vendor_id": m.vendor, "shop_ids": [m.shop], "start": plan.start, "end": plan.end });
    let created = m.app.post("/api/v1/contracts", &m.owner.token, body).await;
    let phases = format!("/api/v1/contracts/{}/phases", created.body["id"]);
    let phase = |name: &str, start, end| json!({ "name": name, "start": start, "end": end, "channels": ["online_chat"], "inquiry_share": "50", "seats": 2 });
    let later = m
        .app
        .post(
            &phases,
            &m.owner.token,
            phase("第二阶段", plan.second, plan.third),
        )
        .await;
    let earlier = m
        .app
        .post(
            &phases,
            &m.owner.token,
            phase("第一阶段", plan.start, plan.second),
        )
        .await;
    let listed = m.app.get(&phases, &m.owner.token).await;
    let ids: Vec<&Value> = listed
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["id"])
        .collect();
    assert_eq!(ids, [&earlier.body["id"], &later.body["id"]]);
    // A phase replaced in place does not overlap its own old self.
    let mut more_seats = phase("第二阶段", plan.second, plan.third);
    more_seats["seats"] = json!(3);
    let replaced = m
        .put(&format!("{phases}/{}", later.body["id"]), more_seats)
        .await;
    assert_eq!(
        (replaced.status, &replaced.body["seats"]),
        (200, &json!(3)),
        "{:?}",
        replaced.body
    );
}

#[tokio::test]
async fn an_amendment_left_open_freezes_when_the_contract_is_terminated() {
    let m = merchant().await;
    let ids = m.contract().await;
    m.activate(&ids).await;
    let amend = json!({ "effective_from": Plan::now().third, "reason": "加座席" });
    let opened = m
        .app
        .post(&m.path(&ids, "/amendments"), &m.owner.token, amend)
        .await;
    assert_eq!(opened.status, 201);
    let terminated = m
        .app
        .post(
            &m.path(&ids, "/terminate"),
            &m.owner.token,
            json!({ "reason": "合作结束" }),
        )
        .await;
    assert_eq!(terminated.status, 200);
    let charge = json!({ "kind": "seat_monthly", "name": "座席费", "rate": "7000.00" });
    let edit = m
        .put(
            &m.path(&ids, &format!("/charges/{}", ids.seat_charge)),
            charge,
        )
        .await;
    assert_eq!(edit.status, 409, "{:?}", edit.body);
}
